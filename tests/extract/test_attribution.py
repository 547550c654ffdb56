"""Attribution on wire-style sentences: who said what, and what is not an attribution."""

from __future__ import annotations

import pytest

from claimgraph.extract import extract_article
from claimgraph.extract.attribution import find_quotes
from claimgraph.model import Article, AttributionKind, Document, Field, SourceType

OUTLET = "Kyiv Wire"


def extract(text: str, title: str = "", outlet: str | None = OUTLET) -> Document:
    return extract_article(Article(text=text, title=title, outlet=outlet))


def attributed(document: Document):
    return [c for c in document.claims if c.attribution.kind is not AttributionKind.OUTLET]


def only_claim(text: str, title: str = ""):
    claims = attributed(extract(text, title))
    assert len(claims) == 1, [(c.text, c.attribution.source.name) for c in claims]
    return claims[0]


# (text, source name, kind, cue, content the claim must equal)
SINGLE_ATTRIBUTIONS = [
    # direct quotes, cue after and before
    (
        '"The enemy keeps pushing near Pokrovsk," said Andriy Yusov.',
        "Andriy Yusov", AttributionKind.DIRECT, "said", '"The enemy keeps pushing near Pokrovsk,"',
    ),
    (
        'Andriy Yusov said: "North Korean units are being rotated through the Kursk region."',
        "Andriy Yusov", AttributionKind.DIRECT, "said:",
        '"North Korean units are being rotated through the Kursk region."',
    ),
    (
        '"We see no sign of a withdrawal," Andriy Yusov told Reuters.',
        "Andriy Yusov", AttributionKind.DIRECT, "told", '"We see no sign of a withdrawal,"',
    ),
    (
        "“The troops arrived by rail,” Kyrylo Budanov said on Tuesday.",
        "Kyrylo Budanov", AttributionKind.DIRECT, "said", "“The troops arrived by rail,”",
    ),
    # indirect speech, with and without "that"
    (
        "Kyrylo Budanov stated that about 11,000 North Korean soldiers were in the Kursk region.",
        "Kyrylo Budanov", AttributionKind.INDIRECT, "stated",
        "that about 11,000 North Korean soldiers were in the Kursk region",
    ),
    (
        "The General Staff reported that Russian forces launched 42 assaults overnight.",
        "General Staff", AttributionKind.INDIRECT, "reported",
        "that Russian forces launched 42 assaults overnight",
    ),
    (
        "Defence Minister Rustem Umerov said the brigade had held its positions.",
        "Rustem Umerov", AttributionKind.INDIRECT, "said", "the brigade had held its positions",
    ),
    (
        "Ukrainian officials warned that the offensive could resume within days.",
        "Ukrainian officials", AttributionKind.INDIRECT, "warned", "that the offensive could resume within days",
    ),
    # according to
    (
        "According to intelligence, between 1,000 and 3,000 North Korean soldiers were moved to the Kursk region.",
        "intelligence", AttributionKind.ACCORDING_TO, "According to",
        "between 1,000 and 3,000 North Korean soldiers were moved to the Kursk region",
    ),
    (
        "Russian troops shelled Sumy overnight, according to the regional administration.",
        "regional administration", AttributionKind.ACCORDING_TO, "according to", "Russian troops shelled Sumy overnight",
    ),
    # passive with an agent and a clause
    (
        "It was reported by the border guard service that a drone struck a checkpoint near Novenke.",
        "border guard service", AttributionKind.PASSIVE, "was reported",
        "that a drone struck a checkpoint near Novenke",
    ),
    # reply with a colon
    (
        "In response to a question about losses, Oleksandr Syrskyi replied: the front line is stable.",
        "Oleksandr Syrskyi", AttributionKind.INDIRECT, "replied:", "the front line is stable",
    ),
    # source after the content, without quotes
    (
        "The village is under Ukrainian control, the spokesman for the 24th brigade said.",
        "spokesman for the 24th brigade", AttributionKind.INDIRECT, "said", "The village is under Ukrainian control",
    ),
    # infinitive and object content for verbs whose lexicon entry allows it
    (
        "Volodymyr Zelensky vowed to return every prisoner of war.",
        "Volodymyr Zelensky", AttributionKind.INDIRECT, "vowed", "to return every prisoner of war",
    ),
    (
        "The Kremlin denied the reports.",
        "Kremlin", AttributionKind.INDIRECT, "denied", "the reports",
    ),
]


@pytest.mark.parametrize("text,source,kind,cue,content", SINGLE_ATTRIBUTIONS)
def test_single_attribution(text, source, kind, cue, content):
    claim = only_claim(text)
    attribution = claim.attribution
    assert attribution.source.name == source
    assert attribution.kind is kind
    assert attribution.cue is not None and attribution.cue.text == cue
    assert claim.text == content
    assert text[claim.start : claim.end] == content
    assert text[attribution.cue.start : attribution.cue.end] == cue
    assert text[attribution.source.start : attribution.source.end].endswith(source.split()[-1])


# (source phrase + verb + content, name, type, role, organization)
SOURCE_PHRASES = [
    (
        "The head of the Sumy regional military administration Volodymyr Artyukh said no Russian troops remain in the region.",
        "Volodymyr Artyukh", SourceType.PERSON, "head", "Sumy regional military administration",
    ),
    (
        "A spokesman for Ukraine's military intelligence (GUR), Andriy Yusov, said the troops were moved in January.",
        "Andriy Yusov", SourceType.PERSON, "spokesman", "Ukraine's military intelligence (GUR)",
    ),
    (
        "Foreign Minister Sergei Lavrov said the talks were premature.",
        "Sergei Lavrov", SourceType.PERSON, "foreign minister", None,
    ),
    (
        "Kharkiv mayor Ihor Terekhov said three drones hit the city overnight.",
        "Ihor Terekhov", SourceType.PERSON, "mayor", "Kharkiv",
    ),
    (
        # "regional" belongs to the title, not an organisation called "regional"
        "Russian forces shelled Sumy overnight, regional governor Volodymyr Artiukh said.",
        "Volodymyr Artiukh", SourceType.PERSON, "regional governor", None,
    ),
    (
        "Kursk's acting governor Alexei Smirnov said the evacuation was complete.",
        "Alexei Smirnov", SourceType.PERSON, "acting governor", "Kursk",
    ),
    (
        "Russian Defence Ministry spokesman Igor Konashenkov said the village was captured.",
        "Igor Konashenkov", SourceType.PERSON, "spokesman", "Russian Defence Ministry",
    ),
    (
        "A border guard spokesman said Russian forces were trying to open a combat zone near Novenke.",
        "border guard spokesman", SourceType.UNNAMED, "spokesman", "border guard",
    ),
    (
        "Sources in the ministry said the decree would be signed next week.",
        "Sources in the ministry", SourceType.UNNAMED, None, "ministry",
    ),
    (
        "News reports said a second contingent had crossed the border.",
        "News reports", SourceType.MEDIA_REPORTS, None, None,
    ),
    (
        "Officials said the evacuation of Sudzha had been completed.",
        "Officials", SourceType.UNNAMED, None, None,
    ),
    (
        "A source said the convoy left before dawn.",
        "source", SourceType.UNNAMED, None, None,
    ),
    (
        "South Korea's National Intelligence Service said Pyongyang had sent more troops.",
        "South Korea's National Intelligence Service", SourceType.ORGANIZATION, None, None,
    ),
    (
        "The GUR said the soldiers were trained in Primorsky Krai.",
        "GUR", SourceType.ORGANIZATION, None, None,
    ),
]


@pytest.mark.parametrize("text,name,type_,role,organization", SOURCE_PHRASES)
def test_source_phrase(text, name, type_, role, organization):
    source = only_claim(text).attribution.source
    assert (source.name, source.type, source.role, source.organization) == (name, type_, role, organization)


def test_multi_sentence_quote_is_one_claim():
    text = '"We are holding the line. Reinforcements arrived overnight," said Andriy Yusov.'
    claim = only_claim(text)
    assert claim.text == '"We are holding the line. Reinforcements arrived overnight,"'
    assert claim.attribution.kind is AttributionKind.DIRECT
    assert [c for c in extract(text).claims if c.attribution.kind is AttributionKind.OUTLET] == []


def test_quote_opened_in_one_sentence_closed_in_a_later_one():
    text = (
        'Andriy Yusov said: "The Kursk grouping has been reinforced. The new units came from the Far East. '
        'They are not yet in combat."'
    )
    claim = only_claim(text)
    assert claim.text.startswith('"The Kursk grouping') and claim.text.endswith('in combat."')


def test_quote_split_by_the_cue_gives_the_speaker_both_parts():
    text = '"The enemy is exhausted," Yusov said. "But it still has reserves."'
    claim = only_claim(text)
    assert claim.attribution.source.name == "Yusov"
    assert [text[a:b] for a, b in claim.fragments] == ['"The enemy is exhausted,"', '"But it still has reserves."']
    assert claim.text == '"The enemy is exhausted," … "But it still has reserves."'


def test_quote_continuation_stops_at_a_new_paragraph():
    text = '"The enemy is exhausted," Yusov said.\n\n"Nobody knows what comes next," one resident said.'
    claims = attributed(extract(text))
    assert [c.attribution.source.name for c in claims] == ["Yusov", "one resident"]
    assert claims[0].fragments == ()


def test_passive_this_refers_back_to_the_previous_sentence():
    text = "North Korean troops have begun assaults in the Kursk region. This was stated by Andriy Yusov."
    claim = only_claim(text)
    assert claim.attribution.kind is AttributionKind.PASSIVE
    assert claim.attribution.source.name == "Andriy Yusov"
    assert claim.text == "North Korean troops have begun assaults in the Kursk region"
    assert claim.attribution.cue.text == "was stated"


def test_continuation_he_added_resolves_to_the_last_speaker():
    text = (
        "A spokesman for Ukraine's military intelligence, Andriy Yusov, said the troops arrived in November. "
        "He added that more units were expected."
    )
    claims = attributed(extract(text))
    assert len(claims) == 2
    added = claims[1]
    assert added.attribution.source.name == "Andriy Yusov"
    assert added.attribution.source.role == "spokesman"
    assert text[added.attribution.source.start : added.attribution.source.end] == "He"


def test_she_noted_resolves_past_an_organisation():
    text = (
        "Spokeswoman Maria Zakharova said the statement was a provocation. The ministry said talks were frozen. "
        "She noted that Moscow would respond."
    )
    claims = attributed(extract(text))
    assert claims[-1].attribution.source.name == "Maria Zakharova"


def test_the_agency_resolves_to_the_organisation_named_earlier():
    text = (
        "North Korea has sent about 12,000 troops to Russia, South Korea's spy agency said on Friday. "
        "Dmitry Peskov said the report was false. "
        "The agency said the soldiers came from special forces."
    )
    claims = attributed(extract(text))
    last = claims[-1].attribution.source
    assert last.name == "South Korea's spy agency"
    assert text[last.start : last.end] == "The agency"


def test_the_agency_refers_back_only_to_an_organisation_that_just_spoke():
    text = (
        "The National Intelligence Service (NIS) said 1,500 soldiers had been moved. "
        "The agency added that more would follow. "
        "Dmitry Peskov said the reports were false. "
        "The agency said the soldiers had been issued Russian uniforms."
    )
    sources = [claim.attribution.source.name for claim in attributed(extract(text))]
    # the first "agency" follows the NIS; the second follows a person, so it stays unresolved
    assert sources == ["National Intelligence Service (NIS)", "National Intelligence Service (NIS)", "Dmitry Peskov", "agency"]


def test_the_kremlin_is_a_name_not_a_reference_back():
    text = "The NIS said 1,500 soldiers had been moved. The Kremlin said it had no comment."
    sources = [claim.attribution.source.name for claim in attributed(extract(text))]
    assert sources == ["NIS", "Kremlin"]


def test_surname_resolves_to_the_full_name_introduced_earlier():
    text = (
        "Kyrylo Budanov, the head of military intelligence, said the deployment was growing. "
        "Budanov said the soldiers were being trained as assault infantry."
    )
    claims = attributed(extract(text))
    second = claims[1].attribution.source
    assert second.name == "Kyrylo Budanov"
    assert text[second.start : second.end] == "Budanov"


def test_surname_resolves_to_a_name_mentioned_without_speaking():
    text = (
        "Andriy Yusov appeared on national television on Sunday. "
        "Yusov said the North Korean units had suffered heavy losses."
    )
    claim = only_claim(text)
    assert claim.attribution.source.name == "Andriy Yusov"


def test_second_hand_chain_citing():
    text = "South Korea's intelligence agency reported that Pyongyang sent more troops, citing news reports."
    claim = only_claim(text)
    assert claim.attribution.source.name == "South Korea's intelligence agency"
    assert [(s.name, s.type) for s in claim.attribution.chain] == [("news reports", SourceType.MEDIA_REPORTS)]
    assert "citing" not in claim.text


def test_second_hand_chain_according_to_citing():
    text = "According to the ministry, citing intercepted radio traffic, the unit lost 200 men."
    claim = only_claim(text)
    assert claim.attribution.source.name == "ministry"
    assert [s.name for s in claim.attribution.chain] == ["intercepted radio traffic"]


def test_second_hand_chain_referring_to():
    text = "Yusov said the convoy was destroyed, referring to drone footage."
    claim = only_claim(text)
    assert [s.name for s in claim.attribution.chain] == ["drone footage"]


def test_nested_report_folds_into_the_chain():
    text = "The ministry said that Reuters reported the bridge was destroyed."
    claim = only_claim(text)
    assert claim.attribution.source.name == "ministry"
    assert [s.name for s in claim.attribution.chain] == ["Reuters"]


def test_interrupted_content_has_fragments():
    text = "The situation near Pokrovsk, he said, remains difficult."
    document = extract(text)
    claim = attributed(document)[0]
    assert [text[a:b] for a, b in claim.fragments] == ["The situation near Pokrovsk", "remains difficult"]


def test_headline_dash_attribution():
    title = "Military cooperation between North Korea and Russia continues – GUR"
    document = extract("Body text was filed later.", title=title)
    claim = next(c for c in document.claims if c.field is Field.TITLE)
    assert claim.attribution.kind is AttributionKind.HEADLINE
    assert claim.attribution.source.name == "GUR"
    assert claim.text == "Military cooperation between North Korea and Russia continues"
    assert claim.attribution.cue.text == "–"
    assert claim.attribution.source.field is Field.TITLE


def test_headline_colon_attribution():
    title = "GUR: North Korean troops withdrawn from the front line in Kursk"
    claim = next(c for c in extract("Filed later.", title=title).claims if c.field is Field.TITLE)
    assert claim.attribution.kind is AttributionKind.HEADLINE
    assert claim.attribution.source.name == "GUR"
    assert claim.text == "North Korean troops withdrawn from the front line in Kursk"


def test_headline_without_source_is_the_outlets_claim():
    document = extract("Filed later.", title="Russia launches 90 drones at Ukraine overnight")
    claim = next(c for c in document.claims if c.field is Field.TITLE)
    assert claim.attribution.kind is AttributionKind.OUTLET
    assert claim.attribution.source.name == OUTLET


# sentences that contain a reporting word but attribute nothing
NOT_ATTRIBUTIONS = [
    "The so-called ceasefire collapsed within hours.",
    "Said agreement was never ratified by the parliament.",
    "The plan calls for a new defensive line along the Oskil river.",
    "The commander told his troops to withdraw from the village.",
    "The government announced on Monday.",
    "Artillery pounded the outskirts of Kupiansk through the night.",
    # war verbs the learned cue model scores as cues (PolNeAR's "attacked" is criticism)
    "Russian forces attacked Kharkiv overnight, damaging a school.",
    "Shelling damaged a school in Sumy on Tuesday.",
    "Ukrainian troops shot down 40 drones over the Kyiv region.",
    "Kyiv plans a new mobilisation drive in the spring.",
]


@pytest.mark.parametrize("text", NOT_ATTRIBUTIONS)
def test_not_an_attribution(text):
    document = extract(text)
    assert attributed(document) == []
    assert len(document.claims) == 1
    assert document.claims[0].attribution.source.type is SourceType.OUTLET


def test_scare_quotes_are_the_outlets_claim():
    text = 'Residents returned to the "liberated" villages on Monday.'
    document = extract(text)
    assert attributed(document) == []
    assert [c.text for c in document.claims] == [text]


def test_quote_without_a_speaker_is_the_outlets_claim():
    document = extract('The "special military operation" entered its fourth year.')
    assert attributed(document) == []
    assert document.claims[0].attribution.source.name == OUTLET


def test_unknown_outlet_when_the_article_names_none():
    document = extract("Russian forces struck a power plant in Kharkiv.", outlet=None)
    assert document.claims[0].attribution.source.name == "unknown outlet"
    assert document.claims[0].attribution.source.type is SourceType.OUTLET


def test_dateline_alone_is_not_a_claim():
    document = extract("KYIV, March 10.\n\nRussian forces struck a power plant in Kharkiv.")
    assert [c.text for c in document.claims] == ["Russian forces struck a power plant in Kharkiv."]


def test_offsets_index_the_article_text():
    text = 'KYIV (Kyiv Wire) — "The line holds," said Yusov. According to the GUR, 3,000 troops were moved.'
    document = extract(text)
    for claim in document.claims:
        assert text[claim.start : claim.end] == claim.text
        source = claim.attribution.source
        if source.start is not None:
            assert text[source.start : source.end]


def test_find_quotes_pairs_curly_and_straight_marks():
    text = 'He said "one" and “two” and «three».'
    assert [text[a:b] for a, b in find_quotes(text)] == ['"one"', "“two”", "«three»"]


def test_find_quotes_closes_an_unclosed_quote_at_the_paragraph_break():
    text = '"The first paragraph runs on.\n\nNext paragraph.'
    assert [text[a:b] for a, b in find_quotes(text)] == ['"The first paragraph runs on.']


def test_hyphenated_korean_name_resolves_by_family_name():
    text = (
        "Rep. Lee Seong-kweun of the ruling People Power Party briefed reporters. "
        '"The troops are being trained in the Far East," Lee said.'
    )
    claim = only_claim(text)
    assert claim.attribution.source.name == "Lee Seong-kweun"


def test_abbreviated_title_is_spelled_out_as_the_role():
    source = only_claim("Rep. Park Sun-won of the Democratic Party said the units could move in December.").attribution.source
    assert (source.name, source.role, source.organization) == ("Park Sun-won", "representative", "Democratic Party")


def test_headline_signed_after_a_colon():
    title = "3,000 N. Korean troops already in Russia, 10,000 expected by December: NIS"
    claim = next(c for c in extract("Filed later.", title=title).claims if c.field is Field.TITLE)
    assert (claim.attribution.kind, claim.attribution.source.name) == (AttributionKind.HEADLINE, "NIS")
    assert claim.text == "3,000 N. Korean troops already in Russia, 10,000 expected by December"


def test_agentless_passive_is_attributed_to_an_unnamed_source():
    text = "About 11,000 North Korean troops are believed to be in the Kursk region."
    claim = only_claim(text)
    attribution = claim.attribution
    assert (attribution.kind, attribution.source.type, attribution.cue.text) == (
        AttributionKind.PASSIVE, SourceType.UNNAMED, "are believed"
    )
    assert attribution.source.start is None
    assert [text[a:b] for a, b in claim.fragments] == ["About 11,000 North Korean troops", "to be in the Kursk region"]


def test_a_belief_with_a_clause_is_attributed_to_the_believers():
    claim = only_claim("Residents believe the town will be rebuilt.")
    assert (claim.attribution.source.name, claim.text) == ("Residents", "the town will be rebuilt")


def test_war_verbs_are_not_reporting_verbs():
    for text in ("Russian forces attacked Kharkiv overnight.", "Artillery pounded the outskirts of Kupiansk."):
        assert attributed(extract(text)) == []


def test_statement_saying_is_attributed_to_whoever_issued_it():
    claim = only_claim("The ministry issued a statement saying that 40 drones were shot down.")
    assert (claim.attribution.source.name, claim.attribution.cue.text) == ("ministry", "saying")
    assert claim.text == "that 40 drones were shot down"


def test_participle_that_is_not_a_report():
    assert attributed(extract("The troops deployed to Kursk were killed in a drone strike.")) == []


@pytest.mark.parametrize(
    ("text", "source", "cue", "content"),
    [
        (
            "Oleh Syniehubov complained about the slow pace of repairs in Kharkiv.",
            "Oleh Syniehubov", "complained about", "the slow pace of repairs in Kharkiv",
        ),
        (
            "The governor warned of more strikes on the region's power grid.",
            "governor", "warned of", "more strikes on the region's power grid",
        ),
    ],
)
def test_learned_cue_outside_the_lexicon(text, source, cue, content):
    claim = only_claim(text)
    assert claim.attribution.source.name == source
    assert claim.attribution.cue.text == cue
    assert claim.text == content


def test_war_verb_beside_a_report_is_the_reported_content():
    claim = only_claim("Drones struck an energy facility near Odesa, the regional governor said.")
    assert claim.attribution.cue.text == "said"
    assert claim.text == "Drones struck an energy facility near Odesa"


def test_speakers_own_verbs_inside_a_quotation_are_not_attributions():
    text = (
        '"We are holding the line near Kupiansk," the commander said. "I want to assure our families '
        'that the brigade has enough shells, and people say we are running out, but it is not true."'
    )
    cues = [claim.attribution.cue.text for claim in attributed(extract(text))]
    assert "want" not in cues and "say" not in cues


def test_vox_pop_quotations_signed_after_a_dash():
    text = (
        "Residents of Kharkiv spent another night in shelters.\n\n"
        "“The windows shook for an hour. We slept in the corridor again.” ― Olena Kovalenko "
        "“Nobody here talks about leaving any more.”― Petro Marchenko."
    )
    claims = attributed(extract(text))
    assert [(c.attribution.source.name, c.attribution.cue.text) for c in claims] == [
        ("Olena Kovalenko", "―"),
        ("Petro Marchenko", "―"),
    ]
    assert claims[1].text == "“Nobody here talks about leaving any more.”"


def test_dash_inside_a_sentence_is_no_signature():
    document = extract("Russia fired 40 missiles ― most of them at energy targets ― on Sunday night.")
    assert attributed(document) == []


def test_transcript_speaker_label_inside_a_quotation():
    text = (
        "Part of the briefing follows.\n\n"
        '"KIRBY: We have seen North Korean troops move toward the front lines in Kursk.\n\n'
        '"REPORTER: How many of them are there now?'
    )
    claims = attributed(extract(text))
    assert [(c.attribution.source.name, c.attribution.cue.text) for c in claims][:1] == [("KIRBY", ":")]
    assert claims[0].text.startswith("We have seen North Korean troops")


def test_speaker_after_the_content_when_the_parse_drops_the_subject():
    text = (
        "Some 1,500 of them were moved to Vladivostok aboard Russian navy transport ships between "
        "Oct. 8 and 13, the National Intelligence Service (NIS) said in a statement."
    )
    claim = only_claim(text)
    assert claim.attribution.source.name == "National Intelligence Service (NIS)"
    assert claim.attribution.cue.text == "said in a statement"
    assert claim.text.endswith("between Oct. 8 and 13")


@pytest.mark.parametrize(
    "text",
    [
        "North Korea has sent about 10,000 soldiers to Russia's Kursk region.",
        "Russia and North Korea signed a mutual defence treaty in June.",
    ],
)
def test_deployments_and_treaties_are_not_attributions(text):
    assert attributed(extract(text)) == []


def test_dateline_is_not_a_speaker():
    text = "SEOUL, Feb. 27 (Yonhap) -- North Korea appears to have sent additional troops to Russia."
    assert all("Yonhap" not in claim.attribution.source.name for claim in extract(text).claims)


def test_relative_pronoun_source_is_the_noun_it_stands_for():
    text = (
        "The Pentagon's estimate is in line with that of South Korea's National Intelligence Service, "
        "which told lawmakers last week that the number of North Korean troops in Russia would reach "
        "roughly 10,000 by December."
    )
    claim = only_claim(text)
    assert claim.attribution.source.name == "South Korea's National Intelligence Service"
    assert claim.attribution.source.type is SourceType.ORGANIZATION
    assert text[claim.attribution.source.start : claim.attribution.source.end] == "which"
