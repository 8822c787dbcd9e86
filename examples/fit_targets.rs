//! Fits the tone-toward-actors weights (`lexicons/targets/weights-en.tsv`) on NewsMTSC's
//! training split, with the same feature code slant runs (`slant::score::targets::features`).
//!
//! ```text
//! cargo run --example fit_targets -- cv [TRAIN.jsonl] [grid | EPOCHS:ETA:L2:BALANCED ...]
//! cargo run --example fit_targets -- fit [TRAIN.jsonl]  # writes lexicons/targets/weights-en.tsv
//! ```
//!
//! TRAIN defaults to `../shared/eval/newsmtsc/train.jsonl` (MIT; Hamborg & Donnay, EACL 2021).
//! Never point it at `devtest_*`: those are for evaluation only. Folds group sentences by their
//! source article (the first three parts of `primary_gid`), so sentences of one article never sit
//! on both sides of a fold. Feature lexicons are read from the checkout's `lexicons/` folder, so
//! an edited cue or verb list is picked up without rebuilding.

use std::path::{Path, PathBuf};

use slant::lexicon::LexiconSource;
use slant::score::targets::fit::{Example, FitOptions, fit, predict};
use slant::score::targets::{TargetFeatures, TargetModel, char_range_to_span};
use slant::text::{Lang, TextLexicon, analyze};

struct Sentence {
    group: u64,
    examples: Vec<Example>,
}

fn fnv(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

fn load(path: &Path, feats: &TargetFeatures, tl: &TextLexicon) -> Vec<Sentence> {
    let text =
        std::fs::read_to_string(path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let v: serde_json::Value = serde_json::from_str(line)
            .unwrap_or_else(|e| panic!("{}:{}: {e}", path.display(), i + 1));
        let s = v["sentence_normalized"].as_str().unwrap_or("");
        let gid = v["primary_gid"].as_str().unwrap_or("");
        let group_key: Vec<&str> = gid.splitn(4, '_').take(3).collect();
        let a = analyze(s, Some(Lang::EN), tl);
        let mut examples = Vec::new();
        for t in v["targets"].as_array().into_iter().flatten() {
            let (Some(from), Some(to)) = (t["from"].as_u64(), t["to"].as_u64()) else {
                continue;
            };
            let Some(span) = char_range_to_span(s, from as usize, to as usize) else {
                continue;
            };
            let pol = t["polarity"].as_f64().unwrap_or(4.0);
            let class = if pol < 4.0 {
                0
            } else if pol > 4.0 {
                2
            } else {
                1
            };
            let Some(si) = a.sentence_at(span.start as usize) else {
                continue;
            };
            let view = feats.sentence(&a, si);
            let mut x = Vec::new();
            feats.extract(&a, &view, span, &mut x);
            examples.push(Example { x, class });
        }
        out.push(Sentence {
            group: fnv(&group_key.join("_")),
            examples,
        });
    }
    out
}

fn macro_f1(gold: &[usize], pred: &[usize]) -> (f64, f64) {
    let g: Vec<i8> = gold.iter().map(|&c| c as i8).collect();
    let p: Vec<i8> = pred.iter().map(|&c| c as i8).collect();
    slant::eval::metrics::accuracy_macro_f1(&g, &p)
}

fn cv(sentences: &[Sentence], o: &FitOptions, folds: u64) -> (f64, f64, f64) {
    let (mut gold, mut pred, mut gold_mt, mut pred_mt) = (vec![], vec![], vec![], vec![]);
    for k in 0..folds {
        let train: Vec<Example> = sentences
            .iter()
            .filter(|s| s.group % folds != k)
            .flat_map(|s| s.examples.iter().cloned())
            .collect();
        let w = fit(&train, o);
        for s in sentences.iter().filter(|s| s.group % folds == k) {
            for e in &s.examples {
                let p = predict(&w, &e.x);
                gold.push(e.class);
                pred.push(p);
                if s.examples.len() > 1 {
                    gold_mt.push(e.class);
                    pred_mt.push(p);
                }
            }
        }
    }
    let (acc, f1) = macro_f1(&gold, &pred);
    let (_, f1_mt) = macro_f1(&gold_mt, &pred_mt);
    (acc, f1, f1_mt)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mode = args.first().map(String::as_str).unwrap_or("cv");
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let train = args[1.min(args.len())..]
        .iter()
        .find(|a| a.ends_with(".jsonl"))
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("../shared/eval/newsmtsc/train.jsonl"));
    assert!(
        !train.to_string_lossy().contains("devtest"),
        "fit on the training split only"
    );
    let src = LexiconSource::with_override(&root.join("lexicons")).expect("lexicons folder");
    let tl = TextLexicon::load(&src).expect("text lexicon");
    let feats = TargetFeatures::load(&src, "en").expect("target features");
    let sentences = load(&train, &feats, &tl);
    let n: usize = sentences.iter().map(|s| s.examples.len()).sum();
    eprintln!("{} sentences, {n} targets", sentences.len());
    let base = FitOptions::default();
    match mode {
        "cv" => {
            let settings: Vec<&String> = args.iter().filter(|a| a.contains(':')).collect();
            let grid: Vec<FitOptions> = match args.get(1).map(String::as_str) {
                Some("grid") => {
                    let mut g = Vec::new();
                    for &epochs in &[6, 12, 20] {
                        for &eta in &[0.05f32, 0.1, 0.2] {
                            for &l2 in &[0.0f32, 1e-4, 1e-3] {
                                g.push(FitOptions {
                                    epochs,
                                    eta,
                                    l2,
                                    ..base
                                });
                            }
                        }
                    }
                    g
                }
                // Settings as `epochs:eta:l2:balanced`, e.g. `12:0.1:0.0001:true`.
                _ if !settings.is_empty() => settings
                    .iter()
                    .map(|a| {
                        let f: Vec<&str> = a.split(':').collect();
                        FitOptions {
                            epochs: f[0].parse().expect("epochs"),
                            eta: f[1].parse().expect("eta"),
                            l2: f[2].parse().expect("l2"),
                            balanced: f[3] == "true",
                            average: f.get(4) != Some(&"last"),
                            ..base
                        }
                    })
                    .collect(),
                _ => vec![base],
            };
            println!("epochs\teta\tl2\tbalanced\taccuracy\tmacro_f1\tmacro_f1_multi_target");
            use rayon::prelude::*;
            let rows: Vec<String> = grid
                .par_iter()
                .map(|o| {
                    let (acc, f1, f1_mt) = cv(&sentences, o, 5);
                    format!(
                        "{}\t{}\t{}\t{}\t{acc:.4}\t{f1:.4}\t{f1_mt:.4}",
                        o.epochs, o.eta, o.l2, o.balanced
                    )
                })
                .collect();
            for r in rows {
                println!("{r}");
            }
        }
        "fit" => {
            let all: Vec<Example> = sentences
                .iter()
                .flat_map(|s| s.examples.iter().cloned())
                .collect();
            let w = fit(&all, &base);
            let header = format!(
                "Tone-toward-actors weights (src/score/targets), English.\n\
                 Multinomial logistic regression fitted by examples/fit_targets.rs on NewsMTSC\n\
                 train.jsonl ({} sentences, {n} targets; MIT, Hamborg & Donnay, EACL 2021).\n\
                 Settings: epochs {} eta {} l2 {} balanced {} seed {:#x}.\n\
                 Regenerate: cargo run --example fit_targets -- fit\n\
                 Columns: dense<TAB>feature or hash<TAB>bucket, then weights for negative, neutral, positive.",
                sentences.len(),
                base.epochs,
                base.eta,
                base.l2,
                base.balanced,
                base.seed
            );
            let out = root.join("lexicons").join(TargetModel::weights_path("en"));
            std::fs::create_dir_all(out.parent().unwrap()).unwrap();
            std::fs::write(&out, w.to_tsv(&header)).unwrap();
            eprintln!("wrote {}", out.display());
        }
        other => panic!("unknown mode {other:?} (cv or fit)"),
    }
}
