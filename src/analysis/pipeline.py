"""Run the whole pipeline: validated parameters → notebooks executed in order by papermill → manifest.

Defaults come from the package's ``resources/params.yaml``, then the project's own ``params.yaml`` (any
subset of the keys; paths relative to the project folder), then ``-p key=value`` on the command line (values are parsed as YAML scalars or lists and checked
against :data:`SCHEMA`, so they reach papermill as data, never as code). Executed notebooks
are kept under ``<reports>/notebooks/`` so a reader sees exactly what ran, and every run
writes ``manifest.json`` (input hashes, parameters, package versions, git commit) to the
processed folder and ``run_log.json`` (time per stage) to the reports folder.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
import os
import platform
import shutil
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path
from typing import Any, Callable, Iterator

import yaml

from .tables import atomic_write_text, shown_name

NOTEBOOKS = ["01_ingest.ipynb", "02_extract.ipynb", "03_network.ipynb", "04_report.ipynb"]
_opt_int = (int, type(None))
#: parameter -> accepted types
SCHEMA: dict[str, tuple[type, ...]] = {
    "raw_dir": (str,), "processed_dir": (str,), "reports_dir": (str,), "reference_dir": (str,),
    "corrections_file": (str,), "review_file": (str,), "review_size": (int,), "gold_file": (str,), "gold_aliases_file": (str,), "notebooks_dir": (str,),
    "title": (str,), "focus_entity": (str,), "year_min": _opt_int, "year_max": _opt_int,
    "relation_types": (list,), "languages": (list,), "min_confidence": (float, int), "seed": (int,),
    "top_n": (int,), "max_relations_shown": (int,), "workers": (int,), "scheduler": (str,),
}
#: per notebook: processed tables it reads, outputs it writes (processed / reports); the package code it runs is
#: derived from its imports (:func:`notebook_code`), never listed by hand
STAGES: dict[str, dict[str, tuple[str, ...]]] = {
    "01_ingest.ipynb": {"reads": (),
                        "writes": ("documents.csv", "boilerplate.csv", "rejected.csv")},
    "02_extract.ipynb": {
                         "reads": ("documents.csv",),  # and rejected.csv, which it completes (see stage_fingerprint)
                         "writes": ("entities.csv", "mentions.csv", "relations.csv", "events.csv", "corrections_applied.csv",
                                    "rejected.csv")},
    "03_network.ipynb": {"reads": ("documents.csv", "entities.csv", "mentions.csv", "relations.csv"),
                         "writes": ("cooperation.graphml", "cooperation.gexf", "cooperation.json", "cooperation.edges.csv",
                                    "metrics.csv", "periods.csv")},
    "04_report.ipynb": {"reads": ("documents.csv", "entities.csv", "mentions.csv", "relations.csv", "events.csv",
                                  "boilerplate.csv", "rejected.csv", "corrections_applied.csv", "metrics.csv",
                                  "periods.csv", "cooperation.json"),
                        "writes": ("report.html", "report.pdf")},
}
PATH_KEYS = ("raw_dir", "processed_dir", "reports_dir", "reference_dir", "corrections_file", "review_file", "gold_file",
             "gold_aliases_file", "notebooks_dir")
VERSIONED = ("analysis", "migration-cooperation-analysis", "pandas", "networkx", "matplotlib", "papermill", "weasyprint",
             "dateparser", "jinja2", "scipy", "nbformat", "ipykernel", "charset-normalizer", "pyyaml",
             "lingua-language-detector")


class ConfigError(Exception):
    """Wrong parameters or folders: reported in one line before any work starts."""


class NoUsableInput(Exception):
    """Every raw file was rejected: nothing to analyse (the reasons are in rejected.csv)."""


def parse_override(item: str) -> tuple[str, Any]:
    """Parse ``key=value`` (value as a YAML scalar or list: '2019', 'true', '[agreement, funds]')."""
    if "=" not in item:
        raise ConfigError(f"parameter '{item}' is not key=value")
    key, raw = item.split("=", 1)
    try:
        value = yaml.safe_load(raw) if raw.strip() else ""
    except yaml.YAMLError:
        value = raw
    if isinstance(value, (dict, set)):
        raise ConfigError(f"parameter {key}: mappings are not accepted")
    return key.strip(), value


MAX_PARAMS_BYTES = 100_000  # a parameters file is a few lines


def _read_params_file(path: Path) -> dict[str, Any]:
    if not path.exists():
        raise ConfigError(f"parameters file not found: {path}")
    if not path.is_file():  # a FIFO or a device ('/dev/zero') is never read
        raise ConfigError(f"parameters file {path} is not a regular file")
    if path.stat().st_size > MAX_PARAMS_BYTES:
        raise ConfigError(f"parameters file {path} is too large ({path.stat().st_size} bytes > {MAX_PARAMS_BYTES})")
    try:
        params = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid YAML ({exc.__class__.__name__})") from None
    if not isinstance(params, dict):
        raise ConfigError(f"{path}: expected a mapping of parameters")
    return params


def load_params(params_file: Path | None = None, overrides: dict[str, Any] | None = None,
                project: Path | None = None) -> dict[str, Any]:
    """The package's defaults, then ``params_file`` (or else the ``params.yaml`` of ``project`` when it has one),
    then ``overrides``; every key known and every value of the right type."""
    from .settings import PARAMS_FILE, package_path  # noqa: PLC0415

    path = package_path("resources", PARAMS_FILE)
    params = _read_params_file(path)
    own = Path(params_file) if params_file else Path(project) / PARAMS_FILE if project else None
    if own is not None and (params_file or own.exists()):
        path = own
        params.update(_read_params_file(own))
    params.update(overrides or {})
    unknown = sorted(set(params) - set(SCHEMA))
    if unknown:
        import difflib  # noqa: PLC0415

        near = sorted({m for k in unknown for m in difflib.get_close_matches(k, SCHEMA, n=1)})
        raise ConfigError(f"unknown parameter(s): {', '.join(unknown)}" + (f" (did you mean {', '.join(near)}?)" if near
                          else f" (known: {', '.join(sorted(SCHEMA))})"))
    for key, types in SCHEMA.items():
        if key not in params:
            raise ConfigError(f"{path}: parameter '{key}' missing")
        value = params[key]
        if isinstance(value, bool) or not isinstance(value, types):
            names = " or ".join("null" if t is type(None) else t.__name__ for t in types)
            raise ConfigError(f"parameter {key}: expected {names}, got {value!r}")
        if isinstance(value, list) and not all(isinstance(v, str) for v in value):
            raise ConfigError(f"parameter {key}: expected a list of strings, got {value!r}")
    params["min_confidence"] = float(params["min_confidence"])
    return params


def resolve_paths(params: dict[str, Any], base: Path, check: bool = True) -> dict[str, Any]:
    """Make every path parameter absolute (relative to the project folder ``base``; an empty ``notebooks_dir`` is
    the package's notebooks) and, with ``check``, check the folders and create the output ones."""
    from .settings import package_path  # noqa: PLC0415

    out = dict(params)
    if not out["notebooks_dir"]:
        out["notebooks_dir"] = str(package_path("notebooks"))
    if not out["review_file"]:  # the review queue belongs to the corpus: next to its processed folder by default
        out["review_file"] = str(Path(out["processed_dir"]).expanduser().parent / "annotations" / "review.csv")
    for key in PATH_KEYS:
        p = Path(out[key]).expanduser()
        out[key] = str((p if p.is_absolute() else Path(base) / p).resolve())
    if not check:
        return out
    if not Path(out["raw_dir"]).is_dir():
        raise ConfigError(f"raw folder not found: {out['raw_dir']}")
    if Path(out["reference_dir"]).exists() and not Path(out["reference_dir"]).is_dir():  # optional: additions only
        raise ConfigError(f"reference folder {out['reference_dir']} is not a folder")
    if not Path(out["notebooks_dir"]).is_dir():
        raise ConfigError(f"notebooks folder not found: {out['notebooks_dir']}")
    raw = Path(out["raw_dir"])
    for key in ("processed_dir", "reports_dir"):
        d = Path(out[key])
        if d == raw or raw in d.parents:  # outputs written into the raw folder would be read back as documents
            raise ConfigError(f"{key} {d} is inside the raw folder {raw}: outputs would be read as documents")
    for key in ("processed_dir", "reports_dir"):
        d = Path(out[key])
        try:
            d.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ConfigError(f"{key} {d} cannot be created: {exc.strerror}") from None
        if not os.access(d, os.W_OK):
            raise ConfigError(f"{key} {d} is not writable")
    return out


def validate_params(params: dict[str, Any]) -> dict[str, Any]:
    """Check what the types cannot: relation types and languages of the vocabulary, numbers in range, years in
    order, a focus entity the knowledge base (or the last run) knows. A mistake stops the run before any work,
    with the closest known values suggested."""
    import difflib  # noqa: PLC0415

    from .lang import LANGUAGES  # noqa: PLC0415
    from .relations import RELATIONS  # noqa: PLC0415

    def unknown(key: str, values: list[str], known: list[str]) -> None:
        for v in values:
            if v not in known:
                near = difflib.get_close_matches(v, known, n=3)
                raise ConfigError(f"parameter {key}: unknown value '{v}'" + (f" (did you mean {', '.join(near)}?)" if near
                                  else f" (known: {', '.join(sorted(known))})"))
    unknown("relation_types", params["relation_types"], sorted(RELATIONS))
    unknown("languages", params["languages"], sorted(LANGUAGES) + ["und"])
    for key, low, high in (("top_n", 1, None), ("max_relations_shown", 1, None), ("workers", 1, None), ("review_size", 0, None),
                           ("min_confidence", 0.0, 1.0), ("seed", 0, None)):
        value = params[key]
        if value < low or (high is not None and value > high):
            raise ConfigError(f"parameter {key}: {value} is out of range ({low} to {high if high is not None else 'any'})")
    if params["year_min"] is not None and params["year_max"] is not None and params["year_min"] > params["year_max"]:
        raise ConfigError(f"parameters year_min {params['year_min']} and year_max {params['year_max']}: year_min is after year_max")
    focus = params["focus_entity"]
    if focus:
        from .kb import load_kb  # noqa: PLC0415

        known = set(load_kb(Path(params["reference_dir"])).entities)
        previous = Path(params["processed_dir"]) / "entities.csv"
        if previous.exists():  # names discovered by an earlier run of this project
            import csv  # noqa: PLC0415
            csv.field_size_limit(1 << 30)
            with open(previous, encoding="utf-8") as fh:
                known |= {row["entity_id"] for row in csv.DictReader(fh)}
        if focus not in known:
            unknown("focus_entity", [focus], sorted(known))
    return params


def sha256_file(path: Path) -> str:
    """SHA-256 of a file's bytes."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def package_versions() -> dict[str, str]:
    """Versions of Python and of the packages the pipeline uses."""
    out = {"python": platform.python_version()}
    for name in VERSIONED:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return out


def git_commit(root: Path) -> str:
    """The current git commit of the project folder ``root``, or '' outside a checkout."""
    try:
        return subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True,
                              timeout=5).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def build_manifest(params: dict[str, Any], project: Path | None = None) -> dict[str, Any]:
    """What a run reads: hashes of raw files, of the knowledge base (``reference/<table>`` the package's,
    ``reference/project/<table>`` the project's additions) and of annotation files, parameters, versions and the
    git commit of the ``project`` folder."""
    from .kb import PACKAGE_REFERENCE, reference_files  # noqa: PLC0415

    inputs = {}
    root = Path(params["raw_dir"]).resolve()
    for p in sorted(root.iterdir()):
        try:  # a link out of the folder is not an input: its target (maybe private) is never hashed nor named
            inside = not p.is_symlink() or root in p.resolve(strict=True).parents
        except (OSError, RuntimeError):
            inside = False
        if inside and p.is_file() and not p.name.startswith("."):
            inputs[f"raw/{shown_name(p.name)}"] = sha256_file(p)
    for p in reference_files(params["reference_dir"]):
        shown = shown_name(p.name)
        inputs[f"reference/{shown}" if p.parent == PACKAGE_REFERENCE else f"reference/project/{shown}"] = sha256_file(p)
    for key in ("corrections_file", "gold_file", "gold_aliases_file"):
        p = Path(params[key])
        if p.is_file():
            inputs[f"annotations/{p.name}"] = sha256_file(p)
    from .review import decisions_digest  # noqa: PLC0415 - the review file's decisions are an input, its queue an output

    inputs[f"annotations/{Path(params['review_file']).name}"] = decisions_digest(Path(params["review_file"]))
    portable = {k: v for k, v in params.items() if k not in PATH_KEYS}
    return {"params": portable, "params_sha256": hashlib.sha256(json.dumps(portable, sort_keys=True).encode()).hexdigest(),
            "inputs": inputs, "versions": package_versions(), "git_commit": git_commit(Path(project or params["raw_dir"]))}


def load_manifest(params: dict[str, Any], project: Path | None = None) -> dict[str, Any]:
    """The run's ``manifest.json`` of the processed folder, or, for a notebook run on its own before any
    ``analysis run``, the manifest computed now."""
    path = Path(params["processed_dir"]) / "manifest.json"
    if path.is_file():
        return json.loads(path.read_text(encoding="utf-8"))
    return build_manifest(params, project)


def notebook_parameters(name: str, params: dict[str, Any]) -> dict[str, Any]:
    """The parameters each notebook declares in its ``parameters`` cell."""
    common = {"processed_dir": params["processed_dir"]}
    if name.startswith("01"):
        return {**common, "raw_dir": params["raw_dir"], "reference_dir": params["reference_dir"], "workers": params["workers"],
                "scheduler": params["scheduler"]}
    if name.startswith("02"):
        return {**common, "reference_dir": params["reference_dir"], "corrections_file": params["corrections_file"],
                "review_file": params["review_file"], "review_size": params["review_size"],
                "workers": params["workers"], "scheduler": params["scheduler"]}
    if name.startswith("03"):
        return {**common, **{k: params[k] for k in ("seed", "year_min", "year_max", "relation_types", "languages",
                                                    "min_confidence")}}
    return {**common, "reports_dir": params["reports_dir"], "params": params}


def _check_usable(processed_dir: Path, raw_dir: str, shown_dir: Path | None = None) -> None:
    """Raise :class:`NoUsableInput` when no document of this run's tables is usable: every file is rejected (by
    ingestion, or by extraction: a document that stays in documents.csv but is listed in rejected.csv)."""
    import csv  # noqa: PLC0415
    import sys  # noqa: PLC0415

    csv.field_size_limit(sys.maxsize)  # a document body may be longer than the csv module's 131,072 default

    def files(name: str) -> set[str]:
        with open(processed_dir / f"{name}.csv", encoding="utf-8", newline="") as fh:
            return {row["file"] for row in csv.DictReader(fh)}
    rejected = files("rejected")
    if not files("documents") - rejected:
        raise NoUsableInput(f"no usable file in {raw_dir}: {len(rejected)} rejected "
                            f"(reasons in {(shown_dir or processed_dir) / 'rejected.csv'})")


def stage_fingerprint(name: str, params: dict[str, Any], manifest: dict[str, Any], folder: Path | None = None) -> str:
    """Hash of what a notebook depends on: its file, its code, its parameters and the contents it reads (in
    ``folder``, by default the processed folder). The extraction stage also depends on the raw files: it completes
    the ingestion's rejected.csv, which a new rejected file changes even when documents.csv does not."""
    from .cache import code_hash, sha256_text  # noqa: PLC0415

    stage = STAGES[name]
    processed = Path(folder or params["processed_dir"])
    reads = {f: sha256_file(processed / f) if (processed / f).exists() else "" for f in stage["reads"]}
    inputs = {k: v for k, v in manifest["inputs"].items()
              if (name.startswith("01") and k.startswith(("raw/", "reference/")))
              or (name.startswith("02") and (k.startswith(("raw/", "reference/"))
                                             or k in (f"annotations/{Path(params['corrections_file']).name}",
                                                      f"annotations/{Path(params['review_file']).name}")))
              or (name.startswith("04") and k.startswith("annotations/"))}
    return sha256_text(sha256_file(Path(params["notebooks_dir"]) / name),
                       code_hash(*notebook_code(Path(params["notebooks_dir"]) / name)),
                       notebook_parameters(name, params), reads, inputs)


def notebook_code(path: Path) -> tuple[str, ...]:
    """The package modules (and data folders) a notebook runs: the closure of its ``from analysis import …``
    lines (see :func:`analysis.cache.module_closure`)."""
    from .cache import module_closure  # noqa: PLC0415

    cells = json.loads(Path(path).read_text(encoding="utf-8"))["cells"]
    source = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
    names = [n.strip() for group in re.findall(r"^from analysis import ([\w, ]+)", source, re.M) for n in group.split(",")]
    return module_closure(*names)


def _outputs_exist(name: str, params: dict[str, Any], folder: Path) -> bool:
    base = Path(params["reports_dir"]) if name.startswith("04") else folder
    review = [Path(params["review_file"])] if name.startswith("02") else []  # the review queue lives with the annotations
    return all((base / f).exists() for f in STAGES[name]["writes"]) and all(p.exists() for p in review)


RUN_FOLDER = ".run-"  # + process id, inside the processed folder: where a run writes, swapped in when it ends
LOCK_FILE = ".lock"
STATE_FILE = ".stages.json"
#: what a run writes into the processed folder (and may therefore replace or remove there); the review queue
#: (``review_file``) lives with the annotations, outside it
PROCESSED_OUTPUTS = frozenset(f for name, s in STAGES.items() if not name.startswith("04") for f in s["writes"]) \
    | {"manifest.json", STATE_FILE}


@contextlib.contextmanager
def output_lock(folders: tuple[Path, ...], progress: Callable[[str], None] = print) -> Iterator[None]:
    """Hold an exclusive lock on each output folder (``.lock`` in it) while a run writes there: a second run on the
    same folders says so in one line and waits for the first to end (the lock goes with the process, also when
    it is killed)."""
    import fcntl  # noqa: PLC0415

    handles = []
    try:
        for folder in sorted({Path(f).resolve() for f in folders}):  # one order for every run: no deadlock
            fh = open(folder / LOCK_FILE, "a")  # noqa: SIM115 - closed below, which releases the lock
            handles.append(fh)
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                progress(f"waiting: another run is writing to {folder} (it holds {folder / LOCK_FILE})")
                fcntl.flock(fh, fcntl.LOCK_EX)
        yield
    finally:
        for fh in handles:
            fh.close()


def open_run_folder(processed: Path) -> Path:
    """A fresh working copy of the processed folder (``.run-<pid>`` in it) where the stages write: hard links to the
    current outputs (no bytes copied; a stage replaces a file, never writes into it) and the shared per-document
    caches. Those left by killed runs are discarded (named by process, so the kernel of a killed run, which ends
    a second later, never writes into this run's copy)."""
    for old in processed.glob(f"{RUN_FOLDER}*"):
        if old.is_dir() and not old.is_symlink():
            shutil.rmtree(old, ignore_errors=True)
        else:
            old.unlink()
    work = processed / f"{RUN_FOLDER}{os.getpid()}"
    work.mkdir()
    (processed / ".cache").mkdir(exist_ok=True)
    (work / ".cache").symlink_to(Path("..") / ".cache")
    for p in processed.iterdir():
        if p.name in PROCESSED_OUTPUTS and p.is_file() and not p.is_symlink():
            try:
                os.link(p, work / p.name)
            except OSError:  # a file system without hard links
                shutil.copy2(p, work / p.name)
    return work


def swap_in(work: Path, processed: Path) -> None:
    """Make the run's outputs the processed folder's: each renamed over the previous one (the stage state last),
    the outputs the run does not have removed, the working copy deleted."""
    names = {p.name for p in work.iterdir() if p.name in PROCESSED_OUTPUTS and p.is_file()}
    for name in sorted(names - {STATE_FILE}) + sorted(names & {STATE_FILE}):
        os.replace(work / name, processed / name)
    for name in sorted(PROCESSED_OUTPUTS - names):
        if (processed / name).is_file():
            (processed / name).unlink()
    shutil.rmtree(work)


def peak_rss_mb(ru_maxrss: int, system: str = sys.platform) -> float:
    """``ru_maxrss`` in MB: the kernel reports kilobytes on Linux and bytes on macOS."""
    return round(ru_maxrss / (1024 * 1024 if system == "darwin" else 1024), 1)


def _peak_child_rss_mb() -> float | None:
    """Peak memory of the notebook kernels so far (None where :mod:`resource` does not exist: Windows)."""
    try:
        import resource  # noqa: PLC0415
    except ImportError:
        return None
    return peak_rss_mb(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)


#: kernel arguments that keep the kernel's own log (TCP transport warning, 'KeyboardInterrupt caught in kernel' at
#: shutdown) off the user's terminal; a cell's error still reaches papermill and the executed notebook
QUIET_KERNEL = ["--IPKernelApp.log_level=CRITICAL"]


def run_pipeline(params: dict[str, Any], progress: Callable[[str], None] = print, force: bool = False,
                 project: Path | None = None, output: Any = None, kernel_log: bool = False) -> dict[str, Any]:
    """Execute the four notebooks in order with papermill (in the ``project`` folder); write the manifest and the
    run log.

    ``output`` (a file-like object, default standard output) receives what the notebooks print, live;
    ``kernel_log`` lets the kernels' own log messages through. A notebook whose inputs, parameters and code are
    unchanged since it last succeeded (content hashes in ``<processed>/.stages.json``) is skipped, unless
    ``force``. The run holds a lock on its output folders (:func:`output_lock`) and writes its tables into a
    working copy of the processed folder, swapped in when it ends (:func:`swap_in`): a run that fails or is
    killed leaves the previous run's tables whole, never tables of two runs. A run in which no file is usable
    (exit code 1) swaps in what it read (documents, rejected) and removes the later stages' tables, which would
    describe other inputs. The review queue (``review_file``, outside the processed folder) is rewritten by the
    extraction stage itself; it keeps every decision, so a failed run loses none.
    """
    project = Path(project or Path.cwd())
    processed = Path(params["processed_dir"])
    with output_lock((processed, Path(params["reports_dir"])), progress):
        work = open_run_folder(processed)
        try:
            log = _run_stages(params, work, progress, force, project, output, kernel_log)
        except NoUsableInput:
            swap_in(work, processed)
            raise
        except BaseException:
            shutil.rmtree(work, ignore_errors=True)
            raise
        swap_in(work, processed)
    return log


def _read_state(path: Path, progress: Callable[[str], None]) -> dict[str, str]:
    """The stage fingerprints of the last run; an unreadable state (another format, a bad copy) is ignored with a
    note, so every stage runs."""
    if not path.exists():
        return {}
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        state = None
    if not isinstance(state, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in state.items()):
        progress(f"{path.name} of {path.parent.parent} is unreadable: every stage runs")
        return {}
    return state


def _run_stages(params: dict[str, Any], work: Path, progress: Callable[[str], None], force: bool, project: Path,
                output: Any, kernel_log: bool) -> dict[str, Any]:
    """The notebooks of a run, writing into ``work`` (see :func:`run_pipeline`)."""
    manifest = build_manifest(params, project)
    atomic_write_text(work / "manifest.json", json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    out_dir = Path(params["reports_dir"]) / "notebooks"
    out_dir.mkdir(parents=True, exist_ok=True)
    state_path = work / STATE_FILE
    state = _read_state(state_path, progress)
    log: dict[str, Any] = {"stages": [], "started": time.strftime("%Y-%m-%dT%H:%M:%S%z")}
    log_path = Path(params["reports_dir"]) / "run_log.json"
    t_run = time.perf_counter()
    for i, name in enumerate(NOTEBOOKS):
        t0 = time.perf_counter()
        fingerprint = stage_fingerprint(name, params, manifest, work)
        if not force and state.get(name) == fingerprint and _outputs_exist(name, params, work):
            log["stages"].append({"notebook": name, "seconds": 0.0, "skipped": True, "peak_rss_mb": None})
            progress(f"[{name}] unchanged inputs, parameters and code: skipped")
        else:
            _run_notebook(name, {**notebook_parameters(name, params), "processed_dir": str(work)}, params, out_dir,
                          progress, project, output, kernel_log)
            dt = time.perf_counter() - t0
            log["stages"].append({"notebook": name, "seconds": round(dt, 2), "skipped": False,
                                  "peak_rss_mb": _peak_child_rss_mb()})
            state[name] = fingerprint
            atomic_write_text(state_path, json.dumps(state, indent=1, sort_keys=True) + "\n")
            atomic_write_text(log_path, json.dumps(log, indent=1) + "\n")
            progress(f"[{name}] done in {dt:.1f} s")
        if name.startswith(("01", "02")):  # this run's inputs decide, whether the stage ran or was skipped
            try:
                _check_usable(work, params["raw_dir"], Path(params["processed_dir"]))
            except NoUsableInput:
                for later in NOTEBOOKS[i + 1:]:
                    state.pop(later, None)
                    for f in STAGES[later]["writes"]:
                        if f not in STAGES[name]["writes"] and (work / f).exists():
                            (work / f).unlink()
                atomic_write_text(state_path, json.dumps(state, indent=1, sort_keys=True) + "\n")
                raise
    log["total_seconds"] = round(time.perf_counter() - t_run, 2)
    atomic_write_text(log_path, json.dumps(log, indent=1) + "\n")
    return log


def _run_notebook(name: str, parameters: dict[str, Any], params: dict[str, Any], out_dir: Path,
                  progress: Callable[[str], None], project: Path, output: Any = None, kernel_log: bool = False) -> None:
    """Execute one notebook with papermill (in the ``project`` folder, printing to ``output``, default standard
    output); the executed copy is kept in ``out_dir``, also when a cell failed."""
    progress(f"[{name}] running")
    import papermill as pm  # noqa: PLC0415 - slow to import (about 1-4 s): only when a stage runs

    tmp = out_dir / f".running.{name}"
    try:
        # the stages print one line per document; stream those lines live
        pm.execute_notebook(str(Path(params["notebooks_dir"]) / name), str(tmp), parameters=parameters,
                            kernel_name="python3", progress_bar=False, log_output=False,
                            stdout_file=output or sys.stdout, cwd=str(project),
                            extra_arguments=[] if kernel_log else QUIET_KERNEL)
    finally:
        if tmp.exists():
            os.replace(tmp, out_dir / name)  # the executed copy, also when a cell failed
