//! Tone-toward-actors throughput: targets scored per second.
//!
//! `cargo bench --bench targets` — figures in BENCHMARKS.md, "Tone toward actors". Items: the
//! sentences and targets of `../shared/eval/newsmtsc/devtest_mt.jsonl` when present (read at run
//! time, never copied; `SLANT_BENCH_NEWSMTSC=PATH` points elsewhere), else the entity mentions of the articles in `data/articles.jsonl`.
//! `score_only` scores pre-analysed items (the scorer's own cost, as in `slant run`, where the
//! analysis is shared with the other scorers); `analyze_and_score` includes tokenisation.

use std::path::Path;
use std::sync::OnceLock;

use divan::counter::ItemsCount;
use divan::{Bencher, black_box};
use slant::lexicon::Lexicons;
use slant::score::targets::TargetModel;
use slant::text::{Lang, Span, analyze};

fn main() {
    divan::main();
}

fn lexicons() -> &'static Lexicons {
    static LEX: OnceLock<Lexicons> = OnceLock::new();
    LEX.get_or_init(Lexicons::built_in)
}

fn model() -> &'static TargetModel {
    lexicons()
        .targets
        .model(Some(Lang::EN))
        .expect("English target model")
}

/// (text, target byte spans) items.
fn items() -> &'static [(String, Vec<Span>)] {
    static ITEMS: OnceLock<Vec<(String, Vec<Span>)>> = OnceLock::new();
    ITEMS.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        // `SLANT_BENCH_NEWSMTSC` names another copy of the file (a worktree whose `../shared`
        // is elsewhere), so binaries built in different checkouts measure the same items.
        let dev = std::env::var_os("SLANT_BENCH_NEWSMTSC")
            .map(std::path::PathBuf::from)
            .unwrap_or_else(|| root.join("../shared/eval/newsmtsc/devtest_mt.jsonl"));
        let mut items = Vec::new();
        if dev.is_file() {
            let gold = slant::score::targets::newsmtsc::read(&dev).unwrap();
            for s in gold {
                let spans: Vec<Span> = s.targets.iter().filter_map(|t| t.span).collect();
                items.push((s.text, spans));
            }
        } else {
            eprintln!(
                "{} not found: using data/articles.jsonl mentions",
                dev.display()
            );
            let s = std::fs::read_to_string(root.join("data/articles.jsonl")).unwrap();
            let lex = lexicons();
            for line in s.lines() {
                let v: serde_json::Value = serde_json::from_str(line).unwrap();
                let Some(text) = v["text"].as_str() else {
                    continue;
                };
                let a = analyze(text, Some(Lang::EN), &lex.text);
                let spans: Vec<Span> = slant::score::entities::find(&a, &lex.entities)
                    .iter()
                    .map(|m| m.span)
                    .collect();
                items.push((text.to_string(), spans));
            }
        }
        items
    })
}

fn n_targets() -> usize {
    items().iter().map(|(_, s)| s.len()).sum()
}

#[divan::bench(sample_count = 10)]
fn score_only(b: Bencher) {
    let lex = lexicons();
    let analyses: Vec<_> = items()
        .iter()
        .map(|(t, s)| (analyze(t, Some(Lang::EN), &lex.text), s))
        .collect();
    b.counter(ItemsCount::new(n_targets())).bench_local(|| {
        for (a, spans) in &analyses {
            black_box(model().score_spans(a, spans, &lex.sentiment));
        }
    });
}

#[divan::bench(sample_count = 10)]
fn analyze_and_score(b: Bencher) {
    let lex = lexicons();
    b.counter(ItemsCount::new(n_targets())).bench(|| {
        for (t, spans) in items() {
            let a = analyze(t, Some(Lang::EN), &lex.text);
            black_box(model().score_spans(&a, spans, &lex.sentiment));
        }
    });
}
