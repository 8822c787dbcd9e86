//! Prints, for each line of standard input, the words the French engine scored and what each
//! contributed: a debugging aid for lexicon and rule changes.
//!
//! `cargo run --example explain_fr < lines.txt` (built-in lexicons).

use std::io::BufRead;

use slant::lexicon::{LexiconSource, Lexicons};
use slant::score::sentiment::SentimentEngine;
use slant::score::sentiment::french::RulesEngine;
use slant::text::{Lang, analyze};

fn main() {
    let lex = Lexicons::built_in();
    let engine = RulesEngine::load(&LexiconSource::built_in(), "fr").expect("French rules load");
    for line in std::io::stdin().lock().lines() {
        let line = line.expect("UTF-8 input");
        let a = analyze(&line, Some(Lang::FR), &lex.text);
        let p = engine.score_tokens(&a, 0..a.tokens.len());
        let words: Vec<String> = engine
            .explain(&a, 0..a.tokens.len())
            .into_iter()
            .filter(|(_, v)| *v != 0.0)
            .map(|(w, v)| format!("{w}={v:.2}"))
            .collect();
        println!("{:+.4}  {}", p.compound, words.join(" "));
    }
}
