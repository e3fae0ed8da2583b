#!/usr/bin/env python3
"""Check the hand-written gold files in this folder (or those given as arguments).

Checks: valid JSON with the keys of ../shared/eval/README.md; entity and relation
types from SCHEMA.md; unique entity ids; every mention occurs in the article text
and belongs to one entity only; every src/dst/alt names an entity id; every
`sentence` occurs in the article; no triple stated twice; the optional extra keys
(status, amount, quantity, date) well formed.  Prints counts per file.
"""
import glob, json, os, re, sys

NODE_TYPES = {"company", "chip", "government", "person", "model", "organization", "place"}
EDGE_TYPES = {"orders", "supplies", "bans", "permits", "funds", "develops", "manufactures",
              "uses", "competes", "partners", "investigates", "leads", "part_of"}
STATUS = {"planned", "considered", "reported", "denied"}
SYMMETRIC = {"competes", "partners"}
REL_KEYS = {"src", "type", "dst", "sentence", "note", "alt", "optional",
            "status", "amount", "quantity", "date"}


def check(path):
    errs = []
    g = json.load(open(path, encoding="utf-8"))
    here = os.path.dirname(path)
    if set(g) - {"doc", "lang", "entities", "relations"}:
        errs.append(f"unknown top-level keys {set(g) - {'doc', 'lang', 'entities', 'relations'}}")
    if g.get("doc") != os.path.basename(path).replace(".gold.json", ".txt"):
        errs.append(f"doc {g.get('doc')!r} does not match the file name")
    if g.get("lang") not in ("ja", "en"):
        errs.append(f"lang {g.get('lang')!r}")
    text = open(os.path.join(here, g["doc"]), encoding="utf-8").read()
    ids, owner = set(), {}
    for e in g["entities"]:
        if e["id"] in ids:
            errs.append(f"duplicate entity id {e['id']}")
        ids.add(e["id"])
        if e["type"] not in NODE_TYPES:
            errs.append(f"entity {e['id']}: bad type {e['type']}")
        if not e.get("mentions"):
            errs.append(f"entity {e['id']}: no mentions")
        for m in e.get("mentions", []):
            if m not in text:
                errs.append(f"entity {e['id']}: mention {m!r} not in text")
            if m in owner and owner[m] != e["id"]:
                errs.append(f"mention {m!r} in both {owner[m]} and {e['id']}")
            owner[m] = e["id"]
    seen = set()
    for i, r in enumerate(g["relations"]):
        tag = f"relation {i} ({r.get('src')} {r.get('type')} {r.get('dst')})"
        if set(r) - REL_KEYS:
            errs.append(f"{tag}: unknown keys {set(r) - REL_KEYS}")
        if r["type"] not in EDGE_TYPES:
            errs.append(f"{tag}: bad type")
        for t in [[r["src"], r["type"], r["dst"]]] + r.get("alt", []):
            if len(t) != 3 or t[1] not in EDGE_TYPES:
                errs.append(f"{tag}: bad triple {t}")
            for x in (t[0], t[2]):
                if x not in ids:
                    errs.append(f"{tag}: {x!r} is not an entity id")
        k = (r["type"], *sorted((r["src"], r["dst"]))) if r["type"] in SYMMETRIC else (r["src"], r["type"], r["dst"])
        if k in seen:
            errs.append(f"{tag}: triple listed twice")
        seen.add(k)
        if "sentence" not in r or r["sentence"] not in text:
            errs.append(f"{tag}: sentence not in text")
        if "status" in r and r["status"] not in STATUS:
            errs.append(f"{tag}: bad status {r['status']}")
        if "amount" in r:
            a = r["amount"]
            if not (isinstance(a, dict) and isinstance(a.get("value"), (int, float))
                    and re.fullmatch(r"[A-Z]{3}", str(a.get("currency")))):
                errs.append(f"{tag}: bad amount {a}")
        if "quantity" in r and not isinstance(r["quantity"], int):
            errs.append(f"{tag}: bad quantity")
        if "date" in r and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", r["date"]):
            errs.append(f"{tag}: bad date {r['date']}")
        if r.get("status") == "denied" and not r.get("optional"):
            errs.append(f"{tag}: a denied fact should be optional")
    ents = g["entities"]; rels = g["relations"]
    counts = (len([e for e in ents if not e.get("optional")]), len(ents),
              len([r for r in rels if not r.get("optional")]), len(rels))
    return errs, counts


def main():
    paths = sys.argv[1:] or sorted(glob.glob(os.path.join(os.path.dirname(os.path.abspath(__file__)), "*.gold.json")))
    bad = 0
    for p in paths:
        errs, (ne, nea, nr, nra) = check(p)
        print(f"{os.path.basename(p)}: entities {ne} (+{nea - ne} optional), relations {nr} (+{nra - nr} optional)"
              + ("" if not errs else f"  {len(errs)} ERRORS"))
        for e in errs:
            print("   ", e)
        bad += bool(errs)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
