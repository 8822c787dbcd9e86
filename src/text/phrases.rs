//! Whole-word phrase matching over folded text, shared by entities, topics, boilerplate and
//! attribution cues.
//!
//! Patterns are folded ([`super::fold`]) so matching ignores case and accents, then compiled into
//! one Aho-Corasick automaton: one linear pass finds every phrase of a lexicon, however many.
//! Two pattern conventions, so lexicon files stay plain text:
//! - a trailing `*` matches any word continuation (`sanction*` matches `sanctions`);
//! - a pattern written entirely in capitals with at least two letters (`EU`, `OTAN`) must match
//!   in capitals in the original text too, so French `eu` (had) is not the European Union.

use aho_corasick::{AhoCorasick, MatchKind};

use super::Span;
use super::fold::{fold, fold_with_map};

/// One compiled pattern's extra conditions.
#[derive(Debug, Clone)]
struct PatternInfo {
    payload: u32,
    prefix: bool,
    case_exact: bool,
}

/// A found phrase: original byte span and the payload given with the pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhraseMatch {
    pub span: Span,
    pub payload: u32,
}

/// A compiled set of phrases.
#[derive(Debug, Clone)]
pub struct PhraseMatcher {
    ac: Option<AhoCorasick>,
    info: Vec<PatternInfo>,
}

/// Text folded once for matching, with the map back to original byte offsets.
#[derive(Debug, Clone)]
pub struct FoldedText {
    pub folded: String,
    pub map: Vec<u32>,
}

impl FoldedText {
    pub fn new(text: &str) -> Self {
        let (folded, map) = fold_with_map(text);
        FoldedText { folded, map }
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

impl PhraseMatcher {
    /// Compiles `(phrase, payload)` pairs. Empty phrases are ignored.
    pub fn new<'p>(patterns: impl IntoIterator<Item = (&'p str, u32)>) -> Self {
        let mut folded = Vec::new();
        let mut info = Vec::new();
        for (p, payload) in patterns {
            let p = p.trim();
            let (body, prefix) = match p.strip_suffix('*') {
                Some(b) => (b.trim_end(), true),
                None => (p, false),
            };
            if body.is_empty() {
                continue;
            }
            let letters: Vec<char> = body.chars().filter(|c| c.is_alphabetic()).collect();
            let case_exact = letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase());
            folded.push(fold(body));
            info.push(PatternInfo {
                payload,
                prefix,
                case_exact,
            });
        }
        let ac = if folded.is_empty() {
            None
        } else {
            Some(
                AhoCorasick::builder()
                    .match_kind(MatchKind::Standard)
                    .build(&folded)
                    .expect("phrase automaton builds"),
            )
        };
        PhraseMatcher { ac, info }
    }

    /// Number of patterns compiled.
    pub fn len(&self) -> usize {
        self.info.len()
    }

    pub fn is_empty(&self) -> bool {
        self.info.is_empty()
    }

    /// Non-overlapping whole-word matches in `original` (already folded as `ft`), preferring the
    /// longest match where candidates overlap, in text order.
    pub fn find(&self, original: &str, ft: &FoldedText) -> Vec<PhraseMatch> {
        let Some(ac) = &self.ac else {
            return Vec::new();
        };
        let hay = ft.folded.as_str();
        let mut cands: Vec<(usize, usize, u32)> = Vec::new();
        for m in ac.find_overlapping_iter(hay) {
            let info = &self.info[m.pattern().as_usize()];
            let (s, mut e) = (m.start(), m.end());
            if hay[..s].chars().next_back().is_some_and(is_word_char) {
                continue;
            }
            if info.prefix {
                // Extend to the end of the word.
                e += hay[e..]
                    .char_indices()
                    .find(|&(_, c)| !is_word_char(c))
                    .map(|(i, _)| i)
                    .unwrap_or(hay.len() - e);
            } else if hay[e..].chars().next().is_some_and(is_word_char) {
                continue;
            }
            let os = ft.map[s] as usize;
            let oe = if e >= ft.map.len() - 1 {
                original.len()
            } else {
                ft.map[e] as usize
            };
            if info.case_exact
                && original[os..oe]
                    .chars()
                    .any(|c| c.is_alphabetic() && !c.is_uppercase())
            {
                continue;
            }
            cands.push((os, oe, info.payload));
        }
        // Longest first among overlapping: sort by start, then longer first; sweep.
        cands.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        let mut out: Vec<PhraseMatch> = Vec::new();
        for (s, e, p) in cands {
            if let Some(last) = out.last_mut() {
                if (s as u32) < last.span.end {
                    // Overlap: keep the longer one.
                    if e - s > last.span.len() {
                        *last = PhraseMatch {
                            span: Span::new(s, e),
                            payload: p,
                        };
                    }
                    continue;
                }
            }
            out.push(PhraseMatch {
                span: Span::new(s, e),
                payload: p,
            });
        }
        out
    }

    /// The payload of the one pattern that spans the whole of `text`, if any ("U.S." against a
    /// list holding "U.S."; not "U.S. Senate" or "Joe Biden and the U.S.").
    pub fn find_whole(&self, text: &str) -> Option<u32> {
        match self.find_in(text).as_slice() {
            [one] if one.span.start == 0 && one.span.end as usize == text.len() => {
                Some(one.payload)
            }
            _ => None,
        }
    }

    /// Convenience for one-off matching: folds `text` and calls [`PhraseMatcher::find`].
    pub fn find_in(&self, text: &str) -> Vec<PhraseMatch> {
        self.find(text, &FoldedText::new(text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(m: &PhraseMatcher, t: &str) -> Vec<(String, u32)> {
        m.find_in(t)
            .into_iter()
            .map(|x| (t[x.span.range()].to_string(), x.payload))
            .collect()
    }

    #[test]
    fn whole_words_case_and_accent_insensitive_longest_first() {
        let m = PhraseMatcher::new([
            ("Putin", 1),
            ("Vladimir Putin", 2),
            ("Zelensky", 3),
            ("sanction*", 4),
        ]);
        assert_eq!(
            texts(
                &m,
                "VLADIMIR PUTIN met Zélensky; Putinism aside, sanctions bite. Putin."
            ),
            vec![
                ("VLADIMIR PUTIN".to_string(), 2),
                ("Zélensky".to_string(), 3),
                ("sanctions".to_string(), 4),
                ("Putin".to_string(), 1)
            ]
        );
    }

    #[test]
    fn acronyms_must_match_in_capitals() {
        let m = PhraseMatcher::new([("EU", 1), ("OTAN", 2)]);
        assert_eq!(
            texts(&m, "Il a eu raison: l'EU et l'OTAN, pas l'otan."),
            vec![("EU".to_string(), 1), ("OTAN".to_string(), 2)]
        );
    }
}
