//! Sentiment: per-sentence VADER-style polarity, aggregated per document, in several languages.
//!
//! Engines (issue 4):
//! - `vader`: vaderSentiment 3.3.2 reproduced exactly (English) — `vader.rs`.
//! - `default` for English: VADER's rules tuned for news prose — `news.rs`.
//! - `fr` and any language folder with a rules file: lexicon + rules engine — `french.rs`.
//!
//! An engine scores a run of whole tokens of an [`Analysis`]; documents are scored sentence by
//! sentence ([`score_document`]). A language without an engine yields no scores and a reason,
//! never English scores on foreign text.

pub mod french;
pub mod news;
pub mod vader;

use std::ops::Range;

use crate::lexicon::{LexiconError, LexiconSource};
use crate::model::Polarity;
use crate::text::{Analysis, Lang};

/// Which engine family to use where a language has several.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EngineChoice {
    /// The best engine for news in the language (English: VADER rules tuned for news).
    #[default]
    Default,
    /// vaderSentiment 3.3.2 exactly (English only).
    Vader,
}

/// A sentiment engine for one language.
pub trait SentimentEngine: Send + Sync {
    /// Short name recorded in `tables/articles.sentiment_engine` (`vader`, `news-en`, `fr`).
    fn name(&self) -> &str;
    /// Polarity of the whole tokens `tokens` of `a` (a sentence, or a whole text as VADER does).
    fn score_tokens(&self, a: &Analysis, tokens: Range<usize>) -> Polarity;
    /// The VADER engine behind this one, if it is of that family (`vader` itself, or `news-en`,
    /// which runs VADER's rules on adjusted data and then blends): the tone-toward-actors
    /// features read its word valences and rule constants without a copy.
    fn vader(&self) -> Option<&vader::VaderEngine> {
        None
    }
}

/// Why a text has no sentiment scores.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NullReason {
    /// Language could not be determined (too little text).
    UndeterminedLanguage,
    /// Language known but slant has no engine for it.
    UnsupportedLanguage(Lang),
    /// The engine asked for does not exist for this language (e.g. `vader` on French).
    EngineUnavailable { engine: &'static str, lang: Lang },
}

impl std::fmt::Display for NullReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NullReason::UndeterminedLanguage => f.write_str("undetermined_language"),
            NullReason::UnsupportedLanguage(l) => write!(f, "unsupported_language:{l}"),
            NullReason::EngineUnavailable { engine, lang } => {
                write!(f, "engine_unavailable:{engine}:{lang}")
            }
        }
    }
}

/// All sentiment engines, built from `lexicons/<lang>/`.
pub struct SentimentLexicons {
    engines: Vec<(Lang, EngineChoice, Box<dyn SentimentEngine>)>,
}

impl SentimentLexicons {
    /// Loads every language's sentiment data: each engine module registers the engines its
    /// lexicon files support.
    ///
    /// The rules engines (French) load beside the English ones, on another rayon thread when
    /// there is one: the French load is most of the startup of every command. Engines, and the
    /// error reported for malformed files, are the same as loading them one after the other.
    pub fn load(src: &LexiconSource) -> Result<Self, LexiconError> {
        // The longer load first: this thread runs it, and another thread can take the second
        // meanwhile (in the other order this thread, done with English, would often find the
        // French load not yet taken and run both).
        let (rules, english) = rayon::join(
            || french::load_all(src),
            || -> Result<_, LexiconError> {
                let mut engines: Vec<(Lang, EngineChoice, Box<dyn SentimentEngine>)> = Vec::new();
                vader::register(src, &mut engines)?;
                news::register(src, &mut engines)?;
                Ok(engines)
            },
        );
        let mut engines = english?;
        french::register_loaded(rules, &mut engines)?;
        Ok(SentimentLexicons { engines })
    }

    /// Languages with at least one engine.
    pub fn languages(&self) -> Vec<Lang> {
        let mut v: Vec<Lang> = self.engines.iter().map(|(l, _, _)| *l).collect();
        v.sort();
        v.dedup();
        v
    }

    /// The engine for `lang` and `choice`, or why there is none.
    pub fn engine(
        &self,
        lang: Option<Lang>,
        choice: EngineChoice,
    ) -> Result<&dyn SentimentEngine, NullReason> {
        let lang = lang.ok_or(NullReason::UndeterminedLanguage)?;
        if let Some((_, _, e)) = self
            .engines
            .iter()
            .find(|(l, c, _)| *l == lang && *c == choice)
        {
            return Ok(e.as_ref());
        }
        if self.engines.iter().any(|(l, _, _)| *l == lang) {
            return Err(NullReason::EngineUnavailable {
                engine: match choice {
                    EngineChoice::Default => "default",
                    EngineChoice::Vader => "vader",
                },
                lang,
            });
        }
        Err(NullReason::UnsupportedLanguage(lang))
    }
}

/// Class of a compound score with VADER's own thresholds: positive at ≥ 0.05, negative at
/// ≤ −0.05, else neutral. Shared by `slant eval sentiment` and `slant sentiment --targets`'s
/// sentence fallback, so both call a score the same class.
pub fn class_3(compound: f64) -> i8 {
    if compound >= 0.05 {
        1
    } else if compound <= -0.05 {
        -1
    } else {
        0
    }
}

/// Sentiment of a whole document.
#[derive(Debug, Clone, Default)]
pub struct DocumentSentiment {
    /// Polarity of each sentence, in order.
    pub sentences: Vec<Polarity>,
    /// Mean of the sentence scores (neg/neu/pos/compound each averaged).
    pub document: Polarity,
}

/// Scores every sentence of `a` and averages them. An empty text scores as VADER scores an
/// empty string: `neu` 1, everything else 0.
pub fn score_document(a: &Analysis, engine: &dyn SentimentEngine) -> DocumentSentiment {
    let sentences: Vec<Polarity> = a
        .sentences
        .iter()
        .map(|s| engine.score_tokens(a, s.token_range()))
        .collect();
    if sentences.is_empty() {
        return DocumentSentiment {
            sentences,
            document: Polarity {
                neu: 1.0,
                ..Polarity::default()
            },
        };
    }
    let n = sentences.len() as f64;
    let mut d = Polarity::default();
    for p in &sentences {
        d.neg += p.neg;
        d.neu += p.neu;
        d.pos += p.pos;
        d.compound += p.compound;
    }
    d.neg /= n;
    d.neu /= n;
    d.pos /= n;
    d.compound /= n;
    DocumentSentiment {
        sentences,
        document: d,
    }
}

/// The language to score a text in when none is given: [`crate::text::lang::detect_supported`]
/// with the languages that have an engine. `None` (too few letters) leads to
/// `undetermined_language`; a language without an engine to `unsupported_language:<code>`.
pub fn detect_for_scoring(text: &str, supported: &[Lang]) -> Option<Lang> {
    crate::text::lang::detect_supported(text, supported)
}
