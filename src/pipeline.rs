//! `slant run`: the stages in order, with accounting and timings.
//!
//! ingest → clean → score (parallel, order-preserving) → scored tables → aggregate → render,
//! then `rejects.jsonl`, `duplicates.jsonl` and `manifest.json`. Every input record ends up
//! scored, rejected or counted as a duplicate: `input_records = scored + rejected + duplicates`
//! is checked before the manifest is written.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result, ensure};
use rayon::prelude::*;
use serde::Serialize;

use crate::aggregate::{self, AggregateOptions};
use crate::clean::{self, CleanOptions};
use crate::ingest::{self, IngestOptions, InputFile};
use crate::lexicon::{FileRecord, Lexicons};
use crate::model::ScoredArticle;
use crate::render::{self, RunFacts};
use crate::score::{self, ScoreOptions};
use crate::tables::ScoredTables;

/// Everything `slant run` needs to know.
#[derive(Debug, Clone)]
pub struct RunOptions {
    pub inputs: Vec<PathBuf>,
    pub out: PathBuf,
    pub ingest: IngestOptions,
    pub clean: CleanOptions,
    pub score: ScoreOptions,
    pub aggregate: AggregateOptions,
}

/// `manifest.json` counts.
#[derive(Debug, Clone, Copy, Serialize, Default, PartialEq, Eq)]
pub struct Counts {
    pub input_records: u64,
    pub scored: u64,
    pub rejected: u64,
    pub duplicates: u64,
}

/// `manifest.json`: what was run, on what, with which data, and how long it took.
#[derive(Debug, Clone, Serialize)]
pub struct Manifest {
    pub slant_version: String,
    pub counts: Counts,
    /// Duplicates by kind (`same_id`, `same_text`, `near_duplicate`, `syndicated_excluded`);
    /// they sum to `counts.duplicates`.
    pub duplicate_kinds: BTreeMap<String, u64>,
    /// Cross-outlet near-duplicate clusters (rows of `tables/syndication` grouped by
    /// `cluster_id`).
    pub syndication_clusters: u64,
    pub date_warnings: u64,
    pub inputs: Vec<InputFile>,
    pub lexicons: BTreeMap<String, FileRecord>,
    pub lexicon_override: Option<String>,
    pub options: ManifestOptions,
    pub outlets: u64,
    pub languages: BTreeMap<String, u64>,
    /// Wall time of each stage in milliseconds: `ingest`, `clean`, `score`, `tables` (building
    /// and writing the scored tables and `tables/syndication`), `aggregate_render`, `total`.
    /// The scored tables are written while aggregation and rendering run, so `tables` and
    /// `aggregate_render` overlap: `total` is less than the sum.
    pub timings_ms: BTreeMap<String, u64>,
    pub threads: usize,
    pub outputs: Vec<String>,
}

/// Options that shape results, recorded for reproducibility.
#[derive(Debug, Clone, Serialize)]
pub struct ManifestOptions {
    pub score: ScoreOptions,
    pub aggregate: AggregateOptions,
    pub clean: CleanOptions,
    pub date_order: crate::clean::dates::DateOrder,
    pub column_map: Vec<(String, String)>,
}

/// What a finished run hands back to the CLI.
#[derive(Debug)]
pub struct RunOutcome {
    pub manifest: Manifest,
    pub report: PathBuf,
}

fn write_jsonl<T: Serialize>(path: &Path, rows: &[T]) -> Result<()> {
    let f = std::fs::File::create(path).with_context(|| format!("creating {}", path.display()))?;
    let mut w = std::io::BufWriter::new(f);
    for r in rows {
        serde_json::to_writer(&mut w, r)?;
        w.write_all(b"\n")?;
    }
    w.flush()
        .with_context(|| format!("writing {}", path.display()))?;
    Ok(())
}

fn ms(t: Instant) -> u64 {
    t.elapsed().as_millis() as u64
}

/// Runs the whole job and writes every output under `opts.out`.
pub fn run(opts: &RunOptions, lex: &Lexicons) -> Result<RunOutcome> {
    let total = Instant::now();
    let mut timings = BTreeMap::new();
    std::fs::create_dir_all(&opts.out)
        .with_context(|| format!("creating output folder {}", opts.out.display()))?;

    // The scoring phrase automaton (a DFA, ~6 ms to build) is built beside ingest and cleaning
    // instead of at the start of scoring, where both cores wait for it.
    let (ingested, mut cleaned) = std::thread::scope(|s| {
        s.spawn(|| lex.phrases.prepare());
        let t = Instant::now();
        let mut ingested = ingest::read_paths(&opts.inputs, &opts.ingest)?;
        timings.insert("ingest".to_string(), ms(t));

        let t = Instant::now();
        let articles = std::mem::take(&mut ingested.articles);
        let cleaned = clean::clean_corpus(articles, lex, &opts.clean);
        timings.insert("clean".to_string(), ms(t));
        Ok::<_, anyhow::Error>((ingested, cleaned))
    })?;

    let t = Instant::now();
    // Longest texts first, so the last jobs of the pool are short ones and neither thread
    // waits long for the other at the end (in input order, a long article scored last left a
    // core idle); the scores go back to input order. One attribution extractor per rayon job:
    // its cache of source-phrase readings only saves work, the scores are the same whatever
    // the split and the order.
    let mut order: Vec<usize> = (0..cleaned.articles.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(cleaned.articles[i].article.text.len()));
    let mut by_length: Vec<(usize, ScoredArticle)> = order
        .par_iter()
        .map_init(
            || crate::score::attribution::Extractor::new(&lex.attribution),
            |ex, &i| {
                let c = &cleaned.articles[i];
                (i, score::score_article_with(c, lex, &opts.score, ex))
            },
        )
        .collect();
    by_length.sort_unstable_by_key(|(i, _)| *i);
    let mut scored: Vec<ScoredArticle> = by_length.into_iter().map(|(_, s)| s).collect();
    // "Zelenskyy" in an article that never gives the first name is the corpus's one
    // "Volodymyr Zelenskyy" (see the codebook, `speaker`).
    crate::score::attribution::corpus::unify_surnames(
        scored.iter_mut().map(|s| &mut s.attributions),
        &lex.attribution.given_names,
    );
    timings.insert("score".to_string(), ms(t));

    let t = Instant::now();
    let tables = crate::tables::build(&cleaned.articles, &scored)?;
    let build_ms = ms(t);

    let counts = Counts {
        input_records: ingested.input_records,
        scored: scored.len() as u64,
        rejected: ingested.rejects.len() as u64,
        duplicates: cleaned.duplicates.len() as u64,
    };
    ensure!(
        counts.input_records == counts.scored + counts.rejected + counts.duplicates,
        "record accounting failed: {} input records but {} scored + {} rejected + {} duplicates",
        counts.input_records,
        counts.scored,
        counts.rejected,
        counts.duplicates
    );

    let mut languages = BTreeMap::new();
    let mut outlets = std::collections::BTreeSet::new();
    for c in &cleaned.articles {
        *languages
            .entry(c.language.clone().unwrap_or_else(|| "undetermined".into()))
            .or_insert(0u64) += 1;
        outlets.insert(c.article.outlet.as_str());
    }
    let outlets = outlets.len() as u64;
    let duplicate_kinds = cleaned.duplicate_kinds();
    let syndication_clusters = cleaned.syndication.iter().filter(|r| r.is_original).count() as u64;

    // Aggregation and rendering read the scored tables in memory, never their files, so the
    // scored tables (and `rejects.jsonl`, `duplicates.jsonl`) are written while the summary
    // tables, charts and reports are made: each of these steps alone leaves a core idle for
    // much of its time. The articles and scores, no longer needed, are freed on the side
    // too instead of at the end. Errors are reported in the order of the steps: scored tables,
    // the two JSON-lines files, then aggregation and rendering.
    let articles = std::mem::take(&mut cleaned.articles);
    let ((written, jsonl), rendered) = rayon::join(
        || {
            rayon::join(
                || {
                    let t = Instant::now();
                    let r = tables
                        .write_with_syndication(&cleaned.syndication, &opts.out.join("tables"));
                    (r, ms(t))
                },
                || -> Result<()> {
                    write_jsonl(&opts.out.join("rejects.jsonl"), &ingested.rejects)?;
                    write_jsonl(&opts.out.join("duplicates.jsonl"), &cleaned.duplicates)?;
                    drop(scored);
                    drop(articles);
                    Ok(())
                },
            )
        },
        || {
            let t = Instant::now();
            let r = aggregate_and_render(
                &tables,
                &opts.aggregate,
                &opts.out,
                &counts,
                &ingested.files,
            );
            (r, ms(t))
        },
    );
    let (written, write_ms) = written;
    written?;
    timings.insert("tables".to_string(), build_ms + write_ms);
    jsonl?;
    let (outputs, render_ms) = rendered;
    let outputs = outputs?;
    timings.insert("aggregate_render".to_string(), render_ms);

    timings.insert("total".to_string(), ms(total));
    let manifest = Manifest {
        slant_version: env!("CARGO_PKG_VERSION").to_string(),
        counts,
        duplicate_kinds,
        syndication_clusters,
        date_warnings: ingested.date_warnings,
        inputs: ingested.files,
        lexicons: lex.source.read_log(),
        lexicon_override: lex.source.override_dir().map(|p| p.display().to_string()),
        options: ManifestOptions {
            score: opts.score,
            aggregate: opts.aggregate,
            clean: opts.clean.clone(),
            date_order: opts.ingest.date_order,
            column_map: opts.ingest.column_map.overrides.clone(),
        },
        outlets,
        languages,
        timings_ms: timings,
        threads: rayon::current_num_threads(),
        outputs: outputs
            .iter()
            .map(|p| p.strip_prefix(&opts.out).unwrap_or(p).display().to_string())
            .collect(),
    };
    let mpath = opts.out.join("manifest.json");
    std::fs::write(&mpath, serde_json::to_string_pretty(&manifest)? + "\n")
        .with_context(|| format!("writing {}", mpath.display()))?;
    Ok(RunOutcome {
        manifest,
        report: opts.out.join("report.html"),
    })
}

/// Aggregation and rendering from scored tables only (the seam later issues build on).
pub fn aggregate_and_render(
    tables: &ScoredTables,
    opts: &AggregateOptions,
    out: &Path,
    counts: &Counts,
    inputs: &[InputFile],
) -> Result<Vec<PathBuf>> {
    let agg = aggregate::aggregate(tables, opts)?;
    let facts = RunFacts {
        input_records: counts.input_records,
        scored: counts.scored,
        rejected: counts.rejected,
        duplicates: counts.duplicates,
        inputs: inputs.iter().map(|f| f.path.clone()).collect(),
        version: env!("CARGO_PKG_VERSION").to_string(),
    };
    render::render(tables, &agg, &facts, out)
}
