//! `slant clean`: cleaned articles as JSON lines.
//!
//! Reads any input `slant run` reads (a plain `.txt` file is one article, like the seed page),
//! runs the same [`crate::clean::clean_corpus`] as the pipeline (page clutter, metadata,
//! duplicates, templates, syndication) and prints one JSON object per kept article on standard
//! output. A summary (articles, duplicates by kind, rejects) goes to standard error.

use std::io::{Read, Write};
use std::path::PathBuf;

use anyhow::{Context, Result};
use chrono::NaiveDate;
use serde::Serialize;

use super::Cli;
use crate::clean::dates::{DateOrder, DateParser};
use crate::clean::{self, CleanOptions, SyndicatedMode};
use crate::ingest::{self, ColumnMap, IngestOptions};
use crate::model::{CleanArticle, RemovedLine};

/// Print cleaned articles (page clutter removed, with reasons) as JSON lines.
///
/// Each line: id, outlet, url, title, published, language, language_source, topic (the input's
/// or the page's section label), author, text (cleaned), removed ([{text, reason}]),
/// wire_credit, syndication_cluster, syndicated. Duplicates are left out (counted on stderr).
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Input file or folder (any format slant reads; a .txt file is one article), or - for JSON
    /// lines on standard input.
    #[arg(value_name = "FILE|-", default_value = "-")]
    pub input: PathBuf,

    /// Outlet name for records that carry none.
    #[arg(long, value_name = "NAME")]
    pub outlet: Option<String>,

    /// Map a canonical column to an input column, e.g. --map text=body. Repeatable.
    #[arg(long = "map", value_name = "CANONICAL=COLUMN")]
    pub map: Vec<String>,

    /// How to read ambiguous numeric dates such as 9/6/17.
    #[arg(long, value_enum, default_value_t = DateOrder::Mdy)]
    pub date_order: DateOrder,

    #[command(flatten)]
    pub clean: CleanArgs,
}

/// Cleaning options shared by `slant clean` and `slant run`.
#[derive(Debug, Clone, clap::Args)]
pub struct CleanArgs {
    /// Jaccard similarity (word 4-shingles, 0-1) from which two texts are near-duplicates.
    #[arg(long, value_name = "J", default_value_t = 0.8, value_parser = unit_interval)]
    pub near_dup_threshold: f64,

    /// Copies of a story first seen at another outlet: count-once keeps one copy per outlet
    /// and flags it `syndicated`; exclude drops them (counted as duplicates).
    #[arg(long, value_enum, default_value_t = SyndicatedMode::CountOnce)]
    pub syndicated: SyndicatedMode,

    /// A line repeated in at least this many stories of one outlet is a template ...
    #[arg(long, value_name = "N", default_value_t = 3)]
    pub template_min_articles: usize,

    /// ... and in at least this share (0-1) of that outlet's stories.
    #[arg(long, value_name = "SHARE", default_value_t = 0.3, value_parser = unit_interval)]
    pub template_min_share: f64,
}

fn unit_interval(s: &str) -> Result<f64, String> {
    let v: f64 = s.parse().map_err(|_| format!("{s:?} is not a number"))?;
    if (0.0..=1.0).contains(&v) {
        Ok(v)
    } else {
        Err(format!("{v} is not between 0 and 1"))
    }
}

impl CleanArgs {
    /// The options these flags select.
    pub fn options(&self, date_order: DateOrder) -> CleanOptions {
        CleanOptions {
            template_min_articles: self.template_min_articles.max(1),
            template_min_share: self.template_min_share,
            near_dup_threshold: self.near_dup_threshold,
            syndicated: self.syndicated,
            date_order,
            ..CleanOptions::default()
        }
    }
}

/// One output line.
#[derive(Debug, Serialize)]
struct CleanedLine<'a> {
    id: &'a str,
    outlet: &'a str,
    url: Option<&'a str>,
    title: Option<&'a str>,
    published: Option<NaiveDate>,
    language: Option<&'a str>,
    language_source: &'static str,
    topic: Option<&'a str>,
    author: Option<&'a str>,
    text: &'a str,
    removed: &'a [RemovedLine],
    wire_credit: Option<&'a str>,
    syndication_cluster: Option<&'a str>,
    syndicated: bool,
}

impl<'a> From<&'a CleanArticle> for CleanedLine<'a> {
    fn from(c: &'a CleanArticle) -> Self {
        let a = &c.article;
        CleanedLine {
            id: &a.id,
            outlet: &a.outlet,
            url: a.url.as_deref(),
            title: a.title.as_deref(),
            published: a.published,
            language: c.language.as_deref(),
            language_source: c.language_source,
            topic: a.topic.as_deref(),
            author: a.author.as_deref(),
            text: &a.text,
            removed: &c.removed,
            wire_credit: c.wire_credit.as_deref(),
            syndication_cluster: c.syndication_cluster.as_deref(),
            syndicated: c.syndicated,
        }
    }
}

/// Reads the input, cleans it, prints JSON lines.
pub fn run(cli: &Cli, args: &Args) -> Result<()> {
    let lex = super::load_lexicons(cli.lexicons.as_ref())?;
    let opts = IngestOptions {
        column_map: ColumnMap::parse(&args.map)?,
        default_outlet: args.outlet.clone(),
        date_order: args.date_order,
        dates: DateParser::load(&lex.source)?,
    };
    let ingested = if args.input.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .context("reading standard input")?;
        ingest::read_jsonl_bytes("-", &bytes, &opts)
    } else {
        ingest::read_paths(std::slice::from_ref(&args.input), &opts)?
    };
    let cleaned = clean::clean_corpus(ingested.articles, lex, &args.clean.options(args.date_order));
    let stdout = std::io::stdout();
    let mut w = std::io::BufWriter::new(stdout.lock());
    for c in &cleaned.articles {
        serde_json::to_writer(&mut w, &CleanedLine::from(c))?;
        w.write_all(b"\n")?;
    }
    w.flush().context("writing standard output")?;
    let kinds: Vec<String> = cleaned
        .duplicate_kinds()
        .iter()
        .map(|(k, n)| format!("{k} {n}"))
        .collect();
    eprintln!(
        "slant clean: {} articles, {} duplicates{}, {} rejected, of {} input records",
        cleaned.articles.len(),
        cleaned.duplicates.len(),
        if kinds.is_empty() {
            String::new()
        } else {
            format!(" ({})", kinds.join(", "))
        },
        ingested.rejects.len(),
        ingested.input_records
    );
    for r in &ingested.rejects {
        eprintln!("  rejected {}: {} ({})", r.file, r.message, r.reason);
    }
    Ok(())
}
