//! Whole-word phrase matching over folded text, shared by entities, topics, boilerplate and
//! attribution cues.
//!
//! Patterns are folded ([`super::fold`]) so matching ignores case and accents, then compiled into
//! one Aho-Corasick automaton: one linear pass finds every phrase of a lexicon, however many.
//! Two pattern conventions, so lexicon files stay plain text:
//! - a trailing `*` matches any word continuation (`sanction*` matches `sanctions`);
//! - a pattern written entirely in capitals with at least two letters (`EU`, `OTAN`) must match
//!   in capitals in the original text too, so French `eu` (had) is not the European Union.

use aho_corasick::automaton::Automaton;
use aho_corasick::{AhoCorasick, Anchored, MatchKind, StartKind};

use super::Span;
use super::fold::{fold, fold_with_map};

/// One compiled pattern's extra conditions.
#[derive(Debug, Clone)]
struct PatternInfo {
    payload: u32,
    prefix: bool,
    case_exact: bool,
    /// Which list of a [`PhraseMatcher::union`] the pattern came from (0 otherwise).
    group: u32,
}

/// A found phrase: original byte span and the payload given with the pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhraseMatch {
    pub span: Span,
    pub payload: u32,
}

/// How a [`PhraseMatcher`] searches.
#[derive(Debug, Clone)]
enum Engine {
    /// An unanchored overlapping search over every byte (the default NFA: quick to build).
    Overlapping(AhoCorasick),
    /// An anchored DFA walked from each position where a word may start, until it dies: a
    /// pattern only matches there, so the bytes inside words are never searched from, and
    /// the walk from most word starts ends after a byte or two. Slower to build, so only for
    /// the one union whose search is the cost ([`PhraseMatcher::union_dfa`]).
    WordStarts(Box<aho_corasick::dfa::DFA>),
}

/// A compiled set of phrases.
#[derive(Debug, Clone)]
pub struct PhraseMatcher {
    engine: Option<Engine>,
    info: Vec<PatternInfo>,
    /// The folded patterns, in automaton order (kept so lists can be merged by [`Self::union`]).
    folded: Vec<String>,
    /// Number of lists merged (1 for a matcher built by [`Self::new`]).
    groups: usize,
    /// Bitmap of [`prefix_hash`] over each folded pattern's first (up to) three bytes (see
    /// [`PhraseMatcher::may_match`]).
    prefixes: Box<[u64; PREFIX_WORDS]>,
}

/// Words of [`PhraseMatcher`]'s prefix bitmap: 64 Ki bits.
const PREFIX_WORDS: usize = 1024;

/// A hash of the first one to three bytes of a folded pattern or text (`x`: the bytes, the
/// first lowest, and their count in bits 24..), one multiplication.
#[inline(always)]
fn prefix_hash(x: u32) -> usize {
    (x.wrapping_mul(0x9E37_79B1) >> 16) as usize & (PREFIX_WORDS * 64 - 1)
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
                group: 0,
            });
        }
        Self::compile(folded, info, 1)
    }

    fn compile(folded: Vec<String>, info: Vec<PatternInfo>, groups: usize) -> Self {
        Self::compile_as(folded, info, groups, false)
    }

    fn compile_as(
        folded: Vec<String>,
        info: Vec<PatternInfo>,
        groups: usize,
        word_starts: bool,
    ) -> Self {
        let engine = if folded.is_empty() {
            None
        } else if word_starts {
            Some(Engine::WordStarts(Box::new(
                aho_corasick::dfa::DFA::builder()
                    .match_kind(MatchKind::Standard)
                    .start_kind(StartKind::Anchored)
                    .build(&folded)
                    .expect("phrase automaton builds"),
            )))
        } else {
            Some(Engine::Overlapping(
                AhoCorasick::builder()
                    .match_kind(MatchKind::Standard)
                    .build(&folded)
                    .expect("phrase automaton builds"),
            ))
        };
        let mut prefixes = Box::new([0u64; PREFIX_WORDS]);
        for p in &folded {
            let mut x = 0u32;
            for (l, &c) in p.as_bytes().iter().take(3).enumerate() {
                x = (x & 0xFF_FFFF) | u32::from(c) << (8 * l) | (l as u32 + 1) << 24;
            }
            let h = prefix_hash(x);
            prefixes[h / 64] |= 1 << (h % 64);
        }
        PhraseMatcher {
            engine,
            info,
            folded,
            groups,
            prefixes,
        }
    }

    /// False when no pattern can match in `text` (a conservative test: true for every text
    /// with a match, and for some others). Each match starts where a word may (the text's
    /// start, or after a char that is not a word char), with the pattern's first one to three
    /// folded bytes, which a bitmap holds; an ASCII text folds to its lower case, so it is
    /// tested without folding (any other text: true).
    ///
    /// Why: most source phrases ("Vladimir Putin", "the President") hold no word any source
    /// list starts with, and the test costs a few instructions per byte where folding and an
    /// overlapping automaton search cost about a hundred.
    pub fn may_match(&self, text: &str) -> bool {
        if self.engine.is_none() {
            return false;
        }
        if !text.is_ascii() {
            return true;
        }
        let b = text.as_bytes();
        let mut word_before = false;
        for s in 0..b.len() {
            if !word_before {
                let mut x = 0u32;
                for (l, &c) in b[s..].iter().take(3).enumerate() {
                    x = (x & 0xFF_FFFF)
                        | u32::from(c.to_ascii_lowercase()) << (8 * l)
                        | (l as u32 + 1) << 24;
                    let h = prefix_hash(x);
                    if self.prefixes[h / 64] & (1 << (h % 64)) != 0 {
                        return true;
                    }
                }
            }
            word_before = b[s].is_ascii_alphanumeric() || b[s] == b'_';
        }
        false
    }

    /// One automaton for several lists: [`find_grouped`](Self::find_grouped) returns, for each
    /// list in the order given, exactly what that list's own [`find`](Self::find) returns, in
    /// one pass over the text instead of one per list. (Scoring looks for entity aliases and
    /// topic keywords in every article; the overlapping search is the cost, not the lists'
    /// sizes.) Each list must be a matcher built by [`new`](Self::new).
    pub fn union(lists: &[&PhraseMatcher]) -> Self {
        Self::union_as(lists, false)
    }

    /// [`union`](Self::union) compiled as an anchored DFA walked from word starts: the same
    /// matches, faster to search, slower to build (~3 ms for the scoring union).
    pub fn union_dfa(lists: &[&PhraseMatcher]) -> Self {
        Self::union_as(lists, true)
    }

    fn union_as(lists: &[&PhraseMatcher], word_starts: bool) -> Self {
        let mut folded = Vec::new();
        let mut info = Vec::new();
        for (g, m) in lists.iter().enumerate() {
            assert_eq!(m.groups, 1, "union of matchers built by PhraseMatcher::new");
            folded.extend(m.folded.iter().cloned());
            info.extend(m.info.iter().map(|i| PatternInfo {
                group: g as u32,
                ..i.clone()
            }));
        }
        Self::compile_as(folded, info, lists.len(), word_starts)
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
        let mut cands: Vec<(usize, usize, u32)> = Vec::new();
        self.candidates(original, ft, |_, c| cands.push(c));
        longest_first(cands)
    }

    /// For a matcher made by [`union`](Self::union): per merged list, in order, what that
    /// list's own [`find`](Self::find) returns (one pass over the text).
    pub fn find_grouped(&self, original: &str, ft: &FoldedText) -> Vec<Vec<PhraseMatch>> {
        let mut cands: Vec<Vec<(usize, usize, u32)>> = vec![Vec::new(); self.groups];
        self.candidates(original, ft, |g, c| cands[g as usize].push(c));
        cands.into_iter().map(longest_first).collect()
    }

    /// Every whole-word occurrence of a pattern, as `(group, (start, end, payload))` with
    /// original byte offsets: by end position, then in the automaton's report order (an
    /// overlapping search), or by start, then end (the word-start walk); callers sort by
    /// start then length, stably, and equal spans come in the same order either way.
    fn candidates(
        &self,
        original: &str,
        ft: &FoldedText,
        mut push: impl FnMut(u32, (usize, usize, u32)),
    ) {
        let hay = ft.folded.as_str();
        match &self.engine {
            None => {}
            Some(Engine::Overlapping(ac)) => {
                for m in ac.find_overlapping_iter(hay) {
                    let s = m.start();
                    if hay[..s].chars().next_back().is_some_and(is_word_char) {
                        continue;
                    }
                    self.candidate(original, ft, s, m.end(), m.pattern().as_usize(), &mut push);
                }
            }
            Some(Engine::WordStarts(dfa)) => {
                let b = hay.as_bytes();
                let start = dfa
                    .start_state(Anchored::Yes)
                    .expect("an anchored DFA has an anchored start");
                let mut word_before = false;
                let mut s = 0;
                while s < b.len() {
                    if !word_before {
                        let mut sid = start;
                        for (j, &c) in b[s..].iter().enumerate() {
                            sid = dfa.next_state(Anchored::Yes, sid, c);
                            if dfa.is_dead(sid) {
                                break;
                            }
                            if dfa.is_match(sid) {
                                for k in 0..dfa.match_len(sid) {
                                    let pid = dfa.match_pattern(sid, k);
                                    // A match state also lists the patterns that end here but
                                    // started later (suffixes); only those starting at `s`.
                                    if dfa.pattern_len(pid) == j + 1 {
                                        self.candidate(
                                            original,
                                            ft,
                                            s,
                                            s + j + 1,
                                            pid.as_usize(),
                                            &mut push,
                                        );
                                    }
                                }
                            }
                        }
                    }
                    let c = b[s];
                    if c < 0x80 {
                        word_before = c.is_ascii_alphanumeric() || c == b'_';
                        s += 1;
                    } else {
                        let ch = hay[s..].chars().next().expect("a char starts here");
                        word_before = is_word_char(ch);
                        s += ch.len_utf8();
                    }
                }
            }
        }
    }

    /// Checks one match of pattern `pid` at folded bytes `s..e` (a word may start at `s`)
    /// against its pattern's conditions (a word ends after it, or a prefix pattern runs to the
    /// word's end; capitals where the pattern asks for them) and pushes it with original byte
    /// offsets.
    #[inline]
    fn candidate(
        &self,
        original: &str,
        ft: &FoldedText,
        s: usize,
        mut e: usize,
        pid: usize,
        push: &mut impl FnMut(u32, (usize, usize, u32)),
    ) {
        let hay = ft.folded.as_str();
        let info = &self.info[pid];
        if info.prefix {
            // Extend to the end of the word.
            e += hay[e..]
                .char_indices()
                .find(|&(_, c)| !is_word_char(c))
                .map(|(i, _)| i)
                .unwrap_or(hay.len() - e);
        } else if hay[e..].chars().next().is_some_and(is_word_char) {
            return;
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
            return;
        }
        push(info.group, (os, oe, info.payload));
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

    /// Convenience for one-off matching: folds `text` and calls [`PhraseMatcher::find`]
    /// (nothing to fold or search when [`PhraseMatcher::may_match`] says no).
    pub fn find_in(&self, text: &str) -> Vec<PhraseMatch> {
        if !self.may_match(text) {
            return Vec::new();
        }
        self.find(text, &FoldedText::new(text))
    }
}

/// Longest first among overlapping candidates `(start, end, payload)`: sorted by start, then
/// longer first (stable, so equal spans keep the automaton's report order), then swept.
fn longest_first(mut cands: Vec<(usize, usize, u32)>) -> Vec<PhraseMatch> {
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
    fn may_match_is_true_wherever_a_pattern_matches() {
        let m = PhraseMatcher::new(
            [
                "EU",
                "a source",
                "sanction*",
                "(AFP)",
                "l'AFP",
                "x",
                "Zélensky",
            ]
            .into_iter()
            .map(|p| (p, 0)),
        );
        for t in [
            "The EU said",
            "A SOURCE familiar",
            "new sanctions",
            "wire (AFP) copy",
            "selon l'AFP",
            "x",
            "a-x",
            "Zelensky",
            "Zélensky",
        ] {
            assert!(!m.find_in(t).is_empty(), "{t}");
            assert!(m.may_match(t), "{t}");
        }
        for t in ["Vladimir Putin", "the President", "box", "Sources"] {
            assert!(m.find_in(t).is_empty(), "{t}");
            assert!(!m.may_match(t), "{t}");
        }
        assert!(!PhraseMatcher::new(std::iter::empty()).may_match("anything"));
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

    #[test]
    fn union_finds_what_each_list_finds() {
        // Shared phrases across lists, prefixes, acronyms and overlaps.
        let a = PhraseMatcher::new([
            ("Putin", 1),
            ("Vladimir Putin", 2),
            ("EU", 3),
            ("sanction", 4),
        ]);
        let b = PhraseMatcher::new([
            ("sanction*", 7),
            ("Putin", 8),
            ("eu", 9),
            ("putin visit", 10),
            ("Poutine", 11),
            ("poutine", 12),
            ("été", 13),
            ("Москва", 14),
        ]);
        let u = PhraseMatcher::union(&[&a, &b]);
        // The DFA scoring uses reports the same overlapping matches in the same order.
        let dfa = PhraseMatcher::union_dfa(&[&a, &b]);
        for t in [
            "Vladimir Putin's visit: Putin visit, EU sanctions and sanction, l'eu a eu tort.",
            "Putinism; PUTIN VISIT. Sanctionne? sanctions!",
            "Rasputin, anti-EU, _EU, EU_, «Poutine» l'été, Pôutine; étét Москва́ Москва",
            "",
        ] {
            let ft = FoldedText::new(t);
            let got = u.find_grouped(t, &ft);
            assert_eq!(got, vec![a.find(t, &ft), b.find(t, &ft)], "{t}");
            assert_eq!(dfa.find_grouped(t, &ft), got, "{t}");
        }
        let t = "Vladimir Putin's visit: Putin visit, EU sanctions";
        let ft = FoldedText::new(t);
        let g = u.find_grouped(t, &ft);
        let spans = |v: &[PhraseMatch]| -> Vec<(String, u32)> {
            v.iter()
                .map(|m| (t[m.span.range()].to_string(), m.payload))
                .collect()
        };
        assert_eq!(
            spans(&g[0]),
            vec![
                ("Vladimir Putin".into(), 2),
                ("Putin".into(), 1),
                ("EU".into(), 3)
            ]
        );
        assert_eq!(
            spans(&g[1]),
            vec![
                ("Putin".into(), 8),
                ("Putin visit".into(), 10),
                ("EU".into(), 9),
                ("sanctions".into(), 7)
            ]
        );
    }
}
