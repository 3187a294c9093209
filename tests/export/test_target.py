"""Issue 11, item 3: --overwrite and --append only ever replace a directory eventcoder wrote."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventcoder.errors import NotADatasetError
from eventcoder.export.target import FORMAT, FORMAT_VERSION
from eventcoder.export.writer import DatasetWriter

OURS = {"format": FORMAT, "format_version": FORMAT_VERSION, "tool": "eventcoder"}
LEGACY = {"tool": "eventcoder", "version": "0.1.0"}


def build(root: Path, manifest: object, entries: dict[str, str]) -> None:
    """A directory holding ``manifest`` (as JSON, or as text when a str) and files by relative path."""
    root.mkdir()
    text = manifest if isinstance(manifest, str) else json.dumps(manifest)
    (root / "manifest.json").write_text(text, encoding="utf-8")
    for relative, content in entries.items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(content, encoding="utf-8")


def snapshot(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): p.read_text() for p in sorted(root.rglob("*")) if p.is_file()}


PART = "articles/part-00000.parquet"


@pytest.mark.parametrize("flag", ["overwrite", "append"])
@pytest.mark.parametrize(
    ("manifest", "entries", "listed"),
    [
        ({}, {"thesis.tex": "precious"}, "thesis.tex"),  # the repro
        ("not json", {PART: ""}, "articles/"),
        ({"tool": "other", "version": "1"}, {PART: ""}, "articles/"),
        ({**OURS}, {"thesis.tex": "precious"}, "thesis.tex"),  # ours, but no table
        ({**OURS}, {PART: "", "notes.txt": "mine"}, "notes.txt"),  # a file put into a dataset
        ({**OURS}, {PART: "", "articles/notes.txt": "mine"}, "articles/"),  # ... or into a table
        ({**OURS, "format": "someone.else"}, {PART: ""}, "articles/"),
    ],
)
def test_a_directory_that_is_not_a_dataset_is_refused_and_kept(
    tmp_path: Path, flag: str, manifest: object, entries: dict[str, str], listed: str
) -> None:
    out = tmp_path / "w"
    build(out, manifest, entries)
    before = snapshot(out)
    with pytest.raises(NotADatasetError) as caught:
        DatasetWriter(out, **{flag: True})
    assert listed in str(caught.value)
    assert snapshot(out) == before


@pytest.mark.parametrize(
    ("manifest", "entries"),
    [
        (OURS, {}),
        (LEGACY, {}),  # written before manifests named their format
        (OURS, {"gdelt/part-00000.parquet": ""}),  # a view directory
        (OURS, {"events/year=2024/part-00000.parquet": ""}),  # hive partitions
    ],
)
def test_a_dataset_is_replaced(tmp_path: Path, manifest: dict[str, str], entries: dict[str, str]) -> None:
    out = tmp_path / "w"
    build(out, manifest, {PART: "", **entries})
    with DatasetWriter(out, overwrite=True) as writer:
        writer.write_part("articles", {"article_id": ["new"]})
        writer.finish({"run": "new"})
    written = json.loads((out / "manifest.json").read_text())
    assert (written["format"], written["format_version"]) == (FORMAT, FORMAT_VERSION)
    assert not (out / "gdelt").exists()
