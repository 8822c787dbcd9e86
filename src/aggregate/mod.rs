//! Aggregation: the summary tables, computed from the scored tables only.
//!
//! Every table here is a function of `tables/articles`, `tables/quotes` and `tables/mentions`
//! ([`ScoredTables`]), never of scoring internals, so the same code summarises this run's scores,
//! tables read back from disk, or the concatenated tables of sharded runs.
//!
//! polars does the grouping (lazy `group_by`); each group's values are then handed to
//! [`crate::stats`] for means with Student-t intervals and Wilson intervals for shares. Rows are
//! sorted by their keys (nulls last), and means are summed in sorted order, so each table is
//! byte-identical at any thread count. `CODEBOOK.md` documents every column.
//!
//! | table | one row per | from |
//! | --- | --- | --- |
//! | `outlet_summary` | outlet | articles, quotes |
//! | `outlet_topic` | outlet × topic | articles, quotes |
//! | `outlet_entity` | outlet × entity | mentions |
//! | `timeseries` | outlet × period (day, ISO week or month) | articles |
//! | `outlet_speaker` | outlet × resolved speaker | quotes, articles |
//! | `outlet_source_types` | outlet × source type | quotes |
//! | `outlet_connotation` | outlet × reporting-verb connotation | quotes |

mod articles;
mod entities;
pub mod frame;
pub mod period;
mod quotes;

use anyhow::Result;
use polars::prelude::DataFrame;

use crate::tables::ScoredTables;

/// Time bucket for the time series.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    /// Calendar day, labelled `2024-03-05`.
    Day,
    /// ISO week, Monday to Sunday, labelled `2024-W10` with the ISO week-year.
    Week,
    /// Calendar month, labelled `2024-03` (the default).
    #[default]
    Month,
}

impl Period {
    /// `day`, `week`, `month`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Period::Day => "day",
            Period::Week => "week",
            Period::Month => "month",
        }
    }
}

/// Options for aggregation.
#[derive(Debug, Clone, Copy, Default, serde::Serialize)]
pub struct AggregateOptions {
    /// Bucket of the `timeseries` table.
    pub period: Period,
}

/// Attribution kinds counted as direct quotes, as in `score::score_article`'s `n_direct`.
pub const DIRECT_KINDS: [&str; 2] = ["direct", "mixed"];

/// Reporting-verb connotations, in the order tables and charts list them.
pub const CONNOTATIONS: [&str; 6] = [
    "neutral",
    "assertive",
    "doubt",
    "concession",
    "denial",
    "emotion",
];

/// Source types, in the order tables and charts list them (`model::SourceType`).
pub const SOURCE_TYPES: [&str; 8] = [
    "person",
    "organization",
    "anonymous",
    "document",
    "wire_agency",
    "state_media",
    "pronoun_unresolved",
    "unknown",
];

/// The summary tables, each already sorted by its keys.
#[derive(Debug, Clone)]
pub struct Aggregates {
    /// The options the tables were computed with (the report names the period).
    pub options: AggregateOptions,
    pub outlet_summary: DataFrame,
    pub outlet_topic: DataFrame,
    pub outlet_entity: DataFrame,
    pub timeseries: DataFrame,
    pub outlet_speaker: DataFrame,
    pub outlet_source_types: DataFrame,
    pub outlet_connotation: DataFrame,
}

impl Aggregates {
    /// `(table name, frame)` for every summary table, in the order they are written.
    pub fn named(&self) -> Vec<(&'static str, &DataFrame)> {
        vec![
            ("outlet_summary", &self.outlet_summary),
            ("outlet_topic", &self.outlet_topic),
            ("outlet_entity", &self.outlet_entity),
            ("timeseries", &self.timeseries),
            ("outlet_speaker", &self.outlet_speaker),
            ("outlet_source_types", &self.outlet_source_types),
            ("outlet_connotation", &self.outlet_connotation),
        ]
    }
}

/// Computes every summary table from the scored tables.
///
/// Fails only when a table lacks a column the codebook promises (a message names it); empty
/// tables give empty summaries with the same columns. The tables are independent of each
/// other, so they are computed side by side on the rayon pool (each is the same at any thread
/// count); errors are reported in the order the tables are listed.
pub fn aggregate(t: &ScoredTables, opts: &AggregateOptions) -> Result<Aggregates> {
    let ((outlet_entity, outlet_speaker), ((outlet_summary, outlet_topic), rest)) = rayon::join(
        || {
            rayon::join(
                || entities::outlet_entity(&t.mentions),
                || quotes::outlet_speaker(&t.quotes, &t.articles),
            )
        },
        || {
            rayon::join(
                || {
                    rayon::join(
                        || articles::outlet_summary(&t.articles, &t.quotes),
                        || articles::outlet_topic(&t.articles, &t.quotes),
                    )
                },
                || {
                    (
                        articles::timeseries(&t.articles, opts.period),
                        quotes::outlet_category_mix(&t.quotes, "source_type", &SOURCE_TYPES),
                        quotes::outlet_category_mix(&t.quotes, "connotation", &CONNOTATIONS),
                    )
                },
            )
        },
    );
    let (timeseries, outlet_source_types, outlet_connotation) = rest;
    Ok(Aggregates {
        options: *opts,
        outlet_summary: outlet_summary?,
        outlet_topic: outlet_topic?,
        outlet_entity: outlet_entity?,
        timeseries: timeseries?,
        outlet_speaker: outlet_speaker?,
        outlet_source_types: outlet_source_types?,
        outlet_connotation: outlet_connotation?,
    })
}

#[cfg(test)]
pub(crate) mod testkit;
#[cfg(test)]
mod tests;
