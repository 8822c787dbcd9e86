//! Features of one target mention in its sentence, for the tone-toward-actors model.
//!
//! Everything is read from the shared [`Analysis`] tokens of the sentence holding the target:
//! word valences (VADER's lexicon for English) left and right of the target by distance zone and
//! clause, negation before a valence word, the target's grammatical role toward a small list of
//! valence verbs ("X attacked Y": Y is the patient; "Y was praised by X": Y is the patient, X the
//! agent), reported and quoted speech, and hashed words (of the sentence, of the target's clause,
//! of the windows left and right of the target, and the words right next to it).
//! Word valences, VADER's negation scalar and normalisation constant come from the sentence
//! engine the cue file names (`valence_engine`, `news-en` for English), borrowed read-only from
//! the loaded [`SentimentLexicons`]: the lexicon is loaded once, for sentiment, and the features
//! agree with the engine's adjustments. The engine's compounds of the sentence (reused from the
//! article's sentence scores when the caller has them) and of the target's clause left and right
//! of the target are features too.
//!
//! Version 3 adds features that compare the target with the *other* targets of its sentence, the
//! main error of version 2 (every target of a sentence got the sentence's tone): which target a
//! valence word is nearest to, valence between two targets, whether the target is the agent or
//! the patient of a role verb whose other side is another target, and which side of a contrast
//! word a valence word is; and the target's kind (organisation or medium, time expression,
//! prepositional object), which makes a neutral target likelier.
//!
//! No feature fires *only* because other targets exist (their count, "this is the leftmost
//! target", "another target is a speaker"): such features learn how often a dataset's
//! multi-target sentences are neutral (a fifth in NewsMTSC train, half in its devtest_mt), and
//! at run time every entity mention is a target, so the count means something else there. Every
//! comparison feature is a valence sum, which is zero without valence words. (Hashing other
//! targets' words as one placeholder, and hashing words by the target they are nearest to,
//! lowered CV macro-F1 and were left out.)
//!
//! The same code computes features at run time and in the trainer (`examples/fit_targets.rs`), so
//! a shipped weights file always matches the features it was fitted on; [`FEATURE_VERSION`] is
//! recorded in the weights file and checked on load. Features are deterministic: the hash is
//! FNV-1a (fixed, platform-independent) and iteration is in token order.
//!
//! The target's own words never become features (only its shape: pronoun, length, possessive):
//! the model must not learn that a *name* is negative, which in a media-bias tool would turn a
//! training set's coverage of a person into a prior about that person.

use std::cell::RefCell;
use std::sync::atomic::{AtomicU64, Ordering};

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::{FxHashMap, FxHashSet};

use crate::lexicon::{LexiconError, LexiconSource};
use crate::score::sentiment::vader::VaderData;
use crate::score::sentiment::{EngineChoice, SentimentEngine, SentimentLexicons};
use crate::text::{Analysis, Lang, Span};

/// Bumped whenever a feature's definition changes; a weights file fitted on another version is
/// rejected on load.
pub const FEATURE_VERSION: u32 = 4;

/// Number of hash buckets for word features (×3 classes: 49,152 weights at most).
pub const HASH_BUCKETS: u32 = 1 << 14;

/// Declares the dense features once: an index enum (`F::name as u32`, so pushing a feature is a
/// constant, not a lookup by name) and [`DENSE`], the names in index order that the weights file
/// uses.
macro_rules! dense_features {
    ($($name:ident),* $(,)?) => {
        /// Index of each dense feature (see [`DENSE`] for the names).
        #[allow(non_camel_case_types)]
        #[derive(Clone, Copy)]
        #[repr(u32)]
        enum F { $($name),* }
        /// Names of the dense (named) features, in index order. Hashed word features follow them.
        pub const DENSE: &[&str] = &[$(stringify!($name)),*];
    };
}

dense_features! {
    bias,
    sent_pos,
    sent_neg,
    sent_compound,
    sent_no_valence,
    l_near_pos,
    l_near_neg,
    l_mid_pos,
    l_mid_neg,
    l_far_pos,
    l_far_neg,
    r_near_pos,
    r_near_neg,
    r_mid_pos,
    r_mid_neg,
    r_far_pos,
    r_far_neg,
    clause_pos,
    clause_neg,
    other_clause_pos,
    other_clause_neg,
    decay_pos,
    decay_neg,
    negated_near,
    agent_pos,
    agent_neg,
    patient_pos,
    patient_neg,
    passive_patient,
    target_in_quote,
    sentence_has_quote,
    quote_pos,
    quote_neg,
    speaker,
    speaker_said_pos,
    speaker_said_neg,
    target_pronoun,
    target_first,
    target_possessive,
    target_multiword,
    target_colon,
    sent_len,
    news_sent_compound,
    news_left_compound,
    news_right_compound,
    target_clause_start,
    l_decay_pos,
    l_decay_neg,
    r_decay_pos,
    r_decay_neg,
    // Features comparing this target with the other targets of its sentence (version 3).
    own_pos,
    own_neg,
    theirs_pos,
    theirs_neg,
    between_pos,
    between_neg,
    agent_of_other_pos,
    agent_of_other_neg,
    patient_of_other_pos,
    patient_of_other_neg,
    contrast_pos,
    contrast_neg,
    target_organization,
    target_time,
    prep_object,
    // A prepositional object, organisation or time target ("weak" target) × the sentence's
    // valence: such targets take the sentence's tone less often.
    weak_pos,
    weak_neg,
}

/// Total feature space: dense features then hash buckets.
pub const N_FEATURES: usize = DENSE.len() + HASH_BUCKETS as usize;

/// Templates of hashed word features (the byte mixed into the hash).
#[derive(Clone, Copy)]
#[repr(u8)]
enum Tpl {
    /// Any word of the sentence outside the target, scaled by 1/sqrt(words).
    Sentence = 1,
    /// The word right before the target (`<s>` at the sentence start).
    L1 = 2,
    /// The word right after the target (`</s>` at the sentence end).
    R1 = 5,
    // Version 4 dropped the words two and three tokens left and right of the target (templates
    // 3, 4, 6, 7) and the word pairs beside it (11, 12): sparse and position-exact, they
    // memorised training sentences. 5-fold CV macro-F1 on NewsMTSC train rose from 0.6725 to
    // 0.6877 without them (multi-target sentences 0.6583 → 0.6781; four seeds agree within
    // 0.003); the windows below still see those words by side. The numbers of the other
    // templates are kept, so their hashes did not move.
    /// A word within 6 tokens left of the target, same clause.
    LeftWindow = 8,
    /// A word within 6 tokens right of the target, same clause.
    RightWindow = 9,
    /// A word of the target's clause.
    Clause = 10,
    /// Punctuation right after the target (`:` of a transcript, `,` of an apposition).
    TargetPunct = 13,
}

/// Deterministic 64-bit FNV-1a.
fn fnv1a(parts: &[&[u8]]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for &b in *p {
            h ^= b as u64;
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        h ^= 0xff;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

fn bucket(t: Tpl, a: &str, b: &str) -> u32 {
    let h = fnv1a(&[&[t as u8], a.as_bytes(), b.as_bytes()]);
    DENSE.len() as u32 + (h % HASH_BUCKETS as u64) as u32
}

/// Cue word kinds of `<lang>/target-cues.tsv`.
const CUE_KINDS: &[&str] = &[
    "valence_engine",
    "stemmer",
    "negation",
    "clause",
    "contrast",
    "relative",
    "passive_aux",
    "agent",
    "report",
    "pronoun",
    "organization",
    "time",
    "preposition",
];

/// The word lists one language's target features read (`<lang>/target-cues.tsv` and
/// `<lang>/target-verbs.tsv`), and the name of the sentence engine whose valences they use.
pub struct TargetFeatures {
    lang: Lang,
    /// The `valence_engine` row: engine name and the choice that selects it.
    engine_name: String,
    engine_choice: EngineChoice,
    negation: FxHashSet<String>,
    /// Clause starters, contrast words included.
    clause: FxHashSet<String>,
    contrast: FxHashSet<String>,
    passive_aux: FxHashSet<String>,
    agent: FxHashSet<String>,
    report: FxHashSet<String>,
    pronoun: FxHashSet<String>,
    /// A word that makes a target an organisation or a medium ("department", "news").
    organization: FxHashSet<String>,
    /// A word that makes a target a time expression ("Tuesday", "last week").
    time: FxHashSet<String>,
    /// Prepositions: a target right after one is a prepositional object ("flew to Mexico").
    preposition: FxHashSet<String>,
    /// Stem → polarity toward the verb's object.
    verbs: FxHashMap<String, f32>,
    stemmer: Stemmer,
    /// Distinct per loaded instance: the key of this instance's entries in the per-thread
    /// [`STEMS`] memo (two loaded models may have different stemmers or verb lists).
    id: u64,
}

/// Ids of loaded [`TargetFeatures`].
static NEXT_ID: AtomicU64 = AtomicU64::new(1);

/// Entries of the per-thread stem memo before it is emptied: words of news text follow Zipf's
/// law, so a few thousand distinct words cover nearly every token, and the bound keeps a
/// long-running thread's memory flat (about 2 MB at most).
const STEM_MEMO_MAX: usize = 1 << 15;

/// A per-thread memo of word → (Snowball stem, role-verb polarity) for the [`TargetFeatures`]
/// whose `id` is `owner`. Stemming every token was a quarter of the scorer's time
/// (BENCHMARKS.md, "Tone toward actors"), and the same words recur sentence after sentence; a
/// per-thread table needs no lock, and being a cache of a pure function it cannot change a
/// result (outputs stay byte-identical at any thread count).
struct StemMemo {
    /// The [`TargetFeatures`] id and the address of the engine data whose valences the
    /// entries hold.
    owner: (u64, usize),
    map: FxHashMap<Box<str>, MemoEntry>,
}

/// What the memo keeps of one word: its stem, role-verb polarity, cue bits and the engine's
/// valence of the word (the sentence view looked each token up in the engine's table again).
struct MemoEntry {
    stem: Box<str>,
    verb: Option<f32>,
    cues: u16,
    valence: Option<f64>,
}

/// Cue-list bits of a word ([`TargetFeatures::cue_bits`]), memoised with its stem: one lookup per
/// token instead of one per list.
mod cue {
    pub const CLAUSE: u16 = 1;
    pub const CONTRAST: u16 = 1 << 1;
    pub const PASSIVE_AUX: u16 = 1 << 2;
    pub const AGENT: u16 = 1 << 3;
    pub const REPORT: u16 = 1 << 4;
    pub const PRONOUN: u16 = 1 << 5;
    pub const ORGANIZATION: u16 = 1 << 6;
    pub const TIME: u16 = 1 << 7;
    pub const PREPOSITION: u16 = 1 << 8;
    /// [`super::TargetFeatures::is_negation`] (of the word with its possessive stripped).
    pub const NEGATION: u16 = 1 << 9;
}

thread_local! {
    static STEMS: RefCell<StemMemo> = RefCell::new(StemMemo {
        owner: (0, 0),
        map: FxHashMap::default(),
    });
}

impl std::fmt::Debug for TargetFeatures {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TargetFeatures")
            .field("engine", &self.engine_name)
            .field("verbs", &self.verbs.len())
            .finish()
    }
}

fn stemmer_named(name: &str) -> Option<Algorithm> {
    Some(match name {
        "english" => Algorithm::English,
        "french" => Algorithm::French,
        "german" => Algorithm::German,
        "spanish" => Algorithm::Spanish,
        "italian" => Algorithm::Italian,
        "portuguese" => Algorithm::Portuguese,
        "dutch" => Algorithm::Dutch,
        _ => return None,
    })
}

/// The VADER-family engine behind `e`, if it is one: `vader` itself, or `news-en`, which runs
/// VADER's rules on adjusted data and then blends the compound.
fn as_vader(e: &dyn SentimentEngine) -> Option<FeatureEngine<'_>> {
    let data = &e.vader()?.data;
    Some(FeatureEngine { scorer: e, data })
}

/// The sentence engine the features read: its lexicon and rule constants (`data`) give word
/// valences, and the engine itself (`scorer`, with every adjustment it makes after VADER's
/// rules) the sentence compound — the same compound the article's sentence scores hold, so a
/// model fitted on compounds computed here sees the same values at run time.
#[derive(Clone, Copy)]
pub struct FeatureEngine<'e> {
    pub scorer: &'e dyn SentimentEngine,
    pub data: &'e VaderData,
}

impl FeatureEngine<'_> {
    /// The engine's scores of `tokens` of `a`.
    pub fn score_tokens(
        &self,
        a: &Analysis,
        tokens: std::ops::Range<usize>,
    ) -> crate::model::Polarity {
        self.scorer.score_tokens(a, tokens)
    }
}

impl TargetFeatures {
    /// The cue file of language folder `code`.
    pub fn cues_path(code: &str) -> String {
        format!("{code}/target-cues.tsv")
    }

    /// Loads the feature lexicons of language folder `code`, checking that `sentiment` has the
    /// engine the cues name. Errors name file and line.
    pub fn load(
        src: &LexiconSource,
        code: &str,
        sentiment: &SentimentLexicons,
    ) -> Result<Self, LexiconError> {
        let cues = Self::cues_path(code);
        let lang = Lang::parse(code).ok_or_else(|| {
            LexiconError::malformed(&cues, 1, format!("unknown language folder {code:?}"))
        })?;
        let mut sets: FxHashMap<&str, FxHashSet<String>> = FxHashMap::default();
        let mut engine = None;
        let mut stemmer = None;
        for (line, f) in src.read_tsv(&cues, 2)? {
            let Some(kind) = CUE_KINDS.iter().find(|k| **k == f[0]) else {
                return Err(LexiconError::malformed(
                    &cues,
                    line,
                    format!(
                        "unknown cue kind {:?} (expected one of {CUE_KINDS:?})",
                        f[0]
                    ),
                ));
            };
            match *kind {
                "valence_engine" => {
                    // The engine must be a VADER-family engine of this language: its lexicon
                    // gives the valences, its rules data the constants.
                    let found = [EngineChoice::Default, EngineChoice::Vader]
                        .into_iter()
                        .find(|&c| {
                            sentiment
                                .engine(Some(lang), c)
                                .ok()
                                .and_then(as_vader)
                                .is_some_and(|e| e.scorer.name() == f[1])
                        });
                    let Some(choice) = found else {
                        return Err(LexiconError::malformed(
                            &cues,
                            line,
                            format!(
                                "valence engine {:?} is not a loaded VADER-family engine for {code}",
                                f[1]
                            ),
                        ));
                    };
                    engine = Some((f[1].clone(), choice));
                }
                "stemmer" => {
                    stemmer = Some(stemmer_named(&f[1]).ok_or_else(|| {
                        LexiconError::malformed(&cues, line, format!("unknown stemmer {:?}", f[1]))
                    })?)
                }
                k => {
                    sets.entry(k).or_default().insert(f[1].to_lowercase());
                }
            }
        }
        let stemmer = Stemmer::create(stemmer.ok_or_else(|| {
            LexiconError::malformed(&cues, 1, "no stemmer row (a Snowball algorithm name)")
        })?);
        let (engine_name, engine_choice) = engine.ok_or_else(|| {
            LexiconError::malformed(
                &cues,
                1,
                "no valence_engine row (the sentence engine whose lexicon gives word valences)",
            )
        })?;
        let verbs_rel = format!("{code}/target-verbs.tsv");
        let mut verbs = FxHashMap::default();
        for (line, f) in src.read_tsv(&verbs_rel, 2)? {
            let p: f32 = f[1]
                .parse()
                .ok()
                .filter(|p: &f32| (-1.0..=1.0).contains(p))
                .ok_or_else(|| {
                    LexiconError::malformed(
                        &verbs_rel,
                        line,
                        format!("polarity {:?} is not a number in [-1, 1]", f[1]),
                    )
                })?;
            let lemma = f[0].to_lowercase();
            verbs.insert(stemmer.stem(&lemma).into_owned(), p);
        }
        let mut take = |k: &str| sets.remove(k).unwrap_or_default();
        let contrast = take("contrast");
        let mut clause = take("clause");
        clause.extend(take("relative"));
        clause.extend(contrast.iter().cloned());
        Ok(TargetFeatures {
            lang,
            engine_name,
            engine_choice,
            negation: take("negation"),
            clause,
            contrast,
            passive_aux: take("passive_aux"),
            agent: take("agent"),
            report: take("report"),
            pronoun: take("pronoun"),
            organization: take("organization"),
            time: take("time"),
            preposition: take("preposition"),
            verbs,
            stemmer,
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
        })
    }

    /// The [`cue`] lists `w` is in.
    fn cue_bits(&self, w: &str) -> u16 {
        let lists = [
            (&self.clause, cue::CLAUSE),
            (&self.contrast, cue::CONTRAST),
            (&self.passive_aux, cue::PASSIVE_AUX),
            (&self.agent, cue::AGENT),
            (&self.report, cue::REPORT),
            (&self.pronoun, cue::PRONOUN),
            (&self.organization, cue::ORGANIZATION),
            (&self.time, cue::TIME),
            (&self.preposition, cue::PREPOSITION),
        ];
        let bits = lists
            .iter()
            .filter(|(set, _)| set.contains(w))
            .fold(0, |bits, (_, b)| bits | b);
        bits | if self.is_negation(w) {
            cue::NEGATION
        } else {
            0
        }
    }

    /// Appends the stem of `lower` to `forms` and returns its role-verb polarity and [`cue`]
    /// bits, through the per-thread [`STEMS`] memo.
    fn stem_and_cues(
        &self,
        lower: &str,
        forms: &mut String,
        engine: FeatureEngine,
    ) -> (Option<f32>, u16, Option<f64>) {
        STEMS.with(|m| {
            let mut m = m.borrow_mut();
            let owner = (self.id, std::ptr::from_ref(engine.data) as usize);
            if m.owner != owner {
                m.owner = owner;
                m.map.clear();
            }
            if let Some(e) = m.map.get(lower) {
                forms.push_str(&e.stem);
                return (e.verb, e.cues, e.valence);
            }
            let stem = self.stemmer.stem(lower);
            let verb = self.verbs.get(stem.as_ref()).copied();
            let cues = self.cue_bits(lower);
            let valence = engine.data.words.get(lower).and_then(|i| i.valence);
            forms.push_str(&stem);
            if m.map.len() >= STEM_MEMO_MAX {
                m.map.clear();
            }
            m.map.insert(
                lower.into(),
                MemoEntry {
                    stem: stem.as_ref().into(),
                    verb,
                    cues,
                    valence,
                },
            );
            (verb, cues, valence)
        })
    }

    /// Name of the sentence engine whose valences and compounds the features read.
    pub fn engine_name(&self) -> &str {
        &self.engine_name
    }

    /// The engine the features read, from the loaded sentiment engines (checked at load, so
    /// `None` only when `sentiment` is not the set the features were loaded against).
    pub fn engine<'e>(&self, sentiment: &'e SentimentLexicons) -> Option<FeatureEngine<'e>> {
        sentiment
            .engine(Some(self.lang), self.engine_choice)
            .ok()
            .and_then(as_vader)
            .filter(|e| e.scorer.name() == self.engine_name)
    }

    /// The features of every span of `targets` (byte spans into `a.text`), the targets of one
    /// sentence featurised together (each sees the others): `sink(k, x, n)` receives target
    /// `k`'s features and the number of targets in its sentence. Targets outside every sentence,
    /// and all of them when `sentiment` lacks the engine the features were loaded against, are
    /// not passed to `sink`. `sentences` is the engine's polarity of every sentence of `a` when
    /// the caller has it (see [`Self::sentence`]).
    ///
    /// The scorer ([`super::TargetModel::score_spans_with`]) and the trainer
    /// (`examples/fit_targets.rs`) both featurise through here, so a model is fitted on exactly
    /// the grouping it is run with.
    pub fn extract_spans(
        &self,
        a: &Analysis,
        targets: &[Span],
        sentiment: &SentimentLexicons,
        sentences: Option<&[crate::model::Polarity]>,
        mut sink: impl FnMut(usize, &[(u32, f32)], usize),
    ) {
        let Some(engine) = self.engine(sentiment) else {
            return;
        };
        // Targets grouped by sentence, in order of first appearance.
        let mut by_sentence: Vec<(usize, Vec<usize>)> = Vec::new();
        for (k, t) in targets.iter().enumerate() {
            let Some(s) = a.sentence_at(t.start as usize) else {
                continue;
            };
            match by_sentence.iter_mut().find(|(cs, _)| *cs == s) {
                Some((_, ks)) => ks.push(k),
                None => by_sentence.push((s, vec![k])),
            }
        }
        let mut x = Vec::with_capacity(256);
        let mut ranges = Vec::new();
        for (s, ks) in by_sentence {
            let compound = sentences.and_then(|p| p.get(s)).map(|p| p.compound);
            let view = self.sentence(a, s, engine, compound);
            ranges.clear();
            ranges.extend(ks.iter().map(|&k| view.target_tokens(a, targets[k])));
            for (me, &k) in ks.iter().enumerate() {
                x.clear();
                self.extract(a, &view, &ranges, me, engine, &mut x);
                sink(k, &x, ks.len());
            }
        }
    }

    /// A negation cue, with typographic apostrophes (`didn’t`) read as ASCII ones, as the
    /// engine does.
    fn is_negation(&self, w: &str) -> bool {
        if w.ends_with("n't") || w.ends_with("n’t") || self.negation.contains(w) {
            return true;
        }
        w.contains('’') && self.negation.contains(&w.replace('’', "'"))
    }
}

/// One token of the sentence, as the features see it.
#[derive(Debug, Clone)]
struct Tok<'t> {
    /// Lower-case core without a possessive `'s`.
    lower: &'t str,
    /// Stem of `lower` (or the punctuation itself for a pure-punctuation token; `#num` for
    /// numbers): the unit of hashed features. A range of [`SentenceView::forms`].
    form: std::ops::Range<u32>,
    /// Valence after negation (0 for words without one).
    val: f32,
    negated: bool,
    clause: u32,
    in_quote: bool,
    /// Polarity toward the object when this is a role verb.
    verb: Option<f32>,
    passive: bool,
    /// A reporting verb.
    report: bool,
    /// The [`cue`] lists `lower` is in.
    cues: u16,
    /// Contrast words in the sentence before this token (prefix count).
    contrasts_before: u16,
}

fn is_open_quote(c: char) -> bool {
    matches!(c, '“' | '«' | '„')
}
fn is_close_quote(c: char) -> bool {
    matches!(c, '”' | '»')
}

fn strip_possessive(w: &str) -> &str {
    w.strip_suffix("'s")
        .or_else(|| w.strip_suffix("’s"))
        .or_else(|| w.strip_suffix('\''))
        .or_else(|| w.strip_suffix('’'))
        .unwrap_or(w)
}

/// The analysed tokens of one sentence, computed once and shared by every target in it.
pub struct SentenceView<'t> {
    /// First token of the sentence in the analysis.
    start: usize,
    toks: Vec<Tok<'t>>,
    /// The tokens' forms, concatenated (`Tok::form` ranges into it): one buffer per sentence
    /// instead of a string per stemmed token.
    forms: String,
    /// Raw trailing punctuation of each token (`,` of `Trump,`).
    trail: Vec<&'t str>,
    has_quote: bool,
    sent_pos: f32,
    sent_neg: f32,
    /// The engine's compound of the whole sentence.
    news_compound: f32,
    /// VADER's `normalize` alpha (from the engine's rules data).
    alpha: f32,
}

impl SentenceView<'_> {
    /// The form of token `j` (see [`Tok::form`]).
    fn form(&self, j: usize) -> &str {
        let r = &self.toks[j].form;
        &self.forms[r.start as usize..r.end as usize]
    }

    /// VADER's normalisation of a valence sum into (-1, 1).
    fn norm(&self, x: f32) -> f32 {
        x / (x * x + self.alpha).sqrt()
    }

    /// Tokens `[start, end)` of the sentence covered by byte span `target` (at least one token).
    pub fn target_tokens(&self, a: &Analysis, target: Span) -> (usize, usize) {
        let n = self.toks.len();
        if n == 0 {
            return (0, 0);
        }
        let first = a.token_at(target.start as usize).max(self.start) - self.start;
        let ts = first.min(n - 1);
        let mut te = ts + 1;
        while te < n && a.tokens[self.start + te].span.start < target.end {
            te += 1;
        }
        (ts, te)
    }

    /// Whether the target at tokens `[ts, te)` is a speaker: a reporting verb right after it in
    /// its clause ("Trump said"), right before it ("said Trump"), or a colon after it.
    fn is_speaker(&self, ts: usize, te: usize) -> bool {
        let clause = |j: usize| self.toks[j].clause;
        let after = (te..self.toks.len().min(te + 3))
            .any(|j| self.toks[j].report && clause(j) >= clause(ts) && clause(j) <= clause(te - 1));
        let before = (ts.saturating_sub(2)..ts).any(|j| self.toks[j].report);
        after || before || self.trail[te - 1].contains(':')
    }
}

/// Token distance from token `j` to the tokens `[ts, te)` (0 inside).
fn dist(j: usize, (ts, te): (usize, usize)) -> usize {
    if j < ts {
        ts - j
    } else if j >= te {
        j - te + 1
    } else {
        0
    }
}

impl TargetFeatures {
    /// Builds the per-token view of sentence `s` of `a`. `engine` is [`Self::engine`];
    /// `sentence_compound` is the engine's compound of the sentence when the caller already has
    /// it (the article's sentence scores), else it is computed here, once per sentence.
    pub fn sentence<'t>(
        &self,
        a: &'t Analysis,
        s: usize,
        engine: FeatureEngine,
        sentence_compound: Option<f64>,
    ) -> SentenceView<'t> {
        let consts = &engine.data.constants;
        let n_scalar = consts.negation_scalar as f32;
        let range = a.sentences[s].token_range();
        let start = range.start;
        let mut toks: Vec<Tok<'t>> = Vec::with_capacity(range.len());
        let mut trail = Vec::with_capacity(range.len());
        let mut forms = String::with_capacity(range.len() * 8);
        let mut clause = 0u32;
        let mut in_quote = false;
        let mut has_quote = false;
        let mut neg_left = 0u8;
        let mut prev_breaks = false;
        let mut contrasts = 0u16;
        for i in range.clone() {
            let t = a.tokens[i];
            let text = a.token_text(i);
            let core_rel =
                (t.core.start - t.span.start) as usize..(t.core.end - t.span.start) as usize;
            let lead = &text[..core_rel.start];
            let tail = &text[core_rel.end.max(core_rel.start)..];
            // Opening quotes before the core start quoted speech at this token.
            for c in lead.chars() {
                if is_open_quote(c) || (c == '"' && !in_quote) {
                    in_quote = true;
                    has_quote = true;
                    prev_breaks = true;
                } else if is_close_quote(c) || c == '"' {
                    in_quote = false;
                    prev_breaks = true;
                }
            }
            let lower_full = a.token_lower_core(i);
            let lower = strip_possessive(lower_full);
            let f0 = forms.len() as u32;
            let valence = |w: &str| engine.data.words.get(w).and_then(|i| i.valence);
            // The valence of `lower` comes with its stem from the memo, where it has one.
            let (verb, cues, lower_valence) = if lower.is_empty() {
                forms.push_str(a.token_lower(i));
                (None, self.cue_bits(lower), valence(lower))
            } else if lower.bytes().any(|b| b.is_ascii_digit()) {
                forms.push_str("#num");
                (None, self.cue_bits(lower), valence(lower))
            } else {
                self.stem_and_cues(lower, &mut forms, engine)
            };
            let form = f0..forms.len() as u32;
            let is_clause_word = cues & cue::CLAUSE != 0;
            if prev_breaks || (is_clause_word && !toks.is_empty()) {
                clause += 1;
                neg_left = 0;
            }
            // A possessive ("Trump's") is first looked up whole, as the engine does.
            let full_valence = if lower.len() == lower_full.len() {
                None
            } else {
                valence(lower_full)
            };
            let mut val = full_valence.or(lower_valence).unwrap_or(0.0) as f32;
            let negated = neg_left > 0 && val != 0.0;
            if negated {
                // VADER's N_SCALAR: a negated valence flips and shrinks.
                val *= n_scalar;
            }
            // The memo's negation bit is of `lower`; a possessive token asks about its full form.
            let negation = if lower.len() == lower_full.len() {
                cues & cue::NEGATION != 0
            } else {
                self.is_negation(lower_full)
            };
            if negation {
                neg_left = 3;
            } else {
                neg_left = neg_left.saturating_sub(1);
            }
            let passive = verb.is_some()
                && toks
                    .iter()
                    .rev()
                    .take(2)
                    .any(|p: &Tok| p.cues & cue::PASSIVE_AUX != 0)
                && (lower.ends_with("ed") || lower.ends_with('d') || lower.ends_with('t'));
            let is_contrast = cues & cue::CONTRAST != 0;
            toks.push(Tok {
                lower,
                form,
                val,
                negated,
                clause,
                in_quote,
                verb,
                passive,
                report: cues & cue::REPORT != 0,
                cues,
                contrasts_before: contrasts,
            });
            contrasts += is_contrast as u16;
            trail.push(tail);
            prev_breaks = false;
            for c in tail.chars() {
                if is_close_quote(c) || (c == '"' && in_quote) {
                    in_quote = false;
                    prev_breaks = true;
                } else if is_open_quote(c) || c == '"' {
                    in_quote = true;
                    has_quote = true;
                    prev_breaks = true;
                } else if matches!(c, ',' | ';' | ':' | '(' | ')' | '[' | ']' | '—' | '–') {
                    prev_breaks = true;
                }
            }
            if matches!(lower_full, "—" | "–" | "-" | "--") {
                prev_breaks = true;
            }
        }
        let sent_pos: f32 = toks.iter().map(|t| t.val.max(0.0)).sum();
        let sent_neg: f32 = toks.iter().map(|t| (-t.val).max(0.0)).sum();
        let news_compound =
            sentence_compound.unwrap_or_else(|| engine.score_tokens(a, range).compound) as f32;
        SentenceView {
            start,
            toks,
            forms,
            trail,
            has_quote,
            sent_pos,
            sent_neg,
            news_compound,
            alpha: consts.normalize_alpha as f32,
        }
    }

    /// Appends the features of target `me` of `targets` (token ranges in the sentence of
    /// `view`, from [`SentenceView::target_tokens`]; the others are the sentence's other targets)
    /// to `out` as `(feature index, value)` pairs. Indices may repeat (values add up).
    pub fn extract(
        &self,
        a: &Analysis,
        view: &SentenceView,
        targets: &[(usize, usize)],
        me: usize,
        engine: FeatureEngine,
        out: &mut Vec<(u32, f32)>,
    ) {
        let n = view.toks.len();
        let mut f = |i: F, v: f32| {
            if v != 0.0 {
                out.push((i as u32, v));
            }
        };
        f(F::bias, 1.0);
        if n == 0 {
            return;
        }
        let (ts, te) = targets[me];
        // Other targets: distinct token ranges (a span given twice is one target).
        let others = || {
            targets
                .iter()
                .enumerate()
                .filter(move |&(k, r)| k != me && *r != (ts, te))
                .map(|(_, r)| *r)
        };
        let multi = others().next().is_some();
        let d_other = |j: usize| others().map(|o| dist(j, o)).min().unwrap_or(usize::MAX);
        let tclause = view.toks[ts].clause;
        let tclause_end = view.toks[te - 1].clause;
        let in_target_clause = |c: u32| c >= tclause && c <= tclause_end;
        let norm = |x: f32| view.norm(x);

        f(F::sent_pos, norm(view.sent_pos));
        f(F::sent_neg, norm(view.sent_neg));
        f(F::sent_compound, norm(view.sent_pos - view.sent_neg));
        f(
            F::sent_no_valence,
            (view.sent_pos == 0.0 && view.sent_neg == 0.0) as u8 as f32,
        );
        f(F::sent_len, (n as f32 / 40.0).min(2.0));

        // Valence by side, zone and clause.
        let mut zone = [[0f32; 2]; 6]; // l_near, l_mid, l_far, r_near, r_mid, r_far × (pos, neg)
        let (mut cl, mut ocl, mut dec) = ([0f32; 2], [0f32; 2], [0f32; 2]);
        // Decayed valence by side, own clause only: "X attacked Y" puts the valence right of X.
        let mut side_dec = [[0f32; 2]; 2];
        let (mut quote, mut said) = ([0f32; 2], [0f32; 2]);
        let (mut own, mut theirs, mut between, mut contrast) =
            ([0f32; 2], [0f32; 2], [0f32; 2], [0f32; 2]);
        let mut negated_near = 0f32;
        let (mut agent, mut patient) = ([0f32; 2], [0f32; 2]);
        let (mut agent_of_other, mut patient_of_other) = ([0f32; 2], [0f32; 2]);
        let mut passive_patient = false;
        for (j, t) in view.toks.iter().enumerate() {
            if (ts..te).contains(&j) {
                continue;
            }
            let left = j < ts;
            let d = dist(j, (ts, te));
            let same = in_target_clause(t.clause);
            if let Some(p) = t.verb {
                let k = if p > 0.0 { 0 } else { 1 };
                let pw = p.abs();
                if same && d <= 8 {
                    if t.passive {
                        if left {
                            // "... praised by X": X after "by" is the agent.
                            let by_before =
                                (j + 1..ts).any(|b| view.toks[b].cues & cue::AGENT != 0);
                            if by_before {
                                agent[k] += pw;
                            }
                        } else {
                            // "Y was praised": Y is the patient.
                            patient[k] += pw;
                            passive_patient = true;
                        }
                    } else if left {
                        patient[k] += pw;
                    } else {
                        agent[k] += pw;
                    }
                    // Another target of the same clause on the verb's far side from this one:
                    // "X attacked Y" with both X and Y targets (the passive swaps the roles).
                    let other_side = others().any(|o| {
                        view.toks[o.0].clause == t.clause && dist(j, o) <= 8 && ((o.0 > j) != left)
                    });
                    if other_side {
                        if left != t.passive {
                            patient_of_other[k] += pw;
                        } else {
                            agent_of_other[k] += pw;
                        }
                    }
                }
            }
            if t.val == 0.0 {
                continue;
            }
            let k = if t.val > 0.0 { 0 } else { 1 };
            let v = t.val.abs();
            let z = match d {
                1..=3 => 0,
                4..=8 => 1,
                _ => 2,
            } + if left { 0 } else { 3 };
            zone[z][k] += v;
            if same {
                cl[k] += v;
            } else {
                ocl[k] += v;
            }
            dec[k] += v * (-(d as f32) / 4.0).exp();
            if same {
                side_dec[(!left) as usize][k] += v * (-(d as f32) / 3.0).exp();
            }
            if t.in_quote {
                quote[k] += v;
            }
            if !same || t.in_quote {
                said[k] += v;
            }
            if t.negated && d <= 6 {
                negated_near += 1.0;
            }
            if multi {
                let od = d_other(j);
                if d < od {
                    own[k] += v * (-(d as f32) / 4.0).exp();
                } else if od < d {
                    theirs[k] += v * (-(od as f32) / 4.0).exp();
                }
                let lo = if left { j } else { ts };
                let hi = if left { ts } else { j };
                if others().any(|o| (lo..hi).contains(&o.0) || (lo..hi).contains(&(o.1 - 1))) {
                    // another target lies between this one and the word: the word is theirs
                } else if others().any(|o| if left { o.1 <= j } else { o.0 > j }) {
                    // the word lies between this target and another one
                    between[k] += v;
                }
            }
            let (lo, hi) = if left { (j, ts) } else { (te - 1, j) };
            if view.toks[hi].contrasts_before > view.toks[lo].contrasts_before {
                contrast[k] += v;
            }
        }
        let zones = [
            (F::l_near_pos, F::l_near_neg),
            (F::l_mid_pos, F::l_mid_neg),
            (F::l_far_pos, F::l_far_neg),
            (F::r_near_pos, F::r_near_neg),
            (F::r_mid_pos, F::r_mid_neg),
            (F::r_far_pos, F::r_far_neg),
        ];
        for (z, (p, q)) in zones.into_iter().enumerate() {
            f(p, norm(zone[z][0]));
            f(q, norm(zone[z][1]));
        }
        f(F::clause_pos, norm(cl[0]));
        f(F::clause_neg, norm(cl[1]));
        f(F::other_clause_pos, norm(ocl[0]));
        f(F::other_clause_neg, norm(ocl[1]));
        f(F::decay_pos, norm(dec[0]));
        f(F::decay_neg, norm(dec[1]));
        f(F::l_decay_pos, norm(side_dec[0][0]));
        f(F::l_decay_neg, norm(side_dec[0][1]));
        f(F::r_decay_pos, norm(side_dec[1][0]));
        f(F::r_decay_neg, norm(side_dec[1][1]));
        f(F::negated_near, negated_near.min(2.0));
        f(F::agent_pos, agent[0].min(2.0));
        f(F::agent_neg, agent[1].min(2.0));
        f(F::patient_pos, patient[0].min(2.0));
        f(F::patient_neg, patient[1].min(2.0));
        f(F::passive_patient, passive_patient as u8 as f32);
        f(F::own_pos, norm(own[0]));
        f(F::own_neg, norm(own[1]));
        f(F::theirs_pos, norm(theirs[0]));
        f(F::theirs_neg, norm(theirs[1]));
        f(F::between_pos, norm(between[0]));
        f(F::between_neg, norm(between[1]));
        f(F::contrast_pos, norm(contrast[0]));
        f(F::contrast_neg, norm(contrast[1]));
        f(F::agent_of_other_pos, agent_of_other[0].min(2.0));
        f(F::agent_of_other_neg, agent_of_other[1].min(2.0));
        f(F::patient_of_other_pos, patient_of_other[0].min(2.0));
        f(F::patient_of_other_neg, patient_of_other[1].min(2.0));
        let tq = view.toks[ts].in_quote;
        f(F::target_in_quote, tq as u8 as f32);
        f(F::sentence_has_quote, view.has_quote as u8 as f32);
        f(F::quote_pos, norm(quote[0]));
        f(F::quote_neg, norm(quote[1]));
        let colon = view.trail[te - 1].contains(':');
        let speaker = view.is_speaker(ts, te);
        f(F::speaker, speaker as u8 as f32);
        if speaker {
            f(F::speaker_said_pos, norm(said[0]));
            f(F::speaker_said_neg, norm(said[1]));
        }
        f(
            F::target_pronoun,
            (te - ts == 1 && view.toks[ts].cues & cue::PRONOUN != 0) as u8 as f32,
        );
        f(F::target_first, (ts == 0) as u8 as f32);
        let last_full = a.token_lower_core(view.start + te - 1);
        f(
            F::target_possessive,
            (last_full.ends_with("'s") || last_full.ends_with("’s") || last_full.ends_with('’'))
                as u8 as f32,
        );
        f(F::target_multiword, (te - ts > 1) as u8 as f32);
        // The target's kind (not its name): organisations, media and dates are mostly neutral
        // targets.
        let kind = |bit: u16| (ts..te).any(|j| view.toks[j].cues & bit != 0);
        let (org, time) = (kind(cue::ORGANIZATION), kind(cue::TIME));
        f(F::target_organization, org as u8 as f32);
        f(F::target_time, time as u8 as f32);
        // "the" between a preposition and the target still makes it the preposition's object.
        let mut p = ts;
        while p > 0 && matches!(view.toks[p - 1].lower, "the" | "a" | "an") {
            p -= 1;
        }
        let prep = p > 0 && view.toks[p - 1].cues & cue::PREPOSITION != 0;
        f(F::prep_object, prep as u8 as f32);
        if prep || org || time {
            f(F::weak_pos, norm(view.sent_pos));
            f(F::weak_neg, norm(view.sent_neg));
        }
        f(F::target_colon, colon as u8 as f32);
        // The engine's compounds of the sentence and of the target's clause left and right of
        // the target (the target's words excluded, so its name never scores), on the shared
        // tokens.
        f(F::news_sent_compound, view.news_compound);
        let c0 = (0..ts)
            .rev()
            .take_while(|&j| in_target_clause(view.toks[j].clause))
            .last()
            .unwrap_or(ts);
        let mut c1 = te;
        while c1 < n && in_target_clause(view.toks[c1].clause) {
            c1 += 1;
        }
        let comp = |from: usize, to: usize| {
            if from >= to {
                0.0
            } else {
                engine
                    .score_tokens(a, view.start + from..view.start + to)
                    .compound as f32
            }
        };
        f(F::news_left_compound, comp(c0, ts));
        f(F::news_right_compound, comp(te, c1));
        f(F::target_clause_start, (c0 == ts) as u8 as f32);

        // Hashed words.
        let words = view.toks.len() - (te - ts);
        let s_w = 1.0 / (words.max(1) as f32).sqrt();
        for (j, t) in view.toks.iter().enumerate() {
            if (ts..te).contains(&j) {
                continue;
            }
            let w = view.form(j);
            out.push((bucket(Tpl::Sentence, w, ""), s_w));
            let left = j < ts;
            let d = dist(j, (ts, te));
            let same = in_target_clause(t.clause);
            if same {
                out.push((bucket(Tpl::Clause, w, ""), s_w));
                if d <= 6 {
                    let tpl = if left {
                        Tpl::LeftWindow
                    } else {
                        Tpl::RightWindow
                    };
                    out.push((bucket(tpl, w, ""), 0.5));
                }
            }
            if d == 1 {
                let p = if left { Tpl::L1 } else { Tpl::R1 };
                out.push((bucket(p, w, ""), 1.0));
            }
        }
        let bos = "<s>";
        let eos = "</s>";
        if ts == 0 {
            out.push((bucket(Tpl::L1, bos, ""), 1.0));
        }
        if te == n {
            out.push((bucket(Tpl::R1, eos, ""), 1.0));
        }
        let tp: &str = view.trail[te - 1];
        let tp = tp.trim_start_matches(['\'', '’', 's']);
        if !tp.is_empty() {
            out.push((bucket(Tpl::TargetPunct, tp, ""), 1.0));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dense_names_are_unique_and_in_enum_order() {
        for (i, a) in DENSE.iter().enumerate() {
            assert_eq!(DENSE.iter().position(|b| b == a), Some(i), "{a}");
        }
        assert_eq!(DENSE[F::bias as usize], "bias");
        assert_eq!(DENSE[F::weak_neg as usize], "weak_neg");
        assert_eq!(F::weak_neg as usize, DENSE.len() - 1);
    }

    #[test]
    fn fnv1a_is_the_published_function() {
        // FNV-1a 64 of "a" is 0xaf63dc4c8601ec8c; our parts add a 0xff separator after it.
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        h ^= b'a' as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
        assert_eq!(h, 0xaf63_dc4c_8601_ec8c);
        assert_ne!(fnv1a(&[b"a"]), fnv1a(&[b"b"]));
    }

    /// Dense features (name → value) of target `me` of `targets` (first occurrences in
    /// `text`), with the built-in English lexicons.
    fn dense_features(text: &str, targets: &[&str], me: usize) -> FxHashMap<&'static str, f32> {
        use crate::lexicon::Lexicons;
        let lex = Lexicons::built_in();
        let a = crate::text::analyze(text, Some(Lang::EN), &lex.text);
        let feats = &lex.targets.model(Some(Lang::EN)).unwrap().features;
        let engine = feats.engine(&lex.sentiment).expect("news-en");
        let view = feats.sentence(&a, 0, engine, None);
        let ranges: Vec<(usize, usize)> = targets
            .iter()
            .map(|t| {
                let at = text.find(t).unwrap();
                view.target_tokens(&a, Span::new(at, at + t.len()))
            })
            .collect();
        let mut x = Vec::new();
        feats.extract(&a, &view, &ranges, me, engine, &mut x);
        let mut out = FxHashMap::default();
        for (i, v) in x {
            if (i as usize) < DENSE.len() {
                *out.entry(DENSE[i as usize]).or_insert(0.0) += v;
            }
        }
        out
    }

    #[test]
    fn role_verbs_between_two_targets() {
        let text = "Obama attacked Romney on Tuesday.";
        let x = dense_features(text, &["Obama", "Romney"], 0);
        assert_eq!(x.get("agent_of_other_neg"), Some(&1.0), "{x:?}");
        assert_eq!(x.get("patient_of_other_neg"), None);
        let y = dense_features(text, &["Obama", "Romney"], 1);
        assert_eq!(y.get("patient_of_other_neg"), Some(&1.0), "{y:?}");
        assert_eq!(y.get("agent_of_other_neg"), None);
        // Passive: "Romney was attacked by Obama": Romney is still the patient.
        let p = dense_features("Romney was attacked by Obama.", &["Romney", "Obama"], 0);
        assert_eq!(p.get("patient_of_other_neg"), Some(&1.0), "{p:?}");
        // One target alone: no comparison features.
        let one = dense_features(text, &["Romney"], 0);
        assert!(!one.keys().any(|k| k.contains("of_other")), "{one:?}");
        // "Tuesday" is a time target, after a preposition.
        let t = dense_features(text, &["Obama", "Tuesday"], 1);
        assert_eq!(
            (t.get("target_time"), t.get("prep_object")),
            (Some(&1.0), Some(&1.0))
        );
    }

    #[test]
    fn typographic_apostrophe_negates_like_the_ascii_one() {
        let ascii = dense_features("Trump didn't praise Pelosi.", &["Pelosi"], 0);
        let typo = dense_features("Trump didn’t praise Pelosi.", &["Pelosi"], 0);
        assert_eq!(ascii.get("negated_near"), Some(&1.0), "{ascii:?}");
        assert_eq!(typo.get("negated_near"), Some(&1.0), "{typo:?}");
        assert_eq!(ascii.get("l_near_neg"), typo.get("l_near_neg"));
    }

    #[test]
    fn valence_nearer_another_target_is_theirs() {
        // "dishonest" is next to Smith, far from Jones.
        let text = "Jones said on Monday that the mayor and his aide Smith are dishonest.";
        let jones = dense_features(text, &["Jones", "Smith"], 0);
        let smith = dense_features(text, &["Jones", "Smith"], 1);
        assert!(
            jones.contains_key("theirs_neg") && !jones.contains_key("own_neg"),
            "{jones:?}"
        );
        assert!(
            smith.contains_key("own_neg") && !smith.contains_key("theirs_neg"),
            "{smith:?}"
        );
        assert!(!jones.contains_key("between_neg"), "{jones:?}");
    }

    /// The per-thread memo returns what the stemmer, the verb list, the cue lists and the
    /// engine's valences give, cold or warm, and switching between two loaded instances (or
    /// engines) on one thread keeps each one's answers.
    #[test]
    fn stem_memo_agrees_with_the_stemmer_and_lists() {
        use crate::lexicon::Lexicons;
        let (l1, l2) = (Lexicons::built_in(), Lexicons::built_in());
        let f1 = &l1.targets.model(Some(Lang::EN)).unwrap().features;
        let f2 = &l2.targets.model(Some(Lang::EN)).unwrap().features;
        let e1 = f1.engine(&l1.sentiment).unwrap();
        let e2 = f2.engine(&l2.sentiment).unwrap();
        assert_ne!(f1.id, f2.id);
        for (f, e) in [(f1, e1), (f2, e2), (f1, e1), (f1, e2), (f1, e1)] {
            for w in [
                "attacked",
                "praising",
                "said",
                "but",
                "department",
                "tuesday",
                "to",
                "good",
            ] {
                let mut forms = String::new();
                let (verb, cues, valence) = f.stem_and_cues(w, &mut forms, e);
                assert_eq!(forms, f.stemmer.stem(w), "{w}");
                assert_eq!(verb, f.verbs.get(forms.as_str()).copied(), "{w}");
                assert_eq!(cues, f.cue_bits(w), "{w}");
                assert_eq!(valence, e.data.words.get(w).and_then(|i| i.valence), "{w}");
            }
        }
        let mut forms = String::new();
        assert_eq!(
            f1.stem_and_cues("attacked", &mut forms, e1),
            // VADER -2.0, times the news engine's rescaling of "attacked" (1.160).
            (Some(-1.0), 0, Some(-2.32))
        );
        assert_eq!(f1.stem_and_cues("said", &mut forms, e1).1, cue::REPORT);
        assert_eq!(
            f1.stem_and_cues("but", &mut forms, e1).1,
            cue::CLAUSE | cue::CONTRAST
        );
        assert_eq!(forms, "attacksaidbut");
        assert_eq!(f1.stem_and_cues("never", &mut forms, e1).1, cue::NEGATION);
        assert_eq!(f1.stem_and_cues("didn’t", &mut forms, e1).1, cue::NEGATION);
        assert_eq!(f1.stem_and_cues("department", &mut forms, e1).2, None);
    }

    #[test]
    fn token_distance() {
        assert_eq!(dist(1, (3, 5)), 2);
        assert_eq!(dist(3, (3, 5)), 0);
        assert_eq!(dist(5, (3, 5)), 1);
    }
}
