//! `slant run`: the main batch job.

use std::path::PathBuf;

use anyhow::Result;

use super::Cli;
use crate::aggregate::{AggregateOptions, Period};
use crate::clean::dates::{DateOrder, DateParser};
use crate::ingest::{ColumnMap, IngestOptions};
use crate::pipeline::{self, RunOptions};
use crate::score::ScoreOptions;
use crate::score::sentiment::EngineChoice;

/// Run the whole job on a corpus and write charts, report and tables.
///
/// With no arguments, reads the bundled sample in data/ and writes reports/latest/.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Input file or folder (JSONL/NDJSON, CSV, Parquet, ...). Repeatable. Default: data/
    #[arg(short, long = "input", value_name = "PATH")]
    pub inputs: Vec<PathBuf>,

    /// Output folder (created if missing; existing outputs are replaced).
    #[arg(short, long, value_name = "DIR", default_value = "reports/latest")]
    pub out: PathBuf,

    /// Map a canonical column to an input column, e.g. --map text=body. Repeatable.
    /// Canonical columns: id, outlet, url, published, language, title, text, topic, author.
    #[arg(long = "map", value_name = "CANONICAL=COLUMN")]
    pub map: Vec<String>,

    /// Outlet name for records that carry none.
    #[arg(long, value_name = "NAME")]
    pub outlet: Option<String>,

    /// How to read ambiguous numeric dates such as 9/6/17.
    #[arg(long, value_enum, default_value_t = DateOrder::Mdy)]
    pub date_order: DateOrder,

    /// Sentiment engine family (English: `default` is tuned for news, `vader` is
    /// vaderSentiment 3.3.2 exactly).
    #[arg(long, value_enum, default_value_t = EngineChoice::Default)]
    pub engine: EngineChoice,

    /// Time bucket for the tone-over-time table and chart.
    #[arg(long, value_enum, default_value_t = Period::Month)]
    pub period: Period,

    #[command(flatten)]
    pub clean: super::clean::CleanArgs,
}

/// Runs the job and prints the summary.
pub fn run(cli: &Cli, args: &Args) -> Result<()> {
    let lex = super::load_lexicons(cli.lexicons.as_ref())?;
    let inputs = if args.inputs.is_empty() {
        vec![PathBuf::from("data")]
    } else {
        args.inputs.clone()
    };
    let opts = RunOptions {
        inputs,
        out: args.out.clone(),
        ingest: IngestOptions {
            column_map: ColumnMap::parse(&args.map)?,
            default_outlet: args.outlet.clone(),
            date_order: args.date_order,
            dates: DateParser::load(&lex.source)?,
        },
        clean: args.clean.options(args.date_order),
        score: ScoreOptions {
            engine: args.engine,
        },
        aggregate: AggregateOptions {
            period: args.period,
        },
    };
    let outcome = pipeline::run(&opts, lex)?;
    let m = &outcome.manifest;
    let langs: Vec<String> = m
        .languages
        .iter()
        .map(|(l, n)| format!("{l} {n}"))
        .collect();
    println!(
        "slant {}: {} articles scored from {} outlets ({}); {} rejected, {} duplicates, of {} input records.",
        m.slant_version,
        m.counts.scored,
        m.outlets,
        langs.join(", "),
        m.counts.rejected,
        m.counts.duplicates,
        m.counts.input_records
    );
    if m.counts.rejected > 0 {
        println!(
            "Rejected records and reasons: {}",
            args.out.join("rejects.jsonl").display()
        );
    }
    println!("Report: {}", outcome.report.display());
    Ok(())
}
