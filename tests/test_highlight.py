"""Highlighted article HTML: spans in place, untrusted text always escaped."""

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from techdiplomacy import schema
from techdiplomacy.text.highlight import highlight_html, spans_of


def _spans(rows):
    return pd.DataFrame(rows, columns=["start", "end", "kind", "label"])


def test_spans_marked_in_place_rtl():
    text = "التقى الوزير سفير أرمينيا في طهران."
    start = text.index("أرمينيا")
    html_out = highlight_html(text, _spans([(start, start + 7, "country", "Armenia")]), rtl=True)
    assert html_out.startswith('<div dir="rtl"')
    assert 'title="country: Armenia" data-kind="country">أرمينيا</mark>' in html_out


def test_script_and_attributes_are_escaped():
    text = 'Iran <script>alert(1)</script> and <img src=x onerror="alert(2)"> Iraq'
    start = text.index("Iraq")
    out = highlight_html(text, _spans([(start, start + 4, "country", '"><script>x</script>')]), rtl=False)
    assert "<script>" not in out
    assert "<img" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert 'title="country: &quot;&gt;&lt;script&gt;x&lt;/script&gt;"' in out


def test_overlapping_spans_keep_the_first():
    text = "data centre park"
    out = highlight_html(text, _spans([(0, 11, "sector", "a"), (5, 16, "sector", "b")]), rtl=False)
    assert out.count("<mark") == 1


def test_spans_of_collects_every_kind():
    tables = {
        "mentions": schema.conform("mentions", [{"article_id": "a", "kind": "country", "key": "ARM", "label": "Armenia", "start": 1, "end": 3}]),
        "officials": schema.conform("officials", [{"article_id": "a", "name": "X", "role": "minister", "country": "IRN", "start": 5, "end": 6}]),
        "figures": schema.conform("figures", [{"article_id": "a", "value": 25.0, "unit": "percent", "measure": "m", "start": 8, "end": 10}, {"article_id": "b", "start": 0, "end": 1}]),
    }
    spans = spans_of("a", tables)
    assert spans["kind"].tolist() == ["country", "official", "figure"]


@settings(max_examples=200, deadline=None)
@given(st.text(), st.lists(st.tuples(st.integers(-5, 60), st.integers(-5, 60)), max_size=5))
def test_no_text_or_span_breaks_out_of_the_markup(text, pairs):
    out = highlight_html(text, _spans([(a, b, "country", "<b>") for a, b in pairs]), rtl=True)
    inner = out.replace("<mark", "").replace("</mark>", "").replace("<p>", "").replace("</p>", "")
    inner = inner.split(">", 1)[1].rsplit("</div>", 1)[0]
    assert "<" not in inner.replace('title="country: &lt;b&gt;" data-kind="country">', "")
