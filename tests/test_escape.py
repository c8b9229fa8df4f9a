"""Untrusted text reaches each sink only escaped: Markdown (captions), HTML (the article reader,
exported charts), Plotly labels and hover text, terminals (``add``, ``feeds list``, ``report``).

Each helper is checked against a real interpreter of its sink where one is at hand (CommonMark
via markdown-it-py, Python's HTML parser), then every place untrusted text reaches that sink is
fed the same hostile strings (issue #18, items 8-10)."""

import html as std_html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from techdiplomacy import charts, escape
from techdiplomacy.cli import main
from techdiplomacy.report import render_report
from techdiplomacy.text.highlight import highlight_html

HOSTILE = [
    "![x](http://HOST/p.png)",
    "[click](javascript:alert(1))",
    "<img src=http://HOST/p.png>",
    "<b>bold</b> <a href='http://HOST'>link</a> <span style='font-size:90px'>big</span>",
    "<script>alert(1)</script>",
    "# heading\n\n- item\n> quote",
    "`code` **strong** _em_ ~~del~~ $x^2$ :red[red] :material/home:",
    "a | b\n---|---\nc | d",
    "&lt;b&gt; &amp; &#60;i&#62;",
    "\\![x](http://HOST/p.png)",
    "\x1b[31mred\x1b[0m\x07\x1b]0;title\x07\r\noverwrite\x9b2J\u2028x",
    "سفير أرمينيا <b>في</b> طهران ![ص](http://HOST/p.png)",
]
_HOSTILE_MARKS = re.compile(r"<(b|a|span|img|script|i)\b", re.IGNORECASE)


def _rendered_text(markdown_source: str) -> tuple[str, str]:
    """(HTML, its text) of ``markdown_source`` rendered as CommonMark with GFM tables and strikethrough."""
    rendered = MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(markdown_source)
    return rendered, std_html.unescape(re.sub(r"<[^>]+>", "", rendered)).strip()


# --- the helpers, against their sinks ------------------------------------------------------------


@pytest.mark.parametrize("text", HOSTILE)
def test_markdown_renders_as_the_characters_written(text):
    rendered, shown = _rendered_text(escape.markdown(text))
    assert re.fullmatch(r"<p>.*</p>\n", rendered, re.DOTALL), rendered  # one paragraph, no block, link or image
    assert "<img" not in rendered and "<a " not in rendered and "<code>" not in rendered
    assert shown == re.sub(r"[\r\n\u2028\u2029\x0b\x0c\x85]+", " ", text).strip()


@given(st.text(max_size=60))
def test_markdown_of_any_text_shows_that_text(text):
    _, shown = _rendered_text(escape.markdown(text))
    flat = re.sub(r"[\r\n\u2028\u2029\x0b\x0c\x85]+", " ", text)
    # CommonMark itself trims a paragraph's outer white space and turns NUL into U+FFFD
    assert shown == flat.replace("\x00", "\ufffd").strip()


def test_markdown_escapes_streamlit_maths_and_directives():
    assert escape.markdown("$x$ :red[y]") == "\\$x\\$ \\:red\\[y\\]"


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.text = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


@pytest.mark.parametrize("text", HOSTILE)
def test_html_is_text_and_attribute_safe(text):
    page = _Collector()
    page.feed(f'<p title="{escape.html(text)}">{escape.html(text)}</p>')
    assert page.tags == [("p", {"title": text})]
    assert "".join(page.text) == text


@pytest.mark.parametrize("text", HOSTILE)
def test_plotly_text_holds_no_tag_and_reads_back(text):
    shown = escape.plotly(text)
    assert "<" not in shown and ">" not in shown
    assert std_html.unescape(shown) == std_html.unescape(shown) and shown.replace("&lt;", "<").replace(
        "&gt;", ">").replace("&amp;", "&") == text


@pytest.mark.parametrize("text", HOSTILE)
def test_terminal_text_holds_no_control_character(text):
    shown = escape.terminal(text)
    assert not re.search(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]", shown)
    if "\x1b" in text:
        assert "\\x1b" in shown


# --- every place the text reaches a sink -------------------------------------------------------


def _strings(value, path=""):
    """Every (path, string) a figure shows: hovertemplates (ours, with <br>) and customdata (the
    raw keys a selection hands back, never drawn unless a template names them) left out."""
    if isinstance(value, dict):
        for key, inner in value.items():
            if key not in ("hovertemplate", "customdata"):
                yield from _strings(inner, f"{path}.{key}")
    elif isinstance(value, (list, tuple)):
        for i, inner in enumerate(value):
            yield from _strings(inner, f"{path}[{i}]")
    elif isinstance(value, str):
        yield path, value


def _assert_inert(fig) -> None:
    spec = fig.to_dict()
    marked = [(p, s) for p, s in _strings(spec) if _HOSTILE_MARKS.search(s)]
    assert marked == []
    for trace in spec["data"]:
        assert not _HOSTILE_MARKS.search(trace.get("hovertemplate", ""))


@pytest.mark.parametrize("text", HOSTILE)
def test_topic_charts_show_titles_and_labels_as_written(text):
    topics = pd.DataFrame({"topic_id": [0, 1], "label": [text, "ok"], "terms": [text, "a|b"], "size": [2, 1],
                           "representative_article_id": ["a", "b"]})
    points = pd.DataFrame({"article_id": ["a", "b"], "topic_id": [0, 1], "x": [0.1, 0.2], "y": [0.3, 0.4], "title": [text, text]})
    over_time = pd.DataFrame({"period": ["2024-01-01", "2024-02-01"], "topic_id": [0, 1], "n_articles": [1, 2]})
    per_country = pd.DataFrame({"country": ["ARM", "IRQ"], "topic_id": [0, 1], "n_articles": [1, 2]})
    for fig in (charts.topic_map(points, topics), charts.topic_sizes(topics),
                charts.topics_over_time(over_time, topics=topics), charts.topics_per_country(per_country, topics=topics)):
        _assert_inert(fig)


@pytest.mark.parametrize("text", HOSTILE)
def test_people_and_figure_charts_show_names_sentences_and_measures_as_written(text):
    nodes = pd.DataFrame({"official": ["o1", "o2"], "name": [text, None], "country": ["IRN", "ARM"], "role": ["minister", None],
                          "n_articles": [2, 1], "article_ids": ["a|b", "a"]})
    edges = pd.DataFrame({"source": ["o1"], "target": ["o2"], "n_articles": [1]})
    _assert_inert(charts.officials_network(nodes, edges))
    figures = pd.DataFrame({"article_id": ["a"], "start": [0], "end": [3], "value": [5.0], "unit": ["USD"],
                            "measure": [text], "country": ["ARM"], "sector": [None], "sentence": [text]})
    fig = charts.figures_by_unit(figures, "USD")
    _assert_inert(fig)
    assert "customdata[5]" not in fig.data[0].hovertemplate  # the measure is shown from its escaped copy


def test_country_charts_show_fallback_names_as_written():
    counts = pd.DataFrame({"country": ["XXA"], "n_articles": [3], "n_mentions": [4]})
    fig = charts.mentions_by_country(counts, fallbacks={"XXA": "<b>fake</b> <a href='http://HOST'>x</a>"})
    _assert_inert(fig)


@pytest.mark.parametrize("text", HOSTILE)
def test_article_reader_html_shows_the_text_as_written(text):
    spans = pd.DataFrame({"start": [0], "end": [min(3, len(text))], "kind": ["country"], "label": [text]})
    page = _Collector()
    page.feed(highlight_html(text, spans, rtl=False))
    assert {tag for tag, _ in page.tags} <= {"div", "p", "mark"}


def _article(folder: Path, title: str, source: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "hostile.json"
    path.write_text(json.dumps({"title": title, "source": source, "published": "2024-08-12",
                                "text": "Iran and Armenia agreed to expand internet transit and data centres in Yerevan."}),
                    encoding="utf-8")
    return path


def test_add_prints_untrusted_titles_without_terminal_escapes(tmp_path, capsys):
    title = "Iran \x1b[2J\x1b]0;owned\x07 Armenia\r\nadded     forged.md  fake"
    path = _article(tmp_path / "in", title, "src")
    assert main(["add", str(path), "--store", str(tmp_path / "s.duckdb")]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "\r" not in out
    assert out.count("\n") == 1 and "\\x1b[2J" in out


def test_report_shows_untrusted_names_without_terminal_escapes():
    frame = pd.DataFrame({"name": ["Ali\x1b[8m hidden"], "mentions": [1]})
    empty = pd.DataFrame()
    text = render_report({"headline": {"articles": 1}, "partners": frame, "sectors": empty, "officials": frame,
                          "figures": empty}, shape=False)
    assert "\x1b" not in text and "Ali\\x1b[8m hidden" in text


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory):
    """A store holding one article whose title and source are hostile Markdown and HTML."""
    from techdiplomacy.store.builder import build

    base = tmp_path_factory.mktemp("hostile")
    _article(base / "articles", "<b>Title</b> ![t](http://HOST/t.png)", "![s](http://HOST/s.png) [l](http://HOST)")
    build([base / "articles"], base / "store.duckdb")
    return {"TECHDIPLOMACY_DATA": str(base / "articles"), "TECHDIPLOMACY_STORE": str(base / "store.duckdb")}


@pytest.mark.parametrize(("page", "params"), [
    ("articles", {"q": "![x](http://HOST/p.png)"}),
    ("overview", {"q": "[a](http://HOST) <img src=http://HOST/p.png> $x$"}),
    ("articles", {}),  # the source caption of the article read
    ("topics", {}),
])
def test_pages_show_url_values_and_sources_as_written(monkeypatch, hostile_store, page, params):
    from test_pages import _app

    at = _app(monkeypatch, hostile_store, page, params=params)
    captions = [c.value for c in at.caption]
    assert captions
    for caption in captions:
        rendered, _ = _rendered_text(caption)
        assert "<img" not in rendered and "<a " not in rendered, caption
    if params.get("q"):
        assert any("HOST" in c for c in captions)  # the query is still said, as text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Choose files", '"Choose files"'),
        ('a"b\\c', '"a\\22 b\\5c c"'),
        ("</style><script>alert(1)</script>", '"\\3c /style>\\3c script>alert(1)\\3c /script>"'),
        ("two\nlines", '"two lines"'),
    ],
)
def test_css_string(text, expected):
    from techdiplomacy.escape import css_string

    assert css_string(text) == expected
