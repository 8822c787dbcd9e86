//! Command-line interface: one file per subcommand (xsv style). Each file holds its argument
//! struct (whose doc comments are the `--help` text) and a `run` function that calls the library.

pub mod clean;
pub mod eval;
pub mod quotes;
pub mod run;
pub mod sentiment;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::lexicon::{AttributionLexicons, LexiconSource, Lexicons};

/// slant: media-bias and sentiment analytics for news corpora (English and French).
///
/// Point it at articles from many outlets; get per-outlet tone with confidence intervals, who is
/// quoted and how, topics, actors and wire copy, as PNG charts, a report and tables for R,
/// pandas, polars or DuckDB.
#[derive(Debug, Parser)]
#[command(name = "slant", version, about, long_about, max_term_width = 100)]
pub struct Cli {
    /// Folder whose files replace the built-in lexicons of the same path (same layout as the
    /// repository's lexicons/ folder; new language folders are picked up).
    #[arg(long, global = true, value_name = "DIR")]
    pub lexicons: Option<PathBuf>,

    /// Worker threads for scoring (default: all cores). Results do not depend on it.
    #[arg(long, global = true, value_name = "N")]
    pub threads: Option<usize>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the whole job: ingest, clean, score, aggregate, render (charts, report, tables).
    Run(run::Args),
    /// Score sentiment of one text per line (JSON lines out).
    Sentiment(sentiment::Args),
    /// Extract attributions (quotes, reported speech, "according to") as JSON lines.
    Quotes(quotes::Args),
    /// Print cleaned articles (page clutter removed, with reasons) as JSON lines.
    Clean(clean::Args),
    /// Measure accuracy against annotated sets.
    Eval(eval::Args),
}

/// Loads the lexicons named by the global options, for the rest of the process.
///
/// They are leaked, not dropped: every command loads them once and ends the process soon after,
/// and freeing their ~100,000 allocations one by one cost 13.6 M instructions (4% of
/// `slant sentiment`'s startup) that the exit does for free.
pub fn load_lexicons(dir: Option<&PathBuf>) -> anyhow::Result<&'static Lexicons> {
    Ok(Box::leak(Box::new(Lexicons::load(lexicon_source(dir)?)?)))
}

/// [`load_lexicons`] for the commands that only extract attributions (see
/// [`AttributionLexicons`]).
pub fn load_attribution_lexicons(
    dir: Option<&PathBuf>,
) -> anyhow::Result<&'static AttributionLexicons> {
    Ok(Box::leak(Box::new(AttributionLexicons::load(
        lexicon_source(dir)?,
    )?)))
}

/// The built-in lexicons, or those of the override folder `dir`.
fn lexicon_source(dir: Option<&PathBuf>) -> anyhow::Result<LexiconSource> {
    Ok(match dir {
        Some(d) => LexiconSource::with_override(d)?,
        None => LexiconSource::built_in(),
    })
}

/// Entry point of the binary: parses arguments, runs the subcommand, prints errors with their
/// causes, and returns the exit code (0 success, 1 error, 2 usage).
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(n) = cli.threads
        && let Err(e) = rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global()
    {
        eprintln!("slant: error: --threads {n}: {e}");
        return ExitCode::from(2);
    }
    let result = match &cli.command {
        Command::Run(args) => run::run(&cli, args),
        Command::Sentiment(args) => sentiment::run(&cli, args),
        Command::Quotes(args) => quotes::run(&cli, args),
        Command::Clean(args) => clean::run(&cli, args),
        Command::Eval(args) => eval::run(&cli, args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("slant: error: {e}");
            for cause in e.chain().skip(1) {
                eprintln!("  caused by: {cause}");
            }
            ExitCode::from(1)
        }
    }
}
