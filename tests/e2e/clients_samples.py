#!/usr/bin/env python3
"""The real pipeline's exports, loaded by real clients: factgraph build on
samples/ writes JSON, GraphML and DOT; xmllint (GraphML schema), NetworkX
(read_graphml, node_link_graph), python-igraph (Read_GraphML) and Graphviz
(dot -Tsvg, dot -Tjson) each load them. Every client must see the same node
and edge counts, and facts that the articles state (chosen by hand from
samples/*.gold.json, non-optional relations) with their types.

Run by Debian's /usr/bin/python3 (python3-networkx, python3-igraph).
Environment: FG_BIN, FG_SOURCE_DIR, FG_SHARED_DIR. Last line: "N passed, M failed".
"""
import json
import os
import subprocess
import sys
import tempfile
import urllib.parse

import igraph
import networkx as nx

# (source, type, target) as a careful reader states them in the sample articles.
KNOWN_FACTS = [
    ("Tencent", "orders", "H20"),                        # ja_01: 騰訊控股が…「H20」を…発注
    ("US Department of Commerce", "bans", "Moore Threads"),  # ja_01: 同省は…摩爾線程を…禁じる
    ("Moonshot AI", "develops", "Kimi"),                 # ja_03: (同社は)「Kimi」を開発しており
    ("JASM", "part_of", "TSMC"),                         # ja_02: TSMCの子会社JASM
    ("Microsoft", "funds", "G42"),                       # en_01: Microsoft invested $1.5 billion in G42
    ("SK hynix", "partners", "TSMC"),                    # en_02: SK hynix … had teamed up with TSMC
]
KNOWN_TYPES = {"NVIDIA": "company", "H20": "chip", "US Department of Commerce": "government",
               "Huawei": "company"}

passed = failed = 0


def check(cond, what):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAIL:", what, file=sys.stderr)


def main():
    src = os.environ["FG_SOURCE_DIR"]
    shared = os.environ.get("FG_SHARED_DIR", os.path.join(src, "..", "shared"))
    with tempfile.TemporaryDirectory() as out:
        r = subprocess.run([os.environ["FG_BIN"], "build", "-q", "-f", "json", "-f", "graphml",
                            "-f", "dot", "-o", out, os.path.join(src, "samples")],
                           capture_output=True, text=True)
        check(r.returncode == 0, f"factgraph build exit {r.returncode}: {r.stderr}")
        with open(os.path.join(out, "graph.json"), encoding="utf-8") as f:
            data = json.load(f)
        n, m = len(data["nodes"]), len(data["links"])
        check(n > 30 and m > 30, f"samples give a real graph ({n} nodes, {m} links)")

        # JSON through NetworkX
        g = nx.node_link_graph(data)
        check(g.is_directed() and g.is_multigraph(), "node-link: directed multigraph")
        check((g.number_of_nodes(), g.number_of_edges()) == (n, m), "node-link counts")
        for s, t, d in KNOWN_FACTS:
            check(g.has_edge(s, d, key=t), f"node-link has {s} -{t}-> {d}")
        for node, typ in KNOWN_TYPES.items():
            check(g.nodes.get(node, {}).get("type") == typ, f"node-link: {node} is a {typ}")
        check(all(e["weight"] >= 1 and e["evidence"] for e in data["links"]),
              "every link has a weight and evidence")

        # GraphML: schema, NetworkX, igraph
        gml = os.path.join(out, "graph.graphml")
        fmt = os.path.join(shared, "formats", "graphml")
        env = dict(os.environ, XML_CATALOG_FILES="file://" + urllib.parse.quote(
            os.path.join(fmt, "catalog.xml")))
        x = subprocess.run(["xmllint", "--nonet", "--noout", "--schema",
                            os.path.join(fmt, "graphml.xsd"), gml],
                           env=env, capture_output=True, text=True)
        check(x.returncode == 0, f"xmllint --schema: {x.stderr.strip()[:300]}")
        ng = nx.read_graphml(gml)
        check((ng.number_of_nodes(), ng.number_of_edges()) == (n, m), "NetworkX GraphML counts")
        label = {k: v["label"] for k, v in ng.nodes(data=True)}
        facts = {(label[a], d.get("relation"), label[b]) for a, b, d in ng.edges(data=True)}
        for s, t, d in KNOWN_FACTS:
            check((s, t, d) in facts, f"NetworkX GraphML has {s} -{t}-> {d}")
        ig = igraph.Graph.Read_GraphML(gml)
        check((ig.vcount(), ig.ecount()) == (n, m), "igraph GraphML counts")
        names = ig.vs["label"]
        ifacts = {(names[e.source], e["relation"], names[e.target]) for e in ig.es}
        for s, t, d in KNOWN_FACTS:
            check((s, t, d) in ifacts, f"igraph GraphML has {s} -{t}-> {d}")
        typ = dict(zip(names, ig.vs["type"]))
        for node, want in KNOWN_TYPES.items():
            check(typ.get(node) == want, f"igraph: {node} is a {want}")
        pr = sum(ig.vs["pagerank"])
        check(abs(pr - 1.0) < 1e-6, f"PageRank sums to 1 in GraphML ({pr})")

        # DOT through Graphviz
        dot = os.path.join(out, "graph.dot")
        svg = subprocess.run(["dot", "-Tsvg", dot], capture_output=True, text=True)
        check(svg.returncode == 0 and "<svg" in svg.stdout, f"dot -Tsvg: {svg.stderr[:300]}")
        check(">Tencent<" in svg.stdout and ">H20<" in svg.stdout, "SVG shows node labels")
        js = subprocess.run(["dot", "-Tjson", dot], capture_output=True, text=True)
        dj = json.loads(js.stdout)
        dn = len([o for o in dj.get("objects", [])  # legend entries aside
                  if "nodes" not in o and not o.get("name", "").startswith("legend_")])
        check((dn, len(dj.get("edges", []))) == (n, m), f"Graphviz counts ({dn}, {len(dj.get('edges', []))})")
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
