"""The interactive network page: deterministic, self-contained, safe with hostile text, and it renders.

The browser tests open the page in a real headless Chromium (Debian package ``chromium``). They
skip when it is missing, except when the environment variable ``CI`` is set: there they fail, so CI
proves the page renders.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

from analysis.interactive import write_interactive_network
from analysis.network import load_graph, write_graph_files

EVIL_EVIDENCE = "IOM and UNODC signed </script><script>alert(1)</script> & agreed \u2028 on <b>cooperation</b>."
EVIL_NAME = "<img src=x onerror=alert(1)>"
NODES = [("GOV_X", "Government of Xland", "", "government", 2018, 2018, 1),
         ("IOM", "International Organization for Migration", "IOM", "organization", 2012, 2024, 3),
         ("NET", "United Nations Network on Migration", "", "mechanism", 2012, 2019, 2),
         ("UNODC", "United Nations Office on Drugs and Crime", "UNODC", "organization", 2012, 2024, 2)]
EDGES = [("IOM", "UNODC", "R1", "agreement", False, "2024-07-02", 2024, "IOM and UNODC signed a Statement of Partnership.", "a", "Cairo"),
         ("IOM", "UNODC", "R2", "partnership", False, "", 0, "The two organizations work together.", "b", ""),
         ("IOM", "NET", "R3", "member_of", True, "2019", 2019, "IOM is a member of the Network.", "b", ""),
         ("GOV_X", "IOM", "R4", "funds", True, "", 2018, "The project is funded by the Government of Xland.", "c", ""),
         ("UNODC", "NET", "R5", "coordinates", True, "2012-04-17", 2012, "UNODC coordinates the Network.", "a", "Vienna")]


def graph(reverse: bool = False, evil: bool = False) -> nx.MultiDiGraph:
    """Four actors, five relations (two between IOM and UNODC, one undated), as build_graph makes them."""
    G = nx.MultiDiGraph(name="test")
    for nid, name, acronym, kind, first, last, ndocs in (NODES[::-1] if reverse else NODES):
        G.add_node(nid, name=EVIL_NAME if evil and nid == "GOV_X" else name, acronym=acronym, kind=kind,
                   parent="IOM" if nid == "NET" else "", first_year=first, last_year=last, n_documents=ndocs)
    for u, v, key, rel, directed, date, year, evidence, doc, place in (EDGES[::-1] if reverse else EDGES):
        G.add_edge(u, v, key=key, relation=rel, directed=directed, date=date, year=year,
                   evidence=EVIL_EVIDENCE if evil and key == "R1" else evidence, doc_id=doc, file=f"{doc}.txt",
                   confidence=0.9, rule=f"en:{rel}:active", place=place)
    return G


def page_data(html: str) -> dict:
    """The JSON the page carries in <script type="application/json" id="graph-data">."""
    m = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', html, flags=re.DOTALL)
    assert m, "no graph-data script"
    return json.loads(m.group(1))


def relations(data: dict) -> dict[str, dict]:
    return {r["id"]: r for e in data["edges"] for r in e["relations"]}


def test_page_is_byte_identical_for_the_same_graph(tmp_path):
    one = write_interactive_network(graph(), tmp_path / "one.html", title="T")
    two = write_interactive_network(graph(), tmp_path / "two.html", title="T")
    other_order = write_interactive_network(graph(reverse=True), tmp_path / "three.html", title="T")
    assert one == tmp_path / "one.html"
    assert one.read_bytes() == two.read_bytes() == other_order.read_bytes()
    assert write_interactive_network(graph(), tmp_path / "s.html", title="T", seed=7).read_bytes() != one.read_bytes()


def test_data_has_every_node_and_relation_with_its_evidence(tmp_path):
    G = graph()
    html = write_interactive_network(G, tmp_path / "p.html").read_text(encoding="utf-8")
    data = page_data(html)
    assert [n["id"] for n in data["nodes"]] == sorted(G.nodes)
    rels = relations(data)
    assert set(rels) == {k for _, _, k in G.edges(keys=True)}
    for u, v, k, d in G.edges(keys=True, data=True):
        r = rels[k]
        assert (r["source"], r["target"], r["relation"], r["date"], r["year"]) == (u, v, d["relation"], d["date"], d["year"])
        assert r["evidence"] == d["evidence"] and r["file"] == d["file"] and r["directed"] is d["directed"]
    assert len(data["edges"]) == 4  # IOM–UNODC carries two relations on one line
    for n in data["nodes"]:
        assert 0 <= n["x"] <= 1000 and 0 <= n["y"] <= 720 and n["colour"].startswith("#")
    assert {n["id"]: n["colour"] for n in data["nodes"]}["NET"] == "#E69F00"
    assert {n["id"]: n["label"] for n in data["nodes"]}["NET"] == ["United Nations", "Network on Migration"]
    for kind in ("organization", "mechanism", "government"):  # legend / kind filter
        assert f'data-kind="{kind}"' in html
    for rel in ("agreement", "partnership", "member_of", "funds", "coordinates"):
        assert f'data-relation="{rel}"' in html
    assert 'id="year-from"' in html and 'min="2012"' in html and 'max="2024"' in html and 'id="hide-undated"' in html


def test_page_read_back_from_graphml_is_the_same(tmp_path):
    paths = write_graph_files(graph(), tmp_path / "g")
    direct = write_interactive_network(graph(), tmp_path / "direct.html")
    loaded = write_interactive_network(load_graph(paths["graphml"]), tmp_path / "loaded.html")
    assert loaded.read_bytes() == direct.read_bytes()


def test_page_is_self_contained(tmp_path):
    html = write_interactive_network(graph(), tmp_path / "p.html").read_text(encoding="utf-8")
    assert "http://" not in html and "https://" not in html and "//cdn" not in html
    assert not re.search(r"\b(src|href|srcset|action)\s*=", html)
    for call in ("fetch(", "XMLHttpRequest", "import(", "@import", "WebSocket", "innerHTML", "insertAdjacentHTML",
                 "document.write", "eval("):
        assert call not in html
    assert re.findall(r"url\([^)]*\)", html) == ["url(#arrowhead)"]
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', html).group(1)
    assert "default-src 'none'" in csp
    script = re.search(r"<script>(.*?)</script>", html, flags=re.DOTALL).group(1)
    style = re.search(r"<style>(.*?)</style>", html, flags=re.DOTALL).group(1)
    for text in (script, style):  # the policy allows exactly the page's own script and style
        assert "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'" in csp
    assert "textContent" in script


def test_document_text_cannot_inject_markup(tmp_path):
    html = write_interactive_network(graph(evil=True), tmp_path / "p.html", title="<b>T</b>").read_text(encoding="utf-8")
    assert html.count("<script") == 2  # the JSON data and the page's own script
    assert html.count("</script>") == 2
    assert "<img" not in html and "<b>" not in html and "\u2028" not in html
    assert "&lt;b&gt;T&lt;/b&gt;" in html  # the title is HTML-escaped
    raw = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', html, flags=re.DOTALL).group(1)
    assert "<" not in raw and ">" not in raw and "&" not in raw and "\\u003c/script\\u003e" in raw
    assert "alert(1)" not in html.replace(raw, "")  # hostile text only inside the escaped JSON
    data = page_data(html)
    assert relations(data)["R1"]["evidence"] == EVIL_EVIDENCE
    assert {n["id"]: n["name"] for n in data["nodes"]}["GOV_X"] == EVIL_NAME


def test_empty_graph_gives_a_page(tmp_path):
    html = write_interactive_network(nx.MultiDiGraph(), tmp_path / "p.html").read_text(encoding="utf-8")
    assert page_data(html) == {"nodes": [], "edges": [], "sources": {}} and 'id="status"' in html


# --- in a real browser -------------------------------------------------------------------------

def dump_dom(page: Path, tmp_path: Path) -> str:
    """The DOM of ``page`` after its script ran, from headless Chromium (root-safe flags)."""
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if not exe:
        if "CI" in os.environ:
            pytest.fail("chromium is required when CI is set: apt-get install -y chromium")
        pytest.skip("chromium not installed (apt-get install -y chromium)")
    cmd = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
           "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
           f"--user-data-dir={tmp_path / 'chromium-profile'}", "--virtual-time-budget=5000", "--dump-dom",
           page.resolve().as_uri()]
    out = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", timeout=120, check=False)
    assert out.returncode == 0 and "</html>" in out.stdout, out.stderr[-3000:]
    return out.stdout


def status_of(dom: str) -> str:
    return re.search(r'<p id="status"[^>]*>([^<]*)</p>', dom).group(1)


def test_page_renders_in_headless_chromium(tmp_path):
    page = write_interactive_network(graph(), tmp_path / "page.html")
    dom = dump_dom(page, tmp_path)
    assert len(re.findall(r'<g class="node" data-id="', dom)) >= graph().number_of_nodes()
    assert len(re.findall(r'<g class="edge"', dom)) == 4
    assert status_of(dom) == "Showing 4 of 4 nodes and 5 of 5 relations (4 lines)."
    assert ">UNODC</tspan>" in dom and 'marker-end="url(#arrowhead)"' in dom


def test_filters_and_tooltips_in_headless_chromium(tmp_path):
    """Hostile text stays text, the filters change what is drawn, tooltips show evidence and source.

    The content-security policy is removed here so that only the escaping protects the page, and a
    trap replaces ``alert`` before anything else runs.
    """
    html = write_interactive_network(graph(evil=True), tmp_path / "p.html").read_text(encoding="utf-8")
    html = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>\n', "", html)
    trap = "<script>window.alert = function () { document.documentElement.setAttribute('data-pwned', '1'); };</script>"
    probe = """<script>
const out = (id, text) => { const p = document.createElement("pre"); p.id = id; p.textContent = text; document.body.appendChild(p); };
const at = { bubbles: true, clientX: 300, clientY: 300 };
document.querySelector('.node[data-id="GOV_X"]').dispatchEvent(new MouseEvent("mouseenter", at));
out("probe-node", document.getElementById("tooltip").textContent);
document.querySelector('input[data-kind="government"]').click();
document.getElementById("hide-undated").click();
out("probe-filtered", document.getElementById("status").textContent);
document.getElementById("year-from").value = "2019";
document.getElementById("year-from").dispatchEvent(new Event("input", { bubbles: true }));
out("probe-years", document.getElementById("status").textContent);
document.querySelector('.edge[data-source="IOM"][data-target="UNODC"]').dispatchEvent(new MouseEvent("click", at));
</script>
"""
    page = tmp_path / "probe.html"
    page.write_text(html.replace("<head>\n", "<head>\n" + trap + "\n").replace("</body>", probe + "</body>"), encoding="utf-8")
    dom = dump_dom(page, tmp_path)
    assert 'data-pwned="1"' not in dom and "<img" not in dom and "<b>" not in dom
    assert dom.count("<script") == 4  # data, page script, trap, probe: nothing injected
    node_tip = re.search(r'<pre id="probe-node">(.*?)</pre>', dom, flags=re.DOTALL).group(1)
    assert "&lt;img src=x onerror=alert(1)&gt;" in node_tip and "Kind: government" in node_tip and "Documents: 1" in node_tip
    assert re.search(r'<pre id="probe-filtered">Showing 3 of 4 nodes and 3 of 5 relations', dom)
    assert re.search(r'<pre id="probe-years">Showing 3 of 4 nodes and 2 of 5 relations', dom)
    tooltip = re.search(r'<div id="tooltip"[^>]*>(.*?)</div>\s*<script', dom, flags=re.DOTALL).group(1)
    assert "IOM – UNODC" in tooltip and "1 relation shown (2 with the filters off)" in tooltip
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in tooltip and "Source: a.txt" in tooltip
    assert "Date: 2024-07-02 · Cairo" in tooltip


def test_a_large_network_shows_its_most_connected_actors_and_says_so(tmp_path):
    import networkx as nx

    from analysis.interactive import _graph_data

    G = nx.MultiDiGraph()
    for i in range(30):
        G.add_node(f"A{i:02d}", name=f"Actor {i}", kind="organization")
    for i in range(1, 30):
        G.add_edge("A00", f"A{i:02d}", key=f"R{i}", relation="partnership", evidence=f"Sentence {i}.", year=2000 + i % 5)
    for j in range(12):  # one pair with many relations
        G.add_edge("A00", "A01", key=f"S{j:02d}", relation="funds", evidence=f"Funding {j}.", year=2010)
    page = write_interactive_network(G, tmp_path / "n.html", max_nodes=10, max_per_pair=5)
    html = page.read_text(encoding="utf-8")
    assert "the 10 actors with the most relations (30 actors and 41 relations in all" in html
    assert "For 1 pairs of actors, the first 5 relations are listed" in html
    data = _graph_data(G.subgraph(["A00", "A01"]), max_per_pair=5)
    assert data["edges"][0]["n_relations"] == 13 and len(data["edges"][0]["relations"]) == 5


def test_search_zoom_pan_and_sources_in_headless_chromium(tmp_path):
    """Typing an actor's name highlights its node, lines and partners; Enter centres on them, Escape
    clears; the zoom buttons, the wheel and the arrow keys change the view; the controls take the
    keyboard focus; relations cite their document by title, publisher, date and URL."""
    documents = pd.DataFrame([{"doc_id": "a", "file": "a.txt", "title": "IOM and UNODC sign", "publisher": "IOM",
                               "published": "2024-07-02", "url": "https://example.org/a"},
                              {"doc_id": "b", "file": "b.txt", "title": "", "publisher": "", "published": "", "url": ""}])
    html = write_interactive_network(graph(), tmp_path / "p.html", documents=documents).read_text(encoding="utf-8")
    assert page_data(html)["sources"] == {"a": "‘IOM and UNODC sign’, IOM, 2024-07-02, https://example.org/a",
                                          "b": "‘b.txt’, undated"}
    probe = """<script>
const out = (id, text) => { const p = document.createElement("pre"); p.id = id; p.textContent = text; document.body.appendChild(p); };
const svg = document.getElementById("network"), search = document.getElementById("search");
const cls = (sel) => Array.from(document.querySelectorAll(sel)).map((e) => e.getAttribute("data-id") ||
  e.getAttribute("data-source") + "-" + e.getAttribute("data-target")).sort().join(",");
search.value = "unodc";
search.dispatchEvent(new Event("input", { bubbles: true }));
out("probe-result", document.getElementById("search-result").textContent);
out("probe-match", cls(".node.match") + " | " + cls(".node.near") + " | " + cls(".edge.hit") + " | " + svg.getAttribute("class"));
search.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
out("probe-centred", svg.getAttribute("viewBox"));
search.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
out("probe-cleared", cls(".node.match") + "|" + svg.getAttribute("viewBox") + "|" + document.getElementById("search-result").textContent);
search.value = "Network on";
search.dispatchEvent(new Event("input", { bubbles: true }));
out("probe-partial", cls(".node.match"));
search.value = "nothing like it";
search.dispatchEvent(new Event("input", { bubbles: true }));
out("probe-none", document.getElementById("search-result").textContent + "|" + cls(".node.match"));
document.getElementById("zoom-in").click();
out("probe-zoom", svg.getAttribute("viewBox"));
svg.focus();
svg.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowRight", bubbles: true }));
out("probe-pan", svg.getAttribute("viewBox") + "|" + (document.activeElement === svg));
svg.dispatchEvent(new WheelEvent("wheel", { deltaY: -100, clientX: 10, clientY: 10, bubbles: true, cancelable: true }));
out("probe-wheel", svg.getAttribute("viewBox"));
const focusable = ["search", "zoom-in", "zoom-out", "zoom-reset", "network"].map((id) => {
  const el = document.getElementById(id); el.focus(); return id + ":" + (document.activeElement === el); });
out("probe-focus", focusable.join(","));
document.querySelector('.edge[data-source="IOM"][data-target="UNODC"]').dispatchEvent(new MouseEvent("click", { bubbles: true, clientX: 300, clientY: 300 }));
</script>
"""
    page = tmp_path / "probe.html"
    html = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>\n', "", html)
    page.write_text(html.replace("</body>", probe + "</body>"), encoding="utf-8")
    dom = dump_dom(page, tmp_path)
    probe_out = {k: v for k, v in re.findall(r'<pre id="probe-([a-z]+)">(.*?)</pre>', dom, flags=re.DOTALL)}
    assert probe_out["result"] == "United Nations Office on Drugs and Crime (UNODC): 3 relations with 2 partners highlighted."
    assert probe_out["match"] == "UNODC | IOM,NET | IOM-UNODC,NET-UNODC | searching"
    assert float(probe_out["centred"].split()[2]) < 1000  # zoomed onto UNODC and its partners
    assert probe_out["cleared"] == "|0.0 0.0 1000.0 720.0|"
    assert probe_out["partial"] == "NET"  # 'United Nations Network on Migration'
    assert probe_out["none"] == "No actor matches “nothing like it”.|"
    assert probe_out["zoom"] == "100.0 72.0 800.0 576.0"
    assert probe_out["pan"] == "180.0 72.0 800.0 576.0|true"
    x, y, w, h = (float(v) for v in probe_out["wheel"].split())
    assert w < 800 and x > 100  # zoomed in around the pointer
    assert probe_out["focus"] == "search:true,zoom-in:true,zoom-out:true,zoom-reset:true,network:true"
    tooltip = re.search(r'<div id="tooltip"[^>]*>(.*?)</div>\s*<script', dom, flags=re.DOTALL).group(1)
    assert "Source: ‘IOM and UNODC sign’, IOM, 2024-07-02, https://example.org/a" in tooltip
    assert "Source: ‘b.txt’, undated" in tooltip
