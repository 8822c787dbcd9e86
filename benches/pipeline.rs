//! The whole pipeline (`slant run`) and each of its stages, on 2 rayon threads.
//!
//! `cargo bench --bench pipeline` — figures in BENCHMARKS.md, "Pipeline". Issue 5's budget is
//! the whole job (ingest → clean → score → aggregate → render) above 50 MB/s of article text
//! on 2 cores, so every bench here runs on a 2-thread rayon pool and counts the bytes of
//! ingested article text, whatever the stage: the stage benches add up to `run` (up to the small
//! cost of writing `rejects.jsonl`, `duplicates.jsonl` and `manifest.json`), so their medians
//! are directly the stages' shares of the budget.
//!
//! Corpora: `sample` is the bundled `data/` folder, exactly what `slant run` reads by default
//! (443 articles, 1.8 MB of text); `x4` is the same written four times into one JSON-lines file
//! (the original plus three copies with distinct ids at outlets "<outlet> k", every paragraph
//! with one extra word, as in `benches/clean.rs`): every story becomes a cross-outlet
//! near-duplicate cluster, the worst case for cleaning, and the copies are syndicated, so
//! scoring sees the same number of articles as `sample` plus the syndicated copies (count
//! once per outlet). `x16` is the same with fifteen copies (26.3 MB of text): a corpus large
//! enough that the fixed costs (the phrase automaton's build, the charts) weigh little, as in
//! a nightly run. The copies flatter the throughput: 2,145 of x16's 7,088 records (the
//! articles with no paragraph break to mark) are exact duplicates, counted in the bytes but
//! never scored, and the source-phrase readings repeat from copy to copy. `news` is distinct
//! real news instead: `data/` plus the 924 PolNeAR train and dev texts (US political news,
//! 5.9 MB of text in all), read at run time from `../shared/eval/polnear/` (never copied into
//! the project); where that folder is absent, `news` says so and runs on `data/` alone.
//!
//! Stages, each timed on the previous stage's output computed once beforehand:
//! `ingest` (`ingest::read_paths`), `clean` (`clean::clean_corpus`), `score`
//! (`score::score_article` per article in parallel), `tables` (`tables::build` and writing the
//! scored tables and `tables/syndication`), `aggregate` (`aggregate::aggregate`), `render`
//! (summary tables, charts, reports: `render::render`). Outputs go to a temporary folder.

use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use divan::counter::BytesCount;
use divan::{Bencher, black_box};
use rayon::prelude::*;
use slant::aggregate::{self, AggregateOptions, Aggregates};
use slant::clean::{self, CleanOptions, CleanedCorpus};
use slant::ingest::{self, IngestOptions, Ingested};
use slant::lexicon::Lexicons;
use slant::model::ScoredArticle;
use slant::pipeline::{self, RunOptions};
use slant::render::{self, RunFacts};
use slant::score::{self, ScoreOptions};
use slant::tables::{self, ScoredTables};

/// Rayon threads: the 2 cores of the budget.
const THREADS: usize = 2;

fn main() {
    rayon::ThreadPoolBuilder::new()
        .num_threads(THREADS)
        .build_global()
        .expect("the global rayon pool is built once, before any bench");
    divan::main();
}

/// Which corpus a bench runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Corpus {
    Sample,
    X4,
    X16,
    News,
}

impl fmt::Display for Corpus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Corpus::Sample => "sample",
            Corpus::X4 => "x4",
            Corpus::X16 => "x16",
            Corpus::News => "news",
        })
    }
}

const CORPORA: [Corpus; 4] = [Corpus::Sample, Corpus::X4, Corpus::X16, Corpus::News];

fn lexicons() -> &'static Lexicons {
    static LEX: OnceLock<Lexicons> = OnceLock::new();
    LEX.get_or_init(Lexicons::built_in)
}

/// Temporary folder for the replicated corpus and the outputs (removed at exit by the OS's
/// temp cleaning; `TempDir` is kept alive for the process).
fn scratch() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| tempfile::tempdir().expect("temporary folder"))
        .path()
}

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data")
}

/// `data/*.jsonl` written `n` times into `scratch()/x<n>.jsonl`: copy k (k = 1..n-1) with id
/// `<id>-copyk`, outlet `<outlet> k`, and " editk" before every paragraph break.
fn copies_file(n: usize) -> &'static Path {
    static X4: OnceLock<PathBuf> = OnceLock::new();
    static X16: OnceLock<PathBuf> = OnceLock::new();
    let cell = match n {
        4 => &X4,
        16 => &X16,
        _ => unreachable!("corpora x4 and x16 only"),
    };
    cell.get_or_init(|| {
        let mut records: Vec<serde_json::Value> = Vec::new();
        let mut files: Vec<PathBuf> = std::fs::read_dir(data_dir())
            .expect("data/")
            .map(|e| e.expect("data/ entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
            .collect();
        files.sort();
        for f in files {
            let s = std::fs::read_to_string(&f).expect("readable sample");
            for line in s.lines().filter(|l| !l.trim().is_empty()) {
                records.push(serde_json::from_str(line).expect("sample JSON line"));
            }
        }
        let path = scratch().join(format!("x{n}.jsonl"));
        let mut w = std::io::BufWriter::new(std::fs::File::create(&path).expect("copies file"));
        for k in 0..n {
            for r in &records {
                let mut r = r.clone();
                if k > 0 {
                    let o = r.as_object_mut().expect("a JSON object per line");
                    let get = |o: &serde_json::Map<String, serde_json::Value>, f: &str| {
                        o.get(f).and_then(|v| v.as_str()).unwrap_or("").to_string()
                    };
                    let (id, outlet, text) = (get(o, "id"), get(o, "outlet"), get(o, "text"));
                    o.insert("id".into(), format!("{id}-copy{k}").into());
                    o.insert("outlet".into(), format!("{outlet} {k}").into());
                    o.insert(
                        "text".into(),
                        text.replace("\n\n", &format!(" edit{k}\n\n")).into(),
                    );
                }
                serde_json::to_writer(&mut w, &r).expect("write copies file");
                w.write_all(b"\n").expect("write copies file");
            }
        }
        w.flush().expect("write copies file");
        path
    })
}

/// `scratch()/news.jsonl`: the PolNeAR train and dev texts as JSON lines (id
/// `polnear-<split>-<file>`, outlet the file name's prefix: `breitbart`, `nyt`, …; language
/// en), or `None` where `../shared/eval/polnear` is absent.
fn polnear_file() -> Option<&'static Path> {
    static NEWS: OnceLock<Option<PathBuf>> = OnceLock::new();
    NEWS.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval/polnear");
        let mut files: Vec<(String, PathBuf)> = Vec::new();
        for split in ["train", "dev"] {
            let Ok(rd) = std::fs::read_dir(root.join(split).join("text")) else {
                continue;
            };
            let mut paths: Vec<PathBuf> = rd.flatten().map(|e| e.path()).collect();
            paths.sort();
            files.extend(paths.into_iter().map(|p| (split.to_string(), p)));
        }
        if files.is_empty() {
            eprintln!(
                "note: {} is absent, so the `news` corpus is data/ alone",
                root.display()
            );
            return None;
        }
        let path = scratch().join("news.jsonl");
        let mut w = std::io::BufWriter::new(std::fs::File::create(&path).expect("news file"));
        for (split, p) in files {
            let text = std::fs::read_to_string(&p).expect("readable PolNeAR text");
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            let outlet = name.split('_').next().unwrap_or("polnear");
            let r = serde_json::json!({
                "id": format!("polnear-{split}-{name}"),
                "outlet": outlet,
                "language": "en",
                "text": text,
            });
            serde_json::to_writer(&mut w, &r).expect("write news file");
            w.write_all(b"\n").expect("write news file");
        }
        w.flush().expect("write news file");
        Some(path)
    })
    .as_deref()
}

fn inputs(c: Corpus) -> Vec<PathBuf> {
    match c {
        Corpus::Sample => vec![data_dir()],
        Corpus::X4 => vec![copies_file(4).to_path_buf()],
        Corpus::X16 => vec![copies_file(16).to_path_buf()],
        Corpus::News => std::iter::once(data_dir())
            .chain(polnear_file().map(Path::to_path_buf))
            .collect(),
    }
}

fn ingest_options() -> IngestOptions {
    IngestOptions {
        dates: slant::clean::dates::DateParser::load(&lexicons().source).expect("date lexicons"),
        ..IngestOptions::default()
    }
}

fn run_options(c: Corpus, out: &Path) -> RunOptions {
    RunOptions {
        inputs: inputs(c),
        out: out.to_path_buf(),
        ingest: ingest_options(),
        clean: CleanOptions::default(),
        score: ScoreOptions::default(),
        aggregate: AggregateOptions::default(),
    }
}

/// Per corpus, every stage's output computed once (the input of the next stage's bench).
struct Stages {
    ingested: Ingested,
    cleaned: CleanedCorpus,
    scored: Vec<ScoredArticle>,
    tables: ScoredTables,
    aggregates: Aggregates,
    bytes: usize,
}

fn stages(c: Corpus) -> &'static Stages {
    static S: [OnceLock<Stages>; 4] = [const { OnceLock::new() }; 4];
    S[c as usize].get_or_init(|| {
        let lex = lexicons();
        let ingested = ingest::read_paths(&inputs(c), &ingest_options()).expect("sample ingests");
        let bytes = ingested.articles.iter().map(|a| a.text.len()).sum();
        let cleaned = clean::clean_corpus(ingested.articles.clone(), lex, &CleanOptions::default());
        let scored: Vec<ScoredArticle> = cleaned
            .articles
            .par_iter()
            .map(|a| score::score_article(a, lex, &ScoreOptions::default()))
            .collect();
        let tables = tables::build(&cleaned.articles, &scored).expect("tables build");
        let aggregates =
            aggregate::aggregate(&tables, &AggregateOptions::default()).expect("aggregates");
        Stages {
            ingested,
            cleaned,
            scored,
            tables,
            aggregates,
            bytes,
        }
    })
}

fn counter(c: Corpus) -> BytesCount {
    BytesCount::new(stages(c).bytes)
}

fn out_dir(c: Corpus, stage: &str) -> PathBuf {
    let d = scratch().join(format!("out-{c}-{stage}"));
    std::fs::create_dir_all(d.join("tables")).expect("output folder");
    d
}

/// The whole job, as `slant run` does it (outputs written).
#[divan::bench(args = CORPORA, sample_count = 5)]
fn run(b: Bencher, c: Corpus) {
    let out = out_dir(c, "run");
    let opts = run_options(c, &out);
    b.counter(counter(c))
        .bench(|| black_box(pipeline::run(&opts, lexicons()).expect("run succeeds")));
}

#[divan::bench(args = CORPORA, sample_count = 5)]
fn stage_ingest(b: Bencher, c: Corpus) {
    let (paths, opts) = (inputs(c), ingest_options());
    b.counter(counter(c))
        .bench(|| black_box(ingest::read_paths(&paths, &opts).expect("ingest")));
}

#[divan::bench(args = CORPORA, sample_count = 5)]
fn stage_clean(b: Bencher, c: Corpus) {
    let s = stages(c);
    b.counter(counter(c)).bench(|| {
        black_box(clean::clean_corpus(
            s.ingested.articles.clone(),
            lexicons(),
            &CleanOptions::default(),
        ))
    });
}

#[divan::bench(args = CORPORA, sample_count = 5)]
fn stage_score(b: Bencher, c: Corpus) {
    let s = stages(c);
    b.counter(counter(c)).bench(|| {
        black_box(
            s.cleaned
                .articles
                .par_iter()
                .map(|a| score::score_article(a, lexicons(), &ScoreOptions::default()))
                .collect::<Vec<_>>(),
        )
    });
}

#[divan::bench(args = CORPORA, sample_count = 5)]
fn stage_tables(b: Bencher, c: Corpus) {
    let s = stages(c);
    let dir = out_dir(c, "tables").join("tables");
    b.counter(counter(c)).bench(|| {
        let t = tables::build(&s.cleaned.articles, &s.scored).expect("tables build");
        t.write(&dir).expect("tables write");
        let syn = tables::syndication_frame(&s.cleaned.syndication).expect("syndication");
        tables::write_table(&syn, &dir, "syndication").expect("syndication write");
        black_box(t)
    });
}

#[divan::bench(args = CORPORA, sample_count = 5)]
fn stage_aggregate(b: Bencher, c: Corpus) {
    let s = stages(c);
    b.counter(counter(c)).bench(|| {
        black_box(aggregate::aggregate(&s.tables, &AggregateOptions::default()).expect("agg"))
    });
}

#[divan::bench(args = CORPORA, sample_count = 5)]
fn stage_render(b: Bencher, c: Corpus) {
    let s = stages(c);
    let out = out_dir(c, "render");
    let facts = RunFacts {
        input_records: s.ingested.input_records,
        scored: s.scored.len() as u64,
        rejected: s.ingested.rejects.len() as u64,
        duplicates: s.cleaned.duplicates.len() as u64,
        inputs: vec![],
        version: env!("CARGO_PKG_VERSION").to_string(),
    };
    b.counter(counter(c)).bench(|| {
        black_box(render::render(&s.tables, &s.aggregates, &facts, &out).expect("render"))
    });
}
