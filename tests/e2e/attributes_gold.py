#!/usr/bin/env python3
"""Edge attributes against gold: for every gold relation (samples/*.gold.json)
that the tool also extracts, compare status, amount (value and currency),
quantity and date (normalized) with the gold file's hand-written values, and
fail below the bars. Facts the tool misses are the scorer's business
(score_gold.sh); this test checks what is attached to the facts it finds.

Run by /usr/bin/python3. Environment: FG_BIN, FG_SOURCE_DIR. Last line:
"N passed, M failed".
"""
import glob
import json
import os
import subprocess
import sys
import unicodedata

# Few gold dates and quantities exist (10 and 4 in samples/), so their bars are lower.
BARS = {"status": 0.85, "amount": 0.85, "quantity": 0.5, "date": 0.80}


def norm(s):
    return unicodedata.normalize("NFKC", s).casefold()


def predicted(bin_, path, gold):
    out = json.loads(subprocess.run([bin_, "build", "-q", path], capture_output=True,
                                    text=True, check=True).stdout)
    by_mention = {}
    for e in gold["entities"]:
        for m in e["mentions"] + [e["id"]]:
            by_mention[norm(m)] = e["id"]
    node_gold = {}
    for n in out["nodes"]:
        for m in n["mentions"] + [n["id"]]:
            if norm(m) in by_mention:
                node_gold[n["id"]] = by_mention[norm(m)]
                break
    return {(node_gold.get(l["source"]), l["type"], node_gold.get(l["target"])): l
            for l in out["links"]}


def compare(key, rel, link):
    """(want, got), or None when neither side states the attribute."""
    if key == "status":
        return rel.get("status"), link.get("status")
    if key == "amount":
        want = rel.get("amount")
        got = link.get("amount")
        want = (float(want["value"]), want["currency"]) if want else None
        got = (float(got), link.get("currency")) if got is not None else None
    elif key == "quantity":
        want = float(rel["quantity"]) if "quantity" in rel else None
        got = float(link["quantity"]) if "quantity" in link else None
    else:
        want, got = rel.get("date"), link.get("date_normalized")
    if want is None and got is None:
        return None
    return want, got


def main():
    bin_, src = os.environ["FG_BIN"], os.environ["FG_SOURCE_DIR"]
    tally = {k: [0, 0] for k in BARS}
    for g in sorted(glob.glob(os.path.join(src, "samples", "*.gold.json"))):
        gold = json.load(open(g, encoding="utf-8"))
        links = predicted(bin_, os.path.join(os.path.dirname(g), gold["doc"]), gold)
        for rel in gold["relations"]:
            link = links.get((rel["src"], rel["type"], rel["dst"]))
            if link is None:
                continue
            for key in BARS:
                pair = compare(key, rel, link)
                if pair is None:
                    continue
                tally[key][1] += 1
                if pair[0] == pair[1]:
                    tally[key][0] += 1
                else:
                    print(f"  {gold['doc']}: {rel['src']} {rel['type']} {rel['dst']}: "
                          f"{key} gold {pair[0]!r}, got {pair[1]!r}")
    passed = failed = 0
    for key, (ok, n) in tally.items():
        rate = ok / n if n else 1.0
        good = n > 0 and rate >= BARS[key]
        print(f"{'ok  ' if good else 'FAIL'} {key}: {ok}/{n} = {rate:.2f} (bar {BARS[key]})")
        passed += good
        failed += not good
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
