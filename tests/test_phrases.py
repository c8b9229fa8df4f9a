"""One string table: every UI phrase has en, ar and fa, with the same placeholders, and the
Arabic and Persian phrases carry no Latin UI words (only names of formats, commands, settings)."""

import re
import string

import pytest

from techdiplomacy.i18n import display, labels, phrases

TABLES = {
    "phrases.PAGE_TEXT": phrases.PAGE_TEXT,
    "labels.MESSAGES": labels.MESSAGES,
    "labels.ROLE_NAMES": labels.ROLE_NAMES,
    "display.HEADERS": display.HEADERS,
    "display.WORDS": display.WORDS,
    "display.UNIT_NAMES": display.UNIT_NAMES,
}
ENTRIES = [(table, key, entry) for table, rows in TABLES.items() for key, entry in rows.items()]

#: Latin words an Arabic or Persian phrase may hold: file formats, commands, settings, examples.
ALLOWED_LATIN = re.compile(
    r"JSONL|Parquet|WARC|CSV|PNG|SVG|HTML|zip|txt|md|jsonl|json|csv|html|xml|RSS|Atom|http\(s\)|https|http|loopback"
    r"|TECHDIPLOMACY_ALLOW_PRIVATE=1|techdiplomacy (?:build|import|dashboard --store PATH)|`|GB|TB|MB|km"
)


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize(("table", "key", "entry"), ENTRIES, ids=[f"{t}:{k}" for t, k, _ in ENTRIES])
def test_every_phrase_has_en_ar_fa_with_the_same_placeholders(table, key, entry):
    assert set(entry) >= {"en", "ar", "fa"}, f"{table}[{key}] lacks {({'en', 'ar', 'fa'} - set(entry))}"
    for lang in ("en", "ar", "fa"):
        assert entry[lang].strip() or key in ("where", "and", "or", "comma"), (table, key, lang)
        assert _fields(entry[lang]) == _fields(entry["en"]), (table, key, lang)


@pytest.mark.parametrize(("table", "key", "entry"), ENTRIES, ids=[f"{t}:{k}" for t, k, _ in ENTRIES])
def test_arabic_and_persian_phrases_hold_no_latin_ui_words(table, key, entry):
    if table == "display.UNIT_NAMES" and entry["ar"] == entry["en"]:
        pytest.fail(f"{key} untranslated")
    for lang in ("ar", "fa"):
        text = re.sub(r"\{[a-z_]+\}", "", ALLOWED_LATIN.sub("", entry[lang]))
        assert not labels.has_latin(text), (table, key, lang, entry[lang])


@pytest.mark.parametrize(("stage", "done", "total", "expected"), [
    ("extract", 1500, None, "extract: 1,500 articles read"),
    ("topics", 0, None, "topics: started"),
    ("add", 3, 10, "add: 3 of 10 articles added"),
    ("near-duplicates: texts signed", 5, 10, "near-duplicates: texts signed: 5 of 10"),
])
def test_progress_lines_say_what_they_count(stage, done, total, expected):
    from techdiplomacy.report import progress_text

    assert progress_text(stage, done, total) == expected
