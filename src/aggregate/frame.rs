//! Moving values between polars frames and plain vectors.
//!
//! Aggregation lets polars do the grouping, then computes intervals in Rust ([`crate::stats`])
//! and assembles each output table column by column with [`FrameBuilder`], so the column order
//! of every table is written down in one place. Rendering reads the tables back through the
//! same accessors. Accessors cast first, so tables read from Parquet or CSV (where integer
//! widths may differ) are accepted alike; a missing column is an error naming it.

use anyhow::{Context, Result};
use polars::prelude::*;

use crate::stats::{MeanCi, ShareCi, wilson95};

fn column<'a>(df: &'a DataFrame, name: &str) -> Result<&'a Column> {
    df.column(name)
        .map_err(anyhow::Error::from)
        .with_context(|| format!("table has no column `{name}`"))
}

/// The string column `name` (any dtype is cast to string).
pub fn strs(df: &DataFrame, name: &str) -> Result<Vec<Option<String>>> {
    let c = str_column(df, name)?;
    Ok(c.str()?.iter().map(|v| v.map(str::to_string)).collect())
}

/// The column `name` cast to string, for borrowing its values (`.str()?.iter()`) where
/// [`strs`] would allocate a `String` per row.
pub fn str_column(df: &DataFrame, name: &str) -> Result<Column> {
    Ok(column(df, name)?.cast(&DataType::String)?)
}

/// The integer column `name` as `u64`; nulls become 0 (counts).
pub fn u64s(df: &DataFrame, name: &str) -> Result<Vec<u64>> {
    let c = column(df, name)?.cast(&DataType::UInt64)?;
    Ok(c.u64()?.iter().map(|v| v.unwrap_or(0)).collect())
}

/// The numeric column `name` as `f64`, nulls kept.
pub fn f64s(df: &DataFrame, name: &str) -> Result<Vec<Option<f64>>> {
    let c = column(df, name)?.cast(&DataType::Float64)?;
    Ok(c.f64()?.iter().collect())
}

/// The date column `name` as days since 1970-01-01, nulls kept.
pub fn days(df: &DataFrame, name: &str) -> Result<Vec<Option<i32>>> {
    let c = column(df, name)?.cast(&DataType::Int32)?;
    Ok(c.i32()?.iter().collect())
}

/// A list-of-numbers column (from a group-by) as one `Vec<f64>` per row, nulls dropped.
pub fn f64_lists(df: &DataFrame, name: &str) -> Result<Vec<Vec<f64>>> {
    let c = column(df, name)?;
    let mut out = Vec::with_capacity(c.len());
    for s in c.list()?.series_iter() {
        out.push(match s {
            Some(s) => s
                .cast(&DataType::Float64)?
                .f64()?
                .iter()
                .flatten()
                .collect(),
            None => Vec::new(),
        });
    }
    Ok(out)
}

/// A list-of-strings column (from a group-by) as one `Vec<String>` per row, nulls dropped.
pub fn str_lists(df: &DataFrame, name: &str) -> Result<Vec<Vec<String>>> {
    let c = column(df, name)?;
    let mut out = Vec::with_capacity(c.len());
    for s in c.list()?.series_iter() {
        out.push(match s {
            Some(s) => s
                .cast(&DataType::String)?
                .str()?
                .iter()
                .flatten()
                .map(str::to_string)
                .collect(),
            None => Vec::new(),
        });
    }
    Ok(out)
}

/// `k / n`, or `None` when `n == 0`.
pub fn ratio(k: u64, n: u64) -> Option<f64> {
    (n > 0).then(|| k as f64 / n as f64)
}

/// `1000 · k / words`, or `None` when `words == 0`: a rate per 1,000 words.
pub fn per_1k(k: u64, words: u64) -> Option<f64> {
    (words > 0).then(|| 1000.0 * k as f64 / words as f64)
}

/// The most frequent value, ties broken by the smallest value (byte order); `None` for no
/// values. Used for per-group labels (a speaker's usual source type) so ties never depend on
/// row order.
pub fn most_common<S: AsRef<str>>(values: &[S]) -> Option<String> {
    let mut counts: std::collections::BTreeMap<&str, u64> = Default::default();
    for v in values {
        *counts.entry(v.as_ref()).or_default() += 1;
    }
    let max = counts.values().copied().max()?;
    counts
        .into_iter()
        .find(|(_, n)| *n == max)
        .map(|(v, _)| v.to_string())
}

/// The key tuple of every row of `df` for the string columns `keys`.
pub fn key_rows(df: &DataFrame, keys: &[&str]) -> Result<Vec<Vec<Option<String>>>> {
    let cols: Vec<Vec<Option<String>>> = keys.iter().map(|k| strs(df, k)).collect::<Result<_>>()?;
    Ok((0..df.height())
        .map(|i| cols.iter().map(|c| c[i].clone()).collect())
        .collect())
}

/// Builds a table column by column, in the order the columns are added.
#[derive(Default)]
pub struct FrameBuilder {
    columns: Vec<Column>,
}

impl FrameBuilder {
    /// An empty builder.
    pub fn new() -> Self {
        Self::default()
    }

    /// A string column.
    pub fn str(mut self, name: &str, v: Vec<Option<String>>) -> Self {
        self.columns.push(Column::new(name.into(), v));
        self
    }

    /// A count column (`UInt64`).
    pub fn u64(mut self, name: &str, v: Vec<u64>) -> Self {
        self.columns.push(Column::new(name.into(), v));
        self
    }

    /// A float column (`Float64`, nullable).
    pub fn f64(mut self, name: &str, v: Vec<Option<f64>>) -> Self {
        self.columns.push(Column::new(name.into(), v));
        self
    }

    /// A date column from days since 1970-01-01.
    pub fn date(mut self, name: &str, v: Vec<Option<i32>>) -> Result<Self> {
        self.columns
            .push(Column::new(name.into(), v).cast(&DataType::Date)?);
        Ok(self)
    }

    /// `{prefix}_mean`, `{prefix}_sd`, `{prefix}_ci_low`, `{prefix}_ci_high` from one
    /// [`MeanCi`] per row (`None`: no values, every column null).
    pub fn mean_ci(self, prefix: &str, v: &[Option<MeanCi>]) -> Self {
        self.f64(
            &format!("{prefix}_mean"),
            v.iter().map(|m| m.map(|m| m.mean)).collect(),
        )
        .f64(
            &format!("{prefix}_sd"),
            v.iter().map(|m| m.and_then(|m| m.sd)).collect(),
        )
        .f64(
            &format!("{prefix}_ci_low"),
            v.iter().map(|m| m.and_then(|m| m.ci_low)).collect(),
        )
        .f64(
            &format!("{prefix}_ci_high"),
            v.iter().map(|m| m.and_then(|m| m.ci_high)).collect(),
        )
    }

    /// `{prefix}_share`, `{prefix}_ci_low`, `{prefix}_ci_high` (plain `share`, `ci_low`,
    /// `ci_high` for an empty prefix): `k / n` with its Wilson 95% interval per row, null where
    /// `n == 0`.
    pub fn share_ci(self, prefix: &str, k: &[u64], n: &[u64]) -> Self {
        let name = |s: &str| {
            if prefix.is_empty() {
                s.to_string()
            } else {
                format!("{prefix}_{s}")
            }
        };
        let w: Vec<Option<ShareCi>> = k.iter().zip(n).map(|(&k, &n)| wilson95(k, n)).collect();
        self.f64(
            &name("share"),
            w.iter().map(|s| s.map(|s| s.share)).collect(),
        )
        .f64(
            &name("ci_low"),
            w.iter().map(|s| s.map(|s| s.ci_low)).collect(),
        )
        .f64(
            &name("ci_high"),
            w.iter().map(|s| s.map(|s| s.ci_high)).collect(),
        )
    }

    /// The finished table.
    pub fn finish(self) -> Result<DataFrame> {
        Ok(DataFrame::new_infer_height(self.columns)?)
    }
}
