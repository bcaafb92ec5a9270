from hypothesis import given, settings, strategies as st

from analysis.kb import AliasMatcher, fold, is_case_sensitive


def matcher():
    m = AliasMatcher()
    for alias, key in [("UN", "UN"), ("United Nations", "UN"), ("UN Network on Migration", "UNNM"),
                       ("OIM", "IOM"), ("Organisation internationale pour les migrations", "IOM"), ("HCR", "UNHCR")]:
        m.add(alias, key)
    return m


def keys(text):
    return [(text[h.start:h.end], h.key) for h in matcher().find(text)]


def test_longest_match_wins():
    assert keys("through the UN Network on Migration and the UN") == [("UN Network on Migration", "UNNM"), ("UN", "UN")]


def test_acronyms_are_case_sensitive_names_are_not():
    assert keys("un accord avec l'OIM") == [("OIM", "IOM")]
    assert keys("L'Organisation Internationale pour les Migrations") == [
        ("Organisation Internationale pour les Migrations", "IOM")]
    assert is_case_sensitive("UNCTs") and is_case_sensitive("GLO.ACT") and not is_case_sensitive("United Nations")


def test_accents_and_french_elision():
    assert keys("le HCR et l’OIM") == [("HCR", "UNHCR"), ("OIM", "IOM")]
    assert fold("Réseau") == "reseau"


def test_reference_files_load(kb):
    assert kb.entities["IOM"].kind == "organization"
    assert kb.entities["GOV_IRN"].kind == "government" and kb.entities["C_IRN"].kind == "country"
    hits = {h.key for h in kb.matcher.find("l'OIM, le HCR et l'ONUDC")}
    assert {"IOM", "UNHCR", "UNODC"} <= hits


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab É_-.,’ \n2")), max_size=60))
def test_token_offsets_computed_on_demand_equal_the_regex_spans(text):
    from analysis.kb import _TOKEN, Tokens

    tokens = Tokens(text)
    spans = [m.span() for m in _TOKEN.finditer(text)]
    assert [(tokens.start(i), tokens.end(i)) for i in reversed(range(len(spans)))][::-1] == spans


def test_a_full_stop_after_an_initial_does_not_break_a_name(kb):
    hits = kb.matcher.find("with the U.S. Agency for International Development. U.S. officials said.")
    assert [h.key for h in hits] == ["USAID", "C_USA"]
    assert [h.key for h in kb.matcher.find("It was signed by IOM. Agency staff attended.")] == ["IOM"]


def test_a_name_written_lowercase_matches_when_it_carries_its_acronym(kb):
    assert [h.key for h in kb.matcher.find("Libye : la task force UA-UE-ONU appelle")][-1] == "TRIPARTITE_TASKFORCE_LIBYA"
    assert "UNFCCC_SECRETARIAT" in {h.key for h in kb.matcher.find("avec le secrétariat de la CCNUCC et la France")}
    # the acronym must be written as in the alias, and a name without one still needs its capital
    assert "TRIPARTITE_TASKFORCE_LIBYA" not in {h.key for h in kb.matcher.find("la task force ua-ue-onu appelle")}
    assert "UN" not in {h.key for h in kb.matcher.find("the united nations said")}
    # a long name (five words or more) says which body in lowercase too
    assert "UNNM" in {h.key for h in kb.matcher.find("the united nations network on migration")}


def test_a_name_written_differently_resolves_to_the_reference_body(kb):
    assert kb.resolve_name("Organización Internacional de las Migraciones") == "IOM"  # 'de las' for 'para las'
    assert kb.resolve_name("the Office of the United Nations on Drugs and Crime") == "UNODC"  # 'on' for 'against'
    assert kb.resolve_name("International Organization for Migration and Development Studies") is None
    assert kb.resolve_name("Regional Office") is None  # too few content words to tell


def test_acronyms_in_title_case_or_with_points_are_known(kb):
    for form in ("Unodc", "U.N.H.C.R."):
        hits = kb.matcher.find(f"The {form} team met the press.")
        assert [h.key for h in hits] == [{"Unodc": "UNODC", "U.N.H.C.R.": "UNHCR"}[form]]


def test_a_word_with_other_accents_than_a_one_word_alias_is_another_word(kb):
    keys = {h.key for h in kb.matcher.find("Irá também permitir que os parceiros trabalhem no Irã e no México.")}
    assert keys == {"C_IRN", "C_MEX"}
    assert kb.matcher.find("Irá também permitir") == []
    assert [h.key for h in kb.matcher.find("en Mexico y Peru")] == ["C_MEX", "C_PER"]


def test_a_reference_name_written_with_commas_is_found(kb):
    text = "The Bureau of Population, Refugees, and Migration has chosen IOM. IOM, UNHCR and UNICEF met."
    got = [(h.key, text[h.start:h.end]) for h in kb.matcher.find(text)]
    assert got[0] == ("PRM", "Bureau of Population, Refugees, and Migration")
    assert [k for k, _ in got[1:]] == ["IOM", "IOM", "UNHCR", "UNICEF"]
    # a name discovered in a text never spans a comma
    from analysis.kb import AliasMatcher
    m = AliasMatcher()
    m.add("Ministry of Health, the Ministry of Labour", "X")
    assert m.find("the Ministry of Health, the Ministry of Labour met") == []


def test_an_alias_added_with_commas_matches_across_them_only_itself():
    from analysis.kb import AliasMatcher
    m = AliasMatcher()
    m.add("ministro del Interior, Promoción de la Descentralización", "MIN", lowercase_start=True, commas=True)
    m.add("Ministerio de Justicia, Trabajo", "OTHER")
    text = "el ministro del Interior, Promoción de la Descentralización y el Ministerio de Justicia, Trabajo"
    assert [(h.key, text[h.start:h.end]) for h in m.find(text)] == [
        ("MIN", "ministro del Interior, Promoción de la Descentralización")]


def _counted(m, monkeypatch):
    """The matches of ``m`` with a count of the searches it really runs."""
    runs = []
    search = AliasMatcher._find
    monkeypatch.setattr(AliasMatcher, "_find", lambda self, *a: runs.append(a[0]) or search(self, *a))
    return runs


def test_a_short_text_is_searched_once_until_a_matcher_changes(monkeypatch):
    m, other = matcher(), AliasMatcher()
    runs = _counted(m, monkeypatch)
    text = "the Agency for Refugees and the UN"
    first = m.find(text, other)
    assert m.find(text, other) == first and len(runs) == 1  # remembered
    m.add("Agency for Refugees", "AR")  # new data: searched again, and found
    assert [h.key for h in m.find(text, other)] == ["AR", "UN"] and len(runs) == 2
    m.add("Agency for Refugees", "AR")  # the same alias again changes nothing: still remembered
    assert [h.key for h in m.find(text, other)] == ["AR", "UN"] and len(runs) == 2
    other.add("the UN", "OTHER_UN", lowercase_start=True)  # another matcher of the search changes too
    assert [h.key for h in m.find(text, other)] == ["AR", "OTHER_UN"] and len(runs) == 3
    m.retarget_many({"AR": "UNHCR"})  # a retargeted alias
    assert [h.key for h in m.find(text, other)] == ["UNHCR", "OTHER_UN"] and len(runs) == 4
    assert [h.key for h in m.find(text)] == ["UNHCR", "UN"] and len(runs) == 5  # other matchers, another search


def test_remembered_matches_are_copies_and_long_texts_are_not_remembered(monkeypatch):
    import pickle

    m = matcher()
    runs = _counted(m, monkeypatch)
    hits = m.find("the UN")
    hits.clear()  # a caller's list is its own
    assert [h.key for h in m.find("the UN")] == ["UN"] and len(runs) == 1
    long_text = "the UN " * 40
    m.find(long_text), m.find(long_text)
    assert len(runs) == 3
    copy = pickle.loads(pickle.dumps(m))  # a worker process receives the aliases, not the memo
    assert copy._memo == {} and [h.key for h in copy.find("the UN")] == ["UN"] and len(runs) == 4
    m.clear_memo()
    m.find("the UN")
    assert len(runs) == 5


def test_names_sharing_word_stems_tell_a_translation_from_a_homonym():
    from analysis.kb import shares_word_stems
    assert shares_word_stems("Organización Internacional para las Migraciones", ["International Organization for Migration"])
    assert not shares_word_stems("Ministério Público Federal", ["Migration Partnership Facility"])
    # one shared word ('migration') of three is no translation
    assert not shares_word_stems("Instituto Guatemalteco de Migración", ["Indicateurs de Gouvernance des Migrations"])
    assert shares_word_stems("Instituto Guatemalteco de Migración", ["X", "Institut guatémaltèque des migrations"])
    assert not shares_word_stems("", ["International Organization for Migration"])
    # one shared stem with a two-word alias is no translation of a three-word name
    assert not shares_word_stems("Instituto Guatemalteco de Migración", ["UN Migration"])


def test_folding_plain_ascii_is_casefolding_and_accents_still_go():
    import unicodedata

    from analysis.kb import fold

    def plain(text):
        text = unicodedata.normalize("NFKD", text)
        return "".join(c for c in text if not unicodedata.combining(c)).casefold()

    for text in ["UNHCR", "Ministry of the Interior", "a\x00b~", "".join(map(chr, range(128))), "México", "ﬁ", "Straße"]:
        assert fold(text) == plain(text), text


def test_a_known_name_with_a_plural_or_feminine_ending_written_differently_resolves(kb):
    # 'Nations Unis' (a typo for 'Unies'): the same content words once a plural's or feminine's ending is dropped
    assert kb.resolve_name("Haut Commissariat des Nations Unis pour les Droits de l’Homme") == "OHCHR"
    assert kb.resolve_name("Haut Commissariat des Nations Unis pour les Pirates de l’Homme") is None


def test_a_portuguese_plural_and_its_singular_are_one_word_when_names_are_compared(kb):
    # 'Migrações'/'Migração' (name_endings of pt.yaml), the article 'as' dropped as well
    assert kb.resolve_name("Organização Internacional para Migração") == "IOM"
    assert kb.resolve_name("Escritório da Organização Internacional para Migração") == "IOM"
    assert kb.resolve_name("Organização Internacional para Migração e Desenvolvimento Rural") is None  # two more words
