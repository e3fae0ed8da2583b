#!/usr/bin/env bash
# bench/run.sh - factgraph against baselines on the same synthetic corpus, in
# one run, and the graph side (analysis, GraphML) against igraph.
#
# usage: bench/run.sh [BUILD_DIR] [MB] [WORK_DIR]
#   BUILD_DIR  a CMake build of factgraph (default build)
#   MB         corpus size in megabytes of text, half Japanese, half English
#              (default 50; the 1 GB figures in RESULTS.md used 1000)
#   WORK_DIR   where the corpus and outputs go (default bench/out)
# Environment: REPEAT (default 3): each command runs this often and the
# fastest run is reported, since other work on the machine only ever slows a
# run down; GRAPH_NODES, GRAPH_FACTS (default 100000, 1000000) for the graph
# benchmark; SKIP_GRAPH=1 skips it.
#
# Every command runs under /usr/bin/time (Debian package "time") for wall
# time, CPU time and peak RSS. Prints a Markdown report and writes it to
# WORK_DIR/results.md. Not a test: timings depend on the machine and on what
# else runs on it (the report shows the load average).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-build}
mb=${2:-50}
work=${3:-$here/out}
fg="$build/factgraph"
[ -x "$fg" ] || { echo "bench: $fg not built (make build)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time missing (apt-get install time)" >&2; exit 1; }
mkdir -p "$work"
corpus="$work/corpus_${mb}mb"
if [ ! -s "$corpus/en.txt" ]; then
    /usr/bin/python3 "$here/gen_corpus.py" "$corpus" --mb "$mb"
fi
cores=$(nproc)
report="$work/results.md"
: > "$report"
say() { printf '%s\n' "$*" | tee -a "$report"; }

# run NAME BYTES DOCS CMD...: times CMD (the fastest of REPEAT runs), prints
# a table row.
declare -A WALL CPU RSS
repeat=${REPEAT:-3}
run() {
    local name=$1 bytes=$2 docs=$3; shift 3
    local t="$work/time.$$" wall='' user sys rss w u s r
    for _ in $(seq "$repeat"); do
        /usr/bin/time -f '%e %U %S %M' -o "$t" "$@" > /dev/null 2> "$work/stderr.$$" || {
            echo "bench: $name failed:" >&2; cat "$work/stderr.$$" >&2; exit 1; }
        read -r w u s r < "$t"
        if [ -z "$wall" ] || awk -v a="$w" -v b="$wall" 'BEGIN { exit !(a < b) }'; then
            wall=$w user=$u sys=$s rss=$r
        fi
    done
    WALL[$name]=$wall
    CPU[$name]=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
    RSS[$name]=$rss
    local mbs dps
    mbs=$(awk -v b="$bytes" -v w="$wall" 'BEGIN { printf "%.2f", b / 1e6 / (w + 0.001) }')
    dps=$(awk -v d="$docs" -v w="$wall" 'BEGIN { if (d > 0) printf "%.0f", d / (w + 0.001); else print "-" }')
    say "| $name | $wall | ${CPU[$name]} | $mbs | $dps | $((rss / 1024)) |"
    rm -f "$t" "$work/stderr.$$"
}
ratio() { awk -v a="${WALL[$2]}" -v b="${WALL[$1]}" 'BEGIN { printf "%.2f", a / (b + 0.001) }'; }

ja_bytes=$(stat -c %s "$corpus/ja.txt")
en_bytes=$(stat -c %s "$corpus/en.txt")
ja_docs=$(wc -l < "$corpus/ja.jsonl")
en_docs=$(wc -l < "$corpus/en.jsonl")
all_bytes=$((ja_bytes + en_bytes))
all_docs=$((ja_docs + en_docs))

say "## factgraph benchmark, $(date -u +%Y-%m-%d)"
say ""
say "Machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $cores cores," \
    "$(free -g | awk '/Mem:/ {print $2}') GB; load average before: $(cut -d' ' -f1-3 /proc/loadavg)."
say "Corpus: $ja_docs Japanese articles ($((ja_bytes / 1000000)) MB), $en_docs English" \
    "($((en_bytes / 1000000)) MB), $(wc -l < "$corpus/aliases.txt") aliases (gen_corpus.py, seed 1)."
say ""
say "Each row is the fastest of $repeat runs."
say ""
say "| run | wall s | cpu s | MB/s | docs/s | peak RSS MB |"
say "|---|---|---|---|---|---|"
run "cat (both)" "$all_bytes" "$all_docs" cat "$corpus/ja.txt" "$corpus/en.txt"
run "grep -F -f aliases (en)" "$en_bytes" 0 env LC_ALL=C grep -F -c -f "$corpus/aliases.txt" "$corpus/en.txt"
run "grep -F -o -f aliases (en)" "$en_bytes" 0 env LC_ALL=C grep -F -o -f "$corpus/aliases.txt" "$corpus/en.txt"
if command -v rg > /dev/null; then
    run "rg -F -f aliases (en)" "$en_bytes" 0 rg -F -c -f "$corpus/aliases.txt" "$corpus/en.txt"
fi
run "mecab (ja)" "$ja_bytes" 0 mecab "$corpus/ja.txt"
for lang in ja en; do
    bytes=$([ $lang = ja ] && echo "$ja_bytes" || echo "$en_bytes")
    docs=$([ $lang = ja ] && echo "$ja_docs" || echo "$en_docs")
    for j in 1 2; do
        run "factgraph build -j $j ($lang)" "$bytes" "$docs" \
            "$fg" build -q -j $j "$corpus/$lang.jsonl" --output "$work/graph_$lang.json"
    done
done
run "factgraph extract -j $cores (both)" "$all_bytes" "$all_docs" \
    "$fg" extract -q -j "$cores" "$corpus/ja.jsonl" "$corpus/en.jsonl" -o "$work/facts.jsonl"
run "factgraph merge (both)" "$(stat -c %s "$work/facts.jsonl")" "$all_docs" \
    "$fg" merge -q "$work/facts.jsonl" -o "$work/graph_merged.json"
run "factgraph build -j $cores (both)" "$all_bytes" "$all_docs" \
    "$fg" build -q -j "$cores" "$corpus/ja.jsonl" "$corpus/en.jsonl" --output "$work/graph_all.json"
say ""
cmp -s "$work/graph_all.json" "$work/graph_merged.json" && same=yes || same=NO
say "extract + merge output equals build: $same."
say "Ratios (wall time): factgraph -j 1 (ja) / mecab = $(ratio 'mecab (ja)' 'factgraph build -j 1 (ja)');" \
    "factgraph -j 1 (en) / grep -F = $(ratio 'grep -F -f aliases (en)' 'factgraph build -j 1 (en)')."
say "Scaling 1 -> 2 threads: ja $(ratio 'factgraph build -j 2 (ja)' 'factgraph build -j 1 (ja)')x," \
    "en $(ratio 'factgraph build -j 2 (en)' 'factgraph build -j 1 (en)')x" \
    "(cpu s -j 1 / -j 2: ja ${CPU['factgraph build -j 1 (ja)']} / ${CPU['factgraph build -j 2 (ja)']}," \
    "en ${CPU['factgraph build -j 1 (en)']} / ${CPU['factgraph build -j 2 (en)']})."
say "Memory: build of both languages peaked at $((RSS["factgraph build -j $cores (both)"] / 1024)) MB" \
    "for a graph whose JSON is $(($(stat -c %s "$work/graph_all.json") / 1000000)) MB;" \
    "the corpus is $((all_bytes / 1000000)) MB."

if [ "${SKIP_GRAPH:-0}" != 1 ]; then
    n=${GRAPH_NODES:-100000} m=${GRAPH_FACTS:-1000000}
    gb="$work/graph_bench"
    # shellcheck disable=SC2046
    cc -O2 -fopenmp -I"$here/../include" $(pkg-config --cflags igraph) "$here/graph_bench.c" \
        "$build/libfactgraph.a" $(pkg-config --libs igraph jansson libxml-2.0 libcgraph libgvc \
        libutf8proc zlib) -lmecab -lm -lpthread -o "$gb"
    /usr/bin/time -f '%e %M' -o "$work/gtime" "$gb" "$n" "$m" "$work" > "$work/graph.txt"
    say ""
    say "### Graph: $n nodes, $m facts"
    say ""
    say "| step | seconds | bytes |"
    say "|---|---|---|"
    while read -r step secs bytes; do
        say "| $step | $secs | ${bytes:-} |"
    done < "$work/graph.txt"
    say ""
    say "Peak RSS of the whole graph benchmark: $(($(cut -d' ' -f2 "$work/gtime") / 1024)) MB."
fi
