"""Tables on screen: names not keys, dates as dates, "—" for missing values, no ids."""

import pandas as pd
import pytest

from techdiplomacy.i18n.display import MISSING, display_table, unit_name


def test_people_show_names_roles_and_countries_not_keys():
    people = pd.DataFrame({
        "official": ["p:دونالدترامب", "sattar_hashemi"], "name": ["دونالد ترامب", "Sattar Hashemi"],
        "role": ["leader", "deputy_minister"], "country": ["USA", None], "n_articles": [66, 3],
        "article_ids": ["00ab2c13362ad7e6|00dbada56", "aa"],
    })
    shown = display_table(people, "en")
    assert list(shown.columns) == ["Name", "Role", "Country", "Articles"]
    assert shown.iloc[0].tolist() == ["دونالد ترامب", "Head of state or government", "United States", "66"]
    assert shown.iloc[1].tolist() == ["Sattar Hashemi", "Deputy minister", MISSING, "3"]
    arabic = display_table(people, "ar")
    assert list(arabic.columns) == ["الاسم", "المنصب", "البلد", "المقالات"]
    assert arabic.iloc[1]["المنصب"] == "نائب وزير"


def test_dates_are_dates_and_missing_values_a_dash():
    articles = pd.DataFrame({
        "article_id": ["a1", "a2"], "title": ["T", None],
        "published": pd.to_datetime(["2018-10-20", None]), "language": ["ar", "fa"],
    })
    shown = display_table(articles, "en")
    assert shown["Published"].tolist() == ["2018-10-20", MISSING]
    assert shown["Title"].tolist() == ["T", MISSING]
    assert shown["Language"].tolist() == ["Arabic", "Persian"]
    assert "article_id" not in shown.columns


def test_evidence_keys_are_named_by_their_kind_and_topics_by_label():
    evidence = pd.DataFrame({
        "article_id": ["a", "b", "c"], "title": ["x", "y", "z"], "kind": ["country", "sector", "official"],
        "key": ["IRN", "startups", "p:يوسفالشاهد"], "surface": ["إيران", "الشركات الناشئة", "يوسف الشاهد"],
        "sentence": ["s", "s", "s"],
    })
    shown = display_table(evidence, "en")
    assert shown["Name"].tolist() == ["Iran", "Startups and knowledge-based companies", "يوسف الشاهد"]
    assert shown["Kind"].tolist() == ["country", "sector", "official"]
    topics = display_table(pd.DataFrame({"topic_id": [0], "terms": ["a|b"], "sectors": ["startups|artificial_intelligence"]}), "en", topics={0: "a · b"})
    assert topics.iloc[0].tolist() == ["a · b", "a · b", "Startups and knowledge-based companies, Artificial intelligence"]


@pytest.mark.parametrize(("unit", "lang", "expected"), [
    ("USD", "en", "US Dollar"), ("percent", "fa", "درصد"), ("IQD", "ar", "دينار عراقي"), (None, "en", MISSING),
])
def test_unit_names(unit, lang, expected):
    assert unit_name(unit, lang) == expected
