//! English sentiment throughput: the `vader` and `default` (`news-en`) engines.
//!
//! `cargo bench --bench sentiment_en` — figures and the Python reference (vaderSentiment 3.3.2)
//! are in BENCHMARKS.md, "English sentiment". Texts: the English articles of
//! `data/articles.jsonl`, scored sentence by sentence as `slant run` does; and VADER's 4,200
//! rated tweets from `../shared/eval/vader/` when present (skipped otherwise), each scored whole
//! as `slant sentiment` does. Throughput counts the bytes of the texts scored.
//!
//! `SLANT_BENCH_CPU=1 cargo bench --bench sentiment_en` prints on-CPU medians instead (robust
//! to other jobs on the machine).

use std::path::Path;
use std::sync::OnceLock;

use divan::counter::BytesCount;
use divan::{Bencher, black_box};
use slant::lexicon::Lexicons;
use slant::score::sentiment::{EngineChoice, SentimentEngine, score_document};
use slant::text::{Analysis, AnalysisBuffers, Lang, analyze, analyze_with};

#[path = "common/cpu.rs"]
mod cpu;
use cpu::cpu_median;

fn main() {
    // On a loaded machine divan's wall-clock medians measure the scheduler as much as slant;
    // `SLANT_BENCH_CPU=1` instead reports on-CPU time of the same workloads (see `cpu_report`).
    if std::env::var_os("SLANT_BENCH_CPU").is_some() {
        cpu_report();
        return;
    }
    divan::main();
}

/// Prints, for each workload of the divan benchmarks plus `analyze` alone, the median on-CPU
/// time of 5 rounds (see `cpu_median`) over all texts and the throughput it gives (MB/s per core).
fn cpu_report() {
    let lex = lexicons();
    let mut sets: Vec<(&str, &'static [String], bool)> = vec![("articles", articles(), true)];
    if let Some(t) = tweets() {
        sets.push(("tweets", t, false));
    }
    println!("workload\tengine\tMB\tmedian_cpu_ms\tMB/s");
    for (set, texts, by_sentence) in sets {
        let mb = texts.iter().map(String::len).sum::<usize>() as f64 / 1e6;
        let pre = analysed(texts);
        let row = |what: &str, engine: &str, secs: Option<f64>| match secs {
            Some(s) => println!(
                "{set}_{what}\t{engine}\t{mb:.3}\t{:.2}\t{:.1}",
                s * 1e3,
                mb / s
            ),
            None => println!("{set}_{what}\t{engine}\t{mb:.3}\t-\t(no schedstat)"),
        };
        row(
            "analyze_only",
            "-",
            cpu_median(5, || {
                if by_sentence {
                    for t in texts {
                        black_box(analyze(t, Some(Lang::EN), &lex.text));
                    }
                } else {
                    let mut bufs = AnalysisBuffers::default();
                    for t in texts {
                        black_box(analyze_with(t, Some(Lang::EN), &lex.text, &mut bufs))
                            .recycle(&mut bufs);
                    }
                }
            }),
        );
        for choice in ENGINES {
            let e = engine(choice);
            let score = |a: &Analysis| {
                if by_sentence {
                    black_box(score_document(a, e).document);
                } else {
                    black_box(e.score_tokens(a, 0..a.tokens.len()));
                }
            };
            row(
                "analyze_and_score",
                e.name(),
                cpu_median(5, || {
                    if by_sentence {
                        for t in texts {
                            score(&analyze(t, Some(Lang::EN), &lex.text));
                        }
                    } else {
                        // One short text after another, as `slant sentiment` reads lines.
                        let mut bufs = AnalysisBuffers::default();
                        for t in texts {
                            let a = analyze_with(t, Some(Lang::EN), &lex.text, &mut bufs);
                            score(&a);
                            a.recycle(&mut bufs);
                        }
                    }
                }),
            );
            row(
                "score_only",
                e.name(),
                cpu_median(5, || {
                    for a in &pre {
                        score(a);
                    }
                }),
            );
        }
    }
}

/// The shared analysis chain alone on the English articles (what scoring adds to it is the
/// difference with `articles_analyze_and_score`).
#[divan::bench]
fn articles_analyze_only(b: Bencher) {
    let texts = articles();
    let lex = lexicons();
    b.counter(bytes(texts)).bench(|| {
        for t in texts {
            black_box(analyze(t, Some(Lang::EN), &lex.text));
        }
    });
}

fn lexicons() -> &'static Lexicons {
    static LEX: OnceLock<Lexicons> = OnceLock::new();
    LEX.get_or_init(Lexicons::built_in)
}

fn engine(choice: EngineChoice) -> &'static dyn SentimentEngine {
    lexicons()
        .sentiment
        .engine(Some(Lang::EN), choice)
        .expect("English engine")
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// English article texts of data/articles.jsonl.
fn articles() -> &'static [String] {
    static TEXTS: OnceLock<Vec<String>> = OnceLock::new();
    TEXTS.get_or_init(|| {
        let s = std::fs::read_to_string(root().join("data/articles.jsonl"))
            .expect("data/articles.jsonl");
        s.lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter(|v| v["language"].as_str() == Some("en"))
            .filter_map(|v| v["text"].as_str().map(str::to_string))
            .collect()
    })
}

/// VADER's rated tweets, or `None` (the case is skipped) when ../shared is absent.
fn tweets() -> Option<&'static [String]> {
    static TEXTS: OnceLock<Vec<String>> = OnceLock::new();
    let t = TEXTS.get_or_init(|| {
        let p = root().join("../shared/eval/vader/tweets_GroundTruth.tsv");
        match std::fs::read_to_string(&p) {
            Ok(s) => s
                .lines()
                .filter_map(|l| l.splitn(3, '\t').nth(2).map(str::to_string))
                .collect(),
            Err(_) => {
                eprintln!("{} not found: skipping the tweet benchmarks", p.display());
                Vec::new()
            }
        }
    });
    (!t.is_empty()).then_some(t.as_slice())
}

fn bytes(texts: &[String]) -> BytesCount {
    BytesCount::new(texts.iter().map(String::len).sum::<usize>())
}

fn analysed(texts: &'static [String]) -> Vec<Analysis<'static>> {
    let lex = lexicons();
    texts
        .iter()
        .map(|t| analyze(t, Some(Lang::EN), &lex.text))
        .collect()
}

const ENGINES: [EngineChoice; 2] = [EngineChoice::Vader, EngineChoice::Default];

/// Analysis plus scoring, sentence by sentence, of the English articles (`slant run`).
#[divan::bench(args = ENGINES)]
fn articles_analyze_and_score(b: Bencher, choice: EngineChoice) {
    let texts = articles();
    let lex = lexicons();
    let e = engine(choice);
    b.counter(bytes(texts)).bench(|| {
        for t in texts {
            let a = analyze(t, Some(Lang::EN), &lex.text);
            black_box(score_document(&a, e).document);
        }
    });
}

/// Scoring alone (texts analysed beforehand), sentence by sentence, of the English articles.
#[divan::bench(args = ENGINES)]
fn articles_score_only(b: Bencher, choice: EngineChoice) {
    let texts = articles();
    let a = analysed(texts);
    let e = engine(choice);
    b.counter(bytes(texts)).bench_local(|| {
        for x in &a {
            black_box(score_document(x, e).document);
        }
    });
}

/// Analysis plus scoring of each whole tweet (`slant sentiment`, `eval sentiment`).
#[divan::bench(args = ENGINES)]
fn tweets_analyze_and_score(b: Bencher, choice: EngineChoice) {
    let Some(texts) = tweets() else { return };
    let lex = lexicons();
    let e = engine(choice);
    b.counter(bytes(texts)).bench(|| {
        // One short text after another, as `slant sentiment` reads lines: memory reused.
        let mut bufs = AnalysisBuffers::default();
        for t in texts {
            let a = analyze_with(t, Some(Lang::EN), &lex.text, &mut bufs);
            black_box(e.score_tokens(&a, 0..a.tokens.len()));
            a.recycle(&mut bufs);
        }
    });
}

/// Scoring alone of each whole tweet (analysed beforehand).
#[divan::bench(args = ENGINES)]
fn tweets_score_only(b: Bencher, choice: EngineChoice) {
    let Some(texts) = tweets() else { return };
    let a = analysed(texts);
    let e = engine(choice);
    b.counter(bytes(texts)).bench_local(|| {
        for x in &a {
            black_box(e.score_tokens(x, 0..x.tokens.len()));
        }
    });
}
