//! Engine `vader`: vaderSentiment 3.3.2's `polarity_scores`, reproduced exactly (English).
//!
//! Data, not code: the lexicon and emoji table are VADER's own files (`en/vader_lexicon.txt`,
//! `en/emoji_utf8_lexicon.txt`), the rule constants, boosters, negations and special cases are
//! `en/vader-rules.tsv` (exported from the Python module by `scripts/export_vader_rules.py`).
//! The code below holds VADER's rules, each with the 3.3.2 function it mirrors, including the
//! quirks that make a result differ from what the paper describes:
//!
//! - emoji are replaced by their descriptions with a space before (unless the previous char is an
//!   ASCII space) but none after, so `love😍you` reads `love smiling face with heart-eyesyou`;
//! - a word is stripped of ASCII punctuation at both ends unless that leaves ≤ 2 chars (then the
//!   whole chunk is kept: `:)`, `ok!`);
//! - a preceding word only boosts or negates when it is *not* itself a lexicon word;
//! - at three words back, `so`/`this` right before the word multiplies by 1.25 whatever precedes;
//! - SPECIAL_CASES are only looked at for a lexicon word with three non-lexicon words before it
//!   (`_special_idioms_check` runs inside the third step of the booster loop), and the
//!   sentiment-laden idioms are never applied (3.3.2 never calls that check);
//! - `no` before another lexicon word scores 0 itself and negates up to three words after;
//! - "but" scales by the first index *of the value* (`list.index`), so equal scores on both sides
//!   of "but" can be scaled twice or not at all;
//! - pos/neu/neg are proportions of (|score| + 1) per word, with `!`/`?` emphasis added to the
//!   larger side; compound is `x/√(x²+15)`; results rounded as Python's `round` (3 and 4 places).
//!
//! One deliberate divergence: an empty text (no words) scores `neu` 1.0, as slant's contract
//! and [`super::score_document`] require; vaderSentiment 3.3.2 returns all zeros there.
//!
//! The hot path allocates nothing: words are byte ranges of the analysis' lower-cased text,
//! each looked up once in one map whose [`WordInfo`] also carries the word's rule roles (bits,
//! so rules test a bit instead of comparing strings), and the word and score buffers are reused
//! per thread. Only a text with an emoji from the table is rebuilt as a string (VADER's
//! replacement changes the words).
//!
//! The same machinery serves the news engine (`news.rs`) through [`Tweaks`]; with
//! [`Tweaks::default`] every rule is 3.3.2's.

use std::ops::Range;

use rustc_hash::FxHashMap;

use super::{EngineChoice, SentimentEngine};
use crate::lexicon::{LexiconError, LexiconSource};
use crate::model::Polarity;
use crate::text::packed::PackedMap;
use crate::text::{Analysis, Lang, Token, flags, is_py_space};

/// VADER's lexicon file (word, mean valence, sd, ratings), unmodified from the wheel.
pub const LEXICON_FILE: &str = "en/vader_lexicon.txt";
/// VADER's emoji descriptions, unmodified from the wheel.
pub const EMOJI_FILE: &str = "en/emoji_utf8_lexicon.txt";
/// VADER's rule data (constants, boosters, negations, special cases).
pub const RULES_FILE: &str = "en/vader-rules.tsv";

/// Adds the `vader` engine for English when VADER's three files are present.
pub fn register(
    src: &LexiconSource,
    engines: &mut Vec<(Lang, EngineChoice, Box<dyn SentimentEngine>)>,
) -> Result<(), LexiconError> {
    if !(src.exists(LEXICON_FILE) && src.exists(EMOJI_FILE) && src.exists(RULES_FILE)) {
        return Ok(());
    }
    let data = VaderData::load(src)?;
    engines.push((
        Lang::EN,
        EngineChoice::Vader,
        Box::new(VaderEngine::new("vader", data, Tweaks::default())),
    ));
    Ok(())
}

/// VADER's numeric constants (`en/vader-rules.tsv`, kind `constant`).
#[derive(Debug, Clone, PartialEq)]
pub struct Constants {
    /// `C_INCR`: added to a word (or booster) in capitals when the text is not all capitals.
    pub caps_increment: f64,
    /// `N_SCALAR`: multiplier of a negated word.
    pub negation_scalar: f64,
    /// `normalize(score, alpha)`.
    pub normalize_alpha: f64,
    pub exclamation_weight: f64,
    pub exclamation_max: f64,
    pub question_weight: f64,
    pub question_max_count: f64,
    pub question_flood: f64,
    pub but_before: f64,
    pub but_after: f64,
    pub booster_decay_2: f64,
    pub booster_decay_3: f64,
    pub never_so_this: f64,
}

/// What VADER knows about one lower-cased word.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct WordInfo {
    /// Lexicon valence (`vader_lexicon.txt`), if the word is in the lexicon.
    pub valence: Option<f64>,
    /// BOOSTER_DICT value, if the word is a booster or dampener.
    pub booster: Option<f64>,
    /// In NEGATE.
    pub negate: bool,
    /// The parts the word plays in the rules besides its valence (bits of [`role`]), so each
    /// rule tests a bit of the one lookup per word instead of comparing strings or scanning
    /// word lists.
    pub roles: u16,
}

/// Bits of [`WordInfo::roles`]: the words VADER's rules name (3.3.2's literals), set by
/// [`VaderData::load`], and the word lists of [`Tweaks`], set by [`VaderEngine::new`].
pub mod role {
    /// `no` (negates up to three words after it).
    pub const NO: u16 = 1;
    /// `kind` (of `kind of`, which scores 0).
    pub const KIND: u16 = 1 << 1;
    /// `of`.
    pub const OF: u16 = 1 << 2;
    /// `or`, `nor` (`no X or Y`).
    pub const OR_NOR: u16 = 1 << 3;
    /// `never`.
    pub const NEVER: u16 = 1 << 4;
    /// `so`, `this` (`never so`, `never this`).
    pub const SO_THIS: u16 = 1 << 5;
    /// `without` (`without doubt`).
    pub const WITHOUT: u16 = 1 << 6;
    /// `doubt`.
    pub const DOUBT: u16 = 1 << 7;
    /// `least`.
    pub const LEAST: u16 = 1 << 8;
    /// `at`, `very` (`at least`, `very least` do not negate).
    pub const AT_VERY: u16 = 1 << 9;
    /// `but`, and [`super::Tweaks::contrast_words`].
    pub const CONTRAST: u16 = 1 << 10;
    /// [`super::Tweaks::not_contrast_next`].
    pub const NOT_CONTRAST_NEXT: u16 = 1 << 11;
    /// [`super::Tweaks::shifters`].
    pub const SHIFTER: u16 = 1 << 12;
    /// A word of a multi-word booster or special case (`sort of`, `the bomb`): a phrase can
    /// match only where each of its words has this bit, so the idiom check compares strings
    /// only then. Set in the engine's table, not in [`super::VaderData::words`].
    pub const PHRASE: u16 = 1 << 13;

    /// The words 3.3.2's rules spell out, with their role.
    pub(super) const RULE_WORDS: [(&str, u16); 14] = [
        ("no", NO),
        ("kind", KIND),
        ("of", OF),
        ("or", OR_NOR),
        ("nor", OR_NOR),
        ("never", NEVER),
        ("so", SO_THIS),
        ("this", SO_THIS),
        ("without", WITHOUT),
        ("doubt", DOUBT),
        ("least", LEAST),
        ("at", AT_VERY),
        ("very", AT_VERY),
        ("but", CONTRAST),
    ];
}

/// VADER's data, loaded once: one map from lower-cased word to everything known about it, the
/// multi-word boosters and special cases, the emoji table and the constants.
#[derive(Debug, Clone)]
pub struct VaderData {
    pub words: FxHashMap<Box<str>, WordInfo>,
    /// Multi-word BOOSTER_DICT keys (`kind of`, `sort of`, `just enough`), as word sequences.
    pub booster_phrases: Vec<(Vec<Box<str>>, f64)>,
    /// SPECIAL_CASES with two or more words, in the module's order (one-word keys such as
    /// `badass` can never match the joined n-grams 3.3.2 looks up, so they are dropped).
    pub special: Vec<(Vec<Box<str>>, f64)>,
    /// Single-code-point emoji → description (3.3.2 tests `chr in self.emojis`, so keys of
    /// several code points never match).
    pub emoji: FxHashMap<char, Box<str>>,
    /// The smallest emoji code point: chars below it skip the table lookup.
    pub emoji_min: u32,
    pub constants: Constants,
}

impl VaderData {
    /// Loads the three files; a malformed row is an error naming file and line.
    pub fn load(src: &LexiconSource) -> Result<Self, LexiconError> {
        let mut words: FxHashMap<Box<str>, WordInfo> = FxHashMap::default();
        parse_lexicon(&src.read_text(LEXICON_FILE)?, LEXICON_FILE, &mut words)?;
        let (emoji, emoji_min) = parse_emoji(&src.read_text(EMOJI_FILE)?, EMOJI_FILE)?;
        let rules = src.read_tsv(RULES_FILE, 2)?;
        let mut consts: FxHashMap<String, f64> = FxHashMap::default();
        let mut booster_phrases = Vec::new();
        let mut special = Vec::new();
        let num = |n: usize, s: Option<&String>| -> Result<f64, LexiconError> {
            let s = s.ok_or_else(|| LexiconError::malformed(RULES_FILE, n, "missing value"))?;
            s.parse::<f64>().map_err(|_| {
                LexiconError::malformed(RULES_FILE, n, format!("value {s:?} is not a number"))
            })
        };
        for (n, f) in &rules {
            let (kind, key) = (f[0].as_str(), f[1].as_str());
            match kind {
                "constant" => {
                    consts.insert(key.to_string(), num(*n, f.get(2))?);
                }
                "booster" => {
                    let v = num(*n, f.get(2))?;
                    let seq = split_phrase(key);
                    if seq.len() == 1 {
                        words.entry(key.into()).or_default().booster = Some(v);
                    } else {
                        booster_phrases.push((seq, v));
                    }
                }
                "negate" => words.entry(key.into()).or_default().negate = true,
                "special" => {
                    let v = num(*n, f.get(2))?;
                    let seq = split_phrase(key);
                    if seq.len() > 1 {
                        special.push((seq, v));
                    }
                }
                // Defined by 3.3.2 and never applied; validated so a typo still fails loudly.
                "idiom" => {
                    num(*n, f.get(2))?;
                }
                other => {
                    return Err(LexiconError::malformed(
                        RULES_FILE,
                        *n,
                        format!(
                            "unknown kind {other:?} (constant, booster, negate, special, idiom)"
                        ),
                    ));
                }
            }
        }
        let c = |name: &str| -> Result<f64, LexiconError> {
            consts
                .get(name)
                .copied()
                .ok_or_else(|| LexiconError::Malformed {
                    path: RULES_FILE.to_string(),
                    line: 0,
                    message: format!("constant {name} is not defined"),
                })
        };
        let constants = Constants {
            caps_increment: c("C_INCR")?,
            negation_scalar: c("N_SCALAR")?,
            normalize_alpha: c("normalize_alpha")?,
            exclamation_weight: c("exclamation_weight")?,
            exclamation_max: c("exclamation_max")?,
            question_weight: c("question_weight")?,
            question_max_count: c("question_max_count")?,
            question_flood: c("question_flood")?,
            but_before: c("but_before")?,
            but_after: c("but_after")?,
            booster_decay_2: c("booster_decay_2")?,
            booster_decay_3: c("booster_decay_3")?,
            never_so_this: c("never_so_this")?,
        };
        for (w, bit) in role::RULE_WORDS {
            words.entry(w.into()).or_default().roles |= bit;
        }
        Ok(VaderData {
            words,
            booster_phrases,
            special,
            emoji,
            emoji_min,
            constants,
        })
    }

    /// Sets (or, with `None`, removes) the lexicon valence of a lower-cased word.
    pub fn set_valence(&mut self, word: &str, valence: Option<f64>) {
        self.words.entry(word.into()).or_default().valence = valence;
    }
}

fn split_phrase(s: &str) -> Vec<Box<str>> {
    s.split_whitespace().map(Into::into).collect()
}

/// `make_lex_dict`: each non-empty line, stripped, split on tabs; word and float valence; a later
/// row for the same word replaces the earlier one.
fn parse_lexicon(
    text: &str,
    path: &str,
    words: &mut FxHashMap<Box<str>, WordInfo>,
) -> Result<(), LexiconError> {
    for (i, line) in text.trim_end_matches('\n').split('\n').enumerate() {
        if line.is_empty() {
            continue;
        }
        let mut f = line.trim_matches(is_py_space).split('\t');
        let (Some(word), Some(measure)) = (f.next(), f.next()) else {
            return Err(LexiconError::malformed(
                path,
                i + 1,
                "expected word<TAB>valence",
            ));
        };
        let v: f64 = measure.trim_matches(is_py_space).parse().map_err(|_| {
            LexiconError::malformed(path, i + 1, format!("valence {measure:?} is not a number"))
        })?;
        words.entry(word.into()).or_default().valence = Some(v);
    }
    Ok(())
}

/// `make_emoji_dict`, keeping the keys `polarity_scores` can match: one code point.
fn parse_emoji(text: &str, path: &str) -> Result<(FxHashMap<char, Box<str>>, u32), LexiconError> {
    let mut map = FxHashMap::default();
    let mut min = u32::MAX;
    for (i, line) in text.trim_end_matches('\n').split('\n').enumerate() {
        let mut f = line.trim_matches(is_py_space).split('\t');
        let (Some(key), Some(desc)) = (f.next(), f.next()) else {
            return Err(LexiconError::malformed(
                path,
                i + 1,
                "expected emoji<TAB>description",
            ));
        };
        let mut chars = key.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            min = min.min(c as u32);
            map.insert(c, desc.into());
        }
    }
    Ok((map, min))
}

/// Departures from 3.3.2 used by the news engine. `Tweaks::default()` is VADER exactly.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tweaks {
    /// Contrast words besides "but" (`however`, `nevertheless`…), each scaling like "but".
    pub contrast_words: Vec<Box<str>>,
    /// A contrast word followed by one of these does not contrast (`but also`).
    pub not_contrast_next: Vec<Box<str>>,
    /// Apply "but" by position (every score before ×0.5, after ×1.5) instead of 3.3.2's
    /// `list.index` quirk, which scales equal scores twice or not at all.
    pub contrast_by_position: bool,
    /// Compound normalisation alpha grows with the number of scored words:
    /// `alpha × max(1, scored / alpha_words)`; 0 disables. Long texts then saturate less.
    pub alpha_words: f64,
    /// Stop negation and boosting at clause punctuation (`,` `;` `:`) between the modifier and
    /// the word.
    pub scope_stops_at_clause: bool,
    /// Read the typographic apostrophe (U+2019) of news copy as `'` for negation: `don’t`,
    /// `can’t`, `isn’t` negate as `don't` does.
    pub typographic_apostrophe: bool,
    /// Valence shifters (`reduce`, `prevent`, `curb`…): a negative word one or two words after
    /// one (same clause) is negated, and the shifter's own negative score is dropped, so
    /// "reduce poverty" reads as good news.
    pub shifters: Vec<Box<str>>,
}

/// The `vader` engine (and, with tweaks and an adjusted lexicon, `news-en`).
pub struct VaderEngine {
    pub(crate) name: &'static str,
    /// The loaded data. Its word map is frozen into `table` by [`VaderEngine::new`]: change the
    /// words before building the engine (as `news.rs` does), not after.
    pub(crate) data: VaderData,
    pub(crate) tweaks: Tweaks,
    /// `data.words` frozen into the table the hot path reads (built by [`VaderEngine::new`]).
    table: WordTable,
    /// Bytes of the shortest negation word: a shorter chunk core cannot be one (see
    /// [`VaderEngine::word`]).
    min_negate_len: usize,
    /// Some emoji of the table is a whitespace char (none of VADER's is; an edited table
    /// might): then a text of ASCII tokens can still hold one, between them.
    space_emoji: bool,
}

/// The lexicon as the hot path reads it: a word of at most 15 bytes (nearly every English
/// word) is packed with its length into one `u128` ([`crate::text::packed`]), so a lookup
/// hashes two integers and compares them in registers, with no pointer to chase and no
/// `memcmp`; longer words go through a string map. What is known of the word is stored in the
/// bucket itself as a [`Packed`] (valences as indices into one small table of distinct values),
/// so a found word costs one cache line of the table: profiles of the earlier layouts (string
/// keys, or indices into a `Vec<WordInfo>`) had a second cache miss per found word.
#[derive(Debug, Clone, Default)]
struct WordTable {
    map: PackedMap<Packed>,
    /// Distinct valences and booster values; `Packed` holds index + 1 (0 = none).
    values: Vec<f64>,
}

/// [`WordInfo`] in 12 bytes.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Packed {
    valence: u32,
    booster: u32,
    roles: u16,
    negate: bool,
}

impl WordTable {
    fn new(words: &FxHashMap<Box<str>, WordInfo>) -> Self {
        let mut t = WordTable::default();
        let mut seen: FxHashMap<u64, u32> = FxHashMap::default();
        let mut value = |t: &mut WordTable, v: Option<f64>| -> u32 {
            let Some(v) = v else { return 0 };
            *seen.entry(v.to_bits()).or_insert_with(|| {
                t.values.push(v);
                t.values.len() as u32
            })
        };
        // Sorted, so the value table does not depend on the map's iteration order.
        let mut entries: Vec<(&Box<str>, &WordInfo)> = words.iter().collect();
        entries.sort_by(|a, b| a.0.cmp(b.0));
        for (w, info) in entries {
            let p = Packed {
                valence: value(&mut t, info.valence),
                booster: value(&mut t, info.booster),
                roles: info.roles,
                negate: info.negate,
            };
            t.map.insert(w, p);
        }
        t
    }

    /// What is known of the lower-cased word `w` (all empty when nothing is).
    #[inline]
    fn get(&self, w: &str) -> Packed {
        self.map.get(w).copied().unwrap_or_default()
    }

    /// [`WordTable::get`] of `text[start..start + len]`, its key packed from the text in place.
    #[inline]
    fn get_at(&self, text: &str, start: usize, len: usize) -> Packed {
        self.map
            .get_at(text, start, len)
            .copied()
            .unwrap_or_default()
    }

    /// The value an index of [`Packed`] stands for.
    #[inline]
    fn value(&self, idx: u32) -> Option<f64> {
        (idx != 0).then(|| self.values[idx as usize - 1])
    }

    /// [`WordInfo`] of `w`, unpacked (for tests and diagnostics).
    #[cfg(test)]
    fn info(&self, w: &str) -> WordInfo {
        let p = self.get(w);
        WordInfo {
            valence: self.value(p.valence),
            booster: self.value(p.booster),
            negate: p.negate,
            roles: p.roles,
        }
    }
}

/// Per-thread buffers of the hot path, reused from call to call so scoring a sentence
/// allocates nothing (scorers run on rayon threads: one set per thread).
#[derive(Default)]
struct Scratch {
    words: Vec<Word>,
    sentiments: Vec<f64>,
    nonzero: Vec<usize>,
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
}

/// Runs `f` with this thread's scratch buffers (fresh ones if they are already in use).
fn with_scratch<R>(f: impl FnOnce(&mut Scratch) -> R) -> R {
    SCRATCH.with(|cell| match cell.try_borrow_mut() {
        Ok(mut s) => f(&mut s),
        Err(_) => f(&mut Scratch::default()),
    })
}

impl VaderEngine {
    /// Builds an engine from loaded data and tweaks. The tweaks' word lists become
    /// [`WordInfo::roles`] bits here, so the hot path tests a bit instead of scanning lists.
    pub fn new(name: &'static str, mut data: VaderData, tweaks: Tweaks) -> Self {
        let mut mark = |words: &[Box<str>], bit: u16| {
            for w in words {
                data.words.entry(w.clone()).or_default().roles |= bit;
            }
        };
        mark(&tweaks.contrast_words, role::CONTRAST);
        mark(&tweaks.not_contrast_next, role::NOT_CONTRAST_NEXT);
        mark(&tweaks.shifters, role::SHIFTER);
        let mut table = WordTable::new(&data.words);
        for (seq, _) in data.special.iter().chain(&data.booster_phrases) {
            for w in seq {
                table.map.get_or_default(w).roles |= role::PHRASE;
            }
        }
        let min_negate_len = data
            .words
            .iter()
            .filter(|(_, i)| i.negate)
            .map(|(w, _)| w.len())
            .min()
            .unwrap_or(usize::MAX);
        let space_emoji = data.emoji.keys().any(|&c| is_py_space(c));
        VaderEngine {
            name,
            data,
            tweaks,
            table,
            min_negate_len,
            space_emoji,
        }
    }

    /// Scores a text exactly as `SentimentIntensityAnalyzer().polarity_scores(text)` (except
    /// the empty text, see the module doc).
    pub fn score_text(&self, text: &str) -> Polarity {
        let replaced;
        let text = if self.has_emoji(text) {
            replaced = self.replace_emoji(text);
            replaced.as_str()
        } else {
            text
        };
        // Lower-casing never turns a non-space char into a space, so the lower-cased text splits
        // into the same chunks, each the lower-cased chunk.
        let lower = text.to_lowercase();
        with_scratch(|s| {
            s.words.clear();
            for (c, l) in text
                .split(is_py_space)
                .filter(|c| !c.is_empty())
                .zip(lower.split(is_py_space).filter(|c| !c.is_empty()))
            {
                let off = l.as_ptr() as usize - lower.as_ptr() as usize;
                let ascii = c.is_ascii();
                let w = self.word(c, l, off, false, ascii, ascii && py_isupper(c), true);
                s.words.push(w);
            }
            self.score_words(s, &lower, text)
        })
    }

    /// news-en's test of a text for a negation word, on one lower-cased chunk: VADER's
    /// `NEGATE` list once ASCII punctuation is stripped, or `n't` (`n’t` in news copy) anywhere.
    pub(crate) fn chunk_negates(&self, lower: &str) -> bool {
        let (s, e) = strip_ascii_punct_range(lower.as_bytes());
        self.table.get(&lower[s..e]).negate
            || contains_bytes(lower.as_bytes(), b"n't")
            || contains_bytes(lower.as_bytes(), "n\u{2019}t".as_bytes())
    }

    fn has_emoji(&self, text: &str) -> bool {
        !text.is_ascii()
            && text
                .chars()
                .any(|c| c as u32 >= self.data.emoji_min && self.data.emoji.contains_key(&c))
    }

    /// `polarity_scores`' emoji loop.
    fn replace_emoji(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len() + 64);
        let mut prev_space = true;
        for c in text.chars() {
            if let Some(d) = (c as u32 >= self.data.emoji_min)
                .then(|| self.data.emoji.get(&c))
                .flatten()
            {
                if !prev_space {
                    out.push(' ');
                }
                out.push_str(d);
                prev_space = false;
            } else {
                out.push(c);
                prev_space = c == ' ';
            }
        }
        out
    }

    /// Words of tokens `range` of `a`, taken from the shared tokens (same split as Python's
    /// `str.split()`) and their lower-cased forms in the analysis, or rebuilt when an emoji
    /// changes them. Also says whether a token is a negation word by
    /// [`VaderEngine::chunk_negates`] (news-en's negation offset), found by the same one
    /// lookup per word instead of a second pass.
    pub(crate) fn score_range(&self, a: &Analysis, range: Range<usize>) -> (Polarity, bool) {
        if range.is_empty() {
            return (neutral(), false);
        }
        let start = a.tokens[range.start].span.start as usize;
        let end = a.tokens[range.end - 1].span.end as usize;
        let text = &a.text[start..end];
        let base = a.lower_text();
        let scored = with_scratch(|s| {
            s.words.clear();
            let mut negates = false;
            let mut ascii = true;
            for i in range.clone() {
                let t = &a.tokens[i];
                ascii &= t.has(flags::ASCII);
                let lr = a.token_lower_range(i);
                let w = if t.has(flags::ASCII) {
                    self.ascii_word(t, lr, base)
                } else {
                    self.word(
                        &a.text[t.span.range()],
                        &base[lr.clone()],
                        lr.start,
                        t.has(flags::LOWER_ALIGNED),
                        false,
                        t.has(flags::ALL_CAPS),
                        t.has(flags::APOSTROPHE),
                    )
                };
                negates |= w.flags & wflag::NEGATES != 0;
                s.words.push(w);
            }
            // An emoji is not ASCII: only then can the words be wrong (checked after the loop,
            // from the tokens' flags, rather than by a scan of the text before it).
            if (!ascii || self.space_emoji) && self.has_emoji(text) {
                return None;
            }
            Some((self.score_words(s, base, text), negates))
        });
        scored.unwrap_or_else(|| {
            // The words are the emoji-replaced text's; the negation test reads the tokens.
            let negates = range.clone().any(|i| self.chunk_negates(a.token_lower(i)));
            (self.score_text(text), negates)
        })
    }

    /// [`VaderEngine::word`] of an ASCII token, whose lower-cased chunk is `base[lr]`, from the
    /// analysis' own facts: for ASCII the token's core is the chunk stripped of ASCII
    /// punctuation (`_strip_punc_if_word`'s strip), `ALL_CAPS` is `str.isupper`, and only
    /// `'` can start a contraction; the key is packed straight from the text.
    #[inline]
    fn ascii_word(&self, t: &Token, lr: Range<usize>, base: &str) -> Word {
        let len = lr.len();
        let cs = (t.core.start - t.span.start) as usize;
        let ce = (t.core.end - t.span.start) as usize;
        let (ks, ke) = if ce - cs <= 2 { (0, len) } else { (cs, ce) };
        let info = self.table.get_at(base, lr.start + ks, ke - ks);
        let mut f = 0u8;
        if t.has(flags::ALL_CAPS) {
            f |= wflag::UPPER;
        }
        if len > 0 && matches!(base.as_bytes()[lr.end - 1], b',' | b';' | b':') {
            f |= wflag::CLAUSE_END;
        }
        let core_negates = if (ks, ke) == (cs, ce) {
            info.negate
        } else {
            ce - cs >= self.min_negate_len && self.table.get_at(base, lr.start + cs, ce - cs).negate
        };
        if core_negates {
            f |= wflag::NEGATES;
        }
        if t.has(flags::APOSTROPHE) && contains_bytes(&base.as_bytes()[lr.clone()], b"n't") {
            f |= wflag::NT | wflag::NEGATES;
        }
        Word {
            start: (lr.start + ks) as u32,
            end: (lr.start + ke) as u32,
            info,
            flags: f,
        }
    }

    /// One VADER word (`_strip_punc_if_word`, `str.isupper`) and its one lexicon lookup.
    /// `lower` is the lower-cased `chunk`, found at byte `lower_off` of the scoring's base text;
    /// `aligned` says lower-casing kept every char's byte length (so stripping positions agree),
    /// `ascii` that the chunk is ASCII (then `all_caps` is `str.isupper`), `apostrophe` that it
    /// may hold one (`'` or `’`; only then is it searched for `n't`).
    ///
    /// [`wflag::NEGATES`] is [`VaderEngine::chunk_negates`] of `lower`, from the same lookup:
    /// the key looked up is the stripped chunk, the test's key, except when VADER keeps a short
    /// chunk whole; then the stripped core is looked up too, if it is long enough to be a
    /// negation word at all. `n't` lies inside the stripped core whenever it is in the chunk
    /// (`n` and `t` are not punctuation), so searching the chunk is the same.
    #[inline]
    #[allow(clippy::too_many_arguments)]
    fn word(
        &self,
        chunk: &str,
        lower: &str,
        lower_off: usize,
        aligned: bool,
        ascii: bool,
        all_caps: bool,
        apostrophe: bool,
    ) -> Word {
        let (cs, ce) = strip_ascii_punct_range(lower.as_bytes());
        let (ls, le) = (cs, ce);
        let stripped_len = if aligned {
            le - ls
        } else {
            let (s, e) = strip_ascii_punct_range(chunk.as_bytes());
            e - s
        };
        let keep_whole = stripped_len <= 2
            || (!ascii && stripped_len <= 8 && {
                let (s, e) = strip_ascii_punct_range(chunk.as_bytes());
                chunk[s..e].chars().count() <= 2
            });
        let (ls, le) = if keep_whole {
            (0, lower.len())
        } else {
            (ls, le)
        };
        let key = &lower[ls..le];
        let info = self.table.get(key);
        let mut f = 0u8;
        if if ascii { all_caps } else { py_isupper(chunk) } {
            f |= wflag::UPPER;
        }
        if matches!(chunk.as_bytes().last(), Some(b',' | b';' | b':')) {
            f |= wflag::CLAUSE_END;
        }
        let core_negates = if (ls, le) == (cs, ce) {
            info.negate
        } else {
            ce - cs >= self.min_negate_len && self.table.get(&lower[cs..ce]).negate
        };
        if core_negates {
            f |= wflag::NEGATES;
        }
        if apostrophe {
            if contains_bytes(lower.as_bytes(), b"n't") {
                f |= wflag::NT | wflag::NEGATES;
            }
            if contains_bytes(lower.as_bytes(), "n\u{2019}t".as_bytes()) {
                f |= wflag::NT_TYPOGRAPHIC | wflag::NEGATES;
            }
        }
        Word {
            start: (lower_off + ls) as u32,
            end: (lower_off + le) as u32,
            info,
            flags: f,
        }
    }

    /// `polarity_scores` after tokenisation: per-word valences, "but", then `score_valence`.
    /// `s.words` are the words (slices of `base`), `text` the text for punctuation emphasis.
    fn score_words(&self, s: &mut Scratch, base: &str, text: &str) -> Polarity {
        let words = &s.words[..];
        let n = words.len();
        if n == 0 {
            return neutral();
        }
        // One pass for what the rules need to know of the whole text: the words in capitals
        // and the union of the words' roles (a rule whose role no word plays is skipped).
        let (mut upper_count, mut roles) = (0usize, 0u16);
        for w in words {
            upper_count += usize::from(w.has(wflag::UPPER));
            roles |= w.info.roles;
        }
        // allcap_differential: some but not all words in capitals.
        let cap_diff = upper_count > 0 && upper_count < n;
        let ctx = Ctx {
            base,
            words,
            cap_diff,
            data: &self.data,
            table: &self.table,
            tweaks: &self.tweaks,
        };
        let sentiments = &mut s.sentiments;
        sentiments.clear();
        sentiments.resize(n, 0.0);
        // Only lexicon words can score (`sentiment_valence` is 0 for any other word), so the
        // loop skips the rest at the cost of one test.
        for (i, w) in words.iter().enumerate() {
            if w.info.valence == 0
                || w.info.booster != 0
                || (i + 1 < n && ctx.is(i, role::KIND) && ctx.is(i + 1, role::OF))
            {
                continue;
            }
            sentiments[i] = ctx.sentiment_valence(i);
        }
        if roles & role::SHIFTER != 0 {
            ctx.shift_check(sentiments);
        }
        if roles & role::CONTRAST != 0 {
            ctx.but_check(sentiments, &mut s.nonzero);
        }
        self.score_valence(sentiments, text)
    }

    /// `score_valence`: punctuation emphasis, compound, proportions, rounding.
    fn score_valence(&self, sentiments: &[f64], text: &str) -> Polarity {
        let c = &self.data.constants;
        // The sum and `_sift_sentiment_scores`' three sums in one pass (each accumulates in
        // the same order as its own loop would).
        let mut sum_s = 0.0f64;
        let (mut pos_sum, mut neg_sum, mut neu_count) = (0.0f64, 0.0f64, 0usize);
        for &s in sentiments {
            sum_s += s;
            if s > 0.0 {
                pos_sum += s + 1.0;
            }
            if s < 0.0 {
                neg_sum += s - 1.0;
            }
            if s == 0.0 {
                neu_count += 1;
            }
        }
        let scored = sentiments.len() - neu_count;
        // _punctuation_emphasis on the (emoji-replaced) text. `memchr2` skips the text 16
        // bytes at a time; two counting loops over the bytes cost ~9 instructions a byte.
        let (mut ep, mut qm) = (0usize, 0usize);
        for at in memchr::memchr2_iter(b'!', b'?', text.as_bytes()) {
            if text.as_bytes()[at] == b'!' {
                ep += 1;
            } else {
                qm += 1;
            }
        }
        let ep_amp = (ep as f64).min(c.exclamation_max) * c.exclamation_weight;
        let qm_amp = if qm > 1 {
            if qm as f64 <= c.question_max_count {
                qm as f64 * c.question_weight
            } else {
                c.question_flood
            }
        } else {
            0.0
        };
        let amp = ep_amp + qm_amp;
        if sum_s > 0.0 {
            sum_s += amp;
        } else if sum_s < 0.0 {
            sum_s -= amp;
        }
        let mut alpha = c.normalize_alpha;
        if self.tweaks.alpha_words > 0.0 {
            alpha *= (scored as f64 / self.tweaks.alpha_words).max(1.0);
        }
        let compound = (sum_s / (sum_s * sum_s + alpha).sqrt()).clamp(-1.0, 1.0);
        if pos_sum > neg_sum.abs() {
            pos_sum += amp;
        } else if pos_sum < neg_sum.abs() {
            neg_sum -= amp;
        }
        let total = pos_sum + neg_sum.abs() + neu_count as f64;
        Polarity {
            neg: py_round((neg_sum / total).abs(), 3),
            neu: py_round((neu_count as f64 / total).abs(), 3),
            pos: py_round((pos_sum / total).abs(), 3),
            compound: py_round(compound, 4),
        }
    }
}

/// The score of a text without words: `neu` 1 (see the module doc).
fn neutral() -> Polarity {
    Polarity {
        neu: 1.0,
        ..Polarity::default()
    }
}

impl SentimentEngine for VaderEngine {
    fn name(&self) -> &str {
        self.name
    }
    fn score_tokens(&self, a: &Analysis, tokens: Range<usize>) -> Polarity {
        self.score_range(a, tokens).0
    }
    fn vader(&self) -> Option<&VaderEngine> {
        Some(self)
    }
}

/// One VADER word: its lower-case form with ASCII punctuation stripped (`_strip_punc_if_word`)
/// as a byte range of the base text, what the lexicon knows of it, and facts of its chunk
/// (bits of [`wflag`]).
#[derive(Debug, Clone, Copy, Default)]
struct Word {
    start: u32,
    end: u32,
    info: Packed,
    flags: u8,
}

impl Word {
    #[inline]
    fn has(&self, bit: u8) -> bool {
        self.flags & bit != 0
    }
}

/// Bits of [`Word::flags`], set once when the word is made so the rules read a bit.
mod wflag {
    /// The chunk is in capitals (`str.isupper`).
    pub const UPPER: u8 = 1;
    /// A `,` `;` or `:` ends the chunk (for [`super::Tweaks::scope_stops_at_clause`]).
    pub const CLAUSE_END: u8 = 2;
    /// The chunk contains `n't` (VADER's `negated`).
    pub const NT: u8 = 4;
    /// The chunk contains `n’t` (for [`super::Tweaks::typographic_apostrophe`]).
    pub const NT_TYPOGRAPHIC: u8 = 8;
    /// The chunk is a negation word by [`super::VaderEngine::chunk_negates`].
    pub const NEGATES: u8 = 16;
}

/// Python's `str.strip(string.punctuation)`, as the byte range kept. Byte-wise is exact: ASCII
/// punctuation bytes never occur inside a multi-byte UTF-8 char.
#[inline]
fn strip_ascii_punct_range(b: &[u8]) -> (usize, usize) {
    let mut s = 0;
    while s < b.len() && b[s].is_ascii_punctuation() {
        s += 1;
    }
    let mut e = b.len();
    while e > s && b[e - 1].is_ascii_punctuation() {
        e -= 1;
    }
    (s, e)
}

/// Python's `str.strip(string.punctuation)`.
#[cfg(test)]
fn strip_ascii_punct(s: &str) -> &str {
    let (a, b) = strip_ascii_punct_range(s.as_bytes());
    &s[a..b]
}

/// Python's `str.isupper()`: no lower-case or title-case char, at least one upper-case one.
fn py_isupper(s: &str) -> bool {
    let mut cased = false;
    for c in s.chars() {
        if c.is_ascii() {
            if c.is_ascii_lowercase() {
                return false;
            }
            cased |= c.is_ascii_uppercase();
        } else {
            if c.is_lowercase() || is_titlecase(c) {
                return false;
            }
            cased |= c.is_uppercase();
        }
    }
    cased
}

/// Unicode general category Lt (the 31 title-case letters), which Python treats as cased.
fn is_titlecase(c: char) -> bool {
    matches!(c as u32,
        0x01C5 | 0x01C8 | 0x01CB | 0x01F2 | 0x1F88..=0x1F8F | 0x1F98..=0x1F9F | 0x1FA8..=0x1FAF
        | 0x1FBC | 0x1FCC | 0x1FFC)
}

/// True when `w` contains `pat` (a short byte string), without a searcher's set-up cost.
#[inline]
fn contains_bytes(w: &[u8], pat: &[u8]) -> bool {
    w.len() >= pat.len() && w.windows(pat.len()).any(|x| x == pat)
}

/// Everything the per-word rules read.
struct Ctx<'a> {
    /// The lower-cased text the words' ranges point into.
    base: &'a str,
    words: &'a [Word],
    cap_diff: bool,
    data: &'a VaderData,
    table: &'a WordTable,
    tweaks: &'a Tweaks,
}

impl Ctx<'_> {
    fn lower(&self, i: usize) -> &str {
        let w = &self.words[i];
        &self.base[w.start as usize..w.end as usize]
    }
    /// Word `i` plays the role `bit` (it is the word or one of the words of that role).
    #[inline]
    fn is(&self, i: usize, bit: u16) -> bool {
        self.words[i].info.roles & bit != 0
    }
    fn in_lexicon(&self, i: usize) -> bool {
        self.words[i].info.valence != 0
    }
    /// `negated([word])`: in NEGATE, or contains "n't" (the word is its chunk stripped of
    /// punctuation, or the whole chunk; either holds `n't` when the chunk does).
    fn negated(&self, i: usize) -> bool {
        let w = &self.words[i];
        w.info.negate
            || w.has(wflag::NT)
            || (self.tweaks.typographic_apostrophe && w.has(wflag::NT_TYPOGRAPHIC))
    }
    /// Every word of `from..to` is a word of some phrase ([`role::PHRASE`]): else no phrase of
    /// those words can match, and their strings need no comparing.
    #[inline]
    fn all_phrase(&self, from: usize, to: usize) -> bool {
        self.words[from..to]
            .iter()
            .all(|w| w.info.roles & role::PHRASE != 0)
    }
    /// The words `from..to` equal the phrase `seq`.
    fn seq_is(&self, from: usize, to: usize, seq: &[Box<str>]) -> bool {
        to - from == seq.len() && (from..to).zip(seq).all(|(i, w)| self.lower(i) == &**w)
    }

    /// `sentiment_valence` for word `i` (not a booster, not the "kind" of "kind of"). Kept out
    /// of line: it runs for lexicon words only, and inlined it bloated the loop over all words.
    #[inline(never)]
    fn sentiment_valence(&self, i: usize) -> f64 {
        let Some(lex) = self.table.value(self.words[i].info.valence) else {
            return 0.0;
        };
        let c = &self.data.constants;
        let n = self.words.len();
        let mut v = lex;
        // "no" as negation of the next lexicon word vs "no" as a lexicon word of its own.
        if self.is(i, role::NO) && i != n - 1 && self.in_lexicon(i + 1) {
            v = 0.0;
        }
        if (i > 0 && self.is(i - 1, role::NO))
            || (i > 1 && self.is(i - 2, role::NO))
            || (i > 2 && self.is(i - 3, role::NO) && self.is(i - 1, role::OR_NOR))
        {
            v = lex * c.negation_scalar;
        }
        if self.words[i].has(wflag::UPPER) && self.cap_diff {
            if v > 0.0 {
                v += c.caps_increment;
            } else {
                v -= c.caps_increment;
            }
        }
        for start_i in 0..3 {
            if i > start_i && !self.in_lexicon(i - (start_i + 1)) {
                let j = i - (start_i + 1);
                if self.tweaks.scope_stops_at_clause
                    && (j..i).any(|k| self.words[k].has(wflag::CLAUSE_END))
                {
                    continue;
                }
                let mut s = self.scalar_inc_dec(j, v);
                if start_i == 1 && s != 0.0 {
                    s *= c.booster_decay_2;
                }
                if start_i == 2 && s != 0.0 {
                    s *= c.booster_decay_3;
                }
                v += s;
                v = self.negation_check(v, start_i, i);
                if start_i == 2 {
                    v = self.special_idioms_check(v, i);
                }
            }
        }
        self.least_check(v, i)
    }

    /// `scalar_inc_dec`: the booster value of word `j` in the direction of `valence`, plus the
    /// capitals increment when `j` is in capitals.
    fn scalar_inc_dec(&self, j: usize, valence: f64) -> f64 {
        let Some(b) = self.table.value(self.words[j].info.booster) else {
            return 0.0;
        };
        let c = &self.data.constants;
        let mut s = b;
        if valence < 0.0 {
            s = -s;
        }
        if self.words[j].has(wflag::UPPER) && self.cap_diff {
            if valence > 0.0 {
                s += c.caps_increment;
            } else {
                s -= c.caps_increment;
            }
        }
        s
    }

    /// `_negation_check` for the word `start_i + 1` places before `i`.
    fn negation_check(&self, v: f64, start_i: usize, i: usize) -> f64 {
        use role::{DOUBT, NEVER, SO_THIS, WITHOUT};
        let c = &self.data.constants;
        match start_i {
            0 => {
                if self.negated(i - 1) {
                    return v * c.negation_scalar;
                }
            }
            1 => {
                if self.is(i - 2, NEVER) && self.is(i - 1, SO_THIS) {
                    return v * c.never_so_this;
                } else if self.is(i - 2, WITHOUT) && self.is(i - 1, DOUBT) {
                    return v;
                } else if self.negated(i - 2) {
                    return v * c.negation_scalar;
                }
            }
            _ => {
                // 3.3.2's condition reads `never and (so|this) two back  or  (so|this) one back`.
                if (self.is(i - 3, NEVER) && self.is(i - 2, SO_THIS)) || self.is(i - 1, SO_THIS) {
                    return v * c.never_so_this;
                } else if self.is(i - 3, WITHOUT)
                    && (self.is(i - 2, DOUBT) || self.is(i - 1, DOUBT))
                {
                    return v;
                } else if self.negated(i - 3) {
                    return v * c.negation_scalar;
                }
            }
        }
        v
    }

    /// `_special_idioms_check` (only reached with `i >= 3`).
    fn special_idioms_check(&self, mut v: f64, i: usize) -> f64 {
        let n = self.words.len();
        // onezero, twoonezero, twoone, threetwoone, threetwo: the first match wins.
        let backward = [
            (i - 1, i + 1),
            (i - 2, i + 1),
            (i - 2, i),
            (i - 3, i),
            (i - 3, i - 1),
        ];
        'outer: for (from, to) in backward {
            if !self.all_phrase(from, to) {
                continue;
            }
            for (seq, val) in &self.data.special {
                if self.seq_is(from, to, seq) {
                    v = *val;
                    break 'outer;
                }
            }
        }
        if n - 1 > i && self.all_phrase(i, i + 2) {
            for (seq, val) in &self.data.special {
                if self.seq_is(i, i + 2, seq) {
                    v = *val;
                }
            }
        }
        if n - 1 > i + 1 && self.all_phrase(i, i + 3) {
            for (seq, val) in &self.data.special {
                if self.seq_is(i, i + 3, seq) {
                    v = *val;
                }
            }
        }
        // Booster bi-grams such as "sort of": threetwoone, threetwo, twoone.
        for (from, to) in [(i - 3, i), (i - 3, i - 1), (i - 2, i)] {
            if !self.all_phrase(from, to) {
                continue;
            }
            for (seq, val) in &self.data.booster_phrases {
                if self.seq_is(from, to, seq) {
                    v += *val;
                }
            }
        }
        v
    }

    /// `_least_check`: "least X" negates X, except "at least" and "very least".
    fn least_check(&self, v: f64, i: usize) -> f64 {
        let c = &self.data.constants;
        if i > 1 && !self.in_lexicon(i - 1) && self.is(i - 1, role::LEAST) {
            if !self.is(i - 2, role::AT_VERY) {
                return v * c.negation_scalar;
            }
        } else if i > 0 && !self.in_lexicon(i - 1) && self.is(i - 1, role::LEAST) {
            return v * c.negation_scalar;
        }
        v
    }

    /// [`Tweaks::shifters`]: negates the first negative score one or two words after a shifter.
    fn shift_check(&self, sentiments: &mut [f64]) {
        let n = self.words.len();
        let c = &self.data.constants;
        for k in 0..n {
            if !self.is(k, role::SHIFTER) {
                continue;
            }
            for j in k + 1..(k + 3).min(n) {
                if self.words[j - 1].has(wflag::CLAUSE_END) {
                    break;
                }
                if sentiments[j] < 0.0 {
                    sentiments[j] *= c.negation_scalar;
                    if sentiments[k] < 0.0 {
                        sentiments[k] = 0.0;
                    }
                    break;
                }
            }
        }
    }

    /// `_but_check`: scores before the first "but" ×0.5, after ×1.5 — as 3.3.2 does it, by
    /// `sentiments.index(value)`, which finds the first score equal to the current one.
    /// `nonzero` is a scratch buffer.
    fn but_check(&self, sentiments: &mut [f64], nonzero: &mut Vec<usize>) {
        let n = self.words.len();
        let Some(bi) = (0..n).find(|&i| {
            self.is(i, role::CONTRAST) && !(i + 1 < n && self.is(i + 1, role::NOT_CONTRAST_NEXT))
        }) else {
            return;
        };
        let c = &self.data.constants;
        if self.tweaks.contrast_by_position {
            for (k, s) in sentiments.iter_mut().enumerate() {
                if k < bi {
                    *s *= c.but_before;
                } else if k > bi {
                    *s *= c.but_after;
                }
            }
            return;
        }
        // A zero stays zero whichever zero `index` finds, so only non-zero scores are visited;
        // `index` of a non-zero value can only find a non-zero score.
        nonzero.clear();
        nonzero.extend((0..sentiments.len()).filter(|&k| sentiments[k] != 0.0));
        for &k in nonzero.iter() {
            let s = sentiments[k];
            let si = nonzero
                .iter()
                .copied()
                .find(|&j| sentiments[j] == s)
                .expect("the current score itself matches");
            if si < bi {
                sentiments[si] = s * c.but_before;
            } else if si > bi {
                sentiments[si] = s * c.but_after;
            }
        }
    }
}

/// Python's `round(x, places)` for the magnitudes VADER produces: the nearest multiple of
/// 10^-places, ties to even on the exact binary value (the fast path is exact away from ties;
/// near a tie the decimal expansion decides, as CPython does).
pub fn py_round(x: f64, places: i32) -> f64 {
    // VADER's two precisions as constants: `powi` is a call to `__powidf2`.
    let m = match places {
        3 => 1e3,
        4 => 1e4,
        _ => 10f64.powi(places),
    };
    let y = x * m;
    let r = y.round();
    if ((y - y.trunc()).abs() - 0.5).abs() > 1e-6 {
        return r / m;
    }
    // Near a tie, decide on the exact product x·m (CPython rounds the exact binary value):
    // `mul_add` gives the product's rounding error exactly (x·m = y + err), and y − (k + ½) is
    // exact (the two are within 1e-6), so the sign of their sum is the sign of
    // x·m − (k + ½). Exact ties go to the even neighbour. (Formatting with `{:.3}` and parsing
    // back gives the same and was 5% of scoring in the profile.)
    let k = y.floor();
    let d = (y - (k + 0.5)) + x.mul_add(m, -y);
    let r = if d > 0.0 || (d == 0.0 && k % 2.0 != 0.0) {
        k + 1.0
    } else {
        k
    };
    // r / m is the float nearest k/10^places, as parsing its decimal string would give; a
    // zero keeps x's sign, as Python's `round(-0.0004, 3)` is -0.0.
    let q = r / m;
    if q == 0.0 { 0.0f64.copysign(x) } else { q }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn engine() -> VaderEngine {
        let src = LexiconSource::built_in();
        VaderEngine::new("vader", VaderData::load(&src).unwrap(), Tweaks::default())
    }

    fn scores(p: Polarity) -> [f64; 4] {
        [p.neg, p.neu, p.pos, p.compound]
    }

    #[test]
    fn rules_file_matches_vader_constants() {
        let e = engine();
        let c = &e.data.constants;
        assert_eq!(c.caps_increment, 0.733);
        assert_eq!(c.negation_scalar, -0.74);
        assert_eq!(c.normalize_alpha, 15.0);
        assert_eq!(e.data.words["very"].booster, Some(0.293));
        assert_eq!(e.data.words["barely"].booster, Some(-0.293));
        assert!(e.data.words["without"].negate);
        assert_eq!(e.data.words["good"].valence, Some(1.9));
        assert_eq!(e.data.booster_phrases.len(), 3);
        // "badass" (one word) can never match; the other 8 special cases are phrases.
        assert_eq!(e.data.special.len(), 8);
    }

    /// Hand-computed: "good" 1.9 → compound 1.9/√(1.9²+15) = 0.4404; pos (1.9+1)/(2.9+3).
    #[test]
    fn one_positive_word_by_hand() {
        let p = engine().score_text("The book was good.");
        let compound = 1.9 / (1.9f64 * 1.9 + 15.0).sqrt();
        assert_eq!(p.compound, py_round(compound, 4));
        assert_eq!(p.compound, 0.4404);
        assert_eq!(p.pos, py_round(2.9 / 5.9, 3));
        assert_eq!(p.neu, py_round(3.0 / 5.9, 3));
        assert_eq!(p.neg, 0.0);
    }

    /// "not good": 1.9 × -0.74 = -1.406; "very good": 1.9 + 0.293 = 2.193.
    #[test]
    fn negation_and_booster_by_hand() {
        let e = engine();
        let neg = e.score_text("not good");
        assert_eq!(
            neg.compound,
            py_round(-1.406 / (1.406f64 * 1.406 + 15.0).sqrt(), 4)
        );
        let boosted = e.score_text("very good");
        assert_eq!(
            boosted.compound,
            py_round(2.193 / (2.193f64 * 2.193 + 15.0).sqrt(), 4)
        );
    }

    #[test]
    fn empty_text_is_neutral() {
        assert_eq!(scores(engine().score_text("")), [0.0, 1.0, 0.0, 0.0]);
        assert_eq!(scores(engine().score_text(" \t ")), [0.0, 1.0, 0.0, 0.0]);
    }

    /// The word VADER makes of `chunk` (lower-cased `lower`): its key and `isupper`, through
    /// the ASCII path (flags from the analysis) and the general one.
    fn word_of(e: &VaderEngine, chunk: &str, lower: &str) -> (String, bool) {
        let ascii = chunk.is_ascii();
        let w = e.word(
            chunk,
            lower,
            0,
            ascii,
            ascii,
            ascii && py_isupper(chunk),
            true,
        );
        let general = e.word(chunk, lower, 0, false, false, false, true);
        assert_eq!(
            (w.start, w.end, w.flags),
            (general.start, general.end, general.flags)
        );
        let upper = w.has(wflag::UPPER);
        (lower[w.start as usize..w.end as usize].to_string(), upper)
    }

    #[test]
    fn capitals_count_in_texts_with_emoji() {
        // Texts with emoji take the whole-text path (emoji replaced by their descriptions);
        // ASCII words in capitals must still be emphasised there. Golden values from
        // vaderSentiment 3.3.2's polarity_scores.
        let e = engine();
        let p = e.score_text("The food was GREAT \u{1F600} today");
        assert_eq!(
            (p.neg, p.neu, p.pos, p.compound),
            (0.0, 0.405, 0.595, 0.8091)
        );
        let p = e.score_text("The food was great \u{1F600} today");
        assert_eq!(
            (p.neg, p.neu, p.pos, p.compound),
            (0.0, 0.431, 0.569, 0.765)
        );
    }

    #[test]
    fn punctuation_stripping_keeps_short_chunks() {
        let e = engine();
        assert_eq!(word_of(&e, ":)", ":)"), (":)".to_string(), false));
        assert_eq!(
            word_of(&e, "(Good!)", "(good!)"),
            ("good".to_string(), false)
        );
        assert!(word_of(&e, "OK!", "ok!").1);
        assert_eq!(word_of(&e, "ok!", "ok!").0, "ok!");
        // Two chars of several bytes are kept whole, punctuation and all.
        assert_eq!(word_of(&e, "(éé)!", "(éé)!").0, "(éé)!");
        assert_eq!(word_of(&e, "(ÉTÉS)", "(étés)"), ("étés".to_string(), true));
        assert_eq!(strip_ascii_punct("..a.b!!"), "a.b");
    }

    #[test]
    fn rule_words_and_tweak_lists_become_roles() {
        let e = engine();
        assert_eq!(e.data.words["no"].roles, role::NO);
        assert_eq!(e.data.words["very"].roles, role::AT_VERY);
        assert_eq!(e.data.words["but"].roles, role::CONTRAST);
        let src = LexiconSource::built_in();
        let tweaks = Tweaks {
            contrast_words: vec!["however".into()],
            shifters: vec!["reduce".into()],
            ..Tweaks::default()
        };
        let t = VaderEngine::new("t", VaderData::load(&src).unwrap(), tweaks);
        assert_eq!(t.data.words["however"].roles, role::CONTRAST);
        assert_eq!(t.data.words["reduce"].roles, role::SHIFTER);
        assert!(!e.data.words.contains_key("however"));
    }

    #[test]
    fn word_table_reads_back_the_lexicon() {
        // Long words go through the string map.
        let e = engine();
        let long = "self-congratulatory";
        assert!(long.len() > 15);
        let want = e.data.words.get(long).copied().unwrap_or_default();
        assert_eq!(e.table.info(long), want);
        assert_eq!(e.table.info("good").valence, Some(1.9));
        assert_eq!(e.table.info("very").booster, Some(0.293));
        assert_eq!(e.table.info("goodx"), WordInfo::default());
        // Every word of the lexicon reads back as loaded.
        for (w, info) in &e.data.words {
            let mut got = e.table.info(w);
            got.roles &= !role::PHRASE;
            assert_eq!(got, *info, "{w}");
        }
        // The words of multi-word boosters and special cases carry the phrase bit.
        assert_ne!(e.table.info("sort").roles & role::PHRASE, 0);
        assert_ne!(e.table.info("bomb").roles & role::PHRASE, 0);
        assert_eq!(e.table.info("good").roles & role::PHRASE, 0);
    }

    #[test]
    fn isupper_follows_python() {
        assert!(py_isupper("GOOD"));
        assert!(py_isupper("A1!"));
        assert!(!py_isupper("123"));
        assert!(!py_isupper("GOOd"));
        assert!(py_isupper("ÉTÉ"));
        assert!(!py_isupper("Aǅ"));
    }

    /// The rounding by formatting that `py_round`'s tie path replaced: decimal rounding of the
    /// exact value, ties to even.
    fn round_by_formatting(x: f64, places: i32) -> f64 {
        format!("{x:.*}", places as usize).parse().unwrap()
    }

    #[test]
    fn round_near_ties_equals_decimal_rounding() {
        let mut checked = 0;
        for places in [3, 4] {
            let m = 10f64.powi(places);
            for k in -2000i64..2000 {
                let tie = (k as f64 + 0.5) / m;
                let mut x = tie;
                for _ in 0..4 {
                    x = f64::from_bits(x.to_bits() - 1);
                }
                for _ in 0..9 {
                    assert_eq!(
                        py_round(x, places).to_bits(),
                        round_by_formatting(x, places).to_bits(),
                        "{x:e} at {places} places"
                    );
                    x = f64::from_bits(x.to_bits() + 1);
                    checked += 1;
                }
            }
            // Exact binary ties: k/2^j with a half at this precision.
            for k in -64i64..64 {
                let x = (2 * k + 1) as f64 / 2f64.powi(places + 1) / 5f64.powi(places);
                assert_eq!(
                    py_round(x, places).to_bits(),
                    round_by_formatting(x, places).to_bits(),
                    "{x:e}"
                );
            }
        }
        assert_eq!(checked, 2 * 4000 * 9);
        assert_eq!(py_round(0.0625, 3), 0.062); // 62.5: exact tie, to even
        assert_eq!(py_round(0.1875, 3), 0.188); // 187.5: exact tie, to even
        assert_eq!(py_round(-0.0004, 3).to_bits(), (-0.0f64).to_bits());
    }

    #[test]
    fn round_like_python() {
        assert_eq!(py_round(0.4404, 4), 0.4404);
        assert_eq!(py_round(0.12345, 4), 0.1235); // 0.12345 is stored above the tie
        assert_eq!(py_round(0.5, 0), 0.0);
        assert_eq!(py_round(2.675, 2), 2.67); // stored below the tie
        assert_eq!(py_round(-0.0005, 3), -0.001); // stored above the tie in magnitude
    }

    /// A tweak the news file may switch on: "reduce poverty" is good news. "poverty" -2.3
    /// negated: -2.3 × -0.74 = 1.702; "reduce" is not in the lexicon.
    #[test]
    fn shifter_negates_the_next_negative_word() {
        let src = LexiconSource::built_in();
        let tweaks = Tweaks {
            shifters: vec!["reduce".into()],
            ..Tweaks::default()
        };
        let e = VaderEngine::new("t", VaderData::load(&src).unwrap(), tweaks);
        let want = py_round(1.702 / (1.702f64 * 1.702 + 15.0).sqrt(), 4);
        assert_eq!(e.score_text("reduce poverty").compound, want);
        assert!(engine().score_text("reduce poverty").compound < 0.0);
        // A clause break ends the shifter's reach.
        assert!(e.score_text("reduce, poverty").compound < 0.0);
    }

    #[test]
    fn emoji_replacement_adds_no_space_after() {
        let e = engine();
        assert_eq!(
            e.replace_emoji("love😍you"),
            "love smiling face with heart-eyesyou"
        );
        assert_eq!(e.replace_emoji("a 😍"), "a smiling face with heart-eyes");
    }
}
