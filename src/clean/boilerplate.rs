//! Page clutter: share buttons, consent notices, ads, disclaimers, related-article lists.
//! SKELETON: patterns from `lexicons/boilerplate/` arrive with issue 6.

use crate::lexicon::{LexiconError, LexiconSource};

/// Boilerplate patterns per language.
#[derive(Debug, Clone, Default)]
pub struct BoilerplateLexicon {}

impl BoilerplateLexicon {
    pub fn load(_src: &LexiconSource) -> Result<Self, LexiconError> {
        Ok(BoilerplateLexicon {})
    }
}
