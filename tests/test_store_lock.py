"""One writer lock for every store writer; readers never hold the store between queries (#18,
items 1 and 14). Other processes are real processes; they signal with a line on a pipe, so no
test guesses with a sleep."""

import subprocess
import sys
import threading
from pathlib import Path

import duckdb
import pytest

from techdiplomacy.store.backup import export_store, import_store
from techdiplomacy.store.builder import build
from techdiplomacy.store.database import Store, StoreLockedError, writing

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "articles"
ARTICLE = """---
title: Iran and Armenia on data centres
---
Iran's ICT minister met Armenia's ambassador in Tehran to discuss data centres and internet transit.
"""

# A writer in another process: takes the writer lock, opens the store, says "held", waits for a
# line, adds one article, says "added" and exits.
HOLDER = """
import sys
from techdiplomacy.ingest.add import add_records
from techdiplomacy.readers.corpus import read_paths
from techdiplomacy.store.database import writing
path, article = sys.argv[1], sys.argv[2]
records = [(article, r) for r in read_paths([article])]
with writing(path):
    print("held", flush=True)
    sys.stdin.readline()
results = add_records(path, records)
print(results[0].status, flush=True)
"""


def _env() -> dict:
    import os

    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "lib"), os.environ.get("PYTHONPATH", "")])}


@pytest.fixture()
def store(tmp_path):
    path = tmp_path / "store.duckdb"
    build([SAMPLE], path)
    return path


def _article(tmp_path: Path) -> Path:
    path = tmp_path / "new.md"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_import_waits_for_a_writer_at_work_and_nothing_it_reported_is_lost(store, tmp_path):
    backup = tmp_path / "backup"
    export_store(store, backup)
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(store), str(_article(tmp_path))],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=_env())
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("TECHDIPLOMACY_LOCK_WAIT", "0.2")
            with pytest.raises(StoreLockedError, match="being written by another program"):
                import_store(backup, store)
        done = threading.Event()
        worker = threading.Thread(target=lambda: (import_store(backup, store), done.set()))
        worker.start()
        holder.stdin.write("go\n")
        holder.stdin.flush()
        assert holder.stdout.readline().strip() == "added"
        worker.join(timeout=60)
        assert done.is_set()
        assert holder.wait(timeout=30) == 0
    finally:
        holder.kill()
        holder.wait()
    # the import ran after the add had finished: it replaced the store as a whole, and an add
    # after it lands in the restored store
    with Store(store, read_only=True) as restored:
        assert restored.count("articles") == 1
        assert restored.get_meta("restored_from") == str(backup)
    from techdiplomacy.ingest.add import add_records
    from techdiplomacy.readers.corpus import read_paths

    path = _article(tmp_path)
    assert add_records(store, [(str(path), r) for r in read_paths([path])])[0].status == "added"
    with Store(store, read_only=True) as after:
        assert after.count("articles") == 2


def test_every_writer_takes_the_same_lock(monkeypatch, store, tmp_path):
    from techdiplomacy.ingest.add import add_records
    from techdiplomacy.ingest.subscriptions import refresh_feeds

    backup = tmp_path / "backup"
    export_store(store, backup)
    blocked = []
    monkeypatch.setenv("TECHDIPLOMACY_LOCK_WAIT", "0.1")
    with writing(store):
        for name, call in [
            ("build", lambda: build([SAMPLE], store)),
            ("add", lambda: add_records(store, [])),
            ("import", lambda: import_store(backup, store)),
            ("feeds", lambda: refresh_feeds(store, ["http://127.0.0.1:9/feed"])),
        ]:
            result: list[str] = []
            thread = threading.Thread(target=lambda c=call, out=result: out.append(_outcome(c)))
            thread.start()
            thread.join(timeout=30)
            blocked.append((name, result[0] if result else "hung"))
    assert blocked == [(n, "locked") for n in ("build", "add", "import", "feeds")]


def _outcome(call) -> str:
    try:
        call()
    except StoreLockedError:
        return "locked"
    return "ran"


def test_an_open_dashboard_never_locks_writers_out(monkeypatch, store, tmp_path):
    from test_pages import _app

    from techdiplomacy.ui import data

    env = {"TECHDIPLOMACY_DATA": str(SAMPLE), "TECHDIPLOMACY_STORE": str(store)}
    at = _app(monkeypatch, env, "articles")
    assert not at.exception
    assert str(store) in data._READERS  # the dashboard keeps its reader for this store state...
    article = _article(tmp_path)
    added = subprocess.run(
        [sys.executable, "-m", "techdiplomacy", "add", str(article), "--store", str(store), "--format", "json"],
        capture_output=True, text=True, env={**_env(), "TECHDIPLOMACY_LOCK_WAIT": "5"}, timeout=120, check=False,
    )
    assert added.returncode == 0, added.stderr  # ...but not the file: another process may write
    assert '"status": "added"' in added.stdout
    at = _app(monkeypatch, env, "articles")  # and the page reads the new state
    with duckdb.connect(str(store), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 2
    data.close()


def test_a_reader_is_told_at_once_while_a_writer_works(store):
    from techdiplomacy.store.lock import reading

    with writing(store), pytest.raises(StoreLockedError), reading(store):
        pass
    with reading(store):  # free again
        pass
