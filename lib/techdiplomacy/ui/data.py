"""Cached access to the store for the pages; builds it on first run with a progress bar."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from techdiplomacy.settings import Settings
from techdiplomacy.store import build, load_tables


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


@st.cache_data(show_spinner=False)
def _tables(path: str, stamp: float) -> dict[str, pd.DataFrame]:
    return load_tables(path)


def tables() -> dict[str, pd.DataFrame]:
    """Return every table of the store (cached until the store file changes)."""
    path = ensure_store()
    return _tables(str(path), path.stat().st_mtime)
