"""Where per-article extraction runs: this machine's processes, or a Dask cluster.

:func:`techdiplomacy.tables.extract_article` is a pure function of one article, so any executor
that maps it over a batch and keeps the order gives the same tables. The store only chooses one
(:func:`open_executor`) and calls ``extract(batch)`` per batch; Dask is imported only when asked
for, so the app and the default build never need it.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import Protocol

from techdiplomacy import schema
from techdiplomacy.readers.corpus import Article
from techdiplomacy.tables import PHASE_BATCH, extract_article, extract_articles

Parts = list[dict[str, list[dict]]]
#: The tables extraction fills, one Arrow table each per batch.
EXTRACTED_TABLES = ("articles", "mentions", "officials", "figures", "cooperation")

EXECUTORS = ("local", "dask")

#: Below this many articles in a batch, local extraction stays in this process (a pool costs more).
PARALLEL_MIN_BATCH = 64


class Pending(Protocol):
    """A batch being extracted."""

    def result(self) -> dict:
        """Wait and return {table: pyarrow.Table} of the batch, rows in the batch's order."""
        ...


class Executor(Protocol):
    """Runs :func:`extract_article` over batches of articles."""

    def extract(self, batch: Sequence[Article]) -> Parts:
        """Return the rows of every article of ``batch``, in the batch's order."""
        ...

    def submit(self, batch: Sequence[Article]) -> Pending:
        """Start extracting ``batch`` and return at once (the caller writes the previous batch
        meanwhile); ``result()`` gives its tables."""
        ...

    def imap(self, fn: Callable, items: Iterable) -> Iterator:
        """Yield ``fn(item)`` for every item, in order, computed in the executor's processes
        with a few items in flight (the build's topic and near-duplicate passes use it)."""
        ...

    def close(self) -> None:
        """Release the processes or connections held."""
        ...


@contextmanager
def extraction_pool(workers: int) -> Iterator[ProcessPoolExecutor | None]:
    """Yield a process pool of ``workers`` (0: one per core), or None for one process."""
    pool = _pool(workers)
    try:
        yield pool
    finally:
        if pool is not None:
            pool.shutdown()


def extract_batch(batch: Sequence[Article], pool: ProcessPoolExecutor | None) -> Parts:
    """Return :func:`extract_article` of every article, in order, in the pool when worth it."""
    if pool is None or len(batch) < PARALLEL_MIN_BATCH:
        return extract_articles(batch)
    # pieces of at most a few hundred articles, each through extract_articles (every step
    # over the whole piece in turn), and at least eight so that no worker waits long for the last
    pieces = _pieces(batch, max(8, -(-len(batch) // PHASE_BATCH)))
    return [part for parts in pool.map(extract_articles, pieces) for part in parts]


def parts_to_arrow(parts: Parts) -> dict:
    """Return {table: pyarrow.Table} of many :func:`extract_article` results, in order."""
    collected: dict[str, list[dict]] = {table: [] for table in EXTRACTED_TABLES}
    for part in parts:
        for table, rows in part.items():
            collected[table].extend(rows)
    return {table: schema.arrow_table(table, rows) for table, rows in collected.items()}


def extract_tables(batch: Sequence[Article]) -> dict:
    """Return {table: pyarrow.Table} of a batch: the task a worker runs."""
    return parts_to_arrow(extract_articles(batch))


def concat_tables(pieces: list[dict]) -> dict:
    """Return the tables of consecutive pieces of a batch, joined in order."""
    import pyarrow as pa

    if len(pieces) == 1:
        return pieces[0]
    return {table: pa.concat_tables([p[table] for p in pieces]) for table in EXTRACTED_TABLES}


class _Done:
    """A batch extracted in this process already."""

    def __init__(self, tables: dict):
        self._tables = tables

    def result(self) -> dict:
        return self._tables


class _Gathered:
    """Pieces of a batch extracted elsewhere: futures with ``.result()``, joined in order."""

    def __init__(self, futures: list):
        self._futures = futures

    def result(self) -> dict:
        return concat_tables([f.result() for f in self._futures])


def _in_order(submit: Callable, fn: Callable, items: Iterable, ahead: int, here_every: int = 0) -> Iterator:
    """Yield ``fn(item)`` results in order, keeping ``ahead`` submitted tasks in flight; with
    ``here_every`` n, every n-th item is computed in this process meanwhile (the others run
    on while it does)."""
    pending: deque = deque()
    for number, item in enumerate(items, 1):
        if here_every and number % here_every == 0:
            pending.append(_Done(fn(item)))
        else:
            pending.append(submit(fn, item))
        if len(pending) >= ahead:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def _pieces(batch: Sequence[Article], n: int) -> list[list[Article]]:
    """Return ``batch`` cut into about ``n`` consecutive pieces."""
    size = max(1, -(-len(batch) // max(1, n)))
    return [list(batch[i : i + size]) for i in range(0, len(batch), size)]


def _pool(workers: int) -> ProcessPoolExecutor | None:
    n = workers or (os.cpu_count() or 1)
    if n <= 1:
        return None
    return ProcessPoolExecutor(max_workers=n, mp_context=multiprocessing.get_context("forkserver"))


class LocalExecutor:
    """Extraction in this process, or in a pool of ``workers`` processes (0: one per core).

    ``sharing``: this process is one of the ``workers`` in :meth:`imap` (a pool of one fewer
    does the rest), for passes whose tasks this process would otherwise only wait on: each
    process costs some 200 MB of imported libraries (numpy, pandas, scikit-learn) before it
    holds any data, and the build's refit passes were its memory peak (issue #15).
    """

    def __init__(self, workers: int = 1, *, sharing: bool = False):
        self.workers = workers
        n = workers or (os.cpu_count() or 1)
        self._here_every = n if sharing and n > 1 else 0
        if self._here_every:
            self._pool = ProcessPoolExecutor(max_workers=n - 1, mp_context=multiprocessing.get_context("forkserver"))
        else:
            self._pool = _pool(workers)

    def extract(self, batch: Sequence[Article]) -> Parts:
        return extract_batch(batch, self._pool)

    def submit(self, batch: Sequence[Article]) -> Pending:
        if self._pool is None or len(batch) < PARALLEL_MIN_BATCH:
            return _Done(extract_tables(batch))
        # A few pieces per worker: the last piece of a batch does not leave a core idle long.
        n = 4 * self._pool._max_workers
        return _Gathered([self._pool.submit(extract_tables, piece) for piece in _pieces(batch, n)])

    def imap(self, fn: Callable, items: Iterable) -> Iterator:
        if self._pool is None:
            return map(fn, items)
        ahead = self._pool._max_workers + 1 + bool(self._here_every)
        return _in_order(self._pool.submit, fn, items, ahead, self._here_every)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None


class DaskExecutor:
    """Extraction on a Dask cluster: the scheduler at ``scheduler`` (``tcp://host:8786``), or,
    when None, a local cluster of ``n_workers`` processes on loopback, closed by :meth:`close`.

    Workers need this package installed (its reference data ships inside it); each batch is one
    ``dask.bag`` of about ``partitions_per_thread`` partitions per worker thread.
    """

    def __init__(
        self,
        scheduler: str | None = None,
        *,
        n_workers: int = 2,
        partitions_per_thread: int = 4,
    ):
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError as exc:
            raise ImportError(
                "the dask executor needs dask.distributed: pip install 'techdiplomacy[scale]'"
            ) from exc

        self.scheduler = scheduler
        self.partitions_per_thread = partitions_per_thread
        self._cluster = None
        if scheduler is None:
            self._cluster = LocalCluster(
                n_workers=n_workers,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address=None,
            )
            scheduler = self._cluster
        try:
            self._client = Client(scheduler, set_as_default=False)
        except BaseException:
            if self._cluster is not None:
                self._cluster.close()
            raise

    def extract(self, batch: Sequence[Article]) -> Parts:
        import dask.bag

        if not batch:
            return []
        threads = sum(self._client.nthreads().values()) or 1
        npartitions = min(len(batch), threads * self.partitions_per_thread)
        bag = dask.bag.from_sequence(list(batch), npartitions=npartitions).map(extract_article)
        # A bag computes to one list, its partitions concatenated in order: the batch's order.
        return self._client.compute(bag).result()

    def submit(self, batch: Sequence[Article]) -> Pending:
        if not batch:
            return _Done(extract_tables([]))
        threads = sum(self._client.nthreads().values()) or 1
        pieces = _pieces(batch, threads * self.partitions_per_thread)
        return _Gathered(self._client.map(extract_tables, pieces, pure=False))

    def imap(self, fn: Callable, items: Iterable) -> Iterator:
        threads = sum(self._client.nthreads().values()) or 1
        return _in_order(lambda f, item: self._client.submit(f, item, pure=False), fn, items, threads + 1)

    def close(self) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None


@contextmanager
def open_executor(
    kind: str = "local", *, workers: int = 1, scheduler: str | None = None, sharing: bool = False
) -> Iterator[Executor]:
    """Yield the executor named ``kind`` and close it on the way out.

    ``workers`` sizes the local pool (with ``sharing``, this process counts as one of them in
    ``imap``); ``scheduler`` is a Dask scheduler address (only with ``kind="dask"``; None
    starts a local cluster).
    """
    if kind not in EXECUTORS:
        raise ValueError(f"unknown executor {kind!r}: choose one of {', '.join(EXECUTORS)}")
    if scheduler is not None and kind != "dask":
        raise ValueError("a scheduler address needs the dask executor")
    executor: Executor = LocalExecutor(workers, sharing=sharing) if kind == "local" else DaskExecutor(scheduler)
    try:
        yield executor
    finally:
        executor.close()
