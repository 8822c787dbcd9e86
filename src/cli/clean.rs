//! `slant clean`: cleaned articles as JSON lines. SKELETON: issue 6.

use std::path::PathBuf;

use anyhow::Result;

use super::Cli;

/// Print cleaned articles (page clutter removed, with reasons) as JSON lines.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Input file (any format slant reads), or - for JSON lines on standard input.
    #[arg(value_name = "FILE|-", default_value = "-")]
    pub input: PathBuf,
}

pub fn run(_cli: &Cli, _args: &Args) -> Result<()> {
    anyhow::bail!("slant clean is not available yet")
}
