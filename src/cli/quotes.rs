//! `slant quotes`: attributions of each document as JSON lines.
//!
//! Contract (issue 5; scripts depend on it): the input is JSON lines `{"id": "...", "text":
//! "..."}` (optionally `"lang"`, and `"title"`: a title naming the page's author, "Remarks by
//! President Biden …", makes that author a speaker met before the text) or, when its first
//! non-blank character is not `{`, a plain text file read as one document (its `doc_id` is
//! the file name, `-` for standard input). Output: one JSON object per attribution, documents
//! in input order, attributions in text order, with `doc_id`,
//! `kind`, `content`, `source`, `cue` (`{start, end, text}` or null; offsets in Unicode scalar
//! values, end exclusive, into the text as given), `speaker`, `role`, `organization`, `verb`,
//! `connotation`, `source_type`. A JSON line that cannot be used gives `{"error": "...",
//! "line": N}` and the rest continues.

use std::io::{Read, Write};
use std::path::PathBuf;

use anyhow::{Context, Result};
use serde_json::{Value, json};

use super::Cli;
use super::sentiment::{open_input, parse_lang_arg};
use crate::lexicon::AttributionLexicons;
use crate::model::Attribution;
use crate::score::attribution::Extractor;
use crate::text::{CharOffsets, Lang, Span, analyze};

/// Find who is quoted, how, and in whose words.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Language of the documents: en, fr, or auto (detected per document).
    #[arg(long, default_value = "auto", value_name = "en|fr|auto")]
    pub lang: String,
    /// Input: JSON lines {"id", "text"} (optional "lang", "title") or a plain text file (one
    /// document); - for stdin.
    #[arg(value_name = "FILE|-", default_value = "-")]
    pub input: PathBuf,
}

/// The language to use for `text`: the fixed one, else detected among the languages with
/// attribution rules.
pub fn choose_lang(text: &str, fixed: Option<Lang>, lex: &AttributionLexicons) -> Option<Lang> {
    fixed.or_else(|| crate::text::lang::detect_supported(text, lex.attribution.supported()))
}

/// The JSON objects of one document's attributions.
pub fn attributions_json(doc_id: &Value, text: &str, atts: &[Attribution]) -> Vec<Value> {
    let co = CharOffsets::new(text);
    let span = |s: Option<Span>| -> Value {
        match s {
            None => Value::Null,
            Some(s) => json!({
                "start": co.to_char(s.start as usize),
                "end": co.to_char(s.end as usize),
                "text": &text[s.range()],
            }),
        }
    };
    atts.iter()
        .map(|q| {
            json!({
                "doc_id": doc_id,
                "kind": q.kind.as_str(),
                "content": span(Some(q.content)),
                "source": span(q.source),
                "cue": span(q.cue),
                "speaker": q.speaker,
                "role": q.role,
                "organization": q.organization,
                "verb": q.verb,
                "connotation": q.connotation.map(|c| c.as_str()),
                "source_type": q.source_type.as_str(),
            })
        })
        .collect()
}

/// Attributions of one text in `lang` (analysed with the shared text chain), with an
/// extractor of `lex.attribution` kept across the texts of one command (see
/// [`Extractor`]).
pub fn extract_text(
    text: &str,
    lang: Option<Lang>,
    lex: &AttributionLexicons,
    ex: &mut Extractor,
) -> Vec<Attribution> {
    extract_titled_text(text, None, lang, lex, ex)
}

/// [`extract_text`] of a page with a title (see [`Extractor::extract_titled`]).
pub fn extract_titled_text(
    text: &str,
    title: Option<&str>,
    lang: Option<Lang>,
    lex: &AttributionLexicons,
    ex: &mut Extractor,
) -> Vec<Attribution> {
    ex.extract_titled(&analyze(text, lang, &lex.text), title, &lex.text)
}

pub fn run(cli: &Cli, args: &Args) -> Result<()> {
    let lex = super::load_attribution_lexicons(cli.lexicons.as_ref())?;
    let fixed = parse_lang_arg(&args.lang)?;
    let mut input = open_input(&args.input)?;
    let mut all = Vec::new();
    input
        .read_to_end(&mut all)
        .with_context(|| format!("reading {}", args.input.display()))?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let first = all.iter().find(|b| !b.is_ascii_whitespace()).copied();
    if first != Some(b'{') {
        // Plain text: one document.
        let text = String::from_utf8(all)
            .with_context(|| format!("{}: not valid UTF-8", args.input.display()))?;
        let id = Value::String(
            args.input
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| "-".to_string()),
        );
        let lang = choose_lang(&text, fixed, lex);
        for v in attributions_json(
            &id,
            &text,
            &extract_text(&text, lang, lex, &mut Extractor::new(&lex.attribution)),
        ) {
            writeln!(out, "{v}")?;
        }
        out.flush()?;
        return Ok(());
    }
    let mut extractor = Extractor::new(&lex.attribution);
    for (n, line) in all.split(|&b| b == b'\n').enumerate() {
        let n = n + 1;
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.iter().all(|b| b.is_ascii_whitespace()) {
            continue;
        }
        let obj: Value = match std::str::from_utf8(line)
            .map_err(|e| format!("line is not valid UTF-8 (byte {})", e.valid_up_to()))
            .and_then(|l| serde_json::from_str(l).map_err(|e| format!("invalid JSON: {e}")))
        {
            Ok(v) => v,
            Err(e) => {
                writeln!(out, "{}", json!({"error": e, "line": n}))?;
                continue;
            }
        };
        let Some(text) = obj.get("text").and_then(Value::as_str) else {
            writeln!(
                out,
                "{}",
                json!({"error": "missing string field \"text\"", "line": n})
            )?;
            continue;
        };
        let id = match obj.get("id") {
            Some(v @ (Value::String(_) | Value::Number(_))) => v.clone(),
            _ => Value::String(n.to_string()),
        };
        let lang = match obj.get("lang").and_then(Value::as_str) {
            Some(l) if fixed.is_none() => Lang::parse(l).or_else(|| choose_lang(text, None, lex)),
            _ => choose_lang(text, fixed, lex),
        };
        let title = obj.get("title").and_then(Value::as_str);
        let atts = extract_titled_text(text, title, lang, lex, &mut extractor);
        for v in attributions_json(&id, text, &atts) {
            writeln!(out, "{v}")?;
        }
    }
    out.flush()?;
    Ok(())
}
