from analysis.events import EventMention, dates_agree, merge_events


def em(doc, sid, date="", place="", parts=("IOM", "UNODC"), etype="agreement"):
    return EventMention(doc, sid, etype, frozenset(parts), date, "day" if len(date) == 10 else "year" if date else "",
                        place, f"R{doc}{sid}", "evidence")


def test_dates_agree_at_coarser_precision():
    assert dates_agree("2016", "2016-09") and dates_agree("2019-01-29/2019-01-31", "2019-01")
    assert not dates_agree("2012-04-17", "2024-07-02")


def test_reports_in_two_languages_merge_on_place():
    events = merge_events([em("en", 1, "2024-07-02", "Cairo"), em("fr", 0, "", "Cairo"), em("en", 5, "2012-04-17")])
    assert len(events) == 2
    cairo = next(e for e in events if e.place == "Cairo")
    assert {m.doc_id for m in cairo.mentions} == {"en", "fr"} and cairo.date == "2024-07-02"


def test_undated_placeless_reports_of_two_documents_stay_apart():
    assert len(merge_events([em("a", 0), em("b", 0)])) == 2


def test_same_document_undated_mention_joins_its_event():
    events = merge_events([em("a", 0, "", "Geneva"), em("a", 3)])
    assert len(events) == 1 and events[0].place == "Geneva"


def test_different_participants_or_types_never_merge():
    assert len(merge_events([em("a", 0, "2020"), em("a", 1, "2020", parts=("IOM", "UN"))])) == 2
    assert len(merge_events([em("a", 0, "2020"), em("a", 1, "2020", etype="meeting")])) == 2


def test_event_ids_are_stable():
    a = merge_events([em("x", 2, "2020"), em("y", 1, "2020")])[0].event_id
    b = merge_events([em("y", 1, "2020"), em("x", 2, "2020")])[0].event_id
    assert a == b


def test_an_undated_report_naming_more_participants_is_another_event():
    from analysis.events import EventMention, merge_events

    dated = EventMention("d", 1, "meeting", frozenset({"IOM", "IGAD"}), "2019-01-29", "day", "Nairobi", "R1", "…")
    other = EventMention("d", 5, "meeting", frozenset({"IOM", "IGAD", "INTERPOL"}), "", "", "", "R2", "…")
    fewer = EventMention("d", 7, "meeting", frozenset({"IOM"}), "", "", "", "R3", "…")
    events = merge_events([dated, other, fewer])
    assert sorted(len(e.mentions) for e in events) == [1, 2]  # 'fewer' joins the dated event, 'other' stays apart


def test_the_same_signing_reported_in_english_and_portuguese_is_one_event(kb, tmp_path):
    from analysis.extract import extract_corpus
    from analysis.ingest import ingest_corpus

    from conftest import write_corpus

    raw = write_corpus(tmp_path / "raw", {
        "en.txt": "Luanda, 24 August 2019 - The Government of Angola, the Government of the Democratic Republic of the "
                  "Congo and the UN Refugee Agency (UNHCR) today signed a tripartite agreement on the voluntary "
                  "repatriation of Congolese refugees.\n",
        "pt.txt": "Luanda, 24 de agosto de 2019 - O Governo de Angola, o Governo da República Democrática do Congo e o "
                  "Alto Comissariado das Nações Unidas para os Refugiados (ACNUR) assinaram hoje um acordo tripartido "
                  "sobre o repatriamento voluntário dos refugiados congoleses.\n"})
    docs, _, rejected = ingest_corpus(raw)
    assert not rejected and sorted(d["language"] for d in docs) == ["en", "pt"]
    events = extract_corpus(docs, kb)["events"]
    merged = [e for e in events if e["event_type"] == "agreement" and e["date"] == "2019-08-24"]
    assert len(merged) == 1 and set(merged[0]["doc_ids"].split("|")) == {d["doc_id"] for d in docs}
    assert {"GOV_AGO", "GOV_COD", "UNHCR"} <= set(merged[0]["participants"].split("|"))


def test_two_pages_naming_a_signings_parties_differently_merge_on_its_day_and_two_parties():
    """'Sudan, Chad and UNHCR signed' and 'le ministre soudanais … et le HCR ont signé' the same day: one signing."""
    en = em("en", 1, "2017-05-31", parts=("GOV_SDN", "GOV_TCD", "UNHCR"))
    fr = em("fr", 2, "2017-05-31", "Khartoum", parts=("GOV_SDN", "MIN_SDN_INTERIOR", "UNHCR"))
    events = merge_events([en, fr])
    assert len(events) == 1 and events[0].participants == {"GOV_SDN", "GOV_TCD", "MIN_SDN_INTERIOR", "UNHCR"}
    # two bodies alone (IOM and UNHCR meet somewhere every day), or a ministry and its state, are not enough
    assert len(merge_events([em("a", 1, "2020-03-02", parts=("IOM", "UNHCR", "GOV_NER")),
                             em("b", 1, "2020-03-02", parts=("IOM", "UNHCR", "GOV_MLI"))])) == 2
    assert len(merge_events([em("a", 1, "2020-03-02", parts=("MIN_NER_X", "GOV_NER", "IOM")),
                             em("b", 1, "2020-03-02", parts=("MIN_NER_X", "GOV_NER", "UNHCR"))])) == 2
    # one party in common, or a month for a day, is not enough across pages
    assert len(merge_events([en, em("fr", 2, "2017-05-31", parts=("GOV_SDN", "IOM"))])) == 2
    assert len(merge_events([em("en", 1, "2017-05", parts=("GOV_SDN", "GOV_TCD", "UNHCR")),
                             em("fr", 2, "2017-05", parts=("GOV_SDN", "IOM", "UNHCR"))])) == 2


def test_two_acts_of_one_sentence_have_two_ids():
    # 'signed in 2004 and renewed in 2010': same parties, same type, one sentence, two events, two ids
    first = EventMention("d", 3, "agreement", frozenset({"IOM", "GOV_MEX"}), "2004", "year", "", "R1", "…", 10)
    second = EventMention("d", 3, "agreement", frozenset({"IOM", "GOV_MEX"}), "2010", "year", "", "R2", "…", 40)
    events = merge_events([first, second])
    assert len(events) == 2 and len({e.event_id for e in events}) == 2
