"""Stage 4: figures and the report, as self-contained HTML and paged PDF.

The HTML is rendered from the package's own Jinja2 template (figures inlined as SVG, every
text from a document escaped, no script, nothing loaded from the network); the PDF is the
same HTML paged by WeasyPrint with a pinned font (DejaVu Sans shipped inside matplotlib), so
it looks the same on every machine and needs no LaTeX. The HTML inlines the figures as SVG; the
PDF embeds their 200 dpi PNG versions, which WeasyPrint lays out several times faster.
"""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path
from typing import Any

import jinja2
import markupsafe
import matplotlib
import networkx as nx
import pandas as pd

from . import figures
from .interactive import write_interactive_network
from .network import cooperation_graph, filter_relations, load_graph_json, periods
from .citation import source_table
from .review import read_queue, summary as review_summary
from .calibration import RELIABILITY_FILE, confidence_bins
from .tables import atomic_write_bytes, atomic_write_text, defuse_cell, read_table

TEMPLATES = Path(__file__).parent / "templates"
MAX_ROWS = 100  # documents, rejected files and input hashes listed in the report (all are in the tables)
SECTIONS = [("corpus", "Corpus"), ("network", "The cooperation network"), ("history", "Partnership history"),
            ("relations", "Relations and their evidence"), ("profiles", "Organization profiles"),
            ("accuracy", "Methods and extraction accuracy"), ("reproducibility", "Reproducibility")]


def _font(name: str) -> str:
    return (Path(matplotlib.get_data_path()) / "fonts" / "ttf" / name).as_uri()


def _svg_inline(path: Path) -> str:
    svg = Path(path).read_text(encoding="utf-8")
    svg = re.sub(r"<metadata>.*?</metadata>", "", svg[svg.find("<svg"):], flags=re.DOTALL)
    return svg


def _first_names(names: str, n: int = 12) -> str:
    """A comma-separated list cut to its first ``n`` names ('…, and 40 more'): a cell stays readable."""
    items = [x for x in names.split(", ") if x]
    return ", ".join(items) if len(items) <= n else ", ".join(items[:n]) + f", and {len(items) - n} more"


def evidence_groups(rel: pd.DataFrame, sources: dict[str, dict[str, str]], label: dict[str, str],
                    limit: int | None = None) -> dict[str, Any]:
    """The relations grouped by evidence sentence: each sentence once, with the relations it supports.

    Documents come in order of publication (undated ones last, then by title), and within a document
    the sentences in order of their earliest relation date (undated ones last), then of position in
    the text. With ``limit`` (a large corpus) only the ``limit`` sentences whose best relation has the
    highest confidence (then: that support the most relations) are kept, in the same order.
    Returns ``documents`` (each: ``source``, the citation fields of :func:`analysis.citation.source_of`,
    and its ``sentences``: evidence, date, relations), ``n_sentences`` (all) and ``n_shown``.
    """
    sentences: dict[tuple[str, int, str], list[dict[str, Any]]] = {}
    for r in rel.sort_values(["doc_id", "sentence_id", "date", "source", "target", "relation"], kind="mergesort").to_dict("records"):
        sentences.setdefault((r["doc_id"], int(r["sentence_id"]), r["evidence"]), []).append(
            {"source": label.get(r["source"], r["source"]), "relation": r["relation"].replace("_", " "),
             "target": label.get(r["target"], r["target"]), "directed": str(r["directed"]).lower() == "true",
             "date": r["date"], "place": r["place"], "confidence": float(r["confidence"]), "relation_id": r["relation_id"]})
    keys = list(sentences)
    if limit is not None and len(keys) > limit:
        rank = sorted(keys, key=lambda k: (-max(x["confidence"] for x in sentences[k]), -len(sentences[k]), k[0], k[1]))
        keys = rank[:limit]

    def first_date(k: tuple[str, int, str]) -> str:
        return min((x["date"] for x in sentences[k] if x["date"]), default="")

    def doc_order(d: str) -> tuple:
        src = sources.get(d, {})
        return (not src.get("published"), src.get("published", ""), src.get("title", d).casefold(), d)

    documents: dict[str, list[dict[str, Any]]] = {}
    for k in sorted(keys, key=lambda k: (doc_order(k[0]), not first_date(k), first_date(k), k[1], k[2])):
        documents.setdefault(k[0], []).append({"evidence": k[2], "date": first_date(k), "relations": sentences[k]})
    return {"documents": [{"doc_id": d, "source": sources.get(d, {"label": d, "title": d, "ref": ""}), "sentences": s}
                          for d, s in documents.items()],
            "n_sentences": len(sentences), "n_shown": len(keys), "n_relations": len(rel)}


def write_evidence_csv(groups: dict[str, Any], path: Path) -> Path:
    """The grouped evidence as CSV, one row per relation in the report's order (atomic write): the
    document's citation, the sentence, then the relation; text cells defused for spreadsheets."""
    cols = ["doc_id", "source", "evidence", "subject", "relation", "object", "date", "place", "confidence", "relation_id"]
    rows = [{"doc_id": g["doc_id"], "source": g["source"]["label"], "evidence": s["evidence"], "subject": r["source"],
             "relation": r["relation"], "object": r["target"], "date": r["date"], "place": r["place"],
             "confidence": f"{r['confidence']:.3f}", "relation_id": r["relation_id"]}
            for g in groups["documents"] for s in g["sentences"] for r in s["relations"]]
    df = pd.DataFrame(rows, columns=cols)
    for c in ("source", "evidence", "subject", "object", "place"):
        df[c] = df[c].map(defuse_cell)
    atomic_write_text(path, df.to_csv(index=False, lineterminator="\n"))
    return Path(path)


def make_figures(tables: dict[str, pd.DataFrame], rel: pd.DataFrame, fig_dir: Path, seed: int, top_n: int,
                 focus: str, G: nx.MultiDiGraph, metrics: pd.DataFrame) -> list[dict[str, Any]]:
    """Draw the report's figures into ``fig_dir`` from the network stage's graph ``G`` and ``metrics``;
    return, per figure, its paths, caption, ``cut`` (what the figure leaves out), ``layout`` ('page':
    the figure fills a page; 'half': one of two side by side; '': in the text) and ``width`` (% of
    the text width)."""
    H = cooperation_graph(G)
    out = []

    def add(paths: dict, caption: str, layout: str = "", width: int = 100) -> None:
        out.append({"path": paths, "caption": caption, "cut": paths.get("note", ""), "layout": layout, "width": width})

    add(figures.plot_network(H, fig_dir / "network", seed=seed, top_n=top_n),
        "Cooperation network. Nodes are actors coloured by kind and sized by the number of relations; edges join actors "
        "for which a sentence states cooperation, wider when stated more often.", "page")
    add(figures.plot_timeline(tables["events"], tables["entities"], fig_dir / "timeline"),
        "Timeline of dated events (signings, meetings, memberships, establishments), each labelled with its date as "
        "stated, participants, type and place; a bar is an undated event bounded by the terms of office of the heads "
        "its text names.")
    if focus and focus in H:
        ego = H.subgraph([focus, *H.neighbors(focus)]).copy()
        name = H.nodes[focus].get("name", focus)
        add(figures.plot_network(ego, fig_dir / "ego_network", seed=seed, title=f"Ego network of {name}",
                                 top_n=top_n, figsize=(6.2, 5.0)),
            f"Ego network of the focus actor ({focus}): its {ego.number_of_nodes() - 1} direct partners.", "", 86)
    add(figures.plot_small_multiples(G, periods(G), fig_dir / "periods", seed=seed, top_n=top_n),
        "The network as it grew: each panel shows the relations dated (or published) up to the end of a period, on the "
        "node positions of the full network (grey: relations still to come).", "", 98)
    add(figures.plot_relation_types(rel, fig_dir / "relation_types"), "Relations by type (controlled vocabulary, see README).", "half")
    add(figures.plot_centrality(metrics, fig_dir / "centrality", top_n=min(15, top_n)),
        "Actors ranked by PageRank on the collapsed, weighted cooperation graph.", "half")
    add(figures.plot_adjacency(H, fig_dir / "adjacency", top_n=min(30, top_n)),
        "Who cooperates with whom: number of relations between the most connected actors.", "", 92)
    for i, f in enumerate(out, start=1):
        f["number"] = i
        f["svg"] = _svg_inline(f["path"]["svg"])  # the HTML inlines the SVG; the PDF pages the PNG, much faster
        f["png_uri"] = "data:image/png;base64," + base64.b64encode(Path(f["path"]["png"]).read_bytes()).decode("ascii")
        f["file"] = f"figures/{Path(f['path']['svg']).name}"
    return out


def figure_rows(figs: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """The figures as the report lays them out: consecutive 'half' figures two to a row, others alone."""
    rows: list[list[dict[str, Any]]] = []
    for f in figs:
        if f["layout"] == "half" and rows and len(rows[-1]) == 1 and rows[-1][0]["layout"] == "half":
            rows[-1].append(f)
        else:
            rows.append([f])
    return rows


def report_context(processed_dir: Path, reports_dir: Path, params: dict[str, Any], manifest: dict[str, Any],
                   accuracy: tuple[dict, pd.DataFrame] | None, graph: nx.MultiDiGraph | None = None) -> dict[str, Any]:
    """Everything the template shows, computed from the processed tables (``graph``: the network stage's
    graph when the caller has read it)."""
    names = ("documents", "entities", "relations", "events", "boilerplate", "rejected", "corrections_applied")
    t = {n: read_table(processed_dir, n) for n in names}
    docs = t["documents"]
    if params.get("languages"):
        docs = docs[docs["language"].isin(params["languages"])]
    rel = filter_relations(t["relations"], t["documents"], params.get("year_min"), params.get("year_max"),
                           params.get("relation_types"), params.get("languages"), params.get("min_confidence", 0.0))
    events = t["events"]
    keep_docs = set(docs["doc_id"])
    events = events[[bool(set(ids.split("|")) & keep_docs) for ids in events["doc_ids"]]] if len(events) else events
    if params.get("year_min") is not None or params.get("year_max") is not None:
        years = events["date"].str[:4]
        lo, hi = params.get("year_min") or 0, params.get("year_max") or 9999
        events = events[(years == "") | years.apply(lambda y: not y or lo <= int(y) <= hi)]
    t["events"] = events
    fig_dir = Path(reports_dir) / "figures"
    # the network stage's outputs (built from the same filtered relations): graph, metrics, growth by period
    G = load_graph_json(Path(processed_dir) / "cooperation.json") if graph is None else graph
    metrics = pd.read_csv(Path(processed_dir) / "metrics.csv", keep_default_na=False)
    growth = pd.read_csv(Path(processed_dir) / "periods.csv", keep_default_na=False)
    figs = make_figures(t, rel, fig_dir, int(params.get("seed", 42)), int(params.get("top_n", 40)),
                        params.get("focus_entity", ""), G, metrics)
    ents = t["entities"].set_index("entity_id")
    label = {e: (r["acronym"] or r["name"]) for e, r in ents.iterrows()}
    sources = source_table(t["documents"])
    refs = {d: i + 1 for i, d in enumerate(t["documents"]["doc_id"])}  # [n]: the row of the corpus table
    sources = {d: src | {"ref": refs[d]} for d, src in sources.items()}
    growth["new_actors"] = [_first_names(", ".join(label.get(x, x) for x in names.split(", ") if x)) for names in growth["new_actors"]]
    history = []
    max_rel = int(params.get("max_relations_shown", 150))
    shown = events
    if len(events) > max_rel:  # a large corpus: the events reported by the most documents, in time order
        shown = events.assign(_n=events["doc_ids"].str.count(r"\|")).sort_values(
            ["_n", "date", "event_id"], ascending=[False, True, True]).head(max_rel)
    when = shown["date"].where(shown["date"] != "", shown["date_start"]) if "date_start" in shown else shown["date"]
    for e in shown.assign(_when=when, _undated=when == "").sort_values(["_undated", "_when", "event_id"]).to_dict("records"):
        history.append({**e, "who": " – ".join(label.get(p, p) for p in e["participants"].split("|")),
                        "sources": [sources.get(d, {"label": d, "ref": ""}) for d in dict.fromkeys(e["doc_ids"].split("|")) if d]})
    evidence_all = evidence_groups(rel, sources, label)
    groups = evidence_groups(rel, sources, label, limit=max_rel) if evidence_all["n_sentences"] > max_rel else evidence_all
    profiles = []
    for eid in metrics["entity_id"].head(int(params.get("top_n", 40))):
        e = ents.loc[eid]
        mine = rel[(rel["source"] == eid) | (rel["target"] == eid)]
        partners = sorted({label.get(x, x) for x in set(mine["source"]) | set(mine["target"])} - {label.get(eid, eid)})
        years = sorted({d[:4] for d in mine["date"] if d})
        profiles.append({"name": e["name"], "acronym": e["acronym"], "kind": e["kind"], "parent": label.get(e["parent"], e["parent"]),
                         "n_documents": len(set(mine["doc_id"])), "n_relations": len(mine),
                         "partners": _first_names(", ".join(partners)),
                         "refs": ", ".join(str(n) for n in sorted({refs[d] for d in mine["doc_id"] if d in refs})),
                         "years": f"{years[0]}–{years[-1]}" if years else ""})
    reasons = t["boilerplate"]["reason"].value_counts()
    run_log_path = Path(reports_dir) / "run_log.json"
    run_log = json.loads(run_log_path.read_text(encoding="utf-8")) if run_log_path.exists() else {"stages": []}
    summary, rows = accuracy if accuracy else (None, None)
    reliability = reliability_rows(rel["confidence"])
    by_file = {src["file"]: {"ref": refs[d], "title": src["title"]} for d, src in sources.items()}
    return {
        "title": params.get("title", "Inter-agency cooperation on migration"),
        "tables": {"events": events, "entities": t["entities"], "documents": docs},
        "sections": SECTIONS, "raw_dir": params.get("raw_dir", ""), "params_hash": manifest.get("params_sha256", "")[:12],
        "n_documents": len(docs), "n_entities": len(t["entities"]), "n_relations": len(rel), "n_events": len(events),
        "languages": ", ".join(f"{k}: {v}" for k, v in docs["language"].value_counts().sort_index().items()),
        "n_removed": int(reasons.sum()), "removed_reasons": ", ".join(f"{k} {v}" for k, v in reasons.sort_index().items()),
        "documents": [d | sources[d["doc_id"]] | {"ref": refs[d["doc_id"]]} for d in docs.head(MAX_ROWS).to_dict("records")],
        "documents_total": len(docs),
        "rejected": t["rejected"].head(MAX_ROWS).to_dict("records"), "rejected_total": len(t["rejected"]),
        "figures": figs, "figure_rows": figure_rows(figs), "metrics": metrics.head(int(params.get("top_n", 40))).to_dict("records"),
        "history": history, "evidence": groups, "evidence_all": evidence_all, "profiles": profiles,
        "review_line": review_summary(len(t["relations"]), read_queue(params["review_file"])) if params.get("review_file") else "",
        "accuracy": [a | {"ref": "", "title": ""} | by_file.get(a.get("file", ""), {}) for a in rows.to_dict("records")] if rows is not None and len(rows) else None,
        "accuracy_line": " ".join(f"{k}={v}" for k, v in summary.items()) if summary else "",
        "gold_file": params.get("gold_file", ""), "corrections": t["corrections_applied"].to_dict("records"),
        "reliability": reliability,
        "params": sorted((k, str(v)) for k, v in params.items()),
        "inputs": sorted(manifest.get("inputs", {}).items())[:MAX_ROWS], "inputs_total": len(manifest.get("inputs", {})), "versions": sorted(manifest.get("versions", {}).items()),
        "git_commit": manifest.get("git_commit", ""), "growth": growth.to_dict("records"), "stages": run_log.get("stages", []),
    }


def reliability_rows(confidences: pd.Series) -> list[dict[str, Any]]:
    """The stored reliability table of the confidences (measured on the real dev split, see
    :mod:`analysis.calibration`), with how many of this run's relations fall in each band ([] without the table)."""
    if not RELIABILITY_FILE.exists():
        return []
    table = pd.read_csv(RELIABILITY_FILE, keep_default_na=False)
    here = confidence_bins(pd.to_numeric(confidences, errors="coerce").fillna(0.0))
    return [{"band": r["bin"].replace("1.01)", "1.0]"), "measured": int(r["relations"]),
             "right": f"{float(r['right']):.0%}", "mean": f"{float(r['mean_confidence']):.2f}",
             "this_run": int(here.get(r["bin"], 0))} for r in table.to_dict("records")]


def css_string(value: str) -> markupsafe.Markup:
    r"""``value`` as a quoted CSS string for a style sheet inside the page (the PDF page header): CSS escapes, not
    HTML entities, which a style sheet shows as they are ('R&amp;D'); '<' escaped too, so no '</style>' closes it.

    >>> print(css_string('R&D "2024" </style>'))
    "R&D \000022 2024\000022  \00003c /style\00003e "
    """
    escaped = "".join(f"\\{ord(c):06x} " if c in '"\\<>' or ord(c) < 0x20 or c == "\x7f" else c for c in str(value))
    return markupsafe.Markup(f'"{escaped}"')


def _breakable(text: Any) -> markupsafe.Markup:
    """``text`` HTML-escaped with a line-break opportunity after each '/' (paths, ranges): a long path
    wraps at a folder instead of running out of its table cell, and no word is cut."""
    return markupsafe.Markup("/<wbr>").join(markupsafe.escape(str(text)).split("/"))


def render_html(context: dict[str, Any], for_pdf: bool = False, template: str = "report.html.j2") -> str:
    """Render a report template (``report.html.j2``, or ``evidence.html.j2`` for the full list of
    evidence); all document text is HTML-escaped (autoescape), the PDF page header CSS-escaped."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                             undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    env.filters["breakable"] = _breakable
    env.filters["css_string"] = css_string
    fonts = {"font_url": _font("DejaVuSans.ttf"), "font_bold_url": _font("DejaVuSans-Bold.ttf")} if for_pdf \
        else {"font_url": "", "font_bold_url": ""}
    return env.get_template(template).render(**context, **fonts)


def write_pdf(html: str, path: Path) -> None:
    """Page ``html`` into a PDF with WeasyPrint (atomic write)."""
    import logging  # noqa: PLC0415

    from weasyprint import HTML  # noqa: PLC0415

    logging.getLogger("fontTools").setLevel(logging.ERROR)
    pdf = HTML(string=html, base_url=str(Path(path).parent)).write_pdf()
    atomic_write_bytes(path, pdf)


def write_handout(tables: dict[str, pd.DataFrame], reports_dir: Path, title: str,
                  sizes: tuple[int, ...] = (20, 14, 10, 6, 3)) -> dict[str, Path]:
    """The one-page printable class handout: the partnership history as a timeline whose events cite
    numbered sources, the undated events, and the sources by title, publisher, date and URL
    (:func:`analysis.teaching.handout_history`). Written as ``handout.html`` and ``handout.pdf`` in
    ``reports_dir`` (its timeline in ``figures/handout_timeline``); the most reported events are kept,
    as many of ``sizes`` as fit on one A4 page."""
    from weasyprint import HTML  # noqa: PLC0415

    from .teaching import handout_history  # noqa: PLC0415

    fig_dir = Path(reports_dir) / "figures"
    for max_events in sizes:
        h = handout_history(tables["events"], tables["entities"], tables["documents"], max_events=max_events)
        fig = figures.plot_timeline(tables["events"], tables["entities"], fig_dir / "handout_timeline",
                                    title="Partnership history: dated events", max_events=max_events, refs=h["refs"], width=7.2)
        ctx = {"title": title, "n_events": len(tables["events"]), "n_documents": len(tables["documents"]),
               "undated": h["undated"], "sources": h["sources"], "note": h["note"], "timeline_svg": _svg_inline(fig["svg"]),
               "timeline_png": "data:image/png;base64," + base64.b64encode(Path(fig["png"]).read_bytes()).decode("ascii")}
        doc = HTML(string=render_html(ctx, for_pdf=True, template="handout.html.j2")).render()
        if len(doc.pages) == 1:
            break
    html_path, pdf_path = Path(reports_dir) / "handout.html", Path(reports_dir) / "handout.pdf"
    atomic_write_text(html_path, render_html(ctx, template="handout.html.j2"))
    atomic_write_bytes(pdf_path, doc.write_pdf())
    return {"handout_html": html_path, "handout_pdf": pdf_path}


def run_stage(processed_dir: Path, reports_dir: Path, params: dict[str, Any], manifest: dict[str, Any],
              accuracy: tuple[dict, pd.DataFrame] | None = None) -> dict[str, Path]:
    """Stage entry point: figures, ``report.html`` and ``report.pdf`` in ``reports_dir``, the full list
    of evidence (``evidence.html``, ``evidence.csv``), the class handout (``handout.html``,
    ``handout.pdf``) and the interactive page ``network.html``."""
    G = load_graph_json(Path(processed_dir) / "cooperation.json")  # read once: figures and the interactive page
    ctx = report_context(processed_dir, reports_dir, params, manifest, accuracy, G)
    html_path, pdf_path = Path(reports_dir) / "report.html", Path(reports_dir) / "report.pdf"
    atomic_write_text(html_path, render_html(ctx))
    write_pdf(render_html(ctx, for_pdf=True), pdf_path)
    atomic_write_text(Path(reports_dir) / "evidence.html", render_html(ctx, template="evidence.html.j2"))
    handout = write_handout(ctx["tables"], reports_dir, ctx["title"])
    write_evidence_csv(ctx["evidence_all"], Path(reports_dir) / "evidence.csv")
    network_html = write_interactive_network(G, Path(reports_dir) / "network.html", title=ctx["title"],
                                             seed=int(params.get("seed", 42)), documents=read_table(processed_dir, "documents"))
    return {"html": html_path, "pdf": pdf_path, "network_html": network_html, "evidence_html": Path(reports_dir) / "evidence.html",
            "evidence_csv": Path(reports_dir) / "evidence.csv", **handout,
            **{Path(f["path"]["svg"]).stem: f["path"]["svg"] for f in ctx["figures"]}}


__all__ = ["evidence_groups", "make_figures", "render_html", "report_context", "run_stage", "write_evidence_csv", "write_handout",
           "write_pdf", "re"]
