"""Is the file a whole store? Empty, truncated and corrupt stores found, and named as such.

DuckDB opens a store whose end was cut off (a copy that stopped, a disk that filled, a bad
restore) without a word, answers row counts from its catalogue, and fails only when a query
reaches a missing block, in the middle of a write ("Current transaction is aborted"). So every
:class:`~techdiplomacy.store.database.Store` checks, when it opens, that the file is as long as
its blocks in use need (:func:`check_length`, from the catalogue alone); ``info`` reads every block of every table
(:func:`check_blocks`), which meets any block whose checksum no longer matches.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

#: Bytes before DuckDB's first block: the main header and its two database headers.
HEADER_BYTES = 3 * 4096
#: What DuckDB writes when a file is damaged or is no database at all.
DAMAGE_SIGNS = ("not a valid duckdb database", "corrupt", "checksum", "could not read enough bytes",
                "invalid or truncated", "unexpected end", "failed to deserialize", "serialization error")  # fmt: skip


class StoreDamagedError(RuntimeError):
    """The store's file is empty, cut short or corrupt: its message says what to do."""


class StoreMissingError(FileNotFoundError):
    """A command that reads a store was given a path where there is none."""


def remedy(path: str | Path) -> str:
    """Return what to do about a damaged store at ``path``."""
    return (f"restore it from a backup (`techdiplomacy import BACKUP_FOLDER --store {path}`) or build it again "
            "(move the file away, then `techdiplomacy build`)")


def damaged(path: str | Path, message: str) -> StoreDamagedError:
    """Return the error for a store DuckDB could not read, ``message`` saying why."""
    return StoreDamagedError(f"store {path} is damaged and cannot be read ({message}): {remedy(path)}")


def is_damage(message: str) -> bool:
    """True when a DuckDB error ``message`` says the file is damaged or no database."""
    lowered = message.lower()
    return any(sign in lowered for sign in DAMAGE_SIGNS)


def is_held(exc: BaseException) -> bool:
    """True when DuckDB refused the file because another process holds its lock (not merely a
    message with "block" in it)."""
    lowered = str(exc).lower()
    return "could not set lock" in lowered or "conflicting lock" in lowered


def check_file(path: str | Path) -> None:
    """Raise :class:`StoreDamagedError` when the file at ``path`` exists and is empty (DuckDB
    would call it no database; as a new store it would hide what it lost)."""
    path = Path(path)
    if path.is_file() and path.stat().st_size == 0:
        raise StoreDamagedError(
            f"store {path} is an empty file (0 bytes), not a store: if it held articles, restore it from a backup "
            f"(`techdiplomacy import BACKUP_FOLDER --store {path}`); otherwise delete it and run `techdiplomacy build`"
        )


def check_length(con: duckdb.DuckDBPyConnection, path: str | Path, database: str | None = None) -> None:
    """Raise :class:`StoreDamagedError` when the store file ends before the last block its
    catalogue uses (its end was cut off). ``database``: the store's catalogue name in ``con``
    when it is attached (a reader's), else the connection's own database.

    A file as long as its header's block count is whole (one pragma). A shorter one may be
    whole too: a checkpoint cuts free blocks off the end of the file and leaves the count as it
    was. Then the blocks in use decide: the catalogue's metadata blocks and each table's data
    blocks, all named by DuckDB's storage pragmas (read from metadata, not from the data)."""
    name = _literal(database) if database else "current_database()"
    block_size, total, used = con.execute(
        f"SELECT block_size, total_blocks, used_blocks FROM pragma_database_size() WHERE database_name = {name}"
    ).fetchall()[0]
    actual = Path(path).stat().st_size
    if actual >= HEADER_BYTES + int(block_size) * int(total):
        return  # as long as the header counts: whole, with no need to ask which blocks are used
    sources = [f"SELECT block_id AS b FROM pragma_metadata_info({_literal(database) if database else ''})"]
    for table in _tables(con, database):
        info = f"pragma_storage_info({_literal(f'{database}.main.{table}' if database else table)})"
        sources.append(f"SELECT block_id FROM {info} UNION ALL SELECT unnest(additional_block_ids) FROM {info}")
    last = con.execute(f"SELECT max(b) FROM ({' UNION ALL '.join(sources)}) WHERE b >= 0").fetchall()[0][0]
    blocks = max(int(used), -1 if last is None else int(last) + 1)
    expected = HEADER_BYTES + int(block_size) * blocks
    if actual < expected:
        raise StoreDamagedError(
            f"store {path} is truncated: the file has {actual:,} bytes, its blocks in use need {expected:,}: {remedy(path)}"
        )


def _tables(con: duckdb.DuckDBPyConnection, database: str | None = None) -> list[str]:
    name = _literal(database) if database else "current_database()"
    return [row[0] for row in con.execute(
        f"SELECT table_name FROM duckdb_tables() WHERE database_name = {name} ORDER BY table_name"
    ).fetchall()]


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def check_blocks(con: duckdb.DuckDBPyConnection, path: str | Path) -> int:
    """Read every value of every table of the store (each block checked against its checksum);
    return the tables read, or raise :class:`StoreDamagedError` naming the first one that fails."""
    names = _tables(con)
    for name in names:
        try:
            # hash reads each value (a count could come from the catalogue alone)
            con.execute(f'SELECT count(*), sum(hash(COLUMNS(*))) FROM "{name}"').fetchall()
        except duckdb.Error as exc:
            if not is_damage(str(exc)):
                raise
            raise StoreDamagedError(
                f"store {path} is damaged: table {name} cannot be read ({first_line(exc)}): {remedy(path)}"
            ) from exc
    return len(names)


def first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0].strip() if text else type(exc).__name__
