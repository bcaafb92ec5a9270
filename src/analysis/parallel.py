"""Map a function over documents in worker processes, in order: the same result as a loop.

The stages that work document by document (ingest, extract) hand the read-only things every
document needs (knowledge base, discovered names, shared site lines, the cache) to
:func:`process_map`, and their per-document function reads them with :func:`shared`.

Two ways to spread the work: ``workers`` local processes (standard library), or the workers of
a Dask cluster (``scheduler``: the address of a ``dask.distributed`` scheduler; optional
dependency, ``pip install -e ".[dask]"``). The workers then read the raw files and the
per-document caches by path, so the project folder must be on a file system they share (a
single machine, or a network file system).
"""

from __future__ import annotations

import contextlib
import gc
from typing import Any, Callable, Iterator

_SHARED: dict[str, Any] = {}
#: seconds to wait for a Dask scheduler before giving up
CONNECT_TIMEOUT = 20


class SchedulerError(RuntimeError):
    """The Dask scheduler cannot be used (not installed, not reachable)."""


def shared() -> dict[str, Any]:
    """What the current :func:`process_map` call shares with its function, in this process."""
    return _SHARED


def _share(state: dict[str, Any]) -> None:
    _SHARED.clear()
    _SHARED.update(state)


#: cyclic-GC thresholds while a stage builds its rows (Python's default: 700, 10, 10)
STAGE_GC_THRESHOLDS = (20_000, 50, 100)


@contextlib.contextmanager
def fewer_collections() -> Iterator[None]:
    """Run a stage's document loop with the cyclic garbage collector rarely scanning.

    A stage builds hundreds of thousands of small objects (rows, mentions) that live until its
    tables are written and form no reference cycles; with Python's default thresholds the
    collector rescans all of them again and again (about 4 % of a 5,000-document run, mostly
    full collections). What exists before the stage (knowledge base, caches) is frozen out of
    the scans; thresholds and the frozen set are restored afterwards."""
    old = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(*STAGE_GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*old)
        gc.unfreeze()


def _start_worker(state: dict[str, Any]) -> None:
    """Initializer of a pool worker: the shared state, and the stage's collector thresholds."""
    gc.set_threshold(*STAGE_GC_THRESHOLDS)
    _share(state)


def process_map(fn: Callable, items: list, workers: int = 1, scheduler: str = "", **state: Any) -> list:
    """``[fn(x) for x in items]``, in ``workers`` processes when there are enough items, or on the
    Dask cluster at ``scheduler`` (results in the order of ``items``); ``state`` is what ``fn``
    reads through :func:`shared`."""
    _share(state)
    if scheduler:
        return _dask_map(fn, items, scheduler, state)
    if workers <= 1 or len(items) < 2 * workers:
        return [fn(x) for x in items]
    from concurrent.futures import ProcessPoolExecutor  # noqa: PLC0415

    with ProcessPoolExecutor(max_workers=workers, initializer=_start_worker, initargs=(state,)) as pool:
        return list(pool.map(fn, items, chunksize=max(1, len(items) // (workers * 8))))


def _run_batch(batch: list, fn: Callable, state: dict[str, Any]) -> list:
    """On a Dask worker: one batch of items, with the map's shared state installed in the worker."""
    _share(state)
    return [fn(x) for x in batch]


def dask_client(scheduler: str):
    """A ``distributed.Client`` connected to ``scheduler``, or :class:`SchedulerError` saying why not."""
    try:
        from distributed import Client  # noqa: PLC0415
    except ImportError as exc:
        raise SchedulerError(f"a Dask scheduler ({scheduler}) needs the optional dependency: "
                             f"pip install -e \".[dask]\" ({exc})") from exc
    try:
        return Client(scheduler, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise SchedulerError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from exc


def _dask_map(fn: Callable, items: list, scheduler: str, state: dict[str, Any]) -> list:
    """:func:`process_map` on a Dask cluster: the shared state is sent once to every worker, the items
    in about eight batches per worker (a task per document would cost more in scheduling than it runs)."""
    if not items:
        return []
    with dask_client(scheduler) as client:
        n_workers = max(1, len(client.scheduler_info().get("workers", {})))
        size = max(1, len(items) // (n_workers * 8))
        batches = [items[i:i + size] for i in range(0, len(items), size)]
        [state_future] = client.scatter([state], broadcast=True, hash=False)
        futures = client.map(_run_batch, batches, fn=fn, state=state_future, pure=False)
        return [result for batch in client.gather(futures) for result in batch]
