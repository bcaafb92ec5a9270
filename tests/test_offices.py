"""Dates bounded by terms of office: the reference table, the bounding rule, the extraction hook."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.extract import extract_corpus
from analysis.offices import bound_event, first_day, last_day, load_offices

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT / "data" / "reference"
SIGNED = ("Signed in Geneva this week by UNFPA Executive Director Thoraya Ahmed Obaid and IOM Director-General "
          "Brunson McKinley, the agreement particularly focuses on the human rights of migrants.")


@pytest.fixture(scope="module")
def offices(kb):
    return load_offices(REFERENCE, set(kb.entities))


def test_first_and_last_day_of_a_value_of_any_precision():
    assert [first_day(v) for v in ("2001", "2001-05", "2001-05-17")] == ["2001-01-01", "2001-05-01", "2001-05-17"]
    assert [last_day(v) for v in ("2008", "2008-09", "2024-02", "2023-02", "2008-09-30", "")] == \
        ["2008-12-31", "2008-09-30", "2024-02-29", "2023-02-28", "2008-09-30", ""]


def test_the_reference_table_is_sourced_and_consistent(offices, kb):
    terms = [t for ts in offices.terms.values() for t in ts]
    assert len(terms) >= 50 and {t.organization for t in terms} >= {
        "IOM", "UNODC", "UNHCR", "UNICEF", "ILO", "UNFPA", "OHCHR", "UNDP", "OSCE", "ICMPD", "EU_COMMISSION", "UN_SG"}
    assert all(t.source.startswith("http") for t in terms)
    assert min(t.start for t in terms) <= "2000"
    by_org: dict[str, list] = {}
    for t in terms:
        by_org.setdefault(t.organization, []).append(t)
    for org, ts in by_org.items():  # successive heads of one body: a term starts no earlier than the previous one ends
        ts.sort(key=lambda t: first_day(t.start))
        for prev, nxt in zip(ts, ts[1:]):
            if not prev.end:  # only an acting head may still be listed as in office when a successor is confirmed
                assert "(acting)" in prev.office, f"{org}: {prev.name} has no end but {nxt.name} follows"
                continue
            assert first_day(prev.end) <= last_day(nxt.start), f"{org}: {prev.name} and {nxt.name} overlap"


@pytest.mark.parametrize("row, problem", [
    ("X,A B,A B,IOM,Director General,2001-13,2002,https://x", "start '2001-13'"),
    ("X,A B,A B,IOM,Director General,2005,2001,https://x", "end 2001 is before start 2005"),
    ("X,A B,A B,NOPE,Director General,2001,2002,https://x", "unknown organization 'NOPE'"),
    ("X,A B,A B,IOM,Director General,2001,2002,", "no source"),
])
def test_a_wrong_row_names_the_file_the_holder_and_the_problem(tmp_path, kb, row, problem):
    (tmp_path / "office_holders.csv").write_text("holder_id,name,aliases,organization,office,start,end,source,note\n"
                                                 + row + ",\n", encoding="utf-8")
    with pytest.raises(ValueError, match=rf"office_holders.csv: X: {problem}"):
        load_offices(tmp_path, set(kb.entities))


def test_a_project_without_the_table_uses_the_package_s_and_its_own_adds_terms(tmp_path, kb):
    package = load_offices(None)
    assert load_offices(tmp_path).terms == package.terms
    (tmp_path / "office_holders.csv").write_text("holder_id,name,aliases,organization,office,start,end,source,note\n"
                                                 "X,Ana Bela,,IOM,Chief of Mission,2001,2002,https://x,\n", encoding="utf-8")
    mine = load_offices(tmp_path, set(kb.entities))
    assert mine.terms["X"][0].name == "Ana Bela" and len(mine.terms) == len(package.terms) + 1


def test_the_signatories_terms_are_intersected_with_their_reason(offices, kb):
    bound = bound_event([SIGNED], ["IOM", "UNFPA"], offices, kb)
    assert bound == {"date_start": "2001-01-01", "date_end": "2008-09", "date_reason":
                     "2001-01-01/2008-09: names Thoraya Ahmed Obaid, UNFPA Executive Director 2001-01-01–2010-12-31, "
                     "and Brunson McKinley, IOM Director General 1998-10–2008-09"}


def test_name_variants_are_matched(offices, kb):
    assert bound_event(["Signed by T. A. Obaid for UNFPA."], ["UNFPA", "IOM"], offices, kb)["date_end"] == "2010-12-31"
    assert bound_event(["Antonio Guterres, then UN refugee chief, signed."], ["UNHCR"], offices, kb)["date_start"] == "2005-06-15"


def test_a_holder_unrelated_to_the_participants_bounds_nothing(offices, kb):
    assert bound_event(["Amy Pope and Ghada Waly attended."], ["UNHCR", "UNICEF"], offices, kb) is None
    assert bound_event(["The agreement was signed."], ["IOM", "UNFPA"], offices, kb) is None


def test_terms_that_never_overlap_bound_nothing(offices, kb):
    assert bound_event(["Signed by Thoraya Ahmed Obaid and Amy Pope."], ["IOM", "UNFPA"], offices, kb) is None


def test_a_person_with_two_offices_is_bounded_by_the_one_the_text_names_else_by_both(offices, kb):
    named = bound_event(["UN Secretary-General António Guterres and IOM signed."], ["IOM", "UN"], offices, kb)
    assert named["date_start"] == "2017-01-01" and named["date_end"] == ""
    both = bound_event(["António Guterres welcomed the agreement of IOM and the UN."], ["IOM", "UN"], offices, kb)
    assert both["date_start"] == "2005-06-15" and both["date_end"] == "" and "UNHCR" in both["date_reason"]



def _extract(body: str, kb, offices) -> list[dict]:
    doc = {"doc_id": "d1", "file": "d1.txt", "body": body, "language": "en", "published": "", "published_precision": "",
           "title": "", "dateline_place": ""}
    return extract_corpus([doc], kb, offices=offices)["events"]


def test_an_undated_signing_gets_a_range_and_a_stated_date_wins(offices, kb):
    undated = [e for e in _extract(SIGNED, kb, offices) if e["event_type"] == "agreement"]
    assert len(undated) == 1
    assert (undated[0]["date"], undated[0]["date_precision"], undated[0]["date_start"], undated[0]["date_end"]) == \
        ("", "range", "2001-01-01", "2008-09")
    dated = [e for e in _extract(SIGNED.replace("this week", "on 3 May 2005"), kb, offices) if e["event_type"] == "agreement"]
    assert len(dated) == 1
    assert (dated[0]["date"], dated[0]["date_start"], dated[0]["date_reason"]) == ("2005-05-03", "", "")


def test_the_timeline_draws_a_bounded_event_as_a_bar_over_its_range(monkeypatch, tmp_path):
    import matplotlib.dates as mdates
    import pandas as pd

    from analysis import figures

    drawn = {}
    monkeypatch.setattr(figures, "save", lambda fig, stem: drawn.setdefault("fig", fig) and {"svg": stem, "png": stem})
    events = pd.DataFrame([
        {"event_id": "E1", "date": "2012-04-17", "date_precision": "day", "event_type": "agreement",
         "participants": "IOM|UNODC", "place": "", "doc_ids": "d", "date_start": "", "date_end": ""},
        {"event_id": "E2", "date": "", "date_precision": "range", "event_type": "agreement",
         "participants": "IOM|UNFPA", "place": "Geneva", "doc_ids": "d", "date_start": "2001-01-01", "date_end": "2008-09"},
        {"event_id": "E3", "date": "", "date_precision": "", "event_type": "meeting",
         "participants": "IOM|UNFPA", "place": "", "doc_ids": "d", "date_start": "", "date_end": ""}])
    entities = pd.DataFrame([{"entity_id": e, "name": e, "acronym": e} for e in ("IOM", "UNODC", "UNFPA")])
    note = figures.plot_timeline(events, entities, tmp_path / "t")["note"]
    assert note.startswith("All 2 dated events shown. 1 of them is dated only by the terms of office")
    assert note.endswith("1 undated event cannot be placed (listed in the history).")
    ax = drawn["fig"].axes[0]
    bars = [ln for ln in ax.lines if len(ln.get_xdata()) == 2]
    assert len(bars) == 1 and len(ax.lines) == 2  # the dated event a dot, the bounded one a bar, the undated none
    start, end = (mdates.num2date(mdates.date2num(x)).date().isoformat() for x in bars[0].get_xdata())
    assert (start, end) == ("2001-01-01", "2008-09-30")
    assert any(t.get_text().startswith("2001–2008 (terms of office)") for t in ax.texts)
