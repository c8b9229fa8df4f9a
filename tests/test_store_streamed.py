"""Streamed topics and near-duplicates (the large-store paths) give the in-memory tables."""

import random
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from techdiplomacy.executors import open_executor
from techdiplomacy.store import streamed_duplicates, streamed_topics
from techdiplomacy.store.builder import build
from techdiplomacy.store.database import Store, load_tables
from techdiplomacy.topics import duplicates as dedup
from techdiplomacy.topics.model import TopicSettings, fit_topics

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted((ROOT / "tests" / "fixtures" / "articles").glob("*.md")) + sorted((ROOT / "data" / "articles").glob("*.md"))


def _sentences(path: Path) -> list[str]:
    body = path.read_text(encoding="utf-8").split("---", 2)[-1]
    return [s.strip() for s in re.split(r"(?<=[.!?؟])\s+|\n+", body) if len(s.split()) >= 3]


@pytest.fixture(scope="module")
def store_path(tmp_path_factory) -> Path:
    """120 articles mixed from the fixtures' sentences, 10 of them lightly edited copies."""
    folder = tmp_path_factory.mktemp("corpus")
    pools = [_sentences(p) for p in SOURCES]
    rng = random.Random(7)
    texts = []
    for i in range(110):
        picked = [s for pool in rng.sample(pools, 2) for s in rng.sample(pool, min(len(pool), 4))]
        rng.shuffle(picked)
        texts.append("\n\n".join(" ".join(picked[k : k + 3]) for k in range(0, len(picked), 3)) + f"\n\nNote {i}.")
    texts += [t.replace("\n\nNote", "\n\nUpdated note") for t in texts[:10]]
    for i, text in enumerate(texts):
        (folder / f"a{i:03d}.md").write_text(f"---\ntitle: Article {i}\ndate: 2024-0{1 + i % 9}-01\n---\n{text}\n", encoding="utf-8")
    path = tmp_path_factory.mktemp("store") / "store.duckdb"
    build([folder], path)
    return path


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.sort_values(list(frame.columns)).reset_index(drop=True)


@pytest.mark.parametrize(("workers", "sharing"), [(1, False), (2, False), (2, True)])
def test_streamed_topics_match_fit_topics_on_the_same_sample(store_path, tmp_path, workers, sharing):
    tables = load_tables(store_path)
    settings = TopicSettings(large=60, fit_sample=50, n_init=3)
    expected = fit_topics(tables["articles"], tables["mentions"], k=3, random_state=0, settings=settings)
    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(store_path.read_bytes())
    with Store(copy) as store, open_executor("local", workers=workers, sharing=sharing) as executor:
        store.con.execute("BEGIN")
        model = streamed_topics.fit_streamed(store, k=3, random_state=0, settings=settings, chunk=37, mapper=executor.imap)
        store.con.execute("COMMIT")
    got = load_tables(copy)
    assert model is not None and model.k == 3
    for name in ("topics", "article_topics", "passage_topics"):
        assert len(got[name]) > 0, name
        pd.testing.assert_frame_equal(_sorted(got[name]), _sorted(getattr(expected, name)), obj=name, rtol=1e-9)


@pytest.mark.parametrize(("executor", "workers", "sharing"), [("local", 1, False), ("local", 2, False), ("local", 2, True), ("dask", 1, False)])
def test_streamed_near_duplicates_match_in_memory_groups(store_path, executor, workers, sharing):
    tables = load_tables(store_path)
    expected = dedup.near_duplicate_groups(tables["articles"])
    assert (expected["article_id"] != expected["group_id"]).sum() >= 10
    with Store(store_path, read_only=True) as store, open_executor(executor, workers=workers, sharing=sharing) as running:
        got = streamed_duplicates.near_duplicates_streamed(store.con, chunk=29, mapper=running.imap)
    pd.testing.assert_frame_equal(got, expected)


def test_build_of_a_large_corpus_takes_the_streamed_paths(store_path, tmp_path, monkeypatch):
    """With the thresholds lowered, a build refits through the streamed passes on fresh workers."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i, text in enumerate(load_tables(store_path)["articles"]["text"]):
        (corpus / f"a{i:03d}.txt").write_text(text, encoding="utf-8")
    monkeypatch.setattr(streamed_duplicates, "STREAM_ABOVE", 50)
    stages = []
    path = tmp_path / "large.duckdb"
    summary = build([corpus], path, workers=2, progress=lambda stage, done, total: stages.append(stage))
    tables = load_tables(path)
    assert summary.topics and {"topics: articles scored", "near-duplicates: texts signed"} <= set(stages)
    assert set(tables["article_topics"]["article_id"]) == set(tables["articles"]["article_id"])
    assert tables["passage_topics"]["article_id"].nunique() == len(tables["articles"])
    pd.testing.assert_frame_equal(tables["near_duplicates"], dedup.near_duplicate_groups(tables["articles"]))


def test_adding_to_a_large_store_reads_only_the_new_rows(store_path, tmp_path, monkeypatch):
    """The Add page on a large store: the new article is extracted, assigned to the stored
    topics and counted, and no whole table is read into pandas on the way."""
    from techdiplomacy.ingest.add import add_records, read_sources
    from techdiplomacy.settings import Settings
    from techdiplomacy.store.database import Store
    from techdiplomacy.warehouse import query as warehouse
    from techdiplomacy.warehouse.filters import Filters

    path = tmp_path / "large.duckdb"
    shutil.copy(store_path, path)
    monkeypatch.setattr(streamed_duplicates, "STREAM_ABOVE", 50)
    before = load_tables(path)
    new = tmp_path / "new.md"
    new.write_text("وقال وزير الاتصالات الإيراني ستار هاشمي إن مراكز البيانات في أرمينيا ستتصل بالشبكة الإيرانية.",
                   encoding="utf-8")

    def whole_table(self, name):
        raise AssertionError(f"read the whole {name} table")

    monkeypatch.setattr(Store, "table", whole_table)
    results = add_records(path, read_sources([str(new)], settings=Settings()))
    monkeypatch.undo()
    assert [r.status for r in results] == ["added"]
    added = results[0].article_id
    after = load_tables(path)
    assert len(after["articles"]) == len(before["articles"]) + 1
    mine = after["article_topics"][after["article_topics"]["article_id"] == added]
    assert len(mine) > 0 and (mine["rank"] == 1).sum() == 1
    dominant = after["article_topics"][after["article_topics"]["rank"] == 1].drop_duplicates("article_id")
    assert after["topics"].set_index("topic_id")["size"].sum() == len(dominant)
    assert after["near_duplicates"].equals(before["near_duplicates"])  # regrouped by the next build
    con = warehouse.open_store(path)
    assert warehouse.stored_derived(con)  # refreshed by the add: the search text got the new row only
    cur = warehouse.cursor(con)
    assert warehouse.count(cur, warehouse.ALL) == warehouse.count(warehouse.connect(after), warehouse.ALL)
    found = set(cur.execute(*warehouse.selection(Filters(query="هاشمي مراكز"))).df()["article_id"])
    assert added in found
    assert cur.execute("SELECT count(*) FROM td_text").fetchall()[0][0] == len(after["articles"])
    con.close()


def test_threads_after_an_add_equal_the_threads_derived_from_scratch(store_path, tmp_path):
    """An add re-derives only the threads of the partner sets its rows name; the result is the
    table a whole derivation gives."""
    from techdiplomacy.ingest.add import add_records, read_sources
    from techdiplomacy.settings import Settings
    from techdiplomacy.store.threads import cooperation_threads

    path = tmp_path / "threads.duckdb"
    shutil.copy(store_path, path)
    new = tmp_path / "new.md"
    new.write_text("وقّع وزير الاتصالات الإيراني ونظيره الأرميني مذكرة تفاهم للتعاون في مجال مراكز البيانات.",
                   encoding="utf-8")
    add_records(path, read_sources([str(new)], settings=Settings()))
    tables = load_tables(path)
    key = ["thread_id"]
    stored = tables["cooperation_threads"].sort_values(key).reset_index(drop=True)
    whole = cooperation_threads(tables["cooperation"], window_days=Settings().thread_window_days)
    pd.testing.assert_frame_equal(stored, whole.sort_values(key).reset_index(drop=True), check_dtype=False)
    assert (tables["cooperation"]["partners"] == "ARM").any()
