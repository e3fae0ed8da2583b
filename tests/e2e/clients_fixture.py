#!/usr/bin/env python3
"""Load factgraph's exports with the clients people use, and check what they see.

Runs $FG_FIXTURE (tests/tools/fg_fixture.c) into a temporary directory, then reads
graph.graphml with xmllint (schema), NetworkX and python-igraph, graph.json with
networkx.node_link_graph, and graph.dot with `dot -Tsvg`. Each check asserts the
node and edge counts, one known edge (NVIDIA -develops-> H20, weight 2) and the
hostile name, round-tripped exactly wherever the format can carry it.

Environment: FG_FIXTURE (the fixture program, required), FG_SHARED_DIR (the shared/
folder with formats/graphml/*.xsd; default: FG_SOURCE_DIR/../shared).
Run by Debian's /usr/bin/python3 (python3-networkx 2.8, python3-igraph 0.10).
Exit 0 when every check passes, 1 otherwise; the last line is "N passed, M failed".
"""
import json
import os
import subprocess
import sys
import tempfile
import traceback
import urllib.parse
import xml.etree.ElementTree as ET

# Keep in step with tests/tools/fg_fixture.c.
HOSTILE = 'AT&T "Ma Bell" <US> 東京\\'
N_NODES = 6
N_EDGES = 7
TYPES = {"NVIDIA": "company", "H20": "chip", "ByteDance": "company",
         "United States": "government", "Jensen Huang": "person", HOSTILE: "organization"}


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


# ---- checks ------------------------------------------------------------

def check_graphml_schema(out):
    formats = os.path.join(shared_dir(), "formats", "graphml")
    xsd = os.path.join(formats, "graphml.xsd")
    expect(os.path.exists(xsd), f"schema not found: {xsd} (set FG_SHARED_DIR)")
    catalog = "file://" + urllib.parse.quote(os.path.join(formats, "catalog.xml"))
    env = dict(os.environ, XML_CATALOG_FILES=catalog)
    r = subprocess.run(["xmllint", "--nonet", "--noout", "--schema", xsd,
                        os.path.join(out, "graph.graphml")],
                       env=env, capture_output=True, text=True)
    expect(r.returncode == 0, f"xmllint exit {r.returncode}: {r.stderr.strip()}")


def check_networkx_graphml(out):
    import networkx as nx
    G = nx.read_graphml(os.path.join(out, "graph.graphml"))
    expect(G.is_directed(), "graph is not directed")
    expect(G.is_multigraph(), "parallel edges did not give a multigraph")
    expect_eq(G.number_of_nodes(), N_NODES, "nodes")
    expect_eq(G.number_of_edges(), N_EDGES, "edges")
    label = {n: d.get("label") for n, d in G.nodes(data=True)}
    expect_eq(sorted(label.values()), sorted(TYPES), "node labels")
    for n, d in G.nodes(data=True):
        expect_eq(d.get("type"), TYPES[d["label"]], f"type of {d['label']!r}")
        expect(isinstance(d.get("degree"), int), f"degree of {d['label']!r} is not an int")
        expect(isinstance(d.get("pagerank"), float), f"pagerank of {d['label']!r} is not a float")
    by_label = {v: k for k, v in label.items()}
    nv = G.nodes[by_label["NVIDIA"]]
    expect_eq(nv["mentions"], "NVIDIA | エヌビディア", "NVIDIA mentions")
    dev = [d for u, v, d in G.edges(data=True)
           if label[u] == "NVIDIA" and label[v] == "H20" and d.get("relation") == "develops"]
    expect_eq(len(dev), 1, "NVIDIA -develops-> H20 edges")
    expect_eq(dev[0]["weight"], 2.0, "develops weight")
    expect_eq(dev[0]["label"], "develops", "develops label")
    ev = json.loads(dev[0]["evidence"])
    expect_eq([e["doc"] for e in ev], ["a.txt", "b.txt"], "develops evidence docs")
    pair = sorted(d["relation"] for u, v, d in G.edges(data=True)
                  if label[u] == "NVIDIA" and label[v] == "ByteDance")
    expect_eq(pair, ["partners", "supplies"], "two types between one pair")
    orders = [d for u, v, d in G.edges(data=True) if d["relation"] == "orders"][0]
    expect_eq(orders["amount"], 16000000000.0, "orders amount")
    expect_eq(orders["currency"], "USD", "orders currency")
    expect_eq(orders["quantity"], 230000.0, "orders quantity")
    bans = [d for u, v, d in G.edges(data=True) if d["relation"] == "bans"][0]
    expect_eq(bans["status"], "considered", "bans status")
    funds = [d for u, v, d in G.edges(data=True) if d["relation"] == "funds"][0]
    expect_eq(json.loads(funds["evidence"])[0]["text"],
              '"Ma Bell" invests in <ByteDance> & more.', "funds evidence text")
    expect(label[[u for u, v, d in G.edges(data=True) if d["relation"] == "funds"][0]] == HOSTILE,
           "funds source is not the hostile node")


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


def check_igraph_graphml(out):
    import igraph
    g = igraph.Graph.Read_GraphML(os.path.join(out, "graph.graphml"))
    expect(g.is_directed(), "graph is not directed")
    expect_eq(g.vcount(), N_NODES, "nodes")
    expect_eq(g.ecount(), N_EDGES, "edges")
    expect_eq(g.vs["id"], [f"n{i}" for i in range(N_NODES)], "node ids")
    labels = g.vs["label"]
    expect_eq(sorted(labels), sorted(TYPES), "node labels")
    expect_eq([TYPES[l] for l in labels], g.vs["type"], "node types")
    dev = [e for e in g.es if labels[e.source] == "NVIDIA" and labels[e.target] == "H20"
           and e["relation"] == "develops"]
    expect_eq(len(dev), 1, "NVIDIA -develops-> H20 edges")
    expect_eq(dev[0]["weight"], 2.0, "develops weight")
    expect_eq(sum(1 for e in g.es if e["relation"] == "funds" and labels[e.source] == HOSTILE), 1,
              "hostile -funds-> edge")


def check_node_link_json(out):
    import networkx as nx
    with open(os.path.join(out, "graph.json"), encoding="utf-8") as f:
        data = json.load(f)
    expect_eq(data["graph"]["documents"], 2, "documents")
    expect_eq(data["graph"]["node_types"],
              ["company", "chip", "government", "person", "organization"], "node_types")
    G = nx.node_link_graph(data)
    expect(G.is_directed() and G.is_multigraph(), "not a directed multigraph")
    expect_eq(G.number_of_nodes(), N_NODES, "nodes")
    expect_eq(G.number_of_edges(), N_EDGES, "edges")
    expect_eq(set(G.nodes), set(TYPES), "node ids")
    expect(HOSTILE in G, "hostile id not round-tripped")
    expect_eq(G.nodes[HOSTILE]["label"], HOSTILE, "hostile label")
    dev = G["NVIDIA"]["H20"]["develops"]
    expect_eq(dev["type"], "develops", "develops type")
    expect_eq(dev["weight"], 2, "develops weight")
    expect_eq(len(dev["evidence"]), 2, "develops evidence")
    expect_eq(sorted(G["NVIDIA"]["ByteDance"]), ["partners", "supplies"], "keys between one pair")
    orders = G["ByteDance"]["H20"]["orders"]
    expect_eq(orders["amount"], 16000000000, "orders amount")
    expect(isinstance(orders["amount"], int), "amount is not an integer")
    expect_eq(orders["date_normalized"], "2024-12", "orders date_normalized")
    expect("status" not in dev, "status written for a plain fact")
    expect_eq(G["United States"]["H20"]["bans"]["status"], "considered", "bans status")
    for n, d in G.nodes(data=True):
        expect_eq(d["type"], TYPES[n], f"type of {n!r}")
        expect(isinstance(d["pagerank"], float), f"pagerank of {n!r} is not a float")
    expect(abs(sum(d["pagerank"] for n, d in G.nodes(data=True)) - 1.0) < 1e-9,
           "pagerank does not sum to 1")


def check_dot_svg(out):
    dot = os.path.join(out, "graph.dot")
    r = subprocess.run(["dot", "-Tsvg", dot], capture_output=True)
    expect(r.returncode == 0, f"dot exit {r.returncode}: {r.stderr.decode(errors='replace')}")
    svg = ET.fromstring(r.stdout)
    ns = "{http://www.w3.org/2000/svg}"
    texts = ["".join(t.itertext()) for t in svg.iter(ns + "text")]
    nodes = [g for g in svg.iter(ns + "g") if g.get("class") == "node"]
    edges = [g for g in svg.iter(ns + "g") if g.get("class") == "edge"]
    expect_eq(len(nodes), N_NODES, "SVG nodes")
    expect_eq(len(edges), N_EDGES, "SVG edges")
    for name in TYPES:
        expect(name in texts, f"label {name!r} not drawn; texts: {texts!r}")
    for rel in ("develops", "supplies", "partners", "bans", "leads", "funds", "orders"):
        expect(rel in texts, f"edge label {rel!r} not drawn")
    expect("16000000000 USD" in texts, "amount line of the orders label not drawn")


def check_dot_canon(out):
    """dot re-reads our file and keeps the escaped label as written."""
    r = subprocess.run(["dot", "-Tcanon", os.path.join(out, "graph.dot")],
                       capture_output=True, text=True)
    expect(r.returncode == 0, f"dot -Tcanon exit {r.returncode}: {r.stderr}")
    expect('label="AT&T \\"Ma Bell\\" <US> 東京\\\\"' in r.stdout,
           "hostile label not kept with its doubled backslash")
    expect("rankdir=LR" in r.stdout, "rankdir=LR missing")


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
        for name in ("graph.json", "graph.graphml", "graph.dot"):
            with open(os.path.join(out, name), "rb") as a, open(os.path.join(de, name), "rb") as b:
                expect(a.read() == b.read(), f"{name} differs under de_DE.UTF-8")
    return None


CHECKS = [
    ("graphml: xmllint --schema", check_graphml_schema),
    ("graphml: networkx.read_graphml", check_networkx_graphml),
    ("graphml: networkx GEXF round-trip", check_networkx_gexf_roundtrip),
    ("graphml: igraph Read_GraphML", check_igraph_graphml),
    ("json: networkx.node_link_graph", check_node_link_json),
    ("dot: dot -Tsvg", check_dot_svg),
    ("dot: dot -Tcanon", check_dot_canon),
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
