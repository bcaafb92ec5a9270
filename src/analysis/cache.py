"""Content-addressed caches for incremental reruns (hashes of contents, never modification times).

* :func:`code_hash` fingerprints the source of the modules a stage runs, so changing the code
  invalidates what it produced;
* :class:`DocCache` keeps one JSON file per document result under ``<processed>/.cache/<stage>/``,
  keyed by the hash of everything that result depends on: a rerun after adding or editing one
  raw file recomputes that document only.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from .tables import atomic_write_text

PACKAGE = Path(__file__).resolve().parent


def sha256_text(*parts: Any) -> str:
    """SHA-256 of the JSON form of ``parts`` (sorted keys, so dict order does not matter)."""
    return hashlib.sha256(json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str).encode("utf-8")).hexdigest()


def code_hash(*modules: str) -> str:
    """Hash of the source files of the named package modules (and templates, for 'templates')."""
    h = hashlib.sha256()
    for name in sorted(modules):
        paths = sorted((PACKAGE / "templates").glob("*")) if name == "templates" else [PACKAGE / f"{name}.py"]
        for p in paths:
            h.update(p.name.encode())
            h.update(p.read_bytes())
    return h.hexdigest()


class DocCache:
    """One JSON value per key in a folder; missing or unreadable entries are misses."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = Path(folder) if folder else None
        self.hits = 0
        self.misses = 0

    def get(self, key: str) -> Any | None:
        """The cached value of ``key``, or None."""
        if self.folder is None:
            return None
        path = self.folder / f"{key}.json"
        try:
            value = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.misses += 1
            return None
        self.hits += 1
        return value

    def put(self, key: str, value: Any) -> None:
        """Store ``value`` (JSON-serialisable) under ``key``."""
        if self.folder is not None:
            atomic_write_text(self.folder / f"{key}.json", json.dumps(value, ensure_ascii=False, sort_keys=True))

    def prune(self, keep: set[str]) -> None:
        """Delete entries not in ``keep`` (documents removed or changed since)."""
        if self.folder is None or not self.folder.is_dir():
            return
        for p in self.folder.glob("*.json"):
            if p.stem not in keep:
                p.unlink()
