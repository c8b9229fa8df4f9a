import datetime
import json
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from techdiplomacy.readers.corpus import (
    SUPPORTED_EXTENSIONS,
    Article,
    NotTextError,
    ReadError,
    article_id_for,
    decode,
    html_to_text,
    read_bytes,
    read_file,
    read_paths,
)

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "corpus"
SAMPLE = ROOT / "data" / "articles" / "al-vefagh-224281-iran-armenia-ict.md"
D = datetime.date

AR = "أكد وزير الاتصالات وتكنولوجيا المعلومات الإيراني، خلال لقائه سفير أرمينيا في طهران، على مجالات للتعاون بين البلدين."
FA = "وزیر ارتباطات و فناوری اطلاعات در دیدار با سفیر ارمنستان در تهران بر گسترش همکاری‌های دو کشور در حوزه هوش مصنوعی تأکید کرد."
# Windows-1256 has no Persian ی/ک: Persian files in it are typed with Arabic ي/ك.
FA_1256 = FA.replace("ی", "ي").replace("ک", "ك")
EN = "Iran’s ICT minister met Armenia’s ambassador in Tehran – “a new chapter” for café-style start-up hubs."
EN_LATIN1 = "Iran's ICT minister met the ambassador in Tehran; a résumé of the café talks in Zürich."


def one(results):
    assert len(results) == 1, results
    return results[0]


# --- the shipped sample ---------------------------------------------------------------------


def test_sample_article():
    article = one(read_file(SAMPLE))
    assert isinstance(article, Article)
    assert article.title == "تطوير التعاون بين إيران وأرمينيا في مجال الاتصالات وتكنولوجيا المعلومات"
    assert article.source == "الوفاق"
    assert article.url == "https://al-vefagh.net/?p=224281"
    assert article.language == "ar"
    assert article.published is None
    assert article.path == str(SAMPLE)
    body = SAMPLE.read_text(encoding="utf-8").split("---\n", 2)[2].strip()
    assert article.text == body
    assert article.text.startswith(article.title + "\n\nالوفاق/ أكد وزير")
    assert article.article_id == article_id_for(article.text)
    assert len(article.article_id) == 16 and int(article.article_id, 16) >= 0


# --- article ids ----------------------------------------------------------------------------


def test_same_text_in_two_files_with_different_whitespace_has_same_id(tmp_path):
    (tmp_path / "a.txt").write_text(f"عنوان الخبر\n\n{AR}\n", encoding="utf-8")
    (tmp_path / "b.md").write_text(
        f"---\ntitle: عنوان آخر\n---\n  عنوان   الخبر\r\n\r\n\r\n{AR.replace(' ', '  ')}  \n", encoding="utf-8"
    )
    a, b = read_paths([tmp_path])
    assert a.path.endswith("a.txt") and b.path.endswith("b.md")
    assert a.text != b.text
    assert a.article_id == b.article_id


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        ("سفیر ایران", "سفير إيران", True),  # Persian ی vs Arabic ي, alef with hamza
        ("وزير  الاتصالات\nالإيراني", "وزير الاتصالات الإيراني", True),
        ("The Minister", "the minister", True),
        ("وزير الاتصالات", "وزير الخارجية", False),
    ],
)
def test_article_id_for(first, second, same):
    assert (article_id_for(first) == article_id_for(second)) is same


# --- plain text and Markdown -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "title", "language"),
    [
        (f"\n\n  تطوير التعاون بين إيران وأرمينيا  \n\n{AR}", "تطوير التعاون بين إيران وأرمينيا", "ar"),
        (f"گسترش همکاری‌های ایران و ارمنستان\n{FA}", "گسترش همکاری‌های ایران و ارمنستان", "fa"),
        (f"Iran and Armenia expand ICT ties\n\n{EN}", "Iran and Armenia expand ICT ties", "en"),
        (f"# همکاری فضایی ایران و عمان\n\n{FA}", "همکاری فضایی ایران و عمان", "fa"),
    ],
)
def test_text_without_front_matter_takes_first_line_as_title(tmp_path, content, title, language):
    path = tmp_path / "article.txt"
    path.write_text(content, encoding="utf-8")
    article = one(read_file(path))
    assert article.title == title
    assert article.text == content.strip()
    assert article.language == language
    assert (article.source, article.url, article.published, article.path) == ("", "", None, str(path))


def test_long_first_line_title_is_cut_at_a_word():
    article = one(read_bytes(("كلمة " * 200).encode(), "long.txt"))
    assert article.title.endswith("…") and len(article.title) <= 301
    assert article.text == ("كلمة " * 200).strip()


@pytest.mark.parametrize(
    ("front_matter", "expected"),
    [
        (
            "title: همکاری فضایی ایران و عمان\ndate: 2024-08-12\nsource: ایرنا\nurl: https://www.irna.ir/news/1/\nlanguage: fa",
            ("همکاری فضایی ایران و عمان", D(2024, 8, 12), "ایرنا", "https://www.irna.ir/news/1/", "fa"),
        ),
        (
            "Title: عنوان\npublished: \"۲۲ مرداد ۱۴۰۳\"\nlink: https://x.ir/a\nlang: fa-IR",
            ("عنوان", D(2024, 8, 12), "", "https://x.ir/a", "fa"),
        ),
        (
            "title: Iran-Oman space talks\ndate: 2024-08-12T10:00:00Z\nlanguage: English",
            ("Iran-Oman space talks", D(2024, 8, 12), "", "", "en"),
        ),
        (  # YAML reads this as a date in year 1403 of the Gregorian calendar: it is Solar Hijri
            "title: خبر\ndate: 1403-05-22\nlanguage: fa",
            ("خبر", D(2024, 8, 12), "", "", "fa"),
        ),
        (  # unknown language code: detected from the text instead; bad date: None
            "title: عنوان\ndate: sometime in August\nlanguage: xx",
            ("عنوان", None, "", "", "fa"),
        ),
        (  # a list where a title should be: ignored, first line used
            "title: [a, b]\nsource: 12",
            ("گزارش", None, "12", "", "fa"),
        ),
        ("", ("گزارش", None, "", "", "fa")),
    ],
)
def test_front_matter(front_matter, expected):
    data = f"---\n{front_matter}\n---\nگزارش\n\n{FA}\n".encode()
    article = one(read_bytes(data, "a.md"))
    assert (article.title, article.published, article.source, article.url, article.language) == expected
    assert article.text == f"گزارش\n\n{FA}"


@pytest.mark.parametrize(
    ("content", "error"),
    [
        ("---\ntitle: [unclosed\n---\nمتن", "malformed YAML front matter at line 3: expected ',' or ']', but got '<stream end>'"),
        ("---\ntitle: a\n  bad: indent\n---\nمتن", "malformed YAML front matter at line 3: mapping values are not allowed here"),
        ("---\n- a\n- b\n---\nمتن", "malformed YAML front matter: not a mapping of keys to values"),
        ("---\ntitle: فقط عنوان\n---\n\n  \n", "empty text"),
    ],
)
def test_bad_front_matter(content, error):
    assert one(read_bytes(content.encode(), "bad.md")) == ReadError("bad.md", error)


def test_markdown_starting_with_a_rule_and_no_closing_is_plain_text():
    article = one(read_bytes(f"---\nعنوان\n{AR}".encode(), "a.markdown"))
    assert article.title == "عنوان"  # the first line with a letter or digit
    assert article.text == f"---\nعنوان\n{AR}"


def test_yaml_alias_bomb_in_front_matter_is_harmless():
    bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n' + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)}]\n"
        for i in range(8)
    )
    bomb += "title: *i\n"
    start = time.perf_counter()
    article = one(read_bytes(f"---\n{bomb}---\nعنوان\n{AR}".encode(), "bomb.md"))
    assert time.perf_counter() - start < 2
    assert article.title == "عنوان"


# --- JSON, JSON Lines, CSV --------------------------------------------------------------------


def test_json_object_with_synonyms():
    record = {
        "headline": "إيران وأرمينيا",
        "body": AR,
        "pubDate": "الاثنين ١٢ أغسطس ٢٠٢٤",
        "link": "https://al-vefagh.net/?p=1",
        "lang": "ar",
        "publisher": "الوفاق",
    }
    article = one(read_bytes(json.dumps(record, ensure_ascii=False).encode(), "one.json"))
    assert article == Article(
        article_id=article_id_for(AR),
        title="إيران وأرمينيا",
        text=AR,
        language="ar",
        published=D(2024, 8, 12),
        source="الوفاق",
        url="https://al-vefagh.net/?p=1",
        path="one.json",
    )


def test_json_list_reads_each_item_and_reports_bad_ones():
    items = [
        {"title": "Iran-Armenia", "text": EN, "date": "August 12, 2024"},
        {"title": "no text here"},
        "not an object",
        {"text": FA, "content": "ignored: text wins"},
        {"text": 42},
        {"text": "   "},
    ]
    results = read_bytes(json.dumps(items, ensure_ascii=False).encode(), "list.json")
    assert [type(r).__name__ for r in results] == ["Article", "ReadError", "ReadError", "Article", "ReadError", "ReadError"]
    assert (results[0].path, results[0].title, results[0].published, results[0].language) == ("list.json#1", "Iran-Armenia", D(2024, 8, 12), "en")
    assert results[1] == ReadError("list.json#2", "missing 'text' field in item 2")
    assert results[2] == ReadError("list.json#3", "item 3 is not an object")
    assert (results[3].text, results[3].language, results[3].path) == (FA, "fa", "list.json#4")
    assert results[4] == ReadError("list.json#5", "'text' field in item 5 is not a string")
    assert results[5] == ReadError("list.json#6", "empty text in item 6")


def test_json_wrapped_articles_list():
    data = json.dumps({"articles": [{"text": AR}, {"text": FA}]}, ensure_ascii=False).encode()
    assert [a.path for a in read_bytes(data, "w.json")] == ["w.json#1", "w.json#2"]


@pytest.mark.parametrize(
    ("content", "error"),
    [
        ('{\n  "text": "متن",\n  "title": \n}', "malformed JSON at line 4 column 1: Expecting value"),
        ('[{"text": "متن"}', "malformed JSON at line 1 column 17: Expecting ',' delimiter"),
        ('"just a string"', "JSON holds a str, not an object or a list of objects"),
        ("{}", "missing 'text' field in the JSON object"),
        ("[" * 100_000 + "]" * 100_000, "file too deeply nested or too large to parse: RecursionError"),
    ],
)
def test_bad_json(content, error):
    assert one(read_bytes(content.encode(), "bad.json")) == ReadError("bad.json", error)


def test_jsonl_reads_good_lines_and_reports_bad_ones():
    lines = [
        json.dumps({"title": "عنوان ۱", "text": FA, "date": "1403/05/22"}, ensure_ascii=False),
        '{"title": "broken", "text": ',
        "",
        json.dumps({"headline": "Iran-Oman", "content": EN}),
        json.dumps({"title": "no text"}),
        json.dumps(["not", "an", "object"]),
    ]
    results = read_bytes("\n".join(lines).encode(), "feed.jsonl", path="data/feed.jsonl")
    assert results[0].path == "data/feed.jsonl#1"
    assert (results[0].title, results[0].published, results[0].language) == ("عنوان ۱", D(2024, 8, 12), "fa")
    assert results[1] == ReadError("data/feed.jsonl:2", "malformed JSON at line 2: Expecting value (column 29)")
    assert (results[2].path, results[2].title, results[2].text) == ("data/feed.jsonl#4", "Iran-Oman", EN)
    assert results[3] == ReadError("data/feed.jsonl:5", "missing 'text' field in line 5")
    assert results[4] == ReadError("data/feed.jsonl:6", "line 6 is not an object")
    assert len(results) == 5


def test_csv_with_synonyms_quoted_newlines_and_an_empty_row():
    content = (
        "Headline,Body,Date,Link,Lang\r\n"
        f'إيران وأرمينيا,"{AR}\n\nفقرة ثانية.",12 أغسطس 2024,https://al-vefagh.net/?p=1,ar\r\n'
        "بلا نص,,2024-08-13,https://al-vefagh.net/?p=2,ar\r\n"
        "\r\n"
        f'"Iran, Oman","{EN}",2024-08-14,,\r\n'
    )
    results = read_bytes(content.encode("utf-8-sig"), "news.csv")
    assert len(results) == 3
    first, second, third = results
    assert (first.title, first.text, first.published, first.url, first.language, first.path) == (
        "إيران وأرمينيا", f"{AR}\n\nفقرة ثانية.", D(2024, 8, 12), "https://al-vefagh.net/?p=1", "ar", "news.csv#1",
    )  # fmt: skip
    assert second == ReadError("news.csv#2", "empty text in row 2")
    assert (third.title, third.text, third.language, third.path) == ("Iran, Oman", EN, "en", "news.csv#4")


@pytest.mark.parametrize(
    ("name", "content", "texts"),
    [
        ("semi.csv", f"title;text\nعنوان;{FA}\n", [FA]),
        ("tabs.tsv", f"title\tcontent\nعنوان\t{AR}\n", [AR]),
        ("pipes.csv", f"text|title\n{EN}|t\n", [EN]),
    ],
)
def test_csv_delimiters(name, content, texts):
    assert [a.text for a in read_bytes(content.encode(), name)] == texts


@pytest.mark.parametrize(
    ("content", "error"),
    [
        ("title,url\nعنوان,https://x\n", "no 'text' column (or body/content) in the CSV header: title, url"),
        ('title,text\nعنوان,"متن بلا إغلاق\n', "malformed CSV at line 2: unexpected end of data"),
        ('title,text\nعنوان,"متن" زائد\n', "malformed CSV at line 2: ',' expected after '\"'"),
        ("title,text\n", "no rows after the CSV header"),
    ],
)
def test_bad_csv(content, error):
    where = "bad.csv#1" if "malformed" in error else "bad.csv"  # a bad row is that row's error
    assert one(read_bytes(content.encode(), "bad.csv")) == ReadError(where, error)


# --- HTML ---------------------------------------------------------------------------------------


def test_saved_html_page_keeps_the_article_and_drops_the_page_noise():
    path = FIXTURES / "irna-ict-armenia.html"
    article = one(read_file(path))
    assert article.title == "گسترش همکاری‌های فناوری اطلاعات ایران و ارمنستان"
    assert article.source == "ایرنا"
    assert article.url == "https://www.irna.ir/news/85563412/"
    assert article.published == D(2024, 8, 12)
    assert article.language == "fa"
    assert "همکاری‌های دو کشور در حوزه‌های مراکز داده، پارک‌های فناوری، امنیت سایبری و دولت هوشمند" in article.text
    assert article.text.endswith("پیشنهاد تشکیل کمیته مشترک برای پیگیری پروژه‌ها را داد.")
    for noise in ("صفحه اصلی", "جستجو", "قیمت طلا", "لیگ برتر", "تمامی حقوق", "تماس با ما"):
        assert noise not in article.text


def test_html_in_windows_1256_with_meta_charset():
    html = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1256">'
        "<title>التعاون الفضائي</title></head><body><article><h1>التعاون الفضائي</h1>"
        + "".join(f"<p>{AR} {i}</p>" for i in range(4))
        + "</article></body></html>"
    ).encode("cp1256")
    article = one(read_bytes(html, "page.htm"))
    assert article.title == "التعاون الفضائي"
    assert f"{AR} 3" in article.text
    assert (article.language, article.published, article.source) == ("ar", None, "")


def test_html_without_article_text():
    html = (
        "<html><head><title>ایرنا</title></head><body><header><nav><ul><li><a href='/'>صفحه اصلی</a></li>"
        "<li><a href='/p'>سیاسی</a></li><li><a href='/e'>اقتصادی</a></li></ul></nav></header>"
        "<footer><p>تمامی حقوق این سایت متعلق به خبرگزاری جمهوری اسلامی است.</p><p>تماس با ما | درباره ما</p></footer>"
        "</body></html>"
    ).encode()
    assert one(read_bytes(html, "empty.html")) == ReadError("empty.html", "no article text found in the HTML page")


# --- feeds --------------------------------------------------------------------------------------


def test_rss_feed_one_article_per_item():
    path = FIXTURES / "al-vefagh-feed.rss"
    first, second, third = read_file(path)
    assert first == Article(
        article_id=article_id_for(first.text),
        title="تطوير التعاون بين إيران وأرمينيا في مجال الاتصالات",
        text=(
            "أكد وزير الاتصالات وتكنولوجيا المعلومات الإيراني، خلال لقائه سفير أرمينيا في طهران، على مجالات للتعاون بين البلدين."
            "\n\nوأشار إلى الذكاء الاصطناعي و«ترانزيت المرور» كمجالات مناسبة للتعاون."
        ),
        language="ar",
        published=D(2024, 8, 12),
        source="الوفاق",
        url="https://al-vefagh.net/?p=224281",
        path=f"{path}#1",
    )
    assert (second.text, second.published, second.path) == (
        "بحث رئيس وكالة الفضاء الإيرانية مع السفير العماني في طهران سبل التعاون في مجال الأقمار الصناعية.",
        D(2024, 8, 13),
        f"{path}#2",
    )
    assert third == ReadError(f"{path}#3", "item 3 has no text (no content or summary)")


def test_atom_feed():
    path = FIXTURES / "itu-news.atom"
    article = one(read_file(path))
    assert article.title == "Iran, Armenia discuss data transit and AI cooperation"
    assert article.text == (
        "Iran's ICT minister Sattar Hashemi met Armenia's ambassador Grigor Hakobyan in Tehran.\n\n"
        "data centres\ncyber security\n\nBoth sides proposed a joint committee."
    )
    assert (article.published, article.url, article.language) == (D(2024, 8, 12), "https://www.tehrantimes.com/news/501234/", "en")
    assert article.source == "Tehran Times – Science & Technology"
    assert article.path == f"{path}#1"


def test_feed_in_windows_1256_declared_in_the_xml_declaration():
    feed = (
        '<?xml version="1.0" encoding="windows-1256"?><rss version="2.0"><channel><title>الوفاق</title>'
        f"<item><title>عنوان</title><description>{AR}</description></item></channel></rss>"
    ).encode("cp1256")
    article = one(read_bytes(feed, "f.xml"))
    assert (article.text, article.source, article.title) == (AR, "الوفاق", "عنوان")


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;</title><description>&lol9;</description></item></channel></rss>
"""
XXE = """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><item><title>x</title><description>&xxe;</description></item></channel></rss>
"""


@pytest.mark.parametrize("name", ["lol.xml", "lol.rss", "lol.atom"])
@pytest.mark.parametrize("content", [BILLION_LAUGHS, XXE, BILLION_LAUGHS.replace("DOCTYPE", "doctype")])
def test_feeds_with_dtds_are_refused_quickly(name, content):
    start = time.perf_counter()
    result = one(read_bytes(content.encode(), name))
    assert time.perf_counter() - start < 1
    assert result == ReadError(name, "feed declares a DTD or entities (<!DOCTYPE>/<!ENTITY>); refused for safety")


def test_billion_laughs_in_utf16_is_refused_too():
    result = one(read_bytes(BILLION_LAUGHS.replace('<?xml version="1.0"?>', "").encode("utf-16"), "lol.xml"))
    assert result.error == "feed declares a DTD or entities (<!DOCTYPE>/<!ENTITY>); refused for safety"


@pytest.mark.parametrize(
    ("content", "error"),
    [
        ("<rss><channel><item><title>x</title></channel></rss>", "malformed XML at line 1 column 38: mismatched tag"),
        ("<html><body><p>not a feed</p></body></html>", "not an RSS or Atom feed"),
        ('<rss version="2.0"><channel><title>t</title></channel></rss>', "feed has no items"),
    ],
)
def test_bad_feeds(content, error):
    assert one(read_bytes(content.encode(), "bad.xml")) == ReadError("bad.xml", error)


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<p>فقرة أولى</p><p>فقرة <b>ثانية</b></p>", "فقرة أولى\n\nفقرة ثانية"),
        ("سطر<br>سطر آخر", "سطر\nسطر آخر"),
        ("<ul><li>یک</li><li>دو</li></ul>", "یک\nدو"),
        ("<p>x</p><script>alert('no')</script><style>p{}</style>", "x"),
        ("just text &amp; no tags", "just text &amp; no tags"),
        ("<p>  spaced\n  out  </p>", "spaced out"),
        ("", ""),
    ],
)
def test_html_to_text(html, expected):
    assert html_to_text(html) == expected


# --- encodings ----------------------------------------------------------------------------------


ENCODED = [
    (AR, "utf-8"), (AR, "utf-8-sig"), (AR, "utf-16"), (AR, "utf-16-le"), (AR, "utf-16-be"),
    (AR, "cp1256"), (AR, "iso8859_6"),
    (FA, "utf-8"), (FA, "utf-8-sig"), (FA, "utf-16"), (FA, "utf-16-be"),
    (FA_1256, "cp1256"),
    (EN, "utf-8"), (EN, "utf-16"), (EN, "cp1252"), (EN_LATIN1, "latin_1"),
    ("Министр связи Ирана посетил Ереван и обсудил центры обработки данных", "cp1251"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "encoding"), ENCODED)
def test_decode(text, encoding):
    assert decode(text.encode(encoding)) == text


@pytest.mark.parametrize(("text", "encoding"), ENCODED)
def test_read_text_file_in_each_encoding(tmp_path, text, encoding):
    path = tmp_path / "a.txt"
    path.write_bytes(f"Title 1\r\n\r\n{text}\r\n".encode(encoding))
    article = one(read_file(path))
    assert (article.title, article.text) == ("Title 1", f"Title 1\n\n{text}")


@pytest.mark.parametrize(("text", "encoding"), [(AR, "cp1256"), (FA_1256, "cp1256"), (AR, "iso8859_6")])
def test_arabic_legacy_encodings_are_not_read_as_latin(text, encoding):
    decoded = decode(((text + "\n") * 3).encode(encoding))
    assert not any("\u00c0" <= ch <= "\u00ff" for ch in decoded)
    assert decoded.split("\n")[0] == text


@pytest.mark.parametrize("text", [AR, FA])
def test_utf8_cut_mid_character_stays_utf8(text):
    text = text.rstrip(".")
    data = text.encode("utf-8")[:-1]  # the last letter loses its second byte
    assert decode(data) == text[:-1] + "\ufffd"


@pytest.mark.parametrize(
    ("data", "newline_free"),
    [
        (b"line one\r\nline two\rline three\n", "line one\nline two\nline three"),
        ("\ufeff\ufeffسطر".encode(), "سطر"),
    ],
)
def test_newlines_and_bom(data, newline_free):
    assert one(read_bytes(data, "n.txt")).text == newline_free


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"", "empty file"),
        (b" \n\t\r\n  ", "empty file (only whitespace)"),
        ("\n\n".encode("utf-16"), "empty file (only whitespace)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "binary file (not text)"),
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\nstream\n\x00\x01\x02\x03\nendstream", "binary file (not text)"),
        (bytes(range(1, 32)) * 10, "binary file (not text)"),
        (b"\xef\xbb\xbf\xff\xfe bad utf-8", "invalid utf-8-sig text after byte-order mark: invalid start byte"),
        (b"\xff\xfe" + bytes(range(0xE0, 0x100)) * 4, "binary file (not text)"),  # private-use soup
    ],
)
def test_not_text(data, error):
    assert one(read_bytes(data, "x.txt")) == ReadError("x.txt", error)


def test_decode_raises_a_value_error_for_binary():
    with pytest.raises(NotTextError, match="binary file"):
        decode(b"\x00\x01\x02binary")
    assert issubclass(NotTextError, ValueError)


# --- files, folders and bad paths ---------------------------------------------------------------------


def test_too_large_is_checked_from_the_size_before_reading(tmp_path, monkeypatch):
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 2_500)

    def boom(self):
        raise AssertionError("read a file that is too large")

    monkeypatch.setattr(Path, "read_bytes", boom)
    assert one(read_file(path, max_bytes=1_000)) == ReadError(str(path), "file too large: 0.0 MB > 0.001 MB limit")


def test_too_large_message(tmp_path):
    path = tmp_path / "big.txt"
    with path.open("wb") as f:
        f.truncate(52_400_000)  # sparse: no real disk use
    assert one(read_file(path)) == ReadError(str(path), "file too large: 52.4 MB > 20 MB limit")
    big_json = tmp_path / "big.json"  # JSON past the limit is read only when it is a list, item by item
    with big_json.open("wb") as f:
        f.truncate(52_400_000)
    assert one(read_file(big_json)) == ReadError(
        str(big_json),
        "file too large: more than 20 MB of JSON that is not a list; "
        "write one article per line (JSON Lines, .jsonl), which is read at any size",
    )
    assert one(read_bytes(b"x" * 11, "up.txt", max_bytes=10)) == ReadError("up.txt", "file too large: 0.0 MB > 1e-05 MB limit")


def test_unreadable_file(tmp_path, monkeypatch):
    path = tmp_path / "locked.txt"
    path.write_text(AR, encoding="utf-8")

    def denied(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "open", denied)
    assert one(read_file(path)) == ReadError(str(path), "cannot read file: Permission denied")


SUPPORTED = f"{', '.join(SUPPORTED_EXTENSIONS)}, each optionally .gz, .bz2, .xz, .zst"


def test_missing_and_unsupported_paths(tmp_path):
    (tmp_path / "report.pdf").write_bytes(b"%PDF")
    (tmp_path / "noext").write_text(AR, encoding="utf-8")
    given = [tmp_path / "nope.txt", tmp_path / "report.pdf", str(tmp_path / "noext"), str(tmp_path / "no-folder"), "a\x00b.txt"]
    assert list(read_paths(given)) == [
        ReadError(str(tmp_path / "nope.txt"), "cannot read file: No such file or directory"),
        ReadError(str(tmp_path / "report.pdf"), f"unsupported file type '.pdf' (supported: {SUPPORTED})"),
        ReadError(str(tmp_path / "noext"), f"unsupported file type '(none)' (supported: {SUPPORTED})"),
        ReadError(str(tmp_path / "no-folder"), "cannot read file: No such file or directory"),
        ReadError("a\x00b.txt", "cannot read file: embedded null byte"),
    ]
    assert read_file(tmp_path) == [ReadError(str(tmp_path), "is a folder (use read_paths to read a folder)")]


def test_unreadable_subfolder_is_reported_and_the_rest_read(tmp_path, monkeypatch):
    import techdiplomacy.readers.corpus as corpus

    (tmp_path / "a.txt").write_text(AR, encoding="utf-8")
    real_walk = corpus.os.walk

    def walk(top, onerror=None):
        onerror(PermissionError(13, "Permission denied", str(tmp_path / "locked")))
        yield from real_walk(top)

    monkeypatch.setattr(corpus.os, "walk", walk)
    error, article = read_paths([tmp_path])
    assert error == ReadError(str(tmp_path / "locked"), "cannot read folder: Permission denied")
    assert article.text == AR


def test_folder_is_read_recursively_in_order_skipping_hidden_and_unsupported(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text(FA, encoding="utf-8")
    (tmp_path / "a.md").write_text(f"---\ntitle: [oops\n---\n{AR}", encoding="utf-8")  # broken
    (tmp_path / "c.json").write_text(json.dumps([{"text": EN}, {"text": AR}]), encoding="utf-8")
    (tmp_path / "b" / "1.TXT").write_bytes(AR.encode("cp1256"))
    (tmp_path / ".hidden.txt").write_text(AR, encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text(AR, encoding="utf-8")
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / "empty.csv").write_bytes(b"")
    results = list(read_paths([str(tmp_path)]))
    assert [r.path for r in results] == [
        str(tmp_path / "a.md"),
        str(tmp_path / "b" / "1.TXT"),
        str(tmp_path / "b" / "2.txt"),
        f"{tmp_path / 'c.json'}#1",
        f"{tmp_path / 'c.json'}#2",
        str(tmp_path / "empty.csv"),
    ]
    assert [type(r).__name__ for r in results] == ["ReadError", "Article", "Article", "Article", "Article", "ReadError"]
    assert results[1].text == AR and results[2].text == FA
    assert results[-1].error == "empty file"


def test_fixture_folder_reads_without_errors_except_the_empty_item():
    results = list(read_paths([FIXTURES]))
    errors = [r for r in results if isinstance(r, ReadError)]
    assert [e.path for e in errors] == [f"{FIXTURES / 'al-vefagh-feed.rss'}#3"]
    assert len(results) == 5


# --- properties: untrusted bytes never crash a reader -------------------------------------------------


@pytest.mark.parametrize("ext", SUPPORTED_EXTENSIONS)
@given(data=st.binary(max_size=600))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_read_bytes_never_raises_on_arbitrary_bytes(ext, data):
    results = read_bytes(data, f"upload{ext}")
    assert results and all(isinstance(r, (Article, ReadError)) for r in results)
    assert all(r.path.startswith(f"upload{ext}") for r in results)


_TEXTY = st.text(alphabet=st.sampled_from(list("<>/\"'&;:,{}[]=-\n\r\t #!?") + list("abcxyzTEXT") + list("إيرانوأرمينیکگ۱٢")), max_size=300)


@pytest.mark.parametrize("ext", SUPPORTED_EXTENSIONS)
@given(text=_TEXTY)
@settings(max_examples=40, deadline=None)
def test_read_bytes_never_raises_on_markup_like_text(ext, text):
    results = read_bytes(text.encode("utf-8"), f"t{ext}")
    assert results and all(isinstance(r, (Article, ReadError)) for r in results)
    for r in results:
        if isinstance(r, Article):
            assert r.text and r.text == r.text.strip() and "\r" not in r.text
            assert r.article_id == article_id_for(r.text)
            assert r.language in ("ar", "fa", "en", "und")


@given(data=st.binary(max_size=2000))
@settings(max_examples=200, deadline=None)
def test_decode_returns_text_or_raises_not_text(data):
    try:
        assert isinstance(decode(data), str)
    except NotTextError as exc:
        assert str(exc)
