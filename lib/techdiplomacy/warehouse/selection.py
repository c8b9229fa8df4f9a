"""From a chart selection to filters and to the evidence sentences behind it.

Charts put their keys in ``customdata`` and their name in ``layout.meta["chart"]``
(:mod:`techdiplomacy.charts`); a Streamlit selection event hands back the selected points with
that customdata. :func:`selection_filters` turns them into filter values;
:func:`techdiplomacy.warehouse.rows.evidence` finds the sentences that make up a count.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from techdiplomacy.schema import OTHER_KEY

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


def selection_filters(chart: str, points: Iterable[Mapping]) -> dict[str, tuple]:
    """Return {filter field: values} selected by ``points`` of ``chart`` (empty if none apply)."""
    fields = SELECTABLE.get(chart, {})
    out: dict[str, list] = {field: [] for field in fields}
    for point in points:
        data = point.get("customdata") if hasattr(point, "get") else None
        if not isinstance(data, (list, tuple)):
            continue
        for field, position in fields.items():
            if position >= len(data) or data[position] in (None, "", OTHER_KEY):
                continue
            value = data[position]
            if field == "topics":
                try:
                    value = int(value)
                except (TypeError, ValueError):
                    continue
            out[field].append(value if field == "topics" else str(value))
    return {field: tuple(dict.fromkeys(values)) for field, values in out.items() if values}
