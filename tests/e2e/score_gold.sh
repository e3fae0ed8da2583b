#!/usr/bin/env bash
# Scores extraction against gold with ../shared/eval/score.py and fails below
# the bars, on three sets:
#   seeds   (gold we did not write)            entity F1 >= 0.95, relation F1 >= 0.80
#   samples (our training articles)            entity F1 >= 0.90, relation F1 >= 0.70
#   samples/heldout (never developed against)  entity F1 >= 0.90, relation F1 >= 0.70
# and wherever relation F1 is reported, relation precision must stay >= 0.90:
# a wrong edge misleads an analyst, a missing one is only missing.
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
    local name=$1 dir=$2 ent=$3 rel=$4 out
    echo "== $name ($dir): bars entity F1 $ent, relation F1 $rel, relation precision 0.90"
    if out=$(/usr/bin/python3 "$score" "$dir" --tool "$tool" --min-ent "$ent" --min-rel "$rel"); then
        passed=$((passed + 1))
    else
        echo "FAIL: $name below its F1 bar" >&2
        failed=$((failed + 1))
    fi
    echo "$out" | tail -2
    local p
    p=$(echo "$out" | sed -n 's/^TOTAL.* relations P=\([0-9.]*\) .*/\1/p')
    if awk -v p="$p" 'BEGIN { exit !(p >= 0.90) }'; then
        passed=$((passed + 1))
    else
        echo "FAIL: $name relation precision $p below 0.90" >&2
        failed=$((failed + 1))
    fi
}
run seeds "$FG_SHARED_DIR/eval/seeds" 0.95 0.80
run samples "$FG_SOURCE_DIR/samples" 0.90 0.70
run heldout "$FG_SOURCE_DIR/samples/heldout" 0.90 0.70
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
