"""Shared fixtures: the project's reference knowledge base and small corpora written for the tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.kb import load_kb

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "data" / "raw"
DEV = ROOT / "tests" / "data" / "dev_corpus"


@pytest.fixture(scope="session")
def kb():
    """The project's reference knowledge base (data/reference)."""
    return load_kb(ROOT / "data" / "reference")


def write_corpus(folder: Path, pages: dict[str, str]) -> Path:
    """Write ``pages`` (name -> text) into ``folder`` and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in pages.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder
