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
import matplotlib
import networkx as nx
import pandas as pd

from . import figures
from .interactive import write_interactive_network
from .network import cooperation_graph, filter_relations, load_graph_json, periods
from .review import read_queue, summary as review_summary
from .tables import atomic_write_bytes, atomic_write_text, read_table

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


def make_figures(tables: dict[str, pd.DataFrame], rel: pd.DataFrame, fig_dir: Path, seed: int, top_n: int,
                 focus: str, G: nx.MultiDiGraph, metrics: pd.DataFrame) -> list[dict[str, Any]]:
    """Draw the report's figures into ``fig_dir`` from the network stage's graph ``G`` and ``metrics``;
    return their captions and paths."""
    H = cooperation_graph(G)
    out = []
    p = figures.plot_network(H, fig_dir / "network", seed=seed, top_n=top_n)
    out.append({"path": p, "caption": "Cooperation network. Nodes are actors coloured by kind and sized by the number "
                "of relations; edges join actors for which a sentence states cooperation, wider when stated more often."})
    events = tables["events"]
    p = figures.plot_timeline(events, tables["entities"], fig_dir / "timeline")
    out.append({"path": p, "caption": "Timeline of dated events (signings, meetings, memberships, establishments), "
                "each labelled with its participants, type and place; a bar is an undated event bounded by the terms "
                "of office of the heads its text names."})
    if focus and focus in H:
        ego = H.subgraph([focus, *H.neighbors(focus)]).copy()
        p = figures.plot_network(ego, fig_dir / "ego_network", seed=seed, title=f"Ego network of {H.nodes[focus].get('name', focus)}")
        out.append({"path": p, "caption": f"Ego network of the focus actor ({focus}): its direct partners."})
    p = figures.plot_small_multiples(G, periods(G), fig_dir / "periods", seed=seed, top_n=top_n)
    out.append({"path": p, "caption": "The network as it grew: each panel shows the relations dated (or published) up "
                "to the end of a period, on the node positions of the full network (grey: relations still to come)."})
    p = figures.plot_adjacency(H, fig_dir / "adjacency", top_n=min(30, top_n))
    out.append({"path": p, "caption": "Who cooperates with whom: number of relations between the most connected actors."})
    p = figures.plot_relation_types(rel, fig_dir / "relation_types")
    out.append({"path": p, "caption": "Relations by type (controlled vocabulary, see README)."})
    p = figures.plot_centrality(metrics, fig_dir / "centrality", top_n=min(15, top_n))
    out.append({"path": p, "caption": "Actors ranked by PageRank on the collapsed, weighted cooperation graph."})
    for f in out:
        f["svg"] = _svg_inline(f["path"]["svg"])  # the HTML inlines the SVG; the PDF pages the PNG, much faster
        f["png_uri"] = "data:image/png;base64," + base64.b64encode(Path(f["path"]["png"]).read_bytes()).decode("ascii")
        f["file"] = f"figures/{Path(f['path']['svg']).name}"
    return out


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
    growth["new_actors"] = [_first_names(x) for x in growth["new_actors"]]
    figs = make_figures(t, rel, fig_dir, int(params.get("seed", 42)), int(params.get("top_n", 40)),
                        params.get("focus_entity", ""), G, metrics)
    ents = t["entities"].set_index("entity_id")
    label = {e: (r["acronym"] or r["name"]) for e, r in ents.iterrows()}
    files = dict(zip(t["documents"]["doc_id"], t["documents"]["file"]))
    history = []
    max_rel = int(params.get("max_relations_shown", 150))
    shown = events
    if len(events) > max_rel:  # a large corpus: the events reported by the most documents, in time order
        shown = events.assign(_n=events["doc_ids"].str.count(r"\|")).sort_values(
            ["_n", "date", "event_id"], ascending=[False, True, True]).head(max_rel)
    when = shown["date"].where(shown["date"] != "", shown["date_start"]) if "date_start" in shown else shown["date"]
    for e in shown.assign(_when=when, _undated=when == "").sort_values(["_undated", "_when", "event_id"]).to_dict("records"):
        history.append({**e, "who": " – ".join(label.get(p, p) for p in e["participants"].split("|")),
                        "files": ", ".join(files.get(d, d) for d in e["doc_ids"].split("|"))})
    rel_rows = rel.sort_values(["confidence", "doc_id", "sentence_id"], ascending=[False, True, True], kind="mergesort")
    relations = [{**r, "source_name": label.get(r["source"], r["source"]), "target_name": label.get(r["target"], r["target"]),
                  "file": files.get(r["doc_id"], r["doc_id"])} for r in rel_rows.head(max_rel).to_dict("records")]
    profiles = []
    for eid in metrics["entity_id"].head(int(params.get("top_n", 40))):
        e = ents.loc[eid]
        mine = rel[(rel["source"] == eid) | (rel["target"] == eid)]
        partners = sorted({label.get(x, x) for x in set(mine["source"]) | set(mine["target"])} - {label.get(eid, eid)})
        years = sorted({d[:4] for d in mine["date"] if d})
        profiles.append({"name": e["name"], "acronym": e["acronym"], "kind": e["kind"], "parent": label.get(e["parent"], e["parent"]),
                         "n_documents": len(set(mine["doc_id"])), "n_relations": len(mine), "partners": ", ".join(partners[:12]),
                         "years": f"{years[0]}–{years[-1]}" if years else ""})
    reasons = t["boilerplate"]["reason"].value_counts()
    run_log_path = Path(reports_dir) / "run_log.json"
    run_log = json.loads(run_log_path.read_text(encoding="utf-8")) if run_log_path.exists() else {"stages": []}
    summary, rows = accuracy if accuracy else (None, None)
    return {
        "title": params.get("title", "Inter-agency cooperation on migration"),
        "sections": SECTIONS, "raw_dir": params.get("raw_dir", ""), "params_hash": manifest.get("params_sha256", "")[:12],
        "n_documents": len(docs), "n_entities": len(t["entities"]), "n_relations": len(rel), "n_events": len(events),
        "languages": ", ".join(f"{k}: {v}" for k, v in docs["language"].value_counts().sort_index().items()),
        "n_removed": int(reasons.sum()), "removed_reasons": ", ".join(f"{k} {v}" for k, v in reasons.sort_index().items()),
        "documents": docs.head(MAX_ROWS).to_dict("records"), "documents_total": len(docs),
        "rejected": t["rejected"].head(MAX_ROWS).to_dict("records"), "rejected_total": len(t["rejected"]),
        "figures": figs, "metrics": metrics.head(int(params.get("top_n", 40))).to_dict("records"),
        "history": history, "relations": relations,
        "review_line": review_summary(len(t["relations"]), read_queue(params["review_file"])) if params.get("review_file") else "", "relations_shown": len(relations), "profiles": profiles,
        "accuracy": rows.to_dict("records") if rows is not None and len(rows) else None,
        "accuracy_line": " ".join(f"{k}={v}" for k, v in summary.items()) if summary else "",
        "gold_file": params.get("gold_file", ""), "corrections": t["corrections_applied"].to_dict("records"),
        "params": sorted((k, str(v)) for k, v in params.items()),
        "inputs": sorted(manifest.get("inputs", {}).items())[:MAX_ROWS], "inputs_total": len(manifest.get("inputs", {})), "versions": sorted(manifest.get("versions", {}).items()),
        "git_commit": manifest.get("git_commit", ""), "growth": growth.to_dict("records"), "stages": run_log.get("stages", []),
    }


def render_html(context: dict[str, Any], for_pdf: bool = False) -> str:
    """Render the report template; all document text is HTML-escaped (autoescape)."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                             undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    fonts = {"font_url": _font("DejaVuSans.ttf"), "font_bold_url": _font("DejaVuSans-Bold.ttf")} if for_pdf \
        else {"font_url": "", "font_bold_url": ""}
    return env.get_template("report.html.j2").render(**context, **fonts)


def write_pdf(html: str, path: Path) -> None:
    """Page ``html`` into a PDF with WeasyPrint (atomic write)."""
    import logging  # noqa: PLC0415

    from weasyprint import HTML  # noqa: PLC0415

    logging.getLogger("fontTools").setLevel(logging.ERROR)
    pdf = HTML(string=html, base_url=str(Path(path).parent)).write_pdf()
    atomic_write_bytes(path, pdf)


def run_stage(processed_dir: Path, reports_dir: Path, params: dict[str, Any], manifest: dict[str, Any],
              accuracy: tuple[dict, pd.DataFrame] | None = None) -> dict[str, Path]:
    """Stage entry point: figures, ``report.html`` and ``report.pdf`` in ``reports_dir``."""
    G = load_graph_json(Path(processed_dir) / "cooperation.json")  # read once: figures and the interactive page
    ctx = report_context(processed_dir, reports_dir, params, manifest, accuracy, G)
    html_path, pdf_path = Path(reports_dir) / "report.html", Path(reports_dir) / "report.pdf"
    atomic_write_text(html_path, render_html(ctx))
    write_pdf(render_html(ctx, for_pdf=True), pdf_path)
    network_html = write_interactive_network(G, Path(reports_dir) / "network.html", title=ctx["title"],
                                             seed=int(params.get("seed", 42)))
    return {"html": html_path, "pdf": pdf_path, "network_html": network_html,
            **{Path(f["path"]["svg"]).stem: f["path"]["svg"] for f in ctx["figures"]}}


__all__ = ["make_figures", "render_html", "report_context", "run_stage", "write_pdf", "re"]
