"""Polarity and modality of claim spans: negation in the claim's own clause, denials, hedges, attempts, plans."""

from __future__ import annotations

import pytest

from claimgraph.extract.modality import ModalityLexicon, load_lexicon, polarity_and_modality
from claimgraph.model import Modality, Polarity

AFF, NEG = Polarity.AFFIRMED, Polarity.NEGATED
ASSERTED, ESTIMATED, HEDGED, ATTEMPTED, PLANNED, DENIED = (
    Modality.ASSERTED, Modality.ESTIMATED, Modality.HEDGED, Modality.ATTEMPTED, Modality.PLANNED, Modality.DENIED,
)

# (sentence, content span (None: the sentence without its full stop), polarity, modality)
MUST_FIND = [
    ("North Korean troops have not been noted in the Kursk region, Yusov said.", "North Korean troops have not been noted in the Kursk region", NEG, ASSERTED),
    ("The governor said no Russian troops remain in the Sumy region.", "no Russian troops remain in the Sumy region", NEG, ASSERTED),
    ("There are no Russian troops left in the region, the head of the administration said.", "There are no Russian troops left in the region", NEG, ASSERTED),
    ("Peskov denied that North Korean troops were in Russia.", "that North Korean troops were in Russia", NEG, DENIED),
    ("The Kremlin dismissed reports that Pyongyang had sent soldiers.", "that Pyongyang had sent soldiers", NEG, DENIED),
    ("Moscow has repeatedly denied that its forces struck the hospital.", "that its forces struck the hospital", NEG, DENIED),
    ("Peskov denied that no North Korean soldiers had been wounded.", "that no North Korean soldiers had been wounded", AFF, DENIED),
    ("North Korean units never crossed into Ukrainian territory, the ministry said.", "North Korean units never crossed into Ukrainian territory", NEG, ASSERTED),
    ("Russian forces did not capture Novenke, the spokesman said.", "Russian forces did not capture Novenke", NEG, ASSERTED),
    ("The troops are no longer in the village, officials said.", "The troops are no longer in the village", NEG, ASSERTED),
    ("None of the soldiers returned to their base.", None, NEG, ASSERTED),
    ("Russia has sent no reinforcements to the area.", None, NEG, ASSERTED),
    ("An estimated 11,000 North Korean soldiers are in the Kursk region, officials said.", "An estimated 11,000 North Korean soldiers are in the Kursk region", AFF, ESTIMATED),
    ("The number of North Korean troops is estimated at 12,000.", None, AFF, ESTIMATED),
    ("GUR estimates that 3,000 North Korean soldiers have been killed.", "that 3,000 North Korean soldiers have been killed", AFF, ESTIMATED),
    ("North Korea has reportedly sent more troops to Russia.", None, AFF, HEDGED),
    ("The soldiers were allegedly moved by rail to Kursk.", None, AFF, HEDGED),
    ("Pyongyang may send more troops, the NIS said.", "Pyongyang may send more troops", AFF, HEDGED),
    ("North Korean soldiers might already be fighting in Kursk.", None, AFF, HEDGED),
    ("North Korea is likely to send additional forces, analysts said.", "North Korea is likely to send additional forces", AFF, HEDGED),
    ("So far, 200 North Korean soldiers have been captured, he said.", "So far, 200 North Korean soldiers have been captured", AFF, HEDGED),
    ("North Korean troops are believed to be stationed near Kursk.", None, AFF, HEDGED),
    ("Seoul believes that Pyongyang sent 3,000 more troops.", "that Pyongyang sent 3,000 more troops", AFF, HEDGED),
    ("So far, no North Korean troops have been noted in the area.", None, NEG, HEDGED),
    ("Russian forces were trying to open a combat zone near Novenke, a border guard spokesman said.", "Russian forces were trying to open a combat zone near Novenke", AFF, ATTEMPTED),
    ("Russian troops attempted to break through near Sudzha.", None, AFF, ATTEMPTED),
    ("Sabotage groups have made attempts to cross the border.", None, AFF, ATTEMPTED),
    ("Russian forces failed to capture the village.", None, NEG, ATTEMPTED),
    ("North Korea plans to send more troops to Russia.", None, AFF, PLANNED),
    ("Pyongyang is preparing to deploy another contingent, the NIS said.", "Pyongyang is preparing to deploy another contingent", AFF, PLANNED),
    ("The Pentagon will send more air defence systems to Ukraine.", None, AFF, PLANNED),
    ("Kim said North Korean troops would remain in Russia.", "North Korean troops would remain in Russia", AFF, PLANNED),
    ("Russia intends to redeploy the brigade to Zaporizhzhia.", None, AFF, PLANNED),
    ("North Korea is reportedly preparing to send more troops.", None, AFF, PLANNED),
]

# the claim stays affirmed and asserted
MUST_NOT = [
    ("Troops that never returned were counted by the ministry.", None),
    ("Soldiers who had not been paid for months were moved to Kursk.", None),
    ("The village, which Russia has never controlled, was shelled overnight.", None),
    ("The convoy arrived with no warning, residents said.", "The convoy arrived with no warning"),
    ("In May, North Korean troops arrived in the Kursk region.", None),
    ("The troops arrived in Kursk after talks failed.", None),
    ("Peskov did not deny that North Korean troops were in Russia.", "that North Korean troops were in Russia"),
    ("North Korea sent 3,000 troops to Russia, the NIS said.", "North Korea sent 3,000 troops to Russia"),
    ("Residents who could not leave were evacuated by volunteers.", None),
    ("Russian forces continue to shell the border villages.", None),
    ("The brigade said the attack, which it had not expected, killed four soldiers.", "the attack, which it had not expected, killed four soldiers"),
    ("More than 1,000 North Korean soldiers were wounded in the fighting.", None),
    ("The NIS told lawmakers that about 300 had been killed and 2,700 wounded.", "that about 300 had been killed and 2,700 wounded"),
    ("The brigade is set up near the border, officials said.", "The brigade is set up near the border"),
]


@pytest.mark.parametrize("sentence,content,polarity,modality", MUST_FIND)
def test_must_find(content_span, sentence, content, polarity, modality):
    assert polarity_and_modality(content_span(sentence, content)) == (polarity, modality)


@pytest.mark.parametrize("sentence,content", MUST_NOT)
def test_must_not(content_span, sentence, content):
    assert polarity_and_modality(content_span(sentence, content)) == (AFF, ASSERTED)


def test_a_claim_whose_own_predicate_is_the_denial_is_affirmed(content_span):
    # the outlet's claim that a denial happened: the event is the denial (REJECT), and it did happen
    assert polarity_and_modality(content_span("Moscow denied the reports.", None)) == (AFF, ASSERTED)


def test_rejects_what_is_not_a_span(nlp):
    with pytest.raises(TypeError, match="Span"):
        polarity_and_modality("no troops remain")


def test_empty_span_is_affirmed_and_asserted(nlp):
    doc = nlp("Troops remain.")
    assert polarity_and_modality(doc[0:0]) == (AFF, ASSERTED)


def test_lexicon_rows_are_checked():
    with pytest.raises(ValueError, match="row 1"):
        ModalityLexicon.from_rows([{"phrases": ["maybe"], "modality": "doubtful"}])
    with pytest.raises(ValueError, match="scope"):
        ModalityLexicon.from_rows([{"phrases": ["maybe"], "modality": "hedged", "scope": "anywhere"}])


def test_shipped_lexicon_has_every_modality_and_transparent_words():
    lexicon = load_lexicon()
    assert {c.modality for c in lexicon.cues} >= set(Modality) - {Modality.ASSERTED}
    assert {"trying", "plans", "likely"} <= lexicon.transparent
    assert "believed" in lexicon.passive_only


def test_span_over_two_sentences_ends(nlp):
    # a quotation of two sentences has two roots; the scope walk must stop at each
    doc = nlp('"No troops remain. The village is calm," the governor said.')
    span = doc.char_span(1, doc.text.index(',"'))
    assert polarity_and_modality(span) == (NEG, ASSERTED)
