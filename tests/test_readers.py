"""Input formats and bad input: clear problems, never exceptions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quotetrack.errors import InputError
from quotetrack.readers import Problem, decode, read_paths


def test_readers_txt_and_jsonl(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Hello there.", "utf-8")
    rows = [{"id": "x1", "text": "One.", "url": "http://e/1", "extra": 5},
            {"id": "x2", "text": "Two."}]
    (tmp_path / "b.jsonl").write_text("\n".join(json.dumps(r) for r in rows), "utf-8")
    items = list(read_paths([str(tmp_path)]))
    assert [getattr(i, "id", None) for i in items] == ["a", "x1", "x2"]
    assert items[1].url == "http://e/1" and items[1].meta == {"extra": 5}  # type: ignore[union-attr]


def test_readers_bad_jsonl_line_reported_rest_kept(tmp_path: Path) -> None:
    (tmp_path / "c.jsonl").write_text('{"id": "ok", "text": "Fine."}\n{broken\n', "utf-8")
    items = list(read_paths([str(tmp_path / "c.jsonl")]))
    assert getattr(items[0], "id", None) == "ok"
    assert isinstance(items[1], Problem) and items[1].line == 2


@pytest.mark.parametrize("data, needle", [
    (b"\x00\x01\x02binary", "binary"), (b"\xff\xfe\xfa", "not UTF-8"),
    (b"x" * 20, "limit"),
])
def test_readers_refuse_bad_bytes(data: bytes, needle: str) -> None:
    with pytest.raises(InputError, match=needle):
        decode(data, "f", limit=10 if needle == "limit" else 1000)


def test_readers_empty_and_missing_files_are_problems(tmp_path: Path) -> None:
    (tmp_path / "e.txt").write_text("   \n", "utf-8")
    items = list(read_paths([str(tmp_path / "e.txt"), str(tmp_path / "missing.txt")]))
    assert all(isinstance(i, Problem) for i in items)
    assert "empty" in items[0].reason and "cannot read" in items[1].reason  # type: ignore[union-attr]
