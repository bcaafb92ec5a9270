"""Benchmark the pipeline's own code on synthetic corpora of growing size (prints figures; not a test).

For every size N: write N synthetic press releases (:mod:`synthetic`, seeded, no network), then run
the stages through the package functions, as the notebooks do but without papermill, each stage in
a fresh Python process (as papermill gives each notebook its own kernel), so that its peak RSS
(``ru_maxrss``) is its own:

    ingest    analysis.ingest.run_stage(raw, processed, progress=None)
    extract   analysis.extract.run_stage(processed, reference, None, progress=None)
    network   analysis.network.run_stage(processed)
    manifest  analysis.pipeline.build_manifest(params) -> processed/manifest.json
    report    analysis.report.run_stage(processed, reports, params, manifest, None)

Seconds are the stage call only (imports excluded); CPU s adds the stage process and its worker
processes; peak MB includes the interpreter and imports. MB/s is megabytes (10^6 bytes) of raw text
per second. The 'core' line is ingest + extract, with MB per CPU second (per core).
``--pipeline`` also times ``analysis run --force`` (the four notebooks through papermill, as a user
runs it) on each corpus, and the fixed cost of one notebook (a kernel started, run, shut down).
A size stops when its stages together exceed ``--timeout`` seconds; the numbers measured so far
are printed. Each size runs cold: processed/ and reports/ (with the stages' per-document caches) are
removed first; ``--warm`` then reruns ingest and extract on the caches. ``--profile STAGE`` runs one
stage in-process under cProfile on the first size.

    .venv/bin/python benchmarks/bench_pipeline.py --sizes 1000 5000 10000 --seed 1
    .venv/bin/python benchmarks/bench_pipeline.py --sizes 10000 --workers 2 --pipeline
    .venv/bin/python benchmarks/bench_pipeline.py --sizes 1000 --core   # text processing alone, one core
    .venv/bin/python benchmarks/bench_pipeline.py --sizes 1000 --profile extract
"""

from __future__ import annotations

import argparse
import inspect
import json
import os
import re
import resource  # POSIX only: the benchmark measures CPU time and caps memory with it
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from analysis.pipeline import peak_rss_mb  # ru_maxrss in MB on Linux (kB) and macOS (bytes)

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
STAGES = ("ingest", "extract", "network", "manifest", "report")
sys.path.insert(0, str(HERE))


def _params(work: Path) -> dict:
    """The project's default parameters with the benchmark's folders (as the CLI would resolve them)."""
    from analysis import pipeline

    over = {"raw_dir": str(work / "raw"), "processed_dir": str(work / "processed"), "reports_dir": str(work / "reports")}
    return pipeline.resolve_paths(pipeline.load_params(overrides=over), ROOT)


def _call(fn, *args, **kwargs):
    """Call a stage entry point with the keyword arguments it accepts (the package evolves; the notebooks pass these)."""
    accepted = inspect.signature(fn).parameters
    return fn(*args, **{k: v for k, v in kwargs.items() if k in accepted})


def run_stage(stage: str, work: Path, workers: int = 1, scheduler: str = "") -> None:
    """Run one stage on ``work`` (raw/, processed/, reports/ inside) with the arguments its notebook uses."""
    from analysis import pipeline  # each stage imports only its own module, as its notebook does

    p = _params(work)
    processed = Path(p["processed_dir"])
    if stage == "ingest":
        from analysis import ingest

        _call(ingest.run_stage, Path(p["raw_dir"]), processed, progress=None, reference_dir=p["reference_dir"], workers=workers,
              scheduler=scheduler)
    elif stage == "extract":
        from analysis import extract

        _call(extract.run_stage, processed, p["reference_dir"], p["corrections_file"], progress=None, workers=workers,
              scheduler=scheduler)
    elif stage == "network":
        from analysis import network

        network.run_stage(processed, seed=p["seed"], year_min=p["year_min"], year_max=p["year_max"],
                          relation_types=p["relation_types"], languages=p["languages"], min_confidence=p["min_confidence"])
    elif stage == "manifest":
        manifest = pipeline.build_manifest(p)
        (processed / "manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True))
    elif stage == "report":
        from analysis import report

        manifest = json.loads((processed / "manifest.json").read_text())
        report.run_stage(processed, Path(p["reports_dir"]), p, manifest, None)


def child(stage: str, work: Path, workers: int, scheduler: str = "") -> None:
    """Entry point of the per-stage subprocess: import, time the stage, print one JSON line."""
    import analysis.extract, analysis.network, analysis.report  # noqa: E401,F401  (imports are not timed)

    def cpu() -> float:  # this process and its finished children (the worker processes)
        return sum(resource.getrusage(who).ru_utime + resource.getrusage(who).ru_stime
                   for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))

    t0, c0 = time.perf_counter(), cpu()
    run_stage(stage, work, workers, scheduler)
    dt, dc = time.perf_counter() - t0, cpu() - c0
    peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    print(json.dumps({"seconds": dt, "cpu_seconds": dc, "peak_mb": peak_rss_mb(peak)}))


MEM_LIMIT_GB = 12.0  # address-space cap of a stage process, so a runaway stage fails with MemoryError, not the machine


def _limit_memory() -> None:
    cap = int(MEM_LIMIT_GB * 2 ** 30)
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))


def measure(stage: str, work: Path, timeout: float, workers: int = 1, scheduler: str = "") -> dict:
    """Run one stage in a fresh interpreter; {'seconds', 'peak_mb'} or {'error': text}.

    With ``workers`` > 1 the extraction's worker processes are children: their peak is taken from
    RUSAGE_CHILDREN of this process (largest child), which then includes the stage process itself."""
    cmd = [sys.executable, __file__, "--child", stage, "--workdir", str(work), "--workers", str(workers),
           "--scheduler", scheduler]
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=max(timeout, 1), cwd=ROOT,
                           preexec_fn=_limit_memory if MEM_LIMIT_GB else None)
    except subprocess.TimeoutExpired:
        return {"error": f"TIMEOUT after {timeout:.0f} s"}
    if r.returncode != 0:
        return {"error": f"exit {r.returncode}\n{r.stderr[-4000:]}"}
    return json.loads(r.stdout.strip().splitlines()[-1])


def pdf_pages(path: Path) -> str:
    try:
        out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, timeout=120).stdout
        return re.search(r"Pages:\s+(\d+)", out).group(1)
    except (OSError, AttributeError, subprocess.SubprocessError):
        return "?"


def report_shape(reports: Path) -> str:
    """Size of report.html/report.pdf, PDF pages, and bytes + rows of each HTML section (what blows up)."""
    html_p, pdf_p = reports / "report.html", reports / "report.pdf"
    if not html_p.exists():
        return "  report: not written"
    html = html_p.read_text(encoding="utf-8")
    lines = [f"  report.html {html_p.stat().st_size / 1e6:.1f} MB, report.pdf "
             f"{pdf_p.stat().st_size / 1e6:.1f} MB, {pdf_pages(pdf_p)} pages" if pdf_p.exists() else "  report.pdf missing"]
    parts = re.split(r'(?=<h2 id=")', html)
    for part in parts[1:]:
        sid = re.match(r'<h2 id="([^"]+)"', part).group(1)
        rows = part.count("<tr>") + part.count("<li>")
        lines.append(f"    section {sid:<16} {len(part.encode()) / 1e3:9.0f} kB {rows:7d} rows/items")
    return "\n".join(lines)


def _row(n: int, stage: str, r: dict, mb: float) -> None:
    print(f"{n:>6} {stage:<9} {r['seconds']:9.2f} {r['cpu_seconds']:8.2f} {n / r['seconds']:9.1f} {mb / r['seconds']:8.2f} "
          f"{r['peak_mb']:8.0f}", flush=True)


def bench_size(n: int, seed: int, base: Path, timeout: float, workers: int = 1, warm: bool = False,
               scheduler: str = "") -> list[dict]:
    """Generate (or reuse) the corpus of size n, run every stage cold (outputs and the stages' caches
    removed first), print rows; with ``warm``, rerun ingest and extract on their caches. Return the rows."""
    import shutil

    from synthetic import write_corpus

    work = base / f"n{n}_seed{seed}"
    raw = work / "raw"
    stamp = work / "corpus.json"
    if not (stamp.exists() and json.loads(stamp.read_text()) == {"n": n, "seed": seed}):
        shutil.rmtree(raw, ignore_errors=True)
        write_corpus(n, raw, seed)
        stamp.write_text(json.dumps({"n": n, "seed": seed}))
    for d in ("processed", "reports"):  # cold run: no earlier tables, no per-document caches
        shutil.rmtree(work / d, ignore_errors=True)
    mb = sum(p.stat().st_size for p in raw.iterdir()) / 1e6
    rows, spent = [], 0.0
    for stage in STAGES:
        r = measure(stage, work, timeout - spent, workers, scheduler)
        if "error" in r:
            print(f"{n:>6} {stage:<9} FAILED: {r['error']}", flush=True)
            rows.append({"n": n, "stage": stage, **r})
            break
        spent += r["seconds"]
        rows.append({"n": n, "stage": stage, "mb": mb, **r})
        _row(n, stage, r, mb)
    done = [r for r in rows if "error" not in r]
    total = sum(r["seconds"] for r in done)
    core = sum(r["seconds"] for r in done if r["stage"] in ("ingest", "extract"))
    core_cpu = sum(r["cpu_seconds"] for r in done if r["stage"] in ("ingest", "extract"))
    tag = "end-to-end" if len(done) == len(STAGES) else f"PARTIAL ({len(done)}/{len(STAGES)} stages)"
    print(f"{n:>6} {tag}: {total:.1f} s, {n / total:.1f} docs/s, {mb / total:.2f} MB/s of {mb:.1f} MB raw, "
          f"peak {max(r['peak_mb'] for r in done):.0f} MB (max over stage processes)" if done else f"{n:>6} nothing finished")
    if core and scheduler:
        print(f"{n:>6} ingest+extract on the Dask cluster: {core:.1f} s wall, {mb / core:.2f} MB/s (workers' CPU not counted)")
    elif core:
        print(f"{n:>6} extraction core (ingest+extract): {core:.1f} s wall, {core_cpu:.1f} s CPU: "
              f"{mb / core_cpu:.2f} MB/s per core ({workers} worker{'s' if workers > 1 else ''})")
    if len(done) == len(STAGES):
        print(report_shape(work / "reports"))
    if warm and len(done) >= 2:
        for stage in ("ingest", "extract"):
            r = measure(stage, work, timeout, workers, scheduler)
            if "error" in r:
                print(f"{n:>6} {stage}-warm FAILED: {r['error']}")
                break
            _row(n, f"{stage}*", r, mb)
        print(f"{n:>6} (* rerun on unchanged input with the stages' per-document caches)")
    return rows


def profile(stage: str, n: int, seed: int, base: Path, top: int = 30) -> None:
    """Run the earlier stages normally, then ``stage`` in-process under cProfile; print the top functions."""
    import cProfile
    import pstats

    from synthetic import write_corpus

    work = base / f"n{n}_seed{seed}"
    if not (work / "corpus.json").exists():
        write_corpus(n, work / "raw", seed)
        (work / "corpus.json").write_text(json.dumps({"n": n, "seed": seed}))
    for d in ("processed", "reports"):
        __import__("shutil").rmtree(work / d, ignore_errors=True)
    for s in STAGES[:STAGES.index(stage)]:
        measure(s, work, 10 ** 6)
    prof = cProfile.Profile()
    prof.runcall(run_stage, stage, work)
    out = work / f"profile_{stage}.prof"
    prof.dump_stats(out)
    for key in ("cumulative", "tottime"):
        print(f"--- {stage}, N={n}, sorted by {key} (stats in {out})")
        pstats.Stats(prof).sort_stats(key).print_stats(top)


def extraction_core(n: int, seed: int, base: Path, repeats: int = 3) -> None:
    """Time the text processing itself on one core, in this process, without file or table I/O: clean
    every raw page (boilerplate, paragraphs, language, dates) and extract every document (discovery,
    mentions, sentences, dates, relations, events). Prints raw MB per second (best of ``repeats``)."""
    from analysis import boilerplate as bp
    from analysis import entities
    from analysis import kb as kb_module
    from analysis.entities import discover
    from analysis.events import merge_events
    from analysis.extract import extract_document
    from analysis.ingest import IngestError, RelevanceFilter, build_document, normalise_text, read_raw, raw_files
    from analysis.kb import load_kb
    from analysis.parallel import fewer_collections

    raw = base / f"n{n}_seed{seed}" / "raw"
    pages = {p.stem: read_raw(p).text for p in raw_files(raw)}
    mb = sum(len(t.encode("utf-8")) for t in pages.values()) / 1e6
    kb, relevant = load_kb(ROOT / "data" / "reference"), RelevanceFilter(ROOT / "data" / "reference")
    best: dict[str, float] = {}
    for _ in range(repeats):
        for cached in (bp.n_words, bp.normalise_line, bp._line_shape, kb_module.fold, kb_module.tokenize, kb_module._joining,
                       entities._name_candidate, entities._head_word):
            cached.cache_clear()  # every repetition starts cold, as a fresh process does
        kb._place_names.clear()
        for matcher in (kb.matcher, kb.place_matcher, relevant.kb.matcher, relevant.kb.place_matcher):
            getattr(matcher, "clear_memo", lambda: None)()  # remembered matches of short texts (older code has none)
        with fewer_collections():  # as the stages run it
            t = time.process_time()
            repeated = bp.repeated_lines({k: normalise_text(v).split("\n") for k, v in pages.items()})
            docs = []
            for k, text in sorted(pages.items()):
                try:
                    docs.append(build_document(k, k, text, repeated, {}, relevant)[0])
                except IngestError:
                    pass
            t_clean = time.process_time() - t
            t = time.process_time()
            found = discover({d["doc_id"]: d["body"] for d in docs}, kb)
            mentions = [e for d in docs for e in extract_document(d, kb, found).event_mentions]
            merge_events(mentions)
            t_extract = time.process_time() - t
        for key, value in (("clean", t_clean), ("extract", t_extract), ("total", t_clean + t_extract)):
            best[key] = min(best.get(key, value), value)
    print(f"{n:>6} extraction core, one core, no I/O (CPU s, best of {repeats}): cleaning {best['clean']:.2f} s, "
          f"extraction {best['extract']:.2f} s, total {best['total']:.2f} s for {mb:.1f} MB raw = "
          f"{mb / best['total']:.2f} MB/s per core")


def kernel_fixed_cost(base: Path, repeats: int = 3) -> float:
    """Median seconds papermill takes to run a one-cell notebook (start a kernel, run, shut it down):
    the fixed cost every stage notebook pays before the package does any work."""
    import nbformat
    import papermill as pm

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1")],
                                  metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})
    src, out = base / "one_cell.ipynb", base / "one_cell_out.ipynb"
    nbformat.write(nb, src)
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        pm.execute_notebook(str(src), str(out), progress_bar=False, log_output=False, kernel_name="python3")
        times.append(time.perf_counter() - t)
    return sorted(times)[len(times) // 2]


def pipeline_run(n: int, seed: int, base: Path, workers: int, timeout: float) -> None:
    """Time a cold ``analysis run --force`` (the four notebooks through papermill, as a user runs it) on
    the corpus of size ``n``; print wall seconds, peak memory and the per-notebook seconds of run_log.json."""
    import shutil

    work = base / f"n{n}_seed{seed}"
    out = work / "cli"
    shutil.rmtree(out, ignore_errors=True)  # a first run on this corpus: no tables, no per-document caches
    cli = Path(sys.executable).parent / "analysis"
    cmd = [str(cli), "run", "--raw-dir", str(work / "raw"), "--processed-dir", str(out / "processed"),
           "--reports-dir", str(out / "reports"), "--workers", str(workers), "--force"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t = time.perf_counter()
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=ROOT)
    wall = time.perf_counter() - t
    peak = peak_rss_mb(max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
    if r.returncode != 0:
        print(f"{n:>6} analysis run FAILED (exit {r.returncode}): {r.stderr[-2000:]}")
        return
    log = json.loads((out / "reports" / "run_log.json").read_text())
    stages = ", ".join(f"{s['notebook'].split('_')[0]} {s['seconds']:.1f} s" for s in log["stages"])
    print(f"{n:>6} analysis run --workers {workers} (papermill, 4 kernels): {wall:.1f} s wall, "
          f"peak {peak:.0f} MB (largest process); notebooks: {stages}")


def main() -> None:
    global MEM_LIMIT_GB
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 10000])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--workdir", type=Path, help="where corpora and outputs go (default: a temporary folder)")
    ap.add_argument("--timeout", type=float, default=600, help="seconds allowed per size (all stages)")
    ap.add_argument("--mem-limit-gb", type=float, default=MEM_LIMIT_GB, help="address-space cap per stage process (0: none)")
    ap.add_argument("--workers", type=int, default=1, help="processes for the extraction stage (if supported)")
    ap.add_argument("--warm", action="store_true", help="also rerun ingest and extract on their caches")
    ap.add_argument("--profile", choices=STAGES, help="profile this stage on the first size instead of benchmarking")
    ap.add_argument("--pipeline", action="store_true",
                    help="also time `analysis run` (papermill notebooks) on each corpus, and a kernel's fixed cost")
    ap.add_argument("--core", action="store_true",
                    help="time the text processing alone (cleaning + extraction, one core, no file or table I/O)")
    ap.add_argument("--dask", type=int, metavar="N", help="run ingest and extract on a local Dask cluster of N single-threaded "
                    "worker processes (compare wall seconds: the workers' CPU is not counted)")
    ap.add_argument("--scheduler", default="", help=argparse.SUPPRESS)
    ap.add_argument("--child", choices=STAGES, help=argparse.SUPPRESS)
    a = ap.parse_args()
    MEM_LIMIT_GB = a.mem_limit_gb
    if a.child:
        return child(a.child, a.workdir, a.workers, a.scheduler)
    base = a.workdir or Path(tempfile.mkdtemp(prefix="bench_pipeline_"))
    base.mkdir(parents=True, exist_ok=True)
    if a.profile:
        return profile(a.profile, a.sizes[0], a.seed, base)
    git = subprocess.run(["git", "describe", "--always", "--dirty"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    print(f"workdir {base}; code {git or '?'}; python {sys.version.split()[0]}; seed {a.seed}; "
          f"extraction workers {a.workers}; {os.cpu_count()} CPUs; load {os.getloadavg()[0]:.1f}")
    print(f"{'N':>6} {'stage':<9} {'seconds':>9} {'CPU s':>8} {'docs/s':>9} {'MB/s':>8} {'peak MB':>8}")
    if a.core:
        for n in a.sizes:
            if not (base / f"n{n}_seed{a.seed}" / "raw").is_dir():
                from synthetic import write_corpus
                write_corpus(n, base / f"n{n}_seed{a.seed}" / "raw", a.seed)
            extraction_core(n, a.seed, base)
        return
    cluster = None
    if a.dask:
        from distributed import LocalCluster

        cluster = LocalCluster(n_workers=a.dask, threads_per_worker=1, processes=True, dashboard_address=None)
        print(f"ingest and extract on a local Dask cluster of {a.dask} workers ({cluster.scheduler_address})")
    for n in a.sizes:
        bench_size(n, a.seed, base, a.timeout, a.workers, a.warm, cluster.scheduler_address if cluster else "")
        if a.pipeline:
            pipeline_run(n, a.seed, base, a.workers, a.timeout)
    if cluster:
        cluster.close()
    if a.pipeline:
        print(f"fixed cost of one notebook (papermill, one-cell notebook, median of 3): {kernel_fixed_cost(base):.1f} s")


if __name__ == "__main__":
    main()
