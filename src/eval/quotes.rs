//! `slant eval quotes`: attribution accuracy on brat standoff annotations (PolNeAR layout).
//! SKELETON: implemented with issue 5.

use std::path::Path;

use anyhow::Result;

use crate::lexicon::Lexicons;

/// Scores slant's attributions against the gold folder and prints the figures.
pub fn run(_gold: &Path, _lex: &Lexicons) -> Result<()> {
    anyhow::bail!("slant eval quotes is not available yet")
}
