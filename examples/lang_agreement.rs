//! Language-detection agreement with known languages, and its cost.
//!
//! For every text whose language is known — the articles of `data/articles.jsonl` (their
//! `language` field), the French review and tweet sets of `../shared/eval/french-reviews/`, VADER's
//! English sets in `../shared/eval/vader/`, the PolNeAR texts (English) and the short foreign
//! lines of `tests/fixtures/sentiment_fr/foreign.tsv` — runs `lang::detect_supported` (the fast
//! path with its whatlang fallback) and `lang::detect_supported_whatlang` (whatlang alone, the
//! previous detector) among en and fr, and prints per set the texts, the agreement of each with
//! the known language ("other" for the foreign lines: anything but en/fr is right), the texts
//! the two disagree on, and each detector's CPU time per text. Sets that are absent are skipped
//! with a message. Figures are recorded in BENCHMARKS.md ("Language detection").
//!
//! `cargo run --release --example lang_agreement` (add `-- -v` to print every miss).

use std::path::{Path, PathBuf};
use std::time::Instant;

use slant::text::{Lang, lang};

struct Set {
    name: String,
    /// Known language; `None` means "not en or fr".
    want: Option<Lang>,
    texts: Vec<String>,
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &Path) -> Option<String> {
    match std::fs::read_to_string(path) {
        Ok(s) => Some(s),
        Err(_) => {
            eprintln!("skipped: {} not found", path.display());
            None
        }
    }
}

fn tsv_column(path: &Path, col: usize) -> Vec<String> {
    read(path)
        .map(|s| {
            s.lines()
                .filter_map(|l| l.split('\t').nth(col).map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

fn sets() -> Vec<Set> {
    let mut out = Vec::new();
    if let Some(s) = read(&root().join("data/articles.jsonl")) {
        for (code, want) in [("en", Lang::EN), ("fr", Lang::FR)] {
            let texts = s
                .lines()
                .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
                .filter(|v| v["language"].as_str() == Some(code))
                .filter_map(|v| v["text"].as_str().map(str::to_string))
                .collect();
            out.push(Set {
                name: format!("articles ({code})"),
                want: Some(want),
                texts,
            });
        }
    }
    let eval = root().join("../shared/eval");
    for f in [
        "allocine-films.tsv",
        "allocine-series-lowercased.tsv",
        "allocine-stars-graded.tsv",
        "tweets-deft2017-3class.tsv",
    ] {
        out.push(Set {
            name: format!("french-reviews/{f}"),
            want: Some(Lang::FR),
            texts: tsv_column(&eval.join("french-reviews").join(f), 1),
        });
    }
    for f in [
        "tweets_GroundTruth.tsv",
        "nytEditorialSnippets_GroundTruth.tsv",
        "movieReviewSnippets_GroundTruth.tsv",
        "amazonReviewSnippets_GroundTruth.tsv",
    ] {
        out.push(Set {
            name: format!("vader/{f}"),
            want: Some(Lang::EN),
            texts: tsv_column(&eval.join("vader").join(f), 2),
        });
    }
    let mut polnear = Vec::new();
    for split in ["train", "dev"] {
        let dir = eval.join("polnear").join(split).join("text");
        let Ok(rd) = std::fs::read_dir(&dir) else {
            eprintln!("skipped: {} not found", dir.display());
            continue;
        };
        let mut paths: Vec<_> = rd.flatten().map(|e| e.path()).collect();
        paths.sort();
        polnear.extend(paths.iter().filter_map(|p| std::fs::read_to_string(p).ok()));
    }
    out.push(Set {
        name: "polnear texts (en)".into(),
        want: Some(Lang::EN),
        texts: polnear,
    });
    out.push(Set {
        name: "fixtures foreign.tsv (not en/fr)".into(),
        want: None,
        texts: tsv_column(&root().join("tests/fixtures/sentiment_fr/foreign.tsv"), 1)
            .into_iter()
            .collect(),
    });
    out.retain(|s| !s.texts.is_empty());
    out
}

fn right(want: Option<Lang>, got: Option<Lang>, supported: &[Lang]) -> bool {
    match want {
        Some(w) => got == Some(w),
        None => got.is_none_or(|g| !supported.contains(&g)),
    }
}

fn main() {
    let verbose = std::env::args().any(|a| a == "-v");
    let supported = [Lang::EN, Lang::FR];
    println!(
        "| set | texts | MB | fast path decides | agree (fast + fallback) | agree (whatlang) | differ | µs/text fast + fallback | µs/text whatlang |"
    );
    println!("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
    let (mut n_all, mut ok_fast_all, mut ok_wl_all) = (0usize, 0usize, 0usize);
    for set in sets() {
        let t0 = Instant::now();
        let fast: Vec<_> = set
            .texts
            .iter()
            .map(|t| lang::detect_supported(t, &supported))
            .collect();
        let fast_us = t0.elapsed().as_secs_f64() * 1e6 / set.texts.len() as f64;
        let t0 = Instant::now();
        let wl: Vec<_> = set
            .texts
            .iter()
            .map(|t| lang::detect_supported_whatlang(t, &supported))
            .collect();
        let wl_us = t0.elapsed().as_secs_f64() * 1e6 / set.texts.len() as f64;
        let ok_fast = fast
            .iter()
            .filter(|g| right(set.want, **g, &supported))
            .count();
        let ok_wl = wl
            .iter()
            .filter(|g| right(set.want, **g, &supported))
            .count();
        let decided = set
            .texts
            .iter()
            .filter(|t| lang::detect_fast(t, &supported).is_some())
            .count();
        let differ = fast.iter().zip(&wl).filter(|(a, b)| a != b).count();
        let n = set.texts.len();
        let mb = set.texts.iter().map(String::len).sum::<usize>() as f64 / 1e6;
        println!(
            "| {} | {n} | {mb:.2} | {decided} ({:.3}) | {ok_fast} ({:.4}) | {ok_wl} ({:.4}) | {differ} | {fast_us:.1} | {wl_us:.1} |",
            set.name,
            decided as f64 / n as f64,
            ok_fast as f64 / n as f64,
            ok_wl as f64 / n as f64,
        );
        n_all += n;
        ok_fast_all += ok_fast;
        ok_wl_all += ok_wl;
        if verbose {
            for ((t, f), w) in set.texts.iter().zip(&fast).zip(&wl) {
                if !right(set.want, *f, &supported) || f != w {
                    let head: String = t.chars().take(100).collect();
                    eprintln!("{}\tfast={f:?}\twhatlang={w:?}\t{head}", set.name);
                }
            }
        }
    }
    println!(
        "| all | {n_all} | | | {ok_fast_all} ({:.4}) | {ok_wl_all} ({:.4}) | | | |",
        ok_fast_all as f64 / n_all as f64,
        ok_wl_all as f64 / n_all as f64
    );
}
