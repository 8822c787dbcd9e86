//! Sources: the noun phrase before or after a cue, split into name, role and organisation, then
//! resolved within the article (short names to full names, titles to the last holder, pronouns
//! to the most recent compatible speaker).

use super::Ctx;
use super::cues::match_phrase;
use super::lexicon::{LangLexicon, Phrases, SourceList, SourceMatches, VerbClass, cat, key};
use crate::model::SourceType;
use crate::text::Span;
use crate::text::fold::{fold, fold_into};

/// A source noun phrase: tokens `first..=last`, optionally with an apposition or descriptor
/// (`Hugh Hill, a doctor,` → descriptor `a doctor`). For French inversion the source is the
/// pronoun inside the verb token and `span` says where.
#[derive(Debug, Clone, Copy)]
pub struct SourceNp {
    pub first: usize,
    pub last: usize,
    pub descriptor: Option<(usize, usize)>,
    /// Set for pronoun sources: the pronoun's categories.
    pub pronoun: Option<u32>,
    pub span: Span,
    /// For a relative pronoun source ("Smith, who said"): the phrase it stands for.
    pub antecedent: Option<Antecedent>,
}

/// The phrase a relative pronoun source stands for: tokens `first..=last`, and a description
/// of them read from an apposition ("Arnaud Montebourg, le ministre du redressement
/// productif, qui a déclaré").
#[derive(Debug, Clone, Copy)]
pub struct Antecedent {
    pub first: usize,
    pub last: usize,
    pub descriptor: Option<(usize, usize)>,
}

impl SourceNp {
    /// Tokens `first..=last` as a plain phrase: no descriptor, pronoun or antecedent, the
    /// span from the first's core to the last's.
    pub fn phrase(ctx: &Ctx, first: usize, last: usize) -> Self {
        SourceNp {
            first,
            last,
            descriptor: None,
            pronoun: None,
            span: ctx.core_span(first, last),
            antecedent: None,
        }
    }

    /// Token `t`, a pronoun with categories `cats` (its core is the span).
    pub fn pronoun(ctx: &Ctx, t: usize, cats: u32) -> Self {
        SourceNp {
            first: t,
            last: t,
            descriptor: None,
            pronoun: Some(cats),
            span: ctx.a.tokens[t].core,
            antecedent: None,
        }
    }
}

/// Maximum tokens of a source noun phrase: longer runs are clauses, not names.
const MAX_NP: usize = 8;

fn is_np_word(ctx: &Ctx, i: usize) -> bool {
    ctx.word(i) & cat::NP != 0
}

/// True when tokens `s..=e` can be a source: a name, a pronoun, a phrase opened by a determiner
/// or quantifier, a title, an anonymous or document phrase, or a plural noun ("officials").
fn plausible(ctx: &Ctx, s: usize, e: usize) -> bool {
    if s > e {
        return false;
    }
    let w0 = ctx.word(s);
    if w0 & (cat::DET | cat::QUANT | cat::PRON) != 0 && e > s || w0 & (cat::PRON | cat::QUANT) != 0
    {
        return true;
    }
    if (s..=e).any(|i| ctx.capitalised(i) && ctx.word(i) & cat::STOP == 0) {
        return true;
    }
    let text = ctx.a.slice(Span::new(
        ctx.a.tokens[s].span.start as usize,
        ctx.a.tokens[e].span.end as usize,
    ));
    if (s..=e).any(|i| match_phrase(ctx, Phrases::Titles, i).is_some()) {
        return true;
    }
    let found = SourceMatches::find_text(ctx.lex, text);
    if found.any(SourceList::Anonymous)
        || found.any(SourceList::Documents)
        || found.any(SourceList::Organizations)
    {
        return true;
    }
    if is_share(ctx, s, e) {
        return true;
    }
    // A group named by a plural noun: "voters", and after a group word or a number "most
    // voters", "three-quarters of the voters", "52 percent of registered voters".
    // Also after one or two plain words ("frustrated residents", "federal prosecutors").
    is_plural_key(ctx.key(e))
        && (s == e
            || w0 & cat::GROUP != 0
            || is_number(ctx, s)
            || e - s <= 2
                && (s..e).all(|i| ctx.word(i) == 0 && !ctx.key(i).is_empty() && !is_adverb(ctx, i)))
}

/// True for a token that is a number: digits, with thousands separators or a decimal point
/// ("52", "1,200", "4.5").
/// True when tokens `s..=e` are a share of those polled: "47 percent", "42%" (the percent sign
/// is outside the token's core).
pub(crate) fn is_share(ctx: &Ctx, s: usize, e: usize) -> bool {
    let percent = |t: &str| {
        t.strip_suffix('%')
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit() || b == b'.'))
    };
    e == s + 1 && is_number(ctx, s) && matches!(ctx.key(e), "percent" | "%")
        || s == e && percent(ctx.a.token_text(s))
}

fn is_number(ctx: &Ctx, i: usize) -> bool {
    let core = ctx.a.token_core(i).as_bytes();
    core.first().is_some_and(u8::is_ascii_digit)
        && core
            .iter()
            .all(|b| b.is_ascii_digit() || *b == b',' || *b == b'.')
}

/// Scans left from token `j` (inclusive) for a noun phrase that stops at punctuation, clause
/// words, quotes and other cues. Returns the first token.
pub(crate) fn np_left(ctx: &Ctx, j: usize, lo: usize) -> usize {
    let mut k = j;
    while k > lo && j - k + 1 < MAX_NP {
        let p = k - 1;
        // (A semicolon or colon standing alone, as French spaces them, ends it too; a dash
        // alone does not: "11:00 am – Police receive 911 calls" is read whole.)
        if ctx.trailing_punct(p)
            || ctx.in_quote(p)
            || ctx.is_cue(p)
            || matches!(ctx.a.token_text(p), ";" | ":")
        {
            break;
        }
        let w = ctx.word(p);
        if w & (cat::STOP | cat::THAT | cat::REL | cat::PRON) != 0 && w & cat::DET == 0 {
            break;
        }
        k = p;
    }
    // Trim connectors and adverbs left at the start ("and officials" → "officials", "Yet
    // many officials" → "many officials"), and punctuation alone ("- Le rapport", after a
    // dateline).
    while k < j {
        let w = ctx.word(k);
        if w & (cat::NP | cat::SKIP | cat::TIME | cat::OPENER) != 0
            && w & (cat::DET | cat::QUANT) == 0
            || ctx.key(k).is_empty()
        {
            k += 1;
        } else {
            break;
        }
    }
    k
}

/// The source before a cue starting at token `c`: `X said`, `X, a doctor, said`, `he also said`.
pub fn before(ctx: &Ctx, c: usize) -> Option<SourceNp> {
    let lo = ctx.sentence_first(c);
    if c <= lo {
        return None;
    }
    let mut j = c - 1;
    let mut skipped = 0;
    loop {
        let w = ctx.word(j);
        if w & (cat::SKIP | cat::AUX | cat::OPENER) != 0
            && w & cat::PRON == 0
            && !ctx.trailing_punct(j)
            && j > lo
            && skipped < 4
        {
            j -= 1;
            skipped += 1;
        } else if w == 0
            && is_adverb(ctx, j)
            && j > lo
            && ctx.word(j - 1) & (cat::DET | cat::POSS) == 0
            && !ctx.trailing_punct(j)
            && skipped < 4
        {
            // "the package basically says", "the statement clearly indicates": an adverb.
            j -= 1;
            skipped += 1;
        } else if w & cat::CLITIC != 0
            && j > lo
            // ("en" is also a preposition: "en alerte", "en réponse" before a noun that is
            // a verb form; only before an auxiliary is it the clitic.)
            && (j + 1 == c && w & cat::NP == 0 || ctx.word(j + 1) & cat::AUX != 0)
            && !ctx.trailing_punct(j)
            && skipped < 4
        {
            // "Les scientifiques en ont conclu", "il lui a dit": an object clitic right before
            // the verb or its auxiliary is no subject.
            j -= 1;
            skipped += 1;
        } else if w & cat::TIME != 0
            && w & (cat::DET | cat::NP) == 0
            && j > lo + 1
            && ctx.word(j - 1) & cat::TIME != 0
            && !ctx.trailing_punct(j)
            && skipped < 4
            // ("the statement said": "statement" is a time word for "said in a statement",
            // but a document after a determiner is the source.)
            && !ctx.lex.is_document_word(ctx.a.token_core(j))
        {
            // "who on Tuesday endorsed", "Marcus … last week wrote": a time phrase.
            j -= 2;
            skipped += 1;
        } else {
            break;
        }
    }
    if ctx.word(j) & cat::CONJ != 0 {
        // "He gestured and declared": the subject of the sentence. Not for a participle ("…
        // by mentioning the wall and adding, “…”"): it borrows the previous cue's source,
        // which bounds neither side of its content.
        if ctx.key(c).ends_with("ing") {
            return None;
        }
        return sentence_subject(ctx, lo, j);
    }
    // "Gov. Phil Bryant (R) said", "Sen. Ted Cruz (R-Tex.), who …": a parenthetical of up to
    // four tokens between the name and the cue is skipped.
    if ctx.a.token_text(j).trim_end_matches(',').ends_with(')') && !ctx.in_quote(j) {
        let open = (j.saturating_sub(3).max(lo)..=j)
            .rev()
            .find(|&k| ctx.a.token_text(k).starts_with('('));
        if let Some(open) = open
            && open > lo
            && !ctx.trailing_punct(open - 1)
        {
            j = open - 1;
        }
    }
    // "Farmers — and some ranchers — say": a phrase between dashes, up to ten tokens,
    // adds to the subject before it.
    if is_dash(ctx.a.token_text(j)) && !ctx.in_quote(j) {
        let open = (j.saturating_sub(11).max(lo)..j)
            .rev()
            .find(|&k| is_dash(ctx.a.token_text(k)));
        if let Some(open) = open
            && open > lo
            && !ctx.trailing_punct(open - 1)
            && !ctx.in_quote(open - 1)
        {
            j = open - 1;
        }
    }
    if ctx.in_quote(j) || ctx.key(j).is_empty() {
        return None;
    }
    if parenthetical_adverb(ctx, j, lo) {
        // "Sanders, meanwhile, who sits at zero endorsements, said", "Sanders, a senator
        // from Vermont, however, said": the subject ends before the adverb's commas.
        let p = j - 1;
        let k = np_left(ctx, p, lo);
        return comma_subject(ctx, p, lo)
            .or_else(|| plausible(ctx, k, p).then(|| SourceNp::phrase(ctx, k, p)));
    }
    let tok = ctx.a.token_text(j);
    if ctx.trailing_punct(j) {
        if !tok.ends_with(',') {
            return None;
        }
        return comma_subject(ctx, j, lo);
    }
    let w = ctx.word(j);
    if w & cat::PRON != 0 && (w & cat::DET == 0 || j == lo) {
        return Some(SourceNp::pronoun(ctx, j, w & cat::PRON));
    }
    // "… dans son blog qu'il voulait qualifier …": the subject of a clause opened by an
    // elided "que" is the pronoun after the apostrophe, not the phrase before it.
    if let Some(rest) = ctx.key(j).strip_prefix("qu'")
        && ctx.lex.word(rest) & cat::PRON != 0
    {
        let core = ctx.a.tokens[j].core;
        let at = apostrophe(ctx.a.token_core(j)).map_or(0, |(_, end)| end);
        let mut np = SourceNp::pronoun(ctx, j, ctx.lex.word(rest) & cat::PRON);
        np.span = Span::new(core.start as usize + at, core.end as usize);
        return Some(np);
    }
    if w & cat::STOP != 0 && w & cat::DET == 0 {
        // "Sanders was written off", "candidates are expected to": a passive or a copula; the
        // subject is not the source.
        return None;
    }
    if w & cat::REL != 0 {
        // "Smith, who said …": the source is "who", standing for the phrase before it.
        return Some(SourceNp {
            first: j,
            last: j,
            descriptor: None,
            pronoun: None,
            span: ctx.a.tokens[j].core,
            antecedent: (j > lo)
                .then(|| relative_antecedent(ctx, j - 1, lo))
                .flatten(),
        });
    }
    let k = np_left(ctx, j, lo);
    if !plausible(ctx, k, j) {
        return None;
    }
    // "X, who ..., said" and "X, a doctor, said" arrive here only through `apposition`; so
    // does "X, a doctor said" with its closing comma missing, under stricter conditions.
    open_apposition(ctx, j, lo).or_else(|| Some(SourceNp::phrase(ctx, k, j)))
}

/// The subject ending in a comma-ended token `j` right before a cue: an apposition ("Hugh
/// Hill, a doctor,"), or the phrase a relative clause describes.
fn comma_subject(ctx: &Ctx, j: usize, lo: usize) -> Option<SourceNp> {
    let app = apposition(ctx, j, lo);
    // "Weber, who advises Kasich, a rival of Trump, said", "Bill Nelson, who is a pastor
    // in Elizabeth, Colorado, slammed": commas inside a relative clause are no apposition
    // of the subject; the source is the phrase the clause describes.
    if let Some((r, head)) = relative_head(ctx, j, lo)
        && app.as_ref().is_none_or(|a| a.first > r)
    {
        return Some(head);
    }
    app
}

/// True when token `t` is a sentence adverb set off by commas after the subject ("Sanders,
/// meanwhile,", "the senator, however,"): an `opener` word or an adverb in -ly, ending in a
/// comma, after a token ending in one.
fn parenthetical_adverb(ctx: &Ctx, t: usize, lo: usize) -> bool {
    t > lo
        && !ctx.in_quote(t)
        && ctx.a.token_text(t).ends_with(',')
        && ctx.a.token_text(t - 1).ends_with(',')
        && !ctx.in_quote(t - 1)
        && (ctx.word(t) & cat::OPENER != 0 || is_adverb(ctx, t))
}

/// An apposition whose closing comma is missing before the cue ("Jean-Luc Mélenchon, le
/// candidat du Front de gauche à l'élection présidentielle avait appelé …", frequent in French
/// copy): [`apposition`] read from the token `j` before the cue, kept only when its name comes
/// first, is two capitalised words or more with no time word and opens its clause, and the
/// description is a determiner phrase of three words or more with no plural after the
/// determiner. So not "Mrs. Clinton, these people said" (a short parenthetical's subject),
/// "Early Tuesday, the State Department disclosed" (a time), "Like Trump, the committee has
/// written" (a sentence's first word the article writes in lower case), "…, de La Poste,
/// Jean-Paul Bailly, les fédérations des syndicats ont annoncé" (a plural describes no one
/// person), nor a name right after a quoted title ("on “New Day,” Sen. Kristen Gillibrand
/// (D-NY), a supporter of … told": the title would read as her quote).
fn open_apposition(ctx: &Ctx, j: usize, lo: usize) -> Option<SourceNp> {
    // The description's tests first: they are cheap, and most cues fail them.
    let k = description_start(ctx, j, lo);
    if k <= lo + 1
        || !ctx.a.token_text(k - 1).ends_with(',')
        || ctx.word(k) & cat::DET == 0
        || j < k + 2
        || is_plural_key(ctx.key(k + 1))
    {
        return None;
    }
    let np = apposition(ctx, j, lo)?;
    let (a_first, a_last) = (np.first, np.last);
    if np.descriptor.map(|d| d.0) != Some(k) {
        return None;
    }
    let opens =
        a_first == lo || ctx.trailing_punct(a_first - 1) && ctx.quote_at(a_first - 1).is_none();
    let name = a_last > a_first
        && ctx.capitalised(a_first)
        && (a_first..=a_last).all(|i| {
            (ctx.capitalised(i) || ctx.word(i) & cat::PARTICLE != 0) && ctx.word(i) & cat::TIME == 0
        });
    let common_opener = a_first == lo
        && super::whole_word_at(ctx.a.text, ctx.key(a_first))
            .next()
            .is_some();
    (opens && name && !common_opener).then_some(np)
}

/// The phrase a relative word after token `e` stands for, within the sentence from `lo`. An
/// apposition ending at `e` gives its name and its description ("Arnaud Montebourg, le
/// ministre du redressement productif, qui a déclaré", "Norm Coleman, the former senator
/// from Minnesota who is supporting": the description alone named no one, or the wrong one);
/// its name, the capitalised words and particles ending its phrase, must be two words or
/// more, so that "In two states, Virginia and Georgia, those who" is neither. Otherwise the noun phrase before `e`; when it
/// ends in a lower-case word, from its first determiner that no preposition precedes, as the
/// words before it are a clause's ("defend not paying an architect who said" → architect,
/// where the whole run was no source and "who" fell back to the last person named).
fn relative_antecedent(ctx: &Ctx, e: usize, lo: usize) -> Option<Antecedent> {
    // With no comma before the relative word, the description must run up to it as a noun
    // phrase: opened by a determiner, with no reporting verb ("a young woman asked Mrs.
    // Clinton about several women who" is a clause).
    let runs_up = |(k, j): (usize, usize)| {
        ctx.a.token_text(e).ends_with(',')
            || j == e && ctx.word(k) & cat::DET != 0 && !(k..=j).any(|i| ctx.is_cue(i))
    };
    if let Some(np) = apposition(ctx, e, lo)
        && let Some(d) = np.descriptor
        && runs_up(d)
    {
        // The name: the capitalised words and particles that end the phrase ("entretenu
        // avec Arnaud Montebourg").
        let name = |i: usize| ctx.capitalised(i) || ctx.word(i) & cat::PARTICLE != 0;
        let first = (np.first..=np.last)
            .rev()
            .take_while(|&i| name(i))
            .last()
            .unwrap_or(np.last + 1);
        if first < np.last && ctx.capitalised(first) {
            return Some(Antecedent {
                first,
                last: np.last,
                descriptor: Some(d),
            });
        }
    }
    let f = np_left(ctx, e, lo);
    let first = if ctx.capitalised(e) {
        f
    } else {
        (f..e)
            .find(|&i| ctx.word(i) & cat::DET != 0 && (i == f || ctx.word(i - 1) & cat::NP == 0))
            .unwrap_or(f)
    };
    plausible(ctx, first, e).then_some(Antecedent {
        first,
        last: e,
        descriptor: None,
    })
}

/// The subject opening the sentence at `lo`, before token `before`: a pronoun, or a short
/// phrase of names, titles and determiners followed by a lower-case word.
pub fn sentence_subject(ctx: &Ctx, lo: usize, before: usize) -> Option<SourceNp> {
    subject_from(ctx, lo, before, false)
}

/// [`sentence_subject`] from token `lo`, `after_phrase` when `lo` follows an opening phrase
/// (its first word then is in lower case: "In May, the judge …").
fn subject_from(ctx: &Ctx, lo: usize, before: usize, after_phrase: bool) -> Option<SourceNp> {
    // "However, he held his fire", "Instead, the Vermont senator is sticking to": the subject
    // follows the opening adverb.
    let opener = ctx.word(lo) & cat::OPENER != 0 && lo + 1 < before;
    let lo = if opener { lo + 1 } else { lo };
    let after_opener = opener || after_phrase;
    // "Later, Claude Bertolone … said", "Plus tard, Claude Bertolone … a déclaré": an opening
    // phrase of up to three words ended by a comma and opened by an adverb, preposition or
    // time word is no subject ("Plus" and "Later" were taken as speakers); the subject
    // follows it. Opened by a preposition it may run to eight words ("By the end of the
    // day, Mr. Trump …"), with no cue in it.
    let w0 = ctx.word(lo);
    let reach = if w0 & (cat::STOP | cat::NP | cat::GERUND_PREP | cat::VENUE) != 0 {
        8
    } else {
        3
    };
    if !after_opener
        && w0 & (cat::SKIP | cat::TIME | cat::STOP | cat::NP | cat::GERUND_PREP) != 0
        && w0 & (cat::DET | cat::PRON | cat::QUANT | cat::HON_M | cat::HON_F) == 0
        && let Some(t) = (lo..before.min(lo + reach))
            .take_while(|&t| !ctx.is_cue(t) && !ctx.in_quote(t))
            .find(|&t| ctx.trailing_punct(t))
        && ctx.a.token_text(t).ends_with(',')
        && t + 1 < before
        && !ctx.in_quote(t)
    {
        return subject_from(ctx, t + 1, before, true);
    }
    let w = ctx.word(lo);
    if w & cat::PRON != 0 {
        // "I gestured and said": a first-person subject stays unresolved, never a name "I".
        return Some(SourceNp::pronoun(ctx, lo, w & cat::PRON));
    }
    let mut e = lo;
    // Names, and titles after them ("The Vermont senator").
    while e + 1 < before
        && e < lo + 5
        && !ctx.trailing_punct(e)
        && (ctx.capitalised(e + 1) || match_phrase(ctx, Phrases::Titles, e + 1).is_some())
    {
        e += 1;
    }
    // "In May, the judge sided with …, saying": lower-case words after a determiner or
    // quantifier, up to the head noun (a plural, or a word before what looks like the verb:
    // an -ed or -ing word not before a noun, or a reporting verb form).
    // The head must be a noun that can speak: a plural ("These wealthy donors"), a title, an
    // organisation word ("His campaign", "the company") or a document ("the new report");
    // else the phrase stays as it was ("The path demands", "This means" are no subjects).
    if w & (cat::DET | cat::QUANT) != 0 && w & cat::PRON == 0 {
        let names_end = e;
        while e + 1 < before && e < lo + 6 && !ctx.trailing_punct(e) {
            let k = e + 1;
            let key = ctx.key(k);
            // ("the embattled senator": an -ed word before a lower-case noun modifies it.)
            let verb_like = (key.ends_with("ed") || key.ends_with("ing"))
                && !(k + 1 < before
                    && !ctx.trailing_punct(k)
                    && ctx.a.token_core(k + 1).starts_with(char::is_lowercase)
                    && ctx.word(k + 1) == 0)
                || match_phrase(ctx, Phrases::VerbForms, k).is_some();
            if ctx.capitalised(k)
                || ctx.word(k) != 0
                || ctx.in_quote(k)
                || ctx.is_cue(k)
                || is_adverb(ctx, k)
                || verb_like
                || key.is_empty()
            {
                break;
            }
            e = k;
            if is_plural_key(key) {
                break;
            }
        }
        let head = ctx.a.token_core(e);
        let speaks = is_plural_key(ctx.key(e))
            || match_phrase(ctx, Phrases::Titles, e).is_some()
            || ctx.lex.organizations.find_whole(head).is_some()
            || ctx.lex.is_document_word(head);
        if e > names_end && !speaks {
            e = names_end;
        }
    }
    // A preposition opening the sentence ("At the debate, …") is no subject, nor is a time
    // word ("This week"), unless it is a determiner before a name or title ("The senator":
    // "the" is also a time word, for "the day before").
    let no_subject = w & (cat::STOP | cat::NP | cat::GERUND_PREP) != 0
        || w & cat::TIME != 0 && !(w & cat::DET != 0 && e > lo);
    let opens = ctx.capitalised(lo) || after_opener && w & (cat::DET | cat::QUANT) != 0;
    (opens && plausible(ctx, lo, e) && !no_subject).then(|| SourceNp::phrase(ctx, lo, e))
}

/// For a comma-ended token `j` closing a relative clause ("X, who …, Y,"): the relative word's
/// position and the phrase before its comma, when it can be a source. Looks back at most 25
/// tokens, within the sentence, outside quotes.
fn relative_head(ctx: &Ctx, j: usize, lo: usize) -> Option<(usize, SourceNp)> {
    let r = (lo + 1..j)
        .rev()
        .take(25)
        .take_while(|&t| !ctx.in_quote(t))
        .find(|&t| ctx.word(t) & cat::REL != 0 && ctx.a.token_text(t - 1).ends_with(','))?;
    let mut e = r - 1;
    // "Sanders, meanwhile, who …,": the phrase is before the adverb.
    if parenthetical_adverb(ctx, e, lo) {
        e -= 1;
    }
    if ctx.in_quote(e) {
        return None;
    }
    let f = np_left(ctx, e, lo);
    (plausible(ctx, f, e) && (f..=e).any(|i| ctx.capitalised(i)))
        .then(|| (r, SourceNp::phrase(ctx, f, e)))
}

/// Tokens of the longest description `apposition` reads between a name and its cue.
const MAX_DESCRIPTION: usize = 30;

/// The first token of the phrase B that ends at token `j` in `A, B`: back to the previous
/// punctuation or quote, within [`MAX_DESCRIPTION`] tokens and the sentence from `lo`.
fn description_start(ctx: &Ctx, j: usize, lo: usize) -> usize {
    let mut k = j;
    while k > lo && j - k < MAX_DESCRIPTION {
        if ctx.trailing_punct(k - 1) || ctx.in_quote(k - 1) {
            break;
        }
        k -= 1;
    }
    k
}

/// `A, B, said` where token `j` (ending in a comma) closes B: one of A and B is the name, the
/// other describes it (`Hugh Hill, a doctor,` / `Le porte-parole du Kremlin, Dmitri Peskov,`).
fn apposition(ctx: &Ctx, j: usize, lo: usize) -> Option<SourceNp> {
    // B: back to the previous comma. A description can be long ("Maria Lopez, a senior
    // analyst in the Madrid office of the consulting firm Iberia Research Partners, said");
    // past 13 tokens B is no name, so it must read as one (`long_description`).
    let k = description_start(ctx, j, lo);
    if k <= lo || !ctx.a.token_text(k - 1).ends_with(',') || ctx.in_quote(k - 1) {
        return None;
    }
    let long = j - k > 12;
    let mut a_last = k - 1;
    // "Jillian Chase, 27, a Tinder user in New York, said": an age between the name and its
    // description belongs to neither.
    if is_age(ctx, a_last) && a_last > lo + 1 && ctx.a.token_text(a_last - 1).ends_with(',') {
        a_last -= 1;
    }
    let a_first = np_left(ctx, a_last, lo);
    let b_is_clause = ctx.word(k) & cat::REL != 0;
    // "Gérald Karsenti, PDG de HP France, a indiqué", "John Smith, CEO of Acme, said": a
    // capitalised title with no name of its own describes the name before it.
    let b_is_title = || title_without_name(ctx, k, j);
    if long && !long_description(ctx, k, j) {
        return None;
    }
    let b_is_descr = b_is_clause
        || ctx.word(k) & (cat::DET | cat::QUANT) != 0
        || !ctx.capitalised(k)
        || b_is_title();
    if b_is_descr {
        if !plausible(ctx, a_first, a_last) || !(a_first..=a_last).any(|i| ctx.capitalised(i)) {
            return None;
        }
        return Some(SourceNp {
            first: a_first,
            last: a_last,
            descriptor: (!b_is_clause).then_some((k, j)),
            pronoun: None,
            span: ctx.core_span(a_first, a_last),
            antecedent: None,
        });
    }
    // B is a name; A describes it when A has a title and no name of its own.
    let a_descr = plausible(ctx, a_first, a_last) && name_part(ctx, a_first, a_last).is_none();
    Some(SourceNp {
        first: k,
        last: j,
        descriptor: a_descr.then_some((a_first, a_last)),
        pronoun: None,
        span: ctx.core_span(k, j),
        antecedent: None,
    })
}

/// True when tokens `k..=j`, too long for a name, read as the description of one: opened by
/// a determiner, a quantifier, a relative word or a title ("a cyber security expert who has
/// helped …", "director of the Institute for …"), with no verb of their own before a relative
/// word ("revival of aircraft construction … are goals for the coming years" is a clause).
fn long_description(ctx: &Ctx, k: usize, j: usize) -> bool {
    let w = ctx.word(k);
    let opens = w & (cat::DET | cat::QUANT | cat::REL) != 0
        || !ctx.capitalised(k) && match_phrase(ctx, Phrases::Titles, k).is_some();
    opens
        && (k..=j)
            .take_while(|&i| ctx.word(i) & cat::REL == 0)
            .all(|i| ctx.word(i) & cat::PASSIVE == 0 && !ctx.is_cue(i))
}

/// True for a lower-case word in -ly of five letters or more ("clearly", "basically"): an
/// adverb between a source and its verb. A noun in -ly keeps its determiner before it ("the
/// family says", "his ally said"), which the caller checks.
pub(crate) fn is_adverb(ctx: &Ctx, i: usize) -> bool {
    let k = ctx.key(i);
    k.len() >= 5 && k.ends_with("ly") && !ctx.capitalised(i)
}

/// [`is_adverb`], or a French adverb in -ment ("finalement"), for a word inside a verb group
/// ("was widely expected", "a été finalement rejeté"), where no noun in -ment can stand.
pub(crate) fn is_verb_group_adverb(ctx: &Ctx, i: usize) -> bool {
    ctx.word(i) == 0
        && (is_adverb(ctx, i)
            || !ctx.capitalised(i) && ctx.key(i).len() >= 6 && ctx.key(i).ends_with("ment"))
}

/// The subject opening the clause that ends at token `last`: the clause starts after the
/// sentence's last punctuation before `last` ("Asked which was his favorite, he demurred:",
/// "After the attacks, Trump issued a statement:"), past connectors ("And then Trump went on
/// the attack, saying"). Read like [`sentence_subject`]; a possessor ("Clinton’s response
/// was:") is left out, as its phrase names no speaker.
pub fn clause_subject(ctx: &Ctx, last: usize) -> Option<SourceNp> {
    let lo = ctx.sentence_first(last);
    let mut start = (lo..last)
        .rev()
        .find(|&t| ctx.trailing_punct(t) || ctx.in_quote(t))
        .map_or(lo, |t| t + 1);
    while start < last
        && ctx.word(start) & (cat::CONJ | cat::SKIP) != 0
        && ctx.word(start) & cat::PRON == 0
    {
        start += 1;
    }
    (start < last)
        .then(|| sentence_subject(ctx, start, last))
        .flatten()
        .filter(|s| {
            let t = ctx.a.token_core(s.last);
            let lone_det = s.pronoun.is_none()
                && s.first == s.last
                && ctx.word(s.first) & (cat::DET | cat::POSS) != 0;
            !(is_possessive(t) || lone_det)
        })
}

/// True for a possessive word ("Russia's", "Clinton’s").
pub fn is_possessive(w: &str) -> bool {
    w.ends_with("'s") || w.ends_with("’s")
}

/// True for a lower-case key that looks like a plural noun ("voters", "leaders"; not "press",
/// "crisis", "campus").
pub fn is_plural_key(k: &str) -> bool {
    k.len() > 3 && k.ends_with('s') && !["ss", "is", "us"].iter().any(|e| k.ends_with(e))
}

/// True for a token that is a dash alone ("—", "–", "--").
fn is_dash(t: &str) -> bool {
    matches!(t, "—" | "–" | "--")
}

/// True for a token that is an age in an apposition: one to three digits ("27,").
fn is_age(ctx: &Ctx, i: usize) -> bool {
    let core = ctx.a.token_core(i);
    (1..=3).contains(&core.len()) && core.bytes().all(|b| b.is_ascii_digit())
}

/// The source after a cue ending at token `c`: `said Caddell`, `a déclaré Poutine`, `according
/// to a source familiar with the matter` (`lenient`: lower-case nouns allowed).
pub fn after(ctx: &Ctx, c: usize, lenient: bool) -> Option<SourceNp> {
    after_with(
        ctx,
        c,
        if lenient {
            AfterCue::Lenient
        } else {
            AfterCue::Strict
        },
    )
}

/// The source of an "according to" cue ending at token `c`: [`after`], lenient, where the
/// phrase may also hold a short quoted name ("according to the “Homes for All” paper",
/// "according to his “fair share” proposal"), and a word that is a cue elsewhere is a noun.
pub fn according_to_source(ctx: &Ctx, c: usize) -> Option<SourceNp> {
    after_with(ctx, c, AfterCue::AccordingTo)
}

/// How [`after_with`] reads the phrase after a cue.
#[derive(Clone, Copy, PartialEq, Eq)]
enum AfterCue {
    /// Names, titles and determiner phrases.
    Strict,
    /// Lower-case nouns allowed too.
    Lenient,
    /// Lenient, with short quoted names and cue words as nouns inside the phrase.
    AccordingTo,
}

fn after_with(ctx: &Ctx, c: usize, mode: AfterCue) -> Option<SourceNp> {
    let lenient = mode != AfterCue::Strict;
    let according = mode == AfterCue::AccordingTo;
    let hi = ctx.sentence_last(c);
    if c >= hi || ctx.trailing_punct(c) {
        return None;
    }
    let mut s = skip_time_words(ctx, c + 1, hi);
    if !according && let Some(subject) = subject_gap(ctx, s, hi) {
        s = subject;
    } else if s > c + 1 && !(ctx.capitalised(s) || ctx.word(s) & cat::DET != 0) {
        s = c + 1;
    }
    // "…, said several analysts.", "…, said a majority of voters.": after a clause and its
    // comma, a determiner or quantifier and lower-case words ending in a plural that run to
    // the end of the clause are the inverted subject (without the comma they are an object:
    // "Cruz opposed the measures.").
    // (The cheap tests first: the verb's lookup is for the few cues they leave.)
    let lower_tail_end = (!lenient
        && s < hi
        && ctx.word(s) & (cat::DET | cat::QUANT) != 0
        && c > 0
        && speaker_slot_after_comma(ctx, c))
    .then(|| {
        let mut k = s + 1;
        while k <= hi && k <= s + 5 {
            let w = ctx.word(k);
            let of = ctx.key(k) == "of" || w & cat::DET != 0 && ctx.key(k - 1) == "of";
            if ctx.capitalised(k)
                    || ctx.in_quote(k)
                    || ctx.is_cue(k)
                    || ctx.key(k).is_empty()
                    // ("voters", "reporters" are also addressees: "told voters".)
                    || !(w & !(cat::ADDRESSEE | cat::GROUP) == 0 || of)
            {
                return None;
            }
            if ctx.trailing_punct(k) || k == hi {
                return (!of && is_plural_key(ctx.key(k))).then_some(k);
            }
            // ("…, said the count speaks volumes.": a word before the head that may
            // be a verb makes a clause.)
            if !of && ["s", "ed", "ing"].iter().any(|x| ctx.key(k).ends_with(x)) {
                return None;
            }
            k += 1;
        }
        None
    })
    .flatten();
    let mut e = s;
    let mut i = s;
    while i <= hi && i - s < MAX_NP + 2 {
        if according && i > s && !ctx.in_quote(i - 1) {
            // A quoted name of up to four tokens inside the phrase, closed in the sentence.
            if let Some(q) = ctx.quote_at(i) {
                let end = (i..=hi.min(i + 4))
                    .rev()
                    .find(|&t| ctx.quote_at(t) == Some(q));
                if let Some(end) = end
                    && end < hi
                    && ctx.quote_at(end + 1) != Some(q)
                    && !without_closing_marks(ctx.a.token_text(end))
                        .ends_with([',', '.', ';', ':', '!', '?'])
                {
                    e = end;
                    i = end + 1;
                    continue;
                }
            }
        }
        // (After "according to" a cue word in the phrase is a noun: "his “fair share” proposal".)
        if ctx.in_quote(i) || ctx.key(i).is_empty() || (i > s && ctx.is_cue(i) && !according) {
            break;
        }
        let w = ctx.word(i);
        // Tokens this step takes: a title of several words at once ("the chief executive,
        // John Ferriola": "executive" alone would end the phrase).
        let mut take = 1;
        let ok = if lenient {
            // "According to Rathbun the Scientology property …" (no comma): a determiner after
            // a name opens the reported clause.
            let after_name = i > s
                && ctx.capitalised(i - 1)
                && ctx.word(i - 1) & cat::DET == 0
                && !ctx.capitalised(i);
            (w & (cat::STOP | cat::THAT | cat::REL) == 0 || w & cat::DET != 0)
                && !(after_name && w & cat::DET != 0 && w & cat::NP == 0)
        } else if i == s && !ctx.capitalised(i) && w & (cat::DET | cat::QUANT) == 0 {
            // "said undecided Republican voter Stephanie Hooton": lower-case words may lead
            // a name; the phrase is cut back to its last capitalised word below.
            w & (cat::STOP | cat::THAT | cat::REL | cat::TIME | cat::NP | cat::PRON) == 0
                && !ctx.trailing_punct(i)
                && (i + 1..=(i + 3).min(hi)).any(|t| ctx.capitalised(t))
        } else if i > s
            && !ctx.capitalised(i)
            && !ctx.capitalised(s)
            && ctx.word(s) & (cat::DET | cat::QUANT) == 0
        {
            w & (cat::STOP | cat::THAT | cat::REL | cat::TIME | cat::NP | cat::PRON) == 0
                && (i + 1..=(i + 2).min(hi)).any(|t| ctx.capitalised(t))
        } else {
            let title = match_phrase(ctx, Phrases::Titles, i);
            if let Some((len, _)) = title {
                take = len;
            }
            ctx.capitalised(i)
                || w & (cat::DET | cat::QUANT) != 0 && i == s
                || lower_tail_end.is_some_and(|end| i <= end)
                || title.is_some()
                // "said the company spokesman", "the state's attorney general": lower-case
                // words before a title modify it.
                || (i > s
                    && w & (cat::STOP | cat::THAT | cat::REL | cat::TIME | cat::NP | cat::PRON)
                        == 0
                    && !ctx.trailing_punct(i)
                    && (i + 1..=(i + 2).min(hi))
                        .any(|t| match_phrase(ctx, Phrases::Titles, t).is_some()))
                || (is_np_word(ctx, i)
                    && matches!(ctx.key(i), "of" | "du" | "de" | "des" | "d'" | "for")
                    && i < hi
                    && (ctx.capitalised(i + 1)
                        // "le ministre de la Défense", "the Secretary of the Treasury"
                        || i + 1 < hi
                            && ctx.word(i + 1) & cat::DET != 0
                            && ctx.capitalised(i + 2)))
                || (w & cat::DET != 0
                    && i > s
                    && i < hi
                    && matches!(ctx.key(i - 1), "of" | "de")
                    && ctx.capitalised(i + 1))
        };
        if !ok {
            break;
        }
        e = (i + take - 1).min(hi);
        if ctx.trailing_punct(e) {
            break;
        }
        i = e + 1;
    }
    if e < s || !ok_end(ctx, s, e) {
        return None;
    }
    if !lenient && !ctx.capitalised(s) && ctx.word(s) & (cat::DET | cat::QUANT) == 0 {
        // Cut a lower-case lead-in back to the last capitalised word.
        while e > s && !ctx.capitalised(e) {
            e -= 1;
        }
        if !ctx.capitalised(e) {
            return None;
        }
    }
    let w = ctx.word(s);
    if s == e && w & cat::PRON != 0 {
        return Some(SourceNp::pronoun(ctx, s, w & cat::PRON));
    }
    if !plausible(ctx, s, e) {
        return None;
    }
    // After a verb ("…,” said the Kremlin spokesman, Dmitry Peskov.") the name may also end
    // the sentence.
    if let Some(named) = titled_then_name(ctx, s, e, hi, !lenient) {
        return Some(named);
    }
    Some(SourceNp {
        descriptor: (!lenient)
            .then(|| description_after(ctx, s, e, hi))
            .flatten(),
        ..SourceNp::phrase(ctx, s, e)
    })
}

/// True when the one-word cue at token `c` is an inflected verb of speech ("said", "adds",
/// not "know") after a comma or a closing quotation mark ("…, said", "…,” said"): the place
/// of a verb before its inverted subject.
fn speaker_slot_after_comma(ctx: &Ctx, c: usize) -> bool {
    let before = without_closing_marks(ctx.a.token_text(c - 1));
    let speech = match_phrase(ctx, Phrases::VerbForms, c).is_some_and(|(len, v)| {
        let verb = &ctx.lex.verbs[v as usize];
        len == 1 && verb.class == VerbClass::Speech && verb.lemma != ctx.key(c)
    });
    speech
        && (before.ends_with(',') || ctx.in_quote(c - 1))
        && ctx.sentence(c - 1) == ctx.sentence(c)
}

/// The description after a name that follows its verb and ends in a comma, when the
/// description ends the sentence ("…,” said Brad Bannon, a Democratic pollster.", "…,
/// déclare à l'AFP Jean-Philippe Magnen, le porte-parole du parti."): a title phrase with no
/// name of its own, of 12 tokens at most, with no quote, cue, "that" or
/// relative word in it. The phrase `s..=e` must hold a capitalised word that is no title
/// ("the spokesman, a veteran of …" is no name with a description).
fn description_after(ctx: &Ctx, s: usize, e: usize, hi: usize) -> Option<(usize, usize)> {
    let f = e + 1;
    if f > hi || !ctx.a.token_text(e).ends_with(',') || ctx.in_quote(f) {
        return None;
    }
    let last = (f..=hi.min(f + 12)).find(|&k| ctx.trailing_punct(k))?;
    if last != hi || last - f > 11 {
        return None;
    }
    let clean = (f..=last)
        .all(|k| !ctx.in_quote(k) && !ctx.is_cue(k) && ctx.word(k) & (cat::THAT | cat::REL) == 0);
    // (A title: the description is read for its role; "the Eagle Forum, the conservative
    // organization she founded in 1975" has none and stays an organisation.)
    let described = title_without_name(ctx, f, last);
    let named = describe(ctx, &SourceNp::phrase(ctx, s, e)).name.is_some();
    (clean && described && named).then_some((f, last))
}

/// The first token from `from` after up to two time words ("…, a déclaré mardi le ministre",
/// "a indiqué jeudi soir Emmanuel Macron": time words between the verb and its inverted
/// subject), before the sentence's last token `hi`.
fn skip_time_words(ctx: &Ctx, from: usize, hi: usize) -> usize {
    let mut s = from;
    while s < hi
        && s < from + 2
        && ctx.word(s) & (cat::TIME | cat::DET | cat::NP | cat::VENUE) == cat::TIME
        && !ctx.trailing_punct(s)
        && !ctx.in_quote(s)
    {
        s += 1;
    }
    s
}

/// The first token of an inverted subject after a phrase naming whom, where or in what
/// medium the statement was made, starting at token `s` ("…, a déclaré à l'AFP Jean Dupont,
/// maire de Lyon", "a expliqué lundi soir au Monde le ministre de l'Intérieur", "a indiqué dans
/// un communiqué le ministère"; two such phrases at most): French puts these before the
/// subject, and without this the addressee ("l'AFP") was read as the source. The phrase is a
/// `gap_prep` preposition (with "de" after "auprès"), an optional determiner, then a known medium or organisation of the source lists,
/// one capitalised word, or one or two lower-case nouns ("la presse"). Only when a subject
/// follows that runs, time words allowed before it, to a punctuation mark or the sentence's end
/// with no "que" inside: "a dit à Jean Dupont que …" names whom it was said to, not a source.
fn subject_gap(ctx: &Ctx, s: usize, hi: usize) -> Option<usize> {
    subject_gap_from(ctx, s, hi, false)
}

/// [`subject_gap`], `chained` when a phrase was already skipped (two at most, so the work
/// per cue stays bounded).
fn subject_gap_from(ctx: &Ctx, s: usize, hi: usize, chained: bool) -> Option<usize> {
    let preps = &ctx.lex.gap_prepositions;
    if preps.is_empty() || s >= hi || !preps.contains(ctx.key(s)) || ctx.trailing_punct(s) {
        return None;
    }
    let mut h = s + 1;
    // "auprès de l'AFP", "auprès du Figaro".
    if h < hi && ctx.word(h) & cat::NP != 0 && !ctx.capitalised(h) && !ctx.trailing_punct(h) {
        h += 1;
    }
    if h < hi && ctx.word(h) & cat::DET != 0 && !ctx.capitalised(h) && !ctx.trailing_punct(h) {
        h += 1;
    }
    if h >= hi || ctx.in_quote(h) || ctx.key(h).is_empty() {
        return None;
    }
    // The last token of a known medium or organisation starting at token `k` ("France
    // Inter", "Le Monde", "RIA Novosti"), from the source lists: matched over a few tokens
    // only, so a sentence without end (a 5 MB text with no punctuation) stays linear.
    let known = |k: usize| {
        let from = ctx.a.tokens[k].span.start as usize;
        let to = ctx.a.tokens[hi.min(k + MAX_NP)].span.end as usize;
        let found = SourceMatches::find_text(ctx.lex, &ctx.a.text[from..to]);
        let end = [
            SourceList::StateMedia,
            SourceList::WireAgencies,
            SourceList::Organizations,
            SourceList::KnownOrganizations,
        ]
        .into_iter()
        .flat_map(|l| found.get(l).iter())
        .filter(|m| m.span.start == 0)
        .map(|m| from as u32 + m.span.end)
        .max()?;
        let mut last = k;
        while last < hi && ctx.a.tokens[last + 1].core.start < end {
            last += 1;
        }
        Some(last)
    };
    let end = if ctx.capitalised(h) {
        // A known name of several words, else one word.
        known(h).unwrap_or(h)
    } else {
        let noun = |t: usize| {
            !ctx.capitalised(t)
                && !ctx.in_quote(t)
                && !ctx.is_cue(t)
                && ctx.word(t)
                    & (cat::DET | cat::STOP | cat::NP | cat::THAT | cat::PRON | cat::TIME)
                    == 0
        };
        if !noun(h) {
            return None;
        }
        let end = if h + 1 < hi && !ctx.trailing_punct(h) && noun(h + 1) {
            h + 1
        } else {
            h
        };
        // "à l'agence RIA Novosti", "au quotidien Le Parisien": the medium's name.
        match (end < hi && !ctx.trailing_punct(end) && ctx.capitalised(end + 1))
            .then(|| known(end + 1))
            .flatten()
        {
            Some(name_end) => name_end,
            None => end,
        }
    };
    if end >= hi || ctx.trailing_punct(end) {
        return None;
    }
    let t = skip_time_words(ctx, end + 1, hi);
    if !chained && preps.contains(ctx.key(t)) {
        // Two phrases: "a déclaré dans un entretien au Monde le ministre".
        return subject_gap_from(ctx, t, hi, true);
    }
    if ctx.in_quote(t) || !(ctx.capitalised(t) || ctx.word(t) & cat::DET != 0) {
        return None;
    }
    let last = (t..=hi.min(t + MAX_NP + 1)).find(|&k| ctx.trailing_punct(k) || k == hi)?;
    let clause = (t..=last).any(|k| ctx.word(k) & cat::THAT != 0 || ctx.in_quote(k));
    (last - t <= MAX_NP && !clause).then_some(t)
}

/// True when the phrase after a one-word "according to" cue ending at token `c` ("citing",
/// "citant") names a source: a pronoun, a name (its last word capitalised, not a possessive),
/// or a phrase of a source list (anonymous, document, organisation, media: "citing internal
/// documents", "citing officials"). Otherwise the cue is the verb "cite" and the phrase what
/// is cited ("…, he said, citing rising rents").
pub fn cites_a_source(ctx: &Ctx, c: usize) -> bool {
    let Some(np) = after(ctx, c, true) else {
        return false;
    };
    if np.pronoun.is_some() {
        return true;
    }
    let last = np.last;
    if ctx.capitalised(last) && !is_possessive(ctx.a.token_core(last)) {
        return true;
    }
    SourceMatches::find_text(ctx.lex, ctx.a.slice(np.span)).any_list()
}

/// `t` without the closing quotation marks at its end (`confidential,”` → `confidential,`):
/// the punctuation a quote closes over.
pub(super) fn without_closing_marks(t: &str) -> &str {
    t.trim_end_matches(['"', '”', '’', '»', '\''])
}

/// "Selon le président du conseil du CERN, Michel Spiro, …", "According to the group's
/// director, Jane Doe, …": a title phrase `s..=e` without a name, ending in a comma, then up
/// to four capitalised words ending in a comma that hold a name: the name is the source, the
/// title its description. With `sentence_end`, the name may instead end the sentence
/// ("…,” said the Kremlin spokesman, Dmitry Peskov.", "…, a expliqué le ministre de
/// l'Intérieur, Gérald Darmanin.").
fn titled_then_name(
    ctx: &Ctx,
    s: usize,
    e: usize,
    hi: usize,
    sentence_end: bool,
) -> Option<SourceNp> {
    if !ctx.a.token_text(e).ends_with(',') {
        return None;
    }
    let ns = e + 1;
    let mut k = ns;
    loop {
        if k > hi || k - ns >= 4 || !ctx.capitalised(k) || ctx.in_quote(k) {
            return None;
        }
        if ctx.trailing_punct(k) {
            break;
        }
        k += 1;
    }
    // Two words at least, and a lower-case word after them: "According to the minister,
    // Paris, London and Berlin agreed" lists places.
    if k == ns
        || !(ctx.a.token_text(k).ends_with(',') || sentence_end && k == hi)
        || k < hi && ctx.capitalised(k + 1)
        || name_part(ctx, ns, k).is_none()
    {
        return None;
    }
    title_without_name(ctx, s, e).then(|| SourceNp {
        first: ns,
        last: k,
        descriptor: Some((s, e)),
        pronoun: None,
        span: ctx.core_span(ns, k),
        antecedent: None,
    })
}

fn ok_end(ctx: &Ctx, s: usize, e: usize) -> bool {
    // ("…, said the statement": a document word is no filler.)
    if ctx.lex.is_document_word(ctx.a.token_core(e)) {
        return true;
    }
    !(s..=e).all(|i| {
        let w = ctx.word(i);
        w & (cat::DET | cat::NP | cat::TIME) != 0 && w & cat::QUANT == 0
    })
}

/// Name, role and organisation read off a source phrase.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Described {
    pub name: Option<String>,
    pub role: Option<String>,
    pub organization: Option<String>,
    /// `cat::HON_M` / `cat::HON_F` when an honorific or title gives a gender.
    pub gender: u32,
}

fn clean_word(w: &str) -> &str {
    let w = w
        .strip_suffix("'s")
        .or_else(|| w.strip_suffix("’s"))
        .unwrap_or(w);
    w.trim_end_matches(|c: char| !c.is_alphanumeric() && c != '.')
}

/// True for `U.S` (the sentence splitter kept the last period out of the core), which is
/// written `U.S.`.
fn lacks_final_period(w: &str) -> bool {
    let b = w.as_bytes();
    let dotted = b.len() >= 3
        && b.iter().enumerate().all(|(i, c)| {
            if i % 2 == 0 {
                c.is_ascii_uppercase()
            } else {
                *c == b'.'
            }
        });
    dotted && b.len() % 2 == 1
}

/// The words of tokens `s..=e`, cleaned, separated by spaces (`None` when none is left):
/// built in one string, not a string per word then joined.
pub fn join(ctx: &Ctx, s: usize, e: usize) -> Option<String> {
    let mut out = String::new();
    for i in s..=e {
        let core = ctx.a.token_core(i);
        // A possessive inside the phrase is part of the name ("the President's Office"); only
        // a final one ("Russia's") is dropped.
        let kept = i < e && is_possessive(core);
        let w = if kept { core } else { clean_word(core) };
        if w.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
        if !kept && lacks_final_period(w) {
            out.push('.');
        }
    }
    (!out.is_empty()).then_some(out)
}

/// The capitalised run after any title in `s..=e`: the person's name, if any.
fn name_part(ctx: &Ctx, s: usize, e: usize) -> Option<(usize, usize)> {
    let mut i = s;
    let mut start = None;
    let mut after_connector = false;
    let mut best = None;
    while i <= e {
        if let Some((len, _)) = match_phrase(ctx, Phrases::Titles, i) {
            start = None;
            i += len;
            continue;
        }
        let k = ctx.key(i);
        let w = ctx.word(i);
        // Name particles between capitalised words keep the name going: "Ursula von der
        // Leyen" is one name, not "Leyen".
        if start.is_some() && w & cat::PARTICLE != 0 && !ctx.capitalised(i) {
            let mut j = i;
            while j <= e && ctx.word(j) & cat::PARTICLE != 0 && !ctx.capitalised(j) {
                j += 1;
            }
            if j <= e && ctx.capitalised(j) && ctx.word(j) & (cat::DET | cat::STOP) == 0 {
                i = j;
                continue;
            }
        }
        // Capitalised words after a preposition of the phrase ("of", "at", "to", "on", "du":
        // the `np` words of `attribution_words.tsv` but conjunctions) name an institution,
        // place or event, not the speaker: "professor at Harvard", "adviser to President
        // Biden", "his Address to the Nation on the Ukraine War".
        if matches!(k, "of" | "du" | "de" | "des" | "d'" | "for" | "de la")
            || (w & cat::NP != 0 && w & cat::CONJ == 0 && !ctx.capitalised(i))
        {
            after_connector = true;
            start = None;
            i += 1;
            continue;
        }
        // (A sentence adverb opens no name: "Yet Clinton", "Now Donald Trump".)
        if ctx.capitalised(i)
            && w & (cat::DET | cat::STOP) == 0
            && !after_connector
            && !(start.is_none() && w & cat::OPENER != 0)
        {
            let st = *start.get_or_insert(i);
            best = Some((st, i));
        } else if !ctx.capitalised(i) && w & cat::DET == 0 {
            // A determiner or a conjunction keeps the connector's effect: "the Head of the
            // Republic" names no one called Republic, "Secretary of the National Security and
            // Defense Council" no one called Defense Council.
            if w & cat::CONJ == 0 {
                after_connector = false;
            }
            start = None;
        }
        i += 1;
    }
    let (bs, be) = best?;
    // "Republican leaders": a capitalised adjective before a common noun is no name; nor is
    // an organisation or place before a title with no name after it ("The Vermont senator",
    // "the Perm Territory Governor", "Obama adviser": the organisation, read by `describe`).
    // A capitalised title word right after a name, in a phrase with no determiner, is its
    // last word ("Amy Pope", "Rep. Steve King").
    let mut be = be;
    if be < e {
        let next = ctx.key(be + 1);
        // An auxiliary after a name opening the phrase ends it too ("Donald Trump has begun",
        // where the phrase ran on into its verb; not "winning Iowa could …").
        let opens = (s..bs).all(|t| ctx.word(t) & (cat::DET | cat::HON_M | cat::HON_F) != 0);
        let joins = matches!(
            next,
            "of" | "du" | "de" | "des" | "d'" | "for" | "from" | "at"
        ) || ctx.trailing_punct(be)
            || opens
                && ctx.word(be + 1) & (cat::SKIP | cat::AUX) != 0
                && ctx.word(be + 1) & cat::PRON == 0;
        if !joins {
            let surname = ctx.capitalised(be + 1)
                && ctx.word(s) & cat::DET == 0
                && match_phrase(ctx, Phrases::Titles, be + 1).is_some_and(|(len, _)| len == 1)
                && (be + 1 == e || ctx.trailing_punct(be + 1) || !ctx.capitalised(be + 2));
            if !surname {
                return None;
            }
            be += 1;
        }
    }
    // A possessive ends an organisation, not a name ("Russia's foreign minister").
    let t = ctx.a.token_core(be);
    if is_possessive(t) {
        return None;
    }
    Some((bs, be))
}

/// True when the words `f..=l` give a role and no name ("PDG de HP France", "the group's
/// director"): a description of a name beside them.
fn title_without_name(ctx: &Ctx, f: usize, l: usize) -> bool {
    let d = describe(ctx, &SourceNp::phrase(ctx, f, l));
    d.role.is_some() && d.name.is_none()
}

/// Reads name, role and organisation off `np` (and its descriptor).
pub fn describe(ctx: &Ctx, np: &SourceNp) -> Described {
    let mut d = Described::default();
    // Tokens of an organisation read after a title's connector with no determiner, three or
    // more capitalised words to the end of the phrase (see below).
    let mut org_then_name = None;
    let mut parts = vec![(np.first, np.last)];
    if let Some(x) = np.descriptor {
        parts.push(x);
    }
    for (s, e) in parts {
        let mut i = s;
        while i <= e {
            let w = ctx.word(i);
            d.gender |= w & (cat::HON_M | cat::HON_F);
            if let Some((len, role)) = match_phrase(ctx, Phrases::Titles, i) {
                let is_honorific = w & (cat::HON_M | cat::HON_F) != 0 && len == 1 && {
                    let k = ctx.key(i);
                    k.ends_with('.') || k.len() <= 4 || k == "monsieur" || k == "madame"
                };
                if d.role.is_none() && !is_honorific {
                    // "Sen." → "senator": one role whichever way the title is written.
                    d.role = match role.checked_sub(1) {
                        Some(r) => Some(ctx.lex.role_names[r as usize].clone()),
                        None => join(ctx, i, i + len - 1).map(|r| r.to_lowercase()),
                    };
                    // Organisation: capitalised words before the title ("Kremlin spokesman"),
                    // else after a connector ("porte-parole du Kremlin").
                    let mut os = i;
                    while os > s && ctx.capitalised(os - 1) && ctx.word(os - 1) & cat::DET == 0 {
                        os -= 1;
                    }
                    if os < i {
                        d.organization = join(ctx, os, i - 1);
                    } else {
                        let mut k = i + len;
                        if k <= e && matches!(ctx.key(k), "of" | "du" | "de" | "des" | "d'" | "for")
                        {
                            k += 1;
                            let after_connector = k;
                            while k <= e && ctx.word(k) & cat::DET != 0 {
                                k += 1;
                            }
                            let os = k;
                            while k <= e && ctx.capitalised(k) {
                                k += 1;
                            }
                            if k > os {
                                d.organization = join(ctx, os, k - 1);
                                // ("for" is left out: "a spokesman for House Speaker Paul
                                // Ryan" is not Paul Ryan.)
                                if os == after_connector
                                    && ctx.key(os - 1) != "for"
                                    && k - os >= 3
                                    && k > e
                                {
                                    org_then_name = Some((os, k - 1));
                                }
                            }
                        }
                    }
                }
                i += len;
                continue;
            }
            i += 1;
        }
    }
    if let Some((ns, ne)) = name_part(ctx, np.first, np.last) {
        // Skip a leading honorific inside the run ("Mr. Putin" → "Putin").
        let mut ns = ns;
        while ns < ne && ctx.word(ns) & (cat::HON_M | cat::HON_F) != 0 {
            ns += 1;
        }
        d.name = join(ctx, ns, ne).map(strip_elision);
    }
    // "President of Azerbaijan Ilham Aliyev", "Minister of Transport Vitaly Savelyev": the
    // capitalised words after the title's connector ran into the person's name; with no name
    // read elsewhere, the last two of them are the name.
    if d.name.is_none()
        && let Some((os, oe)) = org_then_name
    {
        d.organization = join(ctx, os, oe - 2);
        d.name = join(ctx, oe - 1, oe);
    }
    d
}

/// True when `text` holds a content word: one that is neither a function word of
/// `attribution_words.tsv`, nor in `non_name_words.txt`, nor (with `name`) a lone title or a
/// lower-case word. "That", "This", "Let me", "Ukrainian", "Jr." are no speakers; "Mark
/// Rathbun", "U.S.", "the campaign" are.
pub fn has_content_word(lex: &LangLexicon, text: &str, name: bool) -> bool {
    text.split_whitespace().any(|w| {
        let w = clean_word(w);
        let k = key(w);
        let k = k.trim_end_matches('.');
        !k.is_empty()
            && lex.word(k) == 0
            && !lex.non_name_words.contains(k)
            && (!name
                || elided(w).chars().next().is_some_and(char::is_uppercase)
                    && !lex.is_title_word(k))
            // ("the statement": a document word is content, also when it is a time word
            // for "said in a statement".)
            || !name && !k.is_empty() && lex.is_document_word(k)
    })
}

/// Byte range of the first apostrophe (straight or curly) in `s`.
pub(super) fn apostrophe(s: &str) -> Option<(usize, usize)> {
    s.find(['\'', '’'])
        .map(|p| (p, p + s[p..].chars().next().map_or(1, char::len_utf8)))
}

/// `w` split after a French elided article or preposition at its start ("l'", "d'",
/// straight or curly apostrophe): whether that article is a capital, and the rest (never
/// empty). `None` when `w` opens with no such article.
fn split_elision(w: &str) -> Option<(bool, &str)> {
    ["l'", "d'", "l’", "d’", "L'", "D'", "L’", "D’"]
        .iter()
        .find_map(|p| {
            w.strip_prefix(p)
                .map(|rest| (p.starts_with(['L', 'D']), rest))
        })
        .filter(|(_, rest)| !rest.is_empty())
}

/// `w` without a capitalised French elided article ("L'alerte" → "alerte", "D'Artagnan" →
/// "Artagnan"): a capital on the article alone does not make a name. A lower-case article
/// stays ("l'ONG" is not capitalised, as before).
fn elided(w: &str) -> &str {
    match split_elision(w) {
        Some((true, rest)) => rest,
        _ => w,
    }
}

/// `name` without a lower-case elided article or preposition at its start ("d'Al Jazeera" →
/// "Al Jazeera", "l'ONG" → "ONG"); a capital one is part of a name ("L'Oréal", "D'Angelo").
pub fn strip_elision(name: String) -> String {
    match split_elision(&name) {
        Some((false, rest)) if rest.starts_with(char::is_alphabetic) => rest.to_string(),
        _ => name,
    }
}

/// True when `text` speaks in the first person ("I", "we", "Let me", "Let us").
pub fn first_person(lex: &LangLexicon, text: &str) -> bool {
    text.split_whitespace().any(|w| {
        let k = key(clean_word(w));
        lex.word(&k) & cat::PRON_1 != 0 || k == "let"
    })
}

/// Someone or something that spoke in the article, for coreference.
#[derive(Debug, Clone)]
struct Entity {
    name: String,
    words: Words,
    role: Option<String>,
    /// `role` folded, compared with a bare title's ("the president").
    role_folded: Option<String>,
    organization: Option<String>,
    /// `cat::HON_M` / `cat::HON_F` from its mentions' honorifics and titles and from the
    /// pronouns resolved to it.
    gender: u32,
    /// The part of `gender` its mentions' honorifics and titles gave: surer than a pronoun
    /// resolved by recency, so the only one that keeps "Mrs. Clinton" apart from "Bill Clinton".
    titled: u32,
    kind: SourceType,
}

/// A named, titled or described source as read off its phrase, ready for the [`Registry`]:
/// the description, its source type, the name to use when nobody is named (a group or a
/// document: "the campaign", "the report") and, folded once here, the words the registry
/// compares names by and the role it compares titles by. It depends only on the phrase, so an
/// article reads each distinct phrase once.
#[derive(Debug, Clone)]
pub struct Mention {
    pub d: Described,
    pub kind: SourceType,
    pub fallback: Option<String>,
    /// Folded words of the name, else of the fallback.
    words: Words,
    role_folded: Option<String>,
    /// Never the short form of a person's name met before ("Bloomberg News" after "Michael
    /// Bloomberg").
    not_a_person: bool,
}

impl Mention {
    /// True when this named mention is entity `e` of the registry: the same words, or some of
    /// them ("Peskov" for "Dmitri Peskov") where the kinds allow it.
    fn names(&self, e: &Entity) -> bool {
        // Nor is an organisation the short name of a document that names it ("la police"
        // after "un communiqué de la police londonienne"), or a document of an organisation.
        let org_doc = matches!(
            (self.kind, e.kind),
            (SourceType::Organization, SourceType::Document)
                | (SourceType::Document, SourceType::Organization)
        );
        // And a person given a gender by an honorific or title ("Mr. Clinton") is not the
        // short name of an organisation ("the Clinton Global Initiative").
        // Nor is "Mrs. Clinton" the short name of "President Bill Clinton": honorifics and
        // titles that give genders must agree.
        let gendered_org = self.d.gender != 0 && e.kind == SourceType::Organization;
        let genders_clash = self.d.gender != 0 && e.titled != 0 && self.d.gender & e.titled == 0;
        let kinds_fit = !(self.not_a_person && e.kind == SourceType::Person
            || org_doc
            || gendered_org
            || genders_clash);
        e.words == self.words
            || (kinds_fit && self.words.len() < e.words.len() && self.words.all_in(&e.words))
    }
}

/// The folded words of a name, as the registry compares them: one string, the words
/// separated by single spaces (a folded word holds no space: only whitespace folds to one),
/// and their number. One allocation per name where a `Vec<String>` took one per word, and
/// names are registered, cloned and compared for every attribution.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Words {
    folded: String,
    n: usize,
}

impl Words {
    /// The folded whitespace-separated words of `s`.
    fn of(s: &str) -> Self {
        let mut folded = String::with_capacity(s.len());
        let mut n = 0;
        for w in s.split_whitespace() {
            if n > 0 {
                folded.push(' ');
            }
            fold_into(w, &mut folded);
            n += 1;
        }
        Words { folded, n }
    }
    fn len(&self) -> usize {
        self.n
    }
    /// The words, as byte strings: a byte loop, cheaper than a string searcher on names this
    /// short. (`n == 0` is the empty string, which `split` would read as one empty word.)
    fn bytes(&self) -> impl Iterator<Item = &[u8]> {
        self.folded.as_bytes().split(|&b| b == b' ').take(self.n)
    }
    /// True when every word of `self` is one of `other`'s.
    fn all_in(&self, other: &Words) -> bool {
        self.bytes().all(|w| other.bytes().any(|o| o == w))
    }
}

impl Mention {
    pub fn new(d: Described, kind: SourceType, fallback: Option<String>) -> Self {
        let words = match (&d.name, &fallback) {
            (Some(n), _) | (None, Some(n)) => Words::of(n),
            (None, None) => Words::default(),
        };
        let role_folded = d.role.as_deref().map(fold);
        Mention {
            d,
            kind,
            fallback,
            words,
            role_folded,
            not_a_person: false,
        }
    }

    /// This mention, which the registry never resolves to a person.
    pub fn not_a_person(self) -> Self {
        Mention {
            not_a_person: true,
            ..self
        }
    }
    /// The same mention typed as an organisation (and never the short name of a person).
    pub fn as_organization(&self) -> Self {
        Mention {
            kind: SourceType::Organization,
            not_a_person: true,
            ..self.clone()
        }
    }
}

/// The speakers met so far in one article, most recent last.
#[derive(Debug, Default)]
pub struct Registry {
    entities: Vec<Entity>,
    /// Entity indices by recency (most recent last).
    order: Vec<usize>,
}

/// A resolved speaker.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolved {
    pub speaker: Option<String>,
    pub role: Option<String>,
    pub organization: Option<String>,
    pub kind: SourceType,
}

impl Resolved {
    /// No one resolved: the attribution's speaker, role and organisation stay null and `kind`
    /// says why (unknown, unresolved pronoun).
    pub fn none(kind: SourceType) -> Self {
        Resolved {
            speaker: None,
            role: None,
            organization: None,
            kind,
        }
    }
}

impl Registry {
    fn touch(&mut self, i: usize) {
        self.order.retain(|&x| x != i);
        self.order.push(i);
    }

    /// True when the named mention `m` would resolve to a speaker met before in the article
    /// (what [`Registry::mention`] would find, without registering anything).
    pub fn knows(&self, m: &Mention) -> bool {
        m.d.name.is_some() && self.recent(|e| m.names(e)).is_some()
    }

    fn recent(&self, pred: impl Fn(&Entity) -> bool) -> Option<usize> {
        self.order
            .iter()
            .rev()
            .copied()
            .find(|&i| pred(&self.entities[i]))
    }

    fn resolved(&self, i: usize) -> Resolved {
        let e = &self.entities[i];
        Resolved {
            speaker: Some(e.name.clone()),
            role: e.role.clone(),
            organization: e.organization.clone(),
            kind: e.kind,
        }
    }

    /// Resolves a pronoun (its categories) to the most recent compatible speaker.
    pub fn pronoun(&mut self, pron: u32) -> Resolved {
        let found = if pron & cat::PRON_M != 0 {
            self.recent(|e| e.kind == SourceType::Person && e.gender & cat::HON_F == 0)
        } else if pron & cat::PRON_F != 0 {
            self.recent(|e| e.kind == SourceType::Person && e.gender & cat::HON_M == 0)
        } else if pron & (cat::PRON_PL | cat::PRON_N) != 0 {
            self.recent(|e| {
                matches!(
                    e.kind,
                    SourceType::Organization
                        | SourceType::Document
                        | SourceType::WireAgency
                        | SourceType::StateMedia
                )
            })
        } else {
            None
        };
        match found {
            Some(i) => {
                self.entities[i].gender |= match pron {
                    p if p & cat::PRON_M != 0 => cat::HON_M,
                    p if p & cat::PRON_F != 0 => cat::HON_F,
                    _ => 0,
                };
                self.touch(i);
                self.resolved(i)
            }
            None => Resolved::none(SourceType::PronounUnresolved),
        }
    }

    /// Short person names that stand for one longer name registered in the same article,
    /// whichever came first ("Zelenskyy" and "Volodymyr Zelenskyy"): (short, full) pairs. A
    /// short name that fits several longer ones ("Biden": "Joe Biden", "Jill Biden") is left
    /// alone.
    pub fn full_names(&self) -> Vec<(String, String)> {
        let persons: Vec<&Entity> = self
            .entities
            .iter()
            .filter(|e| e.kind == SourceType::Person)
            .collect();
        let contains = |long: &Entity, short: &Entity| {
            short.words.len() < long.words.len() && short.words.all_in(&long.words)
        };
        let mut out = Vec::new();
        for e in &persons {
            let longer: Vec<&&Entity> = persons.iter().filter(|f| contains(f, e)).collect();
            // The longest form, when it holds every other candidate.
            let Some(full) = longer.iter().max_by_key(|f| f.words.len()) else {
                continue;
            };
            if longer
                .iter()
                .all(|f| f.name == full.name || contains(full, f))
            {
                out.push((e.name.clone(), full.name.clone()));
            }
        }
        out
    }

    /// Resolves a named or titled mention: a short name to the full name met earlier, a bare
    /// title ("the president") to its last holder; registers new speakers.
    pub fn mention(&mut self, m: &Mention) -> Resolved {
        let (d, kind) = (&m.d, m.kind);
        if let Some(name) = &d.name {
            let words = &m.words;
            let found = self.recent(|e| m.names(e));
            let i = match found {
                Some(i) => {
                    let e = &mut self.entities[i];
                    if e.role.is_none() {
                        e.role = d.role.clone();
                        e.role_folded = m.role_folded.clone();
                    }
                    if e.organization.is_none() {
                        e.organization = d.organization.clone();
                    }
                    e.gender |= d.gender;
                    e.titled |= d.gender;
                    i
                }
                None => {
                    // A longer form of an earlier short name ("Peskov" then "Dmitri Peskov").
                    self.entities.push(Entity {
                        name: name.clone(),
                        words: words.clone(),
                        role: d.role.clone(),
                        role_folded: m.role_folded.clone(),
                        organization: d.organization.clone(),
                        gender: d.gender,
                        titled: d.gender,
                        kind,
                    });
                    self.entities.len() - 1
                }
            };
            self.touch(i);
            let mut r = self.resolved(i);
            if d.role.is_some() {
                r.role = d.role.clone();
            }
            if d.organization.is_some() {
                r.organization = d.organization.clone();
            }
            return r;
        }
        if d.role.is_some()
            && kind == SourceType::Person
            && let Some(i) =
                self.recent(|e| e.role_folded.is_some() && e.role_folded == m.role_folded)
        {
            self.touch(i);
            return self.resolved(i);
        }
        let speaker = match kind {
            SourceType::Anonymous => None,
            _ => m.fallback.clone(),
        };
        if let Some(s) = &speaker
            && kind != SourceType::Person
        {
            let i = match self.recent(|e| e.words == m.words) {
                Some(i) => i,
                None => {
                    self.entities.push(Entity {
                        name: s.clone(),
                        words: m.words.clone(),
                        role: d.role.clone(),
                        role_folded: m.role_folded.clone(),
                        organization: d.organization.clone(),
                        gender: 0,
                        titled: 0,
                        kind,
                    });
                    self.entities.len() - 1
                }
            };
            self.touch(i);
        }
        Resolved {
            speaker,
            role: d.role.clone(),
            organization: d.organization.clone(),
            kind,
        }
    }
}
