//! Mapping input columns onto the canonical schema, and validating each record.
//!
//! Crawler output names the same thing many ways (news-please's `maintext`, `source_domain`,
//! `date_publish`; Media Cloud's `media_name`, `publish_date`; generic `source`, `content`,
//! `body`, `date`, `section`). A `--map text=body` override wins over the built-in aliases.

use sha2::{Digest, Sha256};

use super::{FieldValue, IngestOptions, RawRecord};
use crate::clean::dates::{self, DateResult};
use crate::lexicon::hex;
use crate::model::{Article, Reject};

/// The canonical fields, in schema order.
pub const CANONICAL: &[&str] = &[
    "id",
    "outlet",
    "url",
    "published",
    "language",
    "title",
    "text",
    "topic",
    "author",
];

/// Built-in aliases per canonical field, most specific first. Matching ignores case.
pub const ALIASES: &[(&str, &[&str])] = &[
    (
        "id",
        &[
            "id",
            "_id",
            "article_id",
            "doc_id",
            "stories_id",
            "uuid",
            "guid",
        ],
    ),
    (
        "outlet",
        &[
            "outlet",
            "source_domain",
            "media_name",
            "source",
            "source_name",
            "publisher",
            "newspaper",
            "site",
            "domain",
            "media",
            "media_url",
        ],
    ),
    (
        "url",
        &["url", "link", "article_url", "source_url", "canonical_url"],
    ),
    (
        "published",
        &[
            "published",
            "date_publish",
            "publish_date",
            "published_at",
            "pub_date",
            "date_published",
            "publication_date",
            "date",
            "datetime",
            "timestamp",
        ],
    ),
    ("language", &["language", "lang", "language_code", "locale"]),
    ("title", &["title", "headline"]),
    (
        "text",
        &[
            "text",
            "maintext",
            "content",
            "body",
            "article",
            "full_text",
            "story",
            "article_text",
        ],
    ),
    (
        "topic",
        &["topic", "section", "category", "subject", "rubrique"],
    ),
    ("author", &["author", "authors", "byline"]),
];

/// User overrides `canonical → source column`, from `--map canonical=source`.
#[derive(Debug, Clone, Default)]
pub struct ColumnMap {
    pub overrides: Vec<(String, String)>,
}

impl ColumnMap {
    /// Parses `canonical=source` strings, rejecting unknown canonical names.
    pub fn parse(specs: &[String]) -> anyhow::Result<Self> {
        let mut overrides = Vec::new();
        for s in specs {
            let (k, v) = s.split_once('=').ok_or_else(|| {
                anyhow::anyhow!("--map {s:?}: expected canonical=source, e.g. text=body")
            })?;
            let k = k.trim().to_ascii_lowercase();
            if !CANONICAL.contains(&k.as_str()) {
                anyhow::bail!(
                    "--map {s:?}: {k:?} is not a canonical column (one of {})",
                    CANONICAL.join(", ")
                );
            }
            overrides.push((k, v.trim().to_string()));
        }
        Ok(ColumnMap { overrides })
    }

    /// The index in `fields` of the column that supplies `canonical`: the `--map` override's
    /// column, else the first alias (in [`ALIASES`] order, case-insensitive) whose value is not
    /// null or blank, so an empty `media_name` does not hide a filled `media_url`.
    pub fn find(&self, canonical: &str, fields: &[(String, FieldValue)]) -> Option<usize> {
        self.locate(canonical, fields, true)
    }

    /// Like [`ColumnMap::find`], but also returns a column whose value is null or blank: tells
    /// "the text is empty" from "there is no text column".
    pub fn find_any(&self, canonical: &str, fields: &[(String, FieldValue)]) -> Option<usize> {
        self.locate(canonical, fields, false)
    }

    fn locate(
        &self,
        canonical: &str,
        fields: &[(String, FieldValue)],
        filled_only: bool,
    ) -> Option<usize> {
        if let Some((_, src)) = self.overrides.iter().find(|(k, _)| k == canonical) {
            return fields.iter().position(|(n, _)| n == src);
        }
        let aliases = ALIASES.iter().find(|(k, _)| *k == canonical)?.1;
        aliases.iter().find_map(|a| {
            fields
                .iter()
                .position(|(n, v)| n.eq_ignore_ascii_case(a) && !(filled_only && is_blank(v)))
        })
    }
}

fn is_blank(v: &FieldValue) -> bool {
    match v {
        FieldValue::Null => true,
        FieldValue::Str(s) => s.trim().is_empty(),
        _ => false,
    }
}

/// A stable id for a record without one: the first 16 hex digits of SHA-256 over outlet, title
/// and text, so the same article gets the same id on every run and machine.
pub fn stable_id(outlet: &str, title: Option<&str>, text: &str) -> String {
    let mut h = Sha256::new();
    h.update(outlet.as_bytes());
    h.update([0x1f]);
    h.update(title.unwrap_or("").as_bytes());
    h.update([0x1f]);
    h.update(text.as_bytes());
    format!("h{}", &hex(&h.finalize())[..16])
}

fn type_name(v: &FieldValue) -> &'static str {
    match v {
        FieldValue::Null => "null",
        FieldValue::Str(_) => "a string",
        FieldValue::Int(_) | FieldValue::Float(_) => "a number",
        FieldValue::Bool(_) => "a boolean",
        FieldValue::Other(s) if s.starts_with('[') => "an array",
        FieldValue::Other(_) => "an object",
    }
}

/// A string field: strings as is (trimmed; empty → None), numbers as decimal text for fields where
/// that is meaningful (`id`), anything else a wrong-type error.
fn string_field(
    rec: &RawRecord,
    map: &ColumnMap,
    canonical: &str,
    numbers_ok: bool,
) -> Result<Option<String>, String> {
    let Some(i) = map.find(canonical, &rec.fields) else {
        return Ok(None);
    };
    let (name, v) = &rec.fields[i];
    match v {
        FieldValue::Null => Ok(None),
        FieldValue::Str(s) => {
            let t = s.trim();
            Ok((!t.is_empty()).then(|| t.to_string()))
        }
        FieldValue::Int(n) if numbers_ok => Ok(Some(n.to_string())),
        FieldValue::Other(s) if canonical == "author" && s.starts_with('[') => {
            // news-please `authors`: an array of names.
            let names: Vec<String> = serde_json::from_str::<Vec<serde_json::Value>>(s)
                .unwrap_or_default()
                .into_iter()
                .filter_map(|v| v.as_str().map(|x| x.trim().to_string()))
                .filter(|x| !x.is_empty())
                .collect();
            Ok((!names.is_empty()).then(|| names.join("; ")))
        }
        other => Err(format!(
            "column {name:?} ({canonical}) must be a string, found {}",
            type_name(other)
        )),
    }
}

/// `s` with CRLF and lone CR line ends turned into LF, so paragraph splitting sees one
/// convention whatever the input (Windows CSV exports, text files).
fn unix_line_ends(s: &str) -> String {
    if !s.contains('\r') {
        return s.to_string();
    }
    s.replace("\r\n", "\n").replace('\r', "\n")
}

/// Maps and validates one record. Returns the article and whether its date was present but
/// unusable (a counted warning, not a reject).
pub fn to_article(rec: RawRecord, opts: &IngestOptions) -> Result<(Article, bool), Reject> {
    let no_overrides = ColumnMap::default();
    let map = if rec.canonical {
        &no_overrides
    } else {
        &opts.column_map
    };
    let reject = |reason: &str, msg: String, id: Option<String>| {
        Reject::new(&rec.origin, reason, msg).with_id(id)
    };
    let id = string_field(&rec, map, "id", true).map_err(|m| reject("wrong_type", m, None))?;
    let text = match map.find("text", &rec.fields) {
        None => {
            return Err(match map.find_any("text", &rec.fields) {
                Some(_) if rec.canonical => {
                    reject("empty_text", "the file has no main text".into(), id)
                }
                Some(i) => reject("empty_text", format!("column {:?} is empty", rec.fields[i].0), id),
                None => reject(
                    "missing_text",
                    "no text column (looked for text, maintext, content, body, …; use --map text=COLUMN)"
                        .into(),
                    id,
                ),
            });
        }
        Some(i) => match &rec.fields[i].1 {
            FieldValue::Str(s) if !s.trim().is_empty() => unix_line_ends(s),
            FieldValue::Str(_) | FieldValue::Null => {
                return Err(reject(
                    "empty_text",
                    format!("column {:?} is empty", rec.fields[i].0),
                    id,
                ));
            }
            other => {
                return Err(reject(
                    "wrong_type",
                    format!(
                        "column {:?} (text) must be a string, found {}",
                        rec.fields[i].0,
                        type_name(other)
                    ),
                    id,
                ));
            }
        },
    };
    let field = |c: &str| {
        string_field(&rec, map, c, false).map_err(|m| reject("wrong_type", m, id.clone()))
    };
    let outlet = match field("outlet")?.or_else(|| opts.default_outlet.clone()) {
        Some(o) => o,
        None => {
            return Err(reject(
                "missing_outlet",
                "no outlet column (looked for outlet, source_domain, media_name, source, …; use --map outlet=COLUMN or --outlet NAME)".into(),
                id,
            ));
        }
    };
    let url = field("url")?;
    let title = field("title")?.map(|t| unix_line_ends(&t));
    let language = field("language")?;
    let topic = field("topic")?;
    let author = field("author")?;
    let mut date_warning = false;
    let published = match map.find("published", &rec.fields).map(|i| &rec.fields[i].1) {
        None | Some(FieldValue::Null) => None,
        Some(v) => {
            let r = match v {
                FieldValue::Str(s) => opts.dates.parse(s, opts.date_order),
                FieldValue::Int(n) => dates::from_integer(*n),
                FieldValue::Float(f) if f.is_finite() => dates::from_epoch_seconds(*f as i64),
                _ => DateResult::Unparseable,
            };
            match r {
                DateResult::Date(d) => Some(d),
                DateResult::Empty => None,
                DateResult::Invalid | DateResult::Unparseable => {
                    date_warning = true;
                    None
                }
            }
        }
    };
    let id = id.unwrap_or_else(|| stable_id(&outlet, title.as_deref(), &text));
    let language = language.map(|l| {
        crate::text::Lang::parse(&l)
            .map(|x| x.code().to_string())
            .unwrap_or(l)
    });
    Ok((
        Article {
            id,
            outlet,
            url,
            published,
            language,
            title,
            text,
            topic,
            author,
            origin: rec.origin,
        },
        date_warning,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::RecordOrigin;

    fn rec(fields: &[(&str, FieldValue)]) -> RawRecord {
        RawRecord::from_input(
            RecordOrigin {
                file: "f.jsonl".into(),
                line: Some(7),
                row: None,
            },
            fields
                .iter()
                .map(|(k, v)| (k.to_string(), v.clone()))
                .collect(),
        )
    }
    fn s(x: &str) -> FieldValue {
        FieldValue::Str(x.into())
    }

    #[test]
    fn news_please_columns_map_automatically() {
        let (a, warn) = to_article(
            rec(&[
                ("maintext", s("Body.")),
                ("source_domain", s("example.com")),
                ("date_publish", s("2022-03-01 10:00:00")),
                ("title", s("T")),
                ("authors", FieldValue::Other("[\"A B\",\"C D\"]".into())),
            ]),
            &IngestOptions::default(),
        )
        .unwrap();
        assert!(!warn);
        assert_eq!(a.outlet, "example.com");
        assert_eq!(a.text, "Body.");
        assert_eq!(a.published.unwrap().to_string(), "2022-03-01");
        assert_eq!(a.author.as_deref(), Some("A B; C D"));
        assert_eq!(a.id, stable_id("example.com", Some("T"), "Body."));
        assert!(a.id.starts_with('h') && a.id.len() == 17);
    }

    #[test]
    fn override_map_wins() {
        let opts = IngestOptions {
            column_map: ColumnMap::parse(&["text=summary".into()]).unwrap(),
            ..Default::default()
        };
        let (a, _) = to_article(
            rec(&[
                ("text", s("long")),
                ("summary", s("short")),
                ("source", s("S")),
            ]),
            &opts,
        )
        .unwrap();
        assert_eq!(a.text, "short");
        assert!(ColumnMap::parse(&["body=x".into()]).is_err());
    }

    #[test]
    fn unusable_records_are_rejected_with_reason() {
        let o = IngestOptions::default();
        let r = to_article(rec(&[("outlet", s("X"))]), &o).unwrap_err();
        assert_eq!((r.reason.as_str(), r.line), ("missing_text", Some(7)));
        let r =
            to_article(rec(&[("text", FieldValue::Int(3)), ("outlet", s("X"))]), &o).unwrap_err();
        assert_eq!(r.reason, "wrong_type");
        let r = to_article(rec(&[("text", s("  ")), ("outlet", s("X"))]), &o).unwrap_err();
        assert_eq!(r.reason, "empty_text");
        let r = to_article(rec(&[("text", s("t")), ("id", s("a1"))]), &o).unwrap_err();
        assert_eq!(
            (r.reason.as_str(), r.id.as_deref()),
            ("missing_outlet", Some("a1"))
        );
    }

    #[test]
    fn impossible_date_is_a_warning_not_a_reject() {
        let (a, warn) = to_article(
            rec(&[
                ("text", s("t")),
                ("outlet", s("X")),
                ("date", s("0001-11-30")),
            ]),
            &IngestOptions::default(),
        )
        .unwrap();
        assert!(warn);
        assert_eq!(a.published, None);
    }
}
