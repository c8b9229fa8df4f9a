"""Memory per article is bounded (issue 18, item 5): runs under an address-space cap.

Each case runs in a subprocess with ``RLIMIT_AS`` set, so a regression fails with a memory
error there instead of taking the test machine down.
"""

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

resource = pytest.importorskip("resource")

LIB = Path(__file__).resolve().parents[1] / "lib"
#: Address space allowed to the child: the imports take some 500 MB of it; before the evidence
#: windows the text below needed more than 6 GB.
CAP_MB = 1000


def _capped(code: str) -> subprocess.CompletedProcess:
    script = f"import resource\nresource.setrlimit(resource.RLIMIT_AS, ({CAP_MB} << 20, {CAP_MB} << 20))\n"
    script += textwrap.dedent(code)
    return subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=300, check=False,
        env={"PYTHONPATH": str(LIB), "PATH": "/usr/bin:/bin", "TECHDIPLOMACY_WORKERS": "1"},
    )


def test_text_without_full_stops_extracts_within_the_cap():
    run = _capped("""
        from techdiplomacy import schema
        from techdiplomacy.readers.article import make_article
        from techdiplomacy.tables import extract_articles
        article = make_article({"text": "Iran Armenia ICT " * 8000, "title": "t"}, "p")
        parts = extract_articles([article])
        mentions = schema.arrow_table("mentions", parts[0]["mentions"])  # what the build writes
        assert mentions.num_rows == 24000, mentions.num_rows
        assert max(len(row["sentence"]) for row in parts[0]["mentions"]) <= 1100
    """)
    assert run.returncode == 0, run.stderr[-2000:]


def test_an_article_above_the_limit_is_one_error_and_the_rest_is_read():
    from techdiplomacy.readers.article import make_article
    from techdiplomacy.tables import build_tables

    big = make_article({"text": "Iran Armenia ICT " * 200, "title": "big"}, "big.txt")
    small = make_article({"text": "Iran and Armenia signed an ICT deal.", "title": "small"}, "small.txt")
    tables = build_tables([big, small], max_article_chars=1000)
    assert tables["articles"]["path"].tolist() == ["small.txt"]
    [error] = tables["errors"].to_dict("records")
    assert error["path"] == "big.txt"
    assert "max_article_chars" in error["error"] and "3,399 characters" in error["error"]


def test_add_refuses_an_article_above_the_limit_and_adds_the_others(tmp_path):
    from techdiplomacy.ingest.add import add_records
    from techdiplomacy.readers.article import make_article
    from techdiplomacy.settings import Settings

    big = make_article({"text": "Iran Armenia ICT " * 200, "title": "big"}, "big.txt")
    small = make_article({"text": "Iran and Armenia signed an ICT deal.", "title": "small"}, "small.txt")
    results = add_records(tmp_path / "s.duckdb", [("big.txt", big), ("small.txt", small)],
                          settings=Settings(max_article_chars=1000, store_path=tmp_path / "s.duckdb"))
    assert [r.status for r in results] == ["rejected", "added"]
    assert "max_article_chars" in results[0].reason
