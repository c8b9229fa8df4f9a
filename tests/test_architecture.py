"""The architecture holds: packages named for the data flow, imports one way down, no circles.

The flow is ``readers/text -> extract -> tables -> store -> warehouse -> charts -> ui -> pages``
(README, "How the code is laid out"). :data:`ALLOWED` states, for every package and
cross-cutting module of ``lib/techdiplomacy/``, which others it may import; every import in the
library (function-level ones too) is checked against it.
"""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LIB = ROOT / "lib" / "techdiplomacy"

#: Imported by anything; import nothing of techdiplomacy themselves.
BASE = {"schema", "settings", "escape"}
#: For each part of the library (a package or a top-level module): what it may import besides
#: itself and :data:`BASE`.
ALLOWED = {
    "schema": set(),
    "settings": set(),
    "escape": set(),
    "text": set(),
    "reference": {"text"},
    "readers": {"text"},
    "extract": {"text", "reference"},
    "tables": {"readers", "text", "extract"},
    "executors": {"readers", "tables"},
    "topics": {"text"},
    "export": set(),
    "store": {"readers", "text", "tables", "executors", "topics", "export"},
    "i18n": {"reference"},
    "warehouse": {"store", "text", "i18n", "export", "reference"},
    "charts": {"i18n", "reference"},
    "ingest": {"readers", "text", "tables", "executors", "topics", "store"},
    "evaluate": {"text", "extract", "tables"},
    # the report counts with the dashboard's own queries, so the two never disagree
    "report": {"reference", "i18n", "warehouse"},
    "cli": {"readers", "text", "tables", "topics", "store", "export", "ingest", "evaluate", "report", "reference", "i18n"},
    "ui": {"readers", "text", "reference", "tables", "topics", "store", "export", "i18n", "warehouse", "charts",
           "ingest"},
    "__main__": {"cli"},
    "__init__": set(),
}
#: The only modules at the top level of the library: the cross-cutting ones.
TOP_LEVEL = {"__init__", "__main__", "cli", "schema", "settings", "escape", "reference", "tables", "executors", "export",
             "evaluate", "report"}
MAX_LINES = 450


def _modules() -> dict[str, Path]:
    """{dotted module name: path} of every module of the library."""
    out = {}
    for path in LIB.rglob("*.py"):
        parts = list(path.relative_to(LIB).with_suffix("").parts)
        if parts[-1] == "__init__" and len(parts) > 1:
            parts = parts[:-1]
        out[".".join(["techdiplomacy", *parts])] = path
    return out


MODULES = _modules()


def _imported(path: Path) -> set[str]:
    """The techdiplomacy modules ``path`` imports, anywhere in it (a name imported from a
    package that is a module of its own counts as that module)."""
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.split(".")[0] == "techdiplomacy")
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "techdiplomacy":
            for alias in node.names:
                sub = f"{node.module}.{alias.name}"
                out.add(sub if sub in MODULES else node.module)
    return out


def _part(module: str) -> str:
    """The package or top-level module ``techdiplomacy.x...`` belongs to: ``x``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _third_party(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_every_part_of_the_library_has_its_rule():
    parts = {_part(m) for m in MODULES}
    assert parts == set(ALLOWED), "add the new package to ALLOWED (and to the README's picture)"


def test_imports_go_one_way_down():
    offenders = []
    for module, path in MODULES.items():
        source = _part(module)
        for target in _imported(path):
            goal = _part(target)
            if goal != source and goal not in BASE and goal not in ALLOWED[source]:
                offenders.append(f"{path.relative_to(ROOT)} imports {target} ({source} may not import {goal})")
    assert offenders == []


def test_the_rules_themselves_point_down():
    """The allowed directions have no circle either: the flow is one way."""
    seen: dict[str, int] = {}

    def visit(part: str, stack: tuple[str, ...]) -> None:
        assert part not in stack, " -> ".join((*stack, part))
        if seen.get(part):
            return
        for goal in ALLOWED[part] | (BASE - {part} if part not in BASE else set()):
            visit(goal, (*stack, part))
        seen[part] = 1

    for part in ALLOWED:
        visit(part, ())


def _circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one node (Tarjan): the import circles."""
    index, low, on_stack, stack, circles = {}, {}, set(), [], []

    def strongconnect(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                strongconnect(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                circles.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            strongconnect(v)
    return circles


def test_no_import_circle_between_modules():
    graph = {m: {t for t in _imported(p) if t in MODULES and t != m} for m, p in MODULES.items()}
    assert _circles(graph) == []


def test_the_circle_check_finds_circles(tmp_path):
    """The check above is no formality: a lazy import back is an edge, and circles are found."""
    lazy = tmp_path / "lazy.py"
    lazy.write_text("def f():\n    from techdiplomacy.extract import places\n")
    assert _imported(lazy) == {"techdiplomacy.extract.places"}
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": {"e"}}
    assert _circles(graph) == [["a", "b", "c"]]
    assert _circles({"a": {"b"}, "b": set()}) == []


def test_streamlit_is_imported_only_in_ui():
    offenders = [
        str(p.relative_to(ROOT))
        for p in LIB.rglob("*.py")
        if "ui" not in p.relative_to(LIB).parts and "streamlit" in _third_party(p)
    ]
    assert offenders == []


def test_nothing_in_the_library_imports_ui_but_ui():
    offenders = [
        f"{p.relative_to(ROOT)} imports {t}"
        for m, p in MODULES.items()
        for t in _imported(p)
        if _part(t) == "ui" and _part(m) != "ui"
    ]
    assert offenders == []


def test_lib_never_imports_pages_or_dashboard():
    offenders = [str(p.relative_to(ROOT)) for p in LIB.rglob("*.py") if {"pages", "dashboard"} & _third_party(p)]
    assert offenders == []


def test_only_cross_cutting_modules_sit_at_the_top_level():
    top = {p.stem for p in LIB.glob("*.py")}
    assert top <= TOP_LEVEL, f"move {sorted(top - TOP_LEVEL)} into the package of its noun"


def test_no_file_name_carries_its_package_or_another_as_a_prefix():
    packages = {p.name for p in LIB.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    offenders = [
        str(p.relative_to(ROOT))
        for p in LIB.rglob("*.py")
        if any(re.match(rf"{re.escape(pkg)}_", p.stem) for pkg in packages | {p.parent.name})
    ]
    assert offenders == []


def test_no_module_is_too_long():
    long = {
        str(p.relative_to(ROOT)): n
        for p in LIB.rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}, f"split by noun: {long}"


@pytest.mark.parametrize("package", sorted(p.name for p in LIB.iterdir() if (p / "__init__.py").exists()))
def test_every_package_says_what_lives_there_and_what_it_may_import(package):
    doc = ast.get_docstring(ast.parse((LIB / package / "__init__.py").read_text(encoding="utf-8")))
    assert doc, f"{package}/__init__.py needs a docstring"
    modules = {p.stem for p in (LIB / package).glob("*.py")} - {"__init__"}
    missing = [m for m in modules if f"``{m}``" not in doc]
    assert missing == [], f"{package}/__init__.py does not name {missing}"
    assert "May import" in doc or "may import" in doc


def test_pages_are_thin():
    long_pages = [p.name for p in (ROOT / "pages").glob("*.py") if len(p.read_text(encoding="utf-8").splitlines()) > 150]
    assert long_pages == []


def test_pages_import_the_library_only_through_its_packages():
    """Pages may import any package of the library (ui included), never a module that is not in it."""
    for page in (ROOT / "pages").glob("*.py"):
        for target in _imported(page):
            assert target in MODULES, f"{page.name} imports {target}, which does not exist"
