"""Every reference CSV: unique ids, aliases that normalise to something; countries, places, sectors."""

import csv
import re
from pathlib import Path

import pytest
from babel import Locale

from techdiplomacy import reference
from techdiplomacy.extract.sectors import SECTORS
from techdiplomacy.text.normalisation import normalise

CSV_FILES = sorted(reference.reference_dir().glob("*.csv"))
ALIAS_COLUMNS = ("name_en", "name_ar", "name_fa", "aliases", "demonyms", "ambiguous_aliases", "exclusions")


def test_every_known_table_is_there():
    names = {path.stem for path in CSV_FILES}
    assert {"countries", "places", "sectors"} <= names


@pytest.mark.parametrize("path", CSV_FILES, ids=lambda p: p.name)
def test_ids_unique_and_aliases_normalise(path: Path):
    table = reference.load(path.stem)
    id_column = reference.ID_COLUMNS.get(path.stem, table.columns[0])
    assert id_column in table.columns
    ids = table[id_column]
    assert (ids != "").all(), f"{path.name}: empty id"
    assert ids.is_unique, f"{path.name}: duplicate ids {sorted(ids[ids.duplicated()])}"
    for record in table.to_dict("records"):
        for column in ALIAS_COLUMNS:
            for alias in reference.split_aliases(record.get(column, "")):
                alias = alias.split("@")[0] if column == "ambiguous_aliases" else alias
                assert " ".join(normalise(alias).split()), f"{path.name} {record[id_column]} {column}: {alias!r}"


@pytest.mark.parametrize("path", CSV_FILES, ids=lambda p: p.name)
def test_csv_is_plain_utf8_with_a_header(path: Path):
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    width = len(rows[0])
    assert all(len(row) == width for row in rows), path.name


def test_countries_codes():
    countries = reference.load("countries")
    assert countries["iso3"].is_unique and countries["iso2"].is_unique
    assert countries["iso3"].str.fullmatch(r"[A-Z]{3}").all()
    assert countries["iso2"].str.fullmatch(r"[A-Z]{2}").all()
    assert len(countries) >= 195
    for column in ("name_en", "name_ar", "name_fa"):
        assert (countries[column] != "").all(), column
    by_iso3 = countries.set_index("iso3")
    assert by_iso3.loc["PSE", "name_en"] == "Palestine"
    assert by_iso3.loc["TUR", "name_en"] == "Türkiye"
    assert by_iso3.loc["ARM", "name_ar"] == Locale("ar").territories["AM"]
    # regions, blocs and historical states are not countries
    assert not {"SUN", "YUG", "EUE", "HKG", "PRI"} & set(countries["iso3"])


def test_country_aliases_do_not_name_two_countries():
    seen: dict[str, str] = {}
    clashes = []
    for record in reference.load("countries").to_dict("records"):
        for column in ("name_en", "name_ar", "name_fa", "aliases", "demonyms"):
            for alias in reference.split_aliases(record[column]):
                norm = " ".join(normalise(alias).split())
                if seen.setdefault(norm, record["iso3"]) != record["iso3"]:
                    clashes.append((alias, seen[norm], record["iso3"]))
    assert clashes == []


def test_ambiguous_aliases_are_aliases():
    for name in ("countries", "places"):
        for record in reference.load(name).to_dict("records"):
            names = {
                " ".join(normalise(a).split())
                for column in ("name_en", "name_ar", "name_fa", "aliases")
                for a in reference.split_aliases(record[column])
            }
            for item in reference.split_aliases(record["ambiguous_aliases"]):
                alias, _, lang = item.partition("@")
                assert " ".join(normalise(alias).split()) in names, (name, alias)
                assert lang in ("", "ar", "fa", "en")


def test_places_belong_to_countries():
    iso3 = set(reference.load("countries")["iso3"])
    places = reference.load("places")
    assert places["place"].str.fullmatch(r"[a-z][a-z0-9_]*").all()
    assert set(places["country"]) <= iso3
    assert {"tehran", "yerevan", "baku", "dubai", "east_azarbaijan", "amman"} <= set(places["place"])


def test_sectors_are_the_sixteen_fixed_ids():
    sectors = reference.load("sectors")
    assert list(sectors["sector"]) == list(SECTORS)
    assert len(SECTORS) == 16
    assert (sectors["aliases"] != "").all()


def test_make_countries_keeps_hand_columns(tmp_path, monkeypatch):
    """Regenerating from Babel rewrites the CLDR columns and keeps the hand-kept ones."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_countries", Path(__file__).resolve().parents[1] / "scripts" / "make_countries.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = tmp_path / "countries.csv"
    original = (reference.reference_dir() / "countries.csv").read_text(encoding="utf-8")
    out.write_text(re.sub(r"(?m)^ARM,AM,Armenia,", "ARM,AM,Armenia-old,", original), encoding="utf-8")
    monkeypatch.setattr(module, "OUT", out)
    module.main()
    assert out.read_text(encoding="utf-8") == original
