//! Direct quotes found by their quotation marks, in one pass over the text.
//!
//! Rules (why each exists):
//! - Mark families: curly `“ ”` (and German `„ “`), straight `"`, guillemets `« »` (French
//!   spacing `« … »` included: the content is trimmed of spaces and no-break spaces), single
//!   guillemets `‹ ›`, and curly single quotes `‘ ’` when `‘` opens a word (so the apostrophe of
//!   `It’s` never closes anything). Straight `'` is never a quote mark: it is an apostrophe far
//!   more often than not.
//! - Only top-level quotes are returned; marks of another family inside a quote are nested
//!   quotes and stay part of the content. Curly quotes nest with themselves (`“… “…” …”`).
//! - A quote never crosses a paragraph break. A quote still open at the end of its paragraph
//!   ends there: either it is a multi-paragraph quote (the news convention: each paragraph
//!   reopens the mark and only the last one closes it), whose paragraphs are then separate
//!   quotes that the extractor attributes one by one (a cue in the last paragraph, "…,” he
//!   added", or the speaker of the first as a floating quote), or it is an unbalanced mark,
//!   which can therefore never swallow more than its paragraph. The scan stays linear.

use crate::text::{Analysis, Span};

/// A top-level quotation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quote {
    /// From the opening mark to the end of the closing mark (or of the paragraph when unclosed).
    pub outer: Span,
    /// Between the marks, without surrounding white space; over several paragraphs it includes
    /// the continuation marks.
    pub content: Span,
    /// True when the content ends with a comma (`“…,” she said`) or the closing mark is followed
    /// by one (`« … », a-t-il dit`): a cue is expected right after.
    pub comma_after: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    Curly,
    Straight,
    Guillemet,
    SingleGuillemet,
    CurlySingle,
    /// Two apostrophes used as a double quote (`''…''`, common in wire and NYT archives).
    DoubleApostrophe,
}

/// The double quotation marks of every family (straight, curly, low, guillemets): marks that
/// are never part of a word, unlike apostrophes.
pub const DOUBLE_MARKS: [char; 8] = ['"', '“', '”', '„', '«', '»', '‹', '›'];

/// Unicode whitespace, which already includes the no-break spaces French puts inside « ».
fn is_space(c: char) -> bool {
    c.is_whitespace()
}

/// The family `c` opens, given the characters around it.
fn opens(c: char, prev: Option<char>, next: Option<char>) -> Option<Family> {
    let before_ok = prev.is_none_or(|p| is_space(p) || "([{—–-:/".contains(p));
    match c {
        '“' | '„' => Some(Family::Curly),
        '«' => Some(Family::Guillemet),
        '‹' => Some(Family::SingleGuillemet),
        '"' if before_ok && next.is_some_and(|n| !is_space(n)) => Some(Family::Straight),
        '‘' if before_ok && next.is_some_and(|n| !is_space(n)) => Some(Family::CurlySingle),
        '\'' if before_ok && next == Some('\'') => Some(Family::DoubleApostrophe),
        _ => None,
    }
}

fn closes(f: Family, c: char, next: Option<char>) -> bool {
    match f {
        // German „…“ closes with “; English “…” with ”.
        // Sloppy typography mixes the two ("…” and “…"): either closes either.
        Family::Curly => c == '”' || c == '"' && !next.is_some_and(|n| n.is_alphanumeric()),
        Family::Straight => c == '"' || c == '”',
        Family::Guillemet => c == '»',
        Family::SingleGuillemet => c == '›',
        Family::CurlySingle => c == '’' && !next.is_some_and(|n| n.is_alphanumeric()),
        Family::DoubleApostrophe => c == '\'' && next == Some('\''),
    }
}

/// Trims white space (including no-break spaces) from both ends of `text[s..e]`.
fn trim(text: &str, s: usize, e: usize) -> Span {
    let inner = &text[s..e];
    let lead = inner.len() - inner.trim_start_matches(is_space).len();
    let trail = inner.len() - inner.trim_end_matches(is_space).len();
    if lead + trail >= inner.len() {
        return Span::new(s, s);
    }
    Span::new(s + lead, e - trail)
}

fn make(text: &str, open: usize, open_len: usize, close_start: usize, close_end: usize) -> Quote {
    let mut content = trim(text, open + open_len, close_start);
    let comma_inside = text[content.range()].ends_with(',');
    if comma_inside {
        // “…,” she said: the comma belongs to the sentence, not to what was said.
        content.end -= 1;
    }
    let after = text[close_end..].trim_start_matches(is_space);
    let comma_after = comma_inside || after.starts_with(',');
    Quote {
        outer: Span::new(open, close_end),
        content,
        comma_after,
    }
}

/// All top-level quotes of `a`, in text order.
///
/// Only bytes that can start a mark are visited: `"`, the lead bytes of `“ ” „ ‘ ’ ‹ ›`
/// (U+2018..U+203A, 0xE2) and `« »` (0xC2), found with `memchr3`, and `''` (a lone `'` opens
/// and closes nothing), found with `memmem`; every other byte is skipped without decoding.
pub fn find(a: &Analysis) -> Vec<Quote> {
    let text = a.text;
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    // Open quote: (family, opening byte, opening mark length, nesting depth).
    let mut open: Option<(Family, usize, usize, u32)> = None;
    let mut prev_para_end = 0usize;
    for p in &a.paragraphs {
        let (ps, pe) = (p.span.start as usize, p.span.end as usize);
        if let Some((_, o, olen, _)) = open.take() {
            out.push(make(text, o, olen, prev_para_end, prev_para_end));
        }
        let mut i = ps;
        // Next candidate positions (absolute; `pe` when none), searched again once passed.
        let (mut next_mark, mut next_pair) = (None::<usize>, None::<usize>);
        while i < pe {
            let m = match next_mark {
                Some(m) if m >= i => m,
                _ => memchr::memchr3(b'"', 0xE2, 0xC2, &bytes[i..pe]).map_or(pe, |k| i + k),
            };
            let d = match next_pair {
                Some(d) if d >= i => d,
                _ => memchr::memmem::find(&bytes[i..pe], b"''").map_or(pe, |k| i + k),
            };
            (next_mark, next_pair) = (Some(m), Some(d));
            i = m.min(d);
            if i >= pe {
                break;
            }
            let Some(c) = text[i..pe].chars().next() else {
                break;
            };
            let clen = c.len_utf8();
            let next = text[i + clen..pe].chars().next();
            let prev = text[ps..i].chars().next_back();
            let mut step = clen;
            match open {
                None => {
                    if let Some(f) = opens(c, prev, next) {
                        let len = if f == Family::DoubleApostrophe {
                            2
                        } else {
                            clen
                        };
                        step = len;
                        open = Some((f, i, len, 0));
                    }
                }
                Some((f, o, olen, depth)) => {
                    if closes(f, c, next) {
                        let len = if f == Family::DoubleApostrophe {
                            2
                        } else {
                            clen
                        };
                        step = len;
                        if depth == 0 {
                            out.push(make(text, o, olen, i, i + len));
                            open = None;
                        } else {
                            open = Some((f, o, olen, depth - 1));
                        }
                    } else if f == Family::Curly && (c == '“' || c == '„') {
                        open = Some((f, o, olen, depth + 1));
                    }
                }
            }
            i += step;
        }
        prev_para_end = pe;
    }
    if let Some((_, o, olen, _)) = open {
        out.push(make(text, o, olen, prev_para_end, prev_para_end));
    }
    out.retain(|q| !q.content.is_empty());
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::LexiconSource;
    use crate::text::{TextLexicon, analyze};

    fn contents(t: &str) -> Vec<String> {
        let lex = TextLexicon::load(&LexiconSource::built_in()).unwrap();
        let a = analyze(t, None, &lex);
        find(&a)
            .into_iter()
            .map(|q| t[q.content.range()].to_string())
            .collect()
    }

    #[test]
    fn families_nesting_and_french_spacing() {
        assert_eq!(
            contents("« Je dois dire », a dit Poutine. He said “it’s ‘fine’ “really””."),
            vec!["Je dois dire", "it’s ‘fine’ “really”"]
        );
        assert_eq!(
            contents("\"Straight,\" she said, \"again.\" ''Two'' apostrophes"),
            vec!["Straight", "again.", "Two"]
        );
    }

    #[test]
    fn multi_paragraph_and_unbalanced() {
        let t = "He said: “First part.\n\n“Second part,” he added.\n\nA stray “mark here.\n\nNext paragraph is clean.";
        assert_eq!(
            contents(t),
            vec!["First part.", "Second part", "mark here."]
        );
    }
}
