"""The architecture holds: streamlit only in ui/, pages thin, no module imports a page."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIB = ROOT / "lib" / "techdiplomacy"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_streamlit_is_imported_only_in_ui():
    offenders = [
        str(p.relative_to(ROOT))
        for p in LIB.rglob("*.py")
        if "ui" not in p.relative_to(LIB).parts and "streamlit" in _imports(p)
    ]
    assert offenders == []


def test_lib_never_imports_pages_or_dashboard():
    offenders = [str(p.relative_to(ROOT)) for p in LIB.rglob("*.py") if {"pages", "dashboard"} & _imports(p)]
    assert offenders == []


def test_pages_are_thin():
    long_pages = [p.name for p in (ROOT / "pages").glob("*.py") if len(p.read_text(encoding="utf-8").splitlines()) > 150]
    assert long_pages == []
