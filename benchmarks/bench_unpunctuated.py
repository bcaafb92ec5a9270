"""Time and memory of one hostile page that never ends a sentence: 'IOM and UNODC and IOM and …' (issue 13).

Each size runs in a fresh Python process (so the peak memory is that size's): the page is cleaned
(:func:`analysis.ingest.build_document`) and extracted (:func:`analysis.extract.extract_corpus`), and the
mentions table is rendered as it would be written. Printed per size: characters, seconds of cleaning and
extraction, peak RSS, mentions, bytes of ``mentions.csv`` and bytes per character of text. Linear means
seconds and bytes per character stay flat as the page grows, and the peak memory grows by a bounded
amount per character (before the sentence cap and the sentence id in mentions, 126 kB took 82 s and 3.6 GB
and wrote a 1.76 GB mentions.csv).

    .venv/bin/python benchmarks/bench_unpunctuated.py --sizes 50 100 200 400 800
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_CHILD = r"""
import json, resource, sys, time
from pathlib import Path
from analysis.extract import extract_corpus
from analysis.ingest import build_document, relevance_filter
from analysis.kb import load_kb
from analysis.tables import frame, table_csv

kb = load_kb(Path(sys.argv[2]) / "data/reference")
relevant = relevance_filter(Path(sys.argv[2]) / "data/reference")
body = "IOM and UNODC and " * (int(sys.argv[1]) * 1000 // 18) + "UNHCR signed."
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t0 = time.perf_counter()
row, _ = build_document("page", "page.txt", body, relevant=relevant)
t1 = time.perf_counter()
out = extract_corpus([row], kb)
t2 = time.perf_counter()
size = len(table_csv(frame("mentions", out["mentions"]), "mentions"))
print(json.dumps({"chars": len(body), "clean_s": t1 - t0, "extract_s": t2 - t1, "peak_mb": resource.getrusage(
    resource.RUSAGE_SELF).ru_maxrss / 1024, "kb_mb": base / 1024, "mentions": len(out["mentions"]),
    "relations": len(out["relations"]), "rejected": out["rejected"], "mentions_csv_bytes": size}))
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[50, 100, 200, 400, 800], help="page sizes in kB")
    args = ap.parse_args()
    print(f"{'kB':>5} {'chars':>8} {'clean s':>8} {'extract s':>9} {'us/char':>8} {'peak MB':>8} {'+MB':>6} "
          f"{'mentions':>9} {'csv MB':>7} {'B/char':>6}  rejected")
    for kb in args.sizes:
        res = subprocess.run([sys.executable, "-c", _CHILD, str(kb), str(ROOT)], capture_output=True, text=True,
                             check=True)
        r = json.loads(res.stdout.strip().splitlines()[-1])
        seconds = r["clean_s"] + r["extract_s"]
        print(f"{kb:>5} {r['chars']:>8} {r['clean_s']:>8.2f} {r['extract_s']:>9.2f} {1e6 * seconds / r['chars']:>8.2f} "
              f"{r['peak_mb']:>8.0f} {r['peak_mb'] - r['kb_mb']:>6.0f} {r['mentions']:>9} "
              f"{r['mentions_csv_bytes'] / 1e6:>7.2f} {r['mentions_csv_bytes'] / r['chars']:>6.1f}  "
              f"{'; '.join(x['reason'] for x in r['rejected']) or '-'}")


if __name__ == "__main__":
    main()
