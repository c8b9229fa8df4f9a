"""One store built from the ANT Arabic news export (../shared/data/ant-arabic-news.jsonl.gz),
shared by every test of the session that needs ≥ 2,000 real articles (the page tests and the
browser test): building it takes about a minute, so it is built once.

``TECHDIPLOMACY_ANT_STORE`` may name a store already built from that file.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ANT = ROOT.parent / "shared" / "data" / "ant-arabic-news.jsonl.gz"
_BUILT: dict[str, Path] = {}


def ant_store(tmp_path_factory) -> Path:
    """Return the path of the session's ANT store, building it on the first call."""
    given = os.environ.get("TECHDIPLOMACY_ANT_STORE")
    if given and Path(given).exists():
        return Path(given)
    if "store" not in _BUILT:
        from techdiplomacy.store.builder import build

        store = tmp_path_factory.getbasetemp() / "ant-shared" / "ant.duckdb"
        store.parent.mkdir(parents=True, exist_ok=True)
        build([ANT], store)
        _BUILT["store"] = store
    return _BUILT["store"]
