"""Content-addressed caches for incremental reruns (hashes of contents, never modification times).

* :func:`code_hash` fingerprints the source of the modules a stage runs, so changing the code
  invalidates what it produced;
* :class:`DocCache` keeps one value per document result in ``<processed>/.cache/<stage>.sqlite``,
  keyed by the hash of everything that result depends on: a rerun after adding or editing one
  raw file recomputes that document only.
"""

from __future__ import annotations

import hashlib
import json
import re
import marshal
import os
import sqlite3
from pathlib import Path
from typing import Any, Callable

from .tables import atomic_write_text

PACKAGE = Path(__file__).resolve().parent


def sha256_text(*parts: Any) -> str:
    """SHA-256 of the JSON form of ``parts`` (sorted keys, so dict order does not matter)."""
    text = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()  # a file name may hold undecodable bytes


def module_closure(*roots: str) -> tuple[str, ...]:
    """The package modules ``roots`` import, directly or through others (relative imports read from the source
    with :mod:`ast`), with the data folders the package reads (``lang``, ``resources``, ``templates``) when a
    module of the closure names them: what a stage's cache key must cover, derived instead of listed by hand.

    >>> "dates" in module_closure("ingest") and "lang" in module_closure("ingest")
    True
    """
    import ast  # noqa: PLC0415

    seen: set[str] = set()
    todo = list(roots)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        path = PACKAGE / f"{name}.py" if (PACKAGE / f"{name}.py").exists() else PACKAGE / name / "__init__.py"
        if not path.exists():
            continue
        seen.add(name)
        source = path.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.ImportFrom) and node.level >= 1:
                if node.module:
                    todo.append(node.module.split(".")[0] if node.level == 1 else node.module.split(".")[0])
                else:
                    todo.extend(a.name for a in node.names)
        seen.update(re.findall(r"/\s*[\"'](lang|resources|templates)[\"']", source))  # a path into a data folder
    return tuple(sorted(seen))


def code_hash(*modules: str) -> str:
    """Hash of the source files of the named package modules (a folder's files for 'templates' and
    'lang', the language resources)."""
    h = hashlib.sha256()
    for name in sorted(modules):
        paths = sorted((PACKAGE / name).glob("*.*")) if (PACKAGE / name).is_dir() else [PACKAGE / f"{name}.py"]
        for p in paths:
            h.update(p.name.encode())
            h.update(p.read_bytes())
    return h.hexdigest()


class DocCache:
    """One value per key, in a single SQLite file; missing or unreadable entries are misses.

    Values are plain data (dicts, lists, strings, numbers) serialised with :mod:`marshal`: about
    five times faster than JSON to write on a cold run (a stage's cache holds every document's text),
    and, unlike pickle, reading a value never runs code.

    A file per document cost more in ``open`` calls than the extraction it saved on large
    corpora; one SQLite database (standard library) is one file, written in one transaction
    by :meth:`prune` at the end of a stage, and read concurrently by worker processes (each
    opens its own connection). A run killed before :meth:`prune` leaves the previous cache intact.
    """

    def __init__(self, path: Path | None, shapes: tuple[frozenset[str], ...] = (),
                 note: Callable[[str], None] | None = None) -> None:
        """``shapes``: the key sets a stored value may have (a value of another shape is a miss); ``note`` is told
        when the file cannot be used and is rebuilt. The file is checked here, in the stage's process, before any
        worker reads it."""
        self.path = Path(path) if path else None
        self.shapes = shapes
        self.note = note
        self.hits = 0
        self.misses = 0
        self._conn: sqlite3.Connection | None = None
        self._pid = 0
        self._db()

    def __getstate__(self) -> dict:
        return {**self.__dict__, "_conn": None, "_pid": 0, "note": None}  # connections never cross processes

    def _db(self) -> sqlite3.Connection | None:
        if self.path is None:
            return None
        if self._conn is None or self._pid != os.getpid():
            self._conn = self._open() or (self._discard() and self._open())
            if self._conn is None:
                self._tell("cannot be used; this run computes every document")
                self.path = None  # an unusable cache only costs recomputation
                return None
            self._pid = os.getpid()
        return self._conn

    def _open(self) -> sqlite3.Connection | None:
        """A connection to the cache file, or None when it is not this cache's database (another schema, corrupt)."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, timeout=60)
            columns = [row[1] for row in conn.execute("PRAGMA table_info(cache)")]
            if columns and columns != ["key", "value"]:
                conn.close()
                return None
            conn.execute("CREATE TABLE IF NOT EXISTS cache (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            return conn
        except (sqlite3.Error, OSError):
            return None

    def _discard(self) -> bool:
        """Remove a cache file that is not this cache's database (a crash of another tool, a bad copy, another
        version's schema): it is rebuilt, with a note."""
        try:
            self.path.unlink()
        except OSError:
            return False
        self._tell("unreadable or of another schema: removed and rebuilt")
        return True

    def _tell(self, what: str) -> None:
        if self.note is not None:
            self.note(f"cache {self.path}: {what}")

    def get(self, key: str) -> Any | None:
        """The cached value of ``key``, or None."""
        db = self._db()
        try:
            # fetchall finishes the statement: no read lock lingers in a worker while the main process writes
            row = next(iter(db.execute("SELECT value FROM cache WHERE key = ?", (key,)).fetchall()), None) if db else None
            value = marshal.loads(row[0]) if row else None
        except (sqlite3.Error, ValueError, EOFError, TypeError):  # not a value this version wrote: a miss
            value = None
        if value is not None and self.shapes and not (isinstance(value, dict) and frozenset(value) in self.shapes):
            value = None  # a value of another shape is recomputed, never handed to the stage
        if value is None:
            self.misses += 1
        else:
            self.hits += 1
        return value

    def put(self, key: str, value: Any) -> None:
        """Store ``value`` (plain data: dict, list, tuple, str, int, float, bool, None) under ``key``;
        written to disk by :meth:`prune`."""
        db = self._db()
        if db is not None:
            db.execute("INSERT OR REPLACE INTO cache VALUES (?, ?)",
                       (key, marshal.dumps(value)))

    def prune(self, keep: set[str]) -> None:
        """Delete entries not in ``keep`` (documents removed or changed since) and commit."""
        db = self._db()
        if db is None:
            return
        db.execute("CREATE TEMP TABLE IF NOT EXISTS keep (key TEXT PRIMARY KEY)")
        db.execute("DELETE FROM keep")
        db.executemany("INSERT OR IGNORE INTO keep VALUES (?)", ((k,) for k in keep))
        db.execute("DELETE FROM cache WHERE key NOT IN (SELECT key FROM keep)")
        db.commit()
        # after a code or reference change most entries are stale: give their space back, so the file
        # holds about one corpus worth of results instead of growing with every version
        free, pages = db.execute("PRAGMA freelist_count").fetchone()[0], db.execute("PRAGMA page_count").fetchone()[0]
        if free > pages // 2:
            db.execute("VACUUM")
