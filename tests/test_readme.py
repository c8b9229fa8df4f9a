"""The README's two set-up commands are the ones CI proves."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_screen = readme.split("\n## ", 1)[0]
    return re.findall(r"```(?:bash|sh)\n(.+?)\n```", first_screen, flags=re.S)


def test_readme_first_screen_has_exactly_two_commands():
    commands = _commands()
    assert len(commands) == 2
    assert "streamlit run dashboard.py" in commands[0]
    assert "pytest" in commands[1]


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    test_command = _commands()[1].strip()
    # CI may add quiet flags; the command itself must be the README's.
    normalised_ci = ci.replace(" -q", "")
    assert test_command in normalised_ci
