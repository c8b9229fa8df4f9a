"""Cached access to the store for the pages; builds it on first run with a progress bar."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from techdiplomacy.dedup import collapse_near_duplicates
from techdiplomacy.filters import Filters, search_text
from techdiplomacy.settings import Settings
from techdiplomacy.store import Store, build, load_tables, writing


def settings() -> Settings:
    """Return the app's settings (environment variables may point at another store/corpus)."""
    return Settings()


def ensure_store() -> Path:
    """Return the store path, building it from the corpus folder first if it does not exist."""
    config = settings()
    if not config.store_path.exists():
        bar = st.progress(0.0, text="Building the store from the shipped articles…")

        def progress(stage: str, done: int, total: int | None) -> None:
            fraction = done / total if total else 0.5
            bar.progress(min(fraction, 1.0), text=f"{stage}: {done}")

        build([config.data_dir], config.store_path, progress=progress)
        bar.empty()
    return config.store_path


def _stamp(path: Path) -> float:
    wal = Path(str(path) + ".wal")
    return max(path.stat().st_mtime, wal.stat().st_mtime if wal.exists() else 0.0)


# Tables are shared read-only between sessions (cache_resource: no copy per call, which for
# large corpora costs more than the page itself); no page modifies a frame in place.
@st.cache_resource(show_spinner=False, max_entries=2)
def _raw(path: str, stamp: float) -> tuple[dict[str, pd.DataFrame], str]:
    tables = load_tables(path)
    with writing(path), Store(path, read_only=True) as store:
        version = store.get_meta("corpus_version") or ""
    return tables, version


@st.cache_resource(show_spinner=False, max_entries=2)
def _tables(path: str, stamp: float) -> tuple[dict[str, pd.DataFrame], pd.Series, dict]:
    raw, _ = _raw(path, stamp)
    tables = collapse_near_duplicates(raw)
    return tables, search_text(tables["articles"]), Filters.options(tables)


def _key() -> tuple[str, float]:
    path = ensure_store()
    return str(path), _stamp(path)


def tables() -> dict[str, pd.DataFrame]:
    """Return every table, each near-duplicate group counted once (cached until the store changes)."""
    return _tables(*_key())[0]


def options() -> dict:
    """Return the values the sidebar widgets offer (:meth:`Filters.options` of :func:`tables`)."""
    return _tables(*_key())[2]


def all_tables() -> dict[str, pd.DataFrame]:
    """Return every table with every stored article, near-duplicates included."""
    return _raw(*_key())[0]


def corpus_version() -> str:
    """Return the store's corpus version (changes whenever articles are added or removed)."""
    return _raw(*_key())[1]


@st.cache_resource(show_spinner=False, max_entries=32)
def _filtered(path: str, stamp: float, query: tuple) -> dict[str, pd.DataFrame]:
    data, search, _ = _tables(path, stamp)
    return Filters.from_query(dict(query)).apply(data, search=search)


def filtered(filters: Filters) -> dict[str, pd.DataFrame]:
    """Return every table restricted by ``filters`` (cached per filter state)."""
    query = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in filters.to_query().items()))
    return _filtered(*_key(), query)


def clear() -> None:
    """Forget cached tables (after an add)."""
    _raw.clear()
    _tables.clear()
    _filtered.clear()
