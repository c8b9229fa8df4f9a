"""The same thing counted the same everywhere: the overview page, `techdiplomacy report` and
`techdiplomacy info` show one number per quantity (the dashboard's own queries)."""

import gzip
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from techdiplomacy.cli import main
from techdiplomacy.i18n.phrases import t
from techdiplomacy.report import counting, headline
from techdiplomacy.store.builder import build

ROOT = Path(__file__).resolve().parents[1]
ANT = ROOT.parent / "shared" / "data" / "ant-arabic-news.jsonl.gz"
#: The overview's metrics: phrase key -> headline quantity.
METRICS = {"articles": "articles", "countries_n": "partners", "officials": "officials", "figures_n": "figures", "topics_n": "topics"}


def _sample(folder: Path) -> list[Path]:
    folder.mkdir()
    for path in [*(ROOT / "data" / "articles").glob("*.md"), *(ROOT / "tests" / "fixtures" / "articles").glob("*.md")]:
        shutil.copy(path, folder)
    return [folder]


def _ant(folder: Path, n: int = 400) -> list[Path]:
    """The first ``n`` articles of the ANT corpus (real Arabic news) as one file."""
    if not ANT.exists():
        pytest.skip("../shared/data/ant-arabic-news.jsonl.gz is not here")
    folder.mkdir()
    with gzip.open(ANT, "rt", encoding="utf-8") as source, open(folder / "ant.jsonl", "w", encoding="utf-8") as out:
        for i, line in enumerate(source):
            if i >= n:
                break
            out.write(line)
    return [folder]


@pytest.fixture(scope="module", params=["sample", "ant"])
def corpus(request, tmp_path_factory):
    base = tmp_path_factory.mktemp(request.param)
    paths = (_sample if request.param == "sample" else _ant)(base / "articles")
    store = base / "store.duckdb"
    build(paths, store)
    return paths[0], store


def _overview(monkeypatch, data: Path, store: Path, lang: str) -> dict[str, int]:
    monkeypatch.setenv("TECHDIPLOMACY_DATA", str(data))
    monkeypatch.setenv("TECHDIPLOMACY_STORE", str(store))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=180)
    at.query_params["lang"] = lang
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    shown = {m.label: int(str(m.value).replace(",", "")) for m in at.metric}
    return {quantity: shown[t(key, lang)] for key, quantity in METRICS.items()}


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_overview_report_and_info_agree(monkeypatch, corpus, capsys, lang):
    data, store = corpus
    with counting(store) as con:
        counts = headline(con)
    assert counts["articles"] > 0
    assert _overview(monkeypatch, data, store, lang) == {q: counts[q] for q in METRICS.values()}
    assert main(["info", "--store", str(store), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["counts"] == counts
    report = subprocess.run([sys.executable, "-m", "techdiplomacy", "report", "--store", str(store)],
                            capture_output=True, text=True, check=True, env={"PYTHONPATH": str(ROOT / "lib"), "PATH": ""}).stdout
    line = report.splitlines()[2]
    assert dict((k, int(v)) for k, v in re.findall(r"(\w+): (\d+)", line)) == counts
