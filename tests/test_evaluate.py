"""Scoring extractors against gold JSON Lines files."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from techdiplomacy import evaluate

ROOT = Path(__file__).resolve().parents[1]


def _write(folder: Path, lines: list[dict], name: str = "gold.jsonl") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n", encoding="utf-8")
    return folder


def _row(table, extractor, field):
    return table[(table.extractor == extractor) & (table.field == field)].iloc[0]


def test_perfect_score(tmp_path):
    folder = _write(tmp_path, [{
        "text": "وقال وزير الاتصالات الإيراني ستار هاشمي إن 25 بالمئة من الشركات الناشئة تعمل في مجال الاتصالات.",
        "language": "ar",
        "officials": [{"name": "ستار هاشمي", "role": "minister", "country": "IRN"}],
        "figures": [{"value": 25, "unit": "percent"}],
    }])
    table = evaluate.evaluate(folder)
    assert list(table.columns) == evaluate.COLUMNS
    for extractor, field in (("officials", "name+role+country"), ("figures", "value+unit")):
        row = _row(table, extractor, field)
        assert (row.precision, row.recall, row.f1, row.n_gold, row.n_pred) == (1.0, 1.0, 1.0, 1, 1)
    # countries and sectors were not annotated: nothing counted
    row = _row(table, "countries", "iso3")
    assert (row.n_gold, row.n_pred) == (0, 0)


def test_partial_match_and_field_levels():
    records = [{"text": "", "language": "en",
                "officials": [{"name": "Sattar Hashemi", "role": "minister", "country": "IRN"},
                              {"name": "Grigor Hakobyan", "role": "ambassador", "country": "ARM"}],
                "figures": [{"value": 25, "unit": "percent"}, {"value": 100, "unit": "count"}]}]
    predictions = [{
        "officials": [{"name": "Sattar Hashemi", "role": "minister", "country": "IRN"},
                      {"name": "Sattar Hashemi", "role": "minister", "country": "IRN"},  # a second mention
                      {"name": "Grigor Hakobyan", "role": "ambassador", "country": "IRN"}],
        "figures": [{"value": 25.0, "unit": "percent"}, {"value": 100.0, "unit": "USD"}, {"value": 2024, "unit": "count"}],
        "countries": [], "sectors": [],
    }]
    table = evaluate.score(records, predictions)
    full = _row(table, "officials", "name+role+country")
    assert (full.precision, full.recall, full.n_pred) == (0.5, 0.5, 2)
    assert _row(table, "officials", "name+role").f1 == 1.0
    figures = _row(table, "figures", "value+unit")
    assert (figures.precision, figures.recall) == (pytest.approx(1 / 3), 0.5)
    assert _row(table, "figures", "value").recall == 1.0


def test_empty_list_means_none_expected():
    records = [{"text": "", "language": "en", "figures": []}]
    predictions = [{"officials": [], "figures": [{"value": 5.0, "unit": "count"}], "countries": [], "sectors": []}]
    row = _row(evaluate.score(records, predictions), "figures", "value+unit")
    assert (row.precision, row.n_gold, row.n_pred) == (0.0, 0, 1)


@pytest.mark.parametrize("a, b", [("عیسی زارع‌پور", "عيسى زارع پور"), ("زارعپور", "زارع پور"), ("Isa  Zarepour", "isa zarepour")])
def test_name_key_folds_spelling(a, b):
    assert evaluate.name_key(a) == evaluate.name_key(b)


def test_by_language(tmp_path):
    folder = _write(tmp_path, [
        {"text": "More than 100 Iranian companies attended.", "language": "en", "figures": [{"value": 100, "unit": "count"}]},
        {"text": "بیش از ۱۰۰ شرکت ایرانی حضور داشتند.", "language": "fa", "figures": [{"value": 100, "unit": "count"}]},
    ])
    table = evaluate.evaluate(folder, by_language=True)
    assert list(table.columns) == ["language", *evaluate.COLUMNS]
    assert set(table.language) == {"all", "en", "fa"}


def test_bad_line_is_reported(tmp_path):
    (tmp_path / "bad.jsonl").write_text('{"language": "en"}\n', encoding="utf-8")
    with pytest.raises(ValueError, match="bad.jsonl:1"):
        evaluate.read_gold(tmp_path)


def test_golden_files_meet_the_bar():
    table = evaluate.evaluate(ROOT / "tests" / "golden", by_language=True)
    headline = table[table.field.isin(["name+role+country", "value+unit"])]
    assert (headline.f1 >= 0.9).all(), headline.to_string()


def test_module_prints_table(tmp_path):
    folder = _write(tmp_path, [{"text": "Iraq has 40 million internet users.", "language": "en",
                                "figures": [{"value": 4e7, "unit": "count"}]}])
    done = subprocess.run([sys.executable, "-m", "techdiplomacy.evaluate", str(folder)],
                          capture_output=True, text=True, check=True, cwd=ROOT,
                          env={"PYTHONPATH": str(ROOT / "lib"), "PATH": "/usr/bin:/bin"})
    assert "value+unit" in done.stdout and "precision" in done.stdout


def test_evaluate_on_no_gold_is_an_error_not_a_perfect_score(tmp_path, capsys):
    from techdiplomacy import cli

    assert cli.main(["evaluate", str(tmp_path)]) == 1
    assert "no gold records" in capsys.readouterr().err
    assert cli.main(["evaluate", str(tmp_path / "missing")]) == 1


def test_cooperation_is_matched_on_partners_and_stage_then_instrument_and_sectors():
    gold = [{"partners": ["ARM"], "stage": "discussed", "sectors": ["space", "post"], "instrument": "none"},
            {"partners": ["ARM"], "stage": "proposed", "sectors": [], "instrument": "joint_committee"},
            {"partners": ["IRQ", "SYR"], "stage": "signed", "sectors": [], "instrument": "mou"}]
    predicted = [{"partners": "ARM", "stage": "discussed", "sectors": "space", "instrument": "none"},
                 {"partners": "ARM", "stage": "agreed", "sectors": "", "instrument": "joint_committee"},
                 {"partners": "SYR|IRQ", "stage": "signed", "sectors": "", "instrument": "agreement"},
                 {"partners": "TUR", "stage": "signed", "sectors": "", "instrument": "mou"}]
    got = evaluate.match_cooperation(gold, predicted)
    assert got["partners+stage"] == (2, 3, 4)
    assert got["partners"] == (3, 3, 4)
    assert got["stage|partners"] == (2, 3, 3)
    assert got["instrument|match"] == (1, 2, 2)
    assert got["sectors|match"] == (1, 2, 1)
    table = evaluate.score([{"text": "", "language": "en", "cooperation": gold}], [{"cooperation": predicted}])
    row = table[(table.extractor == "cooperation") & (table.field == "partners+stage")].iloc[0]
    assert (row.precision, row.recall) == (0.5, 2 / 3)
