//! Sentence and paragraph boundaries over whitespace tokens.
//!
//! Rules, in order (boundaries only ever fall between tokens):
//! 1. A line break starts a new paragraph, unless it looks like a hard wrap: the line before does
//!    not end in sentence punctuation and the next line starts in lower case.
//! 2. Inside a paragraph, a token ending in `.`, `!`, `?` or `…` (optionally followed by closing
//!    quotes or brackets, or followed by a token made only of them, as in French `« Oui. »`) ends
//!    a sentence when the next token starts with an upper-case letter, a digit or an opening
//!    quote/bracket/dash.
//! 3. A period after a known abbreviation (`lexicons/<lang>/abbreviations.txt`, e.g. `Mr.`,
//!    `M.`, `U.S.`) or a single-letter initial (`John F. Kennedy`) does not end a sentence.

use super::{Paragraph, Sentence, Span, TextLexicon, Token, flags};
use crate::text::Lang;

/// Closing quotes and brackets that may follow sentence-final punctuation.
fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '”' | '’' | '»' | '›' | ')' | ']' | '}' | '*'
    )
}

/// Characters that may open a sentence before its first letter.
fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '“'
            | '‘'
            | '«'
            | '‹'
            | '„'
            | '('
            | '['
            | '—'
            | '–'
            | '-'
            | '¿'
            | '¡'
            | '•'
    )
}

fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '。' | '！' | '？')
}

/// How token text ends: the terminal punctuation found after stripping closers, if any.
fn terminal_of(chunk: &str) -> Option<char> {
    let trimmed = chunk.trim_end_matches(is_closer);
    trimmed.chars().last().filter(|&c| is_terminal(c))
}

fn starts_sentence(chunk: &str) -> bool {
    let rest = chunk.trim_start_matches(is_opener);
    match rest.chars().next() {
        None => !chunk.is_empty(), // a lone opener such as « or —
        Some(c) => !c.is_lowercase(),
    }
}

fn only_closers(chunk: &str) -> bool {
    !chunk.is_empty() && chunk.chars().all(is_closer)
}

/// True when the period ending `chunk` belongs to an abbreviation or an initial.
fn is_abbreviation_period(
    chunk: &str,
    lower: &str,
    next: &str,
    lang: Option<Lang>,
    lex: &TextLexicon,
) -> bool {
    let core = chunk.trim_end_matches(is_closer);
    if !core.ends_with('.') || core.ends_with("..") {
        return false;
    }
    let word = core.trim_end_matches('.').trim_start_matches(is_opener);
    let mut chars = word.chars();
    // Single-letter initial: "F." (upper case only, so "a." in a list still breaks).
    if let (Some(c), None) = (chars.next(), chars.next())
        && c.is_uppercase()
    {
        return true;
    }
    let lw = lower
        .trim_end_matches(is_closer)
        .trim_end_matches('.')
        .trim_start_matches(is_opener);
    let before_number = next
        .trim_start_matches(is_opener)
        .starts_with(|c: char| c.is_ascii_digit());
    lex.is_abbreviation(lang, lw, before_number)
}

/// Computes sentences and paragraphs for `tokens` of `text` into `sentences` and `paragraphs`
/// (cleared first; passed in so a caller analysing many short texts reuses their memory).
pub(super) fn split_into(
    text: &str,
    tokens: &[Token],
    lower: &str,
    lang: Option<Lang>,
    lex: &TextLexicon,
    sentences: &mut Vec<Sentence>,
    paragraphs: &mut Vec<Paragraph>,
) {
    sentences.clear();
    paragraphs.clear();
    sentences.reserve(tokens.len() / 12 + 1);
    if tokens.is_empty() {
        return;
    }
    let chunk = |i: usize| &text[tokens[i].span.range()];
    let bytes = text.as_bytes();
    let mut sent_start = 0usize;
    let mut para_first_sentence = 0usize;
    let mut para_start_tok = 0usize;

    let close_sentence = |sentences: &mut Vec<Sentence>, from: usize, to: usize, para: usize| {
        sentences.push(Sentence {
            span: Span {
                start: tokens[from].span.start,
                end: tokens[to - 1].span.end,
            },
            tokens: (from as u32, to as u32),
            paragraph: para as u32,
        });
    };

    for i in 0..tokens.len() {
        let next = i + 1;
        if next == tokens.len() {
            break;
        }
        let nt = &tokens[next];
        let line_break = nt.flags & (flags::PARA_START | flags::LINE_START) != 0;
        // Fast reject (most tokens): a chunk ending in an ASCII letter or digit has no terminal
        // punctuation and is not a token of closers, so only a line break can end it. Read as
        // the byte before the token's end (tokens are never empty): slicing the text checks
        // char boundaries, which showed in the profile.
        if !line_break && bytes[tokens[i].span.end as usize - 1].is_ascii_alphanumeric() {
            continue;
        }
        let t = chunk(i);
        let n = chunk(next);
        let mut para_break = false;
        let mut sent_break = false;
        if line_break {
            let hard_wrap = nt.has(flags::LINE_START)
                && terminal_of(t).is_none()
                && !t.ends_with(':')
                && n.chars().next().is_some_and(|c| c.is_lowercase());
            if !hard_wrap {
                para_break = true;
                sent_break = true;
            }
        }
        if !sent_break && !only_closers(n) {
            // Does token i end a sentence?
            let term = terminal_of(t).or_else(|| {
                // A token of closers after a terminal token: `Oui. »`
                if only_closers(t) && i > 0 {
                    terminal_of(chunk(i - 1))
                } else {
                    None
                }
            });
            if let Some(c) = term
                && starts_sentence(n)
            {
                let tl = &lower[tokens[i].lower.range()];
                let abbrev =
                    c == '.' && !only_closers(t) && is_abbreviation_period(t, tl, n, lang, lex);
                if !abbrev {
                    sent_break = true;
                }
            }
        }
        if sent_break {
            close_sentence(sentences, sent_start, next, paragraphs.len());
            sent_start = next;
        }
        if para_break {
            paragraphs.push(Paragraph {
                span: Span {
                    start: tokens[para_start_tok].span.start,
                    end: tokens[i].span.end,
                },
                sentences: (para_first_sentence as u32, sentences.len() as u32),
            });
            para_first_sentence = sentences.len();
            para_start_tok = next;
        }
    }
    close_sentence(sentences, sent_start, tokens.len(), paragraphs.len());
    paragraphs.push(Paragraph {
        span: Span {
            start: tokens[para_start_tok].span.start,
            end: tokens[tokens.len() - 1].span.end,
        },
        sentences: (para_first_sentence as u32, sentences.len() as u32),
    });
}

#[cfg(test)]
mod tests {
    use crate::lexicon::LexiconSource;
    use crate::text::{Lang, TextLexicon, analyze};

    fn sents(text: &str, lang: Option<Lang>) -> Vec<String> {
        let lex = TextLexicon::load(&LexiconSource::built_in()).unwrap();
        let a = analyze(text, lang, &lex);
        (0..a.sentences.len())
            .map(|i| a.sentence_text(i).to_string())
            .collect()
    }

    #[test]
    fn splits_on_terminal_punctuation_before_capitals() {
        assert_eq!(
            sents(
                "Mr. Smith went to Washington. He said so! Did he? yes.",
                Some(Lang::EN)
            ),
            vec![
                "Mr. Smith went to Washington.",
                "He said so!",
                "Did he? yes."
            ]
        );
    }

    #[test]
    fn keeps_closing_quotes_with_their_sentence() {
        assert_eq!(
            sents(
                "“We will win.” The crowd cheered. « Oui. » Puis rien.",
                Some(Lang::FR)
            ),
            vec![
                "“We will win.”",
                "The crowd cheered.",
                "« Oui. »",
                "Puis rien."
            ]
        );
    }

    #[test]
    fn quote_then_lowercase_cue_is_one_sentence() {
        assert_eq!(
            sents("\"Stop!\" he said. John F. Kennedy spoke.", Some(Lang::EN)),
            vec!["\"Stop!\" he said.", "John F. Kennedy spoke."]
        );
    }

    #[test]
    fn french_abbreviation_m_does_not_split() {
        assert_eq!(
            sents("Selon M. Macron, tout va bien. Vraiment ?", Some(Lang::FR)),
            vec!["Selon M. Macron, tout va bien.", "Vraiment ?"]
        );
    }

    #[test]
    fn no_is_an_abbreviation_only_before_a_number() {
        assert_eq!(
            sents(
                "He lives at No. 10 Downing Street. Asked, he said no. USA said yes.",
                None
            ),
            vec![
                "He lives at No. 10 Downing Street.",
                "Asked, he said no.",
                "USA said yes."
            ]
        );
    }

    #[test]
    fn line_breaks_make_paragraphs_but_hard_wraps_do_not() {
        let lex = TextLexicon::load(&LexiconSource::built_in()).unwrap();
        let a = analyze(
            "Headline here\n\nFirst line of a\nwrapped paragraph.\nNext para",
            None,
            &lex,
        );
        let paras: Vec<&str> = a.paragraphs.iter().map(|p| a.slice(p.span)).collect();
        assert_eq!(
            paras,
            vec![
                "Headline here",
                "First line of a\nwrapped paragraph.",
                "Next para"
            ]
        );
        assert_eq!(a.sentences.len(), 3);
        assert_eq!(a.sentences[2].paragraph, 2);
    }
}
