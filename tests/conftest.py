"""Test-run wiring: the browser tests and the tests on the real ANT store run in one xdist
worker (``--dist loadgroup``), so the dashboard servers and the ANT store are built once."""

from __future__ import annotations

import pytest

SHARED = ("tests/e2e/", "tests/test_page_cooperation_ant.py")


def pytest_collection_modifyitems(config, items):
    for item in items:
        path = item.nodeid.replace("\\", "/")
        if any(path.startswith(prefix) or f"/{prefix}" in path for prefix in SHARED):
            item.add_marker(pytest.mark.xdist_group("browser"))
