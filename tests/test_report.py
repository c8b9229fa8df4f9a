"""`techdiplomacy report`: shaped for terminals, logical order when piped."""

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from techdiplomacy.report import corpus_summary, counting, render_report, visual
from techdiplomacy.store.builder import build

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("logical", "expected"),
    [
        ("Armenia", "Armenia"),
        ("سفير", "ﺮﻴﻔﺳ"),  # joined presentation forms, right-to-left as seen on screen
    ],
)
def test_visual(logical, expected):
    assert visual(logical) == expected


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("report") / "store.duckdb"
    build([ROOT / "data" / "articles"], path)
    return path


def _summary(store: Path) -> dict:
    with counting(store) as con:
        return corpus_summary(con)


def test_summary_of_the_sample(store):
    summary = _summary(store)
    assert summary["headline"]["articles"] == 1
    assert summary["headline"]["undated"] == 1  # the sample's only article has no date
    # partners as the dashboard counts them: a country or a place in it (Dubai) named
    assert summary["partners"]["partner"].tolist() == ["United Arab Emirates (ARE)", "Armenia (ARM)"]
    people = summary["officials"].set_index("name")
    assert people.loc["ستار هاشمي", "articles"] == 1  # named twice, in one article
    assert people.loc["ستار هاشمي", "role"] == "Minister" and people.loc["ستار هاشمي", "country"] == "Iran"


def _run(store: Path, *, tty: bool) -> str:
    cmd = [sys.executable, "-m", "techdiplomacy", "report", "--store", str(store)]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "lib")}
    if not tty:
        return subprocess.run(cmd, capture_output=True, text=True, check=True, env=env).stdout
    leader, follower = pty.openpty()
    proc = subprocess.Popen(cmd, stdout=follower, stderr=subprocess.DEVNULL, env=env)
    os.close(follower)
    chunks = []
    while True:
        try:
            data = os.read(leader, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=60)
    os.close(leader)
    return b"".join(chunks).decode("utf-8")


def test_terminal_output_is_shaped_and_piped_output_is_logical(store):
    piped = _run(store, tty=False)
    terminal = _run(store, tty=True)
    assert "ستار هاشمي" in piped  # logical order, plain letters
    assert "ستار هاشمي" not in terminal
    assert visual("ستار هاشمي") in terminal  # presentation forms in visual order
    assert render_report(_summary(store), shape=False) == piped
