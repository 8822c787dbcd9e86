//! Article-level tables: `outlet_summary`, `outlet_topic`, `timeseries`.
//!
//! The unit is the article: tone is the mean of article `compound` scores (articles whose
//! compound is null are excluded from the mean and counted in `n_tone_null`); quote counts are
//! sums of the per-article counts the scorer wrote (`n_quotes`, `n_direct`, `n_anonymous`), so
//! articles with no quote count in `quotes_per_article` and `quotes_per_1k_words`.

use std::collections::BTreeMap;

use anyhow::Result;
use polars::prelude::*;

use super::frame::{self, FrameBuilder, key_rows, per_1k, ratio};
use super::period::{bucket_label, bucket_start, date_of, days_of};
use super::quotes::{QuoteProfile, quote_profiles};
use super::{CONNOTATIONS, Period};
use crate::stats::{MeanCi, mean_ci95};

/// Groups `articles` by `keys` and collects what every article table needs.
fn grouped(articles: LazyFrame, keys: &[&str]) -> Result<DataFrame> {
    let count = |c: &str| col(c).cast(DataType::UInt64).sum().alias(c);
    Ok(articles
        .group_by(keys.iter().map(|k| col(*k)).collect::<Vec<_>>())
        .agg([
            len().cast(DataType::UInt64).alias("n_articles"),
            col("compound")
                .cast(DataType::Float64)
                .drop_nulls()
                .alias("tone_values"),
            col("compound")
                .null_count()
                .cast(DataType::UInt64)
                .alias("n_tone_null"),
            count("n_words"),
            count("n_quotes"),
            count("n_direct"),
            count("n_anonymous"),
            col("syndicated")
                .cast(DataType::UInt64)
                .sum()
                .alias("n_syndicated"),
            col("wire_credit")
                .is_not_null()
                .cast(DataType::UInt64)
                .sum()
                .alias("n_wire_credit"),
            col("published")
                .is_null()
                .cast(DataType::UInt64)
                .sum()
                .alias("n_undated"),
            col("published").min().alias("first_published"),
            col("published").max().alias("last_published"),
        ])
        .sort(
            keys.iter().map(|k| k.to_string()).collect::<Vec<_>>(),
            SortMultipleOptions::default().with_nulls_last(true),
        )
        .collect()?)
}

/// Adds the columns every article table shares, from a frame made by [`grouped`].
fn article_columns(mut b: FrameBuilder, g: &DataFrame) -> Result<FrameBuilder> {
    let n_articles = frame::u64s(g, "n_articles")?;
    let tone: Vec<Option<MeanCi>> = frame::f64_lists(g, "tone_values")?
        .iter()
        .map(|v| mean_ci95(v))
        .collect();
    let n_words = frame::u64s(g, "n_words")?;
    let n_quotes = frame::u64s(g, "n_quotes")?;
    let n_direct = frame::u64s(g, "n_direct")?;
    let n_anonymous = frame::u64s(g, "n_anonymous")?;
    b = b
        .u64("n_articles", n_articles.clone())
        .u64(
            "n_tone",
            tone.iter().map(|m| m.map_or(0, |m| m.n)).collect(),
        )
        .u64("n_tone_null", frame::u64s(g, "n_tone_null")?)
        .mean_ci("tone", &tone)
        .u64("n_words", n_words.clone())
        .u64("n_quotes", n_quotes.clone())
        .f64(
            "quotes_per_article",
            n_quotes
                .iter()
                .zip(&n_articles)
                .map(|(&q, &a)| ratio(q, a))
                .collect(),
        )
        .f64(
            "quotes_per_1k_words",
            n_quotes
                .iter()
                .zip(&n_words)
                .map(|(&q, &w)| per_1k(q, w))
                .collect(),
        )
        .u64("n_direct", n_direct.clone())
        .share_ci("direct", &n_direct, &n_quotes)
        .u64("n_anonymous", n_anonymous.clone())
        .share_ci("anonymous", &n_anonymous, &n_quotes);
    Ok(b)
}

/// Adds the quote-table profile columns (reporting-verb connotation shares, share of quotes
/// with no resolved speaker) for each row's key.
fn profile_columns(
    mut b: FrameBuilder,
    keys: &[Vec<Option<String>>],
    profiles: &BTreeMap<Vec<Option<String>>, QuoteProfile>,
) -> FrameBuilder {
    let empty = QuoteProfile::default();
    let rows: Vec<&QuoteProfile> = keys
        .iter()
        .map(|k| profiles.get(k).unwrap_or(&empty))
        .collect();
    b = b
        .u64(
            "n_no_speaker",
            rows.iter().map(|p| p.n_no_speaker).collect(),
        )
        .f64(
            "no_speaker_share",
            rows.iter()
                .map(|p| ratio(p.n_no_speaker, p.n_quotes))
                .collect(),
        )
        .u64("n_verb", rows.iter().map(|p| p.n_verb()).collect());
    for (i, c) in CONNOTATIONS.iter().enumerate() {
        b = b.f64(
            &format!("{c}_share"),
            rows.iter()
                .map(|p| ratio(p.connotation[i], p.n_verb()))
                .collect(),
        );
    }
    b
}

/// One row per outlet: tone, quoting, syndication, dates, verb connotation.
pub fn outlet_summary(articles: &DataFrame, quotes: &DataFrame) -> Result<DataFrame> {
    let g = grouped(articles.clone().lazy(), &["outlet"])?;
    let keys = key_rows(&g, &["outlet"])?;
    let profiles = quote_profiles(quotes, &["outlet"])?;
    let n_articles = frame::u64s(&g, "n_articles")?;
    let n_syndicated = frame::u64s(&g, "n_syndicated")?;
    let n_wire = frame::u64s(&g, "n_wire_credit")?;
    let b = FrameBuilder::new().str("outlet", frame::strs(&g, "outlet")?);
    let b = article_columns(b, &g)?
        .u64("n_syndicated", n_syndicated.clone())
        .share_ci("syndicated", &n_syndicated, &n_articles)
        .u64("n_wire_credit", n_wire.clone())
        .f64(
            "wire_credit_share",
            n_wire
                .iter()
                .zip(&n_articles)
                .map(|(&k, &n)| ratio(k, n))
                .collect(),
        )
        .u64("n_undated", frame::u64s(&g, "n_undated")?)
        .date("first_published", frame::days(&g, "first_published")?)?
        .date("last_published", frame::days(&g, "last_published")?)?;
    profile_columns(b, &keys, &profiles).finish()
}

/// One row per outlet × topic (topic null: articles with no topic, sorted last).
pub fn outlet_topic(articles: &DataFrame, quotes: &DataFrame) -> Result<DataFrame> {
    let g = grouped(articles.clone().lazy(), &["outlet", "topic"])?;
    let keys = key_rows(&g, &["outlet", "topic"])?;
    let profiles = quote_profiles(quotes, &["outlet", "topic"])?;
    let b = FrameBuilder::new()
        .str("outlet", frame::strs(&g, "outlet")?)
        .str("topic", frame::strs(&g, "topic")?);
    let b = article_columns(b, &g)?;
    profile_columns(b, &keys, &profiles).finish()
}

/// One row per outlet × period with at least one dated article; undated articles are left out
/// (`outlet_summary.n_undated` counts them).
pub fn timeseries(articles: &DataFrame, period: Period) -> Result<DataFrame> {
    let starts: Vec<Option<i32>> = frame::days(articles, "published")?
        .into_iter()
        .map(|d| {
            d.and_then(date_of)
                .map(|d| days_of(bucket_start(d, period)))
        })
        .collect();
    let mut with_period = articles.clone();
    with_period.with_column(Column::new("period_start".into(), starts).cast(&DataType::Date)?)?;
    let with_period = with_period.lazy().filter(col("period_start").is_not_null());
    let g = grouped(with_period, &["outlet", "period_start"])?;
    let start_days = frame::days(&g, "period_start")?;
    let labels: Vec<Option<String>> = start_days
        .iter()
        .map(|d| d.and_then(date_of).map(|d| bucket_label(d, period)))
        .collect();
    let b = FrameBuilder::new()
        .str("outlet", frame::strs(&g, "outlet")?)
        .str("period", labels)
        .date("period_start", start_days)?;
    article_columns(b, &g)?.finish()
}
