//! `slant eval hygiene`: what cleaning keeps and what it finds, on PolNeAR.
//!
//! PolNeAR (`metadata.tsv` plus `<split>/text/NAME.txt` and `<split>/attributions/NAME_*.ann`)
//! gives real news texts of seven publishers with gold attribution spans and, in its
//! metadata, the wire agency of agency copy. Two figures:
//!
//! - **span retention**: the share of gold Source, Cue and Content spans still present after
//!   cleaning (every line of the span in the cleaned text, or in the title: the repeated
//!   headline line moves there). Cleaning must never remove body text or quotes: ≥ 99%.
//! - **wire credit** precision and recall against the metadata's `wire` column.
//!
//! The texts are cleaned as one corpus (grouped by publisher as outlet), so outlet templates
//! and duplicates are in play exactly as in `slant run`.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use anyhow::{Context, Result, bail};

use crate::clean::{CleanOptions, clean_corpus};
use crate::eval::quotes::{ann_text_name, parse_spans};
use crate::lexicon::Lexicons;
use crate::model::Article;

/// The figures of one evaluation.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HygieneEval {
    pub texts: usize,
    pub spans: usize,
    /// Spans kept in the cleaned text or title.
    pub kept: usize,
    /// Spans kept in the cleaned text alone.
    pub kept_in_body: usize,
    /// Up to 10 lost spans, `NAME: "span"`, for diagnosis.
    pub lost_examples: Vec<String>,
    pub wire_tp: usize,
    pub wire_fp: usize,
    pub wire_fn: usize,
    /// True positives whose agency matches the metadata's (case-insensitive).
    pub wire_agency_agree: usize,
    pub duplicates: usize,
    /// Removed lines by reason.
    pub removed: BTreeMap<String, usize>,
}

impl HygieneEval {
    pub fn retention(&self) -> f64 {
        self.kept as f64 / self.spans.max(1) as f64
    }
    pub fn body_retention(&self) -> f64 {
        self.kept_in_body as f64 / self.spans.max(1) as f64
    }
    pub fn wire_precision(&self) -> f64 {
        self.wire_tp as f64 / (self.wire_tp + self.wire_fp).max(1) as f64
    }
    pub fn wire_recall(&self) -> f64 {
        self.wire_tp as f64 / (self.wire_tp + self.wire_fn).max(1) as f64
    }
}

/// Gold spans (Source, Cue, Content fragments) of one brat `.ann` file, as text of `chars`.
fn ann_spans(path: &Path, ann: &str, chars: &[char], out: &mut Vec<String>) -> Result<()> {
    for sp in parse_spans(path, ann)? {
        if !matches!(sp.kind.as_str(), "Content" | "Source" | "Cue") {
            continue;
        }
        for (s, e) in sp.ranges {
            if s < e && e <= chars.len() {
                out.push(chars[s..e].iter().collect());
            }
        }
    }
    Ok(())
}

/// Cleans the PolNeAR texts of `split` (`train`, `dev`, or `all`) under `root` and measures.
pub fn evaluate_polnear(
    root: &Path,
    split: &str,
    lex: &Lexicons,
    opts: &CleanOptions,
) -> Result<HygieneEval> {
    let meta_path = root.join("metadata.tsv");
    let tsv = std::fs::read_to_string(&meta_path)
        .with_context(|| format!("reading {}", meta_path.display()))?;
    let mut articles = Vec::new();
    let mut spans: Vec<Vec<String>> = Vec::new();
    let mut wire: Vec<Option<String>> = Vec::new();
    // Annotation files by folder, read once.
    let mut anns: HashMap<String, Vec<std::path::PathBuf>> = HashMap::new();
    for (n, line) in tsv.lines().enumerate().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 12 {
            bail!(
                "{} line {}: expected 12 tab-separated fields, found {}",
                meta_path.display(),
                n + 1,
                f.len()
            );
        }
        let (sp, name, publisher, title, agency) = (f[0], f[1], f[4], f[7], f[11]);
        if split != "all" && sp != split {
            continue;
        }
        let text_path = root.join(sp).join("text").join(format!("{name}.txt"));
        let text = std::fs::read_to_string(&text_path)
            .with_context(|| format!("reading {}", text_path.display()))?;
        let chars: Vec<char> = text.chars().collect();
        let files = anns.entry(sp.to_string()).or_insert_with(|| {
            let mut v: Vec<_> = std::fs::read_dir(root.join(sp).join("attributions"))
                .map(|rd| rd.flatten().map(|e| e.path()).collect())
                .unwrap_or_default();
            v.sort();
            v
        });
        // Every annotator's file of this text (NAME_ANNOTATOR.ann, as the quotes eval reads
        // them), not every file whose name starts with NAME: "a_b" is not an annotator of "a".
        let mut these = Vec::new();
        for p in files.iter().filter(|p| {
            p.extension().is_some_and(|x| x == "ann")
                && p.file_stem()
                    .and_then(|n| n.to_str())
                    .and_then(ann_text_name)
                    == Some(name)
        }) {
            let ann =
                std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display()))?;
            ann_spans(p, &ann, &chars, &mut these)?;
        }
        articles.push(Article {
            id: name.to_string(),
            outlet: publisher.to_string(),
            title: Some(title.to_string()),
            language: Some("en".into()),
            text,
            ..Default::default()
        });
        spans.push(these);
        wire.push((!matches!(agency, "None" | "NA" | "")).then(|| agency.to_string()));
    }
    if articles.is_empty() {
        bail!("{}: no texts in split {split:?}", root.display());
    }
    let ids: Vec<String> = articles.iter().map(|a| a.id.clone()).collect();
    let cleaned = clean_corpus(articles, lex, opts);
    let mut e = HygieneEval {
        texts: ids.len(),
        duplicates: cleaned.duplicates.len(),
        ..Default::default()
    };
    let index: HashMap<&str, usize> = cleaned
        .articles
        .iter()
        .enumerate()
        .map(|(i, c)| (c.article.id.as_str(), i))
        .collect();
    let dup_of: HashMap<&str, &str> = cleaned
        .duplicates
        .iter()
        .map(|d| (d.id.as_str(), d.duplicate_of.as_str()))
        .collect();
    for c in &cleaned.articles {
        for r in &c.removed {
            *e.removed.entry(r.reason.clone()).or_insert(0) += 1;
        }
    }
    for ((id, these), gold_wire) in ids.iter().zip(&spans).zip(&wire) {
        // A duplicate is judged on the copy that was kept.
        let key = dup_of.get(id.as_str()).copied().unwrap_or(id.as_str());
        let Some(&i) = index.get(key) else { continue };
        let c = &cleaned.articles[i];
        let (text, title) = (
            c.article.text.as_str(),
            c.article.title.as_deref().unwrap_or(""),
        );
        for s in these {
            e.spans += 1;
            let lines = || s.lines().map(str::trim).filter(|l| !l.is_empty());
            if lines().all(|l| text.contains(l)) {
                e.kept_in_body += 1;
                e.kept += 1;
            } else if lines().all(|l| text.contains(l) || title.contains(l)) {
                e.kept += 1;
            } else if e.lost_examples.len() < 10 {
                e.lost_examples.push(format!("{id}: {s:?}"));
            }
        }
        if key != id.as_str() {
            continue;
        }
        match (gold_wire, &c.wire_credit) {
            (Some(g), Some(p)) => {
                e.wire_tp += 1;
                e.wire_agency_agree += usize::from(g.eq_ignore_ascii_case(p));
            }
            (None, Some(_)) => e.wire_fp += 1,
            (Some(_), None) => e.wire_fn += 1,
            (None, None) => {}
        }
    }
    Ok(e)
}

/// Prints the figures.
pub fn print(e: &HygieneEval, root: &Path, split: &str) {
    println!("PolNeAR {split} ({}): {} texts", root.display(), e.texts);
    println!(
        "  gold attribution spans kept: {} of {} ({:.2}%; {:.2}% in the body text, the rest in \
         the title)",
        e.kept,
        e.spans,
        100.0 * e.retention(),
        100.0 * e.body_retention()
    );
    println!(
        "  wire credit vs metadata: precision {:.3}, recall {:.3} (tp {}, fp {}, fn {}; agency \
         agrees on {} of {})",
        e.wire_precision(),
        e.wire_recall(),
        e.wire_tp,
        e.wire_fp,
        e.wire_fn,
        e.wire_agency_agree,
        e.wire_tp
    );
    println!("  duplicates: {}", e.duplicates);
    let removed: Vec<String> = e.removed.iter().map(|(r, n)| format!("{r} {n}")).collect();
    println!("  removed lines: {}", removed.join(", "));
}
