"""Places facet: what find_places must find and resolve, what it must not, containment, context, the gazetteer."""

from __future__ import annotations

import gzip

import pytest

from claimgraph.errors import GazetteerError
from claimgraph.extract.gazetteer import CREDIT, Gazetteer, load_gazetteer, name_key
from claimgraph.extract.places import PlaceContext, find_places, resolve_toponym
from claimgraph.model import Place

ARTICLE = (
    "KYIV (Reuters) - Russian forces are trying to open a combat zone near Novenke in Sumy region, "
    "Ukraine's border guard service said on Monday.\n\n"
    "Spokesman Andriy Demchenko told the Kyiv Independent that assault groups had crossed from "
    "Russia's Kursk region, about 20 kilometres from Sudzha. Artillery also hit Krasnopillia and "
    "Velyka Pysarivka, and fighting continued in the Kharkiv and Donetsk regions."
)

# (sentence, surface text, expected name, feature or None for any, country)
MUST_FIND = [
    ("Fighting raged near Novenke in Sumy region.", "Novenke", "Novenke", "PPL", "UA"),
    ("Fighting raged near Novenke in Sumy region.", "Sumy region", "Sumska Oblast", "ADM1", "UA"),
    ("Troops advanced in the direction of Novenke.", "Novenke", None, "PPL", "UA"),
    ("Shelling was reported in Kursk region overnight.", "Kursk region", "Kursk Oblast", "ADM1", "RU"),
    ("The governor of Sumy Oblast ordered an evacuation.", "Sumy Oblast", "Sumska Oblast", "ADM1", "UA"),
    ("Strikes hit the Donetsk oblast again.", "Donetsk oblast", "Donetska Oblast", "ADM1", "UA"),
    ("Residents of the Kharkiv region were told to leave.", "Kharkiv region", "Kharkiv Oblast", "ADM1", "UA"),
    ("Border towns in the Sumy and Kharkiv regions were shelled.", "Sumy", "Sumska Oblast", "ADM1", "UA"),
    ("Border towns in the Sumy and Kharkiv regions were shelled.", "Kharkiv regions", "Kharkiv Oblast", "ADM1", "UA"),
    ("Missiles struck Kharkov on Tuesday.", "Kharkov", "Kharkiv", "PPLA", "UA"),
    ("Missiles struck Kharkiv on Tuesday.", "Kharkiv", "Kharkiv", "PPLA", "UA"),
    ("Talks were held in Kiev.", "Kiev", "Kyiv", "PPLC", "UA"),
    ("Talks were held in Kyiv.", "Kyiv", "Kyiv", "PPLC", "UA"),
    ("Units held positions outside Noven'ke.", "Noven'ke", None, "PPL", "UA"),
    ("Units held positions outside Novenkoye.", "Novenkoye", None, "PPL", "UA"),
    ("Moscow said its forces had retaken Sudzha.", "Sudzha", "Sudzha", "PPL", "RU"),
    ("Moscow said its forces had retaken Sudzha.", "Moscow", "Moscow", "PPLC", "RU"),
    ("Kursk was quiet on Sunday.", "Kursk", "Kursk", "PPLA", "RU"),
    ("North Korea sent troops to Russia.", "North Korea", "North Korea", None, "KP"),
    ("North Korea sent troops to Russia.", "Russia", "Russia", "PCL", "RU"),
    ("The U.S. and the UK condemned the deployment.", "U.S.", "United States", "PCL", "US"),
    ("The U.S. and the UK condemned the deployment.", "UK", "United Kingdom", "PCL", "GB"),
    ("Officials in Britain disagreed.", "Britain", "United Kingdom", "PCL", "GB"),
    ("The EU imposed new sanctions.", "EU", "Europe", "CONT", None),
    ("Russian troops shelled the village.", "Russian", "Russia", "PCL", "RU"),
    ("Ukrainian drones hit a depot.", "Ukrainian", "Ukraine", None, "UA"),
    ("North Korean soldiers were captured.", "North Korean", "North Korea", None, "KP"),
    ("Seoul's spy agency briefed lawmakers.", "Seoul", "Seoul", "PPLC", "KR"),
    ("Pyongyang denied the report.", "Pyongyang", "Pyongyang", "PPLC", "KP"),
    ("The Pentagon spoke in Washington on Friday.", "Washington", "Washington", "PPLC", "US"),
    ("WASHINGTON (AP) - Officials said more troops were sent.", "WASHINGTON", "Washington", "PPLC", "US"),
    ("Kharkiv Governor Oleh Syniehubov reported two injured.", "Kharkiv", "Kharkiv", "PPLA", "UA"),
    ("Fighting continued near Pokrovsk in Donetsk oblast.", "Pokrovsk", "Pokrovsk", None, "UA"),
    ("Drones were launched from Belgorod.", "Belgorod", "Belgorod", None, "RU"),
    ("Leaders met in Europe to discuss aid.", "Europe", "Europe", "CONT", None),
    ("Ukraine's army said it held the line.", "Ukraine", "Ukraine", None, "UA"),
    ("Troops were flown to the Russian Far East via Vladivostok.", "Vladivostok", "Vladivostok", None, "RU"),
    ("The Mediterranean was calm.", "Mediterranean", "Mediterranean Sea", "SEA", None),
]

# (sentence, surface text that must not be a place)
MUST_NOT = [
    ("Andriy Yusov, a spokesman for military intelligence, said the troops had arrived.", "Andriy"),
    ("Andriy Yusov, a spokesman for military intelligence, said the troops had arrived.", "Yusov"),
    ("The Kyiv Independent reported the strike.", "Kyiv"),
    ("The Washington Post cited two officials.", "Washington"),
    ("George Washington crossed the river.", "Washington"),
    ("George Washington crossed the river.", "George"),
    ("The attack happened in March.", "March"),
    ("The talks resumed on Mar 3.", "Mar"),
    ("Talks are planned for May.", "May"),
    ("Police said two people were hurt.", "Police"),
    ("Reading the report, officials frowned.", "Reading"),
    ("President Vladimir Putin signed the decree.", "Vladimir"),
    ("Defence Minister Rustem Umerov visited the front.", "Rustem"),
    ("NATO officials met on Monday.", "NATO"),
    ("The GUR said the unit had withdrawn.", "GUR"),
    ("The General Staff reported 40 clashes.", "General"),
    ("According to Reuters, the talks failed.", "According"),
    ("On Friday the convoy left.", "Friday"),
]


@pytest.fixture(scope="module")
def article_context() -> PlaceContext:
    return PlaceContext.from_text(ARTICLE)


def _find(sentence: str, surface: str) -> list[Place]:
    return [p for p in find_places(sentence) if p.text == surface]


@pytest.mark.parametrize("sentence,surface,name,feature,country", MUST_FIND)
def test_must_find(sentence, surface, name, feature, country):
    found = _find(sentence, surface)
    assert found, f"{surface!r} not found in {sentence!r}: {find_places(sentence)}"
    place = found[0]
    assert sentence[place.start : place.end] == place.text
    if name is not None:
        assert place.name == name
    if feature is not None:
        assert place.feature == feature
    assert place.country == country
    assert place.lat is not None and place.lon is not None


@pytest.mark.parametrize("sentence,surface", MUST_NOT)
def test_must_not(sentence, surface):
    assert not [p for p in find_places(sentence) if surface in p.text.split()], find_places(sentence)


def test_containment_picks_the_namesake_inside_the_region():
    # Without context, population favours a Novenke elsewhere; "in Sumy region" must override it.
    bare = find_places("Fighting near Novenke.")[0]
    contained = find_places("Fighting near Novenke in Sumy region.")[0]
    assert contained.admin1 == "Sumska Oblast"
    assert bare.geonameid != contained.geonameid


def test_containment_never_jumps_to_a_namesake_elsewhere():
    # No Novenke lies in Lviv Oblast: unresolved, not the Novenke of another oblast.
    place = find_places("Fighting near Novenke in Lviv region.")[0]
    assert place.text == "Novenke"
    assert place.precision == "unresolved" and place.geonameid is None and place.lat is None


def test_comma_containment():
    place = find_places("Drones hit Krasnopillia, Sumy Oblast, overnight.")[0]
    assert place.text == "Krasnopillia" and place.admin1 == "Sumska Oblast"


def test_context_decides_between_namesakes(article_context):
    assert article_context.admin1["UA.21"] >= 1
    assert article_context.countries["RU"] >= 1
    place = find_places("Assault groups approached Novenke.", context=article_context)[0]
    assert place.admin1 == "Sumska Oblast"


def test_article_offsets_and_offset_argument(article_context):
    places = find_places(ARTICLE, context=article_context)
    assert all(ARTICLE[p.start : p.end] == p.text for p in places)
    texts = [p.text for p in places]
    for expected in ("Novenke", "Sumy region", "Kursk region", "Sudzha", "Krasnopillia", "Velyka Pysarivka"):
        assert expected in texts
    assert "Kyiv" not in [p.text for p in places if p.start > ARTICLE.index("Spokesman")]
    claim = "fighting continued in the Kharkiv and Donetsk regions"
    start = ARTICLE.index(claim)
    shifted = find_places(claim, offset=start, context=article_context)
    assert all(ARTICLE[p.start : p.end] == p.text for p in shifted)


def test_resolve_toponym_variants():
    assert resolve_toponym("Kharkov").name == "Kharkiv"
    assert resolve_toponym("U.S.").country == "US"
    assert resolve_toponym("Russian").precision == "country"
    assert resolve_toponym("Sumy Oblast").feature == "ADM1"
    assert resolve_toponym("Qwertyzxcv") is None
    russia = resolve_toponym("Russia")
    assert (russia.lat, russia.lon) == (60.0, 100.0)  # GeoNames' point for Russia, not Moscow


def test_bad_input():
    with pytest.raises(TypeError):
        find_places(None)
    with pytest.raises(TypeError):
        resolve_toponym(b"Kyiv")
    assert find_places("") == []
    assert find_places("no capitalised words here at all.") == []


def test_place_round_trip():
    place = find_places("Missiles struck Kharkiv.")[0]
    assert Place.from_dict(place.to_dict()) == place
    assert set(place.to_dict()) == {"text", "start", "end", "name", "geonameid", "feature", "admin1", "country", "lat", "lon", "precision"}


def test_name_key_folds_transliterations():
    assert name_key("Noven’ke") == name_key("Noven'ke") == name_key("Novenke") == "novenke"
    assert name_key("Velyka-Pysarivka") == "velyka pysarivka"
    assert name_key("Zürich") == "zurich"


def test_packaged_gazetteer_credit_and_lookups():
    gazetteer = load_gazetteer()
    assert gazetteer.meta()["credit"] == CREDIT
    assert len(gazetteer) > 200_000
    assert gazetteer.has_name("Novenke") and not gazetteer.has_name("Qwertyzxcv")
    assert gazetteer.get(692196).feature == "ADM1"  # Sumy Oblast
    assert gazetteer.get(1) is None
    assert gazetteer.country_entry("us").lat == pytest.approx(39.76)


def test_gazetteer_round_trip_and_bad_files(tmp_path):
    text = "#credit\tx\n[places]\n5\tTestville\tP.PPL\tUA\t21\t\t50.1\t30.2\t700\n[names]\ntestville\t5\n[admin1]\nUA.21\tSumy Oblast\t692196\n[countries]\n"
    plain = tmp_path / "g.tsv"
    plain.write_text(text, encoding="utf-8")
    packed = tmp_path / "g.tsv.gz"
    packed.write_bytes(gzip.compress(text.encode()))
    for path in (plain, packed):
        gazetteer = Gazetteer.from_path(path)
        assert gazetteer.lookup("Testville")[0].admin1_key == "UA.21"
    with pytest.raises(GazetteerError, match="E030|Cannot open the gazetteer"):
        Gazetteer.from_path(tmp_path / "missing.tsv.gz")
    broken = tmp_path / "broken.tsv.gz"
    broken.write_bytes(b"not gzip at all")
    with pytest.raises(GazetteerError):
        Gazetteer.from_path(broken)
    sectionless = tmp_path / "sectionless.tsv"
    sectionless.write_text("#credit\tx\n", encoding="utf-8")
    with pytest.raises(GazetteerError):
        Gazetteer.from_path(sectionless)
