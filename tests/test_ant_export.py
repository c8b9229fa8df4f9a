"""The 7,400-line ANT export reads whole, compressed or not, as a user's archive would (#15).

Reads ``../shared/data/ant-arabic-news.jsonl.gz`` (beside the repo); skipped when it is absent.
"""

import gzip
import shutil
from pathlib import Path

import pytest

from techdiplomacy.readers.corpus import Article, ReadError, read_paths

ANT = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "ant-arabic-news.jsonl.gz"

pytestmark = pytest.mark.skipif(not ANT.exists(), reason=f"{ANT} is not here (shared evaluation data)")


def test_every_line_of_the_ant_export_is_an_article_or_an_error_naming_it(tmp_path):
    with gzip.open(ANT, "rb") as handle:
        lines = handle.read().split(b"\n")
    n_lines = len([line for line in lines if line.strip()])
    records = list(read_paths([ANT]))
    articles = [r for r in records if isinstance(r, Article)]
    errors = [r for r in records if isinstance(r, ReadError)]
    assert len(articles) + len(errors) == n_lines == 7400
    assert all(e.error.startswith("empty text") or "no text" in e.error for e in errors), errors[:3]
    assert {int(e.path.rsplit(":", 1)[1]) for e in errors} <= set(range(1, 7401))
    # the uncompressed 22.7 MB file (past the 20 MB file limit) gives the same articles
    plain = tmp_path / "ant-arabic-news.jsonl"
    with gzip.open(ANT, "rb") as source, plain.open("wb") as target:
        shutil.copyfileobj(source, target)
    assert plain.stat().st_size > 20_000_000
    again = [r for r in read_paths([plain]) if isinstance(r, Article)]
    assert [(a.article_id, a.title, a.text, a.published) for a in again] == [
        (a.article_id, a.title, a.text, a.published) for a in articles
    ]
