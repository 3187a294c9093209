"""Name folding (issue 4): one folded form for every spelling of a name."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventcoder.actors import names as names_module
from eventcoder.actors.names import (
    DEFAULT_EQUIVALENCES,
    DEFAULT_FOLDER,
    NAME,
    NameFolder,
    fold_name,
    folder_from_config,
)
from eventcoder.errors import CodebookError

# (a, b): spellings that must fold to the same string
SAME = (
    ("Mohammed Shia al-Sudani", "Mohammed Shi'a al-Sudani"),
    ("Mohammed Shia al-Sudani", "Mohammed Shi’a al-Sudani"),
    ("Mohammed Shia al-Sudani", "Muhammad Shia al-Sudani"),
    ("Mohammed Shia al-Sudani", "Mohamed Shia Al Sudani"),
    ("Mohammed Shia al-Sudani", "MOHAMMED SHIA AL-SUDANI"),
    ("Mohammed Shia al-Sudani", "Mohammed Shia al‐Sudani"),  # a Unicode hyphen
    ("al-Sudani", "Sudani"),
    ("al-Sudani", "Al Sudani"),
    ("al-Sudani", "Al-Sudani"),
    ("al-Sudani", "al Sudani"),
    ("Sudani's", "Sudani"),
    ("Sudani’s", "Sudani"),
    ("Kata'ib Hizbollah", "Kataib Hezbollah"),
    ("Kata’ib Hizbollah", "Kataib Hezbollah"),
    ("Kataʼib Hizbullah", "Kataib Hezbollah"),
    ("Kata'ib Hizballah", "Kataib Hezbollah"),
    ("Hizb Allah", "Hezbollah"),
    ("Zelenskyy", "Zelensky"),
    ("Zelenskiy", "Zelensky"),
    ("Zelenskyi", "Zelensky"),
    ("Dmitriy", "Dmitry"),
    ("Valerii", "Valery"),
    ("Mohammed", "Muhammad"),
    ("Mohamed", "Muhammad"),
    ("Mohammad", "Muhammad"),
    ("Mohamad", "Muhammad"),
    ("Muhammed", "Muhammad"),
    ("Mouhamed", "Muhammad"),
    ("Mahmoud", "Mahmud"),
    ("Masoud", "Masud"),
    ("Massoud", "Masud"),
    ("Mas'ud", "Masud"),
    ("Moussa", "Musa"),
    ("Abou", "Abu"),
    ("Qasim", "Kasim"),
    ("Qassem", "Kasem"),
    ("Iraq", "Irak"),
    ("al-Qaeda", "Al Kaeda"),
    ("Ghasem", "Qasem"),
    ("Kadhimi", "Kazimi"),
    ("Hassan", "Hasan"),
    ("Abbas", "Abas"),
    ("Nasrallah", "Nasralah"),
    ("Jaafar", "Jafar"),
    ("Ja'far", "Jafar"),
    ("Hussein", "Hussain"),
    ("Hussein", "Husayn"),
    ("Hussein", "Hossein"),
    ("Gaddafi", "Qaddafi"),
    ("Gaddafi", "Gadhafi"),
    ("Gaddafi", "Kadhafi"),
    ("Sheikh", "Shaykh"),
    ("Sheikh", "Shaikh"),
    ("Abdullah", "Abdallah"),
    ("Abdul Rahman", "Abdulrahman"),
    ("Abdul Rahman", "Abdel Rahman"),
    ("Abdul Rahman", "Abd al-Rahman"),
    ("Abdel Fattah el-Sisi", "Abdelfattah as-Sisi"),
    ("Mohammed bin Salman", "Mohammed ibn Salman"),
    ("Youssef", "Yusuf"),
    ("Yousef", "Yusuf"),
    ("Osama", "Usama"),
    ("Omar", "Umar"),
    ("Ahmed", "Ahmad"),
    ("Khaled", "Khalid"),
    ("Mostafa", "Mustafa"),
    ("Mustapha", "Mustafa"),
    ("Erdoğan", "Erdogan"),
    ("Lukašenka", "Lukasenka"),
    ("Łukaszenka", "Lukaszenka"),
    ("Søren", "Soren"),
    ("Ayman az-Zawahiri", "Ayman Zawahiri"),
    ("Hay'at Tahrir ash-Sham", "Hayat Tahrir Sham"),
    ("U.N.", "UN"),
    ("George W. Bush", "George W Bush"),
    ("Kim Jong-un", "Kim Jong Un"),
    ("“Sudani”", "Sudani"),
    ("ʿAbbas", "Abbas"),
)

# (a, b): names of different people or things that must stay apart
DIFFERENT = (
    ("Mahmoud", "Mohammed"),
    ("Mehmet", "Mohammed"),
    ("Hassan", "Hussein"),
    ("Ali", "Aly Khamenei"),
    ("Khan", "Han"),
    ("Gandhi", "Ganzi"),
    ("Jacques", "Jakes"),
    ("Abbas Araghchi", "Mahmoud Abbas"),
    ("Kim Jong Un", "Kim Yo Jong"),
    ("Bashar al-Assad", "Hafez al-Assad"),
    ("Masoud Barzani", "Masrour Barzani"),
    ("Hezbollah", "Kata'ib Hezbollah"),
    ("Saad", "Said"),
    ("Abdi", "Abd"),
    ("Li", "Lee"),
    ("Yuri", "Yuriy Bolkov"),
    ("Sami", "Samy"),
    ("Kim", "Kin"),
    ("Ahmed", "Ahmadi"),
    ("Omar", "Omari"),
    ("Mustafa Barzani", "Masoud Barzani"),
    ("Sudani", "Sadani"),
    ("Nujaba", "Nujabah"),
    ("Qasim", "Qasimi"),
    ("Zelensky", "Zelenska"),
)


@pytest.mark.parametrize(("a", "b"), SAME)
def test_spellings_fold_alike(a: str, b: str) -> None:
    assert fold_name(a) == fold_name(b)


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_different_names_stay_apart(a: str, b: str) -> None:
    assert fold_name(a) != fold_name(b)


@pytest.mark.parametrize(("text", "folded"), [
    ("Mohammed Shi’a al-Sudani", "muhamad shia sudani"),
    ("Kata'ib Hizbollah", "kataib hizbulah"),
    ("Zelenskyy", "zelensky"),
    ("Al Gore", "gore"),  # the documented cost of dropping a standalone Al
    ("Al", "al"),  # a name of particles only keeps them
    ("", ""),
    ("  Abu   Bakr  ", "abu bakr"),
])
def test_folded_forms(text: str, folded: str) -> None:
    assert fold_name(text) == folded


def test_tokens_and_common_names() -> None:
    assert DEFAULT_FOLDER.tokens("Mohammed Shia al-Sudani") == ("muhamad", "shia", "sudani")
    assert DEFAULT_FOLDER.tokens("") == ()
    assert DEFAULT_FOLDER.is_given_name("muhamad") and DEFAULT_FOLDER.is_given_name(fold_name("Ali"))
    assert DEFAULT_FOLDER.is_common(fold_name("Kim")) and not DEFAULT_FOLDER.is_given_name(fold_name("Kim"))
    assert not DEFAULT_FOLDER.is_common("sudani")
    assert DEFAULT_FOLDER.is_common("m")  # an initial


def test_every_default_rule_is_documented_with_an_example() -> None:
    source = Path(names_module.__file__ or "").read_text(encoding="utf-8")
    table = source[source.index("DEFAULT_EQUIVALENCES"):source.index("# Considered and rejected")]
    blocks = table.split("(r\"")[1:]
    assert len(blocks) == len(DEFAULT_EQUIVALENCES)
    assert table.count("#") >= len(DEFAULT_EQUIVALENCES) - 4  # grouped rules share a comment


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=40))
def test_folding_is_idempotent(text: str) -> None:
    once = fold_name(text)
    assert fold_name(once) == once


_NAMEISH = st.lists(
    st.sampled_from(["al-", "Al ", "el-", "Mohammed", "Shi'a", "Sudani", "ou", "q", "dh", "yy", "iy", "Kata’ib",
                     "Hizbollah", "Abdul", " ", "-", "ss", "aa", "Hussein", "Gaddafi", "Zelensk", "’s", "ʿ",
                     "Ibn", "abd", "ul", "lah", "Qaddafi", "gh", "é", "Ł", "."]),
    max_size=12,
).map("".join)


@settings(max_examples=600, deadline=None)
@given(_NAMEISH)
def test_folding_name_like_text_is_idempotent(text: str) -> None:
    once = fold_name(text)
    assert fold_name(once) == once
    assert once == once.strip() and "  " not in once


def test_config_replaces_the_table_and_keeps_defaults() -> None:
    folder = folder_from_config({"names": {"normaliser": NAME, "equivalences": [["ph", "f"]],
                                           "given_names": ["Rafael"]}})
    assert folder.fold("Mustapha") == "mustafa"
    assert folder.fold("Mohammed") == "mohammed"  # the default table was replaced
    assert folder.is_given_name("rafael") and not folder.is_given_name("ali")
    assert folder.particles == DEFAULT_FOLDER.particles
    assert folder_from_config({}) == DEFAULT_FOLDER
    assert folder_from_config({"names": None}) == DEFAULT_FOLDER


def test_two_folders_coexist() -> None:
    plain = folder_from_config({"equivalences": [], "particles": []})
    assert plain.fold("Al Sudani") == "al sudani" and DEFAULT_FOLDER.fold("Al Sudani") == "sudani"
    assert plain.fold("Muhammad") == "muhammad" and DEFAULT_FOLDER.fold("Muhammad") == "muhamad"


def test_config_problems_are_all_reported() -> None:
    with pytest.raises(CodebookError) as err:
        folder_from_config({"names": {"normaliser": "eventcoder.names.v9", "equivalences": [["(", "x"], "oops"],
                                      "particles": "al", "colour": 1}})
    messages = " ".join(p.message for p in err.value.problems)
    assert len(err.value.problems) == 5
    assert "eventcoder.names.v9" in messages and "colour" in messages and "'('" in messages


def test_folder_pickles_for_worker_processes() -> None:
    folder = folder_from_config({"equivalences": [["ph", "f"]]})
    copy = pickle.loads(pickle.dumps(folder))
    assert copy == folder and copy.fold("Mustapha Al Sudani") == folder.fold("Mustapha Al Sudani")
    assert isinstance(copy, NameFolder)
