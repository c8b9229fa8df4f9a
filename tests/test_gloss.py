"""Glosses of officials and figures rows: one plain sentence in en/ar/fa from the structured
fields and the reference names; names and dates isolated so bidi keeps them in order."""

import pandas as pd
import pytest
from bidi import get_display

from techdiplomacy.i18n.display import display_table
from techdiplomacy.i18n.gloss import amount, figure_gloss, official_gloss, with_glosses
from techdiplomacy.i18n.labels import strip_isolates


def _iso(text: str) -> str:
    return f"\u2068{text}\u2069"


HASHEMI = {"official_id": "sattar_hashemi", "name": "سید ستار هاشمی", "title": "وزیر ارتباطات", "role": "minister",
           "organisation": "ir_mict", "country": "IRN", "sentence": "وزیر ارتباطات سید ستار هاشمی گفت"}
HAKOBYAN = {"official_id": None, "name": "غريغور هاكوبيان", "title": "سفير أرمينيا", "role": "ambassador",
            "organisation": None, "country": "ARM", "sentence": "سفير أرمينيا غريغور هاكوبيان"}
TRADE = {"value": 11e9, "unit": "USD", "measure": "حجم التبادل التجاري", "country": "IRQ", "sector": "telecom_infrastructure",
         "sentence": "بلغ حجم التبادل التجاري 11 مليار دولار"}


@pytest.mark.parametrize("lang, hashemi, hakobyan", [
    ("en", f"{_iso('Sattar Hashemi')}: minister, Iran ({_iso('Ministry of Information and Communications Technology')})",
     f"{_iso('غريغور هاكوبيان')}: ambassador, Armenia"),
    ("ar", f"{_iso('ستار هاشمي')}: وزير، إيران ({_iso('وزارة الاتصالات وتكنولوجيا المعلومات')})",
     f"{_iso('غريغور هاكوبيان')}: سفير، أرمينيا"),
    ("fa", f"{_iso('ستار هاشمی')}: وزیر، ایران ({_iso('وزارت ارتباطات و فناوری اطلاعات')})",
     f"{_iso('غريغور هاكوبيان')}: سفیر، ارمنستان"),
])
def test_official_gloss_names_the_known_person_in_the_reader_s_language(lang, hashemi, hakobyan):
    assert official_gloss(HASHEMI, lang) == hashemi
    assert official_gloss(HAKOBYAN, lang) == hakobyan  # unknown to the reference data: as written


@pytest.mark.parametrize("lang, expected", [
    ("en", f"{_iso('11 billion US dollars')}: {_iso('حجم التبادل التجاري')} — concerning Iraq, telecommunications infrastructure"),
    ("ar", f"{_iso('11 مليار دولار أمريكي')}: {_iso('حجم التبادل التجاري')} — يخص العراق، البنية التحتية للاتصالات"),
    ("fa", f"{_iso('11 میلیارد دلار آمریکا')}: {_iso('حجم التبادل التجاري')} — مربوط به عراق، زیرساخت ارتباطی"),
])
def test_figure_gloss_says_the_amount_in_words(lang, expected):
    assert figure_gloss(TRADE, lang) == expected


@pytest.mark.parametrize("value, unit, lang, expected", [
    (25.0, "percent", "en", "25%"),
    (3.0, "count", "fa", "3"),
    (1.5e9, "IRR", "en", "1.5 billion Iranian rials"),
    (2.5e6, "IRR", "ar", "2.5 مليون ريال إيراني"),
    (1200.0, "km", "fa", "1,200 کیلومتر"),
    (4e12, "USD", "en", "4 trillion US dollars"),
    (7.0, "other", "en", "7"),
    (None, "USD", "en", "Unknown"),
])
def test_amounts(value, unit, lang, expected):
    assert amount(value, unit, lang) == expected


def test_missing_fields_leave_their_part_out():
    assert official_gloss({"name": "Ali Rezaei", "role": None, "country": None, "organisation": None}) == _iso("Ali Rezaei")
    assert figure_gloss({"value": 5.0, "unit": "count", "measure": None, "country": None, "sector": None}, "ar") == _iso("5")


@pytest.mark.parametrize("lang", ["en", "ar", "fa"])
def test_a_figure_gloss_keeps_its_number_in_order_beside_arabic(lang):
    shown = strip_isolates(get_display(figure_gloss({**TRADE, "value": 2024.5, "unit": "percent"}, lang)))
    assert "2,024.5%" in shown


def test_tables_of_officials_and_figures_get_a_gloss_beside_the_sentence():
    officials = pd.DataFrame([HASHEMI, HAKOBYAN])
    shown = with_glosses(officials, "en")
    assert list(shown.columns)[-2:] == ["gloss", "sentence"]
    assert shown["gloss"].tolist() == [official_gloss(HASHEMI), official_gloss(HAKOBYAN)]
    table = display_table(shown, "fa")
    assert "به اختصار" in table.columns and table["به اختصار"].iloc[0] == official_gloss(HASHEMI, "en")  # marks kept
    figures = with_glosses(pd.DataFrame([TRADE]).drop(columns="sentence"), "ar")
    assert list(figures.columns)[-1] == "gloss"
    other = pd.DataFrame({"article_id": ["a"], "title": ["t"]})
    assert with_glosses(other, "en") is other
    assert with_glosses(officials.iloc[:0], "en").columns.tolist() == officials.columns.tolist()
