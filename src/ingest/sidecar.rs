//! `meta.json`: what a folder of one-article-per-file inputs (`.txt`, `.html`) cannot say itself.
//!
//! A plain text file has no outlet, date or title; a saved web page has no reliable outlet. A
//! `meta.json` beside the files supplies them, for the whole folder and per file:
//!
//! ```json
//! {
//!   "outlet": "Le Courrier de l'Ouest",
//!   "language": "fr",
//!   "topic": "politique",
//!   "files": {
//!     "budget-2023.txt": { "published": "5 avril 2023", "title": "Le budget adopté",
//!                          "url": "https://example.org/budget", "id": "co-2023-0405-1" }
//!   }
//! }
//! ```
//!
//! Folder-wide keys: `outlet`, `language`, `topic`. Per-file keys (under `files`, by file name in
//! the folder): `id`, `outlet`, `url`, `published`, `language`, `title`, `topic`, `author`; all
//! optional strings. Precedence for each field: the file's entry, then the folder-wide value,
//! then what the file itself says (HTML `<title>`, `article:published_time`, `lang`), then, for
//! the outlet only, `--outlet NAME`, then the folder's name. A `meta.json` applies to the files
//! directly in its folder, is never read as an article, and a malformed one (bad JSON, unknown
//! key, wrong type) is an error naming it: it is configuration, and a typo should not silently
//! mislabel a whole folder.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Context, Result};
use serde::Deserialize;

use super::{FieldValue, IngestOptions, RawRecord, SourceFile, whole_file_origin};

/// The sidecar's file name.
pub const FILE_NAME: &str = "meta.json";

/// A folder's `meta.json`.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Sidecar {
    pub outlet: Option<String>,
    pub language: Option<String>,
    pub topic: Option<String>,
    /// Per-file values, by file name (not path) in the folder.
    #[serde(default)]
    pub files: BTreeMap<String, FileMeta>,
}

/// Values for one file in a `meta.json`.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FileMeta {
    pub id: Option<String>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub published: Option<String>,
    pub language: Option<String>,
    pub title: Option<String>,
    pub topic: Option<String>,
    pub author: Option<String>,
}

impl Sidecar {
    /// The `meta.json` in `dir`, `None` when there is none; an error naming the file (and line
    /// and column) when it cannot be read or parsed.
    pub fn load(dir: &Path) -> Result<Option<Sidecar>> {
        let path = dir.join(FILE_NAME);
        if !path.is_file() {
            return Ok(None);
        }
        let bytes = std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
        let s: Sidecar = serde_json::from_slice(super::strip_bom(&bytes))
            .with_context(|| format!("{}: not a valid meta.json", path.display()))?;
        Ok(Some(s))
    }
}

/// What a one-article file says about itself (HTML metadata; nothing for `.txt`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FileFields {
    pub title: Option<String>,
    pub published: Option<String>,
    pub language: Option<String>,
    pub url: Option<String>,
    pub author: Option<String>,
    pub topic: Option<String>,
    pub text: String,
}

/// The name of the file's folder, the outlet of last resort (`.` and `..` are resolved).
fn folder_name(path: &Path) -> Option<String> {
    let parent = path.parent()?;
    let resolved;
    let dir = if parent.file_name().is_some() {
        parent
    } else {
        let p = if parent.as_os_str().is_empty() {
            Path::new(".")
        } else {
            parent
        };
        resolved = std::fs::canonicalize(p).ok()?;
        resolved.as_path()
    };
    let name = dir.file_name()?.to_string_lossy().trim().to_string();
    (!name.is_empty()).then_some(name)
}

/// Builds the record of a one-article file with the precedence documented above. Field names
/// are canonical (`--map` does not apply).
pub fn article_record(file: &SourceFile, opts: &IngestOptions, own: FileFields) -> RawRecord {
    let folder = file.sidecar;
    let entry = folder.and_then(|s| {
        let name = file.path.file_name()?.to_str()?;
        s.files.get(name)
    });
    let pick = |per_file: Option<&String>, folder_wide: Option<&String>, own: Option<String>| {
        per_file.cloned().or_else(|| folder_wide.cloned()).or(own)
    };
    let e = |f: fn(&FileMeta) -> &Option<String>| entry.and_then(|m| f(m).as_ref());
    let outlet = pick(
        e(|m| &m.outlet),
        folder.and_then(|s| s.outlet.as_ref()),
        None,
    )
    .or_else(|| opts.default_outlet.clone())
    .or_else(|| folder_name(file.path));
    let values = [
        ("id", e(|m| &m.id).cloned()),
        ("outlet", outlet),
        ("url", pick(e(|m| &m.url), None, own.url)),
        ("published", pick(e(|m| &m.published), None, own.published)),
        (
            "language",
            pick(
                e(|m| &m.language),
                folder.and_then(|s| s.language.as_ref()),
                own.language,
            ),
        ),
        ("title", pick(e(|m| &m.title), None, own.title)),
        ("text", Some(own.text)),
        (
            "topic",
            pick(
                e(|m| &m.topic),
                folder.and_then(|s| s.topic.as_ref()),
                own.topic,
            ),
        ),
        ("author", pick(e(|m| &m.author), None, own.author)),
    ];
    RawRecord {
        origin: whole_file_origin(file.label),
        fields: values
            .into_iter()
            .filter_map(|(k, v)| v.map(|v| (k.to_string(), FieldValue::Str(v))))
            .collect(),
        canonical: true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn malformed_sidecar_is_an_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(Sidecar::load(dir.path()).unwrap(), None);
        std::fs::write(dir.path().join(FILE_NAME), "{\"outlett\": \"X\"}").unwrap();
        let err = format!("{:#}", Sidecar::load(dir.path()).unwrap_err());
        assert!(err.contains("meta.json: not a valid meta.json"), "{err}");
        assert!(err.contains("unknown field `outlett`"), "{err}");
    }

    #[test]
    fn precedence_file_entry_then_folder_then_file_then_flag_then_folder_name() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("Le Quotidien");
        std::fs::create_dir(&sub).unwrap();
        let path = sub.join("a.html");
        let side: Sidecar = serde_json::from_str(
            r#"{"language": "fr", "files": {"a.html": {"title": "From meta", "outlet": "O1"}}}"#,
        )
        .unwrap();
        let own = FileFields {
            title: Some("From page".into()),
            language: Some("en".into()),
            published: Some("2023-04-05".into()),
            text: "Body".into(),
            ..Default::default()
        };
        let label = path.display().to_string();
        let file = SourceFile {
            label: &label,
            path: &path,
            bytes: b"",
            sidecar: Some(&side),
        };
        let opts = IngestOptions {
            default_outlet: Some("Flag".into()),
            ..Default::default()
        };
        let rec = article_record(&file, &opts, own.clone());
        let get = |r: &RawRecord, k: &str| {
            r.fields
                .iter()
                .find(|(n, _)| n == k)
                .map(|(_, v)| v.clone())
        };
        let s = |x: &str| Some(FieldValue::Str(x.into()));
        assert_eq!(get(&rec, "title"), s("From meta"));
        assert_eq!(get(&rec, "outlet"), s("O1"));
        assert_eq!(get(&rec, "language"), s("fr"));
        assert_eq!(get(&rec, "published"), s("2023-04-05"));
        assert!(rec.canonical);
        // No sidecar: --outlet, then the folder's name.
        let bare = SourceFile {
            sidecar: None,
            ..file
        };
        assert_eq!(
            get(&article_record(&bare, &opts, own.clone()), "outlet"),
            s("Flag")
        );
        let rec = article_record(&bare, &IngestOptions::default(), own);
        assert_eq!(get(&rec, "outlet"), s("Le Quotidien"));
        assert_eq!(get(&rec, "title"), s("From page"));
    }
}
