#!/usr/bin/env python3
"""Mine the cue lexicon from a PolNeAR-style gold set (standard library only).

    python3 crates/verbatim-statements/tools/mine_cues.py /work/shared/eval/polnear-train \
        > crates/verbatim-statements/data/cues.tsv

For every lower-cased word form: how often it heads a gold cue (the cue's first word that
is not an auxiliary or adverb) and how often it occurs at all. The stage turns the ratio
into a prior and adjusts it by context at run time.
"""
import collections
import json
import os
import re
import sys

WORD = re.compile(r"\w+(?:['’]\w+)*")
# Words that open a cue without carrying it ("has said", "also told").
SKIP = set("""has have had is are was were be been being also will would could should can may
might did does do not never n't later earlier previously repeatedly again reportedly then
recently once already just still even publicly privately further often always first initially
quickly flatly separately too don't didn't doesn't won't wouldn't can't couldn't isn't wasn't
aren't weren't hasn't haven't hadn't""".split())
MIN_TOTAL = 2
MIN_RATIO = 0.04


QUOTES = "\"'“”‘’«»„‚`"
DET = set("the a an his her their its our my your this these those no any every each some such".split())
PRON = set("he she they it we i you him them us me".split())


def next_class(text, end):
    """The class of what follows a word, as the stage computes it (lib.rs `next_class`)."""
    rest = text[end : end + 40].lstrip()
    if not rest:
        return "end"
    c = rest[0]
    if c in QUOTES:
        return "quote"
    if c in ",:;.":
        return {",": "comma", ":": "colon", ";": "stop", ".": "stop"}[c]
    m = WORD.match(rest)
    if not m:
        return "other"
    w = m.group().lower()
    if w in ("that", "to", "for", "on", "of", "by", "as", "in", "about", "with"):
        return w
    if w in DET:
        return "det"
    if w in PRON:
        return "pron"
    if m.group()[0].isupper():
        return "cap"
    return "word"


def main(gold_dir):
    cue, total = collections.Counter(), collections.Counter()
    ccue, ctotal = collections.Counter(), collections.Counter()
    with open(os.path.join(gold_dir, "gold.jsonl"), encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            raw = open(os.path.join(gold_dir, "texts", d["doc"]), "rb").read()
            heads = set()
            for a in d["attributions"]:
                for s, e in a["cue"][:1]:
                    for m in WORD.finditer(raw[s:e].decode("utf-8", "replace")):
                        if m.group().lower() not in SKIP:
                            heads.add(s + len(raw[s:e].decode("utf-8", "replace")[: m.start()].encode()))
                            break
            text = raw.decode("utf-8", "replace")
            pos, last = 0, 0
            for m in WORD.finditer(text):
                pos += len(text[last : m.start()].encode())
                w = m.group().lower().replace("’", "'")
                total[w] += 1
                nc = next_class(text, m.end())
                ctotal[(w, nc)] += 1
                if pos in heads:
                    cue[w] += 1
                    ccue[(w, nc)] += 1
                pos += len(m.group().encode())
                last = m.end()
    print("# form\tcue_count\ttotal[\tnext_class] (mined by tools/mine_cues.py from polnear-train)")
    kept = set()
    for w, c in sorted(cue.items(), key=lambda kv: (-kv[1], kv[0])):
        if total[w] >= MIN_TOTAL and c / total[w] >= MIN_RATIO and c >= 1:
            print(f"{w}\t{c}\t{total[w]}")
            kept.add(w)
    # Per following-word class, where the form is frequent enough to tell.
    for (w, nc), t in sorted(ctotal.items()):
        if w in kept and t >= 4:
            print(f"{w}\t{ccue[(w, nc)]}\t{t}\t{nc}")


if __name__ == "__main__":
    main(sys.argv[1])
