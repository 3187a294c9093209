"""The closed word lists the sentence coder reads English by: auxiliaries, determiners, adverbs,
prepositions and the like. Grammar, not codebook data: a codebook in another language would need
its own coder."""

from __future__ import annotations

BE = frozenset({"is", "are", "was", "were", "be", "been", "being", "get", "got", "gets", "getting"})
ADVERBS = frozenset(
    {
        "also",
        "reportedly",
        "allegedly",
        "later",
        "then",
        "again",
        "already",
        "not",
        "repeatedly",
        "recently",
        "previously",
        "subsequently",
        "further",
        "once",
        "never",
    }
)
DETERMINERS = frozenset(
    {
        "a",
        "an",
        "the",
        "this",
        "these",
        "those",
        "his",
        "her",
        "its",
        "their",
        "our",
        "my",
        "your",
        "'s",
        "phone",
        "telephone",
        "any",
        "every",
        "each",
        "some",
        "several",
        "many",
        "new",
        "further",
        "recent",
        "latest",
        "deadly",
        "fresh",
        "renewed",
        "rare",
        "first",
        "second",
        "official",
        "state",
        "two",
        "three",
        "four",
        "five",
        "repeated",
        "separate",
        "joint",
    }
)
PARTICIPLE = ("ed", "en", "wn", "ing")
# Attempt outcomes that do not make later event nouns of the clause hypothetical.
REAL_OUTCOMES = ("active", "passive", "nominal", "no pattern", "matches a pattern that codes nothing")
LOCATIVES = frozenset({"in", "near", "along", "across", "at", "around", "outside", "inside", "over", "off"})
RECIPROCAL = frozenset({"03", "04", "05", "06", "08", "19"})  # "X and Y held talks / clashed": each with the other
PREPOSITIONS = frozenset({"of", "for", "with", "against", "by", "from", "on", "in", "at", "about", "over", "into"})
AUXILIARIES = frozenset({"has", "have", "had", "having"})
# Gerunds that carry a participle as a verb form ("being attacked"), not as an adjective.
GERUND_AUXILIARIES = frozenset({"being", "having", "getting", "becoming", "remaining"})
APPEALS = frozenset({"02", "03", "10", "13"})  # roots whose "that"-complement is wished for, not done
DEFINITE = frozenset({"the", "this", "that", "these", "those", "its", "their", "his", "her", "such", "'s"})
REFERENCE_MODIFIERS = frozenset(
    {"such", "that", "alleged", "reported", "apparent", "any", "all", "weekend", "overnight"})
VERB_MONTHS = frozenset({"March", "May"})
CONDITIONS = frozenset({"if", "unless", "provided"})
# Words between a passive verb and the event noun it has as patient: "the deal, which was brokered by".
PATIENT_LINKS = BE | AUXILIARIES | frozenset({"which", "that", ",", "and", "between"})
EVENT_PRONOUNS = frozenset({"it", "this"})  # as a reacting verb's object: the event just told
SPEECH_MARKERS = frozenset({"we", "you", "us", "our", "is", "are", "was", "were", "has", "have", "had", "do", "did",
                             "not", "will", "can"})
# Words that start an adverbial, not an object: "expressed concern on Monday", "condemned it again".
ABOUT = frozenset({"about", "over", "at", "regarding"})
ADVERBIAL = frozenset({"on", "in", "at", "after", "again", "late", "early", "last", "this", "yesterday", "today"})
QUOTES = frozenset({'"', "“", "”"})
SCARE_QUOTE_WORDS = 3
STOP_TARGET = frozenset({",", ";", ".", ":", "!", "?", "(", ")", "“", "”", '"'})


COOPERATION = frozenset({"03", "04", "05", "06", "07", "08"})
ACT_NOUNS = frozenset({"act", "acts", "activity", "activities", "behaviour", "behavior", "conduct", "offence",
                        "offense", "tactics", "methods", "propaganda", "plot", "plots"})
