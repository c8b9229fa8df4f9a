"""The command line: JSON/CSV output, build and info, exit status."""

import json
from pathlib import Path

import pytest

from techdiplomacy.cli import main

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_DIR = ROOT / "data" / "articles"


def test_extract_csv_writes_one_file_per_table(tmp_path, capsys):
    assert main(["extract", str(SAMPLE_DIR), "--format", "csv", "--out", str(tmp_path)]) == 0
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["articles.csv", "cooperation.csv", "errors.csv", "figures.csv", "mentions.csv", "officials.csv"]
    assert (tmp_path / "mentions.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert "read 1 articles" in capsys.readouterr().err


def test_extract_exit_status_is_nonzero_only_when_nothing_read(tmp_path, capsys):
    (tmp_path / "bad.json").write_text("[", encoding="utf-8")
    assert main(["extract", str(tmp_path / "bad.json"), "--format", "json"]) == 1
    payload = json.loads(capsys.readouterr().out)
    assert payload["articles"] == [] and payload["errors"][0]["path"].endswith("bad.json")
    assert main(["extract", str(tmp_path / "bad.json"), str(SAMPLE_DIR), "--format", "json"]) == 0


def test_build_and_info(tmp_path, capsys):
    store = tmp_path / "s.duckdb"
    assert main(["build", str(SAMPLE_DIR), "--store", str(store)]) == 0
    err = capsys.readouterr().err
    assert '"added": 1' in err
    assert main(["info", "--store", str(store), "--format", "json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["schema_version"] == 1
    assert info["tables"]["articles"] == 1
    assert info["tables"]["mentions"] > 0


def test_info_without_store_fails_clearly(tmp_path, capsys):
    assert main(["info", "--store", str(tmp_path / "none.duckdb")]) == 1
    assert "no store" in capsys.readouterr().err


def test_map_names_an_exports_own_columns_on_extract_build_and_add(tmp_path, capsys):
    import gzip

    import pytest

    rows = "story_body,head_line\n\"Iran and Armenia signed an agreement on information technology in Tehran.\",IT deal\n"
    (tmp_path / "export.csv").write_text(rows, encoding="utf-8")
    assert main(["extract", str(tmp_path / "export.csv")]) == 1  # no known text column
    assert "no 'text' column" in json.loads(capsys.readouterr().out)["errors"][0]["error"]
    assert main(["extract", str(tmp_path / "export.csv"), "--map", "text=story_body,title=head_line"]) == 0
    (article,) = json.loads(capsys.readouterr().out)["articles"]
    assert article["title"] == "IT deal"
    line = json.dumps({"story_body": "Iran and Oman discussed satellite launches in Muscat.", "head_line": "Space"})
    (tmp_path / "more.jsonl.gz").write_bytes(gzip.compress(line.encode()))
    store = tmp_path / "s.duckdb"
    assert main(["build", str(tmp_path / "export.csv"), "--store", str(store), "--map", "text=story_body"]) == 0
    assert '"added": 1' in capsys.readouterr().err
    assert main(["add", str(tmp_path / "more.jsonl.gz"), "--store", str(store), "--map", "text=story_body,title=head_line"]) == 0
    assert "Space" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["extract", str(tmp_path / "export.csv"), "--map", "body"])
    assert "--map expects FIELD=COLUMN" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["build", "--map", "txt=story_body"])
    assert "unknown field 'txt'" in capsys.readouterr().err


def test_dashboard_command_names_the_store_and_port(tmp_path, monkeypatch):
    from techdiplomacy import cli

    calls = []
    monkeypatch.setattr(cli.subprocess, "call", lambda command, env, cwd: calls.append((command, env)) or 0)
    assert cli.main(["dashboard", "--store", str(tmp_path / "s.duckdb"), "--port", "8599"]) == 0
    command, env = calls[0]
    assert command[1:4] == ["-m", "streamlit", "run"] and command[4].endswith("dashboard.py")
    assert command[command.index("--server.port") + 1] == "8599"
    assert command[command.index("--server.address") + 1] == "127.0.0.1"
    assert env["TECHDIPLOMACY_STORE"] == str((tmp_path / "s.duckdb").resolve())


def test_dashboard_help_names_store_and_port(capsys):
    from techdiplomacy import cli

    with pytest.raises(SystemExit):
        cli.main(["dashboard", "--help"])
    out = capsys.readouterr().out
    assert "--store" in out and "--port" in out
