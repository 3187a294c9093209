"""Coding with PETRARCH dictionaries, and their YAML export coding identically."""

from __future__ import annotations

import pickle
from datetime import date
from pathlib import Path

import pytest

from eventcoder.codebook import load_codebook
from eventcoder.codebook.petrarch import export_yaml, import_petrarch, load_codebook_spec, load_petrarch
from eventcoder.coder import code_article
from eventcoder.errors import OutputExistsError
from eventcoder.evaluate import actor_code
from eventcoder.model import Article

FIXTURE = Path(__file__).parent.parent / "data" / "petrarch"

SENTENCES = [
    # (id, published, text, expected "SRC TGT CODE" triples)
    ("ties", date(1997, 1, 1), "Avalon restored full diplomatic ties with Lyonesse on Monday.", {"AVL LYO 064"}),
    ("synset", date(1997, 1, 1), "Avalon gave horses to Lyonesse.", {"AVL LYO 071"}),
    ("nested-synset", date(1997, 1, 1), "Avalon granted ducats to Lyonesse.", {"AVL LYO 071"}),
    ("own-code", date(1997, 1, 1), "Avalon donated grain to Lyonesse.", {"AVL LYO 071"}),
    ("reverse-code", date(1997, 1, 1), "Arthur Pendragon left for Lyonesse.", {"AVLGOV LYO 032", "LYO AVLGOV 033"}),
    ("dated-before", date(1994, 1, 1), "Wart left for Lyonesse.", {"AVLREB LYO 032", "LYO AVLREB 033"}),
    ("dated-after", date(2005, 1, 1), "Wart left for Lyonesse.", {"AVLELI LYO 032", "LYO AVLELI 033"}),
    ("compound-subject", date(1997, 1, 1), "Avalon and Lyonesse met on Friday.", {"AVL LYO 030", "LYO AVL 030"}),
    ("compound-have", date(1997, 1, 1), "Avalon and Lyonesse have delayed the talks.",
     {"AVL LYO 191", "LYO AVL 191"}),
    ("agent", date(1997, 1, 1), "Avalon knights gave shelter to Lyonesse.", {"AVLMIL LYO 075"}),
    ("infinitive", date(1997, 1, 1), "Avalon is about to restore ties with Lyonesse.", {"AVL LYO 064"}),
    ("non-code", date(1997, 1, 1), "Avalon warned of bad weather in Lyonesse.", set()),
    ("words-before-verb", date(1997, 1, 1), "Avalon will not warn Lyonesse.", {"AVL LYO 112"}),
    ("negated", date(1997, 1, 1), "Avalon did not restore ties with Lyonesse.", set()),
    ("sentence-discard", date(1997, 1, 1), "Avalon warned Lyonesse before the tournament.", set()),
    ("story-discard", date(1997, 1, 1), "Avalon warned Lyonesse. It was a fairy tale.", set()),
]


def _coded(book, published: date, text: str) -> set[str]:
    coded = code_article(Article("t", text, published=published), book)
    return {f"{actor_code(m.source)} {actor_code(m.target)} {m.event_code}" for m in coded.mentions}


@pytest.fixture(scope="module")
def petrarch_book():
    return load_petrarch(FIXTURE, cache=False)[0]


@pytest.fixture(scope="module")
def yaml_book(tmp_path_factory):
    out = tmp_path_factory.mktemp("imported")
    _, report = import_petrarch(FIXTURE, out)
    assert report.identical, report.dropped
    return load_codebook(out)


@pytest.mark.parametrize(("name", "published", "text", "expected"), SENTENCES, ids=[s[0] for s in SENTENCES])
def test_coding_with_petrarch_dictionaries(petrarch_book, name, published, text, expected):
    assert _coded(petrarch_book, published, text) == expected


@pytest.mark.parametrize(("name", "published", "text", "expected"), SENTENCES, ids=[s[0] for s in SENTENCES])
def test_the_imported_yaml_codebook_codes_identically(petrarch_book, yaml_book, name, published, text, expected):
    assert _coded(yaml_book, published, text) == _coded(petrarch_book, published, text)


def test_the_imported_codebook_keeps_every_pattern_and_setting(petrarch_book, yaml_book):
    def ids(book):
        return {(p.pattern_id, p.reverse_code, p.compound_source) for ps in book.verbs.values() for p in ps}

    assert ids(yaml_book) == ids(petrarch_book)
    assert yaml_book.settings == petrarch_book.settings
    assert set(yaml_book.phrases) == set(petrarch_book.phrases)


def test_import_refuses_to_overwrite_a_codebook(tmp_path):
    import_petrarch(FIXTURE, tmp_path)
    with pytest.raises(OutputExistsError):
        import_petrarch(FIXTURE, tmp_path)
    import_petrarch(FIXTURE, tmp_path, overwrite=True)


def test_spec_strings_name_petrarch_or_yaml_codebooks(tmp_path):
    petrarch = load_codebook_spec(f"petrarch:{FIXTURE}")
    assert petrarch.name == "petrarch:petrarch"
    export_yaml(petrarch, tmp_path)
    assert load_codebook_spec(str(tmp_path)).name == "petrarch:petrarch"
    assert load_codebook_spec(None).name == load_codebook().name


def test_a_cached_load_equals_a_fresh_one(tmp_path, monkeypatch):
    monkeypatch.setenv("EVENTCODER_CACHE_DIR", str(tmp_path))
    fresh, _ = load_petrarch(FIXTURE, cache=True)
    assert list(tmp_path.glob("petrarch/*.json"))
    cached, report = load_petrarch(FIXTURE, cache=True)
    assert cached == fresh
    assert report.files["verbs"] == ("demo.verbs.txt",)
    for _, published, text, _ in SENTENCES:
        assert _coded(cached, published, text) == _coded(fresh, published, text)


def test_the_codebook_pickles_for_worker_processes(petrarch_book):
    again = pickle.loads(pickle.dumps(petrarch_book))
    assert _coded(again, date(1997, 1, 1), SENTENCES[0][2]) == SENTENCES[0][3]
