#!/usr/bin/env python3
"""gen-lexicons.py: write the generated gazetteers of the entity tagger.

Reads Debian's iso-codes JSON files (package iso-codes) and writes plain
UTF-8 lists, one entry per line, sorted, into the data folder:

  countries.txt   country names: ISO 3166-1 names, common and official names,
                  former countries of ISO 3166-3, and the usual short forms
                  news uses ("U.S.", "Britain", "South Korea")
  regions.txt     first-level subdivisions of ISO 3166-2 (states, provinces,
                  regions) whose names are one to four words
  languages.txt   languages of ISO 639-2 that have a two-letter code

The hand-written lists (demonyms, org-suffixes, person-titles, first-names,
cities) live in data/ as they are; this script does not touch them.

usage: gen-lexicons.py [ISO_CODES_JSON_DIR [DATA_DIR]]
Python standard library only; the output depends only on the input files.
"""
import json
import os
import re
import sys

SRC = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/iso-codes/json"
OUT = sys.argv[2] if len(sys.argv) > 2 else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "data")

# Short forms news uses that ISO does not list.
COUNTRY_ALIASES = [
    "America", "U.S.", "U.S.A.", "US", "USA", "United States of America",
    "Britain", "Great Britain", "U.K.", "UK", "England", "Scotland", "Wales",
    "Northern Ireland", "Holland", "Russia", "Soviet Union", "USSR",
    "South Korea", "North Korea", "Korea", "Iran", "Syria", "Vietnam",
    "Laos", "Taiwan", "Bolivia", "Venezuela", "Tanzania", "Moldova",
    "Macedonia", "Czech Republic", "Czechia", "Slovakia", "Ivory Coast",
    "Burma", "Myanmar", "Congo", "Zaire", "Yugoslavia", "Serbia",
    "Montenegro", "Bosnia", "Herzegovina", "Bosnia-Herzegovina",
    "Czechoslovakia", "East Germany", "West Germany", "Palestine",
    "Vatican", "Vatican City", "Brunei", "Micronesia", "Cape Verde",
    "Swaziland", "East Timor", "Kosovo", "Chechnya", "Tibet", "Abkhazia",
    "Nagorno-Karabakh", "Karabakh", "Artsakh", "Kurdistan", "UAE",
    "Emirates", "Dubai", "Hong Kong", "Macau", "Macao", "Gaza",
    "West Bank", "Crimea", "Transnistria", "South Ossetia", "Zimbabwe",
]


def load(name, key):
    with open(os.path.join(SRC, name), encoding="utf-8") as f:
        return json.load(f)[key]


def clean(name):
    """A list entry from an ISO name, or None when it reads badly as text."""
    name = name.strip()
    if not name or any(c in name for c in ",()[]/;"):
        return None
    return re.sub(r"\s+", " ", name)


def write(fname, entries):
    entries = sorted({e for e in entries if e})
    path = os.path.join(OUT, fname)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for e in entries:
            f.write(e + "\n")
    print(f"{os.path.relpath(path)}: {len(entries)} entries")


def main():
    countries = set(COUNTRY_ALIASES)
    for c in load("iso_3166-1.json", "3166-1"):
        for k in ("name", "common_name", "official_name"):
            if k in c:
                countries.add(clean(c[k]))
    for c in load("iso_3166-3.json", "3166-3"):
        n = c["name"]
        # "Zaire, Republic of" -> "Zaire"; keep the part before the comma
        countries.add(clean(n.split(",")[0]))
    write("countries.txt", countries)

    regions = set()
    for s in load("iso_3166-2.json", "3166-2"):
        if "parent" in s:       # second-level units: too many, too obscure
            continue
        n = clean(s["name"])
        if n and 1 <= len(n.split()) <= 4 and not n[0].isdigit():
            regions.add(n)
    write("regions.txt", regions)

    langs = set()
    for l in load("iso_639-2.json", "639-2"):
        if "alpha_2" not in l:
            continue
        for part in l["name"].split(";"):
            n = clean(part)
            if n and len(n.split()) <= 2:
                langs.add(n)
    write("languages.txt", langs)


if __name__ == "__main__":
    main()
