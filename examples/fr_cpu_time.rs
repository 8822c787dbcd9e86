//! On-CPU throughput of the `benches/sentiment_fr.rs` workloads, for a loaded machine.
//!
//! divan reports wall-clock time, which on the project's 2 shared cores (load average 8–18
//! while other jobs compile) is inflated several-fold and varies from run to run. This measures
//! the same workloads by the thread's on-CPU time (`/proc/thread-self/schedstat`, first field),
//! median of `ROUNDS` rounds over the whole text set, as BENCHMARKS.md "French sentiment" records.
//!
//! `cargo run --release --example fr_cpu_time [sentiment|detect]` (Linux only; prints a Markdown
//! table; with an argument, only that half).

use std::path::Path;

use slant::lexicon::Lexicons;
use slant::score::sentiment::{EngineChoice, score_document};
use slant::text::{Lang, analyze, lang};

const ROUNDS: usize = 9;

fn cpu_ns() -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .expect("/proc/thread-self/schedstat (Linux)")
}

fn median_ns(mut f: impl FnMut()) -> u64 {
    f(); // warm caches and per-thread memos once, as divan's first samples do
    let mut v: Vec<u64> = (0..ROUNDS)
        .map(|_| {
            let t = cpu_ns();
            f();
            cpu_ns() - t
        })
        .collect();
    v.sort_unstable();
    v[ROUNDS / 2]
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn french_texts() -> Vec<String> {
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
        eprintln!("{} not found: using French articles", dir.display());
        texts = articles(Some("fr"));
    }
    texts
}

fn articles(lang: Option<&str>) -> Vec<String> {
    let s =
        std::fs::read_to_string(root().join("data/articles.jsonl")).expect("data/articles.jsonl");
    s.lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|v| lang.is_none_or(|want| v["language"].as_str() == Some(want)))
        .filter_map(|v| v["text"].as_str().map(str::to_string))
        .collect()
}

fn row(name: &str, texts: &[String], ns: u64) {
    let bytes: usize = texts.iter().map(String::len).sum();
    let secs = ns as f64 / 1e9;
    println!(
        "| {name} | {:.1} | {:.2} |",
        bytes as f64 / 1e6 / secs,
        secs * 1e6 / texts.len() as f64
    );
}

fn main() {
    let lex = Lexicons::built_in();
    let engine = lex
        .sentiment
        .engine(Some(Lang::FR), EngineChoice::Default)
        .expect("French engine");
    let fr = french_texts();
    let all = articles(None);
    let sup = [Lang::EN, Lang::FR];
    let only = std::env::args().nth(1);
    println!("| workload | MB/s per core | µs per text |");
    println!("| --- | --- | --- |");
    if only.as_deref() != Some("detect") {
        sentiment(&lex, engine, &fr);
    }
    if only.as_deref() == Some("sentiment") {
        return;
    }
    for (name, texts) in [("articles", &all), ("reviews and tweets", &fr)] {
        let ns = median_ns(|| {
            for t in texts.iter() {
                std::hint::black_box(lang::detect_supported(t, &sup));
            }
        });
        row(&format!("`detect_supported`, {name}"), texts, ns);
        let ns = median_ns(|| {
            for t in texts.iter() {
                std::hint::black_box(lang::detect_supported_whatlang(t, &sup));
            }
        });
        row(
            &format!("`detect_supported_whatlang` (previous), {name}"),
            texts,
            ns,
        );
    }
}

fn sentiment(lex: &Lexicons, engine: &dyn slant::score::sentiment::SentimentEngine, fr: &[String]) {
    let ns = median_ns(|| {
        for t in fr {
            std::hint::black_box(analyze(t, Some(Lang::FR), &lex.text).tokens.len());
        }
    });
    row("`analyze` only", fr, ns);
    let ns = median_ns(|| {
        for t in fr {
            let a = analyze(t, Some(Lang::FR), &lex.text);
            std::hint::black_box(engine.score_tokens(&a, 0..a.tokens.len()));
        }
    });
    row("`analyze` + French engine (`analyze_and_score`)", fr, ns);
    let ns = median_ns(|| {
        for t in fr {
            let a = analyze(t, Some(Lang::FR), &lex.text);
            std::hint::black_box(score_document(&a, engine).document);
        }
    });
    row(
        "`analyze` + French engine per sentence (`analyze_and_score_sentences`)",
        fr,
        ns,
    );
    let analysed: Vec<_> = fr
        .iter()
        .map(|t| analyze(t, Some(Lang::FR), &lex.text))
        .collect();
    let ns = median_ns(|| {
        for a in &analysed {
            std::hint::black_box(engine.score_tokens(a, 0..a.tokens.len()));
        }
    });
    row("French engine alone (pre-analysed texts)", fr, ns);
}
