"""Tunables, in one frozen dataclass: each has a default and a one-line help."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field, fields
from pathlib import Path

#: The repository (or installed project) root: ``lib/techdiplomacy`` lives two levels below.
PROJECT_ROOT = Path(__file__).resolve().parents[2]


def _env_path(name: str, default: Path) -> Path:
    value = os.environ.get(name)
    return Path(value) if value else default


@dataclass(frozen=True)
class Settings:
    """Where things live and how much work a run may do."""

    data_dir: Path = field(
        default_factory=lambda: _env_path("TECHDIPLOMACY_DATA", PROJECT_ROOT / "data" / "articles"),
        metadata={"help": "folder of articles read by `build` when no folder is given"},
    )
    store_path: Path = field(
        default_factory=lambda: _env_path("TECHDIPLOMACY_STORE", PROJECT_ROOT / "data" / "techdiplomacy.duckdb"),
        metadata={"help": "the embedded DuckDB store"},
    )
    max_file_bytes: int = field(
        default=20_000_000,
        metadata={"help": "largest file read whole (a text, page, feed or JSON object); JSONL, CSV, JSON lists stream"},
    )
    max_record_bytes: int = field(
        default=5_000_000,
        metadata={"help": "largest JSONL line or CSV row read as one article; larger ones are rejected by line"},
    )
    max_upload_mb: int = field(
        default=200,
        metadata={"help": "largest file the Add page accepts, in MB; .streamlit/config.toml server.maxUploadSize matches"},
    )
    zip_max_members: int = field(default=2_000, metadata={"help": "a zip of more files is refused"})
    zip_max_bytes: int = field(
        default=200_000_000, metadata={"help": "bytes read from one zip, counted as they decompress"}
    )
    max_article_chars: int = field(
        default=500_000,
        metadata={"help": "longer article texts are one error each, not extracted (bounds memory per article)"},
    )
    max_sentence_chars: int = field(
        default=1_000,
        metadata={"help": "evidence sentences longer than this are stored as a window of it around the span"},
    )
    batch_size: int = field(default=500, metadata={"help": "articles extracted and committed per transaction"})
    workers: int = field(
        default_factory=lambda: int(os.environ.get("TECHDIPLOMACY_WORKERS", "0")),
        metadata={"help": "extraction processes for large builds (0: one per core)"},
    )
    topics_k: int | None = field(default=None, metadata={"help": "number of topics; None chooses it automatically"})
    thread_window_days: int = field(
        default=365, metadata={"help": "days within which cooperation rows of the same partners continue one thread"}
    )
    random_state: int = field(default=0, metadata={"help": "seed of every random step (topics)"})
    lock_wait: float = field(
        default_factory=lambda: float(os.environ.get("TECHDIPLOMACY_LOCK_WAIT", "60")),
        metadata={"help": "seconds a writer waits for another writer (or running queries) before giving up"},
    )
    name_tagger: bool = field(
        default_factory=lambda: os.environ.get("TECHDIPLOMACY_NAME_TAGGER", "0") == "1",
        metadata={"help": "let the person-name CRF revise the names the officials rules find (ar; fa when its model is present)"},
    )
    fetch_timeout: float = field(default=15.0, metadata={"help": "seconds before a web request gives up"})
    fetch_max_bytes: int = field(default=5_000_000, metadata={"help": "largest web response read"})
    fetch_max_redirects: int = field(default=5, metadata={"help": "redirects followed per request"})
    fetch_allow_private: bool = field(
        default_factory=lambda: os.environ.get("TECHDIPLOMACY_ALLOW_PRIVATE", "") == "1",
        metadata={"help": "allow requests to loopback/private addresses (off: a shared server cannot probe its network)"},
    )
    user_agent: str = field(
        default="techdiplomacy/0.1 (+https://github.com/techdiplomacy/techdiplomacy; news research)",
        metadata={"help": "User-Agent sent with every request"},
    )

    @classmethod
    def help(cls) -> dict[str, str]:
        """Return {setting: one-line help}."""
        return {f.name: f.metadata.get("help", "") for f in fields(cls)}


def dashboard_command(store: str | None, port: int, address: str) -> tuple[list[str], dict[str, str]]:
    """Return the command line and environment that start the dashboard on ``store``."""
    app = PROJECT_ROOT / "dashboard.py"
    command = [
        sys.executable, "-m", "streamlit", "run", str(app), "--server.port", str(port),
        "--server.address", address, "--browser.gatherUsageStats", "false",
    ]
    env = dict(os.environ)
    if store:
        env["TECHDIPLOMACY_STORE"] = str(Path(store).resolve())
    return command, env
