"""Fold personal and group names so that transliteration variants compare equal.

News writes one name many ways: ``Mohammed Shia al-Sudani``, ``Muhammad
Shi'a al-Sudani``, ``al-Sudani``; ``Kata'ib Hizbollah``, ``Kataib Hezbollah``;
``Zelenskyy``, ``Zelenskiy``, ``Zelensky``. A :class:`NameFolder` maps every
such variant to one *folded name*: lower-case ASCII-ish tokens separated by
single spaces, with the name particles dropped and the spelling differences
of common transliterations rewritten to one form.

Folding has two layers:

1. fixed steps (the ``eventcoder.names.v1`` normaliser): NFKC, accents
   removed, apostrophes and quotes of every kind dropped, hyphens and other
   punctuation to spaces, case folded, the possessive ``'s`` dropped, article
   particles (``al-``, ``el-``, ``as-`` and a standalone ``Al``/``El``)
   dropped;
2. an ordered table of *equivalences*, regular expressions and their
   replacements applied to the folded string. The table is codebook data: a
   codebook may replace it under ``names:`` in ``codebook.yaml`` (see
   :func:`folder_from_config`); :data:`DEFAULT_EQUIVALENCES` is the default.

Folding is idempotent: ``fold(fold(x)) == fold(x)``; the rules are applied
until nothing changes (at most a few passes), so a table whose rules feed
each other stays idempotent too.

The folded name is for *matching*; it is never shown to users.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..codebook.names import NORMALISER, FoldingSection, parse_folding

NAME = NORMALISER

# Each rule: (regular expression over the folded string, replacement as for
# re.sub). Order matters: the generic rules come first and rewrite the
# alphabet, the name-specific ones are written over their output. Every rule
# names the variants it joins; rules considered and rejected are listed after
# the table.
DEFAULT_EQUIVALENCES: tuple[tuple[str, str], ...] = (
    # --- generic transliteration rules --------------------------------------
    # French-style "ou" for a long u: Mahmoud/Mahmud, Masoud/Masud,
    # Moussa/Musa, Abou/Abu, Nouri/Nuri. Cost: Louis and Luis fold alike.
    (r"ou", "u"),
    # q and k both write Arabic qaf: Qasim/Kasim, Iraq/Irak, Qaeda/Kaeda.
    # "qu" before a vowel is the Latin digraph and is kept: Jacques, Quentin.
    (r"q(?!u[aeio])", "k"),
    # Persian writes qaf as gh at the start of a word: Ghasem/Qasem,
    # Ghalibaf/Qalibaf. Cost: Ghani and Qaani fold alike (full names differ).
    (r"\bgh(?=[aeiou])", "k"),
    # dh and z both write dhal/za between vowels or at the start of a word:
    # Kadhimi/Kazimi, Dhahran/Zahran. Not after a consonant, so Gandhi stays.
    (r"(?<![b-df-hj-np-tv-z])dh(?=[aeiouy])", "z"),
    # Slavic -iy/-yy/-yi/-ii endings: Zelenskyy/Zelenskiy/Zelensky,
    # Dmitriy/Dmitry, Valerii/Valery. Needs three letters before it, so
    # short names (Li, Yi) are untouched; a single final -i (Ali) is kept.
    (r"(?<=[a-z]{3})[iy]{2,}\b", "y"),
    # Doubled consonants and a doubled a are spelling, not sound:
    # Hassan/Hasan, Abbas/Abas, Nasrallah/Nasralah, Jaafar/Jafar.
    (r"([b-df-hj-np-tv-z])\1+", r"\1"),
    (r"aa+", "a"),
    # --- given names and words with many spellings --------------------------
    # Mohammed, Muhammad, Mohamed, Mohammad, Mohamad, Muhammed, Mouhamed,
    # Mohamud -> muhamad. Mahmoud (hm) and Mehmet (e-h-m) are other names.
    (r"\bm[aou]h[aeiou]m[aeu]d\b", "muhamad"),
    # Hezbollah, Hizbollah, Hizbullah, Hizballah, Hizb Allah -> hizbulah.
    (r"\bh[ei]zb ?[aou]?lah\b", "hizbulah"),
    # Hussein, Hussain, Husayn, Hossein, Houssein, Hossain -> husayn.
    # Hasan/Hassan (h-a-s) is another name and is not touched.
    (r"\bh[ou]s(?:ay|ai|ei|e|a)y?n\b", "husayn"),
    # Gaddafi, Qaddafi, Gadhafi, Kadhafi, Qadhafi -> gadafi.
    (r"\b[gk]a[dz]h?af+i\b", "gadafi"),
    # Sheikh, Shaikh, Sheik, Shaykh -> sheik.
    (r"\bsh[ae][iy]kh?\b", "sheik"),
    # Abdullah, Abdallah, Abdellah -> abdulah (before the abd- rule below).
    (r"\babd[aeiu]lah\b", "abdulah"),
    # "servant of": Abdul Rahman, Abdulrahman, Abdel Rahman, Abd al-Rahman ->
    # abdrahman; Abdelaziz/Abdul Aziz -> abdaziz. Needs three letters after,
    # so Abdi, Abdou and a bare Abdel are untouched.
    (r"\babd(?:[aeiu]l)? ?(?=[a-z]{3})", "abd"),
    # ibn and bin are one word ("son of"): Mohammed ibn Salman/bin Salman.
    (r"\bibn\b", "bin"),
    # Yusuf, Youssef, Yousef, Yusef, Yosef -> yusuf.
    (r"\by[ou]s[eiu]f\b", "yusuf"),
    # Osama/Usama -> usama; Omar/Umar -> umar; Ahmed/Ahmad -> ahmad;
    # Khaled/Khalid -> khalid; Mustafa/Mostafa/Moustafa/Mustapha -> mustafa.
    (r"\b[ou]sam[ae]\b", "usama"),
    (r"\b[ou]mar\b", "umar"),
    (r"\bahm[ae]d\b", "ahmad"),
    (r"\bkhal[ei]d\b", "khalid"),
    (r"\bm[ou]st[ao](?:f|ph)a\b", "mustafa"),
)
# Considered and rejected (they would merge different people):
# - kh -> h: Khan (Imran Khan) and Han (Han Duck-soo), Khalid and Halid.
# - a final -i -> -y: Ali and Aly are fine, but Sami/Samy/Sam would follow.
# - e/i, e/a vowel swaps in general: Hamed/Hamid are one name, but
#   Hassan/Hussein, Saad/Saeed/Said are different names.
# - -ski/-sky: Polish -ski surnames are their own names.
# - g/q: Gaddafi is covered by its own rule; in general Qasim is not Gasim.

# Tokens dropped wherever they stand: the Arabic article written apart
# ("Al Sudani", "El Sisi"). Cost: "Al Gore" folds to "gore".
DEFAULT_PARTICLES: tuple[str, ...] = ("al", "el")
# Particles dropped when written joined by a hyphen to the next word: al-,
# el-, ul- and the assimilated forms of the article (as-Sisi, ash-Sharaa,
# ad-Din, ar-Rahman, at-Tayyib, az-Zawahiri, an-Nusra, adh-, ath-, ud-).
DEFAULT_PREFIX_PARTICLES: tuple[str, ...] = (
    "al", "el", "ul", "ad", "ar", "as", "ash", "at", "az", "an", "adh", "ath", "ud",
)
# Given names so common that, alone, they never identify a person.
DEFAULT_GIVEN_NAMES: tuple[str, ...] = tuple(
    """Mohammed Ahmed Ali Hassan Hussein Mahmoud Mustafa Omar Abdullah Abdul Abdel Khalid
    Ibrahim Ismail Yusuf Salem Saleh Said Saeed Hamid Hamad Hamza Karim Rashid Majid Nasser
    Tariq Ziad Walid Jamal Adel Samir Sami Fadi Imad Bilal Faisal Abbas Jafar Qasim Musa Isa
    Yahya Zakaria Osama Anwar Amir Fatima Aisha Maryam Zainab Nour Layla Ayman Abu Bin Sheikh
    Sayyid Sayed Mir Reza Mohsen Mehdi Mahdi Masoud Javad Jawad Kamal Sharif Hakan Mehmet
    Mustapha Abdi Aden Ahmad Hasan Haji
    John James David Michael Robert William Richard Joseph Thomas Charles Daniel Matthew
    Mark Paul Peter George Andrew Steven Stephen Kevin Brian Edward Mary Maria Anna Ana
    Elizabeth Sarah Jennifer Linda Susan Jose Juan Carlos Luis Pedro Jorge Miguel Antonio
    Francisco Manuel Jean Pierre Marie Alexander Alexandre Alexei Sergei Vladimir Dmitry Ivan
    Andrei Nikolai Olga Elena Irina Yuri Oleksandr Viktor Mykola Igor Hans Klaus Wolfgang
    Giuseppe Giovanni Marco Luca Jan Piotr Tomasz Ram Raj Rahul Amit Sanjay Abdoulaye Moussa
    Mamadou Ibrahima Ousmane Joao Paulo""".split()
)
# Family names so common that, alone, they never identify a person across a
# corpus (within one article they may: see actors.coref).
DEFAULT_COMMON_SURNAMES: tuple[str, ...] = tuple(
    """Kim Lee Li Wang Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo Lin He
    Park Choi Jung Kang Cho Yoon Jang Lim Han Nguyen Tran Le Pham Hoang Phan Vu Dang Singh
    Kumar Sharma Patel Khan Shah Gupta Das Smith Jones Brown Johnson Williams Taylor Davis
    Wilson Miller Garcia Rodriguez Martinez Hernandez Lopez Gonzalez Perez Sanchez Silva
    Santos Ivanov Petrov Mueller Muller Schmidt Rossi Martin Bernard Dubois Suzuki Tanaka
    Sato Watanabe Yilmaz Kaya Demir Xi""".split()
)

_QUOTES = "'’‘‛ʼʹʻʽ`´ʿʾ′″\"“”„‟«»"
_DASHES = "‐‑‒–—―−﹘﹣－"
# Letters NFKD does not split into a base letter and a mark.
_LETTERS = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE",
                          "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ı": "i", "þ": "th", "Þ": "Th",
                          "ð": "d", "Ð": "D", "ħ": "h", "Ħ": "H"})
_QUOTE_TABLE = str.maketrans({**{q: "'" for q in _QUOTES}, **{d: "-" for d in _DASHES}})
_POSSESSIVE = re.compile(r"(?<=[^\W_])'s\b")
_DROP = re.compile(r"['.]")
_NOT_WORD = re.compile(r"[^\w]+|_+")
_MAX_PASSES = 4
_CACHE_SIZE = 262_144


def _strip_marks(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKD", text.translate(_LETTERS))
    return unicodedata.normalize("NFKC", "".join(c for c in text if not unicodedata.combining(c)))


@dataclass(frozen=True)
class NameFolder:
    """Folds names with a table of transliteration equivalences.

    Build one with :func:`folder_from_config` or use :data:`DEFAULT_FOLDER`.
    A folder is an immutable value (its only inner state is a bounded cache of
    folded names), so it may be shared between threads and pickled to workers.
    """

    name: str = NAME
    equivalences: tuple[tuple[str, str], ...] = DEFAULT_EQUIVALENCES
    particles: tuple[str, ...] = DEFAULT_PARTICLES
    prefix_particles: tuple[str, ...] = DEFAULT_PREFIX_PARTICLES
    given_names_raw: tuple[str, ...] = DEFAULT_GIVEN_NAMES
    common_surnames_raw: tuple[str, ...] = DEFAULT_COMMON_SURNAMES
    _rules: tuple[tuple[re.Pattern[str], str], ...] = field(init=False, repr=False, compare=False)
    _prefix: re.Pattern[str] = field(init=False, repr=False, compare=False)
    _drop: frozenset[str] = field(init=False, repr=False, compare=False)
    _cache: dict[str, str] = field(init=False, repr=False, compare=False)
    given_names: frozenset[str] = field(init=False, repr=False, compare=False)
    common_surnames: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        setattr_ = object.__setattr__
        setattr_(self, "_rules", tuple((re.compile(p), r) for p, r in self.equivalences))
        alternatives = "|".join(sorted((re.escape(p) for p in self.prefix_particles), key=len, reverse=True))
        setattr_(self, "_prefix", re.compile(rf"(?<![^\W_])(?:{alternatives})-+(?=[^\W\d_])" if alternatives
                                             else r"(?!x)x"))
        setattr_(self, "_drop", frozenset(self.particles))
        setattr_(self, "_cache", {})
        setattr_(self, "given_names", frozenset(t for n in self.given_names_raw for t in self.tokens(n)))
        setattr_(self, "common_surnames", frozenset(t for n in self.common_surnames_raw for t in self.tokens(n)))

    def __getstate__(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in ("name", "equivalences", "particles", "prefix_particles",
                                              "given_names_raw", "common_surnames_raw")}

    def __setstate__(self, state: dict[str, Any]) -> None:
        for k, v in state.items():
            object.__setattr__(self, k, v)
        self.__post_init__()

    def fold(self, text: str) -> str:
        """The folded form of ``text``: tokens joined by single spaces.

        >>> DEFAULT_FOLDER.fold("Mohammed Shi’a al-Sudani")
        'muhamad shia sudani'
        """
        cached = self._cache.get(text)
        if cached is not None:
            return cached
        folded = self._fold(text)
        if len(self._cache) >= _CACHE_SIZE:
            self._cache.clear()
        self._cache[text] = folded
        return folded

    def tokens(self, text: str) -> tuple[str, ...]:
        """The folded tokens of ``text``."""
        folded = self.fold(text)
        return tuple(folded.split(" ")) if folded else ()

    def is_given_name(self, token: str) -> bool:
        """Whether a folded token is a common given name (``muhamad``, ``ali``)."""
        return token in self.given_names

    def is_common(self, token: str) -> bool:
        """Whether a folded token alone never identifies a person in a corpus.

        Common given names, common family names (``kim``, ``khan``), name
        particles and single letters (initials).
        """
        return (token in self.given_names or token in self.common_surnames
                or len(token) < 2 or token in ("bin", "bint", "abu", "um", "umm"))

    def _fold(self, text: str) -> str:
        text = _strip_marks(text).translate(_QUOTE_TABLE).casefold()
        text = _POSSESSIVE.sub("", text)
        text = self._prefix.sub("", text)
        text = _DROP.sub("", text)
        text = " ".join(_NOT_WORD.sub(" ", text).split())
        for _ in range(_MAX_PASSES):
            before = text
            for pattern, replacement in self._rules:
                text = pattern.sub(replacement, text)
            words = text.split()
            kept = [w for w in words if w not in self._drop]
            text = " ".join(kept or words)
            if text == before:
                break
        return text


DEFAULT_FOLDER = NameFolder()


def fold_name(text: str) -> str:
    """Fold ``text`` with the default equivalence table (see :class:`NameFolder`)."""
    return DEFAULT_FOLDER.fold(text)


def folder_from_config(data: Mapping[str, Any], file: str = "codebook.yaml") -> NameFolder:
    """A folder from a codebook's ``names:`` section (or a mapping holding one).

    ``names:`` may set ``normaliser`` (only ``eventcoder.names.v1`` exists),
    ``equivalences`` (a list of ``[pattern, replacement]`` pairs, replacing the
    default table), ``particles``, ``prefix_particles``, ``given_names`` and
    ``common_surnames``; a key left out keeps its default. Raises
    CodebookError listing every problem with its line (the checks are
    :func:`eventcoder.codebook.names.parse_folding`).

    ```yaml
    names:
      normaliser: eventcoder.names.v1
      equivalences:
        - ["ou", "u"]            # Mahmoud/Mahmud
        - ['\\bahm[ae]d\\b', ahmad]  # Ahmed/Ahmad
    ```
    """
    section = data.get("names", data) if isinstance(data, Mapping) else data
    if section is None:
        return DEFAULT_FOLDER
    return folder_of(parse_folding(section, file))


def folder_of(section: FoldingSection) -> NameFolder:
    """The folder of a codebook's parsed ``names:`` section: its tables, the defaults where it sets none."""
    if section == FoldingSection():
        return DEFAULT_FOLDER
    return NameFolder(
        name=section.normaliser,
        equivalences=DEFAULT_EQUIVALENCES if section.equivalences is None else section.equivalences,
        particles=DEFAULT_PARTICLES if section.particles is None else section.particles,
        prefix_particles=DEFAULT_PREFIX_PARTICLES if section.prefix_particles is None else section.prefix_particles,
        given_names_raw=DEFAULT_GIVEN_NAMES if section.given_names is None else section.given_names,
        common_surnames_raw=DEFAULT_COMMON_SURNAMES if section.common_surnames is None else section.common_surnames,
    )
