//! Engine `news-en`, the default for English: VADER's rules and lexicon (`vader.rs`) adjusted
//! for news prose by one data file, `en/sentiment-news-en.tsv`.
//!
//! VADER was built on social-media text; on NYT editorial snippets its correlation with human
//! ratings is 0.503 against 0.872 on tweets. The adjustments are of two kinds, each documented
//! with its measured effect in `lexicons/README.md` ("English sentiment (news engine)"):
//!
//! - lexicon rows: words VADER scores whose news sense is not an opinion (`party`, `united`,
//!   `justice`, `interest`, `supreme`: names of institutions, or function words such as `like`)
//!   are made neutral (valence 0 removes the word from the lexicon, so it also stops blocking
//!   boosters and negations as VADER's lexicon words do); news words VADER lacks (`bombing`,
//!   `casualties`, `corruption`, `recovery`) get a valence set by analogy with VADER's own
//!   entries for the same lemma or a synonym;
//! - rule settings ([`Tweaks`]): more contrast words, "but" applied by position, clause-bounded
//!   negation and booster scope, the typographic apostrophe of news copy (`don’t`).
//!
//! `vader` itself is unchanged: both engines load VADER's files, only this one applies the rows.

use super::vader::{LEXICON_FILE, RULES_FILE, Tweaks, VaderData, VaderEngine};
use super::{EngineChoice, SentimentEngine};
use crate::lexicon::{LexiconError, LexiconSource};
use crate::text::Lang;

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
    let mut data = VaderData::load(src)?;
    let tweaks = apply_news_file(src, &mut data)?;
    engines.push((
        Lang::EN,
        EngineChoice::Default,
        Box::new(VaderEngine::new("news-en", data, tweaks)),
    ));
    Ok(())
}

/// Applies the rows of [`NEWS_FILE`] to `data` and returns the rule settings.
pub fn apply_news_file(src: &LexiconSource, data: &mut VaderData) -> Result<Tweaks, LexiconError> {
    let mut t = Tweaks::default();
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
            "not_contrast" => t.not_contrast_next.push(key.into()),
            "setting" => {
                let v = value("setting")?;
                match key.as_str() {
                    "contrast_by_position" => t.contrast_by_position = v != 0.0,
                    "scope_stops_at_clause" => t.scope_stops_at_clause = v != 0.0,
                    "typographic_apostrophe" => t.typographic_apostrophe = v != 0.0,
                    "alpha_words" => t.alpha_words = v,
                    "positive_scale" => positive_scale = v,
                    other => {
                        return Err(LexiconError::malformed(
                            NEWS_FILE,
                            n,
                            format!(
                                "unknown setting {other:?} (contrast_by_position, \
                                 scope_stops_at_clause, typographic_apostrophe, alpha_words, \
                                 positive_scale)"
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
                        "unknown kind {other:?} (word, fill, negate, shifter, contrast, \
                         not_contrast, setting)"
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
    Ok(t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Polarity;

    fn engines() -> (VaderEngine, VaderEngine) {
        let src = LexiconSource::built_in();
        let vader = VaderEngine::new("vader", VaderData::load(&src).unwrap(), Tweaks::default());
        let mut data = VaderData::load(&src).unwrap();
        let t = apply_news_file(&src, &mut data).unwrap();
        (vader, VaderEngine::new("news-en", data, t))
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
