"""Map a function over documents in worker processes, in order: the same result as a loop.

The stages that work document by document (ingest, extract) hand the read-only things every
document needs (knowledge base, discovered names, shared site lines, the cache) to
:func:`process_map`, and their per-document function reads them with :func:`shared`.
"""

from __future__ import annotations

from typing import Any, Callable

_SHARED: dict[str, Any] = {}


def shared() -> dict[str, Any]:
    """What the current :func:`process_map` call shares with its function, in this process."""
    return _SHARED


def _share(state: dict[str, Any]) -> None:
    _SHARED.clear()
    _SHARED.update(state)


def process_map(fn: Callable, items: list, workers: int = 1, **state: Any) -> list:
    """``[fn(x) for x in items]``, in ``workers`` processes when there are enough items (results in
    the order of ``items``); ``state`` is what ``fn`` reads through :func:`shared`."""
    _share(state)
    if workers <= 1 or len(items) < 2 * workers:
        return [fn(x) for x in items]
    from concurrent.futures import ProcessPoolExecutor  # noqa: PLC0415

    with ProcessPoolExecutor(max_workers=workers, initializer=_share, initargs=(state,)) as pool:
        return list(pool.map(fn, items, chunksize=max(1, len(items) // (workers * 8))))
