//! Ingest: input files → canonical [`Article`]s, plus [`Reject`]s for records that cannot be used.
//!
//! Each format has its own reader producing [`RawRecord`]s (field name → value, with the record's
//! origin); [`mapping`] maps crawler column names onto the canonical schema
//! (`id, outlet, url, published, language, title, text, topic`) and validates them. A bad record
//! never stops the run: it becomes a reject naming file, line or row, and reason. A missing or
//! unreadable input path is an error naming it.

pub mod jsonl;
pub mod mapping;

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use serde::Serialize;

use crate::clean::dates::DateOrder;
use crate::model::{Article, RecordOrigin, Reject};
pub use mapping::{ColumnMap, stable_id};

/// A field value as read from any format, before mapping.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldValue {
    Null,
    Str(String),
    Int(i64),
    Float(f64),
    Bool(bool),
    /// Anything else (arrays, objects), kept as JSON text for error messages.
    Other(String),
}

/// One input record before mapping: its fields in input order, and where it came from.
#[derive(Debug, Clone)]
pub struct RawRecord {
    pub origin: RecordOrigin,
    pub fields: Vec<(String, FieldValue)>,
}

/// Options for reading inputs.
#[derive(Debug, Clone, Default)]
pub struct IngestOptions {
    /// `--map canonical=source` overrides, applied before the built-in aliases.
    pub column_map: ColumnMap,
    /// Outlet for records that carry none (`--outlet`); without it such records are rejected.
    pub default_outlet: Option<String>,
    /// How to read ambiguous numeric dates like `9/6/17`.
    pub date_order: DateOrder,
}

/// One input file that was read.
#[derive(Debug, Clone, Serialize)]
pub struct InputFile {
    pub path: String,
    pub format: String,
    pub records: u64,
    pub bytes: u64,
}

/// The result of reading all inputs.
#[derive(Debug, Default)]
pub struct Ingested {
    pub articles: Vec<Article>,
    pub rejects: Vec<Reject>,
    /// Every record seen: `articles.len() + rejects.len()`.
    pub input_records: u64,
    pub files: Vec<InputFile>,
    /// Dates present but impossible or unparseable (kept as null, counted, not rejected).
    pub date_warnings: u64,
}

impl Ingested {
    fn absorb(
        &mut self,
        file: InputFile,
        records: Vec<Result<RawRecord, Reject>>,
        opts: &IngestOptions,
    ) {
        self.files.push(file);
        for r in records {
            self.input_records += 1;
            match r.and_then(|raw| mapping::to_article(raw, opts)) {
                Ok((article, date_warning)) => {
                    if date_warning {
                        self.date_warnings += 1;
                    }
                    self.articles.push(article)
                }
                Err(rej) => self.rejects.push(rej),
            }
        }
    }
}

/// Files under `dir` that slant can read, sorted so runs are deterministic.
fn files_in(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let rd =
            std::fs::read_dir(&d).with_context(|| format!("reading folder {}", d.display()))?;
        for e in rd {
            let p = e
                .with_context(|| format!("reading folder {}", d.display()))?
                .path();
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if name.starts_with('.') {
                continue;
            }
            if p.is_dir() {
                stack.push(p);
            } else if format_of(&p).is_some() {
                out.push(p);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// The reader for a path, from its extension; `None` for files slant does not read (README.md,
/// licences) so they can sit beside the data.
pub fn format_of(p: &Path) -> Option<&'static str> {
    let name = p.file_name()?.to_str()?.to_ascii_lowercase();
    if name.ends_with(".jsonl") || name.ends_with(".ndjson") {
        Some("jsonl")
    } else {
        None
    }
}

/// Reads every path (files, or folders searched recursively) into articles and rejects.
///
/// Errors (with the path named) only when a path does not exist or cannot be read; everything
/// wrong inside a file becomes a reject.
pub fn read_paths(paths: &[PathBuf], opts: &IngestOptions) -> Result<Ingested> {
    let mut files = Vec::new();
    for p in paths {
        if !p.exists() {
            bail!("input {} does not exist", p.display());
        }
        if p.is_dir() {
            let found = files_in(p)?;
            if found.is_empty() {
                bail!(
                    "input folder {} holds no readable article files (.jsonl, .ndjson)",
                    p.display()
                );
            }
            files.extend(found);
        } else {
            files.push(p.clone());
        }
    }
    let mut out = Ingested::default();
    for f in files {
        let bytes = std::fs::read(&f).with_context(|| format!("reading input {}", f.display()))?;
        let label = f.display().to_string();
        let format = format_of(&f).unwrap_or("jsonl");
        let records = match format {
            _ => jsonl::read(&label, &bytes),
        };
        let info = InputFile {
            path: label,
            format: format.to_string(),
            records: records.len() as u64,
            bytes: bytes.len() as u64,
        };
        out.absorb(info, records, opts);
    }
    Ok(out)
}
