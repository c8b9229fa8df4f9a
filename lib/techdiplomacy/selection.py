"""From a chart selection to filters and to the evidence sentences behind it.

Charts put their keys in ``customdata`` and their name in ``layout.meta["chart"]``
(:mod:`techdiplomacy.charts`); a Streamlit selection event hands back the selected points with
that customdata. :func:`selection_filters` turns them into filter values, and
:func:`evidence` finds the sentences that make up a count.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

#: For each chart, which customdata position holds which filter field.
SELECTABLE: dict[str, dict[str, int]] = {
    "articles_over_time": {"countries": 0},
    "mentions_by_country": {"countries": 0},
    "partner_map": {"countries": 0},
    "partners_by_sector": {"countries": 0},
    "country_sector_heatmap": {"countries": 0, "sectors": 1},
    "sectors_by_count": {"sectors": 0},
    "sectors_over_time": {"sectors": 0},
    "sector_cooccurrence": {"sectors": 0},
    "officials_by_role": {"countries": 1},
    "officials_network": {"countries": 1},
    "topic_sizes": {"topics": 0},
    "topic_map": {"topics": 1},
    "topics_over_time": {"topics": 0},
    "topics_per_country": {"countries": 0, "topics": 1},
}
OTHER = "__other__"
EVIDENCE_COLUMNS = ["article_id", "title", "kind", "key", "surface", "sentence"]


def selection_filters(chart: str, points: Iterable[Mapping]) -> dict[str, tuple]:
    """Return {filter field: values} selected by ``points`` of ``chart`` (empty if none apply)."""
    fields = SELECTABLE.get(chart, {})
    out: dict[str, list] = {field: [] for field in fields}
    for point in points:
        data = point.get("customdata") if hasattr(point, "get") else None
        if not isinstance(data, (list, tuple)):
            continue
        for field, position in fields.items():
            if position >= len(data) or data[position] in (None, "", OTHER):
                continue
            value = data[position]
            if field == "topics":
                try:
                    value = int(value)
                except (TypeError, ValueError):
                    continue
            out[field].append(value if field == "topics" else str(value))
    return {field: tuple(dict.fromkeys(values)) for field, values in out.items() if values}


def evidence(
    tables: Mapping[str, pd.DataFrame],
    *,
    countries: Iterable[str] = (),
    sectors: Iterable[str] = (),
    official_ids: Iterable[str] = (),
    topics: Iterable[int] = (),
    limit: int = 500,
) -> pd.DataFrame:
    """Return one row per evidence sentence for the given keys: article_id, title, kind, key,
    surface, sentence. Countries match country mentions, places in them, and officials and
    figures of them; topics give their articles' passages."""
    countries, sectors = list(countries), list(sectors)
    official_ids, topics = list(official_ids), [int(t) for t in topics]
    parts = []
    mentions = tables["mentions"]
    if countries:
        hit = (mentions["kind"].eq("country") & mentions["key"].isin(countries)) | (
            mentions["kind"].eq("place") & mentions["country"].isin(countries)
        )
        parts.append(mentions.loc[hit.fillna(False), ["article_id", "kind", "key", "surface", "sentence"]])
        for name, kind, key in (("officials", "official", "name"), ("figures", "figure", "measure")):
            frame = tables[name]
            rows = frame.loc[frame["country"].isin(countries).fillna(False)]
            parts.append(pd.DataFrame({"article_id": rows["article_id"], "kind": kind, "key": rows[key], "surface": rows["surface"], "sentence": rows["sentence"]}))
    if sectors:
        hit = mentions["kind"].eq("sector") & mentions["key"].isin(sectors)
        parts.append(mentions.loc[hit.fillna(False), ["article_id", "kind", "key", "surface", "sentence"]])
    if official_ids:
        officials = tables["officials"]
        rows = officials.loc[officials["official_id"].isin(official_ids)]
        parts.append(pd.DataFrame({"article_id": rows["article_id"], "kind": "official", "key": rows["name"], "surface": rows["surface"], "sentence": rows["sentence"]}))
    if topics and "passage_topics" in tables:
        passages = tables["passage_topics"]
        rows = passages.loc[passages["topic_id"].isin(topics)].sort_values("weight", ascending=False).head(limit)
        text = tables["articles"].set_index("article_id")["text"]
        sentences = [
            str(text.get(a, ""))[int(s) : int(e)] for a, s, e in zip(rows["article_id"], rows["start"], rows["end"])
        ]
        parts.append(pd.DataFrame({"article_id": rows["article_id"], "kind": "topic", "key": rows["topic_id"].astype(str), "surface": "", "sentence": sentences}))
    if not parts:
        return pd.DataFrame(columns=EVIDENCE_COLUMNS)
    found = pd.concat([p for p in parts if not p.empty] or [parts[0]], ignore_index=True)
    titles = tables["articles"].set_index("article_id")["title"]
    found["title"] = found["article_id"].map(titles)
    found = found.drop_duplicates(["article_id", "kind", "key", "sentence"])
    return found[EVIDENCE_COLUMNS].head(limit).reset_index(drop=True)
