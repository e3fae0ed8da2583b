#!/usr/bin/env bash
# Whole corpora: every input format in one run, -j N equal to -j 1, extract +
# merge equal to build (JSON, GraphML and DOT, byte for byte), merges in any
# grouping and order equal, bad JSON Lines records named with file, line,
# column and byte offset and skipped, --max-errors, gzip in and out, the
# summary line, and the new commands' usage errors.
set -uo pipefail
: "${FG_BIN:?}" "${FG_SOURCE_DIR:?}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
check() {
    local what=$1; shift
    if "$@"; then passed=$((passed + 1)); else echo "FAIL: $what" >&2; failed=$((failed + 1)); fi
}
same() { cmp -s "$1" "$2"; }

# A corpus of every format: the samples as text, one page as HTML in
# Shift_JIS, gzip'd text, and JSON Lines with a bad record.
corpus="$tmp/corpus"
mkdir -p "$corpus/txt" "$corpus/web" "$corpus/feed"
cp "$FG_SOURCE_DIR"/samples/*.txt "$corpus/txt/"
gzip -9 "$corpus/txt/en_02_hbm_skhynix_samsung_micron.txt"
cp "$FG_SOURCE_DIR/tests/cases/input/article_sjis.html" "$corpus/web/"
cp "$FG_SOURCE_DIR/tests/cases/input/articles.jsonl" "$corpus/feed/"
printf '{"id": "g1", "title": "Funding", "text": "Microsoft invested $1.5 billion in G42."}\n' |
    gzip > "$corpus/feed/more.jsonl.gz"
printf 'not an article\n' > "$corpus/feed/notes.md" # not an input format: ignored
ndocs=$(($(ls "$FG_SOURCE_DIR"/samples/*.txt | wc -l) + 1 + 3 + 1))

"$FG_BIN" build -j 1 "$corpus" > "$tmp/j1.json" 2> "$tmp/j1.err"; rc=$?
check "build exits 1: the feed has bad records (got $rc)" test "$rc" -eq 1
check "bad record named with file, line, column, byte" \
    grep -q "articles.jsonl:5:46: invalid JSON: .* (byte 250)" "$tmp/j1.err"
check "bad record without its text field named" \
    grep -q "articles.jsonl:8: no \"text\" field (byte 330)" "$tmp/j1.err"
check "summary line counts the documents" \
    grep -q "^factgraph: $ndocs documents, 4 failed, .* MB in .* s (.* MB/s, .* documents/s, 1 thread)" \
    "$tmp/j1.err"
check "no progress line when stderr is not a terminal" bash -c "! grep -q ETA '$tmp/j1.err'"
check "HTML page (Shift_JIS) read: its fact is there" \
    grep -q '"doc": "[^"]*article_sjis.html"' "$tmp/j1.json"
check "gzip'd text read" grep -q 'en_02_hbm_skhynix_samsung_micron.txt.gz' "$tmp/j1.json"
check "JSON Lines id in evidence" grep -q 'more.jsonl.gz#g1' "$tmp/j1.json"
check "graph counts the documents" grep -q "\"documents\": $ndocs," "$tmp/j1.json"

# on a terminal (script(1) gives it one), a progress line comes first
if command -v script > /dev/null; then
    script -qec "'$FG_BIN' build -j 2 '$corpus/txt' --output '$tmp/tty.json'" /dev/null \
        > "$tmp/tty.out" 2>&1
    check "progress line on a terminal" grep -aq 'documents (0 failed), .* MB/s, .* docs/s, ETA' "$tmp/tty.out"
fi

for j in 2 3 8; do
    "$FG_BIN" build -q -j $j "$corpus" > "$tmp/j$j.json" 2>/dev/null
    check "build -j $j equals -j 1" same "$tmp/j$j.json" "$tmp/j1.json"
done

# extract + merge == build, in every format
"$FG_BIN" extract -q -j 2 "$corpus" -o "$tmp/all.jsonl" 2>/dev/null; rc=$?
check "extract exits 1 too (got $rc)" test "$rc" -eq 1
check "one facts line per document" test "$(wc -l < "$tmp/all.jsonl")" -eq "$ndocs"
"$FG_BIN" extract -q -j 1 "$corpus" > "$tmp/all1.jsonl" 2>/dev/null
check "extract -j 2 equals -j 1 (stdout)" same "$tmp/all.jsonl" "$tmp/all1.jsonl"
"$FG_BIN" merge -q "$tmp/all.jsonl" -o "$tmp/merged.json"
check "merge equals build (json)" same "$tmp/merged.json" "$tmp/j1.json"
for fmt in graphml dot; do
    "$FG_BIN" build -q "$corpus" --output "$tmp/build.$fmt" 2>/dev/null
    "$FG_BIN" merge -q "$tmp/all.jsonl" -o "$tmp/merged.$fmt"
    check "merge equals build ($fmt)" same "$tmp/merged.$fmt" "$tmp/build.$fmt"
done

# shards, merged in any grouping and order
split -l 5 "$tmp/all.jsonl" "$tmp/shard_"
shards=("$tmp"/shard_*)
check "several shards" test "${#shards[@]}" -ge 3
"$FG_BIN" merge -q "${shards[@]}" -o "$tmp/m_all.json"
check "merge of shards equals build" same "$tmp/m_all.json" "$tmp/j1.json"
reversed=$(printf '%s\n' "${shards[@]}" | sort -r)
# shellcheck disable=SC2086
"$FG_BIN" merge -q $reversed -o "$tmp/m_rev.json"
check "merge in reverse order equals build" same "$tmp/m_rev.json" "$tmp/j1.json"
"$FG_BIN" merge -q "${shards[0]}" "${shards[2]}" -o "$tmp/part.jsonl.gz"
"$FG_BIN" merge -q "${shards[@]:3}" "${shards[1]}" -o "$tmp/rest.jsonl"
"$FG_BIN" merge -q "$tmp/rest.jsonl" "$tmp/part.jsonl.gz" -o "$tmp/m_grouped.json"
check "merge of merges (gzip between) equals build" same "$tmp/m_grouped.json" "$tmp/j1.json"
shuf "$tmp/all.jsonl" > "$tmp/shuffled.jsonl" 2>/dev/null || tac "$tmp/all.jsonl" > "$tmp/shuffled.jsonl"
"$FG_BIN" merge -q - < "$tmp/shuffled.jsonl" > "$tmp/m_shuf.json"
check "merge of shuffled lines from stdin equals build" same "$tmp/m_shuf.json" "$tmp/j1.json"
"$FG_BIN" extract -q "$corpus/txt" -o "$tmp/txt.jsonl.gz"
check "extract writes gzip" bash -c "gzip -t '$tmp/txt.jsonl.gz'"

# merge reports bad lines and still writes
printf '{"doc": "x", "mentions": [}\n' > "$tmp/bad.jsonl"
cat "${shards[0]}" >> "$tmp/bad.jsonl"
"$FG_BIN" merge "$tmp/bad.jsonl" -o "$tmp/m_bad.json" 2> "$tmp/m_bad.err"; rc=$?
check "merge with a bad line exits 1 (got $rc)" test "$rc" -eq 1
check "merge names the bad line" grep -q "bad.jsonl:1:27: invalid JSON: .* (byte 27)" "$tmp/m_bad.err"
check "merge still writes" test -s "$tmp/m_bad.json"
check "merge summary line" grep -q "^factgraph: merged 5 documents from 1 files, 1 bad lines" "$tmp/m_bad.err"
"$FG_BIN" merge -q "$corpus/feed/articles.jsonl" -o "$tmp/m_articles.json" 2> "$tmp/m_art.err"
check "articles are not facts" grep -q 'articles.jsonl:1: not a facts record: no "doc"' "$tmp/m_art.err"

# --max-errors: stops at the second bad record, writes what came before
"$FG_BIN" build -j 2 --max-errors 2 "$corpus/feed/articles.jsonl" "$corpus/txt" \
    > "$tmp/max.json" 2> "$tmp/max.err"; rc=$?
check "--max-errors exits 1 (got $rc)" test "$rc" -eq 1
check "--max-errors says it stopped" grep -q "stopping after 2 bad documents" "$tmp/max.err"
check "--max-errors: nothing after the stop is read" bash -c "! grep -q 'articles.jsonl:6' '$tmp/max.err'"
check "--max-errors: the documents before are written" grep -q '"documents": 2,' "$tmp/max.json"
check "--max-errors: no text file read" bash -c "! grep -q 'samples\|/txt/' '$tmp/max.json'"

# custom JSON fields, --input-format, usage errors
printf '{"url": "u1", "body": "Microsoft invested $1.5 billion in G42.", "published": "2024-04-16"}\n' \
    > "$tmp/custom.data"
"$FG_BIN" build -q --input-format jsonl --text-field body --id-field url "$tmp/custom.data" \
    > "$tmp/custom.json"
check "custom fields: the fact and the id" grep -q '"source": "Microsoft", "target": "G42", "key": "funds"' "$tmp/custom.json"
check "custom id in evidence" grep -q 'custom.data#u1' "$tmp/custom.json"
"$FG_BIN" build -j 0 x.txt 2>/dev/null; check "-j 0 is a usage error" test $? -eq 2
"$FG_BIN" build --max-errors x x.txt 2>/dev/null; check "--max-errors x is a usage error" test $? -eq 2
"$FG_BIN" build --input-format xml x.txt 2>/dev/null; check "unknown input format exits 2" test $? -eq 2
"$FG_BIN" extract 2>/dev/null; check "extract without input exits 2" test $? -eq 2
"$FG_BIN" merge 2>/dev/null; check "merge without input exits 2" test $? -eq 2
"$FG_BIN" merge -f xml x 2>/dev/null; check "merge unknown format exits 2" test $? -eq 2
"$FG_BIN" extract --help | grep -q -- "--text-field"; check "extract --help" test $? -eq 0
"$FG_BIN" merge --help | grep -q -- "--out-dir"; check "merge --help" test $? -eq 0
"$FG_BIN" --help | grep -q "merge"; check "--help lists merge" test $? -eq 0
"$FG_BIN" extract -q "$corpus/txt" -o "$tmp/nodir/facts.jsonl" 2> "$tmp/nodir.err"; rc=$?
check "extract into a missing directory exits 3 (got $rc)" test "$rc" -eq 3
check "nothing created" test ! -e "$tmp/nodir"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
