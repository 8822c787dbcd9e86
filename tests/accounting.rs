//! Property: on any messy corpus, every input record ends up scored, rejected or counted as a
//! duplicate, rejects are exactly the planted bad records (in order, with their reason codes),
//! and every reject names an existing file and a line or row.
//!
//! Corpora are generated into a temporary folder: JSON Lines, JSON arrays, CSV with `,` `;` or
//! tab (quoted multi-line fields), `.txt` folders and empty files; with or without BOM, LF or
//! CRLF; records that are good, huge (up to ~120 KB), exact copies of an earlier text or id, or
//! broken (bad JSON, wrong field count), invalid UTF-8, without text, with empty text, with a
//! text of the wrong type, or without outlet. Runs the library (`ingest::read_paths` then
//! `clean::clean_corpus`), not the binary, so it stays fast in debug builds.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use proptest::prelude::*;
use slant::Lexicons;
use slant::clean::{CleanOptions, clean_corpus};
use slant::ingest::{IngestOptions, read_paths};

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Good,
    Huge,
    DupText,
    DupId,
    Broken,
    InvalidUtf8,
    MissingText,
    EmptyText,
    WrongType,
    MissingOutlet,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum FileKind {
    Jsonl,
    JsonArray,
    Csv(u8),
    Txt,
    Empty,
}

#[derive(Debug, Clone)]
struct FileSpec {
    kind: FileKind,
    bom: bool,
    crlf: bool,
    records: Vec<Kind>,
}

fn kind() -> impl Strategy<Value = Kind> {
    prop_oneof![
        5 => Just(Kind::Good),
        1 => Just(Kind::Huge),
        2 => Just(Kind::DupText),
        1 => Just(Kind::DupId),
        1 => Just(Kind::Broken),
        1 => Just(Kind::InvalidUtf8),
        1 => Just(Kind::MissingText),
        1 => Just(Kind::EmptyText),
        1 => Just(Kind::WrongType),
        1 => Just(Kind::MissingOutlet),
    ]
}

fn file_spec() -> impl Strategy<Value = FileSpec> {
    let file_kind = prop_oneof![
        3 => Just(FileKind::Jsonl),
        2 => Just(FileKind::JsonArray),
        1 => Just(FileKind::Csv(b',')),
        1 => Just(FileKind::Csv(b';')),
        1 => Just(FileKind::Csv(b'\t')),
        2 => Just(FileKind::Txt),
        1 => Just(FileKind::Empty),
    ];
    (
        file_kind,
        any::<bool>(),
        any::<bool>(),
        prop::collection::vec(kind(), 0..8),
    )
        .prop_map(|(kind, bom, crlf, records)| FileSpec {
            kind,
            bom,
            crlf,
            records,
        })
}

/// Distinct pseudo-words from a seed, so generated texts share no long runs (no accidental
/// near-duplicates) while staying plain text with quotes and delimiters in it.
fn text_for(seed: u64, huge: bool) -> String {
    const SYL: [&str; 16] = [
        "ka", "lo", "mi", "tes", "ru", "van", "po", "shi", "de", "nor", "ba", "qui", "fel", "zo",
        "ha", "gri",
    ];
    let mut x = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    let mut next = || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let words = if huge { 20_000 } else { 30 };
    let mut s = format!("Report {seed}: \"quoted\"; then, ");
    for i in 0..words {
        let r = next();
        for k in 0..(2 + r % 2) {
            s.push_str(SYL[((r >> (8 * k + 4)) % 16) as usize]);
        }
        s.push(if i == 14 { '\n' } else { ' ' });
        if i == 14 {
            s.push('\n');
        }
    }
    s.push_str("end.");
    s
}

/// The fields of one generated record.
struct Row {
    id: String,
    outlet: String,
    text: String,
}

/// A generated corpus on disk and what reading it must give.
struct Corpus {
    _dir: tempfile::TempDir,
    root: PathBuf,
    /// (file, reason) of each planted reject, in reading order.
    rejects: Vec<(String, &'static str)>,
    records: u64,
    planted_duplicates: u64,
}

fn json_line(r: &Row, kind: Kind) -> Vec<u8> {
    let mut o = serde_json::Map::new();
    o.insert("id".into(), r.id.clone().into());
    if kind != Kind::MissingOutlet {
        o.insert("outlet".into(), r.outlet.clone().into());
    }
    match kind {
        Kind::MissingText => {
            o.insert("title".into(), "A title only".into());
        }
        Kind::EmptyText => {
            o.insert("text".into(), "".into());
        }
        Kind::WrongType => {
            o.insert("text".into(), 12345.into());
        }
        _ => {
            o.insert("text".into(), r.text.clone().into());
        }
    }
    let line = serde_json::Value::Object(o).to_string().into_bytes();
    match kind {
        Kind::Broken => format!("{{\"id\": \"{}\", \"text\": \"unterminated", r.id).into_bytes(),
        Kind::InvalidUtf8 => {
            let mut b = b"{\"outlet\": \"O\", \"text\": \"caf".to_vec();
            b.extend_from_slice(b"\xE9 cr\xFFme\"}");
            b
        }
        _ => line,
    }
}

fn csv_field(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

fn build(specs: &[FileSpec]) -> Corpus {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_path_buf();
    let mut rejects = Vec::new();
    let mut records = 0u64;
    let mut planted_duplicates = 0u64;
    let mut seed = 0u64;
    // Accepted records of structured files that later records may copy: (id, outlet, text).
    let mut originals: Vec<(String, String, String)> = Vec::new();
    for (fi, spec) in specs.iter().enumerate() {
        let nl: &[u8] = if spec.crlf { b"\r\n" } else { b"\n" };
        let mut bytes: Vec<u8> = if spec.bom {
            b"\xEF\xBB\xBF".to_vec()
        } else {
            Vec::new()
        };
        let path = match spec.kind {
            FileKind::Jsonl => root.join(format!("f{fi:03}.jsonl")),
            FileKind::JsonArray => root.join(format!("f{fi:03}.json")),
            FileKind::Csv(_) => root.join(format!("f{fi:03}.csv")),
            FileKind::Txt => {
                std::fs::create_dir(root.join(format!("f{fi:03}_txt"))).unwrap();
                root.join(format!("f{fi:03}_txt/article.txt"))
            }
            FileKind::Empty => root.join(format!("f{fi:03}_empty.ndjson")),
        };
        let label = path.display().to_string();
        if let FileKind::Txt = spec.kind {
            let kind = spec.records.first().copied().unwrap_or(Kind::Good);
            seed += 1;
            match kind {
                Kind::EmptyText => bytes.extend_from_slice(b"  \n"),
                Kind::InvalidUtf8 => {
                    bytes.extend_from_slice(b"Caf\xE9 du port.\n");
                    records += 1;
                    rejects.push((label.clone(), "invalid_utf8"));
                }
                k => {
                    let text = text_for(seed, k == Kind::Huge);
                    let text = if spec.crlf {
                        text.replace('\n', "\r\n")
                    } else {
                        text
                    };
                    bytes.extend_from_slice(text.as_bytes());
                    records += 1;
                }
            }
            std::fs::write(&path, bytes).unwrap();
            continue;
        }
        let mut pieces: Vec<Vec<u8>> = Vec::new();
        if let FileKind::Csv(d) = spec.kind {
            let d = d as char;
            pieces.push(format!("id{d}outlet{d}text").into_bytes());
        }
        if spec.kind != FileKind::Empty {
            for &k in &spec.records {
                seed += 1;
                let mut kind = k;
                let mut row = Row {
                    id: format!("r{seed}"),
                    outlet: format!("Outlet {}", seed % 3),
                    text: text_for(seed, k == Kind::Huge),
                };
                match k {
                    Kind::DupText if !originals.is_empty() => {
                        let (_, outlet, text) = &originals[seed as usize % originals.len()];
                        row.outlet = outlet.clone();
                        row.text = text.clone();
                        planted_duplicates += 1;
                    }
                    Kind::DupId if !originals.is_empty() => {
                        let (id, outlet, _) = &originals[seed as usize % originals.len()];
                        row.id = id.clone();
                        row.outlet = outlet.clone();
                        planted_duplicates += 1;
                    }
                    Kind::DupText | Kind::DupId => kind = Kind::Good,
                    _ => {}
                }
                let is_csv = matches!(spec.kind, FileKind::Csv(_));
                // CSV has no types: a "wrong type" text is just a string.
                if is_csv && kind == Kind::WrongType {
                    kind = Kind::Good;
                }
                if spec.crlf {
                    row.text = row.text.replace('\n', "\r\n");
                }
                records += 1;
                let reason = match kind {
                    Kind::Broken if is_csv => Some("wrong_field_count"),
                    Kind::Broken => Some("invalid_json"),
                    Kind::InvalidUtf8 => Some("invalid_utf8"),
                    Kind::MissingText if is_csv => Some("empty_text"),
                    Kind::MissingText => Some("missing_text"),
                    Kind::EmptyText => Some("empty_text"),
                    Kind::WrongType => Some("wrong_type"),
                    Kind::MissingOutlet => Some("missing_outlet"),
                    _ => None,
                };
                match reason {
                    Some(r) => rejects.push((label.clone(), r)),
                    None if matches!(k, Kind::Good | Kind::Huge) => {
                        originals.push((
                            row.id.clone(),
                            row.outlet.clone(),
                            row.text.replace("\r\n", "\n"),
                        ));
                    }
                    None => {}
                }
                pieces.push(match spec.kind {
                    FileKind::Csv(d) => {
                        let d = d as char;
                        let text = match kind {
                            Kind::MissingText | Kind::EmptyText => String::new(),
                            _ => row.text.clone(),
                        };
                        let outlet = if kind == Kind::MissingOutlet {
                            String::new()
                        } else {
                            row.outlet.clone()
                        };
                        let mut line = format!(
                            "{}{d}{}{d}{}",
                            csv_field(&row.id),
                            csv_field(&outlet),
                            csv_field(&text)
                        )
                        .into_bytes();
                        match kind {
                            Kind::Broken => line.extend_from_slice(format!("{d}extra").as_bytes()),
                            Kind::InvalidUtf8 => {
                                line = format!(
                                    "{}{d}{}{d}\"caf",
                                    csv_field(&row.id),
                                    csv_field(&row.outlet)
                                )
                                .into_bytes();
                                line.extend_from_slice(b"\xE9\"");
                            }
                            _ => {}
                        }
                        line
                    }
                    FileKind::JsonArray if kind == Kind::Broken => {
                        format!("{{\"id\" \"{}\"}}", row.id).into_bytes()
                    }
                    _ => json_line(&row, kind),
                });
            }
        }
        match spec.kind {
            FileKind::JsonArray => {
                bytes.extend_from_slice(b"[");
                bytes.extend_from_slice(nl);
                for (i, p) in pieces.iter().enumerate() {
                    if i > 0 {
                        bytes.extend_from_slice(b",");
                        bytes.extend_from_slice(nl);
                    }
                    bytes.extend_from_slice(p);
                }
                bytes.extend_from_slice(nl);
                bytes.extend_from_slice(b"]");
            }
            _ => {
                for p in &pieces {
                    bytes.extend_from_slice(p);
                    bytes.extend_from_slice(nl);
                }
            }
        }
        std::fs::write(&path, bytes).unwrap();
    }
    Corpus {
        _dir: dir,
        root,
        rejects,
        records,
        planted_duplicates,
    }
}

fn lexicons() -> &'static Lexicons {
    static LEX: OnceLock<Lexicons> = OnceLock::new();
    LEX.get_or_init(Lexicons::built_in)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    #[test]
    fn every_record_is_scored_rejected_or_a_duplicate(specs in prop::collection::vec(file_spec(), 1..6)) {
        let corpus = build(&specs);
        let ing = read_paths(std::slice::from_ref(&corpus.root), &IngestOptions::default()).unwrap();
        prop_assert_eq!(ing.input_records, corpus.records);
        prop_assert_eq!(ing.files.len(), specs.len());
        let got: Vec<(String, &str)> = ing.rejects.iter().map(|r| (r.file.clone(), r.reason.as_str())).collect();
        prop_assert_eq!(&got, &corpus.rejects);
        for r in &ing.rejects {
            prop_assert!(Path::new(&r.file).is_file(), "reject names a missing file: {:?}", r);
            prop_assert!(r.line.is_some() || r.row.is_some(), "reject without line or row: {:?}", r);
        }
        prop_assert_eq!(ing.input_records, (ing.articles.len() + ing.rejects.len()) as u64);
        let rejected = ing.rejects.len() as u64;
        let cleaned = clean_corpus(ing.articles, lexicons(), &CleanOptions::default());
        let scored = cleaned.articles.len() as u64;
        let duplicates = cleaned.duplicates.len() as u64;
        prop_assert_eq!(corpus.records, scored + rejected + duplicates);
        prop_assert!(duplicates >= corpus.planted_duplicates,
            "{} duplicates found, {} planted", duplicates, corpus.planted_duplicates);
    }
}
