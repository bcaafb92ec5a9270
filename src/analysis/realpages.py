"""The real-page yardstick: real public pages, their gold facts, a fixed dev/test split, scores.

The page texts are third-party writing and are never committed: ``data/real/raw/`` is
git-ignored. What is committed is, per page, its gold record (``data/real/gold/<stem>.json``,
written by an annotator who never saw the pipeline's output, audited in a second pass, see
``data/annotations/GUIDELINES.md``) and the manifest ``data/real/manifest.csv`` (file, url,
publisher, language, the exact retrieval query, SHA-256 of the text, split), so that anyone can
restore the texts by running the queries again and check them against the hashes
(:func:`check`).

The split is made once, by publisher (:func:`assign_splits`): every page of a site is in the
same part, two thirds of each language's pages in ``dev`` (read and tuned on), one third in
``test`` (only scored). A page already in the manifest keeps its split.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
import tempfile
from collections import Counter
from pathlib import Path

import pandas as pd

MANIFEST_COLUMNS = ["file", "language", "split", "publisher", "domain", "genre", "year", "url", "query", "sha256"]
GOLD_FIELDS = ("file", "language", "published", "actors", "optional", "traps", "pairs", "optional_pairs", "events")
TEST_SHARE = 1 / 3


def sha256_file(path: Path) -> str:
    """SHA-256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def key_map(real_dir: Path) -> dict[str, str]:
    """Gold keys two annotators gave to one body -> the key kept (``key_map.json``; empty if none)."""
    path = real_dir / "key_map.json"
    table = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    return {k: v for k, v in table.items() if not k.startswith("_")}


def _canonical(rec: dict, keys: dict[str, str]) -> dict:
    """A gold record with its keys mapped by ``keys`` (pairs that become one key dropped)."""
    k = lambda x: keys.get(x, x)  # noqa: E731
    out = dict(rec)
    for field in ("actors", "optional", "traps"):
        out[field] = sorted(set(map(k, rec[field])))
    out["optional"] = sorted(set(out["optional"]) - set(out["actors"]))
    for field in ("pairs", "optional_pairs"):
        out[field] = sorted({tuple(sorted({k(a), k(b)})) for a, b in rec[field] if k(a) != k(b)})
        out[field] = [list(p) for p in out[field]]
    out["events"] = [{**e, "participants": sorted(set(map(k, e["participants"])))} for e in rec["events"]]
    out["corpus_events"] = [{**c, "participants": sorted(set(map(k, c["participants"])))} for c in rec.get("corpus_events", [])]
    return out


def read_gold_records(real_dir: Path) -> list[dict]:
    """Every page's gold record (``gold/<stem>.json``), sorted by file name, keys mapped by :func:`key_map`."""
    keys = key_map(real_dir)
    records = []
    for path in sorted((real_dir / "gold").glob("*.json")):
        rec = json.loads(path.read_text(encoding="utf-8"))
        missing = [k for k in GOLD_FIELDS if k not in rec]
        if missing:
            raise ValueError(f"{path}: gold record lacks {', '.join(missing)}")
        if "source" not in rec or not rec["source"].get("url"):
            raise ValueError(f"{path}: gold record lacks its source (url, publisher, query)")
        records.append(_canonical(rec, keys))
    return records


def read_manifest(real_dir: Path) -> pd.DataFrame:
    """The committed manifest (empty with its columns when there is none yet)."""
    path = real_dir / "manifest.csv"
    if not path.exists():
        return pd.DataFrame(columns=MANIFEST_COLUMNS)
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def assign_splits(pages: pd.DataFrame, fixed: dict[str, str] | None = None, share: float = TEST_SHARE) -> dict[str, str]:
    """Split pages by publisher (``domain``) into dev and test: file -> split.

    Domains are taken in the order of their SHA-256 (arbitrary but fixed); a domain goes to
    ``test`` while the test share of its main language is under ``share``. Pages in ``fixed``
    keep their split, and so does every other page of their domain.

    >>> pages = pd.DataFrame({"file": ["a", "b", "c"], "domain": ["x.org", "y.org", "z.org"], "language": ["en"] * 3})
    >>> sorted(assign_splits(pages).values())
    ['dev', 'dev', 'test']
    """
    fixed = dict(fixed or {})
    by_domain: dict[str, list[dict]] = {}
    for row in pages.to_dict("records"):
        by_domain.setdefault(row["domain"], []).append(row)
    totals = Counter(pages["language"])
    test = Counter()
    out: dict[str, str] = {}
    for domain, rows in by_domain.items():  # splits already made keep their domain
        known = {fixed[r["file"]] for r in rows if r["file"] in fixed}
        if known:
            split = "test" if "test" in known else "dev"
            for r in rows:
                out[r["file"]] = split
                test[r["language"]] += split == "test"
    for domain in sorted(set(by_domain) - {d for d, rows in by_domain.items() if rows[0]["file"] in out},
                         key=lambda d: hashlib.sha256(d.encode()).hexdigest()):
        rows = by_domain[domain]
        lang = Counter(r["language"] for r in rows).most_common(1)[0][0]
        split = "test" if test[lang] + len(rows) / 2 <= share * totals[lang] else "dev"
        for r in rows:
            out[r["file"]] = split
            test[r["language"]] += split == "test"
    return out


def build_manifest(real_dir: Path) -> pd.DataFrame:
    """The manifest from the gold records and the texts present (a hash already recorded is kept when
    the text is missing), with splits fixed by :func:`assign_splits`."""
    old = read_manifest(real_dir)
    old_rows = {r["file"]: r for r in old.to_dict("records")}
    rows = []
    for rec in read_gold_records(real_dir):
        src = rec["source"]
        path = real_dir / "raw" / rec["file"]
        digest = sha256_file(path) if path.exists() else old_rows.get(rec["file"], {}).get("sha256", "")
        rows.append({"file": rec["file"], "language": rec["language"], "split": "", "publisher": src.get("publisher", ""),
                     "domain": src.get("domain", "") or src["url"].split("/")[2].removeprefix("www."),
                     "genre": src.get("genre", ""), "year": "" if src.get("year") is None else str(src["year"]), "url": src["url"],
                     "query": src.get("query", ""), "sha256": digest})
    frame = pd.DataFrame(rows, columns=MANIFEST_COLUMNS)
    fixed = {f: r["split"] for f, r in old_rows.items() if r.get("split")}
    splits = assign_splits(frame, fixed)
    frame["split"] = frame["file"].map(splits)
    return frame.sort_values("file").reset_index(drop=True)


def write_manifest(frame: pd.DataFrame, real_dir: Path) -> Path:
    """Write ``manifest.csv`` (sorted, UTF-8, ``\\n`` line ends)."""
    buf = io.StringIO()
    frame[MANIFEST_COLUMNS].to_csv(buf, index=False, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    path = real_dir / "manifest.csv"
    path.write_text(buf.getvalue(), encoding="utf-8")
    return path


def check(real_dir: Path) -> list[tuple[str, str]]:
    """Problems with the texts on disk: ``(file, problem)`` for each missing text or changed hash."""
    problems = []
    for row in read_manifest(real_dir).to_dict("records"):
        path = real_dir / "raw" / row["file"]
        if not path.exists():
            problems.append((row["file"], f"missing: restore it from the search query {row['query']!r} "
                                          f"(the result at {row['url']})"))
        elif sha256_file(path) != row["sha256"]:
            problems.append((row["file"], "text differs from the manifest's SHA-256"))
    return problems


def split_gold(real_dir: Path, split: str) -> dict:
    """The gold of one split in the scorer's form (``{"documents": [...], "corpus_events": [...]}``)."""
    manifest = read_manifest(real_dir)
    files = set(manifest.loc[manifest["split"] == split, "file"])
    records = [rec for rec in read_gold_records(real_dir) if rec["file"] in files]
    docs = [{k: rec[k] for k in GOLD_FIELDS} for rec in records]
    corpus = [ce for rec in records for ce in rec.get("corpus_events", [])
              if set(ce["files"]) <= files]
    unique = {json.dumps(ce, sort_keys=True): ce for ce in corpus}
    return {"_about": f"Gold facts of the real-page corpus, {split} split (data/real/manifest.csv).",
            "documents": docs, "corpus_events": [unique[k] for k in sorted(unique)]}


def merged_aliases(real_dir: Path) -> tuple[dict[str, list[str]], list[str]]:
    """The annotators' alias tables (``aliases/*.json``) merged: key -> surface forms, and the forms
    dropped because two keys claim them (a bare 'Ministry of Interior' of two countries): a name that
    could be either body identifies neither, so it is scored as no known actor."""
    from .evaluate import norm  # noqa: PLC0415 - the scorer's normalisation decides what 'the same form' is

    claims: dict[str, set[str]] = {}
    forms: dict[str, dict[str, None]] = {}
    keys = key_map(real_dir)
    for path in sorted((real_dir / "aliases").glob("*.json")):
        for key, items in json.loads(path.read_text(encoding="utf-8")).items():
            if key.startswith("_"):
                continue
            key = keys.get(key, key)
            for form in items:
                if norm(form):
                    claims.setdefault(norm(form), set()).add(key)
                    forms.setdefault(key, {})[form] = None
    ambiguous = {n for n, keys in claims.items() if len(keys) > 1}
    table = {k: sorted(f for f in v if norm(f) not in ambiguous) for k, v in sorted(forms.items())}
    dropped = sorted(f"{n} ({', '.join(sorted(claims[n]))})" for n in ambiguous)
    return {k: v for k, v in table.items() if v}, dropped


def present_files(real_dir: Path, split: str) -> tuple[list[str], list[str]]:
    """Files of ``split`` whose text is on disk with the manifest's hash, and those that are not."""
    manifest = read_manifest(real_dir)
    bad = {f for f, _ in check(real_dir)}
    files = sorted(manifest.loc[manifest["split"] == split, "file"])
    return [f for f in files if f not in bad], [f for f in files if f in bad]


def score_split(real_dir: Path, split: str, reference_dir: Path, out_dir: Path | None = None) -> tuple[dict, pd.DataFrame, list[str]]:
    """Run ingestion and extraction on the present texts of ``split`` and score them against its gold.

    Returns the scorer's summary, its per-document rows and the files that were missing (scored as
    not found, as the shared scorer does). ``out_dir`` keeps the tables (a temporary folder otherwise)."""
    from .evaluate import evaluate  # noqa: PLC0415
    from .extract import extract_corpus  # noqa: PLC0415
    from .ingest import ingest_corpus  # noqa: PLC0415
    from .kb import load_kb  # noqa: PLC0415
    from .tables import frame, write_table  # noqa: PLC0415

    present, missing = present_files(real_dir, split)
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "raw"
        raw.mkdir()
        for f in present:
            shutil.copyfile(real_dir / "raw" / f, raw / f)
        out = Path(out_dir) if out_dir else Path(tmp) / "processed"
        out.mkdir(parents=True, exist_ok=True)
        docs, _, _ = ingest_corpus(raw)
        tables = extract_corpus(docs, load_kb(reference_dir))
        write_table(frame("documents", docs), out, "documents")
        for name in ("entities", "mentions", "relations", "events"):
            write_table(frame(name, tables[name]), out, name)
        gold_path, alias_path = Path(tmp) / "gold.json", Path(tmp) / "aliases.json"
        gold_path.write_text(json.dumps(split_gold(real_dir, split), ensure_ascii=False), encoding="utf-8")
        aliases, _ = merged_aliases(real_dir)
        alias_path.write_text(json.dumps(aliases, ensure_ascii=False), encoding="utf-8")
        if out_dir:
            shutil.copyfile(gold_path, out / f"gold_{split}.json")
            shutil.copyfile(alias_path, out / "aliases.json")
        summary, rows = evaluate(out, gold_path, alias_path)
    return summary, rows, missing


__all__ = ["MANIFEST_COLUMNS", "assign_splits", "build_manifest", "check", "merged_aliases", "present_files",
           "read_gold_records", "read_manifest", "score_split", "split_gold", "write_manifest"]
