import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from analysis.ingest import IngestError, build_document, decode_bytes, find_dateline, ingest_corpus
from analysis.language import detect_language

from conftest import write_corpus


def test_language_detection():
    assert detect_language("The agency and the government have signed an agreement with the partners of the region.") == "en"
    assert detect_language("L'OIM et le HCR ont signé un accord pour la protection des réfugiés dans la région.") == "fr"
    assert detect_language("La OIM y el ACNUR firmaron un memorando con el Gobierno de Colombia para los migrantes.") == "es"
    assert detect_language("12 34 56") == "und"


def test_decoding_detects_encodings():
    text = "Réunion à Genève : coopération entre l'OIM et le HCR, signée à Dakar pour les réfugiés."
    assert decode_bytes(text.encode("utf-8-sig"), "a") == text
    assert decode_bytes(text.encode("utf-16"), "a") == text
    assert decode_bytes(text.encode("cp1252"), "a") == text
    with pytest.raises(IngestError):
        decode_bytes(b"   \n", "empty")


def test_dateline_place_and_date():
    dl = find_dateline("Vienna, Austria - 17 April 2019 - UNODC hosted a delegation.")
    assert dl.place == "Vienna" and dl.date.value == "2019-04-17"
    dl = find_dateline("GENÈVE, le 15 novembre 2022 - Le HCR et l'OIM ont signé")
    assert dl.place == "GENÈVE" and dl.date.value == "2022-11-15"
    assert find_dateline("In 2019 the agencies met - again.") is None
    dl = find_dateline("Montevideo, 19 de septiembre 2008.- La VIII Conferencia Sudamericana de Migraciones concluyó")
    assert dl.place == "Montevideo" and dl.date.value == "2008-09-19"  # the wire style 'fecha.-'


_STORY = "The agencies signed an agreement with the Government of Chad on refugees and migrants."


def published(page: str) -> str:
    """The publication date ingestion reads from a page (``page`` with its header lines, then the story)."""
    row, _ = build_document("d", "d.txt", page)
    return row["published"]


def test_published_cue_anywhere_on_the_page():
    assert published(f"Some story title goes here\nPublished on 3 May 2021\n\n{_STORY}") == "2021-05-03"


@pytest.mark.parametrize("header, expected", [
    ("mardi, 20 mai 2008", "2008-05-20"),
    ("sábado, 25 de fevereiro de 2012", "2012-02-25"),
    ("Ouagadougou, jeudi 01 décembre 2022).", "2022-12-01"),
    ("FE REPORT | May 22, 2024 00:00:00", "2024-05-22"),
    ("The agencies met on Monday 3 May 2019", ""),  # a sentence of the story, not a header
])
def test_a_header_line_dates_the_page_after_a_weekday_or_a_field_separator(header, expected):
    assert published(f"{header}\n\nSome story title goes here\n\n{_STORY}") == expected


@pytest.mark.parametrize("header, expected", [
    ("Last Updated:  Tuesday, 4 March, 2003, 19:12 GMT", "2003-03-04"),  # a weekday after the cue
    ("Dernière modification 28.03.2012", "2012-03-28"),
    ("17/02/10", "2010-02-17"),  # a two-digit year, on a line of its own
    ("2022/6/23", "2022-06-23"),  # year first
    ("2017•12•11 Maastricht", "2017-12-11"),
    ("(Xinhua News Agency July 12, 2003)", "2003-07-12"),  # a closing credit
    ("10/11/12 people were rescued", ""),  # two-digit figures in a sentence are no date field
    ("Version 1.2.3", ""),
    ("1.2.10", ""),  # a section or version number: a two-digit year only after slashes
])
def test_a_date_field_in_figures_a_cue_before_a_weekday_or_a_credit_dates_the_page(header, expected):
    assert published(f"Some story title goes here\n{header}\n\n{_STORY}") == expected


def test_corpus_ingest_rejects_bad_files_and_keeps_the_rest(tmp_path):
    good = "The International Organization for Migration and UNHCR signed an agreement in Geneva on refugees."
    raw = write_corpus(tmp_path / "raw", {"a.txt": good, "b.txt": good, "empty.txt": "", "notes.docx": "x"})
    (raw / "junk.txt").write_bytes(bytes(range(256)) * 4)
    docs, _, rejected = ingest_corpus(raw)
    assert [d["file"] for d in docs] == ["a.txt"]
    reasons = {r["file"]: r["reason"] for r in rejected}
    assert reasons["b.txt"] == "same content as a.txt"
    assert reasons["empty.txt"] == "empty file"
    assert "unsupported file type" in reasons["notes.docx"]
    assert "junk.txt" in reasons


def test_seed_documents_metadata():
    docs, boiler, rejected = ingest_corpus(Path(__file__).resolve().parents[1] / "data" / "raw")
    by_file = {d["file"]: d for d in docs}
    assert not rejected
    assert by_file["000_275fe0e961b495a4.txt"]["published"] == "2024-07-02"
    assert by_file["000_275fe0e961b495a4.txt"]["dateline_place"] == "Cairo"
    assert by_file["002_34e2bc8e785f3bd9.txt"]["published"] == "2019-04-17"
    assert by_file["001_f9a6250c70dd7768.txt"]["published"] == ""
    assert by_file["003_da41a1f7e92c96a7.txt"]["language"] == "fr"
    assert "Zimbabwe" not in by_file["000_275fe0e961b495a4.txt"]["body"]
    assert "WHO WE ARE" not in by_file["004_ff0dead19dd0e325.txt"]["body"]
    assert "Lire aussi" not in by_file["003_da41a1f7e92c96a7.txt"]["body"]
    assert by_file["001_f9a6250c70dd7768.txt"]["title"].startswith("Agreement To Help")


def test_a_byte_order_mark_on_bytes_of_another_encoding_is_a_clear_error():
    for data in (b"\xfe\xff\x00\x00\x00\x00\x00", b"\xef\xbb\xbf\xff\xfe abc"):
        with pytest.raises(IngestError, match="marked as utf-"):
            decode_bytes(data, "x.txt")
    assert decode_bytes("\ufeffIOM".encode("utf-8"), "x.txt") == "IOM"


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_never_crash_ingestion(data):
    try:
        text = decode_bytes(data, "x")
    except IngestError:
        return
    try:
        row, removed = build_document("x", "x.txt", text)
    except IngestError:
        return
    assert row["body"].strip()


def test_ingestion_in_worker_processes_equals_serial(tmp_path):
    from pathlib import Path

    from analysis.ingest import relevance_filter

    raw = Path(__file__).parent / "data/dev_corpus/raw"
    relevant = relevance_filter(Path(__file__).parents[1] / "data/reference")
    assert ingest_corpus(raw, relevant=relevant, workers=2) == ingest_corpus(raw, relevant=relevant, workers=1)


def test_progress_lines_are_thinned_for_large_corpora():
    from analysis.progress import per_item

    lines: list[str] = []
    say = per_item(lines.append, 1000)
    for i in range(1000):
        say(f"doc {i}")
    assert len(lines) == 20 and lines[0] == "[50/1000] doc 49" and lines[-1] == "[1000/1000] doc 999"
    small: list[str] = []
    say = per_item(small.append, 5)
    for i in range(5):
        say(f"doc {i}")
    assert small == [f"[{i + 1}/5] doc {i}" for i in range(5)]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab \t\n\r\u00a0\u3000\u2028\x0b\x1c\u0085é")), max_size=40))
def test_normalised_lines_have_no_trailing_space(text):
    from analysis.ingest import normalise_text

    from analysis.ingest import _INVISIBLE

    out = normalise_text(text)
    assert all(line == line.rstrip() for line in out.split("\n"))
    assert [line.strip() for line in out.split("\n")] == [
        line.strip() for line in _INVISIBLE.sub("", unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n"))
        .translate({0xa0: " ", 0x3000: " "}).split("\n")]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab \t\n\r\u00a0\u2009\u3000\x0b\x0c\x1c\u2028\u0301e"), max_size=60))
def test_normalised_text_has_unix_lines_without_trailing_space(text):
    import re
    import unicodedata

    from analysis.ingest import _INVISIBLE, normalise_text

    plain = _INVISIBLE.sub("", unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n"))
    plain = re.sub(r"[\u00a0\u2000-\u200b\u202f\u205f\u3000]", " ", plain)
    assert normalise_text(text) == re.sub(r"[^\S\n]+$", "", plain, flags=re.MULTILINE)


def test_invisible_and_control_characters_are_removed():
    from analysis.ingest import normalise_text

    assert normalise_text("UN\u200dHCR and \u202eIOM\x1b signed\u00ad.") == "UNHCR and IOM signed."
    assert normalise_text("a\u00a0b\tc") == "a b\tc"


def test_a_stored_date_line_and_a_date_first_dateline_give_the_publication_date():
    from analysis.ingest import build_document

    row, _ = build_document("a", "a.txt", " date 2020-09 Niamey - Le Niger et l'OIM ont signé un accord de coopération "
                                          "pour la protection des migrants dans la région d'Agadez.\n")
    assert (row["published"], row["published_precision"]) == ("2020-09", "month")
    assert row["body"].startswith("Niamey - Le Niger")
    row, _ = build_document("b", "b.txt", "02 May 2019, Tadjourah, Djibouti: The Intergovernmental Authority on "
                                          "Development (IGAD), in collaboration with IOM, held a workshop on migration.\n")
    assert (row["published"], row["dateline_place"]) == ("2019-05-02", "Tadjourah")
    row, _ = build_document("c", "c.txt", "Report title\n\nfrom R4V\n\nPublished on 30 Sep 2018 View Original\n\n"
                                          "UNHCR and IOM lead the regional platform together with many partners in the region.\n")
    assert row["published"] == "2018-09-30"


@pytest.mark.parametrize("header, expected", [
    ("Rédigé par exemple.net le Mercredi 8 Avril 2015 à 10:02 | | 3 commentaire(s)|", "2015-04-08"),
    ("Por: Ana Gómez 3 marzo, 2016", "2016-03-03"),
    ("By Jane Doe | 14 June 2019", "2019-06-14"),
    ("Escrito por Maria Silva, 2 de abril de 2020", "2020-04-02"),
    ("By 14 June 2019 the agencies", ""),  # 'by' and a date: no author, no byline
    # a date field glued to its neighbours
    ("News article12 March 2021", "2021-03-12"),
    ("Source: Daily Wire English4 Oct 2018 10:11:12", "2018-10-04"),
    ("OBy O7 novembre 2019Aucun commentaire2 Mins Read", "2019-11-07"),
    ("News article 12 March 2021 and more words in this very line", ""),  # not glued, a long line: no page date
])
def test_a_byline_or_a_date_field_glued_to_its_neighbours_dates_the_page(header, expected):
    assert published(f"Some story title goes here\n\n{header}\n\n{_STORY}") == expected


def test_a_date_glued_to_the_first_sentence_dates_the_page():
    assert published("Some story title goes here\n21 de maio de 2018O Governo de Moçambique e a Organização "
                     "Internacional para as Migrações assinaram hoje um acordo sobre migrantes.") == "2018-05-21"


@pytest.mark.parametrize("line, expected", [
    ("Updated: 2012-04-05 13:18", "2012-04-05"),
    ("Actualizado 07/08/2009 01:57", "2009-08-07"),
])
def test_an_update_stamp_dates_the_page(line, expected):
    assert published(f"Some story title goes here\n{line}\n\n{_STORY[:-1]}, after a long negotiation in the capital.") == expected


def test_dateline_ended_by_a_full_stop_or_opened_by_an_article():
    dl = find_dateline("Lima, 4 de julio del 2019. Durante la reunión, la OIM y el Gobierno acordaron")
    assert (dl.place, dl.date.value) == ("Lima", "2019-07-04")
    assert dl.end == len("Lima, 4 de julio del 2019. ")
    dl = find_dateline("Le 9 mai 2016 – Dakar, Sénégal – Le ministre a annoncé aujourd'hui un financement")
    assert (dl.place, dl.date.value) == ("Dakar", "2016-05-09")
    assert find_dateline("Les 9 mai 2016 – Dakar, Sénégal – Le ministre") is None  # no article: a sentence
    assert find_dateline("In Lima, the agencies met on 4 July 2019. The Government agreed") is None


def test_the_one_scan_for_odd_spaces_and_invisible_characters_finds_either():
    # normalise_text looks for both classes at once before replacing or removing them
    from analysis.ingest import _INVISIBLE, _ODD_OR_INVISIBLE, _ODD_SPACE, normalise_text

    for c in map(chr, range(0x10000)):
        assert bool(_ODD_OR_INVISIBLE.match(c)) == bool(_ODD_SPACE.match(c) or _INVISIBLE.match(c)), hex(ord(c))
    assert normalise_text("a\u00a0b\u200d  \r\nc\x1b d \t") == "a b\nc d"


@pytest.mark.parametrize("line, place, value", [
    ("(Niamey – 1er Août 2021) L’Equipe Conjointe d’Investigation a formé des agents.", "Niamey", "2021-08-01"),
    ("Tegucigalpa, Honduras (12.09.2024).- La Secretaría firmó un convenio.", "Tegucigalpa", "2024-09-12"),
    ("YAREN, 05 SEPTEMBER 2018 (VANUATU DAILY POST) – Vanuatu and Australia signed two agreements.", "YAREN", "2018-09-05"),
    ("Oaxaca de Juárez, Oax. 24 de abril de 2019. Con la finalidad de crear las bases.", "Oaxaca de Juárez", "2019-04-24"),
])
def test_a_dateline_in_parentheses_before_a_credit_or_after_a_regions_abbreviation(line, place, value):
    found = find_dateline(line)
    assert found is not None and (found.place, found.date.value) == (place, value)
    assert find_dateline("Dr. 24 de abril de 2019. Con la finalidad.") is None  # an abbreviation alone is no place
    assert find_dateline("(AFP, 3 May 2019) The EU and IOM signed an agreement.") is None  # a credit, no place


@pytest.mark.parametrize("line, value", [
    ("Publicado em 13/10/2020 às 16:36 - Atualizado em 22/08/2023 às 20:29", "2020-10-13"),  # pt cue, not es 'Publicado'
    ("Data de Publicação 29-05-2019", "2019-05-29"),
    ("Fecha de publicación: 12 de mayo de 2020", "2020-05-12"),
    ("Publication date: 3 May 2021", "2021-05-03"),
    ("mar, 31/07/2018 - 22:40", "2018-07-31"),  # an abbreviated weekday before the figures
    ("06/16/2025 | Press release", "2025-06-16"),  # month first: the day first cannot be
    ("05/06/2025 | Press release", "2025-06-05"),  # ambiguous: day first
])
def test_publication_dates_the_page_announces(line, value):
    from analysis.ingest import find_published
    found = find_published([line])
    assert found is not None and found.value == value


def test_a_pages_last_change_dates_it_only_when_nothing_else_does():
    from analysis.ingest import find_published
    lines = ["World news", "Tuesday, September 17, 2002", "Last modified: September 21, 2002"]
    assert find_published(lines).value == "2002-09-17"  # the story's date line, not the page's last change
    assert find_published(["Mise à jour : 06 décembre 2023", "La France et le Royaume-Uni ont signé un accord."]).value \
        == "2023-12-06"
    assert find_published(["| Mercredi 5 Juillet 2006 à 21:28"]).value == "2006-07-05"  # a separator opens the line
    for update in ("Last update: September 21, 2002", "Update: 21/09/2002"):  # no 'date' cue inside 'update'
        assert find_published([update, "Tuesday, September 17, 2002"]).value == "2002-09-17"
