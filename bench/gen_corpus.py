#!/usr/bin/python3
"""Synthetic news corpus for the benchmark: Japanese and English articles
built from sentence templates, naming entities drawn from the default
lexicon (data/lexicon.tsv: about 2,400 entities, 8,000 aliases), with filler
sentences that name nobody, as real articles have.

usage: gen_corpus.py OUTDIR [--mb SIZE] [--seed N] [--lexicon FILE]

Writes, for SIZE megabytes of article text split evenly between the two
languages:
  OUTDIR/ja.jsonl, OUTDIR/en.jsonl  one article per line: id, title, text, date
  OUTDIR/ja.txt,   OUTDIR/en.txt    the same articles as plain text (title
                                    line, body, blank line), for the
                                    baselines (cat, grep, mecab)
  OUTDIR/aliases.txt                every alias of the lexicon, one a line
                                    (grep -F -f / rg -F -f)
Deterministic for a given seed. Runs under Debian's /usr/bin/python3 with the
standard library only.
"""
import argparse
import json
import os
import random
import sys

# Templates: {company}, {company2}, {chip}, {gov}, {person}, {model}, {org},
# {n} (a number). Each states one fact the rules read (orders, supplies,
# bans, funds, develops, leads, partners, investigates, uses, competes).
JA_FACTS = [
    "{company}は{company2}に{chip}を供給すると発表した。",
    "{gov}は{company}への{chip}の輸出を禁止した。",
    "{company}は{company2}に{n}億ドルを出資した。",
    "{company}は新型半導体「{chip}」を開発した。",
    "{company}は{company2}から{chip}を約{n}万個調達する計画だ。",
    "{person}氏は{company}の最高経営責任者を務めている。",
    "{company}と{company2}は次世代パッケージ技術で提携した。",
    "{gov}は{company}に対する調査を開始した。",
    "{company}は自社のデータセンターで{chip}を採用した。",
    "{company}は生成AI「{model}」を開発したと明らかにした。",
    "関係者によると、{company}は{company2}と{chip}の大口契約を結んだ。",
    "{gov}は{company}による{company2}の買収を承認した。",
]
JA_FILLER = [
    "市場関係者は今後の需要動向を注視している。",
    "同社の株価は前日比で3%上昇した。",
    "業界では供給不足が来年まで続くとの見方が多い。",
    "詳細は来月にも明らかになる見通しだ。",
    "生成AIの普及でデータセンター向けの投資が拡大している。",
    "アナリストは半導体市況の回復が鮮明になってきたと指摘する。",
    "一方で、輸出規制の強化を懸念する声も根強い。",
    "会見では具体的な金額や時期については言及しなかった。",
    "新工場は2026年の稼働を目指しており、約2000人の雇用を見込む。",
    "競争は今後さらに激しくなりそうだ。",
]
EN_FACTS = [
    "{company} will supply {chip} chips to {company2}.",
    "{gov} banned exports of the {chip} to {company}.",
    "{company} invested ${n} billion in {company2}.",
    "{company} unveiled the {chip}, its newest accelerator.",
    "{company} ordered about {n},000 {chip} processors from {company2}.",
    "{person}, chief executive of {company}, said demand remained strong.",
    "{company} and {company2} announced a partnership on advanced packaging.",
    "{gov} opened an investigation into {company}.",
    "{company} uses {chip} chips in its data centers.",
    "{company} released {model}, a new large language model.",
    "{company} competes with {company2} in the accelerator market.",
    "{company} agreed to acquire {company2} for ${n} billion.",
]
EN_FILLER = [
    "Analysts expect demand to stay strong through next year.",
    "Shares rose 3 percent in early trading.",
    "The company did not disclose financial terms.",
    "Supply of advanced chips remains tight across the industry.",
    "Executives said the new plant would open in 2026 and employ about 2,000 people.",
    "Investors have poured money into data centers as generative AI spreads.",
    "Some lawmakers have called for tighter export rules.",
    "The talks are continuing, according to people familiar with the matter.",
    "Prices for memory chips have recovered since last year.",
    "Competition is expected to intensify.",
]
SLOTS = {
    "company": "company", "company2": "company", "chip": "chip", "gov": "government",
    "person": "person", "model": "model", "org": "organization",
}


def is_ja(alias):
    return any(ord(c) > 0x2E80 for c in alias)


def load_lexicon(path):
    """{type: {"ja": [aliases], "en": [aliases]}} and the list of all aliases."""
    by_type, aliases = {}, []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 3:
                continue
            ident, typ, names = cols[0], cols[1], cols[2].split("|")
            slot = by_type.setdefault(typ, {"ja": [], "en": []})
            for a in names:
                a = a.strip()
                if not a:
                    continue
                aliases.append(a)
                if is_ja(a):
                    slot["ja"].append(a)
                elif len(a) > 2 and a.isascii():
                    slot["en"].append(a)
            if ident.isascii() and ident not in slot["en"]:
                slot["en"].append(ident)
    return by_type, sorted(set(aliases))


def fill(template, lang, by_type, rng):
    values = {}
    for slot, typ in SLOTS.items():
        if "{" + slot + "}" in template:
            pool = by_type.get(typ, {}).get(lang) or by_type["company"][lang]
            v = rng.choice(pool)
            if slot == "company2":
                while v == values.get("company") and len(pool) > 1:
                    v = rng.choice(pool)
            values[slot] = v
    values["n"] = rng.randint(2, 90)
    return template.format(**values)


def article(lang, by_type, rng):
    facts, filler = (JA_FACTS, JA_FILLER) if lang == "ja" else (EN_FACTS, EN_FILLER)
    title = fill(rng.choice(facts), lang, by_type, rng).rstrip("。.")
    body = []
    for _ in range(rng.randint(12, 24)):
        if rng.random() < 0.45:
            body.append(fill(rng.choice(facts), lang, by_type, rng))
        else:
            body.append(rng.choice(filler))
    sep = "" if lang == "ja" else " "
    # paragraphs of two to four sentences
    paras, i = [], 0
    while i < len(body):
        k = rng.randint(2, 4)
        paras.append(sep.join(body[i:i + k]))
        i += k
    return title, "\n".join(paras)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("outdir")
    ap.add_argument("--mb", type=float, default=100.0, help="megabytes of text (default 100)")
    ap.add_argument("--seed", type=int, default=1)
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--lexicon", default=os.path.join(here, "..", "data", "lexicon.tsv"))
    args = ap.parse_args()

    by_type, aliases = load_lexicon(args.lexicon)
    os.makedirs(args.outdir, exist_ok=True)
    with open(os.path.join(args.outdir, "aliases.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(aliases) + "\n")
    rng = random.Random(args.seed)
    target = int(args.mb * 1e6 / 2)
    for lang in ("ja", "en"):
        written, n = 0, 0
        with open(os.path.join(args.outdir, lang + ".jsonl"), "w", encoding="utf-8") as jl, \
                open(os.path.join(args.outdir, lang + ".txt"), "w", encoding="utf-8") as tx:
            while written < target:
                title, text = article(lang, by_type, rng)
                n += 1
                date = "2024-%02d-%02d" % (rng.randint(1, 12), rng.randint(1, 28))
                jl.write(json.dumps({"id": "%s%07d" % (lang, n), "title": title, "text": text,
                                     "date": date}, ensure_ascii=False) + "\n")
                plain = title + "\n" + text + "\n\n"
                tx.write(plain)
                written += len(plain.encode("utf-8"))
        print("%s: %d articles, %.1f MB" % (lang, n, written / 1e6), file=sys.stderr)
    print("aliases: %d" % len(aliases), file=sys.stderr)


if __name__ == "__main__":
    main()
