"""Actors in claim spans: aliases to canonical ids, demonyms, metonyms, and roles from the parse."""

from __future__ import annotations

import pytest

from claimgraph.extract.actors import ActorTable, find_actor_mentions, find_actors, load_table
from claimgraph.model import Actor, ActorRole, ActorType

AGENT, RECIPIENT, OTHER = ActorRole.AGENT, ActorRole.RECIPIENT, ActorRole.OTHER

# (sentence, expected actors as (text, id, role)) — the whole sentence is the claim span
MUST_FIND = [
    ("North Korea sent troops to Russia.", [("North Korea", "north_korea", AGENT), ("Russia", "russia", RECIPIENT)]),
    ("Troops were sent by Pyongyang.", [("Pyongyang", "north_korea", AGENT)]),
    ("The DPRK has sent more soldiers to the front.", [("DPRK", "north_korea", AGENT)]),
    ("North Korean soldiers were moved to the Kursk region.", [("North Korean soldiers", "north_korea_armed_forces", AGENT)]),
    ("Between 1,000 and 3,000 North Korean soldiers were moved to Kursk.", [("North Korean soldiers", "north_korea_armed_forces", AGENT)]),
    ("Three Russian soldiers were killed in the attack.", [("Russian soldiers", "russia_armed_forces", RECIPIENT)]),
    ("Russian occupiers shelled Sumy overnight.", [("Russian occupiers", "russia_armed_forces", AGENT)]),
    ("Russian forces were trying to open a combat zone near Novenke.", [("Russian forces", "russia_armed_forces", AGENT)]),
    ("The Russian Federation deployed new brigades.", [("Russian Federation", "russia", AGENT)]),
    ("Russia's troops withdrew from the village.", [("Russia's troops", "russia_armed_forces", AGENT)]),
    ("GUR reported new arrivals in Kursk.", [("GUR", "gur_ukraine", AGENT)]),
    ("HUR confirmed the losses.", [("HUR", "gur_ukraine", AGENT)]),
    ("The Main Intelligence Directorate of Ukraine's Ministry of Defence published the figures.", [("Main Intelligence Directorate of Ukraine's Ministry of Defence", "gur_ukraine", AGENT)]),
    ("Ukraine's military intelligence intercepted the calls.", [("Ukraine's military intelligence", "gur_ukraine", AGENT)]),
    ("South Korea's intelligence agency briefed lawmakers.", [("South Korea's intelligence agency", "nis_south_korea", AGENT)]),
    ("The NIS briefed lawmakers on Wednesday.", [("NIS", "nis_south_korea", AGENT)]),
    ("The Pentagon confirmed the deployment.", [("Pentagon", "pentagon", AGENT)]),
    ("The US Department of Defense confirmed the deployment.", [("US Department of Defense", "pentagon", AGENT)]),
    ("KCNA published the statement.", [("KCNA", "kcna", AGENT)]),
    ("Wagner fighters seized the town.", [("Wagner", "wagner_group", AGENT)]),
    ("The EU imposed sanctions on North Korea.", [("EU", "european_union", AGENT), ("North Korea", "north_korea", RECIPIENT)]),
    ("Military cooperation between North Korea and Russia continues.", [("North Korea", "north_korea", AGENT), ("Russia", "russia", AGENT)]),
    ("Kyiv accused Moscow of war crimes.", [("Kyiv", "ukraine", AGENT), ("Moscow", "russia", RECIPIENT)]),
    ("The Kremlin said the talks were useful.", [("Kremlin", "kremlin", AGENT)]),
    ("NATO warned Russia against escalation.", [("NATO", "nato", AGENT), ("Russia", "russia", RECIPIENT)]),
    ("Russian drones attacked Kharkiv.", [("Russian drones", "russia_armed_forces", AGENT)]),
    ("Russian officials denied the reports.", [("Russian officials", "russia", AGENT)]),
    ("Hamas fired rockets at Israel.", [("Hamas", "hamas", AGENT), ("Israel", "israel", RECIPIENT)]),
    ("The Russian Defense Ministry said its forces repelled the attack.", [("Russian Defense Ministry", "russia_defence_ministry", AGENT)]),
    ("The North Korean units were pulled back from the front.", [("North Korean units", "north_korea_armed_forces", AGENT)]),
    ("Russian and North Korean troops attacked Ukrainian positions.", [("Russian", "russia_armed_forces", AGENT), ("North Korean troops", "north_korea_armed_forces", AGENT)]),
]

MUST_NOT = [
    "Drones attacked Kyiv overnight.",  # Kyiv the city: the place facet's
    "Troops arrived in Moscow on Monday.",
    "The soldiers crossed into Russian territory.",  # demonym before a place noun
    "Refugees fled to Washington last year.",
    "The Russian-language newspaper closed.",
    "The region lies in the north of the country.",  # "the north" is no context alias here
    "The us-versus-them rhetoric grew.",  # "us" is no acronym
    "A turkey farm burned down.",
    "Officials met in a small village.",
    "Prices in the south rose.",
    "He spoke Korean fluently.",
]


def sentence_span(nlp, sentence: str):
    doc = nlp(sentence)
    return doc.char_span(0, len(sentence.rstrip(".")), alignment_mode="expand")


@pytest.mark.parametrize("sentence,expected", MUST_FIND)
def test_must_find(nlp, sentence, expected):
    actors = find_actors(sentence_span(nlp, sentence))
    assert [(a.text, a.id, a.role) for a in actors] == expected
    for actor in actors:
        assert sentence[actor.start : actor.end] == actor.text


@pytest.mark.parametrize("sentence", MUST_NOT)
def test_must_not(nlp, sentence):
    assert find_actors(sentence_span(nlp, sentence)) == []


def test_offsets_index_into_the_doc_for_a_span_inside_it(nlp):
    text = "Andriy Yusov said that Pyongyang sent more troops to Russia."
    doc = nlp(text)
    start = text.index("Pyongyang")
    span = doc.char_span(start, text.index(" to Russia"))
    [actor] = find_actors(span)
    assert (actor.text, actor.start, actor.end, actor.role) == ("Pyongyang", start, start + 9, AGENT)
    assert actor.name == "North Korea" and actor.country == "KP" and actor.type is ActorType.STATE


def test_context_alias_needs_the_actor_named_elsewhere(nlp):
    text = "North Korea confirmed the deployment. The North sent more troops."
    doc = nlp(text)
    start = text.index("The North")
    actors = find_actors(doc.char_span(start, len(text) - 1))
    assert [(a.text, a.id, a.role) for a in actors] == [("The North", "north_korea", AGENT)]


def test_relative_clause_actor_has_no_role(nlp):
    actors = find_actors(sentence_span(nlp, "Troops that North Korea trained were moved to Kursk."))
    assert [(a.id, a.role) for a in actors] == [("north_korea", OTHER)]


def test_armed_forces_without_a_row_are_named_after_the_state(nlp):
    [actor] = find_actors(sentence_span(nlp, "Belarusian troops were moved to the border."))
    assert (actor.id, actor.name, actor.type, actor.country) == ("belarus_armed_forces", "Belarus armed forces", ActorType.ARMED_FORCES, "BY")


def test_plain_text_matcher():
    text = "Ukraine's military intelligence (GUR) said the DPRK and Moscow had 11,000 North Korean soldiers in Kursk."
    found = [(a.text, a.id, a.role) for a in find_actor_mentions(text, offset=100)]
    assert found == [
        ("Ukraine's military intelligence", "gur_ukraine", OTHER),
        ("GUR", "gur_ukraine", OTHER),
        ("DPRK", "north_korea", OTHER),
        ("North Korean soldiers", "north_korea_armed_forces", OTHER),
    ]
    with_metonyms = find_actor_mentions(text, metonyms=True)
    assert ("Moscow", "russia") in [(a.text, a.id) for a in with_metonyms]
    first = find_actor_mentions(text, offset=100)[0]
    assert (first.start, first.end) == (100, 131)


def test_plain_text_curly_apostrophe_and_spelling():
    found = find_actor_mentions("Ukraine’s Defense Ministry and the russian defence ministry said so.")
    assert [a.id for a in found] == ["ukraine_defence_ministry", "russia_defence_ministry"]


def test_actor_round_trips_through_dict(nlp):
    [actor] = find_actors(sentence_span(nlp, "The NIS briefed lawmakers."))
    assert Actor.from_dict(actor.to_dict()) == actor
    assert actor.to_dict()["role"] == "agent" and actor.to_dict()["type"] == "intelligence_agency"


def test_bad_input():
    with pytest.raises(TypeError, match="Span"):
        find_actors("North Korea sent troops")
    with pytest.raises(TypeError, match="str"):
        find_actor_mentions(None)


def test_table_rows_are_checked():
    classes = load_table().class_nouns
    with pytest.raises(ValueError, match="row 2.*used twice"):
        ActorTable.from_rows([{"id": "a", "name": "A", "type": "state"}, {"id": "a", "name": "B", "type": "state"}], classes)
    with pytest.raises(ValueError, match="row 2.*already names"):
        ActorTable.from_rows(
            [{"id": "a", "name": "A", "type": "state", "aliases": ["Alpha"]}, {"id": "b", "name": "B", "type": "state", "aliases": ["alpha"]}],
            classes,
        )
    with pytest.raises(ValueError, match="row 1"):
        ActorTable.from_rows([{"id": "a", "name": "A", "type": "planet"}], classes)
