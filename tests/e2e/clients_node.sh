#!/usr/bin/env bash
# The JavaScript clients (tests/clients/check.js, run by Node): graphology with
# graphology-graphml and graphology-gexf, and cytoscape, load the fixture's
# files (counts, facts, hostile names, colours, kind) and the samples' (every
# client sees the nodes and facts of graph.json, and Tencent -orders-> H20).
# The packages come from tests/clients/package-lock.json: `make test` runs
# npm ci there first.
set -uo pipefail
: "${FG_BIN:?}" "${FG_FIXTURE:?}" "${FG_SOURCE_DIR:?}"
clients="$FG_SOURCE_DIR/tests/clients"
if ! command -v node > /dev/null; then
    echo "FAIL: node not found (make test installs Debian's nodejs)" >&2
    exit 1
fi
if [ ! -d "$clients/node_modules/graphology-gexf" ]; then
    echo "FAIL: $clients/node_modules is missing: run 'make test', or 'npm ci' in $clients" >&2
    exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
mkdir "$tmp/fixture" && "$FG_FIXTURE" "$tmp/fixture" || { echo "FAIL: fg_fixture" >&2; exit 1; }
node "$clients/check.js" fixture "$tmp/fixture" || status=1
"$FG_BIN" build -q -f json -f graphml -f gexf -f cytoscape -o "$tmp/samples" \
    "$FG_SOURCE_DIR/samples" || { echo "FAIL: factgraph build" >&2; exit 1; }
"$FG_BIN" build -q --gexf-version 1.2draft --output "$tmp/samples/graph-1.2draft.gexf" \
    "$FG_SOURCE_DIR/samples" || { echo "FAIL: factgraph build 1.2draft" >&2; exit 1; }
node "$clients/check.js" samples "$tmp/samples" || status=1
exit "$status"
