"""The text commands end to end through click: parse, extract, eval (real model)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from quotetrack.cli import main

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "fixtures" / "seed" / "seed-article.txt"
SEED_GOLD = ROOT / "fixtures" / "seed" / "seed-gold.jsonl"


def invoke(*args: str, input: bytes | str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=input)
    return result.exit_code, result.stdout, result.stderr


def test_cli_parse_conllu_from_stdin() -> None:
    code, out, _ = invoke("parse", "-", "--format", "conllu",
                          input="Trump told lawmakers. He left.")
    assert code == 0
    assert out.count("# sent_id") == 2 and "\ttell\t" in out


def test_cli_parse_json_format() -> None:
    code, out, _ = invoke("parse", "-", "--format", "json", input="She told them.")
    doc = json.loads(out)
    assert code == 0 and doc["sentences"][0]["words"][1]["lemma"] == "tell"


def test_cli_parse_empty_input_prints_nothing() -> None:
    assert invoke("parse", "-", input="") == (0, "", "")


def test_cli_parse_binary_input_fails_cleanly(tmp_path: Path) -> None:
    f = tmp_path / "x.bin"
    f.write_bytes(bytes(range(256)) * 4)
    code, out, err = invoke("parse", str(f))
    assert code == 1 and out == ""
    assert "Q001" in err and "Traceback" not in err


def test_cli_extract_jsonl_schema_and_offsets() -> None:
    code, out, _ = invoke("extract", str(SEED))
    assert code == 0
    doc = json.loads(out)
    text = SEED.read_text("utf-8")
    assert doc["id"] == "seed-article" and doc["quotes"]
    for q in doc["quotes"]:
        pieces = [text[s["start"]:s["end"]] for s in q.get("segments", [])]
        assert q["text"] == (" \u2026 ".join(pieces) if pieces else text[q["start"]:q["end"]])
        assert "said" not in q["text"]  # a statement in pieces holds only its own words
        assert q["kind"] in ("direct", "mixed", "indirect")
        assert set(q) >= {"speaker", "speakers", "speaker_kind", "speaker_mention", "cue",
                          "role", "stance", "method", "confidence"}
        if q["cue"]:
            assert text[q["cue"]["start"]:q["cue"]["end"]] == q["cue"]["text"]


def test_cli_extract_jsonl_input_keeps_ids(tmp_path: Path) -> None:
    f = tmp_path / "in.jsonl"
    f.write_text(json.dumps({"id": "a1", "text": '"We won," Smith said.', "url": "u"})
                 + "\n", "utf-8")
    code, out, _ = invoke("extract", str(f), "--format", "json")
    docs = json.loads(out)
    assert code == 0 and docs[0]["id"] == "a1" and docs[0]["url"] == "u"


def test_cli_extract_table() -> None:
    code, out, _ = invoke("extract", str(SEED), "--format", "table")
    assert code == 0 and "Trump" in out and "told" in out


def test_cli_eval_seed_gold_end_to_end() -> None:
    code, out, _ = invoke("eval", str(SEED_GOLD), "--format", "json")
    assert code == 0
    report = json.loads(out)
    gold = json.loads(SEED_GOLD.read_text("utf-8"))["quotes"]
    assert report["quotes"]["gold"] == len(gold)
    assert report["end_to_end"]["f1"] >= 0.9, report



def test_cli_eval_statement_in_pieces_matches_as_two_quotes(tmp_path: Path) -> None:
    doc = json.loads(SEED_GOLD.read_text("utf-8"))
    doc["quotes"] = [g for g in doc["quotes"] if g["speaker"] == "Trump administration"]
    assert len(doc["quotes"]) == 2  # the White House statement, "A," ... said ... "B."
    f = tmp_path / "pieces.jsonl"
    f.write_text(json.dumps(doc) + "\n", "utf-8")
    code, out, _ = invoke("eval", str(f), "--format", "json")
    report = json.loads(out)
    assert code == 0 and report["matched"] == 2 and report["speaker_accuracy"] == 1.0


def test_cli_eval_bad_gold_file(tmp_path: Path) -> None:
    f = tmp_path / "g.jsonl"
    f.write_text("{not json\n", "utf-8")
    code, _, err = invoke("eval", str(f))
    assert code == 1 and "malformed JSON" in err
