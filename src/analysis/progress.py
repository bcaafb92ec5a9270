"""Progress lines that stay readable from five documents to a whole press archive."""

from __future__ import annotations

import math
from typing import Callable

EVERY_ITEM_UP_TO = 100  # corpora this small get one line per document
LINES_FOR_LARGE = 20  # larger ones get about this many lines


def per_item(progress: Callable[[str], None] | None, total: int) -> Callable[[str], None]:
    """A progress callback for ``total`` items: every item's line for small corpora; for large ones
    one line in ``total / 20``, prefixed with the count, so a 10,000-document run prints 20 lines."""
    count = 0
    step = 1 if total <= EVERY_ITEM_UP_TO else math.ceil(total / LINES_FOR_LARGE)

    def say(message: str) -> None:
        nonlocal count
        count += 1
        if progress is not None and (count % step == 0 or count == total):
            progress(message if step == 1 else f"[{count}/{total}] {message}")
    return say
