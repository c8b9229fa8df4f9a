"""One store built from the ANT Arabic news export (../shared/data/ant-arabic-news.jsonl.gz),
shared by every test of the session that needs ≥ 2,000 real articles (the page tests and the
browser test): building it takes about a minute, so it is built once.

``TECHDIPLOMACY_ANT_STORE`` may name a store already built from that file. Building it, and the
page and browser runs on 7,266 articles, take about three minutes: more than the default run can
spend within CI's 20 minutes, so these tests run when ``TECHDIPLOMACY_ANT_TESTS=1`` is set or a
built store is named, and are skipped with that reason otherwise.
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
    if os.environ.get("TECHDIPLOMACY_ANT_TESTS") != "1":
        import pytest

        pytest.skip("the tests on the 7,266-article ANT store take minutes: set TECHDIPLOMACY_ANT_TESTS=1 "
                    "(or TECHDIPLOMACY_ANT_STORE=PATH of a built store) to run them")
    if "store" not in _BUILT:
        from techdiplomacy.store.builder import build

        store = tmp_path_factory.getbasetemp() / "ant-shared" / "ant.duckdb"
        store.parent.mkdir(parents=True, exist_ok=True)
        build([ANT], store)
        _BUILT["store"] = store
    return _BUILT["store"]
