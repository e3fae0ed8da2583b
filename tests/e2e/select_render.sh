#!/usr/bin/env bash
# factgraph build's selection and drawing options on samples/: --ego (by id,
# any case, any spelling), --depth, --top, --types, --edge-types, --status,
# --min-weight, each checked against the whole graph's JSON; the new formats by
# option and by file extension (gexf and --gexf-version, cyjs, csv with -o and
# with a prefix); svg/png; --layout; the size policy's notes on stderr; and the
# usage errors (exit 2).
set -uo pipefail
: "${FG_BIN:?}" "${FG_SOURCE_DIR:?}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
check() {
    local what=$1; shift
    if "$@"; then passed=$((passed + 1)); else echo "FAIL: $what" >&2; failed=$((failed + 1)); fi
}
samples="$FG_SOURCE_DIR/samples"
py() { /usr/bin/python3 - "$@"; }

"$FG_BIN" build -q -f json --output "$tmp/all.json" "$samples"
check "whole graph written" test -s "$tmp/all.json"

sel() { # name, options...: writes $tmp/name.json
    local name=$1; shift
    "$FG_BIN" build -q -f json --output "$tmp/$name.json" "$@" "$samples"
}

# --ego NVIDIA --depth 1: NVIDIA and exactly its neighbours, every fact among them
sel ego --ego NVIDIA --depth 1
check "--ego NVIDIA is the whole graph's neighbourhood" py "$tmp/all.json" "$tmp/ego.json" <<'EOF'
import json, sys
full, sub = (json.load(open(p)) for p in sys.argv[1:3])
nb = {"NVIDIA"} | {l["target"] for l in full["links"] if l["source"] == "NVIDIA"} \
     | {l["source"] for l in full["links"] if l["target"] == "NVIDIA"}
assert {n["id"] for n in sub["nodes"]} == nb, sorted(nb ^ {n["id"] for n in sub["nodes"]})
want = sorted((l["source"], l["key"], l["target"]) for l in full["links"]
              if l["source"] in nb and l["target"] in nb)
assert sorted((l["source"], l["key"], l["target"]) for l in sub["links"]) == want
assert len(nb) > 5
# analysis values are the whole graph's
pr = {n["id"]: n["pagerank"] for n in full["nodes"]}
assert all(n["pagerank"] == pr[n["id"]] for n in sub["nodes"])
EOF
sel ego_lower --ego nvidia
check "--ego ignores case" cmp -s "$tmp/ego.json" "$tmp/ego_lower.json"
sel ego_ja --ego エヌビディア
check "--ego takes any spelling" cmp -s "$tmp/ego.json" "$tmp/ego_ja.json"
sel ego_lex --ego 英伟达 # in the lexicon, in no sample
check "--ego takes a lexicon alias" cmp -s "$tmp/ego.json" "$tmp/ego_lex.json"
sel ego2 --ego NVIDIA --depth 2
check "--depth 2 holds more than --depth 1" py "$tmp/ego.json" "$tmp/ego2.json" <<'EOF'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
assert {n["id"] for n in a["nodes"]} < {n["id"] for n in b["nodes"]}
EOF

sel bans --edge-types bans,permits
check "--edge-types: only those facts, only who they involve" py "$tmp/all.json" "$tmp/bans.json" <<'EOF'
import json, sys
full, sub = (json.load(open(p)) for p in sys.argv[1:3])
want = [l for l in full["links"] if l["key"] in ("bans", "permits")]
assert want and len(sub["links"]) == len(want)
ends = {l["source"] for l in want} | {l["target"] for l in want}
assert {n["id"] for n in sub["nodes"]} == ends
EOF
sel types --types company,chip
check "--types: only those entities" py "$tmp/all.json" "$tmp/types.json" <<'EOF'
import json, sys
full, sub = (json.load(open(p)) for p in sys.argv[1:3])
want = {n["id"] for n in full["nodes"] if n["type"] in ("company", "chip")}
assert {n["id"] for n in sub["nodes"]} == want
assert all(l["source"] in want and l["target"] in want for l in sub["links"])
assert len(sub["links"]) == sum(1 for l in full["links"] if l["source"] in want and l["target"] in want)
EOF
sel w2 --min-weight 2
check "--min-weight 2" py "$tmp/all.json" "$tmp/w2.json" <<'EOF'
import json, sys
full, sub = (json.load(open(p)) for p in sys.argv[1:3])
assert sub["links"] and all(l["weight"] >= 2 for l in sub["links"])
assert len(sub["links"]) == sum(1 for l in full["links"] if l["weight"] >= 2)
EOF
sel stated --status stated
sel notdone --status planned,considered,reported,denied
check "--status stated / the others split the facts" py "$tmp/all.json" "$tmp/stated.json" "$tmp/notdone.json" <<'EOF'
import json, sys
full, a, b = (json.load(open(p)) for p in sys.argv[1:4])
assert all("status" not in l for l in a["links"])
assert b["links"] and all(l["status"] in ("planned", "considered", "reported", "denied") for l in b["links"])
assert len(a["links"]) + len(b["links"]) == len(full["links"])
EOF
sel top5 --top 5
check "--top 5: the five highest PageRanks" py "$tmp/all.json" "$tmp/top5.json" <<'EOF'
import json, sys
full, sub = (json.load(open(p)) for p in sys.argv[1:3])
ranks = sorted((n["pagerank"] for n in full["nodes"]), reverse=True)
got = sorted((n["pagerank"] for n in sub["nodes"]), reverse=True)
assert len(got) == 5 and got == ranks[:5], (got, ranks[:5])
EOF

# formats by option and by extension
"$FG_BIN" build -q --output "$tmp/g.gexf" "$samples"
check "--output .gexf writes GEXF 1.3" grep -q 'xmlns="http://gexf.net/1.3"' "$tmp/g.gexf"
"$FG_BIN" build -q --gexf-version 1.2draft --output "$tmp/g12.gexf" "$samples"
check "--gexf-version 1.2draft" grep -q 'xmlns="http://www.gexf.net/1.2draft"' "$tmp/g12.gexf"
"$FG_BIN" build -q --output "$tmp/g.cyjs" "$samples"
check "--output .cyjs writes Cytoscape JSON" grep -q '"elements": {"nodes"' "$tmp/g.cyjs"
"$FG_BIN" build -q -f csv -o "$tmp/csvdir" "$samples"
check "-f csv -o DIR: nodes.csv and edges.csv" test -s "$tmp/csvdir/nodes.csv" -a -s "$tmp/csvdir/edges.csv"
check "-o DIR holds only the two tables" test "$(ls -A "$tmp/csvdir" | wc -l)" -eq 2
"$FG_BIN" build -q --output "$tmp/t.csv" "$samples"
check "--output t.csv: t.nodes.csv and t.edges.csv" test -s "$tmp/t.nodes.csv" -a -s "$tmp/t.edges.csv"
"$FG_BIN" build -q -f dot --layout neato --output "$tmp/n.dot" "$samples"
check "--layout reaches DOT" grep -q "layout=neato" "$tmp/n.dot"

# drawings: the ego view of the issue, with its caption
"$FG_BIN" build -q -f svg -f png --ego NVIDIA --depth 1 -o "$tmp/draw" "$samples" 2> "$tmp/draw.err"
check "ego drawing: no notes for a small graph" test ! -s "$tmp/draw.err"
check "ego svg: NVIDIA drawn as text" grep -q ">NVIDIA</text>" "$tmp/draw/graph.svg"
check "ego svg: caption" grep -q "around NVIDIA (depth 1)" "$tmp/draw/graph.svg"
check "ego svg: CJK font named" grep -q 'font-family="Noto Sans CJK JP' "$tmp/draw/graph.svg"
check "ego png is a PNG" py "$tmp/draw/graph.png" <<'EOF'
import struct, sys
b = open(sys.argv[1], "rb").read()
assert b[:8] == b"\x89PNG\r\n\x1a\n"
w, h = struct.unpack(">II", b[16:24])
assert w > 400 and h > 300, (w, h)
EOF
"$FG_BIN" build -f svg --output "$tmp/whole.svg" "$samples" > /dev/null 2> "$tmp/whole.err"
check "whole-graph drawing: entities without a fact reported" grep -q "without a fact are not drawn" "$tmp/whole.err"
"$FG_BIN" build -q -f svg --layout sfdp --ego NVIDIA --output "$tmp/sfdp.svg" "$samples"
check "--layout sfdp draws" grep -q ">NVIDIA</text>" "$tmp/sfdp.svg"

# the size policy: 260 invented companies, 400 sales
py "$tmp" <<'EOF'
import random, sys
tmp = sys.argv[1]
rng = random.Random(7)
with open(f"{tmp}/lex.tsv", "w") as f:
    for i in range(260):
        f.write(f"Zorbco{i}\tcompany\tZorbco{i}\n")
with open(f"{tmp}/big.txt", "w") as f:
    f.write("Chip trade\n")
    seen = set()
    while len(seen) < 400:
        a, b = rng.randrange(260), rng.randrange(260)
        if a != b and (a, b) not in seen:
            seen.add((a, b))
            f.write(f"Zorbco{a} sells chips to Zorbco{b}.\n")
EOF
"$FG_BIN" build --lexicon "$tmp/lex.tsv" -f svg --output "$tmp/big.svg" "$tmp/big.txt" > /dev/null 2> "$tmp/big.err"
check "big graph drawn" grep -q "<svg" "$tmp/big.svg"
check "big graph: sfdp instead of dot, said on stderr" grep -q "so sfdp lays them out" "$tmp/big.err"
check "big graph: no edge labels, said on stderr" grep -q "edges are drawn without labels" "$tmp/big.err"
"$FG_BIN" build --lexicon "$tmp/lex.tsv" -f svg --layout dot --output "$tmp/bigdot.svg" \
    "$tmp/big.txt" > /dev/null 2> "$tmp/bigdot.err"
check "big graph, --layout dot: drawn by dot" grep -q "<svg" "$tmp/bigdot.svg"
check "big graph, --layout dot: capped, said on stderr" grep -q "crossing minimisation are capped" "$tmp/bigdot.err"
"$FG_BIN" build -q --lexicon "$tmp/lex.tsv" -f svg --output "$tmp/bigq.svg" "$tmp/big.txt" 2> "$tmp/bigq.err"
check "-q keeps the notes quiet" test ! -s "$tmp/bigq.err"

# usage errors
expect_usage() { # what, args...
    local what=$1; shift
    "$FG_BIN" build -q "$@" "$samples" > /dev/null 2> "$tmp/usage.err"
    local rc=$?
    check "$what exits 2 (got $rc)" test "$rc" -eq 2
    check "$what says why" test -s "$tmp/usage.err"
}
expect_usage "--ego with an unknown name" --ego "No Such Entity"
expect_usage "--depth without --ego" --depth 2
expect_usage "--top 0" --top 0
expect_usage "--min-weight x" --min-weight x
expect_usage "--status bogus" --status bogus
expect_usage "--layout circo" --layout circo -f svg
expect_usage "--gexf-version 2" --gexf-version 2
expect_usage "csv to standard output" -f csv
"$FG_BIN" build --types compnay --output "$tmp/typo.json" "$samples" > /dev/null 2> "$tmp/typo.err"
check "a type nothing has is reported" grep -q "nothing in the graph has the type 'compnay'" "$tmp/typo.err"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
