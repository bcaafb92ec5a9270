import pytest
from hypothesis import given, settings, strategies as st

from analysis.entities import best_long_form, discover, find_mentions, head_kind
from analysis.kb import fold


def ids(text, kb):
    found = discover({"d": text}, kb)
    return [(m.text, m.entity_id, m.role) for m in find_mentions(text, kb, found)], found


def test_schwartz_hearst_long_forms():
    assert best_long_form("BMM", "under the Better Migration Management") == "Better Migration Management"
    assert best_long_form("OIM", "L’Organisation internationale pour les migrations") == \
        "Organisation internationale pour les migrations"
    assert best_long_form("XYZ", "nothing to see here") is None


def test_head_noun_gives_the_kind():
    assert head_kind("Inter-Agency Coordination Group against Trafficking in Persons") == "mechanism"
    assert head_kind("Global Action against Trafficking in Persons") == "programme"
    assert head_kind("Convention on the Rights of the Child") == "instrument"
    assert head_kind("Red Regional de Protección") == "mechanism"
    assert head_kind("Internally Displaced Persons") is None


def test_acronym_definition_discovers_an_entity_in_both_orders(kb):
    text = ("The Mixed Movements Protection Taskforce Platform (MMPTP) met in Dakar. "
            "Partners of MMPTP signed. The QRSF (Quality Returns Support Facility) was launched.")
    mentions, found = ids(text, kb)
    assert found.entities["MMPTP"].kind == "mechanism"
    assert sum(1 for _, e, _ in mentions if e == "MMPTP") == 3  # long form, its acronym, the later acronym
    assert found.entities["QRSF"].kind == "programme"


def test_concepts_are_not_entities(kb):
    _, found = ids("Assistance to Internally Displaced Persons (IDPs) and Gender-Based Violence (GBV) survivors.", kb)
    assert "IDPS" not in found.entities and "GBV" not in found.entities


def test_governments_ministries_and_places(kb):
    text = ("The Government of Chad and the Iranian authorities met in Niger. "
            "The Ministry of Interior of Niger signed. Le gouvernement du Mali a signé. El Gobierno de Colombia firmó.")
    mentions, found = ids(text, kb)
    got = {(t, e, r) for t, e, r in mentions}
    assert ("Government of Chad", "GOV_TCD", "actor") in got
    assert ("Iranian", "GOV_IRN", "actor") in got
    assert ("Niger", "C_NER", "place") in got
    assert any(e.startswith("MIN_NER") for _, e, _ in mentions)
    assert ("gouvernement du Mali", "GOV_MLI", "actor") in got
    assert ("Gobierno de Colombia", "GOV_COL", "actor") in got


def test_an_english_acronym_with_its_translated_name_is_a_definition(kb):
    from analysis.entities import discover

    body = "Le projet s'inscrit dans les activités de l'AFIC (Communauté du renseignement Afrique-Frontex). L'AFIC réunit Frontex."
    found = discover({"d": body}, kb)
    assert "AFIC" in found.entities and found.entities["AFIC"].name == "Communauté du renseignement Afrique-Frontex"
    # a known acronym followed by a description is not redefined
    found = discover({"d": "UNODC (Regional Office for South Asia) opened a new programme office."}, kb)
    assert "UNODC" not in {h.key for h in found.matcher.find("Regional Office for South Asia", kb.matcher)}


def test_a_name_introduced_as_an_ngo_is_an_organization(kb):
    from analysis.entities import discover

    for body in ("UNODC visited a shelter run by the NGO Open Gate - La Strada, a long-standing partner.",
                 "L'OIM a signé un accord avec l'ONG Les Amis du Soleil.", "La OIM trabaja con la ONG Pastoral Social Colombiana."):
        found = discover({"d": body}, kb)
        names = {e.name for e in found.entities.values() if e.kind == "organization"}
        assert names & {"Open Gate - La Strada", "Les Amis du Soleil", "Pastoral Social Colombiana"}, (body, names)
    # a known NGO stays the knowledge base's entity
    assert not discover({"d": "L'OIM a signé un accord avec l'ONG Terre des Hommes."}, kb).entities


_WORD_BITS = ["Iranian", "iranian", "IRANIAN", "2019", "Iranian2019", "x2", "²", "Colombian", "colombianas", "authorities",
              "the", "-", "é", "Française", "française"]


def test_demonyms_read_off_the_tokens_are_those_of_a_word_by_word_scan(kb):
    import itertools
    import re

    from analysis.entities import _demonyms
    from analysis.kb import fold

    checked = 0
    for n in (1, 2, 3):
        for bits in itertools.product(_WORD_BITS, repeat=n):
            for sep in (" ", ""):
                body = sep.join(bits)
                plain = [(w.start(), w.end(), w.group(0)) for w in re.finditer(r"[^\W\d_]+", body)
                         if fold(w.group(0)) in kb.adjectives]
                assert _demonyms(body, kb) == plain, body
                checked += bool(plain)
    assert checked > 1000


def test_a_place_name_is_its_reference_name(kb):
    assert kb.place_name("Ginebra") == kb.place_name("Geneva") == "Geneva"
    assert kb.place_name("Nowhere Town") == "Nowhere Town"
    assert kb.place_name("") == ""


def test_a_ministry_written_in_lowercase_is_found(kb):
    body = ("Le ministère de l'Intérieur a abrité à Dakar un atelier avec l'OIM. "
            "El ministerio del Interior y la OIM firmaron un convenio.")
    found = discover({"d": body}, kb)
    mentions = find_mentions(body, kb, found)
    ministries = [m for m in mentions if m.entity_id.startswith("MIN_")]
    assert [m.text for m in ministries] == ["ministère de l'Intérieur", "ministerio del Interior"]
    # lowercase words that merely start a name do not match it: 'the world bank' is not the World Bank
    assert not [m for m in find_mentions("a loan from the world bank", kb, discover({"x": ""}, kb))]


def test_national_migration_agencies_are_known_in_three_languages(kb):
    from analysis.kb import fold

    text = "Migración Colombia, l'Office français de l'immigration et de l'intégration (OFII) and the BAMF"
    assert [h.key for h in kb.matcher.find(text)] == ["MIGRACION_COLOMBIA", "OFII", "OFII", "BAMF"]
    assert all(kb.entities[k].kind == "government" and kb.entities[k].parent.startswith("GOV_")
               for k in ("MIGRACION_COLOMBIA", "OFII", "BAMF", "INM_MEX", "IRCC", "DCIM_LBY"))
    assert fold("Migración") == "migracion"


def test_national_bodies_carry_their_country_and_never_merge(kb):
    from analysis.entities import discover, find_mentions

    bodies = {"gh": "Accra, 3 May 2021 - The Ministry of Interior signed a memorandum with IOM. Ghana will host the "
                    "talks. Ghana thanked IOM.",
              "cl": "El Ministerio del Interior de Chile y la OIM firmaron un convenio en Santiago.",
              "td": "Le ministère de la Justice du Tchad et l'ONUDC ont signé un accord.",
              "dj": "Le ministère de l'Intérieur djiboutien a accueilli l'atelier de l'OIM."}
    found = discover(bodies, kb)
    ids = {k: {m.entity_id for m in find_mentions(b, kb, found) if m.entity_id.startswith("MIN_")} for k, b in bodies.items()}
    assert ids["gh"] == {"MIN_GHA_MINISTRY_OF_INTERIOR"}
    assert [found.entities[i].iso3 for k in ("cl", "td", "dj") for i in ids[k]] == ["CHL", "TCD", "DJI"]
    assert found.entities["MIN_GHA_MINISTRY_OF_INTERIOR"].parent == "GOV_GHA"


def test_a_country_after_an_agency_is_its_office_and_a_federal_government_is_the_pages_country(kb):
    from analysis.entities import discover, find_mentions

    text = ("O Governo Federal e o ACNUR Brasil assinaram um acordo com a Confederação Nacional de Municípios (CNM). "
            "O Brasil acolhe refugiados venezuelanos.")
    found = discover({"d": text}, kb)
    got = {(m.entity_id, m.role) for m in find_mentions(text, kb, found)}
    assert ("GOV_BRA", "actor") in got  # 'o Governo Federal' on a page about Brazil
    assert ("C_BRA", "place") in got  # 'ACNUR Brasil' is UNHCR's office in Brazil
    assert any(e.name == "Confederação Nacional de Municípios" for e in found.entities.values())
    assert not any(m.entity_id.startswith("GOV_") for m in find_mentions("The Federal Government met IOM.", kb, found))


def test_a_country_that_opens_a_sentence_with_a_verb_is_its_state_acting(kb):
    from analysis.entities import discover, find_mentions

    for text, gov in (("O Brasil vai aplicar em breve o sistema português de controle.", "GOV_BRA"),
                      ("Mexico signed the declaration in Puebla.", "GOV_MEX")):
        assert (gov, "actor") in {(m.entity_id, m.role) for m in find_mentions(text, kb, discover({"d": text}, kb))}
    text = "Migrants in Mexico wait at the border."
    assert not any(m.entity_id.startswith("GOV_") for m in find_mentions(text, kb, discover({"d": text}, kb)))


def test_an_acronym_definition_may_end_with_a_place_outside_the_acronym():
    from analysis.entities import best_long_form

    assert best_long_form("AAI", "a equipa da Alta Autoridade para a Imigração de Cabo Verde") == \
        "Alta Autoridade para a Imigração de Cabo Verde"
    assert best_long_form("DNM", "la Dirección Nacional de Migraciones de la República Argentina") == \
        "Dirección Nacional de Migraciones de la República Argentina"


def test_a_list_after_governments_of_is_a_list_of_governments(kb):
    mentions, _ = ids("The meeting was attended by the Governments of Australia, Indonesia and Thailand, and IOM.", kb)
    got = {(t, e) for t, e, r in mentions if r == "actor"}
    assert {e for _, e in got} >= {"GOV_AUS", "GOV_IDN", "GOV_THA"}
    # a country after a government that is not part of its enumeration stays a place
    mentions, _ = ids("The Government of Chad signed the agreement in Niger.", kb)
    assert ("Niger", "C_NER", "place") in mentions


def test_demonyms_enumerated_before_a_government_noun_are_each_a_government(kb):
    for text in ("Bosnian, Croatian and Serbian ambassadors met in Tirana.",
                 "Los embajadores bosnio, croata y serbio",  # (nouns after: not this rule; must not crash)
                 "the Yugoslav and Serbian governments agreed."):
        mentions, _ = ids(text, kb)
    mentions, _ = ids("Bosnian, Croatian and Serbian ambassadors met in Tirana.", kb)
    assert {e for _, e, r in mentions if r == "actor"} >= {"GOV_BIH", "GOV_HRV", "GOV_SRB"}
    mentions, _ = ids("Bosnian and Croatian music was played. Serbian experts came.", kb)
    assert {e for _, e, r in mentions if r == "actor"} == {"GOV_SRB"}


def test_named_bodies_with_a_mechanism_centre_or_university_head_are_discovered(kb):
    _, found = ids("The Bali Process Consultation Mechanism met in Jakarta. It was hosted by the Al-Nahrain "
                   "Centre for Strategic Studies in Baghdad.", kb)
    names = {e.name for e in found.entities.values()}
    assert "Bali Process Consultation Mechanism" in names
    assert any(n.startswith("Al-Nahrain Centre") for n in names)


def test_envoys_and_officials_of_a_country_stand_for_its_government(kb):
    for text, lang_gov in (("l’ambassadeur d’Espagne au Sénégal a signé.", "GOV_ESP"),
                           ("el canciller ecuatoriano, Heinz Moeller, propuso una negociación.", "GOV_ECU"),
                           ("the Ambassador of Japan attended the meeting.", "GOV_JPN"),
                           ("o embaixador português assinou o acordo.", "GOV_PRT")):
        mentions, _ = ids(text, kb)
        assert lang_gov in {e for _, e, r in mentions if r == "actor"}, text
    mentions, _ = ids("El embajador viajó a Ecuador.", kb)
    assert "GOV_ECU" not in {e for _, e, _ in mentions}


def test_a_ministry_followed_by_a_demonym_belongs_to_that_state(kb):
    text = "O seminário é financiado pelo Ministério dos Negócios Estrangeiros alemão e pela OIM."
    mentions, found = ids(text, kb)
    ministries = [e for e in found.entities.values() if e.entity_id.startswith("MIN_")]
    assert [(e.name, e.parent) for e in ministries] == [("Ministério dos Negócios Estrangeiros alemão", "GOV_DEU")]


def test_between_names_partners_not_places_and_a_city_s_country_in_parentheses_is_a_place(kb):
    mentions, _ = ids("Une réunion tenue à Genève (Suisse) entre le Rwanda et le HCR. "
                      "Un acuerdo entre Chile y el ACNUR.", kb)
    roles = {t: r for t, _, r in mentions}
    assert roles["Suisse"] == "place"
    assert roles["Rwanda"] != "place" and roles["Chile"] != "place"


def test_two_names_joined_by_and_are_two_names_but_one_name_with_and_stays_one(kb):
    _, found = ids("O programa conta com o apoio da Alfela, da Fundação ALOLA e da Embaixada da União Europeia.", kb)
    names = {e.name for e in found.entities.values()}
    assert "Fundação ALOLA" in names and not any("Embaixada" in n for n in names)
    _, found = ids("La UNODC, en colaboración con el Consejo Centroamericano y del Caribe de Ministerios Públicos, "
                   "convocó a funcionarios.", kb)
    assert "Consejo Centroamericano y del Caribe de Ministerios Públicos" in {e.name for e in found.entities.values()}


def test_an_acronym_declared_as_one_is_a_body_even_for_a_translated_name(kb):
    _, found = ids("El proyecto es financiado por el Instrumento para Contribuir a la Estabilidad y la Paz "
                   "(IcSP, por sus siglas en inglés) de la Unión Europea.", kb)
    assert "ICSP" in found.entities and found.entities["ICSP"].kind == "organization"
    _, found = ids("Promovido pelo Programa de Desenvolvimento da Polícia Nacional (TLPDP, sigla em inglês).", kb)
    assert "TLPDP" in found.entities
    _, found = ids("Organizado por el ACNUR (UNHCR, por sus siglas en inglés).", kb)
    assert "UNHCR" not in found.entities  # a known body keeps its id


def test_a_place_after_of_is_part_of_a_name_a_place_after_in_is_not(kb):
    _, found = ids("O projeto é implementado pelo Instituto Universitário de Lisboa e pelo Instituto Politécnico de "
                   "Bragança. It was hosted by the Al-Nahrain Centre for Strategic Studies in Baghdad.", kb)
    names = {e.name for e in found.entities.values()}
    assert "Instituto Universitário de Lisboa" in names and "Instituto Politécnico de Bragança" in names
    assert not any(n.endswith("Baghdad") for n in names)


def test_an_acronym_defined_by_a_capitalised_name_without_head_noun_is_a_body(kb):
    from analysis.entities import proper_body_name

    _, found = ids("UNHCR chairs the Coastal Mixed Movements Working Party Secretariat Hub (CMMW). "
                   "Lusophone Partner States Of Dialogue (LPSD) members met. Trained Border Guards Scheme (TBGS) ended.",
                   kb)
    assert "LPSD" in found.entities and found.entities["LPSD"].kind == "organization"
    # a concept written with capitals is no body, and neither is a lowercase phrase
    _, found = ids("Help for Unaccompanied Migrant Children (UMC) and for migrant workers abroad (MWA).", kb)
    assert "UMC" not in found.entities and "MWA" not in found.entities
    assert proper_body_name("Países Africanos de Língua Oficial Portuguesa")
    assert not proper_body_name("Objetivos de Desarrollo Sostenible") and not proper_body_name("Migration")


def test_an_acronym_then_a_dash_then_its_long_form_is_a_definition(kb):
    text = "Parceiros:\n• ICV – Instituto da Cooperação Verde;\n• GATT – Gabinete de Apoio ao Trabalho Temporário\n"
    mentions, found = ids(text, kb)
    assert found.entities["ICV"].name == "Instituto da Cooperação Verde"
    assert found.entities["GATT"].name == "Gabinete de Apoio ao Trabalho Temporário"
    # a dateline's city before a dash is no acronym of what follows
    _, found = ids("GENEVA – The Organization for Migration and partners met.", kb)
    assert "GENEVA" not in found.entities


def test_countries_after_a_participation_noun_are_governments(kb):
    for text, expected in (
            ("The forum was held with the participation of Chile, Peru and Bolivia.", {"GOV_CHL", "GOV_PER", "GOV_BOL"}),
            ("La reunión contó con la participación de Belice, Canadá y Panamá.", {"GOV_BLZ", "GOV_CAN", "GOV_PAN"}),
            ("L'atelier a réuni des participants du Mali et du Niger.", {"GOV_MLI"}),
            ("Estiveram presentes convidados especiais de Angola e Moçambique.", {"GOV_AGO", "GOV_MOZ"}),
            ("Today ministers from China, Cambodia and Thailand signed a memorandum.", {"GOV_CHN", "GOV_KHM", "GOV_THA"}),
            ("Los ministros de Chile y Perú firmaron la declaración.", {"GOV_CHL", "GOV_PER"}),
            ("Mr Sugiura attended the conference as Japan's chief representative.", {"GOV_JPN"})):
        mentions, _ = ids(text, kb)
        assert {e for _, e, r in mentions if r == "actor"} >= expected, text
    for text in ("The forum took place in Chile with IOM.", "In Chile, officials said it rained."):
        mentions, _ = ids(text, kb)
        assert "GOV_CHL" not in {e for _, e, _ in mentions}, text


def test_a_country_named_as_supporter_is_its_government_though_a_de_precedes_it(kb):
    for text, gov in (("El proyecto, con el apoyo de Japón, fue ejecutado por la OIM.", "GOV_JPN"),
                      ("Avec le soutien de la France, l'OIM a formé 40 policiers.", "GOV_FRA"),
                      ("Com o apoio financeiro do Japão, a OIM formou 40 agentes.", "GOV_JPN")):
        mentions, _ = ids(text, kb)
        assert (gov, "actor") in {(e, r) for _, e, r in mentions}, text
    mentions, _ = ids("El proyecto de la OIM en Japón comenzó.", kb)
    assert not any(e.startswith("GOV_") for _, e, _ in mentions)


def test_an_enumeration_of_countries_opening_a_sentence_before_its_verb_is_a_list_of_governments(kb):
    mentions, _ = ids("The Philippines, Canada and the United States acted as observers.", kb)
    assert {e for _, e, r in mentions if r == "actor"} == {"GOV_PHL", "GOV_CAN", "GOV_USA"}
    mentions, _ = ids("Chile, Peru and IOM signed the plan.", kb)
    assert {"GOV_CHL", "GOV_PER"} <= {e for _, e, r in mentions if r == "actor"}
    # a compound tense after the country ('Le Sénégal a signé', 'El Perú ha firmado'), also after 'que'/'while'
    for text, gov in (("Le Sénégal a signé un accord avec l'OIM.", "GOV_SEN"), ("El Perú ha firmado el acuerdo.", "GOV_PER"),
                      ("Le ministre a parlé, alors que le Sénégal a remercié les participants.", "GOV_SEN")):
        mentions, _ = ids(text, kb)
        assert (gov, "actor") in {(e, r) for _, e, r in mentions}, text
    # a clause opening on the country after a comma: 'À ce titre, la Suisse soutient …'
    mentions, _ = ids("À ce titre, la Suisse soutient notre pays dans son développement.", kb)
    assert ("GOV_CHE", "actor") in {(e, r) for _, e, r in mentions}
    mentions, _ = ids("Certains se trouvaient en Tunisie, au Maroc, au Tchad et au Mali.", kb)
    assert not any(e.startswith("GOV_") for _, e, _ in mentions)
    # places after 'in' stay places, and a country followed by a comma and a place name is no subject
    mentions, _ = ids("The workshop was held in Seoul, Republic of Korea and Japan.", kb)
    assert not any(e.startswith("GOV_") for _, e, _ in mentions)


def test_a_name_ends_before_a_locative_only_when_a_whole_place_follows(kb):
    _, found = ids("IOM supports the National Committee for Combating Trafficking in Human Beings of the Republic "
                   "of Moldova. It was hosted by the Al-Nahrain Centre for Strategic Studies in Baghdad.", kb)
    names = {e.name for e in found.entities.values()}
    assert "National Committee for Combating Trafficking in Human Beings of the Republic of Moldova" in names
    assert "Al-Nahrain Centre for Strategic Studies" in names


def test_security_forces_and_local_governments_are_bodies_but_service_points_are_not(kb):
    mentions, found = ids("La Guardia Civil trabajó con la Gendarmería Nacional de Mauritania. La Alcaldía de Bogotá firmó. "
                          "A Prefeitura de Belém assinou. Volunteers staff Humanitarian Service Points in ports.", kb)
    names = {e.name for e in found.entities.values()}
    assert {"Gendarmería Nacional de Mauritania", "Alcaldía de Bogotá", "Prefeitura de Belém"} <= names
    assert ("Guardia Civil", "GUARDIA_CIVIL_ESP", "mention") in mentions  # in the reference since
    assert not any("Service Point" in n for n in names)


def test_cities_counties_and_regional_governments_are_bodies(kb):
    """Local and regional governments sign and host as any body: 'the City of …', 'Marion County', 'la Junta de …',
    'la Generalitat de …', 'o Concelho de …' (heads of ``name_heads``)."""
    _, found = ids("The City of Athens signed. Marion County Council partnered with IOM. La Junta de Andalucía firmó. "
                   "La Generalitat de Catalunya colabora. O Concelho de Lagoa assinou. They met in Mexico City. "
                   "IOM staff travelled to Quezon City.", kb)
    names = {e.name for e in found.entities.values()}
    assert {"City of Athens", "Marion County Council", "Junta de Andalucía", "Generalitat de Catalunya",
            "Concelho de Lagoa"} <= names
    assert not names & {"Mexico City", "Quezon City"}  # 'city' names a body only first (opening_heads)


def test_a_ministers_title_names_the_ministry_of_its_country(kb):
    """'la ministre nigérienne des Affaires étrangères' speaks for Niger's ministry; the title is an alias of it."""
    mentions, found = ids("La ministre nigérienne des Affaires étrangères, Mme Aichatou Mindaoudou, a salué l'accord.", kb)
    ner = [e for m_text, e, _ in mentions if e.startswith("MIN_NER_")]
    assert ner and found.entities[ner[0]].iso3 == "NER" and found.entities[ner[0]].parent == "GOV_NER"
    assert fold(found.entities[ner[0]].name) == fold("ministère des Affaires étrangères")
    # a country closing the portfolio, across the commas of a long title; the person after a comma is no portfolio
    text = ("El ministro del Interior, Fernando Grande-Marlaska, recibe al ministro del Interior, Promoción de la "
            "Descentralización y del Desarrollo Local de Mauritania, Mohamed Lemine.")
    mentions, found = ids(text, kb)
    mrt = [(t, e) for t, e, _ in mentions if e.startswith("MIN_MRT_")]
    assert any(t.endswith("Desarrollo Local de Mauritania") for t, _ in mrt)
    assert not any("Fernando" in e.name for e in found.entities.values())
    # a demonym after the title (Portuguese), and a trailing lowercase verb is not part of the portfolio
    mentions, _ = ids("O ministro angolano do Interior abriu o fórum em Luanda.", kb)
    assert any(e.startswith("MIN_AGO_") for _, e, _ in mentions)
    _, found = ids("Le ministre espagnol de l’Intérieur effectuait une brève visite au Mali.", kb)
    assert [fold(e.name) for e in found.entities.values() if e.iso3 == "ESP"] == [fold("ministère de l’Intérieur")]
    # a country the title's pattern cuts ('du Pays Bas', written without its hyphen) still closes the name
    mentions, found = ids("Le Chef de Mission et le Ministre des Affaires Etrangères du Pays Bas, M. Stef Blok, "
                          "ont parlé à Niamey.", kb)
    nld = [(t, e) for t, e, _ in mentions if e.startswith("MIN_NLD_")]
    assert nld and nld[0][0].endswith("du Pays Bas"), mentions
    assert not any(e.name.endswith(" Pays") for e in found.entities.values())
    # ministers of a body's members are no single ministry; a word after the title that is no demonym is not one
    for text in ("Os ministros do Interior da Comunidade de Países de Língua Portuguesa (CPLP) reuniram-se.",
                 "Le ministre chargé des Relations avec le Parlement a parlé."):
        mentions, found = ids(text, kb)
        assert not any(e.startswith("MIN_") for _, e, _ in mentions), text


def test_a_national_force_named_with_its_demonym_or_country_is_that_countrys_body(kb):
    """'la police fédérale belge', 'la maréchaussée royale néerlandaise' (reference bodies written in lowercase),
    'la policía nacional peruana', 'deux gendarmes marocains' (discovered, placed in their country)."""
    text = ("« Une coopération étroite avec la police fédérale belge, la police aux frontières françaises (PAF) et la "
            "maréchaussée royale néerlandaise (KMAR) », a souligné l’ambassade. Deux gendarmes marocains accompagneront "
            "la patrouille.")
    mentions, found = ids(text, kb)
    keys = {e for _, e, _ in mentions}
    assert {"POLICE_FEDERALE_BEL", "PAF_FRA", "KMAR_NLD"} <= keys
    mar = [e for e in keys if e.startswith("MIN_MAR_")]
    assert mar and found.entities[mar[0]].kind == "government"
    mentions, found = ids("La policía nacional peruana y la Gendarmería Nacional de Mauritania firmaron.", kb)
    assert {e.iso3 for e in found.entities.values()} >= {"PER", "MRT"}
    # a demonym after a locative is the place of the force's work, not its name; after 'aux frontières' it is
    _, found = ids("Patrullas conjuntas con la Gendarmería en aguas mauritanas. Il a salué la police aux frontières "
                   "sénégalaise.", kb)
    assert [e.name for e in found.entities.values()] == ["police aux frontières sénégalaise"]
    # the force's noun alone, or followed by a verb, is no body
    mentions, found = ids("La police a arrêté deux passeurs. La policía detuvo a tres personas.", kb)
    assert not found.entities and not any(e.startswith("MIN_") for _, e, _ in mentions)


def test_an_enumeration_of_countries_after_a_meeting_or_membership_cue_is_of_acting_states(kb):
    text = ("La conférence de Rabat a réuni les pays membres de l’UE, ainsi que l’Islande, la Bulgarie et la Suisse. "
            "São membros da CPLP Angola, Brasil e Cabo Verde.")
    mentions, _ = ids(text, kb)
    govs = {e for _, e, role in mentions if role == "actor" and e.startswith("GOV_")}
    assert {"GOV_ISL", "GOV_BGR", "GOV_CHE", "GOV_AGO", "GOV_BRA", "GOV_CPV"} <= govs
    # no cue, a locative before the list, or a single country: places
    for text in ("Le projet couvre l’Islande, la Bulgarie et la Suisse.",
                 "La réunion a rassemblé des experts à Dakar, au Mali et au Niger.",
                 "Les membres du réseau se sont retrouvés en Islande."):
        mentions, _ = ids(text, kb)
        assert not any(e.startswith("GOV_") for _, e, _ in mentions), text


def test_a_noun_before_an_enumeration_of_demonyms_stands_for_each(kb):
    mentions, _ = ids("Le ministre a co-présidé avec ses homologues marocain, espagnol, finlandais et sénégalais "
                      "cette conférence.", kb)
    assert {e for _, e, role in mentions if role == "actor"} >= {"GOV_MAR", "GOV_ESP", "GOV_FIN", "GOV_SEN"}
    mentions, _ = ids("Des touristes marocains, espagnols et finlandais ont visité le site.", kb)
    assert not any(e.startswith("GOV_") for _, e, _ in mentions)


def test_a_name_given_after_a_kind_word_and_a_participle_or_written_as_a_brand_is_a_programme(kb):
    text = ("La cérémonie marque la fin du projet de trois ans intitulé « Haske DST », financé par l’UE. "
            "Se renovó el proyecto denominado Cabo Blanco, que consiste en patrullas. "
            "Ce centre a été construit dans le cadre du projet intitulé Renforcer les capacités à lutter contre la "
            "traite au Niger et avec le soutien du Japon. A missão de monitorização ao projeto Coop4Int começou. "
            "Le projet COCOTIP permettra de former 40 agents.")
    _, found = ids(text, kb)
    names = {e.name: e.kind for e in found.entities.values()}
    for name in ("Haske DST", "Cabo Blanco", "Renforcer les capacités à lutter contre la traite au Niger", "Coop4Int",
                 "COCOTIP"):
        assert names.get(name) == "programme", (name, names)
    # an ordinary word after a kind word is no brand, and a lowercase phrase after a participle is no name
    _, found = ids("Le projet appelé à durer trois ans et le programme national Sahel ont commencé.", kb)
    assert not found.entities
    # a headline in capitals is no brand after its kind word
    _, found = ids("UN PROJET CONTRE LA TRAITE AU NIGER. Le texte suit.", kb)
    assert not found.entities


def test_a_title_case_acronym_defined_by_its_long_form_is_the_known_body_of_its_capitals(kb):
    text = "Le directeur de l’Organisation internationale pour les migrants (Oim) a parlé. L’Ue et l’Oim coopèrent."
    mentions, _ = ids(text, kb)
    assert [t for t, e, _ in mentions if e == "IOM"] == ["Organisation internationale pour les migrants", "Oim", "Oim"]
    # a title-case word in parentheses whose capitals are no known acronym creates nothing
    _, found = ids("Le Groupe de travail régional (Gtr) s’est réuni.", kb)
    assert not any(e.name == "Gtr" or "Gtr" in e.aliases for e in found.entities.values())


def test_a_ministry_named_with_a_demonym_before_its_portfolio_is_that_countrys(kb):
    mentions, found = ids("Altos funcionários do ministério angolano do Interior assistiram à cerimónia.", kb)
    ago = [e for _, e, _ in mentions if e.startswith("MIN_AGO_")]
    assert ago and found.entities[ago[0]].iso3 == "AGO"


def test_a_country_inside_a_newspapers_name_is_no_mention(kb):
    for text in ("Jornal de Angola\n\nO ministério reuniu-se com a OIM.", "ANGOLA PRESS Luanda – A OIM reuniu-se.",
                 "Selon Le Journal du Mali, l'OIM a signé."):
        mentions, _ = ids(text, kb)
        assert not any(e.endswith(("AGO", "MLI")) for _, e, _ in mentions), text
    mentions, _ = ids("Angola signed the agreement with IOM in the presence of the press.", kb)
    assert ("Angola", "GOV_AGO", "actor") in mentions


def test_a_ministry_named_with_a_demonym_before_it_keeps_its_bare_name_free_for_other_pages(kb):
    """'the Royal Norwegian Ministry of Foreign Affairs' is Norway's ministry; another page's bare 'Ministry of
    Foreign Affairs' is the ministry of that page's country, never Norway's."""
    bodies = {"a": "The programme is funded by the Royal Norwegian Ministry of Foreign Affairs.",
              "b": "Djibouti hosted the workshop. Participants came from the Ministry of Foreign Affairs of Djibouti "
                   "and the Ministry of Foreign Affairs."}
    found = discover(bodies, kb)
    a = {m.entity_id: m.text for m in find_mentions(bodies["a"], kb, found)}
    assert [found.entities[e].iso3 for e in a if e.startswith("MIN_")] == ["NOR"]
    assert "Royal Norwegian Ministry of Foreign Affairs".endswith(a[next(e for e in a if e.startswith("MIN_"))])
    b = [m.entity_id for m in find_mentions(bodies["b"], kb, found) if m.entity_id.startswith("MIN_")]
    assert b and all(found.entities[e].iso3 == "DJI" for e in b)


def test_a_name_closed_by_of_and_a_country_is_one_name_even_with_an_and_inside(kb):
    _, found = ids("O laboratório ficará a cargo da Direcção de Migrações e Estrangeiros de Cabo Verde, disse.", kb)
    assert [e.name for e in found.entities.values()] == ["Direcção de Migrações e Estrangeiros de Cabo Verde"]
    # a known body closing a name after 'and' is still a second name
    _, found = ids("He thanked the Hellenic Red Cross and Council of Europe for the support.", kb)
    assert not any("Council of Europe" in e.name for e in found.entities.values())


def test_a_name_written_in_sentence_case_after_its_capitalised_head_is_a_body(kb):
    text = ("La Commission tripartite pour le rapatriement volontaire des réfugiés ivoiriens, qui comprend les "
            "Gouvernements, a approuvé le plan. L’atelier a été validé par le Comité interministériel sur les questions "
            "de migration. Participó la Comisión nacional para los refugiados de Costa Rica.")
    _, found = ids(text, kb)
    names = {e.name: e.kind for e in found.entities.values()}
    assert names.get("Commission tripartite pour le rapatriement volontaire des réfugiés ivoiriens") == "organization"
    assert names.get("Comité interministériel sur les questions de migration") == "mechanism"
    assert names.get("Comisión nacional para los refugiados de Costa Rica") == "organization"
    # a head noun opening a clause (a finite verb), a phrase that runs on, a known body followed by words: no name
    for text in ("La Commission a approuvé les recommandations du rapport.",
                 "Le Comité de suivi se réunira en mars prochain à Dakar.",
                 "Elle remercie la Commission européenne pour sa mise en place.",
                 "Le projet est soutenu par le Conseil de sécurité et des partenaires locaux dans la région"):
        _, found = ids(text, kb)
        assert not found.entities, (text, list(found.entities))
    # a translated name before a known acronym in parentheses is that body
    mentions, found = ids("Le projet est financé par l’Agence américaine pour le développement international (Usaid).",
                          kb)
    assert [e for _, e, _ in mentions] == ["USAID", "USAID"] and not found.entities


def test_a_federations_national_member_named_with_its_country_demonym_or_city_is_a_body_of_its_own(kb):
    text = ("Amplio apoyo de ACNUR a Cáritas Chile. Firmado entre la Vicaría Pastoral Social Caritas de Santiago y "
            "ACNUR. La Cruz Roja Ecuatoriana y la Croix-Rouge malienne colaboran. Según Caritas Chile, hay más.")
    mentions, found = ids(text, kb)
    names = {e.name for e in found.entities.values()}
    assert names == {"Cáritas Chile", "Vicaría Pastoral Social Caritas de Santiago", "Cruz Roja Ecuatoriana",
                     "Croix-Rouge malienne"}
    assert sum(1 for _, e, _ in mentions if e == "CARITAS_CHILE") == 2  # 'Según' opens the sentence, not the name
    # the federation itself, the brand before an ordinary word or a lowercase word that is no demonym: no new body
    _, found = ids("Caritas Internationalis y la Caritas nacional apoyan. Los equipos de Cáritas en Santiago.", kb)
    assert not found.entities


def test_a_known_acronym_with_two_letters_swapped_is_that_body_only_when_unambiguous(kb):
    mentions, _ = ids("La UNDOC y la OIM firmaron un acuerdo.", kb)
    assert ("UNDOC", "UNODC", "mention") in mentions
    # a word that is no transposition of a known acronym, or one a page defines, stays unknown
    mentions, found = ids("The UNDCO met. The Union Nationale des Organisations Communautaires (UNDOC) met.", kb)
    assert not any(e == "UNODC" for _, e, _ in mentions)


def test_a_news_agency_named_as_the_source_is_no_body(kb):
    # the page's source ('Rome (Agence Fides)', 'señala la Agencia Guatemalteca de Noticias (AGN)', 'Sudan News
    # Agency (Khartoum)') is neither discovered nor an actor; a public agency with a name of its own still is
    for text in ("Rome (Agence Fides)- Au Tchad, un accord a été signé. Le communiqué est parvenu à l’Agence Fides.",
                 "Lo informó la oficial Agencia Guatemalteca de Noticias (AGN). Según la AGN, Honduras organiza.",
                 "Sudan News Agency (Khartoum)\nThe Sudan News Agency reported that the talks ended."):
        mentions, found = ids(text, kb)
        assert not any("Agen" in e.name for e in found.entities.values()), text
        assert not any("Agen" in t or t == "AGN" for t, _, _ in mentions), text
    _, found = ids("L’Agence Nationale de Lutte contre la Traite (ANLT) a signé un accord avec l’OIM.", kb)
    assert found.entities["ANLT"].kind == "organization"


def test_a_state_named_by_its_formal_style_is_the_state_as_a_party_unless_a_place_word_puts_it(kb):
    # 'le Grand-Duché du Luxembourg', 'le Royaume des Pays-Bas' (a style, an 'of', the country): the states that
    # sign, not places; 'en République de Guinée', 'in the Kingdom of Morocco' stay places
    text = ("Le Conseil a approuvé l'Accord entre le Royaume de Belgique, le Grand-Duché du Luxembourg et le Royaume "
            "des Pays-Bas, relatif à la réadmission.")
    mentions, _ = ids(text, kb)
    roles = {e: (t, r) for t, e, r in mentions}
    assert roles["GOV_LUX"] == ("Grand-Duché du Luxembourg", "actor")
    assert roles["GOV_NLD"] == ("Royaume des Pays-Bas", "actor")
    # styles of two words: 'la República Federativa de Brasil, el Estado Plurinacional de Bolivia'
    mentions, _ = ids("Firmaron la República Federativa de Brasil, el Estado Plurinacional de Bolivia y la República "
                      "Oriental del Uruguay.", kb)
    assert {("GOV_BRA", "actor"), ("GOV_BOL", "actor"), ("GOV_URY", "actor")} <= {(e, r) for _, e, r in mentions}
    for text, iso in (("La réunion s'est tenue en République de Guinée la semaine dernière.", "GIN"),
                      ("The workshop took place in the Kingdom of Morocco last week.", "MAR")):
        mentions, _ = ids(text, kb)
        assert (f"C_{iso}", "place") in {(e, r) for _, e, r in mentions}, mentions
        assert not any(e == f"GOV_{iso}" for _, e, _ in mentions), mentions


def test_an_acronym_with_its_branch_place_in_parentheses_is_defined_by_the_long_form_before_it(kb):
    text = ("Le HCR et le Comité International pour l’Aide d’Urgence et le Développement (CIAUD Canada) ont signé. "
            "Il remercie l’UNHCR et CIAUD Canada.")
    mentions, found = ids(text, kb)
    assert found.entities["CIAUD_CANADA"].name == "Comité International pour l’Aide d’Urgence et le Développement"
    assert [e for t, e, _ in mentions if t == "CIAUD Canada"] == ["CIAUD_CANADA", "CIAUD_CANADA"]
    # words in parentheses that are no place after an acronym the long form does not end with define nothing
    _, found = ids("Le Comité International pour l’Aide d’Urgence (CIAU pour la région) a parlé.", kb)
    assert not any(e.acronym.startswith("CIAU ") for e in found.entities.values())


def test_a_french_portfolio_keeps_its_lowercase_adjective_but_no_word_after_it(kb):
    _, found = ids("Le ministre de la Sécurité publique a signé avec l'OIM.", kb)
    assert [e.name for e in found.entities.values() if e.entity_id.startswith("MIN_")] == \
        ["ministère de la Sécurité publique"]
    _, found = ids("Le ministère de la Santé publique et de la Population a signé.", kb)
    assert [e.name for e in found.entities.values()] == ["ministère de la Santé publique et de la Population"]
    _, found = ids("Le ministre de l'Intérieur lors de la visite a parlé.", kb)
    assert [e.name for e in found.entities.values()] == ["ministère de l'Intérieur"]


def test_a_name_in_capitals_with_its_kind_in_apposition_is_a_programme(kb):
    _, found = ids("From 25-28 May, IOM Iraq’s HIJRA AMINA, EU funded programme held a pilot training.", kb)
    assert found.entities["HIJRA_AMINA"].kind == "programme"
    # a headline in capitals is neither a brand nor a name
    _, found = ids("IN IRAQ, THE PROGRAMME WORKS WELL.\nIt works.", kb)
    assert not found.entities


def test_a_quoted_name_right_after_a_bodys_name_is_part_of_it(kb):
    _, found = ids("The conference is organized by the Resource Centre for Women “Marta” with the Nordic Council.", kb)
    assert "Resource Centre for Women “Marta”" in {e.name for e in found.entities.values()}
    _, found = ids("The Resource Centre for Women said “Many victims” were helped.", kb)
    assert "Resource Centre for Women" in {e.name for e in found.entities.values()}
    _, found = ids("The Resource Centre for Women “Stop Trafficking” campaign began in May.", kb)
    assert "Resource Centre for Women" in {e.name for e in found.entities.values()}


def test_groups_campaigns_and_forums_are_name_heads_and_an_edition_number_is_no_name(kb):
    text = ("O Ministério da Justiça e o UNODC mantêm a Campanha de Combate ao Tráfico Internacional de Seres Humanos. "
            "The meeting was attended by the Regional Mixed Migration Group and IOM.")
    _, found = ids(text, kb)
    kinds = {e.name: e.kind for e in found.entities.values()}
    assert kinds.get("Campanha de Combate ao Tráfico Internacional de Seres Humanos") == "programme", kinds
    assert kinds.get("Regional Mixed Migration Group") == "mechanism", kinds
    _, found = ids("Decorreu em Luanda o II Fórum de ministros do Interior, com a OIM.", kb)
    assert not any(e.name.startswith("II ") for e in found.entities.values())


_NAME_BITS = ["the", "The", "Ministry", "of", "Interior", "la", "Agence", "l'", "d’", "Élan", "x-", "IOM", "’", "'", "´",
              "-", " ", " ", "\n", ".", ",", "and", "et", "y", "de", "2019", "Zé", "a", "É", "Red Cross"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_NAME_BITS), max_size=16).map("".join))
def test_the_name_scans_find_what_their_plain_forms_find(text):
    # TITLE_NAME and SENTENCE_HEAD check what precedes a name after its first capital (so that a scan jumps between
    # capitals); their plain forms check it first
    import re

    from analysis.entities import SENTENCE_HEAD, TITLE_NAME

    title = re.compile(TITLE_NAME.pattern.replace("(?P<name>[A-ZÀ-Ý](?<![\\w´-].)(?:(?<!['’].)|(?<=\\b[lLdD]['’].))",
                                                  "(?<![\\w´-])(?:(?<!['’])|(?<=\\b[lLdD]['’]))(?P<name>[A-ZÀ-Ý]"))
    head = re.compile(r"(?:(?<=[a-zà-ÿ]['’ ])|(?<=\b[LD]['’]))(?P<head>[A-ZÀ-Ý][\w-]+)")
    assert title.pattern != TITLE_NAME.pattern
    assert [m.span("name") for m in TITLE_NAME.finditer(text)] == [m.span("name") for m in title.finditer(text)]
    assert [m.span() for m in SENTENCE_HEAD.finditer(text)] == [m.span() for m in head.finditer(text)]


def test_a_known_body_and_a_name_after_it_are_two_bodies(kb):
    text = ("O programa é apoiado pelo Programa das Nações Unidas para o Desenvolvimento e Gabinete Integrado para a "
            "Consolidação da Paz.")
    mentions, found = ids(text, kb)
    assert "UNDP" in {e for _, e, _ in mentions}
    assert "Gabinete Integrado para a Consolidação da Paz" in {e.name for e in found.entities.values()}


def test_review_negatives_lists_of_places_datelines_and_branch_acronyms(kb):
    # a list of places after 'from' stays places though an article follows a comma
    mentions, _ = ids("Migrants come from Mali, the Gambia and Senegal every year.", kb)
    assert not any(e.startswith("GOV_") for _, e, _ in mentions)
    # a dateline's city in capitals is no programme in apposition
    _, found = ids("NIAMEY, the programme of IOM started in May.", kb)
    assert "NIAMEY" not in found.entities
    # words after an acronym in parentheses that are no place define nothing
    _, found = ids("Le Comité International pour l’Aide d’Urgence (CIAU Directeur) a parlé.", kb)
    assert not any(e.acronym.startswith("CIAU ") or e.entity_id == "CIAU_DIRECTEUR" for e in found.entities.values())
    # an edition's Roman numeral or ordinal opens no name; a bare number is part of it
    from analysis.entities import _name_candidate
    assert _name_candidate("VI Regional Migration Forum") == _name_candidate("3rd Regional Migration Forum") \
        == "Regional Migration Forum"
    assert _name_candidate("20 Countries Initiative Group") == "20 Countries Initiative Group"


def test_an_acronym_with_a_remark_after_a_comma_is_defined_by_the_long_form_spelling_it(kb):
    text = ("Les demandeurs passaient par le Programme régional d'accueil et d'intégration des demandeurs d'asile "
            "(PRAIDA, financé par Québec et Ottawa). Le PRAIDA a aidé.")
    mentions, found = ids(text, kb)
    assert found.entities["PRAIDA"].name == "Programme régional d'accueil et d'intégration des demandeurs d'asile"
    # a remark after an acronym the words before do not spell defines nothing
    _, found = ids("Le rapport du groupe de travail (GTX, publié en 2019) a été lu.", kb)
    assert "GTX" not in found.entities


def test_a_name_after_an_elided_article_is_found_and_a_known_body_with_its_place_is_no_new_name(kb):
    _, found = ids("Grâce à la collaboration avec l’Institut de Bien-Etre et de Recherches, chaque centre compte.", kb)
    assert "Institut de Bien-Etre et de Recherches" in {e.name for e in found.entities.values()}
    _, found = ids("Le directeur régional de l’Organisation internationale pour les migrations (Oim) a parlé. Le "
                   "directeur de l’Oim en Afrique de l’Ouest et du Centre a parlé.", kb)
    assert not any(e.name.startswith("Oim en") for e in found.entities.values())


def test_a_name_closed_by_and_a_known_body_is_a_body_of_its_own(kb):
    # 'The Ghana Immigration Service and IOM': the head noun inside the phrase made the whole phrase one name, which
    # ended on a known body and was dropped
    mentions, found = ids("The Ghana Immigration Service and IOM signed an agreement.", kb)
    assert "Ghana Immigration Service" in {e.name for e in found.entities.values()}
    assert "IOM" in {e for _, e, _ in mentions}
    _, found = ids("The Kenya Police Service and UNODC trained officers.", kb)
    assert "Kenya Police Service" in {e.name for e in found.entities.values()}


def test_a_sentence_case_name_opens_a_sentence_and_ends_before_another_body(kb):
    # after an elided article at the start of a sentence, and up to an 'and' that another body follows
    _, found = ids("L'Agence nationale de lutte contre la traite des personnes et l'OIM ont signé un accord.", kb)
    names = {e.name for e in found.entities.values()}
    assert "Agence nationale de lutte contre la traite des personnes" in names, names
    _, found = ids("Hier, la Direction de la surveillance du territoire et l'OIM ont signé un accord.", kb)
    assert "Direction de la surveillance du territoire" in {e.name for e in found.entities.values()}
    # an 'and' between two lowercase words stays inside the name
    _, found = ids("Hier, la Commission nationale de lutte contre la traite et le trafic a signé un accord.", kb)
    assert not any(e.name.startswith("Commission nationale") for e in found.entities.values())


def test_a_sentence_case_name_runs_over_a_known_name_inside_it(kb):
    # 'Réseau des Nations Unies pour les migrations': 'Nations Unies' (the UN) inside; the whole resolves to the
    # reference body written with 'sur'
    text = "Ils ont agi au nom du Réseau des Nations Unies pour les migrations, cet événement de trois jours."
    mentions, _ = ids(text, kb)
    assert "UNNM" in {e for _, e, _ in mentions}


def test_a_sentence_case_name_keeps_its_capitalised_words_and_leaves_title_case_names_alone(kb):
    names = lambda text: {e.name for e in ids(text, kb)[1].entities.values()}  # noqa: E731
    # capitalised words inside a name in sentence case; where it is, cut
    assert "Direction générale de la Police nationale" in names(
        "Hier, la Direction générale de la Police nationale et l'OIM ont inauguré un poste frontière.")
    assert "Centre de formation judiciaire" in names("Hier, avec le Centre de formation judiciaire à Dakar, l’ONUDC a agi.")
    # heads of the language files: 'cellule', 'unión', 'união' …
    assert "Cellule nationale de traitement des informations financières" in names(
        "Hier, la Cellule nationale de traitement des informations financières, avec l'ONUDC, a formé 30 agents.")
    # an 'and' without an article or a known body after it stays inside the name
    assert "Comisión para la Atención Integral de Niñez y Adolescencia Migrante" in names(
        "Participó la Comisión para la Atención Integral de Niñez y Adolescencia Migrante, con la OIM.")
    # a name in title case is the title-case scan's: not cut at its first lowercase word
    found = names("Participaron la Dirección Nacional de Migración provenientes de todo el país y la OIM.")
    assert not any("provenientes" in n for n in found), found


def test_an_acronym_after_a_name_it_does_not_spell_names_that_body(kb):
    # another language's acronym ('Action against Hunger (ACF)'), a contraction ('(IBESR)')
    mentions, found = ids("IOM works in partnership with Action against Hunger (ACF) in Uganda. ACF runs the camps.", kb)
    ent = found.entities.get("ACF")
    assert ent is not None and ent.name == "Action against Hunger", found.entities
    assert sum(e == "ACF" for _, e, _ in mentions) >= 2
    _, found = ids("Il a signé avec l'Institut de Bien-Etre et de Recherches (IBESR) et l'OIM.", kb)
    assert "IBESR" in found.entities.get("IBESR").aliases


def test_an_undefined_acronym_after_a_name_is_refused_when_the_name_is_not_the_body(kb):
    names = lambda text: {e.name: e.aliases for e in ids(text, kb)[1].entities.values()}  # noqa: E731
    # the tail of a longer name in sentence case
    assert not any(n.startswith("Santé") for n in names(
        "Avec l'Union des religieux pour la promotion de la Santé et du Développement (URCB/SD), l'OIM agit."))
    # a person's title, a news agency, an acronym that opens none of the name's words
    assert not any("ODHIR" in a for a in names("Speaking was Minister Helga Konrad (ODHIR), with IOM.").values())
    assert "APO" not in {e for _, e, _ in ids("Distributed by African Press Organization (APO).", kb)[0]}
    assert not any("ROCK" in a and n == "AU-Horn of Africa Initiative" for n, a in names(
        "The Centre of the Khartoum Process and the AU-Horn of Africa Initiative (ROCK) met IOM.").items())


def test_an_embassy_is_a_national_body_of_its_state(kb):
    # 'the Embassy of Japan', 'the US Embassy', 'the Australian Embassy', "l'ambassade japonaise", 'la Embajada de
    # España', 'a Embaixada da Austrália': EMB_<ISO3> (parent GOV_<ISO3>), named with where it is when the text says
    cases = {"The Embassy of Japan in Senegal and IOM signed an agreement.": ("EMB_JPN", "Embassy of Japan in Senegal"),
             "The US Embassy partnered with IOM on the campaign.": ("EMB_USA", "US Embassy"),
             "The Australian Embassy and IOM launched the project.": ("EMB_AUS", "Australian Embassy"),
             "L'ambassade japonaise a financé le projet de l'OIM.": ("EMB_JPN", "ambassade japonaise"),
             "La Embajada de España en Honduras y ACNUR firmaron un convenio.": ("EMB_ESP", "Embajada de España en Honduras"),
             "A Embaixada da Austrália em Díli e a OIM assinaram um acordo.": ("EMB_AUS", "Embaixada da Austrália em Díli"),
             # a consulate is the state's other mission (mission_nouns: CON)
             "El Consulado de Bolivia en Buenos Aires y la OIM firmaron.": ("CON_BOL", "Consulado de Bolivia en Buenos Aires"),
             "The US Consulate General in Lagos and IOM met.": ("CON_USA", "US Consulate General in Lagos")}
    for text, expected in cases.items():
        mentions, _ = ids(text, kb)
        assert expected in {(e, t) for t, e, _ in mentions}, (text, mentions)
    assert kb.entities["EMB_JPN"].parent == "GOV_JPN" and kb.entities["EMB_JPN"].kind == "government"
    assert kb.entities["CON_BOL"].name == "Consulate of Bolivia"
    # consulates of one state in general name no one consulate
    assert not any(e.startswith("CON_") for _, e, _ in ids("Há mil marcações nos consulados de Portugal em Espanha.", kb)[0])
    # the government itself stays the government
    assert ("Government of Japan", "GOV_JPN") in {(t, e) for t, e, _ in ids("The Government of Japan funded IOM.", kb)[0]}


def test_an_acronym_joined_to_a_known_body_names_its_unit(kb):
    # 'UNU-MERIT', 'ILO-IPEC': a known body's institute or programme, a body of its own
    mentions, found = ids("Researchers from UNU-MERIT and UNU-CRIS met IOM in Maastricht.", kb)
    assert {"UNU_MERIT", "UNU_CRIS"} <= {e for _, e, _ in mentions}, mentions
    assert found.entities["UNU_MERIT"].parent == "UNU"  # a unit of the body it is joined to
    # two known bodies joined are two bodies; two unknown acronyms and a known body with a place are nothing new
    for text in ("The UNHCR-UNICEF task force met.", "Licensed CC BY-NC.", "UNHCR-CHILE opened an office."):
        _, found = ids(text, kb)
        assert not any("-" in e.name for e in found.entities.values()), (text, found.entities)


def test_the_foreign_ministry_by_its_other_name_carries_its_country(kb):
    # 'la Cancillería' (es ministry_patterns): of the country named after it, by its demonym, else the page's
    bodies = {"a": "La Cancillería del Ecuador y la OIM firmaron un acuerdo en Quito.",
              "b": "La Cancillería colombiana y la OIM firmaron un acuerdo en La Paz, Bolivia."}
    found = discover(bodies, kb)
    placed = {m.entity_id for m in find_mentions(bodies["b"], kb, found)}
    assert "MIN_COL_CANCILLERIA" in placed, placed


def test_a_sentence_case_long_form_before_its_acronym_and_a_demonym_closing_a_name(kb):
    # the long form in sentence case before an acronym its letters do not spell in order
    text = "Le projet associe la Fondation des entreprises en recrutement de la main-d'oeuvre agricole étrangère (FERME)."
    _, found = ids(text, kb)
    assert found.entities["FERME"].name.startswith("Fondation des entreprises en recrutement"), found.entities
    # a demonym then 'et' closes a name in sentence case
    text = "Elle comprend des membres de la Banque de développement rural guatémaltèque et l’ambassadeur du Guatemala."
    names = {e.name for e in ids(text, kb)[1].entities.values()}
    assert "Banque de développement rural guatémaltèque" in names, names


def test_states_acting_in_an_enumeration_joined_by_as_well_as(kb):
    text = ("The Philippines, Canada and the United States as well as the ASEAN Secretariat and the United Nations "
            "Office on Drugs and Crime acted as observers.")
    mentions, _ = ids(text, kb)
    assert {"GOV_PHL", "GOV_CAN", "GOV_USA"} <= {e for _, e, _ in mentions}, mentions


def test_a_person_s_title_names_no_body(kb):
    # person_titles of the language files: 'Gerente de Programa da OIM', 'Jefe de Misión de la OIM'
    for text in ("Foram recebidos pelo ministro, bem como pelo Gerente de Programa da OIM, Joseph Dück.",
                 "Fueron recibidos por el ministro y por el Gerente de Programa de la OIM, Juan Pérez.",
                 "He joined Nuankae Wongthawatchai, Project Assistant, in Bangkok."):
        _, found = ids(text, kb)
        assert not found.entities, (text, found.entities)


def test_a_numbered_meeting_is_a_recurring_meeting_or_its_body_s(kb):
    # edition_heads of the language files: a numbered meeting named in capitals is a mechanism, known with its
    # number too (the form a page names it by)
    _, found = ids("La VI Reunión de Autoridades Nacionales en Materia de Trata de Personas se celebró en Lima.", kb)
    ent = next(e for e in found.entities.values() if e.name.startswith("Reunión de Autoridades"))
    assert ent.kind == "mechanism" and "VI Reunión de Autoridades Nacionales en Materia de Trata de Personas" in ent.aliases
    # the meeting of a named body is that body's
    _, found = ids("La XV Reunión del Comité Andino de Autoridades de Migración se celebró en Lima.", kb)
    ent = next(iter(found.entities.values()))
    assert ent.name == "Comité Andino de Autoridades de Migración"
    assert "XV Reunión del Comité Andino de Autoridades de Migración" in ent.aliases
    # a headline in capitals, an unnumbered meeting: nothing
    for text in ("XV CONFERENCIA REGIONAL SOBRE MIGRACION COMUNICADO CONJUNTO.", "The Regional Conference on Migration met."):
        _, found = ids(text, kb)
        assert not any(e.kind == "mechanism" and "onferenc" in e.name for e in found.entities.values()), found.entities


def test_an_of_repeated_after_and_keeps_an_enumeration_of_states(kb):
    for text, iso in (("Les Gouvernements du Mali et du Niger ont signé un accord.", ("GOV_MLI", "GOV_NER")),
                      ("Os Governos de Angola e de Moçambique assinaram um acordo.", ("GOV_AGO", "GOV_MOZ"))):
        mentions, _ = ids(text, kb)
        assert set(iso) <= {e for _, e, _ in mentions}, (text, mentions)


def test_a_grant_s_recipient_country_is_a_party_not_a_place(kb):
    # recipient_before of the language files
    for text, iso in (("Le gouvernement du Japon a accordé à la Mauritanie un don de 3 millions de dollars.", "GOV_MRT"),
                      ("Japan granted 3 million dollars to Mauritania through IOM.", "GOV_MRT"),
                      ("O Japão concedeu um donativo a Moçambique.", "GOV_MOZ"),
                      ("Le Japon a accordé au Niger un don.", "GOV_NER"),
                      ("O Japão ofereceu a Moçambique um donativo.", "GOV_MOZ")):
        mentions, _ = ids(text, kb)
        assert iso in {e for _, e, _ in mentions}, (text, mentions)
    # where a project is done stays a place
    assert ("Mauritania", "C_MRT") in {(t, e) for t, e, _ in ids("IOM delivered training in Mauritania.", kb)[0]}
    assert not any(e == "GOV_NER" for _, e, _ in ids("IOM handed kits to migrants returning to Niger.", kb)[0])


def test_a_generic_office_with_its_place_is_no_name(kb):
    _, found = ids("IOM has opened a Country Office in Madagascar to support the government.", kb)
    assert not found.entities, found.entities
    _, found = ids("IOM works with the Al-Nahrain Centre for Strategic Studies in Baghdad.", kb)
    assert "Al-Nahrain Centre for Strategic Studies" in {e.name for e in found.entities.values()}


def test_a_head_and_a_generic_adjective_alone_is_a_title(kb):
    # generic_name_tails of the language files: 'la Secretaría Técnica', 'la Secretaría Pro-Témpore'
    for text in ("El evento contó con el apoyo de la OIM, en su rol de Secretaría Técnica. El evento fue un éxito.",
                 "Se prefirió el término “Presidencia Pro-Témpore”, en lugar de “Secretaría Pro-Témpore”."):
        _, found = ids(text, kb)
        assert not found.entities, (text, found.entities)
    # a national force is a body all the same
    mentions, _ = ids("La Policía Nacional y la OIM firmaron un convenio en Lima, Perú.", kb)
    assert any(t == "Policía Nacional" for t, _, _ in mentions), mentions


def test_a_minister_s_title_followed_by_and_a_body_still_names_the_ministry(kb):
    # the ministers of a body's members name no ministry ('os ministros do Interior da CPLP'), but what follows an
    # 'and' is another party ('el ministro del Interior de Chile y la OIM')
    mentions, _ = ids("El ministro del Interior de Chile y la OIM firmaron un acuerdo.", kb)
    assert "MIN_CHL_MINISTERIO_DEL_INTERIOR" in {e for _, e, _ in mentions}, mentions
    mentions, _ = ids("Os ministros do Interior da CPLP aprovaram o plano.", kb)
    assert not any(e.startswith("MIN_") for _, e, _ in mentions), mentions


def test_funds_cities_and_red_cross_societies_named_in_french_spanish_portuguese(kb):
    names = lambda text: {e.name for e in ids(text, kb)[1].entities.values()}  # noqa: E731
    assert "Ville de Montréal" in names("La Ville de Montréal et le Québec ont signé une entente avec l'OIM.")
    assert "Intendencia de Canelones" in names("La Intendencia de Canelones firmó un convenio con la OIM.")
    assert "Croix Rouge luxembourgeoise" in names("La Croix Rouge luxembourgeoise accueille les réfugiés avec l'OIM.")
    # a fund named in Portuguese resolves to the reference body written differently
    mentions, _ = ids("O projeto é financiado pelo Fundo Fiduciário de Emergência para África, com a OIM.", kb)
    assert "EUTF_AFRICA" in {e for _, e, _ in mentions}, mentions
    mentions, _ = ids("O Camões – Instituto da Cooperação e da Língua assinou o acordo com a UE.", kb)
    assert "CAMOES_PRT" in {e for _, e, _ in mentions}, mentions


def test_review_negatives_and_lists_of_the_session(kb):
    names = lambda text: {e.name for e in ids(text, kb)[1].entities.values()}  # noqa: E731
    # a country after 'and' is no second body: no 'Joint Commission of Chile'
    assert not any(n.startswith("Joint Commission of Chile") for n in names("The Joint Commission of Chile and Argentina met IOM."))
    # a list of embassies, a High Commission
    mentions, _ = ids("The embassies of France and Spain funded IOM.", kb)
    assert {"EMB_FRA", "EMB_ESP"} <= {e for _, e, _ in mentions}, mentions
    mentions, found = ids("The British High Commission and IOM launched the project.", kb)
    assert "EMB_GBR" in {e for _, e, _ in mentions} and not found.entities, (mentions, found.entities)
    # a numbered meeting named with its body's acronym
    assert "Conferência de Chefes de Estado e de Governo da CPLP" in names(
        "A XII Conferência de Chefes de Estado e de Governo da CPLP aprovou o acordo.")
    # a French verb after an elided pronoun ends no name; a person's title names no body
    assert not names("Hier, la Commission de suivi s'est réunie pour la première fois.")
    assert not names("IOM met the Chief of the Border Police Unit, Mr Ali.")
    # a vice-minister's title is scanned on a page without 'ministerio'
    mentions, _ = ids("El Subsecretario de Migración de Chile y la OIM firmaron un acuerdo.", kb)
    assert any(e.startswith("MIN_CHL") for _, e, _ in mentions), mentions


def test_a_hyphenated_demonym_after_a_ministry_places_it(kb):
    mentions, _ = ids("O Ministério da Educação cabo-verdiano e a OIM assinaram um acordo.", kb)
    assert "MIN_CPV_MINISTERIO_DA_EDUCACAO" in {e for _, e, _ in mentions}, mentions


def test_the_us_state_department_and_its_trafficking_office_are_known_in_four_languages(kb):
    for text, key in (("Con el apoyo financiero del Departamento de Estado de los Estados Unidos de América, la OIM actuó.", "US_DOS"),
                      ("Le Département d'État américain a financé le projet de l'OIM.", "US_DOS"),
                      ("The project is funded by the U.S. Department of State Office to Monitor and Combat Trafficking in Persons.",
                       "US_JTIP")):
        mentions, _ = ids(text, kb)
        assert key in {e for _, e, _ in mentions}, (text, mentions)
    assert kb.entities["US_JTIP"].parent == "US_DOS"


def test_regional_consultative_processes_added_to_the_knowledge_base(kb):
    for text, key in (("The Pacific Immigration Directors' Conference (PIDC) met in Suva with IOM.", "PIDC"),
                      ("The Caribbean Migration Consultations met with IOM in Port of Spain.", "CARIBBEAN_MIGRATION_CONSULTATIONS"),
                      ("Le Dialogue sur la migration pour les États d'Afrique centrale (MIDCAS) s'est réuni.", "MIDCAS")):
        mentions, _ = ids(text, kb)
        assert key in {e for _, e, _ in mentions}, (text, mentions)


def test_the_cplp_interior_ministers_meeting_is_known(kb):
    text = "A VI Reunião dos Ministros do Interior e da Administração Interna da CPLP decorreu em Luanda."
    mentions, _ = ids(text, kb)
    assert "CPLP_INTERIOR_MINISTERS" in {e for _, e, _ in mentions}, mentions


def test_an_acronym_two_pages_define_for_unrelated_bodies_names_each_pages_own_body(kb):
    # 'MPF' is the Migration Partnership Facility on one page and Brazil's Ministério Público Federal on another;
    # 'IGM' the Initiative Globale des Migrations and the Instituto Guatemalteco de Migración: a homonym,
    # not a second name of the first body, and the page defining it reads its bare acronym as its own body
    bodies = {"a": "The Migration Partnership Facility (MPF) supports IOM. The MPF funds ICMPD.",
              "b": "O Ministério Público Federal (MPF) e a OIM assinaram um acordo. O MPF apoia migrantes.",
              "c": "L'Initiative Globale des Migrations (IGM) de l'OIM. L'IGM aide le Maroc.",
              "d": "El Instituto Guatemalteco de Migración (IGM) y la OIM firmaron. El IGM apoyará.",
              "e": "La Organización Internacional para las Migraciones (OIM) y el ACNUR firmaron."}
    found = discover(bodies, kb)
    assert found.homonyms == {"MPF", "IGM"}
    mentions = {d: {(m.text, m.entity_id) for m in find_mentions(t, kb, found)} for d, t in bodies.items()}
    mpf = {e for t, e in mentions["a"] if t == "MPF"}
    mpf_b = {e for t, e in mentions["b"] if t in ("MPF", "Ministério Público Federal")}
    assert len(mpf) == 1 and len(mpf_b) == 1 and mpf != mpf_b, mentions
    assert found.entities[mpf_b.pop()].name == "Ministério Público Federal"
    igm_c = {e for t, e in mentions["c"] if t == "IGM"}
    igm_d = {e for t, e in mentions["d"] if t in ("IGM", "Instituto Guatemalteco de Migración")}
    assert len(igm_c) == 1 and len(igm_d) == 1 and igm_c != igm_d, mentions
    # a known body's name in another language is that body, no homonym
    assert ("Organización Internacional para las Migraciones", "IOM") in mentions["e"]


def test_a_body_named_national_without_its_state_is_the_body_of_each_pages_country(kb):
    # national_words: 'Comité National …', 'Polícia Nacional', 'Policía Nacional' name a state's own body; named
    # without the state, it is the page's country's, as a ministry is: two countries' committees are two nodes
    bodies = {"a": "Le Comité National de Lutte contre la Traite des Personnes (CNLTP) et l'OIM ont signé. Haïti salue le CNLTP.",
              "b": "Le Comité National de Lutte contre la Traite des Personnes (CNLTP) et l'OIM ont lancé un plan. "
                   "La Côte d'Ivoire salue le CNLTP.",
              "c": "A Polícia Nacional e a OIM formaram agentes em Cabo Verde.",
              "d": "Le Comité National de Lutte contre la Traite des Personnes (CNLTP) a été créé."}
    found = discover(bodies, kb)
    mentions = {d: {(m.text, m.entity_id) for m in find_mentions(t, kb, found)} for d, t in bodies.items()}
    assert ("CNLTP", "MIN_HTI_CNLTP") in mentions["a"] and ("CNLTP", "MIN_CIV_CNLTP") in mentions["b"], mentions
    assert found.entities["MIN_HTI_CNLTP"].parent == "GOV_HTI" and found.entities["MIN_HTI_CNLTP"].iso3 == "HTI"
    assert ("Polícia Nacional", "MIN_CPV_POLICIA_NACIONAL") in mentions["c"], mentions
    # a page naming no country keeps the body unplaced; a name with its country, or an international one, is no
    # state's unnamed body
    assert ("CNLTP", "CNLTP") in mentions["d"]
    other = discover({"e": "The International Organization for Migration and the National Police of Ghana met in Ghana."}, kb)
    assert not any(e.startswith("MIN_GHA_NATIONAL") for e in other.entities), other.entities


def test_a_ministrys_name_runs_on_over_a_comma_only_into_a_list_that_and_closes(kb):
    from analysis.entities import MINISTRY
    names = lambda text: [m.group("name") for rx in MINISTRY for m in rx.finditer(text)]  # noqa: E731
    assert names("the Ministry of Gender, Children and Social Protection of Ghana") == [
        "Ministry of Gender, Children and Social Protection of Ghana"]
    assert names("the Ministry of Labour, Employment, Youth and Sports said") == ["Ministry of Labour, Employment, Youth and Sports"]
    assert names("a joint initiative of IOM, the Ministry of Justice, and Sharedhope International Limited.") == ["Ministry of Justice"]
    assert names("Permanent Secretary in the Ministry of Justice, Carol Palmer noted") == ["Ministry of Justice"]
    assert names("o Ministério da Família, Inclusão e Desenvolvimento Social de Cabo Verde") == [
        "Ministério da Família, Inclusão e Desenvolvimento Social de Cabo Verde"]
    assert names("disse o Ministério da Justiça, Carlos Silva, ontem") == ["Ministério da Justiça"]


def test_a_national_directors_title_names_the_directorate_of_its_country(kb):
    """'el Director General de Migración y Extranjería de la República de Honduras' speaks for Honduras's
    directorate; two countries' directorates are two bodies, and a country closes the name ('… y Lic. …')."""
    text = ("Asistieron el Lic. Jorge Santiváñez, Director General de Migración y Extranjería de la República de "
            "Honduras y Lic. Fausto Carcabelos, Director General de Migración y Extranjería de la República de "
            "Nicaragua, con la OIM.")
    mentions, found = ids(text, kb)
    placed = sorted(e for _, e, _ in mentions if e.startswith("MIN_"))
    assert [e[:8] for e in placed] == ["MIN_HND_", "MIN_NIC_"], mentions
    assert all(fold(found.entities[e].name).startswith("direccion general de migracion y extranjeria") and
               not found.entities[e].name.endswith("Lic") for e in placed)
    # Portuguese and French titles; a title named without its country is the page's country's directorate
    mentions, found = ids("A Diretora-Geral da Imigração de Cabo Verde, Carmem Barros, recebeu a OIM.", kb)
    assert [found.entities[e].name for _, e, _ in mentions if e.startswith("MIN_CPV_")] == \
        ["Direção-Geral da Imigração de Cabo Verde"], mentions
    mentions, found = ids("La directrice générale des Étrangers, Mme Agnès Fontana, a reçu l'OIM à Paris, en France.", kb)
    assert [found.entities[e].name for _, e, _ in mentions if e.startswith("MIN_FRA_")] == \
        ["Direction générale des Étrangers"], mentions


def test_a_directors_title_names_no_body_when_its_body_is_named_or_its_name_cut(kb):
    """The head of a body the text names itself ('del Servicio Nacional de Migración', 'do SME') is that body's; a
    portfolio that goes on past the title's pattern ('de Marfinenses no / Exterior', 'de Derechos Humanos') names
    nothing cut short."""
    _, found = ids("El director general de Migración, Javier Carrillo, habló con la OIM.", kb)
    assert [e.name for e in found.entities.values() if e.iso3 == ""] == ["Dirección General de Migración"]
    _, found = ids("La Directora Nacional de Migraciones Ángeles Arriola firmó con la OIM.", kb)  # a person's name after it
    assert [e.name for e in found.entities.values() if e.iso3 == ""] == ["Dirección Nacional de Migraciones"]
    _, found = ids("El subsecretario de Derechos Humanos, Alejandro Encinas, firmó con la OIM.", kb)
    assert not any(e.name.endswith("de Derechos") for e in found.entities.values())
    for text in ("El director general del Servicio Nacional de Migración, Javier Carrillo, habló con la OIM.",
                 "O director nacional do SME, José Paulino, recebeu a OIM em Luanda.",
                 "Foram recebidos em nome do Diretor Geral de Marfinenses no\nExterior pela OIM.",
                 "El director general de Asuntos Jurídicos y Tratados Pascual Nsue habló con la OIM."):
        _, found = ids(text, kb)
        assert not any(fold(e.name).startswith("direc") for e in found.entities.values()), text


def test_a_directorate_read_off_a_title_keeps_other_pages_acronyms_and_countries_apart(kb):
    """A directorate named only through its head's title ('Director General de Migración') does not take the
    name another page defines with its acronym, nor is it that page's body: each country keeps its own."""
    bodies = {"a": "El Director General de Migración, Juan Pérez, visitó Haití con la OIM. Haití agradeció.",
              "b": "La Dirección General de Migración (DGM) de Guatemala y la OIM inauguraron la escuela.",
              "c": "El Director General de Migración, Ana Ruiz, habló en Guatemala con la OIM."}
    found = discover(bodies, kb)
    named = {d: sorted({m.entity_id for m in find_mentions(t, kb, found) if "Migraci" in m.text}) for d, t in bodies.items()}
    assert named == {"a": ["MIN_HTI_DIRECCION_GENERAL_DE_MIGRACION"], "b": ["DGM"],
                     "c": ["MIN_GTM_DIRECCION_GENERAL_DE_MIGRACION"]}, named


def test_a_country_after_a_party_or_agent_cue_is_its_state_with_the_rest_of_its_enumeration(kb):
    for text, expected in (
            ("Les accords sont déjà conclus avec le Gabon, le Bénin, le Congo ou le Sénégal.",
             {"GOV_GAB", "GOV_BEN", "GOV_COG", "GOV_SEN"}),
            ("Le 5 + 5 est un forum destiné à favoriser le dialogue politique, économique et culturel entre dix pays de "
             "la Méditerranée occidentale : l'Algérie, la France et la Tunisie.", {"GOV_DZA", "GOV_FRA", "GOV_TUN"}),
            ("Se dio inicio a la Tercera Ronda de Conversaciones entre Panamá y Cuba.", {"GOV_PAN", "GOV_CUB"}),
            ("Conta com dois navios patrulha doados por Portugal.", {"GOV_PRT"}),
            ("The agreement signed with Mexico was led by Canada.", {"GOV_MEX", "GOV_CAN"}),
            ("The meeting featured the Chairmanship handover from The Netherlands to South Sudan.", {"GOV_NLD", "GOV_SSD"}),
            ("A Embaixada da Austrália ajudará Timor-Leste a melhorar o sistema.", {"GOV_TLS"})):
        mentions, _ = ids(text, kb)
        assert {e for _, e, r in mentions if r == "actor"} >= expected, text
    # a border between two countries, a signing's place, a project's scope, migrants' origin stay places
    for text in ("La situation à la frontière entre la Tunisie et la Libye est précaire.",
                 "The agreement was signed in Niger with IOM. The project covers Mali or Senegal.",
                 "Los migrantes llegados desde Honduras y Guatemala cruzaron a México.",
                 "The project will help migrants in Libya."):
        mentions, _ = ids(text, kb)
        assert not any(e.startswith("GOV_") for _, e, _ in mentions), text


def test_who_speaks_for_a_state_and_its_services_stand_for_its_government(kb):
    for text, gov in (("La conferencia fue inaugurada por el presidente de Honduras, Juan Orlando Hernández.", "GOV_HND"),
                      ("Les négociateurs en chef de la Tunisie ont achevé leurs négociations.", "GOV_TUN"),
                      ("O Representante Permanente do Brasil junto da CPLP abriu a sessão.", "GOV_BRA"),
                      ("El canciller chileno, junto con su par de Perú, encabezó la reunión.", "GOV_PER"),
                      ("Vão prestar apoio às Autoridades de Fronteira de Timor-Leste.", "GOV_TLS"),
                      ("El proyecto financiado por el Gobierno de los Estados Unidos.", "GOV_USA"),
                      ("In response, the U.S. government has committed to act.", "GOV_USA"),
                      ("“El Ecuador tiene un liderazgo en materia de refugio.", "GOV_ECU")):
        mentions, _ = ids(text, kb)
        assert (gov, "actor") in {(e, r) for _, e, r in mentions}, text
    mentions, _ = ids("Quadros dos serviços de estrangeiros de Cabo Verde, Moçambique e Angola terminaram o curso.", kb)
    assert {"GOV_CPV", "GOV_MOZ", "GOV_AGO"} <= {e for _, e, r in mentions if r == "actor"}
    # a sentence's end after a country is no abbreviation's dot; the president of a body is no state's
    for text in ("Aid went to Chad. Authorities said so.", "The President of IOM met migrants in Chile."):
        mentions, _ = ids(text, kb)
        assert not any(e.startswith("GOV_") for _, e, _ in mentions), text


def test_countries_after_a_presence_cue_are_acting_states(kb):
    mentions, _ = ids("Los países que ya han confirmado su presencia en el operativo son Italia y Portugal, así como "
                      "Alemania y Francia.", kb)
    assert {"GOV_ITA", "GOV_PRT", "GOV_DEU", "GOV_FRA"} <= {e for _, e, r in mentions if r == "actor"}


def test_a_state_joining_or_listed_among_member_states_is_a_party(kb):
    for text, expected in (("Visita Madrid para informar del ingreso de España a la entidad.", {"GOV_ESP"}),
                           ("Resulta de contribuições dos Estados-membros da UE, como Portugal.", {"GOV_PRT"}),
                           ("Member States such as France and Italy pledged funds.", {"GOV_FRA", "GOV_ITA"})):
        mentions, _ = ids(text, kb)
        assert {e for _, e, r in mentions if r == "actor"} >= expected, text


def test_a_ministry_named_over_a_comma_is_found_where_the_text_names_it(kb):
    # the pattern reads 'Ministry of Skills Development, Employment and Labour Relations of Sri Lanka' over its comma:
    # the matcher finds it over that comma too; 'and the' opens the next phrase ('… and the Hon. Aryeh Deri')
    text = ("Mr. Abayagunawardana, Secretary of the Ministry of Skills Development, Employment and Labour Relations "
            "of Sri Lanka and the Hon. Aryeh Deri, Minister of the Interior of the State of Israel signed the agreement.")
    mentions, found = ids(text, kb)
    assert ("Ministry of Skills Development, Employment and Labour Relations of Sri Lanka",
            "MIN_LKA_MINISTRY_OF_SKILLS_DEVELOPMENT_EMPLOYMEN") in {(t, e) for t, e, _ in mentions}, mentions
    assert not any("Hon" in e.name for e in found.entities.values())


def test_an_acronyms_long_form_may_close_with_a_state_named_by_its_style():
    # the place closing a name is not in its acronym, also when the state is named by its style ('the State of Israel')
    assert best_long_form("PIBA", "Director General of the Population and Immigration Border Authority of the State of Israel") \
        == "Population and Immigration Border Authority of the State of Israel"
    assert best_long_form("DGM", "la Dirección General de Migración de la República de Honduras") \
        == "Dirección General de Migración de la República de Honduras"
    assert best_long_form("AAI", "a Alta Autoridade para a Imigração de Cabo Verde") == "Alta Autoridade para a Imigração de Cabo Verde"


def test_a_high_commissariat_is_a_body_head_and_high_alone_is_no_name(kb):
    # 'commissariat'/'comisariado'/'comissariado' head a body's name (name_heads); 'Haut Commissariat' alone is a title
    mentions, found = ids("L'OIM, en partenariat avec le Haut Commissariat des Nations Unis pour les Droits de l’Homme, "
                          "a organisé un atelier. Le Haut Commissariat a salué l'atelier.", kb)
    assert "OHCHR" in {e for _, e, _ in mentions}, mentions
    assert not any(e.name in ("Haut Commissariat", "Haut-Commissariat") for e in found.entities.values())


def test_schools_faculties_and_research_units_are_bodies_but_a_deans_title_is_not(kb):
    _, found = ids("IOM trained staff with the Escola Nacional de Administração Pública. O Núcleo de Pesquisas e Estudos "
                   "em Direitos Humanos assinou. La Facultad de Derecho firmó. Le Doyen de l'Ecole a salué l'accord.", kb)
    names = {e.name for e in found.entities.values()}
    assert {"Escola Nacional de Administração Pública", "Núcleo de Pesquisas e Estudos em Direitos Humanos",
            "Facultad de Derecho"} <= names, names
    assert not any(n.startswith("Doyen") for n in names)


def test_each_of_two_new_names_joined_by_and_of_is_a_body(kb):
    _, found = ids("Os candidatos são avaliados por professores da Universidade Federal do Rio Grande do Sul e da Escola "
                   "Nacional de Administração Pública.", kb)
    names = {e.name for e in found.entities.values()}
    assert {"Universidade Federal do Rio Grande do Sul", "Escola Nacional de Administração Pública"} <= names, names


def test_a_mayors_title_names_the_towns_government(kb):
    """'el alcalde de Mejicanos', 'le maire de Belladère', 'o prefeito de Belém', 'the Mayor of Accra' speak for their
    town's government (minister_patterns and title_bodies of each language)."""
    for text, name in (("El alcalde de Mejicanos inauguró una oficina con la OIM.", "Alcaldía de Mejicanos"),
                       ("Le maire de Belladère a rencontré l'OIM.", "Mairie de Belladère"),
                       ("O prefeito de Belém assinou com o ACNUR.", "Prefeitura de Belém"),
                       ("The Mayor of Accra signed an agreement with IOM.", "City of Accra"),
                       ("The Mayor of Accra Elizabeth Sackey met IOM in Ghana.", "City of Accra"),
                       ("O prefeito de Belém Edmilson Rodrigues assinou com o ACNUR.", "Prefeitura de Belém")):
        mentions, found = ids(text, kb)
        named = {found.entities[e].name for _, e, _ in mentions if e in found.entities}
        assert name in named, (text, mentions)
        # a town's government is not qualified with its state ('City of Accra of Ghana')
        assert not any(a.endswith(("of Ghana", "Ghana's")) or a.startswith("Ghanaian")
                       for e in found.entities.values() for a in e.aliases), found.entities
    _, found = ids("The mayor said the city would help.", kb)  # a title without its town names no body
    assert not found.entities


def test_a_country_named_right_before_a_ministry_owns_it(kb):
    """'the Solomon Islands Ministry of …', "Jamaica's Ministry of Health": that country's ministry, one mention (not
    the state beside a ministry of the page's main country, here Switzerland)."""
    mentions, found = ids("Switzerland funds the project. Switzerland and IOM met in Bern with Switzerland's partners. "
                          "The Bangladesh Ministry of Home Affairs signed with UNHCR. Jamaica's Ministry of Health "
                          "partnered with UNICEF. The Solomon Islands Ministry of Foreign Affairs and External Trade met IOM.", kb)
    ids_ = {e for _, e, _ in mentions}
    assert {"MIN_BGD_MINISTRY_OF_HOME_AFFAIRS", "MIN_JAM_MINISTRY_OF_HEALTH",
            "MIN_SLB_MINISTRY_OF_FOREIGN_AFFAIRS_AND_EXTERNAL"} <= ids_, ids_
    assert not ids_ & {"GOV_BGD", "GOV_JAM", "GOV_SLB", "C_BGD", "C_JAM", "C_SLB"}  # the country is part of the name
    assert not any(e.startswith("MIN_CHE_") for e in ids_)
    # not across a line break; a state closing the name is the ministry's own
    mentions, _ = ids("A workshop was held in Ghana\nMinistry of Health officials attended. The Ghana Ministry of "
                      "Foreign Affairs of Nigeria met UNHCR.", kb)
    ids_ = {e for _, e, _ in mentions}
    assert "MIN_GHA_MINISTRY_OF_HEALTH" in ids_ and "MIN_NGA_MINISTRY_OF_FOREIGN_AFFAIRS" in ids_, ids_


def test_a_placed_national_body_is_also_known_by_its_name_with_its_state_in_its_language(kb):
    # national_body_name + of_articles: 'Ministry of Justice of Jamaica', 'ministère de la Justice du Niger' (the
    # article's contraction), 'Ministerio del Interior del Perú', "… d'Haïti" (elision); never a formal style
    # ('République d'Haïti') nor another language's form
    bodies = {"a": "The training was held with the Ministry of Justice in Kingston, Jamaica. Jamaica thanked IOM.",
              "b": "Le ministère de la Justice et l'OIM ont signé à Niamey. Le Niger salue l'accord.",
              "c": "El Ministerio del Interior y la OIM firmaron en Lima. El Perú agradece.",
              "d": "Le Comité National de Lutte contre la Traite des Personnes (CNLTP) et l'OIM ont signé. Haïti salue le CNLTP."}
    found = discover(bodies, kb)
    assert {"Ministry of Justice of Jamaica", "Jamaica Ministry of Justice", "Jamaican Ministry of Justice"} \
        <= found.entities["MIN_JAM_MINISTRY_OF_JUSTICE"].aliases  # English writes the state before it too
    assert "ministère de la Justice du Niger" in found.entities["MIN_NER_MINISTERE_DE_LA_JUSTICE"].aliases
    assert "ministère de la Justice de Niger" not in found.entities["MIN_NER_MINISTERE_DE_LA_JUSTICE"].aliases
    # a ministry also with its state's masculine demonym after the head (demonym_after, demonym_feminine: French
    # only, as the countries table cannot tell Spanish demonyms from Portuguese ones)
    assert "ministère nigérien de la Justice" in found.entities["MIN_NER_MINISTERE_DE_LA_JUSTICE"].aliases
    assert not any("peruano" in a or "peruana" in a for a in found.entities["MIN_PER_MINISTERIO_DEL_INTERIOR"].aliases)
    assert not any("nigérienne" in a for a in found.entities["MIN_NER_MINISTERE_DE_LA_JUSTICE"].aliases)
    assert "Ministerio del Interior del Perú" in found.entities["MIN_PER_MINISTERIO_DEL_INTERIOR"].aliases
    haiti = found.entities["MIN_HTI_CNLTP"].aliases
    assert "Comité National de Lutte contre la Traite des Personnes d'Haïti" in haiti
    assert not any("République" in a or " de Haití" in a or " do Haiti" in a for a in haiti), haiti
    # the language of the name, not the first that has its head word: 'Polícia' is Portuguese, 'Comité Nacional' Spanish
    more = discover({"e": "A Polícia Nacional e a OIM formaram agentes em Maputo, Moçambique.",
                     "f": "El Comité Nacional de Migración (CNM) y la OIM firmaron en Bogotá. Colombia agradece."}, kb)
    assert "Polícia Nacional de Moçambique" in more.entities["MIN_MOZ_POLICIA_NACIONAL"].aliases, more.entities
    assert "Comité Nacional de Migración de Colombia" in more.entities["MIN_COL_CNM"].aliases
    assert not any("Colombie" in a for a in more.entities["MIN_COL_CNM"].aliases)
    # the unplaced body (a page naming no country) stays as it was
    assert found.entities["CNLTP"].aliases == {"CNLTP", "Comité National de Lutte contre la Traite des Personnes"}


def test_a_name_opened_by_an_honorific_is_a_person_not_a_body(kb):
    # person_titles: 'Mr', 'Mme', 'Sr.', 'Senhora' open a person's name ('CAMARA' is no 'Câmara' municipal chamber)
    for text in ("Le chef du sous-bureau de l’OIM Kankan, Mr Mamadouba Amara CAMARA, a ouvert la formation.",
                 "La OIM y la Sra. Lucía Fernández Câmara firmaron el acta."):
        _, found = ids(text, kb)
        assert not any("Mamadouba" in e.name or "Lucía" in e.name for e in found.entities.values()), found.entities


def test_a_known_bodys_long_name_written_in_lowercase_is_that_body(kb):
    # five words or more name the body whatever their case ("l'organisation internationale pour les migrations")
    mentions, _ = ids("Un projet a été lancé par l'organisation internationale pour les migrations avec les Comores.", kb)
    assert "IOM" in {e for _, e, _ in mentions}, mentions
    # a short name stays a capitalised one ('migration' is no body)
    assert "IOM" not in {e for _, e, _ in ids("The migration of workers rose.", kb)[0]}


def test_an_enumeration_of_ministries_and_task_forces_names_each(kb):
    # a ministry's comma list holds a few words, never another ministry or department; 'Task Force', 'Police Force'
    # head a body's name ('force' in name_heads, its accents agreeing: 'Travail Forcé' is none), 'Task Force' alone is
    # a title
    text = ("The Task Force consists of representatives from the Ministry of Labor and Foreign Employment, Ministry of "
            "Education, Department of Immigration and Emigration, the National Anti-Human Trafficking Task Force and "
            "the Nigeria Police Force.")
    names = {e.name for e in ids(text, kb)[1].entities.values()}
    assert {"Ministry of Labor and Foreign Employment", "Ministry of Education", "National Anti-Human Trafficking Task Force",
            "Nigeria Police Force"} <= names, names
    assert "Task Force" not in names
    assert not any("Forcé" in n for n in ids("Le Bureau International du Travail Forcé et l'OIM ont signé.", kb)[1].entities)


def test_a_name_runs_on_after_and_an_article_into_words_that_name_no_body_of_their_own(kb):
    # 'e a Cidadania', 'y el Tráfico Ilícito de Migrantes': the rest of one name
    mentions, _ = ids("A Comissão Nacional para os Direitos Humanos e a Cidadania vai realizar a conferência com a OIM.", kb)
    assert ("Comissão Nacional para os Direitos Humanos e a Cidadania", "organization") in \
        {(t, "organization") for t, e, _ in mentions if e != "IOM"}
    mentions, found = ids("La Coalición Nacional contra la Trata de Personas y el Tráfico Ilícito de Migrantes firmó un "
                          "convenio con la OIM.", kb)
    assert "Coalición Nacional contra la Trata de Personas y el Tráfico Ilícito de Migrantes" in {t for t, _, _ in mentions}
    # what follows the article is a body of its own: a head noun, a known body, the first word of a known name
    mentions, _ = ids("El Ministerio de Justicia y la Policía Nacional firmaron un convenio.", kb)
    assert not any(" y la " in t for t, _, _ in mentions)
    mentions, _ = ids("The Centre for Migration Studies and the European Union signed an agreement.", kb)
    assert ("European Union", "EU", "mention") in mentions and not any(" and the " in t for t, _, _ in mentions)
    mentions, _ = ids("La Intendencia de San José y la Organización Internacional firmaron un convenio.", kb)
    assert not any(" y la " in t for t, _, _ in mentions)
    mentions, _ = ids("O Instituto Politécnico de Bragança e o ISCTE assinaram um protocolo com a OIM.", kb)
    assert not any(" e o " in t for t, _, _ in mentions)  # an acronym names a body of its own


def test_a_body_named_with_the_two_parties_it_joins_is_known_by_the_whole(kb):
    text = ("El Programa de Cooperación Bilateral entre España y Paraguay apoya a la Mesa. "
            "La OIM firmó un convenio entre Uruguay y Brasil.")
    mentions, found = ids(text, kb)
    programme = next(e for e in found.entities.values() if e.name == "Programa de Cooperación Bilateral")
    assert "Programa de Cooperación Bilateral entre España y Paraguay" in found.seen_aliases[programme.entity_id]
    assert {"GOV_ESP", "GOV_PRY"} <= {e for _, e, _ in mentions} or {"C_ESP", "C_PRY"} <= {e for _, e, _ in mentions}
    # a lowercase act ('un convenio entre …') is no name; nor a party that names nothing known
    assert not any("Uruguay y Brasil" in a for aliases in found.seen_aliases.values() for a in aliases)
    _, found = ids("La Comisión Mixta entre Zorba y Brasil se reunió.", kb)
    assert not any(" entre " in a for aliases in found.seen_aliases.values() for a in aliases)


def test_a_page_naming_places_of_one_country_only_is_about_that_country(kb):
    from analysis.entities import main_country
    text = ("O Ministério do Interior, em parceria com a OIM, formou 35 efectivos em Luanda. A formação em Luanda continua.")
    mentions, _ = ids(text, kb)
    assert any(e.startswith("MIN_AGO_") for _, e, _ in mentions), mentions
    assert main_country(kb.matcher.find(text), kb, text) == "AGO"
    # places of two countries, or none: no country to give a body named without its state
    two = "Le ministère de l'Intérieur a reçu l'OIM à Genève puis à Dakar."
    assert main_country(kb.matcher.find(two), kb, two) == ""
    one = "Geneva – The Ministry of Interior and IOM met."  # one city, maybe a UN seat or a dateline: no state
    assert main_country(kb.matcher.find(one), kb, one) == ""
    assert main_country([], kb, "") == ""


@pytest.mark.parametrize("text, gov", [
    ("Lors d’une visite de travail en Tunisie, le conseiller fédéral a rencontré le HCR.", "GOV_TUN"),
    ("During an official visit to Ghana, the IOM Director General met the minister.", "GOV_GHA"),
    ("Durante su visita oficial a Marruecos, el ministro se reunió con la OIM.", "GOV_MAR"),
    ("Durante a visita de trabalho a Moçambique, o ministro reuniu-se com a OIM.", "GOV_MOZ"),
])
def test_a_visited_country_is_the_visits_host_not_a_place(kb, text, gov):
    mentions, _ = ids(text, kb)
    assert (gov, "actor") in {(e, r) for _, e, r in mentions}


@pytest.mark.parametrize("text", ["The workshop in Ghana was organised by IOM.", "IOM staff visiting migrants in Ghana met UNHCR.",
                                  "The visit took place in Ghana with IOM."])
def test_a_country_where_something_happens_is_no_visits_host(kb, text):
    mentions, _ = ids(text, kb)
    assert not any(e == "GOV_GHA" for _, e, _ in mentions)


def test_a_world_region_is_a_place_not_a_body(kb):
    text = ("Une délégation de l’Office des Nations Unies contre la Drogue et le Crime pour l’Afrique de l’Ouest et du "
            "Centre a été reçue par l'OIM.")
    _, found = ids(text, kb)
    assert not any("Afrique" in e.name for e in found.entities.values())
    assert {kb.places[h.key].name for h in kb.place_matcher.find("en América Latina y el Caribe")} == \
        {"Latin America and the Caribbean"}
    assert all(not kb.places[h.key].iso3 for h in kb.place_matcher.find("the Sahel and the Horn of Africa"))


@pytest.mark.parametrize("text, name", [
    ("O Governo Provincial da Lunda-Norte assinou um acordo com o ACNUR.", "Governo Provincial da Lunda-Norte"),
    ("El Gobierno del Estado de Oaxaca fue sede de la reunión con la OIM.", "Gobierno del Estado de Oaxaca"),
    ("The Amazonas State Government signed an agreement with UNHCR.", "Amazonas State Government"),
    ("Le gouvernement provincial du Nord-Kivu a signé un accord avec le HCR.", "gouvernement provincial du Nord-Kivu"),
    ("El gobernador de Oaxaca, Alejandro Murat, se reunió con la OIM.", "Gobierno de Oaxaca"),  # a governor's title
    ("O governador do Amazonas assinou um acordo com o ACNUR.", "Governo do Amazonas"),
])
def test_a_states_or_provinces_own_government_is_a_body(kb, text, name):
    mentions, found = ids(text, kb)
    named = {e.name: e.kind for e in found.entities.values()}
    assert named.get(name) == "government", named
    assert any(found.entities.get(e) is not None and found.entities[e].name == name for _, e, _ in mentions)


def test_a_country_governed_or_a_banks_governor_is_no_regional_government(kb):
    mentions, found = ids("The Government of the State of Qatar signed an agreement with IOM.", kb)
    assert "GOV_QAT" in {e for _, e, _ in mentions} and not found.entities
    for text, language in (("The Governor of Central Bank of Nigeria met IOM officials.", "en"),
                           ("El gobernador del Banco Central de Honduras se reunió con la OIM.", "es"),
                           ("O governador do Banco Central do Brasil reuniu-se com a OIM.", "pt")):
        _, found = ids(text, kb)
        assert not any(e.kind == "government" for e in found.entities.values()), (text, found.entities)


def test_a_word_opening_the_sentence_is_no_part_of_a_regional_governments_place(kb):
    _, found = ids("Yesterday Kano State Government signed an agreement with IOM.", kb)
    assert {e.name for e in found.entities.values()} == {"Kano State Government"}
    _, found = ids("Officials of Lagos State Government met IOM.", kb)
    assert {e.name for e in found.entities.values()} == {"Lagos State Government"}
