"""A research project outside this repository: package data, parameters and knowledge base layered over the
package's, ``analysis init``, the command line's output, and the package as a user installs it (slow: a wheel in a
fresh virtualenv; every notebook run on its own with nbconvert)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

from analysis.cli import main
from analysis.kb import PACKAGE_REFERENCE, load_kb, reference_files
from analysis.pipeline import ConfigError, load_params, peak_rss_mb, resolve_paths
from analysis.progress import RunOutput
from analysis.settings import find_project, init_project, notebook_paths, package_path, project_params

from conftest import ROOT, SEEDS


def test_package_data_is_read_from_the_package_not_from_the_repository():
    assert package_path("notebooks").is_dir() and len(list(package_path("notebooks").glob("*.ipynb"))) == 6
    assert PACKAGE_REFERENCE == package_path("resources", "reference")
    assert {p.name for p in reference_files()} == {"organizations.csv", "countries.csv", "places.csv", "office_holders.csv"}
    defaults = load_params()
    assert defaults["raw_dir"] == "data/raw" and defaults["notebooks_dir"] == ""
    # paths resolve against the project folder; the notebooks are the package's
    resolved = resolve_paths(defaults, Path("/somewhere/proj"), check=False)
    assert resolved["processed_dir"] == str(Path("/somewhere/proj/data/processed").resolve())
    assert resolved["notebooks_dir"] == str(package_path("notebooks"))


def test_example_pages_are_the_seeds_of_this_repository():
    examples = package_path("resources", "examples")
    assert {p.name: p.read_bytes() for p in (examples / "raw").iterdir()} == {p.name: p.read_bytes() for p in SEEDS.iterdir()}
    assert (examples / "gold.json").read_bytes() == (ROOT / "data/annotations/gold_seeds.json").read_bytes()
    assert (examples / "aliases.json").read_bytes() == (ROOT / "data/annotations/aliases.json").read_bytes()


def test_a_project_params_file_overrides_some_defaults(tmp_path):
    (tmp_path / "params.yaml").write_text("focus_entity: UNODC\ntop_n: 12\n")
    params = load_params(project=tmp_path)
    assert params["focus_entity"] == "UNODC" and params["top_n"] == 12 and params["seed"] == 42  # the rest: defaults
    assert load_params(project=tmp_path, overrides={"top_n": 3})["top_n"] == 3
    assert load_params(project=tmp_path / "no_params_here")["focus_entity"] == "IOM"
    (tmp_path / "params.yaml").write_text("focus_entitiy: UNODC\n")
    with pytest.raises(ConfigError, match=r"unknown parameter\(s\): focus_entitiy \(did you mean focus_entity\?\)"):
        load_params(project=tmp_path)
    with pytest.raises(ConfigError, match="parameters file not found"):
        load_params(tmp_path / "missing.yaml")


def test_knowledge_base_additions_add_and_replace_rows(tmp_path):
    header = (PACKAGE_REFERENCE / "organizations.csv").read_text(encoding="utf-8").splitlines()[0]
    cols = header.split(",")
    new = {c: "" for c in cols} | {"id": "MYNGO", "name": "Fundación Puentes del Sur", "acronym": "FPS",
                                     "kind": "organization"}
    iom = {c: "" for c in cols} | {"id": "IOM", "name": "International Organization for Migration",
                                     "acronym": "IOM", "kind": "organization", "aliases_en": "Migration Agency"}
    (tmp_path / "organizations.csv").write_text("\n".join([header, ",".join(new[c] for c in cols),
                                                           ",".join(iom[c] for c in cols)]) + "\n", encoding="utf-8")
    base, mine = load_kb(), load_kb(tmp_path)
    assert "MYNGO" not in base.entities and mine.entities["MYNGO"].name == "Fundación Puentes del Sur"
    assert "Migration Agency" in mine.entities["IOM"].aliases
    assert base.entities["IOM"].aliases - mine.entities["IOM"].aliases  # the project's row replaced the package's
    assert {h.key for h in mine.matcher.find("The FPS met the Migration Agency.")} == {"MYNGO", "IOM"}
    assert reference_files(tmp_path)[-1] == tmp_path / "organizations.csv"
    assert len(base.entities) + 1 == len(mine.entities)


def test_init_creates_a_project_that_keeps_what_exists(tmp_path, capsys):
    proj = tmp_path / "proj"
    assert main(["init", str(proj)]) == 0
    for rel in ("params.yaml", "README.md", "annotations/corrections.yaml", "annotations/gold.json",
                "data/reference/organizations.csv", "data/reference/office_holders.csv", "notebooks/04_report.ipynb",
                "data/raw/000_275fe0e961b495a4.txt"):
        assert (proj / rel).is_file(), rel
    assert "# " in (proj / "params.yaml").read_text()  # commented
    assert load_kb(proj / "data/reference").entities.keys() == load_kb().entities.keys()  # empty additions
    assert find_project(proj / "notebooks") == proj.resolve()
    assert project_params(proj)["corrections_file"] == str((proj / "annotations/corrections.yaml").resolve())
    (proj / "params.yaml").write_text("title: Mine\n")
    assert main(["init", str(proj)]) == 0
    assert (proj / "params.yaml").read_text() == "title: Mine\n"
    assert "nothing written" in capsys.readouterr().out
    empty = tmp_path / "empty"
    init_project(empty, example=False)
    assert (empty / "data/raw").is_dir() and not any((empty / "data/raw").iterdir())


def test_notebook_paths_come_from_the_project_unless_given(tmp_path, monkeypatch):
    init_project(tmp_path, example=False)
    (tmp_path / "params.yaml").write_text("processed_dir: out/tables\n")
    monkeypatch.chdir(tmp_path / "notebooks")  # where JupyterLab starts a notebook's kernel
    got = notebook_paths(processed_dir=None, raw_dir="../elsewhere")
    assert got == {"processed_dir": str((tmp_path / "out/tables").resolve()), "raw_dir": str((tmp_path / "elsewhere").resolve())}
    monkeypatch.chdir(tmp_path.parent)
    with pytest.raises(ConfigError, match="no project found"):
        notebook_paths(processed_dir=None)


def test_a_run_outside_a_project_says_what_is_missing_in_one_line(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["run"]) == 2
    assert main(["run", "--project", str(tmp_path / "nowhere")]) == 2
    assert main(["run", "-p", "relation_type=[agreement]"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 3 and "raw folder not found" in err[0] and "project folder not found" in err[1]
    assert "relation_type (did you mean relation_types?)" in err[2]


def test_peak_memory_units_per_platform():
    assert peak_rss_mb(512 * 1024, "linux") == 512.0  # kilobytes on Linux
    assert peak_rss_mb(512 * 1024 * 1024, "darwin") == 512.0  # bytes on macOS


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_run_output_bar_lines_quiet_and_verbose():
    printed = ["[1/3] ingest a.txt: en", "[2/3] ingest b.txt: fr", "rejected c.txt: empty file", "[3/3] ingest d.txt: en",
               "27 actors, 78 relations"]
    shown = {}
    for name, out in (("terminal", RunOutput(1, _Terminal(), bar=True)), ("log", RunOutput(1, io.StringIO())),
                      ("quiet", RunOutput(0, _Terminal())), ("verbose", RunOutput(2, _Terminal()))):
        out.say("[01_ingest.ipynb] running")
        out.write("\n".join(printed[:2]) + "\n" + printed[2][:8])  # papermill writes pieces, not always whole lines
        out.write(printed[2][8:] + "\n" + "\n".join(printed[3:]))
        out.close()
        shown[name] = out.stream.getvalue()
    assert shown["quiet"] == ""
    assert all(line in shown["log"] for line in printed) and all(line in shown["verbose"] for line in printed)
    bar = shown["terminal"]
    assert "ingest a.txt" not in bar and "3/3" in bar and "ingest" in bar  # the bar: stage, count, total
    assert "rejected c.txt: empty file\n" in bar and "27 actors, 78 relations\n" in bar


def _notebook_run(nb: Path, out_dir: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "nbconvert", "--to", "notebook", "--execute", "--output-dir",
                           str(out_dir), "--ExecutePreprocessor.timeout=600", str(nb)],
                          capture_output=True, text=True, timeout=900)


@pytest.mark.slow
def test_every_notebook_runs_as_it_is_on_a_fresh_project(tmp_path):
    """What a researcher does in JupyterLab: open each notebook of a new project and run it, no parameter given,
    no 'analysis run' before (the report notebook computes the manifest)."""
    proj = tmp_path / "proj"
    init_project(proj)
    notebooks = sorted((proj / "notebooks").glob("*.ipynb"))
    assert [p.name for p in notebooks] == sorted(p.name for p in package_path("notebooks").glob("*.ipynb"))
    for nb in notebooks:
        res = _notebook_run(nb, tmp_path / "executed")
        assert res.returncode == 0, (nb.name, res.stderr[-3000:])
    for name in ("documents.csv", "relations.csv", "cooperation.json"):
        assert (proj / "data/processed" / name).is_file(), name
    assert not (proj / "data/processed/manifest.json").exists()
    html = (proj / "reports/report.html").read_text(encoding="utf-8")
    assert "actor_f1=1.0" in html and (proj / "reports/report.pdf").stat().st_size > 10_000
    assert any((proj / "reports/teaching").glob("*.png"))


@pytest.mark.slow
def test_the_wheel_installed_in_a_fresh_virtualenv_runs_a_project_outside_the_repository(tmp_path):
    """Build the wheel, install it (without dependencies: they come from this environment's site-packages through
    a .pth file, so nothing is downloaded again) into a new virtualenv, then ``analysis init`` + ``analysis run``
    in a folder outside the repository."""
    dist = tmp_path / "dist"
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(dist), str(ROOT)],
                           capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, built.stderr[-3000:]
    wheel = next(dist.glob("*.whl"))
    env = tmp_path / "venv"
    venv.create(env, with_pip=True)
    bindir = env / ("Scripts" if os.name == "nt" else "bin")
    python = bindir / ("python.exe" if os.name == "nt" else "python")
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    ours = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    Path(site, "_dependencies.pth").write_text("\n".join(sorted(ours)) + "\n")
    inst = subprocess.run([str(python), "-m", "pip", "install", "--no-deps", "--no-index", "--quiet", str(wheel)],
                          capture_output=True, text=True, timeout=600)
    assert inst.returncode == 0, inst.stderr[-3000:]
    work = tmp_path / "elsewhere"
    work.mkdir()
    clean = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}

    def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
        return subprocess.run([str(bindir / "analysis"), *args], cwd=cwd, capture_output=True, text=True, timeout=900,
                              env=clean)

    where = subprocess.run([str(python), "-c", "import analysis; print(analysis.__file__)"], cwd=work,
                           capture_output=True, text=True, env=clean)
    assert Path(where.stdout.strip()).is_relative_to(env), where.stdout  # the wheel's copy, not the repository's
    assert cli("init", "proj", cwd=work).returncode == 0
    res = cli("run", "-q", cwd=work / "proj")
    assert res.returncode == 0, res.stderr[-3000:]
    assert res.stdout == "" and res.stderr == ""  # quiet, and no kernel noise
    reports = work / "proj" / "reports"
    assert (reports / "report.pdf").stat().st_size > 10_000
    assert "actor_f1=1.0" in (reports / "report.html").read_text(encoding="utf-8")
    manifest = json.loads((work / "proj/data/processed/manifest.json").read_text())
    assert "raw/000_275fe0e961b495a4.txt" in manifest["inputs"] and "reference/organizations.csv" in manifest["inputs"]
    # evaluate and a misspelled parameter, from the project folder, with the installed package
    assert "actor_f1=1.0" in cli("evaluate", cwd=work / "proj").stdout
    bad = cli("run", "-p", "focus_entity=UNDOC", cwd=work / "proj")
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "did you mean" in bad.stderr
    assert cli("--version", cwd=work).stdout.startswith("analysis ")
