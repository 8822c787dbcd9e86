//! Page clutter: share buttons, consent notices, ads, disclaimers, related-article lists.
//!
//! Scraped articles carry the page around the story: "Suivez nous sur", "PARTAGEZ:", a consent
//! paragraph, "Publicité", a republishing disclaimer, "Tendance". Left in, they pollute
//! sentiment ("consentie", "améliorer") and fake attributions. The patterns are data
//! (`lexicons/boilerplate/{common,en,fr}.tsv`, see the header of `common.tsv` for the columns);
//! this module holds the rules for applying them:
//!
//! - a rule matches a **whole line** (paragraph): `line` rules must equal the line (ignoring case,
//!   accents, bullets and trailing punctuation), `prefix` and `contains` rules must sit at word
//!   boundaries and the line must be short enough (`max_words`), so "Share" the button goes while
//!   a sentence saying officials will "share" data stays;
//! - rules of reason `byline`, `dateline` and `section_label` only apply in the page's head and
//!   foot (before the first / after the last paragraph of prose): a body line starting with "By"
//!   is never taken for a byline;
//! - line rules are looked up in a hash map, prefix/contains rules found with one Aho-Corasick
//!   pass over the folded line, so the cost per line does not grow with the number of rules.
//!
//! Language-aware: an article labelled `fr` is cleaned with `common.tsv` and `fr.tsv`; an
//! unlabelled one with every language's rules (the patterns are specific enough that French
//! rules never fire on English prose), its language then being detected on the cleaned text.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::clean::dates::DateParser;
use crate::lexicon::{LexiconError, LexiconSource};
use crate::text::fold::fold_char_into;

/// How a pattern must sit in a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchMode {
    /// The whole line, after [`line_core`].
    Line,
    /// The line starts with the pattern.
    Prefix,
    /// The pattern appears anywhere, at word boundaries.
    Contains,
}

/// One boilerplate rule (a row of a `lexicons/boilerplate/*.tsv` file).
#[derive(Debug, Clone)]
pub struct Rule {
    /// Reason code reported in `removed[].reason`.
    pub reason: String,
    pub mode: MatchMode,
    /// The line may have at most this many words; `None` = any length.
    pub max_words: Option<usize>,
    /// The folded pattern.
    pub pattern: String,
    /// Number of whitespace-separated words in the pattern (a byline's name follows them).
    pub pattern_words: usize,
    /// Language code the rule belongs to; `None` for `common.tsv`.
    pub lang: Option<String>,
}

impl Rule {
    /// True for rules that only apply in the page's head and foot.
    pub fn zone_restricted(&self) -> bool {
        matches!(
            self.reason.as_str(),
            "byline" | "dateline" | "section_label"
        )
    }
}

/// Where a wire-credit pattern must appear.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WireWhere {
    Head,
    Tail,
    Any,
}

/// Characters of cleaned text searched for a `head` or `tail` wire credit.
pub const WIRE_ZONE_CHARS: usize = 400;

/// Wire-agency credits and dateline tags (`lexicons/boilerplate/wire.tsv`).
#[derive(Debug, Clone)]
pub struct WireLexicon {
    ac: Option<AhoCorasick>,
    /// Per pattern: (agency, where, pattern).
    entries: Vec<(String, WireWhere, String)>,
}

impl WireLexicon {
    const FILE: &'static str = "boilerplate/wire.tsv";

    /// Loads `boilerplate/wire.tsv`; a bad `where` or an empty pattern names file and line.
    pub fn load(src: &LexiconSource) -> Result<Self, LexiconError> {
        let mut entries = Vec::new();
        for (n, f) in src.read_tsv(Self::FILE, 3)? {
            let w = match f[1].as_str() {
                "head" => WireWhere::Head,
                "tail" => WireWhere::Tail,
                "any" => WireWhere::Any,
                other => {
                    return Err(LexiconError::malformed(
                        Self::FILE,
                        n,
                        format!("where {other:?}: expected head, tail or any"),
                    ));
                }
            };
            let pattern = fold_line(&f[2]);
            if pattern.is_empty() || f[0].is_empty() {
                return Err(LexiconError::malformed(
                    Self::FILE,
                    n,
                    "empty agency or pattern",
                ));
            }
            entries.push((f[0].clone(), w, pattern));
        }
        let ac = if entries.is_empty() {
            None
        } else {
            Some(
                AhoCorasickBuilder::new()
                    .match_kind(MatchKind::Standard)
                    .build(entries.iter().map(|e| e.2.as_str()))
                    .map_err(|e| LexiconError::malformed(Self::FILE, 0, e.to_string()))?,
            )
        };
        Ok(WireLexicon { ac, entries })
    }

    /// The agency credited in `text` (cleaned body), if any: the first pattern (in file order)
    /// found in its zone at word boundaries. Only the head and the foot of the text are folded
    /// and searched, unless the lexicon has `any` patterns.
    pub fn credit(&self, text: &str) -> Option<String> {
        let ac = self.ac.as_ref()?;
        let head = &text[..byte_at_char(text, WIRE_ZONE_CHARS)];
        // The last WIRE_ZONE_CHARS characters (all of a shorter text), found from the end
        // instead of counting every character of the text.
        let tail = &text[text
            .char_indices()
            .rev()
            .nth(WIRE_ZONE_CHARS - 1)
            .map_or(0, |(i, _)| i)..];
        let mut best: Option<usize> = None;
        let mut search = |zone: &str, ok: &dyn Fn(WireWhere) -> bool| {
            let folded = fold_line(zone);
            for m in ac.find_overlapping_iter(&folded) {
                let i = m.pattern().as_usize();
                let (_, w, pat) = &self.entries[i];
                if ok(*w)
                    && at_boundaries(&folded, m.start(), m.end(), pat)
                    && best.is_none_or(|b| i < b)
                {
                    best = Some(i);
                }
            }
        };
        search(head, &|w| w == WireWhere::Head);
        search(tail, &|w| w == WireWhere::Tail);
        if self.entries.iter().any(|e| e.1 == WireWhere::Any) {
            search(text, &|w| w == WireWhere::Any);
        }
        best.map(|i| self.entries[i].0.clone())
    }
}

fn byte_at_char(s: &str, n: usize) -> usize {
    s.char_indices().nth(n).map_or(s.len(), |(i, _)| i)
}

/// Boilerplate patterns of every language, wire credits, and the date parser used to read
/// datelines ("Publié le 5 avril 2023").
#[derive(Debug, Clone)]
pub struct BoilerplateLexicon {
    pub rules: Vec<Rule>,
    /// `line` rules: core of the line → rule indices (file order).
    by_line: HashMap<String, Vec<u32>>,
    /// Bytes of the longest key of `by_line`: a longer line core is not looked up (hashing
    /// every prose line whole, to find nothing, was most of the cost of the lookups).
    by_line_max_len: usize,
    /// Prefix rules: an automaton over their unique patterns, run only on the line's start
    /// (after bullets). Kept apart from the contains rules because short prefix patterns
    /// ("by", "on", "par") would otherwise match all over every prose line.
    prefix: PatternSet,
    /// Contains rules: one unanchored automaton over their unique patterns.
    contains: PatternSet,
    pub wire: WireLexicon,
    pub dates: DateParser,
}

impl Default for BoilerplateLexicon {
    /// The built-in lexicon (panics only if the shipped data is malformed, which tests catch).
    fn default() -> Self {
        Self::load(&LexiconSource::built_in()).expect("built-in boilerplate lexicons are valid")
    }
}

fn parse_rule(rel: &str, n: usize, f: &[String], lang: Option<&str>) -> Result<Rule, LexiconError> {
    let reason = f[0].clone();
    if reason.is_empty() || !reason.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') {
        return Err(LexiconError::malformed(
            rel,
            n,
            format!("reason {reason:?}: expected a lower-case code such as share_buttons"),
        ));
    }
    let mode = match f[1].as_str() {
        "line" => MatchMode::Line,
        "prefix" => MatchMode::Prefix,
        "contains" => MatchMode::Contains,
        other => {
            return Err(LexiconError::malformed(
                rel,
                n,
                format!("match {other:?}: expected line, prefix or contains"),
            ));
        }
    };
    let max_words = match f[2].as_str() {
        "*" => None,
        s => Some(s.parse::<usize>().ok().filter(|&w| w > 0).ok_or_else(|| {
            LexiconError::malformed(rel, n, format!("max_words {s:?}: expected a number or *"))
        })?),
    };
    let folded = fold_line(&f[3]);
    let pattern = if mode == MatchMode::Line {
        line_core(&folded).to_string()
    } else {
        folded
    };
    if pattern.is_empty() {
        return Err(LexiconError::malformed(rel, n, "empty pattern"));
    }
    Ok(Rule {
        reason,
        mode,
        max_words,
        pattern_words: f[3].split_whitespace().count(),
        pattern,
        lang: lang.map(str::to_string),
    })
}

impl BoilerplateLexicon {
    /// Loads `boilerplate/common.tsv`, `boilerplate/<lang>.tsv` for every language folder that
    /// has one, `boilerplate/wire.tsv`, and the date lexicons. A malformed row names file and
    /// line.
    pub fn load(src: &LexiconSource) -> Result<Self, LexiconError> {
        let mut files = vec![("boilerplate/common.tsv".to_string(), None)];
        for lang in src.languages() {
            let rel = format!("boilerplate/{lang}.tsv");
            if src.exists(&rel) {
                files.push((rel, Some(lang)));
            }
        }
        let mut rules = Vec::new();
        for (rel, lang) in &files {
            if !src.exists(rel) {
                continue;
            }
            for (n, f) in src.read_tsv(rel, 4)? {
                rules.push(parse_rule(rel, n, &f, lang.as_deref())?);
            }
        }
        let mut by_line: HashMap<String, Vec<u32>> = HashMap::new();
        let mut prefix = PatternSetBuilder::default();
        let mut contains = PatternSetBuilder::default();
        for (i, r) in rules.iter().enumerate() {
            match r.mode {
                MatchMode::Line => by_line.entry(r.pattern.clone()).or_default().push(i as u32),
                MatchMode::Prefix => {
                    prefix.add(&r.pattern, i as u32);
                    prefix.note_limit(r.max_words);
                }
                MatchMode::Contains => {
                    contains.add(&r.pattern, i as u32);
                    contains.note_limit(r.max_words);
                }
            }
        }
        Ok(BoilerplateLexicon {
            rules,
            by_line_max_len: by_line.keys().map(String::len).max().unwrap_or(0),
            by_line,
            prefix: prefix.build(false)?,
            contains: contains.build(true)?,
            wire: WireLexicon::load(src)?,
            dates: DateParser::load(src)?,
        })
    }

    /// The first rule (in file order) that matches the line `folded` (already [`fold_line`]d)
    /// for an article in `lang` (`None`: every language's rules). `in_zone` says whether the
    /// line is in the page's head or foot, where zone-restricted rules may apply.
    pub fn classify(&self, folded: &str, lang: Option<&str>, in_zone: bool) -> Option<&Rule> {
        self.classify_words(folded, folded.split_whitespace().count(), lang, in_zone)
    }

    /// [`classify`](Self::classify) with the line's word count already known (`words` must be
    /// `folded.split_whitespace().count()`; [`fold_line_into`] gives it for free).
    pub fn classify_words(
        &self,
        folded: &str,
        words: usize,
        lang: Option<&str>,
        in_zone: bool,
    ) -> Option<&Rule> {
        let applies = |r: &Rule| {
            (r.lang.is_none() || lang.is_none() || r.lang.as_deref() == lang)
                && (in_zone || !r.zone_restricted())
                && r.max_words.is_none_or(|m| words <= m)
        };
        let mut best: Option<u32> = None;
        let core = line_core(folded);
        if core.len() <= self.by_line_max_len
            && let Some(ids) = self.by_line.get(core)
        {
            best = ids
                .iter()
                .copied()
                .find(|&i| applies(&self.rules[i as usize]));
        }
        // Every match of a rule's pattern is a candidate; the smallest rule index that is
        // placed at word boundaries and applies wins (rule lists are in file order).
        let mut consider = |set: &PatternSet, m: aho_corasick::Match| {
            for &i in &set.rules[m.pattern().as_usize()] {
                if best.is_some_and(|b| b <= i) {
                    break;
                }
                let r = &self.rules[i as usize];
                if applies(r) && at_boundaries(folded, m.start(), m.end(), &r.pattern) {
                    best = Some(i);
                }
            }
        };
        if let Some(ac) = &self.prefix.ac
            && words <= self.prefix.max_words
        {
            // Every prefix match starts at `start` and so ends within the longest pattern's
            // length of it: search only that window (aho-corasick has no anchored overlapping
            // search) and keep the matches that start at its beginning.
            let start = prefix_start(folded);
            let mut end = (start + self.prefix.max_len).min(folded.len());
            while !folded.is_char_boundary(end) {
                end += 1;
            }
            for m in ac.find_overlapping_iter(&folded[start..end]) {
                if m.start() == 0 {
                    consider(&self.prefix, m.offset(start));
                }
            }
        }
        // Most lines hold no contains pattern at all: a match test says so before the slower
        // overlapping search is run.
        if let Some(ac) = &self.contains.ac
            && words <= self.contains.max_words
            && self
                .contains
                .any
                .as_ref()
                .is_some_and(|any| any.is_match(folded))
        {
            for m in ac.find_overlapping_iter(folded) {
                consider(&self.contains, m);
            }
        }
        best.map(|i| &self.rules[i as usize])
    }
}

/// Unique patterns of one match mode in one automaton, with the rules using each.
#[derive(Debug, Clone, Default)]
struct PatternSet {
    ac: Option<AhoCorasick>,
    /// The same patterns, leftmost-first: only asked whether a line holds any of them (it
    /// does exactly when the overlapping search finds a match), which this kind answers with
    /// the automaton's SIMD prefilter instead of a state transition per byte. Built for the
    /// contains set only (prefix patterns are searched in a short window at the line start).
    any: Option<AhoCorasick>,
    /// Per automaton pattern: the rules using it, in file order.
    rules: Vec<Vec<u32>>,
    /// The most words a line may have for any of these rules to apply (`usize::MAX` when one
    /// has no limit): longer lines skip the automaton.
    max_words: usize,
    /// Bytes of the longest pattern.
    max_len: usize,
}

#[derive(Default)]
struct PatternSetBuilder {
    patterns: Vec<String>,
    index: HashMap<String, usize>,
    rules: Vec<Vec<u32>>,
    max_words: usize,
    max_len: usize,
}

impl PatternSetBuilder {
    fn add(&mut self, pattern: &str, rule: u32) {
        let k = *self.index.entry(pattern.to_string()).or_insert_with(|| {
            self.patterns.push(pattern.to_string());
            self.rules.push(Vec::new());
            self.patterns.len() - 1
        });
        self.rules[k].push(rule);
        self.max_len = self.max_len.max(pattern.len());
    }

    fn note_limit(&mut self, max_words: Option<usize>) {
        self.max_words = self.max_words.max(max_words.unwrap_or(usize::MAX));
    }

    /// `with_any`: also build [`PatternSet::any`] (only the contains set asks it).
    fn build(self, with_any: bool) -> Result<PatternSet, LexiconError> {
        let automaton = |kind: MatchKind| -> Result<Option<AhoCorasick>, LexiconError> {
            if self.patterns.is_empty() {
                return Ok(None);
            }
            AhoCorasickBuilder::new()
                .match_kind(kind)
                .build(&self.patterns)
                .map(Some)
                .map_err(|e| LexiconError::malformed("boilerplate/", 0, e.to_string()))
        };
        Ok(PatternSet {
            ac: automaton(MatchKind::Standard)?,
            any: if with_any {
                automaton(MatchKind::LeftmostFirst)?
            } else {
                None
            },
            rules: self.rules,
            max_words: self.max_words,
            max_len: self.max_len,
        })
    }
}

/// Byte offset where a line's text starts after leading bullets.
fn prefix_start(folded: &str) -> usize {
    folded.len() - folded.trim_start_matches(BULLETS).len()
}

const BULLETS: &[char] = &['•', '·', '*', '|', '›', '>', '»', '-', '#', ' '];
const TRAILING: &[char] = &[
    ':', '.', '!', '?', '»', '«', '|', '>', '›', '-', '*', '•', '…', ' ', ',', ';',
];

/// A folded line without leading bullets and trailing punctuation: what `line` rules compare.
pub fn line_core(folded: &str) -> &str {
    folded
        .trim_start_matches(BULLETS)
        .trim_end_matches(TRAILING)
}

/// True when the match `[start, end)` does not cut a word: alphanumeric pattern edges need a
/// non-alphanumeric neighbour (or the line's edge).
fn at_boundaries(s: &str, start: usize, end: usize, pattern: &str) -> bool {
    let alnum_start = pattern.chars().next().is_some_and(char::is_alphanumeric);
    let alnum_end = pattern
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric);
    let before_ok = !alnum_start
        || s[..start]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
    let after_ok = !alnum_end || s[end..].chars().next().is_none_or(|c| !c.is_alphanumeric());
    before_ok && after_ok
}

/// Folds `s` for pattern matching: [`crate::text::fold`] (lower case, accents, apostrophes,
/// en dashes), every other dash read as `-`, white space runs collapsed to one space, trimmed.
pub fn fold_line(s: &str) -> String {
    let mut out = Vec::with_capacity(s.len());
    fold_line_with::<false>(s, &mut out, &mut Vec::new());
    String::from_utf8(out).expect("folding writes whole UTF-8 characters")
}

/// Word counts of a line, as [`fold_line_into`] finds them while folding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LineWords {
    /// `s.split_whitespace().count()` of the line as given.
    pub raw: usize,
    /// `split_whitespace().count()` of its folded form (differs only when a word folds to
    /// nothing, such as a lone soft hyphen).
    pub folded: usize,
}

/// Appends [`fold_line`]`(s)` to `out` in one pass, and counts the words of `s` and of its
/// folded form, which the page cleaner needs for every line.
pub fn fold_line_into(s: &str, out: &mut String) -> LineWords {
    let mut v = Vec::with_capacity(s.len());
    let words = fold_line_with::<false>(s, &mut v, &mut Vec::new());
    out.push_str(std::str::from_utf8(&v).expect("folding writes whole UTF-8 characters"));
    words
}

/// [`fold_line_into`] into byte buffers, that also appends the folded line's words key
/// ([`words_key`](super::metadata::words_key): its alphanumeric words joined by single spaces)
/// to `key`, in the same pass; the page cleaner needs both for every line. Both buffers get
/// whole UTF-8 characters only, so they stay valid UTF-8 (the cleaner converts each once per
/// page instead of once per line).
pub fn fold_line_keyed(s: &str, out: &mut Vec<u8>, key: &mut Vec<u8>) -> LineWords {
    fold_line_with::<true>(s, out, key)
}

/// Class bits of an ASCII byte for line folding.
const SPACE: u8 = 1;
const ALNUM: u8 = 2;

/// [`SPACE`] (`char::is_whitespace`) and [`ALNUM`] of every ASCII byte.
const ASCII_CLASS: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if matches!(c, b' ' | b'\t'..=b'\r') {
            t[b] |= SPACE;
        }
        if c.is_ascii_alphanumeric() {
            t[b] |= ALNUM;
        }
        b += 1;
    }
    t
};

/// What the folded text gets for an ASCII byte: a space for white space, else the byte in
/// lower case.
const FOLD_BYTE: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        t[b] = if ASCII_CLASS[b] & SPACE != 0 {
            b' '
        } else {
            (b as u8).to_ascii_lowercase()
        };
        b += 1;
    }
    t
};

/// What the words key gets for a byte of folded ASCII text: alphanumerics as they are, a space
/// for anything else.
const KEY_BYTE: [u8; 128] = {
    let mut t = [b' '; 128];
    let mut b = 0;
    while b < 128 {
        if ASCII_CLASS[b] & ALNUM != 0 {
            t[b] = b as u8;
        }
        b += 1;
    }
    t
};

/// One line being folded into `out` (and its words key into `key`).
///
/// Separators are written eagerly: the first white space after a character writes one space
/// (the first non-alphanumeric after a word, one space to `key`), and a trailing one is
/// dropped at the end of the line. That is the same text as writing a space only before the
/// next character, but it lets runs of ASCII be folded without a branch per byte.
struct LineFolder<'a> {
    out: &'a mut Vec<u8>,
    key: &'a mut Vec<u8>,
    base: usize,
    key_base: usize,
    /// Nothing written for this line yet, or the last byte written is a space: white space
    /// writes nothing.
    sup: bool,
    /// The same for `key` (nothing written, or its last byte is a space).
    key_sup: bool,
    /// The last character of the line as given was white space (or none was read).
    raw_space: bool,
    words: LineWords,
}

impl LineFolder<'_> {
    /// Folds a run of ASCII bytes: stores unconditionally and advances the write positions
    /// by the conditions, so word boundaries cost no mispredicted branches.
    #[inline]
    fn ascii<const KEY: bool>(&mut self, run: &[u8]) {
        let Some((&first, _)) = run.split_first() else {
            return;
        };
        let out_at = self.out.len();
        self.out.resize(out_at + run.len(), 0);
        // A local slice: stores through it cannot change the vector's length, so nothing is
        // reloaded per byte. Two simple loops (folded text, then its words key) keep their
        // state in registers, where one loop doing both spilled it.
        let out = &mut self.out[out_at..];
        // Flags as 0 or 1 in integers, and one table lookup for the byte written: a few
        // instructions per byte, no branch.
        let (mut o, mut starts, mut prev_ws) = (0, 0usize, usize::from(self.sup));
        for &b in run {
            let i = usize::from(b & 0x7f);
            let ws = usize::from(ASCII_CLASS[i] & SPACE);
            out[o] = FOLD_BYTE[i];
            o += 1 - (ws & prev_ws);
            starts += (ws ^ 1) & prev_ws;
            prev_ws = ws;
        }
        // `starts` counted the first byte as a folded word start when `sup`; as a raw one it
        // is one when `raw_space`.
        let first_ws = ASCII_CLASS[usize::from(first & 0x7f)] & SPACE != 0;
        self.words.folded += starts;
        self.words.raw +=
            starts - usize::from(!first_ws & self.sup) + usize::from(!first_ws & self.raw_space);
        self.sup = prev_ws == 1;
        self.raw_space = prev_ws == 1;
        if KEY {
            let folded = &out[..o];
            let key_at = self.key.len();
            self.key.resize(key_at + folded.len(), 0);
            let key = &mut self.key[key_at..];
            let (mut k, mut key_sup) = (0, usize::from(self.key_sup));
            for &b in folded {
                let kb = KEY_BYTE[usize::from(b & 0x7f)];
                let sep = usize::from(kb == b' ');
                key[k] = kb;
                k += 1 - (sep & key_sup);
                key_sup = sep;
            }
            self.key.truncate(key_at + k);
            self.key_sup = key_sup == 1;
        }
        self.out.truncate(out_at + o);
    }

    /// Folds one non-ASCII character (through [`folded_chars`]).
    fn non_ascii<const KEY: bool>(&mut self, c: char) {
        let ws = c.is_whitespace();
        self.words.raw += usize::from(!ws & self.raw_space);
        self.raw_space = ws;
        let mut utf8 = [0u8; 4];
        for f in folded_chars(c).chars() {
            let f = match f {
                '—' | '―' | '−' | '⁃' => '-',
                f => f,
            };
            if f.is_whitespace() {
                if !self.sup {
                    self.out.push(b' ');
                    self.sup = true;
                }
                if KEY && !self.key_sup {
                    self.key.push(b' ');
                    self.key_sup = true;
                }
                continue;
            }
            self.words.folded += usize::from(self.sup);
            self.sup = false;
            let bytes = f.encode_utf8(&mut utf8).as_bytes();
            self.out.extend_from_slice(bytes);
            if KEY {
                if f.is_alphanumeric() {
                    self.key.extend_from_slice(bytes);
                    self.key_sup = false;
                } else if !self.key_sup {
                    self.key.push(b' ');
                    self.key_sup = true;
                }
            }
        }
    }

    /// Drops the trailing separators; the line's word counts.
    fn finish(self) -> LineWords {
        if self.out.len() > self.base && self.out.last() == Some(&b' ') {
            self.out.pop();
        }
        if self.key.len() > self.key_base && self.key.last() == Some(&b' ') {
            self.key.pop();
        }
        self.words
    }
}

fn fold_line_with<const KEY: bool>(s: &str, out: &mut Vec<u8>, key: &mut Vec<u8>) -> LineWords {
    let (base, key_base) = (out.len(), key.len());
    let mut f = LineFolder {
        out,
        key,
        base,
        key_base,
        sup: true,
        key_sup: true,
        raw_space: true,
        words: LineWords::default(),
    };
    let bytes = s.as_bytes();
    if s.is_ascii() {
        // Most lines: one run, without looking for non-ASCII bytes one at a time.
        f.ascii::<KEY>(bytes);
        return f.finish();
    }
    let mut i = 0;
    while i < bytes.len() {
        let end = i + bytes[i..]
            .iter()
            .position(|b| !b.is_ascii())
            .unwrap_or(bytes.len() - i);
        if end > i {
            f.ascii::<KEY>(&bytes[i..end]);
        }
        i = end;
        if let Some(c) = s[i..].chars().next() {
            f.non_ascii::<KEY>(c);
            i += c.len_utf8();
        }
    }
    f.finish()
}

/// Non-ASCII characters below this code point have their folded form tabulated.
const FOLD_TABLE_END: u32 = 0x2100;

/// [`fold_char_into`] of a non-ASCII character as a string: looked up for the Latin, Greek,
/// Cyrillic and punctuation blocks (the table is built once from `fold_char_into` itself, so
/// it cannot disagree with it), folded on the spot above them.
fn folded_chars(c: char) -> std::borrow::Cow<'static, str> {
    static TABLE: std::sync::OnceLock<Vec<Box<str>>> = std::sync::OnceLock::new();
    let cp = c as u32;
    if cp < FOLD_TABLE_END {
        let table = TABLE.get_or_init(|| {
            (0..FOLD_TABLE_END)
                .map(|cp| {
                    let mut s = String::new();
                    if let Some(c) = char::from_u32(cp) {
                        fold_char_into(c, &mut s);
                    }
                    s.into_boxed_str()
                })
                .collect()
        });
        std::borrow::Cow::Borrowed(&table[cp as usize])
    } else {
        let mut s = String::new();
        fold_char_into(c, &mut s);
        std::borrow::Cow::Owned(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lex() -> BoilerplateLexicon {
        BoilerplateLexicon::default()
    }

    fn reason(
        l: &BoilerplateLexicon,
        line: &str,
        lang: Option<&str>,
        zone: bool,
    ) -> Option<String> {
        l.classify(&fold_line(line), lang, zone)
            .map(|r| r.reason.clone())
    }

    #[test]
    fn seed_clutter_lines_have_their_reasons() {
        let l = lex();
        let fr = Some("fr");
        assert_eq!(
            reason(&l, "Suivez nous sur", fr, true).as_deref(),
            Some("follow")
        );
        assert_eq!(
            reason(&l, "PARTAGEZ:", fr, true).as_deref(),
            Some("share_buttons")
        );
        assert_eq!(
            reason(&l, "Publié le", fr, true).as_deref(),
            Some("dateline")
        );
        assert_eq!(reason(&l, "on", fr, true).as_deref(), Some("dateline"));
        assert_eq!(
            reason(&l, "Publicité", fr, true).as_deref(),
            Some("advertising")
        );
        assert_eq!(
            reason(&l, "Partagez cet article:", fr, true).as_deref(),
            Some("share_buttons")
        );
        assert_eq!(
            reason(&l, "Tendance", fr, true).as_deref(),
            Some("trending")
        );
        assert_eq!(
            reason(
                &l,
                "Nous utilisons votre inscription pour fournir du contenu de la manière que vous \
                 avez consentie et pour améliorer notre compréhension de vous. Vous pouvez vous \
                 désinscrire à tout moment.",
                fr,
                false
            )
            .as_deref(),
            Some("consent")
        );
    }

    #[test]
    fn body_sentences_that_mention_clutter_words_survive() {
        let l = lex();
        for s in [
            "Officials said they would share the data with Kyiv next week.",
            "Share prices fell 3% on Monday.",
            "Il a dit qu'il allait partager cet article avec ses collègues ministres.",
            "By the time the talks opened, both sides had hardened their positions.",
            "The advertising market shrank in 2022, the report said.",
        ] {
            assert_eq!(reason(&l, s, None, false), None, "{s}");
        }
        // A zone-restricted rule (byline) does not fire in the body.
        assert_eq!(reason(&l, "By John Smith", Some("en"), false), None);
        assert_eq!(
            reason(&l, "By John Smith", Some("en"), true).as_deref(),
            Some("byline")
        );
    }

    #[test]
    fn rules_are_language_aware() {
        let l = lex();
        assert_eq!(reason(&l, "Publicité", Some("en"), true), None);
        assert_eq!(reason(&l, "Advertisement", Some("fr"), true), None);
        assert_eq!(
            reason(&l, "Advertisement", None, true).as_deref(),
            Some("advertising")
        );
        // common.tsv applies to every language.
        assert_eq!(
            reason(&l, "WhatsApp", Some("fr"), false).as_deref(),
            Some("share_buttons")
        );
    }

    #[test]
    fn wire_credits_in_their_zones() {
        let w = &lex().wire;
        assert_eq!(
            w.credit("WASHINGTON (AP) — The Latest on the race.")
                .as_deref(),
            Some("AP")
        );
        assert_eq!(
            w.credit("LONDON (Reuters) - Shares fell.").as_deref(),
            Some("Reuters")
        );
        assert_eq!(
            w.credit("Le président a parlé.\n\n(avec AFP)").as_deref(),
            Some("AFP")
        );
        assert_eq!(
            w.credit("Bruxelles (Belga) Le gouvernement fédéral a décidé.")
                .as_deref(),
            Some("Belga")
        );
        assert_eq!(w.credit("Talks ended. — AFP").as_deref(), Some("AFP"));
        assert_eq!(w.credit("The map app was updated."), None);
        // A head tag deep in the body is not a dateline.
        let long = format!("{} (AP) — x", "word ".repeat(200));
        assert_eq!(w.credit(&long), None);
    }

    #[test]
    fn folding_a_line_counts_its_words_in_the_same_pass() {
        let mut out = String::from("kept|");
        let w = fold_line_into("  PARTAGEZ —\u{00A0}l’Été \u{00AD} Œuvre ", &mut out);
        assert_eq!(out, "kept|partagez - l'ete oeuvre");
        // The lone soft hyphen is a word of the line but folds to nothing.
        assert_eq!(w, LineWords { raw: 5, folded: 4 });
        assert_eq!(fold_line("\tA  b\n"), "a b");
        assert_eq!(
            fold_line_into("   ", &mut String::new()),
            LineWords::default()
        );
    }

    /// The definition `fold_line` implements in one pass: fold, map dashes, collapse spaces.
    fn fold_line_reference(s: &str) -> String {
        let folded = crate::text::fold::fold(s);
        let mapped: String = folded
            .chars()
            .map(|c| match c {
                '—' | '―' | '−' | '⁃' => '-',
                c => c,
            })
            .collect();
        mapped.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn one_pass_folding_agrees_with_its_definition_on_every_tabulated_char() {
        let all: String = (0x20..FOLD_TABLE_END + 0x400)
            .filter_map(char::from_u32)
            .flat_map(|c| [c, ' ', c, 'x'])
            .collect();
        for chunk in all.as_bytes().chunks(4096) {
            let line = String::from_utf8_lossy(chunk);
            let mut out = String::new();
            let w = fold_line_into(&line, &mut out);
            assert_eq!(out, fold_line_reference(&line));
            let (mut out2, mut key) = (Vec::new(), b"k".to_vec());
            assert_eq!(fold_line_keyed(&line, &mut out2, &mut key), w);
            assert_eq!(String::from_utf8(out2).unwrap(), out);
            let key = String::from_utf8(key).unwrap();
            assert_eq!(key, format!("k{}", crate::clean::metadata::words_key(&out)));
            assert_eq!(w.raw, line.split_whitespace().count());
            assert_eq!(w.folded, out.split_whitespace().count());
        }
    }

    #[test]
    fn ascii_runs_fold_like_their_definition() {
        // Runs of ASCII punctuation and alphanumerics next to non-ASCII letters and spaces
        // (the bulk path and the per-character path meet at every boundary).
        for line in [
            "Hello,World--foo_bar ÜNÏcode's x2y 3.14 e-mail",
            "«AFP»:Kyiv(Reuters)—said;  OK?? é-É.e",
            "a",
            ",,",
            "  lead  and trail\t",
            "ÉtéÉTÉ mixedCASE123abc",
            // Characters that fold to nothing or to white space, between and around words.
            "a \u{00AD} b",
            "\u{00AD}lead x\u{00AD}y \u{00AD}",
            "x\u{00A0}\u{00A0}y \u{2003} z\u{202F}",
            "\u{00A0} lead and trail \u{2003}",
            "a\x0bb\x0c c\r\nd",
            "—dash— , Œuvre ’s ß.",
            "!?",
            "",
        ] {
            let (mut out, mut key) = (b"pre ".to_vec(), b"k".to_vec());
            let w = fold_line_keyed(line, &mut out, &mut key);
            let (out, key) = (
                String::from_utf8(out).unwrap(),
                String::from_utf8(key).unwrap(),
            );
            let folded = &out["pre ".len()..];
            assert_eq!(folded, fold_line_reference(line), "{line}");
            let want_key = crate::clean::metadata::words_key(folded);
            assert_eq!(key, format!("k{want_key}"), "{line}");
            assert_eq!(w.raw, line.split_whitespace().count(), "{line}");
            assert_eq!(w.folded, folded.split_whitespace().count(), "{line}");
        }
    }

    #[test]
    fn prefix_rules_match_only_at_the_line_start() {
        let l = lex();
        // The pattern starts the line (after a bullet), at a word boundary, within max_words.
        assert_eq!(
            reason(&l, "• Follow us on Telegram", None, false).as_deref(),
            Some("follow")
        );
        assert_eq!(
            reason(&l, "Please follow us on Telegram", None, false),
            None
        );
        assert_eq!(reason(&l, "Follow usonline", None, false), None);
        assert_eq!(
            reason(
                &l,
                "Follow us on the long road that the ministers took to Minsk",
                None,
                false
            ),
            None
        );
        // A byline prefix in the page head; "By" inside a word or line is no byline.
        assert_eq!(
            reason(&l, "Written by Jane Doe", Some("en"), true).as_deref(),
            Some("byline")
        );
        assert_eq!(reason(&l, "Bystanders fled", Some("en"), true), None);
    }

    #[test]
    fn malformed_rows_name_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("boilerplate")).unwrap();
        std::fs::write(
            dir.path().join("boilerplate/common.tsv"),
            "# x\nshare_buttons\tline\t*\tshare\nfollow\tanywhere\t*\tfollow us\n",
        )
        .unwrap();
        let src = LexiconSource::with_override(dir.path()).unwrap();
        let err = BoilerplateLexicon::load(&src).unwrap_err().to_string();
        assert_eq!(
            err,
            "lexicon file boilerplate/common.tsv, line 3: match \"anywhere\": expected line, \
             prefix or contains"
        );
    }
}
