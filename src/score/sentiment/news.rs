//! Engine `news-en`, the default for English: VADER's rules and lexicon (`vader.rs`) adjusted
//! for news prose by one data file, `en/sentiment-news-en.tsv`.
//!
//! VADER was built on social-media text; on NYT editorial snippets its correlation with human
//! ratings is 0.503 against 0.872 on tweets. The adjustments are of three kinds, each documented
//! with its measured effect in `lexicons/README.md` ("English sentiment (news engine)"):
//!
//! - lexicon rows: words VADER scores whose news sense is not an opinion (`party`, `united`,
//!   `justice`, `interest`, `supreme`: names of institutions, or function words such as `like`)
//!   are made neutral (valence 0 removes the word from the lexicon, so it also stops blocking
//!   boosters and negations as VADER's lexicon words do); news words VADER lacks (`bombing`,
//!   `casualties`, `corruption`, `recovery`) get a valence set by analogy with VADER's own
//!   entries for the same lemma or a synonym; AFINN fills VADER's gaps (`fill`); a `rescale`
//!   file (fitted on NewsMTSC train, `scripts/fit_news_rescale.py`) reweighs words already
//!   scored by 0.5..1.5, so a fit can never add a word or flip its sign;
//! - rule settings ([`Tweaks`]): more contrast words, "but" applied by position, clause-bounded
//!   negation and booster scope, the typographic apostrophe of news copy (`don’t`);
//! - the compound ([`NewsEngine`]): VADER's compound squashes the *sum* of valences, so a long
//!   editorial sentence with several mild words saturates like a short outburst; news-en
//!   averages it with the *density* of sentiment (VADER's own `pos - neg` proportions, which
//!   neutral words dilute), weighted by the `density_weight` setting; and a text with a negation
//!   word (VADER's `NEGATE` list plus this file's `negate` rows, or `n't`) is moved by
//!   `negation_offset` (negative): negation is itself a cue of negative stance, beyond flipping
//!   the next word (Potts 2011, "On the negativity of negation"), and texts holding one are
//!   rated more negative than VADER scores them on every rated set.
//!
//! `vader` itself is unchanged: both engines load VADER's files, only this one applies the rows.

use std::ops::Range;

use super::vader::{LEXICON_FILE, RULES_FILE, Tweaks, VaderData, VaderEngine, py_round};
use super::{EngineChoice, SentimentEngine};
use crate::lexicon::{LexiconError, LexiconSource};
use crate::model::Polarity;
use crate::text::{Analysis, Lang};

/// The news adjustments: `kind<TAB>key<TAB>value` (see `lexicons/README.md`).
pub const NEWS_FILE: &str = "en/sentiment-news-en.tsv";

/// Adds `news-en` as English's default engine when VADER's files and the news file are present.
pub fn register(
    src: &LexiconSource,
    engines: &mut Vec<(Lang, EngineChoice, Box<dyn SentimentEngine>)>,
) -> Result<(), LexiconError> {
    if !(src.exists(LEXICON_FILE) && src.exists(RULES_FILE) && src.exists(NEWS_FILE)) {
        return Ok(());
    }
    engines.push((
        Lang::EN,
        EngineChoice::Default,
        Box::new(NewsEngine::load(src)?),
    ));
    Ok(())
}

/// Engine `news-en`: VADER's rules on the adjusted data, then the compound blended with the
/// density of sentiment.
pub struct NewsEngine {
    inner: VaderEngine,
    /// Weight `w` of `pos - neg` in `(compound + w (pos - neg)) / (1 + w)`; 0 = VADER's compound.
    density_weight: f64,
    /// Added to the compound of a text holding a negation word (0 = off). Negation words are
    /// VADER's `NEGATE` after the news rows, as the inner engine's table holds them.
    negation_offset: f64,
}

impl NewsEngine {
    /// Loads VADER's files and applies [`NEWS_FILE`].
    pub fn load(src: &LexiconSource) -> Result<Self, LexiconError> {
        let mut data = VaderData::load(src)?;
        let (tweaks, settings) = apply_news_settings(src, &mut data)?;
        Ok(NewsEngine {
            inner: VaderEngine::new("news-en", data, tweaks),
            density_weight: settings.density_weight,
            negation_offset: settings.negation_offset,
        })
    }

    /// The VADER engine (rules on the adjusted data) before the blend: the tone-toward-actors
    /// features read its word valences and rule constants.
    pub fn vader(&self) -> &VaderEngine {
        &self.inner
    }

    /// Scores a whole text (as `slant sentiment` does one line).
    pub fn score_text(&self, text: &str) -> Polarity {
        let negated = self.negation_offset != 0.0
            && text
                .to_lowercase()
                .split(char::is_whitespace)
                .any(|w| self.inner.chunk_negates(w));
        self.blend(self.inner.score_text(text), negated)
    }

    /// The compound as the weighted mean of VADER's compound (intensity of the summed valences,
    /// saturating) and `pos - neg` (share of the words that carry sentiment, in -1..1), plus
    /// the negation offset when `negated`, kept in -1..1; pos/neu/neg are VADER's.
    fn blend(&self, p: Polarity, negated: bool) -> Polarity {
        let w = self.density_weight;
        if w == 0.0 && !negated {
            return p;
        }
        let mut c = (p.compound + w * (p.pos - p.neg)) / (1.0 + w);
        if negated {
            c += self.negation_offset;
        }
        Polarity {
            compound: py_round(c.clamp(-1.0, 1.0), 4),
            ..p
        }
    }
}

impl SentimentEngine for NewsEngine {
    fn name(&self) -> &str {
        "news-en"
    }
    fn score_tokens(&self, a: &Analysis, tokens: Range<usize>) -> Polarity {
        // The inner engine notes negation words while it makes its words: no second pass.
        let (p, negated) = self.inner.score_range(a, tokens);
        self.blend(p, negated && self.negation_offset != 0.0)
    }
    fn vader(&self) -> Option<&VaderEngine> {
        Some(&self.inner)
    }
}

/// Settings of [`NEWS_FILE`] that act after VADER's rules (not [`Tweaks`] of `vader.rs`).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct NewsSettings {
    /// See [`NewsEngine`]'s `density_weight`.
    pub density_weight: f64,
    /// See [`NewsEngine`]'s `negation_offset`.
    pub negation_offset: f64,
}

/// Applies the rows of [`NEWS_FILE`] to `data` and returns the rule settings (the word-level
/// part, used by the tone-toward-actors features too).
pub fn apply_news_file(src: &LexiconSource, data: &mut VaderData) -> Result<Tweaks, LexiconError> {
    apply_news_settings(src, data).map(|(t, _)| t)
}

/// [`apply_news_file`] plus the settings that act on the final scores.
pub fn apply_news_settings(
    src: &LexiconSource,
    data: &mut VaderData,
) -> Result<(Tweaks, NewsSettings), LexiconError> {
    let mut t = Tweaks::default();
    let mut settings = NewsSettings::default();
    // `rescale` files, applied last (to the final valences) in the order listed.
    let mut rescale: Vec<String> = Vec::new();
    let mut positive_scale = 1.0;
    // Words made neutral above a `fill` row stay neutral.
    let mut neutral: rustc_hash::FxHashSet<String> = Default::default();
    for (n, f) in src.read_tsv(NEWS_FILE, 2)? {
        let value = |what: &str| -> Result<f64, LexiconError> {
            let v = f.get(2).ok_or_else(|| {
                LexiconError::malformed(NEWS_FILE, n, format!("{what}: missing value"))
            })?;
            v.parse::<f64>().map_err(|_| {
                LexiconError::malformed(NEWS_FILE, n, format!("{what}: {v:?} is not a number"))
            })
        };
        let key = f[1].to_lowercase();
        match f[0].as_str() {
            "word" => {
                let v = value("word valence")?;
                if !(-4.0..=4.0).contains(&v) {
                    return Err(LexiconError::malformed(
                        NEWS_FILE,
                        n,
                        format!("valence {v} outside VADER's -4..4"),
                    ));
                }
                data.set_valence(&key, (v != 0.0).then_some(v));
                if v == 0.0 {
                    neutral.insert(key.clone());
                }
            }
            "contrast" => t.contrast_words.push(key.into()),
            "shifter" => t.shifters.push(key.into()),
            "negate" => data.words.entry(key.as_str().into()).or_default().negate = true,
            "fill" => {
                // fill<TAB>file<TAB>scale: words of another lexicon missing from VADER's, scaled.
                let scale = value("fill scale")?;
                let rel = format!("en/{}", f[1]);
                for (m, g) in src.read_tsv(&rel, 2)? {
                    let v: f64 = g[1].parse().map_err(|_| {
                        LexiconError::malformed(
                            &rel,
                            m,
                            format!("score {:?} is not a number", g[1]),
                        )
                    })?;
                    let w = g[0].to_lowercase();
                    if w.contains(' ')
                        || neutral.contains(&w)
                        || data
                            .words
                            .get(w.as_str())
                            .is_some_and(|i| i.valence.is_some())
                    {
                        continue;
                    }
                    data.set_valence(&w, Some(v * scale));
                }
            }
            "rescale" => rescale.push(format!("en/{}", f[1])),
            "not_contrast" => t.not_contrast_next.push(key.into()),
            "setting" => {
                let v = value("setting")?;
                match key.as_str() {
                    "contrast_by_position" => t.contrast_by_position = v != 0.0,
                    "scope_stops_at_clause" => t.scope_stops_at_clause = v != 0.0,
                    "typographic_apostrophe" => t.typographic_apostrophe = v != 0.0,
                    "alpha_words" => t.alpha_words = v,
                    "positive_scale" => positive_scale = v,
                    "density_weight" => {
                        if v.is_nan() || v < 0.0 {
                            return Err(LexiconError::malformed(
                                NEWS_FILE,
                                n,
                                format!("density_weight {v} must be 0 or more"),
                            ));
                        }
                        settings.density_weight = v;
                    }
                    "negation_offset" => {
                        if !(-1.0..=1.0).contains(&v) {
                            return Err(LexiconError::malformed(
                                NEWS_FILE,
                                n,
                                format!("negation_offset {v} outside -1..1"),
                            ));
                        }
                        settings.negation_offset = v;
                    }
                    other => {
                        return Err(LexiconError::malformed(
                            NEWS_FILE,
                            n,
                            format!(
                                "unknown setting {other:?} (contrast_by_position, \
                                 scope_stops_at_clause, typographic_apostrophe, alpha_words, \
                                 positive_scale, density_weight, negation_offset)"
                            ),
                        ));
                    }
                }
            }
            other => {
                return Err(LexiconError::malformed(
                    NEWS_FILE,
                    n,
                    format!(
                        "unknown kind {other:?} (word, fill, rescale, negate, shifter, \
                         contrast, not_contrast, setting)"
                    ),
                ));
            }
        }
    }
    if positive_scale != 1.0 {
        for info in data.words.values_mut() {
            if let Some(v) = info.valence.as_mut().filter(|v| **v > 0.0) {
                *v *= positive_scale;
            }
        }
    }
    for rel in &rescale {
        apply_rescale(src, rel, data)?;
    }
    Ok((t, settings))
}

/// A `rescale` file: `word<TAB>factor` rows multiply the valence of words already scored by a
/// factor in 0.5..=1.5, so a fitted file can reweigh the lexicon but never add a word, flip a
/// sign or more than halve or grow one by half. A word no longer scored (made neutral by a
/// `word` row of an edited news file) is left out.
fn apply_rescale(src: &LexiconSource, rel: &str, data: &mut VaderData) -> Result<(), LexiconError> {
    for (m, g) in src.read_tsv(rel, 2)? {
        let factor: f64 = g[1].parse().map_err(|_| {
            LexiconError::malformed(rel, m, format!("factor {:?} is not a number", g[1]))
        })?;
        if !(0.5..=1.5).contains(&factor) {
            return Err(LexiconError::malformed(
                rel,
                m,
                format!("factor {factor} outside 0.5..1.5"),
            ));
        }
        if let Some(v) = data
            .words
            .get_mut(g[0].to_lowercase().as_str())
            .and_then(|i| i.valence.as_mut())
        {
            *v *= factor;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn engines() -> (VaderEngine, NewsEngine) {
        let src = LexiconSource::built_in();
        let vader = VaderEngine::new("vader", VaderData::load(&src).unwrap(), Tweaks::default());
        (vader, NewsEngine::load(&src).unwrap())
    }

    fn c(p: Polarity) -> f64 {
        p.compound
    }

    #[test]
    fn institutions_are_not_opinions() {
        let (vader, news) = engines();
        let s = "The Supreme Court heard the Justice Department's case.";
        assert!(c(vader.score_text(s)) > 0.5, "VADER reads praise here");
        assert_eq!(c(news.score_text(s)), 0.0);
    }

    #[test]
    fn news_words_vader_lacks() {
        let (vader, news) = engines();
        let s = "The bombing caused heavy casualties.";
        assert_eq!(c(vader.score_text(s)), 0.0);
        assert!(c(news.score_text(s)) < -0.5);
    }

    #[test]
    fn typographic_apostrophe_negates() {
        let (vader, news) = engines();
        let s = "The plan doesn’t work and isn’t good.";
        assert!(c(vader.score_text(s)) > 0.0);
        assert!(c(news.score_text(s)) < 0.0);
        // The ASCII spelling is negated by both.
        assert!(c(vader.score_text("The plan isn't good.")) < 0.0);
    }

    #[test]
    fn however_contrasts_like_but() {
        let (_, news) = engines();
        let plain = news.score_text("The talks were good. The outcome was bad.");
        let contrast = news.score_text("The talks were good, however the outcome was bad.");
        assert!(c(contrast) < c(plain));
    }

    /// Hand-computed: `good` 1.9 × positive_scale 0.8 × rescale 1.121 = 1.7039; VADER's
    /// compound 1.7039 / sqrt(1.7039² + 15) = 0.4027, pos (1.7039 + 1) / (2.7039 + 3 neutral
    /// words) = 0.474; news-en's compound (0.4027 + 0.474) / 2 = 0.4384.
    #[test]
    fn compound_blends_intensity_and_density() {
        let (_, news) = engines();
        let p = news.score_text("The plan is good.");
        assert_eq!((p.pos, p.neg, p.compound), (0.474, 0.0, 0.4384));
        // Either path (whole text, shared tokens) gives the same figure.
        let lex = crate::text::TextLexicon::load(&LexiconSource::built_in()).unwrap();
        let a = crate::text::analyze("The plan is good.", Some(Lang::EN), &lex);
        assert_eq!(news.score_tokens(&a, 0..a.tokens.len()), p);
    }

    /// Hand-computed: `not good` = 1.7039 × -0.74 = -1.2609; compound -0.3096, neg 2.2609 /
    /// 6.2609 = 0.361; (-0.3096 - 0.361) / 2 - 0.167 = -0.5023. A negation with no scored word
    /// at all still moves the text by the offset.
    #[test]
    fn negation_is_a_negative_cue() {
        let (_, news) = engines();
        assert_eq!(news.score_text("The plan is not good.").compound, -0.5023);
        // One word fewer: neg 2.2609 / 5.2609 = 0.43, (-0.3096 - 0.43) / 2 - 0.167 = -0.5368.
        assert_eq!(news.score_text("The plan isn’t good.").compound, -0.5368);
        assert_eq!(news.score_text("He did not say.").compound, -0.167);
        assert_eq!(news.score_text("He did say.").compound, 0.0);
    }

    #[test]
    fn bad_settings_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("en")).unwrap();
        std::fs::write(
            dir.path().join(NEWS_FILE),
            "setting\tdensity_weight\t1\nsetting\tnegation_offset\t-2\n",
        )
        .unwrap();
        let src = LexiconSource::with_override(dir.path()).unwrap();
        let err = NewsEngine::load(&src).err().unwrap().to_string();
        assert_eq!(
            err,
            "lexicon file en/sentiment-news-en.tsv, line 2: negation_offset -2 outside -1..1"
        );
    }

    #[test]
    fn rescale_reweighs_scored_words_only() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("en")).unwrap();
        std::fs::write(dir.path().join(NEWS_FILE), "rescale\tr.tsv\n").unwrap();
        std::fs::write(dir.path().join("en/r.tsv"), "# f\ngood\t1.5\nzzqx\t1.2\n").unwrap();
        let src = LexiconSource::with_override(dir.path()).unwrap();
        let mut data = VaderData::load(&src).unwrap();
        apply_news_file(&src, &mut data).unwrap();
        // VADER's `good` 1.9 × 1.5; a word not scored is not added.
        assert!((data.words["good"].valence.unwrap() - 2.85).abs() < 1e-12);
        assert!(data.words.get("zzqx").is_none_or(|i| i.valence.is_none()));

        std::fs::write(dir.path().join("en/r.tsv"), "good\t2\n").unwrap();
        let mut data = VaderData::load(&src).unwrap();
        let err = apply_news_file(&src, &mut data).unwrap_err().to_string();
        assert_eq!(
            err,
            "lexicon file en/r.tsv, line 1: factor 2 outside 0.5..1.5"
        );
    }

    #[test]
    fn malformed_row_names_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("en")).unwrap();
        std::fs::write(dir.path().join(NEWS_FILE), "# c\nword\tcrisis\tbad\n").unwrap();
        let src = LexiconSource::with_override(dir.path()).unwrap();
        let mut data = VaderData::load(&src).unwrap();
        let err = apply_news_file(&src, &mut data).unwrap_err().to_string();
        assert_eq!(
            err,
            "lexicon file en/sentiment-news-en.tsv, line 2: word valence: \"bad\" is not a number"
        );
    }
}
