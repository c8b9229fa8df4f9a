"""The golden extraction cases (tests/golden/{officials,figures,cooperation}_*.jsonl) as pytest params."""

import json
from pathlib import Path

import pytest

GOLDEN = Path(__file__).resolve().parent / "golden"


def golden_cases(field: str):
    """Yield one pytest param per golden case that has ``field`` (officials, figures or cooperation)."""
    for path in sorted(GOLDEN.glob("*.jsonl")):
        if path.name.startswith(("officials_", "figures_", "cooperation_")):
            for line in path.read_text(encoding="utf-8").splitlines():
                case = json.loads(line)
                if field in case:
                    yield pytest.param(case, id=case["id"])
