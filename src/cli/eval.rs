//! `slant eval`: measure accuracy against annotated sets and print the figures.

use std::path::PathBuf;

use anyhow::Result;

use super::Cli;
use crate::eval::sentiment::GoldFormat;
use crate::score::sentiment::EngineChoice;

/// Measure slant's accuracy against annotated data.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub what: What,
}

#[derive(Debug, clap::Subcommand)]
pub enum What {
    /// Sentiment: prints n, Pearson r, accuracy and macro-F1.
    Sentiment(SentimentArgs),
    /// Attribution on brat standoff annotations (PolNeAR layout): precision, recall, F1 at 30%
    /// and 80% content overlap, speaker accuracy, share without a resolved speaker.
    Quotes(QuotesArgs),
    /// Cleaning on PolNeAR: share of gold attribution spans kept, wire-credit precision and
    /// recall against the metadata, duplicates, removed lines by reason.
    Hygiene(HygieneArgs),
}

#[derive(Debug, clap::Args)]
pub struct HygieneArgs {
    /// PolNeAR folder (metadata.tsv, <split>/text, <split>/attributions).
    #[arg(long, value_name = "DIR")]
    pub gold: PathBuf,
    /// Split to clean: train, dev or all.
    #[arg(long, default_value = "dev")]
    pub split: String,
    #[command(flatten)]
    pub clean: super::clean::CleanArgs,
}

#[derive(Debug, clap::Args)]
pub struct SentimentArgs {
    /// Gold file.
    #[arg(long, value_name = "FILE")]
    pub gold: PathBuf,
    /// Gold format: vader (id, rating, text), newsmtsc (JSON lines with targets), tsv (label,
    /// text; 1/0 labels, 0.5 neutral, or star ratings).
    #[arg(long, value_enum)]
    pub format: GoldFormat,
    /// Language of the texts (default: en for vader/newsmtsc, fr for tsv).
    #[arg(long, value_name = "LANG")]
    pub lang: Option<String>,
    /// Engine to evaluate.
    #[arg(long, value_enum, default_value_t = EngineChoice::Default)]
    pub engine: EngineChoice,
    /// Evaluate the tone-toward-actors model per target (`--format newsmtsc` only) instead of
    /// giving every target its sentence's class.
    #[arg(long)]
    pub targets: bool,
    /// Also compare the engine's neg/neu/pos/compound on every row with golden scores of a
    /// reference implementation (`--format vader` only), e.g. `--engine vader --parity
    /// tests/fixtures/sentiment/vader_golden.tsv` (vaderSentiment 3.3.2): prints how many rows
    /// agree within 1e-3.
    #[arg(long, value_name = "FILE")]
    pub parity: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct QuotesArgs {
    /// Folder with text/*.txt and attributions/*.ann.
    #[arg(long, value_name = "DIR")]
    pub gold: PathBuf,
}

pub fn run(cli: &Cli, args: &Args) -> Result<()> {
    // Each evaluation loads only the lexicons it reads (see `AttributionLexicons`).
    let lex = || super::load_lexicons(cli.lexicons.as_ref());
    match &args.what {
        What::Sentiment(a) => {
            let lex = lex()?;
            let lang = match &a.lang {
                Some(l) => super::sentiment::parse_lang_arg(l)?,
                None => None,
            };
            // Checked before the evaluation, which can take a while on large sets.
            if a.parity.is_some() && (a.format != GoldFormat::Vader || a.targets) {
                anyhow::bail!("--parity needs --format vader (rows with ids) without --targets");
            }
            let e = if a.targets {
                if a.format != GoldFormat::Newsmtsc {
                    anyhow::bail!("--targets needs --format newsmtsc (gold files with targets)");
                }
                crate::eval::sentiment::evaluate_targets(&a.gold, lang, lex)?
            } else {
                crate::eval::sentiment::evaluate(&a.gold, a.format, lang, a.engine, lex)?
            };
            crate::eval::sentiment::print(&e, &a.gold);
            if let Some(golden) = &a.parity {
                let p = crate::eval::sentiment::parity(&a.gold, golden, lang, a.engine, lex)?;
                crate::eval::sentiment::print_parity(&p, golden);
            }
            Ok(())
        }
        What::Quotes(a) => crate::eval::quotes::run(
            &a.gold,
            super::load_attribution_lexicons(cli.lexicons.as_ref())?,
        ),
        What::Hygiene(a) => {
            let lex = lex()?;
            let opts = a.clean.options(Default::default());
            let e = crate::eval::hygiene::evaluate_polnear(&a.gold, &a.split, lex, &opts)?;
            crate::eval::hygiene::print(&e, &a.gold, &a.split);
            Ok(())
        }
    }
}
