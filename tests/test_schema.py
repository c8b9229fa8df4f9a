"""schema: every table declared once; conform gives exact columns and dtypes."""

import pandas as pd
import pytest

from techdiplomacy import schema


@pytest.mark.parametrize("table", list(schema.TABLES))
def test_empty_has_schema_columns(table):
    frame = schema.empty(table)
    assert list(frame.columns) == schema.columns(table)
    assert [str(t) for t in frame.dtypes] == [str(pd.Series(dtype=t).dtype) for t in schema.TABLES[table].values()]


def test_conform_orders_columns_and_fills_missing():
    frame = schema.conform("figures", [{"value": 25, "unit": "percent", "article_id": "a"}])
    assert list(frame.columns) == schema.columns("figures")
    assert frame.loc[0, "value"] == 25.0
    assert pd.isna(frame.loc[0, "country"])


def test_conform_rejects_unknown_columns():
    with pytest.raises(KeyError, match="unknown columns"):
        schema.conform("mentions", [{"article_id": "a", "kind": "country", "oops": 1}])


def test_conform_parses_dates():
    frame = schema.conform("articles", [{"article_id": "a", "published": "2024-08-12"}, {"article_id": "b"}])
    assert frame.loc[0, "published"] == pd.Timestamp("2024-08-12")
    assert pd.isna(frame.loc[1, "published"])


def test_conform_parses_mixed_iso_dates_each_on_its_own():
    frame = schema.conform("articles", [{"published": "2024-01-15"}, {"published": "2024-12-31 18:30"}, {"published": "nonsense"}])
    assert frame["published"].tolist()[:2] == [pd.Timestamp("2024-01-15"), pd.Timestamp("2024-12-31 18:30")]
    assert pd.isna(frame.loc[2, "published"])
