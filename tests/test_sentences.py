import re

from hypothesis import given, settings, strategies as st

from analysis.sentences import ABBREVIATIONS, split_sentences


def texts(body):
    return [s.text for s in split_sentences(body)]


def test_sentences_end_at_marks_followed_by_a_capital_a_digit_or_a_quote():
    assert texts("IOM signed. UNODC agreed! Why? «Oui» dit-il… 2024 was busy.") == \
        ["IOM signed.", "UNODC agreed!", "Why?", "«Oui» dit-il…", "2024 was busy."]
    assert texts("Why? « Oui »") == ["Why? « Oui »"]  # a spaced French quote does not open a sentence
    assert texts("a lowercase start. continues here") == ["a lowercase start. continues here"]


def test_abbreviations_and_initials_do_not_end_a_sentence():
    assert texts("Dr. Smith met Mr. Jones in Jan. 2020. The U.N. agreed.") == \
        ["Dr. Smith met Mr. Jones in Jan. 2020.", "The U.N. agreed."]
    assert texts("Signed by J. R. Doe on Monday. Next.") == ["Signed by J. R. Doe on Monday.", "Next."]


def test_paragraphs_are_never_joined_and_offsets_point_into_the_body():
    body = "First line without a stop\n\n  Second paragraph. Another one.  \nThird"
    got = split_sentences(body)
    assert [s.text for s in got] == ["First line without a stop", "Second paragraph.", "Another one.", "Third"]
    assert all(body[s.start:s.end] == s.text for s in got)
    assert [s.index for s in got] == [0, 1, 2, 3]


def _plain_split(body):
    """The splitter written plainly: a look-behind for the mark, the last word found by a regex."""
    boundary = re.compile(r"(?<=[.!?…])[\"”»’)]*\s+(?=[\"“«(¿¡]?[A-ZÀ-Ý0-9])")
    out = []
    for para in re.finditer(r"[^\n]+", body):
        p_start, text, cut = para.start(), para.group(0), 0
        pieces = []
        for m in boundary.finditer(text):
            before = text[cut:m.start()].rstrip("\"”»’)")
            last = re.search(r"(\S+)$", before)
            token = last.group(1).lower().rstrip(".") if last else ""
            if token in ABBREVIATIONS or re.fullmatch(r"(?:[a-z]\.)*[a-z]", token or "-"):
                continue
            pieces.append((cut, m.start()))
            cut = m.end()
        pieces.append((cut, len(text)))
        for a, b in pieces:
            chunk = text[a:b]
            if chunk.strip():
                start = p_start + a + len(chunk) - len(chunk.lstrip())
                out.append((start, start + len(chunk.strip()), chunk.strip()))
    return out


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["IOM", "signed", "Dr", "e.g", "J", "U.S", "2024", ".", "!", "?", "…", "”", ")", "«",
                                 "(", "¿", " ", " ", "  ", "\n", "\n\n", "\t", "a", "Élan"]), max_size=40).map("".join))
def test_the_splitter_cuts_where_the_plain_form_cuts(body):
    assert [(s.start, s.end, s.text) for s in split_sentences(body)] == _plain_split(body)


def test_a_text_without_full_stops_is_cut_into_bounded_sentences():
    from analysis.sentences import MAX_SENTENCE_CHARS

    body = "IOM and UNODC and UNHCR, " * 2000  # 50,000 characters, no full stop
    sentences = split_sentences(body)
    assert all(len(s.text) <= MAX_SENTENCE_CHARS for s in sentences)
    assert "".join(body[s.start:s.end] for s in sentences).replace(" ", "") == body.replace(" ", "")
    assert [s.index for s in sentences] == list(range(len(sentences)))


def test_the_mentions_table_grows_linearly_on_a_hostile_page(kb):
    from analysis.entities import discover
    from analysis.extract import extract_document
    from analysis.tables import frame, table_csv

    def run(n):
        body = "IOM and UNODC and " * n + "UNHCR signed."
        doc = {"doc_id": "d", "file": "d", "body": body, "language": "en", "published": ""}
        ex = extract_document(doc, kb, discover({"d": body}, kb))
        return len(table_csv(frame("mentions", ex.mentions), "mentions")) / len(body)
    m1, m4 = run(500), run(2000)
    assert m4 <= 1.2 * m1 and m4 < 10  # bytes of the mentions table per character: constant (it was ~220 at 36 kB)
