"""The ``techdiplomacy`` command line: stdout stays machine-readable, progress goes to stderr."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from techdiplomacy import escape, schema
from techdiplomacy.report import (Progress, corpus_summary, counting, headline, records, render_report, select_threads,
                                  shaped, thread_payload)
from techdiplomacy.settings import PROJECT_ROOT, Settings, dashboard_command

EXTRACT_TABLES = ("articles", "mentions", "officials", "figures", "cooperation", "errors")


def _write_tables(tables: dict[str, pd.DataFrame], fmt: str, out: str | None) -> None:
    if fmt == "json":
        payload = {name: records(frame) for name, frame in tables.items()}
        json.dump(payload, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return
    if not out:
        raise SystemExit("--format csv needs --out DIR")
    from techdiplomacy.export import table_csv

    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    for name, frame in tables.items():
        (folder / f"{name}.csv").write_bytes(table_csv(frame, name if name in schema.TABLES else None))
    print(f"wrote {len(tables)} CSV files to {folder}", file=sys.stderr)


def _limits(settings: Settings, args) -> dict:
    """The reading limits of ``settings`` and the columns of ``--map``, as read_paths takes them."""
    return {"max_bytes": settings.max_file_bytes, "max_record_bytes": settings.max_record_bytes,
            "columns": getattr(args, "map", None) or None,
            "zip_max_members": settings.zip_max_members, "zip_max_bytes": settings.zip_max_bytes}


def _columns(spec: str) -> dict[str, str]:
    from techdiplomacy.readers.article import parse_columns

    try:
        return parse_columns(spec)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def cmd_extract(args) -> int:
    from techdiplomacy.readers.corpus import read_paths
    from techdiplomacy.tables import build_tables

    settings = Settings()
    tables = build_tables(read_paths(args.paths, **_limits(settings, args)), max_article_chars=settings.max_article_chars)
    _write_tables({name: tables[name] for name in EXTRACT_TABLES}, args.format, args.out)
    found = ", ".join(f"{name} {len(frame)}" for name, frame in tables.items() if name != "errors")
    print(f"read {len(tables['articles'])} articles, {len(tables['errors'])} errors; rows: {found}", file=sys.stderr)
    return 0 if len(tables["articles"]) else 1


def cmd_build(args) -> int:
    from techdiplomacy.store.builder import build

    if args.scheduler and args.executor != "dask":
        raise SystemExit("--scheduler needs --executor dask")
    settings = Settings()
    paths = args.paths or [settings.data_dir]
    progress = Progress()
    summary = build(
        paths,
        args.store or settings.store_path,
        batch_size=settings.batch_size,
        max_file_bytes=settings.max_file_bytes,
        max_article_chars=settings.max_article_chars,
        max_record_bytes=settings.max_record_bytes,
        zip_limits=(settings.zip_max_members, settings.zip_max_bytes),
        columns=args.map or None,
        topics_k=args.k if args.k is not None else settings.topics_k,
        random_state=settings.random_state,
        rebuild=args.rebuild,
        workers=args.workers if args.workers is not None else settings.workers,
        executor=args.executor,
        scheduler=args.scheduler,
        progress=progress,
    )
    progress.close()
    if args.parquet:
        _parquet(args.store or settings.store_path, args.parquet)
    for error in summary.errors:
        print(escape.terminal(f"error: {error['path']}: {error['error']}"), file=sys.stderr)
    print(json.dumps(summary.as_dict(), ensure_ascii=False), file=sys.stderr)
    total = summary.counts.get("articles", 0)
    return 0 if (summary.read or total) else 1


def cmd_topics(args) -> int:
    from techdiplomacy.readers.corpus import read_paths
    from techdiplomacy.tables import build_tables
    from techdiplomacy.topics import model as topics

    settings = Settings()
    tables = build_tables(read_paths(args.paths, **_limits(settings, args)), max_article_chars=settings.max_article_chars)
    for _, row in tables["errors"].iterrows():
        print(escape.terminal(f"error: {row['path']}: {row['error']}"), file=sys.stderr)
    if tables["articles"].empty:
        print("no article could be read", file=sys.stderr)
        return 1
    result = topics.fit_topics(tables["articles"], tables["mentions"], k=args.k, random_state=settings.random_state)
    article_topics = result.article_topics.sort_values(["article_id", "rank"])
    payload = {
        "topics": records(result.topics),
        "article_topics": records(article_topics),
        "passage_topics": records(result.passage_topics),
    }
    if args.format == "json":
        json.dump(payload, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        _write_tables(
            {"topics": result.topics, "article_topics": article_topics, "passage_topics": result.passage_topics},
            "csv",
            args.out,
        )
    return 0


def _existing_store(args) -> Path | None:
    """Return the store the command names (or the default), or None after saying it is missing."""
    path = Path(args.store or Settings().store_path)
    if path.exists():
        return path
    print(f"no store at {path}: run `techdiplomacy build` first", file=sys.stderr)
    return None


def _parquet(store_path, out_dir) -> None:
    from techdiplomacy.store.database import Store, reading
    from techdiplomacy.store.parquet import write_parquet

    with reading(store_path, wait_seconds=60), Store(store_path, read_only=True) as store:
        written = write_parquet(store.con, out_dir)
    print(json.dumps({"parquet": str(out_dir), "rows": written}), file=sys.stderr)


def cmd_parquet(args) -> int:
    path = _existing_store(args)
    if path is None:
        return 1
    _parquet(path, args.out_dir)
    return 0


def cmd_info(args) -> int:
    from techdiplomacy.store.database import Store, reading
    from techdiplomacy.store.integrity import check_blocks

    path = _existing_store(args)
    if path is None:
        return 1
    with reading(path, wait_seconds=60):
        with Store(path, read_only=True) as store:
            check_blocks(store.con, path)  # a store that opens may still have corrupt blocks: read them all
            info = {"store": str(path), "schema_version": int(store.get_meta("schema_version") or 0),
                    "corpus_version": store.get_meta("corpus_version"), "built_at": store.get_meta("built_at")}
            tables = store.counts()  # rows per table (articles: every stored one, near-duplicates too)
        with counting(path) as con:  # the dashboard's and the report's counts
            info.update(counts=headline(con), tables=tables)
    if args.format == "json":
        print(json.dumps(info, ensure_ascii=False))
    else:
        for key, value in info.items():
            print(f"{key}: {value}")
    return 0


def cmd_evaluate(args) -> int:
    from techdiplomacy.evaluate import evaluate, read_gold

    if not Path(args.gold_dir).exists() or not read_gold(args.gold_dir):
        # scores over nothing would read as a perfect 1.0
        print(f"error: no gold records (*.jsonl lines with 'text') under {args.gold_dir}", file=sys.stderr)
        return 1
    scores = evaluate(args.gold_dir, by_language=args.by_language)
    if args.format == "json":
        print(json.dumps(records(scores), ensure_ascii=False))
    else:
        print(scores.to_string(index=False))
    return 0


def cmd_report(args) -> int:
    from techdiplomacy.store.database import Store, reading

    path = _existing_store(args)
    if path is None:
        return 1
    shape = sys.stdout.isatty() if args.shape == "auto" else args.shape == "always"
    with reading(path, wait_seconds=60):
        Store(path, read_only=True).close()  # a damaged store says so before anything is counted
        with counting(path) as con:
            summary = corpus_summary(con, top_n=args.top)
    sys.stdout.write(render_report(summary, shape=shape))
    return 0


def cmd_cooperation(args) -> int:
    from techdiplomacy.store.database import Store, reading
    from techdiplomacy.store.threads import thread_evidence

    path = _existing_store(args)
    if path is None:
        return 1
    if args.stage and args.stage not in schema.COOPERATION_STAGES:
        raise SystemExit(f"--stage must be one of {', '.join(schema.COOPERATION_STAGES)}")
    with reading(path, wait_seconds=60), Store(path, read_only=True) as store:
        threads, rows = store.table("cooperation_threads"), store.table("cooperation")
    threads = select_threads(threads, partner=args.partner, stage=args.stage)
    if args.format == "csv":
        from techdiplomacy.export import table_csv

        sys.stdout.buffer.write(table_csv(threads, "cooperation_threads"))
        return 0
    payload = thread_payload(threads, thread_evidence(rows, window_days=Settings().thread_window_days), args.language)
    if (sys.stdout.isatty() if args.shape == "auto" else args.shape == "always"):
        payload = shaped(payload)
    json.dump(payload, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
    return 0


def _print_results(results, fmt: str) -> int:
    if fmt == "json":
        print(json.dumps([r.as_dict() for r in results], ensure_ascii=False))
    else:
        for r in results:
            detail = r.title if r.status != "rejected" else r.reason
            print(escape.terminal(f"{r.status:<10} {r.item}  {detail}"))  # titles, items: untrusted
    counts = {s: sum(r.status == s for r in results) for s in ("added", "duplicate", "rejected")}
    print(", ".join(f"{n} {s}" for s, n in counts.items()), file=sys.stderr)
    return 0 if counts["added"] or counts["duplicate"] else 1


def cmd_add(args) -> int:
    from techdiplomacy.ingest.add import add_records, iter_sources

    settings = Settings()
    progress = Progress(every=50)
    results = add_records(
        args.store or settings.store_path, iter_sources(args.sources, settings=settings, columns=args.map or None),
        settings=settings, progress=progress,
    )
    progress.close()
    return _print_results(results, args.format)


def cmd_feeds(args) -> int:
    from techdiplomacy.ingest.subscriptions import add_feed, list_feeds, refresh_feeds

    settings = Settings()
    store = args.store or settings.store_path
    if args.action == "list":
        feeds = list_feeds(store)
        if args.format == "json":
            print(json.dumps(records(feeds), ensure_ascii=False))
        else:
            shown = feeds.map(lambda v: escape.terminal(v) if isinstance(v, str) else v)  # titles, URLs: untrusted
            print(shown.to_string(index=False) if not feeds.empty else "no feeds")
        return 0
    if args.action == "add":
        if not args.url:
            raise SystemExit("feeds add needs a URL")
        return _print_results(add_feed(store, args.url, settings=settings), args.format)
    results = refresh_feeds(store, [args.url] if args.url else None, settings=settings)
    _print_results(results, args.format)
    return 0


def cmd_export(args) -> int:
    from techdiplomacy.store.backup import export_store

    manifest = export_store(args.store or Settings().store_path, args.out)
    print(json.dumps({"out": args.out, "files": len(manifest["files"])}), file=sys.stderr)
    return 0


def cmd_import(args) -> int:
    from techdiplomacy.store.backup import import_store

    counts = import_store(args.folder, args.store or Settings().store_path)
    print(json.dumps({"restored": counts}), file=sys.stderr)
    return 0


#: The commands that work on a store (the others read files only).
_STORE_COMMANDS = (cmd_build, cmd_add, cmd_feeds, cmd_info, cmd_parquet, cmd_export, cmd_import, cmd_report)


def cmd_dashboard(args) -> int:
    command, env = dashboard_command(args.store, args.port, args.address)
    if not Path(command[4]).exists():
        print(f"error: {command[4]} not found: run the dashboard from a checkout (pip install -e .)", file=sys.stderr)
        return 2
    store = env.get("TECHDIPLOMACY_STORE") or str(Settings().store_path)
    print(f"dashboard on http://{args.address}:{args.port} (store: {store}); Ctrl+C stops it", file=sys.stderr)
    try:
        return subprocess.call(command, env=env, cwd=str(PROJECT_ROOT))
    except KeyboardInterrupt:
        return 0


def parser() -> argparse.ArgumentParser:
    """Return the argument parser of every sub-command."""
    store = argparse.ArgumentParser(add_help=False)
    store.add_argument("--store", help="the DuckDB store (default: data/techdiplomacy.duckdb)")
    store.add_argument("--debug", action="store_true", help="show the traceback of a failure, not one line")
    mapping = argparse.ArgumentParser(add_help=False)
    mapping.add_argument(
        "--map", type=_columns, default={}, metavar="FIELD=COLUMN,...",
        help="the columns (JSON keys) of an export that hold each field, e.g. text=story_body,title=head; "
        "common names (content, body, headline, publish_date, ...) are known without it",
    )
    top = argparse.ArgumentParser(prog="techdiplomacy", description=__doc__)
    sub = top.add_subparsers(dest="command", required=True)

    p = sub.add_parser("extract", parents=[store, mapping], help="extract the tables of articles (no store)")
    p.add_argument("paths", nargs="+", help="files or folders of articles")
    p.add_argument("--format", choices=["json", "csv"], default="json")
    p.add_argument("--out", help="folder for --format csv")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("build", parents=[store, mapping], help="read a corpus into the store, incrementally")
    p.add_argument("paths", nargs="*", help="folders or files (default: data/articles)")
    p.add_argument("--rebuild", action="store_true", help="re-extract every stored article")
    p.add_argument("--k", type=int, help="number of topics (default: chosen automatically)")
    p.add_argument("--workers", type=int, help="local extraction processes (default: one per core)")
    p.add_argument(
        "--executor", choices=["local", "dask"], default="local",
        help="where extraction runs: this machine, or a Dask cluster (needs techdiplomacy[scale])",
    )
    p.add_argument(
        "--scheduler", metavar="tcp://HOST:8786",
        help="Dask scheduler address (default with --executor dask: a 2-process cluster on loopback)",
    )
    p.add_argument("--parquet", metavar="DIR", help="then write every table as Parquet under DIR (see `parquet`)")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser(
        "parquet", parents=[store],
        help="write every table as a folder of Parquet files, partitioned by language and year",
    )
    p.add_argument("out_dir", metavar="OUT_DIR")
    p.set_defaults(func=cmd_parquet)

    p = sub.add_parser("topics", parents=[store, mapping], help="cluster articles into topics (no store)")
    p.add_argument("paths", nargs="+")
    p.add_argument("--k", type=int, help="number of topics (default: chosen automatically)")
    p.add_argument("--format", choices=["json", "csv"], default="json")
    p.add_argument("--out", help="folder for --format csv")
    p.set_defaults(func=cmd_topics)

    p = sub.add_parser(
        "dashboard", parents=[store],
        help="open the dashboard on a store (built from data/articles on first run if missing)",
    )
    p.add_argument("--port", type=int, default=8501, help="port to serve on (default: 8501)")
    p.add_argument("--address", default="127.0.0.1", help="address to serve on (default: this machine only)")
    p.set_defaults(func=cmd_dashboard)

    p = sub.add_parser("info", parents=[store], help="headline counts (as the dashboard counts), row counts and schema version of a store")
    p.add_argument("--format", choices=["json", "text"], default="text")
    p.set_defaults(func=cmd_info)

    p = sub.add_parser("add", parents=[store, mapping], help="add articles from files, folders, zips or URLs")
    p.add_argument("sources", nargs="+", metavar="PATH|URL")
    p.add_argument("--format", choices=["json", "text"], default="text")
    p.set_defaults(func=cmd_add)

    p = sub.add_parser("feeds", parents=[store], help="follow RSS/Atom feeds: add URL, list, refresh")
    p.add_argument("action", choices=["add", "list", "refresh"])
    p.add_argument("url", nargs="?")
    p.add_argument("--format", choices=["json", "text"], default="text")
    p.set_defaults(func=cmd_feeds)

    p = sub.add_parser("export", parents=[store], help="back up every table as CSV plus a manifest")
    p.add_argument("--out", required=True, help="folder to write")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("import", parents=[store], help="restore a backup written by export")
    p.add_argument("folder")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("cooperation", parents=[store], help="cooperation threads of the store, with their evidence")
    p.add_argument("--partner", metavar="ISO3", help="only threads with this partner state")
    p.add_argument("--stage", help="only threads whose latest stage is this (" + ", ".join(schema.COOPERATION_STAGES) + ")")
    p.add_argument("--format", choices=["json", "csv"], default="json")
    p.add_argument("--language", choices=["en", "ar", "fa"], default="en", help="language of each JSON gloss")
    p.add_argument(
        "--shape", choices=["auto", "always", "never"], default="auto",
        help="shape Arabic/Persian glosses and sentences for display (auto: only when stdout is a terminal)",
    )
    p.set_defaults(func=cmd_cooperation)

    p = sub.add_parser("report", parents=[store], help="summary of the corpus for the terminal")
    p.add_argument("--top", type=int, default=10, help="rows per section")
    p.add_argument(
        "--shape", choices=["auto", "always", "never"], default="auto",
        help="shape Arabic/Persian for display (auto: only when stdout is a terminal)",
    )
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("evaluate", parents=[store], help="score the extractors against gold files")
    p.add_argument("gold_dir")
    p.add_argument("--by-language", action="store_true", help="one score per language too")
    p.add_argument("--format", choices=["json", "text"], default="text")
    p.set_defaults(func=cmd_evaluate)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status.

    A failure ends in one line on stderr naming the store or file and what to do, and status 1
    (130 when interrupted); ``--debug`` lets the exception through, traceback and all.
    """
    args = parser().parse_args(argv)
    if args.debug:
        return args.func(args)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        print("interrupted: what was committed before is kept; run the command again to finish", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 -- any failure: one line for a person, not a traceback
        from techdiplomacy.store.failures import describe

        store = args.store or Settings().store_path if args.func in _STORE_COMMANDS else args.store
        print(escape.terminal(f"error: {describe(exc, store)}"), file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
