//! `slant eval quotes`: attribution accuracy on brat standoff annotations (PolNeAR layout).
//!
//! Layout: `DIR/text/NAME.txt` and `DIR/attributions/NAME_ANNOTATOR.ann`; where several
//! annotators annotated one text, the first `.ann` file in name order is used. In each `.ann`
//! file, `T` lines give typed spans (`Source`, `Cue`, `Content`; several `start end` pairs
//! separated by `;` for discontinuous spans) in Unicode scalar offsets, and `E` lines join them
//! into attributions (`Attribution:T4 Content:T3 Cue:T2 Source:T1`).
//!
//! Metric (the GenderGapTracker way): a prediction matches a gold attribution when their content
//! spans share at least 30% (and, reported separately, 80%) of the gold content's characters;
//! pairs are matched one to one, best overlap first. Precision = matched / predictions, recall
//! = matched / gold attributions with content. Speaker accuracy is over the pairs matched at
//! 30%: correct when the predicted source span overlaps a gold source span (or both have none).
//! "Without a resolved speaker" is the share of predictions whose speaker is null, anonymous
//! sources excluded (an anonymous source is resolved: it is anonymous).
//!
//! One alignment of units: PolNeAR annotates a quote interrupted by its cue (`“A,” he said.
//! “B.”`) as one attribution with two content spans, where slant reports the continuation as a
//! `floating` record; likewise the paragraphs of a multi-paragraph quote. Before matching, a
//! floating prediction is therefore joined to the preceding prediction of the same source when
//! no paragraph break separates them, or only the break and the quotation marks do.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result};

use crate::lexicon::AttributionLexicons;
use crate::model::{AttributionKind, SourceType};
use crate::text::CharOffsets;

/// A set of character ranges `[start, end)` (scalar offsets).
/// Character ranges `(start, end)` of one brat span (several when discontinuous).
pub type Ranges = Vec<(usize, usize)>;

/// One gold attribution.
#[derive(Debug, Clone)]
pub struct GoldAttribution {
    pub content: Ranges,
    pub source: Ranges,
}

/// One predicted attribution (after joining floating continuations).
#[derive(Debug, Clone)]
struct Predicted {
    content: Ranges,
    source: Ranges,
    unresolved: bool,
}

/// The figures `slant eval quotes` prints.
#[derive(Debug, Clone, Default)]
pub struct QuoteEval {
    pub texts: usize,
    pub gold: usize,
    pub predicted: usize,
    pub matched_30: usize,
    pub matched_80: usize,
    pub speaker_correct: usize,
    pub unresolved: usize,
    pub chars: usize,
    pub seconds: f64,
}

fn prf(m: usize, p: usize, g: usize) -> (f64, f64, f64) {
    let prec = if p > 0 { m as f64 / p as f64 } else { 0.0 };
    let rec = if g > 0 { m as f64 / g as f64 } else { 0.0 };
    let f1 = if prec + rec > 0.0 {
        2.0 * prec * rec / (prec + rec)
    } else {
        0.0
    };
    (prec, rec, f1)
}

impl QuoteEval {
    /// Precision, recall and F1 at 30% content overlap.
    pub fn at_30(&self) -> (f64, f64, f64) {
        prf(self.matched_30, self.predicted, self.gold)
    }
    /// Precision, recall and F1 at 80% content overlap.
    pub fn at_80(&self) -> (f64, f64, f64) {
        prf(self.matched_80, self.predicted, self.gold)
    }
    /// Share of pairs matched at 30% whose source spans overlap.
    pub fn speaker_accuracy(&self) -> f64 {
        if self.matched_30 == 0 {
            0.0
        } else {
            self.speaker_correct as f64 / self.matched_30 as f64
        }
    }
    /// Share of predictions with no resolved speaker (anonymous sources excluded).
    pub fn unresolved_share(&self) -> f64 {
        if self.predicted == 0 {
            0.0
        } else {
            self.unresolved as f64 / self.predicted as f64
        }
    }
    pub fn chars_per_second(&self) -> f64 {
        if self.seconds > 0.0 {
            self.chars as f64 / self.seconds
        } else {
            0.0
        }
    }
}

fn overlap(a: &Ranges, b: &Ranges) -> usize {
    let mut n = 0;
    for &(s1, e1) in a {
        for &(s2, e2) in b {
            n += e1.min(e2).saturating_sub(s1.max(s2));
        }
    }
    n
}

fn total(a: &Ranges) -> usize {
    a.iter().map(|(s, e)| e - s).sum()
}

/// One brat text-bound annotation (`T12<TAB>Content 10 20;25 30<TAB>...`).
#[derive(Debug, Clone)]
pub struct AnnSpan {
    pub id: String,
    /// The annotation type: `Source`, `Cue`, `Content`, ...
    pub kind: String,
    pub ranges: Ranges,
}

/// The text-bound spans of one `.ann` file (any type). Errors name the file and line.
pub fn parse_spans(path: &Path, text: &str) -> Result<Vec<AnnSpan>> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if let Some(s) = parse_span_line(path, i + 1, line)? {
            out.push(s);
        }
    }
    Ok(out)
}

fn parse_span_line(path: &Path, n: usize, line: &str) -> Result<Option<AnnSpan>> {
    let mut f = line.splitn(3, '\t');
    let (Some(id), Some(body)) = (f.next(), f.next()) else {
        return Ok(None);
    };
    if !(id.starts_with('T') && id[1..].bytes().all(|b| b.is_ascii_digit())) {
        return Ok(None);
    }
    let (kind, offs) = body
        .split_once(' ')
        .with_context(|| format!("{}:{n}: span line without offsets", path.display()))?;
    let mut r = Ranges::new();
    for part in offs.split(';') {
        let mut it = part.split_whitespace();
        let (Some(s), Some(e)) = (it.next(), it.next()) else {
            anyhow::bail!("{}:{n}: malformed offsets {offs:?}", path.display());
        };
        let s: usize = s
            .parse()
            .with_context(|| format!("{}:{n}: bad offset {s:?}", path.display()))?;
        let e: usize = e
            .parse()
            .with_context(|| format!("{}:{n}: bad offset {e:?}", path.display()))?;
        r.push((s, e.max(s)));
    }
    Ok(Some(AnnSpan {
        id: id.to_string(),
        kind: kind.to_string(),
        ranges: r,
    }))
}

/// Parses one `.ann` file: attributions with a content span. Errors name the file and line.
pub fn parse_ann(path: &Path, text: &str) -> Result<Vec<GoldAttribution>> {
    use std::collections::HashMap;
    let mut spans: HashMap<String, Ranges> = HashMap::new();
    let mut rels: Vec<(usize, Vec<(String, String)>)> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        if let Some(sp) = parse_span_line(path, n, line)? {
            spans.insert(sp.id, sp.ranges);
            continue;
        }
        let mut f = line.splitn(3, '\t');
        let (Some(id), Some(body)) = (f.next(), f.next()) else {
            continue;
        };
        if id.starts_with('E') {
            let args = body
                .split_whitespace()
                .filter_map(|x| x.split_once(':'))
                .map(|(k, v)| {
                    let k = k.trim_end_matches(|c: char| c.is_ascii_digit());
                    let k = if k.starts_with("Attribution") {
                        "Attribution"
                    } else {
                        k
                    };
                    (k.to_string(), v.to_string())
                })
                .collect();
            rels.push((n, args));
        }
    }
    let mut out = Vec::new();
    for (n, args) in rels {
        let get = |k: &str| -> Result<Ranges> {
            let mut r = Ranges::new();
            for (kk, v) in &args {
                if kk == k {
                    let s = spans.get(v).with_context(|| {
                        format!("{}:{n}: relation names unknown span {v}", path.display())
                    })?;
                    r.extend(s.iter().copied());
                }
            }
            Ok(r)
        };
        let content = get("Content")?;
        if total(&content) == 0 {
            continue;
        }
        out.push(GoldAttribution {
            content,
            source: get("Source")?,
        });
    }
    Ok(out)
}

/// The text name of an annotation file's stem: `NAME_ANNOTATOR` → `NAME` (NAME itself may
/// contain underscores; the annotator part may not).
pub fn ann_text_name(stem: &str) -> Option<&str> {
    stem.rsplit_once('_').map(|(name, _)| name)
}

/// The documents of a gold folder: (text path, first annotation file), sorted by name.
pub fn gold_documents(dir: &Path) -> Result<Vec<(PathBuf, PathBuf)>> {
    let tdir = dir.join("text");
    let adir = dir.join("attributions");
    let mut anns: Vec<PathBuf> = std::fs::read_dir(&adir)
        .with_context(|| format!("cannot read {}", adir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ann"))
        .collect();
    anns.sort();
    let mut out: Vec<(PathBuf, PathBuf)> = Vec::new();
    for a in anns {
        let stem = a
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let Some(name) = ann_text_name(&stem) else {
            continue;
        };
        let t = tdir.join(format!("{name}.txt"));
        if !t.is_file() || out.iter().any(|(x, _)| *x == t) {
            continue;
        }
        out.push((t, a));
    }
    Ok(out)
}

/// True when the text between a prediction and a following floating quote is in the same
/// paragraph, or is only the paragraph break and quotation marks of a multi-paragraph quote.
fn joinable(between: &str) -> bool {
    !between.contains('\n')
        || between
            .chars()
            .all(|c| c.is_whitespace() || "\"“”«»„‘’‹›'".contains(c))
}

/// Scores slant's attributions against the gold folder `dir`.
pub fn evaluate(dir: &Path, lex: &AttributionLexicons) -> Result<QuoteEval> {
    let docs = gold_documents(dir)?;
    anyhow::ensure!(
        !docs.is_empty(),
        "{}: no text/NAME.txt with attributions/NAME_*.ann found",
        dir.display()
    );
    let mut ev = QuoteEval::default();
    let mut extractor = crate::score::attribution::Extractor::new(&lex.attribution);
    for (tpath, apath) in docs {
        let text = std::fs::read_to_string(&tpath)
            .with_context(|| format!("cannot read {}", tpath.display()))?;
        let ann = std::fs::read_to_string(&apath)
            .with_context(|| format!("cannot read {}", apath.display()))?;
        let gold = parse_ann(&apath, &ann)?;
        let lang = crate::cli::quotes::choose_lang(&text, None, lex);
        let t0 = Instant::now();
        let atts = crate::cli::quotes::extract_text(&text, lang, lex, &mut extractor);
        ev.seconds += t0.elapsed().as_secs_f64();
        ev.chars += text.chars().count();
        let co = CharOffsets::new(&text);
        let ch = |s: crate::text::Span| (co.to_char(s.start as usize), co.to_char(s.end as usize));
        let mut preds: Vec<Predicted> = Vec::new();
        let mut last_end_byte: Vec<usize> = Vec::new();
        for q in &atts {
            let content = vec![ch(q.content)];
            let source: Ranges = q.source.map(|s| vec![ch(s)]).unwrap_or_default();
            if q.kind == AttributionKind::Floating
                && let Some(p) = preds.last_mut()
                && p.source == source
                && let Some(&end) = last_end_byte.last()
                && end <= q.content.start as usize
                && joinable(&text[end..q.content.start as usize])
            {
                p.content.extend(content);
                *last_end_byte.last_mut().expect("pushed with preds") = q.content.end as usize;
                continue;
            }
            preds.push(Predicted {
                content,
                source,
                unresolved: q.speaker.is_none() && q.source_type != SourceType::Anonymous,
            });
            last_end_byte.push(q.content.end as usize);
        }
        ev.texts += 1;
        ev.gold += gold.len();
        ev.predicted += preds.len();
        ev.unresolved += preds.iter().filter(|p| p.unresolved).count();
        // Candidate pairs with their share of gold content covered.
        let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
        for (pi, p) in preds.iter().enumerate() {
            for (gi, g) in gold.iter().enumerate() {
                let o = overlap(&p.content, &g.content);
                if o > 0 {
                    pairs.push((o as f64 / total(&g.content) as f64, pi, gi));
                }
            }
        }
        pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        for (threshold, is_30) in [(0.3, true), (0.8, false)] {
            let mut pu = vec![false; preds.len()];
            let mut gu = vec![false; gold.len()];
            for &(share, pi, gi) in &pairs {
                if share + 1e-12 < threshold || pu[pi] || gu[gi] {
                    continue;
                }
                pu[pi] = true;
                gu[gi] = true;
                if is_30 {
                    ev.matched_30 += 1;
                    let (ps, gs) = (&preds[pi].source, &gold[gi].source);
                    let ok = if gs.is_empty() {
                        ps.is_empty()
                    } else {
                        overlap(ps, gs) > 0
                    };
                    ev.speaker_correct += usize::from(ok);
                } else {
                    ev.matched_80 += 1;
                }
            }
        }
    }
    Ok(ev)
}

/// Prints the figures of [`evaluate`].
pub fn print(ev: &QuoteEval, dir: &Path) {
    let (p3, r3, f3) = ev.at_30();
    let (p8, r8, f8) = ev.at_80();
    println!(
        "attribution on {}: {} texts, {} gold attributions, {} predictions",
        dir.display(),
        ev.texts,
        ev.gold,
        ev.predicted
    );
    println!("content overlap >= 30%: P {p3:.3}  R {r3:.3}  F1 {f3:.3}");
    println!("content overlap >= 80%: P {p8:.3}  R {r8:.3}  F1 {f8:.3}");
    println!(
        "speaker accuracy (source spans overlap, {} pairs matched at 30%): {:.3}",
        ev.matched_30,
        ev.speaker_accuracy()
    );
    println!(
        "predictions without a resolved speaker: {:.3}",
        ev.unresolved_share()
    );
    println!(
        "speed: {:.0} chars/s (analysis + extraction, one thread, this build)",
        ev.chars_per_second()
    );
}

/// Scores slant's attributions against the gold folder and prints the figures.
pub fn run(gold: &Path, lex: &AttributionLexicons) -> Result<()> {
    let ev = evaluate(gold, lex)?;
    print(&ev, gold);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_discontinuous_spans_and_relations() {
        let ann = "T1\tSource 0 3\tHim\nT2\tCue 4 8\tsaid\nT3\tContent 9 12;20 25\tabc\nwrapped text line\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\nE2\tAttribution-no-source:T5 Cue:T2\n";
        let g = parse_ann(Path::new("x.ann"), ann).unwrap();
        assert_eq!(g.len(), 1);
        assert_eq!(g[0].content, vec![(9, 12), (20, 25)]);
        assert_eq!(g[0].source, vec![(0, 3)]);
        assert_eq!(total(&g[0].content), 8);
        assert_eq!(overlap(&vec![(10, 22)], &g[0].content), 4);
        let sp = parse_spans(Path::new("x.ann"), ann).unwrap();
        let kinds: Vec<&str> = sp.iter().map(|s| s.kind.as_str()).collect();
        assert_eq!(kinds, ["Source", "Cue", "Content"]);
        assert_eq!(sp[2].ranges, vec![(9, 12), (20, 25)]);
        let err = parse_spans(Path::new("x.ann"), "T1\tCue 4 x\tsaid\n").unwrap_err();
        assert!(format!("{err:#}").contains("x.ann:1"), "{err:#}");
    }

    #[test]
    fn annotation_file_names_their_text() {
        assert_eq!(
            ann_text_name("cnn_2016-10-01_a-b_ef2d"),
            Some("cnn_2016-10-01_a-b")
        );
        // "a_b_x.ann" is an annotator's file of text "a_b", not of text "a".
        assert_ne!(ann_text_name("a_b_x"), Some("a"));
        assert_eq!(ann_text_name("noannotator"), None);
    }

    #[test]
    fn prf_hand_computed() {
        // 3 matched of 4 predictions and 6 gold: P .75, R .5, F1 .6
        let (p, r, f) = prf(3, 4, 6);
        assert!((p - 0.75).abs() < 1e-12 && (r - 0.5).abs() < 1e-12 && (f - 0.6).abs() < 1e-12);
    }
}
