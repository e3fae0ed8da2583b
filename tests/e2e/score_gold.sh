#!/usr/bin/env bash
# Scores extraction against gold with ../shared/eval/score.py and fails below
# the bars: seeds (gold we did not write) entity F1 >= 0.80, relation F1 >=
# 0.50; our own samples/ entity F1 >= 0.90, relation F1 >= 0.70.
set -euo pipefail
: "${FG_BIN:?}" "${FG_SOURCE_DIR:?}" "${FG_SHARED_DIR:?}"
score="$FG_SHARED_DIR/eval/score.py"
if [ ! -f "$score" ]; then
    echo "score.py not found at $score (is ../shared beside the checkout?)" >&2
    exit 1
fi
tool="$FG_BIN build {in} --output {out}"
passed=0 failed=0
run() {
    local name=$1 dir=$2 ent=$3 rel=$4
    echo "== $name ($dir): bars entity $ent, relation $rel"
    if /usr/bin/python3 "$score" "$dir" --tool "$tool" --min-ent "$ent" --min-rel "$rel"; then
        passed=$((passed + 1))
    else
        echo "FAIL: $name below its bar" >&2
        failed=$((failed + 1))
    fi
}
run seeds "$FG_SHARED_DIR/eval/seeds" 0.80 0.50
run samples "$FG_SOURCE_DIR/samples" 0.90 0.70
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
