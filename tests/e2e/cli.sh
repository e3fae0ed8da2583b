#!/usr/bin/env bash
# The command line: help, version, usage errors (exit 2), standard input,
# --lang, --lexicon (a user's entry becomes a node; a bad line is reported
# with file and line), --output format from the extension, --summary.
set -uo pipefail
: "${FG_BIN:?}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
check() {
    local what=$1; shift
    if "$@"; then passed=$((passed + 1)); else echo "FAIL: $what" >&2; failed=$((failed + 1)); fi
}
"$FG_BIN" --help > "$tmp/h"; check "--help exits 0" test $? -eq 0
check "--help lists build" grep -q "build" "$tmp/h"
"$FG_BIN" build --help > "$tmp/bh"; check "build --help exits 0" test $? -eq 0
check "build --help lists --lexicon and exit codes" grep -q -- "--lexicon" "$tmp/bh"
"$FG_BIN" --version > "$tmp/v"; check "--version" grep -Eq '^factgraph [0-9]+\.[0-9]+\.[0-9]+$' "$tmp/v"
"$FG_BIN" frobnicate 2>/dev/null; check "unknown command exits 2" test $? -eq 2
"$FG_BIN" build 2>/dev/null; check "no input exits 2" test $? -eq 2
"$FG_BIN" build --format xml x.txt 2>/dev/null; check "unknown format exits 2" test $? -eq 2
"$FG_BIN" build --lang fr x.txt 2>/dev/null; check "unknown language exits 2" test $? -eq 2

# standard input, English detected
printf 'Chip curbs\nThe Commerce Department banned exports of the H20 to China.\n' |
    "$FG_BIN" build - > "$tmp/stdin.json"
check "stdin exit 0" test $? -eq 0
check "stdin fact" grep -q '"source": "US Department of Commerce", "target": "H20", "key": "bans"' "$tmp/stdin.json"
check "stdin evidence names <stdin>" grep -q '"doc": "<stdin>"' "$tmp/stdin.json"

# --lexicon: a name the default lexicon lacks
printf 'Zorbatron\tcompany\tZorbatron|ゾルバトロン\n' > "$tmp/lex.tsv"
printf 'テスト\nゾルバトロンはH20を大量に購入した。\n' > "$tmp/a.txt"
"$FG_BIN" build --lexicon "$tmp/lex.tsv" "$tmp/a.txt" > "$tmp/lex.json"
check "user lexicon entity is a node" grep -q '"id": "Zorbatron", "label": "Zorbatron", "type": "company"' "$tmp/lex.json"
check "user lexicon entity has a fact" grep -q '"source": "Zorbatron", "target": "H20", "key": "orders"' "$tmp/lex.json"
printf 'Good\tcompany\tGood\nBroken line without tabs\n' > "$tmp/bad.tsv"
"$FG_BIN" build --lexicon "$tmp/bad.tsv" "$tmp/a.txt" > /dev/null 2> "$tmp/lexerr"; rc=$?
check "bad lexicon exits 2 (got $rc)" test "$rc" -eq 2
check "bad lexicon names file and line" grep -q "bad.tsv:2: expected" "$tmp/lexerr"

# --lang forces the language: Japanese rules do not run on text read as English
"$FG_BIN" build --lang en "$tmp/a.txt" --lexicon "$tmp/lex.tsv" > "$tmp/en.json"
check "--lang en: no Japanese fact" bash -c "! grep -q '\"key\": \"orders\"' '$tmp/en.json'"

# --output: format from the extension; --summary
"$FG_BIN" build --summary --output "$tmp/g.graphml" "$tmp/a.txt" > "$tmp/sum"
check "--output .graphml writes GraphML" grep -q "<graphml" "$tmp/g.graphml"
check "summary shows counts and PageRank" grep -q "top nodes by PageRank" "$tmp/sum"

# explain: sentence, names and facts with their rule
printf 'テスト\nエヌビディアはH20を開発した。\n同社はH800も設計した。\n' > "$tmp/x.txt"
"$FG_BIN" explain "$tmp/x.txt" > "$tmp/explain"; rc=$?
check "explain exits 0 (got $rc)" test "$rc" -eq 0
check "explain shows the sentence" grep -q "^\[1\] エヌビディアはH20を開発した。" "$tmp/explain"
check "explain shows names with ids and types" grep -q "エヌビディア=NVIDIA(company)" "$tmp/explain"
check "explain shows the fact, trigger and rule" grep -q 'fact  NVIDIA -develops-> H20   \[rule ja.clause, trigger "開発"\]' "$tmp/explain"
check "explain resolves 同社" grep -q 'fact  NVIDIA -develops-> H800' "$tmp/explain"
"$FG_BIN" explain 2>/dev/null; check "explain without input exits 2" test $? -eq 2

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
