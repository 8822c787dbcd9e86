//! Render: charts (PNG), `report.md`, `report.html` and the summary tables.
//! SKELETON: filled by the rendering work.

use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::aggregate::Aggregates;
use crate::tables::{ScoredTables, write_table};

/// Facts about the run that the report states (counts, inputs, version).
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct RunFacts {
    pub input_records: u64,
    pub scored: u64,
    pub rejected: u64,
    pub duplicates: u64,
    pub inputs: Vec<String>,
    pub version: String,
}

/// Writes every output under `out`; returns the files written.
pub fn render(
    _t: &ScoredTables,
    agg: &Aggregates,
    _facts: &RunFacts,
    out: &Path,
) -> Result<Vec<PathBuf>> {
    let dir = out.join("tables");
    let mut files = Vec::new();
    for (name, df) in agg.named() {
        write_table(df, &dir, name)?;
        files.push(dir.join(format!("{name}.parquet")));
    }
    Ok(files)
}
