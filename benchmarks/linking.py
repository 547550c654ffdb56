"""How linking scales: synthetic claims linked as they arrive, with figures at 10k, 30k and 100k claims (or 1M).

    python benchmarks/linking.py [--sizes 10000,30000,100000] [--per-day 300] [--batch 2000]

One process writes synthetic articles into a temporary SQLite knowledge base
through :meth:`claimgraph.store.Store.write_documents`, a batch at a time, and
after each batch brings links, stories and grades up to date with
:meth:`claimgraph.link.Linker.link` — the same code ``claimgraph ingest`` runs —
until the largest size. When the knowledge base reaches each size it prints the
seconds spent linking so far (wall clock and the process's CPU time; writes are
timed apart), the pairs compared, the links made, the database's size and the
peak resident memory so far (``ru_maxrss``) — and, on stderr as it goes, the CPU
per claim of each tenth of the run. Then it prints how the cost per claim added
grows from one size to the next, in CPU time (the machine may be shared; CPU time
is what the linker itself spends): linking that is linear in the corpus keeps it
flat. The sizes are points of one growing knowledge base, so each step is the
cost of exactly the claims added in it.

The claims are generated, not extracted (no spaCy), from templates with the
facets the extractor fills. The distributions are skewed the way war reporting
is: a few topics dominate (troop deployments, casualties, strikes), a few actors
and regions are named in most claims (Zipf weights), the sources are a few
dozen government organs and outlets plus a long tail of named officials, about
one claim in six cites another source (one in four of those "news reports"),
and each claim is about one of a pool of running propositions whose figure
drifts upwards over time, so that repeats, corroborations, contradictions and
updates all occur. A quarter of claims have no countable topic (statements,
warnings) and get no blocking keys. The corpus grows over time at ``--per-day``
claims a day: a bigger knowledge base covers a longer period, as an archive
does, rather than packing more claims into the same weeks (which would grow
every block with the corpus).

The default sizes stop at 100,000 claims because that is what runs in about ten
minutes on two cores: at 300 claims a day the linker compares about 130 pairs
and makes about 18 links per claim (see docs/linking.md, "Scale"), which does not
grow with the corpus once it spans the blocking windows (two months).
``--sizes 10000,100000,1000000`` asks for the issue's sizes (about two hours);
``--per-day`` changes the density.
"""

from __future__ import annotations

import argparse
import re
import math
import random
import resource
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from claimgraph.datafiles import demo_articles
from claimgraph.link import Linker, LinkReport
from claimgraph.model import (
    Actor,
    ActorType,
    Article,
    Attribution,
    AttributionKind,
    Claim,
    Document,
    EventSubtype,
    Modality,
    Place,
    Polarity,
    QuantityBound,
    QuantityRange,
    Source,
    SourceType,
    TimeGranularity,
    TimeSpan,
)
from claimgraph.store import Store

START = date(2022, 2, 24)
CLAIMS_PER_ARTICLE = 4
# The target: the step 100k → 1M (10× the claims) costs at most 12× the step
# 10k → 100k, i.e. each claim added costs at most 1.2× what it cost one step before.
MAX_PER_CLAIM_GROWTH = 1.2
NO_TOPIC_SHARE = 0.25
CITING_SHARE = 1 / 6
MEDIA_CITING_SHARE = 0.25

# (topic cue, event sub-type, unit, typical figure): the topics of data/linking.toml, most reported first.
TOPICS = (
    ("troops", EventSubtype.DEPLOY_FORCES, "soldiers", 10_000),
    ("casualties", EventSubtype.CASUALTIES, "killed", 400),
    ("strikes", EventSubtype.SHELLING_STRIKE, "drones", 60),
    ("fighting", EventSubtype.GROUND_COMBAT, "attacks", 40),
    ("capture", EventSubtype.CAPTURE_PLACE, "villages", 3),
    ("withdrawal", EventSubtype.WITHDRAWAL, None, 0),
    ("aid", EventSubtype.MILITARY_AID, "rounds", 100_000),
)
TOPIC_WEIGHTS = (0.27, 0.25, 0.2, 0.14, 0.07, 0.04, 0.03)
ACTORS = (
    ("russia_armed_forces", "Russian Armed Forces", ActorType.ARMED_FORCES, "RU", "Russian troops"),
    ("ukraine_armed_forces", "Armed Forces of Ukraine", ActorType.ARMED_FORCES, "UA", "Ukrainian forces"),
    ("russia", "Russia", ActorType.STATE, "RU", "Russia"),
    ("ukraine", "Ukraine", ActorType.STATE, "UA", "Ukraine"),
    ("north_korea_armed_forces", "Korean People's Army", ActorType.ARMED_FORCES, "KP", "North Korean soldiers"),
    ("wagner_group", "Wagner Group", ActorType.ARMED_GROUP, "RU", "Wagner fighters"),
    ("nato", "NATO", ActorType.INTERNATIONAL_ORGANISATION, None, "NATO"),
    ("united_states", "United States", ActorType.STATE, "US", "the United States"),
    ("belarus", "Belarus", ActorType.STATE, "BY", "Belarus"),
    ("iran", "Iran", ActorType.STATE, "IR", "Iran"),
)
REGIONS = (
    ("Donetska Oblast", "UA"),
    ("Kharkivska Oblast", "UA"),
    ("Zaporizka Oblast", "UA"),
    ("Kursk Oblast", "RU"),
    ("Luhanska Oblast", "UA"),
    ("Khersonska Oblast", "UA"),
    ("Sumska Oblast", "UA"),
    ("Belgorod Oblast", "RU"),
    ("Dnipropetrovska Oblast", "UA"),
    ("Kyiv City", "UA"),
    ("Odeska Oblast", "UA"),
    ("Bryansk Oblast", "RU"),
    ("Crimea", "UA"),
    ("Mykolaivska Oblast", "UA"),
    ("Chernihivska Oblast", "UA"),
)
# Government organs and officials whose names the actor table resolves (one voice per state).
OFFICIAL_SOURCES = (
    ("Ukraine's General Staff", SourceType.ORGANIZATION, None),
    ("Russian Defence Ministry", SourceType.ORGANIZATION, None),
    ("Ukraine's military intelligence", SourceType.ORGANIZATION, None),
    ("South Korea's National Intelligence Service", SourceType.ORGANIZATION, None),
    ("Pentagon", SourceType.ORGANIZATION, None),
    ("Kremlin", SourceType.ORGANIZATION, None),
    ("British Defence Intelligence", SourceType.ORGANIZATION, None),
    ("Institute for the Study of War", SourceType.ORGANIZATION, None),
)
OUTLETS = (
    "Reuters", "AP", "AFP", "BBC", "CNN", "Kyiv Independent", "Ukrainska Pravda", "TASS", "RIA Novosti",
    "Yonhap", "Korea Herald", "Meduza", "Interfax", "Al Jazeera", "The Guardian", "New York Times",
    "Washington Post", "Financial Times", "Deutsche Welle", "France 24",
)  # fmt: skip
WORD = re.compile(r"[A-Za-z]{4,}")  # filler words: no figures, no short function words
NAMED_PEOPLE = 3_000  # the long tail of named spokesmen, governors and commanders
VERBS = {
    "troops": ("have been deployed to", "are stationed in", "were sent to", "arrived in"),
    "casualties": ("were killed in", "died in fighting in", "were killed or wounded in", "lost their lives in"),
    "strikes": ("were launched at", "struck targets in", "hit", "were shot down over"),
    "fighting": ("took place in", "were repelled in", "were reported in", "continued in"),
    "capture": ("were captured in", "were taken in", "fell in", "were liberated in"),
    "withdrawal": ("withdrew from", "retreated from", "pulled back from", "left"),
    "aid": ("were delivered for", "were promised for", "were shipped for", "arrived for"),
}


@dataclass
class Proposition:
    """A running story: one topic, actors and region, with a figure that drifts as reports come in."""

    topic: int
    actors: tuple[int, ...]
    region: int
    value: float


def demo_vocabulary() -> tuple[list[str], list[int]]:
    """The words of the bundled demo corpus with their counts: the filler of the synthetic claims.

    Drawing the rest of a claim's words by their frequency in real wire copy gives
    MinHash the overlap it meets in practice (templated words alone would collide far more).
    """
    counts: Counter[str] = Counter()
    with demo_articles() as paths:
        for path in paths:
            counts.update(word.casefold() for word in WORD.findall(path.read_text(encoding="utf-8")))
    ranked = counts.most_common()
    return [word for word, _ in ranked], [n for _, n in ranked]


def zipf_weights(n: int, exponent: float = 1.1) -> list[float]:
    return [1 / (rank + 1) ** exponent for rank in range(n)]


class Generator:
    """Synthetic articles, ``CLAIMS_PER_ARTICLE`` claims each, ``per_day`` claims a day, deterministic per seed."""

    def __init__(self, per_day: int, seed: int = 1) -> None:
        self.random = random.Random(seed)
        self.per_day = per_day
        self.actor_weights = zipf_weights(len(ACTORS))
        self.region_weights = zipf_weights(len(REGIONS))
        self.people = [
            Source(f"Official{i} Surname{i}", SourceType.PERSON, role="spokesman", organization=None if i % 3 else f"Agency {i % 50}")
            for i in range(NAMED_PEOPLE)
        ]
        self.people_weights = zipf_weights(NAMED_PEOPLE, 0.9)
        self.vocabulary, self.vocabulary_weights = demo_vocabulary()
        # About as many running stories as claims reported in two weeks, each lasting weeks to months.
        self.propositions: list[Proposition] = []
        self.pool_size = max(20, per_day * 14 // 10)
        self.claims = 0

    def documents(self, count: int) -> list[Document]:
        """The next ``count`` claims, as articles."""
        docs = []
        while count > 0:
            n = min(CLAIMS_PER_ARTICLE, count)
            docs.append(self._article(n))
            count -= n
        return docs

    def _article(self, n: int) -> Document:
        rand = self.random
        published = START + timedelta(days=self.claims // self.per_day)
        outlet = rand.choice(OUTLETS)
        article = Article(text="", title=f"Report {self.claims}", outlet=outlet, published=published, id=f"a{self.claims:08d}")
        claims = [self._claim(article, published, i) for i in range(n)]
        text = " ".join(claim.text for claim in claims)
        self.claims += n
        return Document(article=Article(text=text, title=article.title, outlet=outlet, published=published, id=article.id), claims=claims)

    def _source(self) -> Source:
        rand = self.random
        draw = rand.random()
        if draw < 0.45:
            name, type_, organization = rand.choice(OFFICIAL_SOURCES)
            return Source(name, type_, organization=organization)
        if draw < 0.55:
            return Source("officials", SourceType.UNNAMED)
        return rand.choices(self.people, self.people_weights)[0]

    def _proposition(self) -> Proposition:
        rand = self.random
        if len(self.propositions) < self.pool_size or rand.random() < 0.02:
            topic = rand.choices(range(len(TOPICS)), TOPIC_WEIGHTS)[0]
            actors = tuple(sorted(set(rand.choices(range(len(ACTORS)), self.actor_weights, k=rand.randint(1, 2)))))
            region = rand.choices(range(len(REGIONS)), self.region_weights)[0]
            proposition = Proposition(topic, actors, region, TOPICS[topic][3] * rand.uniform(0.5, 2))
            if len(self.propositions) < self.pool_size:
                self.propositions.append(proposition)
            else:
                self.propositions[rand.randrange(self.pool_size)] = proposition
            return proposition
        return rand.choice(self.propositions)

    def _claim(self, article: Article, published: date, index: int) -> Claim:
        rand = self.random
        source = self._source()
        chain: tuple[Source, ...] = ()
        if rand.random() < CITING_SHARE:
            chain = (Source("news reports", SourceType.MEDIA_REPORTS),) if rand.random() < MEDIA_CITING_SHARE else (self._source(),)
        attribution = Attribution(AttributionKind.INDIRECT, source, chain=chain)
        words = " ".join(rand.choices(self.vocabulary, self.vocabulary_weights, k=rand.randint(3, 6)))
        if rand.random() < NO_TOPIC_SHARE:
            text = f"talks on {words} would continue"
            return Claim(article.id, text, index * 1000, index * 1000 + len(text), text, attribution)
        proposition = self._proposition()
        cue, subtype, unit, _ = TOPICS[proposition.topic]
        # Sources round the running estimate to two figures, which drifts upwards; now and
        # then one gives a figure far off the others.
        proposition.value *= rand.uniform(1.0, 1.01)
        value = proposition.value * (rand.uniform(0.3, 0.6) if rand.random() < 0.05 else 1.0)
        figure = round(value, -int(max(0, math.log10(max(value, 1)) - 1)))
        bound = rand.choices((QuantityBound.EXACT, QuantityBound.RANGE, QuantityBound.AT_LEAST), (0.7, 0.2, 0.1))[0]
        low, high = figure, figure if bound is QuantityBound.EXACT else (None if bound is QuantityBound.AT_LEAST else figure * 1.2)
        region, country = REGIONS[proposition.region]
        actor_rows = [ACTORS[i] for i in proposition.actors]
        subject = actor_rows[0][4]
        verb = rand.choice(VERBS[cue])
        figure_text = f"{figure:,.0f} {unit}" if unit else "their units"
        text = f"{figure_text} of {subject} {verb} {region} {words}"
        negated = rand.random() < 0.02
        day = published - timedelta(days=rand.randint(0, 3))
        start = index * 1000
        return Claim(
            article_id=article.id,
            text=text,
            start=start,
            end=start + len(text),
            sentence=text,
            attribution=attribution,
            actors=[Actor(name, 0, 1, actor_id, name, type_, country_code) for actor_id, name, type_, country_code, _ in actor_rows],
            quantities=[QuantityRange(figure_text, 0, len(figure_text), low, high, bound, unit=unit)] if unit else [],
            places=[Place(region, 0, 1, region, None, "ADM1", region, country, None, None, "region")],
            times=[TimeSpan(day.isoformat(), 0, 1, day, day, TimeGranularity.DAY)],
            event_subtype=subtype,
            polarity=Polarity.NEGATED if negated else Polarity.AFFIRMED,
            modality=Modality.ASSERTED,
        )


def run(sizes: list[int], per_day: int, batch: int) -> Iterator[dict]:
    """Write and link claims in batches into one fresh SQLite file up to the largest size; the figures at each size.

    The knowledge base grows through the sizes, so a size's figures are those of
    the claims up to it: the generator is deterministic, and a run to 100,000
    claims alone would write and link the same first 100,000.
    """
    generator = Generator(per_day)
    report = LinkReport()
    write_seconds = link_seconds = link_cpu = 0.0
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "claims.db"
        store = Store(path)
        linker = Linker(store)
        done = tenth_done = tenth_compared = tenth_links = 0
        tenth_cpu = 0.0
        tenth = max(batch, sizes[-1] // 10)
        for size in sizes:
            while done < size:
                n = min(batch, size - done)
                docs = generator.documents(n)
                started = time.perf_counter()
                store.write_documents(docs)
                write_seconds += time.perf_counter() - started
                started, started_cpu = time.perf_counter(), time.process_time()
                batch_report = linker.link()
                link_seconds += time.perf_counter() - started
                link_cpu += time.process_time() - started_cpu
                report.compared += batch_report.compared
                report.links.update(batch_report.links)
                done += n
                if done % tenth < n or done == sizes[-1]:
                    # A long run shows how the cost grows as it goes (and leaves figures if stopped).
                    # With the pairs compared and links made per claim: is the work growing, or its cost?
                    links = sum(report.links.values())
                    claims = done - tenth_done
                    print(
                        f"  {done:,} claims linked, {link_cpu:,.1f} s CPU; over the last {claims:,}: "
                        f"{1000 * (link_cpu - tenth_cpu) / claims:.2f} ms/claim, {(report.compared - tenth_compared) / claims:.1f} pairs "
                        f"and {(links - tenth_links) / claims:.1f} links per claim",
                        file=sys.stderr,
                        flush=True,
                    )
                    tenth_done, tenth_cpu, tenth_compared, tenth_links = done, link_cpu, report.compared, links
            with store.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")  # the database's size, not the log's
            yield {
                "claims": size,
                "days": math.ceil(size / per_day),
                "write_s": round(write_seconds, 2),
                "link_s": round(link_seconds, 2),
                "link_cpu_s": round(link_cpu, 2),
                "compared": report.compared,
                "links": dict(sorted(report.links.items())),
                "stories": len(linker.stories()),
                "db_mib": round(path.stat().st_size / 2**20, 1),
                "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            }
        store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,30000,100000", help="Comma-separated claim counts, smallest first.")
    parser.add_argument("--per-day", type=int, default=300, help="Claims published per day (the corpus's density).")
    parser.add_argument("--batch", type=int, default=2000, help="Claims written and linked per round, as ingest batches them.")
    args = parser.parse_args()
    sizes = sorted(int(size) for size in args.sizes.split(","))
    print(f"linking benchmark: {args.per_day} claims/day, batches of {args.batch}, one SQLite file in a temp dir")
    print(
        f"{'claims':>9} {'days':>5} {'write s':>8} {'link s':>8} {'link CPU s':>10} {'CPU ms/claim':>12} "
        f"{'pairs':>12} {'pairs/claim':>11} {'links/claim':>11} {'stories':>8} {'peak MiB':>9}"
    )
    results = []
    for result in run(sizes, args.per_day, args.batch):
        size = result["claims"]
        results.append(result)
        print(
            f"{result['claims']:>9,} {result['days']:>5} {result['write_s']:>8.1f} {result['link_s']:>8.1f} "
            f"{result['link_cpu_s']:>10.1f} {1000 * result['link_cpu_s'] / size:>12.2f} {result['compared']:>12,} "
            f"{result['compared'] / size:>11.1f} {sum(result['links'].values()) / size:>11.1f} "
            f"{result['stories']:>8,} {result['peak_rss_mib']:>9.0f}",
            flush=True,
        )
        print(f"          links: {result['links']}; database {result['db_mib']} MiB", flush=True)
    steps = []
    for (small, large), (before, after) in zip(zip(sizes, sizes[1:]), zip(results, results[1:])):
        per_claim = (after["link_cpu_s"] - before["link_cpu_s"]) / (large - small)
        wall = (after["link_s"] - before["link_s"]) / (large - small)
        steps.append((small, large, per_claim))
        print(f"{small:,} → {large:,}: {1000 * per_claim:.2f} ms of linking CPU per claim added ({1000 * wall:.2f} ms wall)")
    for (a, b, first), (c, d, second) in zip(steps, steps[1:]):
        ratio = second / first
        total = ratio * (d - c) / (b - a)
        verdict = "within" if ratio <= MAX_PER_CLAIM_GROWTH else "over"
        print(
            f"step {c:,} → {d:,} costs {ratio:.2f}× the step {a:,} → {b:,} per claim added, {total:.1f}× in total "
            f"(linear: 1.00× per claim; {verdict} the target of {MAX_PER_CLAIM_GROWTH:g}× per claim)"
        )


if __name__ == "__main__":
    main()
