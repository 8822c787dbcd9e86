//! Quote-level tables: who is quoted (`outlet_speaker`) and how (`outlet_source_types`,
//! `outlet_connotation`), plus the per-group quote profile the article tables append.
//!
//! The unit is the attribution (one row of `tables/quotes`). Quotes from one article are not
//! independent, so Wilson intervals on quote shares are narrower than a cluster-aware interval
//! would be; `CODEBOOK.md` says so.

use std::collections::{BTreeMap, BTreeSet};

use anyhow::Result;
use polars::prelude::*;

use super::frame::{self, FrameBuilder, key_rows, most_common, per_1k, ratio};
use super::{CONNOTATIONS, DIRECT_KINDS};

/// Counts over the quotes of one group.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct QuoteProfile {
    pub n_quotes: u64,
    pub n_direct: u64,
    pub n_no_speaker: u64,
    /// Quotes per connotation, in [`CONNOTATIONS`] order.
    pub connotation: [u64; 6],
}

impl QuoteProfile {
    /// Quotes whose reporting verb has one of the six connotations.
    pub fn n_verb(&self) -> u64 {
        self.connotation.iter().sum()
    }
}

fn is_direct() -> Expr {
    col("kind")
        .eq(lit(DIRECT_KINDS[0]))
        .or(col("kind").eq(lit(DIRECT_KINDS[1])))
}

fn profile_aggs() -> Vec<Expr> {
    let mut aggs = vec![
        len().cast(DataType::UInt64).alias("n_quotes"),
        is_direct().cast(DataType::UInt64).sum().alias("n_direct"),
        col("speaker")
            .null_count()
            .cast(DataType::UInt64)
            .alias("n_no_speaker"),
    ];
    for c in CONNOTATIONS {
        aggs.push(
            col("connotation")
                .eq(lit(c))
                .cast(DataType::UInt64)
                .sum()
                .alias(format!("n_{c}")),
        );
    }
    aggs
}

fn profiles_of(g: &DataFrame) -> Result<Vec<QuoteProfile>> {
    let n_quotes = frame::u64s(g, "n_quotes")?;
    let n_direct = frame::u64s(g, "n_direct")?;
    let n_no_speaker = frame::u64s(g, "n_no_speaker")?;
    let conn: Vec<Vec<u64>> = CONNOTATIONS
        .iter()
        .map(|c| frame::u64s(g, &format!("n_{c}")))
        .collect::<Result<_>>()?;
    Ok((0..g.height())
        .map(|i| QuoteProfile {
            n_quotes: n_quotes[i],
            n_direct: n_direct[i],
            n_no_speaker: n_no_speaker[i],
            connotation: std::array::from_fn(|j| conn[j][i]),
        })
        .collect())
}

/// The quote profile of every group of `quotes` by the string columns `keys`.
pub fn quote_profiles(
    quotes: &DataFrame,
    keys: &[&str],
) -> Result<BTreeMap<Vec<Option<String>>, QuoteProfile>> {
    let g = quotes
        .clone()
        .lazy()
        .group_by(keys.iter().map(|k| col(*k)).collect::<Vec<_>>())
        .agg(profile_aggs())
        .collect()?;
    Ok(key_rows(&g, keys)?
        .into_iter()
        .zip(profiles_of(&g)?)
        .collect())
}

/// One row per outlet × resolved speaker (quotes with no resolved speaker are left out here but
/// count in the outlet's total), ranked within the outlet by quote count (ties: by name).
pub fn outlet_speaker(quotes: &DataFrame, articles: &DataFrame) -> Result<DataFrame> {
    let mut aggs = profile_aggs();
    aggs.extend([
        col("article_id")
            .n_unique()
            .cast(DataType::UInt64)
            .alias("n_articles"),
        col("source_type").alias("source_types"),
        col("role").drop_nulls().alias("roles"),
        col("organization").drop_nulls().alias("organizations"),
    ]);
    let g = quotes
        .clone()
        .lazy()
        .filter(col("speaker").is_not_null())
        .group_by([col("outlet"), col("speaker")])
        .agg(aggs)
        .sort_by_exprs(
            [col("outlet"), col("n_quotes"), col("speaker")],
            SortMultipleOptions::default().with_order_descending_multi([false, true, false]),
        )
        .collect()?;
    let outlet_quotes: BTreeMap<Option<String>, u64> = {
        let t = quotes
            .clone()
            .lazy()
            .group_by([col("outlet")])
            .agg([len().cast(DataType::UInt64).alias("n")])
            .collect()?;
        frame::strs(&t, "outlet")?
            .into_iter()
            .zip(frame::u64s(&t, "n")?)
            .collect()
    };
    let outlet_words: BTreeMap<Option<String>, u64> = {
        let t = articles
            .clone()
            .lazy()
            .group_by([col("outlet")])
            .agg([col("n_words").cast(DataType::UInt64).sum().alias("n")])
            .collect()?;
        frame::strs(&t, "outlet")?
            .into_iter()
            .zip(frame::u64s(&t, "n")?)
            .collect()
    };

    let outlets = frame::strs(&g, "outlet")?;
    let profiles = profiles_of(&g)?;
    let mut rank = Vec::with_capacity(g.height());
    for (i, o) in outlets.iter().enumerate() {
        let r = if i > 0 && outlets[i - 1] == *o {
            rank[i - 1] + 1
        } else {
            1
        };
        rank.push(r);
    }
    let n_quotes: Vec<u64> = profiles.iter().map(|p| p.n_quotes).collect();
    let n_direct: Vec<u64> = profiles.iter().map(|p| p.n_direct).collect();
    let totals: Vec<u64> = outlets
        .iter()
        .map(|o| outlet_quotes.get(o).copied().unwrap_or(0))
        .collect();
    let modes = |name: &str| -> Result<Vec<Option<String>>> {
        Ok(frame::str_lists(&g, name)?
            .iter()
            .map(|v| most_common(v))
            .collect())
    };
    let mut b = FrameBuilder::new()
        .str("outlet", outlets.clone())
        .str("speaker", frame::strs(&g, "speaker")?)
        .u64("rank", rank)
        .u64("n_quotes", n_quotes.clone())
        .u64("n_articles", frame::u64s(&g, "n_articles")?)
        .share_ci("voice", &n_quotes, &totals)
        .f64(
            "quotes_per_1k_words",
            outlets
                .iter()
                .zip(&n_quotes)
                .map(|(o, &q)| per_1k(q, outlet_words.get(o).copied().unwrap_or(0)))
                .collect(),
        )
        .u64("n_direct", n_direct.clone())
        .share_ci("direct", &n_direct, &n_quotes)
        .str("source_type", modes("source_types")?)
        .str("role", modes("roles")?)
        .str("organization", modes("organizations")?)
        .u64("n_verb", profiles.iter().map(|p| p.n_verb()).collect());
    for (j, c) in CONNOTATIONS.iter().enumerate() {
        b = b.f64(
            &format!("{c}_share"),
            profiles
                .iter()
                .map(|p| ratio(p.connotation[j], p.n_verb()))
                .collect(),
        );
    }
    b.finish()
}

/// One row per outlet × category of `column` (`source_type` or `connotation`): every category
/// of `known` in that order (zero counts included), then any other value found, alphabetically.
/// Quotes where `column` is null are left out of the denominator (for connotation: quotes with
/// no reporting verb, such as "according to"). Outlets with no such quote have no rows.
pub fn outlet_category_mix(quotes: &DataFrame, column: &str, known: &[&str]) -> Result<DataFrame> {
    let g = quotes
        .clone()
        .lazy()
        .filter(col(column).is_not_null())
        .group_by([col("outlet"), col(column)])
        .agg([len().cast(DataType::UInt64).alias("n")])
        .collect()?;
    let mut counts: BTreeMap<String, BTreeMap<String, u64>> = BTreeMap::new();
    for ((o, c), n) in frame::strs(&g, "outlet")?
        .into_iter()
        .zip(frame::strs(&g, column)?)
        .zip(frame::u64s(&g, "n")?)
    {
        if let (Some(o), Some(c)) = (o, c) {
            counts.entry(o).or_default().insert(c, n);
        }
    }
    let (mut outlet, mut category, mut k, mut n) = (vec![], vec![], vec![], vec![]);
    for (o, by_cat) in &counts {
        let total: u64 = by_cat.values().sum();
        let extra: BTreeSet<&String> = by_cat
            .keys()
            .filter(|c| !known.contains(&c.as_str()))
            .collect();
        let cats = known
            .iter()
            .map(|c| c.to_string())
            .chain(extra.into_iter().cloned());
        for c in cats {
            outlet.push(Some(o.clone()));
            k.push(by_cat.get(&c).copied().unwrap_or(0));
            category.push(Some(c));
            n.push(total);
        }
    }
    FrameBuilder::new()
        .str("outlet", outlet)
        .str(column, category)
        .u64("n_quotes", k.clone())
        .u64("n_total", n.clone())
        .share_ci("", &k, &n)
        .finish()
}
