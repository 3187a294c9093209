"""Fuzzy resolution of names the dictionary missed (issue 4).

POSITIVE holds spellings of the dictionary's actors met in news; each must
resolve to its actor. NEGATIVE holds near misses: a name of a different
person (a relative, a namesake, a colleague sharing a given name) that must
never resolve to the actor named beside it. Both tables are also the
labelled set the scorer and threshold of eventcoder.actors.fuzzy were chosen
on (see FUZZY_SCORER there, and `python benchmarks/dedupe.py --scorers`).
"""

from __future__ import annotations

import random

import pytest
from rapidfuzz import fuzz

from eventcoder.actors.fuzzy import (
    FUZZY_THRESHOLD,
    FuzzyIndex,
    name_score,
    names_agree,
)
from eventcoder.actors.names import DEFAULT_FOLDER
from eventcoder.codebook.entries import ActorEntry, Where

# name, variants, country, type
DICTIONARY: tuple[tuple[str, tuple[str, ...], str, str], ...] = (
    ("Mohammed Shia al-Sudani", ("Sudani",), "IRQ", "person"),
    ("Antony Blinken", ("Blinken",), "USA", "person"),
    ("Volodymyr Zelenskyy", (), "UKR", "person"),
    ("Kata'ib Hezbollah", (), "IRQ", "group"),
    ("Hezbollah", (), "LBN", "group"),
    ("Mahmoud Abbas", (), "PSE", "person"),
    ("Abbas Araghchi", (), "IRN", "person"),
    ("Ali Khamenei", (), "IRN", "person"),
    ("Ali Larijani", (), "IRN", "person"),
    ("Kim Jong Un", (), "PRK", "person"),
    ("Kim Yo Jong", (), "PRK", "person"),
    ("Bashar al-Assad", (), "SYR", "person"),
    ("Hafez al-Assad", (), "SYR", "person"),
    ("Muammar Gaddafi", (), "LBY", "person"),
    ("Saif al-Islam Gaddafi", (), "LBY", "person"),
    ("Hassan Nasrallah", (), "LBN", "person"),
    ("Naim Qassem", (), "LBN", "person"),
    ("Qasim al-Araji", (), "IRQ", "person"),
    ("Hoshyar Zebari", (), "IRQ", "person"),
    ("Masoud Barzani", (), "IRQ", "person"),
    ("Masrour Barzani", (), "IRQ", "person"),
    ("Nechirvan Barzani", (), "IRQ", "person"),
    ("Mustafa al-Kadhimi", (), "IRQ", "person"),
    ("Nouri al-Maliki", (), "IRQ", "person"),
    ("Muqtada al-Sadr", (), "IRQ", "person"),
    ("Abdel Fattah el-Sisi", (), "EGY", "person"),
    ("Mohammed bin Salman", (), "SAU", "person"),
    ("Mohammed bin Zayed", (), "ARE", "person"),
    ("Recep Tayyip Erdogan", (), "TUR", "person"),
    ("Hakan Fidan", (), "TUR", "person"),
    ("Benjamin Netanyahu", (), "ISR", "person"),
    ("Yoav Gallant", (), "ISR", "person"),
    ("Yahya Sinwar", (), "PSE", "person"),
    ("Ismail Haniyeh", (), "PSE", "person"),
    ("Ayman al-Zawahiri", (), "AFG", "person"),
    ("Osama bin Laden", (), "SAU", "person"),
    ("Abu Bakr al-Baghdadi", (), "IRQ", "person"),
    ("Vladimir Putin", (), "RUS", "person"),
    ("Sergei Lavrov", (), "RUS", "person"),
    ("Dmitry Peskov", (), "RUS", "person"),
    ("Dmitry Medvedev", (), "RUS", "person"),
    ("Oleksandr Syrskyi", (), "UKR", "person"),
    ("Kyrylo Budanov", (), "UKR", "person"),
    ("Andriy Yermak", (), "UKR", "person"),
    ("Xi Jinping", (), "CHN", "person"),
    ("Wang Yi", (), "CHN", "person"),
    ("Hossein Amir-Abdollahian", (), "IRN", "person"),
    ("Ebrahim Raisi", (), "IRN", "person"),
    ("Masoud Pezeshkian", (), "IRN", "person"),
    ("Hassan Rouhani", (), "IRN", "person"),
    ("Mohammad Javad Zarif", (), "IRN", "person"),
    ("Mohammad Bagheri", (), "IRN", "person"),
    ("Qassem Soleimani", (), "IRN", "person"),
    ("Esmail Qaani", (), "IRN", "person"),
    ("Hossein Salami", (), "IRN", "person"),
    ("Abu Mahdi al-Muhandis", (), "IRQ", "person"),
    ("Ahmed al-Sharaa", ("Abu Mohammed al-Jolani",), "SYR", "person"),
    ("Mohamed Hamdan Dagalo", (), "SDN", "person"),
    ("Abdel Fattah al-Burhan", (), "SDN", "person"),
    ("Abiy Ahmed", (), "ETH", "person"),
    ("Khalifa Haftar", (), "LBY", "person"),
    ("Abdul Hamid Dbeibah", (), "LBY", "person"),
    ("Moussa Faki Mahamat", (), "TCD", "person"),
    ("Bafel Talabani", (), "IRQ", "person"),
    ("Mohammed al-Halbousi", (), "IRQ", "person"),
    ("Fuad Hussein", (), "IRQ", "person"),
    ("Abdul Latif Rashid", (), "IRQ", "person"),
    ("Mohammed Deif", (), "PSE", "person"),
    ("Saleh al-Arouri", (), "PSE", "person"),
    ("Abdul Malik al-Houthi", (), "YEM", "person"),
    ("Joe Biden", (), "USA", "person"),
    ("Fidel Castro", (), "CUB", "person"),
    ("Sergei Shoigu", (), "RUS", "person"),
    ("Hay'at Tahrir al-Sham", (), "SYR", "group"),
    ("Asa'ib Ahl al-Haq", (), "IRQ", "group"),
    ("Harakat Hezbollah al-Nujaba", (), "IRQ", "group"),
    ("Jaish al-Adl", (), "IRN", "group"),
    ("Tehreek-e-Taliban Pakistan", (), "PAK", "group"),
    ("Popular Mobilization Forces", (), "IRQ", "group"),
    ("Hashd al-Shaabi", (), "IRQ", "group"),
    ("Ansar Allah", (), "YEM", "group"),
    ("al-Shabaab", (), "SOM", "group"),
)

# (spelling met in news, the dictionary actor it names)
POSITIVE: tuple[tuple[str, str], ...] = (
    ("Mohammed Shi'a al-Sudani", "Mohammed Shia al-Sudani"),
    ("Muhammad Shia al-Sudani", "Mohammed Shia al-Sudani"),
    ("Mohammed Shia Al Sudani", "Mohammed Shia al-Sudani"),
    ("Mohamed Shia al Sudani", "Mohammed Shia al-Sudani"),
    ("Mohammed Shia Sudani", "Mohammed Shia al-Sudani"),
    ("Mohammed Shiaa al-Sudani", "Mohammed Shia al-Sudani"),
    ("Muhammed Shia' al-Soudani", "Mohammed Shia al-Sudani"),
    ("M. Shia al-Sudani", "Mohammed Shia al-Sudani"),
    ("Mohammed al-Sudani", "Mohammed Shia al-Sudani"),
    ("Sudany", "Mohammed Shia al-Sudani"),
    ("Kata'ib Hizbollah", "Kata'ib Hezbollah"),
    ("Kataib Hezbollah", "Kata'ib Hezbollah"),
    ("Kata’ib Hizbullah", "Kata'ib Hezbollah"),
    ("Kataeb Hezbollah", "Kata'ib Hezbollah"),
    ("Katai'b Hizballah", "Kata'ib Hezbollah"),
    ("Volodymyr Zelensky", "Volodymyr Zelenskyy"),
    ("Volodymyr Zelenskiy", "Volodymyr Zelenskyy"),
    ("Volodimir Zelenskyy", "Volodymyr Zelenskyy"),
    ("Wolodymyr Selenskyj", "Volodymyr Zelenskyy"),
    ("Volodymyr Zelenski", "Volodymyr Zelenskyy"),
    ("Anthony Blinken", "Antony Blinken"),
    ("Antony J. Blinken", "Antony Blinken"),
    ("Tony Blinken", "Antony Blinken"),
    ("Blinken Antony", "Antony Blinken"),
    ("Mahmud Abbas", "Mahmoud Abbas"),
    ("Mahmoud Abas", "Mahmoud Abbas"),
    ("Mahmoud ‘Abbas", "Mahmoud Abbas"),
    ("Abbas Araqchi", "Abbas Araghchi"),
    ("Abbas Arakchi", "Abbas Araghchi"),
    ("Ali Khamanei", "Ali Khamenei"),
    ("Ali Khamene'i", "Ali Khamenei"),
    ("Ayatollah Ali Khamenei", "Ali Khamenei"),
    ("Seyyed Ali Khamenei", "Ali Khamenei"),
    ("Ali Laridjani", "Ali Larijani"),
    ("Kim Jong-un", "Kim Jong Un"),
    ("Kim Jong-Un", "Kim Jong Un"),
    ("Kim Jongun", "Kim Jong Un"),
    ("Kim Yo-jong", "Kim Yo Jong"),
    ("Kim Yojong", "Kim Yo Jong"),
    ("Bashar Assad", "Bashar al-Assad"),
    ("Bashar al Assad", "Bashar al-Assad"),
    ("Bashar el-Assad", "Bashar al-Assad"),
    ("Bachar al-Assad", "Bashar al-Assad"),
    ("Bashar Al-Asad", "Bashar al-Assad"),
    ("Hafez Assad", "Hafez al-Assad"),
    ("Hafiz al-Assad", "Hafez al-Assad"),
    ("Muammar Qaddafi", "Muammar Gaddafi"),
    ("Moammar Gadhafi", "Muammar Gaddafi"),
    ("Muammar al-Qadhafi", "Muammar Gaddafi"),
    ("Muammar Kadhafi", "Muammar Gaddafi"),
    ("Mu'ammar Gaddafi", "Muammar Gaddafi"),
    ("Hasan Nasrallah", "Hassan Nasrallah"),
    ("Hassan Nasrullah", "Hassan Nasrallah"),
    ("Sayyed Hassan Nasrallah", "Hassan Nasrallah"),
    ("Naim Kassem", "Naim Qassem"),
    ("Naim Qasim", "Naim Qassem"),
    ("Na'im Qassem", "Naim Qassem"),
    ("Qassim al-Araji", "Qasim al-Araji"),
    ("Kassem al-Araji", "Qasim al-Araji"),
    ("Qasim Al Aaraji", "Qasim al-Araji"),
    ("Qasem al-Araji", "Qasim al-Araji"),
    ("Hoshiyar Zebari", "Hoshyar Zebari"),
    ("Hushyar Zebari", "Hoshyar Zebari"),
    ("Massoud Barzani", "Masoud Barzani"),
    ("Mas'ud Barzani", "Masoud Barzani"),
    ("Masrur Barzani", "Masrour Barzani"),
    ("Nechervan Barzani", "Nechirvan Barzani"),
    ("Nechirvan Idris Barzani", "Nechirvan Barzani"),
    ("Mustafa Kadhimi", "Mustafa al-Kadhimi"),
    ("Mustafa al-Kazimi", "Mustafa al-Kadhimi"),
    ("Moustafa al-Kadhimi", "Mustafa al-Kadhimi"),
    ("Mostafa Al-Kadhemi", "Mustafa al-Kadhimi"),
    ("Nuri al-Maliki", "Nouri al-Maliki"),
    ("Nouri Maliki", "Nouri al-Maliki"),
    ("Nuri Kamil al-Maliki", "Nouri al-Maliki"),
    ("Moqtada al-Sadr", "Muqtada al-Sadr"),
    ("Moqtada as-Sadr", "Muqtada al-Sadr"),
    ("Abdel Fattah al-Sisi", "Abdel Fattah el-Sisi"),
    ("Abdul Fattah al-Sisi", "Abdel Fattah el-Sisi"),
    ("Abdelfattah Sisi", "Abdel Fattah el-Sisi"),
    ("Abd al-Fattah al-Sisi", "Abdel Fattah el-Sisi"),
    ("Abdel-Fattah el-Sissi", "Abdel Fattah el-Sisi"),
    ("Muhammad bin Salman", "Mohammed bin Salman"),
    ("Mohammed ibn Salman", "Mohammed bin Salman"),
    ("Mohamed bin Salman Al Saud", "Mohammed bin Salman"),
    ("Mohamed bin Zayed", "Mohammed bin Zayed"),
    ("Mohammed bin Zayed Al Nahyan", "Mohammed bin Zayed"),
    ("Recep Tayyip Erdoğan", "Recep Tayyip Erdogan"),
    ("Tayyip Erdogan", "Recep Tayyip Erdogan"),
    ("Benyamin Netanyahu", "Benjamin Netanyahu"),
    ("Yehya Sinwar", "Yahya Sinwar"),
    ("Ismail Haniya", "Ismail Haniyeh"),
    ("Esmail Haniyeh", "Ismail Haniyeh"),
    ("Isma'il Haniyya", "Ismail Haniyeh"),
    ("Ayman az-Zawahiri", "Ayman al-Zawahiri"),
    ("Aiman al-Zawahri", "Ayman al-Zawahiri"),
    ("Usama bin Laden", "Osama bin Laden"),
    ("Usama bin Ladin", "Osama bin Laden"),
    ("Abubakr al-Baghdadi", "Abu Bakr al-Baghdadi"),
    ("Wladimir Putin", "Vladimir Putin"),
    ("Vladimir Vladimirovich Putin", "Vladimir Putin"),
    ("Sergey Lavrov", "Sergei Lavrov"),
    ("Serguei Lavrov", "Sergei Lavrov"),
    ("Dmitriy Peskov", "Dmitry Peskov"),
    ("Dmitri Peskov", "Dmitry Peskov"),
    ("Oleksandr Syrsky", "Oleksandr Syrskyi"),
    ("Olexander Syrskyi", "Oleksandr Syrskyi"),
    ("Kyrillo Budanov", "Kyrylo Budanov"),
    ("Andrii Yermak", "Andriy Yermak"),
    ("Xi Jin-ping", "Xi Jinping"),
    ("Hossein Amirabdollahian", "Hossein Amir-Abdollahian"),
    ("Hussein Amir-Abdollahian", "Hossein Amir-Abdollahian"),
    ("Ibrahim Raisi", "Ebrahim Raisi"),
    ("Ebrahim Ra'isi", "Ebrahim Raisi"),
    ("Massoud Pezeshkian", "Masoud Pezeshkian"),
    ("Masoud Pezeshkiyan", "Masoud Pezeshkian"),
    ("Mohammed Javad Zarif", "Mohammad Javad Zarif"),
    ("Javad Zarif", "Mohammad Javad Zarif"),
    ("Qasem Soleimani", "Qassem Soleimani"),
    ("Ghasem Soleimani", "Qassem Soleimani"),
    ("Ismail Qaani", "Esmail Qaani"),
    ("Hussein Salami", "Hossein Salami"),
    ("Abu Mehdi al-Muhandis", "Abu Mahdi al-Muhandis"),
    ("Ahmad al-Sharaa", "Ahmed al-Sharaa"),
    ("Ahmed al-Shara", "Ahmed al-Sharaa"),
    ("Abu Mohammad al-Julani", "Ahmed al-Sharaa"),
    ("Mohamed Hamdan Daglo", "Mohamed Hamdan Dagalo"),
    ("Abdel-Fattah Burhan", "Abdel Fattah al-Burhan"),
    ("Abiy Ahmed Ali", "Abiy Ahmed"),
    ("Khalifah Haftar", "Khalifa Haftar"),
    ("Abdulhamid Dbeibah", "Abdul Hamid Dbeibah"),
    ("Abdul Hamid Dbeiba", "Abdul Hamid Dbeibah"),
    ("Musa Faki Mahamat", "Moussa Faki Mahamat"),
    ("Moussa Faki", "Moussa Faki Mahamat"),
    ("Bafel Jalal Talabani", "Bafel Talabani"),
    ("Mohamed al-Halbusi", "Mohammed al-Halbousi"),
    ("Fouad Hussein", "Fuad Hussein"),
    ("Fuad Husain", "Fuad Hussein"),
    ("Abdullatif Rashid", "Abdul Latif Rashid"),
    ("Muhammad Deif", "Mohammed Deif"),
    ("Salih al-Aruri", "Saleh al-Arouri"),
    ("Abdel-Malek al-Houthi", "Abdul Malik al-Houthi"),
    ("Abdulmalik al-Huthi", "Abdul Malik al-Houthi"),
    ("Hayat Tahrir al-Sham", "Hay'at Tahrir al-Sham"),
    ("Hayʼat Tahrir ash-Sham", "Hay'at Tahrir al-Sham"),
    ("Asaib Ahl al-Haq", "Asa'ib Ahl al-Haq"),
    ("Asaeb Ahl al-Haq", "Asa'ib Ahl al-Haq"),
    ("Harakat Hizbollah al-Nujaba", "Harakat Hezbollah al-Nujaba"),
    ("Harakat al-Nujaba", "Harakat Hezbollah al-Nujaba"),
    ("Jaysh al-Adl", "Jaish al-Adl"),
    ("Tehrik-e-Taliban Pakistan", "Tehreek-e-Taliban Pakistan"),
    ("Popular Mobilisation Forces", "Popular Mobilization Forces"),
    ("Hashd al-Sha'bi", "Hashd al-Shaabi"),
    ("Ansarallah", "Ansar Allah"),
    ("al-Shabab", "al-Shabaab"),
    ("Al Shabaab", "al-Shabaab"),
    ("al-Shebab", "al-Shabaab"),
)

# (a name met in news, a dictionary actor it must NOT resolve to)
NEGATIVE: tuple[tuple[str, str], ...] = (
    ("Abbas Araghchi", "Mahmoud Abbas"),
    ("Mahmoud Abbas", "Abbas Araghchi"),
    ("Ali Khamenei", "Ali Larijani"),
    ("Ali Larijani", "Ali Khamenei"),
    ("Mojtaba Khamenei", "Ali Khamenei"),
    ("Ali Akbar Velayati", "Ali Khamenei"),
    ("Kim Jong Un", "Kim Yo Jong"),
    ("Kim Yo Jong", "Kim Jong Un"),
    ("Kim Jong Il", "Kim Jong Un"),
    ("Kim Jong Nam", "Kim Jong Un"),
    ("Kim Il Sung", "Kim Jong Un"),
    ("Bashar al-Assad", "Hafez al-Assad"),
    ("Hafez al-Assad", "Bashar al-Assad"),
    ("Maher al-Assad", "Bashar al-Assad"),
    ("Asma al-Assad", "Bashar al-Assad"),
    ("Masrour Barzani", "Masoud Barzani"),
    ("Nechirvan Barzani", "Masoud Barzani"),
    ("Masoud Barzani", "Masrour Barzani"),
    ("Mustafa Barzani", "Masoud Barzani"),
    ("Mohammed bin Salman", "Mohammed bin Zayed"),
    ("Mohammed bin Zayed", "Mohammed bin Salman"),
    ("Mohammed bin Rashid", "Mohammed bin Salman"),
    ("Saif al-Islam Gaddafi", "Muammar Gaddafi"),
    ("Muammar Gaddafi", "Saif al-Islam Gaddafi"),
    ("Mohammed", "Mohammed Shia al-Sudani"),
    ("Muhammad", "Mohammed bin Salman"),
    ("Ali", "Ali Khamenei"),
    ("Kim", "Kim Jong Un"),
    ("Abbas", "Mahmoud Abbas"),
    ("Mohammed Ali", "Mohammed Shia al-Sudani"),
    ("Ali Mohammed", "Ali Khamenei"),
    ("Hassan Rouhani", "Hassan Nasrallah"),
    ("Hassan Nasrallah", "Hassan Rouhani"),
    ("Hezbollah", "Kata'ib Hezbollah"),
    ("Kata'ib Hezbollah", "Hezbollah"),
    ("Harakat Hezbollah al-Nujaba", "Kata'ib Hezbollah"),
    ("Kata'ib Sayyid al-Shuhada", "Kata'ib Hezbollah"),
    ("Asa'ib Ahl al-Haq", "Kata'ib Hezbollah"),
    ("Qasim al-Araji", "Qassem Soleimani"),
    ("Qassem Soleimani", "Qasim al-Araji"),
    ("Naim Qassem", "Qassem Soleimani"),
    ("Mohammad Bagheri", "Mohammad Javad Zarif"),
    ("Hossein Salami", "Hossein Amir-Abdollahian"),
    ("Abdel Fattah el-Sisi", "Abdel Fattah al-Burhan"),
    ("Abdel Fattah al-Burhan", "Abdel Fattah el-Sisi"),
    ("Abdul Hamid Dbeibah", "Abdul Latif Rashid"),
    ("Saddam Hussein", "Fuad Hussein"),
    ("Mustafa al-Kadhimi", "Mohammed Shia al-Sudani"),
    ("Nouri Said", "Nouri al-Maliki"),
    ("Mohammed Sadiq al-Sadr", "Muqtada al-Sadr"),
    ("Mohammed Sinwar", "Yahya Sinwar"),
    ("Ismail Haniyeh", "Esmail Qaani"),
    ("Dmitry Peskov", "Dmitry Medvedev"),
    ("Dmitry Medvedev", "Dmitry Peskov"),
    ("Sergei Shoigu", "Sergei Lavrov"),
    ("Xi Mingze", "Xi Jinping"),
    ("Wang Wenbin", "Wang Yi"),
    ("Hakan Sukur", "Hakan Fidan"),
    ("Mohammed Deif", "Mohammed Shia al-Sudani"),
    ("Abu Ibrahim al-Hashimi al-Qurashi", "Abu Bakr al-Baghdadi"),
    ("Ahmed Shah Massoud", "Masoud Barzani"),
    ("Masoud Pezeshkian", "Masoud Barzani"),
    ("Hunter Biden", "Joe Biden"),
    ("Jill Biden", "Joe Biden"),
    ("Raul Castro", "Fidel Castro"),
    ("Benny Gantz", "Benjamin Netanyahu"),
    ("Yair Netanyahu", "Benjamin Netanyahu"),
    ("Sara Netanyahu", "Benjamin Netanyahu"),
    ("Abu Mohammed al-Adnani", "Ahmed al-Sharaa"),
    ("Ahmed Abu Khattala", "Ahmed al-Sharaa"),
)


def _entries() -> list[ActorEntry]:
    out = []
    for line, (name, variants, country, kind) in enumerate(DICTIONARY, 1):
        for n in (name, *variants):
            out.append(ActorEntry(f"actor:{name}", "named", n, country + ("UAF" if kind == "group" else ""),
                                  Where("actors.yaml", line), country=country, type=kind))
    # entries of other kinds are ignored by the index
    out.append(ActorEntry("country:IRQ", "country", "Iraq", "IRQ", Where("countries.yaml", 1), country="IRQ"))
    return out


INDEX = FuzzyIndex.build(_entries())
NAMES = {name for name, *_ in DICTIONARY}


def test_tables_are_big_enough_and_name_dictionary_actors() -> None:
    assert len(POSITIVE) >= 80 and len(NEGATIVE) >= 40
    assert {c for _, c in POSITIVE} <= NAMES
    assert {c for _, c in NEGATIVE} <= NAMES
    assert len(set(POSITIVE)) == len(POSITIVE) and len(set(NEGATIVE)) == len(NEGATIVE)


@pytest.mark.parametrize(("query", "actor"), POSITIVE)
def test_variant_resolves_to_its_actor(query: str, actor: str) -> None:
    match = INDEX.lookup(query)
    assert match is not None, query
    assert match.entry.key == f"actor:{actor}"
    assert match.how in ("folded", "fuzzy")


@pytest.mark.parametrize(("query", "actor"), NEGATIVE)
def test_near_miss_does_not_resolve_to_the_other_actor(query: str, actor: str) -> None:
    match = INDEX.lookup(query)
    assert match is None or match.entry.key != f"actor:{actor}", (query, match)


@pytest.mark.parametrize(("query", "actor"), [(n, n) for n in sorted(NAMES)])
def test_every_canonical_name_finds_itself(query: str, actor: str) -> None:
    match = INDEX.lookup(query)
    assert match is not None and match.entry.key == f"actor:{actor}" and match.how == "folded"


def test_folded_hit_and_fuzzy_hit_are_told_apart() -> None:
    folded = INDEX.lookup("Muhammad Shi'a al Sudani")
    fuzzy = INDEX.lookup("Mohammed Shia al-Sudanni")  # typo: collapses, so still folded
    typo = INDEX.lookup("Mohammed Shia al-Sudami")
    assert folded is not None and folded.how == "folded" and folded.score == 100.0
    assert fuzzy is not None and fuzzy.how == "folded"
    assert typo is not None and typo.how == "fuzzy" and FUZZY_THRESHOLD <= typo.score < 100
    assert typo.entry.name == "Mohammed Shia al-Sudani"


@pytest.mark.parametrize("name", ["Mohammed", "Ali", "Kim", "Muhammad", "Ahmed", "Hassan", "Kim Jong",
                                  "Mohammed Ali", "Abu Mohammed", ""])
def test_common_names_alone_match_no_person(name: str) -> None:
    assert INDEX.lookup(name) is None


def test_person_filter() -> None:
    assert INDEX.lookup("Kataib Hizbullah", is_person=True) is None
    match = INDEX.lookup("Kataib Hizbullah", is_person=False)
    assert match is not None and match.entry.key == "actor:Kata'ib Hezbollah"


def test_a_tie_between_two_actors_matches_nothing() -> None:
    entries = [ActorEntry("actor:Karim Wahbi", "named", "Karim Wahbi", "EGY", Where("a", 1), type="person"),
               ActorEntry("actor:Karim Wahbu", "named", "Karim Wahbu", "EGY", Where("a", 2), type="person")]
    index = FuzzyIndex.build(entries)
    assert index.lookup("Karim Wahba") is None  # as close to both
    match = index.lookup("Karim Wahbie")
    assert match is not None and match.entry.key == "actor:Karim Wahbi"


def _random_entries(n: int, seed: int) -> list[ActorEntry]:
    rng = random.Random(seed)
    consonants, vowels = "bcdfghjklmnprstvwz", "aeiou"

    def word() -> str:
        return "".join(rng.choice(consonants) + rng.choice(vowels) for _ in range(rng.randint(2, 4))).title()

    out = []
    for i in range(n):
        name = f"{word()} {word()}"
        out.append(ActorEntry(f"actor:{name}", "named", name, "XXX", Where("big", i), type="person"))
    return out


def test_blocking_keeps_candidates_few() -> None:
    """A lookup compares with the names sharing a block, not the whole dictionary."""
    query = DEFAULT_FOLDER.tokens("Mohammed Shia al-Sudami")
    small = FuzzyIndex.build([*_entries(), *_random_entries(2_000, 1)])
    large = FuzzyIndex.build([*_entries(), *_random_entries(50_000, 1)])
    assert len(large) > 50_000
    assert len(small.candidates(query)) < 20
    assert len(large.candidates(query)) < 200  # 25 times the names, far fewer than 25 times the work
    match = large.lookup("Mohammed Shia al-Sudami")
    assert match is not None and match.entry.key == "actor:Mohammed Shia al-Sudani"


def test_names_agree_is_symmetric_on_the_tables() -> None:
    fold = DEFAULT_FOLDER.tokens
    for a, b in (*POSITIVE, *NEGATIVE):
        assert names_agree(fold(a), fold(b)) == names_agree(fold(b), fold(a)), (a, b)


def _best_f1(scores_pos: list[float], scores_neg: list[float]) -> tuple[float, float]:
    best = (0.0, 0.0)
    for t in range(1, 101):
        tp = sum(s >= t for s in scores_pos)
        fp = sum(s >= t for s in scores_neg)
        fn = len(scores_pos) - tp
        f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        best = max(best, (f1, float(t)))
    return best


def test_chosen_scorer_separates_the_labelled_pairs_better_than_plain_rapidfuzz() -> None:
    """The measurement behind FUZZY_SCORER/FUZZY_THRESHOLD, kept as a regression test."""
    fold = DEFAULT_FOLDER.tokens
    variants = {name: {fold(n) for n in (name, *others)} for name, others, *_ in DICTIONARY}
    pos = [(fold(a), variants[b]) for a, b in POSITIVE if fold(a) not in variants[b]]
    neg = [(fold(a), variants[b]) for a, b in NEGATIVE if fold(a) not in variants[b]]
    assert len(pos) > 70 and len(neg) > 60
    chosen_pos = [max(name_score(a, b) for b in bs) for a, bs in pos]
    chosen_neg = [max(name_score(a, b) for b in bs) for a, bs in neg]
    assert min(chosen_pos) >= FUZZY_THRESHOLD > max(chosen_neg)

    def plain(a: tuple[str, ...], bs: set[tuple[str, ...]]) -> float:
        return max(fuzz.token_sort_ratio(" ".join(a), " ".join(b)) for b in bs)

    f1, _ = _best_f1([plain(a, bs) for a, bs in pos], [plain(a, bs) for a, bs in neg])
    assert f1 < 0.95
