"""Places read with the names around them: containers, lists, region phrases, and resolve_toponym at a position."""

from __future__ import annotations

import pytest

from claimgraph.extract.places import PlaceContext, find_places, resolve_toponym


def _place(sentence: str, surface: str):
    found = [place for place in find_places(sentence) if place.text.startswith(surface)]
    assert found, f"{surface!r} not found in {sentence!r}: {find_places(sentence)}"
    return found[0]


@pytest.mark.parametrize(
    "sentence,surface,feature,country,admin1",
    [
        # The container that holds the place decides the container's own namesake too.
        ("A girl from Buffalo, New York died of the flu.", "Buffalo", "PPLA2", "US", "New York"),
        ("A girl from Buffalo, New York died of the flu.", "New York", "ADM1", "US", None),
        ("Products came from a plant in Blakely, Georgia last year.", "Georgia", "ADM1", "US", None),
        # A part of the city named like the region is in the city.
        ("Students in Brooklyn, New York fell ill.", "New York", "PPL", "US", "New York"),
        # A member of a list of regions is a region of the same country.
        ("Cases were reported in Arizona, California, Georgia and Illinois.", "Georgia", "ADM1", "US", None),
        ("Cases occurred in British Columbia, Alberta, Ontario and New Brunswick.", "New Brunswick", "ADM1", "CA", None),
        ("Twelve were in Ontario, eight in Alberta, one in New Brunswick, and one in Nova Scotia.", "New Brunswick", "ADM1", "CA", None),
        ("It was found in the state of Washington last year.", "Washington", "ADM1", "US", None),
        ("Two dead ducks were found in the Somme region.", "Somme", "ADM2", "FR", None),
        ("Zaire has had most cases.", "Zaire", None, "CD", None),
        ("Samples went to the NY Plum Island laboratory.", "NY", "ADM1", "US", None),
        ("Flooding hit Springfield located in Illinois.", "Springfield", None, "US", "Illinois"),
        # A weekday after the name ends it.
        ("Police raided a market in Balintawak, Quezon City Wednesday evening.", "Quezon City", None, "PH", None),
        ("The outbreak hit Zaire province in Angola.", "Zaire province", "ADM1", "AO", None),
    ],
)
def test_neighbours_decide(sentence, surface, feature, country, admin1):
    place = _place(sentence, surface)
    assert place.country == country
    if feature is not None:
        assert place.feature == feature
    if admin1 is not None:
        assert place.admin1 == admin1


@pytest.mark.parametrize(
    "sentence,surface,country",
    [
        # A country is not "in" the next name, nor a list member in the next member.
        ("Unemployment is high in countries such as Cyprus, Greece or Spain.", "Cyprus", "CY"),
        ("Asylum seekers came from Syria, Iraq, and Afghanistan.", "Syria", "SY"),
        ("Source: UNHCR. Country: Brazil, Venezuela.", "Brazil", "BR"),
        ("The Embassy of Ukraine in Nigeria hosted the meeting.", "Ukraine", "UA"),
        # Not a region of the list's country: another member is a country, or it is their country.
        ("Soldiers crossed from Armenia through Georgia and Azerbaijan.", "Georgia", "GE"),
        ("The caravan camped in Matias Romero, Oaxaca State, Mexico.", "Mexico", "MX"),
        ("Azerbaijan had mined the border territory of Georgia.", "Georgia", "GE"),
    ],
)
def test_neighbours_must_not_mislead(sentence, surface, country):
    place = _place(sentence, surface)
    assert place.country == country and place.precision == "country"


def test_container_without_the_place_leaves_it_unresolved():
    # The gazetteer has Fulton Counties in Indiana and elsewhere, not in Illinois: no jump to a namesake.
    county = _place("Dead swans were found in Fulton County located in Illinois.", "Fulton County")
    assert county.lat is None


def test_kashmir_is_composed_from_both_sides():
    kashmir = resolve_toponym("Kashmir")
    assert kashmir.geonameid is None and kashmir.country is None and 33 < kashmir.lat < 36 and 74 < kashmir.lon < 77


def test_a_sea_lies_in_no_one():
    ocean = _place("The virus is also present in the Indian Ocean in Seychelles.", "Indian Ocean")
    assert ocean.feature == "OCN"


def test_lists_of_cities_keep_their_cities():
    places = find_places("After stops in Washington, New York and Boston, the prince flew home.")
    assert [(p.text, p.feature) for p in places] == [("Washington", "PPLC"), ("New York", "PPL"), ("Boston", "PPLA")]


def test_region_phrase_the_gazetteer_lacks_stays_unresolved():
    # Nyanza was a Kenyan province; the only Nyanza in the gazetteer is a town in Rwanda.
    place = _place("Medical camps were held in Nyanza province.", "Nyanza province")
    assert place.lat is None and place.geonameid is None
    # A region named after a big city still means the city.
    assert _place("Floods hit the Paris region.", "Paris").name == "Paris"


ARTICLE = (
    "A girl from Buffalo, New York died on Saturday. New York state officials said the flu had spread. "
    "A swan was found in the village of Cellardyke in Fife, Scotland. "
    "Work on the Tijuana River in Baja California will start soon."
)


def _at(name: str, occurrence: int = 0) -> int:
    start = -1
    for _ in range(occurrence + 1):
        start = ARTICLE.index(name, start + 1)
    return start


def test_resolve_toponym_reads_the_name_where_it_stands():
    context = PlaceContext.from_text(ARTICLE)
    assert resolve_toponym("New York", context=context).feature == "PPL"  # alone: the city
    assert resolve_toponym("New York", context=context, start=_at("New York")).feature == "ADM1"  # "Buffalo, New York"
    assert resolve_toponym("New York", context=context, start=_at("New York", 1)).feature == "ADM1"  # "New York state"
    # A start where the article has no such name: read the name alone.
    assert resolve_toponym("New York", context=context, start=0).feature == "PPL"


def test_estimates_at_a_position():
    kenya = "Doctors from Kenya held medical camps in Nyanza province. Kisumu hospitals were full."
    context = PlaceContext.from_text(kenya)
    nyanza = resolve_toponym("Nyanza", context=context, start=kenya.index("Nyanza"))
    assert nyanza.lat is None  # without approximate=True: unresolved, not the Rwandan town
    nyanza = resolve_toponym("Nyanza", context=context, start=kenya.index("Nyanza"), approximate=True)
    assert nyanza.precision == "vicinity" and nyanza.name == "Kisumu"
    context = PlaceContext.from_text(ARTICLE)
    # An unknown name is estimated at the place that holds it ...
    village = resolve_toponym("Cellardyke", context=context, start=_at("Cellardyke"), approximate=True)
    assert village.precision == "vicinity" and village.name == "Fife"
    # "district of" and "located in" make a container too.
    baghdad = "Police say the cakes came from a bakery in the Adhamiyah district of Baghdad."
    bakery = resolve_toponym("Adhamiyah", context=PlaceContext.from_text(baghdad), start=baghdad.index("Adhamiyah"), approximate=True)
    assert bakery.name == "Baghdad"
    # A containing country says less than the article's main place inside it.
    congo = "Ebola broke out in Kananga. The outbreak began in Kasai Occidental province of DRC in June."
    province = resolve_toponym("Kasai Occidental", context=PlaceContext.from_text(congo), start=congo.index("Kasai"), approximate=True)
    assert province.name == "Kananga"
    # ... unless the place inside its name lies in that container, which is closer.
    river = resolve_toponym("Tijuana River", context=context, start=_at("Tijuana River"), approximate=True)
    assert river.name == "Tijuana"


def test_generic_words_inside_a_name_are_no_place():
    # "Delta" is also a Nigerian state, "Plateau" a region of Benin: inside a name they are the kind of place, not where it is.
    text = "He grew up in a village north of Cairo, in the Nile Delta."
    assert resolve_toponym("Nile Delta", context=PlaceContext.from_text(text), approximate=True).country == "EG"
    haiti = "Cholera spread from Port-au-Prince. Most cases are in the Central Plateau."
    assert resolve_toponym("Central Plateau", context=PlaceContext.from_text(haiti), approximate=True).country == "HT"


def test_estimate_at_a_place_of_the_same_sentence():
    text = (
        "The cow was found in Fraser Valley, a farming community near Vancouver, British Columbia. "
        "Officials in Ottawa said tests continue in Ottawa."
    )
    context = PlaceContext.from_text(text)
    assert context.focus().name == "Ottawa"
    valley = resolve_toponym("Fraser Valley", context=context, start=text.index("Fraser"), approximate=True)
    assert valley.name == "Vancouver" and valley.precision == "vicinity"


def test_village_abroad_stays_unresolved():
    # The only Piccadilly in the gazetteer is an Australian hamlet; a London story never names Australia.
    text = "Police in London visited a sushi bar in Piccadilly."
    places = find_places(text, context=PlaceContext.from_text(text))
    assert [(p.text, p.lat is None) for p in places] == [("London", False), ("Piccadilly", True)]
    # Estimated in London when asked for an estimate.
    context = PlaceContext.from_text(text)
    estimate = resolve_toponym("Piccadilly", context=context, start=text.index("Piccadilly"), approximate=True)
    assert estimate.precision == "vicinity" and estimate.country == "GB"


def test_estimate_at_the_country_without_a_place_below_it():
    text = "Nepal's farmers sacrificed buffalo in the village of Bariyarpur."
    village = resolve_toponym("Bariyarpur", context=PlaceContext.from_text(text), start=text.index("Bariyarpur"), approximate=True)
    assert village.precision == "vicinity" and village.country == "NP"


def test_congo_is_decided_by_context():
    kinshasa = "Ebola broke out near Kinshasa. Congo asked for help."
    assert _context_place(kinshasa, "Congo").country == "CD"
    brazzaville = "Ebola broke out near Brazzaville. Congo asked for help."
    assert _context_place(brazzaville, "Congo").country == "CG"


def _context_place(text: str, surface: str):
    return [p for p in find_places(text, context=PlaceContext.from_text(text)) if p.text == surface][0]


def test_close_namesakes_are_estimated_between_them():
    # Two Chadian places are called Goz Beida, about 210 km apart: unresolved as places ...
    text = "Children in camps near Goz Beida, Chad, were malnourished."
    assert _context_place(text, "Goz Beida").lat is None
    # ... and estimated at their midpoint, within about 110 km of each, when an estimate is asked for.
    estimate = resolve_toponym("Goz Beida", approximate=True)
    assert estimate.precision == "vicinity" and estimate.country == "TD" and estimate.geonameid is None
    assert 12.2 < estimate.lat < 14 and 20.5 < estimate.lon < 21.5
    # Namesakes far apart (three Ukrainian Novenkes) get no midpoint.
    assert resolve_toponym("Novenke", approximate=True) is None


def test_place_inside_a_name_counts_only_in_a_country_the_article_names():
    text = "The Seoul Central District Court in Seoul sentenced him. Prosecutors in Seoul appealed."
    context = PlaceContext.from_text(text)
    # "Central District" is also an Israeli district; this story names South Korea only.
    court = resolve_toponym("Seoul Central District Court", context=context, approximate=True)
    assert court.country == "KR"
