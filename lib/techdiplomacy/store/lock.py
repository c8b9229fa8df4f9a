"""The store's writer lock: one writer at a time, readers never beside a writer.

Every program that writes a store (``build``, ``add``, ``import``, ``feeds``, the dashboard's
Add page) holds :func:`writing` for the whole of its write: an exclusive ``flock`` on the file
``STORE.lock`` beside the store (plus a thread lock, so two sessions of one dashboard queue
too). Readers hold :func:`reading`, a shared ``flock`` on the same file, only while they query:
a writer waits at most for the queries running when it asks, and a reader that finds a writer
at work is told so at once (:class:`StoreLockedError`) instead of waiting on DuckDB's own lock.

DuckDB's file lock still guards against programs that know nothing of this one (a DuckDB shell
holding the file): :class:`~techdiplomacy.store.database.Store` waits for it as before.
"""

from __future__ import annotations

import fcntl
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from techdiplomacy.settings import Settings

_THREADS: dict[str, threading.Lock] = {}
_THREADS_GUARD = threading.Lock()
_POLL = 0.05


class StoreLockedError(RuntimeError):
    """The store is held by another writer for longer than the wait allowed."""


def lock_path(path: str | Path) -> Path:
    """Return the lock file of the store at ``path`` (``STORE.lock``, beside it)."""
    return Path(str(Path(path).resolve()) + ".lock")


def _flock(path: str | Path, mode: int, wait_seconds: float) -> int:
    """Return an open descriptor of the lock file holding ``mode``; raise StoreLockedError
    when it is not granted within ``wait_seconds``."""
    target = lock_path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(target, os.O_RDWR | os.O_CREAT, 0o644)
    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            fcntl.flock(fd, mode | fcntl.LOCK_NB)
            return fd
        except BlockingIOError:
            if time.monotonic() >= deadline:
                holder = _holder(fd)
                os.close(fd)
                raise StoreLockedError(
                    f"store {Path(path)} is being written by another program{holder}: "
                    "try again when it has finished"
                ) from None
            time.sleep(_POLL)


def _holder(fd: int) -> str:
    try:
        pid = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        return ""
    return f" (process {pid})" if pid.isdigit() else ""


@contextmanager
def writing(path: str | Path, *, wait_seconds: float | None = None) -> Iterator[None]:
    """Hold the store's writer lock (waiting up to ``wait_seconds``, by default
    ``Settings.lock_wait``, for another writer or for the readers' running queries); raise
    :class:`StoreLockedError` past the wait."""
    wait_seconds = Settings().lock_wait if wait_seconds is None else wait_seconds
    key = str(Path(path).resolve())
    with _THREADS_GUARD:
        thread_lock = _THREADS.setdefault(key, threading.Lock())
    if not thread_lock.acquire(timeout=max(wait_seconds, 0.001)):
        raise StoreLockedError(f"store {Path(path)} is being written by this program: try again when it has finished")
    try:
        fd = _flock(path, fcntl.LOCK_EX, wait_seconds)
        try:
            os.ftruncate(fd, 0)
            os.pwrite(fd, str(os.getpid()).encode(), 0)  # named in the message another writer gets
            yield
        finally:
            os.close(fd)  # closing the descriptor releases the flock
    finally:
        thread_lock.release()


@contextmanager
def reading(path: str | Path, *, wait_seconds: float = 0.0) -> Iterator[None]:
    """Hold a reader's share of the lock while querying the store; raise
    :class:`StoreLockedError` when a writer holds it for longer than ``wait_seconds``."""
    fd = _flock(path, fcntl.LOCK_SH, wait_seconds)
    try:
        yield
    finally:
        os.close(fd)


def acquire_reading(path: str | Path, *, wait_seconds: float = 0.0) -> int:
    """Take a reader's share of the lock and return the descriptor that holds it (close it
    to let go): for readers whose query spans more than one call."""
    return _flock(path, fcntl.LOCK_SH, wait_seconds)
