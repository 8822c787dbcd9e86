//! Loading the attribution lexicons (`lexicons/<lang>/reporting_verbs.tsv` and friends, see
//! `lexicons/README.md`) into lookup tables keyed by lower-case word, so the extractor does one
//! hash lookup per token and never scans a list.

use rustc_hash::FxHashMap;

use crate::lexicon::{LexiconError, LexiconSource};
use crate::model::Connotation;
use crate::text::phrases::{FoldedText, PhraseMatcher};

/// What a reporting verb reports: a speech act, a belief or stance, or evidence (polls, studies).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VerbClass {
    Speech,
    Thought,
    Evidence,
    /// "seem", "appear": a raising verb whose subject is what the impression is about ("Sanders
    /// appears to have a slight lead"), not who holds it; such a cue has no source.
    Impression,
}

/// One reporting verb: its lemma (the `verb` of the CLI contract) and connotation.
#[derive(Debug, Clone)]
pub struct ReportingVerb {
    pub lemma: String,
    pub connotation: Connotation,
    pub class: VerbClass,
    /// The categories `attribution_words.tsv` gives the lemma itself (`refl_no_cue`,
    /// `aspectual`), looked up once at load instead of at every cue.
    pub lemma_cats: u32,
    /// The lemma is a reflexive verb: its first word is a reflexive pronoun (French "se
    /// plaindre", "s'emporter"). Its forms report speech only with the pronoun ("il s'emporte",
    /// "elle s'est indignée"); without it they are another verb ("la fusée emporte la
    /// capsule", "la situation inquiète les experts").
    pub reflexive: bool,
}

/// Categories of `attribution_words.tsv`, as bit flags (a word may have several).
pub mod cat {
    pub const SKIP: u32 = 1;
    pub const AUX: u32 = 2;
    pub const INV: u32 = 4;
    pub const THAT: u32 = 8;
    pub const PRON_M: u32 = 16;
    pub const PRON_F: u32 = 32;
    pub const PRON_PL: u32 = 64;
    pub const PRON_N: u32 = 128;
    pub const PRON_1: u32 = 256;
    pub const DET: u32 = 512;
    pub const NP: u32 = 1024;
    pub const STOP: u32 = 2048;
    pub const REL: u32 = 4096;
    pub const ADDRESSEE: u32 = 8192;
    pub const TIME: u32 = 16384;
    pub const QUANT: u32 = 32768;
    /// Honorifics that give a gender ("Mr.", "Mme").
    pub const HON_M: u32 = 65536;
    pub const HON_F: u32 = 131072;
    /// Forms of "be" that make a following participle passive ("was told", "a été annoncé").
    pub const PASSIVE: u32 = 262144;
    /// Coordinating conjunctions ("and", "but", "et", "mais").
    pub const CONJ: u32 = 524288;
    /// Prepositions opening a gerund clause ("by saying", "after noting", "en affirmant").
    pub const GERUND_PREP: u32 = 1048576;
    /// Possessive determiners ("his", "her", "their", "son", "leur"): the possessor of a
    /// nominal cue is its source ("his criticism of", "leur annonce").
    pub const POSS: u32 = 2097152;
    /// Second person among `PRON_1` ("you", "vous"): not the speaker of the words around it.
    pub const PRON_2: u32 = 4194304;
    /// Any subject pronoun.
    /// Lower-case particles inside a person's name ("Ursula von der Leyen", "Mohammed bin
    /// Salman"): they join the capitalised words around them.
    pub const PARTICLE: u32 = 8388608;
    /// Words that open a group named by a plural noun ("most voters", "half of Americans"):
    /// read only when judging whether a phrase can be a source.
    pub const GROUP: u32 = 16777216;
    /// Forms of reporting verbs whose object is who was told ("told The Hill", "assured
    /// reporters"): the phrase after them is a hearer, never an inverted source.
    pub const HEARER: u32 = 33554432;
    /// Sentence adverbs and connectors opening a sentence before its subject ("However, he
    /// held his fire"): never part of a source.
    pub const OPENER: u32 = 67108864;
    /// A reflexive pronoun or auxiliary before a verb form (French "se", "s'est").
    pub const REFL: u32 = 134217728;
    /// The lemma of a reporting verb whose reflexive use reports no speech ("se poursuivre":
    /// continue, "s'appeler": be named), tested on the verb's lemma.
    pub const REFL_NO_CUE: u32 = 268435456;
    /// An object clitic between a subject and its verb (French "en", "y", "lui", "leur": "ils
    /// en ont conclu", "il lui a dit").
    pub const CLITIC: u32 = 536870912;
    /// The lemma of a reporting verb that is aspectual before a preposition ("continuer à",
    /// "poursuivre en justice", "continued to"): then no cue.
    pub const ASPECTUAL: u32 = 1073741824;
    /// Prepositions opening a phrase of place or occasion after an inverted source ("…, said
    /// Smith at a rally", "…, a déclaré Poutine lors d'une conférence"): no content.
    pub const VENUE: u32 = 2147483648;
    pub const PRON: u32 = PRON_M | PRON_F | PRON_PL | PRON_N | PRON_1;

    pub fn parse(s: &str) -> Option<u32> {
        Some(match s {
            "skip" => SKIP,
            "aux" => AUX,
            "inv" => INV,
            "that" => THAT,
            "pron_m" => PRON_M,
            "pron_f" => PRON_F,
            "pron_pl" => PRON_PL,
            "pron_n" => PRON_N,
            "pron_1" => PRON_1,
            "det" => DET,
            "np" => NP,
            "stop" => STOP,
            "rel" => REL,
            "addressee" => ADDRESSEE,
            "time" => TIME,
            "quant" => QUANT,
            "hon_m" => HON_M,
            "hon_f" => HON_F,
            "passive" => PASSIVE,
            "conj" => CONJ,
            "gerund_prep" => GERUND_PREP,
            "poss" => POSS,
            "pron_2" => PRON_2,
            "particle" => PARTICLE,
            "group" => GROUP,
            "hearer" => HEARER,
            "opener" => OPENER,
            "refl" => REFL,
            "refl_no_cue" => REFL_NO_CUE,
            "clitic" => CLITIC,
            "aspectual" => ASPECTUAL,
            "venue" => VENUE,
            _ => return None,
        })
    }
}

/// A multi-word phrase indexed by its first word: the remaining words and a payload.
pub type PhraseIndex = FxHashMap<String, Vec<(Vec<String>, u32)>>;

/// Which [`PhraseIndex`] of a [`LangLexicon`] a rule looks in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phrases {
    VerbForms,
    AccordingTo,
    Titles,
    WordPhrases,
}

impl Phrases {
    /// The bit of [`VocabEntry::starts`] for this index.
    #[inline]
    pub fn bit(self) -> u8 {
        match self {
            Phrases::VerbForms => 1,
            Phrases::AccordingTo => 2,
            Phrases::Titles => 4,
            Phrases::WordPhrases => 8,
        }
    }
}

/// Everything the rules need to know about one lower-case word, found with a single hash lookup
/// per token (`Ctx::new`): its categories and which phrase indexes have a phrase starting with
/// it, so most tokens never touch the phrase tables.
#[derive(Debug, Clone, Copy, Default)]
pub struct VocabEntry {
    pub cats: u32,
    pub starts: u8,
}

/// One language's attribution data.
#[derive(Debug, Clone)]
pub struct LangLexicon {
    pub verbs: Vec<ReportingVerb>,
    /// Every verb form (single or several words) by first word → (rest, verb index).
    pub verb_forms: PhraseIndex,
    /// Word categories; multi-word entries (`the press`, `de la`) are indexed in `word_phrases`.
    pub words: FxHashMap<String, u32>,
    pub word_phrases: PhraseIndex,
    /// Inversion suffixes (`-t-il`), longest first, with the pronoun category of each.
    pub inversions: Vec<(String, u32)>,
    pub according_to: PhraseIndex,
    pub titles: PhraseIndex,
    /// The roles abbreviated or variant titles stand for ("sen." → "senator": the second
    /// column of `speaker_titles.txt`); a title's payload in [`Self::titles`] is its index
    /// here plus one, 0 for a title that is its own role.
    pub role_names: Vec<String>,
    pub anonymous: PhraseMatcher,
    pub documents: PhraseMatcher,
    pub organizations: PhraseMatcher,
    /// `label_stopwords.txt`: caption and metadata labels ("Image:", "Photo credit:") that
    /// are never a speaker of a `Name: …` line.
    pub label_stopwords: rustc_hash::FxHashSet<String>,
    /// `non_name_words.txt`: capitalised words that alone never make a speaker's name
    /// (demonstratives, nationality adjectives, "Let", "Jr.").
    pub non_name_words: rustc_hash::FxHashSet<String>,
    /// `common_endings.txt`: endings of common words ("ly", "ing"; "ment"): a lone capitalised
    /// word opening a sentence with one of them is read as no name unless the article
    /// capitalises it elsewhere (see `opening_word_only`).
    pub common_endings: Vec<String>,
    /// `demonym_endings.txt`: endings of nationality, regional and party nouns ("Texan",
    /// "Democrat", "Américain"): after a determiner such a capitalised word is a person ("the
    /// Texan said"), not an institution's name.
    pub demonym_endings: Vec<String>,
    /// `agent` rows of `attribution_words.tsv`: the prepositions that name a passive's agent
    /// ("by", "par"): "criticized by his rivals" has the rivals as its source.
    pub agent_prepositions: rustc_hash::FxHashSet<String>,
    /// `gap_prep` rows of `attribution_words.tsv`: the prepositions of a phrase naming
    /// whom, where or in what medium a statement was made, which may stand between a
    /// reporting verb and its inverted subject ("a déclaré à l'AFP Jean Dupont", "a expliqué
    /// au Monde le ministre", "a indiqué dans un communiqué le ministère").
    /// English puts the inverted subject first ("said Smith to reporters"): no rows.
    pub gap_prepositions: rustc_hash::FxHashSet<String>,
    /// `verb_only` rows of `attribution_words.tsv`: forms of reporting verbs that are never
    /// nouns ("says", "tells", "argues"). Any other bare, -s or -ing form may be a noun
    /// after a determiner ("the media attacks", "his claims"); these are the verb there:
    /// "The senator says there is no deal".
    pub verb_only_forms: rustc_hash::FxHashSet<String>,
    /// `catenative` rows of `attribution_words.tsv`: words after which "to" and a reporting
    /// verb form one cue with them ("continue to warn", "declined to say", "tried to
    /// explain", "was quick to note"): the verb after "to" is no infinitive complement of a
    /// noun ("the right to say"), and the subject before the word is its source.
    pub catenatives: rustc_hash::FxHashSet<String>,
    /// `title_authors.txt`: the words that open a page title naming its author ("remarks
    /// by", "statement from", "déclaration de"), as keys, one phrase per entry.
    pub title_authors: Vec<Vec<String>>,
    /// `survey_cues.tsv`: prepositions (`prep`) that open an "in a poll" source phrase when
    /// a survey noun (`survey`) follows in the sentence ("In a Gallup poll, 48 percent were undecided").
    pub survey_preps: rustc_hash::FxHashSet<String>,
    pub survey_words: rustc_hash::FxHashSet<String>,
    /// Union of `words` and the first words of every phrase index (see [`VocabEntry`]).
    pub vocab: FxHashMap<String, VocabEntry>,
    /// Every list a source phrase is matched against, in one automaton (groups in the order
    /// of [`SourceList`]): reading a phrase is one pass instead of one per list. Set by
    /// [`super::AttributionLexicon`], which owns the shared lists.
    pub source_lists: PhraseMatcher,
    /// Bitmap of [`cue_hash`] over the words that start a verb form or an "according to"
    /// phrase (see [`LangLexicon::may_start_cue`]).
    cue_filter: Box<[u64; CUE_FILTER_BITS / 64]>,
    /// The same words under [`cue_hash_all`], the second test of
    /// [`LangLexicon::may_start_cue`].
    cue_filter_all: Box<[u64; CUE_FILTER_BITS / 64]>,
    /// Bitmap of [`cue_hash`] over the words that start a title phrase (see
    /// [`LangLexicon::may_start_title`]).
    title_filter: Box<[u64; CUE_FILTER_BITS / 64]>,
    /// Bit `l` set for each byte length `l` (< 64) of an inversion suffix starting with `-`
    /// (see [`LangLexicon::may_be_inversion`]).
    inversion_lengths: u64,
    /// Some inversion suffix does not start with `-` or is 64 bytes or longer: any key holding
    /// `-` may carry one.
    inversion_any_dash: bool,
}

/// Bits of [`LangLexicon`]'s cue filter (a power of two): 64 Ki bits, 8 KiB, stays in L1.
const CUE_FILTER_BITS: usize = 1 << 16;

/// A cheap hash of a key for the cue filter: its length and three of its bytes, one
/// multiplication. It runs for every token of every article.
#[inline(always)]
fn cue_hash(k: &[u8]) -> usize {
    let (first, last) = match k {
        [] => return 0,
        [f, .., l] => (*f, *l),
        [f] => (*f, *f),
    };
    let n = k.len();
    let mid = k[n / 2];
    let x = u32::from_le_bytes([first, mid, last, n as u8]);
    (x.wrapping_mul(0x9E37_79B1) >> 16) as usize & (CUE_FILTER_BITS - 1)
}

/// A second hash of a key for the cue filter, over its first 16 bytes and its length: asked
/// only for the keys [`cue_hash`] lets through (about one in nine), it turns most of that
/// hash's false positives ("from", "all", "important": the same length and three bytes as a
/// verb form) away before their vocabulary lookup.
#[inline]
fn cue_hash_all(k: &[u8]) -> usize {
    let mut b = [0u8; 16];
    let n = k.len().min(16);
    b[..n].copy_from_slice(&k[..n]);
    let lo = u64::from_le_bytes(b[..8].try_into().expect("8 bytes"));
    let hi = u64::from_le_bytes(b[8..].try_into().expect("8 bytes"));
    let x = (lo ^ hi.rotate_left(29) ^ k.len() as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (x >> 48) as usize & (CUE_FILTER_BITS - 1)
}

/// Lower-cases and normalises apostrophes (’ → ') so lexicon keys and tokens compare equal.
pub fn key(s: &str) -> String {
    if s.is_ascii() {
        // One allocation instead of two: the common case of English names and words.
        return s.to_ascii_lowercase();
    }
    s.to_lowercase().replace(['’', 'ʼ'], "'")
}

fn index_phrase(index: &mut PhraseIndex, phrase: &str, payload: u32) {
    let words: Vec<String> = phrase.split_whitespace().map(key).collect();
    if let Some((first, rest)) = words.split_first() {
        let entry = index.entry(first.clone()).or_default();
        entry.push((rest.to_vec(), payload));
        // Longest phrase first, so the first match found is the longest.
        entry.sort_by_key(|e| std::cmp::Reverse(e.0.len()));
    }
}

fn matcher(src: &LexiconSource, rel: &str) -> Result<PhraseMatcher, LexiconError> {
    if !src.exists(rel) {
        return Ok(PhraseMatcher::new(std::iter::empty()));
    }
    let lines = src.read_lines(rel)?;
    Ok(PhraseMatcher::new(
        lines.iter().map(|(_, l)| (l.as_str(), 0)),
    ))
}

impl LangLexicon {
    /// Loads `<lang>/reporting_verbs.tsv` (required) and the optional companion files.
    pub fn load(src: &LexiconSource, lang: &str) -> Result<Self, LexiconError> {
        let empty = || PhraseMatcher::new(std::iter::empty());
        let mut lex = LangLexicon {
            verbs: Vec::new(),
            verb_forms: PhraseIndex::default(),
            words: FxHashMap::default(),
            word_phrases: PhraseIndex::default(),
            inversions: Vec::new(),
            according_to: PhraseIndex::default(),
            titles: PhraseIndex::default(),
            role_names: Default::default(),
            anonymous: empty(),
            documents: empty(),
            organizations: empty(),
            label_stopwords: Default::default(),
            non_name_words: Default::default(),
            common_endings: Vec::new(),
            demonym_endings: Vec::new(),
            agent_prepositions: Default::default(),
            gap_prepositions: Default::default(),
            verb_only_forms: Default::default(),
            catenatives: Default::default(),
            title_authors: Vec::new(),
            survey_preps: Default::default(),
            survey_words: Default::default(),
            vocab: FxHashMap::default(),
            cue_filter: Box::new([0; CUE_FILTER_BITS / 64]),
            cue_filter_all: Box::new([0; CUE_FILTER_BITS / 64]),
            title_filter: Box::new([0; CUE_FILTER_BITS / 64]),
            inversion_lengths: 0,
            inversion_any_dash: false,
            source_lists: empty(),
        };
        let rel = format!("{lang}/reporting_verbs.tsv");
        for (line, f) in src.read_tsv(&rel, 4)? {
            let connotation = Connotation::parse(&f[1]).ok_or_else(|| {
                LexiconError::malformed(&rel, line, format!("unknown connotation {:?}", f[1]))
            })?;
            let class = match f[2].as_str() {
                "speech" => VerbClass::Speech,
                "thought" => VerbClass::Thought,
                "evidence" => VerbClass::Evidence,
                "impression" => VerbClass::Impression,
                other => {
                    return Err(LexiconError::malformed(
                        &rel,
                        line,
                        format!("unknown class {other:?} (speech, thought, evidence, impression)"),
                    ));
                }
            };
            if f[0].is_empty() || f[3].is_empty() {
                return Err(LexiconError::malformed(&rel, line, "empty lemma or forms"));
            }
            let idx = lex.verbs.len() as u32;
            lex.verbs.push(ReportingVerb {
                lemma: f[0].clone(),
                connotation,
                class,
                lemma_cats: 0,
                reflexive: false,
            });
            for form in f[3].split(',').map(str::trim).filter(|s| !s.is_empty()) {
                index_phrase(&mut lex.verb_forms, form, idx);
            }
        }
        let rel = format!("{lang}/attribution_words.tsv");
        if src.exists(&rel) {
            for (line, f) in src.read_tsv(&rel, 2)? {
                // (Every bit of the category word is taken: these categories are sets.)
                let set = match f[1].as_str() {
                    "agent" => Some(&mut lex.agent_prepositions),
                    "gap_prep" => Some(&mut lex.gap_prepositions),
                    "verb_only" => Some(&mut lex.verb_only_forms),
                    "catenative" => Some(&mut lex.catenatives),
                    _ => None,
                };
                if let Some(set) = set {
                    set.insert(key(&f[0]));
                    continue;
                }
                let c = cat::parse(&f[1]).ok_or_else(|| {
                    LexiconError::malformed(&rel, line, format!("unknown category {:?}", f[1]))
                })?;
                let w = key(&f[0]);
                if c == cat::INV {
                    lex.inversions.push((w, 0));
                } else if w.contains(' ') {
                    index_phrase(&mut lex.word_phrases, &w, c);
                } else {
                    *lex.words.entry(w).or_default() |= c;
                }
            }
            // An inversion suffix names its pronoun: "-t-elle" → elle.
            let words = lex.words.clone();
            for (suffix, pron) in &mut lex.inversions {
                let p = suffix.trim_start_matches("-t-").trim_start_matches('-');
                *pron = words.get(p).copied().unwrap_or(0) & cat::PRON;
            }
            lex.inversions.sort_by_key(|e| std::cmp::Reverse(e.0.len()));
            for (suffix, _) in &lex.inversions {
                if suffix.starts_with('-') && suffix.len() < 64 {
                    lex.inversion_lengths |= 1 << suffix.len();
                } else {
                    lex.inversion_any_dash = true;
                }
            }
        }
        let rel = format!("{lang}/according_to.txt");
        if src.exists(&rel) {
            for (_, l) in src.read_lines(&rel)? {
                index_phrase(&mut lex.according_to, &l, 0);
            }
        }
        let rel = format!("{lang}/speaker_titles.txt");
        if src.exists(&rel) {
            for (_, l) in src.read_lines(&rel)? {
                let (title, role) = match l.split_once('\t') {
                    Some((t, r)) => (t.trim(), Some(r.trim())),
                    None => (l.trim(), None),
                };
                let payload = match role {
                    Some(r) => {
                        lex.role_names.push(r.to_string());
                        lex.role_names.len() as u32
                    }
                    None => 0,
                };
                index_phrase(&mut lex.titles, title, payload);
                // The tokeniser keeps an abbreviation's period out of the token core ("Sen."
                // → "sen"), so "sen." is also looked up as "sen".
                if let Some(bare) = title.strip_suffix('.')
                    && !bare.contains(' ')
                {
                    index_phrase(&mut lex.titles, bare, payload);
                }
            }
        }
        for (file, set) in [
            ("label_stopwords.txt", &mut lex.label_stopwords),
            ("non_name_words.txt", &mut lex.non_name_words),
        ] {
            let rel = format!("{lang}/{file}");
            if src.exists(&rel) {
                for (_, l) in src.read_lines(&rel)? {
                    set.insert(key(l.trim()).trim_end_matches('.').to_string());
                }
            }
        }
        for (file, list) in [
            ("common_endings.txt", &mut lex.common_endings),
            ("demonym_endings.txt", &mut lex.demonym_endings),
        ] {
            let rel = format!("{lang}/{file}");
            if src.exists(&rel) {
                for (line, l) in src.read_lines(&rel)? {
                    let e = key(l.trim());
                    if e.contains(char::is_whitespace) {
                        return Err(LexiconError::malformed(&rel, line, "an ending is one word"));
                    }
                    list.push(e);
                }
            }
        }
        let rel = format!("{lang}/title_authors.txt");
        if src.exists(&rel) {
            for (_, l) in src.read_lines(&rel)? {
                lex.title_authors.push(
                    key(l.trim())
                        .split_whitespace()
                        .map(str::to_string)
                        .collect(),
                );
            }
        }
        let rel = format!("{lang}/survey_cues.tsv");
        if src.exists(&rel) {
            for (line, f) in src.read_tsv(&rel, 2)? {
                let set = match f[1].as_str() {
                    "prep" => &mut lex.survey_preps,
                    "survey" => &mut lex.survey_words,
                    other => {
                        return Err(LexiconError::malformed(
                            &rel,
                            line,
                            format!("unknown kind {other:?} (prep or survey)"),
                        ));
                    }
                };
                set.insert(key(&f[0]));
            }
        }
        // Reflexive lemmas, and their forms with an elided reflexive pronoun ("s'emporte",
        // "s'inquiète": one token) among the verb forms. The pronouns are the `refl` words;
        // those ending in an apostrophe elide before a vowel or h.
        let elided: Vec<String> = lex
            .words
            .iter()
            .filter(|(w, c)| *c & cat::REFL != 0 && w.ends_with('\'') && !w.contains(' '))
            .map(|(w, _)| w.clone())
            .collect();
        let mut elided_forms: Vec<(String, u32)> = Vec::new();
        for v in &mut lex.verbs {
            let first = key(&v.lemma);
            let first = match first.find('\'') {
                Some(at) if !first[..at].contains(' ') => first[..=at].to_string(),
                _ => first.split(' ').next().unwrap_or_default().to_string(),
            };
            v.reflexive = lex.words.get(&first).is_some_and(|c| c & cat::REFL != 0);
        }
        for (form, entries) in &lex.verb_forms {
            let elides = form
                .chars()
                .next()
                .is_some_and(|c| "aeiouyhàâäéèêëîïôöùûü".contains(c));
            for (rest, idx) in entries {
                if elides && rest.is_empty() && lex.verbs[*idx as usize].reflexive {
                    for p in &elided {
                        elided_forms.push((format!("{p}{form}"), *idx));
                    }
                }
            }
        }
        elided_forms.sort();
        for (form, idx) in elided_forms {
            index_phrase(&mut lex.verb_forms, &form, idx);
        }
        for (w, &c) in &lex.words {
            lex.vocab.entry(w.clone()).or_default().cats |= c;
        }
        for which in [
            Phrases::VerbForms,
            Phrases::AccordingTo,
            Phrases::Titles,
            Phrases::WordPhrases,
        ] {
            let firsts: Vec<String> = lex.phrases(which).keys().cloned().collect();
            for w in firsts {
                lex.vocab.entry(w).or_default().starts |= which.bit();
            }
        }
        let cue_bits = Phrases::VerbForms.bit() | Phrases::AccordingTo.bit();
        let mut cue_words: Vec<&str> = lex
            .vocab
            .iter()
            .filter(|(_, e)| e.starts & cue_bits != 0)
            .map(|(w, _)| w.as_str())
            .collect();
        // (A survey preposition is a cue candidate too: `cues::survey_phrase`.)
        cue_words.extend(lex.survey_preps.iter().map(String::as_str));
        for w in cue_words {
            let h = cue_hash(w.as_bytes());
            lex.cue_filter[h / 64] |= 1 << (h % 64);
            let h = cue_hash_all(w.as_bytes());
            lex.cue_filter_all[h / 64] |= 1 << (h % 64);
        }
        for (w, e) in &lex.vocab {
            if e.starts & Phrases::Titles.bit() != 0 {
                let h = cue_hash(w.as_bytes());
                lex.title_filter[h / 64] |= 1 << (h % 64);
            }
        }
        for v in &mut lex.verbs {
            v.lemma_cats = lex.words.get(&v.lemma).copied().unwrap_or(0);
        }
        lex.anonymous = matcher(src, &format!("{lang}/anonymous_sources.txt"))?;
        lex.documents = matcher(src, &format!("{lang}/document_cues.txt"))?;
        lex.organizations = matcher(src, &format!("{lang}/organization_cues.txt"))?;
        Ok(lex)
    }

    /// The phrase index `which`.
    #[inline]
    pub fn phrases(&self, which: Phrases) -> &PhraseIndex {
        match which {
            Phrases::VerbForms => &self.verb_forms,
            Phrases::AccordingTo => &self.according_to,
            Phrases::Titles => &self.titles,
            Phrases::WordPhrases => &self.word_phrases,
        }
    }

    /// True when `key` (a token's key) ends in one of `common_endings.txt`'s endings and is at
    /// least three letters longer than it ("surprisingly", "speaking"; not "emily", "ewing").
    pub fn has_common_ending(&self, key: &str) -> bool {
        self.common_endings
            .iter()
            .any(|e| key.len() > e.len() + 2 && key.ends_with(e.as_str()))
    }

    /// True when `key` ends in one of `demonym_endings.txt`'s endings and is at least two
    /// letters longer than it ("texan", "democrat"; not "an").
    pub fn has_demonym_ending(&self, key: &str) -> bool {
        self.demonym_endings
            .iter()
            .any(|e| key.len() >= e.len() + 2 && key.ends_with(e.as_str()))
    }

    /// True when `title`'s first word opens one of `title_authors.txt`'s phrases: the only
    /// titles worth analysing for an author ("Remarks by …", "Statement from …").
    pub fn may_name_author(&self, title: &str) -> bool {
        let Some(first) = title.split_whitespace().next() else {
            return false;
        };
        let first = key(first);
        self.title_authors.iter().any(|o| o.first() == Some(&first))
    }

    /// False when no verb form or "according to" phrase starts with the key `k`; true for
    /// every key that starts one (and for a few that do not: two bitmaps of hashes, so the caller
    /// still looks the word up). The cue scan's first test of each token, before any lookup.
    #[inline(always)]
    pub fn may_start_cue(&self, k: &[u8]) -> bool {
        let h = cue_hash(k);
        self.cue_filter[h / 64] & (1 << (h % 64)) != 0 && {
            let h = cue_hash_all(k);
            self.cue_filter_all[h / 64] & (1 << (h % 64)) != 0
        }
    }

    /// False when no title phrase starts with the key `k`; true for every key that starts one
    /// (and a few others: a bitmap of hashes). Tested before a title lookup of a capitalised
    /// word, most of which are names.
    #[inline]
    pub fn may_start_title(&self, k: &[u8]) -> bool {
        let h = cue_hash(k);
        self.title_filter[h / 64] & (1 << (h % 64)) != 0
    }

    /// False when no inversion suffix (`-t-il`, `-elle`) can end the key `k` (the cue scan's
    /// French inversion test, [`super::cues`]); true for every key that ends in one (and for
    /// some others: a `-` where a suffix would start). Without inversions, always false.
    #[inline]
    pub fn may_be_inversion(&self, k: &[u8]) -> bool {
        if self.inversion_any_dash {
            return k.contains(&b'-');
        }
        let mut lengths = self.inversion_lengths;
        while lengths != 0 {
            let l = lengths.trailing_zeros() as usize;
            if k.len() > l && k[k.len() - l] == b'-' {
                return true;
            }
            lengths &= lengths - 1;
        }
        false
    }

    /// True when the language has inversion suffixes ([`LangLexicon::may_be_inversion`] can
    /// be true).
    #[inline]
    pub fn has_inversions(&self) -> bool {
        self.inversion_lengths != 0 || self.inversion_any_dash
    }

    /// True when the word `w` alone is a document of `document_cues.txt` ("report", "poll",
    /// "statement"): such a word heads a source phrase even where it is also a time word ("said
    /// in a statement").
    pub fn is_document_word(&self, w: &str) -> bool {
        self.documents.find_whole(w).is_some()
    }

    /// True when the key `k` alone is a title ("president", "spokesman", "sen."), not only
    /// the first word of one.
    pub fn is_title_word(&self, k: &str) -> bool {
        self.titles
            .get(k)
            .is_some_and(|v| v.iter().any(|(rest, _)| rest.is_empty()))
    }

    /// Categories of a lower-case word (0 when unknown).
    #[inline]
    pub fn word(&self, w: &str) -> u32 {
        self.words.get(w).copied().unwrap_or(0)
    }
}

/// The lists of [`LangLexicon::source_lists`], by group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceList {
    StateMedia = 0,
    WireAgencies = 1,
    Anonymous = 2,
    Documents = 3,
    Organizations = 4,
    KnownOrganizations = 5,
}

/// What [`LangLexicon::source_lists`] found in one phrase, per [`SourceList`]: for each list
/// exactly what that list's own `find` returns.
pub struct SourceMatches(Vec<Vec<crate::text::phrases::PhraseMatch>>);

impl SourceMatches {
    /// Matches the phrase `text` (folded as `ft`) against every list at once.
    pub fn find(lex: &LangLexicon, text: &str, ft: &FoldedText) -> Self {
        SourceMatches(lex.source_lists.find_grouped(text, ft))
    }
    /// [`SourceMatches::find`] of `text`, folded here only when some list may match in it
    /// ([`PhraseMatcher::may_match`]; most source phrases match none).
    pub fn find_text(lex: &LangLexicon, text: &str) -> Self {
        if !lex.source_lists.may_match(text) {
            return SourceMatches(Vec::new());
        }
        Self::find(lex, text, &FoldedText::new(text))
    }
    pub fn get(&self, list: SourceList) -> &[crate::text::phrases::PhraseMatch] {
        self.0.get(list as usize).map_or(&[], Vec::as_slice)
    }
    pub fn any(&self, list: SourceList) -> bool {
        !self.get(list).is_empty()
    }
    /// True when some list matched.
    pub fn any_list(&self) -> bool {
        self.0.iter().any(|m| !m.is_empty())
    }
    /// The canonical name of the first medium of `media` (the list matched as `list`) whose
    /// match starts at a byte `keep` accepts, and the span of that match.
    pub fn medium<'m>(
        &self,
        list: SourceList,
        media: &'m MediaList,
        keep: impl Fn(usize) -> bool,
    ) -> Option<(&'m str, crate::text::Span)> {
        self.get(list)
            .iter()
            .find(|m| keep(m.span.start as usize))
            .map(|m| (media.names[m.payload as usize].as_str(), m.span))
    }
}

/// Named media (wire agencies, state media, news outlets): canonical names and an alias
/// matcher.
#[derive(Debug, Clone)]
pub struct MediaList {
    pub names: Vec<String>,
    pub matcher: PhraseMatcher,
    /// `(alias, index into names)`, each name first: what `matcher` was compiled from, kept so
    /// the list can join another matcher (news outlets join the known organisations).
    pub aliases: Vec<(String, u32)>,
}

impl MediaList {
    /// Loads `name<TAB>aliases` rows; a missing file is an empty list.
    pub fn load(src: &LexiconSource, rel: &str) -> Result<Self, LexiconError> {
        let mut names = Vec::new();
        let mut pats: Vec<(String, u32)> = Vec::new();
        if src.exists(rel) {
            for (line, f) in src.read_tsv(rel, 2)? {
                if f[0].is_empty() {
                    return Err(LexiconError::malformed(rel, line, "empty name"));
                }
                let id = names.len() as u32;
                names.push(f[0].clone());
                pats.push((f[0].clone(), id));
                for a in f[1].split(',').map(str::trim).filter(|s| !s.is_empty()) {
                    pats.push((a.to_string(), id));
                }
            }
        }
        let matcher = PhraseMatcher::new(pats.iter().map(|(p, i)| (p.as_str(), *i)));
        Ok(MediaList {
            names,
            matcher,
            aliases: pats,
        })
    }

    /// The canonical name of the medium named in `text`, if any.
    pub fn find(&self, text: &str) -> Option<&str> {
        self.find_folded(text, &FoldedText::new(text))
    }

    /// [`MediaList::find`] on text already folded as `ft` (fold once, match several lists).
    pub fn find_folded(&self, text: &str, ft: &FoldedText) -> Option<&str> {
        self.matcher
            .find(text, ft)
            .first()
            .map(|m| self.names[m.payload as usize].as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_ending_with_a_space_names_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("en")).unwrap();
        std::fs::write(
            dir.path().join("en/common_endings.txt"),
            "# endings\nly\nin g\n",
        )
        .unwrap();
        let err = super::super::AttributionLexicon::load(
            &LexiconSource::with_override(dir.path()).unwrap(),
        )
        .err()
        .expect("malformed")
        .to_string();
        assert!(
            err.starts_with("lexicon file en/common_endings.txt, line 3: an ending is one word"),
            "{err}"
        );
    }
}
