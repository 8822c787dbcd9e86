//! Language codes and detection.
//!
//! slant names languages by ISO 639-1 code (`en`, `fr`) where one exists, ISO 639-3 otherwise,
//! because that is what news metadata and crawler output carry.
//!
//! Detection among the languages slant scores ([`detect_supported`], [`detect_among`]) first
//! tries a fast path ([`detect_fast`]): function words and letters of the first
//! [`DETECT_PREFIX_BYTES`] bytes, counted against the lists in `lexicons/<lang>/language-*.txt`.
//! It decides only when the evidence is one-sided (many function words of one language, few of
//! any other, no letters foreign to it) and otherwise defers to whatlang's trigram model, which
//! costs about 100 times more (BENCHMARKS.md, "Language detection") and also names languages
//! slant has no lists for, so a German article is still reported as German.

use std::fmt;
use std::sync::OnceLock;

use rustc_hash::FxHashMap;

/// A language code: two or three lower-case ASCII letters (`en`, `fr`, `yid`).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Lang([u8; 3]);

impl Lang {
    pub const EN: Lang = Lang(*b"en\0");
    pub const FR: Lang = Lang(*b"fr\0");

    /// Parses a code or a common name (`en`, `EN`, `eng`, `en-US`, `fr_FR`, `English`,
    /// `français`). Returns `None` for anything else.
    pub fn parse(s: &str) -> Option<Lang> {
        let s = s.trim();
        let head = s
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        let named = match head.as_str() {
            "english" | "anglais" | "eng" => Some("en"),
            "french" | "français" | "francais" | "fra" | "fre" => Some("fr"),
            _ => None,
        };
        let code = named.unwrap_or(head.as_str());
        if !(2..=3).contains(&code.len()) || !code.bytes().all(|b| b.is_ascii_lowercase()) {
            return None;
        }
        if code.len() == 3
            && let Ok(wl) = code.parse::<whatlang::Lang>()
        {
            return Some(Lang::from_whatlang(wl));
        }
        let mut b = [0u8; 3];
        b[..code.len()].copy_from_slice(code.as_bytes());
        Some(Lang(b))
    }

    /// The code as a string slice.
    pub fn code(&self) -> &str {
        let n = if self.0[2] == 0 { 2 } else { 3 };
        std::str::from_utf8(&self.0[..n]).expect("ASCII")
    }

    /// Maps whatlang's ISO 639-3 language to slant's code (ISO 639-1 where it exists).
    pub fn from_whatlang(l: whatlang::Lang) -> Lang {
        use whatlang::Lang as W;
        let two = match l {
            W::Eng => "en",
            W::Fra => "fr",
            W::Deu => "de",
            W::Spa => "es",
            W::Ita => "it",
            W::Por => "pt",
            W::Rus => "ru",
            W::Ukr => "uk",
            W::Nld => "nl",
            W::Pol => "pl",
            W::Swe => "sv",
            W::Dan => "da",
            W::Nob => "nb",
            W::Fin => "fi",
            W::Tur => "tr",
            W::Ara => "ar",
            W::Cmn => "zh",
            W::Jpn => "ja",
            W::Kor => "ko",
            W::Hin => "hi",
            W::Ell => "el",
            W::Heb => "he",
            W::Ces => "cs",
            W::Ron => "ro",
            W::Hun => "hu",
            W::Bul => "bg",
            W::Hrv => "hr",
            W::Srp => "sr",
            W::Slk => "sk",
            W::Slv => "sl",
            W::Lit => "lt",
            W::Lav => "lv",
            W::Est => "et",
            W::Cat => "ca",
            W::Vie => "vi",
            W::Ind => "id",
            W::Tha => "th",
            W::Pes => "fa",
            W::Bel => "be",
            W::Epo => "eo",
            W::Mkd => "mk",
            W::Kat => "ka",
            W::Hye => "hy",
            W::Afr => "af",
            W::Lat => "la",
            W::Urd => "ur",
            W::Ben => "bn",
            W::Tgl => "tl",
            W::Aze => "az",
            W::Uzb => "uz",
            _ => {
                let c = l.code();
                let mut b = [0u8; 3];
                b.copy_from_slice(&c.as_bytes()[..3]);
                return Lang(b);
            }
        };
        let mut b = [0u8; 3];
        b[..2].copy_from_slice(two.as_bytes());
        Lang(b)
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl fmt::Debug for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Lang({})", self.code())
    }
}

impl serde::Serialize for Lang {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

/// What detection found for one text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LangDetection {
    /// The detected language, `None` when the text has too few letters to tell.
    pub lang: Option<Lang>,
    /// whatlang's confidence in `[0, 1]`.
    pub confidence: f64,
    /// whatlang's own reliability judgement (enough text and a clear margin).
    pub reliable: bool,
}

/// How many bytes of a text detection looks at: enough for a stable trigram profile, bounded so
/// long articles cost no more than short ones. Chosen from `benches/sentiment_fr.rs`
/// (BENCHMARKS.md, "French sentiment"): whatlang costs about 125 µs of CPU per call whatever the
/// length up to 512 bytes, then grows (2,048 bytes: 188 µs per article, whole articles: 243 µs),
/// and 512 bytes detect all 442 labelled articles of `data/articles.jsonl` correctly, as 2,048 do.
pub const DETECT_PREFIX_BYTES: usize = 512;

fn prefix(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Detects the language of `text` from its first [`DETECT_PREFIX_BYTES`] bytes.
pub fn detect(text: &str) -> LangDetection {
    match whatlang::detect(prefix(text, DETECT_PREFIX_BYTES)) {
        Some(info) => LangDetection {
            lang: Some(Lang::from_whatlang(info.lang())),
            confidence: info.confidence(),
            reliable: info.is_reliable(),
        },
        None => LangDetection {
            lang: None,
            confidence: 0.0,
            reliable: false,
        },
    }
}

/// Detects among `candidates` only (e.g. the languages slant has lexicons for): [`detect_fast`]
/// when it decides, else whatlang restricted to the candidates.
pub fn detect_among(text: &str, candidates: &[Lang]) -> Option<Lang> {
    if let Some(l) = detect_fast(text, candidates) {
        return Some(l);
    }
    detect_among_whatlang(text, candidates)
}

fn detect_among_whatlang(text: &str, candidates: &[Lang]) -> Option<Lang> {
    let allow: Vec<whatlang::Lang> = candidates.iter().filter_map(|l| to_whatlang(*l)).collect();
    if allow.is_empty() {
        return None;
    }
    whatlang::Detector::with_allowlist(allow)
        .detect_lang(prefix(text, DETECT_PREFIX_BYTES))
        .map(Lang::from_whatlang)
}

/// How sure whatlang must be, choosing between its unreliable open guess (a language without an
/// engine) and the best supported language, to keep the foreign guess. Measured with
/// `examples/lang_probe.rs`: short German, Spanish, Dutch, Italian and Portuguese lines score 1.0;
/// English and French lines misread as another language score below 0.9 for all but 18 of
/// VADER's 4,200 tweets, 4 of its 5,190 NYT snippets and 4 of 2,973 French tweets.
pub const FOREIGN_MARGIN: f64 = 0.9;

/// The language to score `text` in, among `supported` (languages with an engine) or any other
/// language whatlang is sure of; `None` when the text has too few letters to tell.
///
/// [`detect_fast`] decides when its evidence is one-sided; otherwise
/// [`detect_supported_whatlang`] does. On 36,144 texts of known language
/// (`examples/lang_agreement.rs`, BENCHMARKS.md "Language detection") this agrees with the known
/// language 98.46% of the time against 97.62% for whatlang alone, no set worse, at about 1/17 of
/// the cost.
pub fn detect_supported(text: &str, supported: &[Lang]) -> Option<Lang> {
    if let Some(l) = detect_fast(text, supported) {
        return Some(l);
    }
    detect_supported_whatlang(text, supported)
}

/// [`detect_supported`] with whatlang's trigram model alone (the fallback of the fast path, and
/// the reference it is measured against).
///
/// Open detection decides when its guess is supported or reliable. An unreliable guess of an
/// unsupported language (short texts) is weighed against the best supported language alone: the
/// supported one wins unless whatlang prefers the guess with confidence ≥ [`FOREIGN_MARGIN`].
/// So a short English or French line misread as Danish or Catalan is still scored, while a short
/// German or Spanish line is reported as unsupported rather than scored as English or French.
pub fn detect_supported_whatlang(text: &str, supported: &[Lang]) -> Option<Lang> {
    let head = prefix(text, DETECT_PREFIX_BYTES);
    let info = whatlang::detect(head)?;
    let guess = Lang::from_whatlang(info.lang());
    if supported.contains(&guess) || info.is_reliable() {
        return Some(guess);
    }
    let Some(best) = detect_among_whatlang(head, supported) else {
        return Some(guess);
    };
    let pair = [info.lang(), to_whatlang(best)?];
    match whatlang::Detector::with_allowlist(pair.to_vec()).detect(head) {
        Some(p) if Lang::from_whatlang(p.lang()) == guess && p.confidence() >= FOREIGN_MARGIN => {
            Some(guess)
        }
        _ => Some(best),
    }
}

/// Smallest share of a text's words that must be function words of the chosen language.
/// Running French or English prose has 30–55% (official English prose full of names and titles
/// 25–30%); Italian, Spanish or Dutch news text reaches about 20% against the French list (`il`,
/// `la`, `de`), and its foreign markers then stop it too (the margin below).
pub const FAST_MIN_SHARE: f64 = 0.25;

/// Function words listed for the chosen language only must outnumber those listed for any other
/// one language only, plus the foreign markers (`common/language-foreign-words.tsv`), this many
/// times. Words listed for several languages (`a`, `on`) count toward the share, not here.
pub const FAST_MARGIN: u32 = 4;

/// Fewest function words of the chosen language: below this a text is too short to tell.
pub const FAST_MIN_HITS: u32 = 3;

/// Letters beyond ASCII that are not the chosen language's own (`language-letters.txt`) may be at
/// most one in this many letters: `ñ`, `ß`, `ã`, `ì`, Cyrillic or Greek send the text to the
/// trigram model, a French name in an English text (`é`) does not, unless it is a short text.
pub const FAST_OUTSIDE_LETTERS_PER: u32 = 100;

/// Function-word and letter lists of the built-in language folders that have them.
#[derive(Debug, Default)]
struct Profiles {
    /// Languages with a `language-words.txt`, in folder order (at most 7: one bit each).
    langs: Vec<Lang>,
    /// Lower-case word packed by [`pack`] → bit `i` for `langs[i]`, [`FOREIGN_BIT`] for a
    /// foreign marker.
    words: FxHashMap<u128, u8>,
    /// Lower-case letter beyond ASCII → bit `i` for each language that uses it.
    letters: FxHashMap<char, u8>,
}

const FOREIGN_BIT: u8 = 0x80;

/// `w` (1 to 15 bytes) packed with its length into one integer ([`super::packed::pack`]): a
/// hash lookup on short words without comparing bytes. The empty word is never a key.
fn pack(w: &[u8]) -> Option<u128> {
    if w.is_empty() {
        return None;
    }
    super::packed::pack(w)
}

impl Profiles {
    fn load(src: &crate::lexicon::LexiconSource) -> Result<Self, crate::lexicon::LexiconError> {
        let mut p = Profiles::default();
        for code in src.languages() {
            let rel = format!("{code}/language-words.txt");
            let Some(lang) = Lang::parse(&code) else {
                continue;
            };
            if !src.exists(&rel) || p.langs.len() == 7 || p.langs.contains(&lang) {
                continue;
            }
            let bit = 1u8 << p.langs.len();
            p.langs.push(lang);
            for (line, w) in src.read_lines(&rel)? {
                let w = w.to_lowercase();
                let key = pack(w.as_bytes()).ok_or_else(|| {
                    crate::lexicon::LexiconError::malformed(
                        &rel,
                        line,
                        "a detection word has 1 to 15 bytes",
                    )
                })?;
                *p.words.entry(key).or_default() |= bit;
            }
            let rel = format!("{code}/language-letters.txt");
            if src.exists(&rel) {
                for (_, l) in src.read_lines(&rel)? {
                    for c in l.chars().flat_map(char::to_lowercase) {
                        *p.letters.entry(c).or_default() |= bit;
                    }
                }
            }
        }
        let rel = "common/language-foreign-words.tsv";
        if src.exists(rel) {
            for (line, f) in src.read_tsv(rel, 2)? {
                let w = f[1].to_lowercase();
                let key = pack(w.as_bytes()).ok_or_else(|| {
                    crate::lexicon::LexiconError::malformed(
                        rel,
                        line,
                        "a detection word has 1 to 15 bytes",
                    )
                })?;
                *p.words.entry(key).or_default() |= FOREIGN_BIT;
            }
        }
        Ok(p)
    }

    /// The built-in lists, loaded once. Detection has no lexicon argument (its callers predate
    /// the lists), so `--lexicons DIR` does not change them; a broken list disables the fast
    /// path (whatlang then decides everything) instead of failing detection.
    fn built_in() -> &'static Profiles {
        static P: OnceLock<Profiles> = OnceLock::new();
        P.get_or_init(|| {
            Profiles::load(&crate::lexicon::LexiconSource::built_in()).unwrap_or_default()
        })
    }
}

/// Counts of one text prefix.
#[derive(Debug, Default)]
struct Counts {
    words: u32,
    /// Function words per profile language.
    hits: [u32; 7],
    /// Function words listed for that profile language and no other.
    own: [u32; 7],
    foreign: u32,
    letters: u32,
    /// Letters beyond ASCII, per profile language that does not use them.
    outside: [u32; 7],
}

fn count(p: &Profiles, head: &str) -> Counts {
    let mut c = Counts::default();
    let n = p.langs.len();
    let mut buf = [0u8; 16];
    let mut len = 0usize;
    let mut in_word = false;
    let end_word = |c: &mut Counts, buf: &[u8; 16], len: usize| {
        c.words += 1;
        if len <= 15
            && let Some(key) = pack(&buf[..len])
            && let Some(&bits) = p.words.get(&key)
        {
            for (i, h) in c.hits.iter_mut().enumerate().take(n) {
                *h += u32::from(bits >> i & 1);
            }
            let langs = bits & !FOREIGN_BIT;
            if langs.is_power_of_two() {
                c.own[langs.trailing_zeros() as usize] += 1;
            }
            c.foreign += u32::from(bits & FOREIGN_BIT != 0);
        }
    };
    for ch in head.chars() {
        let lower = if ch.is_ascii_alphabetic() {
            ch.to_ascii_lowercase()
        } else if !ch.is_ascii() && ch.is_alphabetic() {
            let l = ch.to_lowercase().next().unwrap_or(ch);
            let bits = p.letters.get(&l).copied().unwrap_or(0);
            for (i, o) in c.outside.iter_mut().enumerate().take(n) {
                *o += u32::from(bits >> i & 1 == 0);
            }
            l
        } else {
            if in_word {
                end_word(&mut c, &buf, len);
                in_word = false;
                len = 0;
            }
            continue;
        };
        c.letters += 1;
        in_word = true;
        let mut tmp = [0u8; 4];
        let b = lower.encode_utf8(&mut tmp).as_bytes();
        if len + b.len() <= 16 {
            buf[len..len + b.len()].copy_from_slice(b);
        }
        len += b.len();
    }
    if in_word {
        end_word(&mut c, &buf, len);
    }
    c
}

/// The language of `text` among `candidates` from function words and letters alone, when the
/// evidence is one-sided; `None` means "ask the trigram model" (too short, mixed, another
/// language's markers or letters, or a candidate without lists).
///
/// Looks at the first [`DETECT_PREFIX_BYTES`] bytes, cut into words at every character that is
/// not a letter (so elisions and hyphens split off). It chooses the candidate with the most
/// function words when they are at least [`FAST_MIN_HITS`] and [`FAST_MIN_SHARE`] of the words,
/// its own words (listed for it alone) are [`FAST_MARGIN`] times those of any other listed
/// language plus the foreign markers, and letters outside the language's own are at most one in
/// [`FAST_OUTSIDE_LETTERS_PER`].
pub fn detect_fast(text: &str, candidates: &[Lang]) -> Option<Lang> {
    let p = Profiles::built_in();
    let idx: Vec<usize> = candidates
        .iter()
        .map(|l| p.langs.iter().position(|x| x == l))
        .collect::<Option<_>>()?;
    if idx.is_empty() {
        return None;
    }
    let c = count(p, prefix(text, DETECT_PREFIX_BYTES));
    let &best = idx
        .iter()
        .max_by_key(|&&i| (c.hits[i], std::cmp::Reverse(i)))?;
    let h = c.hits[best];
    let rival = (0..p.langs.len())
        .filter(|&i| i != best)
        .map(|i| c.own[i])
        .max()
        .unwrap_or(0);
    let decided = h >= FAST_MIN_HITS
        && f64::from(h) >= FAST_MIN_SHARE * f64::from(c.words)
        && c.own[best] >= FAST_MARGIN * (rival + c.foreign)
        && c.outside[best] * FAST_OUTSIDE_LETTERS_PER <= c.letters;
    decided.then(|| p.langs[best])
}

fn to_whatlang(l: Lang) -> Option<whatlang::Lang> {
    whatlang::Lang::from_code(to_639_3(l)?)
}

fn to_639_3(l: Lang) -> Option<&'static str> {
    // Reverse of `from_whatlang` for the codes it maps.
    whatlang_all()
        .iter()
        .find(|w| Lang::from_whatlang(**w) == l)
        .map(|w| w.code())
}

fn whatlang_all() -> &'static [whatlang::Lang] {
    whatlang::Lang::all()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_codes_and_names() {
        assert_eq!(Lang::parse("en"), Some(Lang::EN));
        assert_eq!(Lang::parse("fr-FR"), Some(Lang::FR));
        assert_eq!(Lang::parse("FRA"), Some(Lang::FR));
        assert_eq!(Lang::parse("English"), Some(Lang::EN));
        assert_eq!(Lang::parse("deu").unwrap().code(), "de");
        assert_eq!(Lang::parse("x"), None);
        assert_eq!(Lang::parse(""), None);
    }

    #[test]
    fn detects_english_and_french() {
        let en = detect("The president said on Tuesday that the talks would continue next week.");
        assert_eq!(en.lang, Some(Lang::EN));
        let fr = detect("Le président a déclaré mardi que les pourparlers se poursuivraient.");
        assert_eq!(fr.lang, Some(Lang::FR));
        assert_eq!(
            detect_among("Yay. Another good phone interview.", &[Lang::EN, Lang::FR]),
            Some(Lang::EN)
        );
    }

    fn fixture(name: &str) -> Vec<(Lang, String)> {
        let path = format!(
            "{}/tests/fixtures/sentiment_fr/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        let text = std::fs::read_to_string(&path).expect(&path);
        crate::lexicon::data_lines(&text)
            .map(|(_, l)| {
                let (code, t) = l.split_once('\t').expect("lang<TAB>text");
                (Lang::parse(code).expect("code"), t.to_string())
            })
            .collect()
    }

    #[test]
    fn short_foreign_lines_are_not_taken_for_english_or_french() {
        let supported = [Lang::EN, Lang::FR];
        for (lang, text) in fixture("foreign.tsv") {
            let got = detect_supported(&text, &supported);
            assert!(
                got.is_some_and(|g| !supported.contains(&g)),
                "{text:?} ({lang}) resolved to {got:?}"
            );
        }
    }

    #[test]
    fn foreign_articles_are_not_taken_for_english_or_french() {
        let supported = [Lang::EN, Lang::FR];
        for (lang, text) in fixture("foreign-articles.tsv") {
            assert_eq!(detect_fast(&text, &supported), None, "{lang}: {text:?}");
            assert_eq!(detect_supported(&text, &supported), Some(lang), "{text:?}");
        }
    }

    #[test]
    fn fast_path_decides_clear_prose_and_defers_otherwise() {
        let supported = [Lang::EN, Lang::FR];
        let en = "The minister said on Tuesday that the government would not change its plan, \
                  but that it was ready to talk to the unions about the details.";
        let fr = "Le ministre a déclaré mardi que le gouvernement ne changerait pas son plan, \
                  mais qu'il était prêt à discuter des détails avec les syndicats.";
        assert_eq!(detect_fast(en, &supported), Some(Lang::EN));
        assert_eq!(detect_fast(fr, &supported), Some(Lang::FR));
        assert_eq!(detect_fast(fr, &[Lang::FR]), Some(Lang::FR));
        // Too few function words: the trigram model decides.
        assert_eq!(
            detect_fast("Yay. Another good phone interview.", &supported),
            None
        );
        assert_eq!(detect_fast("", &supported), None);
        // A candidate without lists disables the fast path.
        let de = Lang::parse("de").unwrap();
        assert_eq!(detect_fast(en, &[Lang::EN, de]), None);
        // Letters outside English's own (ñ, é) in a short text send it to the trigram model.
        assert_eq!(
            detect_fast(
                "He said that the piñata was on the table and it was not his.",
                &supported
            ),
            None
        );
    }

    #[test]
    fn built_in_profiles_load() {
        let p = Profiles::load(&crate::lexicon::LexiconSource::built_in()).expect("lists load");
        assert!(p.langs.contains(&Lang::EN) && p.langs.contains(&Lang::FR));
        let bits = |w: &str| p.words.get(&pack(w.as_bytes()).unwrap()).copied();
        let en = 1 << p.langs.iter().position(|l| *l == Lang::EN).unwrap();
        let fr = 1 << p.langs.iter().position(|l| *l == Lang::FR).unwrap();
        assert_eq!(bits("the"), Some(en));
        assert_eq!(bits("était"), Some(fr));
        assert_eq!(bits("a"), Some(en | fr));
        assert_eq!(bits("und"), Some(FOREIGN_BIT));
        assert_eq!(bits("zebra"), None);
    }

    #[test]
    fn short_english_and_french_lines_resolve() {
        for (lang, text) in fixture("short-en-fr.tsv") {
            assert_eq!(
                detect_supported(&text, &[Lang::EN, Lang::FR]),
                Some(lang),
                "{text:?}"
            );
        }
        assert_eq!(detect_supported("1234 !!!", &[Lang::EN, Lang::FR]), None);
        assert_eq!(detect_supported("", &[Lang::EN, Lang::FR]), None);
    }
}
