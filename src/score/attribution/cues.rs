//! Reporting cues found token by token: verb forms (one or several words, French compound tenses
//! and subject inversion) and "according to" phrases. Each token costs one hash lookup, plus a
//! comparison with the few multi-word phrases that start with it.

use super::Ctx;
use super::lexicon::{LangLexicon, Phrases, VerbClass, cat};
use crate::text::Span;

/// What introduces an attribution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueKind {
    /// A reporting verb (index into `LangLexicon::verbs`).
    Verb(u32),
    /// `according to`, `selon`, `citing`: the source follows.
    AccordingTo,
    /// `Name: …` opening a sentence (headlines, interview transcripts): the source is the name
    /// before the colon, the content the rest of the paragraph.
    Colon,
}

/// A cue occurrence: tokens `first..=last`, the cue's byte span, and for French inversion the
/// subject pronoun carried by the verb token (`a-t-il` → `il`).
#[derive(Debug, Clone, Copy)]
pub struct Cue {
    pub kind: CueKind,
    pub first: usize,
    pub last: usize,
    pub span: Span,
    pub inverted: Option<(Span, u32)>,
}

impl Cue {
    /// A cue over tokens `first..=last` (its span their cores), with the pronoun of a French
    /// inversion when there is one.
    fn over(
        ctx: &Ctx,
        kind: CueKind,
        first: usize,
        last: usize,
        inverted: Option<(Span, u32)>,
    ) -> Self {
        Cue {
            kind,
            first,
            last,
            span: ctx.core_span(first, last),
            inverted,
        }
    }
}

/// Length in tokens of the longest phrase of `index` starting at token `i` (0 when none), with
/// its payload.
#[inline]
pub fn match_phrase(ctx: &Ctx, which: Phrases, i: usize) -> Option<(usize, u32)> {
    if ctx.starts(i) & which.bit() == 0 {
        return None;
    }
    let cands = ctx.lex.phrases(which).get(ctx.key(i))?;
    'c: for (rest, payload) in cands {
        for (k, w) in rest.iter().enumerate() {
            let t = i + 1 + k;
            if t >= ctx.n() || ctx.key(t) != w || ctx.sentence(t) != ctx.sentence(i) {
                continue 'c;
            }
            // Only the last word of a phrase may carry trailing punctuation.
            if ctx.trailing_punct(t - 1) {
                continue 'c;
            }
        }
        return Some((rest.len() + 1, *payload));
    }
    None
}

/// Finds every cue outside quotes, in token order.
pub fn find(ctx: &Ctx) -> Vec<Cue> {
    let lex = ctx.lex;
    let mut out = Vec::new();
    let n = ctx.n();
    let sentences = &ctx.a.sentences;
    // The next sentence whose first token the scan has not passed.
    let mut next_sentence = 0;
    let mut i = 0;
    while i < n {
        // Most tokens can start no cue: no verb form or "according to" phrase begins with
        // them, they open no sentence (`Name:` labels) and carry no inversion suffix.
        // `next_cue_candidate` skips them on a bitmap test of the key, without a lookup (the
        // checks below would all fail; a false positive only costs the lookup); a sentence's
        // first token is always looked at. The quote and empty-key tests after it only skip
        // as well, so the order changes nothing.
        while next_sentence < sentences.len() && (sentences[next_sentence].tokens.0 as usize) < i {
            next_sentence += 1;
        }
        let sentence_start = sentences
            .get(next_sentence)
            .map_or(n, |s| (s.tokens.0 as usize).min(n));
        i = ctx.next_cue_candidate(i, sentence_start);
        if i >= n {
            break;
        }
        if ctx.in_quote(i) || ctx.key(i).is_empty() {
            i += 1;
            continue;
        }
        // A sentence's first token that is no candidate can only open a `Name:` label: no
        // verb form, "according to" phrase or inversion starts with it (skipping the rest
        // saves a vocabulary lookup per sentence).
        let only_label = i == sentence_start && !ctx.is_cue_candidate(i);
        if let Some(k) = colon_label(ctx, i) {
            let t = &ctx.a.tokens[k];
            let colon_at = t.core.end as usize;
            out.push(Cue {
                kind: CueKind::Colon,
                first: i,
                last: k,
                span: Span::new(colon_at, colon_at + 1),
                inverted: None,
            });
            i = k + 1;
            continue;
        }
        if only_label {
            i += 1;
            continue;
        }
        // "according to", "selon": only when not preceded by a determiner ("the citing").
        if let Some((len, _)) = match_phrase(ctx, Phrases::AccordingTo, i) {
            // "…, he said, citing rising rents": after a comma, "citing" before a
            // phrase that names no source is the verb "cite" in a participle clause.
            if len == 1
                && i > 0
                && ctx.a.token_text(i - 1).ends_with(',')
                && let Some((vlen, v)) = match_phrase(ctx, Phrases::VerbForms, i)
                && vlen == 1
                && !super::speaker::cites_a_source(ctx, i)
            {
                out.push(Cue::over(ctx, CueKind::Verb(v), i, i, None));
                i += 1;
                continue;
            }
            let last = i + len - 1;
            out.push(Cue::over(ctx, CueKind::AccordingTo, i, last, None));
            i = last + 1;
            continue;
        }
        // "In a Gallup poll, 48 percent were undecided": the poll phrase is the source, as
        // after "according to".
        if survey_phrase(ctx, i) {
            out.push(Cue::over(ctx, CueKind::AccordingTo, i, i, None));
            i += 1;
            continue;
        }
        // French inversion: "a-t-il ajouté", "déclare-t-elle", "dit-il".
        if let Some((base_len, pron)) = inversion(ctx, i) {
            let base = &ctx.key(i)[..base_len];
            let core = ctx.a.tokens[i].core;
            // The pronoun itself: "il" of "a-t-il".
            let suffix = &ctx.key(i)[base_len..];
            let pron_len = suffix.len()
                - suffix
                    .trim_start_matches("-t-")
                    .trim_start_matches('-')
                    .len();
            let pron_span = Span::new(core.start as usize + base_len + pron_len, core.end as usize);
            if lex.word(base) & cat::AUX != 0 && i + 1 < n && !ctx.trailing_punct(i) {
                if let Some((len, v)) = match_phrase(ctx, Phrases::VerbForms, i + 1) {
                    let last = i + len;
                    out.push(Cue::over(
                        ctx,
                        CueKind::Verb(v),
                        i,
                        last,
                        Some((pron_span, pron)),
                    ));
                    i = last + 1;
                    continue;
                }
            }
            if let Some(cands) = lex.verb_forms.get(base)
                && let Some((_, v)) = cands.iter().find(|(rest, _)| rest.is_empty())
            {
                out.push(Cue::over(
                    ctx,
                    CueKind::Verb(*v),
                    i,
                    i,
                    Some((pron_span, pron)),
                ));
                i += 1;
                continue;
            }
        }
        if let Some((len, v)) = match_phrase(ctx, Phrases::VerbForms, i) {
            let last = i + len - 1;
            // A capitalised form inside a sentence is a name ("United States", "Post"), except
            // a finite form in a title-case headline ("Bellwether County Says Trump Should
            // Win"; a participle there modifies a noun: "Entities Supporting the Military").
            let name_like = ctx.capitalised(i)
                && i != ctx.sentence_first(i)
                && (ctx.key(i).ends_with("ing") || !title_case_sentence(ctx, i));
            // "expressed support for", "voiced concerns", "said claims of fraud were false":
            // a form that is also a noun, right after a verb cue, is that verb's object or
            // the subject of its clause, not a second cue. After a plural noun that is also
            // a verb form ("Estimates suggest", "The reports show") it is the verb; an -s form
            // after a name is that name's verb ("Pence Announces Plans", "Trump says claims
            // …"), and so, for want of a word list, after any capitalised word but a
            // determiner ("New reports show" is read as a name's verb).
            let plural_noun = |c: &Cue, w: u32| {
                c.first == c.last
                    && ctx.key(c.last).ends_with('s')
                    && nounable(lex, ctx.key(c.last), &lex.verbs[w as usize].lemma)
                    && (c.first == ctx.sentence_first(c.first)
                        || !ctx.capitalised(c.first - 1)
                        || ctx.word(c.first - 1) & (cat::DET | cat::POSS) != 0)
            };
            let after_cue = out.last().is_some_and(|c: &Cue| {
                c.last + 1 == i
                    && matches!(c.kind, CueKind::Verb(w) if !plural_noun(c, w))
                    && !ctx.trailing_punct(c.last)
                    && ctx.sentence(c.last) == ctx.sentence(i)
            }) && nounable(lex, ctx.key(i), &lex.verbs[v as usize].lemma);
            // (A study "continues to show", "we continue to support Ukraine": only a verb of
            // speech makes the phrase a report of what was said.)
            let catenative = catenative_before(ctx, i)
                .filter(|_| lex.verbs[v as usize].class == VerbClass::Speech);
            if !name_like
                && !after_cue
                && (catenative.is_some() || verb_context_ok(ctx, i))
                && !noun_use(ctx, i, &lex.verbs[v as usize].lemma)
            {
                // French compound tense: extend back over the auxiliary ("a déclaré",
                // "n'a pas dit", "ont également indiqué"); "continues to warn" from its
                // first word.
                let mut first = catenative.map_or(i, |c| {
                    // "was quick to note", "is unwilling to say": over the copula.
                    if c > ctx.sentence_first(c)
                        && ctx.word(c - 1) & cat::PASSIVE != 0
                        && !ctx.trailing_punct(c - 1)
                    {
                        c - 1
                    } else {
                        c
                    }
                });
                let mut k = first;
                let mut steps = 0;
                while k > 0 && steps < 3 && !ctx.trailing_punct(k - 1) && !ctx.in_quote(k - 1) {
                    let w = ctx.word(k - 1);
                    if w & cat::AUX != 0 {
                        first = k - 1;
                        break;
                    }
                    // "a fermement condamné", "ont clairement dit": an adverb in -ment right
                    // after the auxiliary (no noun stands between an auxiliary and its
                    // participle).
                    let adverb = w == 0
                        && k >= 2
                        && ctx.key(k - 1).ends_with("ment")
                        && !ctx.capitalised(k - 1)
                        && ctx.word(k - 2) & cat::AUX != 0;
                    if w & cat::SKIP == 0 && !adverb {
                        break;
                    }
                    k -= 1;
                    steps += 1;
                }
                // "la réduction se poursuit", "il s'appelle": a reflexive use of a verb whose
                // reflexive reports no speech (its lemma is `refl_no_cue`). "Il se dit prêt"
                // and "s'est réjoui" stay cues.
                let reflexive = (first..i).any(|t| ctx.word(t) & cat::REFL != 0)
                    || first < i && first > 0 && ctx.word(first - 1) & cat::REFL != 0;
                let lemma_cats = lex.verbs[v as usize].lemma_cats;
                if reflexive && lemma_cats & cat::REFL_NO_CUE != 0 {
                    i += 1;
                    continue;
                }
                // "la fusée emporte la capsule", "la situation inquiète les experts": a form
                // of a reflexive lemma without its pronoun (before it, or elided into the
                // form: "s'emporte") is another verb, which reports no speech.
                if lex.verbs[v as usize].reflexive && !reflexive && !elided_reflexive(ctx, i) {
                    i += 1;
                    continue;
                }
                // "qu'il continue à gérer la crise", "he continued to push": an aspectual verb
                // before a preposition reports nothing ("Il poursuit : « … »" does).
                if lemma_cats & cat::ASPECTUAL != 0
                    && last + 1 < n
                    && !ctx.trailing_punct(last)
                    && ctx.word(last + 1) & cat::NP != 0
                {
                    i += 1;
                    continue;
                }
                out.push(Cue::over(ctx, CueKind::Verb(v), first, last, None));
                i = last + 1;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// True when token `i` opens with an elided reflexive pronoun ("s'emporte", "s’inquiète").
fn elided_reflexive(ctx: &Ctx, i: usize) -> bool {
    let k = ctx.key(i);
    k.find('\'')
        .is_some_and(|at| ctx.lex.word(&k[..=at]) & cat::REFL != 0)
}

/// True when the sentence of token `i` is a short title-case headline: every word longer than
/// three letters capitalised, at least three of them, at most 25 tokens ("Bellwether County
/// Says Trump Should Win GOP Nomination"). Asked only for a capitalised verb form inside a
/// sentence, which is otherwise read as a name.
fn title_case_sentence(ctx: &Ctx, i: usize) -> bool {
    let (first, last) = (ctx.sentence_first(i), ctx.sentence_last(i));
    if last - first >= 25 {
        return false;
    }
    let mut long = 0;
    for t in first..=last {
        let core = ctx.a.token_core(t);
        if core.chars().filter(|c| c.is_alphabetic()).count() <= 3 {
            continue;
        }
        if !ctx.capitalised(t) {
            return false;
        }
        long += 1;
    }
    long >= 3
}

/// `Joe Scarborough: …`, `Q: …`: at the first token of a sentence, one to four capitalised words
/// the last of which ends with a colon, followed by more text in the paragraph. Returns the
/// colon token.
fn colon_label(ctx: &Ctx, i: usize) -> Option<usize> {
    if i != ctx.sentence_first(i) {
        return None;
    }
    // Up to four capitalised words, or up to eight with lower-case connectors between them
    // when the label opens with a title ("President of Russia Vladimir Putin:", "Minister of
    // Economic Development Maxim Reshetnikov:", the Kremlin's transcripts; "Obama on Climate
    // Change:" and "Limited Tools to Fight Terrorism:" are headings). The title is looked up
    // only at the first lower-case word: most sentences stop there.
    let mut titled_start: Option<bool> = None;
    for k in i..(i + 8).min(ctx.n()) {
        if ctx.in_quote(k)
            || ctx.sentence(k) != ctx.sentence(i)
            || k >= i + 4 && titled_start.is_none()
        {
            return None;
        }
        if !ctx.capitalised(k) {
            let connector = k > i
                && *titled_start.get_or_insert_with(|| {
                    ctx.lex.may_start_title(ctx.key(i).as_bytes())
                        && match_phrase(ctx, Phrases::Titles, i).is_some()
                })
                && !ctx.trailing_punct(k)
                && ctx.word(k) & cat::NP != 0
                && ctx.word(k) & cat::DET == 0;
            if !connector {
                return None;
            }
        }
        let t = ctx.a.token_text(k);
        if t.ends_with(':') && !t.ends_with("::") {
            let para = ctx.paragraph(k);
            let next_in_para = k + 1 < ctx.n() && ctx.paragraph(k + 1) == para;
            // Times ("10:30") and URLs keep their colon inside the core.
            if !(next_in_para
                && t[..t.len() - 1]
                    .chars()
                    .last()
                    .is_some_and(char::is_alphabetic))
            {
                return None;
            }
            // "Image: Mark Rathbun", "Photo credit: AP": captions and metadata, not speech; the
            // label must name someone ("Joe Scarborough:", "Q:"), not "That:" or "The:".
            let start = ctx.a.tokens[i].span.start as usize;
            let end = ctx.a.tokens[k].span.end as usize;
            let label = ctx.a.text[start..end].trim_end_matches(':').trim();
            let lk = super::lexicon::key(label);
            let lk = lk.split_whitespace().collect::<Vec<_>>().join(" ");
            // "THE PRESIDENT:", "The Vice President:": a transcript's label may be a title
            // alone after a determiner (it resolves by role to the person named with it).
            let titled = k > i
                && ctx.word(i) & cat::DET != 0
                && match_phrase(ctx, Phrases::Titles, i + 1).is_some_and(|(len, _)| len == k - i);
            if ctx.lex.label_stopwords.contains(lk.trim_end_matches('.'))
                || !(titled || super::speaker::has_content_word(ctx.lex, label, true))
            {
                return None;
            }
            return Some(k);
        }
        if ctx.trailing_punct(k) {
            return None;
        }
    }
    None
}

/// For a token like `a-t-il` or `déclare-t-elle`: the byte length of the base word in the key
/// and the pronoun category of the suffix.
fn inversion(ctx: &Ctx, i: usize) -> Option<(usize, u32)> {
    let k = ctx.key(i);
    if !k.contains('-') {
        return None;
    }
    ctx.lex.inversions.iter().find_map(|(suffix, pron)| {
        (k.len() > suffix.len() && k.ends_with(suffix.as_str()))
            .then(|| (k.len() - suffix.len(), *pron))
    })
}

/// True when token `i` is a survey preposition (`survey_cues.tsv`: "in", "dans") opening its
/// sentence, whose phrase holds a survey noun within eight words of the sentence, before any
/// punctuation, quote, clause word or preposition ("In a Gallup poll released Tuesday, …";
/// not "In Ohio, where polls close at eight, …").
fn survey_phrase(ctx: &Ctx, i: usize) -> bool {
    let lex = ctx.lex;
    // Only a phrase opening its sentence (after "But", "And"): "… leads in the polls",
    // "trails badly in the polls" mid-sentence are mostly no attribution (on PolNeAR
    // train a quarter of them were one, against three quarters of the opening ones). Tested
    // first: most cue candidates fail it, before any set lookup.
    let lo = ctx.sentence_first(i);
    if !(i == lo || i == lo + 1 && ctx.word(lo) & (cat::CONJ | cat::OPENER) != 0) {
        return false;
    }
    if lex.survey_words.is_empty()
        || !lex.survey_preps.contains(ctx.key(i))
        || ctx.trailing_punct(i)
    {
        return false;
    }
    let hi = ctx.sentence_last(i).min(i + 8);
    for t in i + 1..=hi {
        if ctx.in_quote(t) || ctx.key(t).is_empty() {
            return false;
        }
        if lex.survey_words.contains(ctx.key(t)) {
            return true;
        }
        // The words before the survey noun modify it: no clause word, preposition, plural
        // noun or participle ("in single figures in polls", "in three states going to the
        // polls", "in the wake of a new poll" hold no poll phrase).
        let k = ctx.key(t);
        let lower = !ctx.capitalised(t);
        if ctx.trailing_punct(t)
            || ctx.word(t) & (cat::THAT | cat::REL | cat::STOP | cat::NP | cat::VENUE) != 0
            || lower
                && ctx.word(t) & (cat::DET | cat::QUANT) == 0
                && (k.ends_with('s') || k.ends_with("ing") || k.ends_with("ed"))
        {
            return false;
        }
    }
    false
}

/// True when a form that is also a noun ("plan", "tweets", "attacks", "showing") heads a noun
/// phrase: a determiner or possessive before it with only modifiers between ("his initial
/// tweet", "a Facebook post", "the perceived media attacks", "The latest plan"). A bare form
/// after a plural word is a verb with its subject ("The Democrats back Clinton"), and any
/// word of the attribution lexicon between ("has", "also") makes it a verb phrase.
fn noun_use(ctx: &Ctx, i: usize, lemma: &str) -> bool {
    let k = ctx.key(i);
    let bare = k == lemma;
    if !nounable(ctx.lex, k, lemma) {
        return false;
    }
    // "The Wisconsin Republican says in a statement", "The White House claims": an -s form
    // right after a capitalised word agrees with that name as its subject.
    let s_form = !bare && !k.ends_with("ing");
    if s_form && i > 0 && ctx.capitalised(i - 1) && ctx.sentence(i - 1) == ctx.sentence(i) {
        return false;
    }
    // "The poll shows", "the study finds", "the president hopes": after a document or a
    // title an -s form is their verb; neither heads a compound with it ("the media attacks",
    // "TV shows").
    if s_form
        && i > 0
        && ctx.sentence(i - 1) == ctx.sentence(i)
        && !ctx.trailing_punct(i - 1)
        && (ctx.lex.is_document_word(ctx.a.token_core(i - 1)) || title_ends_at(ctx, i - 1))
    {
        return false;
    }
    // "The new poll shows Trump far ahead", "the report says that": an -s form followed by
    // what opens its object or clause (a name, a determiner, a pronoun, "that") is the verb;
    // "the perceived media attacks were loud" is not.
    // So is one before a number or a quote ("The commission says 12,480 voters …", "The flyer
    // says “the rent will rise”").
    if s_form && i < ctx.sentence_last(i) && !ctx.trailing_punct(i) {
        let w = ctx.word(i + 1);
        let next = ctx.a.token_text(i + 1);
        if ctx.capitalised(i + 1)
            || w & (cat::THAT | cat::DET | cat::PRON) != 0
            || next.starts_with(|c: char| c.is_ascii_digit())
            || ctx.in_quote(i + 1) && !ctx.in_quote(i)
        {
            return false;
        }
    }
    // "Nearly 300 clinics have closed, the association says.": an -s form ending its clause after
    // a comma and a determiner agrees with that phrase as its subject.
    let ends_clause = i == ctx.sentence_last(i) || ctx.trailing_punct(i);
    let lo = ctx.sentence_first(i);
    // "the property in question", "a call for comment", "expressions of support": the bare
    // form as the object of a preposition ("to question" is an infinitive).
    if bare && i > lo && !ctx.trailing_punct(i - 1) {
        let w = ctx.word(i - 1);
        if w & cat::NP != 0 && w & cat::CONJ == 0 && ctx.key(i - 1) != "to" {
            return true;
        }
    }
    let mut j = i;
    while j > lo && i - j < 3 {
        j -= 1;
        if ctx.trailing_punct(j) || ctx.in_quote(j) || ctx.key(j).is_empty() {
            return false;
        }
        let w = ctx.word(j);
        if ctx.key(j).ends_with("'s") || ctx.word(j) & cat::POSS != 0 {
            // A possessor ("his tweet", "Trump's claim") is left to the caller.
            return false;
        }
        if w & cat::DET != 0 && w & cat::PRON == 0 {
            // "Supporters of the law hope", "Critics of the plan argue": a bare form agrees
            // with the plural before "of", not with the one noun after the determiner
            // ("participants of a traditional conference call" ends in a compound).
            if bare
                && j + 2 == i
                && j >= lo + 2
                && ctx.key(j - 1) == "of"
                && !ctx.trailing_punct(j - 2)
                && super::speaker::is_plural_key(ctx.key(j - 2))
            {
                return false;
            }
            let after_comma = j > lo && ctx.a.token_text(j - 1).ends_with(',');
            return j + 1 < i && !(s_form && ends_clause && after_comma);
        }
        if w & !cat::GROUP != 0 || (bare && ctx.key(j).ends_with('s')) {
            return false;
        }
    }
    false
}

/// True when a title ends at token `t` ("president", "press secretary").
fn title_ends_at(ctx: &Ctx, t: usize) -> bool {
    (t.saturating_sub(2)..=t)
        .any(|f| match_phrase(ctx, Phrases::Titles, f).is_some_and(|(len, _)| f + len == t + 1))
}

/// True for a verb form that can also be a noun: the bare form, the -s form or the -ing form
/// of `lemma` ("plan", "tweets", "showing"), unless the lexicon lists it as a form that is
/// never a noun (`verb_only`: "says", "argues").
pub(crate) fn nounable(lex: &LangLexicon, key: &str, lemma: &str) -> bool {
    if lex.verb_only_forms.contains(key) {
        return false;
    }
    key == lemma
        || key
            .strip_suffix('s')
            .is_some_and(|b| b == lemma || b.strip_suffix('e') == Some(lemma))
        || key.ends_with("ing")
}

/// The catenative word before "to" before token `i` ("continues to warn", "tried to explain",
/// "was quick to note": the `catenative` rows), in `i`'s sentence, no punctuation between. A
/// word that is itself a reporting verb form is its own cue ("declined to comment": the
/// infinitive is its content, as PolNeAR marks it), so it is none.
fn catenative_before(ctx: &Ctx, i: usize) -> Option<usize> {
    if i < 2 || ctx.key(i - 1) != "to" || ctx.lex.catenatives.is_empty() {
        return None;
    }
    let c = i - 2;
    (ctx.sentence(c) == ctx.sentence(i)
        && !ctx.trailing_punct(c)
        && !ctx.trailing_punct(i - 1)
        && !ctx.in_quote(c)
        && ctx.lex.catenatives.contains(ctx.key(c))
        && match_phrase(ctx, Phrases::VerbForms, c).is_none())
    .then_some(c)
}

/// False when the form at `i` is evidently not a finite verb: after a determiner ("the report",
/// "his claims", "l'annonce") or after "to" (an infinitive complement).
fn verb_context_ok(ctx: &Ctx, i: usize) -> bool {
    if i == 0 || ctx.sentence(i - 1) != ctx.sentence(i) {
        return true;
    }
    if ctx.trailing_punct(i - 1) {
        return true;
    }
    let prev = ctx.key(i - 1);
    let w = ctx.word(i - 1);
    if w & cat::DET != 0 && w & cat::PRON == 0 {
        return false;
    }
    !(prev == "to" || prev.ends_with("'s"))
}
