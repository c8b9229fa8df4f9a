"""Countries: partner map, country x sector heatmap (partners and fields from cooperation rows),
and the bilateral view of one partner."""

from techdiplomacy import charts
from techdiplomacy.ui import data
from techdiplomacy.ui.bilateral import bilateral_view, partner_source
from techdiplomacy.ui.page import evidence_panel, manifest, start
from techdiplomacy.ui.show import chart
from techdiplomacy.warehouse import counts as wc
from techdiplomacy.warehouse import partners as wp

filters = start("page_countries")
lang = filters.lang
countries, sectors = data.fallbacks("country"), data.fallbacks("sector")
partner_source(filters)
partners = data.get(wp.partner_counts, filters)
chart(charts.partner_map(partners, lang=lang, fallbacks=countries), key="map", filters=filters, data=partners, manifest=manifest(filters))
pairs = data.get(wp.partner_sector_counts, filters)
fig = charts.country_sector_heatmap(pairs, partners, data.get(wc.sector_counts, filters), lang=lang, country_fallbacks=countries, sector_fallbacks=sectors)
chart(fig, key="heatmap", filters=filters, data=pairs, manifest=manifest(filters))
evidence_panel(filters, key="countries")
bilateral_view(filters, partners, key="countries", say_source=False)  # said above the map
