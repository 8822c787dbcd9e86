//! Clean: from ingested articles to the articles worth scoring.
//!
//! - [`boilerplate`]: page clutter removed line by line, each removal kept with its reason;
//! - language resolved (input label, else detected);
//! - duplicates (same id, same normalised text) counted, not scored twice.
//!
//! `slant clean` and `slant run` share this implementation.

pub mod boilerplate;
pub mod dates;

use std::collections::HashMap;

use crate::lexicon::Lexicons;
use crate::model::{Article, CleanArticle, Duplicate};
use crate::text::{Lang, lang};

/// Options for cleaning.
#[derive(Debug, Clone, serde::Serialize)]
pub struct CleanOptions {}

impl Default for CleanOptions {
    fn default() -> Self {
        CleanOptions {}
    }
}

/// The cleaned corpus.
#[derive(Debug, Default)]
pub struct CleanedCorpus {
    pub articles: Vec<CleanArticle>,
    pub duplicates: Vec<Duplicate>,
}

/// The language to score an article in, and how it was found.
///
/// The input's label wins when it parses. Otherwise the text is detected with the same rule as
/// `slant sentiment --lang auto` ([`lang::detect_supported`]): a short text is taken for a
/// supported language unless whatlang clearly prefers another one.
pub fn resolve_language(article: &Article, supported: &[Lang]) -> (Option<String>, &'static str) {
    if let Some(l) = article.language.as_deref().and_then(Lang::parse) {
        return (Some(l.code().to_string()), "input");
    }
    match lang::detect_supported(&article.text, supported) {
        Some(l) => (Some(l.code().to_string()), "detected"),
        None => (None, "undetermined"),
    }
}

/// Cleans one article without corpus context (used by `slant clean` on a stream).
pub fn clean_article(article: Article, lex: &Lexicons) -> CleanArticle {
    let supported = lex.sentiment.languages();
    let (language, language_source) = resolve_language(&article, &supported);
    CleanArticle {
        article,
        language,
        language_source,
        removed: Vec::new(),
        wire_credit: None,
        syndication_cluster: None,
        syndicated: false,
    }
}

/// Normalised text key for exact-duplicate detection: folded, whitespace collapsed.
fn text_key(text: &str) -> String {
    let folded = crate::text::fold::fold(text);
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Cleans a whole corpus: per-article cleaning plus duplicate detection. Order is preserved
/// (first occurrence kept), so output is deterministic.
pub fn clean_corpus(articles: Vec<Article>, lex: &Lexicons, _opts: &CleanOptions) -> CleanedCorpus {
    let mut out = CleanedCorpus::default();
    let mut by_id: HashMap<String, String> = HashMap::new();
    let mut by_text: HashMap<String, String> = HashMap::new();
    for a in articles {
        if let Some(first) = by_id.get(&a.id) {
            out.duplicates.push(Duplicate {
                id: a.id.clone(),
                outlet: a.outlet.clone(),
                duplicate_of: first.clone(),
                kind: "same_id".into(),
                similarity: None,
                origin: a.origin.clone(),
            });
            continue;
        }
        let key = text_key(&a.text);
        if let Some(first) = by_text.get(&key) {
            out.duplicates.push(Duplicate {
                id: a.id.clone(),
                outlet: a.outlet.clone(),
                duplicate_of: first.clone(),
                kind: "same_text".into(),
                similarity: Some(1.0),
                origin: a.origin.clone(),
            });
            continue;
        }
        by_id.insert(a.id.clone(), a.id.clone());
        by_text.insert(key, a.id.clone());
        out.articles.push(clean_article(a, lex));
    }
    out
}
