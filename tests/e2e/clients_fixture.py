#!/usr/bin/env python3
"""Load factgraph's exports with the clients people use, and check what they see.

Runs $FG_FIXTURE (tests/tools/fg_fixture.c) into a temporary directory, then reads
every file it writes with a real client: xmllint with the schemas (validate.sh:
GraphML XSD, GEXF RELAX NG) for graph.graphml, graph.gexf and graph-1.2draft.gexf;
NetworkX read_graphml, read_gexf (1.2draft, what Debian's 2.8 reads),
node_link_graph and cytoscape_graph; python-igraph Read_GraphML; Python's csv
module for nodes.csv and edges.csv; Graphviz dot for graph.dot; libxml2-free
ElementTree for the SVG factgraph renders itself. Each check asserts the node and
edge counts, known facts (NVIDIA -develops-> H20, weight 2; two types between
one pair) and the hostile names, round-tripped exactly wherever the format can
carry them: XML cannot carry U+0001 (it becomes U+FFFD), DOT labels double the
backslash, a drawing splits a line break into two lines.

Environment: FG_FIXTURE (the fixture program, required), FG_SHARED_DIR (the shared/
folder with formats/validate.sh; default: FG_SOURCE_DIR/../shared).
Run by Debian's /usr/bin/python3 (python3-networkx 2.8, python3-igraph 0.10).
Exit 0 when every check passes, 1 otherwise; the last line is "N passed, M failed".
"""
import csv
import json
import os
import subprocess
import sys
import tempfile
import traceback
import xml.etree.ElementTree as ET

# Keep in step with tests/tools/fg_fixture.c.
HOSTILE = 'AT&T "Ma Bell" <US> 東京\\'
QUOTE = 'A "B" <C> & D\\'
CTRL = "ctl\x01char"
NEWLINE = "line1\nline2"
EMOJI = "Rocket \U0001F680 \\N"
RTL = "أرامكو السعودية"
N_NODES = 11
N_EDGES = 11
TYPES = {"NVIDIA": "company", "H20": "chip", "ByteDance": "company",
         "United States": "government", "Jensen Huang": "person", HOSTILE: "organization",
         QUOTE: "company", CTRL: "company", NEWLINE: "person", EMOJI: "model", RTL: "company"}
# (source, relation, target, weight)
FACTS = sorted([
    ("NVIDIA", "develops", "H20", 2), ("ByteDance", "orders", "H20", 1),
    ("NVIDIA", "supplies", "ByteDance", 1), ("NVIDIA", "partners", "ByteDance", 1),
    ("United States", "bans", "H20", 1), ("Jensen Huang", "leads", "NVIDIA", 1),
    (HOSTILE, "funds", "ByteDance", 1), (QUOTE, "partners", "NVIDIA", 1),
    (NEWLINE, "leads", CTRL, 1), (EMOJI, "uses", "H20", 1), (RTL, "funds", QUOTE, 1)])
RTL_EVIDENCE = "line one\tA\nline two"


def xml_name(name):
    """What XML can carry of a name: U+0001 is not a character in XML 1.0."""
    return name.replace("\x01", "\ufffd")


def expect(cond, what):
    if not cond:
        raise AssertionError(what)


def expect_eq(got, want, what):
    if got != want:
        raise AssertionError(f"{what}: got {got!r}, want {want!r}")


def shared_dir():
    d = os.environ.get("FG_SHARED_DIR")
    if not d:
        d = os.path.join(os.environ.get("FG_SOURCE_DIR", "."), "..", "shared")
    return os.path.abspath(d)


def facts_of(edges):
    """edges: (source name, relation, target name, weight) -> sorted list, weights as int."""
    return sorted((s, r, t, int(w)) for s, r, t, w in edges)


# ---- checks ------------------------------------------------------------

def check_schemas(out):
    """GraphML against the XSD, both GEXF versions against their RELAX NG."""
    script = os.path.join(shared_dir(), "formats", "validate.sh")
    expect(os.path.exists(script), f"validate.sh not found: {script} (set FG_SHARED_DIR)")
    files = [os.path.join(out, f) for f in ("graph.graphml", "graph.gexf", "graph-1.2draft.gexf")]
    r = subprocess.run(["bash", script] + files, capture_output=True, text=True)
    expect(r.returncode == 0, f"validate.sh exit {r.returncode}: {r.stderr.strip()}")
    expect_eq(r.stdout.count("OK "), 3, "files validated")
    with open(os.path.join(out, "graph.gexf"), encoding="utf-8") as f:
        head = f.read(300)
    expect('xmlns="http://gexf.net/1.3"' in head and 'xmlns:viz="http://gexf.net/1.3/viz"' in head,
           "GEXF 1.3 namespaces not exact")
    expect("schemaLocation" not in head, "xsi:schemaLocation in GEXF")


def check_networkx_graphml(out):
    import networkx as nx
    G = nx.read_graphml(os.path.join(out, "graph.graphml"))
    expect(G.is_directed(), "graph is not directed")
    expect(G.is_multigraph(), "parallel edges did not give a multigraph")
    expect_eq(G.number_of_nodes(), N_NODES, "nodes")
    expect_eq(G.number_of_edges(), N_EDGES, "edges")
    label = {n: d.get("label") for n, d in G.nodes(data=True)}
    expect_eq(sorted(label.values()), sorted(xml_name(n) for n in TYPES), "node labels")
    for n, d in G.nodes(data=True):
        name = d["label"].replace("\ufffd", "\x01")
        expect_eq(d.get("type"), TYPES[name], f"type of {name!r}")
        expect(isinstance(d.get("degree"), int), f"degree of {name!r} is not an int")
        expect(isinstance(d.get("pagerank"), float), f"pagerank of {name!r} is not a float")
        expect(all(isinstance(d.get(c), int) and 0 <= d[c] <= 255 for c in "rgb"),
               f"Gephi colour of {name!r} is not three ints")
        expect(10.0 <= d.get("size", 0) <= 50.0, f"Gephi size of {name!r}")
    by_label = {v: k for k, v in label.items()}
    nv = G.nodes[by_label["NVIDIA"]]
    expect_eq(nv["mentions"], "NVIDIA | エヌビディア", "NVIDIA mentions")
    expect_eq((nv["r"], nv["g"], nv["b"]), (78, 121, 167), "NVIDIA colour (company)")
    got = facts_of((label[u].replace("\ufffd", "\x01"), d["relation"],
                    label[v].replace("\ufffd", "\x01"), d["weight"])
                   for u, v, d in G.edges(data=True))
    expect_eq(got, FACTS, "facts")
    dev = [d for u, v, d in G.edges(data=True)
           if label[u] == "NVIDIA" and label[v] == "H20" and d.get("relation") == "develops"][0]
    expect_eq(dev["label"], "develops", "develops label")
    ev = json.loads(dev["evidence"])
    expect_eq([e["doc"] for e in ev], ["a.txt", "b.txt"], "develops evidence docs")
    expect(dev["evidence_summary"].startswith("a.txt#0: NVIDIAはH20を開発した。"),
           "develops evidence summary")
    orders = [d for u, v, d in G.edges(data=True) if d["relation"] == "orders"][0]
    expect_eq(orders["amount"], 16000000000.0, "orders amount")
    expect_eq(orders["currency"], "USD", "orders currency")
    expect_eq(orders["quantity"], 230000.0, "orders quantity")
    bans = [d for u, v, d in G.edges(data=True) if d["relation"] == "bans"][0]
    expect_eq(bans["status"], "considered", "bans status")
    funds = [d for u, v, d in G.edges(data=True)
             if d["relation"] == "funds" and label[u] == HOSTILE][0]
    expect_eq(json.loads(funds["evidence"])[0]["text"],
              '"Ma Bell" invests in <ByteDance> & more.', "funds evidence text")
    rtl = [d for u, v, d in G.edges(data=True) if label[u] == RTL][0]
    expect_eq(json.loads(rtl["evidence"])[0]["text"], RTL_EVIDENCE, "RTL evidence text")


def check_networkx_gexf_roundtrip(out):
    """The edge attribute is 'relation', not 'type', so NetworkX can pass the
    graph on as GEXF (an edge 'type' would land in GEXF's directed slot)."""
    import networkx as nx
    G = nx.read_graphml(os.path.join(out, "graph.graphml"))
    path = os.path.join(out, "roundtrip.gexf")
    nx.write_gexf(G, path)
    H = nx.read_gexf(path)
    expect_eq(H.number_of_nodes(), N_NODES, "nodes after GEXF")
    expect_eq(H.number_of_edges(), N_EDGES, "edges after GEXF")
    expect(HOSTILE in {d.get("label") for n, d in H.nodes(data=True)},
           "hostile label lost in GEXF")


def check_networkx_gexf(out):
    """Our own GEXF 1.2draft, read by NetworkX 2.8."""
    import networkx as nx
    G = nx.read_gexf(os.path.join(out, "graph-1.2draft.gexf"))
    expect(G.is_directed(), "graph is not directed")
    expect(G.is_multigraph(), "parallel edges did not give a multigraph")
    expect_eq(G.number_of_nodes(), N_NODES, "nodes")
    expect_eq(G.number_of_edges(), N_EDGES, "edges")
    label = {n: d["label"] for n, d in G.nodes(data=True)}
    expect_eq(sorted(label.values()), sorted(xml_name(n) for n in TYPES), "node labels")
    got = facts_of((label[u].replace("\ufffd", "\x01"), d["relation"],
                    label[v].replace("\ufffd", "\x01"), d["weight"])
                   for u, v, d in G.edges(data=True))
    expect_eq(got, FACTS, "facts")
    nv = [d for n, d in G.nodes(data=True) if d["label"] == "NVIDIA"][0]
    expect_eq(nv["type"], "company", "NVIDIA type")
    expect_eq(nv["documents"], 2, "NVIDIA documents (integer)")
    expect_eq((nv["viz"]["color"]["r"], nv["viz"]["color"]["g"], nv["viz"]["color"]["b"]),
              (78, 121, 167), "NVIDIA viz:color")
    expect(10.0 <= nv["viz"]["size"] <= 50.0, "NVIDIA viz:size")
    rtl = [d for u, v, d in G.edges(data=True) if label[u] == RTL][0]
    expect_eq(json.loads(rtl["evidence"])[0]["text"], RTL_EVIDENCE,
              "TAB and line break in an attribute value")


def check_igraph_graphml(out):
    import igraph
    g = igraph.Graph.Read_GraphML(os.path.join(out, "graph.graphml"))
    expect(g.is_directed(), "graph is not directed")
    expect_eq(g.vcount(), N_NODES, "nodes")
    expect_eq(g.ecount(), N_EDGES, "edges")
    expect_eq(g.vs["id"], [f"n{i}" for i in range(N_NODES)], "node ids")
    labels = g.vs["label"]
    expect_eq(sorted(labels), sorted(xml_name(n) for n in TYPES), "node labels")
    expect_eq([TYPES[l.replace("\ufffd", "\x01")] for l in labels], g.vs["type"], "node types")
    got = facts_of((labels[e.source].replace("\ufffd", "\x01"), e["relation"],
                    labels[e.target].replace("\ufffd", "\x01"), e["weight"]) for e in g.es)
    expect_eq(got, FACTS, "facts")
    expect_eq(g.vs[labels.index("NVIDIA")]["r"], 78.0, "NVIDIA red channel")


def check_node_link_json(out):
    import networkx as nx
    with open(os.path.join(out, "graph.json"), encoding="utf-8") as f:
        data = json.load(f)
    expect_eq(data["graph"]["documents"], 2, "documents")
    expect_eq(data["graph"]["node_types"],
              ["company", "chip", "government", "person", "organization", "model"], "node_types")
    G = nx.node_link_graph(data)
    expect(G.is_directed() and G.is_multigraph(), "not a directed multigraph")
    expect_eq(G.number_of_nodes(), N_NODES, "nodes")
    expect_eq(G.number_of_edges(), N_EDGES, "edges")
    expect_eq(set(G.nodes), set(TYPES), "node ids (every hostile name exactly)")
    for name in TYPES:
        expect_eq(G.nodes[name]["label"], name, f"label of {name!r}")
    got = facts_of((u, k, v, d["weight"]) for u, v, k, d in G.edges(keys=True, data=True))
    expect_eq(got, FACTS, "facts")
    dev = G["NVIDIA"]["H20"]["develops"]
    expect_eq(dev["type"], "develops", "develops type")
    expect_eq(len(dev["evidence"]), 2, "develops evidence")
    expect_eq(sorted(G["NVIDIA"]["ByteDance"]), ["partners", "supplies"], "keys between one pair")
    orders = G["ByteDance"]["H20"]["orders"]
    expect_eq(orders["amount"], 16000000000, "orders amount")
    expect(isinstance(orders["amount"], int), "amount is not an integer")
    expect_eq(orders["date_normalized"], "2024-12", "orders date_normalized")
    expect("status" not in dev, "status written for a plain fact")
    expect_eq(G["United States"]["H20"]["bans"]["status"], "considered", "bans status")
    expect_eq(G[RTL][QUOTE]["funds"]["evidence"][0]["text"], RTL_EVIDENCE, "RTL evidence")
    for n, d in G.nodes(data=True):
        expect_eq(d["type"], TYPES[n], f"type of {n!r}")
        expect(isinstance(d["pagerank"], float), f"pagerank of {n!r} is not a float")
    expect(abs(sum(d["pagerank"] for n, d in G.nodes(data=True)) - 1.0) < 1e-9,
           "pagerank does not sum to 1")


def check_cytoscape_json(out):
    """Cytoscape.js elements, read by NetworkX's cytoscape_graph (the JavaScript
    client, cytoscape itself, runs in tests/clients/check.js)."""
    import networkx as nx
    with open(os.path.join(out, "graph.cyjs"), encoding="utf-8") as f:
        data = json.load(f)
    G = nx.cytoscape_graph(data)
    expect(G.is_directed() and G.is_multigraph(), "not a directed multigraph")
    expect_eq(G.number_of_nodes(), N_NODES, "nodes")
    expect_eq(G.number_of_edges(), N_EDGES, "edges (parallel ones kept by key)")
    name = {n: d["name"] for n, d in G.nodes(data=True)}
    expect_eq(sorted(name.values()), sorted(TYPES), "names (every hostile name exactly)")
    got = facts_of((name[u], d["relation"], name[v], d["weight"])
                   for u, v, d in G.edges(data=True))
    expect_eq(got, FACTS, "facts")
    ids = [e["data"]["id"] for e in data["elements"]["nodes"] + data["elements"]["edges"]]
    expect_eq(len(set(ids)), len(ids), "data.id unique across nodes and edges")


def check_csv(out):
    """RFC 4180 tables as Python's csv module reads them: every name exactly,
    line break and control character included."""
    with open(os.path.join(out, "nodes.csv"), encoding="utf-8", newline="") as f:
        nodes = list(csv.DictReader(f))
    with open(os.path.join(out, "edges.csv"), encoding="utf-8", newline="") as f:
        edges = list(csv.DictReader(f))
    expect_eq(len(nodes), N_NODES, "node rows")
    expect_eq(len(edges), N_EDGES, "edge rows")
    expect_eq({r["Id"]: r["type"] for r in nodes}, TYPES, "ids and types")
    expect(all(r["Label"] == r["Id"] for r in nodes), "labels")
    got = facts_of((r["Source"], r["relation"], r["Target"], r["Weight"]) for r in edges)
    expect_eq(got, FACTS, "facts")
    expect(all(r["Type"] == "Directed" and r["Kind"] == r["relation"] == r["Label"]
               for r in edges), "Gephi's Type, Kind and Label columns")
    orders = [r for r in edges if r["relation"] == "orders"][0]
    expect_eq((orders["amount"], orders["currency"], orders["quantity"]),
              ("16000000000", "USD", "230000"), "orders amount")
    expect_eq([r["status"] for r in edges if r["relation"] == "bans"], ["considered"], "status")
    rtl = [r for r in edges if r["Source"] == RTL][0]
    expect_eq(json.loads(rtl["evidence"])[0]["text"], RTL_EVIDENCE, "RTL evidence")
    with open(os.path.join(out, "edges.csv"), "rb") as f:
        raw = f.read()
    expect(raw.startswith(b"Source,Target,Type,Kind,Id,Label,Weight,relation,"), "edge header")
    expect(raw.endswith(b"\r\n"), "records end in CRLF")


def svg_parts(svg_bytes):
    """(texts, node titles) of an SVG drawing by Graphviz."""
    svg = ET.fromstring(svg_bytes)
    ns = "{http://www.w3.org/2000/svg}"
    texts = ["".join(t.itertext()) for t in svg.iter(ns + "text")]
    nodes = [g.find(ns + "title").text for g in svg.iter(ns + "g") if g.get("class") == "node"]
    edges = [g for g in svg.iter(ns + "g") if g.get("class") == "edge"]
    return texts, [n for n in nodes if not n.startswith("legend_")], edges


def drawn_lines(name):
    """The text lines a drawing shows for a name."""
    return xml_name(name).split("\n")


def check_dot_svg(out):
    dot = os.path.join(out, "graph.dot")
    r = subprocess.run(["dot", "-Tsvg", dot], capture_output=True)
    expect(r.returncode == 0, f"dot exit {r.returncode}: {r.stderr.decode(errors='replace')}")
    texts, nodes, edges = svg_parts(r.stdout)
    expect_eq(len(nodes), N_NODES, "SVG nodes (legend aside)")
    expect_eq(len(edges), N_EDGES, "SVG edges")
    for name in TYPES:
        for line in drawn_lines(name):
            expect(line in texts, f"label line {line!r} not drawn; texts: {texts!r}")
    for rel in ("develops", "supplies", "partners", "bans", "leads", "funds", "orders", "uses"):
        expect(rel in texts, f"edge label {rel!r} not drawn")
    expect("16 bn USD" in texts, "amount line of the orders label not drawn")
    for entry in ("legend", "company", "chip", "government", "person", "model", "organization"):
        expect(entry in texts, f"legend entry {entry!r} not drawn")


def check_dot_canon(out):
    """dot re-reads our file and keeps the escaped labels as written."""
    r = subprocess.run(["dot", "-Tcanon", os.path.join(out, "graph.dot")],
                       capture_output=True, text=True)
    expect(r.returncode == 0, f"dot -Tcanon exit {r.returncode}: {r.stderr}")
    expect('label="AT&T \\"Ma Bell\\" <US> 東京\\\\"' in r.stdout,
           "hostile label not kept with its doubled backslash")
    expect('label="A \\"B\\" <C> & D\\\\"' in r.stdout, "quote label")
    expect('label="line1\\nline2"' in r.stdout, "line break as \\n")
    expect("rankdir=LR" in r.stdout, "rankdir=LR missing")


def check_rendered(out):
    """factgraph's own SVG (gvc in process): Japanese, Arabic and the emoji
    stay text; the PNG is a PNG."""
    with open(os.path.join(out, "graph.svg"), "rb") as f:
        raw = f.read()
    texts, nodes, edges = svg_parts(raw)
    expect_eq(len(nodes), N_NODES, "SVG nodes (legend aside)")
    expect_eq(len(edges), N_EDGES, "SVG edges")
    for name in TYPES:
        for line in drawn_lines(name):
            expect(line in texts, f"label line {line!r} not drawn as text")
    expect(any("東京" in t for t in texts), "Japanese text missing")
    expect(b'font-family="Noto Sans CJK JP' in raw, "CJK font not named")
    with open(os.path.join(out, "graph.png"), "rb") as f:
        png = f.read()
    expect(png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 10000, "graph.png is no drawing")


def check_locale(out, fixture):
    """Numbers do not follow the locale: under de_DE (decimal comma) the
    fixture writes the same bytes. The locale is compiled into a temporary
    LOCPATH, since Debian images rarely have it installed."""
    src = "/usr/share/i18n/locales/de_DE"
    if not os.path.exists(src) or subprocess.run(["which", "localedef"],
                                                 capture_output=True).returncode != 0:
        return "localedef or de_DE locale sources missing"
    with tempfile.TemporaryDirectory(prefix="fg_locale_") as tmp:
        locdir = os.path.join(tmp, "loc")
        os.mkdir(locdir)
        r = subprocess.run(["localedef", "-i", "de_DE", "-f", "UTF-8",
                            os.path.join(locdir, "de_DE.UTF-8")], capture_output=True, text=True)
        if r.returncode not in (0, 1):  # 1: warnings only, the locale is written
            return f"localedef failed: {r.stderr.strip()}"
        de = os.path.join(tmp, "de")
        os.mkdir(de)
        env = dict(os.environ, LOCPATH=locdir, LC_ALL="de_DE.UTF-8")
        r = subprocess.run([fixture, de], env=env, capture_output=True, text=True)
        expect(r.returncode == 0, f"fg_fixture under de_DE exit {r.returncode}: {r.stderr}")
        for name in ("graph.json", "graph.graphml", "graph.gexf", "graph-1.2draft.gexf",
                     "graph.cyjs", "nodes.csv", "edges.csv", "graph.dot", "graph.svg"):
            with open(os.path.join(out, name), "rb") as a, open(os.path.join(de, name), "rb") as b:
                expect(a.read() == b.read(), f"{name} differs under de_DE.UTF-8")
    return None


CHECKS = [
    ("graphml, gexf: xmllint with the schemas (validate.sh)", check_schemas),
    ("graphml: networkx.read_graphml", check_networkx_graphml),
    ("graphml: networkx GEXF round-trip", check_networkx_gexf_roundtrip),
    ("graphml: igraph Read_GraphML", check_igraph_graphml),
    ("gexf 1.2draft: networkx.read_gexf", check_networkx_gexf),
    ("json: networkx.node_link_graph", check_node_link_json),
    ("cytoscape: networkx.cytoscape_graph", check_cytoscape_json),
    ("csv: Python csv module", check_csv),
    ("dot: dot -Tsvg", check_dot_svg),
    ("dot: dot -Tcanon", check_dot_canon),
    ("svg, png: rendered in process", check_rendered),
]


def main():
    fixture = os.environ.get("FG_FIXTURE")
    if not fixture or not os.access(fixture, os.X_OK):
        print(f"clients_fixture: FG_FIXTURE is not an executable: {fixture!r} "
              "(run through ctest, which sets it)", file=sys.stderr)
        print("0 passed, 1 failed")
        return 1
    passed = failed = 0
    with tempfile.TemporaryDirectory(prefix="fg_clients_") as out:
        r = subprocess.run([fixture, out], capture_output=True, text=True)
        if r.returncode != 0:
            print(f"FAIL fg_fixture exit {r.returncode}: {r.stderr.strip()}")
            print("0 passed, 1 failed")
            return 1
        skip = None
        try:
            skip = check_locale(out, fixture)
        except Exception as e:
            failed += 1
            print(f"FAIL locale: de_DE output: {e}")
        else:
            if skip:
                print(f"SKIP locale: de_DE output ({skip})")
            else:
                passed += 1
                print("PASS locale: de_DE output is byte-identical")
        for name, fn in CHECKS:
            try:
                fn(out)
            except Exception as e:  # one failing client must not hide the others
                failed += 1
                print(f"FAIL {name}: {e}")
                if not isinstance(e, AssertionError):
                    traceback.print_exc(file=sys.stdout)
            else:
                passed += 1
                print(f"PASS {name}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
