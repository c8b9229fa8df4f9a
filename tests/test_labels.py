import pandas as pd
import pytest

from techdiplomacy import reference
from techdiplomacy.i18n import labels
from techdiplomacy.i18n.labels import PDI, RLI


@pytest.fixture
def tiny_reference(tmp_path, monkeypatch):
    """A two-row countries.csv and sectors.csv, read through techdiplomacy.reference."""
    pd.DataFrame(
        [
            {"iso3": "ARM", "iso2": "AM", "name_en": "Armenia", "name_ar": "أرمينيا", "name_fa": "ارمنستان", "aliases": ""},
            {"iso3": "XKX", "iso2": "XK", "name_en": "Kosovo", "name_ar": "", "name_fa": "", "aliases": ""},
        ]
    ).to_csv(tmp_path / "countries.csv", index=False)
    pd.DataFrame(
        [{"sector": "cybersecurity", "name_en": "Cybersecurity", "name_ar": "الأمن السيبراني", "name_fa": "امنیت سایبری", "aliases": ""}]
    ).to_csv(tmp_path / "sectors.csv", index=False)
    monkeypatch.setenv("TECHDIPLOMACY_REFERENCE", str(tmp_path))
    for cached in (reference.load, reference.labels, reference.aliases):
        cached.cache_clear()
    yield tmp_path
    for cached in (reference.load, reference.labels, reference.aliases):
        cached.cache_clear()


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Armenia", "Armenia"),
        ("2024", "2024"),
        ("أرمينيا", f"{RLI}أرمينيا{PDI}"),
        ("ارمنستان", f"{RLI}ارمنستان{PDI}"),
        ("25% من الشركات", f"{RLI}25% من الشركات{PDI}"),
        ("شركة Huawei في العراق", f"{RLI}شركة Huawei في العراق{PDI}"),
        (f"{RLI}أرمينيا{PDI}", f"{RLI}أرمينيا{PDI}"),  # idempotent
        ("", ""),
    ],
)
def test_isolate_wraps_right_to_left_text_only(text, expected):
    assert labels.isolate(text) == expected


def test_strip_isolates_gives_back_the_data_value():
    assert labels.strip_isolates(labels.isolate("شركة Huawei")) == "شركة Huawei"


@pytest.mark.parametrize(
    "value, lang, wrapped",
    [("الوفاق", "en", True), ("Armenia", "en", False), ("Huawei", "ar", True), ("أرمينيا", "fa", False)],
)
def test_embed_isolates_text_running_the_other_way(value, lang, wrapped):
    out = labels.embed(value, lang)
    assert (out != value) is wrapped
    assert labels.strip_isolates(out) == value


@pytest.mark.parametrize(
    "key, lang, expected",
    [
        ("ARM", "en", "Armenia"),
        ("ARM", "ar", "أرمينيا"),
        ("ARM", "fa", "ارمنستان"),
        ("TUR", "ar", "تركيا"),  # not in the tiny CSV: CLDR via Babel
        ("TUR", "fa", "ترکیه"),
        ("ZZZ", "ar", "ZZZ"),  # unknown everywhere: the key
    ],
)
def test_country_names_from_reference_then_cldr(tiny_reference, key, lang, expected):
    assert labels.name("country", key, lang) == expected


def test_country_name_without_translation_falls_back_to_cldr(tiny_reference):
    # Kosovo has no name_ar in the CSV; reference.labels would give the English name.
    assert labels.name("country", "XKX", "ar") == "كوسوفو"


@pytest.mark.parametrize(
    "kind, key, lang, expected",
    [
        ("sector", "cybersecurity", "ar", "الأمن السيبراني"),
        ("sector", "cybersecurity", "en", "Cybersecurity"),
        ("sector", "data_centres", "en", "data centres"),  # unknown sector: readable key
        ("role", "minister", "fa", "وزیر"),
        ("role", "ambassador", "ar", "سفير"),
        ("language", "fa", "en", "Persian"),
        ("language", "fa", "ar", "الفارسية"),
    ],
)
def test_other_names(tiny_reference, kind, key, lang, expected):
    assert labels.name(kind, key, lang) == expected


def test_fallback_name_is_used_when_reference_lacks_the_key(tiny_reference):
    assert labels.name("sector", "space", "en", fallback="Space industry") == "Space industry"


def test_names_work_without_reference_files(tmp_path, monkeypatch):
    monkeypatch.setenv("TECHDIPLOMACY_REFERENCE", str(tmp_path / "missing"))
    reference.load.cache_clear()
    reference.labels.cache_clear()
    try:
        assert labels.name("country", "ARM", "ar") == "أرمينيا"
        assert labels.name("sector", "cybersecurity", "ar") == "cybersecurity"
    finally:
        reference.load.cache_clear()
        reference.labels.cache_clear()


def test_display_name_is_isolated_in_arabic_and_bare_in_english(tiny_reference):
    assert labels.display_name("country", "ARM", "ar") == f"{RLI}أرمينيا{PDI}"
    assert labels.display_name("country", "ARM", "en") == "Armenia"
    assert labels.display_names("country", ["ARM", "TUR"], "fa") == [f"{RLI}ارمنستان{PDI}", f"{RLI}ترکیه{PDI}"]


def test_missing_key_reads_unknown():
    assert labels.name("country", None, "en") == "Unknown"
    assert labels.name("country", pd.NA, "ar") == "غير معروف"


def test_every_message_has_all_ui_languages():
    for key, phrases in labels.MESSAGES.items():
        assert set(phrases) == set(labels.UI_LANGUAGES), key
        if key in ("is", "and", "where", "comma"):  # punctuation-only glue in ar/fa
            continue
        for lang in ("ar", "fa"):
            assert labels.has_rtl(phrases[lang]), (key, lang)


def test_title_is_isolated_in_persian():
    assert labels.title("title_partners_by_sector", "fa", sector="امنیت سایبری") == f"{RLI}کشورهای شریک در امنیت سایبری{PDI}"
    assert labels.title("title_partners_by_sector", "en", sector="AI") == "Partner countries in AI"


def test_unknown_ui_language_falls_back_to_english():
    assert labels.ui_language("de") == "en"
    assert labels.message("no_data", "de") == "No data for these filters"
