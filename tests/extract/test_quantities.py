"""The quantity parser: what it must find, what it must not, and its record."""

import json
import shutil
from importlib import resources

import pytest

from claimgraph.datafiles import bundled
from claimgraph.extract.quantities import QuantityLexicon, find_quantities, load_lexicon
from claimgraph.model import QuantityBound, QuantityChange, QuantityRange

EXACT, RANGE, AT_LEAST, AT_MOST = (
    QuantityBound.EXACT,
    QuantityBound.RANGE,
    QuantityBound.AT_LEAST,
    QuantityBound.AT_MOST,
)

# (sentence, expected quantity text, low, high, bound, approximate, unit)
MUST_FIND = [
    ("Between 1,000 and 3,000 North Korean soldiers were sent to Kursk.", "Between 1,000 and 3,000 North Korean soldiers", 1000, 3000, RANGE, False, "soldiers"),
    ("GUR said 1,000–3,000 troops had moved to the region.", "1,000–3,000 troops", 1000, 3000, RANGE, False, "troops"),
    ("Officials counted 1,000-3,000 drones in the attack.", "1,000-3,000 drones", 1000, 3000, RANGE, False, "drones"),
    ("Officials said 1,000 to 3,000 servicemen were wounded.", "1,000 to 3,000 servicemen", 1000, 3000, RANGE, False, "servicemen"),
    ("From 10,000 to 12,000 North Korean troops are in Russia.", "From 10,000 to 12,000 North Korean troops", 10000, 12000, RANGE, False, "troops"),
    ("Up to 12,000 troops could be deployed by December.", "Up to 12,000 troops", None, 12000, AT_MOST, False, "troops"),
    ("More than 11,000 soldiers arrived, the Pentagon said.", "More than 11,000 soldiers", 11000, None, AT_LEAST, False, "soldiers"),
    ("Over 500 civilians were evacuated on Sunday.", "Over 500 civilians", 500, None, AT_LEAST, False, "civilians"),
    ("At least 3,000 people have been killed, the agency said.", "At least 3,000 people", 3000, None, AT_LEAST, False, "people"),
    ("Fewer than 200 residents stayed behind.", "Fewer than 200 residents", None, 200, AT_MOST, False, "residents"),
    ("Less than 10% of the shells hit their targets.", "Less than 10%", None, 10, AT_MOST, False, "%"),
    ("As many as 400 soldiers may have been captured.", "As many as 400 soldiers", None, 400, AT_MOST, False, "soldiers"),
    ("About 500 civilians remain in the town.", "About 500 civilians", 500, 500, EXACT, True, "civilians"),
    ("Around 40 drones were launched overnight.", "Around 40 drones", 40, 40, EXACT, True, "drones"),
    ("Nearly 90 missiles hit energy facilities.", "Nearly 90 missiles", 90, 90, EXACT, True, "missiles"),
    ("Some 500 shells were fired at the village.", "Some 500 shells", 500, 500, EXACT, True, "shells"),
    ("Roughly 300 vehicles were lost in the offensive.", "Roughly 300 vehicles", 300, 300, EXACT, True, "vehicles"),
    ("Approximately 20 tanks took part in the assault.", "Approximately 20 tanks", 20, 20, EXACT, True, "tanks"),
    ("An estimated 500 personnel were evacuated.", "An estimated 500 personnel", 500, 500, EXACT, True, "personnel"),
    ("Losses are estimated at 38,000 soldiers.", "estimated at 38,000 soldiers", 38000, 38000, EXACT, True, "soldiers"),
    ("Several thousand troops have been moved closer.", "Several thousand troops", 3000, 9000, RANGE, True, "troops"),
    ("Several hundred residents gathered on Saturday.", "Several hundred residents", 300, 900, RANGE, True, "residents"),
    ("A few hundred fighters remain inside the plant.", "A few hundred fighters", 200, 500, RANGE, True, "fighters"),
    ("Dozens of drones attacked Kyiv overnight.", "Dozens of drones", 24, 99, RANGE, True, "drones"),
    ("Hundreds of civilians sheltered in the metro.", "Hundreds of civilians", 200, 999, RANGE, True, "civilians"),
    ("Tens of thousands of people have fled.", "Tens of thousands of people", 20000, 99999, RANGE, True, "people"),
    ("Thousands of soldiers are training in the Far East.", "Thousands of soldiers", 2000, 9999, RANGE, True, "soldiers"),
    ("Hundreds of thousands of residents lost power.", "Hundreds of thousands of residents", 200000, 999999, RANGE, True, "residents"),
    ("Three thousand volunteers signed up.", "Three thousand volunteers", 3000, 3000, EXACT, False, "volunteers"),
    ("Twelve drones were shot down over Sumy.", "Twelve drones", 12, 12, EXACT, False, "drones"),
    ("A dozen tanks were spotted near the border.", "A dozen tanks", 12, 12, EXACT, False, "tanks"),
    ("Three hundred and fifty residents were evacuated.", "Three hundred and fifty residents", 350, 350, EXACT, False, "residents"),
    ("Twenty-five people were rescued.", "Twenty-five people", 25, 25, EXACT, False, "people"),
    ("A hundred drones were launched from Kursk.", "A hundred drones", 100, 100, EXACT, False, "drones"),
    ("Half a million people were left without water.", "Half a million people", 500000, 500000, EXACT, False, "people"),
    ("The GUR said 1.5 thousand servicemen arrived.", "1.5 thousand servicemen", 1500, 1500, EXACT, False, "servicemen"),
    ("Russia has 12k troops in reserve.", "12k troops", 12000, 12000, EXACT, False, "troops"),
    ("The war displaced 1.5 million people.", "1.5 million people", 1500000, 1500000, EXACT, False, "people"),
    ("The 10 000 soldiers crossed the border.", "10 000 soldiers", 10000, 10000, EXACT, False, "soldiers"),
    ("Russia deployed between 1 and 1.5 million men.", "between 1 and 1.5 million men", 1000000, 1500000, RANGE, False, "men"),
    ("Troops advanced 3-4 thousand metres.", "3-4 thousand metres", 3000, 4000, RANGE, False, "metres"),
    ("Two or three drones were heard over the city.", "Two or three drones", 2, 3, RANGE, False, "drones"),
    ("The drone attack involved 100 or more drones.", "100 or more drones", 100, None, AT_LEAST, False, "drones"),
    ("The unit has 5,000-plus troops.", "5,000-plus troops", 5000, None, AT_LEAST, False, "troops"),
    ("The unit lost 40-odd tanks.", "40-odd tanks", 40, 40, EXACT, True, "tanks"),
    ("A 12,000-strong contingent was spotted.", "12,000-strong", 12000, 12000, EXACT, False, None),
    ("Ukraine received $1.5 billion in aid.", "$1.5 billion", 1.5e9, 1.5e9, EXACT, False, "$"),
    ("The EU approved a €50bn facility.", "€50bn", 5e10, 5e10, EXACT, False, "€"),
    ("The budget allocates UAH 2.2 trillion to defence.", "UAH 2.2 trillion", 2.2e12, 2.2e12, EXACT, False, "UAH"),
    ("Inflation reached 20 per cent.", "20 per cent", 20, 20, EXACT, False, "%"),
    ("Two Su-34 jets were shot down.", "Two Su-34 jets", 2, 2, EXACT, False, "jets"),
    ("Pyongyang supplied thousands of 155mm shells.", "thousands of 155mm shells", 2000, 9999, RANGE, True, "shells"),
    ("Russia launched 300 Shahed-136 drones.", "300 Shahed-136 drones", 300, 300, EXACT, False, "drones"),
    ("Ukraine freed 150 prisoners of war.", "150 prisoners of war", 150, 150, EXACT, False, "prisoners of war"),
    ("The strike damaged 14 apartment buildings.", "14 apartment buildings", 14, 14, EXACT, False, "buildings"),
    ("Rescuers found 500 homes destroyed.", "500 homes", 500, 500, EXACT, False, "homes"),
    ("Russia claimed 17 HIMARS launchers were hit.", "17 HIMARS launchers", 17, 17, EXACT, False, "launchers"),
    ("Some 1500 troops arrived by rail.", "Some 1500 troops", 1500, 1500, EXACT, True, "troops"),
]


@pytest.mark.parametrize("sentence,text,low,high,bound,approximate,unit", MUST_FIND)
def test_finds(sentence, text, low, high, bound, approximate, unit):
    found = find_quantities(sentence)
    assert [q.text for q in found] == [text]
    quantity = found[0]
    assert (quantity.low, quantity.high) == (low, high)
    assert quantity.bound is bound
    assert quantity.approximate is approximate
    assert quantity.unit == unit
    assert sentence[quantity.start : quantity.end] == text


@pytest.mark.parametrize(
    "sentence,qualifier",
    [
        ("Between 1,000 and 3,000 North Korean soldiers were sent.", "North Korean"),
        ("Russia fired 50 Kh-101 cruise missiles.", "Kh-101 cruise"),
        ("About 3,000 more North Korean troops arrived.", "North Korean"),
        ("Iran sent 200 Iranian-made drones.", "Iranian-made"),
        ("The strike killed 3 civilians.", None),
    ],
)
def test_qualifier(sentence, qualifier):
    assert find_quantities(sentence)[0].qualifier == qualifier


# Casualty counts with no noun of their own: (sentence, [(value, unit), …]).
CASUALTIES = [
    ("Two civilians were killed and 3 were wounded.", [(2, "civilians"), (3, "civilians")]),
    ("The strike killed 4 and wounded 11 civilians.", [(4, "civilians"), (11, "civilians")]),
    ("The attack left 12 dead and 40 wounded.", [(12, "people"), (40, "people")]),
    ("Shelling killed 3 in Kherson on Tuesday.", [(3, "people")]),
    ("The NIS said 100 soldiers had been killed and 1,000 wounded.", [(100, "soldiers"), (1000, "soldiers")]),
    ("The death toll from the strike on Dnipro has risen to 45.", [(45, "people")]),
    ("Casualties decreased to 200 in February.", [(200, "casualties")]),
    ("Air defence destroyed 60 out of 74 drones.", [(60, "drones"), (74, "drones")]),
    ("Nine out of ten missiles were intercepted.", [(9, "missiles"), (10, "missiles")]),
    ("The number of refugees grew to 6.5 million.", [(6500000, "refugees")]),
]


@pytest.mark.parametrize("sentence,expected", CASUALTIES)
def test_unit_from_context(sentence, expected):
    assert [(q.low, q.unit) for q in find_quantities(sentence)] == expected


@pytest.mark.parametrize(
    "sentence,change,value",
    [
        ("The death toll rose to 45.", QuantityChange.UP, 45),
        ("The number of troops fell to about 8,000.", QuantityChange.DOWN, 8000),
        ("Attacks increased to 30 a day.", QuantityChange.UP, 30),
        ("Exports dropped sharply to 300 tonnes.", QuantityChange.DOWN, 300),
        ("Exports of grain fell by 15%.", QuantityChange.DOWN, 15),
        ("The total could grow to 15,000 soldiers.", QuantityChange.UP, 15000),
        ("The army had 880,000 people in service.", None, 880000),
    ],
)
def test_change(sentence, change, value):
    (quantity,) = find_quantities(sentence)
    assert quantity.change is change
    assert quantity.low == value


def test_change_from_old_to_new_level():
    found = find_quantities("Daily losses rose from 1,200 to 1,500 soldiers.")
    assert [(q.text, q.low, q.change) for q in found] == [
        ("1,200", 1200, None),
        ("1,500 soldiers", 1500, QuantityChange.UP),
    ]


MUST_NOT_FIND = [
    "The ceasefire was agreed in Minsk in 2015.",
    "By 2030 the army wants a professional force.",
    "The spokesman said 2024 had been the hardest year.",
    "In 2022 troops crossed the border.",
    "On March 10, Russian forces tried to break through.",
    "The offensive began on 6 August 2024.",
    "Fighting raged on March 10-12 near the border.",
    "A 45-year-old man was detained.",
    "The suspect, aged 34, was detained.",
    "Volodymyr Artyukh, 52, heads the administration.",
    "At the age of 18 he enlisted.",
    "The 47th Mechanised Brigade received its tanks.",
    "Soldiers of Brigade 155 deserted in France.",
    "The 3rd Assault Brigade retook positions.",
    "Poland invoked Article 4 of the treaty.",
    "UN Security Council Resolution 2231 expired.",
    "See No. 5 in the list.",
    "The alert sounded at 10:30.",
    "He spoke at 8 a.m. local time.",
    "The strike hit the building at 0600 GMT.",
    "Residents can call the hotline on +380 44 123 4567.",
    "Call (044) 123-45-67 for help.",
    "The US line is 202-555-0123.",
    "One of the soldiers said the unit had no ammunition.",
    "He is one of the few commanders who spoke.",
    "No one was hurt in the incident.",
    "The two leaders discussed the situation by phone.",
    "Ukraine has been asking for F-16 jets.",
    "The Su-25 crashed during a training flight.",
    "The MH17 investigators met in The Hague.",
    "The COVID-19 pandemic delayed the talks.",
    "Fighting was reported along Highway M-03.",
    "The S-300 system was deployed near the border.",
    "Over the past 24 hours the enemy shelled the community.",
    "The talks lasted three days.",
    "A two-day visit ended on Thursday.",
    "The suspect was handed a 12-year sentence.",
    "Russian forces attacked 9 times near Chasiv Yar.",
    "The 155 mm howitzers arrived in spring.",
    "The 1990s saw the first wave of reforms.",
    "He was open 24/7 during the siege.",
    "Several soldiers were seen near the river.",
    "The navy destroyed a third of the fleet.",
]


@pytest.mark.parametrize("sentence", MUST_NOT_FIND)
def test_does_not_find(sentence):
    assert find_quantities(sentence) == []


def test_several_quantities_in_order_with_offset():
    text = "Russia lost 1,340 soldiers, 12 tanks and 35 artillery systems in the past day."
    found = find_quantities(text, offset=100)
    assert [(q.low, q.unit) for q in found] == [(1340, "soldiers"), (12, "tanks"), (35, "artillery systems")]
    assert [text[q.start - 100 : q.end - 100] for q in found] == [q.text for q in found]


def test_year_like_number_with_known_unit_is_a_count():
    (quantity,) = find_quantities("Officials said 1945 troops were redeployed.")
    assert quantity.low == 1945 and quantity.unit == "troops"


def test_empty_and_numberless_text():
    assert find_quantities("") == []
    assert find_quantities("North Korea denied sending troops.") == []


@pytest.mark.parametrize("bad", [None, b"500 troops", 500, ["500 troops"]])
def test_wrong_type_raises_type_error(bad):
    with pytest.raises(TypeError):
        find_quantities(bad)


def test_record_round_trip():
    (quantity,) = find_quantities("Between 1,000 and 3,000 North Korean soldiers died.")
    data = quantity.to_dict()
    assert data == {
        "text": "Between 1,000 and 3,000 North Korean soldiers",
        "start": 0,
        "end": 45,
        "low": 1000.0,
        "high": 3000.0,
        "approximate": False,
        "bound": "range",
        "unit": "soldiers",
        "qualifier": "North Korean",
        "change": None,
    }
    assert json.loads(json.dumps(data)) == data
    assert QuantityRange.from_dict(data) == quantity
    (rose,) = find_quantities("The toll rose to 45.")
    assert QuantityRange.from_dict(rose.to_dict()) == rose


def test_lexicon_from_disk_reads_an_edited_copy(tmp_path):
    folder = tmp_path / "quantities"
    with resources.as_file(bundled("quantities")) as path:
        shutil.copytree(path, folder)
    assert find_quantities("Russia sent 300 golems.")[0].unit == "golems"  # a plural the lexicon lacks
    assert find_quantities("Russia sent 300 golem units.", lexicon=load_lexicon())[0].unit == "units"
    with (folder / "unit_nouns.jsonl").open("a", encoding="utf-8") as f:
        f.write(json.dumps({"forms": ["golem unit", "golem units"], "class": "other"}) + "\n")
    edited = QuantityLexicon.from_disk(folder)
    assert find_quantities("Russia sent 300 golem units.", lexicon=edited)[0].unit == "golem units"


def test_lexicon_from_missing_folder_raises(tmp_path):
    with pytest.raises(FileNotFoundError):
        QuantityLexicon.from_disk(tmp_path / "nowhere")
