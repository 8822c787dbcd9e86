//! French sentiment and language-detection throughput.
//!
//! `cargo bench --bench sentiment_fr` — figures and the reference (vaderSentiment-fr in Python)
//! are in BENCHMARKS.md, "French sentiment". Texts: the French review development sets in
//! `../shared/eval/french-reviews/` when present, else the French articles of
//! `data/articles.jsonl`. Throughput counts the bytes of the texts scored.

use std::path::Path;
use std::sync::OnceLock;

use divan::counter::BytesCount;
use divan::{Bencher, black_box};
use slant::lexicon::Lexicons;
use slant::score::sentiment::{EngineChoice, SentimentEngine, score_document};
use slant::text::{Lang, analyze, lang};

fn main() {
    divan::main();
}

fn lexicons() -> &'static Lexicons {
    static LEX: OnceLock<Lexicons> = OnceLock::new();
    LEX.get_or_init(Lexicons::built_in)
}

fn engine() -> &'static dyn SentimentEngine {
    lexicons()
        .sentiment
        .engine(Some(Lang::FR), EngineChoice::Default)
        .expect("French engine")
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// French review texts (development sets), or French articles when those are absent.
fn french_texts() -> &'static [String] {
    static TEXTS: OnceLock<Vec<String>> = OnceLock::new();
    TEXTS.get_or_init(|| {
        let dir = root().join("../shared/eval/french-reviews");
        let mut texts = Vec::new();
        for f in [
            "allocine-films.tsv",
            "allocine-series-lowercased.tsv",
            "tweets-deft2017-3class.tsv",
        ] {
            if let Ok(s) = std::fs::read_to_string(dir.join(f)) {
                texts.extend(
                    s.lines()
                        .filter_map(|l| l.split_once('\t'))
                        .map(|(_, t)| t.to_string()),
                );
            }
        }
        if texts.is_empty() {
            eprintln!(
                "{} not found: using the French articles of data/articles.jsonl",
                dir.display()
            );
            texts = articles(Some("fr"));
        }
        texts
    })
}

/// Article texts of data/articles.jsonl (all, or those labelled `lang`).
fn articles(lang: Option<&str>) -> Vec<String> {
    let s =
        std::fs::read_to_string(root().join("data/articles.jsonl")).expect("data/articles.jsonl");
    s.lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|v| lang.is_none_or(|want| v["language"].as_str() == Some(want)))
        .filter_map(|v| v["text"].as_str().map(str::to_string))
        .collect()
}

fn all_articles() -> &'static [String] {
    static TEXTS: OnceLock<Vec<String>> = OnceLock::new();
    TEXTS.get_or_init(|| articles(None))
}

fn bytes(texts: &[String]) -> BytesCount {
    BytesCount::new(texts.iter().map(String::len).sum::<usize>())
}

/// The shared analysis chain alone (tokens, sentences), for comparison.
#[divan::bench]
fn analyze_only(b: Bencher) {
    let texts = french_texts();
    let lex = lexicons();
    b.counter(bytes(texts)).bench(|| {
        for t in texts {
            black_box(analyze(t, Some(Lang::FR), &lex.text).tokens.len());
        }
    });
}

/// Analysis plus the French engine on each whole text (`slant sentiment`, `eval sentiment`).
#[divan::bench]
fn analyze_and_score(b: Bencher) {
    let texts = french_texts();
    let lex = lexicons();
    let e = engine();
    b.counter(bytes(texts)).bench(|| {
        for t in texts {
            let a = analyze(t, Some(Lang::FR), &lex.text);
            black_box(e.score_tokens(&a, 0..a.tokens.len()));
        }
    });
}

/// Analysis plus the French engine sentence by sentence (`slant run`).
#[divan::bench]
fn analyze_and_score_sentences(b: Bencher) {
    let texts = french_texts();
    let lex = lexicons();
    let e = engine();
    b.counter(bytes(texts)).bench(|| {
        for t in texts {
            let a = analyze(t, Some(Lang::FR), &lex.text);
            black_box(score_document(&a, e).document);
        }
    });
}

/// Language detection as `--lang auto` and `clean` run it (fast path, else whatlang on a prefix
/// of DETECT_PREFIX_BYTES),
/// over every article of data/articles.jsonl; bytes counted are the whole articles'.
#[divan::bench]
fn detect_supported_articles(b: Bencher) {
    let texts = all_articles();
    let supported = [Lang::EN, Lang::FR];
    b.counter(bytes(texts)).bench(|| {
        for t in texts {
            black_box(lang::detect_supported(t, &supported));
        }
    });
}

/// Open whatlang detection on a prefix of `n` bytes of each article (0 = whole text): the
/// measurement DETECT_PREFIX_BYTES was chosen from. Bytes counted are the whole articles'.
#[divan::bench(args = [256, 512, 1024, 2048, 4096, 0])]
fn whatlang_prefix(b: Bencher, n: usize) {
    let texts = all_articles();
    b.counter(bytes(texts)).bench(|| {
        for t in texts {
            let mut end = if n == 0 { t.len() } else { n.min(t.len()) };
            while !t.is_char_boundary(end) {
                end -= 1;
            }
            black_box(whatlang::detect(&t[..end]));
        }
    });
}

/// Language detection on the short review texts (one detection per text).
#[divan::bench]
fn detect_supported_reviews(b: Bencher) {
    let texts = french_texts();
    let supported = [Lang::EN, Lang::FR];
    b.counter(bytes(texts)).bench(|| {
        for t in texts {
            black_box(lang::detect_supported(t, &supported));
        }
    });
}

/// The previous detector, whatlang alone (`lang::detect_supported_whatlang`), on the articles:
/// what the fast path is measured against.
#[divan::bench]
fn detect_supported_whatlang_articles(b: Bencher) {
    let texts = all_articles();
    let supported = [Lang::EN, Lang::FR];
    b.counter(bytes(texts)).bench(|| {
        for t in texts {
            black_box(lang::detect_supported_whatlang(t, &supported));
        }
    });
}

/// The previous detector, whatlang alone, on the short review texts.
#[divan::bench]
fn detect_supported_whatlang_reviews(b: Bencher) {
    let texts = french_texts();
    let supported = [Lang::EN, Lang::FR];
    b.counter(bytes(texts)).bench(|| {
        for t in texts {
            black_box(lang::detect_supported_whatlang(t, &supported));
        }
    });
}

/// French engine alone on texts analysed beforehand (its cost inside `slant run`, where the
/// analysis is shared with the other scorers).
#[divan::bench]
fn score_only(b: Bencher) {
    let texts = french_texts();
    let lex = lexicons();
    let e = engine();
    let analysed: Vec<_> = texts
        .iter()
        .map(|t| analyze(t, Some(Lang::FR), &lex.text))
        .collect();
    // An Analysis caches its folded text in a OnceCell (not Sync): run on this thread only.
    b.counter(bytes(texts)).bench_local(|| {
        for a in &analysed {
            black_box(e.score_tokens(a, 0..a.tokens.len()));
        }
    });
}
