"""Backup and restore: every table as CSV, the stored models and the store's metadata, plus a
manifest; restored exactly, so a restored store behaves as the original (an add assigns to the
same topics, a build re-extracts and refits nothing that the original would not have).

Models are files ``NAME.model.pickle`` named in the manifest with their checksums, read back
only through :func:`techdiplomacy.store.pickles.loads` (a backup may come from anyone).

Cells are written so a spreadsheet never runs them as formulas and so they read back exactly:
a missing value is ``\\N``; a string starting with ``= + - @``, tab, CR, a quote or a backslash
gets one leading ``'``, which the restore removes again.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import tempfile
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from techdiplomacy import schema
from techdiplomacy.export import tool_version
from techdiplomacy.store import dashboard, integrity, pickles
from techdiplomacy.store.database import Store, StoreLockedError, reading, writing

NA = "\\N"
_ESCAPE_FIRST = ("=", "+", "-", "@", "\t", "\r", "'", "\\")
MANIFEST = "manifest.json"
#: ``meta`` keys a backup does not carry: the dashboard tables are not in it (the import derives
#: them again), and where a store was restored from is the restore's to say.
_NOT_CARRIED = {dashboard.DERIVED_STAMP, "restored_from"}


def encode_cell(value) -> str:
    """Return one cell as written in a backup CSV (reversible, formula-safe)."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return NA
    if isinstance(value, pd.Timestamp):
        return "" if pd.isna(value) else value.date().isoformat()
    if isinstance(value, (float, np.floating)):
        return repr(float(value))
    if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
        return str(int(value))
    text = str(value)
    return "'" + text if text.startswith(_ESCAPE_FIRST) else text


def decode_cell(cell: str) -> str | None:
    """Return the value of a backup cell (``None`` for a missing value)."""
    if cell == NA:
        return None
    return cell[1:] if cell.startswith("'") else cell


def table_bytes(frame: pd.DataFrame, table: str) -> bytes:
    """Return a table as backup CSV bytes (UTF-8 with BOM, schema column order)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    columns = schema.columns(table)
    writer.writerow(columns)
    for row in schema.conform(table, frame).itertuples(index=False):
        writer.writerow([encode_cell(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def read_table(data: bytes, table: str) -> pd.DataFrame:
    """Return a backup CSV as a schema table."""
    reader = csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""))
    header = next(reader)
    if header != schema.columns(table):
        raise ValueError(f"{table}.csv: columns {header} do not match the schema {schema.columns(table)}")
    rows = [[decode_cell(c) for c in row] for row in reader]
    frame = pd.DataFrame(rows, columns=header)
    spec = schema.TABLES[table]
    for col, dtype in spec.items():
        if dtype in (schema.INT, schema.FLOAT):
            frame[col] = pd.to_numeric(frame[col])
    return schema.conform(table, frame)


def export_store(store_path: str | Path, out_dir: str | Path) -> dict:
    """Write every table of the store as CSV plus ``manifest.json`` into ``out_dir``; return the manifest."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    files = {}
    with reading(store_path, wait_seconds=60), Store(store_path, read_only=True) as store:
        counts = store.counts()
        meta = dict(store.con.execute("SELECT key, value FROM meta ORDER BY key").fetchall())
        for table in schema.TABLES:
            data = table_bytes(store.table(table), table)
            (out / f"{table}.csv").write_bytes(data)
            files[f"{table}.csv"] = {"rows": counts[table], "sha256": hashlib.sha256(data).hexdigest()}
        models = {}
        for name, blob in store.con.execute("SELECT name, blob FROM models ORDER BY name").fetchall():
            (out / f"{name}.model.pickle").write_bytes(blob)
            models[name] = {"file": f"{name}.model.pickle", "sha256": hashlib.sha256(blob).hexdigest()}
    manifest = {
        "tool": "techdiplomacy",
        "tool_version": tool_version(),
        "schema_version": schema.SCHEMA_VERSION,
        "corpus_version": meta.get("corpus_version"),
        "exported_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "files": files,
        "models": models,
        "meta": {k: v for k, v in meta.items() if k not in _NOT_CARRIED},
    }
    (out / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    return manifest


def import_store(in_dir: str | Path, store_path: str | Path) -> dict[str, int]:
    """Restore a backup into ``store_path`` (replacing it atomically); return rows per table.

    Checksums are verified first; the new store is written beside the target and renamed over
    it only when complete, so a failed restore leaves the old store untouched.
    """
    folder = Path(in_dir)
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    if int(manifest.get("schema_version", -1)) != schema.SCHEMA_VERSION:
        raise ValueError(f"backup has schema version {manifest.get('schema_version')}, expected {schema.SCHEMA_VERSION}")
    frames = {}
    for table in schema.TABLES:
        entry = manifest["files"].get(f"{table}.csv")
        if entry is None:
            raise ValueError(f"backup lacks {table}.csv")
        data = (folder / f"{table}.csv").read_bytes()
        if hashlib.sha256(data).hexdigest() != entry["sha256"]:
            raise ValueError(f"{table}.csv does not match its checksum in the manifest")
        frames[table] = read_table(data, table)
    models = _read_models(folder, manifest)
    target = Path(store_path)
    target.parent.mkdir(parents=True, exist_ok=True)
    with writing(target):  # no add, build or other import runs while the store is swapped
        return _swap_in(frames, models, manifest, folder, target)


def _read_models(folder: Path, manifest: dict) -> dict[str, bytes]:
    """Return {name: pickled model} of the backup, each checked against its checksum and read
    through the allowlist (:mod:`techdiplomacy.store.pickles`) before anything is replaced."""
    models = {}
    for name, entry in (manifest.get("models") or {}).items():
        file = str(entry.get("file", ""))
        if Path(file).name != file or not file.endswith(".model.pickle"):
            raise ValueError(f"backup names a model file {file!r} outside its folder")
        data = (folder / file).read_bytes()
        if hashlib.sha256(data).hexdigest() != entry.get("sha256"):
            raise ValueError(f"{file} does not match its checksum in the manifest")
        try:
            pickles.loads(data)
        except pickles.RefusedModel as exc:
            raise ValueError(f"{file}: {exc}; this backup is not restored") from exc
        models[str(name)] = data
    return models


def _swap_in(frames: dict[str, pd.DataFrame], models: dict[str, bytes], manifest: dict, folder: Path,
             target: Path) -> dict[str, int]:
    """Write ``frames``, ``models`` and the manifest's metadata into a new store beside
    ``target`` and rename it over ``target`` (the caller holds the writer lock); return rows
    per table."""
    fd, tmp_name = tempfile.mkstemp(prefix=".restore-", suffix=".duckdb", dir=target.parent)
    os.close(fd)
    os.unlink(tmp_name)  # DuckDB creates the file itself
    try:
        with Store(tmp_name) as store:
            store.replace(frames)
            for name, blob in models.items():
                store.con.execute("INSERT OR REPLACE INTO models VALUES (?, ?)", [name, blob])
            for key, value in (manifest.get("meta") or {}).items():
                if key not in _NOT_CARRIED and key != "schema_version" and value is not None:
                    store.set_meta(str(key), str(value))
            if manifest.get("corpus_version"):
                store.set_meta("corpus_version", manifest["corpus_version"])
            store.set_meta("restored_from", str(folder))
            # the dashboard's tables, as the original store had them: a restored store is whole
            # (readers would otherwise derive them in memory on every state, minutes at scale)
            store.store_dashboard_tables()
            counts = store.counts()
            store.con.execute("CHECKPOINT")  # everything in the file itself: no log to carry along
        if target.exists():
            _fold_log(target)
        wal = Path(str(target) + ".wal")
        if wal.exists():  # a log that could not be folded in must never replay onto the new file
            wal.unlink()
        _fsync(tmp_name)
        os.replace(tmp_name, target)
        _fsync(target.parent)
    finally:
        for leftover in (Path(tmp_name), Path(tmp_name + ".wal")):
            if leftover.exists():
                leftover.unlink()
    return counts


def _fold_log(target: Path) -> None:
    """Open and close the old store once, so DuckDB folds a killed writer's log into the file
    (and removes it) before the file is replaced: the log never replays onto the new one."""
    try:
        duckdb.connect(str(target)).close()
    except duckdb.IOException as exc:
        if integrity.is_held(exc):  # a program that ignores the writer lock holds the file
            raise StoreLockedError(f"store {target} is open in another program: close it, then import again") from exc
    except duckdb.Error:
        pass  # an unreadable old store is replaced whole; its log is removed below


def _fsync(path: str | Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def backup_zip(store_path: str | Path) -> bytes:
    """Return a zip of :func:`export_store`'s files (every table as CSV plus the manifest)."""
    with tempfile.TemporaryDirectory(prefix="td-backup-") as folder:
        export_store(store_path, folder)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(Path(folder).iterdir()):
                archive.write(path, path.name)
        return buffer.getvalue()
