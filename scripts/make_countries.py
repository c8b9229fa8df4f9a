"""Regenerate the CLDR name columns of data/reference/countries.csv from Babel.

    .venv/bin/python scripts/make_countries.py

One row per sovereign present-day country: the 193 UN member states, the two UN observer states
(Holy See = VAT, Palestine = PSE), Taiwan (TWN) and Kosovo (XKX). ``iso3``, ``iso2`` and the
CLDR short names ``name_en``/``name_ar``/``name_fa`` are rewritten; the hand-kept columns
(``aliases``, ``demonyms``, ``ambiguous_aliases``, ``exclusions``) are read back from the
existing file and kept as they are, so analysts' edits survive a Babel upgrade.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import babel
import babel.core
from babel import Locale

OUT = Path(__file__).resolve().parents[1] / "data" / "reference" / "countries.csv"
COLUMNS = ["iso3", "iso2", "name_en", "name_ar", "name_fa", "aliases", "demonyms", "ambiguous_aliases", "exclusions"]
HAND_COLUMNS = COLUMNS[5:]

#: ISO 3166-1 alpha-2 codes of the 193 UN member states.
UN_MEMBERS = """
AF AL DZ AD AO AG AR AM AU AT AZ BS BH BD BB BY BE BZ BJ BT BO BA BW BR BN BG BF BI CV KH CM CA
CF TD CL CN CO KM CG CD CR CI HR CU CY CZ DK DJ DM DO EC EG SV GQ ER EE SZ ET FJ FI FR GA GM GE
DE GH GR GD GT GN GW GY HT HN HU IS IN ID IR IQ IE IL IT JM JP JO KZ KE KI KP KR KW KG LA LV LB
LS LR LY LI LT LU MG MW MY MV ML MT MH MR MU MX FM MD MC MN ME MA MZ MM NA NR NP NL NZ NI NE NG
MK NO OM PK PW PA PG PY PE PH PL PT QA RO RU RW KN LC VC WS SM ST SA SN RS SC SL SG SK SI SB SO
ZA SS ES LK SD SR SE CH SY TJ TZ TH TL TG TO TT TN TR TM TV UG UA AE GB US UY UZ VU VE VN YE ZM
ZW
""".split()
#: UN observer states and two states with wide but partial recognition.
OTHER_STATES = ["VA", "PS", "TW", "XK"]
#: alpha-3 codes CLDR's alias table lacks.
ISO3_EXTRA = {"XK": "XKX"}
#: Withdrawn alpha-3 codes that CLDR still lists as aliases (Burma, East Germany, South Yemen,
#: Zaire, metropolitan France, East Timor): never the code of a present-day country.
ISO3_WITHDRAWN = {"BUR", "DDR", "YMD", "ZAR", "FXX", "TMP"}

#: CLDR quirks: names that are regions/compound labels in CLDR, replaced by the usual short name.
OVERRIDES = {
    "PS": {"en": "Palestine", "ar": "فلسطين", "fa": "فلسطین"},
    "CD": {"en": "DR Congo", "ar": "جمهورية الكونغو الديمقراطية", "fa": "جمهوری دموکراتیک کنگو"},
    "CG": {"en": "Republic of the Congo", "ar": "الكونغو", "fa": "کنگو"},
    "TL": {"ar": "تيمور الشرقية"},
}


def clean(name: str) -> str:
    """Return a CLDR name without its parenthetical variant and with '&' spelled out."""
    name = re.sub(r"\s*\([^)]*\)", "", name)
    name = name.replace(" & ", " and ").replace("’", "'")
    return " ".join(name.split())


def iso3_codes() -> dict[str, str]:
    """Return {alpha-2: alpha-3} from CLDR's territory alias table."""
    out = dict(ISO3_EXTRA)
    for code, targets in babel.core.get_global("territory_aliases").items():
        if len(code) == 3 and code.isalpha() and len(targets) == 1 and code not in ISO3_WITHDRAWN:
            out.setdefault(targets[0], code)
    return out


def read_hand_columns() -> dict[str, dict[str, str]]:
    """Return {iso3: {hand column: value}} from the existing CSV (empty if there is none)."""
    if not OUT.exists():
        return {}
    with OUT.open(encoding="utf-8", newline="") as handle:
        return {row["iso3"]: {c: row.get(c, "") for c in HAND_COLUMNS} for row in csv.DictReader(handle)}


def main() -> None:
    locales = {lang: Locale(lang) for lang in ("en", "ar", "fa")}
    iso3 = iso3_codes()
    hand = read_hand_columns()
    rows = []
    for iso2 in sorted(set(UN_MEMBERS) | set(OTHER_STATES)):
        row = {"iso3": iso3[iso2], "iso2": iso2}
        for lang, locale in locales.items():
            row[f"name_{lang}"] = OVERRIDES.get(iso2, {}).get(lang) or clean(locale.territories[iso2])
        row.update(hand.get(row["iso3"], {c: "" for c in HAND_COLUMNS}))
        rows.append(row)
    rows.sort(key=lambda r: r["iso3"])
    with OUT.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {len(rows)} countries to {OUT} (Babel {babel.__version__})")


if __name__ == "__main__":
    assert len(UN_MEMBERS) == 193, len(UN_MEMBERS)
    main()
