#!/usr/bin/env python3
"""tests/validate_dossier.py DOSSIER.json [--files]

Checks a dossier against the contract: the JSON Schema of
../shared/spec (or spec/report.schema.json in the repository), and the rules
the schema cannot say: ids unique, references resolve, every `text` beside
offsets equals the bytes it points at (needs --with-text; entities'
mentions and title "references" too), boilerplate spans
inside the text, sorted and disjoint, lists in document order.  With --files,
a plain-text document's text must equal its source file's bytes exactly.
Prints each problem and exits 1 if there is any.
"""
import json
import os
import sys

import jsonschema

here = os.path.dirname(os.path.abspath(__file__))
schema_path = os.path.join(here, "..", "spec", "report.schema.json")
problems = []


def bad(msg):
    problems.append(msg)


def main():
    path = sys.argv[1]
    check_files = "--files" in sys.argv[2:]
    with open(path, "rb") as f:
        raw = f.read()
    d = json.loads(raw.decode("utf-8"))
    with open(schema_path) as f:
        schema = json.load(f)
    v = jsonschema.Draft202012Validator(schema)
    for e in sorted(v.iter_errors(d), key=lambda e: list(e.path)):
        bad("schema: %s at %s" % (e.message[:200], "/".join(map(str, e.path))))
    if problems:
        return
    docs = {}
    for doc in d["documents"]:
        if doc["id"] in docs:
            bad("duplicate document id %s" % doc["id"])
        docs[doc["id"]] = doc
        text = doc.get("text")
        if text is not None:
            b = text.encode("utf-8")
            if len(b) != doc["bytes"]:
                bad("%s: bytes %d but text has %d" % (doc["id"], doc["bytes"], len(b)))
            if check_files and os.path.isfile(doc["source"]) and not doc["source"].endswith((".html", ".htm", ".jsonl")):
                with open(doc["source"], "rb") as f:
                    if f.read() != b:
                        bad("%s: text differs from the bytes of %s" % (doc["id"], doc["source"]))
        last = 0
        for sp in doc["boilerplate"]:
            if not (last <= sp["start"] < sp["end"] <= doc["bytes"]):
                bad("%s: boilerplate span %r out of order or bounds" % (doc["id"], sp))
            last = sp["end"]
    for s in d["stories"]:
        for ref in s["documents"]:
            if ref not in docs:
                bad("story %s names unknown document %s" % (s["id"], ref))

    def located(kind, item):
        doc = docs.get(item["doc"])
        if doc is None:
            bad("%s names unknown document %s" % (kind, item["doc"]))
            return
        if "text" not in doc:
            return
        b = doc["text"].encode("utf-8")
        if not (0 <= item["start"] <= item["end"] <= len(b)):
            bad("%s: offsets %d-%d outside %s" % (kind, item["start"], item["end"], item["doc"]))
        elif b[item["start"]:item["end"]].decode("utf-8", "replace") != item["text"]:
            bad("%s: text %r is not the bytes at %s %d-%d" % (kind, item["text"][:60], item["doc"], item["start"], item["end"]))

    order = {doc["id"]: i for i, doc in enumerate(d["documents"])}
    for kind in ("quotes", "times", "quantities"):
        prev = None
        for item in d[kind]:
            located(kind, item)
            key = (order.get(item["doc"], 0), item["start"])
            if prev is not None and key < prev:
                bad("%s not in document order at %r" % (kind, item.get("text", "")[:40]))
            prev = key
    for e in d["entities"]:
        for m in e["mentions"]:
            located("entity %s mention" % e["id"], m)
        # titles standing for the entity ("the Azerbaijani president"): an
        # extra field the schema allows, located like the mentions
        refs = e.get("references", [])
        if not isinstance(refs, list):
            bad("entity %s: references is not a list" % e["id"])
            continue
        prev = None
        for r in refs:
            if not isinstance(r, dict) or any(k not in r for k in ("doc", "start", "end", "text", "boilerplate")):
                bad("entity %s: reference %r lacks doc, start, end, text or boilerplate" % (e["id"], r))
                continue
            located("entity %s reference" % e["id"], r)
            key = (order.get(r["doc"], 0), r["start"])
            if prev is not None and key < prev:
                bad("entity %s: references not in document order at %r" % (e["id"], r["text"][:40]))
            prev = key
    for f in d["facts"]:
        for c in f["claims"]:
            located("fact %s claim" % f["id"], c)


if __name__ == "__main__":
    main()
    for p in problems[:50]:
        print(p)
    if problems:
        print("%d problems" % len(problems))
        sys.exit(1)
    print("valid")
