//! Content of reported speech and "according to" constructions: which words of the sentence
//! were said, once the source and the cue are known.

use super::Ctx;
use super::lexicon::{Phrases, cat};
use crate::text::Span;

/// Trims trailing sentence punctuation and white space from `text[s..e]`.
fn trim_end(text: &str, s: usize, mut e: usize) -> usize {
    while e > s {
        let c = text[..e].chars().next_back().unwrap_or(' ');
        if c.is_whitespace() || matches!(c, ',' | ';' | ':' | '.' | '—' | '–' | '-') {
            e -= c.len_utf8();
        } else {
            break;
        }
    }
    e
}

/// The content that follows a cue, from token `from` up to token `to` (inclusive): skips a
/// complementiser (`that`, `que`, the `qu'` of `qu'il`), an addressee (`told reporters`) and a
/// time phrase before `that` (`said on Thursday that`). `None` when nothing is left.
pub fn after(ctx: &Ctx, from: usize, to: usize, skip_addressee: bool) -> Option<Span> {
    if from > to {
        return None;
    }
    let mut i = from;
    // Look a few tokens ahead, over an addressee or a time phrase, for a complementiser. A
    // phrase of place or occasion may hold any words up to a quote or punctuation ("said at
    // a news conference that", "a déclaré lors d'une conférence de presse que").
    let venue = ctx.word(from) & (cat::VENUE | cat::DET) == cat::VENUE;
    let reach = if venue { 15 } else { 10 };
    let mut k = from;
    while k <= to && k < from + reach {
        let w = ctx.word(k);
        // ("in that position": after a preposition "that" is a determiner.)
        let determiner = venue && k > from && ctx.word(k - 1) & (cat::VENUE | cat::NP) != 0;
        if (w & cat::THAT != 0 && !determiner) || ctx.key(k).starts_with("qu'") {
            i = k;
            break;
        }
        let filler = venue
            || w & (cat::TIME | cat::ADDRESSEE | cat::DET | cat::NP) != 0
            || (skip_addressee && ctx.capitalised(k));
        if !filler || ctx.trailing_punct(k) || venue && (ctx.in_quote(k) || ctx.key(k).is_empty()) {
            break;
        }
        k += 1;
    }
    let hearer = skip_addressee && from > 0 && ctx.word(from - 1) & cat::HEARER != 0;
    if skip_addressee && i == from {
        // "told reporters", "told the crowd": skip a known addressee.
        if let Some((len, _)) = super::cues::match_phrase(ctx, Phrases::WordPhrases, i)
            .filter(|(_, p)| p & cat::ADDRESSEE != 0)
        {
            i += len;
        } else if ctx.word(i) & cat::ADDRESSEE != 0 && (hearer || ctx.word(i) & cat::POSS == 0) {
            // ("She said her campaign was strong": after a verb that names no hearer, "her"
            // is a possessive, part of the content.)
            i += 1;
        } else if hearer {
            // "The plan includes a new unit, Ana Ruiz told a Senate committee Tuesday.",
            // "…, he told his closest aide.": after a verb of telling, a phrase of who was
            // told that ends the clause leaves no content after the verb (the clause before
            // is it). Where words follow it ("told the Daily Ledger he had …", "told her
            // not to worry") they stay in the content, hearer included, as PolNeAR marks it.
            // The phrase names a person or a body: a capitalised word or a title in it ("told
            // a joke", "tells a different story" are what was told); not in a title-case
            // headline ("Maher Tells Guest …").
            let h = hearer_end(ctx, i, to);
            let named = (i..h).any(|t| {
                ctx.capitalised(t) || super::cues::match_phrase(ctx, Phrases::Titles, t).is_some()
            });
            let mut end = h;
            while end <= to && ctx.word(end) & (cat::TIME | cat::DET) == cat::TIME {
                end += 1;
            }
            if h > i && end > to && named && !ctx.capitalised(from - 1) {
                return None;
            }
        }
    }
    // Skip a leading time phrase ending the clause ("said on Thursday.").
    if i > to {
        return None;
    }
    let mut start = ctx.a.tokens[i].span.start as usize;
    let key = ctx.key(i);
    if ctx.word(i) & cat::THAT != 0 {
        i += 1;
        if i > to {
            return None;
        }
        start = ctx.a.tokens[i].span.start as usize;
    } else if let Some(rest) = key.strip_prefix("qu'").filter(|r| !r.is_empty()) {
        let t = ctx.a.tokens[i].core;
        start = t.end as usize - rest.len();
    }
    // Leading punctuation of the first token (",", ":") is not content.
    let text = ctx.a.text;
    while start < text.len() {
        let c = text[start..].chars().next().unwrap_or('a');
        if matches!(c, ',' | ':' | ';' | '—' | '–') || c.is_whitespace() {
            start += c.len_utf8();
        } else {
            break;
        }
    }
    let end = trim_end(text, start, ctx.a.tokens[to].span.end as usize);
    if end <= start {
        return None;
    }
    // Content made only of time/addressee words is no content ("he said on Thursday"), nor is
    // a name right after a verb of telling ("…, Tad Devine, told The Huffington Post."): it
    // names who was told.
    let first = ctx.a.token_at(start);
    let all_filler = (first..=to).all(|t| {
        ctx.key(t).is_empty()
            || ctx.word(t) & (cat::TIME | cat::ADDRESSEE | cat::DET | cat::NP) != 0
            || hearer && ctx.capitalised(t)
    });
    if all_filler {
        return None;
    }
    Some(Span::new(start, end))
}

/// The token after the phrase naming who was told, which starts at token `from` (at most eight
/// tokens up to `to`): a determiner or possessive and the words after it, or a run of
/// capitalised words (object pronouns are `addressee` words, skipped by the caller); it ends
/// before a pronoun, another determiner, "that", a time word, a quote or after punctuation.
/// `from` when no such phrase starts there.
fn hearer_end(ctx: &Ctx, from: usize, to: usize) -> usize {
    let w = ctx.word(from);
    if ctx.in_quote(from) || w & cat::THAT != 0 {
        return from;
    }
    if w & (cat::DET | cat::POSS) == 0 && !ctx.capitalised(from) {
        return from;
    }
    let mut k = from;
    while k <= to && k < from + 8 {
        let w = ctx.word(k);
        let stop = k > from
            && (w & (cat::PRON | cat::DET | cat::THAT | cat::TIME | cat::REL) != 0
                || ctx.in_quote(k)
                || ctx.key(k).is_empty());
        if stop {
            break;
        }
        k += 1;
        if ctx.trailing_punct(k - 1) {
            break;
        }
    }
    k
}

/// The content before a cue: from token `from` to token `to` inclusive, trailing comma removed
/// (`The plan will fail, he said.`).
pub fn before(ctx: &Ctx, from: usize, to: usize) -> Option<Span> {
    if from > to {
        return None;
    }
    let text = ctx.a.text;
    let mut start = ctx.a.tokens[from].span.start as usize;
    while start < text.len() {
        let c = text[start..].chars().next().unwrap_or('a');
        if matches!(c, '—' | '–' | '-' | '•') || c.is_whitespace() {
            start += c.len_utf8();
        } else {
            break;
        }
    }
    let end = trim_end(text, start, ctx.a.tokens[to].span.end as usize);
    (end > start).then(|| Span::new(start, end))
}
