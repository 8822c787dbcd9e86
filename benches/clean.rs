//! Cleaning throughput: page clutter, exact and near-duplicates, templates, syndication.
//!
//! `cargo bench --bench clean` — figures in BENCHMARKS.md, "Corpus hygiene". Corpus: the 442
//! articles of `data/articles.jsonl` (1.8 MB of text), and the same replicated four times
//! (original plus three lightly edited copies at other outlets, so every story is a
//! cross-outlet near-duplicate cluster: the worst case for clustering). Throughput counts the
//! bytes of article text cleaned, on one thread (per core).

use std::path::Path;
use std::sync::OnceLock;

use divan::counter::BytesCount;
use divan::{Bencher, black_box};
use slant::clean::{CleanOptions, clean_corpus, dedup, page};
use slant::ingest::{IngestOptions, read_paths};
use slant::lexicon::Lexicons;
use slant::model::Article;

/// One rayon thread, so throughput is per core (`clean_corpus` runs its per-article steps on
/// rayon; the 2-core whole-pipeline figure is `benches/pipeline.rs`).
fn main() {
    rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build_global()
        .expect("the global rayon pool is built once, before any bench");
    divan::main();
}

fn lexicons() -> &'static Lexicons {
    static LEX: OnceLock<Lexicons> = OnceLock::new();
    LEX.get_or_init(Lexicons::built_in)
}

fn sample() -> &'static [Article] {
    static A: OnceLock<Vec<Article>> = OnceLock::new();
    A.get_or_init(|| {
        let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/articles.jsonl");
        read_paths(&[p], &IngestOptions::default())
            .expect("data/articles.jsonl")
            .articles
    })
}

/// The sample four times: copy k (k = 1..3) at outlet "<outlet> k", every paragraph with one
/// extra word, so copies are near- but not exact duplicates.
fn replicated() -> &'static [Article] {
    static A: OnceLock<Vec<Article>> = OnceLock::new();
    A.get_or_init(|| {
        let mut out = sample().to_vec();
        for k in 1..=3 {
            for a in sample() {
                let mut c = a.clone();
                c.id = format!("{}-copy{k}", a.id);
                c.outlet = format!("{} {k}", a.outlet);
                c.text = a.text.replace("\n\n", &format!(" edit{k}\n\n"));
                out.push(c);
            }
        }
        out
    })
}

fn bytes(a: &[Article]) -> BytesCount {
    BytesCount::new(a.iter().map(|a| a.text.len()).sum::<usize>())
}

#[divan::bench(sample_count = 10)]
fn clean_corpus_sample(b: Bencher) {
    let a = sample();
    b.counter(bytes(a)).bench(|| {
        black_box(clean_corpus(
            a.to_vec(),
            lexicons(),
            &CleanOptions::default(),
        ))
    });
}

#[divan::bench(sample_count = 5)]
fn clean_corpus_replicated_x4(b: Bencher) {
    let a = replicated();
    b.counter(bytes(a)).bench(|| {
        black_box(clean_corpus(
            a.to_vec(),
            lexicons(),
            &CleanOptions::default(),
        ))
    });
}

#[divan::bench(sample_count = 10)]
fn page_clutter_only(b: Bencher) {
    let a = replicated();
    let bp = &lexicons().boilerplate;
    b.counter(bytes(a)).bench(|| {
        for art in a {
            black_box(page::clean_page(
                art,
                bp,
                art.language.as_deref(),
                Default::default(),
            ));
        }
    });
}

#[divan::bench(sample_count = 10)]
fn near_duplicates_only(b: Bencher) {
    let a = replicated();
    let texts: Vec<String> = a.iter().map(|a| slant::text::fold::fold(&a.text)).collect();
    let titles = vec![None; texts.len()];
    b.counter(bytes(a)).bench(|| {
        black_box(dedup::near_duplicates(
            &texts,
            &titles,
            &CleanOptions::default(),
        ))
    });
}
