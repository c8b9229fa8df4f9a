"""Near-duplicate groups count once: every article-keyed table keeps the group's first article."""

from techdiplomacy import schema
from techdiplomacy.topics.duplicates import collapse_near_duplicates


def test_collapse_keeps_group_heads_and_other_articles():
    tables = {
        "articles": schema.conform("articles", [{"article_id": a} for a in ("a", "b", "c")]),
        "mentions": schema.conform("mentions", [{"article_id": a, "kind": "country", "key": "ARM"} for a in ("a", "b", "c")]),
        "near_duplicates": schema.conform("near_duplicates", [
            {"article_id": "a", "group_id": "a", "similarity": 1.0},
            {"article_id": "b", "group_id": "a", "similarity": 0.9},
        ]),
        "topics": schema.empty("topics"),
    }
    out = collapse_near_duplicates(tables)
    assert out["articles"]["article_id"].tolist() == ["a", "c"]
    assert out["mentions"]["article_id"].tolist() == ["a", "c"]
    assert len(out["near_duplicates"]) == 2


def test_collapse_without_groups_changes_nothing():
    tables = {"articles": schema.conform("articles", [{"article_id": "a"}]), "near_duplicates": schema.empty("near_duplicates")}
    assert collapse_near_duplicates(tables)["articles"].equals(tables["articles"])
