"""Where per-article extraction runs: this machine's processes, or a Dask cluster.

:func:`techdiplomacy.tables.extract_article` is a pure function of one article, so any executor
that maps it over a batch and keeps the order gives the same tables. The store only chooses one
(:func:`open_executor`) and calls ``extract(batch)`` per batch; Dask is imported only when asked
for, so the app and the default build never need it.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import Protocol

from techdiplomacy.corpus import Article
from techdiplomacy.tables import extract_article

Parts = list[dict[str, list[dict]]]

EXECUTORS = ("local", "dask")

#: Below this many articles in a batch, local extraction stays in this process (a pool costs more).
PARALLEL_MIN_BATCH = 64


class Executor(Protocol):
    """Runs :func:`extract_article` over batches of articles."""

    def extract(self, batch: Sequence[Article]) -> Parts:
        """Return the rows of every article of ``batch``, in the batch's order."""
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
        return [extract_article(a) for a in batch]
    return list(pool.map(extract_article, batch, chunksize=max(1, len(batch) // 32)))


def _pool(workers: int) -> ProcessPoolExecutor | None:
    n = workers or (os.cpu_count() or 1)
    if n <= 1:
        return None
    return ProcessPoolExecutor(max_workers=n, mp_context=multiprocessing.get_context("forkserver"))


class LocalExecutor:
    """Extraction in this process, or in a pool of ``workers`` processes (0: one per core)."""

    def __init__(self, workers: int = 1):
        self.workers = workers
        self._pool = _pool(workers)

    def extract(self, batch: Sequence[Article]) -> Parts:
        return extract_batch(batch, self._pool)

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

    def close(self) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None


@contextmanager
def open_executor(kind: str = "local", *, workers: int = 1, scheduler: str | None = None) -> Iterator[Executor]:
    """Yield the executor named ``kind`` and close it on the way out.

    ``workers`` sizes the local pool; ``scheduler`` is a Dask scheduler address (only with
    ``kind="dask"``; None starts a local cluster).
    """
    if kind not in EXECUTORS:
        raise ValueError(f"unknown executor {kind!r}: choose one of {', '.join(EXECUTORS)}")
    if scheduler is not None and kind != "dask":
        raise ValueError("a scheduler address needs the dask executor")
    executor: Executor = LocalExecutor(workers) if kind == "local" else DaskExecutor(scheduler)
    try:
        yield executor
    finally:
        executor.close()
