"""Zip archives: each member read as the file it is, counted while it decompresses.

A zip's headers are not trusted: a member's size is counted as its bytes come out of the
decompressor, each stopped at ``max_bytes`` and all together at ``max_total``
(``zip_max_bytes``), so a member whose header says a few bytes cannot expand to gigabytes
before its CRC is checked; a zip of more than ``max_members`` files (``zip_max_members``) is
refused before any is read. Members are read one at a time and their articles given out before
the next one decompresses. A zip inside a zip is not opened (a zip that holds itself would
never end).
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import PurePosixPath
from typing import BinaryIO

from techdiplomacy.readers.article import Article, ReadError

#: Most files one zip may hold (``Settings.zip_max_members``).
DEFAULT_ZIP_MAX_MEMBERS = 2_000
#: Most bytes read out of one zip, counted as they decompress (``Settings.zip_max_bytes``).
DEFAULT_ZIP_MAX_BYTES = 200_000_000
#: Bytes decompressed at a time from a member (what a member may cost beyond its limit).
ZIP_CHUNK = 1 << 16
#: What reading a member may raise on a broken or hostile zip.
_BROKEN = (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError, ValueError)

#: Reads one member: (its bytes, its base name, the path to record) -> its articles.
MemberReader = Callable[[bytes, str, str], Iterable[Article | ReadError]]


class _TooLarge(Exception):
    """A zip member decompressed past its limit."""


def read_zip(
    stream: BinaryIO, path: str, *, read_member: MemberReader, max_bytes: int,
    max_members: int = DEFAULT_ZIP_MAX_MEMBERS, max_total: int = DEFAULT_ZIP_MAX_BYTES,
) -> Iterator[Article | ReadError]:
    """Yield the articles (or read errors) of every member of the zip ``stream`` (seekable),
    each member read by ``read_member``; paths are ``PATH/MEMBER``."""
    try:
        archive = zipfile.ZipFile(stream)
        members = [m for m in archive.infolist() if not m.is_dir()]
    except _BROKEN as exc:
        yield ReadError(path, f"not a readable zip file: {exc}")
        return
    if len(members) > max_members:
        yield ReadError(path, f"zip holds {len(members)} files, more than the zip_max_members limit ({max_members}): split it")
        return
    budget = max_total
    found = False
    for member in members:
        base = PurePosixPath(member.filename).name
        if not base or base.startswith(".") or "__MACOSX" in member.filename:
            continue
        found = True
        where = f"{path}/{member.filename}"
        if base.lower().endswith(".zip"):
            yield ReadError(where, "a zip inside a zip is not read: unpack it and add its files")
            continue
        limit = min(max_bytes, budget)
        try:
            content = _decompressed(archive, member, limit)
        except _TooLarge:
            if limit < max_bytes:
                yield ReadError(path, f"zip expands to more than the zip_max_bytes limit ({max_total / 1e6:g} MB): "
                                      f"the files from {member.filename} on are not read; split the zip")
                return
            yield ReadError(where, f"file too large: more than the {max_bytes / 1e6:g} MB limit once decompressed")
            continue
        except _BROKEN as exc:
            yield ReadError(where, f"cannot extract from zip: {exc}")
            continue
        budget -= len(content)
        yield from read_member(content, base, where)
    if not found:
        yield ReadError(path, "zip holds no article files")


def _decompressed(archive: zipfile.ZipFile, member: zipfile.ZipInfo, limit: int) -> bytes:
    """Return a member's bytes, counted while they decompress: :class:`_TooLarge` past ``limit``.

    ``ZipFile.read`` asks the decompressor for the whole member at once, so a member whose
    header says a few bytes can expand to gigabytes before its CRC is checked.
    """
    if member.file_size > limit:
        raise _TooLarge
    chunks = []
    size = 0
    with archive.open(member) as stream:
        while chunk := stream.read(ZIP_CHUNK):
            size += len(chunk)
            if size > limit:
                raise _TooLarge
            chunks.append(chunk)
    return b"".join(chunks)
