//! `outlet_entity`: the tone of each outlet's coverage of each known entity.
//!
//! Mentions within one article are not independent (they share the article's framing, and often
//! the same sentence), so the unit of the interval is the article: each article's tone toward an
//! entity is the mean tone of its mentions of it (null tones excluded), and `tone_mean` and its
//! Student-t interval are computed over those article means. `n_mentions` and `n_articles` are
//! both kept so readers see how many mentions stand behind each article.

use std::collections::BTreeMap;

use anyhow::Result;
use polars::prelude::*;
use rustc_hash::FxHashMap;

use super::frame::{self, FrameBuilder, most_common};
use crate::stats::{MeanCi, mean, mean_ci95};

/// Per outlet × entity; borrows its labels from the mentions table's columns.
#[derive(Default)]
struct EntityAcc<'a> {
    names: Vec<&'a str>,
    entity_types: Vec<&'a str>,
    n_mentions: u64,
    n_articles: u64,
    n_in_quote: u64,
    n_tone_null: u64,
    article_tones: Vec<f64>,
}

/// Outlet, entity, article id.
type ArticleKey<'a> = (Option<&'a str>, Option<&'a str>, Option<&'a str>);

/// Per outlet × entity × article: the article's mentions of the entity.
#[derive(Default)]
struct ArticleAcc {
    n_mentions: u64,
    tones: Vec<f64>,
    n_tone_null: u64,
    n_in_quote: u64,
}

/// One row per outlet × entity, sorted by outlet then entity id.
///
/// Grouped in one pass over the mentions in Rust rather than by a polars group-by with list
/// aggregations (names, types, tones) read back as a `String` per mention: that was the
/// longest summary table to compute, on the critical path of the run. Everything taken from a
/// group is order-free (counts; `mean` and `mean_ci95` sort their values; `most_common`
/// counts), so the table is the same whatever order the mentions come in.
pub fn outlet_entity(mentions: &DataFrame) -> Result<DataFrame> {
    let outlet_c = frame::str_column(mentions, "outlet")?;
    let entity_c = frame::str_column(mentions, "entity")?;
    let article_c = frame::str_column(mentions, "article_id")?;
    let tones = frame::f64s(mentions, "tone")?;
    let in_quote = frame::u64s(mentions, "in_quote")?;
    let name_c = frame::str_column(mentions, "name")?;
    let type_c = frame::str_column(mentions, "entity_type")?;

    let mut per_article: FxHashMap<ArticleKey, ArticleAcc> = FxHashMap::default();
    let mut acc: BTreeMap<(NullsLast<'_>, NullsLast<'_>), EntityAcc> = BTreeMap::new();
    let rows = outlet_c
        .str()?
        .iter()
        .zip(entity_c.str()?.iter())
        .zip(article_c.str()?.iter())
        .zip(name_c.str()?.iter())
        .zip(type_c.str()?.iter())
        .zip(tones.iter().zip(&in_quote));
    for (((((outlet, entity), article), name), entity_type), (tone, in_quote)) in rows {
        let pa = per_article.entry((outlet, entity, article)).or_default();
        pa.n_mentions += 1;
        pa.n_in_quote += in_quote;
        match tone {
            Some(t) => pa.tones.push(*t),
            None => pa.n_tone_null += 1,
        }
        let a = acc
            .entry((NullsLast(outlet), NullsLast(entity)))
            .or_default();
        a.names.extend(name);
        a.entity_types.extend(entity_type);
    }
    for ((outlet, entity, _), pa) in &per_article {
        let a = acc
            .get_mut(&(NullsLast(*outlet), NullsLast(*entity)))
            .expect("every article group's outlet × entity was counted");
        a.n_mentions += pa.n_mentions;
        a.n_articles += 1;
        a.n_in_quote += pa.n_in_quote;
        a.n_tone_null += pa.n_tone_null;
        if let Some(m) = mean(&pa.tones) {
            a.article_tones.push(m);
        }
    }
    let tone: Vec<Option<MeanCi>> = acc.values().map(|a| mean_ci95(&a.article_tones)).collect();
    FrameBuilder::new()
        .str(
            "outlet",
            acc.keys().map(|k| k.0.0.map(str::to_string)).collect(),
        )
        .str(
            "entity",
            acc.keys().map(|k| k.1.0.map(str::to_string)).collect(),
        )
        .str(
            "name",
            acc.values().map(|a| most_common(&a.names)).collect(),
        )
        .str(
            "entity_type",
            acc.values().map(|a| most_common(&a.entity_types)).collect(),
        )
        .u64("n_mentions", acc.values().map(|a| a.n_mentions).collect())
        .u64("n_articles", acc.values().map(|a| a.n_articles).collect())
        .u64(
            "n_tone",
            tone.iter().map(|m| m.map_or(0, |m| m.n)).collect(),
        )
        .u64("n_tone_null", acc.values().map(|a| a.n_tone_null).collect())
        .u64("n_in_quote", acc.values().map(|a| a.n_in_quote).collect())
        .mean_ci("tone", &tone)
        .finish()
}

/// An optional string that sorts after every present one (polars' `nulls_last` order).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct NullsLast<'a>(Option<&'a str>);

impl Ord for NullsLast<'_> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        match (&self.0, &other.0) {
            (Some(a), Some(b)) => a.as_bytes().cmp(b.as_bytes()),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        }
    }
}

impl PartialOrd for NullsLast<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
