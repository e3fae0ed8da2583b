#!/usr/bin/env bash
# Bad input gets a clear error naming the file and loses nothing: an
# unreadable file, invalid UTF-8, an empty file, a binary file and a missing
# file are each reported while the good article is still processed and the
# output written; exit status 1. Outputs are never left half-written.
set -uo pipefail
: "${FG_BIN:?}"
tmp=$(mktemp -d)
trap 'chmod -R u+w "$tmp"; rm -rf "$tmp"' EXIT
passed=0 failed=0
check() { # description, command...
    local what=$1; shift
    if "$@"; then passed=$((passed + 1)); else echo "FAIL: $what" >&2; failed=$((failed + 1)); fi
}

in="$tmp/in"; mkdir -p "$in"
printf 'エヌビディアがH20を開発\nエヌビディアはH20を開発した。米商務省はH20の中国への輸出を禁止した。\n' > "$in/a_good.txt"
printf 'title\nbad byte here: \xff\xfe end\n' > "$in/b_invalid_utf8.txt"
: > "$in/c_empty.txt"
printf 'ELF\x00\x01\x02binary' > "$in/d_binary.txt"
printf 'unreadable\n' > "$in/e_unreadable.txt"
chmod 000 "$in/e_unreadable.txt"
out="$tmp/out"
"$FG_BIN" build -q -f json -f graphml -f dot -o "$out" "$in" "$tmp/missing.txt" 2> "$tmp/err"
rc=$?
cat "$tmp/err"
check "exit status 1 when some input failed (got $rc)" test "$rc" -eq 1
check "invalid utf-8 named with line and column" grep -q "b_invalid_utf8.txt:2:16: invalid utf-8" "$tmp/err"
check "empty file named" grep -q "c_empty.txt: empty document" "$tmp/err"
check "binary file named with its byte offset" grep -q "d_binary.txt: byte 3: binary file" "$tmp/err"
check "missing file named" grep -q "missing.txt: No such file or directory" "$tmp/err"
if [ "$(id -u)" -ne 0 ]; then # root reads mode-000 files
    check "unreadable file named" grep -q "e_unreadable.txt: Permission denied" "$tmp/err"
fi
check "the good article's fact is still written" \
    grep -q '"source": "US Department of Commerce", "target": "H20", "key": "bans"' "$out/graph.json"
check "graphml written" test -s "$out/graph.graphml"
check "dot written" test -s "$out/graph.dot"
check "no temporary files left" test "$(ls -A "$out" | wc -l)" -eq 3

# An output that cannot be written: exit 3, and the old file stays intact.
mkdir -p "$tmp/ro"; echo old > "$tmp/ro/graph.json"; chmod 555 "$tmp/ro"
if [ "$(id -u)" -ne 0 ]; then
    "$FG_BIN" build -q --output "$tmp/ro/graph.json" "$in/a_good.txt" 2> "$tmp/err2"; rc=$?
    check "unwritable output exits 3 (got $rc)" test "$rc" -eq 3
    check "old output untouched" grep -qx old "$tmp/ro/graph.json"
fi
"$FG_BIN" build -q --output "$tmp/nodir/graph.json" "$in/a_good.txt" 2> "$tmp/err3"; rc=$?
check "output into a missing directory exits 3 (got $rc)" test "$rc" -eq 3
check "nothing created for the failed output" test ! -e "$tmp/nodir"
check "failed output reported with its path" grep -q "nodir/graph.json" "$tmp/err3"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
