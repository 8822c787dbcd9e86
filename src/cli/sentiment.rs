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
use crate::text::{Lang, analyze};

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

pub fn run(cli: &Cli, args: &Args) -> Result<()> {
    let lex = super::load_lexicons(cli.lexicons.as_ref())?;
    let fixed = parse_lang_arg(&args.lang)?;
    let supported = lex.sentiment.languages();
    let mut input = open_input(&args.input)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut buf = Vec::new();
    let mut n = 0u64;
    loop {
        buf.clear();
        let read = input
            .read_until(b'\n', &mut buf)
            .with_context(|| format!("reading {}", args.input.display()))?;
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
        let line = match std::str::from_utf8(&buf) {
            Ok(l) => l,
            Err(e) => {
                let v = json!({"error": format!("line is not valid UTF-8 (byte {})", e.valid_up_to()), "line": n});
                writeln!(out, "{v}")?;
                continue;
            }
        };
        let lang = fixed.or_else(|| crate::score::sentiment::detect_for_scoring(line, &supported));
        let a = analyze(line, lang, &lex.text);
        let v = match lex.sentiment.engine(lang, args.engine) {
            Ok(engine) => {
                let p = engine.score_tokens(&a, 0..a.tokens.len());
                json!({"neg": p.neg, "neu": p.neu, "pos": p.pos, "compound": p.compound,
                       "lang": lang.map(|l| l.code().to_string())})
            }
            Err(reason) => json!({"neg": null, "neu": null, "pos": null, "compound": null,
                                   "lang": lang.map(|l| l.code().to_string()),
                                   "reason": reason.to_string()}),
        };
        writeln!(out, "{v}")?;
    }
    out.flush()?;
    Ok(())
}
