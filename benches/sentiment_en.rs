//! English sentiment throughput: the `vader` and `default` (`news-en`) engines.
//!
//! `cargo bench --bench sentiment_en` — figures and the Python reference (vaderSentiment 3.3.2)
//! are in BENCHMARKS.md, "English sentiment". Texts: the English articles of
//! `data/articles.jsonl`, scored sentence by sentence as `slant run` does; and VADER's 4,200
//! rated tweets from `../shared/eval/vader/` when present (skipped otherwise), each scored whole
//! as `slant sentiment` does. Throughput counts the bytes of the texts scored.

use std::path::Path;
use std::sync::OnceLock;

use divan::counter::BytesCount;
use divan::{Bencher, black_box};
use slant::lexicon::Lexicons;
use slant::score::sentiment::{EngineChoice, SentimentEngine, score_document};
use slant::text::{Analysis, Lang, analyze};

fn main() {
    divan::main();
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
        for t in texts {
            let a = analyze(t, Some(Lang::EN), &lex.text);
            black_box(e.score_tokens(&a, 0..a.tokens.len()));
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
