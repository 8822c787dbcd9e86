//! `slant eval sentiment`: correlation, accuracy and macro-F1 of a sentiment engine against a
//! gold file.
//!
//! Formats:
//! - `vader`: `id<TAB>mean rating (-4..4)<TAB>text` (VADER's human-rated sets). Pearson r of
//!   compound vs rating over all rows; accuracy and macro-F1 over rows with a non-zero rating,
//!   gold class = sign of the rating, predicted class = positive if compound ≥ 0.05, negative if
//!   ≤ -0.05, else neutral (always wrong against a binary gold: VADER's own thresholds).
//! - `tsv`: `label<TAB>text`. Binary labels (0/1): predicted positive iff compound > 0, negative
//!   iff < 0; a zero compound is undecided and counts as wrong. Three-class labels (0, 0.5, 1):
//!   neutral iff |compound| < 0.05. Other numeric labels (star ratings): Pearson r only, plus
//!   accuracy on ratings ≤ 2 (negative) and ≥ 4 (positive).
//! - `newsmtsc`: JSON lines with `sentence_normalized` and `targets[{from,to,polarity}]`
//!   (2 negative, 4 neutral, 6 positive). Each target is one item; sentence-level engines give
//!   every target of a sentence the sentence's class (±0.05 thresholds); with `--targets` the
//!   target-dependent scorer decides per target.

use std::path::Path;

use anyhow::{Context, Result, bail};

use super::metrics::{accuracy_macro_f1, pearson};
use crate::lexicon::Lexicons;
use crate::score::sentiment::{EngineChoice, SentimentEngine};
use crate::text::{Lang, Span, analyze};

/// Gold file formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum GoldFormat {
    Vader,
    Newsmtsc,
    Tsv,
}

/// The figures printed by `slant eval sentiment`.
#[derive(Debug, Clone, PartialEq)]
pub struct SentimentEval {
    pub n: usize,
    pub pearson_r: Option<f64>,
    pub accuracy: Option<f64>,
    pub macro_f1: Option<f64>,
    /// Items the engine could not score (language without an engine) or left undecided.
    pub undecided: usize,
    pub engine: String,
}

/// One gold item: text, gold value, gold class (if the format has classes).
struct Item {
    /// The row's id (`vader` format), matched against golden scores by `--parity`.
    id: Option<String>,
    text: String,
    value: f64,
    class: Option<i8>,
}

use crate::score::sentiment::class_3;

fn read_items(path: &Path, format: GoldFormat) -> Result<(Vec<Item>, &'static str)> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("reading gold file {}", path.display()))?;
    let mut items = Vec::new();
    let kind;
    match format {
        GoldFormat::Vader => {
            kind = "vader";
            for (i, line) in text.lines().enumerate() {
                if line.trim().is_empty() {
                    continue;
                }
                let mut f = line.splitn(3, '\t');
                let (id, r, t) = (f.next(), f.next(), f.next());
                let (Some(id), Some(r), Some(t)) = (id, r, t) else {
                    bail!(
                        "{}:{}: expected id<TAB>rating<TAB>text",
                        path.display(),
                        i + 1
                    );
                };
                let value: f64 = r
                    .trim()
                    .parse()
                    .with_context(|| format!("{}:{}: rating {r:?}", path.display(), i + 1))?;
                items.push(Item {
                    id: Some(id.trim().to_string()),
                    text: t.to_string(),
                    value,
                    class: (value != 0.0).then_some(if value > 0.0 { 1 } else { -1 }),
                });
            }
        }
        GoldFormat::Tsv => {
            let mut labels = Vec::new();
            for (i, line) in text.lines().enumerate() {
                if line.trim().is_empty() {
                    continue;
                }
                let Some((l, t)) = line.split_once('\t') else {
                    bail!("{}:{}: expected label<TAB>text", path.display(), i + 1);
                };
                let value: f64 = l
                    .trim()
                    .parse()
                    .with_context(|| format!("{}:{}: label {l:?}", path.display(), i + 1))?;
                labels.push(value);
                items.push(Item {
                    id: None,
                    text: t.to_string(),
                    value,
                    class: None,
                });
            }
            let binary = labels.iter().all(|&v| v == 0.0 || v == 1.0);
            let three = !binary && labels.iter().all(|&v| v == 0.0 || v == 0.5 || v == 1.0);
            kind = if binary {
                "binary"
            } else if three {
                "three"
            } else {
                "graded"
            };
            for it in &mut items {
                it.class = match kind {
                    "binary" => Some(if it.value > 0.5 { 1 } else { -1 }),
                    "three" => Some(if it.value > 0.5 {
                        1
                    } else if it.value < 0.5 {
                        -1
                    } else {
                        0
                    }),
                    _ => {
                        if it.value <= 2.0 {
                            Some(-1)
                        } else if it.value >= 4.0 {
                            Some(1)
                        } else {
                            None
                        }
                    }
                };
            }
        }
        GoldFormat::Newsmtsc => {
            kind = "newsmtsc";
            for s in crate::score::targets::newsmtsc::parse(&text, &path.display().to_string())? {
                for t in &s.targets {
                    items.push(Item {
                        id: None,
                        text: s.text.clone(),
                        value: t.class as f64,
                        class: Some(t.class),
                    });
                }
            }
        }
    }
    Ok((items, kind))
}

/// Scores `items` with `engine` and computes the figures.
pub fn evaluate(
    path: &Path,
    format: GoldFormat,
    lang: Option<Lang>,
    choice: EngineChoice,
    lex: &Lexicons,
) -> Result<SentimentEval> {
    let (items, kind) = read_items(path, format)?;
    let lang = lang.unwrap_or(match format {
        GoldFormat::Vader | GoldFormat::Newsmtsc => Lang::EN,
        GoldFormat::Tsv => Lang::FR,
    });
    let engine: &dyn SentimentEngine = lex
        .sentiment
        .engine(Some(lang), choice)
        .map_err(|r| anyhow::anyhow!("no sentiment engine for this evaluation: {r}"))?;
    let scores: Vec<f64> = {
        use rayon::prelude::*;
        items
            .par_iter()
            .map(|it| {
                let a = analyze(&it.text, Some(lang), &lex.text);
                engine.score_tokens(&a, 0..a.tokens.len()).compound
            })
            .collect()
    };
    let values: Vec<f64> = items.iter().map(|i| i.value).collect();
    let r = pearson(&scores, &values);
    let mut gold = Vec::new();
    let mut pred = Vec::new();
    let mut undecided = 0;
    for (it, &s) in items.iter().zip(&scores) {
        let Some(g) = it.class else { continue };
        let p = match kind {
            "binary" => {
                if s > 0.0 {
                    1
                } else if s < 0.0 {
                    -1
                } else {
                    undecided += 1;
                    0
                }
            }
            "graded" => {
                if s > 0.0 {
                    1
                } else if s < 0.0 {
                    -1
                } else {
                    undecided += 1;
                    0
                }
            }
            _ => class_3(s),
        };
        gold.push(g);
        pred.push(p);
    }
    let (acc, f1) = if gold.is_empty() {
        (None, None)
    } else {
        let (a, f) = accuracy_macro_f1(&gold, &pred);
        (Some(a), Some(f))
    };
    Ok(SentimentEval {
        n: items.len(),
        pearson_r: r,
        accuracy: acc,
        macro_f1: f1,
        undecided,
        engine: engine.name().to_string(),
    })
}

/// Scores every target of a `newsmtsc` gold file with the target model of `lang` (English by
/// default): gold class per target against the model's class. Target offsets are Unicode scalar
/// offsets into `sentence_normalized`; an out-of-range target counts as undecided (wrong).
pub fn evaluate_targets(path: &Path, lang: Option<Lang>, lex: &Lexicons) -> Result<SentimentEval> {
    let sentences = crate::score::targets::newsmtsc::read(path)?;
    let lang = lang.unwrap_or(Lang::EN);
    let model = lex.targets.model(Some(lang)).with_context(|| {
        format!("no target model for language {lang} (lexicons/targets/weights-{lang}.tsv)")
    })?;
    // The targets of one gold line are scored together, as `slant run` scores all mentions of
    // an article: each target's features see the others.
    let preds: Vec<Option<(i8, f64)>> = {
        use rayon::prelude::*;
        sentences
            .par_iter()
            .flat_map_iter(|s| {
                let valid: Vec<Span> = s.targets.iter().filter_map(|t| t.span).collect();
                let a = analyze(&s.text, Some(lang), &lex.text);
                let mut tones = model.score_spans(&a, &valid, &lex.sentiment).into_iter();
                s.targets
                    .iter()
                    .map(|t| {
                        t.span.map(|_| {
                            let t = tones.next().expect("one tone per valid span");
                            (t.polarity, t.score)
                        })
                    })
                    .collect::<Vec<_>>()
            })
            .collect()
    };
    let gold_of: Vec<i8> = sentences
        .iter()
        .flat_map(|s| s.targets.iter().map(|t| t.class))
        .collect();
    let mut gold = Vec::new();
    let mut pred = Vec::new();
    let mut scores = Vec::new();
    let mut values = Vec::new();
    let mut undecided = 0;
    for (&g, p) in gold_of.iter().zip(&preds) {
        gold.push(g);
        match p {
            Some((c, s)) => {
                pred.push(*c);
                scores.push(*s);
                values.push(g as f64);
            }
            None => {
                undecided += 1;
                // A class no gold item has: always wrong.
                pred.push(i8::MIN);
            }
        }
    }
    let (acc, f1) = if gold.is_empty() {
        (None, None)
    } else {
        let (a, f) = accuracy_macro_f1(&gold, &pred);
        (Some(a), Some(f))
    };
    Ok(SentimentEval {
        n: gold_of.len(),
        pearson_r: pearson(&scores, &values),
        accuracy: acc,
        macro_f1: f1,
        undecided,
        engine: format!("target-{lang}"),
    })
}

/// Agreement of an engine with golden scores made by a reference implementation (for `vader`:
/// vaderSentiment 3.3.2, `tests/fixtures/sentiment/vader_golden.tsv`), printed by
/// `slant eval sentiment --parity FILE`.
#[derive(Debug, Clone, PartialEq)]
pub struct Parity {
    /// Gold rows that have a golden row (matched by gold file name and id).
    pub compared: usize,
    /// Of those, rows whose neg, neu, pos and compound are all within [`PARITY_TOLERANCE`].
    pub within: usize,
    /// Largest absolute difference over the four scores of every compared row.
    pub max_diff: f64,
    /// Gold rows with no golden row.
    pub missing: usize,
    /// The first differing rows: id, engine's scores, golden scores.
    pub first_diffs: Vec<(String, [f64; 4], [f64; 4])>,
}

/// The tolerance issue 4 sets for parity with vaderSentiment (neg/neu/pos/compound within 1e-3).
pub const PARITY_TOLERANCE: f64 = 1e-3;

/// Scores every row of a `vader`-format gold file with `choice` and compares the four scores
/// with the golden file's rows `file<TAB>id<TAB>neg<TAB>neu<TAB>pos<TAB>compound` whose `file`
/// is the gold file's name (`#` lines are comments).
pub fn parity(
    path: &Path,
    golden: &Path,
    lang: Option<Lang>,
    choice: EngineChoice,
    lex: &Lexicons,
) -> Result<Parity> {
    let (items, _) = read_items(path, GoldFormat::Vader)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let text = std::fs::read_to_string(golden)
        .with_context(|| format!("reading golden scores {}", golden.display()))?;
    let mut want: rustc_hash::FxHashMap<&str, [f64; 4]> = Default::default();
    for (i, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() != 6 {
            bail!(
                "{}:{}: expected file<TAB>id<TAB>neg<TAB>neu<TAB>pos<TAB>compound",
                golden.display(),
                i + 1
            );
        }
        if f[0] != name {
            continue;
        }
        let mut v = [0.0; 4];
        for (k, x) in f[2..].iter().enumerate() {
            v[k] = x
                .parse()
                .with_context(|| format!("{}:{}: score {x:?}", golden.display(), i + 1))?;
        }
        want.insert(f[1], v);
    }
    if want.is_empty() {
        bail!(
            "{}: no golden rows for {name:?} (the first column names the gold file)",
            golden.display()
        );
    }
    let lang = lang.unwrap_or(Lang::EN);
    let engine: &dyn SentimentEngine = lex
        .sentiment
        .engine(Some(lang), choice)
        .map_err(|r| anyhow::anyhow!("no sentiment engine for this evaluation: {r}"))?;
    let got: Vec<[f64; 4]> = {
        use rayon::prelude::*;
        items
            .par_iter()
            .map(|it| {
                let a = analyze(&it.text, Some(lang), &lex.text);
                let p = engine.score_tokens(&a, 0..a.tokens.len());
                [p.neg, p.neu, p.pos, p.compound]
            })
            .collect()
    };
    let mut out = Parity {
        compared: 0,
        within: 0,
        max_diff: 0.0,
        missing: 0,
        first_diffs: Vec::new(),
    };
    for (it, g) in items.iter().zip(&got) {
        let Some(w) = it.id.as_deref().and_then(|id| want.get(id)) else {
            out.missing += 1;
            continue;
        };
        out.compared += 1;
        let d = g
            .iter()
            .zip(w)
            .map(|(a, b)| (a - b).abs())
            .fold(0.0, f64::max);
        out.max_diff = out.max_diff.max(d);
        if d <= PARITY_TOLERANCE {
            out.within += 1;
        } else if out.first_diffs.len() < 5 {
            out.first_diffs
                .push((it.id.clone().unwrap_or_default(), *g, *w));
        }
    }
    Ok(out)
}

/// Prints the parity lines under the figures of [`print`].
pub fn print_parity(p: &Parity, golden: &Path) {
    println!(
        "parity     {}/{} within {PARITY_TOLERANCE} of {}",
        p.within,
        p.compared,
        golden.display()
    );
    println!("max_diff   {:.6}", p.max_diff);
    if p.missing > 0 {
        println!("no_golden  {}", p.missing);
    }
    for (id, g, w) in &p.first_diffs {
        println!("differs    id {id}: {g:?} vs golden {w:?}");
    }
}

fn fmt(x: Option<f64>) -> String {
    x.map(|v| format!("{v:.4}")).unwrap_or_else(|| "-".into())
}

/// Prints the figures as a small aligned table.
pub fn print(e: &SentimentEval, path: &Path) {
    println!("gold       {}", path.display());
    println!("engine     {}", e.engine);
    println!("n          {}", e.n);
    println!("pearson_r  {}", fmt(e.pearson_r));
    println!("accuracy   {}", fmt(e.accuracy));
    println!("macro_f1   {}", fmt(e.macro_f1));
    println!("undecided  {}", e.undecided);
}
