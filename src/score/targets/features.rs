//! Features of one target mention in its sentence, for the tone-toward-actors model.
//!
//! Everything is read from the shared [`Analysis`] tokens of the sentence holding the target:
//! word valences (VADER's lexicon for English) left and right of the target by distance zone and
//! clause, negation before a valence word, the target's grammatical role toward a small list of
//! valence verbs ("X attacked Y": Y is the patient; "Y was praised by X": Y is the patient, X the
//! agent), reported and quoted speech, and hashed words at fixed positions around the target.
//! When the cue file names a `valence_engine` (`news-en` for English), word valences come from
//! that engine's adjusted lexicon and its compounds of the sentence and of the target's clause
//! (left and right of the target, the target's words left out) are features too.
//!
//! The same code computes features at run time and in the trainer (`examples/fit_targets.rs`), so
//! a shipped weights file always matches the features it was fitted on; [`FEATURE_VERSION`] is
//! recorded in the weights file and checked on load. Features are deterministic: the hash is
//! FNV-1a (fixed, platform-independent) and iteration is in token order.
//!
//! The target's own words never become features (only its shape: pronoun, length, possessive):
//! the model must not learn that a *name* is negative, which in a media-bias tool would turn a
//! training set's coverage of a person into a prior about that person.

use std::borrow::Cow;

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::{FxHashMap, FxHashSet};

use crate::lexicon::{LexiconError, LexiconSource};
use crate::score::sentiment::news::apply_news_file;
use crate::score::sentiment::vader::{VaderData, VaderEngine};
use crate::text::{Analysis, Span};

/// Bumped whenever a feature's definition changes; a weights file fitted on another version is
/// rejected on load.
pub const FEATURE_VERSION: u32 = 2;

/// Number of hash buckets for word features (×3 classes: 49,152 weights at most).
pub const HASH_BUCKETS: u32 = 1 << 14;

/// Names of the dense (named) features, in index order. Hashed word features follow them.
pub const DENSE: &[&str] = &[
    "bias",
    "sent_pos",
    "sent_neg",
    "sent_compound",
    "sent_no_valence",
    "l_near_pos",
    "l_near_neg",
    "l_mid_pos",
    "l_mid_neg",
    "l_far_pos",
    "l_far_neg",
    "r_near_pos",
    "r_near_neg",
    "r_mid_pos",
    "r_mid_neg",
    "r_far_pos",
    "r_far_neg",
    "clause_pos",
    "clause_neg",
    "other_clause_pos",
    "other_clause_neg",
    "decay_pos",
    "decay_neg",
    "negated_near",
    "agent_pos",
    "agent_neg",
    "patient_pos",
    "patient_neg",
    "passive_patient",
    "target_in_quote",
    "sentence_has_quote",
    "quote_pos",
    "quote_neg",
    "speaker",
    "speaker_said_pos",
    "speaker_said_neg",
    "target_pronoun",
    "target_first",
    "target_possessive",
    "target_multiword",
    "target_colon",
    "sent_len",
    "news_sent_compound",
    "news_clause_compound",
    "news_left_compound",
    "news_right_compound",
    "target_clause_start",
    "l_decay_pos",
    "l_decay_neg",
    "r_decay_pos",
    "r_decay_neg",
];

/// Index of a dense feature by name (panics on a typo: names are compile-time constants).
const fn dense(name: &str) -> u32 {
    let mut i = 0;
    while i < DENSE.len() {
        if const_eq(DENSE[i], name) {
            return i as u32;
        }
        i += 1;
    }
    panic!("unknown dense feature");
}

const fn const_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// Total feature space: dense features then hash buckets.
pub const N_FEATURES: usize = DENSE.len() + HASH_BUCKETS as usize;

/// Templates of hashed word features (the byte mixed into the hash).
#[derive(Clone, Copy)]
#[repr(u8)]
enum Tpl {
    /// Any word of the sentence outside the target, scaled by 1/sqrt(words).
    Sentence = 1,
    L1 = 2,
    L2 = 3,
    L3 = 4,
    R1 = 5,
    R2 = 6,
    R3 = 7,
    /// A word within 6 tokens left of the target, same clause.
    LeftWindow = 8,
    /// A word within 6 tokens right of the target, same clause.
    RightWindow = 9,
    /// A word of the target's clause.
    Clause = 10,
    /// The two words left of the target, as a pair.
    LeftBigram = 11,
    /// The two words right of the target, as a pair.
    RightBigram = 12,
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
    "valence_file",
    "valence_engine",
    "stemmer",
    "negation",
    "clause",
    "relative",
    "passive_aux",
    "agent",
    "report",
    "pronoun",
];

/// The word lists one language's target features read (`<lang>/target-cues.tsv`,
/// `<lang>/target-verbs.tsv` and the valence file the cues name).
pub struct TargetFeatures {
    valence: FxHashMap<String, f32>,
    negation: FxHashSet<String>,
    clause: FxHashSet<String>,
    passive_aux: FxHashSet<String>,
    agent: FxHashSet<String>,
    report: FxHashSet<String>,
    pronoun: FxHashSet<String>,
    /// Stem → polarity toward the verb's object.
    verbs: FxHashMap<String, f32>,
    stemmer: Stemmer,
    /// The sentence engine whose compounds of the sentence and of the target's clause are
    /// features (`valence_engine` row; `news-en` for English), and whose adjusted lexicon then
    /// replaces the `valence_file` valences, so word valences and compounds agree.
    engine: Option<VaderEngine>,
}

impl std::fmt::Debug for TargetFeatures {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TargetFeatures")
            .field("valence", &self.valence.len())
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

impl TargetFeatures {
    /// The cue file of language folder `code`.
    pub fn cues_path(code: &str) -> String {
        format!("{code}/target-cues.tsv")
    }

    /// Loads the feature lexicons of language folder `code`. Errors name file and line.
    pub fn load(src: &LexiconSource, code: &str) -> Result<Self, LexiconError> {
        let cues = Self::cues_path(code);
        let mut sets: FxHashMap<&str, FxHashSet<String>> = FxHashMap::default();
        let mut valence_file = None;
        let mut engine_name = None;
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
                "valence_file" => valence_file = Some(f[1].clone()),
                "valence_engine" => {
                    if f[1] != "news-en" {
                        return Err(LexiconError::malformed(
                            &cues,
                            line,
                            format!("unknown valence engine {:?} (only news-en)", f[1]),
                        ));
                    }
                    engine_name = Some(f[1].clone());
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
        let mut valence = FxHashMap::default();
        let engine = match engine_name {
            Some(_) => {
                let mut data = VaderData::load(src)?;
                let tweaks = apply_news_file(src, &mut data)?;
                for (w, info) in &data.words {
                    if let Some(v) = info.valence {
                        valence.insert(w.to_string(), v as f32);
                    }
                }
                Some(VaderEngine::new("news-en", data, tweaks))
            }
            None => {
                let valence_file = valence_file.ok_or_else(|| {
                    LexiconError::malformed(
                        &cues,
                        1,
                        "no valence_file or valence_engine row (where word valences come from)",
                    )
                })?;
                let vrel = format!("{code}/{valence_file}");
                for (line, f) in src.read_tsv(&vrel, 2)? {
                    let v: f32 = f[1].parse().map_err(|_| {
                        LexiconError::malformed(
                            &vrel,
                            line,
                            format!("valence {:?} is not a number", f[1]),
                        )
                    })?;
                    valence.insert(f[0].to_lowercase(), v);
                }
                None
            }
        };
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
        Ok(TargetFeatures {
            negation: take("negation"),
            clause: {
                let mut c = take("clause");
                c.extend(take("relative"));
                c
            },
            passive_aux: take("passive_aux"),
            agent: take("agent"),
            report: take("report"),
            pronoun: take("pronoun"),
            valence,
            verbs,
            stemmer,
            engine,
        })
    }
}

/// One token of the sentence, as the features see it.
#[derive(Debug, Clone)]
struct Tok<'t> {
    /// Lower-case core without a possessive `'s`.
    lower: &'t str,
    /// Stem of `lower` (or the punctuation itself for a pure-punctuation token; `#num` for
    /// numbers): the unit of hashed features.
    form: Cow<'t, str>,
    /// Valence after negation (0 for words without one).
    val: f32,
    negated: bool,
    clause: u32,
    in_quote: bool,
    /// Polarity toward the object when this is a role verb.
    verb: Option<f32>,
    passive: bool,
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

/// VADER-style normalisation of a valence sum into (-1, 1).
fn norm(x: f32) -> f32 {
    x / (x * x + 15.0).sqrt()
}

/// The analysed tokens of one sentence, computed once and shared by every target in it.
pub struct SentenceView<'t> {
    /// Token index range of the sentence in the analysis.
    start: usize,
    toks: Vec<Tok<'t>>,
    /// Raw trailing punctuation of each token (`,` of `Trump,`).
    trail: Vec<&'t str>,
    has_quote: bool,
    sent_pos: f32,
    sent_neg: f32,
    /// The engine's compound of the whole sentence (0 without an engine).
    news_compound: f32,
}

impl TargetFeatures {
    /// Builds the per-token view of sentence `s` of `a`.
    pub fn sentence<'t>(&self, a: &'t Analysis, s: usize) -> SentenceView<'t> {
        let range = a.sentences[s].token_range();
        let start = range.start;
        let mut toks: Vec<Tok<'t>> = Vec::with_capacity(range.len());
        let mut trail = Vec::with_capacity(range.len());
        let mut clause = 0u32;
        let mut in_quote = false;
        let mut has_quote = false;
        let mut neg_left = 0u8;
        let mut prev_breaks = false;
        for i in range {
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
            let is_clause_word = self.clause.contains(lower);
            if prev_breaks || (is_clause_word && !toks.is_empty()) {
                clause += 1;
                neg_left = 0;
            }
            let form: Cow<'t, str> = if lower.is_empty() {
                Cow::Borrowed(a.token_lower(i))
            } else if lower.bytes().any(|b| b.is_ascii_digit()) {
                Cow::Borrowed("#num")
            } else {
                self.stemmer.stem(lower)
            };
            let mut val = self
                .valence
                .get(lower_full)
                .or_else(|| self.valence.get(lower))
                .copied()
                .unwrap_or(0.0);
            let negated = neg_left > 0 && val != 0.0;
            if negated {
                // VADER's N_SCALAR: a negated valence flips and shrinks.
                val *= -0.74;
            }
            if self.negation.contains(lower_full) || lower_full.ends_with("n't") {
                neg_left = 3;
            } else {
                neg_left = neg_left.saturating_sub(1);
            }
            let verb = if lower.is_empty() {
                None
            } else {
                self.verbs.get(form.as_ref()).copied()
            };
            let passive = verb.is_some()
                && toks
                    .iter()
                    .rev()
                    .take(2)
                    .any(|p: &Tok| self.passive_aux.contains(p.lower))
                && (lower.ends_with("ed") || lower.ends_with('d') || lower.ends_with('t'));
            toks.push(Tok {
                lower,
                form,
                val,
                negated,
                clause,
                in_quote,
                verb,
                passive,
            });
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
        let news_compound = self.engine.as_ref().map_or(0.0, |e| {
            e.score_text(&a.text[a.sentences[s].span.range()]).compound as f32
        });
        SentenceView {
            start,
            toks,
            trail,
            has_quote,
            sent_pos,
            sent_neg,
            news_compound,
        }
    }

    /// Appends the features of the target at byte span `target` (inside the sentence of `view`)
    /// to `out` as `(feature index, value)` pairs. Indices may repeat (values add up).
    pub fn extract(
        &self,
        a: &Analysis,
        view: &SentenceView,
        target: Span,
        out: &mut Vec<(u32, f32)>,
    ) {
        let n = view.toks.len();
        out.push((dense("bias"), 1.0));
        if n == 0 {
            return;
        }
        // Target tokens: those overlapping the span, relative to the sentence.
        let first = a.token_at(target.start as usize).max(view.start) - view.start;
        let mut ts = first.min(n - 1);
        let mut te = ts + 1;
        while te < n && a.tokens[view.start + te].span.start < target.end {
            te += 1;
        }
        if ts >= te {
            ts = te.saturating_sub(1);
        }
        let tclause = view.toks[ts].clause;
        let tclause_end = view.toks[te - 1].clause;
        let in_target_clause = |c: u32| c >= tclause && c <= tclause_end;

        let mut f = |name: &str, v: f32| {
            if v != 0.0 {
                out.push((dense(name), v));
            }
        };
        f("sent_pos", norm(view.sent_pos));
        f("sent_neg", norm(view.sent_neg));
        f("sent_compound", norm(view.sent_pos - view.sent_neg));
        f(
            "sent_no_valence",
            (view.sent_pos == 0.0 && view.sent_neg == 0.0) as u8 as f32,
        );
        f("sent_len", (n as f32 / 40.0).min(2.0));

        // Valence by side, zone and clause.
        let mut zone = [[0f32; 2]; 6]; // l_near, l_mid, l_far, r_near, r_mid, r_far × (pos, neg)
        let (mut cl, mut ocl, mut dec) = ([0f32; 2], [0f32; 2], [0f32; 2]);
        // Decayed valence by side, own clause only: "X attacked Y" puts the valence right of X.
        let mut side_dec = [[0f32; 2]; 2];
        let (mut quote, mut said) = ([0f32; 2], [0f32; 2]);
        let mut negated_near = 0f32;
        let mut speaker = false;
        let (mut agent, mut patient) = ([0f32; 2], [0f32; 2]);
        let mut passive_patient = false;
        for (j, t) in view.toks.iter().enumerate() {
            if (ts..te).contains(&j) {
                continue;
            }
            let left = j < ts;
            let d = if left { ts - j } else { j - te + 1 };
            let same = in_target_clause(t.clause);
            // Speaker: a reporting verb right after the target in its clause ("Trump said"),
            // or right before it ("said Trump").
            if self.report.contains(t.lower) && ((!left && d <= 3 && same) || (left && d <= 2)) {
                speaker = true;
            }
            if let Some(p) = t.verb {
                let k = if p > 0.0 { 0 } else { 1 };
                let pw = p.abs();
                if same && d <= 8 {
                    if t.passive {
                        if left {
                            // "... praised by X": X after "by" is the agent.
                            let by_before =
                                (j + 1..ts).any(|b| self.agent.contains(view.toks[b].lower));
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
        }
        let names = [
            ("l_near_pos", "l_near_neg"),
            ("l_mid_pos", "l_mid_neg"),
            ("l_far_pos", "l_far_neg"),
            ("r_near_pos", "r_near_neg"),
            ("r_mid_pos", "r_mid_neg"),
            ("r_far_pos", "r_far_neg"),
        ];
        for (z, (p, q)) in names.iter().enumerate() {
            f(p, norm(zone[z][0]));
            f(q, norm(zone[z][1]));
        }
        f("clause_pos", norm(cl[0]));
        f("clause_neg", norm(cl[1]));
        f("other_clause_pos", norm(ocl[0]));
        f("other_clause_neg", norm(ocl[1]));
        f("decay_pos", norm(dec[0]));
        f("decay_neg", norm(dec[1]));
        f("l_decay_pos", norm(side_dec[0][0]));
        f("l_decay_neg", norm(side_dec[0][1]));
        f("r_decay_pos", norm(side_dec[1][0]));
        f("r_decay_neg", norm(side_dec[1][1]));
        f("negated_near", negated_near.min(2.0));
        f("agent_pos", agent[0].min(2.0));
        f("agent_neg", agent[1].min(2.0));
        f("patient_pos", patient[0].min(2.0));
        f("patient_neg", patient[1].min(2.0));
        f("passive_patient", passive_patient as u8 as f32);
        let tq = view.toks[ts].in_quote;
        f("target_in_quote", tq as u8 as f32);
        f("sentence_has_quote", view.has_quote as u8 as f32);
        f("quote_pos", norm(quote[0]));
        f("quote_neg", norm(quote[1]));
        let colon = view.trail[te - 1].contains(':');
        let speaker = speaker || colon;
        f("speaker", speaker as u8 as f32);
        if speaker {
            f("speaker_said_pos", norm(said[0]));
            f("speaker_said_neg", norm(said[1]));
        }
        let tlower = view.toks[ts].lower;
        f(
            "target_pronoun",
            (te - ts == 1 && self.pronoun.contains(tlower)) as u8 as f32,
        );
        f("target_first", (ts == 0) as u8 as f32);
        let last_full = a.token_lower_core(view.start + te - 1);
        f(
            "target_possessive",
            (last_full.ends_with("'s") || last_full.ends_with("’s") || last_full.ends_with('’'))
                as u8 as f32,
        );
        f("target_multiword", (te - ts > 1) as u8 as f32);
        f("target_colon", colon as u8 as f32);
        // The engine's compounds of the target's clause, and of its parts left and right of
        // the target (the target's words excluded, so its name never scores).
        if let Some(e) = &self.engine {
            f("news_sent_compound", view.news_compound);
            let tok_span = |j: usize| a.tokens[view.start + j].span;
            let c0 = (0..ts)
                .rev()
                .take_while(|&j| in_target_clause(view.toks[j].clause))
                .last()
                .unwrap_or(ts);
            let mut c1 = te;
            while c1 < n && in_target_clause(view.toks[c1].clause) {
                c1 += 1;
            }
            let text = |from: usize, to: usize| -> &str {
                if from >= to {
                    ""
                } else {
                    &a.text[tok_span(from).start as usize..tok_span(to - 1).end as usize]
                }
            };
            let (lt, rt) = (text(c0, ts), text(te, c1));
            let comp = |t: &str| {
                if t.trim().is_empty() {
                    0.0
                } else {
                    e.score_text(t).compound as f32
                }
            };
            f("news_clause_compound", comp(&format!("{lt} {rt}")));
            f("news_left_compound", comp(lt));
            f("news_right_compound", comp(rt));
            f("target_clause_start", (c0 == ts) as u8 as f32);
        }

        // Hashed words.
        let words = view.toks.len() - (te - ts);
        let s_w = 1.0 / (words.max(1) as f32).sqrt();
        for (j, t) in view.toks.iter().enumerate() {
            if (ts..te).contains(&j) {
                continue;
            }
            let w = t.form.as_ref();
            out.push((bucket(Tpl::Sentence, w, ""), s_w));
            let left = j < ts;
            let d = if left { ts - j } else { j - te + 1 };
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
            let pos = match (left, d) {
                (true, 1) => Some(Tpl::L1),
                (true, 2) => Some(Tpl::L2),
                (true, 3) => Some(Tpl::L3),
                (false, 1) => Some(Tpl::R1),
                (false, 2) => Some(Tpl::R2),
                (false, 3) => Some(Tpl::R3),
                _ => None,
            };
            if let Some(p) = pos {
                out.push((bucket(p, w, ""), 1.0));
            }
        }
        let form = |j: usize| view.toks[j].form.as_ref();
        let bos = "<s>";
        let eos = "</s>";
        let l1 = if ts >= 1 { form(ts - 1) } else { bos };
        let l2 = if ts >= 2 { form(ts - 2) } else { bos };
        out.push((bucket(Tpl::LeftBigram, l2, l1), 1.0));
        let r1 = if te < n { form(te) } else { eos };
        let r2 = if te + 1 < n { form(te + 1) } else { eos };
        out.push((bucket(Tpl::RightBigram, r1, r2), 1.0));
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
    fn dense_names_are_unique() {
        for (i, a) in DENSE.iter().enumerate() {
            assert_eq!(dense(a) as usize, i, "{a}");
        }
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
}
