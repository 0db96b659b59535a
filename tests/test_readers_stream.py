"""JSONL files are read line by line: memory holds one line, limits apply per line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quotetrack.readers import Problem, read_paths


def test_readers_jsonl_streams_without_reading_the_whole_file(tmp_path, monkeypatch):
    path = tmp_path / "big.jsonl"
    path.write_text("".join(json.dumps({"id": f"a{n}", "text": f"Text {n}."}) + "\n"
                            for n in range(500)), encoding="utf-8")

    def whole_file(self: Path) -> bytes:
        raise AssertionError(f"{self} read whole")

    monkeypatch.setattr(Path, "read_bytes", whole_file)
    items = read_paths([str(path)], limit=64)  # far below the file's size
    assert next(items).id == "a0"  # type: ignore[union-attr]
    assert len(list(items)) == 499


def test_readers_jsonl_long_line_is_a_problem_the_rest_read(tmp_path):
    lines = [{"id": "ok1", "text": "Fine."}, {"id": "big", "text": "x" * 500},
             {"id": "ok2", "text": "Also fine."}]
    (tmp_path / "m.jsonl").write_text("\r\n".join(json.dumps(r) for r in lines), "utf-8")
    items = list(read_paths([str(tmp_path / "m.jsonl")], limit=100))
    assert [getattr(i, "id", None) for i in items] == ["ok1", None, "ok2"]
    assert isinstance(items[1], Problem) and items[1].line == 2 and "limit" in items[1].reason
    assert items[2].text == "Also fine."  # type: ignore[union-attr]


@pytest.mark.parametrize("data", [b"\x00\x01\x02\n\x00\x05\n" * 50, b"\xff\xfe\xfa\n{}\n"])
def test_readers_jsonl_binary_file_is_one_problem(tmp_path, data):
    (tmp_path / "bin.jsonl").write_bytes(data)
    items = list(read_paths([str(tmp_path / "bin.jsonl")]))
    assert len(items) == 1 and isinstance(items[0], Problem) and items[0].line is None
