"""The per-document cache: values round-trip, stale entries are pruned and their space given back."""

from analysis.cache import DocCache, sha256_text


def test_values_round_trip_and_unknown_keys_are_misses(tmp_path):
    cache = DocCache(tmp_path / "c.sqlite")
    value = {"row": {"doc_id": "a", "n": 3, "conf": 0.75, "ok": True, "none": None}, "removed": [[1, "menu", "Home"]]}
    cache.put("k1", value)
    cache.prune({"k1"})
    again = DocCache(tmp_path / "c.sqlite")
    assert again.get("k1") == value and again.get("k2") is None
    assert (again.hits, again.misses) == (1, 1)


def test_a_value_written_in_another_format_is_a_miss(tmp_path):
    import sqlite3

    cache = DocCache(tmp_path / "c.sqlite")
    cache.prune(set())  # creates the table
    with sqlite3.connect(tmp_path / "c.sqlite") as conn:
        conn.execute("INSERT INTO cache VALUES (?, ?)", ("old", '{"written": "as JSON text"}'))
    assert DocCache(tmp_path / "c.sqlite").get("old") is None


def test_pruning_most_entries_shrinks_the_file(tmp_path):
    path = tmp_path / "c.sqlite"
    cache = DocCache(path)
    keys = [sha256_text(i) for i in range(300)]
    for k in keys:
        cache.put(k, {"body": k * 200})
    cache.prune(set(keys))
    full = path.stat().st_size
    cache.prune(set(keys[:10]))  # a new code version: 290 stale results
    assert path.stat().st_size < full / 5
    assert DocCache(path).get(keys[3]) == {"body": keys[3] * 200}


def test_a_stage_covers_every_module_its_notebook_imports_directly_or_not():
    from analysis.cache import module_closure
    from analysis.pipeline import STAGES, notebook_code
    from analysis.settings import package_path

    assert "dates" in notebook_code(package_path("notebooks", "04_report.ipynb"))  # report -> figures -> dates
    assert {"lang", "resources", "relations", "calibration"} <= set(module_closure("extract"))
    assert "templates" in module_closure("report") and "templates" not in module_closure("ingest")
    for name in STAGES:
        assert notebook_code(package_path("notebooks", name)), name
