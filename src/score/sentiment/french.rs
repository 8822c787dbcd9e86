//! SKELETON: engine registered by issue 4.

use super::{EngineChoice, SentimentEngine};
use crate::lexicon::{LexiconError, LexiconSource};
use crate::text::Lang;

/// Adds this module's engines to `engines`.
pub fn register(
    _src: &LexiconSource,
    _engines: &mut Vec<(Lang, EngineChoice, Box<dyn SentimentEngine>)>,
) -> Result<(), LexiconError> {
    Ok(())
}
