#!/usr/bin/env python3
"""Writes lexicons/en/vader-rules.tsv from the installed vaderSentiment 3.3.2 module.

    pip install vaderSentiment==3.3.2
    python3 scripts/export_vader_rules.py > lexicons/en/vader-rules.tsv

The values are read from the module itself (not retyped), so the file is VADER's own data.
"""
import vaderSentiment
import vaderSentiment.vaderSentiment as v

assert vaderSentiment.__file__, "vaderSentiment not installed"

out = []
w = out.append
w("# VADER's rule data, copied from vaderSentiment 3.3.2 (site-packages/vaderSentiment/vaderSentiment.py),")
w("# MIT licence, (c) 2016 C.J. Hutto (en/LICENSE-vaderSentiment). Regenerate with")
w("# scripts/export_vader_rules.py. Used by src/score/sentiment/vader.rs (engines `vader`, `news-en`).")
w("# One row per line: kind<TAB>key<TAB>value. Kinds:")
w("#   constant  name, number        the module's scalars and the numbers inlined in its code")
w("#   booster   word or phrase, number   BOOSTER_DICT (B_INCR 0.293 / B_DECR -0.293)")
w("#   negate    word                 NEGATE")
w("#   special   phrase, number       SPECIAL_CASES (idioms and phrases containing lexicon words)")
w("#   idiom     phrase, number       SENTIMENT_LADEN_IDIOMS: defined but never applied by 3.3.2")
w("#                                  (_sentiment_laden_idioms_check is not called); kept as data")
w("")
w("# Module constants.")
w(f"constant\tB_INCR\t{v.B_INCR!r}")
w(f"constant\tB_DECR\t{v.B_DECR!r}")
w(f"constant\tC_INCR\t{v.C_INCR!r}")
w(f"constant\tN_SCALAR\t{v.N_SCALAR!r}")
w("# Numbers inlined in the 3.3.2 code (function named in the comment).")
w("constant\tnormalize_alpha\t15\t# normalize(score, alpha=15)")
w("constant\texclamation_weight\t0.292\t# _amplify_ep")
w("constant\texclamation_max\t4\t# _amplify_ep: at most 4 '!' count")
w("constant\tquestion_weight\t0.18\t# _amplify_qm: 2 or 3 '?'")
w("constant\tquestion_max_count\t3\t# _amplify_qm")
w("constant\tquestion_flood\t0.96\t# _amplify_qm: 4 or more '?'")
w("constant\tbut_before\t0.5\t# _but_check")
w("constant\tbut_after\t1.5\t# _but_check")
w("constant\tbooster_decay_2\t0.95\t# sentiment_valence: booster two words back")
w("constant\tbooster_decay_3\t0.9\t# sentiment_valence: booster three words back")
w("constant\tnever_so_this\t1.25\t# _negation_check: 'never so/this <word>'")
w("")
w("# BOOSTER_DICT, in the module's order.")
for k, val in v.BOOSTER_DICT.items():
    w(f"booster\t{k}\t{val!r}")
w("")
w("# NEGATE, in the module's order.")
for k in v.NEGATE:
    w(f"negate\t{k}")
w("")
w("# SPECIAL_CASES.")
for k, val in v.SPECIAL_CASES.items():
    w(f"special\t{k}\t{float(val)!r}")
w("")
w("# SENTIMENT_LADEN_IDIOMS (unused by 3.3.2's polarity_scores).")
for k, val in v.SENTIMENT_LADEN_IDIOMS.items():
    w(f"idiom\t{k}\t{float(val)!r}")
print("\n".join(out))
