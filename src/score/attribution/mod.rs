//! Source attribution: who is quoted, how, and in whose words (issue 5).
//!
//! One linear pass over the shared tokens of an [`Analysis`]:
//! 1. [`quotes`] finds top-level quotations by their marks (one scan of the text);
//! 2. [`cues`] finds reporting verbs and "according to" phrases (one hash lookup per token);
//! 3. for each cue, [`speaker`] finds the source noun phrase before (`X said`, `X, a doctor,
//!    said`) or after it (`said X`, `a déclaré Poutine`, `selon X`), and the content is the
//!    adjacent quote (direct), the rest of the clause ([`indirect`]: reported speech, mixed when
//!    it holds a quoted fragment, according-to), or the clause before the cue (`…, he said.`);
//! 4. quotes no cue claimed continue the previous speaker (floating);
//! 5. speakers are resolved in text order within the article ([`speaker::Registry`]).
//!
//! Every step looks at a bounded window of tokens around a cue, so the whole is linear in the
//! text length. All spans are byte offsets into the analysed text.

pub mod corpus;
pub mod cues;
pub mod indirect;
pub mod lexicon;
pub mod quotes;
pub mod speaker;

use std::cell::Cell;

use crate::lexicon::{LexiconError, LexiconSource};
use crate::model::{Attribution, AttributionKind, SourceType};
use crate::text::phrases::PhraseMatcher;
use crate::text::{Analysis, Span};
use cues::{Cue, CueKind};
use lexicon::{LangLexicon, MediaList, Phrases, SourceList, SourceMatches, cat};
use quotes::Quote;
use speaker::{Registry, Resolved, SourceNp};

/// Reporting verbs, cue phrases, titles and source-type lists for every language.
pub struct AttributionLexicon {
    langs: Vec<(String, LangLexicon)>,
    /// The parsed codes of `langs`, for language detection restricted to them.
    supported: Vec<crate::text::Lang>,
    pub wire_agencies: MediaList,
    pub state_media: MediaList,
    /// News outlets (`attribution/news_media.tsv`): organisations when they speak ("selon le
    /// Figaro", "CNN reported"), named by their canonical name.
    pub news_media: MediaList,
    /// Countries (`attribution/countries.tsv`) beyond the entity lexicon's: organisations
    /// when they speak ("Moldova said", "la Lituanie a annoncé"), by their English name.
    pub countries: MediaList,
    /// Names of countries, governments and institutions from the entity lexicon
    /// (`entities/entities.tsv`, set by `Lexicons::load`), then of [`Self::news_media`] and
    /// [`Self::countries`]: a
    /// speaker whose whole name is one is an organisation ("Ukraine said", "The U.S. said",
    /// "Figaro"), not a person.
    known_organizations: PhraseMatcher,
    /// The display name of each known organisation, by [`Self::known_organizations`]' payload.
    known_organization_names: Vec<String>,
    /// `attribution/given_names.tsv`: short forms of given names and the name they stand for
    /// (folded: "joe" → "joseph"), so the corpus step knows "Joe Biden" and "Joseph R Biden"
    /// for one first name ([`corpus::unify_surnames`]).
    pub given_names: rustc_hash::FxHashMap<String, String>,
}

impl AttributionLexicon {
    /// Loads every language folder that has a `reporting_verbs.tsv`, plus the shared
    /// `attribution/wire_agencies.tsv`, `attribution/state_media.tsv` and
    /// `attribution/news_media.tsv`.
    pub fn load(src: &LexiconSource) -> Result<Self, LexiconError> {
        Self::load_with_organizations(src, &[])
    }

    /// [`AttributionLexicon::load`] with the known organisations set at once (see
    /// [`AttributionLexicon::set_known_organizations`]): the source-list automata are built
    /// once instead of twice (most of this lexicon's load).
    pub fn load_with_organizations(
        src: &LexiconSource,
        orgs: &[(&str, &[String])],
    ) -> Result<Self, LexiconError> {
        let mut langs = Vec::new();
        for lang in src.languages() {
            if src.exists(&format!("{lang}/reporting_verbs.tsv")) {
                let l = LangLexicon::load(src, &lang)?;
                langs.push((lang, l));
            }
        }
        let supported = langs
            .iter()
            .filter_map(|(l, _)| crate::text::Lang::parse(l))
            .collect();
        let mut lex = AttributionLexicon {
            langs,
            supported,
            wire_agencies: MediaList::load(src, "attribution/wire_agencies.tsv")?,
            state_media: MediaList::load(src, "attribution/state_media.tsv")?,
            news_media: MediaList::load(src, "attribution/news_media.tsv")?,
            countries: MediaList::load(src, "attribution/countries.tsv")?,
            known_organizations: PhraseMatcher::new(std::iter::empty()),
            known_organization_names: Vec::new(),
            given_names: Default::default(),
        };
        let rel = "attribution/given_names.tsv";
        if src.exists(rel) {
            for (_, f) in src.read_tsv(rel, 2)? {
                lex.given_names.insert(
                    crate::text::fold::fold(&f[0]),
                    crate::text::fold::fold(&f[1]),
                );
            }
        }
        lex.set_known_organizations(orgs);
        Ok(lex)
    }

    /// Sets the countries, governments and institutions, `(display name, aliases)`, that make
    /// a speaker an organisation (see [`AttributionLexicon::known_organizations`]); the news
    /// outlets are added after them.
    pub fn set_known_organizations(&mut self, orgs: &[(&str, &[String])]) {
        let mut names: Vec<String> = orgs.iter().map(|(n, _)| n.to_string()).collect();
        let mut patterns: Vec<(&str, u32)> = orgs
            .iter()
            .enumerate()
            .flat_map(|(i, (_, aliases))| aliases.iter().map(move |a| (a.as_str(), i as u32)))
            .collect();
        for list in [&self.news_media, &self.countries] {
            let offset = names.len() as u32;
            names.extend(list.names.iter().cloned());
            patterns.extend(list.aliases.iter().map(|(a, i)| (a.as_str(), offset + i)));
        }
        self.known_organizations = PhraseMatcher::new(patterns);
        self.known_organization_names = names;
        self.build_source_lists();
    }

    /// Merges each language's source lists with the shared ones ([`lexicon::SourceList`]).
    fn build_source_lists(&mut self) {
        for (_, l) in &mut self.langs {
            l.source_lists = PhraseMatcher::union(&[
                &self.state_media.matcher,
                &self.wire_agencies.matcher,
                &l.anonymous,
                &l.documents,
                &l.organizations,
                &self.known_organizations,
            ]);
        }
    }

    /// The lexicon for `lang` (`None` → English, the language of most input without a label).
    pub fn for_lang(&self, lang: Option<crate::text::Lang>) -> Option<&LangLexicon> {
        self.lang_index(lang).map(|(_, x)| x)
    }

    /// [`AttributionLexicon::for_lang`] with the lexicon's index among the languages.
    fn lang_index(&self, lang: Option<crate::text::Lang>) -> Option<(usize, &LangLexicon)> {
        let code = lang.as_ref().map_or("en", |l| l.code());
        self.langs
            .iter()
            .position(|(l, _)| l == code)
            .map(|i| (i, &self.langs[i].1))
    }

    /// Languages with attribution rules, parsed once at load (language detection per document
    /// is restricted to them).
    pub fn supported(&self) -> &[crate::text::Lang] {
        &self.supported
    }
}

/// The per-article view the rules read: tokens' lookup keys, their sentence, the quote holding
/// them and whether they are part of a cue.
///
/// Word categories are looked up lazily, on the first question about a token, and remembered:
/// the rules only ever ask about the tokens around cues and at sentence starts, and the cue
/// scan skips almost every token on a bitmap test of its key ([`LangLexicon::may_start_cue`]),
/// so most tokens of an article never cost a hash lookup (one lookup per token was a third of
/// extraction's instructions and most of its mispredicted branches).
pub struct Ctx<'a, 'b> {
    pub a: &'b Analysis<'a>,
    pub lex: &'b LangLexicon,
    /// Per token: its key, a slice of [`Analysis::lower_text`] or, for the few keys that differ
    /// from the lower-cased core (’ normalised, a clitic stripped), of an arena the caller
    /// owns. A plain `&str` rather than a `Cow` per token: reading a key is one load (the
    /// rules read them all the time) and dropping the view walks nothing.
    keys: Vec<&'b str>,
    /// Per token: its lexicon categories and the phrase indexes it starts, once looked up
    /// ([`VOCAB_KNOWN`] set); zero until then.
    vocab: Vec<Cell<lexicon::VocabEntry>>,
    /// Per token: its index in `sentences`.
    sentence_of: Vec<u32>,
    /// The analysis' sentences as the rules see them: `(first token, end token, paragraph)`,
    /// a sentence longer than [`MAX_SENTENCE_TOKENS`] cut into pieces of that length.
    sentences: Vec<(u32, u32, u32)>,
    quote_of: Vec<u32>,
    cue_of: Vec<bool>,
}

/// The longest sentence, in tokens, the rules read as one. Text without sentence punctuation
/// (a scraped list, a 5 MB paste) is otherwise one sentence, and a reported clause runs to the
/// sentence's end: every cue in it then had the rest of the text as its content, output
/// quadratic in the text's length (1.1 MB gave 4 GB of memory and 1 GB of JSON lines). Real
/// sentences stay far below it (the longest in the sample and PolNeAR is under 200 tokens).
const MAX_SENTENCE_TOKENS: u32 = 250;

/// The memory of a [`Ctx`]'s per-token vectors, kept by an [`Extractor`] from one article to
/// the next: allocating and freeing them per article (large blocks for long articles) cost
/// more than clearing them.
#[derive(Default)]
struct CtxBuffers {
    /// Always empty between articles (see [`recycle_keys`]).
    keys: Vec<&'static str>,
    vocab: Vec<Cell<lexicon::VocabEntry>>,
    sentence_of: Vec<u32>,
    sentences: Vec<(u32, u32, u32)>,
    quote_of: Vec<u32>,
    cue_of: Vec<bool>,
    arena: String,
}

/// `keys` emptied, as a vector of keys of any lifetime, keeping its memory (a collect from a
/// vector's own iterator into a vector of the same layout reuses its buffer).
fn recycle_keys<'y>(mut keys: Vec<&str>) -> Vec<&'y str> {
    keys.clear();
    keys.into_iter()
        .map(|_| -> &'y str { unreachable!() })
        .collect()
}

/// Bit of [`lexicon::VocabEntry::starts`] marking an entry of [`Ctx`] as looked up.
const VOCAB_KNOWN: u8 = 0x80;

impl<'a, 'b> Ctx<'a, 'b> {
    /// `arena` receives the keys that are not slices of the lower-cased text.
    /// `bufs` lends the memory of the per-token vectors ([`Ctx::recycle`] gives it back).
    fn new(
        a: &'b Analysis<'a>,
        lex: &'b LangLexicon,
        quotes: &[Quote],
        arena: &'b mut String,
        bufs: &mut CtxBuffers,
    ) -> Self {
        use crate::text::flags::{APOSTROPHE, ASCII};
        let n = a.tokens.len();
        let mut keys = recycle_keys(std::mem::take(&mut bufs.keys));
        // (token, range in `arena`) of the keys that are not the lower-cased core.
        let mut special: Vec<(usize, usize, usize)> = Vec::new();
        arena.clear();
        // One pass: the key of every token, and the special ones noted on the way (a second
        // loop over the tokens for their flags cost about a third as much as the keys).
        keys.extend(a.tokens.iter().enumerate().map(|(i, t)| {
            let k = a.lower_core_of(t);
            // An ASCII token without an apostrophe (the analysis's flags, no scan) is its own
            // key: only a non-ASCII key can hold ’ or ʼ, and a clitic needs an apostrophe.
            if t.flags & (ASCII | APOSTROPHE) != ASCII
                && let Some(sk) = special_key(lex, k, t.has(ASCII))
            {
                special.push((i, arena.len(), arena.len() + sk.len()));
                arena.push_str(&sk);
            }
            k
        }));
        let arena: &'b str = arena;
        for (i, s, e) in special {
            keys[i] = &arena[s..e];
        }
        let reuse = |mut v: Vec<u32>| {
            v.clear();
            v.resize(n, 0);
            v
        };
        let mut sentence_of = reuse(std::mem::take(&mut bufs.sentence_of));
        let mut sentences = std::mem::take(&mut bufs.sentences);
        sentences.clear();
        for s in &a.sentences {
            let (mut f, end) = s.tokens;
            while f < end {
                let e = end.min(f + MAX_SENTENCE_TOKENS);
                sentence_of[f as usize..e as usize].fill(sentences.len() as u32);
                sentences.push((f, e, s.paragraph));
                f = e;
            }
        }
        let mut quote_of = reuse(std::mem::take(&mut bufs.quote_of));
        for (qi, q) in quotes.iter().enumerate() {
            let mut t = a.token_at(q.outer.start as usize);
            while t < n && a.tokens[t].span.start < q.outer.end {
                quote_of[t] = qi as u32 + 1;
                t += 1;
            }
        }
        let mut vocab = std::mem::take(&mut bufs.vocab);
        vocab.clear();
        vocab.resize(n, Cell::new(lexicon::VocabEntry::default()));
        let mut cue_of = std::mem::take(&mut bufs.cue_of);
        cue_of.clear();
        cue_of.resize(n, false);
        Ctx {
            a,
            lex,
            keys,
            vocab,
            sentence_of,
            sentences,
            quote_of,
            cue_of,
        }
    }

    /// Gives the memory of the per-token vectors back to `bufs` for the next article.
    fn recycle(self, bufs: &mut CtxBuffers) {
        bufs.keys = recycle_keys(self.keys);
        bufs.vocab = self.vocab;
        bufs.sentence_of = self.sentence_of;
        bufs.sentences = self.sentences;
        bufs.quote_of = self.quote_of;
        bufs.cue_of = self.cue_of;
    }

    #[inline]
    pub fn n(&self) -> usize {
        self.keys.len()
    }
    /// Lower-case core of token `i`, apostrophes normalised.
    #[inline]
    pub fn key(&self, i: usize) -> &'b str {
        self.keys[i]
    }
    /// The first token of `from..to` that may start a cue (its key passes
    /// [`LangLexicon::may_start_cue`], or may end in a French inversion suffix,
    /// [`LangLexicon::may_be_inversion`]), else `to`. The cue scan's inner loop over every
    /// token: no lookup and no per-token sentence test (the caller handles sentence starts).
    pub fn next_cue_candidate(&self, from: usize, to: usize) -> usize {
        let inversions = self.lex.has_inversions();
        self.keys[from..to]
            .iter()
            .position(|k| {
                let k = k.as_bytes();
                self.lex.may_start_cue(k) || (inversions && self.lex.may_be_inversion(k))
            })
            .map_or(to, |p| from + p)
    }
    /// True when token `i` may start a cue (the test of [`Ctx::next_cue_candidate`]).
    #[inline]
    pub fn is_cue_candidate(&self, i: usize) -> bool {
        let k = self.keys[i].as_bytes();
        self.lex.may_start_cue(k) || (self.lex.has_inversions() && self.lex.may_be_inversion(k))
    }
    /// The vocabulary entry of token `i`, looked up on first use.
    #[inline]
    fn entry(&self, i: usize) -> lexicon::VocabEntry {
        let e = self.vocab[i].get();
        if e.starts & VOCAB_KNOWN != 0 {
            return e;
        }
        self.look_up(i)
    }
    #[cold]
    #[inline(never)]
    fn look_up(&self, i: usize) -> lexicon::VocabEntry {
        let mut e = self.lex.vocab.get(self.key(i)).copied().unwrap_or_default();
        e.starts |= VOCAB_KNOWN;
        self.vocab[i].set(e);
        e
    }
    /// Categories of token `i` (`cat::*` bits; 0 when the word is not in the lexicon).
    #[inline]
    pub fn word(&self, i: usize) -> u32 {
        self.entry(i).cats
    }
    /// Which phrase indexes have a phrase starting with token `i` (`Phrases::bit`).
    #[inline]
    pub fn starts(&self, i: usize) -> u8 {
        self.entry(i).starts & !VOCAB_KNOWN
    }
    #[inline]
    pub fn sentence(&self, i: usize) -> u32 {
        self.sentence_of[i]
    }
    #[inline]
    pub fn sentence_first(&self, i: usize) -> usize {
        self.sentences[self.sentence_of[i] as usize].0 as usize
    }
    #[inline]
    pub fn sentence_last(&self, i: usize) -> usize {
        self.sentences[self.sentence_of[i] as usize].1 as usize - 1
    }
    /// Index of token `i`'s paragraph.
    #[inline]
    pub fn paragraph(&self, i: usize) -> u32 {
        self.sentences[self.sentence_of[i] as usize].2
    }
    #[inline]
    pub fn in_quote(&self, i: usize) -> bool {
        self.quote_of[i] != 0
    }
    #[inline]
    pub fn quote_at(&self, i: usize) -> Option<usize> {
        (self.quote_of[i] != 0).then(|| self.quote_of[i] as usize - 1)
    }
    #[inline]
    pub fn is_cue(&self, i: usize) -> bool {
        self.cue_of[i]
    }
    /// True when the token ends in punctuation (`said,`, `Peskov.`).
    ///
    /// The period of an abbreviation or initial inside a sentence (`Ms.`, `Sen.`, `U.S.`,
    /// `John F. Kennedy`) does not count: the sentence splitter already decided it ends nothing.
    #[inline]
    pub fn trailing_punct(&self, i: usize) -> bool {
        let t = &self.a.tokens[i];
        if t.span.end <= t.core.end {
            return false;
        }
        let tail = &self.a.text[t.core.end as usize..t.span.end as usize];
        // ("42% say": a percent sign is part of the word.)
        tail != "%" && !(tail == "." && i != self.sentence_last(i) && !t.core.is_empty())
    }
    /// Capitalised, also after a French elision (`l'AFP`, `d'Emmanuel`). Computed when asked:
    /// the rules ask about the tokens around cues and sentence starts, not every token.
    #[inline]
    pub fn capitalised(&self, i: usize) -> bool {
        self.a.tokens[i].has(crate::text::flags::CAPITALISED) || capital_after_elision(self.a, i)
    }
    /// From the core start of `first` to the core end of `last`.
    #[inline]
    pub fn core_span(&self, first: usize, last: usize) -> Span {
        let f = &self.a.tokens[first];
        let l = &self.a.tokens[last];
        let s = if f.core.is_empty() {
            f.span.start
        } else {
            f.core.start
        };
        let e = if l.core.is_empty() {
            l.span.end
        } else {
            l.core.end
        };
        Span {
            start: s,
            end: e.max(s),
        }
    }
}

/// True when token `i`, not flagged capitalised, is after a French elision (`l'AFP`,
/// `d'Emmanuel`).
///
/// Asked on demand by the rules (a minority of tokens); the analysis' `APOSTROPHE` flag (the
/// chunk holds `'` or `’`) rules out almost all of them before any char is decoded.
fn capital_after_elision(a: &Analysis, i: usize) -> bool {
    if a.tokens[i].flags & crate::text::flags::APOSTROPHE == 0 {
        return false;
    }
    let core = a.token_core(i);
    match speaker::apostrophe(core) {
        Some((p, end)) if p <= 3 => core[end..].starts_with(char::is_uppercase),
        _ => false,
    }
}

/// The key of a token whose lower-cased core is `k`, when it differs from `k`: ’ and ʼ
/// normalised to `'`, and a clitic stripped from a pronoun ("he's telling", "she'd said": the
/// pronoun is what the rules need). `None` for the common case, `k` itself. `ascii`: the
/// token's [`ASCII`](crate::text::flags::ASCII) flag (only a non-ASCII key can hold ’ or ʼ).
fn special_key(lex: &LangLexicon, k: &str, ascii: bool) -> Option<String> {
    let norm = (!ascii && k.contains(['’', 'ʼ'])).then(|| lexicon::key(k));
    let kk = norm.as_deref().unwrap_or(k);
    if kk.len() > 2 && kk.as_bytes()[kk.len() - 3..].contains(&b'\'') {
        for clitic in ["'s", "'d", "'ll", "'ve", "'re"] {
            if let Some(base) = kk.strip_suffix(clitic)
                && lex.word(base) & cat::PRON != 0
            {
                return Some(base.to_string());
            }
        }
    }
    norm
}

/// An attribution before speaker resolution.
#[derive(Debug, Clone)]
struct Candidate {
    kind: AttributionKind,
    content: Span,
    source: Option<SourceNp>,
    cue: Option<Span>,
    verb: Option<u32>,
    /// For floating quotes: the candidate whose speaker continues.
    parent: Option<usize>,
    /// Paragraph of the cue (or quote), for floating-quote adjacency.
    paragraph: u32,
}

impl Candidate {
    /// An attribution introduced by cue `c` (the one constructor for every cued kind, so the
    /// cue span and verb are taken from the cue the same way everywhere).
    fn cued(
        c: &Cue,
        kind: AttributionKind,
        content: Span,
        source: Option<SourceNp>,
        paragraph: u32,
    ) -> Self {
        Candidate {
            kind,
            content,
            source,
            cue: Some(c.span),
            verb: match c.kind {
                CueKind::Verb(v) => Some(v),
                CueKind::AccordingTo | CueKind::Colon => None,
            },
            parent: None,
            paragraph,
        }
    }
}

/// The form of "be" that makes cue `c` passive ("Sanders was declared the winner", "he was
/// asked whether", "is expected to", "a été annoncé", "was finally rejected", "a été
/// finalement rejeté"): `passive` in `attribution_words.tsv`, before the verb over adverbs and
/// auxiliaries only, the verb not a present participle ("was saying" is active). With no
/// agent ([`agent_passive`]) the subject is what the words are about, not who said them, so
/// the attribution has no source.
fn passive_be(ctx: &Ctx, c: &Cue) -> Option<usize> {
    if c.inverted.is_some() || !matches!(c.kind, CueKind::Verb(_)) {
        return None;
    }
    let verb = (c.first..=c.last)
        .find(|&t| ctx.word(t) & (cat::AUX | cat::PASSIVE | cat::SKIP) == 0)
        .unwrap_or(c.last);
    // ("was quick to note", "is able to say": a copula before a catenative adjective.)
    if ctx.key(verb).ends_with("ing")
        || verb < c.last && ctx.lex.catenatives.contains(ctx.key(verb))
    {
        return None;
    }
    let lo = ctx.sentence_first(c.first);
    let mut j = verb;
    let mut steps = 0;
    while j > lo && steps < 4 {
        j -= 1;
        if ctx.trailing_punct(j) {
            return None;
        }
        let w = ctx.word(j);
        if w & cat::PASSIVE != 0 {
            // "Les dirigeants se sont félicités": a reflexive before the auxiliary makes a
            // pronominal verb, not a passive ("la réforme est jugée injuste").
            return (!(j > lo && ctx.word(j - 1) & cat::REFL != 0)).then_some(j);
        }
        if (w & (cat::SKIP | cat::AUX) == 0 && !speaker::is_verb_group_adverb(ctx, j))
            || w & cat::PRON != 0
        {
            return None;
        }
        steps += 1;
    }
    None
}

/// A passive cue with its agent, as PolNeAR annotates it: the phrase after "by"/"par"
/// (`agent` in `attribution_words.tsv`) is the source and the phrase the verb is about the
/// content — "Trump has been criticized by some of his rivals" (content "Trump"), "The
/// amendment proposed by the Republicans", "L'amendement a été rejeté par l'Assemblée". Before,
/// the subject was taken as the source and "by his rivals …" as the content. A means is no
/// agent ("said by phone": a lower-case singular noun with no determiner), nor is a phrase
/// after a present participle ("saying by the end").
fn agent_passive(ctx: &Ctx, c: &Cue, be: Option<usize>) -> Option<(SourceNp, Span)> {
    if c.inverted.is_some() || !matches!(c.kind, CueKind::Verb(_)) || is_participle(ctx, c) {
        return None;
    }
    let b = c.last + 1;
    if b >= ctx.n()
        || ctx.trailing_punct(c.last)
        || ctx.sentence(b) != ctx.sentence(c.last)
        || !ctx.lex.agent_prepositions.contains(ctx.key(b))
    {
        return None;
    }
    // Strict first (names, titles, determiner phrases), then with lower-case nouns ("par les
    // syndicats"), never running into the next verb ("les syndicats a été adoptée").
    let mut src = speaker::after(ctx, b, false).or_else(|| speaker::after(ctx, b, true))?;
    while src.last > src.first
        && ctx.word(src.last) & (cat::AUX | cat::PASSIVE | cat::SKIP) != 0
        && ctx.word(src.last) & cat::PRON == 0
    {
        src.last -= 1;
        src.span = ctx.core_span(src.first, src.last);
    }
    // A deadline is no agent either ("by July 31").
    let w = ctx.word(src.first);
    let agentive = src.pronoun.is_some()
        || ctx.capitalised(src.first) && !(w & cat::TIME != 0 && w & cat::DET == 0)
        || w & (cat::DET | cat::QUANT | cat::POSS | cat::GROUP) != 0
        || speaker::is_plural_key(ctx.key(src.first))
            && !speaker::is_possessive(ctx.a.token_core(src.first));
    if !agentive {
        return None;
    }
    let lo = ctx.sentence_first(c.first);
    // The content ends before the form of "be" and the auxiliaries before it ("has been
    // criticized"), or before the participle that follows its noun.
    let mut before = be.unwrap_or(c.first);
    while before > lo
        && !ctx.trailing_punct(before - 1)
        && (be.is_some()
            && ctx.word(before - 1) & (cat::AUX | cat::SKIP | cat::PASSIVE) != 0
            && ctx.word(before - 1) & cat::PRON == 0
            // (Not -ment here: before the participle a noun can stand, "a sentiment endorsed by".)
            || ctx.word(before - 1) == 0 && speaker::is_adverb(ctx, before - 1))
    {
        before -= 1;
    }
    if before <= lo || ctx.trailing_punct(before - 1) || ctx.is_cue(before - 1) {
        return None;
    }
    let e = before - 1;
    // With no "be", the participle must follow a noun or a name ("the amendment proposed by",
    // not "he then backed by").
    let function_word = cat::PRON
        | cat::STOP
        | cat::THAT
        | cat::NP
        | cat::AUX
        | cat::SKIP
        | cat::PASSIVE
        | cat::DET
        | cat::CONJ;
    if be.is_none() && ctx.word(e) & function_word != 0 {
        return None;
    }
    let f = speaker::np_left(ctx, e, lo);
    Some((src, ctx.core_span(f, e)))
}

/// The source of a cue in a gerund clause ("he hinted at Trump by mentioning the wall",
/// "after noting that", "en affirmant que"): the subject of the main clause — the source of the
/// previous cue of the sentence, else the last third-person pronoun before it.
fn gerund_subject(
    ctx: &Ctx,
    cues: &[Cue],
    sources: &[(Option<SourceNp>, bool)],
    ci: usize,
) -> Option<SourceNp> {
    let c = &cues[ci];
    let lo = ctx.sentence_first(c.first);
    if c.first <= lo
        || ctx.word(c.first - 1) & cat::GERUND_PREP == 0
        || ctx.trailing_punct(c.first - 1)
        || !is_participle(ctx, c)
    {
        return None;
    }
    if let Some(s) = previous_source(ctx, cues, sources, ci) {
        return Some(s);
    }
    (lo..c.first - 1)
        .rev()
        .find(|&t| {
            let w = ctx.word(t);
            w & cat::PRON != 0 && w & cat::PRON_1 == 0 && !ctx.in_quote(t)
        })
        .map(|t| SourceNp::pronoun(ctx, t, ctx.word(t) & cat::PRON))
        // "Vladimir Putin began the conversation by noting": the clause's subject.
        .or_else(|| speaker::clause_subject(ctx, c.first - 1))
}

/// The source of the cue before cue `ci` when both are in the same sentence: the subject a
/// participle or gerund clause borrows (", adding that …", "by mentioning …").
fn previous_source(
    ctx: &Ctx,
    cues: &[Cue],
    sources: &[(Option<SourceNp>, bool)],
    ci: usize,
) -> Option<SourceNp> {
    (ci > 0 && ctx.sentence(cues[ci - 1].last) == ctx.sentence(cues[ci].first))
        .then(|| sources[ci - 1].0)
        .flatten()
}

/// The source of the previous cue of the sentence when cue `ci` is a verb coordinated with it
/// ("Some strategists fear that Clinton missed a chance and warn that …", "Trump denied the
/// report but said …"): right after a conjunction with no comma, the previous cue a verb
/// whose source stands before it. Read as a sentence's subject instead, "some strategists"
/// was cut to "Some".
fn coordinated_source(
    ctx: &Ctx,
    cues: &[Cue],
    sources: &[(Option<SourceNp>, bool)],
    ci: usize,
) -> Option<SourceNp> {
    let c = &cues[ci];
    if ci == 0
        || c.first == 0
        || ctx.word(c.first - 1) & cat::CONJ == 0
        || ctx.trailing_punct(c.first - 1)
        || c.first - 1 <= ctx.sentence_first(c.first)
        || ctx.trailing_punct(c.first - 2)
        || !matches!(cues[ci - 1].kind, CueKind::Verb(_))
    {
        return None;
    }
    // A form that may be a noun is a verb only before what opens its object or clause
    // ("and warn that", "and support him"; not "her dealings and favors to foreign
    // governments").
    let CueKind::Verb(v) = c.kind else {
        return None;
    };
    if c.first == c.last
        && cues::nounable(ctx.lex, ctx.key(c.first), &ctx.lex.verbs[v as usize].lemma)
        && !(c.last < ctx.sentence_last(c.last)
            && !ctx.trailing_punct(c.last)
            && (ctx.word(c.last + 1) & (cat::THAT | cat::DET | cat::PRON) != 0
                || ctx.capitalised(c.last + 1)))
    {
        return None;
    }
    match sources[ci - 1] {
        (Some(s), true) if ctx.sentence(cues[ci - 1].last) == ctx.sentence(c.first) => Some(s),
        _ => None,
    }
}

/// True when the cue's verb is a present participle ("saying", "talking about", "pointing
/// out", "en affirmant"): its first word that is not an auxiliary or adverb, so a phrasal verb's
/// particle does not hide it.
fn is_participle(ctx: &Ctx, c: &Cue) -> bool {
    let verb = (c.first..=c.last)
        .find(|&t| ctx.word(t) & (cat::AUX | cat::PASSIVE | cat::SKIP) == 0)
        .unwrap_or(c.last);
    let k = ctx.key(verb);
    k.ends_with("ing") || k.ends_with("ant")
}

/// True for a participle cue that is not part of a finite verb ("ads attacking Christie",
/// "…, calling him": not "was saying", "is calling for"): no form of "be" or auxiliary in the
/// cue or right before it (over adverbs). The phrase after such a cue is its object, never
/// its source; after a comma (", saying that …", ", pointing out …") it opens a non-finite
/// clause whose speaker is the main clause's subject.
fn is_bare_participle(ctx: &Ctx, c: &Cue) -> bool {
    if c.inverted.is_some() || !matches!(c.kind, CueKind::Verb(_)) || !is_participle(ctx, c) {
        return false;
    }
    if (c.first..=c.last).any(|t| ctx.word(t) & (cat::AUX | cat::PASSIVE) != 0) {
        return false;
    }
    let lo = ctx.sentence_first(c.first);
    let mut j = c.first;
    let mut steps = 0;
    while j > lo && steps < 3 {
        j -= 1;
        let w = ctx.word(j);
        if w & (cat::AUX | cat::PASSIVE) != 0 && w & cat::PRON == 0 {
            return false;
        }
        if w & cat::SKIP == 0 || ctx.trailing_punct(j) {
            break;
        }
        steps += 1;
    }
    true
}

/// The source after cue `c` when none precedes it: `said Holan.`, `said Smith, a pollster`,
/// `said Smith on Tuesday`, `said an official who was briefed`. A name followed by more of its
/// clause is the subject of the reported words, not their source ("and said Manafort was not
/// involved", "said Latino voters are interested"). After a quote and its comma (`…,” said
/// the man who built …`, `said his best friend at Lehigh, Bruce Turry`) the source may open
/// with lower-case words.
fn source_after(ctx: &Ctx, quotes: &[Quote], c: &Cue) -> After {
    let ends_clause = |p: &SourceNp| {
        let t = p.last + 1;
        ctx.trailing_punct(p.last)
            || p.last == ctx.sentence_last(p.last)
            || ctx.word(t) & (cat::TIME | cat::REL | cat::GERUND_PREP | cat::VENUE) != 0
                && ctx.word(t) & (cat::PASSIVE | cat::SKIP) == 0
            || ctx.a.token_text(t).starts_with('(')
    };
    let plain = speaker::after(ctx, c.last, false);
    if let Some(p) = plain.filter(ends_clause) {
        return After::Source(p);
    }
    let after_quote = c.first > 0
        && ctx
            .quote_at(c.first - 1)
            .is_some_and(|q| quotes[q].comma_after);
    let lenient = after_quote
        .then(|| speaker::after(ctx, c.last, true))
        .flatten()
        .filter(ends_clause);
    match (lenient, plain) {
        (Some(p), _) => After::Source(p),
        (None, Some(_)) => After::ReportedSubject,
        (None, None) => After::Nothing,
    }
}

/// True when token `r`, right after a source and its comma, opens what reads as a description
/// of that source rather than a clause: an indefinite article ("a Republican strategist"), or a
/// lower-case word that is no determiner, quantifier or pronoun ("head of the center",
/// "including one from …").
fn apposition_start(ctx: &Ctx, r: usize) -> bool {
    let w = ctx.word(r);
    matches!(ctx.key(r), "a" | "an" | "un" | "une")
        || !ctx.capitalised(r)
            && w & (cat::DET | cat::QUANT | cat::PRON) == 0
            && !ctx
                .a
                .token_core(r)
                .starts_with(|c: char| c.is_ascii_digit())
}

/// True when the words `r..=to` after a parenthetical cue open with a lower-case -ing word
/// that is no cue ("…, he said, wiping sweat off his face", "…, she said, smiling."): what the
/// speaker did while speaking. Not a gerund subject of a clause ("…, he said, replacing
/// Clinton would be acrimonious": a modal or a form of "be" follows).
fn participle_of_manner(ctx: &Ctx, r: usize, to: usize) -> bool {
    r <= to
        && !ctx.capitalised(r)
        && ctx.key(r).ends_with("ing")
        && ctx.word(r) == 0
        && !ctx.is_cue(r)
        && (r + 1..=to)
            .all(|t| ctx.word(t) & (cat::SKIP | cat::AUX | cat::PASSIVE) == 0 && !ctx.is_cue(t))
}

/// True for a year of four digits ("2014").
fn is_year(core: &str) -> bool {
    core.len() == 4 && core.bytes().all(|b| b.is_ascii_digit())
}

/// True when tokens `r..=to` are a capitalised possessive and a title ("Politifact's editor",
/// "Obama's former chief of staff"): a description, no clause.
fn possessive_title(ctx: &Ctx, r: usize, to: usize) -> bool {
    r < to
        && ctx.capitalised(r)
        && speaker::is_possessive(ctx.a.token_core(r))
        && !ctx.trailing_punct(r)
        && (r + 1..=to.min(r + 3)).any(|t| cues::match_phrase(ctx, Phrases::Titles, t).is_some())
}

/// True when tokens `r..=to` open with a phrase of place or occasion: a preposition (`venue`)
/// before a determiner or a name ("at a rally", "lors d'une conférence", "on Fox News"), not
/// a phrase of manner before a verb's object ("in detail social measures", "à long terme").
fn venue_phrase(ctx: &Ctx, r: usize, to: usize) -> bool {
    r < to
        && ctx.word(r) & (cat::VENUE | cat::DET) == cat::VENUE
        && (ctx.word(r + 1) & (cat::DET | cat::POSS) != 0
            || ctx.capitalised(r + 1)
            // "in posing the question", "while campaigning in Ohio": a gerund.
            || ctx.key(r + 1).ends_with("ing") && ctx.word(r + 1) == 0 && !ctx.capitalised(r + 1)
            // "…, Politico reported in 2014."
            || is_year(ctx.a.token_core(r + 1))
            // an elided article: "lors d'une conférence", "devant l'Assemblée"
            || matches!(ctx.key(r + 1).get(..2), Some("d'" | "l'")))
}

/// True for the categories of a word that opens a phrase set before a sentence's subject
/// ("In Ohio,", "On Tuesday,", "However,", "After the vote,"), not a clause: a preposition, a
/// time word that is no determiner ("the" is one), a sentence adverb.
fn opening_phrase_word(w: u32) -> bool {
    w & (cat::VENUE | cat::OPENER | cat::GERUND_PREP) != 0
        || w & (cat::TIME | cat::DET) == cat::TIME
        || w & (cat::STOP | cat::DET) == cat::STOP
}

/// What [`source_after`] found after a cue.
enum After {
    /// The source ("said Holan.").
    Source(SourceNp),
    /// A phrase that opens the reported clause ("said Manafort was not involved").
    ReportedSubject,
    Nothing,
}

/// `Asked if the comments had rattled them, Ryan said …`, `… when asked whether he would`,
/// `Interrogé sur …, le ministre a répondu`: a past participle opening its sentence, or after
/// a subordinator (`gerund_prep`: when, after, if), heads an agentless passive clause: whoever
/// asked is not named. An inverted source ("Added the senator, …", "Said Smith:") is a phrase
/// ending the clause right after the verb, and keeps its source.
fn passive_clause_opener(ctx: &Ctx, c: &Cue) -> bool {
    let CueKind::Verb(v) = c.kind else {
        return false;
    };
    if c.inverted.is_some() || c.first != c.last {
        return false;
    }
    // A regular past participle: English -ed ("asked", "pressed"), French -é(e)(s)
    // ("interrogé", "interrogée"); not a present participle ("affirmant") or a noun ("alerte").
    let k = ctx.key(c.first);
    let participle = ["ed", "é", "ée", "és", "ées"]
        .iter()
        .any(|e| k.ends_with(e));
    if !participle || k == ctx.lex.verbs[v as usize].lemma {
        return false;
    }
    let lo = ctx.sentence_first(c.first);
    let opens = c.first == lo
        || (ctx.word(c.first - 1) & cat::GERUND_PREP != 0 && !ctx.trailing_punct(c.first - 1));
    if !opens || c.last == ctx.sentence_last(c.last) || ctx.trailing_punct(c.last) {
        return false;
    }
    if ctx.capitalised(c.last + 1) {
        return false;
    }
    !speaker::after(ctx, c.last, false).is_some_and(|p| ctx.trailing_punct(p.last))
}

/// True for a token that can be the verb of a bare subject-and-verb clause next to a quote
/// ("Clinton cracked, “…”", "“…,” Trump smiled"): a lower-case word that is no function
/// word (determiner, preposition, conjunction, relative, "that", a stop word) and no title
/// ("Texas delegate Bill Eastland").
fn plain_verb(ctx: &Ctx, i: usize) -> bool {
    !ctx.capitalised(i)
        && !ctx.key(i).is_empty()
        && ctx.word(i) & (cat::STOP | cat::THAT | cat::NP | cat::DET | cat::CONJ | cat::REL) == 0
        && cues::match_phrase(ctx, Phrases::Titles, i).is_none()
}

/// True when quote `q` stands on its own: it opens its sentence, or follows punctuation that
/// is not another quote's ("He left. “…”", "…, “…”"), rather than sitting inside a clause as a
/// quoted phrase.
fn opens_clause(ctx: &Ctx, q: &Quote) -> bool {
    let t = ctx.a.token_at(q.outer.start as usize);
    t == ctx.sentence_first(t)
        || (t > 0 && ctx.quote_at(t - 1).is_none() && ctx.trailing_punct(t - 1))
}

/// True when token `i` begins quote `q` (its opening mark is at the token's start).
fn begins_quote(ctx: &Ctx, quotes: &[Quote], i: usize) -> Option<usize> {
    let q = ctx.quote_at(i)?;
    let t = &ctx.a.tokens[i];
    (quotes[q].outer.start >= t.span.start
        && quotes[q].outer.start <= t.core.start.max(t.span.start))
    .then_some(q)
}

/// Indices of the quotes lying within `content` (a closing mark up to 3 bytes past its end
/// included). Quotes are in text order, so a binary search finds the first; the range is
/// contiguous because quotes do not overlap.
fn quotes_within(quotes: &[Quote], content: Span) -> std::ops::Range<usize> {
    let first = quotes.partition_point(|q| q.outer.start < content.start);
    let mut last = first;
    while last < quotes.len() && quotes[last].outer.end <= content.end + 3 {
        last += 1;
    }
    first..last
}

/// All attributions in `a`, in text order.
///
/// Reads every source phrase afresh; a caller extracting from many articles should keep an
/// [`Extractor`], which remembers the readings of phrases met in earlier articles (same
/// results, less work).
pub fn extract(a: &Analysis, lex: &AttributionLexicon) -> Vec<Attribution> {
    extract_with(
        a,
        None,
        lex,
        &mut ReadingCache::default(),
        &mut CtxBuffers::default(),
    )
}

/// Attribution extraction over many articles with one lexicon: [`extract`], plus the readings
/// of source phrases kept from one article to the next.
///
/// Why: reading a source phrase (folding it, matching it against the source lists, name, role
/// and organisation analysis) is the largest part of resolving speakers, and phrases such as
/// "Trump", "police" or "the President" recur across a corpus. A reading is a function of the
/// language, the phrase's text and its descriptor's text only (see [`reads_past`] and the
/// guards in [`resolve`]), so the results are the same whatever articles came before, in
/// whatever order or on whatever thread: keep one `Extractor` per thread.
pub struct Extractor<'l> {
    lex: &'l AttributionLexicon,
    readings: ReadingCache,
    buffers: CtxBuffers,
}

impl<'l> Extractor<'l> {
    /// An extractor with an empty cache.
    pub fn new(lex: &'l AttributionLexicon) -> Self {
        Extractor {
            lex,
            readings: ReadingCache::default(),
            buffers: CtxBuffers::default(),
        }
    }

    /// All attributions in `a`, in text order: exactly [`extract`]'s.
    pub fn extract(&mut self, a: &Analysis) -> Vec<Attribution> {
        extract_with(a, None, self.lex, &mut self.readings, &mut self.buffers)
    }

    /// [`Extractor::extract`] of a page whose title is `title`: a title naming its author
    /// ("Remarks by President Biden on …", "Statement from Press Secretary Jen Psaki",
    /// `title_authors.txt`) makes that author a speaker met before the text, so "THE
    /// PRESIDENT:" and "the President said" resolve to the author, and the author is who says
    /// "I" and "we" outside quotes and anyone else's words. The title is analysed (with
    /// `text`, in the page's language) only when its first word can open such a phrase: most
    /// titles name no author, and this runs for every article of `slant run`.
    pub fn extract_titled(
        &mut self,
        a: &Analysis,
        title: Option<&str>,
        text: &crate::text::TextLexicon,
    ) -> Vec<Attribution> {
        let may_name = |t: &&str| {
            self.lex
                .for_lang(a.lang)
                .is_some_and(|ll| ll.may_name_author(t))
        };
        let title = title
            .filter(may_name)
            .map(|t| crate::text::analyze(t, a.lang, text));
        extract_with(
            a,
            title.as_ref(),
            self.lex,
            &mut self.readings,
            &mut self.buffers,
        )
    }
}

/// The author a page's title names, read like a source phrase: the capitalised words after
/// one of the language's title openers ("Remarks by", "Statement from the", `title_authors.txt`)
/// up to the first word that is not capitalised, ends in punctuation or is a preposition or
/// "-ing" word ("Remarks by President Biden and Prime Minister Kishida", "Remarks by President
/// Biden Before Meeting with …": President Biden). Only a person with a name: "Statement
/// by the President" names no one.
fn title_author(
    t: &Analysis,
    lex: &AttributionLexicon,
    ll: &LangLexicon,
) -> Option<speaker::Mention> {
    if ll.title_authors.is_empty() || t.tokens.is_empty() {
        return None;
    }
    let (mut arena, mut bufs) = (String::new(), CtxBuffers::default());
    let ctx = Ctx::new(t, ll, &[], &mut arena, &mut bufs);
    let n = ctx.n();
    let opener = ll
        .title_authors
        .iter()
        .filter(|o| o.len() < n && o.iter().enumerate().all(|(i, w)| ctx.key(i) == w))
        .map(Vec::len)
        .max()?;
    let mut f = opener;
    while f < n && ctx.word(f) & cat::DET != 0 {
        f += 1;
    }
    if f >= n || !ctx.capitalised(f) {
        return None;
    }
    // Title case capitalises prepositions of four letters and more ("… Biden Before Meeting
    // with …", "During Visit"), and "-ing" words ("Providing an Update"): they end the name.
    let ends_name = |t: usize| {
        ctx.word(t) & (cat::STOP | cat::TIME | cat::VENUE | cat::CONJ | cat::GERUND_PREP) != 0
            || ctx.lex.has_common_ending(ctx.key(t))
    };
    let mut l = f;
    while l + 1 < n && !ctx.trailing_punct(l) && ctx.capitalised(l + 1) && !ends_name(l + 1) {
        l += 1;
    }
    match read(&ctx, lex, &SourceNp::phrase(&ctx, f, l)) {
        Reading::Mention(m) if m.kind == SourceType::Person && m.d.name.is_some() => Some(m),
        _ => None,
    }
}

/// [`extract`] with the readings cache `cache` (of this lexicon's phrases only). Not inlined,
/// so the profile of extraction is one function whichever way it is called.
#[inline(never)]
fn extract_with(
    a: &Analysis,
    title: Option<&Analysis>,
    lex: &AttributionLexicon,
    cache: &mut ReadingCache,
    bufs: &mut CtxBuffers,
) -> Vec<Attribution> {
    let Some((lang_index, ll)) = lex.lang_index(a.lang) else {
        return Vec::new();
    };
    if a.tokens.is_empty() {
        return Vec::new();
    }
    let quotes = quotes::find(a);
    let mut arena = std::mem::take(&mut bufs.arena);
    let mut ctx = Ctx::new(a, ll, &quotes, &mut arena, bufs);
    let cues = cues::find(&ctx);
    for c in &cues {
        for t in c.first..=c.last {
            ctx.cue_of[t] = true;
        }
    }
    let ctx = ctx;
    let para_of = |tok: usize| ctx.paragraph(tok);

    // Pass 1: sources, and the left boundary each cue claims in its sentence.
    let mut sources: Vec<(Option<SourceNp>, bool)> = Vec::with_capacity(cues.len());
    // Cues whose attribution has no source but keeps its content: agentless passives, and
    // "seem"/"appear", whose subject is what the impression is about.
    let openers: Vec<bool> = cues
        .iter()
        .map(|c| passive_clause_opener(&ctx, c))
        .collect();
    // The form of "be" of each passive cue, read once: with an agent after the verb the
    // passive has a source ([`agent_passive`]), without one it has none.
    let bes: Vec<Option<usize>> = cues.iter().map(|c| passive_be(&ctx, c)).collect();
    let agents: Vec<Option<(SourceNp, Span)>> = cues
        .iter()
        .zip(&openers)
        .zip(&bes)
        .map(|((c, &opener), &be)| (!opener).then(|| agent_passive(&ctx, c, be)).flatten())
        .collect();
    let sourceless: Vec<bool> = cues
        .iter()
        .zip(&openers)
        .zip(bes.iter().zip(&agents))
        .map(|((c, &opener), (be, agent))| {
            opener
                || be.is_some() && agent.is_none()
                || matches!(c.kind, CueKind::Verb(v)
                    if ctx.lex.verbs[v as usize].class == lexicon::VerbClass::Impression)
        })
        .collect();
    // Names right after a bare participle ("…, calling Alwaleed"): its object, not its source,
    // but a person a later "he" may refer to (coreference only).
    let mut participle_objects: Vec<SourceNp> = Vec::new();
    // Cues kept without a source phrase: the words after them name the reported clause's
    // subject, not its source (see below).
    let mut unnamed = vec![false; cues.len()];
    // Cues whose source is the previous verb's, after a conjunction (see
    // [`coordinated_source`]): their content is never the clause before them.
    let mut coordinated = vec![false; cues.len()];
    for (ci, c) in cues.iter().enumerate() {
        let bare_participle = is_bare_participle(&ctx, c);
        let after_comma = c.first > 0 && ctx.a.token_text(c.first - 1).ends_with(',');
        if bare_participle
            && let Some(o) = speaker::after(&ctx, c.last, false)
            && o.pronoun.is_none()
            && ctx.capitalised(o.first)
        {
            participle_objects.push(o);
        }
        let s = if sourceless[ci] {
            (None, false)
        } else if let Some((agent, _)) = agents[ci] {
            (Some(agent), false)
        } else if let Some(subject) = gerund_subject(&ctx, &cues, &sources, ci) {
            // Borrowed from the main clause: it bounds neither side of this cue's content.
            (Some(subject), false)
        } else if let Some((span, pron)) = c.inverted {
            (
                Some(SourceNp {
                    first: c.last,
                    last: c.last,
                    descriptor: None,
                    pronoun: Some(pron),
                    span,
                    antecedent: None,
                }),
                false,
            )
        } else if c.kind == CueKind::AccordingTo {
            (speaker::according_to_source(&ctx, c.last), false)
        } else if c.kind == CueKind::Colon {
            (Some(SourceNp::phrase(&ctx, c.first, c.last)), true)
        } else if bare_participle && after_comma && c.first > ctx.sentence_first(c.first) {
            // ", saying …": the source of the sentence's previous cue, else its subject.
            let subject = previous_source(&ctx, &cues, &sources, ci)
                .or_else(|| speaker::sentence_subject(&ctx, ctx.sentence_first(c.first), c.first))
                .or_else(|| speaker::clause_subject(&ctx, c.first - 1));
            (subject, false)
        } else if let Some(shared) = coordinated_source(&ctx, &cues, &sources, ci) {
            // "Some strategists fear that … and warn that …": the subject of both verbs. It
            // bounds neither side of this cue's content, which follows the verb.
            coordinated[ci] = true;
            (Some(shared), false)
        } else if let Some(pre) = speaker::before(&ctx, c.first) {
            // "…, said Brad Bannon, a pollster": after a comma, a source right after the cue
            // wins over reading the clause before as an apposition. Only when the phrase after the cue ends the clause ("…, said Smith." / "…, said
            // Smith, a pollster"), not for an object ("…, endorsed Sanders in March").
            let ends_clause =
                |p: &SourceNp| ctx.trailing_punct(p.last) || p.last == ctx.sentence_last(p.last);
            // "…,” Seth McKee, a political scientist, told The Hill.": the phrase after "told"
            // is who was told.
            let hearer = (c.first..=c.last).any(|t| ctx.word(t) & cat::HEARER != 0);
            // "Bill Nelson, who is a pastor in Elizabeth, Colorado, slammed the Girl Scouts":
            // a subject described by a relative clause stays the source before an object
            // phrase; a name after the cue still wins ("…, whom he has alienated, said Larry
            // Sabato, director of …").
            let described = pre.last + 1 < c.first && ctx.word(pre.last + 1) & cat::REL != 0;
            let post = (after_comma && pre.pronoun.is_none() && !bare_participle && !hearer)
                .then(|| speaker::after(&ctx, c.last, false))
                .flatten()
                .filter(|p| {
                    !described || ctx.capitalised(p.first) && ctx.word(p.first) & cat::DET == 0
                });
            match post.filter(ends_clause) {
                Some(post) => (Some(post), false),
                None => (Some(pre), true),
            }
        } else {
            // (The phrase after a bare participle is its object, never its source.)
            let after = if bare_participle {
                After::Nothing
            } else {
                source_after(&ctx, &quotes, c)
            };
            match after {
                After::Source(post) => (Some(post), false),
                // ", adding that …": the subject of the previous cue in the same sentence.
                _ if is_participle(&ctx, c) => (previous_source(&ctx, &cues, &sources, ci), false),
                After::ReportedSubject => {
                    // "…, and said Manafort was not involved", "Ferre, who [twenty words],
                    // said Latino voters are": the name after the cue is the subject of the
                    // reported clause. The source is the sentence's subject when it opens with
                    // one; else it stays unknown, and the attribution is kept (its words were
                    // reported by someone).
                    unnamed[ci] = true;
                    let sf = ctx.sentence_first(c.first);
                    let subject = (c.first > sf)
                        .then(|| speaker::sentence_subject(&ctx, sf, c.first))
                        .flatten();
                    (subject, false)
                }
                After::Nothing => (None, false),
            }
        };
        sources.push(s);
    }
    let left_of = |ci: usize| -> usize {
        match &sources[ci] {
            (Some(s), true) => s.first.min(cues[ci].first),
            _ => cues[ci].first,
        }
    };

    // Pass 2: contents.
    let mut claimed = vec![false; quotes.len()];
    let mut cands: Vec<Candidate> = Vec::new();
    // Sources met outside attributions, for coreference only.
    let mut mentions: Vec<SourceNp> = person_mentions(&ctx);
    mentions.extend(participle_objects);
    for (ci, c) in cues.iter().enumerate() {
        let (source, pre) = sources[ci];
        let push = |kind, content: Span, source: Option<SourceNp>, cands: &mut Vec<Candidate>| {
            cands.push(Candidate::cued(c, kind, content, source, para_of(c.first)));
        };
        if c.kind == CueKind::Colon {
            // The rest of the paragraph: a quote, or the words of a transcript or headline.
            let para = para_of(c.last);
            let mut end = c.last + 1;
            while end + 1 < ctx.n() && para_of(end + 1) == para {
                end += 1;
            }
            let first = c.last + 1;
            if let Some(q) = begins_quote(&ctx, &quotes, first)
                && !claimed[q]
                && quotes[q].outer.end >= ctx.a.tokens[end].span.end.saturating_sub(1)
            {
                claimed[q] = true;
                push(
                    AttributionKind::Direct,
                    quotes[q].content,
                    source,
                    &mut cands,
                );
            } else if let Some(content) = indirect::before(&ctx, first, end) {
                for qi in quotes_within(&quotes, content) {
                    claimed[qi] = true;
                }
                push(AttributionKind::Indirect, content, source, &mut cands);
            }
            continue;
        }
        if let Some((_, content)) = agents[ci] {
            push(AttributionKind::Indirect, content, source, &mut cands);
            continue;
        }
        let l = left_of(ci);
        let sf = ctx.sentence_first(c.first);
        let sl = ctx.sentence_last(c.last);
        let r = match (&source, pre) {
            // Only a source that follows the cue ("said Smith"); one borrowed from an earlier
            // clause (", adding", "by mentioning") leaves the content right after the cue.
            (Some(s), false) if c.inverted.is_none() && s.first > c.last => s.last + 1,
            _ => c.last + 1,
        };
        // Direct quote just before the source/cue: “…,” she said / « … », a déclaré X.
        if l > 0
            && let Some(q) = ctx.quote_at(l - 1)
            && !claimed[q]
            && quotes[q].outer.end <= ctx.a.tokens[l - 1].span.end
            && (source.is_some() || quotes[q].comma_after)
            // The quote and its cue share the sentence (“…?” he asked) or a comma joins them:
            // a quote that closed the previous paragraph belongs to its own cue or floats.
            && (quotes[q].comma_after
                || ctx.sentence(l - 1) == ctx.sentence(l)
                || asks_or_exclaims_then_cue(&ctx, &quotes[q], l, c))
            // `on Fox News Channel’s “Hannity,” Newt Gingrich said if …`: a quoted word inside
            // a sentence, before a cue that reports a clause of its own, is a title, not the
            // speaker's words ("“Absolutely,” he said." and "“Hopefully,” the president said,
            // “…”" open their sentence and stay quotes).
            // So is any quote inside its sentence before a cue with a clause after it
            // ("Walking in to chants of “Marco! Marco!,” the senator said his campaign was
            // …": the chant is no one's statement here).
            && !({
                let t = ctx.a.token_at(quotes[q].outer.start as usize);
                t != ctx.sentence_first(t)
            } && (ctx.a.slice(quotes[q].content).split_whitespace().nth(1).is_none()
                || !ctx.trailing_punct(c.last)
                    // (A preposition after the cue opens a phrase of place or occasion,
                    // no clause: "…,'' Mr. Weiner wrote in his memo.")
                    && r <= sl
                    && ctx.word(r) & (cat::VENUE | cat::NP | cat::STOP | cat::TIME) == 0)
                && indirect::after(&ctx, r, sl, pre).is_some())
            // "She likened the meeting to a “cold shower,” according to her memoir": before an
            // "according to" cue only a quote that opens its clause is a direct quote; a
            // quoted fragment inside a clause is part of that clause's content.
            && (c.kind != CueKind::AccordingTo || opens_clause(&ctx, &quotes[q]))
        {
            claimed[q] = true;
            // "Gore tried to distance himself, and in doing so he “made a strategic mistake,”
            // Lichtman said.": a quote inside its sentence, after three words or more with no
            // quote or cue among them, is a fragment of the reported clause, which runs from
            // the sentence's start to the closing mark.
            let qt = ctx.a.token_at(quotes[q].outer.start as usize);
            // (After a colon the words before announce the quote: "La population se sent
            // lâchée : « … », déclare Fatoumata Maïga" stays direct.)
            let lead = (qt > sf + 2
                && ctx.sentence(qt) == ctx.sentence(c.first)
                && !ctx.a.token_text(qt - 1).ends_with(':'))
            .then(|| {
                (sf..qt)
                    .all(|t| !ctx.in_quote(t) && !ctx.is_cue(t))
                    .then(|| indirect::before(&ctx, sf, qt - 1))
                    .flatten()
            })
            .flatten();
            match lead {
                Some(lead) => push(
                    AttributionKind::Mixed,
                    Span::new(lead.start as usize, quotes[q].outer.end as usize),
                    source,
                    &mut cands,
                ),
                None => push(
                    AttributionKind::Direct,
                    quotes[q].content,
                    source,
                    &mut cands,
                ),
            }
            continue;
        }
        // Direct quote just after: X said: “…” (across a sentence or paragraph break after a
        // colon), X told reporters, "…".
        let before_r = ctx.a.token_text(r.saturating_sub(1).max(c.last));
        let colon = before_r.ends_with(':');
        // "Becerra said. “Nevada …”": a sentence end between cue and quote separates them.
        let closed = before_r
            .trim_end_matches(|ch: char| "\"”’»)".contains(ch))
            .ends_with(['.', '!', '?']);
        let mut k = r;
        let mut found = None;
        while !closed && k < ctx.n() && k < r + 6 {
            if let Some(q) = begins_quote(&ctx, &quotes, k) {
                let same = ctx.sentence(k) == ctx.sentence(c.last);
                if !claimed[q] && (same || colon) && (k == r || colon || ctx.trailing_punct(k - 1))
                {
                    found = Some(q);
                }
                break;
            }
            let w = ctx.word(k);
            if w & cat::THAT != 0 || ctx.sentence(k) != ctx.sentence(c.last) && !colon {
                break;
            }
            if ctx.trailing_punct(k) && !ctx.a.token_text(k).ends_with(':') {
                break;
            }
            k += 1;
        }
        if let Some(q) = found
            && (source.is_some() || colon)
            && c.kind != CueKind::AccordingTo
        {
            claimed[q] = true;
            push(
                AttributionKind::Direct,
                quotes[q].content,
                source,
                &mut cands,
            );
            continue;
        }
        if source.is_none() && !sourceless[ci] && !unnamed[ci] {
            continue;
        }
        // Where this clause ends: before the next cue of the sentence when a comma, semicolon
        // or conjunction separates them (", adding that …", "; he also said").
        let mut to = sl;
        if let Some(nc) = cues.get(ci + 1) {
            let nl = left_of(ci + 1);
            if ctx.sentence(nl) == ctx.sentence(c.last) && nl > r {
                let prev = nl - 1;
                let sep = ctx.a.token_text(prev).ends_with([',', ';', ':'])
                    || ctx.word(prev) & cat::CONJ != 0
                    || nc.kind == CueKind::AccordingTo;
                if sep {
                    to = if ctx.word(prev) & cat::CONJ != 0 {
                        prev.saturating_sub(1).max(r)
                    } else {
                        prev
                    };
                }
            }
        }
        // "Asked a question about it, Clinton dodged": the passive clause ends at its comma.
        if openers[ci]
            && let Some(t) = (r..to).find(|&t| ctx.a.token_text(t).ends_with(','))
        {
            to = t;
        }
        // "…, said Mark Jones, a political scientist at Rice." – the words after the source
        // describe it; the content is the clause before.
        // "…, said an official who was briefed." – a relative clause right after the source
        // describes it too.
        let post_apposition = matches!(&source, Some(s) if !pre && c.inverted.is_none()
            && c.kind != CueKind::AccordingTo
            && r <= sl
            && r <= to
            && (s.first > c.last
                && ctx.a.token_text(s.last).ends_with(',')
                && (ctx.word(r) & (cat::DET | cat::QUANT | cat::REL) != 0
                    || !ctx.capitalised(r) && ctx.word(r) & cat::THAT == 0
                    // "…, said Angie Holan, Politifact's editor."
                    || possessive_title(&ctx, r, to))
                || s.first > c.last && ctx.word(r) & cat::REL != 0));
        // "…, said Smith at a rally in Ohio", "…, a déclaré Poutine lors d'une conférence de
        // presse": a phrase of place or occasion after an inverted source closes the clause;
        // the content is the clause before, set off by its comma.
        let post_venue = matches!(&source, Some(s) if !pre && c.inverted.is_none()
            && c.kind != CueKind::AccordingTo
            && s.first > c.last
            && venue_phrase(&ctx, r, to)
            && l > sf
            && ctx.a.token_text(l - 1).ends_with(','));
        let mut source = source;
        let content = if post_venue {
            indirect::before(&ctx, sf, l - 1)
        } else if post_apposition {
            if let Some(s) = source.as_mut() {
                s.descriptor = Some((r, to));
            }
            (l > sf)
                .then(|| indirect::before(&ctx, sf, l - 1))
                .flatten()
        } else if c.kind == CueKind::AccordingTo {
            // "According to X, …" opens the sentence (or a clause after a colon: "It has not
            // gone unnoticed: according to recent polls, …"); "…, according to X." closes it.
            let cs = (sf..c.first)
                .rev()
                .find(|&t| ctx.a.token_text(t).ends_with([':', ';']) && !ctx.in_quote(t))
                .map_or(sf, |t| t + 1);
            let opens = (cs..c.first)
                .all(|t| ctx.word(t) & (cat::NP | cat::SKIP) != 0 || ctx.key(t).is_empty());
            if opens {
                indirect::after(&ctx, r, to, false)
            } else {
                // "Since last November, according to Human Rights Watch, state security forces
                // have killed …": after a short opening phrase (six words at most) and set off
                // by commas, the cue leaves the clause after it as the content; after a whole
                // clause ("Some Americans would see their taxes go up, according to an analysis
                // by Lily Batchelder, a former aide") the words after the source describe it.
                // (", according to its director, Jane Doe, who spoke on Monday": a relative
                // clause after the source describes it.)
                // So does a sentence opened by a subordinate clause ("While most files
                // were sealed, according to an official, three were …") and a cue after a
                // subordinator or conjunction ("… after, according to him, the network …").
                // The clause after must be more than an apposition of the source ("While …,
                // according to Maria Ortiz, a labour historian.", "…, according to Ana
                // Roe, head of the institute, and other scholars.").
                let subordinate = (ctx.word(sf) & (cat::STOP | cat::DET | cat::NP) == cat::STOP
                    || ctx.word(c.first - 1) & (cat::GERUND_PREP | cat::CONJ | cat::THAT) != 0)
                    && to >= r + 4
                    && !apposition_start(&ctx, r);
                let before_cue = ctx.a.token_text(c.first - 1);
                let inside = (c.first - sf <= 6 && before_cue.ends_with(',')
                    || subordinate && speaker::without_closing_marks(before_cue).ends_with(','))
                    && matches!(&source, Some(s) if ctx.a.token_text(s.last).ends_with(','))
                    && !(r <= to && ctx.word(r) & cat::REL != 0);
                inside
                    .then(|| indirect::after(&ctx, r, to, false))
                    .flatten()
                    .or_else(|| indirect::before(&ctx, sf, c.first - 1))
            }
        } else {
            let skip_addr = pre;
            // A cue inside the content of the previous attribution ("X said the talks would
            // continue") may report nested speech forward, never the clause before it.
            let cue_start = ctx.a.tokens[c.first].span.start;
            let nested = cands
                .last()
                .is_some_and(|p| p.content.start <= cue_start && cue_start < p.content.end);
            let before = || {
                // "The plan will fail, he said." – the clause before the source. Not for a
                // passive in a relative clause ("“We lost,” said an official who was briefed":
                // it describes the official).
                let relative =
                    || (l.saturating_sub(2).max(sf)..l).any(|t| ctx.word(t) & cat::REL != 0);
                (l > sf && !(nested || coordinated[ci] || source.is_none() && relative()))
                    .then(|| indirect::before(&ctx, sf, l - 1))
                    .flatten()
            };
            // The content after the cue opens with the next cue, after a comma (see below).
            let next_cue_at = |a: Span| {
                cues.get(ci + 1).is_some_and(|nc| {
                    ctx.a.tokens[nc.first].span.start == a.start
                        && ctx.a.token_text(r - 1).ends_with(',')
                })
            };
            // "…, local analysts say; in 2018 …": a semicolon after the verb (or its
            // source) ends the clause; what follows is another.
            let after = (!ctx.a.token_text(r - 1).ends_with(';'))
                .then(|| indirect::after(&ctx, r, to, skip_addr))
                .flatten();
            // "Deciding whether to suspend every account, she said, is not so cut and dried":
            // a cue set off by commas inside the reported sentence splits its content; the
            // longer part stands for it (a span cannot hold both).
            let parenthetical = pre
                && l > sf
                && ctx.a.token_text(l - 1).ends_with(',')
                && ctx.a.token_text(r - 1).ends_with(',');
            // "The plan will fail, Smith said at a rally in Ohio.": after a clause and its
            // comma, a phrase of place or occasion right after the cue is no content (unless a
            // complementiser follows it: "said at a rally that …"); the clause is. Not after
            // an opening phrase ("In Ohio, Smith said at a rally …", "Like my father, I
            // believe in …"): the clause has six tokens or more and opens with no preposition.
            // The phrase is short, unquoted and ends the clause: a verb's object may follow
            // a phrase of manner ("discussed in detail the corridors", "will announce at the
            // Summit new forces").
            // ("…, Hollande said Tuesday in Paris": time words may come first.)
            let mut rv = r;
            while rv < to
                && rv < r + 2
                && ctx.word(rv) & (cat::TIME | cat::DET | cat::NP | cat::VENUE) == cat::TIME
                && !ctx.trailing_punct(rv)
            {
                rv += 1;
            }
            let venue_after_clause = |a: &Span| {
                pre && l > sf
                    && ctx.a.token_text(l - 1).ends_with(',')
                    && venue_phrase(&ctx, rv, to)
                    && to - r < 8
                    && (r..=to).all(|t| !ctx.in_quote(t))
                    && a.start == ctx.a.tokens[r].span.start
                    && l - sf >= 4
                    && !opening_phrase_word(ctx.word(sf))
            };
            match after {
                // "The talks collapsed, the agency said, citing officials …": the words
                // after the cue open another cue's clause; the clause before, of three
                // words or more, is what was said.
                Some(a) if next_cue_at(a) => before()
                    .filter(|b| {
                        ctx.a.token_at(b.end as usize - 1) >= ctx.a.token_at(b.start as usize) + 2
                    })
                    .or(Some(a)),
                // ("Sales were great, he said, wiping sweat off his face.": a participle
                // that reports nothing describes the speaker; the clause before is what was
                // said.)
                Some(a) if parenthetical => match before() {
                    Some(b) if b.len() > a.len() || participle_of_manner(&ctx, r, to) => Some(b),
                    _ => Some(a),
                },
                Some(a) if venue_after_clause(&a) => before().or(Some(a)),
                Some(a) => Some(a),
                None => before(),
            }
        };
        let Some(mut content) = content else {
            // No content ("Peskov spoke to reporters"), but the speaker is now known.
            if let Some(s) = source {
                mentions.push(s);
            }
            continue;
        };
        // A quoted fragment that opens inside the content and runs on past the sentence
        // (`said the Trump "train may have left the station. I don't …"`) is content too.
        if let Some(q) = ctx.quote_at(ctx.a.token_at(content.end as usize - 1).min(ctx.n() - 1))
            && quotes[q].outer.start >= content.start
            && quotes[q].outer.start < content.end
            && quotes[q].content.end > content.end
        {
            content.end = quotes[q].content.end;
        }
        let holds_quote = quotes_within(&quotes, content);
        let kind = if c.kind == CueKind::AccordingTo {
            AttributionKind::AccordingTo
        } else if holds_quote.is_empty() {
            AttributionKind::Indirect
        } else {
            AttributionKind::Mixed
        };
        for q in holds_quote {
            claimed[q] = true;
        }
        push(kind, content, source, &mut cands);
    }

    // Pass 2b: a quote introduced by a colon after a clause with no cue ("Clinton’s response
    // was: “…”", "he demurred: “…”", "Trump issued a statement: “…”") is the words of that
    // clause's subject, not a floating quote of the previous speaker.
    for (qi, q) in quotes.iter().enumerate() {
        if claimed[qi] {
            continue;
        }
        let t = ctx.a.token_at(q.outer.start as usize);
        if t == 0 || t >= ctx.n() || ctx.in_quote(t - 1) || para_of(t - 1) != para_of(t) {
            continue;
        }
        let colon = ctx.a.token_text(t - 1);
        let comma = colon.ends_with(',');
        if !(comma || colon.ends_with(':')) || colon.ends_with("::") {
            continue;
        }
        // After a comma only a clause of just a subject and a verb ("Hillary Clinton cracked,
        // “…”", "he went on, “…”"): a longer clause's comma rarely introduces its words.
        // And the quote is words, not a name of one or two ("the “Zygar” YouTube channel,
        // “Rain” TV channel"), as in pass 2c.
        let short_clause = |subject: &SourceNp| {
            let (a, b) = (subject.last + 1, t - 1);
            a <= b
                && b - a < 2
                && (a..=b).all(|i| plain_verb(&ctx, i) && !ctx.is_cue(i))
                && ctx.a.slice(q.content).split_whitespace().nth(2).is_some()
        };
        if let Some(subject) =
            speaker::clause_subject(&ctx, t - 1).filter(|s| !comma || short_clause(s))
        {
            claimed[qi] = true;
            let at = ctx.a.tokens[t - 1].span.end as usize - 1;
            cands.push(Candidate {
                kind: AttributionKind::Direct,
                content: q.content,
                source: Some(subject),
                cue: Some(Span::new(at, at + 1)),
                verb: None,
                parent: None,
                paragraph: para_of(t),
            });
        }
    }

    // Pass 2c: "“You know, it happens,” Trump went on.", "“…,” he smiled.": a standalone quote
    // closed by a comma, question or exclamation mark and followed by a name or pronoun and a
    // verb that is no reporting verb is that subject's words, not a floating quote of the
    // previous speaker. The verb is the cue; it has no lemma in the lexicon, so no verb.
    for (qi, q) in quotes.iter().enumerate() {
        if claimed[qi] || ctx.a.slice(q.content).split_whitespace().nth(2).is_none() {
            continue;
        }
        if !opens_clause(&ctx, q) {
            continue;
        }
        // The last word character or sentence mark of the closing token: `happens,”`,
        // `right?”`, and French `»,` (the comma after the mark: « Nous allons gagner »,
        // Macron a souri.).
        let close = ctx.a.token_at(q.outer.end as usize - 1);
        let mark = ctx
            .a
            .token_text(close)
            .chars()
            .rev()
            .find(|&c| c.is_alphanumeric() || matches!(c, ',' | '?' | '!' | '.'));
        if !matches!(mark, Some(',' | '?' | '!')) {
            continue;
        }
        let s = close + 1;
        let para = para_of(close);
        let free = |i: usize| i < ctx.n() && !ctx.in_quote(i) && para_of(i) == para;
        if !free(s) {
            continue;
        }
        let w = ctx.word(s);
        let pronoun = w & cat::PRON != 0 && w & cat::DET == 0;
        let mut e = s;
        if !pronoun {
            if !ctx.capitalised(s) || w & (cat::DET | cat::STOP | cat::NP | cat::TIME) != 0 {
                continue;
            }
            while e - s < 3 && free(e + 1) && !ctx.trailing_punct(e) && ctx.capitalised(e + 1) {
                e += 1;
            }
        }
        let v = e + 1;
        // After "?" or "!" the clause must end at once ("“Right?” Trump went on."), else the
        // words after the quote may be a new sentence about someone else.
        let ends_soon = (v..=(v + 1).min(ctx.sentence_last(v)))
            .any(|i| ctx.trailing_punct(i) || i == ctx.sentence_last(i));
        // A possessor or a title after the name ("Ms. Merkel's spokesman", "Texas delegate
        // Bill Eastland") opens a longer source; a cue ahead ("…, wrote") is the rules'
        // business above, even when they found no source.
        let possessor = speaker::is_possessive(ctx.a.token_core(e));
        let cue_ahead = (v..(v + 10).min(ctx.n())).any(|i| free(i) && ctx.is_cue(i));
        if ctx.trailing_punct(e)
            || possessor
            || cue_ahead
            || !(free(v) && plain_verb(&ctx, v))
            || free(v + 1) && ctx.capitalised(v + 1)
            || (mark != Some(',') && !ends_soon)
        {
            continue;
        }
        claimed[qi] = true;
        cands.push(Candidate {
            kind: AttributionKind::Direct,
            content: q.content,
            source: Some(SourceNp {
                pronoun: pronoun.then_some(w & cat::PRON),
                ..SourceNp::phrase(&ctx, s, e)
            }),
            cue: Some(ctx.a.tokens[v].core),
            verb: None,
            parent: None,
            paragraph: para,
        });
    }

    // Pass 3: floating quotes continue the previous speaker.
    let mut order: Vec<usize> = (0..cands.len()).collect();
    order.sort_by_key(|&i| (cands[i].content.start, cands[i].cue.map(|c| c.start)));
    let mut floating = Vec::new();
    // Quotes and `order` are both in text order: one forward pointer finds, for each quote,
    // the last attribution with a source that starts before it.
    let mut next_cand = 0;
    let mut last_with_source: Option<usize> = None;
    for (qi, q) in quotes.iter().enumerate() {
        while next_cand < order.len() && cands[order[next_cand]].content.start < q.outer.start {
            if cands[order[next_cand]].source.is_some() {
                last_with_source = Some(order[next_cand]);
            }
            next_cand += 1;
        }
        // Fewer than three words ("scare quotes") float to no one; counted only here, for
        // the few unclaimed quotes.
        if claimed[qi] || ctx.a.slice(q.content).split_whitespace().nth(2).is_none() {
            continue;
        }
        let t = ctx.a.token_at(q.outer.start as usize);
        if !opens_clause(&ctx, q) {
            continue;
        }
        let para = para_of(t);
        let parent = last_with_source;
        if let Some(p) = parent
            && para.saturating_sub(cands[p].paragraph) <= 2
        {
            floating.push(Candidate {
                kind: AttributionKind::Floating,
                content: q.content,
                source: cands[p].source,
                cue: None,
                verb: None,
                parent: Some(p),
                paragraph: para,
            });
        }
    }
    cands.extend(floating);

    // Pass 4: speakers, in text order.
    let mut order: Vec<usize> = (0..cands.len()).collect();
    order.sort_by_key(|&i| {
        let c = &cands[i];
        let pos = c.source.map(|s| s.span.start).unwrap_or(c.content.start);
        (c.content.start.min(pos), c.content.start)
    });
    let mut registry = Registry::default();
    let author = title
        .filter(|t| t.lang == a.lang)
        .and_then(|t| title_author(t, lex, ll))
        .map(|m| registry.mention(&m));
    let mut readings = Readings {
        lang: lang_index,
        cache,
    };
    let mut resolved: Vec<Option<Resolved>> = vec![None; cands.len()];
    // Candidates resolved to a speaker so far, in text order.
    let mut speaking: Vec<usize> = Vec::new();
    mentions.sort_by_key(|m| m.span.start);
    let mut next_mention = 0;
    for &i in &order {
        let c = &cands[i];
        let pos = c
            .source
            .map(|s| s.span.start)
            .unwrap_or(c.content.start)
            .min(c.content.start);
        while next_mention < mentions.len() && mentions[next_mention].span.start < pos {
            let m = mentions[next_mention];
            if m.pronoun.is_none() {
                resolve(&ctx, lex, &mut registry, &mut readings, &m);
            }
            next_mention += 1;
        }
        let mut r = if let Some(p) = c.parent {
            resolved[p]
                .clone()
                .unwrap_or(Resolved::none(SourceType::Unknown))
        } else {
            match &c.source {
                None => Resolved::none(SourceType::Unknown),
                Some(s) => resolve(&ctx, lex, &mut registry, &mut readings, s),
            }
        };
        // "I said", "we have said" inside the words of an attributed speaker (an interview
        // answer after "Vladimir Putin:"): that speaker. "You" is whoever is addressed.
        if r.kind == SourceType::PronounUnresolved
            && c.parent.is_none()
            && let Some(s) = &c.source
            && first_person(&ctx, s)
            && let Some(outer) = speaking.iter().rev().find(|&&o| {
                cands[o].content.start <= s.span.start && s.span.start < cands[o].content.end
            })
        {
            r = resolved[*outer].clone().expect("resolved before");
        }
        // "I", "we" of the page's author (named by its title), outside quotes and outside
        // anyone else's words.
        if r.kind == SourceType::PronounUnresolved
            && c.parent.is_none()
            && let Some(author) = &author
            && let Some(s) = &c.source
            && first_person(&ctx, s)
            && !ctx.in_quote(s.first)
            && !cands.iter().enumerate().any(|(o, other)| {
                o != i && other.content.start <= s.span.start && s.span.start < other.content.end
            })
        {
            r = author.clone();
        }
        if r.speaker.is_some() {
            speaking.push(i);
        }
        resolved[i] = Some(r);
    }
    // Short names met before the full one ("Zelenskyy said …", later "Volodymyr Zelenskyy")
    // are the full name.
    for (short, full) in registry.full_names() {
        // Only when the added words are name words: "Republican Donald Trump" (a party
        // adjective read into the name) is not the full form of "Donald Trump".
        let added_are_names = full
            .split_whitespace()
            .filter(|w| !short.split_whitespace().any(|s| s == *w))
            .all(|w| speaker::has_content_word(ctx.lex, w, true));
        if !added_are_names {
            continue;
        }
        for r in resolved.iter_mut().flatten() {
            if r.kind == SourceType::Person && r.speaker.as_deref() == Some(short.as_str()) {
                r.speaker = Some(full.clone());
            }
        }
    }

    let mut out: Vec<Attribution> = order
        .iter()
        .map(|&i| {
            let c = &cands[i];
            // `order` holds each candidate once: its resolution is moved out, not copied.
            let r = resolved[i].take().expect("resolved in pass 4");
            let v = c.verb.map(|v| &ll.verbs[v as usize]);
            Attribution {
                kind: c.kind,
                content: c.content,
                source: c.source.map(|s| s.span),
                cue: c.cue,
                speaker: r.speaker,
                role: r.role,
                organization: r.organization,
                verb: v.map(|v| v.lemma.clone()),
                connotation: v.map(|v| v.connotation),
                source_type: r.kind,
            }
        })
        .collect();
    out.sort_by_key(|x| (x.content.start, x.cue.map(|c| c.start)));
    ctx.recycle(bufs);
    bufs.arena = arena;
    out
}

/// `“Why would they think that?” Biden said.`: a quote that ends with a question or an
/// exclamation mark, followed at once by its source and cue. The sentence splitter starts a new
/// sentence at the capitalised name (with "she said" it does not), so the same-sentence test
/// of a quote before its cue misses it, and the quote floated to the previous speaker. `l`:
/// the first token of the source and cue; the cue must be in that same new sentence and not
/// open a clause of its own ("… said that …").
fn asks_or_exclaims_then_cue(ctx: &Ctx, q: &Quote, l: usize, c: &Cue) -> bool {
    let ends_marked = ctx.a.slice(q.content).trim_end().ends_with(['?', '!']);
    ends_marked
        && l == ctx.sentence_first(l)
        && ctx.sentence(c.last) == ctx.sentence(l)
        && (c.last == ctx.sentence_last(c.last) || ctx.word(c.last + 1) & cat::THAT == 0)
}

/// True for a first-person source ("I", "we", "I’ve", "Let me"), not a second-person one.
fn first_person(ctx: &Ctx, s: &SourceNp) -> bool {
    if (s.first..=s.last).any(|t| ctx.word(t) & cat::PRON_2 != 0) {
        return false;
    }
    match s.pronoun {
        Some(p) => p & cat::PRON_1 != 0,
        None => speaker::first_person(ctx.lex, ctx.a.slice(s.span)),
    }
}

/// Full names that open a sentence ("Hugh Hill is a doctor."): not speakers, but the persons
/// a later "he said" may refer to. Two or three capitalised words followed by a lower-case one.
fn person_mentions(ctx: &Ctx) -> Vec<SourceNp> {
    let mut out = Vec::new();
    for s in &ctx.a.sentences {
        let (f, end) = (s.tokens.0 as usize, s.tokens.1 as usize);
        if ctx.in_quote(f) {
            continue;
        }
        let mut e = f;
        while e < end
            && e < f + 3
            && ctx.capitalised(e)
            && ctx.word(e) & (cat::DET | cat::PRON | cat::STOP | cat::QUANT | cat::NP) == 0
            && !ctx.key(e).is_empty()
        {
            if ctx.trailing_punct(e) {
                break;
            }
            e += 1;
        }
        // e: first token after the run.
        if e - f >= 2
            && e < end
            && !ctx.capitalised(e)
            && ctx.a.token_core(e).chars().all(char::is_alphabetic)
        {
            out.push(SourceNp::phrase(ctx, f, e - 1));
        }
    }
    titled_mentions(ctx, &mut out);
    out
}

/// Titled full names anywhere outside quotes ("President of Ukraine Volodymyr Zelenskyy had a
/// call with …", "… met Prime Minister Boris Johnson"): the persons a later "the President" or
/// "he" may refer to. A title, an optional "of" and organisation, then at least a first and a
/// last name. Only a capitalised token followed by a capitalised one or "of" is looked up as
/// a title, so most tokens cost a flag test.
fn titled_mentions(ctx: &Ctx, out: &mut Vec<SourceNp>) {
    use crate::text::flags::CAPITALISED;
    let n = ctx.n();
    let tokens = &ctx.a.tokens;
    let mut i = 0;
    while i + 2 < n {
        // Most tokens fail the flag test; most capitalised ones are names, which the title
        // bitmap turns away before any lookup.
        let Some(p) = tokens[i..n - 2].iter().position(|t| t.has(CAPITALISED)) else {
            break;
        };
        i += p;
        let candidate = ctx.lex.may_start_title(ctx.key(i).as_bytes())
            && (tokens[i + 1].has(CAPITALISED) || ctx.key(i + 1) == "of")
            && !ctx.in_quote(i)
            && !ctx.is_cue(i)
            && !ctx.trailing_punct(i);
        let Some((len, _)) = candidate
            .then(|| cues::match_phrase(ctx, Phrases::Titles, i))
            .flatten()
        else {
            i += 1;
            continue;
        };
        let sentence = ctx.sentence(i);
        let title_end = i + len;
        let mut k = title_end;
        if k < n && ctx.key(k) == "of" && !ctx.trailing_punct(k - 1) {
            k += 1;
        }
        let run = k;
        // A name of three words at most, after an organisation five; a repeated word ends it
        // (scraped labels such as "Valery Zorkin Zorkin ValeryConstitutional Court").
        let longest = if run > title_end { 5 } else { 3 };
        while k < n
            && k < run + longest
            && ctx.sentence(k) == sentence
            && !(run..k).any(|r| ctx.key(r) == ctx.key(k))
            && ctx.capitalised(k)
            && !ctx.in_quote(k)
            && !ctx.is_cue(k)
            && ctx.word(k) & (cat::DET | cat::PRON | cat::STOP) == 0
            // "President of Russia President Vladimir Putin": a second title starts anew.
            && (k == run || cues::match_phrase(ctx, Phrases::Titles, k).is_none())
        {
            k += 1;
            if ctx.trailing_punct(k - 1) {
                break;
            }
        }
        let needed = if run > title_end { 3 } else { 2 };
        // The name of a person: no possessive ("Prosecutor General's Office") and, with no
        // organisation before it, no organisation word ("President of the European Council
        // Summit" names an event).
        let person_like = || {
            let name = ctx.a.slice(ctx.core_span(title_end.max(run), k - 1));
            !(run..k).any(|r| speaker::is_possessive(ctx.a.token_core(r)))
                && (run > title_end || ctx.lex.organizations.find_in(name).is_empty())
        };
        if k - run >= needed && person_like() {
            out.push(SourceNp::phrase(ctx, i, k - 1));
        }
        // A second title right after ("President of Russia President …") is looked at next.
        i = if k - run < needed { (i + 1).max(k) } else { k };
    }
}

/// What a source phrase says about its speaker before the article's registry is consulted.
#[derive(Debug, Clone)]
enum Reading {
    /// No one: the speaker stays null, with this source type.
    Nobody(SourceType),
    /// A named, titled or described source, resolved through the registry.
    Mention(speaker::Mention),
}

/// Readings of source phrases by language, phrase text and descriptor text, kept across the
/// articles of an [`Extractor`]: reading a phrase (folding, the list matches, name and title
/// analysis) is most of resolution's cost; the registry step stays per mention. Bounded:
/// emptied when it holds [`ReadingCache::MAX`] readings (a reading depends only on its key,
/// so what is forgotten changes nothing but the work).
#[derive(Default)]
struct ReadingCache {
    by_key: rustc_hash::FxHashMap<ReadingKey, Reading>,
    /// The key being looked up, built in place (no allocation unless it is new).
    probe: ReadingKey,
}

impl ReadingCache {
    /// Readings kept at most (a few MB).
    const MAX: usize = 32_768;
}

/// A phrase's language (its index among the lexicon's), whether it has a descriptor, the
/// byte length of its text, then its text followed by the descriptor's.
#[derive(Default, Clone, PartialEq, Eq, Hash)]
struct ReadingKey {
    head: u64,
    text: String,
}

/// The reading cache as one article's resolution uses it.
struct Readings<'c> {
    lang: usize,
    cache: &'c mut ReadingCache,
}

impl Readings<'_> {
    /// The reading of `text` (with descriptor text `descriptor`), from `read` when not cached.
    fn get(
        &mut self,
        text: &str,
        descriptor: Option<&str>,
        read: impl FnOnce() -> Reading,
    ) -> &Reading {
        let c = &mut *self.cache;
        c.probe.head =
            (self.lang as u64) << 33 | u64::from(descriptor.is_some()) << 32 | text.len() as u64;
        c.probe.text.clear();
        c.probe.text.push_str(text);
        c.probe.text.push_str(descriptor.unwrap_or(""));
        if !c.by_key.contains_key(&c.probe) {
            if c.by_key.len() >= ReadingCache::MAX {
                c.by_key.clear();
            }
            c.by_key.insert(c.probe.clone(), read());
        }
        &c.by_key[&c.probe]
    }
}

/// True when a title phrase starting inside tokens `first..=last` could run past `last`
/// ("Secretary" followed by "of State"): the reading of the phrase then depends on the words
/// after it, so it is not shared with other occurrences of the same text.
fn reads_past(ctx: &Ctx, first: usize, last: usize) -> bool {
    (first..=last).any(|i| {
        ctx.starts(i) & Phrases::Titles.bit() != 0
            && ctx
                .lex
                .titles
                .get(ctx.key(i))
                .is_some_and(|c| c.iter().any(|(rest, _)| i + rest.len() > last))
    })
}

/// Speaker of one source phrase: pronouns through the registry, everything else read off the
/// phrase ([`read`], once per distinct phrase an [`Extractor`] meets) and then registered.
fn resolve(
    ctx: &Ctx,
    lex: &AttributionLexicon,
    reg: &mut Registry,
    readings: &mut Readings,
    s: &SourceNp,
) -> Resolved {
    if let Some(p) = s.pronoun {
        if p & cat::PRON_1 != 0 {
            return Resolved::none(SourceType::PronounUnresolved);
        }
        return reg.pronoun(p);
    }
    if let Some(a) = s.antecedent {
        let np = SourceNp {
            descriptor: a.descriptor,
            ..SourceNp::phrase(ctx, a.first, a.last)
        };
        return resolve(ctx, lex, reg, readings, &np);
    }
    if ctx.word(s.first) & cat::REL != 0 {
        // "who" with no usable antecedent: the most recent person.
        return reg.pronoun(cat::PRON_M | cat::PRON_F);
    }
    let reading;
    // A phrase (and descriptor) within one sentence whose text is its tokens' cores, from the
    // first's to the last's, has the same tokens, keys and capitals wherever the text recurs;
    // with no title running past its end, its reading is a function of that text.
    let one_sentence = |f: usize, l: usize| ctx.sentence(f) == ctx.sentence(l);
    let r = if reads_past(ctx, s.first, s.last)
        || s.descriptor.is_some_and(|(f, l)| reads_past(ctx, f, l))
        || ctx.a.slice(s.span) != ctx.a.slice(ctx.core_span(s.first, s.last))
        || !one_sentence(s.first, s.last)
        || s.descriptor.is_some_and(|(f, l)| !one_sentence(f, l))
    {
        reading = read(ctx, lex, s);
        &reading
    } else {
        readings.get(
            ctx.a.slice(s.span),
            s.descriptor.map(|(f, l)| ctx.a.slice(ctx.core_span(f, l))),
            || read(ctx, lex, s),
        )
    };
    match r {
        Reading::Nobody(kind) => Resolved::none(*kind),
        Reading::Mention(m) if opening_word_only(ctx, reg, s, m) => {
            Resolved::none(SourceType::Unknown)
        }
        Reading::Mention(m) if acronym(ctx, s, m) || determined_name(ctx, reg, s, m) => {
            reg.mention(&m.as_organization())
        }
        Reading::Mention(m) => reg.mention(m),
    }
}

/// True when the source is one word in capitals (after a determiner or not), read as a
/// person's name, in running text: "NASA tweeted", "Le CERN a annoncé", "UNESCO estimates".
/// A name in capitals is an acronym, an organisation's, unless it is a transcript label
/// ("LEAHY:", "SPEAKER PELOSI:", persons) or the sentence is in capitals ("TRUMP SAYS …": the
/// word after the source is in capitals too). A per-mention test (the label's colon is outside
/// the phrase's text), so it runs after the cached reading.
fn acronym(ctx: &Ctx, s: &SourceNp, m: &speaker::Mention) -> bool {
    let Some(i) = lone_name(ctx, s, m) else {
        return false;
    };
    let in_capitals = |w: &str| {
        w.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !w.chars().any(char::is_lowercase)
    };
    if !in_capitals(ctx.a.token_core(i)) {
        return false;
    }
    let t = &ctx.a.tokens[i];
    let label = ctx.a.text[t.core.end as usize..t.span.end as usize].contains(':')
        || (i + 1 < ctx.n() && ctx.a.token_core(i + 1) == ":");
    let capitals_after = i + 1 < ctx.n() && in_capitals(ctx.a.token_core(i + 1));
    !label && !capitals_after
}

/// True when the source is a determiner and a capitalised name, the whole name read as a
/// person's, with no role: "The American Legion said", "the Tax Policy Center estimates", "La
/// Poste a nié", "Le Medef a indiqué". Persons are named without an article; after one, a
/// capitalised name is an institution's, unless it is a nationality, regional or party noun
/// ("the Texan", "the Wisconsin Republican", "l'Américain": `demonym_endings.txt`), a plural
/// ("the Saudis", "the Khans"), a person met before ("The Trump campaign" after "Donald
/// Trump"), or a surname with its particle that the article writes after a first name too
/// ("Le Pen" beside "Marine Le Pen"). A per-article test, so it runs after the (cached)
/// reading.
fn determined_name(ctx: &Ctx, reg: &Registry, s: &SourceNp, m: &speaker::Mention) -> bool {
    if m.kind != SourceType::Person
        || m.d.role.is_some()
        || s.descriptor.is_some()
        || s.last == s.first
        || ctx.word(s.first) & cat::DET == 0
        || ctx.word(s.first) & cat::POSS != 0
    {
        return false;
    }
    // "The Blaze's Matt Walsh" is Matt Walsh.
    let possessive = |t: usize| speaker::is_possessive(ctx.a.token_core(t));
    // "le Président-candidat" is a person whose title the role reading missed.
    let title = |t: usize| ctx.key(t).split('-').any(|p| ctx.lex.is_title_word(p));
    let mut words = s.first + 1..=s.last;
    if !words.clone().all(|t| ctx.capitalised(t)) || words.any(|t| possessive(t) || title(t)) {
        return false;
    }
    let name = ctx.a.slice(ctx.core_span(s.first + 1, s.last));
    if m.d.name.as_deref() != Some(name) {
        return false;
    }
    let last = ctx.key(s.last);
    if ctx.lex.has_demonym_ending(last) || speaker::is_plural_key(last) || reg.knows(m) {
        return false;
    }
    // "Marine Le Pen" somewhere in the article: "Le Pen" is her surname.
    let text = ctx.a.text;
    let phrase = ctx.a.slice(ctx.core_span(s.first, s.last));
    !whole_word_at(text, phrase).any(|p| {
        text[..p]
            .trim_end_matches(' ')
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase))
    })
}

/// The token of a person source named by one word, the whole phrase but for a determiner
/// ("NASA", "Le CERN", "Surprisingly"), with no role. The two per-mention tests on
/// such names ([`acronym`], [`opening_word_only`]) start here.
fn lone_name(ctx: &Ctx, s: &SourceNp, m: &speaker::Mention) -> Option<usize> {
    let one_word =
        s.first == s.last || (s.last == s.first + 1 && ctx.word(s.first) & cat::DET != 0);
    (m.kind == SourceType::Person
        && m.d.role.is_none()
        && one_word
        && m.d.name.as_deref() == Some(ctx.a.token_core(s.last)))
    .then_some(s.last)
}

/// True when the source is one capitalised word opening its sentence, read as a person's
/// name, that looks like a common word and that the article never capitalises anywhere else:
/// "Surprisingly, …", "Having informed …", "Polls show …" (after "a poll"). A sentence's
/// first word is capitalised whatever it is, so that capital alone is no evidence of a name;
/// a surname comes with its capital inside a sentence too ("Donald Trump", "said Peskov"), or
/// is no common word ("Amadou estimated …" in an article that never names him otherwise).
/// Common: a word of the lexicons (function words, verbs, …), one of the language's common
/// endings (`common_endings.txt`: "-ly", "-ing"), or a word the article also writes in lower
/// case ("Support for …" and "their support"; for a plural, its singular: "Polls show …" and
/// "a poll"). Such a source keeps its span but names no speaker, and no later "he" resolves to
/// it (unless it is the short name of a speaker met before: "Polls show …" after "exit polls
/// found …"). Words in capitals ("FALLIN:", "WASHINGTON —") and a word right after a closing
/// quote ("“…!” Cruz said.": the exclamation ended the sentence) are left alone. A per-article
/// test, so it runs after the (cached, article-independent) reading.
fn opening_word_only(ctx: &Ctx, reg: &Registry, s: &SourceNp, m: &speaker::Mention) -> bool {
    let Some(i) = lone_name(ctx, s, m).filter(|&i| i == s.first && s.descriptor.is_none()) else {
        return false;
    };
    let word = ctx.a.token_core(i);
    if ctx.sentence_first(i) != i || !word.chars().skip(1).any(char::is_lowercase) {
        return false;
    }
    let t = &ctx.a.tokens[i];
    let text = ctx.a.text;
    if text[..t.span.start as usize]
        .trim_end()
        .ends_with(['”', '"', '»', '’'])
    {
        return false;
    }
    if reg.knows(m) {
        return false;
    }
    let capitalised_inside = whole_word_at(text, word).any(|p| {
        let t = ctx.a.token_at(p);
        t < ctx.n() && t != ctx.sentence_first(t)
    });
    if capitalised_inside {
        return false;
    }
    let key = ctx.key(i);
    // (A plural counts only with its singular in lower case: "Sanders" is a name, "Polls"
    // after "a poll" is not.)
    ctx.word(i) != 0
        || (speaker::is_plural_key(key)
            && whole_word_at(text, &key[..key.len() - 1]).next().is_some())
        || ctx.lex.has_common_ending(key)
        || whole_word_at(text, key).next().is_some()
}

/// Byte offsets of `w` in `text` as a whole word ("Trump's" holds "Trump"; "Trump-style" and
/// "Trumpism" do not).
pub(crate) fn whole_word_at<'t>(text: &'t str, w: &'t str) -> impl Iterator<Item = usize> + 't {
    let is_word_char = |c: char| c.is_alphanumeric() || c == '-';
    memchr::memmem::find_iter(text.as_bytes(), w.as_bytes()).filter(move |&p| {
        !text[..p].ends_with(is_word_char) && !text[p + w.len()..].starts_with(is_word_char)
    })
}

/// [`PhraseMatcher::find_whole`] of list `m` on `name`, reusing the phrase's matches (`found`,
/// group `list`) when the name is the whole phrase `text` (the common case: "Trump said").
fn whole_match(
    m: &PhraseMatcher,
    name: &str,
    text: &str,
    found: &SourceMatches,
    list: SourceList,
) -> bool {
    if name != text {
        return m.find_whole(name).is_some();
    }
    matches!(found.get(list),
        [one] if one.span.start == 0 && one.span.end as usize == name.len())
}

/// Reads a non-pronoun source phrase: media lists, anonymous and document phrases, names with
/// their titles. A function of the phrase's words only (see [`reads_past`]).
fn read(ctx: &Ctx, lex: &AttributionLexicon, s: &SourceNp) -> Reading {
    let text = ctx.a.slice(s.span);
    // Folded once, and matched against every list in one pass.
    let found = SourceMatches::find_text(ctx.lex, text);
    let mut d = speaker::describe(ctx, s);
    // "Office of the President of Ukraine Andriy Yermak": a "name" that is only an
    // institution's head word is no one's.
    let institution_word = |n: &str| ctx.lex.organizations.find_whole(n).is_some();
    if d.name.as_deref().is_none_or(institution_word)
        && d.role.is_some()
        && let Some(org) = d.organization.as_deref()
        && let Some((org, name)) = known_organization_then_name(lex, org)
    {
        // "President of Ukraine Volodymyr Zelenskyy": the words after the title's connector
        // are a known country or institution, then the person's name.
        d.organization = Some(org);
        d.name = Some(name);
    }
    if d.name
        .as_deref()
        .is_some_and(|n| !speaker::has_content_word(ctx.lex, n, true))
    {
        // "That said", "This shows", "Ukrainian officials": a capitalised function word or
        // adjective, not a name.
        d.name = None;
    }
    // "Michael Bloomberg", "Mayor Bloomberg": an alias right after a name word or title of the
    // phrase ends a person's name; "The Associated Press", "l'AFP", "a Reuters reporter",
    // "Russia's Sputnik" are the medium.
    let not_in_name = |start: usize| !ends_a_name(ctx.lex, text, start);
    let state_media = found.medium(SourceList::StateMedia, &lex.state_media, not_in_name);
    let wire = found.medium(SourceList::WireAgencies, &lex.wire_agencies, not_in_name);
    if d.name.is_none()
        && d.role.is_none()
        && !speaker::has_content_word(ctx.lex, text, false)
        && state_media.is_none()
        && wire.is_none()
    {
        // "I said", "Let me say", "That said": no one named; first person stays unresolved.
        let kind = if speaker::first_person(ctx.lex, text) {
            SourceType::PronounUnresolved
        } else {
            SourceType::Unknown
        };
        return Reading::Nobody(kind);
    }
    // A medium named by an alias of several words ("Bloomberg News", "the Associated Press")
    // is that medium even after a person of the same surname; one word ("Bloomberg") may be
    // that person's short name.
    let media = |(n, at): (&str, Span), kind| {
        let d = speaker::Described {
            name: Some(n.to_string()),
            ..Default::default()
        };
        let m = speaker::Mention::new(d, kind, None);
        let several_words = text[at.range()].contains(char::is_whitespace);
        Reading::Mention(if several_words { m.not_a_person() } else { m })
    };
    if let Some(n) = state_media {
        return media(n, SourceType::StateMedia);
    }
    if let Some(n) = wire {
        return media(n, SourceType::WireAgency);
    }
    // The phrase without determiners, as the name of a group or document.
    let mut f = s.first;
    while f < s.last && ctx.word(f) & cat::DET != 0 {
        f += 1;
    }
    // (Quotation marks inside the phrase are no part of a name: "his “fair share” proposal".)
    let bare = speaker::strip_elision(
        ctx.a
            .slice(ctx.core_span(f, s.last))
            .replace(quotes::DOUBLE_MARKS, ""),
    );
    let lx = ctx.lex;
    // "the Office of the President of Ukraine", "the Department of Justice": a "name" that is
    // only an institution's head word, opening the phrase with the title after it, names the
    // institution, not a person called "Office" with that title.
    // (Only a phrase of capitalised words and connectors, no "and": "Office of the President
    // head Andriy Yermak" is someone's title.)
    let capitals_and_connectors = || {
        (f..=s.last).all(|t| {
            (ctx.capitalised(t) || ctx.word(t) & (cat::NP | cat::DET) != 0)
                && ctx.word(t) & cat::CONJ == 0
        })
    };
    if d.role.is_some()
        && d.name
            .as_deref()
            .is_some_and(|n| bare.starts_with(n) && bare.len() > n.len() && institution_word(n))
        && capitals_and_connectors()
    {
        let d = speaker::Described {
            name: Some(bare),
            role: None,
            organization: None,
            ..d
        };
        return Reading::Mention(speaker::Mention::new(d, SourceType::Organization, None));
    }
    // Anonymous: an anonymous phrase and no name, or a "name" that is only that phrase
    // ("Officials said" at the start of a sentence).
    if found.any(SourceList::Anonymous)
        && d.name
            .as_deref()
            .is_none_or(|n| whole_match(&lx.anonymous, n, text, &found, SourceList::Anonymous))
    {
        let d = speaker::Described { name: None, ..d };
        return Reading::Mention(speaker::Mention::new(d, SourceType::Anonymous, None));
    }
    // "the Mueller report", "the “Homes for All” paper she published": a lower-case
    // document word after the name makes the name its modifier; "Report author John Smith"
    // stays a person, and so does a capitalised one, part of a name ("Dan Roe at the National
    // Review", "the Bureau of Labor Statistics").
    let document_after_name = || {
        d.name.as_deref().is_some_and(|n| {
            text.find(n).is_some_and(|p| {
                found.get(SourceList::Documents).iter().any(|m| {
                    // (No verb between: "Roe has record low …" is a clause. `text` starts at
                    // the phrase's first token, so its tokens' offsets are shifted by that.)
                    let base = s.span.start;
                    let between = (p + n.len())..m.span.start as usize;
                    let no_verb = (s.first..=s.last).all(|t| {
                        let at = ctx.a.tokens[t].core.start.saturating_sub(base) as usize;
                        !between.contains(&at)
                            || ctx.word(t) & (cat::SKIP | cat::AUX | cat::PASSIVE) == 0
                    });
                    between.start <= between.end
                        && no_verb
                        && text[m.span.range()].starts_with(char::is_lowercase)
                })
            })
        })
    };
    if found.any(SourceList::Documents) && (d.name.is_none() || document_after_name()) {
        let fallback = (!clause_like(ctx, f, s.last)).then_some(bare);
        // (The phrase names the document, not the name inside it.)
        let d = speaker::Described { name: None, ..d };
        return Reading::Mention(speaker::Mention::new(d, SourceType::Document, fallback));
    }
    // "le Figaro", "The Times", "le quotidien français Le Figaro": the phrase ends with a known
    // organisation's alias that holds the name read off it (the article is part of the alias:
    // "Don Guardian" is no newspaper).
    let tail_org = d.name.as_deref().and_then(|n| {
        found
            .get(SourceList::KnownOrganizations)
            .last()
            .filter(|m| m.span.end as usize == text.len() && text[m.span.range()].ends_with(n))
            .map(|m| m.payload)
    });
    let name_is_org = tail_org.is_some()
        || d.name.as_deref().is_some_and(is_web_domain)
        || match &d.name {
            Some(n) if n == text => {
                found.any(SourceList::Organizations)
                    || whole_match(
                        &lex.known_organizations,
                        n,
                        text,
                        &found,
                        SourceList::KnownOrganizations,
                    )
            }
            Some(n) => {
                !lx.organizations.find_in(n).is_empty()
                    || lex.known_organizations.find_whole(n).is_some()
            }
            None => found.any(SourceList::Organizations),
        };
    if name_is_org && d.role.is_none() {
        // "U.S.", "USA", "the United States": one speaker, by the entity's display name, when
        // the whole phrase is the capitalised alias ("the Congress of Local and Regional
        // Authorities" is not the US Congress, nor is "the congress" of a Kremlin transcript).
        // (`join` puts back the final period the token core leaves out: "The U.S said".)
        let canonical = tail_org
            .or_else(|| {
                speaker::join(ctx, f, s.last)
                    .filter(|w| w.starts_with(char::is_uppercase))
                    .and_then(|w| lex.known_organizations.find_whole(&w))
            })
            .and_then(|i| lex.known_organization_names.get(i as usize).cloned());
        // "The U.S. Department of Agriculture", "la Banque de France": an organisation's name
        // keeps its lower-case connectors, which end a person's name.
        let name = canonical.unwrap_or_else(|| match d.name.clone() {
            Some(n)
                if n.len() < bare.len()
                    && bare.starts_with(&n)
                    && proper_name(ctx, lex, f, s.last) =>
            {
                bare
            }
            Some(n) => n,
            None => bare,
        });
        let d = speaker::Described {
            name: Some(name),
            ..d
        };
        return Reading::Mention(speaker::Mention::new(d, SourceType::Organization, None));
    }
    // "Ukrainians", "Republicans": the plural of a nationality or party word names a group.
    // It stays the speaker's name, but it is no person a later "she" could be.
    let group = d.name.as_deref().is_some_and(|n| {
        n.split_whitespace().all(|w| {
            let k = lexicon::key(w);
            k.strip_suffix('s')
                .is_some_and(|one| lx.non_name_words.contains(one))
        })
    });
    // "The Leaders", "Our Allies" (release style capitalises common nouns): one capitalised
    // plural after a determiner or possessive names a group, not a person.
    let capitalised_plural = s.last == s.first + 1
        && ctx.word(s.first) & (cat::DET | cat::POSS) != 0
        && ctx.word(s.first) & cat::PRON == 0
        && ctx.capitalised(s.last)
        && d.name.as_deref() == Some(ctx.a.token_core(s.last))
        && speaker::is_plural_key(ctx.key(s.last));
    if (group || capitalised_plural) && d.role.is_none() {
        return Reading::Mention(speaker::Mention::new(d, SourceType::Unknown, None));
    }
    if d.name.is_some() || d.role.is_some() {
        return Reading::Mention(speaker::Mention::new(d, SourceType::Person, None));
    }
    // "leaders", "the two presidents", "parties": a group named by a plural common noun is
    // nobody's name.
    // So is a share of those polled ("47 percent", "42%").
    let plural = !(f..=s.last).any(|t| ctx.capitalised(t))
        && (speaker::is_plural_key(ctx.key(s.last))
            || speaker::is_share(ctx, s.last, s.last)
            || s.last > f && speaker::is_share(ctx, s.last - 1, s.last));
    Reading::Mention(speaker::Mention::new(
        d,
        SourceType::Unknown,
        (!plural && !clause_like(ctx, f, s.last)).then_some(bare),
    ))
}

/// True when the words `f..=l` are capitalised but for connectors between capitalised words
/// ("Department of Agriculture", "Banque de France"; the `np` words of the lexicon), and no
/// connector is followed by a known country or institution and a person's name ("the Security
/// Service of Ukraine Ivan Bakanov" is a title and a name).
fn proper_name(ctx: &Ctx, lex: &AttributionLexicon, f: usize, l: usize) -> bool {
    (f..=l).all(|t| {
        ctx.capitalised(t)
            || t > f
                && t < l
                && ctx.word(t) & cat::NP != 0
                && ctx.capitalised(t + 1)
                && known_organization_then_name(lex, ctx.a.slice(ctx.core_span(t + 1, l))).is_none()
    })
}

/// True for a one-word name that reads as a web address ("Gawker.com", "Politico.eu"): a dot
/// and then two to six lower-case letters at its end. Such a source is a site, not a person.
fn is_web_domain(name: &str) -> bool {
    !name.contains(char::is_whitespace)
        && name.starts_with(|c: char| c.is_alphabetic())
        && name.rsplit_once('.').is_some_and(|(head, tld)| {
            !head.is_empty()
                && (2..=6).contains(&tld.len())
                && tld.bytes().all(|b| b.is_ascii_lowercase())
        })
}

/// True when the word of `text` before byte `start` (whitespace between them) is a name word
/// or a title, so that what starts at `start` continues a person's name.
fn ends_a_name(lex: &LangLexicon, text: &str, start: usize) -> bool {
    let before = &text[..start];
    let trimmed = before.trim_end();
    if trimmed.len() == before.len() {
        return false;
    }
    let w = trimmed
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or_default();
    !speaker::is_possessive(w)
        && (speaker::has_content_word(lex, w, true)
            || w.starts_with(char::is_uppercase)
                && lex.is_title_word(&lexicon::key(w.trim_end_matches('.'))))
}

/// True when the words `f..=l` of a source phrase read as a piece of a clause rather than a
/// name for a group or document: an auxiliary, complementiser or relative word after the
/// first ("report has prompted"), or a preposition or conjunction at the end ("importance
/// of"). Such a phrase stays the source span but gives no speaker name.
fn clause_like(ctx: &Ctx, f: usize, l: usize) -> bool {
    // ("le bilan le plus récent", "deux des plus importantes": an adverb after a determiner
    // is a superlative, not a verb phrase.)
    let inner = (f + 1..=l).any(|t| {
        let w = ctx.word(t);
        w & (cat::SKIP | cat::AUX | cat::THAT | cat::REL | cat::PASSIVE) != 0
            && w & (cat::DET | cat::NP) == 0
            && ctx.word(t - 1) & cat::DET == 0
    });
    inner || f < l && ctx.word(l) & (cat::NP | cat::CONJ | cat::STOP) != 0
}

/// `Ukraine Volodymyr Zelenskyy` → (`Ukraine`, `Volodymyr Zelenskyy`): a known country or
/// institution (the entity lexicon's, [`AttributionLexicon::known_organizations`]) opening
/// the words, followed by two or more capitalised words.
fn known_organization_then_name(lex: &AttributionLexicon, words: &str) -> Option<(String, String)> {
    let m = *lex.known_organizations.find_in(words).first()?;
    if m.span.start != 0 {
        return None;
    }
    let (org, rest) = words.split_at(m.span.end as usize);
    let rest = rest.trim();
    let n = rest.split_whitespace().count();
    (n >= 2
        && rest
            .split_whitespace()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase)))
    .then(|| (org.trim().to_string(), rest.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{Lang, TextLexicon, analyze};

    fn run(text: &str, lang: &str) -> Vec<Attribution> {
        let src = LexiconSource::built_in();
        let tl = TextLexicon::load(&src).unwrap();
        let al = AttributionLexicon::load(&src).unwrap();
        let a = analyze(text, Lang::parse(lang), &tl);
        extract(&a, &al)
    }

    #[test]
    fn kremlin_spokesman_title_and_organisation() {
        let t = "Kremlin spokesman Dmitry Peskov said the talks would continue.";
        let v = run(t, "en");
        assert_eq!(v.len(), 1, "{v:?}");
        let q = &v[0];
        assert_eq!(q.kind, AttributionKind::Indirect);
        assert_eq!(q.speaker.as_deref(), Some("Dmitry Peskov"));
        assert_eq!(q.role.as_deref(), Some("spokesman"));
        assert_eq!(q.organization.as_deref(), Some("Kremlin"));
        assert_eq!(&t[q.content.range()], "the talks would continue");
        assert_eq!(q.verb.as_deref(), Some("say"));
    }

    /// (speaker, source_type) of every attribution.
    fn speakers(text: &str) -> Vec<(Option<String>, SourceType)> {
        run(text, "en")
            .into_iter()
            .map(|a| (a.speaker, a.source_type))
            .collect()
    }

    #[test]
    fn a_common_word_opening_a_sentence_names_no_one() {
        use SourceType::*;
        let name = |s: &str| (Some(s.to_string()), Person);
        // A plural whose singular the article writes in lower case, an indefinite pronoun, an
        // "-ly" adverb read as the subject, a word the article also writes in lower case: the
        // sentence's capital is no name.
        for text in [
            "A poll was taken in May. Polls show that rents rose by a tenth last year.",
            "Everyone says the bridge must be rebuilt before winter.",
            "Reportedly told the board that the merger would fail.",
            "Support said the deal would pass. Their support was never in doubt.",
        ] {
            assert_eq!(speakers(text), vec![(None, Unknown)], "{text}");
        }
        // No common word (a plural alone is no evidence): a name, even if the article never
        // writes it elsewhere; and a common word the article capitalises inside a sentence
        // ("Rivers" twice) is a name too.
        assert_eq!(
            speakers("Amadou estimated that he had sold forty bottles by noon."),
            vec![name("Amadou")]
        );
        assert_eq!(
            speakers("Sanders spoke first at the rally in the park."),
            vec![name("Sanders")]
        );
        assert_eq!(
            speakers("Rivers said the dam would hold. It was built by Rivers in 1990."),
            vec![name("Rivers")]
        );
        // The short name of a speaker met before keeps that speaker.
        let polls =
            speakers("Exit polls found a narrow lead, the paper said. Polls show it growing.");
        assert_eq!(
            polls.last(),
            Some(&(Some("Exit polls".to_string()), Document))
        );
    }

    #[test]
    fn an_institution_word_before_a_title_names_the_institution() {
        // Not a person "Office" with the title "President".
        assert_eq!(
            speakers("The Office of the President of Ukraine said the talks would resume."),
            vec![(
                Some("Office of the President of Ukraine".to_string()),
                SourceType::Organization
            )]
        );
        // A lower-case word after it makes the phrase someone's title, not the institution.
        let v = speakers("Office of the President head Andriy Yermak said the talks would resume.");
        assert_ne!(v[0].1, SourceType::Organization, "{v:?}");
    }

    #[test]
    fn a_listed_country_speaking_is_an_organisation() {
        assert_eq!(
            speakers("Moldova said the new gas contract would hold through the winter."),
            vec![(Some("Moldova".to_string()), SourceType::Organization)]
        );
        let fr = run(
            "La Lituanie a annoncé la fermeture de deux postes-frontières.",
            "fr",
        );
        assert_eq!(
            (fr[0].speaker.as_deref(), fr[0].source_type),
            (Some("Lithuania"), SourceType::Organization)
        );
    }

    #[test]
    fn one_word_in_capitals_is_an_organisation() {
        use SourceType::*;
        let one = |s: &str, t| vec![(Some(s.to_string()), t)];
        assert_eq!(
            speakers("NASA said the launch would slip to March."),
            one("NASA", Organization)
        );
        assert_eq!(
            speakers("The budget was cut. UNESCO estimates that half the sites are at risk."),
            one("UNESCO", Organization)
        );
        let fr = run(
            "Le CERN a annoncé mercredi la découverte d'une particule.",
            "fr",
        );
        assert_eq!(
            (fr[0].speaker.as_deref(), fr[0].source_type),
            (Some("CERN"), Organization)
        );
        // A transcript label in capitals is a person, and so is a name in a sentence written
        // in capitals.
        assert_eq!(
            speakers("SENATOR LEAHY: I wanted to sign it first."),
            [one("LEAHY", Person), one("LEAHY", Person)].concat()
        );
        assert_eq!(
            speakers("TRUMP SAYS HE WILL WIN THE STATE BY TEN POINTS."),
            one("TRUMP", Person)
        );
    }

    #[test]
    fn caption_labels_are_not_speakers() {
        let v = speakers("Image: Mark Rathbun at the hearing in 2009.\n\nPhoto credit: AP Images");
        assert!(v.is_empty(), "{v:?}");
        // A real transcript label still attributes its paragraph.
        let v = speakers("Joe Scarborough: We are going to win this thing in November.");
        assert_eq!(
            v,
            vec![(Some("Joe Scarborough".into()), SourceType::Person)]
        );
    }

    #[test]
    fn first_person_sources_stay_unresolved() {
        for t in [
            "I said that the plan would fail.",
            "Let me say that the plan will fail.",
            "I stood up and said the plan would fail.",
            "I'm told that the plan would fail.",
            "We’ve said that the plan would fail.",
        ] {
            let v = speakers(t);
            assert_eq!(v, vec![(None, SourceType::PronounUnresolved)], "{t}");
        }
    }

    #[test]
    fn function_words_and_name_parts_are_not_speakers() {
        for t in [
            "That said, the plan would fail.",
            "This shows that the plan will fail.",
            "Ukrainian said the talks were over.",
        ] {
            let v = speakers(t);
            assert!(v.iter().all(|(s, _)| s.is_none()), "{t}: {v:?}");
        }
        let v = speakers("The U.S. said the talks were over.");
        assert_eq!(v.len(), 1, "{v:?}");
        assert_eq!(v[0].0.as_deref(), Some("U.S."), "{v:?}");
        let v = speakers("The President's Office said the talks were over.");
        assert_eq!(v.len(), 1, "{v:?}");
        assert_eq!(v[0].0.as_deref(), Some("President's Office"), "{v:?}");
    }

    /// (source text, cue text, content text) of every attribution.
    fn triples(text: &str) -> Vec<(Option<String>, Option<String>, String)> {
        run(text, "en")
            .into_iter()
            .map(|a| {
                (
                    a.source.map(|s| text[s.range()].to_string()),
                    a.cue.map(|s| text[s.range()].to_string()),
                    text[a.content.range()].to_string(),
                )
            })
            .collect()
    }

    /// Asserts that `text` gives exactly one attribution, with this (source, cue, content).
    #[track_caller]
    fn expect_one(text: &str, (s, c, x): (&str, &str, &str)) {
        assert_eq!(triples(text), vec![t(s, c, x)], "{text}");
    }

    /// A (source, cue, content) triple of [`triples`], all present.
    fn t(s: &str, c: &str, x: &str) -> (Option<String>, Option<String>, String) {
        (Some(s.to_string()), Some(c.to_string()), x.to_string())
    }

    #[test]
    fn agentless_passives_have_no_source() {
        let t = |s: &str, c: &str, x: &str| {
            (
                s.is_empty()
                    .then_some(())
                    .map_or(Some(s.to_string()), |_| None),
                Some(c.to_string()),
                x.to_string(),
            )
        };
        assert_eq!(
            triples("Sanders was declared the winner in Rhode Island."),
            vec![t("", "declared", "the winner in Rhode Island")]
        );
        assert_eq!(
            triples("He was asked what happened to the black vote."),
            vec![t("", "asked", "what happened to the black vote")]
        );
        // A progressive is active: the subject speaks.
        assert_eq!(
            triples("He was saying that the plan would fail."),
            vec![t("He", "saying", "the plan would fail")]
        );
    }

    #[test]
    fn gerund_clauses_take_the_main_subject() {
        let v = triples(
            "At the debate, he poked fun at Donald Trump by mentioning the need for a wall and adding, \"I have an idea of who should build it.\"",
        );
        assert_eq!(
            v,
            vec![
                (
                    Some("he".into()),
                    Some("mentioning".into()),
                    "the need for a wall".into()
                ),
                (
                    Some("he".into()),
                    Some("adding".into()),
                    "I have an idea of who should build it.".into()
                ),
            ]
        );
    }

    #[test]
    fn parentheticals_titles_and_noun_uses() {
        let v = run(
            "Gov. Phil Bryant (R) said the ruling would be appealed.",
            "en",
        );
        assert_eq!(v.len(), 1, "{v:?}");
        assert_eq!(v[0].speaker.as_deref(), Some("Phil Bryant"));
        // "Gov." is written out: one role however the title is abbreviated.
        assert_eq!(v[0].role.as_deref(), Some("governor"));
        // "plan" and "post" head noun phrases here: no cue.
        assert!(triples("The latest plan to stop him failed.").is_empty());
        assert!(triples("In a Facebook post on Sunday night, nothing happened.").is_empty());
        // A verb after a plural subject still is one.
        assert_eq!(
            triples("The Democrats back Clinton in the primary.").len(),
            1
        );
    }

    #[test]
    fn verb_only_forms_titles_and_adverbs_between_commas() {
        // "says", "argues" are never nouns: after a determiner phrase they are its verb
        // (these had no attribution: read as "the media attacks" is).
        expect_one(
            "The senator says there is no deal.",
            ("The senator", "says", "there is no deal"),
        );
        assert_eq!(
            triples("The billionaire businessman argues running for office is tough."),
            vec![t(
                "The billionaire businessman",
                "argues",
                "running for office is tough"
            )]
        );
        // A noun form stays a noun.
        assert!(triples("The media attacks were loud.").is_empty());
        // A title of several words, and lower-case words before a title, after the verb (the
        // title was cut at "chief" and the sentence had no source, or no attribution).
        expect_one(
            "The mill is under pressure, said the chief executive, Ann Ruiz.",
            ("Ann Ruiz", "said", "The mill is under pressure"),
        );
        expect_one(
            "The mill is under pressure, said the company spokesman, Ann Ruiz.",
            ("Ann Ruiz", "said", "The mill is under pressure"),
        );
        assert_eq!(
            triples("The mill is under pressure, said the chief executive."),
            vec![t(
                "the chief executive",
                "said",
                "The mill is under pressure"
            )]
        );
        // A sentence adverb between commas after the subject, before a relative clause or
        // after an apposition (both gave no attribution, or the apposition as the source).
        for text in [
            "Hanna, meanwhile, who has no endorsements, said the count speaks volumes.",
            "Hanna, a senator from Ohio, however, said the count speaks volumes.",
        ] {
            let v = run(text, "en");
            assert_eq!(v.len(), 1, "{text}: {v:?}");
            assert_eq!(v[0].speaker.as_deref(), Some("Hanna"), "{text}");
        }
    }

    #[test]
    fn a_catenative_word_and_to_before_a_verb_of_speech() {
        // The verb after "to" was an infinitive, no cue: these had no attribution.
        assert_eq!(
            triples("Republicans will continue to warn that the deal is a mistake."),
            vec![t(
                "Republicans",
                "continue to warn",
                "the deal is a mistake"
            )]
        );
        expect_one(
            "He tried to explain that the plan would work.",
            ("He", "tried to explain", "the plan would work"),
        );
        // Over a copula before an adjective, which makes no passive.
        expect_one(
            "The senator was quick to note that the plan failed.",
            ("The senator", "was quick to note", "the plan failed"),
        );
        // A word that is itself a cue keeps its cue, the infinitive in its content; a verb
        // after "to" with no catenative word before is still none; nor is a verb of
        // evidence ("continues to show").
        expect_one(
            "Mr. Lou declined to comment.",
            ("Mr. Lou", "declined", "to comment"),
        );
        assert!(triples("Voters have the right to say no.").is_empty());
        assert!(triples("The poll continues to show a close race.").is_empty());
    }

    #[test]
    fn verbs_after_documents_titles_and_coordinated_verbs() {
        // An -s form after a document or a title, a bare form after "PLURAL of the NOUN":
        // verbs, where they were read as compound nouns and gave nothing.
        expect_one(
            "The poll shows the senator far ahead.",
            ("The poll", "shows", "the senator far ahead"),
        );
        expect_one(
            "The president hopes obstruction becomes untenable.",
            ("The president", "hopes", "obstruction becomes untenable"),
        );
        expect_one(
            "Supporters of the law hope this is a transition.",
            ("Supporters of the law", "hope", "this is a transition"),
        );
        // A verb after "and" shares the previous verb's subject; each has its own content,
        // never the clause before (it was "Some", or the clause before the first verb).
        assert_eq!(
            triples("Some strategists fear that the plan failed and warn that the talks are over."),
            vec![
                t("Some strategists", "fear", "the plan failed"),
                t("Some strategists", "warn", "the talks are over"),
            ]
        );
        assert_eq!(
            triples(
                "Ana Ruiz, speaking in Ohio, said the mill would close and warned against new tariffs."
            ),
            vec![
                t("Ana Ruiz", "said", "the mill would close"),
                t("Ana Ruiz", "warned", "against new tariffs"),
            ]
        );
        // A form that may be a noun, after "and" and before no object, does not cut the
        // previous verb's content.
        assert_eq!(
            triples("Ana Ruiz wanted to hide her dealings and favors to donors.")[0],
            t(
                "Ana Ruiz",
                "wanted",
                "to hide her dealings and favors to donors"
            )
        );
        // The clause before the cue, not a possessive description, a participle of manner
        // or a year after it.
        expect_one(
            "The Internet spread the rumour, said Ana Ruiz, Politifact's editor.",
            ("Ana Ruiz", "said", "The Internet spread the rumour"),
        );
        expect_one(
            "Sales were great, he said, wiping sweat off his face.",
            ("he", "said", "Sales were great"),
        );
        assert_eq!(
            triples("The firm quietly disbanded after the election, Politico reported in 2014."),
            vec![t(
                "Politico",
                "reported",
                "The firm quietly disbanded after the election"
            )]
        );
        // A gerund subject after the parenthetical is the content.
        expect_one(
            "That change was smooth, he said, replacing her would be harder.",
            ("he", "said", "replacing her would be harder"),
        );
    }

    #[test]
    fn a_sentence_subject_after_an_opening_phrase_and_with_common_nouns() {
        // A lower-case subject after an opening phrase (these had no attribution: the
        // subject was read only as names and titles, from a capitalised first word).
        expect_one(
            "In May, the judge sided with the Democrats, saying the law was void.",
            ("the judge", "saying", "the law was void"),
        );
        // An opening phrase of up to eight words after a preposition.
        assert_eq!(
            triples(
                "By the end of the day, Mr. Ruiz was forced into retreat and said that his words were misread."
            ),
            vec![t("Mr. Ruiz", "said", "his words were misread")]
        );
        // The noun phrase ends before what looks like its verb; an -ed word before a noun
        // modifies it.
        expect_one(
            "The embattled senator sided with them, saying the law was void.",
            ("The embattled senator", "saying", "the law was void"),
        );
    }

    #[test]
    fn fragments_documents_polls_and_clauses_after_a_colon() {
        let k = |text: &str| -> Vec<(String, Option<String>, String)> {
            run(text, "en")
                .into_iter()
                .map(|a| {
                    (
                        format!("{:?}", a.kind),
                        a.source.map(|s| text[s.range()].to_string()),
                        text[a.content.range()].to_string(),
                    )
                })
                .collect()
        };
        // A quoted fragment inside the reported sentence: the sentence is the content.
        assert_eq!(
            k("Teachers who meet online are “very, very pro-Bernie,” Ana Ruiz said."),
            vec![(
                "Mixed".into(),
                Some("Ana Ruiz".into()),
                "Teachers who meet online are “very, very pro-Bernie,”".into()
            )]
        );
        // A quote that opens its sentence stays a direct quote.
        assert_eq!(k("“We will win,” Ana Ruiz said.")[0].0, "Direct");
        // "statement" is a time word ("said in a statement") but a document as a subject.
        assert_eq!(
            k("The deal is dead, the statement said."),
            vec![(
                "Indirect".into(),
                Some("the statement".into()),
                "The deal is dead".into()
            )]
        );
        // Time words before a phrase of place after the cue: the clause before is content.
        assert_eq!(
            k("The plan is sickening, Ana Ruiz said Tuesday in Paris.")[0].2,
            "The plan is sickening"
        );
        // "according to" opening a clause after a colon.
        assert_eq!(
            k("It has not gone unnoticed: according to recent polls, the senator trails.")[0].2,
            "the senator trails"
        );
        // A quote inside an opening phrase, before a cue with a clause after it, is not the
        // speaker's: the clause is (the chant was the content). "her" after "said" is a
        // possessive, no hearer.
        assert_eq!(
            k("Walking in to chants of “Ana! Ana!,” the senator said her campaign was “strong.”"),
            vec![(
                "Mixed".into(),
                Some("the senator".into()),
                "her campaign was “strong.”".into()
            )]
        );
        // Not when a phrase of place follows the cue.
        assert_eq!(
            k("Still, the clubs are “just scratching out a profit,” Ana Ruiz wrote in her memo.")
                [0]
            .0,
            "Mixed"
        );
        // Shares of those polled speak; they name no one.
        let v = run(
            "Around that time, 47 percent said they would vote for her.",
            "en",
        );
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].speaker, None);
        assert_eq!(k("On taxes, 42% say they are liberal.").len(), 1);
    }

    #[test]
    fn a_common_plural_after_the_verb_and_a_comma_is_its_subject() {
        // The phrase was the content and the attribution had no source.
        expect_one(
            "The plan would fail, said several analysts.",
            ("several analysts", "said", "The plan would fail"),
        );
        expect_one(
            "The plan would fail, said a majority of voters.",
            ("a majority of voters", "said", "The plan would fail"),
        );
        // Without the comma the phrase is the verb's object.
        expect_one(
            "Cruz opposed the measures.",
            ("Cruz", "opposed", "the measures"),
        );
    }

    /// (speaker, organization) of every attribution, with the full lexicons (the entity
    /// lexicon's countries and institutions included).
    fn speakers_orgs(text: &str) -> Vec<(Option<String>, Option<String>)> {
        let lex = crate::lexicon::Lexicons::built_in();
        let a = analyze(text, Lang::parse("en"), &lex.text);
        extract(&a, &lex.attribution)
            .into_iter()
            .map(|a| (a.speaker, a.organization))
            .collect()
    }

    /// (source text, speaker, role) of every attribution of a French text.
    fn french_sources(text: &str) -> Vec<(String, Option<String>, Option<String>)> {
        let lex = crate::lexicon::Lexicons::built_in();
        let a = analyze(text, Lang::parse("fr"), &lex.text);
        extract(&a, &lex.attribution)
            .into_iter()
            .map(|q| {
                let src = q
                    .source
                    .map_or(String::new(), |s| text[s.range()].to_string());
                (src, q.speaker, q.role)
            })
            .collect()
    }

    #[test]
    fn a_phrase_between_verb_and_inverted_subject_is_no_source() {
        let one = |t: &str| {
            let v = french_sources(t);
            assert_eq!(v.len(), 1, "{t}: {v:?}");
            v.into_iter().next().unwrap()
        };
        let (src, speaker, _) =
            one("« Nous ne céderons pas », déclare à l'AFP Jean Dupont, maire de Lyon.");
        assert_eq!(
            (src.as_str(), speaker.as_deref()),
            ("Jean Dupont", Some("Jean Dupont"))
        );
        // Without the comma after the quote too.
        let (src, _, _) = one("« Nous ne céderons pas » déclare à l'AFP Jean Dupont.");
        assert_eq!(src, "Jean Dupont");
        // Time words before the addressee, a lower-case addressee.
        let (src, _, _) = one("« C'est une honte », a déclaré mardi à la presse Marie Curie.");
        assert_eq!(src, "Marie Curie");
        // A medium of two words, then a title.
        let (src, _, role) =
            one("« Rien n'est décidé », a assuré à France Inter le porte-parole du gouvernement.");
        assert_eq!(
            (src.as_str(), role.as_deref()),
            ("le porte-parole du gouvernement", Some("porte-parole"))
        );
        // "auprès de" and an anonymous source; a common noun, then the medium's name; a
        // medium, a document, two phrases in a row.
        for (text, source) in [
            (
                "« Rien n'est décidé », a confié auprès de l'AFP une source proche du dossier.",
                "une source proche du dossier",
            ),
            (
                "« Le travail continue », a annoncé à l'agence RIA Novosti Valentine Sapounov.",
                "Valentine Sapounov",
            ),
            (
                "« C'est grave », a souligné dimanche sur France Inter la ministre de la Santé, Agnès Buzyn.",
                "Agnès Buzyn",
            ),
            (
                "« C'est grave », a indiqué dans un communiqué le ministère de la Santé.",
                "le ministère de la Santé",
            ),
            (
                "« C'est grave », a déclaré dans un entretien au Monde le ministre de l'Économie.",
                "le ministre de l'Économie",
            ),
        ] {
            assert_eq!(one(text).0, source, "{text}");
        }
        // Whom it was said to, with no subject after: the speaker is the sentence's subject.
        let v = french_sources("Il a dit à Jean Dupont que la réforme était morte.");
        assert_eq!(v.len(), 1, "{v:?}");
        assert_eq!(v[0].0, "Il");
    }

    #[test]
    fn a_description_ending_the_sentence_after_an_inverted_name_gives_its_role() {
        let lex = crate::lexicon::Lexicons::built_in();
        let en = |t: &str| {
            let a = analyze(t, Lang::parse("en"), &lex.text);
            extract(&a, &lex.attribution)
                .into_iter()
                .map(|q| (q.speaker, q.role, q.organization, q.source_type))
                .collect::<Vec<_>>()
        };
        let s = |x: &str| Some(x.to_string());
        assert_eq!(
            en(
                "\"We will not yield,\" said John Smith, the chairman of the Senate Finance Committee."
            ),
            [(
                s("John Smith"),
                s("chairman"),
                s("Senate Finance Committee"),
                SourceType::Person
            )]
        );
        // A relative clause is no title, nor a description with no title word: no role, and
        // an organisation so described stays one.
        assert_eq!(
            en("\"We will not yield,\" said John Smith, who chairs the committee."),
            [(s("John Smith"), None, None, SourceType::Person)]
        );
        assert_eq!(
            en("\"We will not yield,\" said the Eagle Forum, the conservative group she founded."),
            [(s("Eagle Forum"), None, None, SourceType::Organization)]
        );
        let v = french_sources(
            "« Nous ne céderons pas », déclare à l'AFP Jean-Philippe Magnen, le porte-parole du parti.",
        );
        assert_eq!(
            v,
            [(
                "Jean-Philippe Magnen".to_string(),
                s("Jean-Philippe Magnen"),
                s("porte-parole")
            )]
        );
    }

    #[test]
    fn a_title_then_a_name_ending_the_sentence_after_the_verb() {
        let t = "\"We will not yield,\" said the Kremlin spokesman, Dmitry Peskov.";
        let lex = crate::lexicon::Lexicons::built_in();
        let a = analyze(t, Lang::parse("en"), &lex.text);
        let v = extract(&a, &lex.attribution);
        assert_eq!(v.len(), 1, "{v:?}");
        assert_eq!(v[0].speaker.as_deref(), Some("Dmitry Peskov"));
        assert_eq!(v[0].role.as_deref(), Some("spokesman"));
        assert_eq!(v[0].organization.as_deref(), Some("Kremlin"));
        let v = french_sources(
            "« C'est une honte », a expliqué lundi soir au Monde le ministre de l'Intérieur, Gérald Darmanin.",
        );
        assert_eq!(v.len(), 1, "{v:?}");
        assert_eq!(
            (v[0].0.as_str(), v[0].1.as_deref(), v[0].2.as_deref()),
            ("Gérald Darmanin", Some("Gérald Darmanin"), Some("ministre"))
        );
    }

    #[test]
    fn first_person_in_a_transcript_answer_is_its_speaker() {
        let v = speakers("Vladimir Putin: We have said many times that the talks must go on.");
        assert_eq!(
            v,
            vec![
                (Some("Vladimir Putin".into()), SourceType::Person),
                (Some("Vladimir Putin".into()), SourceType::Person),
            ]
        );
        // "you" is whoever is addressed, not the speaker.
        let v = speakers("Vladimir Putin: You said that the talks must go on.");
        assert_eq!(v[1], (None, SourceType::PronounUnresolved), "{v:?}");
        // Outside anyone's words, "I" stays unresolved.
        assert_eq!(
            speakers("I said that the plan would fail."),
            vec![(None, SourceType::PronounUnresolved)]
        );
    }

    #[test]
    fn short_names_before_the_full_name_are_the_full_name() {
        let v = speakers(
            "Zelenskyy said the talks had failed. Volodymyr Zelenskyy said more aid was needed.",
        );
        let full = (Some("Volodymyr Zelenskyy".to_string()), SourceType::Person);
        assert_eq!(v, vec![full.clone(), full]);
        // A party adjective read into the name makes no full form.
        let v = speakers("Trump said the talks had failed. Republican Donald Trump said so.");
        assert_eq!(v[0].0.as_deref(), Some("Trump"), "{v:?}");
    }

    #[test]
    fn groups_places_and_events_are_not_named_speakers() {
        assert_eq!(
            speakers("The leaders said the talks had failed."),
            vec![(None, SourceType::Unknown)]
        );
        for t in [
            "An adviser to President Biden said the talks had failed.",
            "A professor at Harvard said the talks had failed.",
        ] {
            let v = speakers(t);
            assert_eq!(v.len(), 1, "{t}: {v:?}");
            assert_eq!(v[0].0, None, "{t}: {v:?}");
        }
        let v = speakers("The Secretary of the National Security and Defense Council said so.");
        assert!(
            v.iter()
                .all(|(s, _)| s.as_deref() != Some("Defense Council")),
            "{v:?}"
        );
    }

    #[test]
    fn title_of_a_known_country_then_the_name() {
        let v = speakers_orgs(
            "President of Ukraine Volodymyr Zelenskyy said the talks had failed. The President said more aid was needed.",
        );
        let z = (
            Some("Volodymyr Zelenskyy".to_string()),
            Some("Ukraine".to_string()),
        );
        assert_eq!(v, vec![z.clone(), z]);
    }

    #[test]
    fn name_particles_stay_in_the_name() {
        let v = speakers(
            "European Commission President Ursula von der Leyen said the plan was ready. Von der Leyen added that talks would go on.",
        );
        assert_eq!(
            v.iter().map(|(s, _)| s.as_deref()).collect::<Vec<_>>(),
            vec![Some("Ursula von der Leyen"); 2],
            "{v:?}"
        );
        let v = speakers("Crown Prince Mohammed bin Salman said the deal was signed.");
        assert_eq!(v[0].0.as_deref(), Some("Mohammed bin Salman"), "{v:?}");
    }
}
