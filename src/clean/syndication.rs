//! Wire copy and syndication: what a near-duplicate cluster means.
//!
//! - Copies of one story **within one outlet** count once: the earliest is kept, the others are
//!   duplicates of kind `near_duplicate` (whatever `--syndicated` says).
//! - Copies **across outlets** are syndication. The cluster's earliest copy (earliest
//!   `published`, undated last, then input order) is the original; every other outlet's copy
//!   is flagged `syndicated` (`--syndicated count-once`, the default) or dropped and counted as
//!   a duplicate of kind `syndicated_excluded` (`--syndicated exclude`). Each member becomes a
//!   row of `tables/syndication`.
//! - A text crediting a wire agency ("(AP) —", "avec AFP") carries `wire_credit`, the signal
//!   media monitors rely on most to spot agency copy even when only one outlet in the corpus
//!   ran it.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::boilerplate::{WireLexicon, line_core};
use super::dedup::NearDuplicates;
use super::{CleanOptions, SyndicatedMode};
use crate::model::{CleanArticle, Duplicate, RemovedLine, SyndicationRow};

/// The wire agency credited by an article: in its cleaned text (dateline tag, end credit), else
/// in a credit line cleaning removed ("(avec AFP)", "(Reporting by …)"), whose own text names
/// the agency when no pattern does.
pub fn wire_credit(text: &str, removed: &[RemovedLine], wire: &WireLexicon) -> Option<String> {
    if let Some(c) = wire.credit(text) {
        return Some(c);
    }
    let line = removed.iter().find(|r| r.reason == "wire_credit")?;
    wire.credit(&line.text).or_else(|| {
        let bare = line_core(line.text.trim_matches(['(', ')', ' ']))
            .trim_start_matches(['-', '—', '–', ' ']);
        (!bare.is_empty()).then(|| bare.to_string())
    })
}

/// Articles after cluster resolution, the duplicates it found, and the syndication rows.
#[derive(Debug, Default)]
pub struct Outcome {
    pub articles: Vec<CleanArticle>,
    pub duplicates: Vec<Duplicate>,
    pub rows: Vec<SyndicationRow>,
}

/// Sort key for "earliest copy": dated before undated, then date, then input order.
fn age(published: Option<NaiveDate>, index: usize) -> (bool, Option<NaiveDate>, usize) {
    (published.is_none(), published, index)
}

/// Applies the near-duplicate clusters to the cleaned articles (same order and length as
/// the texts `near` was built from).
pub fn resolve(articles: Vec<CleanArticle>, near: &NearDuplicates, opts: &CleanOptions) -> Outcome {
    let n = articles.len();
    let mut clusters: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..n {
        clusters.entry(near.cluster_of[i]).or_default().push(i);
    }
    let mut drop_as: Vec<Option<Duplicate>> = vec![None; n];
    let mut flags: Vec<Option<(String, bool)>> = vec![None; n];
    let mut rows = Vec::new();
    for members in clusters.values().filter(|m| m.len() > 1) {
        let key = |i: usize| age(articles[i].article.published, i);
        // One copy per outlet: its earliest.
        let mut per_outlet: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for &i in members {
            per_outlet
                .entry(articles[i].article.outlet.as_str())
                .or_default()
                .push(i);
        }
        let mut kept = Vec::new();
        let mut repeats = Vec::new();
        for copies in per_outlet.values() {
            let keep = *copies.iter().min_by_key(|&&i| key(i)).expect("non-empty");
            kept.push(keep);
            for &i in copies.iter().filter(|&&i| i != keep) {
                repeats.push(i);
                drop_as[i] = Some(super::duplicate(
                    &articles[i].article,
                    &articles[keep].article.id,
                    "near_duplicate",
                    Some(near.similarity(i, keep)),
                ));
            }
        }
        if kept.len() < 2 {
            continue;
        }
        let original = *kept.iter().min_by_key(|&&i| key(i)).expect("non-empty");
        let cluster_id = articles[original].article.id.clone();
        let earliest_outlet = articles[original].article.outlet.clone();
        let mut all: Vec<usize> = kept.iter().chain(&repeats).copied().collect();
        all.sort_unstable();
        for i in all {
            let a = &articles[i];
            let is_original = i == original;
            let status = if drop_as[i].is_some() {
                "near_duplicate"
            } else if !is_original && opts.syndicated == SyndicatedMode::Exclude {
                drop_as[i] = Some(super::duplicate(
                    &a.article,
                    &articles[original].article.id,
                    "syndicated_excluded",
                    Some(near.similarity(i, original)),
                ));
                "syndicated_excluded"
            } else {
                flags[i] = Some((cluster_id.clone(), !is_original));
                "scored"
            };
            rows.push(SyndicationRow {
                cluster_id: cluster_id.clone(),
                article_id: a.article.id.clone(),
                outlet: a.article.outlet.clone(),
                published: a.article.published,
                earliest_outlet: earliest_outlet.clone(),
                is_original,
                similarity: if is_original {
                    1.0
                } else {
                    near.similarity(i, original)
                },
                wire_credit: a.wire_credit.clone(),
                status,
            });
        }
    }
    let mut out = Outcome {
        rows,
        ..Default::default()
    };
    for (i, mut a) in articles.into_iter().enumerate() {
        if let Some(d) = drop_as[i].take() {
            out.duplicates.push(d);
            continue;
        }
        if let Some((cluster, syndicated)) = flags[i].take() {
            a.syndication_cluster = Some(cluster);
            a.syndicated = syndicated;
        }
        out.articles.push(a);
    }
    out
}
