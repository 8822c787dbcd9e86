//! Source attribution: who is quoted, how, and in whose words (issue 5).
//!
//! One linear pass over the shared tokens of an [`Analysis`] finds direct quotes, reported
//! speech and "according to" constructions, then resolves speakers within the article.

use crate::lexicon::{LexiconError, LexiconSource};
use crate::model::Attribution;
use crate::text::Analysis;

/// Reporting verbs, cue phrases, titles and source-type lists for every language.
pub struct AttributionLexicon {}

impl AttributionLexicon {
    /// SKELETON: replaced by issue 5's lexicons.
    pub fn load(_src: &LexiconSource) -> Result<Self, LexiconError> {
        Ok(AttributionLexicon {})
    }
}

/// All attributions in `a`, in text order. SKELETON: replaced by issue 5's extractor.
pub fn extract(_a: &Analysis, _lex: &AttributionLexicon) -> Vec<Attribution> {
    Vec::new()
}
