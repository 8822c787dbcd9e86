//! `slant quotes`: attributions of each document as JSON lines. SKELETON: issue 5.

use std::path::PathBuf;

use anyhow::Result;

use super::Cli;

/// Find who is quoted, how, and in whose words.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Language of the documents: en, fr, or auto.
    #[arg(long, default_value = "auto", value_name = "en|fr|auto")]
    pub lang: String,
    /// Input: JSON lines {"id", "text"} or a plain text file (one document); - for stdin.
    #[arg(value_name = "FILE|-", default_value = "-")]
    pub input: PathBuf,
}

pub fn run(_cli: &Cli, _args: &Args) -> Result<()> {
    anyhow::bail!("slant quotes is not available yet")
}
