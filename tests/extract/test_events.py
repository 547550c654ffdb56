"""Event type and sub-type of claim spans: the cue must govern the claim's predicate."""

from __future__ import annotations

import pytest

from claimgraph.extract.events import EventLexicon, classify_event, load_lexicon
from claimgraph.model import EventSubtype, EventType

E, S = EventType, EventSubtype

# (sentence, content span (None: the sentence without its full stop), type, sub-type)
MUST_FIND = [
    ("North Korea sent troops to Russia.", None, E.MOBILIZE, S.DEPLOY_FORCES),
    ("Troops were sent by Pyongyang.", None, E.MOBILIZE, S.DEPLOY_FORCES),
    ("Between 1,000 and 3,000 North Korean soldiers were moved to the Kursk region from January to February.", None, E.MOBILIZE, S.DEPLOY_FORCES),
    ("Russia has deployed additional brigades to the Kursk region.", None, E.MOBILIZE, S.DEPLOY_FORCES),
    ("Pyongyang transferred another 3,000 servicemen to Russia in January.", None, E.MOBILIZE, S.DEPLOY_FORCES),
    ("More North Korean troops arrived in the Kursk region last week.", None, E.MOBILIZE, S.DEPLOY_FORCES),
    ("North Korean troops remain in the Kursk region, the GUR said.", "North Korean troops remain in the Kursk region", E.MOBILIZE, S.PRESENCE_OF_FORCES),
    ("The governor said no Russian troops remain in the Sumy region.", "no Russian troops remain in the Sumy region", E.MOBILIZE, S.PRESENCE_OF_FORCES),
    ("There are no Russian troops in the region.", None, E.MOBILIZE, S.PRESENCE_OF_FORCES),
    ("North Korean troops are stationed near Sudzha.", None, E.MOBILIZE, S.PRESENCE_OF_FORCES),
    ("Peskov denied that North Korean troops were in Russia.", "that North Korean troops were in Russia", E.MOBILIZE, S.PRESENCE_OF_FORCES),
    ("North Korean soldiers have not been noted in the area so far.", None, E.MOBILIZE, S.PRESENCE_OF_FORCES),
    ("A Russian sabotage group infiltrated the Sumy region overnight.", None, E.MOBILIZE, S.INFILTRATION),
    ("Russian saboteurs tried to cross the border near Novenke.", None, E.MOBILIZE, S.INFILTRATION),
    ("Three civilians were killed in the village.", None, E.ASSAULT, S.CASUALTIES),
    ("Russian shelling wounded four people in Sumy.", None, E.ASSAULT, S.CASUALTIES),
    ("Russian losses amounted to 38,000 soldiers.", None, E.ASSAULT, S.CASUALTIES),
    ("North Korean units suffered heavy casualties near Kursk.", None, E.ASSAULT, S.CASUALTIES),
    ("Russian forces shelled Sumy overnight.", None, E.ASSAULT, S.SHELLING_STRIKE),
    ("Russia launched a drone attack on Kharkiv.", None, E.ASSAULT, S.SHELLING_STRIKE),
    ("A missile strike hit the city centre.", None, E.ASSAULT, S.SHELLING_STRIKE),
    ("Russian drones attacked energy facilities in Sumy.", None, E.ASSAULT, S.SHELLING_STRIKE),
    ("Russian forces were trying to open a combat zone near Novenke.", None, E.ASSAULT, S.GROUND_COMBAT),
    ("North Korean soldiers are fighting alongside Russian troops in Kursk.", None, E.ASSAULT, S.GROUND_COMBAT),
    ("Russian troops carried out 42 assaults near Pokrovsk.", None, E.ASSAULT, S.GROUND_COMBAT),
    ("Russian forces captured the village of Novenke.", None, E.ASSAULT, S.CAPTURE_PLACE),
    ("Russian troops took control of Sudzha.", None, E.ASSAULT, S.CAPTURE_PLACE),
    ("Ukrainian forces liberated two settlements.", None, E.ASSAULT, S.CAPTURE_PLACE),
    ("Ukrainian troops withdrew from Sudzha.", None, E.RETREAT, S.WITHDRAWAL),
    ("The brigade retreated to new positions.", None, E.RETREAT, S.WITHDRAWAL),
    ("The United States sent weapons to Ukraine.", None, E.AID, S.MILITARY_AID),
    ("Pyongyang supplied millions of artillery shells to Russia.", None, E.AID, S.MILITARY_AID),
    ("Germany announced a new aid package for Ukraine.", None, E.AID, None),
    ("The EU imposed sanctions on North Korean officials.", None, E.SANCTION, None),
    ("Kyiv accused Moscow of using North Korean soldiers as cannon fodder.", None, E.ACCUSE, None),
    ("Moscow denied the reports.", None, E.REJECT, None),
    ("Putin met Kim Jong Un in Pyongyang.", None, E.CONSULT, None),
    ("The two sides held talks in Moscow.", None, E.CONSULT, None),
    ("Russia and North Korea signed a strategic partnership treaty.", None, E.AGREE, None),
    ("Russia threatened to retaliate against Western countries.", None, E.THREATEN, None),
    ("Military cooperation between North Korea and Russia continues.", None, E.COOPERATE, None),
    ("Zelensky urged allies to send more air defence systems.", None, E.REQUEST, None),
    ("Thousands protested in Seoul against the deployment.", None, E.PROTEST, None),
    ("Police detained two suspects in Kyiv.", None, E.COERCE, None),
    # headlines drop the auxiliary: the participle carries the event
    ("Seven Ukrainian soldiers killed in war-torn east", None, E.ASSAULT, S.CASUALTIES),
    ("Village near Pokrovsk captured by Russian forces", None, E.ASSAULT, S.CAPTURE_PLACE),
]

MUST_NOT = [
    "Residents of the shelled village gathered in the square.",
    "The minister said the talks were useful.",
    "Officials sent a letter to the embassy.",
    "The weather remains cold in the region.",
    "The report was published on Tuesday.",
    "Analysts who studied the strikes published a report.",
    "Officials in the region of the fighting counted the ballots.",
    "The spokesman spoke to journalists in Kyiv.",
    "The village is 5 kilometres from the border.",
    "Prices rose sharply in the capital.",
    "The museum in Sumy opened a new exhibition.",
    "A museum of the battle opened in Kursk.",
    "Memorial to soldiers unveiled in Kyiv",
]

# the cue sits in a subordinate phrase; the predicate decides
PREDICATE_DECIDES = [
    ("Soldiers who survived the shelling were moved to Kursk.", E.MOBILIZE, S.DEPLOY_FORCES),
    ("Troops that had captured the village withdrew on Monday.", E.RETREAT, S.WITHDRAWAL),
    ("The brigade, which lost 40 soldiers, remained in Kursk.", E.MOBILIZE, S.PRESENCE_OF_FORCES),
]


@pytest.mark.parametrize("sentence,content,event_type,subtype", MUST_FIND)
def test_must_find(content_span, sentence, content, event_type, subtype):
    assert classify_event(content_span(sentence, content)) == (event_type, subtype)


@pytest.mark.parametrize("sentence", MUST_NOT)
def test_must_not(content_span, sentence):
    assert classify_event(content_span(sentence, None)) == (None, None)


@pytest.mark.parametrize("sentence,event_type,subtype", PREDICATE_DECIDES)
def test_cue_in_a_subordinate_phrase_does_not_decide(content_span, sentence, event_type, subtype):
    assert classify_event(content_span(sentence, None)) == (event_type, subtype)


def test_rejects_what_is_not_a_span():
    with pytest.raises(TypeError, match="Span"):
        classify_event("troops were sent")


def test_empty_span(nlp):
    assert classify_event(nlp("Troops arrived.")[0:0]) == (None, None)


def test_lexicon_rows_are_checked():
    classes = [{"class": "forces", "forms": ["troops"]}]
    with pytest.raises(ValueError, match="row 1.*pos"):
        EventLexicon.from_rows([{"pos": "adverb", "forms": ["x"], "type": "ASSAULT"}], classes)
    with pytest.raises(ValueError, match="unknown noun class"):
        EventLexicon.from_rows([{"pos": "verb", "forms": ["send"], "type": "MOBILIZE", "object": "tanks"}], classes)
    with pytest.raises(ValueError, match="row 1"):
        EventLexicon.from_rows([{"pos": "verb", "forms": ["send"], "type": "DEPLOY"}], classes)


def test_shipped_lexicon_covers_every_type_and_subtype():
    lexicon = load_lexicon()
    cues = [c for table in (lexicon.verbs, lexicon.nouns, lexicon.adjectives) for rows in table.values() for c in rows]
    assert {c.type for c in cues if c.type} == set(EventType)
    assert {c.subtype for c in cues if c.subtype} == set(EventSubtype)
