//! Attribution throughput: `extract` on already analysed articles, and `analyze` + `extract`.
//!
//! `cargo bench --bench attribution` — figures in BENCHMARKS.md, "Attribution". Texts: the 442
//! articles of `data/articles.jsonl` (English and French), plus the PolNeAR texts in
//! `../shared/eval/polnear/dev/text/` when present. Throughput counts bytes of text.
//!
//! `SLANT_BENCH_CPU=1 cargo bench --bench attribution` prints on-CPU medians of the same three
//! workloads instead, plus `sentiment_then_extract` (analysis, sentiment and extraction on each
//! article in turn, the pipeline's order), and extraction's share of analysis + sentiment both
//! ways (issue 5 asks < 50%): robust to other jobs on the machine, which inflate wall-clock
//! medians unevenly.

use std::path::Path;
use std::sync::OnceLock;

use divan::counter::BytesCount;
use divan::{Bencher, black_box};
use slant::lexicon::Lexicons;
use slant::score::attribution::{AttributionLexicon, Extractor};
use slant::score::sentiment::{EngineChoice, score_document};
use slant::text::{Analysis, Lang, analyze};

#[path = "common/cpu.rs"]
mod cpu;
use cpu::cpu_median;

fn main() {
    if std::env::var_os("SLANT_BENCH_CPU").is_some() {
        cpu_report();
        return;
    }
    divan::main();
}

/// On-CPU medians (9 rounds) of `extract_only`, `analyze_and_extract`, `analyze_and_sentiment`
/// and `sentiment_then_extract`, and extraction's share of analysis + sentiment: alone on
/// analyses built beforehand, and as the cost it adds after sentiment on a fresh analysis.
fn cpu_report() {
    let lex = lexicons();
    let mb = total_bytes() as f64 / 1e6;
    let analysed: Vec<_> = texts()
        .iter()
        .map(|(t, l)| analyze(t, *l, &lex.text))
        .collect();
    let extract_only = cpu_median(9, || {
        black_box(extract_pass(&analysed, &lex.attribution));
    });
    let analyze_and_extract = cpu_median(9, || {
        let mut ex = Extractor::new(&lex.attribution);
        for (t, l) in texts() {
            let a = analyze(black_box(t), *l, &lex.text);
            black_box(ex.extract(&a));
        }
    });
    let analyze_and_sentiment = cpu_median(9, || {
        for (t, l) in texts() {
            let a = analyze(black_box(t), *l, &lex.text);
            if let Ok(engine) = lex.sentiment.engine(a.lang, EngineChoice::Default) {
                black_box(score_document(&a, engine).document.compound);
            }
        }
    });
    let sentiment_then_extract = cpu_median(9, || {
        let mut ex = Extractor::new(&lex.attribution);
        for (t, l) in texts() {
            let a = analyze(black_box(t), *l, &lex.text);
            if let Ok(engine) = lex.sentiment.engine(a.lang, EngineChoice::Default) {
                black_box(score_document(&a, engine).document.compound);
            }
            black_box(ex.extract(&a));
        }
    });
    println!("workload\tMB\tmedian_cpu_ms\tMB/s");
    for (name, secs) in [
        ("extract_only", extract_only),
        ("analyze_and_extract", analyze_and_extract),
        ("analyze_and_sentiment", analyze_and_sentiment),
        ("sentiment_then_extract", sentiment_then_extract),
    ] {
        match secs {
            Some(s) => println!("{name}\t{mb:.3}\t{:.2}\t{:.1}", s * 1e3, mb / s),
            None => println!("{name}\t{mb:.3}\t-\t(no schedstat)"),
        }
    }
    if let (Some(e), Some(s)) = (extract_only, analyze_and_sentiment) {
        println!(
            "extract_only / analyze_and_sentiment\t{:.1}%",
            100.0 * e / s
        );
    }
    if let (Some(both), Some(s)) = (sentiment_then_extract, analyze_and_sentiment) {
        println!(
            "(sentiment_then_extract - analyze_and_sentiment) / analyze_and_sentiment\t{:.1}%",
            100.0 * (both - s) / s
        );
    }
}

fn lexicons() -> &'static Lexicons {
    static LEX: OnceLock<Lexicons> = OnceLock::new();
    LEX.get_or_init(Lexicons::built_in)
}

/// (text, language) of every benchmark document.
fn texts() -> &'static [(String, Option<Lang>)] {
    static TEXTS: OnceLock<Vec<(String, Option<Lang>)>> = OnceLock::new();
    TEXTS.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut out = Vec::new();
        let data =
            std::fs::read_to_string(root.join("data/articles.jsonl")).expect("data/articles.jsonl");
        for line in data.lines() {
            let v: serde_json::Value = serde_json::from_str(line).expect("valid sample line");
            let text = v["text"].as_str().unwrap_or_default().to_string();
            let lang = v["language"].as_str().and_then(Lang::parse);
            out.push((text, lang));
        }
        if let Ok(rd) = std::fs::read_dir(root.join("../shared/eval/polnear/dev/text")) {
            let mut paths: Vec<_> = rd.flatten().map(|e| e.path()).collect();
            paths.sort();
            for p in paths {
                if let Ok(t) = std::fs::read_to_string(&p) {
                    out.push((t, Lang::parse("en")));
                }
            }
        }
        out
    })
}

fn total_bytes() -> usize {
    texts().iter().map(|(t, _)| t.len()).sum()
}

/// One pass of attribution over texts analysed beforehand, with a fresh extractor (an empty
/// reading cache), as one run of `slant` starts; the number of attributions. Not inlined, so
/// a profiler can count exactly this (`valgrind --tool=callgrind
/// --toggle-collect=attribution::extract_pass`).
#[inline(never)]
fn extract_pass(analysed: &[Analysis], lex: &AttributionLexicon) -> usize {
    let mut ex = Extractor::new(lex);
    let mut n = 0;
    for a in analysed {
        n += ex.extract(black_box(a)).len();
    }
    n
}

/// Attribution alone, on texts analysed beforehand (the cost it adds to scoring).
#[divan::bench(sample_count = 10)]
fn extract_only(b: Bencher) {
    let lex = lexicons();
    let analysed: Vec<_> = texts()
        .iter()
        .map(|(t, l)| analyze(t, *l, &lex.text))
        .collect();
    // `Analysis` caches its folded text in a `OnceCell`, so it stays on this thread.
    b.counter(BytesCount::new(total_bytes()))
        .bench_local(|| extract_pass(&analysed, &lex.attribution));
}

/// The shared text chain plus attribution.
#[divan::bench(sample_count = 10)]
fn analyze_and_extract(b: Bencher) {
    let lex = lexicons();
    b.counter(BytesCount::new(total_bytes())).bench(|| {
        let mut ex = Extractor::new(&lex.attribution);
        let mut n = 0;
        for (t, l) in texts() {
            let a = analyze(black_box(t), *l, &lex.text);
            n += ex.extract(&a).len();
        }
        n
    });
}

/// For comparison: the shared text chain plus document sentiment (the default engine of each
/// language) on the same texts; attribution's cost is measured against this.
#[divan::bench(sample_count = 10)]
fn analyze_and_sentiment(b: Bencher) {
    let lex = lexicons();
    b.counter(BytesCount::new(total_bytes())).bench(|| {
        let mut n = 0.0;
        for (t, l) in texts() {
            let a = analyze(black_box(t), *l, &lex.text);
            if let Ok(engine) = lex.sentiment.engine(a.lang, EngineChoice::Default) {
                n += score_document(&a, engine).document.compound;
            }
        }
        n
    });
}
