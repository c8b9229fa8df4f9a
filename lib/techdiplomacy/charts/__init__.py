"""The dashboard's charts: one function per chart, each returning a ``plotly.graph_objects.Figure``.

Charts take the small tidy aggregates the query layer counts over the filtered articles
(:mod:`techdiplomacy.warehouse.counts`) and never filter, query, read files or call Streamlit.
Every chart:

- draws exactly the aggregate it is given (the chart's "data.csv" is that frame);
- uses one template, a colour-blind-safe palette with pinned colours per country, sector and
  topic, and a font stack with Arabic and Persian glyphs (:mod:`techdiplomacy.charts.style`);
- labels in the UI language ``lang`` (en, ar, fa) via :mod:`techdiplomacy.i18n.labels`, right-to-left
  display strings wrapped in RLI ... PDI (never the data);
- returns a figure saying "No data for these filters" for an empty input;
- puts the keys of each mark in ``customdata`` (documented per function) and its own name in
  ``layout.meta["chart"]``.

The functions live in modules by noun (``countries``, ``sectors``, ``people``, ``topics``, ``cooperation``; the
shared look in ``style``); this package gathers them: ``charts.partner_map(...)``. May import:
``i18n``, ``reference``, ``schema``; never ``store``, ``warehouse`` or ``ui``.
"""

from techdiplomacy.charts.cooperation import cooperation_pipeline, cooperation_timeline
from techdiplomacy.charts.countries import articles_over_time, country_sector_heatmap, mentions_by_country, partner_map
from techdiplomacy.charts.people import figures_by_unit, officials_by_role, officials_network
from techdiplomacy.charts.sectors import partners_by_sector, sector_cooccurrence, sectors_by_count, sectors_over_time
from techdiplomacy.charts.style import FONT_FAMILY, PALETTE, TEMPLATE, colour_map, country_colour, empty_figure
from techdiplomacy.charts.topics import topic_map, topic_sizes, topics_over_time, topics_per_country

__all__ = [
    "FONT_FAMILY",
    "PALETTE",
    "TEMPLATE",
    "articles_over_time",
    "colour_map",
    "cooperation_pipeline",
    "cooperation_timeline",
    "country_colour",
    "country_sector_heatmap",
    "empty_figure",
    "figures_by_unit",
    "mentions_by_country",
    "officials_by_role",
    "officials_network",
    "partner_map",
    "partners_by_sector",
    "sector_cooccurrence",
    "sectors_by_count",
    "sectors_over_time",
    "topic_map",
    "topic_sizes",
    "topics_over_time",
    "topics_per_country",
]
