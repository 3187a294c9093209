"""Table-driven tests of the coder's context rules (issue 10), on the default codebook.

Every sentence here was written for these tests: each shows one mechanism.
"""

from __future__ import annotations

from datetime import date

import pytest

from eventcoder import Article, code_article, load_codebook
from eventcoder.actors.context import dominant_country
from eventcoder.model import ActorMention

PUBLISHED = date(2025, 3, 12)  # a Wednesday


@pytest.fixture(scope="module")
def book():
    return load_codebook()


def coded(book, text: str) -> set[tuple[str, str, str]]:
    result = code_article(Article("t", text, published=PUBLISHED), book)
    return {(m.source.code, m.target.code, m.event_code) for m in result.mentions}


def hows(book, text: str) -> set[tuple[str, str]]:
    result = code_article(Article("t", text, published=PUBLISHED), book)
    return {(m.source.how, m.target.how) for m in result.mentions}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a role noun takes the country of the event's place
        ("Police fired tear gas at protesters in Lusaka on Tuesday.", {("ZMBCOP", "ZMBOPP", "175")}),
        # ... else the article's dominant country
        ("Peru's president met farmers. Soldiers later arrested the union leaders.",
         {("PERGOV", "PERAGR", "04"), ("PERMIL", "PERLAB", "173")}),
        # a tie between countries leaves the role bare
        ("Ghana and Togo signed a deal. Soldiers arrested the smugglers.", {("MIL", "CRM", "173")}),
    ],
)
def test_role_nouns_take_their_country_from_context(book, text, expected):
    found = coded(book, text)
    for source, target, code in expected:
        assert any(e[:2] == (source, target) and e[2].startswith(code) for e in found), found


def test_a_context_country_is_said_in_how(book):
    text = "Police fired tear gas at protesters on Tuesday, Zambian officials said."
    assert ("context", "context") in hows(book, text)


@pytest.mark.parametrize(
    ("countries", "expected"),
    [
        (["KEN", "KEN", "UGA"], "KEN"),
        (["KEN", "UGA"], None),  # a tie: not about one country
        (["IGO", "NGO"], None),  # organisations are no country
        ([], None),
    ],
)
def test_dominant_country(countries, expected):
    actors = [ActorMention(0, 0, 0, 0, c, c, c, f"code:{c}", "dictionary", country=c) for c in countries]
    assert dominant_country(actors) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the object names an event told earlier: its source is the target
        ("Chad fired rockets at Sudan on Monday. Egypt condemned the attack.", ("EGY", "TCD", "111")),
        # rejecting an accusation denies it (016), and answers the accuser
        ("Chile accused Bolivia of spying. Bolivia rejected the accusation.", ("BOL", "CHL", "016")),
        # a relative clause's object is its head noun: "a charge X rejected" = "X rejected the charge"
        ("Chile accused Bolivia of spying, a charge the government in La Paz rejected.", ("BOLGOV", "CHL", "016")),
        # the patient of a passive names the event
        ("Chad fired rockets at Sudan on Monday. The attack was condemned by Egypt.", ("EGY", "TCD", "111")),
        # mediating, hosting and welcoming are aimed at every side of the event
        ("Chile and Bolivia signed a border deal. The deal, which was brokered by Peru, ends a feud.",
         ("PER", "BOL", "045")),
        ("Chile and Bolivia signed a border deal. The deal, which was brokered by Peru, ends a feud.",
         ("PER", "CHL", "045")),
        ("Chile and Bolivia signed a border deal. Peru welcomed the agreement.", ("PER", "CHL", "051")),
        ("The talks between the Chilean acting president and Bolivia were hosted by Peru.", ("PER", "CHLGOV", "043")),
    ],
)
def test_an_object_naming_an_earlier_event_gives_its_actor(book, text, expected):
    found = coded(book, text)
    assert any(e[:2] == expected[:2] and e[2].startswith(expected[2]) for e in found), found


def test_an_indefinite_event_noun_refers_to_nothing(book):
    found = coded(book, "Chad fired rockets at Sudan on Monday. Egypt condemned attacks in general.")
    assert not any(s == "EGY" for s, _, _ in found), found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a participle after a noun, with its agent: passive
        ("Ghana and Togo agreed to a truce mediated by Qatar.", {("QAT", "GHA", "045"), ("QAT", "TGO", "045")}),
        ("Peru and Chile signed a pact brokered by Brazil.", {("BRA", "PER", "045"), ("BRA", "CHL", "045")}),
    ],
)
def test_participles_with_an_agent_are_passive(book, text, expected):
    assert expected <= coded(book, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # material conflict with one side unnamed: a null actor ("" here)
        ("A trader was shot dead in Kano on Monday.", ("", "NGABUS", "19")),
        ("Protesters rallied in Mombasa on Monday.", ("KENOPP", "KENGOV", "14")),
    ],
)
def test_one_sided_material_conflict(book, text, expected):
    found = coded(book, text)
    assert any((s, t) == expected[:2] and c.startswith(expected[2]) for s, t, c in found), found


def test_verbal_events_need_both_sides(book):
    assert not any(s == "" or t == "" for s, t, _ in coded(book, "Ghana condemned on Monday."))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Brazil will meet Argentina in Geneva next week.", ("BRA", "ARG", "036")),
        ("Iran said it would retaliate against Israel.", ("IRN", "ISR", "138")),
        ("Japan will send aid to Myanmar.", ("JPN", "MMR", "033")),
    ],
)
def test_an_intent_modal_codes_the_stated_intent(book, text, expected):
    assert any(e[:2] == expected[:2] and e[2].startswith(expected[2]) for e in coded(book, text)), coded(book, text)


@pytest.mark.parametrize(
    "text",
    [
        "Germany would send tanks to Poland only if France did the same.",  # a condition, not an intent
        "Iran would not retaliate against Israel.",  # negated
    ],
)
def test_no_intent_under_a_condition_or_negation(book, text):
    assert not coded(book, text)


def test_an_acronym_beside_a_role_noun_is_a_group(book):
    result = code_article(Article("t", "Dozens of ZNLF fighters attacked an army base in Mali.", published=PUBLISHED),
                          book)
    sources = {(m.source.name, m.source.code) for m in result.mentions}
    assert ("ZNLF", "MLIUAF") in sources, sources


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an intent verb's "to" complement codes the intent
        ("Canada was ready to resume negotiations with Mexico.", ("CAN", "MEX", "036")),
        # a relative clause on an event noun: its own subject answers (denies) the earlier event
        ("Chile accused Peru of spying, a charge Lima rejected.", ("PERGOV", "CHL", "016")),
        # a denial with no target answers the accusation aimed at the denier's country
        ("Estonia accused Russia of sabotage on Monday. Moscow denied any involvement.", ("RUSGOV", "EST", "016")),
        # "the group" refers to the latest organisation that fits
        ("Al-Shabaab fighters attacked a Somali army base. The group claimed responsibility for the assault.",
         ("SOMINS", "SOMMIL", "015")),
        # a measure at home with no target is aimed at the source's own country
        ("The Kenyan government imposed a curfew on Monday.", ("KENGOV", "KEN", "1723")),
        # a threat whose complement names the threatener's own side answers the act aimed at it,
        # from every source of that act
        ("Chile and Peru sanctioned Bolivia on Monday. Bolivia's president warned that La Paz would respond.",
         ("BOLGOV", "PER", "13")),
        ("Chile and Peru sanctioned Bolivia on Monday. Bolivia's president warned that La Paz would respond.",
         ("BOLGOV", "CHL", "13")),
        # an intent to fight with no target answers the latest hostile act aimed at the subject
        ("Rebels seized the town of Kalo from the Malian army. The army vowed to retake the town.",
         ("MLIMIL", "MLIREB", "13")),
        # the pattern's own last word names the event: "claimed the attack" -> the attacked
        ("Gunmen attacked a Kenyan police post. Al-Shabaab, which claimed the attack, named no leader.",
         ("SOMINS", "KENCOP", "015")),
        # short quoted words are no speech: the pattern reads through the quote marks
        ('Rebels attacked a village. The rebel leader acknowledged "violations" by his fighters.',
         ("REB", "UAF", "015")),
        # "X would respond": a stated reprisal threatens whoever acted against X
        ("Chile imposed sanctions on Peru. Lima said Peru would respond.", ("PER", "CHL", "130")),
        # a criticism or concern with no object reacts to the latest hostile act by another actor;
        # "about the ... manoeuvres" names it
        ("Chinese ships rammed a Philippine vessel. Japan expressed concern.", ("JPN", "CHN", "01")),
        ("Chinese vessels fired water cannon at a Philippine ship. Japan expressed concern about the dangerous "
         "manoeuvres.", ("JPN", "CHN", "01")),
        # "both sides", "the two leaders": the two ends of the latest mutual event
        ("Chile and Peru held talks in Lima. Both sides agreed to exchange prisoners.", ("PER", "CHL", "035")),
        ("The Chilean president and the Peruvian president met in Lima. Brazil telephoned both leaders.",
         ("BRA", "PERGOV", "041")),
        # "him", "her" and "his arrest" as the object: the person told of last
        ("Opposition leader Edmundo Gonzalez fled to Spain. Police arrested him on Monday.", ("COP", "VENOPP", "173")),
        ("Opposition leader Edmundo Gonzalez fled to Spain. A court issued a warrant for his arrest.",
         ("JUD", "VENOPP", "173")),
        # aid told without a recipient goes to the country the article is about, never the donor
        ("An earthquake struck Nepal. Nepal asked for help. India said it would send relief supplies.",
         ("IND", "NPL", "03")),
        ("An earthquake struck Nepal. Nepal asked for help. India sent rescue teams on Monday.",
         ("IND", "NPL", "07")),
        # a protest with no target addresses the protesters' government; a state's own does not
        ("Thousands of Kenyan students rallied in Nairobi on Monday.", ("KENEDU", "KENGOV", "14")),
        ("Kenyan police rallied in Mombasa on Monday.", ("KENCOP", "", "14")),
        # easing a measure at home, or a leader's resignation, is aimed at the source's own country
        ("The Kenyan government lifted the ban on Monday.", ("KENGOV", "KEN", "081")),
        ("The Kenyan president resigned on Tuesday.", ("KENGOV", "KEN", "0831")),
        ("Kenyan prosecutors opened an investigation on Tuesday.", ("KENJUD", "KEN", "09")),
        # articles do not count toward a pattern's gap
        ("Chile and Peru agreed to an immediate and lasting ceasefire.", ("CHL", "PER", "0871")),
        # naming something bad criticises whoever did it; "it" as the object is the event just told
        ("Gunmen attacked a hotel in Kenya. Uganda called it a cowardly act.", ("UGA", "KENUAF", "111")),
        ("Chad fired rockets at Sudan. Egypt called the attack a crime.", ("EGY", "TCD", "111")),
        ("Chile called the Peruvian president a dictator.", ("CHL", "PERGOV", "111")),
        # naming something good praises every side of it
        ("Chile and Peru signed a trade deal. Bolivia called the deal historic.", ("BOL", "PER", "051")),
        # "a criminal act": a role word before a noun of acts is no actor
        ("Chad fired rockets at Sudan. Egypt called the attack a criminal act.", ("EGY", "TCD", "111")),
        # "X and Y exchanged prisoners": each freed the other's
        ("Russia and Ukraine exchanged 200 prisoners on Sunday.", ("RUS", "UKR", "0841")),
        # "X and Y exchanged prisoners": each with the other
        ("Russia and Ukraine agreed to exchange all wounded prisoners.", ("RUS", "UKR", "035")),
    ],
)
def test_answers_references_and_intents(book, text, expected):
    found = coded(book, text)
    assert any(e[:2] == expected[:2] and e[2].startswith(expected[2]) for e in found), found


@pytest.mark.parametrize("thing", ["the Rio Grande Treaty", "the Humboldt Accord", "the Pacific Fisheries Agreement"])
def test_a_capitalised_name_of_a_thing_is_no_actor(book, thing):
    found = coded(book, f"Chile on Monday suspended {thing} with Peru.")
    assert ("CHL", "PER", "16") in {(s, t, c[:2]) for s, t, c in found}, found


def test_a_one_way_act_names_no_pair(book):
    found = coded(book, "Brazil hosted Chile. Both sides agreed to exchange prisoners.")
    assert not any(e[2].startswith("035") for e in found), found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a month beside a number is a date, not the verb "march" nor the modal "may"
        ("On 4 March 2025, protesters rallied in Mombasa.", ("KENOPP", "KENGOV", "14")),
        ("On 3 May 2025, gunmen attacked a police post in Kano.", ("NGAUAF", "NGACOP", "19")),
        # coordinated verbs share their object
        ("Gunmen shot and killed a trader in Kano on Monday.", ("NGAUAF", "NGABUS", "1")),
        # a leading place list is where, not who
        ("In Ikeja, Lagos, a trader was shot dead on Monday.", ("", "NGABUS", "1")),
    ],
)
def test_dates_coordinated_verbs_and_leading_places(book, text, expected):
    found = coded(book, text)
    assert any(e[:2] == expected[:2] and e[2].startswith(expected[2]) for e in found), found


def test_a_toll_told_in_a_sentence_of_its_own_goes_to_the_earlier_event(book):
    text = "On Monday, gunmen attacked a police post in Kano. Two officers were killed in the attack."
    result = code_article(Article("t", text, published=PUBLISHED), book)
    tolls = {m.sentence_index: m.fatalities for m in result.mentions}
    assert tolls.get(0) == 2, [(m.sentence_index, m.event_code, m.fatalities) for m in result.mentions]


@pytest.mark.parametrize("text", [
    "Militants attacked a police post in Kano and killed the police officers.",
    "The army struck rebel positions, killing rebels near Goma.",
])
def test_one_event_per_dyad_and_code_in_a_sentence(book, text):
    """Two verbs telling one act ("attacked ... and killed") give one mention, so mention ids stay unique."""
    mentions = code_article(Article("t", text, published=PUBLISHED), book).mentions
    keys = [(m.sentence_index, m.source.key, m.target.key, m.event_code) for m in mentions]
    assert mentions and len(keys) == len(set(keys)), keys
