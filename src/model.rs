//! The records that pass between pipeline stages: slant's codebook in code.
//!
//! Stages talk only through these types (and the tables built from them), never through each
//! other's internals: ingest produces [`Article`]s and [`Reject`]s; clean turns articles into
//! [`CleanArticle`]s and finds [`Duplicate`]s; scoring turns each clean article into a
//! [`ScoredArticle`] (one row of `tables/articles`, its [`Attribution`]s for `tables/quotes` and
//! its [`Mention`]s for `tables/mentions`); aggregation and rendering read only those tables.
//! `CODEBOOK.md` documents every column; keep the two in step.

use chrono::NaiveDate;
use serde::Serialize;

use crate::text::Span;

/// Where a record came from, for error messages and `rejects.jsonl`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct RecordOrigin {
    /// The input file as given on the command line (or found in a folder).
    pub file: String,
    /// 1-based line for line-oriented formats (JSONL, CSV: the record's first physical line).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    /// 1-based data row for tabular formats (CSV, Parquet), header excluded; index in a JSON
    /// array.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<u64>,
}

impl std::fmt::Display for RecordOrigin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.file)?;
        if let Some(l) = self.line {
            write!(f, ":{l}")?;
        } else if let Some(r) = self.row {
            write!(f, " row {r}")?;
        }
        Ok(())
    }
}

/// One input article in the canonical schema (`id, outlet, url, published, language, title,
/// text, topic`). Only `text` and `outlet` are required of the input; a missing `id` is derived
/// from the content ([`crate::ingest::stable_id`]).
#[derive(Debug, Clone, Serialize, Default)]
pub struct Article {
    pub id: String,
    pub outlet: String,
    pub url: Option<String>,
    pub published: Option<NaiveDate>,
    /// Language as given by the input (normalised code), if any.
    pub language: Option<String>,
    pub title: Option<String>,
    pub text: String,
    /// Topic/section label as given by the input, if any.
    pub topic: Option<String>,
    /// Byline (author) when the input or cleaning found one.
    pub author: Option<String>,
    #[serde(skip)]
    pub origin: RecordOrigin,
}

/// A record that could not be used. Written to `rejects.jsonl`, one JSON object per line.
#[derive(Debug, Clone, Serialize)]
pub struct Reject {
    pub file: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Stable machine-readable code, e.g. `invalid_json`, `missing_text`, `invalid_utf8`.
    pub reason: String,
    /// Human-readable explanation.
    pub message: String,
}

impl Reject {
    pub fn new(origin: &RecordOrigin, reason: &str, message: impl Into<String>) -> Self {
        Reject {
            file: origin.file.clone(),
            line: origin.line,
            row: origin.row,
            id: None,
            reason: reason.to_string(),
            message: message.into(),
        }
    }
    pub fn with_id(mut self, id: Option<String>) -> Self {
        self.id = id;
        self
    }
}

/// A line removed from an article's body by cleaning, with why.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RemovedLine {
    pub text: String,
    /// Reason code, e.g. `share_buttons`, `consent`, `advertising`, `disclaimer`, `related`,
    /// `byline`, `dateline`, `section_label`, `title_repeat`, `outlet_template`.
    pub reason: String,
}

/// An article after cleaning: body text without page clutter, language resolved.
#[derive(Debug, Clone, Serialize)]
pub struct CleanArticle {
    pub article: Article,
    /// Language used for scoring (input label, else detected), `None` if undetermined.
    pub language: Option<String>,
    /// How `language` was obtained: `input`, `detected`, `undetermined`.
    pub language_source: &'static str,
    pub removed: Vec<RemovedLine>,
    /// Wire agency credited in the text ("(AP) —", "avec AFP"), if any.
    pub wire_credit: Option<String>,
    /// Syndication cluster id when this article is one of several copies of one story.
    pub syndication_cluster: Option<String>,
    /// True when the copy is a republication of a story first seen at another outlet.
    pub syndicated: bool,
}

/// Why a record counted as a duplicate rather than scored.
#[derive(Debug, Clone, Serialize)]
pub struct Duplicate {
    pub id: String,
    pub outlet: String,
    /// The id of the copy that was kept.
    pub duplicate_of: String,
    /// `same_id`, `same_text`, `near_duplicate`, `syndicated_excluded`.
    pub kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub similarity: Option<f64>,
    #[serde(flatten)]
    pub origin: RecordOrigin,
}

/// VADER-style polarity of a text span: shares of negative/neutral/positive and the
/// normalised compound score in `[-1, 1]`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Default)]
pub struct Polarity {
    pub neg: f64,
    pub neu: f64,
    pub pos: f64,
    pub compound: f64,
}

/// The kind of an attribution (issue 5 contract).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum AttributionKind {
    /// Quoted words with a cue: `“…,” she said`.
    Direct,
    /// Reported speech without quotation marks: `X said (that) …`.
    Indirect,
    /// Indirect speech with a quoted fragment.
    Mixed,
    /// `according to X`, `selon X`, `citing X`.
    AccordingTo,
    /// A quote with no cue of its own, continuing the previous speaker.
    Floating,
}

impl AttributionKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            AttributionKind::Direct => "direct",
            AttributionKind::Indirect => "indirect",
            AttributionKind::Mixed => "mixed",
            AttributionKind::AccordingTo => "according_to",
            AttributionKind::Floating => "floating",
        }
    }
}

/// What kind of source is speaking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum SourceType {
    Person,
    Organization,
    Anonymous,
    Document,
    WireAgency,
    StateMedia,
    PronounUnresolved,
    Unknown,
}

impl SourceType {
    pub fn as_str(&self) -> &'static str {
        match self {
            SourceType::Person => "person",
            SourceType::Organization => "organization",
            SourceType::Anonymous => "anonymous",
            SourceType::Document => "document",
            SourceType::WireAgency => "wire_agency",
            SourceType::StateMedia => "state_media",
            SourceType::PronounUnresolved => "pronoun_unresolved",
            SourceType::Unknown => "unknown",
        }
    }
}

/// The connotation of a reporting verb (lexicons/<lang>/reporting_verbs.tsv).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Connotation {
    Neutral,
    Assertive,
    Doubt,
    Concession,
    Denial,
    Emotion,
}

impl Connotation {
    pub fn as_str(&self) -> &'static str {
        match self {
            Connotation::Neutral => "neutral",
            Connotation::Assertive => "assertive",
            Connotation::Doubt => "doubt",
            Connotation::Concession => "concession",
            Connotation::Denial => "denial",
            Connotation::Emotion => "emotion",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "neutral" => Connotation::Neutral,
            "assertive" => Connotation::Assertive,
            "doubt" => Connotation::Doubt,
            "concession" => Connotation::Concession,
            "denial" => Connotation::Denial,
            "emotion" => Connotation::Emotion,
            _ => return None,
        })
    }
}

/// One attribution found in a text: who said what, how. Spans are byte offsets into the text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Attribution {
    pub kind: AttributionKind,
    /// What was said (inside the quotation marks for direct quotes).
    pub content: Span,
    /// The source mention in the text ("Dmitri Peskov", "he", "officials"), if any.
    pub source: Option<Span>,
    /// The cue ("said", "a déclaré", "according to"), if any.
    pub cue: Option<Span>,
    /// Canonical speaker name after resolving short mentions and pronouns.
    pub speaker: Option<String>,
    pub role: Option<String>,
    pub organization: Option<String>,
    /// Lemma of the reporting verb ("say", "claim", "déclarer").
    pub verb: Option<String>,
    pub connotation: Option<Connotation>,
    pub source_type: SourceType,
}

/// One mention of a known entity (`lexicons/entities/`), with the tone expressed toward it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mention {
    /// Canonical entity id, e.g. `vladimir_putin`.
    pub entity: String,
    /// Display name, e.g. `Vladimir Putin`.
    pub name: String,
    /// `person`, `government`, `organization`, `country`, `institution`.
    pub entity_type: String,
    /// The matched alias in the text.
    pub span: Span,
    /// Index of the sentence holding the mention.
    pub sentence: usize,
    /// Tone toward the entity in `[-1, 1]`; `None` when the language has no sentiment engine.
    pub tone: Option<f64>,
    /// How `tone` was computed: `sentence` (sentence compound) or `target` (target-dependent).
    pub tone_method: &'static str,
    /// True when the mention sits inside quoted speech (the speaker's stance, not the outlet's).
    pub in_quote: bool,
}

/// Document-level scores of one article: one row of `tables/articles`.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleScores {
    pub id: String,
    pub outlet: String,
    pub published: Option<NaiveDate>,
    pub language: Option<String>,
    pub topic: Option<String>,
    /// `input` (label given), `keywords` (taxonomy match) or `none`.
    pub topic_source: &'static str,
    pub title: Option<String>,
    pub url: Option<String>,
    pub n_chars: u64,
    pub n_words: u64,
    pub n_sentences: u64,
    /// Sentiment engine used (`news-en`, `vader`, `fr`), `None` when sentiment is null.
    pub sentiment_engine: Option<String>,
    pub neg: Option<f64>,
    pub neu: Option<f64>,
    pub pos: Option<f64>,
    /// Document tone: mean of sentence compounds, in `[-1, 1]`.
    pub compound: Option<f64>,
    /// Why sentiment is null (`unsupported_language:de`, `undetermined_language`, `empty`).
    pub sentiment_null_reason: Option<String>,
    pub n_quotes: u64,
    pub n_direct: u64,
    pub n_anonymous: u64,
    pub n_mentions: u64,
    pub wire_credit: Option<String>,
    pub syndication_cluster: Option<String>,
    pub syndicated: bool,
}

/// Everything scoring produces for one article.
#[derive(Debug, Clone)]
pub struct ScoredArticle {
    pub scores: ArticleScores,
    pub attributions: Vec<Attribution>,
    pub mentions: Vec<Mention>,
}

/// One row of `tables/syndication`: an article that belongs to a story found at several
/// outlets (a cross-outlet near-duplicate cluster), with the cluster's earliest copy.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SyndicationRow {
    /// The cluster's id: the article id of its earliest copy.
    pub cluster_id: String,
    pub article_id: String,
    pub outlet: String,
    pub published: Option<NaiveDate>,
    /// Outlet of the earliest copy (earliest `published`, undated last, then input order).
    pub earliest_outlet: String,
    /// True for the earliest copy itself.
    pub is_original: bool,
    /// Jaccard similarity of the article's word 4-shingles with the earliest copy's.
    pub similarity: f64,
    /// Wire agency credited in the article's text, if any.
    pub wire_credit: Option<String>,
    /// `scored` (kept and flagged), `near_duplicate` (a second copy at the same outlet, counted
    /// as a duplicate) or `syndicated_excluded` (dropped by `--syndicated exclude`).
    pub status: &'static str,
}
