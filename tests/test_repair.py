"""What a killed run leaves behind is repaired by the next add or build, without a rebuild; a
backup carries the topic model and the metadata, so a restored store behaves as the original
(#18, items 2, 3 and 4).

A kill is a real process ending with ``os._exit`` (no cleanup, no rollback of what was
committed) at a chosen point of the run: the point is chosen by replacing the function that
starts the next stage, so each test is deterministic."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from techdiplomacy.ingest.add import add_records
from techdiplomacy.readers.corpus import read_paths
from techdiplomacy.store import dashboard, derived, pickles
from techdiplomacy.store.backup import export_store, import_store
from techdiplomacy.store.builder import build
from techdiplomacy.store.database import Store

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "articles"
STORY = ("Iran's ICT minister met Armenia's ambassador in Tehran on {day} to discuss data centres, internet transit "
         "through Armenia to Europe, a joint cybersecurity centre and the export of Iranian software to Yerevan. "
         "The two sides agreed to set up a working group on fibre links and cloud services.")

KILLED = """
import os, sys
import techdiplomacy.store.derived as derived
import techdiplomacy.store.builder as builder
from techdiplomacy.ingest.add import add_records
from techdiplomacy.readers.corpus import read_paths
def die(*args, **kwargs):
    os._exit(137)
what, store, target = sys.argv[1], sys.argv[2], sys.argv[3]
if what == "add":
    derived.extend = die  # the articles are committed, their topics not yet assigned
    add_records(store, [(target, r) for r in read_paths([target])])
else:
    derived.group_near_duplicates = die  # topics refitted, the near-duplicate stage under way
    builder.build([target], store)
"""


def _kill(what: str, store: Path, target: Path) -> None:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "lib"), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, "-c", KILLED, what, str(store), str(target)], env=env, timeout=300,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 137, done.stderr


def _corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for path in FIXTURES.glob("*.md"):
        shutil.copy(path, folder)
    return folder


def _new_articles(folder: Path, n: int = 2) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"new-{i}.md").write_text(f"---\ntitle: New {i}\n---\n" + STORY.format(day=f"day {i}") + f" Note {i}.",
                                            encoding="utf-8")
    return folder


def _without_topics(path: Path) -> list[str]:
    with Store(path, read_only=True) as store:
        return derived.without_topics(store)


def _whole(path: Path) -> None:
    """Every derived table covers every stored article."""
    with Store(path, read_only=True) as store:
        assert derived.without_topics(store) == []
        assert derived.behind(store) == set()
        assert dashboard.current(store)
        n = store.count("articles")
        assert store.con.execute(f"SELECT count(*) FROM {dashboard.SEARCH}").fetchall()[0][0] == n
        assert store.con.execute("SELECT count(*) FROM td_articles").fetchall()[0][0] >= 1


@pytest.fixture()
def store(tmp_path) -> Path:
    path = tmp_path / "store.duckdb"
    build([_corpus(tmp_path / "corpus")], path)
    return path


@pytest.mark.parametrize("then", ["add", "build"])
def test_a_killed_add_is_repaired_by_the_next_add_or_build(store, tmp_path, then):
    new = _new_articles(tmp_path / "new")
    _kill("add", store, new)
    orphans = _without_topics(store)
    assert len(orphans) == 2  # committed, without topics: what the kill left
    with Store(store, read_only=True) as s:
        topics_before = s.table("topics")[["topic_id", "label"]]
    if then == "add":
        results = add_records(store, [(str(new), r) for r in read_paths([new])])
        assert [r.status for r in results] == ["duplicate", "duplicate"]
    else:
        summary = build([tmp_path / "corpus"], store)
        assert summary.added == 0 and not summary.topics  # repaired without a refit
    _whole(store)
    with Store(store, read_only=True) as s:
        assert s.table("topics")[["topic_id", "label"]].equals(topics_before)  # the same topics, no refit


def test_a_build_killed_during_near_duplicates_is_finished_by_the_next_build(tmp_path):
    corpus = _corpus(tmp_path / "corpus")
    for name in ("copy-a.md", "copy-b.md"):  # the same story, republished
        (corpus / name).write_text(f"---\ntitle: {name}\n---\n" + STORY.format(day="Monday") + f" ({name})",
                                   encoding="utf-8")
    store = tmp_path / "store.duckdb"
    _kill("build", store, corpus)
    with Store(store, read_only=True) as s:
        assert s.count("near_duplicates") == 0  # the kill came before the groups were stored
    build([corpus], store)
    with Store(store, read_only=True) as s:
        groups = s.table("near_duplicates")
    assert len(groups) == 2 and groups["group_id"].nunique() == 1
    _whole(store)


def test_a_restored_store_behaves_as_the_original(store, tmp_path):
    export_store(store, tmp_path / "backup")
    restored = tmp_path / "restored.duckdb"
    import_store(tmp_path / "backup", restored)
    with Store(store, read_only=True) as a, Store(restored, read_only=True) as b:
        for key in ("extractor_version", "topics_version", "corpus_version", "built_at", "topics_covers", "duplicates_covers"):
            assert a.get_meta(key) == b.get_meta(key), key
        blobs = [s.con.execute("SELECT blob FROM models WHERE name = 'topics'").fetchall()[0][0] for s in (a, b)]
    assert blobs[0] == blobs[1]
    new = _new_articles(tmp_path / "new", n=1)
    for path in (store, restored):  # the first add after a restore assigns to the same topics
        assert add_records(path, [(str(new), r) for r in read_paths([new])])[0].status == "added"
    with Store(store, read_only=True) as a, Store(restored, read_only=True) as b:
        for table in ("topics", "article_topics", "passage_topics", "near_duplicates"):
            left, right = (s.table(table).sort_values(list(s.table(table).columns[:2])).reset_index(drop=True) for s in (a, b))
            assert left.equals(right), table
    summary = build([tmp_path / "corpus", new], restored)  # and a build re-extracts and refits nothing
    assert (summary.added, summary.topics) == (0, False)


def test_a_backup_whose_model_is_not_a_topic_model_is_refused(store, tmp_path):
    import hashlib
    import json
    import pickle

    backup = tmp_path / "backup"
    export_store(store, backup)
    evil = pickle.dumps(os.system)  # resolves a callable no topic model is made of
    (backup / "topics.model.pickle").write_bytes(evil)
    manifest = json.loads((backup / "manifest.json").read_text(encoding="utf-8"))
    manifest["models"]["topics"]["sha256"] = hashlib.sha256(evil).hexdigest()
    (backup / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(ValueError, match="posix.system|os.system"):
        import_store(backup, tmp_path / "restored.duckdb")
    assert not (tmp_path / "restored.duckdb").exists()


def test_the_allowlist_holds_everything_a_fitted_topic_model_refers_to(store):
    with duckdb.connect(str(store), read_only=True) as con:
        blob = con.execute("SELECT blob FROM models WHERE name = 'topics'").fetchall()[0][0]
    assert pickles.referred(blob) - pickles.ALLOWED == set()
    assert type(pickles.loads(blob)).__name__ == "TopicModel"
