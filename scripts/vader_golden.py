#!/usr/bin/env python3
"""Golden scores of vaderSentiment 3.3.2 for slant's `vader` engine parity tests.

    pip install vaderSentiment==3.3.2
    python3 scripts/vader_golden.py eval ../shared/eval/vader > tests/fixtures/sentiment/vader_golden.tsv
    python3 scripts/vader_golden.py rules tests/fixtures/sentiment/vader_rules.txt \
        > tests/fixtures/sentiment/vader_rules_golden.tsv

`eval`: for every row of the four human-rated files (`id<TAB>rating<TAB>text`), writes
`file<TAB>id<TAB>neg<TAB>neu<TAB>pos<TAB>compound` -- never the text: the texts stay in
../shared/eval and the Rust test reads them from there.
`rules`: for every line of slant's own rule-exercising sentences (one text a line, `#` comments
skipped), writes `line number<TAB>neg<TAB>neu<TAB>pos<TAB>compound`.
Lines are split on '\n' only (a trailing '\r' dropped), as Rust's `str::lines` does.
"""
import os
import sys

import vaderSentiment
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

FILES = [
    "tweets_GroundTruth.tsv",
    "nytEditorialSnippets_GroundTruth.tsv",
    "movieReviewSnippets_GroundTruth.tsv",
    "amazonReviewSnippets_GroundTruth.tsv",
]


def lines(path):
    with open(path, encoding="utf-8", newline="") as f:
        for n, line in enumerate(f.read().split("\n"), start=1):
            if line.endswith("\r"):
                line = line[:-1]
            yield n, line


def fmt(s):
    return "\t".join(repr(float(s[k])) for k in ("neg", "neu", "pos", "compound"))


def main():
    mode, src = sys.argv[1], sys.argv[2]
    sia = SentimentIntensityAnalyzer()
    out = sys.stdout
    if mode == "eval":
        out.write("# vaderSentiment 3.3.2 polarity_scores on ../shared/eval/vader (texts not included)\n")
        out.write("# file\tid\tneg\tneu\tpos\tcompound\n")
        for name in FILES:
            for _, line in lines(os.path.join(src, name)):
                if not line.strip():
                    continue
                ident, _rating, text = line.split("\t", 2)
                out.write(f"{name}\t{ident}\t{fmt(sia.polarity_scores(text))}\n")
    elif mode == "rules":
        out.write("# vaderSentiment 3.3.2 polarity_scores on tests/fixtures/sentiment/vader_rules.txt\n")
        out.write("# line\tneg\tneu\tpos\tcompound\n")
        for n, line in lines(src):
            if not line or line.startswith("#"):
                continue
            out.write(f"{n}\t{fmt(sia.polarity_scores(line))}\n")
    else:
        sys.exit(f"unknown mode {mode}")


if __name__ == "__main__":
    main()
