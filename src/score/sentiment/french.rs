//! Lexicon-and-rules sentiment for French, and for any language folder with the same files.
//!
//! The engine is VADER's design (Hutto & Gilbert 2014: word valences on a -4..4 scale, boosters,
//! negation, contrast, punctuation and capitals, `x/sqrt(x²+15)` normalisation) with rules that
//! fit French instead of English ones: elision (`n'`, `l'`, `qu'`) is split off, negation is
//! `ne … pas` with the verb between and French negative concord (`ne … jamais rien`), informal
//! `pas` alone and `sans` negate the words after them, contrast words weigh the clause after them
//! more, concessives (`malgré`, `même si`) less, and inflected forms missing from the lexicons are
//! found through a Snowball stemmer.
//!
//! Nothing language-specific is in this file: every word, phrase, scale and constant comes from
//! `lexicons/<lang>/sentiment-rules.tsv` and the lexicon files it names (layout in
//! `lexicons/README.md`). [`register`] builds one engine per language folder that has a rules file,
//! so a new language is a new folder (built in or via `--lexicons DIR`).
//!
//! Text arrives as the shared chain's whitespace tokens. Each token's lower-cased core is cut into
//! *words* (elisions, hyphens, emoji and inner punctuation split off) in per-thread buffers that
//! are reused from call to call, so scoring allocates nothing per token except when the stemmer
//! rewrites a word missing from the lexicons.

use std::cell::RefCell;
use std::ops::Range;

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::{FxHashMap, FxHashSet};

use super::{EngineChoice, SentimentEngine};
use crate::lexicon::{LexiconError, LexiconSource};
use crate::model::Polarity;
use crate::text::fold::fold_char_into;
use crate::text::packed::PackedMap;
use crate::text::{Analysis, Lang, flags};

/// Name of the rules file that makes a language folder a sentiment language.
pub const RULES_FILE: &str = "sentiment-rules.tsv";

/// The engine of every language folder with a [`RULES_FILE`], in [`LexiconSource::languages`]
/// order, each with its own load result: loaded without knowing the other engines, so that the
/// load can run beside theirs ([`register_loaded`] then drops what they already cover).
pub fn load_all(src: &LexiconSource) -> Vec<(Lang, Result<RulesEngine, LexiconError>)> {
    src.languages()
        .into_iter()
        .filter(|code| src.exists(&format!("{code}/{RULES_FILE}")))
        .filter_map(|code| Lang::parse(&code).map(|lang| (lang, code)))
        .map(|(lang, code)| (lang, RulesEngine::load(src, &code)))
        .collect()
}

/// Adds the engines of [`load_all`], one per language folder with a [`RULES_FILE`] (as
/// [`EngineChoice::Default`]): a language that already has a default engine (English's news
/// engine) is skipped, its load error included (as if it had never been loaded); otherwise the
/// first error, in language order, is returned.
pub fn register_loaded(
    loaded: Vec<(Lang, Result<RulesEngine, LexiconError>)>,
    engines: &mut Vec<(Lang, EngineChoice, Box<dyn SentimentEngine>)>,
) -> Result<(), LexiconError> {
    for (lang, engine) in loaded {
        if engines
            .iter()
            .any(|(l, c, _)| *l == lang && *c == EngineChoice::Default)
        {
            continue;
        }
        engines.push((lang, EngineChoice::Default, Box::new(engine?)));
    }
    Ok(())
}

/// What a rule word does.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Rule {
    /// The `ne` of `ne … pas`: negates up to the closer it finds.
    Ne,
    /// A negation word. `free`: negates on its own; otherwise only closes `ne`. `flip`: inside an
    /// open negation it negates again instead of extending it.
    Negator { free: bool, flip: bool, scalar: f32 },
    /// Intensifier (> 0) or dampener (< 0), added in the direction of the word it modifies.
    Booster(f32),
    /// Contrast: the words before it in the sentence weigh `before`, those after weigh `after`.
    Contrast { before: f32, after: f32 },
    /// Concessive: the rest of its clause weighs `concessive_weight`.
    Concessive,
}

/// What a word or phrase is: a scored word or a rule word.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Entry {
    Valence(f32),
    Rule(Rule),
}

/// What the word map knows about a folded word.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct WordInfo {
    /// The word's own entry, if it has one.
    entry: Option<Entry>,
    /// Some phrase starts with this word (look in `phrases`).
    starts_phrase: bool,
}

/// A phrase of two or more words, indexed by its first word.
#[derive(Debug, Clone)]
struct Phrase {
    rest: Box<[Box<str>]>,
    entry: Entry,
}

/// The numeric constants of `constant` rows.
#[derive(Debug, Clone, Copy)]
struct Constants {
    negation_scalar: f32,
    negation_window: usize,
    ne_reach: usize,
    booster_window: usize,
    booster_decay_2: f32,
    booster_decay_3: f32,
    caps_increment: f32,
    exclamation_increment: f64,
    exclamation_max: usize,
    question_increment: f64,
    question_max: f64,
    normalization_alpha: f64,
    min_stem_chars: usize,
    concessive_weight: f32,
}

impl Default for Constants {
    /// VADER's values (vaderSentiment 3.3.2) for the rules VADER has.
    fn default() -> Self {
        Constants {
            negation_scalar: -0.74,
            negation_window: 3,
            ne_reach: 6,
            booster_window: 3,
            booster_decay_2: 0.95,
            booster_decay_3: 0.9,
            caps_increment: 0.733,
            exclamation_increment: 0.292,
            exclamation_max: 4,
            question_increment: 0.18,
            question_max: 0.96,
            normalization_alpha: 15.0,
            min_stem_chars: 4,
            concessive_weight: 0.5,
        }
    }
}

/// How a word listed in several lexicon files is scored.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Merge {
    First,
    Mean,
}

/// A lexicon-and-rules sentiment engine for one language, built from `lexicons/<lang>/`.
pub struct RulesEngine {
    name: String,
    /// Unique per engine instance, so per-thread caches never mix engines.
    id: u64,
    /// Folded single words → valence or rule, and whether a phrase starts with them (one
    /// lookup per word in the common case).
    words: PackedMap<WordInfo>,
    /// Folded Snowball stems of the lexicon's scored words → mean valence, built from
    /// `stem_sources` by [`Self::stems`] when a word first needs them.
    stems: std::sync::OnceLock<PackedMap<f32>>,
    /// The lexicons' single-word keys: (lower-case spelling, folded word).
    stem_sources: Vec<(String, Box<str>)>,
    /// Folded first word → phrases starting with it, longest first.
    phrases: PackedMap<Vec<Phrase>>,
    /// Hyphenated words that some key holds whole (others are split at hyphens).
    hyphenated: PackedMap<()>,
    /// Folded elided prefix without its apostrophe (`qu`) → the word it stands for (`que`).
    elisions: PackedMap<Box<str>>,
    /// (contrast word, following word) pairs that do not contrast (`mais aussi`).
    not_contrast: FxHashSet<(Box<str>, Box<str>)>,
    /// Emoji → valence of its description.
    emoji: FxHashMap<char, f32>,
    /// Folded (suffix, replacement) pairs tried in order on a word missing from the lexicons,
    /// before the stemmer: `adorent` → `adorer` (Snowball keeps French `-ent`).
    inflections: Vec<(Box<str>, Box<str>)>,
    stemmer: Option<Stemmer>,
    k: Constants,
}

impl std::fmt::Debug for RulesEngine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RulesEngine")
            .field("name", &self.name)
            .field("words", &self.words.len())
            .field("phrases", &self.phrases.len())
            // Not `stems()`: printing must not build the lazy stem table.
            .field("stems", &self.stems.get().map(PackedMap::len))
            .finish()
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | '‘' | '`' | '´')
}

/// `char::is_alphanumeric` with the accented Latin letters of French answered without the
/// Unicode table search (`lookup_slow` was 2% of the French benchmark's samples).
#[inline]
fn is_alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    // U+00C0..U+017F (Latin-1 letters and Latin Extended-A) are all letters except × and ÷.
    if ('\u{C0}'..='\u{17F}').contains(&c) {
        return c != '\u{D7}' && c != '\u{F7}';
    }
    c.is_alphanumeric()
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑')
}

/// Punctuation that ends a clause: negation and concessive scopes stop there.
fn is_clause_punct(c: char) -> bool {
    matches!(
        c,
        ',' | ';' | ':' | '.' | '!' | '?' | '…' | '(' | ')' | '[' | ']' | '—' | '–'
    )
}

/// A lexicon key kept whole rather than cut into words: one chunk with ASCII punctuation other
/// than apostrophes and hyphens (`:-)`, `d:`, `<3`). Text matches it as a whole token.
fn is_emoticon(key: &str) -> bool {
    !key.contains(char::is_whitespace)
        && key
            .chars()
            .any(|c| c.is_ascii_punctuation() && c != '\'' && c != '-')
}

/// The algorithm rust-stemmers has for `name` (a language name or code), if any.
fn stemmer_for(name: &str) -> Option<Algorithm> {
    use Algorithm::*;
    Some(match name {
        "arabic" | "ar" => Arabic,
        "danish" | "da" => Danish,
        "dutch" | "nl" => Dutch,
        "english" | "en" => English,
        "finnish" | "fi" => Finnish,
        "french" | "fr" => French,
        "german" | "de" => German,
        "greek" | "el" => Greek,
        "hungarian" | "hu" => Hungarian,
        "italian" | "it" => Italian,
        "norwegian" | "nb" | "no" => Norwegian,
        "portuguese" | "pt" => Portuguese,
        "romanian" | "ro" => Romanian,
        "russian" | "ru" => Russian,
        "spanish" | "es" => Spanish,
        "swedish" | "sv" => Swedish,
        "tamil" | "ta" => Tamil,
        "turkish" | "tr" => Turkish,
        _ => return None,
    })
}

/// One word of the text being scored, in the per-thread scratch buffers.
#[derive(Debug, Clone, Copy, Default)]
struct Word {
    /// Lower-case form (accents kept) in `Scratch::lower`, for the stemmer.
    lower: (u32, u32),
    /// Folded form in `Scratch::folded`, for lookups.
    folded: (u32, u32),
    /// Set for an emoji: its valence (no lookup needed).
    emoji: Option<f32>,
    caps: bool,
    /// A clause boundary follows this word.
    clause_end: bool,
    /// First word of a sentence.
    sentence_start: bool,
    /// Part of a phrase whose entry sits on another word.
    consumed: bool,
    entry: Option<Entry>,
    /// A `ne` closer already used by the `ne` before it.
    closed: bool,
    negation: f32,
    weight: f32,
}

/// Reused per thread so scoring does not allocate per token.
#[derive(Default)]
struct Scratch {
    lower: String,
    folded: String,
    stem_buf: String,
    words: Vec<Word>,
    /// Lower-case word → its resolved entry and whether a phrase starts with it (the word map's
    /// answer, or for a word missing from it [`RulesEngine::lookup_inflected`]'s), for the
    /// engine `cache_owner`. One lookup per word once the word has been seen: the profile had
    /// most of `resolve_entries` waiting on two hash probes per unlisted word (word map, then
    /// the stemmer memo).
    word_cache: PackedMap<Resolved>,
    cache_owner: u64,
}

/// Buffers of [`RulesEngine::key_words`], reused across the keys of a load.
#[derive(Default)]
struct KeyBuf {
    scratch: Scratch,
    lower: String,
}

/// What [`Scratch::word_cache`] remembers about a lower-case word.
#[derive(Debug, Clone, Copy)]
struct Resolved {
    entry: Option<Entry>,
    starts_phrase: bool,
}

/// Bound on [`Scratch::word_cache`]: a few megabytes per thread at most.
const WORD_CACHE_MAX: usize = 100_000;

/// Identifies engines for the per-thread cache (0 is never used).
static NEXT_ENGINE_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

impl Scratch {
    fn clear(&mut self) {
        self.lower.clear();
        self.folded.clear();
        self.words.clear();
    }

    fn folded(&self, w: &Word) -> &str {
        &self.folded[w.folded.0 as usize..w.folded.1 as usize]
    }

    /// Appends one word: `lower` is its lower-case text, `replacement` (for an elision) the
    /// word it stands for.
    fn push_word(&mut self, lower: &str, caps: bool) {
        let ls = self.lower.len() as u32;
        self.lower.push_str(lower);
        let fs = self.folded.len() as u32;
        if lower.is_ascii() {
            // Folding ASCII is lower-casing it (`fold_char_into`), done on the whole slice.
            self.folded.push_str(lower);
            self.folded[fs as usize..].make_ascii_lowercase();
        } else {
            for c in lower.chars() {
                fold_char_into(c, &mut self.folded);
            }
        }
        self.words.push(Word {
            lower: (ls, self.lower.len() as u32),
            folded: (fs, self.folded.len() as u32),
            caps,
            negation: 1.0,
            weight: 1.0,
            ..Word::default()
        });
    }

    fn mark_clause_end(&mut self) {
        if let Some(w) = self.words.last_mut() {
            w.clause_end = true;
        }
    }
}

impl RulesEngine {
    /// Builds the engine of language folder `code` from its [`RULES_FILE`] and the files it names.
    /// Every malformed row is an error naming file and line.
    pub fn load(src: &LexiconSource, code: &str) -> Result<Self, LexiconError> {
        let rules_rel = format!("{code}/{RULES_FILE}");
        let rows = src.read_tsv(&rules_rel, 2)?;
        let mut eng = RulesEngine {
            name: code.to_string(),
            id: NEXT_ENGINE_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            words: PackedMap::default(),
            stems: std::sync::OnceLock::new(),
            stem_sources: Vec::new(),
            phrases: PackedMap::default(),
            hyphenated: PackedMap::default(),
            elisions: PackedMap::default(),
            not_contrast: FxHashSet::default(),
            emoji: FxHashMap::default(),
            inflections: Vec::new(),
            stemmer: stemmer_for(code).map(Stemmer::create),
            k: Constants::default(),
        };
        let mut lexicons: Vec<(usize, String, usize, f32)> = Vec::new();
        let mut emoji_files: Vec<String> = Vec::new();
        let mut neutral_files: Vec<String> = Vec::new();
        let mut rules: Vec<(usize, String, Rule)> = Vec::new();
        let mut merge = Merge::First;
        let num = |line: usize, s: &str| -> Result<f32, LexiconError> {
            s.parse::<f32>()
                .ok()
                .filter(|v| v.is_finite())
                .ok_or_else(|| {
                    LexiconError::malformed(&rules_rel, line, format!("not a number: {s:?}"))
                })
        };
        let field = |line: usize, f: &[String], i: usize| -> Result<String, LexiconError> {
            f.get(i).cloned().ok_or_else(|| {
                LexiconError::malformed(&rules_rel, line, format!("{} needs field {}", f[0], i + 1))
            })
        };
        // Elisions first: every other key is cut into words with them.
        for (line, f) in &rows {
            if f[0] == "elision" {
                let prefix = field(*line, f, 1)?;
                let word = field(*line, f, 2)?;
                let p = crate::text::fold::fold(&prefix);
                let Some(stripped) = p.strip_suffix('\'') else {
                    return Err(LexiconError::malformed(
                        &rules_rel,
                        *line,
                        "an elision prefix ends with an apostrophe",
                    ));
                };
                eng.elisions
                    .insert(stripped, crate::text::fold::fold(&word).into());
            }
        }
        for (line, f) in &rows {
            let line = *line;
            match f[0].as_str() {
                "elision" => {}
                "lexicon" => {
                    let file = field(line, f, 1)?;
                    let col: usize = field(line, f, 2)?.parse().map_err(|_| {
                        LexiconError::malformed(&rules_rel, line, "score column must be a number")
                    })?;
                    if col == 0 {
                        return Err(LexiconError::malformed(
                            &rules_rel,
                            line,
                            "score column starts at 1",
                        ));
                    }
                    let scale = num(line, &field(line, f, 3)?)?;
                    let rel = format!("{code}/{file}");
                    if !src.exists(&rel) {
                        return Err(LexiconError::malformed(
                            &rules_rel,
                            line,
                            format!("lexicon file {rel} not found"),
                        ));
                    }
                    lexicons.push((line, rel, col, scale));
                }
                "inflection" => {
                    let suffix = crate::text::fold::fold(&field(line, f, 1)?);
                    let replacement = crate::text::fold::fold(f.get(2).map_or("", |s| s.as_str()));
                    if suffix.is_empty() {
                        return Err(LexiconError::malformed(
                            &rules_rel,
                            line,
                            "empty inflection suffix",
                        ));
                    }
                    eng.inflections.push((suffix.into(), replacement.into()));
                }
                "neutral" => neutral_files.push(format!("{code}/{}", field(line, f, 1)?)),
                "emoji" => emoji_files.push(format!("{code}/{}", field(line, f, 1)?)),
                "merge" => {
                    merge = match field(line, f, 1)?.as_str() {
                        "first" => Merge::First,
                        "mean" => Merge::Mean,
                        other => {
                            return Err(LexiconError::malformed(
                                &rules_rel,
                                line,
                                format!("merge must be first or mean, not {other:?}"),
                            ));
                        }
                    }
                }
                "stemmer" => {
                    let name = field(line, f, 1)?;
                    eng.stemmer = if name == "none" {
                        None
                    } else {
                        Some(Stemmer::create(stemmer_for(&name).ok_or_else(|| {
                            LexiconError::malformed(
                                &rules_rel,
                                line,
                                format!("no stemmer for {name:?}"),
                            )
                        })?))
                    };
                }
                "constant" => {
                    let name = field(line, f, 1)?;
                    let v = num(line, &field(line, f, 2)?)?;
                    let k = &mut eng.k;
                    let count = |v: f32| v.max(0.0) as usize;
                    match name.as_str() {
                        "negation_scalar" => k.negation_scalar = v,
                        "negation_window" => k.negation_window = count(v),
                        "ne_reach" => k.ne_reach = count(v),
                        "booster_window" => k.booster_window = count(v).min(3),
                        "booster_decay_2" => k.booster_decay_2 = v,
                        "booster_decay_3" => k.booster_decay_3 = v,
                        "caps_increment" => k.caps_increment = v,
                        "exclamation_increment" => k.exclamation_increment = v as f64,
                        "exclamation_max" => k.exclamation_max = count(v),
                        "question_increment" => k.question_increment = v as f64,
                        "question_max" => k.question_max = v as f64,
                        "normalization_alpha" => k.normalization_alpha = v as f64,
                        "min_stem_chars" => k.min_stem_chars = count(v),
                        "concessive_weight" => k.concessive_weight = v,
                        other => {
                            return Err(LexiconError::malformed(
                                &rules_rel,
                                line,
                                format!("unknown constant {other:?}"),
                            ));
                        }
                    }
                }
                "ne" => rules.push((line, field(line, f, 1)?, Rule::Ne)),
                "negator" => {
                    let word = field(line, f, 1)?;
                    let free = match field(line, f, 2)?.as_str() {
                        "free" => true,
                        "closer" => false,
                        m => {
                            return Err(LexiconError::malformed(
                                &rules_rel,
                                line,
                                format!("negator mode must be free or closer, not {m:?}"),
                            ));
                        }
                    };
                    let flip = match field(line, f, 3)?.as_str() {
                        "flip" => true,
                        "concord" => false,
                        m => {
                            return Err(LexiconError::malformed(
                                &rules_rel,
                                line,
                                format!("negator stacking must be concord or flip, not {m:?}"),
                            ));
                        }
                    };
                    let scalar = match f.get(4) {
                        Some(s) => num(line, s)?,
                        None => f32::NAN, // the constant, resolved below
                    };
                    rules.push((line, word, Rule::Negator { free, flip, scalar }));
                }
                "booster" | "dampener" => {
                    let word = field(line, f, 1)?;
                    rules.push((line, word, Rule::Booster(num(line, &field(line, f, 2)?)?)));
                }
                "contrast" => {
                    let word = field(line, f, 1)?;
                    let before = num(line, &field(line, f, 2)?)?;
                    let after = num(line, &field(line, f, 3)?)?;
                    rules.push((line, word, Rule::Contrast { before, after }));
                }
                "not_contrast" => {
                    let a = crate::text::fold::fold(&field(line, f, 1)?);
                    let b = crate::text::fold::fold(&field(line, f, 2)?);
                    eng.not_contrast.insert((a.into(), b.into()));
                }
                "concessive" => rules.push((line, field(line, f, 1)?, Rule::Concessive)),
                other => {
                    return Err(LexiconError::malformed(
                        &rules_rel,
                        line,
                        format!("unknown rule kind {other:?}"),
                    ));
                }
            }
        }
        if lexicons.is_empty() {
            return Err(LexiconError::malformed(
                &rules_rel,
                1,
                "no `lexicon` row: nothing to score with",
            ));
        }

        // Lexicons: per file, the mean of rows that fold to the same key; across files, `merge`.
        let mut merged: FxHashMap<Vec<Box<str>>, (f64, u32)> = FxHashMap::default();
        let mut order: Vec<Vec<Box<str>>> = Vec::new();
        // Key words are cut with one reused buffer (a fresh one per key was a fifth of the load).
        let mut kb = KeyBuf::default();
        // Single-word keys with their lower-case spelling, for the stems below.
        let mut lower_forms: Vec<(String, Box<str>)> = Vec::new();
        for (_, rel, col, scale) in &lexicons {
            let mut per_file: FxHashMap<Vec<Box<str>>, (f64, u32)> = FxHashMap::default();
            let mut file_order = Vec::new();
            // Rows are read borrowed (a `String` per field was a tenth of the load).
            src.for_each_tsv_row(rel, col + 1, |line, f| {
                let v: f64 = f[*col]
                    .parse::<f64>()
                    .ok()
                    .filter(|v| v.is_finite())
                    .ok_or_else(|| {
                        LexiconError::malformed(
                            rel,
                            line,
                            format!("score {:?} is not a number", f[*col]),
                        )
                    })?;
                let emoticon = is_emoticon(f[0]);
                let key = if emoticon {
                    vec![f[0].to_lowercase().into_boxed_str()]
                } else {
                    eng.key_words(&mut kb, f[0])
                };
                if key.is_empty() {
                    return Ok(());
                }
                if !f[0].contains(char::is_whitespace) {
                    // The words of the lower-case spelling: the key itself when lower-casing is
                    // plain ASCII (`key_words` lower-cases first), else cut again.
                    let lower = f[0].to_lowercase();
                    let cut;
                    let words = if !emoticon && f[0].is_ascii() {
                        &key
                    } else {
                        cut = eng.key_words(&mut kb, &lower);
                        &cut
                    };
                    if let [word] = words.as_slice()
                        && !word.contains('-')
                    {
                        lower_forms.push((lower, word.clone()));
                    }
                }
                let e = per_file.entry(key.clone()).or_insert_with(|| {
                    file_order.push(key);
                    (0.0, 0)
                });
                e.0 += v * *scale as f64;
                e.1 += 1;
                Ok(())
            })?;
            for key in file_order {
                let (s, n) = per_file[&key];
                let mean = s / n as f64;
                match merged.get_mut(&key) {
                    None => {
                        merged.insert(key.clone(), (mean, 1));
                        order.push(key);
                    }
                    Some(e) if merge == Merge::Mean => {
                        e.0 += mean;
                        e.1 += 1;
                    }
                    Some(_) => {}
                }
            }
        }
        for key in &order {
            let (s, n) = merged[key];
            eng.insert(key, Entry::Valence((s / n as f64) as f32));
        }
        // Function words are never scored: they override the lexicons, and rules override them.
        for rel in neutral_files {
            for (_, w) in src.read_lines(&rel)? {
                let key = eng.key_words(&mut kb, &w);
                if !key.is_empty() {
                    eng.insert(&key, Entry::Valence(0.0));
                }
            }
        }
        // Rules override lexicon scores of the same words.
        for (line, word, mut rule) in rules {
            if let Rule::Negator { scalar, .. } = &mut rule
                && scalar.is_nan()
            {
                *scalar = eng.k.negation_scalar;
            }
            let key = eng.key_words(&mut kb, &word);
            if key.is_empty() {
                return Err(LexiconError::malformed(&rules_rel, line, "empty rule word"));
            }
            eng.insert(&key, Entry::Rule(rule));
        }
        // The stems are built on first use (`stems`), from these words.
        eng.stem_sources = lower_forms;
        // Emoji: scored as the sum of the valences of their description's words.
        for rel in emoji_files {
            for (line, f) in src.read_tsv(&rel, 2)? {
                let mut chars = f[0].chars().filter(|&c| c != '\u{FE0F}');
                let (Some(c), None) = (chars.next(), chars.next()) else {
                    continue; // sequences of several code points are not matched
                };
                let mut v = 0.0f32;
                for w in eng.key_words(&mut kb, &f[1]) {
                    if let Some(Entry::Valence(x)) = eng.words.get(&w).and_then(|i| i.entry) {
                        v += x;
                    }
                }
                if !v.is_finite() {
                    return Err(LexiconError::malformed(
                        &rel,
                        line,
                        "emoji valence overflow",
                    ));
                }
                if v != 0.0 {
                    eng.emoji.insert(c, v.clamp(-4.0, 4.0));
                }
            }
        }
        for list in eng.phrases.values_mut() {
            list.sort_by_key(|p| std::cmp::Reverse(p.rest.len()));
        }
        Ok(eng)
    }

    /// Stems of the scored single words (both the accented and the folded spelling, so informal
    /// text without accents finds them too) → mean valence; words whose merged valence is zero
    /// are left out. Built on first use, not at load: stemming the ~13,000 lexicon words was a
    /// third of the load, which every command paid, also those that score no text in this
    /// language (`slant sentiment --lang en`, `slant quotes`). Nothing here can fail, so a
    /// malformed file still fails at load. A word listed in several files is stemmed once, and a
    /// spelling that folds to itself once, not twice; stems are summed in `stem_sources` order.
    fn stems(&self) -> &PackedMap<f32> {
        self.stems.get_or_init(|| {
            let mut stems = PackedMap::default();
            let Some(stemmer) = &self.stemmer else {
                return stems;
            };
            let mut acc: FxHashMap<Box<str>, (f64, u32)> = FxHashMap::default();
            let mut stemmed: FxHashMap<&str, [Box<str>; 2]> = FxHashMap::default();
            for (lower, word) in &self.stem_sources {
                let Some(Entry::Valence(v)) = self.words.get(word).and_then(|i| i.entry) else {
                    continue;
                };
                if v == 0.0 {
                    continue;
                }
                let lw = lower.as_str();
                let pair = stemmed.entry(lw).or_insert_with(|| {
                    let folded_word = crate::text::fold::fold(lw);
                    let a: Box<str> = crate::text::fold::fold(&stemmer.stem(lw)).into();
                    let b = if folded_word == lw {
                        a.clone()
                    } else {
                        crate::text::fold::fold(&stemmer.stem(&folded_word)).into()
                    };
                    [a, b]
                });
                for s in pair.iter() {
                    let e = acc.entry(s.clone()).or_insert((0.0, 0));
                    e.0 += v as f64;
                    e.1 += 1;
                }
            }
            let mut keys: Vec<_> = acc.into_iter().collect();
            keys.sort_by(|a, b| a.0.cmp(&b.0));
            for (k, (s, n)) in keys {
                stems.insert(&k, (s / n as f64) as f32);
            }
            stems
        })
    }

    /// Records `entry` for the words of `key`: a word, or a phrase indexed by its first word.
    fn insert(&mut self, key: &[Box<str>], entry: Entry) {
        for w in key {
            if w.contains('-') {
                self.hyphenated.insert(w, ());
            }
        }
        if key.len() == 1 {
            self.words.get_or_default(&key[0]).entry = Some(entry);
            return;
        }
        self.words.get_or_default(&key[0]).starts_phrase = true;
        let list = self.phrases.get_or_default(&key[0]);
        let rest: Box<[Box<str>]> = key[1..].to_vec().into_boxed_slice();
        if let Some(p) = list.iter_mut().find(|p| p.rest == rest) {
            p.entry = entry;
        } else {
            list.push(Phrase { rest, entry });
        }
    }

    /// The folded words of a lexicon or rule key, cut exactly as text is cut at scoring time
    /// (in `kb`'s buffers, reused from key to key).
    fn key_words(&self, kb: &mut KeyBuf, key: &str) -> Vec<Box<str>> {
        let KeyBuf { scratch: s, lower } = kb;
        s.clear();
        for chunk in key.split_whitespace() {
            lower.clear();
            if chunk.is_ascii() {
                lower.push_str(chunk);
                lower.make_ascii_lowercase();
            } else {
                lower.push_str(&chunk.to_lowercase());
            }
            self.split_core(s, lower, false, true);
        }
        s.words
            .iter()
            .filter(|w| w.emoji.is_none())
            .map(|w| s.folded(w).into())
            .collect()
    }

    /// Cuts a lower-cased token core into words: elided prefixes, hyphen parts (unless some key
    /// holds the hyphenated word whole), emoji, and pieces between inner punctuation.
    fn split_core(&self, s: &mut Scratch, core: &str, caps: bool, keep_hyphens: bool) {
        let mut start = 0;
        for (i, c) in core.char_indices() {
            if is_alphanumeric(c) || is_hyphen(c) {
                continue;
            }
            if is_apostrophe(c) {
                if let Some(rep) = self.elision(&core[start..i]) {
                    let rep: &str = rep;
                    s.push_word(rep, caps);
                    start = i + c.len_utf8();
                }
                continue;
            }
            self.push_piece(s, &core[start..i], caps, keep_hyphens);
            start = i + c.len_utf8();
            if let Some(&v) = self.emoji.get(&c) {
                s.push_word("", false);
                if let Some(w) = s.words.last_mut() {
                    w.emoji = Some(v);
                }
            } else if is_clause_punct(c) {
                s.mark_clause_end();
            }
        }
        self.push_piece(s, &core[start..], caps, keep_hyphens);
    }

    /// The replacement of an elided prefix (`piece` without its apostrophe), if it is one.
    fn elision(&self, piece: &str) -> Option<&str> {
        if piece.is_empty() || piece.len() > 12 {
            return None;
        }
        if piece.is_ascii() {
            let mut buf = [0u8; 12];
            let n = piece.len();
            buf[..n].copy_from_slice(piece.as_bytes());
            buf[..n].make_ascii_lowercase();
            let key = std::str::from_utf8(&buf[..n]).ok()?;
            return self.elisions.get(key).map(|b| &**b);
        }
        None
    }

    fn push_piece(&self, s: &mut Scratch, piece: &str, caps: bool, keep_hyphens: bool) {
        let piece = piece.trim_matches(is_hyphen);
        if piece.is_empty() {
            return;
        }
        if !piece.contains(is_hyphen) {
            s.push_word(piece, caps);
            return;
        }
        s.push_word(piece, caps);
        let w = *s.words.last().expect("just pushed");
        let whole = keep_hyphens || {
            let f = s.folded(&w);
            self.hyphenated.contains(f) || self.words.get(f).is_some_and(|i| i.entry.is_some())
        };
        if whole {
            return;
        }
        s.words.pop();
        s.lower.truncate(w.lower.0 as usize);
        s.folded.truncate(w.folded.0 as usize);
        for part in piece.split(is_hyphen) {
            if !part.is_empty() {
                s.push_word(part, caps);
            }
        }
    }

    /// Word `i`'s entry and whether a phrase starts with it: the word map's, or for a word
    /// without an entry of its own the `inflection` rules' and the stemmer's; memoised per
    /// thread (per engine) by lower-case form, which determines the folded form.
    fn lookup_word(&self, s: &mut Scratch, i: usize) -> Resolved {
        let w = s.words[i];
        if s.cache_owner != self.id {
            s.word_cache.clear();
            s.cache_owner = self.id;
        }
        let lower = &s.lower[w.lower.0 as usize..w.lower.1 as usize];
        if let Some(&r) = s.word_cache.get(lower) {
            return r;
        }
        let folded = &s.folded[w.folded.0 as usize..w.folded.1 as usize];
        let info = self.words.get(folded).copied().unwrap_or_default();
        let entry = match info.entry {
            Some(e) => Some(e),
            None => self
                .lookup_inflected(folded, lower, &mut s.stem_buf)
                .map(Entry::Valence),
        };
        let r = Resolved {
            entry,
            starts_phrase: info.starts_phrase,
        };
        if s.word_cache.len() >= WORD_CACHE_MAX {
            s.word_cache.clear();
        }
        s.word_cache.insert(lower, r);
        r
    }

    /// Valence of a word missing from the lexicons through the `inflection` rules, then the
    /// stemmer (only when it shortens the word: a word that is its own stem is a base form
    /// missing from the lexicons, like "conseil", not an inflection of "conseiller").
    fn lookup_inflected(&self, folded: &str, lower: &str, buf: &mut String) -> Option<f32> {
        for (suffix, replacement) in &self.inflections {
            if let Some(base) = folded.strip_suffix(&**suffix)
                && base.len() >= 2
            {
                buf.clear();
                buf.push_str(base);
                buf.push_str(replacement);
                if let Some(Entry::Valence(v)) = self.words.get(buf.as_str()).and_then(|i| i.entry)
                {
                    return Some(v);
                }
            }
        }
        let stemmer = self.stemmer.as_ref()?;
        if lower.chars().count() < self.k.min_stem_chars || !lower.chars().all(char::is_alphabetic)
        {
            return None;
        }
        let stem = stemmer.stem(lower);
        if stem.len() == lower.len() {
            return None;
        }
        buf.clear();
        for c in stem.chars() {
            fold_char_into(c, buf);
        }
        self.stems().get(buf.as_str()).copied()
    }

    /// Tries the phrases starting at word `i`; returns the number of words matched.
    fn match_phrase(&self, s: &Scratch, i: usize) -> Option<(usize, Entry)> {
        let list = self.phrases.get(s.folded(&s.words[i]))?;
        'phrases: for p in list {
            let n = p.rest.len();
            if i + n >= s.words.len() {
                continue;
            }
            for (j, want) in p.rest.iter().enumerate() {
                if s.folded(&s.words[i + 1 + j]) != &**want {
                    continue 'phrases;
                }
            }
            return Some((n + 1, p.entry));
        }
        None
    }

    /// Cuts tokens `tokens` of `a` into words in `s`.
    fn collect_words(&self, a: &Analysis, tokens: Range<usize>, s: &mut Scratch) {
        // Sentence starts inside the range, by token index.
        let mut sent = a
            .sentences
            .partition_point(|x| (x.tokens.1 as usize) <= tokens.start);
        for t in tokens {
            while sent < a.sentences.len() && (a.sentences[sent].tokens.0 as usize) < t {
                sent += 1;
            }
            let starts_sentence =
                sent < a.sentences.len() && a.sentences[sent].tokens.0 as usize == t;
            let tok = a.tokens[t];
            let core = a.token_lower_core(t);
            let caps = tok.has(flags::ALL_CAPS);
            let first_word = s.words.len();
            let chunk = a.token_lower(t);
            if core.len() <= 2 && !chunk.is_empty() && chunk != core {
                // Emoticons (`:)`, `:-(`, `<3`) are looked up as the whole chunk.
                if let Some(Entry::Valence(_)) = self.words.get(chunk).and_then(|i| i.entry) {
                    s.push_word(chunk, false);
                    if starts_sentence && let Some(w) = s.words.get_mut(first_word) {
                        w.sentence_start = true;
                    }
                    continue;
                }
            }
            let raw = a.token_text(t);
            let core_span = tok.core;
            let lead = &raw[..(core_span.start - tok.span.start) as usize];
            if lead.chars().any(|c| matches!(c, '(' | '[' | '—' | '–')) {
                s.mark_clause_end();
            }
            if core.is_empty() {
                if raw.chars().any(is_clause_punct) {
                    s.mark_clause_end();
                }
                for c in raw.chars() {
                    if let Some(&v) = self.emoji.get(&c) {
                        s.push_word("", false);
                        if let Some(w) = s.words.last_mut() {
                            w.emoji = Some(v);
                        }
                    }
                }
            } else {
                self.split_core(s, core, caps, false);
                let trail = &raw[(core_span.end - tok.span.start) as usize..];
                if trail.chars().any(is_clause_punct) {
                    s.mark_clause_end();
                }
            }
            if starts_sentence && let Some(w) = s.words.get_mut(first_word) {
                w.sentence_start = true;
            }
        }
    }

    /// Phrases, then single words: sets each word's entry.
    fn resolve_entries(&self, s: &mut Scratch) {
        let mut i = 0;
        while i < s.words.len() {
            let w = s.words[i];
            if let Some(v) = w.emoji {
                s.words[i].entry = Some(Entry::Valence(v));
                i += 1;
                continue;
            }
            let folded = s.folded(&w);
            if folded.is_empty() {
                i += 1;
                continue;
            }
            let info = self.lookup_word(s, i);
            if info.starts_phrase
                && let Some((n, entry)) = self.match_phrase(s, i)
            {
                // A rule phrase acts from its last word (`un peu` boosts what follows `peu`);
                // a scored phrase counts once, on its first word.
                let at = if matches!(entry, Entry::Rule(_)) {
                    i + n - 1
                } else {
                    i
                };
                for j in i..i + n {
                    s.words[j].consumed = j != at;
                }
                s.words[at].entry = Some(entry);
                i += n;
                continue;
            }
            s.words[i].entry = info.entry;
            i += 1;
        }
    }

    /// Index just past the negation window that starts after word `from`.
    fn window_end(&self, s: &Scratch, from: usize) -> usize {
        let mut count = 0;
        let mut j = from + 1;
        if s.words[from].clause_end {
            return j;
        }
        while j < s.words.len() && count < self.k.negation_window {
            let w = &s.words[j];
            if w.sentence_start || matches!(w.entry, Some(Entry::Rule(Rule::Contrast { .. }))) {
                break;
            }
            if !w.consumed {
                count += 1;
            }
            j += 1;
            if w.clause_end {
                break;
            }
        }
        j
    }

    /// Sets each word's negation multiplier.
    fn apply_negation(&self, s: &mut Scratch) {
        let n = s.words.len();
        // The open negation scope: words before `scope_end` are negated by `scope_scalar`.
        let mut scope_end = 0usize;
        let mut scope_scalar = 1.0f32;
        for i in 0..n {
            let w = s.words[i];
            if w.consumed || w.closed {
                continue;
            }
            match w.entry {
                Some(Entry::Rule(Rule::Ne)) => {
                    // Find the closer in the same clause.
                    let mut closer = None;
                    let mut j = i + 1;
                    let mut seen = 0;
                    while j < n && seen < self.k.ne_reach {
                        let x = &s.words[j];
                        if x.sentence_start {
                            break;
                        }
                        if !x.consumed {
                            if let Some(Entry::Rule(Rule::Negator { scalar, .. })) = x.entry {
                                closer = Some((j, scalar));
                                break;
                            }
                            seen += 1;
                        }
                        if x.clause_end {
                            break;
                        }
                        j += 1;
                    }
                    let Some((j, scalar)) = closer else { continue };
                    s.words[j].closed = true;
                    let end = self.window_end(s, j);
                    let in_scope = i < scope_end;
                    for k in i + 1..end {
                        if !(in_scope && k < scope_end) {
                            s.words[k].negation *= scalar;
                        }
                    }
                    scope_end = scope_end.max(end);
                    scope_scalar = scalar;
                }
                Some(Entry::Rule(Rule::Negator {
                    free: true,
                    flip,
                    scalar,
                })) => {
                    let end = self.window_end(s, i);
                    if i < scope_end && !flip {
                        // Negative concord: extend the open negation, do not negate it again.
                        for k in scope_end..end {
                            s.words[k].negation *= scope_scalar;
                        }
                        scope_end = scope_end.max(end);
                    } else {
                        for k in i + 1..end {
                            s.words[k].negation *= scalar;
                        }
                        scope_end = scope_end.max(end);
                        scope_scalar = scalar;
                    }
                }
                _ => {}
            }
        }
    }

    /// Sets each word's weight from contrast words (per sentence) and concessives.
    fn apply_contrast(&self, s: &mut Scratch) {
        let n = s.words.len();
        let mut sent_start = 0usize;
        let mut prev_sent: Option<(usize, usize)> = None;
        let mut i = 0usize;
        while i <= n {
            if i == n || (i > sent_start && s.words[i].sentence_start) {
                let (a, b) = (sent_start, i);
                let mut contrast = None;
                for j in a..b {
                    if s.words[j].consumed {
                        continue;
                    }
                    if let Some(Entry::Rule(Rule::Contrast { before, after })) = s.words[j].entry {
                        let next = (j + 1..b).find(|&k| !s.words[k].consumed);
                        let blocked = next.is_some_and(|k| {
                            let pair = (s.folded(&s.words[j]), s.folded(&s.words[k]));
                            self.not_contrast
                                .iter()
                                .any(|(x, y)| &**x == pair.0 && &**y == pair.1)
                        });
                        if !blocked {
                            contrast = Some((j, before, after));
                            break;
                        }
                    }
                }
                if let Some((j, before, after)) = contrast {
                    let leading = (a..j).all(|k| s.words[k].consumed);
                    let before_range = match (leading, prev_sent) {
                        (true, Some((pa, pb))) => pa..pb,
                        (true, None) => a..a,
                        (false, _) => a..j,
                    };
                    for k in before_range {
                        s.words[k].weight *= before;
                    }
                    for k in j + 1..b {
                        s.words[k].weight *= after;
                    }
                }
                prev_sent = Some((a, b));
                sent_start = i;
            }
            i += 1;
        }
        let mut i = 0;
        while i < n {
            if !s.words[i].consumed
                && matches!(s.words[i].entry, Some(Entry::Rule(Rule::Concessive)))
            {
                let mut k = i + 1;
                while k < n && !s.words[k].sentence_start {
                    s.words[k].weight *= self.k.concessive_weight;
                    let end = s.words[k].clause_end;
                    k += 1;
                    if end {
                        break;
                    }
                }
            }
            i += 1;
        }
    }

    /// Valence of every word after boosters, capitals, negation and weights (VADER's
    /// `sentiment_valence` and `_but_check`, French rules).
    fn valences(&self, s: &Scratch, cap_diff: bool, out: &mut impl FnMut(f32)) {
        let k = &self.k;
        for (i, w) in s.words.iter().enumerate() {
            if w.consumed {
                continue;
            }
            let Some(Entry::Valence(base)) = w.entry else {
                out(0.0);
                continue;
            };
            if base == 0.0 {
                out(0.0);
                continue;
            }
            let sign = base.signum();
            let mut v = base;
            if w.caps && cap_diff {
                v += sign * k.caps_increment;
            }
            let mut seen = 0;
            let mut j = i;
            while j > 0 && seen < k.booster_window {
                j -= 1;
                let p = &s.words[j];
                if p.clause_end {
                    break;
                }
                if p.consumed {
                    continue;
                }
                seen += 1;
                if let Some(Entry::Rule(Rule::Booster(b))) = p.entry {
                    let mut scalar = b;
                    if p.caps && cap_diff {
                        scalar += k.caps_increment;
                    }
                    let decay = match seen {
                        1 => 1.0,
                        2 => k.booster_decay_2,
                        _ => k.booster_decay_3,
                    };
                    v += sign * scalar * decay;
                }
            }
            v *= w.negation * w.weight;
            out(v);
        }
    }

    /// Each word of tokens `tokens` with the valence it contributes (0 for unscored words), in
    /// text order: what [`SentimentEngine::score_tokens`] sums, for explaining a score.
    pub fn explain(&self, a: &Analysis, tokens: Range<usize>) -> Vec<(String, f32)> {
        let mut s = Scratch::default();
        if tokens.is_empty() {
            return Vec::new();
        }
        let cap_diff = cap_differential(a, tokens.clone());
        self.collect_words(a, tokens, &mut s);
        self.resolve_entries(&mut s);
        self.apply_negation(&mut s);
        self.apply_contrast(&mut s);
        let mut vals = Vec::new();
        self.valences(&s, cap_diff, &mut |v| vals.push(v));
        let names = s
            .words
            .iter()
            .filter(|w| !w.consumed)
            .map(|w| match w.emoji {
                Some(_) => "<emoji>".to_string(),
                None => s.lower[w.lower.0 as usize..w.lower.1 as usize].to_string(),
            });
        names.zip(vals).collect()
    }

    fn score(&self, a: &Analysis, tokens: Range<usize>, s: &mut Scratch) -> Polarity {
        s.clear();
        if tokens.is_empty() {
            return Polarity {
                neu: 1.0,
                ..Polarity::default()
            };
        }
        let cap_diff = cap_differential(a, tokens.clone());
        let span =
            a.tokens[tokens.start].span.start as usize..a.tokens[tokens.end - 1].span.end as usize;
        let text = &a.text[span];
        self.collect_words(a, tokens, s);
        self.resolve_entries(s);
        self.apply_negation(s);
        self.apply_contrast(s);

        let (mut sum, mut pos_sum, mut neg_sum, mut neu_count) = (0.0f64, 0.0f64, 0.0f64, 0usize);
        self.valences(s, cap_diff, &mut |v| {
            let v = v as f64;
            sum += v;
            if v > 0.0 {
                pos_sum += v + 1.0;
            } else if v < 0.0 {
                neg_sum += v - 1.0;
            } else {
                neu_count += 1;
            }
        });
        if sum == 0.0 && pos_sum == 0.0 && neg_sum == 0.0 {
            return Polarity {
                neg: 0.0,
                neu: 1.0,
                pos: 0.0,
                compound: 0.0,
            };
        }
        // Punctuation emphasis (VADER's _punctuation_emphasis).
        let excl = memchr::memchr_iter(b'!', text.as_bytes())
            .count()
            .min(self.k.exclamation_max);
        let quest = memchr::memchr_iter(b'?', text.as_bytes()).count();
        let qm = if quest > 1 {
            (quest as f64 * self.k.question_increment).min(self.k.question_max)
        } else {
            0.0
        };
        let emphasis = excl as f64 * self.k.exclamation_increment + qm;
        if sum > 0.0 {
            sum += emphasis;
        } else if sum < 0.0 {
            sum -= emphasis;
        }
        let compound = sum / (sum * sum + self.k.normalization_alpha).sqrt();
        if pos_sum > neg_sum.abs() {
            pos_sum += emphasis;
        } else if pos_sum < neg_sum.abs() {
            neg_sum -= emphasis;
        }
        let total = pos_sum + neg_sum.abs() + neu_count as f64;
        Polarity {
            neg: round(neg_sum.abs() / total, 3),
            neu: round(neu_count as f64 / total, 3),
            pos: round(pos_sum / total, 3),
            compound: round(compound.clamp(-1.0, 1.0), 4),
        }
    }
}

/// VADER's `allcap_differential`: some but not all tokens are in capitals, so capitals stand out.
fn cap_differential(a: &Analysis, tokens: Range<usize>) -> bool {
    let n = tokens.len();
    let caps = tokens.filter(|&t| a.tokens[t].has(flags::ALL_CAPS)).count();
    caps > 0 && caps < n
}

fn round(x: f64, places: i32) -> f64 {
    let m = 10f64.powi(places);
    (x * m).round() / m
}

impl SentimentEngine for RulesEngine {
    fn name(&self) -> &str {
        &self.name
    }

    fn score_tokens(&self, a: &Analysis, tokens: Range<usize>) -> Polarity {
        SCRATCH.with(|cell| match cell.try_borrow_mut() {
            Ok(mut s) => self.score(a, tokens, &mut s),
            Err(_) => self.score(a, tokens, &mut Scratch::default()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{TextLexicon, analyze};

    /// The built-in French engine, loaded once for all tests.
    fn engine() -> &'static (RulesEngine, TextLexicon) {
        static ENGINE: std::sync::OnceLock<(RulesEngine, TextLexicon)> = std::sync::OnceLock::new();
        ENGINE.get_or_init(|| {
            let src = LexiconSource::built_in();
            (
                RulesEngine::load(&src, "fr").unwrap(),
                TextLexicon::load(&src).unwrap(),
            )
        })
    }

    fn compound(e: &RulesEngine, lex: &TextLexicon, text: &str) -> f64 {
        let a = analyze(text, Some(Lang::FR), lex);
        e.score_tokens(&a, 0..a.tokens.len()).compound
    }

    /// The valence of `word` in `text` as the engine sums it.
    fn valence_of(e: &RulesEngine, lex: &TextLexicon, text: &str, word: &str) -> f32 {
        let a = analyze(text, Some(Lang::FR), lex);
        let words = e.explain(&a, 0..a.tokens.len());
        words
            .iter()
            .find(|(w, _)| w == word)
            .unwrap_or_else(|| panic!("{word:?} not among {words:?}"))
            .1
    }

    #[test]
    fn fast_alphanumeric_agrees_with_std() {
        for c in (0u32..0x800).filter_map(char::from_u32) {
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn lexicon_words_and_compound_formula() {
        let (e, lex) = engine();
        // "bon" is 1.9 in sentiment-slant-fr.tsv; VADER's normalisation x/sqrt(x²+15).
        let c = compound(e, lex, "Un bon film");
        let want = 1.9 / (1.9f64 * 1.9 + 15.0).sqrt();
        assert!((c - round(want, 4)).abs() < 1e-9, "{c} vs {want}");
        assert!(compound(e, lex, "Un film ennuyeux") < 0.0);
        assert_eq!(compound(e, lex, "Le film sort mardi"), 0.0);
    }

    #[test]
    fn ne_pas_negates_the_verb_between_and_the_words_after() {
        let (e, lex) = engine();
        assert!(compound(e, lex, "Ce film est bon") > 0.0);
        // "bon" after "pas": 1.9 × -0.74.
        let v = valence_of(e, lex, "Ce film n'est pas bon", "bon");
        assert!((v - 1.9 * -0.74).abs() < 1e-5, "{v}");
        // The verb between "ne" and "pas" is negated too.
        assert!(valence_of(e, lex, "Je n'aime pas ce film", "aime") < 0.0);
        assert!(valence_of(e, lex, "Je ne le recommande pas", "recommande") < 0.0);
        // Informal "pas" alone.
        assert!(compound(e, lex, "c'est pas génial") < 0.0);
        // "ne ... plus" closes a negation; "plus" alone does not negate.
        assert!(compound(e, lex, "Ce n'est plus drôle") < 0.0);
        assert!(compound(e, lex, "C'est plus drôle") > 0.0);
        // The scope stops at a comma.
        assert!(valence_of(e, lex, "Ce n'est pas long, c'est excellent", "excellent") > 0.0);
    }

    #[test]
    fn negative_concord_does_not_negate_twice() {
        let (e, lex) = engine();
        // "ni ... ni": both adjectives negated, the second "ni" extends the first's scope.
        assert!(valence_of(e, lex, "Ni drôle ni émouvant", "drôle") < 0.0);
        assert!(valence_of(e, lex, "Ni drôle ni émouvant", "émouvant") < 0.0);
        // "ne ... jamais ... rien": one negation, not two.
        assert!(valence_of(e, lex, "On ne rit jamais, rien de drôle", "drôle") < 0.0);
    }

    #[test]
    fn sans_negates_and_stacks() {
        let (e, lex) = engine();
        assert!(compound(e, lex, "Un film sans humour") < 0.0);
        // "pas sans": two negations make a (weaker) positive.
        let v = valence_of(e, lex, "Un film pas sans humour", "humour");
        assert!(v > 0.0 && v < 1.6, "{v}");
    }

    #[test]
    fn intensifiers_and_dampeners_order_scores() {
        let (e, lex) = engine();
        let plain = compound(e, lex, "Un film drôle");
        let tres = compound(e, lex, "Un film très drôle");
        let vraiment_tres = compound(e, lex, "Un film vraiment très drôle");
        let un_peu = compound(e, lex, "Un film un peu drôle");
        assert!(
            un_peu < plain && plain < tres && tres < vraiment_tres,
            "{un_peu} {plain} {tres} {vraiment_tres}"
        );
        // A booster adds in the word's direction: "trop lent" is more negative than "lent".
        assert!(compound(e, lex, "Trop lent") < compound(e, lex, "Lent"));
        // "peu" before an adjective is a weak negation: "peu intéressant" is negative.
        assert!(compound(e, lex, "Un film peu intéressant") < 0.0);
    }

    #[test]
    fn mais_shifts_weight_to_the_clause_after() {
        let (e, lex) = engine();
        // Same words, opposite order: the clause after "mais" wins.
        let a = compound(e, lex, "Les acteurs sont bons mais le scénario est mauvais");
        let b = compound(e, lex, "Le scénario est mauvais mais les acteurs sont bons");
        assert!(a < 0.0 && b > 0.0, "{a} {b}");
        assert!((valence_of(e, lex, "Bon mais long", "bon") - 1.9 * 0.5).abs() < 1e-5);
        // "mais aussi" is not a contrast.
        assert!(
            (valence_of(e, lex, "Non seulement drôle mais aussi bon", "bon") - 1.9).abs() < 1e-5
        );
        // A sentence opening with "Mais" weighs the previous sentence down.
        let v = valence_of(e, lex, "Le début est bon. Mais la fin déçoit.", "bon");
        assert!((v - 1.9 * 0.5).abs() < 1e-5, "{v}");
    }

    #[test]
    fn concessive_clause_weighs_less() {
        let (e, lex) = engine();
        let v = valence_of(
            e,
            lex,
            "Malgré quelques longueurs, le film est excellent",
            "longueurs",
        );
        let plain = valence_of(
            e,
            lex,
            "Quelques longueurs, le film est excellent",
            "longueurs",
        );
        assert!((v - plain * 0.5).abs() < 1e-5, "{v} {plain}");
    }

    #[test]
    fn elision_is_split_and_typographic_apostrophes_too() {
        let (e, lex) = engine();
        // n’ (curly) opens the negation like n'.
        assert!(compound(e, lex, "Ce n’est pas bon") < 0.0);
        // l'humour: "l'" split off, "humour" scored.
        assert!(valence_of(e, lex, "J'adore l'humour", "humour") > 0.0);
        assert!(valence_of(e, lex, "J'adore l'humour", "adore") > 0.0);
        // A word with an inner apostrophe that is not an elision stays whole.
        let a = analyze("aujourd'hui", Some(Lang::FR), lex);
        assert_eq!(e.explain(&a, 0..1), vec![("aujourd'hui".to_string(), 0.0)]);
    }

    #[test]
    fn hyphenated_words_are_kept_when_known_else_split() {
        let (e, lex) = engine();
        assert!(compound(e, lex, "Un chef-d'œuvre") > 0.5);
        let a = analyze("drôle-émouvant", Some(Lang::FR), lex);
        let words: Vec<String> = e.explain(&a, 0..1).into_iter().map(|(w, _)| w).collect();
        assert_eq!(words, vec!["drôle", "émouvant"]);
    }

    #[test]
    fn inflections_are_found_through_suffix_rules_and_the_stemmer() {
        let (e, lex) = engine();
        // "adorent" is in no lexicon: the -ent rule finds "adorer".
        assert!(compound(e, lex, "Ils adorent") > 0.0);
        // "ennuyeuses", "décevantes" reach their lexicon forms through the stemmer or the lists.
        assert!(compound(e, lex, "Des scènes ennuyeuses") < 0.0);
        assert!(compound(e, lex, "Des suites décevantes") < 0.0);
        // Without accents (informal text) the folded forms match.
        assert!(compound(e, lex, "tres decevant") < 0.0);
    }

    #[test]
    fn idioms_and_function_words() {
        let (e, lex) = engine();
        assert!(compound(e, lex, "C'est pas mal") > 0.0);
        assert!(compound(e, lex, "C'est pas terrible") < 0.0);
        // "sur" is a function word (not "sûr") and scores nothing.
        assert_eq!(compound(e, lex, "sur la table"), 0.0);
    }

    #[test]
    fn punctuation_and_capitals_emphasise() {
        let (e, lex) = engine();
        let plain = compound(e, lex, "Un bon film");
        let excl = compound(e, lex, "Un bon film !!");
        let caps = compound(e, lex, "Un BON film");
        assert!(plain < excl && plain < caps, "{plain} {excl} {caps}");
        // VADER: "!" adds 0.292 each.
        let want = (1.9 + 2.0 * 0.292) / ((1.9f64 + 0.584).powi(2) + 15.0).sqrt();
        assert!((excl - round(want, 4)).abs() < 1e-9);
    }

    #[test]
    fn emoji_and_emoticons_score() {
        let (e, lex) = engine();
        assert!(compound(e, lex, "Séance de ce soir :)") > 0.0);
        assert!(compound(e, lex, "Séance de ce soir 😡") < 0.0);
    }

    #[test]
    fn empty_and_neutral_texts_are_neutral() {
        let (e, lex) = engine();
        let a = analyze("", Some(Lang::FR), lex);
        let p = e.score_tokens(&a, 0..0);
        assert_eq!((p.neg, p.neu, p.pos, p.compound), (0.0, 1.0, 0.0, 0.0));
        let a = analyze("Le conseil se réunit jeudi.", Some(Lang::FR), lex);
        let p = e.score_tokens(&a, 0..a.tokens.len());
        assert_eq!((p.neg, p.neu, p.pos, p.compound), (0.0, 1.0, 0.0, 0.0));
    }

    #[test]
    fn proportions_follow_vader() {
        let (e, lex) = engine();
        // Words: un(0) bon(1.9) film(0) → pos = 2.9 / (2.9 + 2) ; neu = 2 / 4.9.
        let a = analyze("Un bon film", Some(Lang::FR), lex);
        let p = e.score_tokens(&a, 0..a.tokens.len());
        assert_eq!(
            (p.neg, p.neu, p.pos),
            (0.0, round(2.0 / 4.9, 3), round(2.9 / 4.9, 3))
        );
    }

    fn override_dir(rules: &str, words: &str) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("de")).unwrap();
        std::fs::write(dir.path().join("de/sentiment-rules.tsv"), rules).unwrap();
        std::fs::write(dir.path().join("de/words.tsv"), words).unwrap();
        dir
    }

    #[test]
    fn any_language_folder_with_rules_gets_an_engine() {
        let dir = override_dir(
            "lexicon\twords.tsv\t1\t1\nnegator\tnicht\tfree\tconcord\nbooster\tsehr\t0.293\n",
            "# a German test lexicon\ngut\t1.9\nschlecht\t-2.5\n",
        );
        let src = LexiconSource::with_override(dir.path()).unwrap();
        let all = super::super::SentimentLexicons::load(&src).unwrap();
        let de = Lang::parse("de").unwrap();
        assert!(all.languages().contains(&de) && all.languages().contains(&Lang::FR));
        let e = all.engine(Some(de), EngineChoice::Default).unwrap();
        assert_eq!(e.name(), "de");
        let text = TextLexicon::load(&src).unwrap();
        let score = |t: &str| {
            let a = analyze(t, Some(de), &text);
            e.score_tokens(&a, 0..a.tokens.len()).compound
        };
        let gut = score("Der Film ist gut");
        assert!(gut > 0.0);
        assert!(score("Der Film ist nicht gut") < 0.0);
        assert!(score("Der Film ist sehr gut") > gut);
        // German Snowball: "guten" → "gut".
        assert!(score("Ein guten Film") > 0.0);
        assert!(score("Ein schlechter Film") < 0.0);
    }

    #[test]
    fn per_thread_word_memo_never_mixes_engines() {
        // Two engines scoring the same word alternately on one thread: each must use its own
        // lexicon, not the other's memoised entry.
        let (fr, lex) = engine();
        let dir = override_dir("lexicon\twords.tsv\t1\t1\n", "film\t-3\n");
        let src = LexiconSource::with_override(dir.path()).unwrap();
        let de = RulesEngine::load(&src, "de").unwrap();
        let fr_film = compound(fr, lex, "film");
        for _ in 0..2 {
            assert_eq!(compound(fr, lex, "film"), fr_film);
            assert!(compound(&de, lex, "film") < -0.5);
        }
    }

    #[test]
    fn malformed_rules_and_lexicon_rows_name_file_and_line() {
        let dir = override_dir(
            "lexicon\twords.tsv\t1\t1\nnegator\tnicht\tsometimes\tconcord\n",
            "gut\t1\n",
        );
        let src = LexiconSource::with_override(dir.path()).unwrap();
        let err = RulesEngine::load(&src, "de").unwrap_err().to_string();
        assert_eq!(
            err,
            "lexicon file de/sentiment-rules.tsv, line 2: negator mode must be free or closer, not \"sometimes\""
        );
        let dir = override_dir("lexicon\twords.tsv\t1\t1\n", "gut\t1\nschlecht\tminus\n");
        let src = LexiconSource::with_override(dir.path()).unwrap();
        let err = RulesEngine::load(&src, "de").unwrap_err().to_string();
        assert_eq!(
            err,
            "lexicon file de/words.tsv, line 2: score \"minus\" is not a number"
        );
        let dir = override_dir("lexicon\tmissing.tsv\t1\t1\n", "");
        let src = LexiconSource::with_override(dir.path()).unwrap();
        let err = RulesEngine::load(&src, "de").unwrap_err().to_string();
        assert_eq!(
            err,
            "lexicon file de/sentiment-rules.tsv, line 1: lexicon file de/missing.tsv not found"
        );
    }
}
