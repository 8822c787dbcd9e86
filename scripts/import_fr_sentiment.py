#!/usr/bin/env python3
"""Converts the French sentiment lexicons of two PyPI packages into slant's TSV files.

Usage (from the repository root):

    pip download vaderSentiment-fr==1.3.4 textblob-fr==0.2.0 --no-deps -d /tmp/fr-pkgs
    python3 scripts/import_fr_sentiment.py /tmp/fr-pkgs lexicons/fr

Scores are copied unchanged; rescaling happens in the engine, as declared in
lexicons/fr/sentiment-rules.tsv (see lexicons/README.md, "French sentiment").
"""
import sys
import tarfile
import zipfile
import xml.etree.ElementTree as ET
from pathlib import Path

pkgs, out = Path(sys.argv[1]), Path(sys.argv[2])

vader_tar = tarfile.open(pkgs / "vaderSentiment_fr-1.3.4.tar.gz")
def member(name):
    return vader_tar.extractfile(f"vaderSentiment_fr-1.3.4/{name}").read().decode("utf-8")

rows = []
for line in member("vaderSentiment_fr/fr_lexicon.txt").splitlines():
    if not line.strip():
        continue
    word, score = line.strip().split("->")[:2]
    if "\t" in word or word.startswith("#"):
        raise SystemExit(f"unexpected entry {word!r}")
    rows.append((word, float(score)))
with open(out / "sentiment-vader-fr.tsv", "w", encoding="utf-8") as f:
    f.write("# word<TAB>valence (-4..4). Source: vaderSentiment-fr 1.3.4 (PyPI), file\n")
    f.write("# vaderSentiment_fr/fr_lexicon.txt (`word->valence` rows), copied unchanged.\n")
    f.write("# Licence: MIT (LICENSE.txt of the package, (c) 2016 C.J. Hutto; package metadata\n")
    f.write("# `License: MIT`, authors Olivier Deprez, Thomas Ek). See LICENSE-vaderSentiment-fr.\n")
    for w, s in rows:
        f.write(f"{w}\t{s:g}\n")

emoji = []
for line in member("vaderSentiment_fr/emojis_fr.txt").splitlines():
    if not line.strip():
        continue
    e, desc = line.rstrip("\n").split("\t")[:2]
    emoji.append((e, desc.strip()))
with open(out / "emoji-vader-fr.tsv", "w", encoding="utf-8") as f:
    f.write("# emoji<TAB>French description. Source: vaderSentiment-fr 1.3.4 (PyPI), file\n")
    f.write("# vaderSentiment_fr/emojis_fr.txt, copied unchanged. Licence: MIT, see\n")
    f.write("# LICENSE-vaderSentiment-fr. The engine scores an emoji as its description.\n")
    for e, d in emoji:
        f.write(f"{e}\t{d}\n")
(out / "LICENSE-vaderSentiment-fr").write_text(member("LICENSE.txt"), encoding="utf-8")

whl = zipfile.ZipFile(pkgs / "textblob_fr-0.2.0-py2.py3-none-any.whl")
xml = whl.read("textblob_fr/fr-sentiment.xml").decode("utf-8")
root = ET.fromstring(xml.encode("utf-8"))
assert root.get("license") == "PDDL", root.attrib
with open(out / "sentiment-pattern-fr.tsv", "w", encoding="utf-8") as f:
    f.write("# word<TAB>polarity (-1..1)<TAB>subjectivity<TAB>intensity<TAB>confidence<TAB>pos\n")
    f.write("# Source: textblob-fr 0.2.0 (PyPI), file textblob_fr/fr-sentiment.xml: Pattern's French\n")
    f.write(f"# adjective lexicon, <sentiment language=\"fr\" version=\"{root.get('version')}\" "
            f"author=\"{root.get('author')}\" license=\"PDDL\">.\n")
    f.write("# Licence: PDDL (Open Data Commons Public Domain Dedication and License), as declared\n")
    f.write("# in the file itself; see LICENSE-pattern-fr. Rows copied unchanged, in file order.\n")
    for w in root.iter("word"):
        f.write("\t".join([w.get("form"), w.get("polarity"), w.get("subjectivity"),
                           w.get("intensity"), w.get("confidence"), w.get("pos") or "-"]) + "\n")
meta = whl.read("textblob_fr-0.2.0.dist-info/METADATA").decode("utf-8")
print(meta.split("Description:")[0])
