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
    "phrases.PROGRESS_STAGES": phrases.PROGRESS_STAGES,
    "phrases.PROGRESS_UNITS": phrases.PROGRESS_UNITS,
    "phrases.PROGRESS_WORDS": phrases.PROGRESS_WORDS,
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


@pytest.mark.parametrize(("stage", "done", "total", "lang", "expected"), [
    ("extract", 1500, None, "en", "extract: 1,500 articles read"),
    ("topics", 0, None, "en", "topics: started"),
    ("add", 3, 10, "en", "add: 3 of 10 articles added"),
    ("near-duplicates: texts signed", 5, 10, "en", "near-duplicates: 5 of 10 texts signed"),
    ("near-duplicates: candidate pairs to verify", 0, 7, "en", "near-duplicates: 0 of 7 candidate pairs to verify"),
    ("topics: articles with paragraphs scored", 800, None, "en", "topics: 800 articles with paragraphs scored"),
    ("dashboard tables", 0, None, "ar", "جداول لوحة المعلومات: بدأ"),
    ("extract", 1500, None, "fa", "استخراج: 1,500 مقاله خوانده شد"),
    ("add", 3, 10, "ar", "الإضافة: 3 من 10 مقالًا مضافًا"),
    ("a new stage", 2, None, "en", "a new stage: 2 done"),  # unknown: still says what it is
])
def test_progress_lines_say_what_they_count(stage, done, total, lang, expected):
    from techdiplomacy.report import progress_text

    assert progress_text(stage, done, total, lang) == expected


def test_every_progress_stage_the_build_reports_is_named():
    """Every stage the build, add and topic code reports has its name and unit here."""
    from pathlib import Path

    lib = Path(__file__).resolve().parents[1] / "lib" / "techdiplomacy"
    reported = set()
    for path in lib.rglob("*.py"):
        reported |= set(re.findall(r"""(?:progress|report)\(\s*["']([a-z][^"']*)["']""", path.read_text(encoding="utf-8")))
    assert reported, "no progress call found"
    for stage in reported:
        assert stage.split(":")[0].strip() in phrases.PROGRESS_STAGES, stage
        assert ":" not in stage or stage in phrases.PROGRESS_UNITS, stage
