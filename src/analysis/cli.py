"""Command line: ``analysis init`` (a new project folder), ``analysis run`` (the whole pipeline) and
``analysis evaluate`` (accuracy on gold facts).

Every path is relative to the project folder: the folder the command is started in, or ``--project DIR``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .pipeline import ConfigError, NoUsableInput, load_params, parse_override, resolve_paths, validate_params
from .settings import project_params


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``analysis`` command."""
    ap = argparse.ArgumentParser(prog="analysis", description="Map inter-agency cooperation on migration from raw "
                                 "press releases: processed tables, a networkx graph, figures and an HTML/PDF report.")
    from . import __version__  # noqa: PLC0415

    ap.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--project", type=Path, metavar="DIR", help="the project folder that params.yaml and every "
                        "relative path belong to (default: the current folder)")
    sub = ap.add_subparsers(dest="command", required=True)
    init = sub.add_parser("init", help="create a research project folder: data/raw, params.yaml, data/reference, "
                          "annotations/corrections.yaml, notebooks, README.md")
    init.add_argument("dir", type=Path, help="the folder to create (or to complete: existing files are kept)")
    init.add_argument("--empty", action="store_true", help="leave data/raw empty (default: five example pages to "
                      "try the run on, with their gold facts)")
    run = sub.add_parser("run", parents=[common],
                         help="run the whole pipeline (ingest, extract, network, report) with papermill")
    loud = run.add_mutually_exclusive_group()
    loud.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    loud.add_argument("-v", "--verbose", action="store_true", help="print every document's line (no progress bar) "
                      "and the notebook kernels' own messages")
    run.add_argument("--raw-dir", help="folder of raw files (.txt, .md, .html, .pdf) to read (default: data/raw)")
    run.add_argument("--processed-dir", help="folder for the processed tables and graph files (default: data/processed)")
    run.add_argument("--reports-dir", help="folder for figures, executed notebooks and the report (default: reports)")
    run.add_argument("--params", type=Path, help="parameters file (default: params.yaml of the project, if any; "
                     "the package's defaults fill in the keys it leaves out)")
    run.add_argument("--force", action="store_true", help="rerun every stage even when its inputs are unchanged")
    run.add_argument("--workers", type=int, metavar="N", help="read, clean and extract documents in N processes (default: 1)")
    run.add_argument("--scheduler", metavar="ADDRESS", help="read, clean and extract documents on the workers of this Dask "
                     "scheduler, e.g. tcp://10.0.0.5:8786 (needs pip install -e \".[dask]\"; the workers must see the "
                     "project folder)")
    run.add_argument("-p", "--param", action="append", default=[], metavar="KEY=VALUE",
                     help="override one parameter, e.g. -p focus_entity=UNODC -p year_min=2015 "
                          "-p relation_types=[agreement,funds] (repeatable)")
    ev = sub.add_parser("evaluate", parents=[common], help="score the processed tables against the project's gold facts")
    ev.add_argument("--processed-dir", help="folder of processed tables (default: the project's processed_dir)")
    ev.add_argument("--gold", help="gold facts (JSON; default: the project's gold_file)")
    ev.add_argument("--aliases", help="gold alias table (JSON; default: the project's gold_aliases_file)")
    real = sub.add_parser("real", parents=[common],
                          help="the real-page corpus of this repository (data/real): manifest, text check, scores by split")
    real.add_argument("action", choices=("manifest", "check", "score", "rules", "calibrate", "train"),
                      help="manifest: write data/real/manifest.csv from the gold records and texts; check: list missing "
                           "or changed texts; score: run the extraction on a split and score it; rules: precision and "
                           "coverage of each relation rule on a split; calibrate: store the dev split's rule precisions as "
                           "the package's confidences (src/analysis/resources/calibration.csv); train: fit the "
                           "document-level pair model on the dev split (src/analysis/resources/pair_model.json)")
    real.add_argument("--split", choices=("dev", "test"), default="dev", help="split to score (default: dev)")
    real.add_argument("--real-dir", default="data/real", help="real-page corpus folder (default: data/real)")
    real.add_argument("--out", help="keep the split's tables (and its gold) in this folder")
    return ap


def _real(args: argparse.Namespace) -> int:
    """``analysis real``: manifest, check or score of the real-page corpus."""
    from . import realpages  # noqa: PLC0415

    project = args.project or Path.cwd()
    real_dir = project / args.real_dir
    reference = project_params(project)["reference_dir"]
    if args.action == "manifest":
        frame = realpages.build_manifest(real_dir)
        path = realpages.write_manifest(frame, real_dir)
        counts = frame.groupby(["language", "split"]).size().unstack(fill_value=0)
        print(counts.to_string())
        print(f"{path}: {len(frame)} pages, {frame['domain'].nunique()} publishers")
        return 0
    if args.action == "check":
        problems = realpages.check(real_dir)
        for file, problem in problems:
            print(f"{file}: {problem}")
        print(f"{len(problems)} problem(s)" if problems else "every text is present with its manifest hash")
        return 1 if problems else 0
    from .evaluate import summary_line  # noqa: PLC0415

    if args.action in ("rules", "calibrate", "train"):
        import tempfile  # noqa: PLC0415

        from . import calibration  # noqa: PLC0415

        split = "dev" if args.action in ("calibrate", "train") else args.split
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(args.out) if args.out else Path(tmp)
            summary, _, missing = realpages.score_split(real_dir, split, reference, out)
            gold, aliases = calibration.load_gold(out / f"gold_{split}.json", out / "aliases.json")
            judged = calibration.judged_relations(out, gold, aliases)
            if args.action == "train":
                from . import pairs  # noqa: PLC0415

                model = pairs.train(pairs.labelled_candidates(out, gold, aliases))
        if args.action == "train":
            pairs.MODEL_FILE.write_text(model.to_json(), encoding="utf-8")
            print(model.to_json(), end="")
            print(f"{pairs.MODEL_FILE}: trained on {model.about['trained_on']['candidates']} labelled candidate pairs of the "
                  f"dev split; threshold {model.threshold:g}")
            return 0
        if args.action == "rules":
            print(calibration.rule_table(judged, gold).to_string(index=False))
            print(calibration.reliability(judged).to_string(index=False))
            return 0
        table = calibration.calibration_table(judged)
        calibration.CALIBRATION_FILE.parent.mkdir(parents=True, exist_ok=True)
        table.to_csv(calibration.CALIBRATION_FILE, index=False, lineterminator="\n")
        calibration._loaded.cache_clear()  # the reliability of the confidences just stored
        reliability = calibration.reliability(judged)
        reliability.to_csv(calibration.RELIABILITY_FILE, index=False, lineterminator="\n")
        print(table.to_string(index=False))
        print(reliability.to_string(index=False))
        print(f"{calibration.CALIBRATION_FILE}: {len(table)} rule readings from {len(judged)} judged relations of the dev split")
        return 0
    summary, rows, missing = realpages.score_split(real_dir, args.split, reference,
                                                    Path(args.out) if args.out else None)
    print(rows.drop(columns=["missed", "extra"], errors="ignore").to_string(index=False))
    if missing:
        print(f"{len(missing)} text(s) of the {args.split} split missing (scored as not found): {', '.join(missing)}; "
              "see 'analysis real check'")
    print(summary_line(summary))
    return 0


def _init(args: argparse.Namespace) -> int:
    """``analysis init DIR``: a new project folder, ready for ``analysis run``."""
    from .settings import init_project  # noqa: PLC0415

    if args.dir.exists() and not args.dir.is_dir():
        raise ConfigError(f"{args.dir} exists and is not a folder")
    written = init_project(args.dir, example=not args.empty)
    for path in written:
        print(f"created {path}")
    print(f"project ready in {args.dir}: add your pages to {args.dir / 'data' / 'raw'}, then run "
          f"'analysis run' in {args.dir}" if written else f"{args.dir} already holds every file of a project: nothing written")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``analysis`` console script; errors are one line on stderr, no traceback."""
    args = build_parser().parse_args(argv)
    try:
        if args.command == "init":
            return _init(args)
        project = (args.project or Path.cwd()).resolve()
        if not project.is_dir():
            raise ConfigError(f"project folder not found: {project}")
        if args.command == "run":
            overrides = dict(parse_override(p) for p in args.param)
            for key, value in (("raw_dir", args.raw_dir), ("processed_dir", args.processed_dir),
                               ("reports_dir", args.reports_dir), ("workers", args.workers),
                               ("scheduler", args.scheduler)):
                if value is not None:
                    overrides[key] = value
            params = validate_params(resolve_paths(load_params(args.params, overrides, project), project))
            from .pipeline import run_pipeline  # noqa: PLC0415

            if params["workers"] < 1:
                raise ConfigError(f"workers must be at least 1, got {params['workers']}")
            if params["scheduler"]:
                from .parallel import SchedulerError, dask_client  # noqa: PLC0415

                try:
                    dask_client(params["scheduler"]).close()  # fail here, in one line, not inside a notebook
                except SchedulerError as exc:
                    raise ConfigError(str(exc)) from exc
            from .progress import RunOutput  # noqa: PLC0415

            out = RunOutput(verbosity=0 if args.quiet else 2 if args.verbose else 1)
            try:
                run_pipeline(params, progress=out.say, force=args.force, project=project, output=out,
                             kernel_log=args.verbose)
            finally:
                out.close()
            out.say(f"report: {Path(params['reports_dir']) / 'report.html'} and report.pdf")
            return 0
        if args.command == "real":
            return _real(args)
        from .evaluate import evaluate, summary_line  # noqa: PLC0415

        params = project_params(project)
        summary, rows = evaluate(project / (args.processed_dir or params["processed_dir"]),
                                 project / (args.gold or params["gold_file"]),
                                 project / (args.aliases or params["gold_aliases_file"]))
        print(rows.drop(columns=["missed", "extra"], errors="ignore").to_string(index=False))
        print(summary_line(summary))
        return 0
    except ConfigError as exc:
        print(f"analysis: configuration error: {exc}", file=sys.stderr)
        return 2
    except FileNotFoundError as exc:
        print(f"analysis: {exc}", file=sys.stderr)
        return 2
    except NoUsableInput as exc:
        print(f"analysis: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001 - one clear line, the executed notebook keeps the details
        name = type(exc).__name__
        detail = getattr(exc, "evalue", None) or str(exc).strip().splitlines()[-1:] or [""]
        where = f" in {exc.exec_count and 'cell ' + str(exc.exec_count)}" if hasattr(exc, "exec_count") else ""
        print(f"analysis: {name}{where}: {detail if isinstance(detail, str) else detail[0]}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
