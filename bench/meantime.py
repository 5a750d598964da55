#!/usr/bin/env python3
"""bench/meantime.py: crosscheck's cross-document entity merging measured on
the cross-document entity coreference of the MEANTIME corpus (NewsReader,
English Wikinews, CC BY 4.0).

MEANTIME's intra_cross-doc_annotation holds four topic corpora (airbus,
apple, gm, stock) of 30 articles each, tokenized, with entity mentions
(ENTITY_MENTION: token spans) linked by REFERS_TO to entity instances that
carry a corpus-wide instance_id: two mentions with the same instance_id are
the same entity, in one document or across documents.

For each topic corpus this script
  1. turns every article back into plain text (tokens joined with spaces,
     no space before closing punctuation, one sentence per line) and keeps
     each token's byte offsets;
  2. runs `crosscheck report --json` on the corpus's documents together
     (one story, so every entity is merged across the 30 articles), and
     `crosscheck analyze` for the same documents without merging;
  3. aligns each gold mention with a crosscheck mention of the same
     document that overlaps it (byte overlap): the one that holds the gold
     mention's last byte (where the head of an English noun phrase is),
     else the one that overlaps most;
  4. scores BCubed precision, recall and F1 over the gold mentions that
     crosscheck also found (crosscheck finds names only, while MEANTIME
     also marks pronouns and common-noun phrases, so the share of gold
     mentions found is printed too).

The per-document line scores the same mentions with crosscheck's entities
before the merge (each document's entities apart), which is what the merge
has to improve on.

Usage: python3 bench/meantime.py [--data DIR] [--crosscheck BIN] [--keep DIR]
(from the repository root; defaults: ../shared/data/meantime, build/crosscheck).
Standard library only.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "}", "'s", "'", "n't", "%", "'re",
                   "'ve", "'ll", "'d", "'m", "''"}
NO_SPACE_AFTER = {"(", "[", "{", "$", "``"}


def read_article(path):
    """Text (str), token byte spans {t_id: (start, end)}, gold mentions
    [(start, end, instance_id)] of one MEANTIME XML file."""
    root = ET.parse(path).getroot()
    pieces, spans = [], {}
    nbytes, prev_sent, prev_tok = 0, None, None
    for tok in root.iter("token"):
        word = tok.text or ""
        sent = tok.get("sentence")
        if prev_sent is not None:
            if sent != prev_sent:
                sep = "\n"
            elif word in NO_SPACE_BEFORE or prev_tok in NO_SPACE_AFTER:
                sep = ""
            else:
                sep = " "
            pieces.append(sep)
            nbytes += len(sep.encode())
        spans[tok.get("t_id")] = (nbytes, nbytes + len(word.encode()))
        pieces.append(word)
        nbytes += len(word.encode())
        prev_sent, prev_tok = sent, word
    pieces.append("\n")
    text = "".join(pieces)

    markables = root.find("Markables")
    mentions, instance = {}, {}
    if markables is not None:
        for m in markables.findall("ENTITY_MENTION"):
            toks = [a.get("t_id") for a in m.findall("token_anchor")]
            toks = [spans[t] for t in toks if t in spans]
            if toks:
                mentions[m.get("m_id")] = (min(s for s, _ in toks), max(e for _, e in toks))
        for e in markables.findall("ENTITY"):
            if e.get("instance_id"):
                instance[e.get("m_id")] = e.get("instance_id")
    gold = []
    relations = root.find("Relations")
    if relations is not None:
        for r in relations.findall("REFERS_TO"):
            target = r.find("target")
            if target is None or target.get("m_id") not in instance:
                continue
            inst = instance[target.get("m_id")]
            for s in r.findall("source"):
                if s.get("m_id") in mentions:
                    start, end = mentions[s.get("m_id")]
                    gold.append((start, end, inst))
    return text, gold


def align(gold, system):
    """For each gold mention (doc, start, end, gold id): the system cluster
    of the system mention (doc, start, end, cluster) of the same document
    that overlaps it most, or None."""
    by_doc = {}
    for doc, s, e, c in system:
        by_doc.setdefault(doc, []).append((s, e, c))
    out = []
    for doc, s, e, g in gold:
        # the head of an English noun phrase is at its end: prefer the
        # system mention holding the gold mention's last byte ("General
        # Motors" in "the largest car manufacturer General Motors"), then
        # the one overlapping most
        best, best_key = None, None
        for ss, se, c in by_doc.get(doc, []):
            ov = min(e, se) - max(s, ss)
            if ov <= 0:
                continue
            key = (ss < e <= se, ov)
            if best_key is None or key > best_key:
                best, best_key = c, key
        out.append(best)
    return out


def bcubed(pairs):
    """BCubed precision and recall of [(gold cluster, system cluster)]."""
    if not pairs:
        return 0.0, 0.0
    by_sys, by_gold, both = {}, {}, {}
    for g, s in pairs:
        by_sys[s] = by_sys.get(s, 0) + 1
        by_gold[g] = by_gold.get(g, 0) + 1
        both[(g, s)] = both.get((g, s), 0) + 1
    p = sum(both[(g, s)] / by_sys[s] for g, s in pairs) / len(pairs)
    r = sum(both[(g, s)] / by_gold[g] for g, s in pairs) / len(pairs)
    return p, r


def f1(p, r):
    return 2 * p * r / (p + r) if p + r else 0.0


def run(cmd):
    res = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
    if res.returncode != 0:
        sys.exit("%s failed: %s" % (" ".join(cmd), res.stderr.decode(errors="replace")[:500]))
    return res.stdout.decode()


def score_corpus(name, cdir, binary, workdir):
    files = sorted(f for f in os.listdir(cdir) if f.endswith(".xml"))
    outdir = os.path.join(workdir, name)
    os.makedirs(outdir, exist_ok=True)
    gold = []
    for i, f in enumerate(files):
        text, g = read_article(os.path.join(cdir, f))
        fname = "%03d.txt" % i
        with open(os.path.join(outdir, fname), "w", encoding="utf-8") as out:
            out.write(text)
        gold.extend((fname, s, e, inst) for s, e, inst in g)

    dossier = json.loads(run([binary, "report", "--json", outdir]))
    doc_file = {d["id"]: os.path.basename(d["source"]) for d in dossier["documents"]}
    merged = [(doc_file[m["doc"]], m["start"], m["end"], e["id"])
              for e in dossier["entities"] for m in e["mentions"]]

    apart = []
    for line in run([binary, "analyze", outdir]).splitlines():
        d = json.loads(line)
        fname = os.path.basename(d["source"])
        for e in d["entities"]:
            for m in e["mentions"]:
                apart.append((fname, m["start"], m["end"], (fname, e["id"])))

    sys_merged = align(gold, merged)
    sys_apart = align(gold, apart)
    found = [(g[3], s) for g, s in zip(gold, sys_merged) if s is not None]
    found_apart = [(g[3], s) for g, s in zip(gold, sys_apart) if s is not None]
    return len(gold), found, found_apart


def line(label, ngold, found, found_apart):
    p, r = bcubed(found)
    pa, ra = bcubed(found_apart)
    share = len(found) / ngold if ngold else 0.0
    return ("%-14s gold mentions %5d, found %5d (%4.1f%%)  BCubed P %.3f R %.3f F1 %.3f"
            "  (per-document only: P %.3f R %.3f F1 %.3f)"
            % (label, ngold, len(found), 100 * share, p, r, f1(p, r), pa, ra, f1(pa, ra)))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default="../shared/data/meantime")
    ap.add_argument("--crosscheck", default="build/crosscheck")
    ap.add_argument("--keep", help="write the plain-text corpora here and keep them")
    a = ap.parse_args()
    base = os.path.join(a.data, "intra_cross-doc_annotation")
    if not os.path.isdir(base):
        sys.exit("no MEANTIME corpus at %s" % base)
    binary = os.path.abspath(a.crosscheck)
    print("MEANTIME cross-document entity coreference; BCubed over the gold mentions"
          " crosscheck also found (names; MEANTIME also marks pronouns and nominals)")
    work = a.keep or tempfile.mkdtemp(prefix="meantime-")
    total_gold, total_found, total_apart = 0, [], []
    for name in sorted(os.listdir(base)):
        cdir = os.path.join(base, name)
        if not os.path.isdir(cdir):
            continue
        ngold, found, found_apart = score_corpus(name, cdir, binary, work)
        print(line(name, ngold, found, found_apart))
        total_gold += ngold
        # clusters are per corpus: keep them apart when pooling
        total_found += [((name, g), (name, s)) for g, s in found]
        total_apart += [((name, g), (name, s)) for g, s in found_apart]
    print(line("overall", total_gold, total_found, total_apart))
    if not a.keep:
        subprocess.run(["rm", "-rf", work], check=False)


if __name__ == "__main__":
    main()
