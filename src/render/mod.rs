//! Render: the summary tables, the PNG charts, `report.md` and `report.html`.
//!
//! One unit per output, hyperfine-export style: [`charts`] holds one file per chart behind the
//! [`charts::Chart`] trait; [`report`] builds one document (sections with a reading generated
//! from the numbers, a chart, a key table) and writes it through one [`report::Format`] per
//! file type. Everything here reads only the scored tables and the summary tables computed from
//! them, so a report can be rebuilt from tables on disk.

pub mod charts;
pub mod report;
pub mod views;

use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::aggregate::Aggregates;
use crate::tables::{ScoredTables, write_tables};

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

/// Writes the summary tables (`tables/`), the charts (`charts/`) and the two reports under
/// `out`; returns every file written (tables as `.parquet` and `.csv`).
pub fn render(
    t: &ScoredTables,
    agg: &Aggregates,
    facts: &RunFacts,
    out: &Path,
) -> Result<Vec<PathBuf>> {
    let dir = out.join("tables");
    let mut files = Vec::new();
    let named = agg.named();
    // The summary tables are written while the charts are drawn (neither reads the other's
    // files); errors are reported tables first, as when the steps ran one after the other.
    let (tables, rest) = rayon::join(
        || write_tables(&named, &dir),
        || -> Result<Vec<PathBuf>> {
            let views = views::Views::read(t, agg)?;
            let charts = charts::render_all(&views, &out.join("charts"))?;
            let mut files: Vec<PathBuf> = charts.iter().map(|c| c.path.clone()).collect();
            let doc = report::build(&views, &charts, facts);
            files.extend(report::write_all(&doc, out)?);
            Ok(files)
        },
    );
    tables?;
    for (name, _) in &named {
        files.push(dir.join(format!("{name}.parquet")));
        files.push(dir.join(format!("{name}.csv")));
    }
    files.extend(rest?);
    Ok(files)
}

#[cfg(test)]
mod tests;
