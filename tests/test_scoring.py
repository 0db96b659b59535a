"""End-to-end scoring helpers: gold files in UD's layout, plain or gzipped."""

from __future__ import annotations

import gzip
from pathlib import Path

from quotetrack.models.scoring import raw_text_for, score_conllu, unzipped

GOLD = """# text = Hi there.
1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\t_
2\tthere\tthere\tADV\tRB\t_\t1\tadvmod\t_\tSpaceAfter=No
3\t.\t.\tPUNCT\t.\t_\t1\tpunct\t_\t_

"""


def test_scoring_raw_text_sits_beside_plain_or_gzipped_gold() -> None:
    folder = Path("ud/UD_English-EWT")
    assert raw_text_for(folder / "en_ewt-ud-test.conllu") == folder / "en_ewt-ud-test.txt"
    assert raw_text_for(folder / "en_ewt-ud-test.conllu.gz") == folder / "en_ewt-ud-test.txt"


def test_scoring_reads_gzipped_gold(tmp_path: Path) -> None:
    packed = tmp_path / "gold.conllu.gz"
    packed.write_bytes(gzip.compress(GOLD.encode()))
    work = tmp_path / "work"
    work.mkdir()
    plain = unzipped(packed, work)
    assert plain == work / "gold.conllu" and plain.read_text() == GOLD
    assert unzipped(plain, work) == plain
    scores = score_conllu(plain, plain)
    assert scores["LAS"] == 1.0 and scores["UPOS"] == 1.0
