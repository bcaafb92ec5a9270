"""Deterministic synthetic corpus of scraped press releases (English, French, Spanish).

Every page is recombined from realistic material, with nothing downloaded:

* organizations from the package's ``resources/reference/organizations.csv`` (real names, per-language aliases and
  acronyms: IOM/OIM, UNHCR/HCR, UNODC/ONUDC, …), places from ``places.csv``, countries from
  ``countries.csv``;
* cooperation sentences in the page's language ('signed an agreement with', 'funded by',
  'financé par', 'en partenariat avec', 'firmaron un memorando de entendimiento con', …) mixed
  with sentences that state no cooperation;
* dates in several forms ('2 July 2024', 'in May 2018', 'le 15 novembre 2022',
  '5 de marzo de 2020', '29-31 January 2019') and a dateline ('Geneva, 3 May 2021 - ');
* site furniture: header menu, a country picker of 30-200 short lines, 'Share this', a contact
  footer, 'Read more' link lists, photo credits. A handful of sites share their header, so the
  'repeated across pages' boilerplate rule has work to do.

Pages are 2-6 KB. ``random.Random(seed)`` drives everything, so the same ``(n, seed)`` gives
byte-identical files.

    python benchmarks/synthetic.py 1000 /tmp/corpus --seed 1
"""

from __future__ import annotations

import argparse
import csv
import random
from dataclasses import dataclass
from pathlib import Path

from analysis.kb import PACKAGE_REFERENCE

REFERENCE = PACKAGE_REFERENCE  # the package's knowledge base (src/analysis/resources/reference)
LANGS = ("en", "fr", "es")
LANG_WEIGHTS = (0.6, 0.25, 0.15)

MONTHS = {
    "en": "January February March April May June July August September October November December".split(),
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split(),
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre".split(),
}

# {A}, {B}, {C}: organizations; {D}: a date phrase; {P}: a place; {T}: a topic.
COOPERATION = {
    "en": [
        "{A} signed an agreement with {B} {D} to {T}.",
        "{A} and {B} signed a Memorandum of Understanding in {P} {D}.",
        "The project, funded by {B}, will help {A} {T}.",
        "In partnership with {B} and {C}, {A} launched a joint programme {D}.",
        "{A} will work closely with {B} to {T}.",
        "{A} joined {B} as a member {D}.",
        "The initiative is implemented by {A} with the financial support of {B}.",
        "{A} hosted a delegation of {B} in {P} {D}.",
        "The two organizations have agreed to cooperate on efforts to {T}.",
        "{A} has been collaborating with {B}, {C} and national authorities since {Y}.",
        "The meeting was co-organized by {A} and {B} {D}.",
    ],
    "fr": [
        "{A} a signé un accord de coopération avec {B} {D} pour {T}.",
        "{A} et {B} ont signé un protocole d'accord à {P} {D}.",
        "Le projet, financé par {B}, permettra à {A} de {T}.",
        "En partenariat avec {B} et {C}, {A} a lancé un programme conjoint {D}.",
        "{A} travaillera en étroite coordination avec {B} pour {T}.",
        "{A} a rejoint {B} {D}.",
        "Cette initiative est mise en œuvre par {A} avec le soutien financier de {B}.",
        "{A} a accueilli une délégation de {B} à {P} {D}.",
        "Les deux organisations collaborent depuis {Y} avec {C}.",
    ],
    "es": [
        "{A} y {B} firmaron un memorando de entendimiento en {P} {D}.",
        "{A} firmó un acuerdo de cooperación con {B} {D} para {T}.",
        "El proyecto, financiado por {B}, permitirá a {A} {T}.",
        "En colaboración con {B} y {C}, {A} lanzó un programa conjunto {D}.",
        "{A} trabajará junto con {B} para {T}.",
        "La iniciativa es implementada por {A} con el apoyo financiero de {B}.",
        "{A} recibió una delegación de {B} en {P} {D}.",
        "Ambas organizaciones cooperan desde {Y} con {C} y las autoridades nacionales.",
    ],
}
TOPICS = {
    "en": ["strengthen border management", "protect victims of trafficking", "improve migration data",
           "support the return and reintegration of migrants", "counter migrant smuggling",
           "expand regular migration pathways", "assist displaced families"],
    "fr": ["renforcer la gestion des frontières", "protéger les victimes de la traite",
           "améliorer les données sur la migration", "lutter contre le trafic de migrants",
           "soutenir la réintégration des migrants de retour"],
    "es": ["fortalecer la gestión de fronteras", "proteger a las víctimas de trata",
           "mejorar los datos sobre migración", "combatir el tráfico ilícito de migrantes",
           "apoyar la reintegración de personas migrantes retornadas"],
}
FILLER = {
    "en": ["More than {K} migrants were assisted in {P} last year, according to official figures.",
           "“We are committed to safe, orderly and regular migration,” said the Director General.",
           "The programme covers {K} communities along the main migration routes.",
           "Participants discussed data collection, protection and the rights of migrant workers.",
           "Training sessions were held for border officials, social workers and prosecutors.",
           "The report will be presented to Member States at the end of the year."],
    "fr": ["Plus de {K} migrants ont été assistés à {P} l'an dernier, selon les chiffres officiels.",
           "« Nous sommes déterminés à promouvoir une migration sûre, ordonnée et régulière », a déclaré la Directrice générale.",
           "Le programme couvre {K} communautés le long des principales routes migratoires.",
           "Les participants ont discuté de la collecte de données et des droits des travailleurs migrants."],
    "es": ["Más de {K} personas migrantes recibieron asistencia en {P} el año pasado, según cifras oficiales.",
           "“Estamos comprometidos con una migración segura, ordenada y regular”, dijo la Directora General.",
           "El programa abarca {K} comunidades a lo largo de las principales rutas migratorias.",
           "Los participantes debatieron sobre la recopilación de datos y los derechos de los trabajadores migrantes."],
}
BOILER = {
    "en": {"share": "Share this", "contact": "For more information, please contact:", "read": "Read more",
           "photo": "Photo: {O}/{N}", "menu": ["Home", "About us", "What we do", "Where we work", "News",
                                                "Publications", "Data", "Careers", "Donate", "Contact"]},
    "fr": {"share": "Partager", "contact": "Pour plus d'informations, veuillez contacter :", "read": "Lire aussi",
           "photo": "Photo : {O}/{N}", "menu": ["Accueil", "Qui sommes-nous", "Nos activités", "Où nous travaillons",
                                                 "Actualités", "Publications", "Données", "Carrières", "Contact"]},
    "es": {"share": "Compartir", "contact": "Para más información, contactar a:", "read": "Lea también",
           "photo": "Foto: {O}/{N}", "menu": ["Inicio", "Quiénes somos", "Qué hacemos", "Dónde trabajamos",
                                               "Noticias", "Publicaciones", "Datos", "Empleo", "Contacto"]},
}
PEOPLE = ["Amy Pope", "Ghada Waly", "Ana López", "Jean Dupont", "María Fernández", "John Smith", "Fatima Diallo"]
N_SITES = 8  # distinct site headers shared across the corpus
CORE = {"IOM", "UNHCR", "UNODC", "UNICEF", "ILO", "UNDP", "UNFPA", "WFP", "WHO", "EU", "AU", "ECOWAS", "OHCHR",
        "UNNM", "ICAT", "INTERPOL", "FRONTEX", "WORLD_BANK", "GIZ", "UN_WOMEN"}


@dataclass(frozen=True)
class Org:
    """One organization as a page in a given language names it."""

    id: str
    names: dict[str, tuple[str, ...]]  # language -> surface forms (long names first, then acronyms)


def load_reference(reference_dir: Path = REFERENCE) -> tuple[list[Org], list[str], list[str]]:
    """Organizations (with per-language aliases), place names and country names from the reference CSVs."""
    orgs = []
    with open(reference_dir / "organizations.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["kind"] not in ("organization", "programme", "mechanism"):
                continue
            names = {}
            for lang in LANGS:
                aliases = [a for a in row[f"aliases_{lang}"].split("|") if a] or [row["name"]]
                names[lang] = tuple(aliases)
            orgs.append(Org(row["id"], names))
    with open(reference_dir / "places.csv", encoding="utf-8") as fh:
        places = [r["name_en"] for r in csv.DictReader(fh)]
    with open(reference_dir / "countries.csv", encoding="utf-8") as fh:
        countries = [r["name_en"] for r in csv.DictReader(fh)]
    return orgs, places, countries


def date_phrase(rng: random.Random, lang: str, year: int) -> tuple[str, str]:
    """A date in one of several written forms: (phrase used inside a sentence, bare day date for a dateline)."""
    d, m = rng.randint(1, 28), rng.randrange(12)
    month = MONTHS[lang][m]
    bare = {"en": f"{d} {month} {year}", "fr": f"{d} {month} {year}", "es": f"{d} de {month} de {year}"}[lang]
    forms = {
        "en": [f"on {bare}", f"in {month} {year}", f"on {d}-{d + 2} {month} {year}", f"on {month} {d}, {year}"],
        "fr": [f"le {bare}", f"en {month} {year}", f"du {d} au {d + 2} {month} {year}"],
        "es": [f"el {bare}", f"en {month} de {year}", f"del {d} al {d + 2} de {month} de {year}"],
    }[lang]
    return rng.choice(forms), bare


def _org_name(rng: random.Random, org: Org, lang: str, first: bool) -> str:
    names = org.names[lang]
    long_name, acronyms = names[0], [a for a in names if a.isupper() and len(a) <= 8]
    if first and acronyms and rng.random() < 0.5:
        return f"{_article(long_name, lang)} ({acronyms[0]})"
    if not first and acronyms and rng.random() < 0.7:
        return acronyms[0] if lang == "en" else _article(acronyms[0], lang)
    return _article(rng.choice(names), lang)


def _article(name: str, lang: str) -> str:
    """The name with the article a press release would put before it ('the', 'l’', 'la', 'el')."""
    if lang == "en":
        return f"the {name}" if " " in name and not name.isupper() else name
    head = name.split()[0].lower()
    if lang == "fr":
        if head[0] in "aeiouéh":
            return f"l’{name}"
        return ("la " if head.endswith(("e", "ion")) and not name.isupper() else "le ") + name
    return ("la " if head.endswith(("a", "ión", "ad")) else "el ") + name


def make_document(rng: random.Random, k: int, orgs: list[Org], places: list[str], countries: list[str]) -> str:
    """One scraped page: site header, title, dateline, body, footer and picker; 2-6 KB."""
    lang = rng.choices(LANGS, LANG_WEIGHTS)[0]
    b = BOILER[lang]
    target = rng.randint(2000, 6000)
    year = rng.randint(2005, 2024)
    site = k % N_SITES
    core = [o for o in orgs if o.id in CORE]
    cast = rng.sample(core, 2) + rng.sample([o for o in orgs if o.id not in CORE], rng.randint(1, 3))
    introduced: set[int] = set()

    def name(i: int) -> str:
        org = cast[i % len(cast)]
        first = i not in introduced
        introduced.add(i)
        return _org_name(rng, org, lang, first)

    fillers = rng.sample(FILLER[lang], len(FILLER[lang]))

    def sentence(templates: list[str]) -> str:
        t = fillers.pop() if templates is FILLER[lang] and fillers else rng.choice(templates)
        a, b_, c = rng.sample(range(len(cast)), 3)
        s = t.format(A=name(a), B=name(b_), C=name(c), D=date_phrase(rng, lang, rng.randint(year - 3, year))[0],
                     P=rng.choice(places), T=rng.choice(TOPICS[lang]), Y=rng.randint(1995, year), K=rng.randint(3, 9000))
        return s[0].upper() + s[1:]

    header = [f"Site {site} - {b['menu'][0]}", *b["menu"][: 6 + site % 4]]
    title_org = cast[0].names[lang][-1]
    title = {"en": f"{title_org} and partners step up cooperation on migration ({k})",
             "fr": f"{title_org} et ses partenaires renforcent leur coopération ({k})",
             "es": f"{title_org} y sus socios refuerzan la cooperación ({k})"}[lang]
    _, bare = date_phrase(rng, lang, year)
    lead = f"{rng.choice(places)}, {'le ' if lang == 'fr' else ''}{bare} - " + sentence(COOPERATION[lang])
    body = [lead]
    picker = rng.sample(countries, min(len(countries), rng.randint(30, 200)))
    footer = ["", b["share"], "", b["contact"], f"{rng.choice(PEOPLE)}, {rng.choice(places)}",
              f"press{site}@example.org", "", b["read"]]
    footer += [f"{rng.choice(orgs).names[lang][-1]} – {rng.choice(TOPICS[lang])} ({rng.randint(1, 999)})"
               for _ in range(rng.randint(2, 4))]
    size = lambda: sum(len(x) + 1 for x in header + body + footer + picker) + len(title)  # noqa: E731
    while size() < target - 300 or len(body) < 3:
        para = [sentence(COOPERATION[lang] if rng.random() < 0.45 else FILLER[lang]) for _ in range(rng.randint(2, 4))]
        body.append(" ".join(para))
        if rng.random() < 0.15:
            body.append(b["photo"].format(O=cast[0].names[lang][-1], N=rng.choice(PEOPLE)))
        if size() > target and len(picker) > 30:
            picker = picker[: max(30, len(picker) - 40)]
    lines = [*header, "", title, ""] + [p for para in body for p in (para, "")] + footer + [""] + picker
    return "\n".join(lines) + "\n"


def write_corpus(n: int, out_dir: Path, seed: int = 1, reference_dir: Path = REFERENCE) -> dict:
    """Write ``n`` pages ``doc_00000.txt`` … into ``out_dir``; return {'files': n, 'bytes': total}."""
    rng = random.Random(seed)
    orgs, places, countries = load_reference(reference_dir)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    total = 0
    for k in range(n):
        data = make_document(rng, k, orgs, places, countries).encode("utf-8")
        (out_dir / f"doc_{k:05d}.txt").write_bytes(data)
        total += len(data)
    return {"files": n, "bytes": total}


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("n", type=int)
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    print(write_corpus(a.n, a.out_dir, a.seed))
