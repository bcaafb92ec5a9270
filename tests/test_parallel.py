"""Spreading ingestion and extraction: local processes and a Dask cluster give the serial result."""

from pathlib import Path

import pytest

from analysis import parallel
from analysis.extract import extract_corpus
from analysis.ingest import ingest_corpus, relevance_filter
from analysis.parallel import SchedulerError, process_map, shared

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "tests" / "data" / "dev_corpus" / "raw"

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def scheduler():
    """A local Dask cluster of two single-threaded worker processes (no dashboard)."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        yield cluster.scheduler_address


def _scaled(x: int) -> tuple[int, int]:
    return x, x * shared()["factor"]


def test_process_map_keeps_order_and_shares_state(scheduler):
    items = list(range(37))
    expected = [(x, 3 * x) for x in items]
    assert process_map(_scaled, items, 1, factor=3) == expected
    assert process_map(_scaled, items, 2, factor=3) == expected
    assert process_map(_scaled, items, 1, scheduler, factor=3) == expected
    assert process_map(_scaled, [], 1, scheduler, factor=3) == []


def test_ingestion_and_extraction_on_a_dask_cluster_equal_serial(scheduler, kb, tmp_path):
    from analysis.cache import DocCache

    relevant = relevance_filter(ROOT / "data" / "reference")
    serial = ingest_corpus(DEV, relevant=relevant)
    assert ingest_corpus(DEV, relevant=relevant, scheduler=scheduler) == serial
    docs = serial[0]
    expected = extract_corpus(docs, kb)
    cache = DocCache(tmp_path / "extract.sqlite")
    assert extract_corpus(docs, kb, cache=cache, salt="s", scheduler=scheduler) == expected
    warm = DocCache(tmp_path / "extract.sqlite")  # what the cluster computed is reused by a local run
    assert extract_corpus(docs, kb, cache=warm, salt="s") == expected and warm.hits == len(docs)


def test_an_unreachable_scheduler_is_one_clear_error(monkeypatch, capsys):
    from analysis.cli import main

    monkeypatch.setattr(parallel, "CONNECT_TIMEOUT", 1)
    with pytest.raises(SchedulerError, match="cannot reach the Dask scheduler at tcp://127.0.0.1:9"):
        process_map(_scaled, [1, 2], 1, "tcp://127.0.0.1:9", factor=1)
    assert main(["run", "--scheduler", "tcp://127.0.0.1:9"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("analysis: configuration error: cannot reach the Dask scheduler")


def test_a_stage_collects_rarely_and_restores_the_collector():
    import gc

    from analysis.parallel import STAGE_GC_THRESHOLDS, fewer_collections

    before = gc.get_threshold()
    with fewer_collections():
        assert gc.get_threshold() == STAGE_GC_THRESHOLDS and gc.get_freeze_count() > 0
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0
    with pytest.raises(ValueError):  # restored on errors too
        with fewer_collections():
            raise ValueError("stage failed")
    assert gc.get_threshold() == before
