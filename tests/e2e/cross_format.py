#!/usr/bin/env python3
"""The same graph in every format: node ids, node types, edge types and weights
agree across JSON (node-link), Cytoscape JSON, GraphML, GEXF 1.3, GEXF 1.2draft
and CSV, for the samples (factgraph build) and for the fixture (fg_fixture, with
its hostile names). Each file is read with the standard library only (json,
xml.etree, csv), so this checks the writers against each other, not a client.

Names: JSON, Cytoscape and CSV carry every character; GraphML and GEXF carry
every character XML 1.0 allows, so U+0001 is compared as U+FFFD there.
Environment: FG_BIN, FG_FIXTURE, FG_SOURCE_DIR. Last line: "N passed, M failed".
"""
import csv
import json
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"
GEXF = {"1.3": "{http://gexf.net/1.3}", "1.2draft": "{http://www.gexf.net/1.2draft}"}


def xml_safe(name):
    return name.replace("\x01", "\ufffd")


def view(nodes, edges):
    """nodes: {id: type}; edges: [(source id, type, target id, weight)] ->
    a comparable pair."""
    return dict(sorted(nodes.items())), sorted((s, t, d, int(w)) for s, t, d, w in edges)


def from_json(d):
    data = json.load(open(os.path.join(d, "graph.json"), encoding="utf-8"))
    return view({n["id"]: n["type"] for n in data["nodes"]},
                [(l["source"], l["key"], l["target"], l["weight"]) for l in data["links"]])


def from_cytoscape(d):
    data = json.load(open(os.path.join(d, "graph.cyjs"), encoding="utf-8"))["elements"]
    name = {n["data"]["id"]: n["data"]["name"] for n in data["nodes"]}
    return view({n["data"]["name"]: n["data"]["type"] for n in data["nodes"]},
                [(name[e["data"]["source"]], e["data"]["relation"], name[e["data"]["target"]],
                  e["data"]["weight"]) for e in data["edges"]])


def from_graphml(d):
    root = ET.parse(os.path.join(d, "graph.graphml")).getroot()
    keys = {k.get("id"): k.get("attr.name") for k in root.iter(GRAPHML + "key")}

    def data(el):
        return {keys[x.get("key")]: x.text or "" for x in el.findall(GRAPHML + "data")}
    graph = root.find(GRAPHML + "graph")
    nodes = {n.get("id"): data(n) for n in graph.findall(GRAPHML + "node")}
    edges = [(nodes[e.get("source")]["label"], data(e)["relation"], nodes[e.get("target")]["label"],
              float(data(e)["weight"])) for e in graph.findall(GRAPHML + "edge")]
    return view({n["label"]: n["type"] for n in nodes.values()}, edges)


def from_gexf(d, version):
    ns = GEXF[version]
    name = "graph.gexf" if version == "1.3" else "graph-1.2draft.gexf"
    root = ET.parse(os.path.join(d, name)).getroot()

    def values(el):
        return {v.get("for"): v.get("value") for v in el.iter(ns + "attvalue")}
    nodes = {n.get("id"): (n.get("label"), values(n)) for n in root.iter(ns + "node")}
    edges = []
    for e in root.iter(ns + "edge"):
        assert e.get("id"), "edge without id"
        assert (e.get("kind") is not None) == (version == "1.3"), "kind only in 1.3"
        edges.append((nodes[e.get("source")][0], values(e)["relation"], nodes[e.get("target")][0],
                      float(e.get("weight"))))
    return view({label: v["type"] for label, v in nodes.values()}, edges)


def from_csv(d):
    with open(os.path.join(d, "nodes.csv"), encoding="utf-8", newline="") as f:
        nodes = {r["Id"]: r["type"] for r in csv.DictReader(f)}
    with open(os.path.join(d, "edges.csv"), encoding="utf-8", newline="") as f:
        edges = [(r["Source"], r["relation"], r["Target"], r["Weight"]) for r in csv.DictReader(f)]
    return view(nodes, edges)


READERS = [
    ("cytoscape", from_cytoscape, False),
    ("graphml", from_graphml, True),
    ("gexf 1.3", lambda d: from_gexf(d, "1.3"), True),
    ("gexf 1.2draft", lambda d: from_gexf(d, "1.2draft"), True),
    ("csv", from_csv, False),
]

passed = failed = 0


def compare(label, d):
    """Every format against graph.json."""
    global passed, failed
    want_nodes, want_edges = from_json(d)
    if len(want_nodes) < 5 or len(want_edges) < 5:
        failed += 1
        print(f"FAIL {label}: graph.json is too small to compare ({len(want_nodes)} nodes)")
        return
    for fmt, reader, xml in READERS:
        wn = {xml_safe(k) if xml else k: v for k, v in want_nodes.items()}
        we = sorted((xml_safe(s) if xml else s, t, xml_safe(dd) if xml else dd, w)
                    for s, t, dd, w in want_edges)
        try:
            nodes, edges = reader(d)
            assert nodes == dict(sorted(wn.items())), \
                f"nodes differ: {sorted(set(nodes.items()) ^ set(wn.items()))[:5]}"
            assert edges == we, f"edges differ: {sorted(set(edges) ^ set(we))[:5]}"
        except Exception as e:  # AssertionError, or a reader that choked
            failed += 1
            print(f"FAIL {label}: {fmt} vs json: {e}")
        else:
            passed += 1
            print(f"PASS {label}: {fmt} = json ({len(nodes)} nodes, {len(edges)} edges)")


def main():
    fg_bin, fixture = os.environ["FG_BIN"], os.environ["FG_FIXTURE"]
    samples = os.path.join(os.environ["FG_SOURCE_DIR"], "samples")
    with tempfile.TemporaryDirectory(prefix="fg_cross_") as tmp:
        s = os.path.join(tmp, "samples")
        r = subprocess.run([fg_bin, "build", "-q", "-f", "json", "-f", "cytoscape", "-f", "graphml",
                            "-f", "gexf", "-f", "csv", "-o", s, samples],
                           capture_output=True, text=True)
        r2 = subprocess.run([fg_bin, "build", "-q", "--gexf-version", "1.2draft", "--output",
                             os.path.join(s, "graph-1.2draft.gexf"), samples],
                            capture_output=True, text=True)
        if r.returncode or r2.returncode:
            print(f"FAIL factgraph build: {r.stderr}{r2.stderr}")
            print("0 passed, 1 failed")
            return 1
        compare("samples", s)
        f = os.path.join(tmp, "fixture")
        os.mkdir(f)
        r = subprocess.run([fixture, f], capture_output=True, text=True)
        if r.returncode:
            print(f"FAIL fg_fixture: {r.stderr}")
            print("0 passed, 1 failed")
            return 1
        compare("fixture", f)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
