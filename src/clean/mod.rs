//! Clean: from ingested articles to the articles worth scoring.
//!
//! In order ([`clean_corpus`]):
//! 1. [`page`]: page clutter removed line by line with [`boilerplate`] patterns, each removal
//!    kept with its reason; the headline, section label, byline and dateline of a scraped page
//!    moved into `title`, `topic`, `author`, `published` (when the input had none);
//! 2. exact duplicates (same id; same normalised cleaned text) counted, not scored twice;
//! 3. near-duplicates found by MinHash over word shingles ([`minhash`], [`dedup`]);
//! 4. outlet templates: lines repeated across many stories of one outlet removed;
//! 5. language resolved (input label, else detected on the cleaned text), wire credits read
//!    ([`syndication`]), near-duplicate clusters turned into duplicates (same outlet) and
//!    syndication (across outlets).
//!
//! `slant clean` and `slant run` share this implementation. Output does not depend on the
//! number of threads: parallel steps are order-preserving maps, and every grouping is sorted.

pub mod boilerplate;
pub mod dates;
pub mod dedup;
pub mod metadata;
pub mod minhash;
pub mod page;
pub mod syndication;

use std::collections::BTreeMap;

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::lexicon::Lexicons;
use crate::model::{Article, CleanArticle, Duplicate, RemovedLine, SyndicationRow};
use crate::text::{Lang, lang};
use dates::DateOrder;

/// What `--syndicated` does with copies of a story first seen at another outlet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SyndicatedMode {
    /// Keep one copy per outlet (a story repeated within an outlet counts once) and flag the
    /// copies of another outlet's story as `syndicated`.
    #[default]
    CountOnce,
    /// Drop copies of another outlet's story from scoring and aggregates; they count as
    /// duplicates of kind `syndicated_excluded`.
    Exclude,
}

/// Options for cleaning (recorded in `manifest.json`).
#[derive(Debug, Clone, Serialize)]
pub struct CleanOptions {
    /// A line is an outlet template when it appears in at least this many stories of the
    /// outlet ...
    pub template_min_articles: usize,
    /// ... and in at least this share of the outlet's stories.
    pub template_min_share: f64,
    /// Jaccard similarity of word 4-shingles from which two texts are near-duplicates.
    pub near_dup_threshold: f64,
    /// Lower Jaccard threshold for two texts whose normalised titles are equal (an edited
    /// republication under the same headline).
    pub same_title_threshold: f64,
    pub syndicated: SyndicatedMode,
    /// Order of all-numeric dates in datelines (the same as ingest's `--date-order`).
    #[serde(skip)]
    pub date_order: DateOrder,
}

impl Default for CleanOptions {
    fn default() -> Self {
        CleanOptions {
            template_min_articles: 3,
            template_min_share: 0.3,
            near_dup_threshold: 0.8,
            same_title_threshold: 0.5,
            syndicated: SyndicatedMode::CountOnce,
            date_order: DateOrder::Mdy,
        }
    }
}

/// The cleaned corpus.
#[derive(Debug, Default)]
pub struct CleanedCorpus {
    pub articles: Vec<CleanArticle>,
    pub duplicates: Vec<Duplicate>,
    /// Rows of `tables/syndication`, by cluster (clusters in order of their earliest member's
    /// input position), members in input order.
    pub syndication: Vec<SyndicationRow>,
}

impl CleanedCorpus {
    /// Duplicates counted by kind (`same_id`, `same_text`, `near_duplicate`,
    /// `syndicated_excluded`), for `manifest.json`.
    pub fn duplicate_kinds(&self) -> BTreeMap<String, u64> {
        let mut m = BTreeMap::new();
        for d in &self.duplicates {
            *m.entry(d.kind.clone()).or_insert(0) += 1;
        }
        m
    }
}

/// The language to score an article in, and how it was found.
///
/// The input's label wins when it parses. Otherwise `text` (the cleaned text) is detected with
/// the same rule as `slant sentiment --lang auto` ([`lang::detect_supported`]): a short text is
/// taken for a supported language unless whatlang clearly prefers another one.
pub fn resolve_language(
    article: &Article,
    text: &str,
    supported: &[Lang],
) -> (Option<String>, &'static str) {
    if let Some(l) = article.language.as_deref().and_then(Lang::parse) {
        return (Some(l.code().to_string()), "input");
    }
    match lang::detect_supported(text, supported) {
        Some(l) => (Some(l.code().to_string()), "detected"),
        None => (None, "undetermined"),
    }
}

/// The input's language label as a rule-set code (`None`: apply every language's rules).
fn label_code(article: &Article) -> Option<String> {
    article
        .language
        .as_deref()
        .and_then(Lang::parse)
        .map(|l| l.code().to_string())
}

/// One article on its way through [`clean_corpus`].
struct Work {
    article: Article,
    page: page::PageClean,
    /// Word 4-shingles of the folded cleaned text ([`dedup::key_shingles`]).
    shingles: Vec<u64>,
}

/// Cleans a whole corpus: per-article cleaning, duplicates, templates, syndication. Order is
/// preserved (first occurrence kept), so output is deterministic.
pub fn clean_corpus(articles: Vec<Article>, lex: &Lexicons, opts: &CleanOptions) -> CleanedCorpus {
    let bp = &lex.boilerplate;
    let mut out = CleanedCorpus::default();

    // 1. Page clutter and shingles, in parallel (order-preserving). Each line is folded once,
    // in `clean_page`; the duplicate key and the shingles come from those folded lines.
    let work: Vec<Work> = articles
        .into_par_iter()
        .map(|mut article| {
            let code = label_code(&article);
            let page = page::clean_page(&article, bp, code.as_deref(), opts.date_order);
            page.apply_metadata(&mut article);
            let shingles = dedup::key_shingles(&page.words_key, page.folded_words);
            Work {
                article,
                page,
                shingles,
            }
        })
        .collect();

    // 2. Exact duplicates: same id, then same normalised cleaned text.
    let mut by_id: FxHashMap<String, String> = FxHashMap::default();
    let mut by_text: FxHashMap<String, String> = FxHashMap::default();
    let mut kept: Vec<Work> = Vec::with_capacity(work.len());
    for mut w in work {
        let a = &w.article;
        if let Some(first) = by_id.get(&a.id) {
            out.duplicates.push(duplicate(a, first, "same_id", None));
            continue;
        }
        let key = std::mem::take(&mut w.page.words_key);
        if !key.is_empty()
            && let Some(first) = by_text.get(&key)
        {
            out.duplicates
                .push(duplicate(a, first, "same_text", Some(1.0)));
            continue;
        }
        by_id.insert(a.id.clone(), a.id.clone());
        if !key.is_empty() {
            by_text.insert(key, a.id.clone());
        }
        kept.push(w);
    }

    // 3. Near-duplicate clusters on the cleaned texts.
    let titles: Vec<Option<String>> = kept.iter_mut().map(|w| w.page.title_key.take()).collect();
    let shingles: Vec<Vec<u64>> = kept
        .iter_mut()
        .map(|w| std::mem::take(&mut w.shingles))
        .collect();
    let near = dedup::near_duplicates_of(shingles, &titles, opts);

    // 4. Outlet templates, one vote per story (a cluster votes once).
    let outlets: Vec<&str> = kept.iter().map(|w| w.article.outlet.as_str()).collect();
    let line_keys: Vec<Vec<u64>> = kept.par_iter().map(|w| w.page.line_keys()).collect();
    let templates = page::outlet_templates(&outlets, &line_keys, &near.cluster_of, opts);
    drop(outlets);
    kept.par_iter_mut().zip(&templates).for_each(|(w, t)| {
        if !t.is_empty() {
            w.page.remove_templates(t, &w.article.text);
        }
    });

    // 5. Language, wire credit, then clusters → duplicates and syndication flags. The cleaned
    // text is assembled from the kept lines only here, once, after templates are removed.
    let supported = lex.sentiment.languages();
    let cleaned: Vec<CleanArticle> = kept
        .into_par_iter()
        .map(|w| {
            let text = w.page.text(&w.article.text);
            let (language, language_source) = resolve_language(&w.article, &text, &supported);
            let wire_credit = syndication::wire_credit(&text, &w.page.removed, &bp.wire);
            let mut article = w.article;
            article.text = text;
            CleanArticle {
                article,
                language,
                language_source,
                removed: w.page.removed,
                wire_credit,
                syndication_cluster: None,
                syndicated: false,
            }
        })
        .collect();
    let outcome = syndication::resolve(cleaned, &near, opts);
    out.articles = outcome.articles;
    out.duplicates.extend(outcome.duplicates);
    out.syndication = outcome.rows;
    out
}

/// The duplicate record of `a`, a copy of the article with id `first`.
pub(super) fn duplicate(
    a: &Article,
    first: &str,
    kind: &str,
    similarity: Option<f64>,
) -> Duplicate {
    Duplicate {
        id: a.id.clone(),
        outlet: a.outlet.clone(),
        duplicate_of: first.to_string(),
        kind: kind.into(),
        similarity,
        origin: a.origin.clone(),
    }
}

/// A removed line (re-exported for the page cleaner).
fn removed(text: &str, reason: &str) -> RemovedLine {
    RemovedLine {
        text: text.to_string(),
        reason: reason.to_string(),
    }
}
