//! Aggregation: per outlet, outlet × topic, outlet × entity and outlet × period statistics from
//! the scored tables (polars group-bys), with 95% confidence intervals.
//! SKELETON: filled by the aggregation work.

use anyhow::Result;
use polars::prelude::*;

use crate::tables::ScoredTables;

/// Time bucket for the time series.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    Day,
    Week,
    #[default]
    Month,
}

/// Options for aggregation.
#[derive(Debug, Clone, Copy, Default, serde::Serialize)]
pub struct AggregateOptions {
    pub period: Period,
}

/// The summary tables.
#[derive(Debug, Clone)]
pub struct Aggregates {
    pub outlet_summary: DataFrame,
    pub outlet_topic: DataFrame,
    pub outlet_entity: DataFrame,
    pub timeseries: DataFrame,
}

impl Aggregates {
    /// `(table name, frame)` for every summary table, in the order they are written.
    pub fn named(&self) -> Vec<(&'static str, &DataFrame)> {
        vec![
            ("outlet_summary", &self.outlet_summary),
            ("outlet_topic", &self.outlet_topic),
            ("outlet_entity", &self.outlet_entity),
            ("timeseries", &self.timeseries),
        ]
    }
}

/// Computes every summary table from the scored tables.
pub fn aggregate(t: &ScoredTables, _opts: &AggregateOptions) -> Result<Aggregates> {
    let outlet_summary = t
        .articles
        .clone()
        .lazy()
        .group_by([col("outlet")])
        .agg([
            len().alias("n_articles"),
            col("compound").mean().alias("tone_mean"),
        ])
        .sort(["outlet"], Default::default())
        .collect()?;
    Ok(Aggregates {
        outlet_summary: outlet_summary.clone(),
        outlet_topic: outlet_summary.clone(),
        outlet_entity: outlet_summary.clone(),
        timeseries: outlet_summary,
    })
}
