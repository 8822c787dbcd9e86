//! slant: media-bias and sentiment analytics for news corpora.
//!
//! The module tree is the pipeline:
//!
//! ```text
//! ingest  →  clean  →  score (sentiment, attribution, topics, entities)  →  aggregate  →  render
//! ```
//!
//! - [`ingest`] reads JSONL/CSV/Parquet (and more) into canonical [`model::Article`]s, sending
//!   unusable records to rejects.
//! - [`clean`] removes page clutter, resolves dates and language, finds duplicates and wire copy.
//! - [`text`] is the shared analysis chain (sentences, tokens, language) every scorer reads.
//! - [`score`] holds pure scorers: text in, values out, run per article in parallel.
//! - [`tables`] is the seam between scoring and aggregation: the scored-articles, quotes and
//!   mentions tables, written to and read from Parquet/CSV.
//! - [`aggregate`] computes per-outlet statistics with confidence intervals (polars).
//! - [`render`] writes charts, the report and the summary tables.
//! - [`pipeline`] runs the stages for `slant run`; [`cli`] parses arguments.
//!
//! Word lists and scores are data under `lexicons/`, compiled in and overridable ([`lexicon`]).

pub mod aggregate;
pub mod clean;
pub mod cli;
pub mod eval;
pub mod ingest;
pub mod lexicon;
pub mod model;
pub mod pipeline;
pub mod render;
pub mod score;
pub mod stats;
pub mod tables;
pub mod text;

pub use lexicon::{LexiconSource, Lexicons};
