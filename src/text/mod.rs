//! The shared text-analysis chain: paragraphs, sentences, tokens and language, computed once per
//! article and read by every scorer (sentiment, attribution, entities, topics).
//!
//! Tokens are whitespace-delimited chunks with Python `str.split()` semantics, because that is
//! the unit VADER's rules are defined on and reproducing vaderSentiment exactly is a contract
//! (issue 4). Each token also carries its *core* (the chunk with leading and trailing Unicode
//! punctuation removed: `“Je` → `Je`, `said,` → `said`) and lower-cased forms of both, stored in
//! one per-article arena so the hot path never allocates per token. Sentences and paragraphs are
//! ranges of whole tokens: a sentence boundary always falls on whitespace.
//!
//! All offsets are UTF-8 byte offsets into the text as given. Converting to Unicode scalar
//! offsets for the CLI contracts is [`CharOffsets`]' job.

pub mod fold;
pub mod lang;
pub mod packed;
pub mod phrases;
pub mod sentences;

use std::ops::Range;

pub use lang::{Lang, LangDetection};

use crate::lexicon::{LexiconError, LexiconSource};

/// Per-language data the chain needs (abbreviations that do not end a sentence).
#[derive(Debug, Clone, Default)]
pub struct TextLexicon {
    /// Lower-cased abbreviations without their final period, per language code, plus `*` for
    /// those valid in every language, each with whether it abbreviates only before a number
    /// ("No. 10", but "The answer was no. Then …"). Hash maps: the check runs at nearly every
    /// sentence end, and a binary search of strings showed in profiles (`memcmp`).
    abbreviations: Vec<(String, rustc_hash::FxHashMap<Box<str>, bool>)>,
}

impl TextLexicon {
    /// Loads `<lang>/abbreviations.txt` for every language folder that has one, plus
    /// `common/abbreviations.txt`.
    pub fn load(src: &LexiconSource) -> Result<Self, LexiconError> {
        let mut abbreviations = Vec::new();
        let mut folders = src.languages();
        folders.push("common".to_string());
        for lang in folders {
            let rel = format!("{lang}/abbreviations.txt");
            if !src.exists(&rel) {
                continue;
            }
            // `no	number`: an abbreviation only before a number.
            let words: rustc_hash::FxHashMap<Box<str>, bool> = src
                .read_lines(&rel)?
                .into_iter()
                .map(|(_, l)| {
                    let (w, only) = match l.split_once('\t') {
                        Some((w, flag)) => (w.trim(), flag.trim() == "number"),
                        None => (l.trim(), false),
                    };
                    (w.trim_end_matches('.').to_lowercase().into(), only)
                })
                .collect();
            let key = if lang == "common" {
                "*".to_string()
            } else {
                lang
            };
            abbreviations.push((key, words));
        }
        Ok(TextLexicon { abbreviations })
    }

    /// True when `word` (lower-case, final period removed) is a known abbreviation in `lang`,
    /// followed by a number when `before_number`.
    pub fn is_abbreviation(&self, lang: Option<Lang>, word: &str, before_number: bool) -> bool {
        let code = lang.as_ref().map(|x| x.code());
        self.abbreviations.iter().any(|(l, words)| {
            (l == "*" || Some(l.as_str()) == code)
                && words.get(word).is_some_and(|&only| !only || before_number)
        })
    }
}

/// Byte span `[start, end)` into the analysed text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord, serde::Serialize)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span {
            start: start as u32,
            end: end as u32,
        }
    }
    pub fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }
    pub fn is_empty(self) -> bool {
        self.end <= self.start
    }
    /// Number of bytes shared with `other`.
    pub fn overlap(self, other: Span) -> usize {
        let s = self.start.max(other.start);
        let e = self.end.min(other.end);
        e.saturating_sub(s) as usize
    }
}

/// Bit flags describing a token.
pub mod flags {
    /// The chunk has at least one alphabetic character.
    pub const ALPHA: u8 = 1;
    /// Python `str.isupper()`: at least one cased character and all cased characters upper-case.
    pub const ALL_CAPS: u8 = 2;
    /// The chunk is the first of a paragraph.
    pub const PARA_START: u8 = 4;
    /// Lower-casing kept byte lengths, so lower-case slices line up with the original.
    pub const LOWER_ALIGNED: u8 = 8;
    /// The chunk has at least one upper-case letter at its core's start (a capitalised word).
    pub const CAPITALISED: u8 = 16;
    /// A line break (not a blank line) precedes the chunk.
    pub const LINE_START: u8 = 32;
    /// The chunk is all ASCII (then [`ALL_CAPS`] is exactly Python's `str.isupper()`, and the
    /// lower-cased chunk is byte-aligned with it).
    pub const ASCII: u8 = 64;
    /// The chunk contains `'` or `’` (U+2019): only such a chunk can hold a contraction such as
    /// `n't`, so scorers test this bit before searching the chunk.
    pub const APOSTROPHE: u8 = 128;
}

/// One whitespace-delimited chunk of text.
#[derive(Debug, Clone, Copy, Default)]
pub struct Token {
    /// The chunk, as Python's `str.split()` would cut it.
    pub span: Span,
    /// The chunk without leading/trailing Unicode punctuation; empty for pure punctuation.
    pub core: Span,
    lower: Span,
    lower_core: Span,
    pub flags: u8,
}

impl Token {
    pub fn has(&self, flag: u8) -> bool {
        self.flags & flag != 0
    }
}

/// A sentence: a run of whole tokens, inside one paragraph.
#[derive(Debug, Clone, Copy)]
pub struct Sentence {
    /// From the first token's start to the last token's end.
    pub span: Span,
    /// Token indices `[start, end)`.
    pub tokens: (u32, u32),
    /// Index into [`Analysis::paragraphs`].
    pub paragraph: u32,
}

impl Sentence {
    pub fn token_range(&self) -> Range<usize> {
        self.tokens.0 as usize..self.tokens.1 as usize
    }
}

/// A paragraph: a run of whole sentences separated from the next by a line break.
#[derive(Debug, Clone, Copy)]
pub struct Paragraph {
    pub span: Span,
    /// Sentence indices `[start, end)`.
    pub sentences: (u32, u32),
}

/// The analysed text every scorer reads. Built once per article by [`analyze`] (or
/// [`analyze_with`], reusing the memory of the previous text's analysis).
#[derive(Debug, Clone)]
pub struct Analysis<'a> {
    pub text: &'a str,
    /// The language used for scoring, if known (given by the input or detected).
    pub lang: Option<Lang>,
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
    pub paragraphs: Vec<Paragraph>,
    lower: String,
    folded: std::cell::OnceCell<phrases::FoldedText>,
}

impl<'a> Analysis<'a> {
    /// The text of a span.
    pub fn slice(&self, s: Span) -> &'a str {
        &self.text[s.range()]
    }
    /// The whole chunk of token `i`.
    pub fn token_text(&self, i: usize) -> &'a str {
        self.slice(self.tokens[i].span)
    }
    /// Token `i` without leading/trailing punctuation (may be empty).
    pub fn token_core(&self, i: usize) -> &'a str {
        self.slice(self.tokens[i].core)
    }
    /// Lower-case chunk of token `i`.
    pub fn token_lower(&self, i: usize) -> &str {
        &self.lower[self.tokens[i].lower.range()]
    }
    /// Lower-case core of token `i`.
    #[inline]
    pub fn token_lower_core(&self, i: usize) -> &str {
        self.lower_core_of(&self.tokens[i])
    }
    /// [`Analysis::token_lower_core`] of token `t` (one of [`Analysis::tokens`]), for a pass
    /// over all tokens that already holds them.
    #[inline]
    pub fn lower_core_of(&self, t: &Token) -> &str {
        &self.lower[t.lower_core.range()]
    }
    /// The arena [`Analysis::token_lower`] slices: the text with ASCII letters lower-cased,
    /// each chunk whose lower case keeps every char's byte length lower-cased in place (so such
    /// a token's lower-cased range is its span), then the lower-cased chunks that do not.
    /// Bytes between tokens mean nothing. With [`Analysis::token_lower_range`], a scorer can
    /// keep byte ranges of it instead of string slices.
    pub fn lower_text(&self) -> &str {
        &self.lower
    }
    /// The byte range of token `i`'s lower-cased chunk in [`Analysis::lower_text`].
    pub fn token_lower_range(&self, i: usize) -> Range<usize> {
        self.tokens[i].lower.range()
    }
    /// Text of sentence `i`.
    pub fn sentence_text(&self, i: usize) -> &'a str {
        self.slice(self.sentences[i].span)
    }
    /// Index of the sentence containing byte offset `pos` (the last sentence starting at or
    /// before it).
    pub fn sentence_at(&self, pos: usize) -> Option<usize> {
        let pos = pos as u32;
        let i = self.sentences.partition_point(|s| s.span.start <= pos);
        (i > 0).then(|| i - 1)
    }
    /// Index of the token containing or following byte offset `pos`.
    pub fn token_at(&self, pos: usize) -> usize {
        let pos = pos as u32;
        self.tokens.partition_point(|t| t.span.end <= pos)
    }
    /// The whole text case- and accent-folded with a map back to byte offsets, computed on first
    /// use and shared by every phrase matcher (entities, topics, cues).
    pub fn folded(&self) -> &phrases::FoldedText {
        self.folded
            .get_or_init(|| phrases::FoldedText::new(self.text))
    }
    /// Number of tokens with at least one letter (the word count used for rates).
    pub fn word_count(&self) -> usize {
        self.tokens.iter().filter(|t| t.has(flags::ALPHA)).count()
    }
}

/// Python's `str.isspace()`: Unicode White_Space plus the ASCII separators U+001C..U+001F.
#[inline]
pub fn is_py_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Punctuation for the purpose of finding a token's core: Unicode punctuation and the ASCII
/// symbols Python's `string.punctuation` lists.
#[inline]
pub fn is_punct(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_punctuation()
    } else {
        matches!(
            c,
            '\u{2010}'..='\u{2027}' // dashes, quotes, bullets, ellipsis
            | '\u{2030}'..='\u{205E}'
            | '\u{00A1}' | '\u{00A7}' | '\u{00AB}' | '\u{00B6}' | '\u{00B7}' | '\u{00BB}' | '\u{00BF}'
            | '\u{3001}'..='\u{3003}' | '\u{300C}'..='\u{300F}'
            | '\u{FF01}'..='\u{FF0F}'
        )
    }
}

/// Byte classes of the scan in [`analyze`] (bits of [`BYTE_CLASS`]).
mod class {
    /// Python `str.isspace()` for an ASCII byte: `\t \n \x0b \x0c \r`, U+001C..U+001F, space.
    pub const SPACE: u8 = 1;
    /// Not ASCII: the byte belongs to a multi-byte char (decoded by the general path).
    pub const NON_ASCII: u8 = 2;
    pub const UPPER: u8 = 4;
    pub const LOWER: u8 = 8;
    /// `'`: a chunk without one (or U+2019) cannot hold a contraction.
    pub const APOSTROPHE: u8 = 16;
    /// ASCII punctuation (`u8::is_ascii_punctuation`, Python's `string.punctuation`).
    pub const PUNCT: u8 = 32;
}

/// The class bits of every byte, so the scan finds the end of a chunk and classifies its
/// letters with one table load per byte.
static BYTE_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0usize;
    while b < 256 {
        let c = b as u8;
        t[b] = if c >= 0x80 {
            class::NON_ASCII
        } else if matches!(c, b'\t'..=b'\r' | 0x1c..=0x20) {
            class::SPACE
        } else if c.is_ascii_uppercase() {
            class::UPPER
        } else if c.is_ascii_lowercase() {
            class::LOWER
        } else if c == b'\'' {
            class::APOSTROPHE | class::PUNCT
        } else if c.is_ascii_punctuation() {
            class::PUNCT
        } else {
            0
        };
        b += 1;
    }
    t
};

/// Splits `text` into whitespace chunks, sentences and paragraphs, and records the language.
///
/// `lang` is the language to score with (given by the input, or detected by the caller with
/// [`lang::detect`]); sentence splitting uses it to pick abbreviation lists.
///
/// Speed: the lower-cased text is made in one pass over the whole text (ASCII letters; a chunk
/// with other chars is lower-cased in place when that keeps each char's byte length, else
/// appended after the text), so an ASCII token costs no copy of its own. The scan reads one
/// class byte per text byte ([`BYTE_CLASS`]), which finds the chunk's end and its letters' case
/// at once; a char is decoded only at non-ASCII bytes, and a chunk with a non-ASCII char takes
/// the general path. Both paths give the same tokens.
pub fn analyze<'a>(text: &'a str, lang: Option<Lang>, lex: &TextLexicon) -> Analysis<'a> {
    analyze_with(text, lang, lex, &mut AnalysisBuffers::default())
}

/// The memory of an [`Analysis`] (tokens, sentences, paragraphs, lower-cased text), kept between
/// texts by a caller that analyses many: [`analyze_with`] takes it, [`Analysis::recycle`] gives
/// it back.
///
/// Why: on VADER's tweets (about 80 bytes and 14 tokens each) the four allocations and frees of
/// a fresh analysis were a tenth of the instructions of analysing and scoring a text
/// (BENCHMARKS.md, "English sentiment").
#[derive(Debug, Default)]
pub struct AnalysisBuffers {
    tokens: Vec<Token>,
    sentences: Vec<Sentence>,
    paragraphs: Vec<Paragraph>,
    lower: String,
    scratch: String,
}

impl Analysis<'_> {
    /// Gives this analysis' memory back to `bufs` for the next [`analyze_with`].
    pub fn recycle(self, bufs: &mut AnalysisBuffers) {
        bufs.tokens = self.tokens;
        bufs.sentences = self.sentences;
        bufs.paragraphs = self.paragraphs;
        bufs.lower = self.lower;
    }
}

/// [`analyze`] into the memory of `bufs` (taken; give it back with [`Analysis::recycle`]). The
/// result is the same as [`analyze`]'s.
pub fn analyze_with<'a>(
    text: &'a str,
    lang: Option<Lang>,
    lex: &TextLexicon,
    bufs: &mut AnalysisBuffers,
) -> Analysis<'a> {
    let mut tokens = std::mem::take(&mut bufs.tokens);
    tokens.clear();
    tokens.reserve(text.len() / 5 + 1);
    let mut lower = std::mem::take(&mut bufs.lower);
    lower.clear();
    lower.push_str(text);
    lower.make_ascii_lowercase();
    let scratch = &mut bufs.scratch;
    let bytes = text.as_bytes();
    let mut newlines_in_gap = 0usize;
    let mut first = true;
    let mut i = 0usize;
    while i < bytes.len() {
        // Whitespace gap.
        let b = bytes[i];
        let cl = BYTE_CLASS[b as usize];
        if cl & class::SPACE != 0 {
            newlines_in_gap += usize::from(b == b'\n');
            i += 1;
            continue;
        }
        if cl & class::NON_ASCII != 0 {
            let c = text[i..].chars().next().expect("char boundary");
            if is_py_space(c) {
                if c == '\u{2029}' {
                    newlines_in_gap += 1;
                }
                i += c.len_utf8();
                continue;
            }
        }
        // A chunk from `i` to the next whitespace: ASCII bytes first, classes accumulated.
        let start = i;
        let (at, mut seen) = scan_printable(bytes, i);
        i = at;
        while i < bytes.len() {
            let cl = BYTE_CLASS[bytes[i] as usize];
            if cl & (class::SPACE | class::NON_ASCII) != 0 {
                break;
            }
            seen |= cl;
            i += 1;
        }
        let mut ascii = true;
        if i < bytes.len() && bytes[i] >= 0x80 {
            // The rest of the chunk char by char, up to the next whitespace of any kind.
            while i < bytes.len() {
                let b = bytes[i];
                if b < 0x80 {
                    if BYTE_CLASS[b as usize] & class::SPACE != 0 {
                        break;
                    }
                    i += 1;
                } else {
                    let c = text[i..].chars().next().expect("char boundary");
                    if is_py_space(c) {
                        break;
                    }
                    ascii = false;
                    i += c.len_utf8();
                }
            }
        }
        let mut f = 0u8;
        if first || newlines_in_gap >= 2 {
            f |= flags::PARA_START;
        } else if newlines_in_gap == 1 {
            f |= flags::LINE_START;
        }
        let tok = if ascii {
            ascii_token(text, start, i, f, seen)
        } else {
            general_token(text, start, i, f, &mut lower, scratch)
        };
        tokens.push(tok);
        first = false;
        newlines_in_gap = 0;
    }

    let mut sentences = std::mem::take(&mut bufs.sentences);
    let mut paragraphs = std::mem::take(&mut bufs.paragraphs);
    sentences::split_into(
        text,
        &tokens,
        &lower,
        lang,
        lex,
        &mut sentences,
        &mut paragraphs,
    );
    Analysis {
        text,
        lang,
        tokens,
        sentences,
        paragraphs,
        lower,
        folded: std::cell::OnceCell::new(),
    }
}

/// Skips the printable ASCII bytes (0x21..=0x7E and DEL) from `i`, eight at a time: returns
/// where the first other byte (space, control char, non-ASCII, or a tail of fewer than eight
/// bytes) starts and the [`class`] bits of the bytes skipped (upper, lower, apostrophe). The
/// byte loop of [`analyze`] goes on from there, so the result is the same as scanning byte by
/// byte.
///
/// Why: it executes ~9% more instructions than the byte loop alone on English news (most
/// words are shorter than eight bytes, so the byte loop still runs once), but measured ~12%
/// less CPU time for the analysis: the byte loop's exit branch, mispredicted about once a
/// token, now mostly falls in one word-wide step (BENCHMARKS.md, "English sentiment").
#[inline]
fn scan_printable(bytes: &[u8], mut i: usize) -> (usize, u8) {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let mut seen = 0u8;
    while let Some(w8) = bytes.get(i..i + 8) {
        let w = u64::from_le_bytes(w8.try_into().expect("8 bytes"));
        // High bit of each byte that is non-ASCII or below 0x21: exact for the lowest such
        // byte (borrows only run upwards, past it), which is all that is used.
        let stop = (w | (w.wrapping_sub(0x21 * LO) & !w)) & HI;
        let n = if stop == 0 {
            8
        } else {
            stop.trailing_zeros() as usize / 8
        };
        if n > 0 {
            // The n bytes are ASCII 0x21..=0x7F, so adding to them never carries into the
            // next byte: a byte's high bit then says it is at least the bound.
            let keep = if n == 8 {
                HI
            } else {
                HI & ((1u64 << (8 * n)) - 1)
            };
            let at_least = |b: u64| w.wrapping_add((0x80 - b) * LO);
            let upper = at_least(0x41) & !at_least(0x5B) & keep;
            let lower = at_least(0x61) & !at_least(0x7B) & keep;
            let x = w ^ (0x27 * LO);
            // Zero bytes of x (apostrophes): a false hit only ever sits above a true one.
            let apostrophe = x.wrapping_sub(LO) & !x & keep;
            seen |= if upper != 0 { class::UPPER } else { 0 }
                | if lower != 0 { class::LOWER } else { 0 }
                | if apostrophe != 0 {
                    class::APOSTROPHE
                } else {
                    0
                };
        }
        i += n;
        if n < 8 {
            break;
        }
    }
    (i, seen)
}

/// The token of the ASCII chunk `text[start..end]`, whose bytes' classes OR to `seen`. Its
/// lower-cased form is already in place in the lower-cased text.
#[inline]
fn ascii_token(text: &str, start: usize, end: usize, mut f: u8, seen: u8) -> Token {
    let chunk = &text.as_bytes()[start..end];
    let punct = |b: u8| BYTE_CLASS[b as usize] & class::PUNCT != 0;
    let mut cs = 0;
    while cs < chunk.len() && punct(chunk[cs]) {
        cs += 1;
    }
    let mut ce = chunk.len();
    while ce > cs && punct(chunk[ce - 1]) {
        ce -= 1;
    }
    let (any_upper, any_lower) = (seen & class::UPPER != 0, seen & class::LOWER != 0);
    f |= flags::LOWER_ALIGNED | flags::ASCII;
    if any_upper || any_lower {
        f |= flags::ALPHA;
    }
    if any_upper && !any_lower {
        f |= flags::ALL_CAPS;
    }
    if seen & class::APOSTROPHE != 0 {
        f |= flags::APOSTROPHE;
    }
    if chunk.get(cs).is_some_and(u8::is_ascii_uppercase) {
        f |= flags::CAPITALISED;
    }
    Token {
        span: Span::new(start, end),
        core: Span::new(start + cs, start + ce),
        lower: Span::new(start, end),
        lower_core: Span::new(start + cs, start + ce),
        flags: f,
    }
}

/// The token of any chunk `text[start..end]`. Its lower-cased form replaces the chunk's bytes
/// in `lower` when every char keeps its byte length, else is appended to `lower`; `buf` is
/// scratch space.
fn general_token(
    text: &str,
    start: usize,
    end: usize,
    mut f: u8,
    lower: &mut String,
    buf: &mut String,
) -> Token {
    let chunk = &text[start..end];
    // Core: strip punctuation from both ends.
    let core_rel_start = chunk
        .char_indices()
        .find(|&(_, c)| !is_punct(c))
        .map(|(i, _)| i)
        .unwrap_or(chunk.len());
    let core_rel_end = chunk
        .char_indices()
        .rev()
        .find(|&(_, c)| !is_punct(c))
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(core_rel_start)
        .max(core_rel_start);
    buf.clear();
    let mut lcore_start = 0;
    let mut lcore_end = 0;
    let mut has_cased = false;
    let mut any_lower = false;
    let mut aligned = true;
    let mut alpha = false;
    for (i, c) in chunk.char_indices() {
        if i == core_rel_start {
            lcore_start = buf.len();
        }
        if i == core_rel_end {
            lcore_end = buf.len();
        }
        if c.is_alphabetic() {
            alpha = true;
        }
        if c.is_uppercase() {
            has_cased = true;
        } else if c.is_lowercase() {
            has_cased = true;
            any_lower = true;
        }
        let before = buf.len();
        if c.is_ascii() {
            buf.push(c.to_ascii_lowercase());
        } else {
            for lc in c.to_lowercase() {
                buf.push(lc);
            }
        }
        if buf.len() - before != c.len_utf8() {
            aligned = false;
        }
    }
    if core_rel_start >= chunk.len() {
        lcore_start = buf.len();
    }
    if core_rel_end >= chunk.len() {
        lcore_end = buf.len();
    }
    let lstart = if aligned {
        // Same length char by char: the chunk's place in `lower` takes it.
        lower.replace_range(start..end, buf);
        start
    } else {
        let at = lower.len();
        lower.push_str(buf);
        at
    };
    if alpha {
        f |= flags::ALPHA;
    }
    if has_cased && !any_lower {
        f |= flags::ALL_CAPS;
    }
    if aligned {
        f |= flags::LOWER_ALIGNED;
    }
    if chunk.is_ascii() {
        f |= flags::ASCII;
    }
    if chunk.contains(['\'', '\u{2019}']) {
        f |= flags::APOSTROPHE;
    }
    if chunk[core_rel_start..]
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase())
    {
        f |= flags::CAPITALISED;
    }
    Token {
        span: Span::new(start, end),
        core: Span::new(start + core_rel_start, start + core_rel_end),
        lower: Span::new(lstart, lstart + buf.len()),
        lower_core: Span::new(lstart + lcore_start, lstart + lcore_end.max(lcore_start)),
        flags: f,
    }
}

/// Converts UTF-8 byte offsets of one text into Unicode scalar offsets (the unit of slant's
/// JSON contracts) in O(log n) per lookup.
pub struct CharOffsets {
    /// For every multi-byte char: its byte offset and the total extra bytes (UTF-8 length minus
    /// one) of it and all multi-byte chars before it.
    multi: Vec<(u32, u32)>,
}

impl CharOffsets {
    pub fn new(text: &str) -> Self {
        let mut multi = Vec::new();
        if !text.is_ascii() {
            let mut extra = 0u32;
            for (b, c) in text.char_indices() {
                let w = c.len_utf8() as u32;
                if w > 1 {
                    extra += w - 1;
                    multi.push((b as u32, extra));
                }
            }
        }
        CharOffsets { multi }
    }

    /// The number of chars before byte offset `byte` (a char boundary).
    pub fn to_char(&self, byte: usize) -> usize {
        let k = self.multi.partition_point(|&(s, _)| (s as usize) < byte);
        if k == 0 {
            byte
        } else {
            byte - self.multi[k - 1].1 as usize
        }
    }
}

/// Converts a byte offset to a char offset by scanning: `text[..byte].chars().count()`.
/// For one-off conversions; hot paths use [`CharOffsets`].
pub fn char_offset(text: &str, byte: usize) -> usize {
    text[..byte].chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lex() -> TextLexicon {
        TextLexicon::load(&LexiconSource::built_in()).unwrap()
    }

    #[test]
    fn tokens_follow_python_split_and_strip_punctuation() {
        let l = lex();
        let a = analyze("“Je dois dire”, a déclaré  Poutine.\nGOOD!", None, &l);
        let chunks: Vec<&str> = (0..a.tokens.len()).map(|i| a.token_text(i)).collect();
        assert_eq!(
            chunks,
            vec!["“Je", "dois", "dire”,", "a", "déclaré", "Poutine.", "GOOD!"]
        );
        assert_eq!(a.token_core(0), "Je");
        assert_eq!(a.token_core(2), "dire");
        assert_eq!(a.token_lower(6), "good!");
        assert_eq!(a.token_lower_core(4), "déclaré");
        assert!(a.tokens[6].has(flags::ALL_CAPS));
        assert!(a.tokens[6].has(flags::LINE_START));
        assert!(!a.tokens[5].has(flags::ALL_CAPS));
        assert!(a.tokens[0].has(flags::PARA_START));
    }

    /// `scan_printable` against the byte loop it speeds up, at every start of texts with every
    /// kind of byte (control chars, DEL, non-ASCII, apostrophes, both cases, tails).
    #[test]
    fn word_wide_scan_equals_byte_scan() {
        fn by_bytes(b: &[u8], mut i: usize) -> (usize, u8) {
            let mut seen = 0;
            while i < b.len() && (0x21..0x80).contains(&b[i]) {
                seen |=
                    BYTE_CLASS[b[i] as usize] & (class::UPPER | class::LOWER | class::APOSTROPHE);
                i += 1;
            }
            (i, seen)
        }
        let texts = [
            "The quick brown fox's jumps, (REALLY) ok",
            "don't\x07stop\u{7f}now  \t\nUNBELIEVABLY-long-Words_and_more",
            "é:)caf\u{e9}'s AB'cd'EF\u{0}x a\u{2019}b",
            "abcdefgh'ABCDEFG 12345678!@#$%^&* zZaA@[`{",
        ];
        for t in texts {
            let b = t.as_bytes();
            for start in 0..b.len() {
                let (end, seen) = scan_printable(b, start);
                // The fast scan may stop early (a tail of fewer than eight bytes) but never
                // past the byte loop's end, and the byte loop finishes the rest alike.
                let (want_end, want_seen) = by_bytes(b, start);
                assert!(end <= want_end, "{t:?} {start}");
                let (rest_end, rest_seen) = by_bytes(b, end);
                assert_eq!(
                    (rest_end, seen | rest_seen),
                    (want_end, want_seen),
                    "{t:?} {start}"
                );
            }
        }
    }

    /// Reused memory gives the same analysis as fresh memory, whatever the previous text left
    /// in it (longer texts, several paragraphs, lower-cased chunks appended after the text).
    #[test]
    fn analyze_with_reused_buffers_equals_analyze() {
        let l = lex();
        let texts = [
            "İSTANBUL Straße. Mr. Smith said “no”!\n\nA second paragraph... with MORE words",
            "GOOD!",
            "",
            "déjà vu :) \u{1F600} wow\nnext line. Ok",
            "short",
        ];
        let mut bufs = AnalysisBuffers::default();
        for t in texts {
            let fresh = analyze(t, Some(Lang::EN), &l);
            let reused = analyze_with(t, Some(Lang::EN), &l, &mut bufs);
            assert_eq!(
                format!("{:?}", reused.tokens),
                format!("{:?}", fresh.tokens),
                "{t:?}"
            );
            assert_eq!(
                format!("{:?}", reused.sentences),
                format!("{:?}", fresh.sentences),
                "{t:?}"
            );
            assert_eq!(
                format!("{:?}", reused.paragraphs),
                format!("{:?}", fresh.paragraphs),
                "{t:?}"
            );
            assert_eq!(reused.lower_text(), fresh.lower_text(), "{t:?}");
            reused.recycle(&mut bufs);
        }
    }

    #[test]
    fn pure_punctuation_has_empty_core() {
        let a = analyze("— ...", None, &lex());
        assert_eq!(a.token_core(0), "");
        assert_eq!(a.token_lower_core(1), "");
    }

    #[test]
    fn char_offsets_count_scalars() {
        let t = "déjà « vu » 😀 x";
        let co = CharOffsets::new(t);
        for (b, _) in t.char_indices().chain(std::iter::once((t.len(), ' '))) {
            assert_eq!(co.to_char(b), char_offset(t, b), "byte {b}");
        }
        assert_eq!(char_offset("déjà vu", "déjà".len()), 4);
    }
}
