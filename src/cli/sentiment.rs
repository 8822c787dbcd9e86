//! `slant sentiment`: one text per input line → one JSON object per line, same order.
//!
//! Contract (scripts depend on it): output `{"neg","neu","pos","compound","lang"}` per line. An
//! empty line scores as VADER scores an empty text (`neu` 1.0, the rest 0). A line that is not
//! valid UTF-8 gives `{"error": "...", "line": N}` and the rest continues. A line in a language
//! without an engine gives null scores with a `reason`, never English scores on foreign text.

use std::io::{BufRead, Write};
use std::path::PathBuf;

use anyhow::{Context, Result};
use serde_json::json;

use super::Cli;
use crate::score::sentiment::EngineChoice;
use crate::text::{AnalysisBuffers, Lang, analyze, analyze_with};

/// Score the sentiment of one text per line (VADER-style neg/neu/pos/compound).
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Language of the texts: en, fr, or auto (detect per line).
    #[arg(long, default_value = "auto", value_name = "en|fr|auto")]
    pub lang: String,

    /// Engine: `default` (best for news in the language) or `vader` (vaderSentiment 3.3.2
    /// exactly, English only).
    #[arg(long, value_enum, default_value_t = EngineChoice::Default)]
    pub engine: EngineChoice,

    /// Input file, or - for standard input (the default).
    #[arg(value_name = "FILE|-", default_value = "-")]
    pub input: PathBuf,

    /// Tone toward targets instead of sentence sentiment: input lines
    /// `{"text": "...", "targets": [{"from": i, "to": j}]}` (Unicode scalar offsets, end
    /// exclusive), output lines `{"targets": [{"from", "to", "polarity": -1|0|1, "score"}]}`.
    #[arg(long)]
    pub targets: bool,
}

/// Opens `path` for line reading; `-` is standard input.
pub fn open_input(path: &std::path::Path) -> Result<Box<dyn BufRead>> {
    if path.as_os_str() == "-" {
        Ok(Box::new(std::io::BufReader::new(std::io::stdin())))
    } else {
        let f = std::fs::File::open(path)
            .with_context(|| format!("cannot open input {}", path.display()))?;
        Ok(Box::new(std::io::BufReader::new(f)))
    }
}

/// Parses `--lang`: `auto` → None (detect), else a language code.
pub fn parse_lang_arg(s: &str) -> Result<Option<Lang>> {
    if s.eq_ignore_ascii_case("auto") {
        return Ok(None);
    }
    Lang::parse(s).map(Some).ok_or_else(|| {
        anyhow::anyhow!("--lang {s:?}: expected en, fr, another language code, or auto")
    })
}

/// Reads `path` (`-` = standard input) line by line and writes, for each line, the JSON value
/// `per_line` makes of its 1-based number and bytes (line ending dropped), in input order. Both
/// modes of `slant sentiment` share it, so they split lines and report line numbers alike.
fn map_lines(
    path: &std::path::Path,
    mut per_line: impl FnMut(u64, &[u8]) -> serde_json::Value,
) -> Result<()> {
    let mut input = open_input(path)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut buf = Vec::new();
    let mut n = 0u64;
    loop {
        buf.clear();
        let read = input
            .read_until(b'\n', &mut buf)
            .with_context(|| format!("reading {}", path.display()))?;
        if read == 0 {
            break;
        }
        n += 1;
        if buf.last() == Some(&b'\n') {
            buf.pop();
            if buf.last() == Some(&b'\r') {
                buf.pop();
            }
        }
        writeln!(out, "{}", per_line(n, &buf))?;
    }
    out.flush()?;
    Ok(())
}

pub fn run(cli: &Cli, args: &Args) -> Result<()> {
    if args.targets {
        return run_targets(cli, args);
    }
    let lex = super::load_lexicons(cli.lexicons.as_ref())?;
    let fixed = parse_lang_arg(&args.lang)?;
    let supported = lex.sentiment.languages();
    // One text per line, often short: the analysis memory is reused from line to line.
    let mut bufs = AnalysisBuffers::default();
    map_lines(&args.input, |n, buf| {
        let line = match std::str::from_utf8(buf) {
            Ok(l) => l,
            Err(e) => {
                return json!({"error": format!("line is not valid UTF-8 (byte {})", e.valid_up_to()), "line": n});
            }
        };
        // An empty line has no language to detect: it scores as VADER scores an empty text,
        // whatever the engine (the contract), with `lang` null when none was given.
        if fixed.is_none() && line.trim().is_empty() {
            return json!({"neg": 0.0, "neu": 1.0, "pos": 0.0, "compound": 0.0, "lang": null});
        }
        let lang = fixed.or_else(|| crate::score::sentiment::detect_for_scoring(line, &supported));
        let a = analyze_with(line, lang, &lex.text, &mut bufs);
        let out = match lex.sentiment.engine(lang, args.engine) {
            Ok(engine) => {
                let p = engine.score_tokens(&a, 0..a.tokens.len());
                json!({"neg": p.neg, "neu": p.neu, "pos": p.pos, "compound": p.compound,
                       "lang": lang.map(|l| l.code().to_string())})
            }
            Err(reason) => json!({"neg": null, "neu": null, "pos": null, "compound": null,
                                   "lang": lang.map(|l| l.code().to_string()),
                                   "reason": reason.to_string()}),
        };
        a.recycle(&mut bufs);
        out
    })
}

/// `slant sentiment --targets`: tone toward each target span of each input line.
///
/// Each output line has `targets` (same order as the input's) and `method`: `target` when the
/// language has a target model, `sentence` when the tone is the compound of the sentence holding
/// the target (languages without a target model), or null scores with a `reason` when the
/// language has no sentiment engine at all. A line that is not valid UTF-8, not a JSON object
/// with `text` and `targets`, or has an offset out of range gives `{"error", "line"}`.
fn run_targets(cli: &Cli, args: &Args) -> Result<()> {
    let lex = super::load_lexicons(cli.lexicons.as_ref())?;
    let fixed = parse_lang_arg(&args.lang)?;
    // Languages with a target model or a sentence engine: detection picks among them.
    let mut supported = lex.sentiment.languages();
    supported.extend(lex.targets.languages());
    supported.sort();
    supported.dedup();
    map_lines(&args.input, |n, buf| {
        match score_targets_line(buf, fixed, &supported, lex, args.engine) {
            Ok(v) => v,
            Err(reason) => json!({"error": reason, "line": n}),
        }
    })
}

/// One `--targets` input line to its output object, or the reason it cannot be scored.
fn score_targets_line(
    bytes: &[u8],
    fixed: Option<Lang>,
    supported: &[Lang],
    lex: &crate::lexicon::Lexicons,
    engine: EngineChoice,
) -> std::result::Result<serde_json::Value, String> {
    use crate::score::targets::char_range_to_span;
    let line = std::str::from_utf8(bytes)
        .map_err(|e| format!("line is not valid UTF-8 (byte {})", e.valid_up_to()))?;
    let v: serde_json::Value =
        serde_json::from_str(line).map_err(|e| format!("invalid JSON: {e}"))?;
    let text = v["text"]
        .as_str()
        .ok_or("expected an object with a string \"text\"")?;
    let targets = v["targets"]
        .as_array()
        .ok_or("expected an array \"targets\" of {\"from\": i, \"to\": j}")?;
    let n_chars = text.chars().count();
    let mut spans = Vec::with_capacity(targets.len());
    let mut ranges = Vec::with_capacity(targets.len());
    for (k, t) in targets.iter().enumerate() {
        let (Some(from), Some(to)) = (t["from"].as_u64(), t["to"].as_u64()) else {
            return Err(format!(
                "target {k}: \"from\" and \"to\" must be non-negative integers"
            ));
        };
        let span = char_range_to_span(text, from as usize, to as usize).ok_or_else(|| {
            format!(
                "target {k}: offsets {from}..{to} out of range (text has {n_chars} characters, end exclusive, from <= to)"
            )
        })?;
        spans.push(span);
        ranges.push((from, to));
    }
    let lang = fixed.or_else(|| crate::score::sentiment::detect_for_scoring(text, supported));
    let a = analyze(text, lang, &lex.text);
    let lang_code = lang.map(|l| l.code().to_string());
    let sentence_engine = lex.sentiment.engine(lang, engine);
    if let Some(model) = lex.targets.model(lang) {
        let tones = model.score_spans(&a, &spans, &lex.sentiment);
        let items: Vec<serde_json::Value> = ranges
            .iter()
            .zip(&tones)
            .map(|(&(from, to), t)| {
                json!({"from": from, "to": to, "polarity": t.polarity, "score": round4(t.score)})
            })
            .collect();
        return Ok(json!({"targets": items, "lang": lang_code, "method": "target"}));
    }
    match sentence_engine {
        Ok(e) => {
            // Each sentence holding a target is scored once, however many targets it holds.
            let mut scored: Vec<(usize, f64)> = Vec::new();
            let items: Vec<serde_json::Value> = ranges
                .iter()
                .zip(&spans)
                .map(|(&(from, to), s)| {
                    let c = a
                        .sentence_at(s.start as usize)
                        .map(|i| match scored.iter().find(|(si, _)| *si == i) {
                            Some(&(_, c)) => c,
                            None => {
                                let c = e.score_tokens(&a, a.sentences[i].token_range()).compound;
                                scored.push((i, c));
                                c
                            }
                        })
                        .unwrap_or(0.0);
                    let p = crate::score::sentiment::class_3(c);
                    json!({"from": from, "to": to, "polarity": p, "score": round4(c)})
                })
                .collect();
            Ok(json!({"targets": items, "lang": lang_code, "method": "sentence"}))
        }
        Err(reason) => {
            let items: Vec<serde_json::Value> = ranges
                .iter()
                .map(|&(from, to)| json!({"from": from, "to": to, "polarity": null, "score": null}))
                .collect();
            Ok(json!({"targets": items, "lang": lang_code, "reason": reason.to_string()}))
        }
    }
}

/// Scores are printed to 4 decimals: enough for any use, and stable across platforms' last-bit
/// floating-point differences.
fn round4(x: f64) -> f64 {
    (x * 1e4).round() / 1e4
}
