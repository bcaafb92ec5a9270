"""Progress lines that stay readable from five documents to a whole press archive, and the terminal side of
``analysis run``: a progress bar with counts and time left built from those lines."""

from __future__ import annotations

import math
import re
import sys
from typing import Callable, TextIO

EVERY_ITEM_UP_TO = 100  # corpora this small get one line per document
LINES_FOR_LARGE = 20  # larger ones get about this many lines
COUNTED = re.compile(r"^\[(\d+)/(\d+)\] (.*)$")  # a line of per_item: '[count/total] message'


def per_item(progress: Callable[[str], None] | None, total: int) -> Callable[[str], None]:
    """A progress callback for ``total`` items: each line prefixed with the count ('[3/5] ingest a.txt: …');
    every item's line for small corpora, for large ones one line in ``total / 20``, so a 10,000-document run
    prints 20 lines."""
    count = 0
    step = 1 if total <= EVERY_ITEM_UP_TO else math.ceil(total / LINES_FOR_LARGE)

    def say(message: str) -> None:
        nonlocal count
        count += 1
        if progress is not None and (count % step == 0 or count == total):
            progress(f"[{count}/{total}] {message}")
    return say


class RunOutput:
    """Where ``analysis run`` sends what the notebooks print (a file-like object papermill writes to) and its
    own stage lines.

    ``verbosity`` 0 (``-q``) shows nothing; 1 shows the stage lines and the other lines the notebooks print
    (rejected files, corrections, summaries), and the per-document lines ('[k/N] …') as a progress bar with
    counts, rate and time left when ``stream`` is a terminal, as lines otherwise; 2 (``-v``) shows every line.
    """

    def __init__(self, verbosity: int = 1, stream: TextIO | None = None, bar: bool | None = None) -> None:
        self.verbosity = verbosity
        self.stream = stream or sys.stdout
        self.use_bar = (self.stream.isatty() if bar is None else bar) and verbosity == 1
        self.stage = ""
        self._bar = None
        self._pending = ""

    def write(self, text: str) -> int:
        """Receive printed text; complete lines are shown at once."""
        self._pending += text
        *lines, self._pending = self._pending.split("\n")
        for line in lines:
            self.line(line.rstrip("\r"))
        return len(text)

    def flush(self) -> None:
        self.stream.flush()

    def say(self, message: str) -> None:
        """A stage line of the pipeline ('[01_ingest.ipynb] running')."""
        self._close_bar()
        if message.startswith("[") and "]" in message:
            self.stage = message[1:message.index("]")].split("_", 1)[-1].removesuffix(".ipynb")
        self._print(message)

    def line(self, line: str) -> None:
        """One line a notebook printed."""
        counted = COUNTED.match(line)
        if counted and self.use_bar:
            count, total = int(counted.group(1)), int(counted.group(2))
            if self._bar is None or self._bar.total != total or count < self._bar.n:
                self._close_bar()
                from tqdm import tqdm  # noqa: PLC0415

                # the clock starts at the first line, so rate and time left come from the documents after it
                self._bar = tqdm(total=total, initial=count, desc=self.stage or "documents", unit="doc",
                                 file=self.stream, dynamic_ncols=True)
            else:
                self._bar.update(count - self._bar.n)
            if count == total:
                self._close_bar()
            return
        self._print(line)

    def _print(self, line: str) -> None:
        if self.verbosity == 0 or not line.strip():
            return
        if self._bar is not None:
            self._bar.write(line, file=self.stream)
        else:
            print(line, file=self.stream, flush=True)

    def _close_bar(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None

    def close(self) -> None:
        """Show a line left without its end and remove a bar still drawn."""
        if self._pending:
            self.line(self._pending)
            self._pending = ""
        self._close_bar()
