#!/usr/bin/env bash
# render_size.sh - how long Graphviz takes to draw factgraph's DOT as the
# graph grows; the figures behind the size policy in include/factgraph/export.h
# (FG_RENDER_LABEL_MAX_EDGES, FG_RENDER_DOT_MAX_EDGES, FG_RENDER_DOT_MAX_NODES).
#
# usage: bench/render_size.sh [SIZES...]    (default: 50 100 150 200 300 500)
#
# For each size N it writes an article in which N invented companies make 2N
# random sales to each other (a lexicon names them), builds the graph with
# factgraph (-f dot), and times, each with a limit of LIMIT seconds (default
# 300; "-" means the limit was hit):
#   dot+labels   dot -Tsvg on the DOT as written (every edge labelled)
#   dot          the same without edge labels (gvpr strips them)
#   dot capped   without labels, nslimit=2, nslimit1=2, mclimit=0.1: what
#                --layout dot does past the limit
#   sfdp+labels  sfdp -Tsvg with labels
#   build svg    factgraph build -f svg, which follows the size policy
# Random graphs are the hard case for dot: real news graphs have hubs and
# lay out faster. Not part of the test suite (bench/ stays out of ctest).
set -uo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
FG_BIN=${FG_BIN:-$here/build/factgraph}
LIMIT=${LIMIT:-300}
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(50 100 150 200 300 500)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# seconds a command takes, or "-" past LIMIT
timed() {
    local start end
    start=$(date +%s.%N)
    if ! timeout "$LIMIT" "$@" > /dev/null 2>&1; then
        echo "-"
        return
    fi
    end=$(date +%s.%N)
    echo "$end - $start" | bc | xargs printf '%.2f'
}

printf '%6s %6s %12s %8s %12s %12s %10s\n' nodes edges dot+labels dot "dot capped" sfdp+labels "build svg"
for n in "${sizes[@]}"; do
    /usr/bin/python3 - "$n" "$tmp" <<'EOF'
import random, sys
n, tmp = int(sys.argv[1]), sys.argv[2]
rng = random.Random(42)
with open(f"{tmp}/lex.tsv", "w") as f:
    for i in range(n):
        f.write(f"Zorbco{i}\tcompany\tZorbco{i}\n")
with open(f"{tmp}/article.txt", "w") as f:
    f.write("Chip trade\n")
    seen = set()
    while len(seen) < 2 * n:
        a, b = rng.randrange(n), rng.randrange(n)
        if a != b and (a, b) not in seen:
            seen.add((a, b))
            f.write(f"Zorbco{a} sells chips to Zorbco{b}.\n")
EOF
    "$FG_BIN" build -q --lexicon "$tmp/lex.tsv" -f dot -f json -o "$tmp/out" "$tmp/article.txt"
    counts=$(/usr/bin/python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(len(d['nodes']), len(d['links']))" "$tmp/out/graph.json")
    gvpr -c 'E{label=""}' "$tmp/out/graph.dot" > "$tmp/nolabels.dot"
    t1=$(timed dot -Tsvg "$tmp/out/graph.dot")
    t2=$(timed dot -Tsvg "$tmp/nolabels.dot")
    t3=$(timed dot -Gnslimit=2 -Gnslimit1=2 -Gmclimit=0.1 -Tsvg "$tmp/nolabels.dot")
    t4=$(timed sfdp -Tsvg "$tmp/out/graph.dot")
    t5=$(timed "$FG_BIN" build -q --lexicon "$tmp/lex.tsv" -f svg -o "$tmp/out" "$tmp/article.txt")
    # shellcheck disable=SC2086
    printf '%6s %6s %12s %8s %12s %12s %10s\n' $counts "$t1" "$t2" "$t3" "$t4" "$t5"
done
