"""Where a run's files are: the package's own data and the research project's folder.

The package carries everything a run needs to start (read with :mod:`importlib.resources`, so it works the
same from a wheel in ``site-packages`` and from this repository): the stage notebooks (``notebooks/``), the
default parameters (``resources/params.yaml``), the knowledge base (``resources/reference/``), the report
templates and the files a new project starts from (``resources/project/``, ``resources/examples/``).

A *project* is a folder of the researcher's: ``params.yaml`` (any subset of the parameters), ``data/raw/``
(the pages), ``data/reference/`` (rows added to the knowledge base), ``annotations/corrections.yaml``;
outputs go to ``data/processed/`` and ``reports/``. Paths in parameters are relative to the project folder,
never to the package. ``analysis init DIR`` creates one (:func:`init_project`).
"""

from __future__ import annotations

import os
import shutil
from importlib import resources
from pathlib import Path
from typing import Any

PARAMS_FILE = "params.yaml"  # the file that marks a project folder


def package_path(*parts: str) -> Path:
    """The file system path of a data file or folder shipped inside the package.

    >>> package_path("resources", "params.yaml").name
    'params.yaml'
    """
    found = resources.files("analysis").joinpath(*parts)
    try:
        return Path(os.fspath(found))
    except TypeError:  # a package imported from a zip file: its data has no path papermill could open
        raise RuntimeError(f"the analysis package must be installed as files, not zipped ({found})") from None


def find_project(start: Path | None = None) -> Path:
    """The project of a notebook opened in JupyterLab: the nearest folder at or above ``start`` (default: the
    current folder, which Jupyter sets to the notebook's) holding ``params.yaml``."""
    from .pipeline import ConfigError  # noqa: PLC0415

    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / PARAMS_FILE).is_file():
            return folder
    raise ConfigError(f"no project found: neither {here} nor a folder above it holds {PARAMS_FILE} "
                      "(create one with 'analysis init DIR', or pass the paths as parameters)")


def project_params(project: Path | None = None) -> dict[str, Any]:
    """The parameters of ``project`` (default: :func:`find_project`) with every path made absolute."""
    from .pipeline import load_params, resolve_paths  # noqa: PLC0415

    project = Path(project) if project else find_project()
    return resolve_paths(load_params(project=project), project, check=False)


def notebook_paths(**given: str | None) -> dict[str, str]:
    """The folders a notebook's ``parameters`` cell names, made absolute: a value given (by papermill, or typed
    in the cell) is taken as it is, relative to the current folder; ``None`` takes the project's value from
    its ``params.yaml``, so a notebook opened in JupyterLab runs as it is.

    >>> notebook_paths(processed_dir="/tmp/tables")
    {'processed_dir': '/tmp/tables'}
    """
    project = project_params() if any(v is None for v in given.values()) else {}
    return {k: str(Path(v).expanduser().resolve()) if v is not None else project[k] for k, v in given.items()}


def _reference_headers() -> dict[str, str]:
    """The header line of each knowledge-base table of the package (a project's additions use the same columns)."""
    from .kb import TABLES  # noqa: PLC0415

    out = {}
    for name in TABLES:
        with open(package_path("resources", "reference", name), encoding="utf-8-sig") as fh:
            out[name] = fh.readline().rstrip("\r\n") + "\n"
    return out


def init_project(folder: Path, example: bool = True) -> list[Path]:
    """Create a research project in ``folder``: ``params.yaml`` (every parameter with its meaning),
    ``data/raw/`` (with the package's five example pages unless ``example`` is false), ``data/reference/``
    (empty knowledge-base tables to add rows to), ``annotations/corrections.yaml`` (commented template; with the
    examples also their gold facts), ``notebooks/`` (copies to open in JupyterLab) and a ``README.md``.
    Files that exist already are kept; returns the files written."""
    folder = Path(folder)
    written: list[Path] = []

    def put(rel: str, source: Path | None = None, text: str | None = None) -> None:
        target = folder / rel
        if target.exists():
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        if source is not None:
            shutil.copyfile(source, target)
        else:
            target.write_text(text or "", encoding="utf-8")
        written.append(target)

    put(PARAMS_FILE, package_path("resources", PARAMS_FILE))
    put("README.md", package_path("resources", "project", "README.md"))
    put("annotations/corrections.yaml", package_path("resources", "project", "corrections.yaml"))
    for name, header in _reference_headers().items():
        put(f"data/reference/{name}", text=header)
    for nb in sorted(package_path("notebooks").glob("*.ipynb")):
        put(f"notebooks/{nb.name}", nb)
    (folder / "data" / "raw").mkdir(parents=True, exist_ok=True)
    if example:
        examples = package_path("resources", "examples")
        for page in sorted((examples / "raw").iterdir()):
            put(f"data/raw/{page.name}", page)
        put("annotations/gold.json", examples / "gold.json")
        put("annotations/aliases.json", examples / "aliases.json")
    return written
