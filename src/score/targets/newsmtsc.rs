//! NewsMTSC gold files (Hamborg & Donnay, EACL 2021): one JSON object a line with
//! `primary_gid`, `sentence_normalized` and `targets[{from, to, polarity}]`, polarity 2 negative,
//! 4 neutral, 6 positive, offsets in Unicode scalar values.
//!
//! One parser for every reader of these files — `slant eval sentiment --format newsmtsc`, the
//! trainer (`examples/fit_targets.rs`), the bench (`benches/targets.rs`) — so they cannot
//! disagree on which targets a line has, how a polarity maps to a class or how offsets become
//! byte spans. A target whose offsets do not fit its sentence keeps `span: None` (eval counts it
//! as undecided, the trainer skips it) rather than failing the file; a line that is not JSON, or
//! lacks the sentence or a target's offsets or polarity, is an error naming the line.

use std::path::Path;

use anyhow::{Context, Result, bail};

use super::char_range_to_span;
use crate::text::Span;

/// One gold line: a sentence and its targets.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldSentence {
    /// 1-based line number in the file.
    pub line: usize,
    /// `primary_gid` (empty when absent): `<source>_<article>_<...>_<sentence>...`.
    pub gid: String,
    /// `sentence_normalized`.
    pub text: String,
    pub targets: Vec<GoldTarget>,
}

/// One annotated target of a sentence.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GoldTarget {
    /// `[from, to)` in Unicode scalar values, as in the file.
    pub from: usize,
    pub to: usize,
    /// The byte span of `[from, to)` in the sentence, `None` when out of range or reversed.
    pub span: Option<Span>,
    /// -1 negative, 0 neutral, 1 positive.
    pub class: i8,
}

impl GoldSentence {
    /// The source article of the sentence: the first three `_`-separated parts of
    /// `primary_gid` (publisher, article, sentence group). Cross-validation folds group by it,
    /// so sentences of one article never sit on both sides of a fold.
    pub fn article(&self) -> String {
        self.gid
            .splitn(4, '_')
            .take(3)
            .collect::<Vec<_>>()
            .join("_")
    }
}

/// Maps a NewsMTSC polarity (2, 4, 6; anything below 4 is negative, above positive) to a class.
fn class_of(polarity: f64) -> i8 {
    if polarity < 4.0 {
        -1
    } else if polarity > 4.0 {
        1
    } else {
        0
    }
}

/// Parses the text of a NewsMTSC file; `name` names it in errors. Blank lines are skipped.
pub fn parse(text: &str, name: &str) -> Result<Vec<GoldSentence>> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let at = || format!("{name}:{}", i + 1);
        let v: serde_json::Value =
            serde_json::from_str(line).with_context(|| format!("{}: invalid JSON", at()))?;
        let sentence = v["sentence_normalized"]
            .as_str()
            .with_context(|| format!("{}: no sentence_normalized", at()))?;
        let mut targets = Vec::new();
        for (k, t) in v["targets"].as_array().into_iter().flatten().enumerate() {
            let num = |key: &str| t[key].as_f64();
            let (Some(from), Some(to), Some(pol)) =
                (t["from"].as_u64(), t["to"].as_u64(), num("polarity"))
            else {
                bail!(
                    "{}: target {} needs numeric from, to and polarity (got {t})",
                    at(),
                    k + 1
                );
            };
            let (from, to) = (from as usize, to as usize);
            targets.push(GoldTarget {
                from,
                to,
                span: char_range_to_span(sentence, from, to),
                class: class_of(pol),
            });
        }
        out.push(GoldSentence {
            line: i + 1,
            gid: v["primary_gid"].as_str().unwrap_or("").to_string(),
            text: sentence.to_string(),
            targets,
        });
    }
    Ok(out)
}

/// Reads and parses a NewsMTSC file.
pub fn read(path: &Path) -> Result<Vec<GoldSentence>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("reading NewsMTSC file {}", path.display()))?;
    parse(&text, &path.display().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_targets_classes_and_scalar_offsets() {
        let text = concat!(
            r#"{"primary_gid": "allsides_1_2_3_X_0_6", "sentence_normalized": "Élisabeth Borne met Biden.", "targets": [{"from": 0, "to": 15, "polarity": 2.0}, {"from": 20, "to": 25, "polarity": 6.0}, {"from": 20, "to": 99, "polarity": 4.0}]}"#,
            "\n\n",
            r#"{"sentence_normalized": "No targets."}"#,
            "\n"
        );
        let s = parse(text, "gold.jsonl").unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!((s[0].line, s[1].line), (1, 3));
        assert_eq!(s[0].article(), "allsides_1_2");
        let t = &s[0].targets;
        assert_eq!(
            t.iter().map(|t| t.class).collect::<Vec<_>>(),
            vec![-1, 1, 0]
        );
        assert_eq!(&s[0].text[t[0].span.unwrap().range()], "Élisabeth Borne");
        assert_eq!(&s[0].text[t[1].span.unwrap().range()], "Biden");
        assert_eq!(t[2].span, None);
        assert!(s[1].targets.is_empty() && s[1].gid.is_empty());
    }

    #[test]
    fn errors_name_the_line() {
        let err = parse("{\"sentence_normalized\": \"x\"}\nnot json\n", "g.jsonl")
            .unwrap_err()
            .to_string();
        assert_eq!(err, "g.jsonl:2: invalid JSON");
        let err = parse(
            r#"{"sentence_normalized": "x", "targets": [{"from": 0, "to": 1}]}"#,
            "g.jsonl",
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.starts_with("g.jsonl:1: target 1 needs numeric"),
            "{err}"
        );
        let err = parse(r#"{"targets": []}"#, "g.jsonl")
            .unwrap_err()
            .to_string();
        assert_eq!(err, "g.jsonl:1: no sentence_normalized");
    }
}
