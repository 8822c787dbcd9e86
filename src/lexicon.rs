//! Where word lists and score tables come from: compiled into the binary, overridable from a folder.
//!
//! Every list slant uses lives as a data file under `lexicons/` (see `lexicons/README.md` for each
//! file's source and licence). `build.rs` embeds the whole tree, so an installed binary works with
//! no checkout. `--lexicons DIR` points at a folder with the same layout: a file present there
//! replaces the built-in file with the same relative path; everything else stays built in. A new
//! language is therefore a new folder (`DIR/de/...`) with no recompilation.
//!
//! Parsers for the individual files live next to the code that uses them; this module only finds
//! bytes, decodes them, hashes them for the run manifest, and offers line-oriented helpers whose
//! errors name the file and line.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use sha2::{Digest, Sha256};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded_lexicons.rs"));
}

/// A malformed or missing lexicon file. Always names the file (and line when there is one).
#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    #[error("lexicon file {path}: not found (built in or in the override folder)")]
    Missing { path: String },
    #[error("lexicon file {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("lexicon file {path}: not valid UTF-8")]
    Utf8 { path: String },
    #[error("lexicon file {path}, line {line}: {message}")]
    Malformed {
        path: String,
        line: usize,
        message: String,
    },
}

impl LexiconError {
    /// A malformed-row error for `path` at 1-based `line`.
    pub fn malformed(path: &str, line: usize, message: impl Into<String>) -> Self {
        LexiconError::Malformed {
            path: path.to_string(),
            line,
            message: message.into(),
        }
    }
}

/// Where a lexicon file was read from, recorded in the manifest so a run can be reproduced.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    BuiltIn,
    Override,
}

/// One file that was read, with its SHA-256, for `manifest.json`.
#[derive(Debug, Clone, serde::Serialize)]
pub struct FileRecord {
    pub sha256: String,
    pub origin: Origin,
}

/// The set of lexicon files: the embedded tree plus an optional override folder.
///
/// Reading is cheap (embedded bytes are `'static`); every file actually read is recorded with its
/// hash so `manifest.json` lists exactly the data a run depended on.
pub struct LexiconSource {
    override_dir: Option<PathBuf>,
    read_log: Mutex<BTreeMap<String, FileRecord>>,
}

impl fmt::Debug for LexiconSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LexiconSource")
            .field("override_dir", &self.override_dir)
            .finish()
    }
}

impl LexiconSource {
    /// Only the lexicons compiled into the binary.
    pub fn built_in() -> Self {
        LexiconSource {
            override_dir: None,
            read_log: Mutex::new(BTreeMap::new()),
        }
    }

    /// Built-in lexicons with files from `dir` taking precedence. Fails if `dir` is not a folder.
    pub fn with_override(dir: &Path) -> Result<Self, LexiconError> {
        if !dir.is_dir() {
            return Err(LexiconError::Io {
                path: dir.display().to_string(),
                source: std::io::Error::new(
                    std::io::ErrorKind::NotFound,
                    "--lexicons must name an existing folder",
                ),
            });
        }
        Ok(LexiconSource {
            override_dir: Some(dir.to_path_buf()),
            read_log: Mutex::new(BTreeMap::new()),
        })
    }

    /// The override folder, if any.
    pub fn override_dir(&self) -> Option<&Path> {
        self.override_dir.as_deref()
    }

    /// The built-in bytes of `rel`, without recording the read in the manifest log: for files
    /// no manifest lists (the chart fonts, read by a source of their own).
    pub fn built_in_bytes(rel: &str) -> Option<&'static [u8]> {
        Self::embedded(rel).map(|(bytes, _)| bytes)
    }

    /// The built-in bytes of `rel` and their SHA-256 (lower-case hex), computed by `build.rs`.
    fn embedded(rel: &str) -> Option<(&'static [u8], &'static str)> {
        embedded::EMBEDDED
            .binary_search_by(|(p, _, _)| (*p).cmp(rel))
            .ok()
            .map(|i| (embedded::EMBEDDED[i].1, embedded::EMBEDDED[i].2))
    }

    /// True when `rel` (a `/`-separated path under `lexicons/`) exists built in or overridden.
    pub fn exists(&self, rel: &str) -> bool {
        self.override_path(rel).is_some() || Self::embedded(rel).is_some()
    }

    fn override_path(&self, rel: &str) -> Option<PathBuf> {
        let dir = self.override_dir.as_ref()?;
        let p = dir.join(rel);
        p.is_file().then_some(p)
    }

    /// The bytes of `rel`, from the override folder when it has the file, else built in.
    ///
    /// Only an override file is hashed here: a built-in file's SHA-256 was computed at build time.
    pub fn read_bytes(&self, rel: &str) -> Result<std::borrow::Cow<'static, [u8]>, LexiconError> {
        let (bytes, sha256, origin): (std::borrow::Cow<'static, [u8]>, String, Origin) =
            if let Some(p) = self.override_path(rel) {
                let b = std::fs::read(&p).map_err(|source| LexiconError::Io {
                    path: p.display().to_string(),
                    source,
                })?;
                let sha256 = hex(&Sha256::digest(&b));
                (b.into(), sha256, Origin::Override)
            } else if let Some((b, sha256)) = Self::embedded(rel) {
                (b.into(), sha256.to_string(), Origin::BuiltIn)
            } else {
                return Err(LexiconError::Missing {
                    path: rel.to_string(),
                });
            };
        self.read_log
            .lock()
            .expect("lexicon log poisoned")
            .insert(rel.to_string(), FileRecord { sha256, origin });
        Ok(bytes)
    }

    /// The UTF-8 text of `rel` (a leading BOM is dropped).
    pub fn read_text(&self, rel: &str) -> Result<String, LexiconError> {
        let bytes = self.read_bytes(rel)?;
        let text = String::from_utf8(bytes.into_owned()).map_err(|_| LexiconError::Utf8 {
            path: rel.to_string(),
        })?;
        Ok(match text.strip_prefix('\u{feff}') {
            Some(rest) => rest.to_string(),
            None => text,
        })
    }

    /// Data lines of `rel` as `(1-based line number, trimmed line)`, skipping blank lines and
    /// lines starting with `#`. The common shape of slant's word lists.
    pub fn read_lines(&self, rel: &str) -> Result<Vec<(usize, String)>, LexiconError> {
        let text = self.read_text(rel)?;
        Ok(data_lines(&text).map(|(n, l)| (n, l.to_string())).collect())
    }

    /// Tab-separated data lines of `rel`, each checked to have at least `min_fields` fields.
    /// A short row is a [`LexiconError::Malformed`] naming file and line.
    pub fn read_tsv(
        &self,
        rel: &str,
        min_fields: usize,
    ) -> Result<Vec<(usize, Vec<String>)>, LexiconError> {
        let mut rows = Vec::new();
        self.for_each_tsv_row(rel, min_fields, |n, fields| {
            rows.push((n, fields.iter().map(|f| f.to_string()).collect()));
            Ok(())
        })?;
        Ok(rows)
    }

    /// Calls `row(line, fields)` for each tab-separated data line of `rel` (fields trimmed), in
    /// file order, as [`Self::read_tsv`] returns them and with the same errors: every row is
    /// first checked to have at least `min_fields` fields, so a short row is reported before any
    /// error of `row`. The fields borrow the file's text: no `String` per field for large tables.
    pub fn for_each_tsv_row(
        &self,
        rel: &str,
        min_fields: usize,
        mut row: impl FnMut(usize, &[&str]) -> Result<(), LexiconError>,
    ) -> Result<(), LexiconError> {
        let text = self.read_text(rel)?;
        for (n, line) in data_lines(&text) {
            let found = memchr::memchr_iter(b'\t', line.as_bytes()).count() + 1;
            if found < min_fields {
                return Err(LexiconError::malformed(
                    rel,
                    n,
                    format!("expected at least {min_fields} tab-separated fields, found {found}"),
                ));
            }
        }
        let mut fields: Vec<&str> = Vec::new();
        for (n, line) in data_lines(&text) {
            fields.clear();
            fields.extend(line.split('\t').map(str::trim));
            row(n, &fields)?;
        }
        Ok(())
    }

    /// Relative paths of the language folders available (`en`, `fr`, ... plus any the override
    /// folder adds): top-level folders whose name is a two- or three-letter lower-case code.
    pub fn languages(&self) -> Vec<String> {
        let mut langs: Vec<String> = embedded::EMBEDDED
            .iter()
            .filter_map(|(p, _, _)| p.split_once('/').map(|(d, _)| d.to_string()))
            .collect();
        if let Some(dir) = &self.override_dir
            && let Ok(rd) = std::fs::read_dir(dir)
        {
            for e in rd.flatten() {
                if e.path().is_dir()
                    && let Some(name) = e.file_name().to_str()
                {
                    langs.push(name.to_string());
                }
            }
        }
        langs.retain(|d| is_lang_code(d));
        langs.sort();
        langs.dedup();
        langs
    }

    /// Every file read so far with its hash and origin, sorted by path (for `manifest.json`).
    pub fn read_log(&self) -> BTreeMap<String, FileRecord> {
        self.read_log.lock().expect("lexicon log poisoned").clone()
    }

    /// Paths of all built-in files (for `slant lexicons` listings and tests).
    pub fn built_in_paths() -> impl Iterator<Item = &'static str> {
        embedded::EMBEDDED.iter().map(|(p, _, _)| *p)
    }
}

/// True for `en`, `fr`, `deu`: the folder names that hold a language's lexicons.
pub fn is_lang_code(s: &str) -> bool {
    (2..=3).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_lowercase())
}

/// `(1-based line number, trimmed line)` for each non-blank, non-`#` line of `text`.
pub fn data_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines().enumerate().filter_map(|(i, l)| {
        let t = l.trim_end_matches('\r').trim();
        (!t.is_empty() && !t.starts_with('#')).then_some((i + 1, t))
    })
}

/// Lower-case hexadecimal of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

/// Every parsed lexicon a run needs, loaded once and shared read-only by all threads.
///
/// Each field's type owns its file format and parser (next to the code that uses it); this bundle
/// only loads them together so a malformed file fails the run before any article is read.
pub struct Lexicons {
    pub source: LexiconSource,
    pub text: crate::text::TextLexicon,
    pub sentiment: crate::score::sentiment::SentimentLexicons,
    pub attribution: crate::score::attribution::AttributionLexicon,
    pub entities: crate::score::entities::EntityLexicon,
    pub topics: crate::score::topics::TopicLexicon,
    pub boilerplate: crate::clean::boilerplate::BoilerplateLexicon,
    /// Tone-toward-actors models (`<lang>/target-*.tsv`, `targets/weights-<lang>.tsv`).
    pub targets: crate::score::targets::TargetLexicon,
    /// `entities` and `topics` matched together (one pass per article when scoring).
    pub phrases: crate::score::ScorePhrases,
}

impl Lexicons {
    /// Loads every lexicon from `source` (built in, or with an override folder).
    ///
    /// The sentiment engines (then the target models, which read them) load on one rayon thread,
    /// the other lexicons on another when there is one. The error returned for malformed files is
    /// the one a load in the order below would meet first: sentiment, entities, attribution,
    /// topics, targets, text, boilerplate.
    pub fn load(source: LexiconSource) -> Result<Self, LexiconError> {
        let src = &source;
        let ((sentiment, targets), (named, text, boilerplate)) = rayon::join(
            || {
                let sentiment = crate::score::sentiment::SentimentLexicons::load(src);
                // Target models read the sentiment engines' lexicons, so sentiment loads first.
                let targets = sentiment
                    .as_ref()
                    .ok()
                    .map(|s| crate::score::targets::TargetLexicon::load(src, s));
                (sentiment, targets)
            },
            || {
                let named = (|| {
                    let entities = crate::score::entities::EntityLexicon::load(src)?;
                    let attribution = attribution_with_organizations(src, &entities)?;
                    let topics = crate::score::topics::TopicLexicon::load(src)?;
                    let phrases = crate::score::ScorePhrases::new(&entities, &topics);
                    Ok::<_, LexiconError>((entities, attribution, topics, phrases))
                })();
                let text = crate::text::TextLexicon::load(src);
                let boilerplate = crate::clean::boilerplate::BoilerplateLexicon::load(src);
                (named, text, boilerplate)
            },
        );
        let sentiment = sentiment?;
        let (entities, attribution, topics, phrases) = named?;
        let targets = targets.expect("loaded when sentiment loaded")?;
        Ok(Lexicons {
            targets,
            text: text?,
            sentiment,
            attribution,
            phrases,
            entities,
            topics,
            boilerplate: boilerplate?,
            source,
        })
    }

    /// The built-in lexicons (panics only if the shipped data is malformed, which tests catch).
    pub fn built_in() -> Self {
        Self::load(LexiconSource::built_in()).expect("built-in lexicons are valid")
    }
}

/// The attribution lexicon, with the entity lexicon's organisations as known organisations:
/// attribution types speakers named like a known country or institution as organisations.
fn attribution_with_organizations(
    src: &LexiconSource,
    entities: &crate::score::entities::EntityLexicon,
) -> Result<crate::score::attribution::AttributionLexicon, LexiconError> {
    crate::score::attribution::AttributionLexicon::load_with_organizations(
        src,
        &entities.organizations(),
    )
}

/// The lexicons attribution alone needs (`slant quotes`, `slant eval quotes`): the text chain
/// and the attribution lexicon, exactly as in [`Lexicons`].
///
/// Why not [`Lexicons`]: loading the sentiment engines and tone models is most of every
/// command's startup (the French engine alone about half), and extracting quotes reads none of
/// them; a script that runs `slant quotes` once per document paid it each time.
pub struct AttributionLexicons {
    pub source: LexiconSource,
    pub text: crate::text::TextLexicon,
    pub attribution: crate::score::attribution::AttributionLexicon,
}

impl AttributionLexicons {
    /// Loads them from `source`, the text lexicon beside the others when there is a second
    /// thread. Errors for malformed files come in [`Lexicons::load`]'s order: entities,
    /// attribution, text.
    pub fn load(source: LexiconSource) -> Result<Self, LexiconError> {
        let src = &source;
        let (attribution, text) = rayon::join(
            || {
                let entities = crate::score::entities::EntityLexicon::load(src)?;
                attribution_with_organizations(src, &entities)
            },
            || crate::text::TextLexicon::load(src),
        );
        Ok(AttributionLexicons {
            attribution: attribution?,
            text: text?,
            source,
        })
    }

    /// The built-in ones (panics only if the shipped data is malformed, which tests catch).
    pub fn built_in() -> Self {
        Self::load(LexiconSource::built_in()).expect("built-in lexicons are valid")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_lines_skip_comments_and_blanks() {
        let t = "# header\n\nalpha\n  beta  \r\n#x\n";
        let v: Vec<_> = data_lines(t).collect();
        assert_eq!(v, vec![(3, "alpha"), (4, "beta")]);
    }

    #[test]
    fn override_replaces_file_and_is_logged() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("xx")).unwrap();
        std::fs::write(dir.path().join("xx/words.tsv"), "a\t1\nb\n").unwrap();
        let src = LexiconSource::with_override(dir.path()).unwrap();
        let err = src.read_tsv("xx/words.tsv", 2).unwrap_err().to_string();
        assert_eq!(
            err,
            "lexicon file xx/words.tsv, line 2: expected at least 2 tab-separated fields, found 1"
        );
        assert!(src.languages().contains(&"xx".to_string()));
        let log = src.read_log();
        assert_eq!(log["xx/words.tsv"].origin, Origin::Override);
        assert_eq!(log["xx/words.tsv"].sha256.len(), 64);
    }

    #[test]
    fn build_time_hashes_are_the_sha256_of_the_embedded_bytes() {
        for (rel, bytes, sha256) in embedded::EMBEDDED {
            assert_eq!(*sha256, hex(&Sha256::digest(bytes)), "{rel}");
        }
        let src = LexiconSource::built_in();
        src.read_bytes("en/vader_lexicon.txt").unwrap();
        let log = src.read_log();
        let rec = &log["en/vader_lexicon.txt"];
        assert_eq!(rec.origin, Origin::BuiltIn);
        assert_eq!(
            rec.sha256,
            hex(&Sha256::digest(
                LexiconSource::built_in_bytes("en/vader_lexicon.txt").unwrap()
            ))
        );
    }

    #[test]
    fn missing_file_is_named() {
        let src = LexiconSource::built_in();
        let err = src.read_text("nope/none.txt").unwrap_err().to_string();
        assert!(err.contains("nope/none.txt"), "{err}");
    }
}
