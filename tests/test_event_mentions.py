"""Event mentions of one page (analysis.extract): who takes part, which dates make events, events named again."""

from pathlib import Path

from analysis.entities import discover
from analysis.events import merge_events
from analysis.extract import EVENT_ANAPHOR, EVENT_CUES, extract_document
from analysis.ingest import ingest_corpus

from conftest import DEV


def mentions(text, kb, language="en", published=""):
    doc = {"doc_id": "d", "file": "d.txt", "body": text, "language": language, "published": published}
    return extract_document(doc, kb, discover({"d": text}, kb))


def test_the_actors_of_the_sentences_cooperation_relations_take_part_in_its_event(kb):
    ex = mentions("IOM and UNODC signed a memorandum of understanding on 3 May 2019 in cooperation with UNHCR.", kb)
    signing = [e for e in ex.event_mentions if e.event_type == "agreement" and e.date == "2019-05-03"]
    assert signing and all({"IOM", "UNODC", "UNHCR"} <= e.participants for e in signing)


def test_an_event_takes_the_partners_its_participants_have_in_the_sentences_around_it(kb):
    text = ("The Ministry of Labour of Ghana opened a migrant resource centre in Accra on 19 December 2024.\n"
            "The centre was set up through a partnership between the Ministry of Labour of Ghana and IOM.\n"
            "It offers advice to returnees.\nIt also trains officials.\nIt keeps records.\nIt publishes reports.\n"
            "UNHCR and IOM also signed an agreement.\n")
    opening = [e for e in mentions(text, kb).event_mentions if e.date == "2024-12-19"]
    assert opening and all("IOM" in e.participants for e in opening)  # the partnership told in the next sentence
    assert all("UNHCR" not in e.participants for e in opening)  # a partner of IOM six sentences on: another story
    # the next sentence's act of the same type is its own: two memberships of one year stay two events
    two = merge_events(mentions("IOM obtained observer status in the UN General Assembly in 1992. IOM joined the "
                                "Inter-Agency Standing Committee (IASC) in 1992.", kb).event_mentions)
    assert len(two) == 2 and not any({"UNGA", "IASC"} <= e.participants for e in two), [(e.date, e.participants) for e in two]
    # nor from a sentence telling another act of its own
    later = mentions("The Ministry of Labour of Ghana opened a migrant resource centre in Accra on 19 December 2024. "
                     "Later, the Ministry of Labour of Ghana and UNHCR signed an agreement.", kb)
    opening = [e for e in later.event_mentions if e.event_type == "establishment"]
    assert opening and all("UNHCR" not in e.participants for e in opening)


def test_each_date_of_an_event_sentence_dates_an_event(kb):
    ex = mentions("The Bali Process Steering Group meeting, held on 2-3 May 2024 in Kuala Lumpur, reviewed the work done "
                  "since the Ministerial Conference held in Adelaide in February 2023.", kb)
    dates = {e.date.split("/")[0] for e in ex.event_mentions if e.event_type == "meeting" and "BALI_PROCESS_STEERING_GROUP" in e.participants}
    assert dates == {"2024-05-02", "2023-02"}
    ex = mentions("La réunion des ministres de la CEDEAO, tenue en juin 2014 à Accra et le 11 octobre 2014 à Lomé, a "
                  "adopté un plan.", kb, language="fr")
    assert {e.date for e in ex.event_mentions if "ECOWAS" in e.participants} >= {"2014-06", "2014-10-11"}


def test_a_date_of_no_event_cue_makes_no_event(kb):
    ex = mentions("IOM and UNODC signed a memorandum of understanding on 3 May 2019 and have cooperated since 2015.", kb)
    assert {e.date for e in ex.event_mentions} == {"2019-05-03"}


def test_an_event_named_again_is_the_same_event(kb):
    text = ("A workshop on migration and development was held on 14-17 November 2016 in Seoul with the ASEAN Secretariat. "
            "Migration has many effects. The workshop was organised by IOM and UNODC.")
    events = merge_events(mentions(text, kb, published="2016-11-21").event_mentions)
    # (the ASEAN Secretariat is a body of its own: ASEAN_SECRETARIAT)
    assert any(e.date.startswith("2016-11-14") and {"ASEAN_SECRETARIAT", "IOM", "UNODC"} <= e.participants
               for e in events)
    fr = ("Un atelier s'est tenu à Dakar le 12 mai 2022 avec l'OIM. Cet atelier était organisé par Frontex et l'ICMPD.")
    events = merge_events(mentions(fr, kb, language="fr").event_mentions)
    assert any(e.date == "2022-05-12" and {"IOM", "FRONTEX", "ICMPD"} <= e.participants for e in events)


def test_an_event_named_again_with_another_date_stays_another_event(kb):
    text = ("A workshop was held on 12-14 November 2019 in Skopje by UNODC and the OSCE. "
            "Before the workshop opened, UNODC hosted a delegation from the Government of Sweden on 11 November 2019.")
    events = merge_events(mentions(text, kb).event_mentions)
    visit = [e for e in events if e.date == "2019-11-11"]
    assert visit and all("OSCE" not in e.participants for e in visit)
    assert all("GOV_SWE" not in e.participants for e in events if e.date.startswith("2019-11-12"))


def test_an_indefinite_event_word_names_no_event_again():
    assert not EVENT_ANAPHOR["en"].search("a workshop was held")
    assert EVENT_ANAPHOR["en"].search("the three-day training was hosted").lastgroup == "meeting"
    assert EVENT_ANAPHOR["fr"].search("l'atelier s'est tenu").lastgroup == "meeting"
    assert EVENT_ANAPHOR["pt"].search("o seminário em maputo").lastgroup == "meeting"


def test_event_participants_are_actors_of_the_pages_tables(kb):
    docs, _, _ = ingest_corpus(DEV / "raw")
    for doc in docs:
        ex = extract_document(doc, kb, discover({doc["doc_id"]: doc["body"]}, kb))
        named = {m["entity_id"] for m in ex.mentions} | {x for r in ex.relations for x in (r["source"], r["target"])}
        assert all(e.participants and e.participants <= named for e in ex.event_mentions), doc["file"]


def test_the_lead_actors_doing_it_again_take_the_date_of_the_story(kb):
    text = ("On 22 January 2026, Frontex and the European Union Agency for Asylum (EUAA) agreed to strengthen cooperation "
            "on asylum.\n\nMigration is a shared challenge for Europe.\n\n"
            "The cooperation is set out in a working arrangement, signed by Frontex and the EUAA.\n\n"
            "UNHCR and UNICEF signed a letter of intent.")
    ex = mentions(text, kb)
    dated = {e.participants: e.date for e in ex.event_mentions if e.event_type == "agreement"}
    assert dated[frozenset({"FRONTEX", "EUAA"})] == "2026-01-22"
    assert dated[frozenset({"UNHCR", "UNICEF"})] == ""


def test_the_lead_actors_with_others_take_the_date_of_the_story(kb):
    text = ("On 22 January 2026, Frontex, the EU border agency, and the European Union Agency for Asylum (EUAA) agreed to "
            "strengthen cooperation to support EU Member States.\n\n"
            "Migration is a shared challenge for Europe.\n\n"
            "The cooperation is set out in a working arrangement, signed by Frontex, the EUAA and UNHCR.")
    dated = [e.date for e in mentions(text, kb).event_mentions if {"FRONTEX", "EUAA", "UNHCR"} <= e.participants]
    assert dated and set(dated) == {"2026-01-22"}


def test_the_lead_act_takes_the_day_a_next_sentence_naming_it_again_tells(kb):
    text = ("Os governos de Moçambique e da África do Sul assinaram um acordo de protecção legal dos trabalhadores.\n"
            "MAPUTO – Segundo a agência Lusa, o acordo, assinado na quinta-feira em Maputo pelas ministras do Trabalho, "
            "prevê protecção legal para os trabalhadores.")
    dated = [e.date for e in mentions(text, kb, language="pt", published="2015-11-28").event_mentions
             if e.participants == {"GOV_MOZ", "GOV_ZAF"}]
    assert dated == ["2015-11-26"]  # the Thursday before the page's Saturday, not the page's day


def test_a_sentence_naming_an_agreement_again_brings_its_signatories(kb):
    text = ("A Declaração Conjunta entre a União Europeia e Cabo Verde foi assinada em 5 de Junho de 2008.\n"
            "Com esta Declaração, os signatários – Cabo Verde, Portugal, Espanha e França – pretendem reforçar a "
            "cooperação sobre as questões migratórias.")
    events = merge_events(mentions(text, kb, language="pt").event_mentions)
    assert any(e.date == "2008-06-05" and {"EU", "GOV_CPV", "GOV_PRT", "GOV_ESP", "GOV_FRA"} <= e.participants
               for e in events)
    assert EVENT_ANAPHOR["en"].search("the memorandum was signed").lastgroup == "agreement"
    assert EVENT_ANAPHOR["fr"].search("cet accord de coopération").lastgroup == "agreement"
    assert EVENT_ANAPHOR["es"].search("el convenio fue firmado").lastgroup == "agreement"
    assert not EVENT_ANAPHOR["fr"].search("en accord avec l'oim")


def test_the_story_is_told_in_the_present_of_its_page_until_another_date(kb):
    text = ("Jakarta, 22 October 2013 – Human trafficking is a global crime that affects the most basic rights of its victims.\n\n"
            "A three-day dialogue on protecting victims is being hosted in Jakarta by IOM and UNFPA.\n\n"
            "In 2004, ASEAN member states met in Vientiane and adopted a declaration.\n\n"
            "A training on victim identification was organised by UNHCR and UNICEF.")
    dated = {e.participants: e.date for e in mentions(text, kb, published="2013-10-22").event_mentions}
    assert dated[frozenset({"IOM", "UNFPA"})] == "2013-10-22"  # before any other date: the news of the day
    assert dated[frozenset({"UNHCR", "UNICEF"})] == ""  # after 'In 2004': not the page's day
    # a lead that dates its own event ('convened … on 27-28 September') has no undated present
    text = ("JAKARTA, 3 October 2022 – AICHR convened a consultation in Jakarta on 27-28 September.\n\n"
            "The activity was jointly organised by UNODC and UNICEF.")
    assert all(e.date != "2022-10-03" for e in mentions(text, kb, published="2022-10-03").event_mentions)


def test_a_pair_named_again_without_names_takes_part_in_the_sentences_event(kb):
    es = ("La OIM y el ACNUR renovaron su convenio de cooperación el 27 de agosto de 2015. Desde la firma del convenio "
          "inicial, en marzo 2014, ambas instituciones han llevado acciones conjuntas.")
    assert any(e.date == "2014-03" and e.participants == {"IOM", "UNHCR"} for e in mentions(es, kb, "es").event_mentions)
    fr = ("L'OIM et le HCR ont signé un accord le 3 mai 2019. Les deux organisations avaient signé un premier accord "
          "en juin 2015.")
    assert any(e.date == "2015-06" and e.participants == {"IOM", "UNHCR"} for e in mentions(fr, kb, "fr").event_mentions)
    pt = ("A OIM e o ACNUR assinaram um memorando em 3 de maio de 2019. As duas instituições tinham assinado um acordo "
          "em junho de 2015.")
    assert any(e.date == "2015-06" and e.participants == {"IOM", "UNHCR"} for e in mentions(pt, kb, "pt").event_mentions)


def test_a_launch_word_makes_an_event_of_the_sentences_actors(kb):
    fr = ("C'est dans cet esprit qu'est inauguré le 15 septembre 2020 le nouveau siège de la police, construit sous "
          "la supervision de l'OIM avec l'ONUDC.")
    ex = mentions(fr, kb, "fr")
    assert any(e.event_type == "launch" and e.date == "2020-09-15" and {"IOM", "UNODC"} <= e.participants
               for e in ex.event_mentions)
    assert not any(r["rule"].endswith(":launch") for r in ex.relations)  # attending a launch is no partnership
    pt = "A nova sede foi inaugurada em 3 de maio de 2019 na presença da OIM e do ACNUR."
    assert any(e.event_type == "launch" and e.date == "2019-05-03" and e.participants == {"IOM", "UNHCR"}
               for e in mentions(pt, kb, "pt").event_mentions)


def test_event_words_are_read_in_the_sentences_language(kb):
    # a Spanish 'oficina' is an office, not the Portuguese workshop; a new one is a launch
    es = "La OIM y el ACNUR trabajan en la oficina de Tenosique para proteger a los refugiados."
    assert not any(e.event_type == "meeting" for e in mentions(es, kb, "es").event_mentions)
    es = "Con una nueva oficina en Tenosique, el ACNUR reforzará la protección de los refugiados con la OIM."
    assert {e.event_type for e in mentions(es, kb, "es").event_mentions} == {"launch"}
    pt = "A oficina sobre tráfico de pessoas reuniu a OIM e o ACNUR em Maputo."
    assert "meeting" in {e.event_type for e in mentions(pt, kb, "pt").event_mentions}


def test_the_signature_of_a_working_arrangement_is_a_signing(kb):
    text = "The Commission welcomes the signature of the working arrangement between Frontex and UNHCR, that takes place today."
    events = mentions(text, kb, published="2024-02-23").event_mentions
    assert any(e.event_type == "agreement" and e.date == "2024-02-23" and e.participants == {"FRONTEX", "UNHCR"}
               for e in events)


def test_a_noun_of_any_event_names_again_the_event_told_last(kb):
    # 'The event' is no meeting word: its actors take part in the conference told before (es: 'El evento')
    text = ("The Regional Conference on Migration was held in Panama on 4-5 May 2006. "
            "The event was attended by IOM and UNHCR.")
    events = merge_events(mentions(text, kb).event_mentions)
    assert any(e.date.startswith("2006-05-04") and {"IOM", "UNHCR"} <= e.participants for e in events)
    es = ("Durante los días 4 y 5 de mayo de 2006 se llevó a cabo en Asunción la Conferencia Sudamericana sobre "
          "Migraciones. El evento contó con la participación de la OIM y del ACNUR.")
    events = merge_events(mentions(es, kb, language="es").event_mentions)
    assert any(e.date.startswith("2006-05-04") and {"IOM", "UNHCR"} <= e.participants for e in events)
    assert EVENT_ANAPHOR["fr"].search("cet événement a réuni").lastgroup == "any"
    assert EVENT_ANAPHOR["pt"].search("a cerimónia contou").lastgroup == "any"


def test_a_noun_of_any_event_without_an_event_before_makes_no_event(kb):
    text = "IOM and UNHCR published a report on 4 May 2006. The event was attended by UNODC."
    assert not any("UNODC" in e.participants for e in mentions(text, kb).event_mentions)
    # 'in the event of' and a body's activities name no event again
    for other in ("In the event of a new crisis, UNICEF is ready.", "The activities of UNICEF in Mali include education."):
        text = "The Regional Conference on Migration was held in Panama on 4-5 May 2006. " + other
        assert not any("UNICEF" in e.participants for e in mentions(text, kb).event_mentions), other


def test_an_event_named_again_and_told_by_no_earlier_sentence_takes_the_date_of_the_previous_one(kb):
    # the meeting is told through people ('the Minister met the Chief of Mission') in another paragraph
    fr = ("Le mardi 5 novembre 2024, le ministre des Affaires étrangères a rencontré le chef de mission.\n\n"
          "Lors de cette réunion, l'OIM et le HCR ont échangé sur la situation des migrants.")
    meeting = [e for e in mentions(fr, kb, language="fr").event_mentions if {"IOM", "UNHCR"} <= e.participants]
    assert meeting and all(e.date == "2024-11-05" for e in meeting)
    # an event told before keeps its own date: the date of the sentence before is another event's
    en = ("IOM and UNHCR held a workshop in Dakar.\n\nA dialogue will take place in New York in September 2006.\n\n"
          "The workshop was attended by UNODC.")
    assert all(e.date != "2006-09" for e in mentions(en, kb).event_mentions if "UNODC" in e.participants)


def test_a_national_body_takes_part_in_an_event_for_its_state(kb):
    """The French page names Sudan's minister, the English one Sudan: one signing of Sudan and UNHCR."""
    from analysis.extract import extract_corpus

    fr = ("Khartoum, le 31 mai 2017 - Le ministre soudanais de l'Intérieur et la représentante du HCR ont signé un "
          "accord tripartite sur le rapatriement des réfugiés.")
    en = "Khartoum, 31 May 2017 - Sudan and UNHCR signed a tripartite agreement on the return of refugees."
    docs = [{"doc_id": "a", "file": "a.txt", "body": fr, "language": "fr", "published": "2017-05-31"},
            {"doc_id": "b", "file": "b.txt", "body": en, "language": "en", "published": "2017-05-31"}]
    tables = extract_corpus(docs, kb)
    signing = [e for e in tables["events"] if e["date"] == "2017-05-31" and "GOV_SDN" in e["participants"].split("|")]
    assert signing and signing[0]["doc_ids"].split("|") == ["a", "b"], tables["events"]
    assert "GOV_SDN" in {e["entity_id"] for e in tables["entities"]}
    assert not any(m["entity_id"] == "GOV_SDN" and m["doc_id"] == "a" for m in tables["mentions"])  # no mention made up


def test_meeting_a_need_is_no_meeting(kb):
    ex = mentions("Funded by the European Union, the IOM project is aimed at meeting the basic needs of 3,500 households.", kb)
    assert not [e for e in ex.event_mentions if e.event_type == "meeting"]
    ex = mentions("At the meeting the European Union and IOM discussed the project in Kampala.", kb)
    assert any({"EU", "IOM"} <= e.participants for e in ex.event_mentions if e.event_type == "meeting")


def test_every_relation_an_event_cites_is_in_the_relations_table(kb):
    from analysis.extract import extract_corpus

    text = ("IOM and UNHCR signed an agreement in Geneva on 3 May 2019. The event was attended by UNICEF and WFP. "
            "A workshop on trafficking was launched in Dakar on 5 May 2019.")
    tables = extract_corpus([{"doc_id": "d", "file": "d.txt", "body": text, "language": "en", "published": ""}], kb)
    cited = {r for e in tables["events"] for r in e["relation_ids"].split("|") if r}
    assert cited and cited <= {r["relation_id"] for r in tables["relations"]}


def test_an_agreement_cue_that_holds_a_signing_word_is_an_event_undated(kb):
    # the cue spans 'cooperação foi assinado': the signing word is not its first
    ex = mentions("Um protocolo de cooperação foi assinado entre a OIM e o ACNUR.", kb, language="pt")
    assert any(e.event_type == "agreement" and {"IOM", "UNHCR"} <= e.participants for e in ex.event_mentions)


def test_the_day_the_lead_tells_shortly_before_the_pages_date_is_the_storys_day(kb):
    text = ("The International Organization for Migration and UNHCR met in Geneva yesterday to discuss returns.\n\n"
            "IOM and UNODC signed a memorandum of understanding.")
    signing = [e for e in mentions(text, kb, published="2019-05-08").event_mentions if e.event_type == "agreement"]
    assert [e.date for e in signing] == ["2019-05-07"]
    long_ago = text.replace("yesterday", "on 2 March 2019")  # a day long before the page's: background, not the story's
    signing = [e for e in mentions(long_ago, kb, published="2019-05-08").event_mentions if e.event_type == "agreement"]
    assert signing and all(e.date != "2019-03-02" for e in signing)


def test_a_comma_between_a_city_and_its_country_does_not_part_a_date_from_its_event(kb):
    ex = mentions("The Bali Process Steering Group meeting, held on 2-3 May 2024 in Kuala Lumpur, reviewed the work done "
                  "since the Ministerial Conference held in Adelaide, Australia in February 2023 and discussed the "
                  "progress made on its cooperation with IOM.", kb)
    assert "2023-02" in {e.date for e in ex.event_mentions if e.event_type == "meeting"}


def test_an_undated_event_of_a_sentence_naming_an_earlier_event_again_takes_its_date(kb):
    text = ("IOM began a two-day visit to Chile on 20 June 2022.\n\nMigration is a challenge for the region.\n\n"
            "During the visit, IOM and UNHCR held a workshop.")
    workshop = [e for e in mentions(text, kb).event_mentions if e.event_type == "meeting"]
    assert workshop and all(e.date == "2022-06-20" for e in workshop)


def test_an_event_word_after_a_contracted_article_names_an_event_again():
    assert EVENT_ANAPHOR["pt"].search("no primeiro dia da missão de monitorização").lastgroup == "visit"
    assert EVENT_ANAPHOR["es"].search("los participantes del encuentro").lastgroup == "meeting"
    assert EVENT_ANAPHOR["fr"].search("les participants du séminaire").lastgroup == "meeting"


def test_the_singular_of_an_event_word_is_an_event_word():
    assert EVENT_CUES["es"].search("un taller regional").lastgroup == "meeting"
    assert EVENT_CUES["pt"].search("o ii fórum de ministros").lastgroup == "meeting"


def test_an_event_word_that_defines_a_body_tells_no_event(kb):
    # definition_before of the language files: 'é um fórum', 'is a regional forum'
    ex = mentions("A CPLP é um fórum multilateral privilegiado para a cooperação com a OIM desde 1996.", kb, "pt")
    assert not any(e.event_type == "meeting" for e in ex.event_mentions), ex.event_mentions
    ex = mentions("IGAD is a regional forum of IOM and UNHCR since 2010.", kb)
    assert not any(e.event_type == "meeting" for e in ex.event_mentions), ex.event_mentions
    # 'is a' after no name is no definition
    ex = mentions("The first activity is a two-day workshop of IOM and UNHCR in Dakar on 3 May 2019.", kb)
    assert any(e.event_type == "meeting" and e.date == "2019-05-03" for e in ex.event_mentions), ex.event_mentions
    # a forum that took place is one
    ex = mentions("IOM and UNHCR held a regional forum in Nairobi on 3 May 2019.", kb)
    assert any(e.event_type == "meeting" and e.date == "2019-05-03" for e in ex.event_mentions), ex.event_mentions


def test_an_act_the_page_says_was_just_done_has_the_pages_date(kb):
    # not the date the sentence gives an earlier act ('… qui a été signé … en janvier 2022')
    for text, language, published in (
            ("Le Maroc et le Portugal viennent de signer le protocole officialisant l’accord de mobilité qui a été "
             "signé entre les deux parties en janvier 2022.", "fr", "2022-09"),
            ("IOM and UNHCR have just signed the protocol of the agreement that the two agencies signed in January "
             "2022.", "en", "2022-09-05"),
            ("La OIM y el ACNUR acaban de firmar el protocolo del acuerdo que firmaron en enero de 2022.", "es", "2022-09"),
            ("A OIM e o ACNUR acabam de assinar o protocolo do acordo que assinaram em janeiro de 2022.", "pt", "2022-09")):
        dates = sorted(e.date for e in mentions(text, kb, language, published).event_mentions if e.event_type == "agreement")
        assert published in dates, (text, dates)
    from analysis.extract import RECENT_PAST
    assert RECENT_PAST["fr"].search("Le HCR et l'OIM viennent d’") and RECENT_PAST["fr"].search("le HCR vient de ")  # elided too
    ex = mentions("IOM and UNHCR have just signed an agreement on 3 September 2022.", kb, "en", "2022-09-05")
    assert [e.date for e in ex.event_mentions if e.event_type == "agreement"] == ["2022-09-03"]  # the cue's own date
    ex = mentions("In 2015 IOM and UNHCR had just signed an agreement.", kb, "en", "2022-09-05")
    assert "2022-09-05" not in [e.date for e in ex.event_mentions]  # a past of the past is no act of the page's day


def test_an_audience_or_talks_are_meetings(kb):
    # (a ceremony is any event's noun: 'the ceremony' names again the event told before, see above)
    for text, language in (("Le président de la CEEAC a accordé le 26 juillet 2024 une audience au HCR et à l'OIM.", "fr"),
                           ("IOM and UNHCR began talks on returns on 3 May 2019.", "en"),
                           ("La OIM y el ACNUR mantuvieron conversaciones en Quito el 3 de mayo de 2019.", "es"),
                           ("A OIM e o ACNUR tiveram uma audiência em Maputo a 3 de maio de 2019.", "pt")):
        ex = mentions(text, kb, language)
        assert any(e.event_type == "meeting" and e.date.startswith(("2024-07-26", "2019-05-03")) for e in ex.event_mentions), text


def test_a_signing_word_opening_the_clause_of_an_agreements_cue_makes_it_a_signing(kb):
    text = ("A Universidade Federal do Rio Grande do Norte (UFRN) assinou, nesta quarta-feira, 27, termo de cooperação "
            "com a Agência da ONU para Refugiados (Acnur).")
    assert any(e.event_type == "agreement" and e.participants == {"UFRN", "UNHCR"}
               for e in mentions(text, kb, "pt").event_mentions)
    for text in ("IOM signed nothing. The cooperation agreement with UNHCR covers returns.",  # another sentence
                 "IOM signed a letter; the cooperation agreement with UNHCR covers returns.",  # another clause
                 "IOM signed a letter, and the cooperation agreement with UNHCR covers returns."):  # another act
        assert not mentions(text, kb).event_mentions, text


def test_on_a_page_dated_to_the_month_an_act_told_by_its_weekday_is_of_that_month(kb):
    lead = "A migração cresceu na região. Muitas pessoas atravessaram. Os números subiram. "
    ex = mentions(lead + "A UE e o ACNUR assinam na sexta-feira um acordo em Mindelo.", kb, "pt", "2019-07")
    assert [e.date for e in ex.event_mentions if e.event_type == "agreement"] == ["2019-07"]
