"""Compressed files: ``.gz``, ``.bz2``, ``.xz`` and ``.zst`` around any format, read as a stream.

A compressed file is recognised by its name (``ant.jsonl.gz``) or by its first bytes (a gzip
file saved as ``ant.jsonl``); the name without the compression suffix picks the format inside.
Decompression is bounded: a stream that expands past a total or at a ratio no news export
reaches (a decompression bomb) stops with :class:`ArchiveError`, after what it held so far has
been read.
"""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import os
from typing import BinaryIO

#: Compression suffixes, and the magic bytes each format starts with.
COMPRESSIONS = {".gz": b"\x1f\x8b", ".bz2": b"BZh", ".xz": b"\xfd7zXZ\x00", ".zst": b"\x28\xb5\x2f\xfd"}
#: A news export compresses about 4:1 (ANT's JSONL 22.7 MB -> 5.8 MB); WARC pages up to ~20:1.
MAX_RATIO = 200
#: The ratio is checked once this much has come out (small files may compress very well).
RATIO_AFTER = 50_000_000
MAX_TOTAL = 100_000_000_000


class ArchiveError(ValueError):
    """A compressed stream that is corrupt, truncated or expands too far."""


def compression_of(name: str, head: bytes) -> str | None:
    """Return the compression suffix of a file called ``name`` starting with ``head``, or None."""
    suffix = os.path.splitext(name)[1].lower()
    if suffix in COMPRESSIONS:
        return suffix
    return next((s for s, magic in COMPRESSIONS.items() if head.startswith(magic)), None)


def inner_name(name: str) -> str:
    """Return ``name`` without its compression suffix (``ant.jsonl.gz`` -> ``ant.jsonl``)."""
    stem, suffix = os.path.splitext(name)
    return stem if suffix.lower() in COMPRESSIONS else name


def decompressed(raw: BinaryIO, suffix: str, *, max_total: int | None = None, max_ratio: float | None = None,
                 ratio_after: int | None = None) -> BinaryIO:
    """Return a buffered stream of ``raw`` decompressed, bounded (see :class:`_Bounded`).

    The bounds default to :data:`MAX_TOTAL`, :data:`MAX_RATIO` and :data:`RATIO_AFTER`.
    """
    counted = _Counted(raw)
    if suffix == ".gz":
        inner: BinaryIO = gzip.GzipFile(fileobj=counted, mode="rb")
    elif suffix == ".bz2":
        inner = bz2.BZ2File(counted, mode="rb")
    elif suffix == ".xz":
        inner = lzma.LZMAFile(counted, mode="rb")  # noqa: SIM115 -- lives as long as the stream it feeds
    else:
        inner = _Zstd(counted)
    bounded = _Bounded(
        inner, counted, suffix, MAX_TOTAL if max_total is None else max_total,
        MAX_RATIO if max_ratio is None else max_ratio, RATIO_AFTER if ratio_after is None else ratio_after,
    )
    return io.BufferedReader(bounded, 1 << 20)


class _Zstd(io.RawIOBase):
    """Zstandard frames, one after another; a stream cut inside a frame raises :class:`EOFError`.

    (``zstandard``'s own stream reader ends silently on a truncated frame.) Compressed bytes go in
    4 KB at a time, so one call cannot expand past ~128 MB before the bounds are checked.
    """

    def __init__(self, raw: BinaryIO):
        import zstandard

        self.raw = raw
        self.new = zstandard.ZstdDecompressor().decompressobj
        self.frame = self.new()
        self.open_frame = False
        self.pending = b""

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        while not self.pending:
            if self.frame.eof:
                rest, self.frame, self.open_frame = self.frame.unused_data, self.new(), False
                if rest:
                    self.pending, self.open_frame = self.frame.decompress(rest), True
                    continue
            chunk = self.raw.read(4096)
            if not chunk:
                if self.open_frame and not self.frame.eof:
                    raise EOFError("zstd stream ends inside a frame")
                return b""
            self.open_frame = True
            self.pending = self.frame.decompress(chunk)
        size = len(self.pending) if size is None or size < 0 else size
        data, self.pending = self.pending[:size], self.pending[size:]
        return data


class _Counted(io.RawIOBase):
    """Counts the compressed bytes read from ``raw``."""

    def __init__(self, raw: BinaryIO):
        self.raw = raw
        self.count = 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(size)
        self.count += len(data)
        return data

    def readinto(self, buffer) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


class _Bounded(io.RawIOBase):
    """The decompressed bytes; raises :class:`ArchiveError` past ``max_total`` bytes, past
    ``max_ratio`` times the compressed bytes (once ``ratio_after`` came out), or on a corrupt
    or truncated stream, naming which.

    A corrupt or truncated stream first ends (a read of 0 bytes), and raises on the read after:
    a buffered ``read(n)`` then returns the bytes decompressed before the fault instead of losing
    them with the exception. Readers read once more after the end (:func:`finish`) to hear it.
    """

    def __init__(self, inner, counted: _Counted, suffix: str, max_total: int, max_ratio: float, ratio_after: int):
        self.inner, self.counted, self.suffix = inner, counted, suffix
        self.max_total, self.max_ratio, self.ratio_after = max_total, max_ratio, ratio_after
        self.total = 0
        self.read_some = getattr(inner, "read1", inner.read)
        self.fault: ArchiveError | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self.fault is not None:
            raise self.fault
        try:
            # read1: what one step decompresses, so a truncated stream gives all it held before the cut
            data = self.read_some(len(buffer))
        except EOFError:
            self.fault = ArchiveError(f"truncated {self.suffix} file: it ends before its end-of-stream marker")
            return 0
        except (OSError, lzma.LZMAError, ValueError) as exc:
            self.fault = ArchiveError(f"corrupt {self.suffix} data after {self.total / 1e6:.1f} MB: {exc}")
            return 0
        except Exception as exc:  # zstandard.ZstdError: imported lazily, so caught by name
            if type(exc).__name__ != "ZstdError":
                raise
            self.fault = ArchiveError(f"corrupt {self.suffix} data after {self.total / 1e6:.1f} MB: {exc}")
            return 0
        self.total += len(data)
        if self.total > self.max_total:
            raise ArchiveError(f"{self.suffix} file expands past {self.max_total / 1e6:g} MB; refused as a decompression bomb")
        if self.total > self.ratio_after and self.total > self.max_ratio * max(1, self.counted.count):
            raise ArchiveError(
                f"{self.suffix} file expands more than {self.max_ratio:g}:1 ({self.counted.count / 1e6:.2f} MB -> "
                f"{self.total / 1e6:.0f} MB so far); refused as a decompression bomb"
            )
        buffer[: len(data)] = data
        return len(data)


def finish(stream: BinaryIO) -> None:
    """Raise the :class:`ArchiveError` of a decompressed stream that ended on a fault (else nothing)."""
    stream.read(1)
