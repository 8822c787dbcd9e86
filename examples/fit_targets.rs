//! Fits the tone-toward-actors weights (`lexicons/targets/weights-en.tsv`) on NewsMTSC's
//! training split, with the same feature code slant runs (`slant::score::targets::features`).
//!
//! ```text
//! cargo run --example fit_targets -- cv [TRAIN.jsonl] [grid | SETTING ...]
//! cargo run --example fit_targets -- fit [TRAIN.jsonl] [SETTING]  # writes lexicons/targets/weights-en.tsv
//! cargo run --example fit_targets -- errors [TRAIN.jsonl] [all] [SETTING]  # out-of-fold predictions
//! ```
//!
//! (SETTING: see `parse_setting`; `--release` runs one CV in about 2 s, a debug build ~40 s.)
//!
//! TRAIN defaults to `../shared/eval/newsmtsc/train.jsonl` (MIT; Hamborg & Donnay, EACL 2021).
//! Never point it at `devtest_*`: those are for evaluation only. Folds group sentences by their
//! source article (the first three parts of `primary_gid`), so sentences of one article never sit
//! on both sides of a fold. Feature lexicons are read from the checkout's `lexicons/` folder, so
//! an edited cue or verb list is picked up without rebuilding.

use std::path::{Path, PathBuf};

use slant::lexicon::LexiconSource;
use slant::score::sentiment::SentimentLexicons;
use slant::score::targets::features::DENSE;
use slant::score::targets::fit::{Example, FitOptions, fit};
use slant::score::targets::{TargetFeatures, TargetModel, newsmtsc};
use slant::text::{Lang, Span, TextLexicon, analyze};

struct Sentence {
    group: u64,
    text: String,
    /// Target mentions, in the order of `examples`.
    mentions: Vec<String>,
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

/// Dense features named in `SLANT_TARGET_DROP` (comma-separated names or `prefix*`), left out of
/// fitting: ablations for CV without rebuilding. A dropped feature gets weight 0 in `fit`.
fn dropped() -> Vec<u32> {
    let spec = std::env::var("SLANT_TARGET_DROP").unwrap_or_default();
    let pats: Vec<&str> = spec.split(',').filter(|p| !p.is_empty()).collect();
    DENSE
        .iter()
        .enumerate()
        .filter(|(_, n)| {
            pats.iter().any(|p| match p.strip_suffix('*') {
                Some(pre) => n.starts_with(pre),
                None => *n == p,
            })
        })
        .map(|(i, _)| i as u32)
        .collect()
}

fn load(
    path: &Path,
    feats: &TargetFeatures,
    sentiment: &SentimentLexicons,
    tl: &TextLexicon,
) -> Vec<Sentence> {
    let drop = dropped();
    if !drop.is_empty() {
        eprintln!("dropping dense features {drop:?}");
    }
    let gold = newsmtsc::read(path).unwrap_or_else(|e| panic!("{e:#}"));
    let mut out = Vec::new();
    for g in gold {
        let a = analyze(&g.text, Some(Lang::EN), tl);
        // Targets outside the file's offsets are skipped; the rest are featurised as at run time
        // (the targets of one sentence together), through the scorer's own code path.
        let valid: Vec<&newsmtsc::GoldTarget> =
            g.targets.iter().filter(|t| t.span.is_some()).collect();
        let spans: Vec<Span> = valid.iter().filter_map(|t| t.span).collect();
        // In target order (the sink is called sentence by sentence), so the fit's example
        // order does not depend on how the analysis splits a line.
        let mut slots: Vec<Option<Example>> = vec![None; spans.len()];
        feats.extract_spans(&a, &spans, sentiment, None, |k, x, n| {
            let mut x = x.to_vec();
            x.retain(|&(i, _)| !drop.contains(&i));
            slots[k] = Some(Example {
                x,
                class: (valid[k].class + 1) as usize,
                multi: n > 1,
            });
        });
        let mut examples = Vec::new();
        let mut mentions = Vec::new();
        for (k, e) in slots.into_iter().enumerate() {
            if let Some(e) = e {
                examples.push(e);
                mentions.push(g.text[spans[k].range()].to_string());
            }
        }
        out.push(Sentence {
            group: fnv(&g.article()),
            text: g.text,
            mentions,
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

/// One out-of-fold prediction: gold class, fold, class log-probabilities, multi-target sentence.
struct Oof {
    class: usize,
    fold: u64,
    logp: [f64; 3],
    multi: bool,
    /// Sentence index and target index within it (for the `errors` listing).
    at: (usize, usize),
}

/// Out-of-fold class log-probabilities of every target, folds grouped by article.
fn oof(sentences: &[Sentence], o: &FitOptions, folds: u64) -> Vec<Oof> {
    let mut out = Vec::new();
    for k in 0..folds {
        let train: Vec<Example> = sentences
            .iter()
            .filter(|s| s.group % folds != k)
            .flat_map(|s| s.examples.iter().cloned())
            .collect();
        let w = fit(&train, o);
        for (si, s) in sentences
            .iter()
            .enumerate()
            .filter(|(_, s)| s.group % folds == k)
        {
            for (ti, e) in s.examples.iter().enumerate() {
                let p = w.probs(&e.x);
                out.push(Oof {
                    class: e.class,
                    fold: k,
                    logp: p.map(|x| x.max(1e-300).ln()),
                    multi: s.examples.len() > 1,
                    at: (si, ti),
                });
            }
        }
    }
    out
}

/// Class with the highest log-probability after adding `shift` (negative, 0, positive).
fn shifted(logp: &[f64; 3], shift: (f64, f64)) -> usize {
    let z = [logp[0] + shift.0, logp[1], logp[2] + shift.1];
    let mut best = 0;
    for k in 1..3 {
        if z[k] > z[best] {
            best = k;
        }
    }
    best
}

/// Grid of logit shifts of the negative and positive classes against neutral.
fn shift_grid() -> Vec<(f64, f64)> {
    let steps: Vec<f64> = (-10..=10).map(|i| i as f64 * 0.1).collect();
    let mut g = Vec::new();
    for &a in &steps {
        for &b in &steps {
            g.push((a, b));
        }
    }
    g
}

/// The shift with the best macro-F1 on `rows` (ties: the smallest shift, then grid order).
fn best_shift(rows: &[&Oof]) -> (f64, f64) {
    let gold: Vec<usize> = rows.iter().map(|r| r.class).collect();
    let mut best: ((f64, f64), f64) = ((0.0, 0.0), f64::NEG_INFINITY);
    for sh in shift_grid() {
        let pred: Vec<usize> = rows.iter().map(|r| shifted(&r.logp, sh)).collect();
        let f1 = macro_f1(&gold, &pred).1;
        let size = sh.0.abs() + sh.1.abs();
        let best_size = best.0.0.abs() + best.0.1.abs();
        if f1 > best.1 + 1e-12 || ((f1 - best.1).abs() <= 1e-12 && size < best_size) {
            best = (sh, f1);
        }
    }
    best.0
}

/// Whether a class shift survives a change of class prior: the shift chosen on the out-of-fold
/// predictions of single-target sentences raises the macro-F1 of multi-target ones over no shift,
/// and the shift chosen on multi-target ones raises single-target macro-F1.
fn shift_transfers(rows: &[Oof]) -> bool {
    let (multi, single): (Vec<&Oof>, Vec<&Oof>) = rows.iter().partition(|r| r.multi);
    let f1 = |rs: &[&Oof], sh: (f64, f64)| {
        let gold: Vec<usize> = rs.iter().map(|r| r.class).collect();
        let pred: Vec<usize> = rs.iter().map(|r| shifted(&r.logp, sh)).collect();
        macro_f1(&gold, &pred).1
    };
    let helps = |from: &[&Oof], to: &[&Oof]| f1(to, best_shift(from)) > f1(to, (0.0, 0.0));
    let (a, b) = (helps(&single, &multi), helps(&multi, &single));
    eprintln!("shift chosen on single-target helps multi-target: {a}; the reverse: {b}");
    a && b
}

/// CV figures: accuracy, macro-F1 and multi-target macro-F1 without shift, then macro-F1 with a
/// shift chosen on the other folds' out-of-fold predictions (an honest estimate of calibrating),
/// and the shift chosen on all out-of-fold predictions (the one `fit` applies).
fn cv(sentences: &[Sentence], o: &FitOptions, folds: u64) -> Cv {
    cv_of(&oof(sentences, o, folds), folds)
}

/// Cross-validation figures (see [`cv`]).
struct Cv {
    acc: f64,
    /// Macro-F1 of all out-of-fold predictions pooled.
    f1: f64,
    /// The mean of the five folds' macro-F1.
    f1_fold_mean: f64,
    /// Pooled macro-F1 of the targets of multi-target sentences.
    f1_mt: f64,
    /// Pooled macro-F1 with each fold's shift chosen on the other folds.
    f1_cal: f64,
    /// The shift chosen on all out-of-fold predictions.
    shift: (f64, f64),
}

/// [`cv`] of out-of-fold predictions already made.
fn cv_of(rows: &[Oof], folds: u64) -> Cv {
    let gold: Vec<usize> = rows.iter().map(|r| r.class).collect();
    let pred: Vec<usize> = rows.iter().map(|r| shifted(&r.logp, (0.0, 0.0))).collect();
    let (acc, f1) = macro_f1(&gold, &pred);
    let f1_fold_mean = (0..folds)
        .map(|k| {
            let i: Vec<usize> = (0..rows.len()).filter(|&i| rows[i].fold == k).collect();
            macro_f1(
                &i.iter().map(|&i| gold[i]).collect::<Vec<_>>(),
                &i.iter().map(|&i| pred[i]).collect::<Vec<_>>(),
            )
            .1
        })
        .sum::<f64>()
        / folds as f64;
    let mt: Vec<usize> = (0..rows.len()).filter(|&i| rows[i].multi).collect();
    let f1_mt = macro_f1(
        &mt.iter().map(|&i| gold[i]).collect::<Vec<_>>(),
        &mt.iter().map(|&i| pred[i]).collect::<Vec<_>>(),
    )
    .1;
    let mut cal = vec![0usize; rows.len()];
    for k in 0..folds {
        let others: Vec<&Oof> = rows.iter().filter(|r| r.fold != k).collect();
        let sh = best_shift(&others);
        for (i, r) in rows.iter().enumerate() {
            if r.fold == k {
                cal[i] = shifted(&r.logp, sh);
            }
        }
    }
    let f1_cal = macro_f1(&gold, &cal).1;
    let all: Vec<&Oof> = rows.iter().collect();
    Cv {
        acc,
        f1,
        f1_fold_mean,
        f1_mt,
        f1_cal,
        shift: best_shift(&all),
    }
}

/// A setting as `epochs:eta:l2:balanced[:avg|last[:multi_weight[:groups|one[:seed]]]]`, e.g.
/// `12:0.02:0.003:true:avg:2:groups` (the weights are the mean over epochs with `avg`, the last
/// epoch's with `last`, the default; examples of multi-target sentences weigh `multi_weight`, 1
/// by default; `groups` balances classes within single- and multi-target examples apart; `seed`
/// replaces the fixed shuffling seed, to tell a setting's gain from seed noise).
fn parse_setting(a: &str) -> FitOptions {
    let f: Vec<&str> = a.split(':').collect();
    FitOptions {
        epochs: f[0].parse().expect("epochs"),
        eta: f[1].parse().expect("eta"),
        l2: f[2].parse().expect("l2"),
        balanced: f[3] == "true",
        average: f.get(4) == Some(&"avg"),
        multi_weight: f.get(5).map_or(1.0, |w| w.parse().expect("multi weight")),
        balance_groups: f.get(6) == Some(&"groups"),
        seed: f
            .get(7)
            .map_or(FitOptions::default().seed, |s| s.parse().expect("seed")),
    }
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
    let sentiment = SentimentLexicons::load(&src).expect("sentiment lexicons");
    let feats = TargetFeatures::load(&src, "en", &sentiment).expect("target features");
    assert!(feats.engine(&sentiment).is_some(), "valence engine");
    let sentences = load(&train, &feats, &sentiment, &tl);
    let n: usize = sentences.iter().map(|s| s.examples.len()).sum();
    eprintln!("{} sentences, {n} targets", sentences.len());
    let base = args
        .iter()
        .find(|a| a.contains(':'))
        .filter(|_| mode != "cv")
        .map(|a| parse_setting(a))
        .unwrap_or_default();
    match mode {
        "cv" => {
            let settings: Vec<&String> = args.iter().filter(|a| a.contains(':')).collect();
            let grid: Vec<FitOptions> = match args.iter().any(|a| a == "grid") {
                true => {
                    let mut g = Vec::new();
                    for &epochs in &[6, 12, 20] {
                        for &eta in &[0.01f32, 0.02, 0.05] {
                            for &l2 in &[1e-3f32, 3e-3, 1e-2] {
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
                false if !settings.is_empty() => {
                    settings.iter().map(|a| parse_setting(a)).collect()
                }
                false => vec![base],
            };
            println!(
                "epochs\teta\tl2\tbalanced\taverage\tmulti_weight\tbalance_groups\taccuracy\tmacro_f1\tmacro_f1_fold_mean\tmacro_f1_multi_target\tmacro_f1_calibrated\tshift_neg\tshift_pos"
            );
            use rayon::prelude::*;
            let rows: Vec<String> = grid
                .par_iter()
                .map(|o| {
                    let c = cv(&sentences, o, 5);
                    format!(
                        "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{:.4}\t{:.4}\t{:.4}\t{:.4}\t{:.4}\t{:.1}\t{:.1}",
                        o.epochs, o.eta, o.l2, o.balanced, o.average, o.multi_weight, o.balance_groups,
                        c.acc, c.f1, c.f1_fold_mean, c.f1_mt, c.f1_cal, c.shift.0, c.shift.1
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
            // The class-prior shift is chosen by 5-fold CV on train (out-of-fold predictions of
            // the same settings), then folded into the bias row: a logit shift of a class is a
            // change of its bias weight.
            // The shift is applied only when choosing it on four folds and scoring the fifth
            // beats no shift (otherwise it fits noise), and when it survives a change of class
            // prior: chosen on single-target sentences it must help the multi-target ones and
            // the reverse (their neutral shares differ, 39% and 21% in train, as held-out sets'
            // do: a shift that only encodes train's prior would hurt there).
            let rows = oof(&sentences, &base, 5);
            let transfers = shift_transfers(&rows);
            let Cv {
                f1,
                f1_fold_mean,
                f1_mt,
                f1_cal,
                shift: best,
                ..
            } = cv_of(&rows, 5);
            let sh = if f1_cal > f1 && transfers {
                best
            } else {
                (0.0, 0.0)
            };
            eprintln!(
                "CV macro-F1 {f1:.4} (mean of folds {f1_fold_mean:.4}, multi-target {f1_mt:.4}), with a shift chosen on the other folds {f1_cal:.4}, shift transfers between single- and multi-target sentences: {transfers}; class shift negative {:.1}, positive {:.1}",
                sh.0, sh.1
            );
            let mut w = fit(&all, &base);
            w.rows[0][0] += sh.0 as f32;
            w.rows[0][2] += sh.1 as f32;
            let header = format!(
                "Tone-toward-actors weights (src/score/targets), English.\n\
                 Multinomial logistic regression fitted by examples/fit_targets.rs on NewsMTSC\n\
                 train.jsonl ({} sentences, {n} targets; MIT, Hamborg & Donnay, EACL 2021).\n\
                 Settings: epochs {} eta {} l2 {} balanced {} average {} multi_weight {} balance_groups {}\n\
                 seed {:#x}; bias shift (negative, positive) {:.1} {:.1} chosen by 5-fold CV on train\n\
                 (applied only when it raises CV macro-F1 and transfers between single- and\n\
                 multi-target sentences; CV macro-F1 {f1:.4}, mean of folds {f1_fold_mean:.4},\n\
                 multi-target {f1_mt:.4}).\n\
                 Dense features left out (SLANT_TARGET_DROP): {:?}.\n\
                 Regenerate: cargo run --example fit_targets -- fit\n\
                 Columns: dense<TAB>feature or hash<TAB>bucket, then weights for negative, neutral, positive.",
                sentences.len(),
                base.epochs,
                base.eta,
                base.l2,
                base.balanced,
                base.average,
                base.multi_weight,
                base.balance_groups,
                base.seed,
                sh.0,
                sh.1,
                std::env::var("SLANT_TARGET_DROP").unwrap_or_default()
            );
            let out = root.join("lexicons").join(TargetModel::weights_path("en"));
            std::fs::create_dir_all(out.parent().unwrap()).unwrap();
            std::fs::write(&out, w.to_tsv(&header)).unwrap();
            eprintln!("wrote {}", out.display());
        }
        "errors" => {
            // Out-of-fold predictions of multi-target sentences (of every sentence with `all`),
            // for error analysis: gold, predicted, P(neg) P(neu) P(pos), fold, multi-target,
            // mention, sentence.
            let all = args.iter().any(|a| a == "all");
            let mut rows = oof(&sentences, &base, 5);
            rows.sort_by_key(|r| r.at);
            println!("gold\tpred\tp_neg\tp_neu\tp_pos\tfold\tmulti\tmention\tsentence");
            for r in rows.iter().filter(|r| all || r.multi) {
                let s = &sentences[r.at.0];
                let p = r.logp.map(f64::exp);
                println!(
                    "{}\t{}\t{:.4}\t{:.4}\t{:.4}\t{}\t{}\t{}\t{}",
                    r.class as i8 - 1,
                    shifted(&r.logp, (0.0, 0.0)) as i8 - 1,
                    p[0],
                    p[1],
                    p[2],
                    r.fold,
                    r.multi as u8,
                    s.mentions[r.at.1],
                    s.text.replace(['\t', '\n'], " ")
                );
            }
        }
        other => panic!("unknown mode {other:?} (cv, fit or errors)"),
    }
}
