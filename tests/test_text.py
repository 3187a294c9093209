"""Tests for tokens, sentences and name folding (eventcoder.text)."""

from __future__ import annotations

import hypothesis.strategies as st
import pytest
from hypothesis import example, given, settings

from eventcoder.text import fold, split_sentences, tokenize


def words(text: str) -> list[str]:
    return [t.text for t in tokenize(text)]


# ---------------------------------------------------------------- tokenize


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The U.S. and U.N. met.", ["The", "U.S.", "and", "U.N.", "met", "."]),
        ("U.S.A. troops", ["U.S.A.", "troops"]),
        ("Iraq’s army", ["Iraq", "’s", "army"]),
        ("Iraq's army", ["Iraq", "'s", "army"]),
        ("IRAQ’S ARMY", ["IRAQ", "’S", "ARMY"]),
        ("Kata’ib Hezbollah", ["Kata’ib", "Hezbollah"]),
        ("Kata'ib Hezbollah", ["Kata'ib", "Hezbollah"]),
        ("Mohammed Shia al-Sudani", ["Mohammed", "Shia", "al-Sudani"]),
        ("Iranian-backed militias", ["Iranian-backed", "militias"]),
        ("2,000 troops", ["2,000", "troops"]),
        ("a 3.5 percent rise", ["a", "3.5", "percent", "rise"]),
        ("at 10:30 on the 3rd", ["at", "10:30", "on", "the", "3rd"]),
        ("Erdoğan met Sa’ar", ["Erdoğan", "met", "Sa’ar"]),
        ("F-16 jets", ["F-16", "jets"]),
        ('He said: "No."', ["He", "said", ":", '"', "No", ".", '"']),
        ("militias..", ["militias", ".", "."]),
        ("(Reuters) -", ["(", "Reuters", ")", "-"]),
        ("", []),
        ("   \n\t ", []),
    ],
)
def test_tokenize_splits_words(text: str, expected: list[str]) -> None:
    assert words(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The U.S. and U.N. met on Nov. 20.",
        "Iraq’s Kata’ib Hezbollah, Iranian-backed, met al-Sudani.",
        "Erdoğan  and\tSa’ar\n\nspoke about 2,000 troops (3.5%).",
        "“Quoted,” he said — then left…",
    ],
)
def test_token_offsets_are_exact(text: str) -> None:
    tokens = tokenize(text)
    assert tokens
    for tok in tokens:
        assert text[tok.start : tok.end] == tok.text
    assert [t.start for t in tokens] == sorted(t.start for t in tokens)


def test_tokenize_offset_shifts_positions() -> None:
    text = "Iraq’s army"
    shifted = tokenize(text, offset=100)
    assert [(t.start - 100, t.end - 100) for t in shifted] == [
        (t.start, t.end) for t in tokenize(text)
    ]


@pytest.mark.parametrize(
    ("text", "lower"),
    [
        ("Iraq’s", ["iraq", "'s"]),
        ("IRAQ’S", ["iraq", "'s"]),
        ("Kata’ib", ["kata'ib"]),
        ("Kataʼib", ["kata'ib"]),
        ("Erdoğan", ["erdogan"]),
        ("U.S.", ["u.s."]),
        ("Al-Sudani", ["al-sudani"]),
    ],
)
def test_token_lower_is_folded(text: str, lower: list[str]) -> None:
    assert [t.lower for t in tokenize(text)] == lower


@pytest.mark.parametrize("text", ["Sa‘ar", "Shi‘a"])
def test_tokenize_keeps_left_quote_apostrophe_inside_word(text: str) -> None:
    assert len(tokenize(text)) == 1
    assert tokenize(text)[0].lower == fold(text)


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Erdoğan", "erdogan"),
        ("Sa’ar", "sa'ar"),
        ("Sa‘ar", "sa'ar"),
        ("Saʼar", "sa'ar"),
        ("Sa'ar", "sa'ar"),
        ("Çavuşoğlu", "cavusoglu"),
        ("São Tomé", "sao tome"),
        ("Zelenskyy", "zelenskyy"),
        ("ＵＮ", "un"),  # full-width letters fold by NFKC
        ("BAGHDAD", "baghdad"),
        ("", ""),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_fold_of_long_text_matches_short_pieces() -> None:
    long = "Erdoğan met Sa’ar " * 10  # longer than the cache threshold
    assert fold(long) == "erdogan met sa'ar " * 10


@pytest.mark.parametrize(
    "a,b", [("Sa’ar", "Sa'ar"), ("Sa‘ar", "Saʼar"), ("Türkiye", "Turkiye"), ("IRAQ", "iraq")]
)
def test_fold_makes_spellings_equal(a: str, b: str) -> None:
    assert fold(a) == fold(b)


# ---------------------------------------------------------- split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Militias attacked the base.", ["Militias attacked the base."], id="one"),
        pytest.param("He left. She stayed.", ["He left.", "She stayed."], id="two"),
        pytest.param("Hello? Yes! Fine.", ["Hello?", "Yes!", "Fine."], id="question-exclamation"),
        pytest.param("Mr. Smith met the minister.", ["Mr. Smith met the minister."], id="mr"),
        pytest.param(
            "Gen. Jones spoke. Troops left.", ["Gen. Jones spoke.", "Troops left."], id="gen"
        ),
        pytest.param(
            "Talks began on Nov. 20 in Doha.",
            ["Talks began on Nov. 20 in Doha."],
            id="month-abbrev",
        ),
        pytest.param(
            "Lt. Col. Ali Hassan was killed.", ["Lt. Col. Ali Hassan was killed."], id="ranks"
        ),
        pytest.param(
            "Troops sent by the U.S. to Iraq left.",
            ["Troops sent by the U.S. to Iraq left."],
            id="us-mid",
        ),
        pytest.param(
            "The U.S. Embassy was hit.", ["The U.S. Embassy was hit."], id="us-before-name"
        ),
        pytest.param(
            "Aid was pledged by the U.S. The next day, talks began.",
            ["Aid was pledged by the U.S.", "The next day, talks began."],
            id="us-ends-sentence",
        ),
        pytest.param(
            "He met the U.N. He left.", ["He met the U.N.", "He left."], id="un-ends-sentence"
        ),
        pytest.param("Talks with the U.S.", ["Talks with the U.S."], id="us-at-end"),
        pytest.param(
            "George W. Bush visited Baghdad.", ["George W. Bush visited Baghdad."], id="initial"
        ),
        pytest.param(
            'He said "we will fight." The army left.',
            ['He said "we will fight."', "The army left."],
            id="quote-after-period",
        ),
        pytest.param(
            "He said “we will fight.” The army left.",
            ["He said “we will fight.”", "The army left."],
            id="curly-quote-after-period",
        ),
        pytest.param(
            '"Why?" he asked.', ['"Why?" he asked.'], id="question-in-quote-then-lowercase"
        ),
        pytest.param(
            "Iraqi troops fought militias.. Then they left.",
            ["Iraqi troops fought militias..", "Then they left."],
            id="double-period",
        ),
        pytest.param(
            "Iraq PM condemns strike\nBaghdad, Nov. 20 (Reuters) - The prime minister spoke.",
            ["Iraq PM condemns strike", "Baghdad, Nov. 20 (Reuters) - The prime minister spoke."],
            id="headline-line",
        ),
        pytest.param(
            "the talks\ncontinued today",
            ["the talks", "continued today"],
            id="line-break-mid-clause",
        ),
        pytest.param("First.\n\n\nSecond.", ["First.", "Second."], id="blank-lines"),
        pytest.param("First.\r\nSecond.", ["First.", "Second."], id="crlf"),
        pytest.param("  Indented text.  ", ["Indented text."], id="surrounding-space"),
        pytest.param(
            "He lives at No. 10 Downing Street.",
            ["He lives at No. 10 Downing Street."],
            id="no-number",
        ),
        pytest.param(
            "Prices rose 3.5 percent. Oil fell.",
            ["Prices rose 3.5 percent.", "Oil fell."],
            id="decimal",
        ),
        pytest.param("No final period", ["No final period"], id="no-final-period"),
        pytest.param("", [], id="empty"),
        pytest.param(" \n \n", [], id="only-whitespace"),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    sentences = list(split_sentences(text))
    assert [s.text for s in sentences] == expected
    assert [s.index for s in sentences] == list(range(len(expected)))
    for s in sentences:
        assert text[s.start : s.end] == s.text
        assert s.tokens and s.tokens[0].start == s.start and s.tokens[-1].end == s.end


def test_sentence_index_counts_across_lines() -> None:
    text = "Headline one\nA sentence. Another one.\n\nLast line"
    sentences = list(split_sentences(text))
    assert [(s.index, s.text) for s in sentences] == [
        (0, "Headline one"),
        (1, "A sentence."),
        (2, "Another one."),
        (3, "Last line"),
    ]
    for s in sentences:
        assert text[s.start : s.end] == s.text
        for tok in s.tokens:
            assert text[tok.start : tok.end] == tok.text


# ------------------------------------------------------------- properties

_PIECES = [
    *"aAbZ. .?!\n\"”’'‘ʼ,-()09ğ\t\r\u0301",
    "U.S.",
    "Mr.",
    "Nov.",
    "The",
    " the ",
    "W.",
    "..",
    "\n\n",
]
_NEWSY = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=120), _NEWSY))
@example("Aid was pledged by the U.S. The next day.\n\nIraq’s army..")
@example("\u0301. A")
def test_sentence_and_token_offsets_hold_for_any_text(text: str) -> None:
    sentences = list(split_sentences(text))
    assert [s.index for s in sentences] == list(range(len(sentences)))
    previous_end = 0
    for s in sentences:
        assert text[s.start : s.end] == s.text
        assert "\n" not in s.text
        assert previous_end <= s.start < s.end
        previous_end = s.end
        last = s.start
        for tok in s.tokens:
            assert s.start <= tok.start < tok.end <= s.end
            assert tok.start >= last
            last = tok.end
            assert text[tok.start : tok.end] == tok.text
    # no token is lost or invented by the sentence split
    assert [t for s in sentences for t in s.tokens] == tokenize(text)
