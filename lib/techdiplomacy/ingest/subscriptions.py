"""Feeds a store follows: remembered in its ``feeds`` table, refreshed on demand.

Each refresh fetches the feed (:mod:`techdiplomacy.ingest.fetch`), adds the items not stored
yet (:func:`techdiplomacy.ingest.add.add_records`) and records when and how it went.
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

from techdiplomacy import schema
from techdiplomacy.ingest.add import ItemResult, add_records, is_url
from techdiplomacy.settings import Settings
from techdiplomacy.store.database import Store, reading, writing


def add_feed(store_path: str | Path, url: str, *, settings: Settings | None = None) -> list[ItemResult]:
    """Remember a feed and fetch its items now; return the items' results."""
    settings = settings or Settings()
    if not is_url(url):
        return [ItemResult(url, "rejected", reason="a feed must be an http(s) URL")]
    now = _now()
    with writing(store_path), Store(store_path, wait_seconds=settings.lock_wait) as store:
        feeds = store.table("feeds")
        if url not in set(feeds["url"]):
            row = {"url": url, "title": "", "added_at": now, "last_fetched": "", "last_status": "", "items_added": 0}
            store.replace({"feeds": pd.concat([feeds, schema.conform("feeds", [row])])})
    return refresh_feeds(store_path, [url], settings=settings)


def list_feeds(store_path: str | Path) -> pd.DataFrame:
    """Return the feeds the store follows."""
    if not Path(store_path).exists():
        return schema.empty("feeds")
    with reading(store_path, wait_seconds=60), Store(store_path, read_only=True) as store:
        return store.table("feeds")


def refresh_feeds(store_path: str | Path, urls: list[str] | None = None, *, settings: Settings | None = None) -> list[ItemResult]:
    """Fetch every followed feed (or ``urls``) and add the items not stored yet."""
    from techdiplomacy.ingest.fetch import fetch_articles

    settings = settings or Settings()
    targets = urls if urls is not None else list_feeds(store_path)["url"].tolist()
    results: list[ItemResult] = []
    for url in targets:
        records = fetch_articles(url, settings)
        item_results = add_records(store_path, [(url, r) for r in records], settings=settings)
        results.extend(item_results)
        failed = [r for r in item_results if r.status == "rejected" and r.item == url]
        status = f"error: {failed[0].reason}" if failed else "ok"
        n_added = sum(r.status == "added" for r in item_results)
        with writing(store_path), Store(store_path, wait_seconds=settings.lock_wait) as store:
            feeds = store.table("feeds")
            mask = feeds["url"] == url
            feeds.loc[mask, "last_fetched"] = _now()
            feeds.loc[mask, "last_status"] = status
            feeds.loc[mask, "items_added"] = feeds.loc[mask, "items_added"].fillna(0) + n_added
            store.replace({"feeds": feeds})
    return results


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
