from analysis.boilerplate import classify_lines, join_paragraphs, repeated_lines, strip_photo_credit
from analysis.ingest import clean_page

BODY = ("Geneva, 3 May 2021 - The International Organization for Migration and the World Food Programme "
        "signed a new agreement today to support displaced families in the Sahel region.")


def test_country_picker_is_removed_by_structure():
    picker = "\n".join(["Regions", "Office type", "Chad", "Egypt", "Mali", "Niger (the)", "Peru", "Yemen", "Zambia"])
    paras, removed = clean_page(f"Title of the story here now\n\n{BODY}\n\nShare this page via:\n{picker}")
    assert [p.text for p in paras if not p.heading] == [BODY]
    assert {"Chad", "Niger (the)", "Yemen"} <= {t for _, _, t in removed}


def test_glued_menu_caption_and_menu_context():
    page = "-\nWho we are\nWHO WE AREThe Agency is part of the system as the leading organization for all.\n-\nOur Work\nWhat We Do\nWhat We Do\nPartnerships\nPartnerships\n\nStory title about cooperation today\n" + BODY
    paras, removed = clean_page(page)
    texts = [p.text for p in paras]
    assert BODY in texts
    assert not any("WHO WE ARE" in t for t in texts)


def test_repeated_lines_across_pages_are_found_but_not_in_duplicates():
    a = ["Who we are at the agency"] + [f"Body line {i} of page A is unique here." for i in range(4)]
    b = ["Who we are at the agency"] + [f"Body line {i} of page B is different." for i in range(4)]
    assert "who we are at the agency" in repeated_lines({"a": a, "b": b})
    assert repeated_lines({"a": a, "a2": list(a)}) == set()


def test_read_also_footer_and_social_lines():
    lines = ["Body sentence one is long enough to be prose in this page.", "Lire aussi : Niger: plus de 100 morts",
             "Lea también: Colombia y Perú", "For more information, please contact:", "Jane Doe", "jdoe@example.org",
             "+41 22 717 9111", "Twitter: @agency"]
    reasons = classify_lines(lines)
    assert reasons[0] is None
    assert reasons[1] == "read-also" and reasons[2] == "read-also"
    assert all(r for r in reasons[3:])


def test_photo_credit_is_cut_from_caption():
    kept, credit = strip_photo_credit("Ms. A and Mr. B sign the agreement in Cairo. Photo Credit: IOM Egypt.")
    assert kept == "Ms. A and Mr. B sign the agreement in Cairo."
    assert credit.startswith("Photo Credit")


def test_hard_wrapped_lines_are_rejoined_but_titles_kept_apart():
    lines = list(enumerate(["Agreement To Help Protect Migrant Rights", "Ten years after reaching an agreement, IOM and UNFPA,",
                            "the United Nations Population Fund, have endorsed an updated", "agreement on migration."], 1))
    paras = join_paragraphs(lines)
    assert [p.heading for p in paras] == [True, False]
    assert paras[1].text.endswith("have endorsed an updated agreement on migration.")


def test_disclaimers_captions_and_glued_menu_captions_are_frames():
    from analysis import boilerplate as bp

    kept, note = bp.strip_disclaimer("[This report does not necessarily reflect the views of the United Nations] "
                                     "TEHRAN, 30 Jun 2005 (IRIN) - A new agreement was signed.")
    assert kept.startswith("TEHRAN") and note.startswith("[This report")
    assert bp.strip_disclaimer("[Updated] IOM and UNHCR signed.") == ("[Updated] IOM and UNHCR signed.", "")
    lines = ["Venezolanos en el Puente Internacional de Rumichaca en la frontera Ecuador-Colombia (Fotografía cortesía ACNUR)",
             "", "La Unión Europea trabaja con el ACNUR y la OIM en Ecuador para apoyar a los refugiados y migrantes."]
    assert bp.classify_lines(lines, set())[0] == "photo-caption" and bp.classify_lines(lines, set())[2] is None
    assert bp.GLUED_TITLE.match("Quem somosA Organização Internacional para as Migrações (OIM) faz parte do Sistema")
    assert bp.GLUED_TITLE.match("Qui sommes nousL'Organisation internationale pour les migrations (OIM) fait partie")
    assert not bp.GLUED_TITLE.match("The International Organization for Migration (IOM) and UNHCR signed an agreement.")


def test_headline_and_caption_lines_of_a_scraped_page_stay_apart_from_the_story():
    story = ("Com o objetivo de ampliar a estratégia, o Governo Federal assinou nessa terça-feira o Protocolo de "
             "Intenções em conjunto com a Organização Internacional para as Migrações (OIM) e o ACNUR.")
    lines = list(enumerate(["Acolhida: assinado Protocolo de Intenções que possibilita a ampliação das ações",
                            "Protocolo de Intenções nº 1/2020 para ampliação das ações da estratégia de interiorização",
                            story], 1))
    paras = join_paragraphs(lines)
    assert [p.text for p in paras][-1] == story
    assert len(paras) == 3


def test_a_line_of_tags_is_frame():
    from analysis.boilerplate import classify_lines
    lines = ["Nuevo acuerdo entre la OIM y la OIT", "Panamá, República Dominicana, Otro", "13 Enero, 2020",
             "El director de la OIM y la directora de la OIT firmaron un acuerdo de colaboración.",
             "Geneva, Switzerland"]
    reasons = classify_lines(lines)
    assert reasons[1] == "tags"
    assert reasons[0] is None and reasons[2] is None and reasons[3] is None
    assert reasons[4] == "tail"  # no tag list: a short line after the last line of prose, the page's tail


def test_short_lines_after_the_last_line_of_prose_are_the_pages_tail():
    from analysis.boilerplate import classify_lines

    lines = ["Angola and IOM trained 35 officers in Ndalatando this week, the ministry said on Friday.", "",
             "The course covered humanitarian assistance at the borders of the country.", "",
             "Newspapers in Portuguese", "Newspapers from Angola"]
    reasons = classify_lines(lines)
    assert reasons[4] == reasons[5] == "tail"
    assert reasons[0] is None and reasons[2] is None
    # a short line between two paragraphs of prose is no tail
    assert classify_lines(lines[:3] + ["A subheading", "", lines[2]])[3] != "tail"


def test_the_cells_of_a_layout_table_above_the_story_are_its_header():
    lines = ["![]() |", "UN Office for the Coordination of Humanitarian Affairs |",
             "PAKISTAN: New refugee agreement honours principle of voluntary repatriation",
             "ISLAMABAD, 17 March 2003 (IRIN) - The governments of Pakistan, Afghanistan and UNHCR on Monday signed a "
             "tripartite agreement facilitating the return of Afghan refugees.",
             "Officials said the agreement | the framework would hold."]
    reasons = classify_lines(lines)
    assert reasons[0] == "no-words" and reasons[1] == "header" and reasons[2] is None and reasons[3] is None
    assert reasons[4] is None  # a bar inside the story is no cell of the page's header


def test_a_story_laid_out_in_a_table_cell_is_no_header():
    lines = ["|", "Tráfico de crianças na Guiné-Bissau | |||||||",
             "A polícia de Bafatá acaba de anunciar a detenção de um indivíduo que tentava levar 52 crianças para o "
             "Senegal, alegadamente para aprenderem o Alcorão, disse a polícia à BBC. Outras 56 crianças haviam sido "
             "descobertas em Agosto quando se preparavam para a viagem. ||||||||",
             "|| ||||", "|| ||||"]
    reasons = classify_lines(lines)
    assert reasons[1] == "header" and reasons[2] is None
    # the story's short sentences in their cells stay the story
    reasons = classify_lines(["|", "Tráfico de crianças | |||", "BISSAU, 3 de maio - A polícia deteve dois homens. ||||",
                              "Outra frase curta aqui. |||"])
    assert reasons[2] is None and reasons[3] is None


def test_a_paragraph_of_sentences_among_short_lines_is_prose_whatever_closes_it():
    # the story in one line between a site's name and its 'Published' / 'Back' lines, closed by its source
    story = ("Segundo os números do Ministério, o acordo entre Portugal e Brasil permitiu a legalização de nove mil "
             "brasileiros. Assinado a 11 de Julho de 2003, o acordo prevê a legalização de todos. A Comissão Mista "
             "reúne-se quarta-feira em Lisboa com o SEF e a Inspecção-Geral do Trabalho. Fonte: ACIME")
    lines = ["AIPA", "", "Acordo Portugal/Brasil", "", story, "", "Publicado: Quinta, 16 Dezembro, 2004", "",
             "Retroceder", "", "Associe-se a"]
    assert classify_lines(lines)[4] is None
    # a long line of menu items without sentences stays a menu
    menu = " ".join(f"Item{k}" for k in range(30))
    assert classify_lines(["Home", "News", "About", menu, "Contact", "Search", "Login"])[3] is not None


def test_a_story_paragraph_two_publishers_share_is_not_furniture():
    story = ("O acordo, celebrado entre o Alto Comissariado para as Migrações de Portugal e a Direção-Geral da Imigração "
             "de Cabo Verde, prevê ainda a colaboração bilateral sobre migrações nos fóruns internacionais e regionais.")
    pages = {k: [f"Menu of site {k}", story] + [f"Own line {i} of page {k} here." for i in range(4)] for k in "ab"}
    assert repeated_lines(pages) == set()
    # on three pages it is furniture all the same; a short line on two pages too
    pages["c"] = ["Another site", story] + [f"Own line {i} of page c here." for i in range(4)]
    assert len(repeated_lines(pages)) == 1
    pages = {k: ["Follow us on the social networks"] + [f"Own line {i} of page {k} here." for i in range(4)] for k in "ab"}
    assert repeated_lines(pages) == {"follow us on the social networks"}


def test_prose_set_in_a_narrow_column_is_kept_and_joined():
    # lines of two to four words running on into lowercase continuations: a newspaper column, not a menu
    lines = ["PSP capacita 24 técnicos", "de Migração e Fronteiras", "", "A formação que foi", "ministrada por elementos",
             "da PSP, que se", "deslocaram a São Tomé", "para o efeito, teve a", "duração de duas semanas,",
             "e permitiu ainda a", "partilha de", "conhecimentos", "especializados sobre", "sistemas informáticos."]
    reasons = classify_lines(lines)
    assert all(r is None for r, t in zip(reasons, lines) if t), list(zip(reasons, lines))
    paras = join_paragraphs([(i, t) for i, t in enumerate(lines)])
    assert any(p.text.startswith("A formação que foi ministrada por elementos da PSP") for p in paras), paras
    # a line stopping on a function word runs on into a capitalised next line
    paras = join_paragraphs([(0, "Certificou hoje 24 elementos do Serviço de"), (1, "Migração e Fronteiras.")])
    assert [p.text for p in paras] == ["Certificou hoje 24 elementos do Serviço de Migração e Fronteiras."]
    # a menu of short capitalised lines stays a menu
    menu = ["Home", "News", "About us", "Projects", "Contact", "Donate", "Search"]
    assert all(r is not None for r in classify_lines(menu))


def test_a_provenance_line_above_the_story_is_its_header():
    # provenance_lines: 'Article from Ministry of Justice' (whose item the page is) is frame, in each language
    for first in ("Article from Ministry of Justice", "Comunicado de la Cancillería", "Communiqué du ministère de l'Intérieur",
                  "Notícia do Ministério da Justiça"):
        lines = [first, "", "Agreement between Sweden and Afghanistan on readmission", "",
                 "On 5 October 2016, Sweden and Afghanistan signed a memorandum of understanding on readmission of people."]
        assert classify_lines(lines)[0] == "header", first
    # a sentence opening the same way, or a line below the story's first prose, is kept
    lines = ["On 5 October 2016, Sweden and Afghanistan signed a memorandum of understanding on readmission of people.",
             "Article from Ministry of Justice"]
    assert classify_lines(lines)[1] != "header"
    assert classify_lines(["Press release from IOM and UNHCR on the new agreement signed today in Geneva."])[0] is None
    # a headline is no provenance line ('Statement from …' is a title)
    lines = ["Statement from UNHCR and IOM on Libya", "", "UNHCR and IOM call on all parties to protect migrants and refugees "
             "held in detention centres across the country."]
    assert classify_lines(lines)[0] != "header"
