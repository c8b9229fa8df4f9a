"""Header lines of plain-text articles (``url:``, ``title:``, ``date:``, ``language:`` …)."""

import datetime
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from techdiplomacy.readers.article import FIELDS, header_fields
from techdiplomacy.readers.corpus import read_bytes, read_file

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "data" / "realnews-dev"
D = datetime.date
AR = "بحثت وزيرة الاتصالات العراقية مع نظيرها الإيراني سبل تطوير التعاون في مجال الاتصالات."
FA = "وزیر ارتباطات ایران در دیدار با سفیر ارمنستان بر گسترش همکاری در حوزه هوش مصنوعی تأکید کرد."
EN = "Tehran: Iran and Armenia discussed cooperation on data centres."


def one(results):
    assert len(results) == 1, results
    return results[0]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (  # the realnews-dev form: url, title, date, language, blank line, text
            f"url: https://ar.mehrnews.com/news/1556192/\ntitle: ايران والعراق يتفقان\ndate: 2012-03-10\n"
            f"language: ar\n\n١٠/٠٣/٢٠١٢، ١٢:٤٤ م\n\n{AR}",
            ("ايران والعراق يتفقان", D(2012, 3, 10), "", "https://ar.mehrnews.com/news/1556192/", "ar",
             f"١٠/٠٣/٢٠١٢، ١٢:٤٤ م\n\n{AR}"),
        ),
        (  # a Gregorian date with its Solar Hijri form beside it; "(none)" is no title
            f"url: https://shia-news.com/fa/news/103632\ntitle: (none)\ndate: 2015-10-28 (۰۶ آبان ۱۳۹۴)\n"
            f"language: fa\n\n{FA}",
            (FA, D(2015, 10, 28), "", "https://shia-news.com/fa/news/103632", "fa", FA),
        ),
        (  # "unknown" is no date; a source line; keys in any case; CRLF
            f"Title: Iran and Armenia\r\nDate: unknown\r\nSource: IRNA\r\n\r\n{EN}",
            ("Iran and Armenia", None, "IRNA", "", "en", EN),
        ),
        (  # a Solar Hijri date alone, synonyms of the field names
            f"headline: خبر\npublished: ۲۲ مرداد ۱۴۰۳\nlink: https://x.ir/a\nlang: fa\n\n{FA}",
            ("خبر", D(2024, 8, 12), "", "https://x.ir/a", "fa", FA),
        ),
        (  # "Tehran:" is no field: the text is read as written
            f"{EN}\n\n{EN}",
            (EN, None, "", "", "en", f"{EN}\n\n{EN}"),
        ),
        (  # a header not ended by a blank line is no header
            f"title: Iran and Armenia\n{EN}",
            ("title: Iran and Armenia", None, "", "", "en", f"title: Iran and Armenia\n{EN}"),
        ),
    ],
)
def test_txt_header_lines(content, expected):
    article = one(read_bytes(content.encode(), "a.txt"))
    assert (article.title, article.published, article.source, article.url, article.language, article.text) == expected


def test_header_lines_are_only_read_in_txt():
    content = f"title: Iran and Armenia\n\n{EN}"
    assert one(read_bytes(content.encode(), "a.md")).text == content


def test_map_names_a_header_key():
    article = one(read_bytes(f"outlet_name: الوفاق\n\n{AR}".encode(), "a.txt", columns={"source": "outlet_name"}))
    assert (article.source, article.text) == ("الوفاق", AR)


_KEYS = sorted(name for field, names in FIELDS.items() if field != "text" for name in names)
_VALUES = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=30).filter(
    lambda v: v.strip() and v == v.strip()
)
_BODIES = st.text(min_size=1, max_size=200).filter(lambda t: t.strip() and not t.startswith(("\n", "\r")))


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from(_KEYS), _VALUES, min_size=1, max_size=5), _BODIES)
def test_written_header_reads_back(header, body):
    text = "".join(f"{key}: {value}\n" for key, value in header.items()) + "\n" + body
    fields, rest = header_fields(text)
    assert rest == body
    assert fields == {k: v for k, v in header.items() if v.lower() not in {"none", "(none)", "unknown", "(unknown)", "n/a", "na", "-", "null", "nil"}}


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_header_split_never_loses_text(text):
    fields, rest = header_fields(text)
    assert text.endswith(rest)
    head = text[: len(text) - len(rest)]
    assert head == "" or (head.endswith("\n") and head.rstrip("\n").count("\n") + 1 >= len(fields))
    assert not fields or head
    assert all("\n" not in v and v == v.strip() for v in fields.values())


@pytest.mark.skipif(not DEV.is_dir(), reason="../shared/data/realnews-dev is absent")
def test_dev_set_headers_match_its_gold_records():
    gold = {}
    for line in (DEV / "realnews-dev.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        gold[record["id"]] = record
    paths = sorted(DEV.glob("*/*.txt"))
    assert len(paths) >= 60
    for path in paths:
        article = one(read_file(path))
        record = gold[path.stem]
        head = path.read_text(encoding="utf-8").split("\n\n", 1)[0]
        assert article.url == record["url"]
        assert article.language == record["language"]
        assert article.text == record["text"].strip()
        if "title: (none)" not in head:
            assert article.title == record["title"]
        date_line = next(ln for ln in head.splitlines() if ln.startswith("date:"))
        assert (article.published is None) == (date_line == "date: unknown")
        if article.published is not None:
            assert date_line.startswith(f"date: {article.published.isoformat()}")
