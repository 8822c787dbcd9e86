//! Tone toward actors: a target-dependent polarity for each entity mention (issue 4).
//!
//! Sentence tone says how a sentence sounds; it does not say about whom. "Protesters denounced
//! Macron's reform" is negative toward Macron and says little about the protesters. This module
//! scores one target span with a small multinomial logistic regression over the features of
//! [`features`] (valence words around the target by side, distance and clause, negation, the
//! target's role toward valence verbs, passive voice, quoted and reported speech, hashed words
//! near the target), fitted on NewsMTSC's training split (`examples/fit_targets.rs`).
//!
//! A language has a target model when its folder has `target-cues.tsv` and `target-verbs.tsv`
//! and `lexicons/targets/weights-<lang>.tsv` exists. Other languages fall back to the sentence's
//! compound (`tone_method = "sentence"`), which [`crate::score`] handles.
//!
//! Output: the class (-1, 0, 1) with the highest probability, and a score `P(pos) − P(neg)` in
//! [-1, 1] (the expected polarity), which is what tables average.

pub mod features;
pub mod fit;
pub mod newsmtsc;

use crate::lexicon::{LexiconError, LexiconSource};
use crate::model::Polarity;
use crate::score::sentiment::SentimentLexicons;
use crate::text::{Analysis, Lang, Span};
pub use features::{FEATURE_VERSION, HASH_BUCKETS, N_FEATURES, TargetFeatures};

/// Classes in weight-column order.
pub const CLASSES: [i8; 3] = [-1, 0, 1];

/// Tone toward one target.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TargetTone {
    /// -1 negative, 0 neutral, 1 positive: the most probable class.
    pub polarity: i8,
    /// `P(positive) − P(negative)`, in [-1, 1].
    pub score: f64,
    /// Class probabilities (negative, neutral, positive).
    pub probs: [f64; 3],
}

/// Weights of the linear model: one row of three class weights per feature.
#[derive(Debug, Clone)]
pub struct Weights {
    pub rows: Vec<[f32; 3]>,
}

impl Weights {
    /// All-zero weights (every class equally likely).
    pub fn zeros() -> Self {
        Weights {
            rows: vec![[0.0; 3]; N_FEATURES],
        }
    }

    /// Class probabilities of a sparse feature vector.
    pub fn probs(&self, x: &[(u32, f32)]) -> [f64; 3] {
        let mut z = [0f64; 3];
        for &(i, v) in x {
            let r = &self.rows[i as usize];
            for k in 0..3 {
                z[k] += (r[k] * v) as f64;
            }
        }
        softmax(z)
    }

    /// Parses a weights file (see [`Weights::to_tsv`] for the layout). `rel` names the file in
    /// errors.
    pub fn parse(text: &str, rel: &str) -> Result<Self, LexiconError> {
        let mut w = Weights::zeros();
        let mut version = None;
        let mut buckets = None;
        for (line, l) in crate::lexicon::data_lines(text) {
            let f: Vec<&str> = l.split('\t').collect();
            let bad = |m: String| LexiconError::malformed(rel, line, m);
            match f[0] {
                "meta" if f.len() == 3 => {
                    let v: u32 = f[2]
                        .parse()
                        .map_err(|_| bad(format!("meta value {:?} is not a number", f[2])))?;
                    match f[1] {
                        "feature_version" => version = Some(v),
                        "hash_buckets" => buckets = Some(v),
                        other => return Err(bad(format!("unknown meta key {other:?}"))),
                    }
                }
                "dense" | "hash" if f.len() == 5 => {
                    let idx = if f[0] == "dense" {
                        features::DENSE
                            .iter()
                            .position(|n| *n == f[1])
                            .ok_or_else(|| bad(format!("unknown dense feature {:?}", f[1])))?
                    } else {
                        let b: usize = f[1]
                            .parse()
                            .ok()
                            .filter(|b| *b < HASH_BUCKETS as usize)
                            .ok_or_else(|| bad(format!("bucket {:?} out of range", f[1])))?;
                        features::DENSE.len() + b
                    };
                    for k in 0..3 {
                        w.rows[idx][k] = f[2 + k]
                            .parse::<f32>()
                            .ok()
                            .filter(|x| x.is_finite())
                            .ok_or_else(|| bad(format!("weight {:?} is not a number", f[2 + k])))?;
                    }
                }
                _ => {
                    return Err(bad(
                        "expected `meta<TAB>key<TAB>value`, `dense<TAB>name<TAB>w_neg<TAB>w_neu<TAB>w_pos` or `hash<TAB>bucket<TAB>...`".into(),
                    ));
                }
            }
        }
        if version != Some(FEATURE_VERSION) || buckets != Some(HASH_BUCKETS) {
            return Err(LexiconError::malformed(
                rel,
                1,
                format!(
                    "fitted for feature_version {version:?} / hash_buckets {buckets:?}, this slant computes version {FEATURE_VERSION} with {HASH_BUCKETS} buckets: refit with examples/fit_targets.rs"
                ),
            ));
        }
        Ok(w)
    }

    /// The weights file: a header comment, `meta` rows, then one row per non-zero feature
    /// (`dense<TAB>name` or `hash<TAB>bucket`, then the negative, neutral and positive weights).
    pub fn to_tsv(&self, header: &str) -> String {
        use std::fmt::Write;
        let mut s = String::new();
        for l in header.lines() {
            let _ = writeln!(s, "# {l}");
        }
        let _ = writeln!(s, "meta\tfeature_version\t{FEATURE_VERSION}");
        let _ = writeln!(s, "meta\thash_buckets\t{HASH_BUCKETS}");
        let nd = features::DENSE.len();
        for (i, r) in self.rows.iter().enumerate() {
            let r: Vec<String> = r.iter().map(|x| format!("{x:.4}")).collect();
            if r.iter().all(|x| x.trim_start_matches('-') == "0.0000") {
                continue;
            }
            if i < nd {
                let _ = writeln!(s, "dense\t{}\t{}", features::DENSE[i], r.join("\t"));
            } else {
                let _ = writeln!(s, "hash\t{}\t{}", i - nd, r.join("\t"));
            }
        }
        s
    }
}

fn softmax(z: [f64; 3]) -> [f64; 3] {
    let m = z[0].max(z[1]).max(z[2]);
    let e = [(z[0] - m).exp(), (z[1] - m).exp(), (z[2] - m).exp()];
    let s = e[0] + e[1] + e[2];
    [e[0] / s, e[1] / s, e[2] / s]
}

/// Features plus fitted weights for one language.
#[derive(Debug)]
pub struct TargetModel {
    pub features: TargetFeatures,
    pub weights: Weights,
}

impl TargetModel {
    /// The weights file of a language.
    pub fn weights_path(code: &str) -> String {
        format!("targets/weights-{code}.tsv")
    }

    /// Tone toward each span of `targets` (byte spans into `a.text`), in order. `sentiment` is
    /// the loaded sentiment engines (the features read word valences and compounds from the
    /// engine their cue file names). The targets of one sentence are scored together: each sees
    /// the others (which target a valence word is nearest to, who does what to whom), so pass
    /// every mention of the text at once, not one at a time.
    pub fn score_spans(
        &self,
        a: &Analysis,
        targets: &[Span],
        sentiment: &SentimentLexicons,
    ) -> Vec<TargetTone> {
        self.score_spans_with(a, targets, sentiment, None)
    }

    /// [`Self::score_spans`] reusing sentence scores already computed: `sentences` is the
    /// polarity of every sentence of `a` by the engine named [`TargetFeatures::engine_name`]
    /// (the article's sentence scores), so no sentence is scored twice.
    pub fn score_spans_with(
        &self,
        a: &Analysis,
        targets: &[Span],
        sentiment: &SentimentLexicons,
        sentences: Option<&[Polarity]>,
    ) -> Vec<TargetTone> {
        let mut out = vec![self.tone(&[(0, 1.0)]); targets.len()];
        self.features
            .extract_spans(a, targets, sentiment, sentences, |k, x, _| {
                out[k] = self.tone(x)
            });
        out
    }

    fn tone(&self, x: &[(u32, f32)]) -> TargetTone {
        let probs = self.weights.probs(x);
        let mut best = 0;
        for k in 1..3 {
            if probs[k] > probs[best] {
                best = k;
            }
        }
        TargetTone {
            polarity: CLASSES[best],
            score: (probs[2] - probs[0]).clamp(-1.0, 1.0),
            probs,
        }
    }
}

/// Target models of every language that has one.
#[derive(Debug, Default)]
pub struct TargetLexicon {
    models: Vec<(Lang, TargetModel)>,
}

impl TargetLexicon {
    /// Loads a model for every language folder with `target-cues.tsv` and a weights file;
    /// `sentiment` must hold the engine each cue file names.
    pub fn load(src: &LexiconSource, sentiment: &SentimentLexicons) -> Result<Self, LexiconError> {
        let mut models = Vec::new();
        for code in src.languages() {
            let wrel = TargetModel::weights_path(&code);
            if !src.exists(&TargetFeatures::cues_path(&code)) || !src.exists(&wrel) {
                continue;
            }
            let Some(lang) = Lang::parse(&code) else {
                continue;
            };
            let features = TargetFeatures::load(src, &code, sentiment)?;
            let weights = Weights::parse(&src.read_text(&wrel)?, &wrel)?;
            models.push((lang, TargetModel { features, weights }));
        }
        Ok(TargetLexicon { models })
    }

    /// Languages with a target model.
    pub fn languages(&self) -> Vec<Lang> {
        self.models.iter().map(|(l, _)| *l).collect()
    }

    /// The model for `lang`, if it has one.
    pub fn model(&self, lang: Option<Lang>) -> Option<&TargetModel> {
        let lang = lang?;
        self.models.iter().find(|(l, _)| *l == lang).map(|(_, m)| m)
    }
}

/// Converts a `[from, to)` range in Unicode scalar values into a byte span of `text`, or `None`
/// when it is out of range or reversed.
pub fn char_range_to_span(text: &str, from: usize, to: usize) -> Option<Span> {
    if from > to {
        return None;
    }
    let mut start = None;
    let mut end = None;
    let mut n = 0;
    for (b, _) in text.char_indices() {
        if n == from {
            start = Some(b);
        }
        if n == to {
            end = Some(b);
            break;
        }
        n += 1;
    }
    if start.is_none() && from == n {
        start = Some(text.len());
    }
    if end.is_none() && to == n {
        end = Some(text.len());
    }
    Some(Span::new(start?, end?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicons;
    use crate::text::analyze;

    /// Tone toward the first occurrence of `target` in `text`, with the built-in English model.
    fn tone(lex: &Lexicons, text: &str, target: &str) -> TargetTone {
        let start = text.find(target).expect("target in text");
        let a = analyze(text, Some(Lang::EN), &lex.text);
        let model = lex
            .targets
            .model(Some(Lang::EN))
            .expect("English target model");
        model.score_spans(
            &a,
            &[Span::new(start, start + target.len())],
            &lex.sentiment,
        )[0]
    }

    #[test]
    fn who_does_what_to_whom() {
        let lex = Lexicons::built_in();
        let t = tone(&lex, "Protesters denounced Macron's reform.", "Macron");
        assert_eq!(t.polarity, -1, "{t:?}");
        let t = tone(&lex, "Zelensky thanked Biden for the aid.", "Biden");
        assert_eq!(t.polarity, 1, "{t:?}");
        let t = tone(&lex, "Merkel met Macron in Berlin on Tuesday.", "Macron");
        assert_eq!(t.polarity, 0, "{t:?}");
        let t = tone(
            &lex,
            "Biden was praised by Zelensky for his leadership.",
            "Biden",
        );
        assert_eq!(t.polarity, 1, "{t:?}");
        let t = tone(
            &lex,
            "Critics accused Trump of lying about the election.",
            "Trump",
        );
        assert_eq!(t.polarity, -1, "{t:?}");
        assert!(t.score < -0.5 && t.score >= -1.0, "{t:?}");
        let p: f64 = t.probs.iter().sum();
        assert!((p - 1.0).abs() < 1e-9);
    }

    #[test]
    fn same_target_text_gets_different_tones_by_role() {
        let lex = Lexicons::built_in();
        let text = "Merkel met Macron in Berlin on Tuesday. Protesters denounced Macron's reform.";
        let a = analyze(text, Some(Lang::EN), &lex.text);
        let model = lex.targets.model(Some(Lang::EN)).unwrap();
        let first = text.find("Macron").unwrap();
        let second = text.rfind("Macron").unwrap();
        let tones = model.score_spans(
            &a,
            &[Span::new(first, first + 6), Span::new(second, second + 6)],
            &lex.sentiment,
        );
        assert_eq!((tones[0].polarity, tones[1].polarity), (0, -1), "{tones:?}");
    }

    #[test]
    fn char_ranges_map_to_bytes() {
        let t = "Élisabeth Borne a dit";
        let s = char_range_to_span(t, 0, 15).unwrap();
        assert_eq!(&t[s.range()], "Élisabeth Borne");
        let s = char_range_to_span(t, 16, 21).unwrap();
        assert_eq!(&t[s.range()], "a dit");
        assert_eq!(char_range_to_span(t, 3, 22), None);
        assert_eq!(char_range_to_span(t, 5, 4), None);
    }

    #[test]
    fn weights_round_trip_and_bad_rows_name_the_line() {
        let mut w = Weights::zeros();
        w.rows[0] = [0.5, -0.25, 0.125];
        w.rows[features::DENSE.len() + 7] = [-1.0, 0.0, 2.0];
        let tsv = w.to_tsv("test");
        let back = Weights::parse(&tsv, "targets/weights-xx.tsv").unwrap();
        assert_eq!(back.rows[0], [0.5, -0.25, 0.125]);
        assert_eq!(back.rows[features::DENSE.len() + 7], [-1.0, 0.0, 2.0]);
        let bad = tsv.replace("hash\t7\t", "hash\tseven\t");
        let err = Weights::parse(&bad, "targets/weights-xx.tsv")
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("lexicon file targets/weights-xx.tsv, line 5: bucket \"seven\""),
            "{err}"
        );
        // probabilities of the bias alone: softmax(0.5, -0.25, 0.125)
        let p = back.probs(&[(0, 1.0)]);
        let e = [0.5f64.exp(), (-0.25f64).exp(), 0.125f64.exp()];
        let s: f64 = e.iter().sum();
        assert!((p[0] - e[0] / s).abs() < 1e-6);
    }
}
