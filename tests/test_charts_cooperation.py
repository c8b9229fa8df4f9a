"""Cooperation charts and the page's frames: stages in pipeline order with pinned colours,
partners by name, one timeline row per thread, evidence escaped, right-to-left mirrored."""

import pandas as pd
import pytest

from techdiplomacy import charts, schema
from techdiplomacy.charts.cooperation import STAGE_COLOURS
from techdiplomacy.i18n.labels import PDI, RLI
from techdiplomacy.store.threads import cooperation_threads
from techdiplomacy.warehouse import cooperation as wco


def _row(article, partners, stage, published, sectors="cybersecurity", instrument="mou", sentence="Iran and Russia signed."):
    return {"article_id": article, "partners": partners, "sectors": sectors, "stage": stage, "instrument": instrument,
            "iranian_officials": "", "partner_officials": "", "published": pd.Timestamp(published) if published else None,
            "surface": "signed", "start": 0, "end": 6, "sentence": sentence}


ROWS = schema.conform("cooperation", [
    _row("a1", "RUS", "signed", "2024-03-01"),
    _row("a2", "RUS", "implemented", "2024-09-15"),
    _row("a3", "ARM", "discussed", "2024-05-12", sectors="data_centres", instrument="none",
         sentence="ایران و ارمنستان <b>گفت‌وگو</b> کردند"),
    _row("a4", "ARM|RUS", "proposed", None, sectors="space", instrument="none"),
])


@pytest.fixture
def frames():
    threads = cooperation_threads(ROWS).sort_values(["latest_published", "thread_id"], ascending=[False, True],
                                                    na_position="last").reset_index(drop=True)
    marks = pd.DataFrame([
        {"thread_id": tid, "partners": p, **{c: r[c] for c in ("published", "stage", "instrument", "article_id", "start", "end", "sentence")}}
        for tid, p, ids in zip(threads["thread_id"], threads["partners"], threads["article_ids"])
        for r in ROWS.to_dict("records") if r["article_id"] in ids.split("|") and r["partners"] == p
    ])
    return threads, marks


def test_pipeline_counts_threads_per_partner_and_latest_stage(frames):
    pipeline = wco.pipeline(frames[0])
    assert list(map(tuple, pipeline.to_numpy())) == [("ARM", "discussed", 1), ("ARM", "proposed", 1),
                                                     ("RUS", "proposed", 1), ("RUS", "implemented", 1)]  # a tie: by key


@pytest.mark.parametrize("lang, russia, implemented", [
    ("en", "Russia", "Implemented"), ("ar", f"{RLI}روسيا{PDI}", f"{RLI}منفّذ{PDI}"), ("fa", f"{RLI}روسیه{PDI}", f"{RLI}اجرا شده{PDI}"),
])
def test_pipeline_chart_stacks_stages_in_order_by_partner_name(frames, lang, russia, implemented):
    # Russia second: Armenia and Russia have two threads each
    fig = charts.cooperation_pipeline(wco.pipeline(frames[0]), lang=lang).to_dict()
    names = [t["name"] for t in fig["data"]]
    assert names[-1] == implemented and len(names) == 3  # discussed, proposed, implemented
    assert [t["marker"]["color"] for t in fig["data"]] == [STAGE_COLOURS[s] for s in ("discussed", "proposed", "implemented")]
    assert fig["data"][0]["y"][1] == russia
    assert fig["data"][-1]["customdata"][1] == ["RUS", "implemented"]
    assert fig["data"][-1]["x"] == [0, 1]
    assert fig["layout"]["meta"] == {"chart": "cooperation_pipeline", "empty": False, "lang": lang}
    assert (fig["layout"]["xaxis"].get("autorange") == "reversed") == (lang != "en")


def test_timeline_draws_a_line_per_dated_thread_and_a_mark_per_row(frames):
    threads, marks = frames
    fig = charts.cooperation_timeline(threads, marks, lang="en").to_dict()
    assert fig["layout"]["yaxis"]["ticktext"] == ["Russia · Cybersecurity", "Armenia · Data centres"]
    by_stage = {t["name"]: t for t in fig["data"] if t["mode"] == "markers"}
    assert set(by_stage) == {"Signed", "Implemented", "Discussed"}
    assert by_stage["Implemented"]["customdata"][0][1] == "a2"
    assert by_stage["Discussed"]["text"][0] == f"{RLI}ایران و ارمنستان &lt;b&gt;گفت‌وگو&lt;/b&gt; کردند{PDI}"
    long = charts.cooperation_timeline(threads, marks.assign(sentence="word " * 100), lang="en").to_dict()
    assert [len(line) <= 60 for line in long["data"][1]["text"][0].split("<br>")] == [True] * 5


def test_timeline_and_pipeline_of_nothing_say_so():
    empty = schema.empty("cooperation_threads")
    marks = pd.DataFrame({c: [] for c in wco.MARK_COLUMNS})
    assert charts.cooperation_timeline(empty, marks, lang="ar").to_dict()["layout"]["meta"]["empty"]
    assert charts.cooperation_pipeline(wco.pipeline(empty), lang="fa").to_dict()["layout"]["meta"]["empty"]


@pytest.mark.parametrize("lang, stage, name", [("en", "Signed", "Russia"), ("ar", "موقّع", "روسيا"), ("fa", "امضا شده", "روسیه")])
def test_milestones_are_the_newest_signings_with_their_gloss(lang, stage, name):
    table = wco.milestones(ROWS, lang)
    assert list(table.columns) == ["published", "partners", "stage", "gloss", "sentence", "article_id"]
    assert list(table["article_id"]) == ["a2", "a1"]
    assert table["stage"].iloc[1] == stage and table["partners"].iloc[0] == name
    assert name in table["gloss"].iloc[0] and "RUS" not in table["gloss"].iloc[0]


def test_thread_table_names_partners_and_stages(frames):
    table = wco.thread_table(frames[0], "en")
    assert table["partners"].tolist()[-1] == "Armenia, Russia"
    assert table["stages"].iloc[0] == "Signed → Implemented"
    assert next(iter(wco.readable(table, "fa").columns)) == "شریکان"


def test_an_rtl_gloss_keeps_its_date_left_to_right_and_its_csv_has_no_marks():
    table = wco.milestones(ROWS, "fa")
    assert "\u20682024-09-15\u2069" in table["gloss"].iloc[0]
    assert "\u2068" not in wco.plain(table)["gloss"].iloc[0]
    # in English too: after an Arabic name the date's digits would read as Arabic numbers
    assert "\u20682024-09-15\u2069" in wco.milestones(ROWS, "en")["gloss"].iloc[0]


def test_a_clicked_timeline_mark_picks_its_thread(frames):
    threads, marks = frames
    fig = charts.cooperation_timeline(threads, marks, lang="en").to_dict()
    implemented = next(t for t in fig["data"] if t.get("name") == "Implemented")
    # a Streamlit selection event: the points with the customdata the chart gave them
    points = [{"curve_number": 3, "point_number": 0, "customdata": implemented["customdata"][0]}]
    russia = threads.loc[threads["partners"].eq("RUS"), "thread_id"].iloc[0]
    assert wco.picked_thread(points, threads) == russia
    assert wco.thread_rows(marks, russia, "en")["article_id"].tolist() == ["a1", "a2"]
    assert wco.picked_thread([], threads) is None
    assert wco.picked_thread([{"customdata": ["gone:0", "x", 0, 1]}, {"x": 1}], threads) is None  # stale after a filter change


def test_long_thread_labels_are_cut_and_the_legend_leaves_the_marks_the_width():
    row = {"partners": "ARE|USA|SAU", "sectors": "space|ai"}
    label = charts.cooperation.thread_label(row, "en")
    assert label == "United Arab Emirates, United States, Sa…" and len(label) == 40
    fig = charts.cooperation_timeline(*_frames_for_layout(), lang="ar").to_dict()
    assert fig["layout"]["legend"]["orientation"] == "h" and fig["layout"]["legend"]["yanchor"] == "bottom"


def _frames_for_layout():
    threads = cooperation_threads(ROWS)
    marks = pd.DataFrame([{"thread_id": threads["thread_id"].iloc[0], "partners": threads["partners"].iloc[0],
                           "published": pd.Timestamp("2024-03-01"), "stage": "signed", "instrument": "mou",
                           "article_id": "a1", "start": 0, "end": 6, "sentence": "s"}])
    return threads, marks
