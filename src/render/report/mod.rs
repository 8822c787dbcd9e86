//! The report: one [`Document`] (sections with a plain-language reading, a chart and a key
//! table), written by one [`Format`] per file (`report.md`, `report.html`).
//!
//! The document holds plain text only; each format escapes every string it writes
//! ([`escape`]), so input text (outlet names, speakers) can never become markup. Readings are
//! generated from the numbers in [`readings`]; nothing in the report depends on the clock or
//! the thread count, so `report.md` is byte-identical between runs on the same tables.

pub mod escape;
mod html;
mod markdown;
pub mod readings;

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use super::RunFacts;
use super::charts::{ChartFile, Drawn};
use super::views::Views;

/// A table in the report: header, rows of display strings, which columns are numeric (right
/// aligned).
#[derive(Debug, Clone, Default)]
pub struct Table {
    pub headers: Vec<String>,
    pub numeric: Vec<bool>,
    pub rows: Vec<Vec<String>>,
    /// A line under the table (e.g. "12 more rows in tables/outlet_speaker.csv").
    pub note: Option<String>,
}

/// A chart as the report shows it.
#[derive(Debug, Clone)]
pub struct ChartRef {
    /// Fixed file name under `charts/`.
    pub file_name: &'static str,
    pub title: &'static str,
    /// Where the PNG was written (read back to embed it in HTML).
    pub path: PathBuf,
    /// Why there is no real chart, when the picture is a "no data" placeholder.
    pub no_data: Option<String>,
}

/// One section: heading, one reading paragraph, then an optional chart, table and bullets.
#[derive(Debug, Clone, Default)]
pub struct Section {
    /// Fixed HTML anchor (never derived from input).
    pub anchor: &'static str,
    pub heading: String,
    pub reading: String,
    pub chart: Option<ChartRef>,
    pub table: Option<Table>,
    pub bullets: Vec<String>,
}

/// The whole report.
#[derive(Debug, Clone)]
pub struct Document {
    pub title: String,
    pub intro: String,
    pub sections: Vec<Section>,
}

/// A report file format.
pub trait Format: Send + Sync {
    /// Output file name under the run folder (a constant).
    fn file_name(&self) -> &'static str;
    /// The file's content.
    fn render(&self, doc: &Document) -> Result<String>;
}

/// Every report format.
pub fn formats() -> Vec<Box<dyn Format>> {
    vec![Box::new(markdown::Markdown), Box::new(html::Html)]
}

/// Writes every format under `out`; returns the paths written. The formats are rendered and
/// written side by side (each its own file; `report.html`, with the charts embedded, is the
/// longer one); the first error in format order is returned.
pub fn write_all(doc: &Document, out: &Path) -> Result<Vec<PathBuf>> {
    use rayon::prelude::*;
    formats()
        .par_iter()
        .map(|f| {
            let path = out.join(f.file_name());
            let text = f.render(doc)?;
            std::fs::write(&path, text).with_context(|| format!("writing {}", path.display()))?;
            Ok(path)
        })
        .collect::<Vec<Result<PathBuf>>>()
        .into_iter()
        .collect()
}

fn chart_ref(charts: &[ChartFile], file_name: &str) -> Option<ChartRef> {
    charts
        .iter()
        .find(|c| c.file_name == file_name)
        .map(|c| ChartRef {
            file_name: c.file_name,
            title: c.title,
            path: c.path.clone(),
            no_data: match &c.drawn {
                Drawn::NoData(r) => Some(r.clone()),
                Drawn::Chart { .. } => None,
            },
        })
}

/// Builds the report from the views, the charts drawn and the run facts.
pub fn build(v: &Views, charts: &[ChartFile], facts: &RunFacts) -> Document {
    let chart = |f: &str| chart_ref(charts, f);
    let sections = vec![
        readings::run_section(v, facts),
        Section {
            chart: chart("tone_by_outlet.png"),
            ..readings::tone_by_outlet(v)
        },
        Section {
            chart: chart("outlet_topic_tone.png"),
            ..readings::topic(v)
        },
        Section {
            chart: chart("tone_over_time.png"),
            ..readings::time(v)
        },
        Section {
            chart: chart("quotes_sources.png"),
            ..readings::quotes(v)
        },
        Section {
            chart: chart("outlet_entity_tone.png"),
            ..readings::entities(v)
        },
        Section {
            chart: chart("voice_speakers.png"),
            ..readings::voice(v)
        },
        Section {
            chart: chart("verb_framing.png"),
            ..readings::verbs(v)
        },
        readings::syndication(v),
        readings::method_section(),
    ];
    Document {
        title: "slant report".to_string(),
        intro: readings::intro(v, facts),
        sections,
    }
}
