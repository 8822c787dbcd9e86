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

use super::frame::{self, FrameBuilder, most_common};
use crate::stats::{MeanCi, mean, mean_ci95};

/// Borrows its labels from the per-article frame's columns: one `String` clone per mention
/// (names, types) and per article (keys) was most of this table's allocations.
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

/// One row per outlet × entity, sorted by outlet then entity id.
pub fn outlet_entity(mentions: &DataFrame) -> Result<DataFrame> {
    let per_article = mentions
        .clone()
        .lazy()
        .group_by([col("outlet"), col("entity"), col("article_id")])
        .agg([
            len().cast(DataType::UInt64).alias("n_mentions"),
            col("tone")
                .cast(DataType::Float64)
                .drop_nulls()
                .alias("tones"),
            col("tone")
                .null_count()
                .cast(DataType::UInt64)
                .alias("n_tone_null"),
            col("in_quote")
                .cast(DataType::UInt64)
                .sum()
                .alias("n_in_quote"),
            col("name").alias("names"),
            col("entity_type").alias("entity_types"),
        ])
        .collect()?;
    let outlets = frame::strs(&per_article, "outlet")?;
    let entities = frame::strs(&per_article, "entity")?;
    let n_mentions = frame::u64s(&per_article, "n_mentions")?;
    let tones = frame::f64_lists(&per_article, "tones")?;
    let n_tone_null = frame::u64s(&per_article, "n_tone_null")?;
    let n_in_quote = frame::u64s(&per_article, "n_in_quote")?;
    let names = frame::str_lists(&per_article, "names")?;
    let types = frame::str_lists(&per_article, "entity_types")?;

    // Second level: per outlet × entity, in key order (BTreeMap), nulls last as in the other
    // tables (`None` sorts first in Rust, so the key wraps it).
    let mut acc: BTreeMap<(NullsLast<'_>, NullsLast<'_>), EntityAcc> = BTreeMap::new();
    for i in 0..per_article.height() {
        let a = acc
            .entry((
                NullsLast(outlets[i].as_deref()),
                NullsLast(entities[i].as_deref()),
            ))
            .or_default();
        a.names.extend(names[i].iter().map(String::as_str));
        a.entity_types.extend(types[i].iter().map(String::as_str));
        a.n_mentions += n_mentions[i];
        a.n_articles += 1;
        a.n_in_quote += n_in_quote[i];
        a.n_tone_null += n_tone_null[i];
        if let Some(m) = mean(&tones[i]) {
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
