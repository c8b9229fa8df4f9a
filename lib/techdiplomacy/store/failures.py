"""What went wrong, in one line: the sentence the command line prints for a failure.

Every failure a command can meet (the store held by another writer, a full disk, a store that
is not one, a file that cannot be read, memory running out) becomes one line naming the store
or the file and saying what to do; the traceback is only for ``--debug``.
"""

from __future__ import annotations

import errno
from pathlib import Path

import duckdb

from techdiplomacy.store.integrity import StoreDamagedError, StoreMissingError, first_line, is_damage, remedy
from techdiplomacy.store.lock import StoreLockedError

#: What DuckDB and the OS write when a disk has no room left.
_FULL = ("no space left on device", "disk is full", "disk full", "not enough space")


def describe(exc: BaseException, store: str | Path | None) -> str:
    """Return one line for ``exc``, met while a command worked on the store at ``store`` (None:
    a command with no store): what failed, where, and what to do."""
    where = f"store {store}" if store is not None else "the command"
    message = first_line(exc)
    lowered = message.lower()
    if isinstance(exc, (StoreLockedError, StoreDamagedError, StoreMissingError)):
        return message
    if _is_full(exc, lowered):
        folder = Path(getattr(exc, "filename", None) or store or ".").parent
        return (f"{where}: the disk is full ({message}): free space on the disk holding {folder} or give "
                "--store on another disk, then run the command again; what was committed before is kept")
    if isinstance(exc, duckdb.Error):
        if "invalidated" in lowered or isinstance(exc, getattr(duckdb, "FatalException", ())):
            return (f"{where}: DuckDB stopped after a failed write ({message}): check the disk (space, "
                    "permissions), then run the command again; what was committed before is kept")
        if is_damage(message) or "wal file" in lowered:
            return f"{where} is damaged and cannot be read ({message}): {remedy(store or 'STORE')}"
        return (f"{where}: the database failed ({type(exc).__name__}: {message}): check the file is a "
                "techdiplomacy store, or build it again into a new file")
    if isinstance(exc, OSError):
        name = exc.filename or store or "a file"
        reason = exc.strerror or message
        if isinstance(exc, PermissionError):
            return f"{name}: permission denied: give this user access to it, or use another path"
        if isinstance(exc, FileNotFoundError):
            return f"{name}: no such file or folder: check the path"
        return f"{name}: {reason}: check the path and the disk, then run the command again"
    if isinstance(exc, MemoryError):
        return (f"{where}: out of memory: lower the batch_size or workers settings, or add fewer or smaller "
                "articles at a time (the limits max_article_chars and zip_max_bytes bound one item)")
    if isinstance(exc, (ValueError, RuntimeError)) and message:
        return f"{message} ({where})" if store is not None and str(store) not in message else message
    return f"unexpected {type(exc).__name__}: {message} ({where}); run it again with --debug for the traceback"


def _is_full(exc: BaseException, lowered: str) -> bool:
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return True
    return isinstance(exc, (duckdb.Error, OSError)) and any(sign in lowered for sign in _FULL)
