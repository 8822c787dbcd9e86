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

use rustc_hash::FxHashMap;

use crate::model::{Attribution, SourceType};
use crate::text::fold::fold;

/// Replaces each one-word person speaker by the corpus's full name for that surname: the
/// multi-word person speakers whose last word is the same (case- and accent-folded) must all
/// share their first word too ("Joseph Biden", "Joseph R Biden": one person), and the most
/// frequent of them is taken (ties: the first in name order). The other full forms take it
/// too when they differ by one set of middle initials at most ("Joseph Biden" → "Joseph R
/// Biden"; "George W Bush" and "George H W Bush" stay apart). Ambiguous surnames ("Clinton"
/// where both "Bill Clinton" and "Hillary Clinton" speak) are left alone. First words are
/// compared through `given_names` (folded short form → folded full form: "Joe Biden" and
/// "Joseph R Biden" share "joseph"). Where a surname has several first names, a speaker with
/// a role takes the full name of the persons of that surname and role, by the same rules
/// ("Biden" with role president → "Joseph R Biden" beside "First Lady Jill Biden"). Returns
/// how many were renamed. The result does not depend on the order of the articles.
pub fn unify_surnames<'a>(
    articles: impl Iterator<Item = &'a mut Vec<Attribution>>,
    given_names: &FxHashMap<String, String>,
) -> usize {
    let mut all: Vec<&mut Attribution> = articles.flat_map(|v| v.iter_mut()).collect();
    // Each distinct speaker name and role is folded and looked up once, not once per
    // attribution: person attributions as (name id, role id), names and roles interned.
    let mut names = Interner::default();
    let mut roles = Interner::default();
    let ids: Vec<Option<(u32, Option<u32>)>> = all
        .iter()
        .map(|a| {
            let name = person_name(a)?;
            Some((names.id(name), a.role.as_deref().map(|r| roles.id(r))))
        })
        .collect();
    let mut per_name = vec![0usize; names.len()];
    let mut per_name_role: FxHashMap<(u32, u32), usize> = FxHashMap::default();
    for &(n, r) in ids.iter().flatten() {
        per_name[n as usize] += 1;
        if let Some(r) = r {
            *per_name_role.entry((n, r)).or_default() += 1;
        }
    }
    let surnames: Vec<String> = names
        .all
        .iter()
        .map(|n| fold(n.rsplit(' ').next().unwrap_or(n)))
        .collect();
    let folded_roles: Vec<String> = roles.all.iter().map(|r| fold(r)).collect();
    // Folded surname -> full name -> how many attributions carry it; the same per folded role
    // too ("president"), for surnames two persons share.
    let mut full: BTreeMap<&str, BTreeMap<&str, usize>> = BTreeMap::new();
    let mut full_by_role: BTreeMap<(&str, &str), BTreeMap<&str, usize>> = BTreeMap::new();
    for (n, name) in names.all.iter().enumerate() {
        if name.contains(' ') {
            *full
                .entry(surnames[n].as_str())
                .or_default()
                .entry(name.as_str())
                .or_default() += per_name[n];
        }
    }
    for (&(n, r), &count) in &per_name_role {
        let name = names.all[n as usize].as_str();
        if name.contains(' ') {
            *full_by_role
                .entry((
                    surnames[n as usize].as_str(),
                    folded_roles[r as usize].as_str(),
                ))
                .or_default()
                .entry(name)
                .or_default() += count;
        }
    }
    let choose = |names: &BTreeMap<&str, usize>| -> Option<(String, bool)> {
        let firsts: BTreeSet<String> = names
            .keys()
            .map(|n| {
                let first = fold(n.split(' ').next().unwrap_or_default());
                given_names.get(&first).cloned().unwrap_or(first)
            })
            .collect();
        // "Joseph Biden" and "Joseph R Biden" are one person; "George W Bush" and "George H W
        // Bush" are not: full forms merge when at most one set of initials occurs.
        let initials: BTreeSet<String> = names
            .keys()
            .map(|n| middle_initials(n))
            .filter(|i| !i.is_empty())
            .collect();
        let best = names
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map(|(n, _)| n.to_string())?;
        (firsts.len() == 1).then_some((best, initials.len() <= 1))
    };
    // Surname -> (the chosen full name, whether its other full forms may take it too).
    let chosen: BTreeMap<&str, (String, bool)> = full
        .iter()
        .filter_map(|(&surname, names)| Some((surname, choose(names)?)))
        .collect();
    let chosen_by_role: BTreeMap<(&str, &str), (String, bool)> = full_by_role
        .iter()
        .filter(|((surname, _), _)| !chosen.contains_key(surname))
        .filter_map(|(&k, names)| Some((k, choose(names)?)))
        .collect();
    // The new speaker of each (name, role), decided once.
    let mut decided: FxHashMap<(u32, Option<u32>), Option<&str>> = FxHashMap::default();
    let mut renamed = 0;
    for (a, id) in all.iter_mut().zip(&ids) {
        let Some((n, r)) = *id else {
            continue;
        };
        let new = *decided.entry((n, r)).or_insert_with(|| {
            let name = names.all[n as usize].as_str();
            let surname = surnames[n as usize].as_str();
            // A surname two persons share ("Joseph R Biden", "Jill Biden") is resolved by the
            // speaker's role, when the persons of that surname and role share one first name.
            let by_role = || chosen_by_role.get(&(surname, folded_roles[r? as usize].as_str()));
            let (only, merge_full) = chosen.get(surname).or_else(by_role)?;
            (name != only && (!name.contains(' ') || *merge_full)).then_some(only.as_str())
        });
        if let Some(only) = new {
            a.speaker = Some(only.to_string());
            renamed += 1;
        }
    }
    renamed
}

/// Distinct strings, numbered in order of first sight.
#[derive(Default)]
struct Interner {
    all: Vec<String>,
    index: FxHashMap<String, u32>,
}

impl Interner {
    fn id(&mut self, s: &str) -> u32 {
        if let Some(&i) = self.index.get(s) {
            return i;
        }
        let i = self.all.len() as u32;
        self.all.push(s.to_string());
        self.index.insert(s.to_string(), i);
        i
    }

    fn len(&self) -> usize {
        self.all.len()
    }
}

/// The one-letter words between a full name's first and last ("Joseph R Biden" → "r").
fn middle_initials(name: &str) -> String {
    let words: Vec<&str> = name.split(' ').collect();
    if words.len() < 3 {
        return String::new();
    }
    words[1..words.len() - 1]
        .iter()
        .filter(|w| w.chars().count() == 1)
        .map(|w| fold(w))
        .collect()
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

    fn speakers_of(doc: &[Attribution]) -> Vec<&str> {
        doc.iter().map(|a| a.speaker.as_deref().unwrap()).collect()
    }

    #[test]
    fn full_names_with_different_initials_stay_apart() {
        let mut docs = [vec![
            att("George W Bush", SourceType::Person),
            att("George W Bush", SourceType::Person),
            att("George H W Bush", SourceType::Person),
            att("George Bush", SourceType::Person),
            att("Bush", SourceType::Person),
        ]];
        assert_eq!(unify_surnames(docs.iter_mut(), &Default::default()), 1);
        let names = speakers_of(&docs[0]);
        assert_eq!(
            names,
            [
                "George W Bush",
                "George W Bush",
                "George H W Bush",
                "George Bush",
                "George W Bush"
            ]
        );
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
        assert_eq!(unify_surnames(docs.iter_mut(), &Default::default()), 4);
        let names: Vec<Vec<&str>> = docs.iter().map(|d| speakers_of(d)).collect();
        assert_eq!(
            names,
            [
                vec!["Volodymyr Zelenskyy", "Clinton"],
                vec![
                    "Volodymyr Zelenskyy",
                    "Bill Clinton",
                    "Hillary Clinton",
                    "Joseph R Biden",
                    "Joseph R Biden",
                    "Joseph R Biden",
                    "Joseph R Biden",
                ],
                vec!["Zelenskyy", "Volodymyr Zelenskyy"],
            ]
        );
    }

    #[test]
    fn a_short_given_name_is_the_full_one() {
        let mut docs = [vec![
            att("Joe Biden", SourceType::Person),
            att("Joseph R Biden", SourceType::Person),
            att("Joseph R Biden", SourceType::Person),
            att("Biden", SourceType::Person),
        ]];
        // Without the short forms, "Joe" and "Joseph" are two first names: nothing merges.
        assert_eq!(unify_surnames(docs.iter_mut(), &Default::default()), 0);
        let forms = [("joe".to_string(), "joseph".to_string())]
            .into_iter()
            .collect();
        assert_eq!(unify_surnames(docs.iter_mut(), &forms), 2);
        assert!(
            docs[0]
                .iter()
                .all(|a| a.speaker.as_deref() == Some("Joseph R Biden"))
        );
    }

    #[test]
    fn a_shared_surname_is_resolved_by_role() {
        let with_role = |name: &str, role: &str| Attribution {
            role: Some(role.to_string()),
            ..att(name, SourceType::Person)
        };
        let mut docs = [vec![
            with_role("Joseph R Biden", "president"),
            with_role("Jill Biden", "first lady"),
            with_role("Biden", "President"),
            att("Biden", SourceType::Person),
        ]];
        // Two first names for "Biden": the president's "Biden" takes the president's full
        // name; a "Biden" with no role stays as it is.
        assert_eq!(unify_surnames(docs.iter_mut(), &Default::default()), 1);
        let names = speakers_of(&docs[0]);
        assert_eq!(
            names,
            ["Joseph R Biden", "Jill Biden", "Joseph R Biden", "Biden"]
        );
    }
}
