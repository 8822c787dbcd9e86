//! Speakers across a corpus: a person named only by a surname in one article ("Biden said",
//! "Zelenskyy added") is the same person another article names in full, when the corpus has
//! exactly one full name ending in that surname.
//!
//! Within an article, [`super::speaker::Registry`] already resolves "Peskov" to "Dmitri
//! Peskov"; but many articles never give the first name, so the outlet × speaker table split
//! one person into "Volodymyr Zelenskyy" and "Zelenskyy" rows. This pass runs once over all
//! scored articles (`slant run`), after scoring and before the tables; `slant quotes`, which
//! reads documents one at a time, does not unify.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Attribution, SourceType};
use crate::text::fold::fold;

/// Replaces each one-word person speaker by the corpus's full name for that surname: the
/// multi-word person speakers whose last word is the same (case- and accent-folded) must all
/// share their first word too ("Joseph Biden", "Joseph R Biden": one person), and the most
/// frequent of them is taken (ties: the first in name order). Ambiguous surnames ("Clinton"
/// where both "Bill Clinton" and "Hillary Clinton" speak) are left alone. Returns how many
/// were renamed. The result does not depend on the order of the articles.
pub fn unify_surnames<'a>(articles: impl Iterator<Item = &'a mut Vec<Attribution>>) -> usize {
    let mut all: Vec<&mut Attribution> = articles.flat_map(|v| v.iter_mut()).collect();
    // Folded surname -> full name -> how many attributions carry it.
    let mut full: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    for a in all.iter() {
        if let Some(name) = person_name(a)
            && let Some((_, last)) = name.rsplit_once(' ')
        {
            *full
                .entry(fold(last))
                .or_default()
                .entry(name.to_string())
                .or_default() += 1;
        }
    }
    let chosen: BTreeMap<String, String> = full
        .into_iter()
        .filter_map(|(surname, names)| {
            let firsts: BTreeSet<String> = names
                .keys()
                .map(|n| fold(n.split(' ').next().unwrap_or_default()))
                .collect();
            let best = names
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                .map(|(n, _)| n.clone())?;
            (firsts.len() == 1).then_some((surname, best))
        })
        .collect();
    let mut renamed = 0;
    for a in all.iter_mut() {
        let Some(name) = person_name(a) else {
            continue;
        };
        if name.contains(' ') {
            continue;
        }
        if let Some(only) = chosen.get(&fold(name)) {
            a.speaker = Some(only.clone());
            renamed += 1;
        }
    }
    renamed
}

/// The speaker of a person attribution, when it has one.
fn person_name(a: &Attribution) -> Option<&str> {
    (a.source_type == SourceType::Person)
        .then_some(a.speaker.as_deref())
        .flatten()
        .filter(|n| !n.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::AttributionKind;
    use crate::text::Span;

    fn att(speaker: &str, kind: SourceType) -> Attribution {
        Attribution {
            kind: AttributionKind::Indirect,
            content: Span::new(0, 1),
            source: None,
            cue: None,
            speaker: Some(speaker.to_string()),
            role: None,
            organization: None,
            verb: None,
            connotation: None,
            source_type: kind,
        }
    }

    #[test]
    fn surname_takes_the_only_full_name_and_ambiguous_ones_stay() {
        let mut docs = [
            vec![
                att("Zelenskyy", SourceType::Person),
                att("Clinton", SourceType::Person),
            ],
            vec![
                att("Volodymyr Zelenskyy", SourceType::Person),
                att("Bill Clinton", SourceType::Person),
                att("Hillary Clinton", SourceType::Person),
                att("Biden", SourceType::Person),
                att("Joseph Biden", SourceType::Person),
                att("Joseph R Biden", SourceType::Person),
                att("Joseph R Biden", SourceType::Person),
            ],
            // An organisation's one-word name is not a surname.
            vec![
                att("Zelenskyy", SourceType::Organization),
                att("ZELENSKYY", SourceType::Person),
            ],
        ];
        assert_eq!(unify_surnames(docs.iter_mut()), 3);
        let names: Vec<Vec<&str>> = docs
            .iter()
            .map(|d| d.iter().map(|a| a.speaker.as_deref().unwrap()).collect())
            .collect();
        assert_eq!(
            names,
            [
                vec!["Volodymyr Zelenskyy", "Clinton"],
                vec![
                    "Volodymyr Zelenskyy",
                    "Bill Clinton",
                    "Hillary Clinton",
                    "Joseph R Biden",
                    "Joseph Biden",
                    "Joseph R Biden",
                    "Joseph R Biden",
                ],
                vec!["Zelenskyy", "Volodymyr Zelenskyy"],
            ]
        );
    }
}
