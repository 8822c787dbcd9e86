//! Ingest: input files → canonical [`Article`]s, plus [`Reject`]s for records that cannot be used.
//!
//! Each format has its own reader, one file each (adding a format is adding a file and a
//! [`Format`] variant): [`jsonl`], [`json`] (arrays, single news-please objects), [`csv`] (also
//! Media Cloud exports), [`parquet`], [`txt`] and [`html`] (one article per file, with the
//! [`sidecar`] `meta.json`). Any of them may be compressed (`.gz`, `.zst`). Readers produce
//! [`RawRecord`]s (field name → value, with the record's origin) or per-record [`Reject`]s;
//! [`mapping`] maps crawler column names onto the canonical schema
//! (`id, outlet, url, published, language, title, text, topic, author`) and validates them.
//!
//! A bad record never stops the run: it becomes a reject naming file, line or row, and a reason
//! code. A missing input path, an unreadable or undecompressable file, a file named on the
//! command line whose format slant does not know, or a malformed `meta.json` is an error naming
//! it. `docs/INPUT.md` is the user-facing description of all of this.

// A `Reject` is the expected outcome for a bad record (data written to rejects.jsonl), not an
// exceptional error: boxing every one to shrink `Result` would add an allocation per bad record
// and noise at every reader for no gain.
#![allow(clippy::result_large_err)]

pub mod csv;
pub mod frame;
pub mod html;
pub mod json;
pub mod jsonl;
pub mod mapping;
pub mod parquet;
pub mod sidecar;
pub mod txt;

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use rayon::prelude::*;
use serde::Serialize;

use crate::clean::dates::{DateOrder, DateParser};
use crate::model::{Article, RecordOrigin, Reject};
pub use frame::to_frame;
pub use mapping::{ColumnMap, stable_id};
use sidecar::Sidecar;

/// A field value as read from any format, before mapping.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldValue {
    Null,
    Str(String),
    Int(i64),
    Float(f64),
    Bool(bool),
    /// Anything else (arrays, objects, lists), kept as JSON-like text for error messages.
    Other(String),
}

/// One input record before mapping: its fields in input order, and where it came from.
#[derive(Debug, Clone)]
pub struct RawRecord {
    pub origin: RecordOrigin,
    pub fields: Vec<(String, FieldValue)>,
    /// True when the reader already named the fields canonically (`txt`, `html`): `--map`
    /// overrides, which name input columns, do not apply.
    pub canonical: bool,
}

impl RawRecord {
    /// A record whose field names come from the input (columns, JSON keys).
    pub fn from_input(origin: RecordOrigin, fields: Vec<(String, FieldValue)>) -> Self {
        RawRecord {
            origin,
            fields,
            canonical: false,
        }
    }
}

/// What a reader returns: one entry per record, in input order.
pub type Records = Vec<Result<RawRecord, Reject>>;

/// Options for reading inputs.
#[derive(Debug, Clone, Default)]
pub struct IngestOptions {
    /// `--map canonical=source` overrides, applied before the built-in aliases.
    pub column_map: ColumnMap,
    /// Outlet for records that carry none (`--outlet`); without it such records are rejected
    /// (except `.txt`/`.html` files, which fall back to their folder's name).
    pub default_outlet: Option<String>,
    /// How to read ambiguous numeric dates like `9/6/17`.
    pub date_order: DateOrder,
    /// Month names and date words (from the run's lexicons).
    pub dates: DateParser,
}

/// One input file that was read (listed in `manifest.json`).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct InputFile {
    pub path: String,
    /// Reader used: `jsonl`, `json`, `csv`, `parquet`, `txt`, `html`.
    pub format: String,
    /// `gzip` or `zstd` when the file was compressed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub compression: Option<String>,
    /// Records seen in the file (articles plus rejects); 0 for an empty file.
    pub records: u64,
    /// Size on disk.
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

/// The input formats slant reads. Chosen from the file name (after any compression suffix);
/// `.json` files are told apart by content (array, single object or JSON lines).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Jsonl,
    Json,
    /// Delimited text; the delimiter (`,` `;` tab) is detected.
    Csv,
    /// `.tsv`/`.tab`: delimited text whose delimiter is a tab.
    Tsv,
    Parquet,
    Txt,
    Html,
}

/// Compression wrapped around a file (`.gz`, `.zst`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    Gzip,
    Zstd,
}

/// The extensions slant reads, for messages.
pub const EXTENSIONS: &str = ".jsonl .ndjson .json .csv .tsv .parquet .txt .html .htm \
                              (optionally compressed: .gz .zst)";

impl Format {
    /// The name recorded in the manifest.
    pub fn name(self) -> &'static str {
        match self {
            Format::Jsonl => "jsonl",
            Format::Json => "json",
            Format::Csv | Format::Tsv => "csv",
            Format::Parquet => "parquet",
            Format::Txt => "txt",
            Format::Html => "html",
        }
    }

    fn from_extension(ext: &str) -> Option<Format> {
        Some(match ext {
            "jsonl" | "ndjson" | "jsonlines" => Format::Jsonl,
            "json" => Format::Json,
            "csv" => Format::Csv,
            "tsv" | "tab" => Format::Tsv,
            "parquet" | "pq" => Format::Parquet,
            "txt" | "text" => Format::Txt,
            "html" | "htm" | "xhtml" => Format::Html,
            _ => return None,
        })
    }

    /// One article per file, with the folder's `meta.json`.
    fn is_article_file(self) -> bool {
        matches!(self, Format::Txt | Format::Html)
    }

    /// Reads one file's records. Errors only when the whole file is unreadable (Parquet that
    /// polars cannot open); everything else is per-record.
    fn read(self, file: &SourceFile, opts: &IngestOptions) -> Result<Records> {
        Ok(match self {
            Format::Jsonl => jsonl::read(file.label, file.bytes),
            Format::Json => json::read(file.label, file.bytes),
            Format::Csv => csv::read(file.label, file.bytes, None),
            Format::Tsv => csv::read(file.label, file.bytes, Some(b'\t')),
            Format::Parquet => parquet::read(file.label, file.bytes)?,
            Format::Txt => txt::read(file, opts),
            Format::Html => html::read(file, opts),
        })
    }
}

/// One input file as readers see it.
pub struct SourceFile<'a> {
    /// The path as shown in messages and rejects.
    pub label: &'a str,
    pub path: &'a Path,
    /// The content, decompressed.
    pub bytes: &'a [u8],
    /// The `meta.json` of the file's folder, for one-article-per-file formats.
    pub sidecar: Option<&'a Sidecar>,
}

/// The reader and compression for a path, from its name; `None` for files slant does not read
/// (README.md, licences) so they can sit beside the data.
pub fn format_of(p: &Path) -> Option<(Format, Option<Compression>)> {
    let name = p.file_name()?.to_str()?.to_ascii_lowercase();
    let (stem, compression) = if let Some(s) = name.strip_suffix(".gz") {
        (s, Some(Compression::Gzip))
    } else if let Some(s) = name.strip_suffix(".gzip") {
        (s, Some(Compression::Gzip))
    } else if let Some(s) = name.strip_suffix(".zst") {
        (s, Some(Compression::Zstd))
    } else if let Some(s) = name.strip_suffix(".zstd") {
        (s, Some(Compression::Zstd))
    } else {
        (name.as_str(), None)
    };
    let (_, ext) = stem.rsplit_once('.')?;
    Some((Format::from_extension(ext)?, compression))
}

/// Files under `dir` that slant can read, sorted so runs are deterministic. Hidden files,
/// unknown extensions and `meta.json` sidecars are skipped; symbolic links to folders are not
/// followed (no cycles).
fn files_in(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let rd =
            std::fs::read_dir(&d).with_context(|| format!("reading folder {}", d.display()))?;
        for e in rd {
            let e = e.with_context(|| format!("reading folder {}", d.display()))?;
            let p = e.path();
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if name.starts_with('.') || name == sidecar::FILE_NAME {
                continue;
            }
            let is_dir = e.file_type().map(|t| t.is_dir()).unwrap_or(false);
            if is_dir {
                stack.push(p);
            } else if format_of(&p).is_some() {
                out.push(p);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// The input files named by `paths` (folders searched recursively), in order.
fn input_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for p in paths {
        if !p.exists() {
            bail!("input {} does not exist", p.display());
        }
        if p.is_dir() {
            let found = files_in(p)?;
            if found.is_empty() {
                bail!(
                    "input folder {} holds no article files slant reads ({EXTENSIONS})",
                    p.display()
                );
            }
            files.extend(found);
        } else if format_of(p).is_none() {
            bail!(
                "input {}: unknown format; slant reads {EXTENSIONS}",
                p.display()
            );
        } else {
            files.push(p.clone());
        }
    }
    Ok(files)
}

/// Decompresses `bytes` when the file name says it is compressed.
fn decompress(label: &str, bytes: Vec<u8>, c: Option<Compression>) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    match c {
        None => return Ok(bytes),
        Some(Compression::Gzip) => flate2::read::MultiGzDecoder::new(bytes.as_slice())
            .read_to_end(&mut out)
            .with_context(|| format!("input {label}: not a valid gzip file"))?,
        Some(Compression::Zstd) => zstd::stream::read::Decoder::new(bytes.as_slice())
            .and_then(|mut d| d.read_to_end(&mut out))
            .with_context(|| format!("input {label}: not a valid zstd file"))?,
    };
    Ok(out)
}

/// One file read and mapped: its manifest entry and, per record, an article (with whether its
/// date was unusable) or a reject.
type FileResult = (InputFile, Vec<Result<(Article, bool), Reject>>);

fn read_one(
    path: &Path,
    sidecars: &BTreeMap<PathBuf, Sidecar>,
    opts: &IngestOptions,
) -> Result<FileResult> {
    let (format, compression) = format_of(path).expect("input files have a known format");
    let label = path.display().to_string();
    let raw = std::fs::read(path).with_context(|| format!("reading input {label}"))?;
    let size = raw.len() as u64;
    let bytes = decompress(&label, raw, compression)?;
    let sidecar = path.parent().and_then(|d| sidecars.get(d));
    let file = SourceFile {
        label: &label,
        path,
        bytes: &bytes,
        sidecar,
    };
    let mapped = map_records(format.read(&file, opts)?, opts);
    let info = InputFile {
        path: label,
        format: format.name().to_string(),
        compression: compression.map(|c| match c {
            Compression::Gzip => "gzip".to_string(),
            Compression::Zstd => "zstd".to_string(),
        }),
        records: mapped.len() as u64,
        bytes: size,
    };
    Ok((info, mapped))
}

/// Reads every path (files, or folders searched recursively) into articles and rejects.
///
/// Files are read in parallel; results are combined in file order, so the output does not
/// depend on the thread count. Errors (with the path named) only when a path does not exist or
/// cannot be read, a compressed file is corrupt, a named file has an unknown format, or a
/// `meta.json` is malformed; everything wrong inside a file becomes a reject.
pub fn read_paths(paths: &[PathBuf], opts: &IngestOptions) -> Result<Ingested> {
    let files = input_files(paths)?;
    let mut sidecars = BTreeMap::new();
    let mut looked = std::collections::BTreeSet::new();
    for f in &files {
        if let (Some((fmt, _)), Some(dir)) = (format_of(f), f.parent())
            && fmt.is_article_file()
            && looked.insert(dir.to_path_buf())
            && let Some(s) = Sidecar::load(dir)?
        {
            sidecars.insert(dir.to_path_buf(), s);
        }
    }
    let results: Vec<Result<FileResult>> = files
        .par_iter()
        .map(|f| read_one(f, &sidecars, opts))
        .collect();
    let mut out = Ingested::default();
    for r in results {
        let (info, records) = r?;
        out.files.push(info);
        for rec in records {
            out.push(rec);
        }
    }
    Ok(out)
}

/// Reads JSON lines held in memory (`slant clean -`: standard input), `label` naming them in
/// rejects; the same record mapping and accounting as [`read_paths`], no file entry.
pub fn read_jsonl_bytes(label: &str, bytes: &[u8], opts: &IngestOptions) -> Ingested {
    let mut out = Ingested::default();
    for r in map_records(jsonl::read(label, bytes), opts) {
        out.push(r);
    }
    out
}

/// Maps raw records to articles (dates, ids, validation; with each, whether its date was
/// unusable), rejects passed through. Mapping is per record, so it runs in parallel; the
/// order is kept.
fn map_records(records: Records, opts: &IngestOptions) -> Vec<Result<(Article, bool), Reject>> {
    records
        .into_par_iter()
        .map(|r| r.and_then(|raw| mapping::to_article(raw, opts)))
        .collect()
}

impl Ingested {
    /// Counts one input record: an article (with whether its date was unusable) or a reject.
    fn push(&mut self, rec: Result<(Article, bool), Reject>) {
        self.input_records += 1;
        match rec {
            Ok((article, date_warning)) => {
                self.date_warnings += u64::from(date_warning);
                self.articles.push(article);
            }
            Err(rej) => self.rejects.push(rej),
        }
    }
}

/// The 1-based line and the byte offset within it of byte `pos` in `bytes`, for messages.
pub fn line_of(bytes: &[u8], pos: usize) -> u64 {
    memchr::memchr_iter(b'\n', &bytes[..pos.min(bytes.len())]).count() as u64 + 1
}

/// `bytes` without a leading UTF-8 byte-order mark.
pub fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

/// Origin of a whole-file record (news-please object, `.txt`, `.html`): the file, line 1.
pub fn whole_file_origin(label: &str) -> RecordOrigin {
    RecordOrigin {
        file: label.to_string(),
        line: Some(1),
        row: None,
    }
}

/// The reject for bytes that are not UTF-8, naming the line of the first bad byte.
pub fn invalid_utf8(origin: &RecordOrigin, bytes: &[u8], e: std::str::Utf8Error) -> Reject {
    let at = e.valid_up_to();
    let line = origin.line.unwrap_or(1) + line_of(bytes, at) - 1;
    Reject::new(
        origin,
        "invalid_utf8",
        format!(
            "not valid UTF-8: byte 0x{:02X} at line {line} (byte {at} of the record)",
            bytes[at]
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_come_from_the_name_after_compression() {
        let f = |s: &str| format_of(Path::new(s));
        assert_eq!(f("a/b.JSONL"), Some((Format::Jsonl, None)));
        assert_eq!(
            f("b.ndjson.gz"),
            Some((Format::Jsonl, Some(Compression::Gzip)))
        );
        assert_eq!(f("b.csv.zst"), Some((Format::Csv, Some(Compression::Zstd))));
        assert_eq!(f("b.tsv"), Some((Format::Tsv, None)));
        assert_eq!(f("b.htm"), Some((Format::Html, None)));
        assert_eq!(f("README.md"), None);
        assert_eq!(f("LICENSE"), None);
        assert_eq!(f("x.gz"), None);
    }

    #[test]
    fn line_numbers_count_newlines_before_the_offset() {
        assert_eq!(line_of(b"ab\ncd\nef", 0), 1);
        assert_eq!(line_of(b"ab\ncd\nef", 3), 2);
        assert_eq!(line_of(b"ab\ncd\nef", 7), 3);
    }
}
