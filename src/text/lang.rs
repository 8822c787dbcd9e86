//! Language codes and detection.
//!
//! slant names languages by ISO 639-1 code (`en`, `fr`) where one exists, ISO 639-3 otherwise,
//! because that is what news metadata and crawler output carry. Detection uses whatlang's trigram
//! model on the first few kilobytes of a text.

use std::fmt;

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

/// Detects among `candidates` only (e.g. the languages slant has lexicons for).
pub fn detect_among(text: &str, candidates: &[Lang]) -> Option<Lang> {
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
/// Open detection decides when its guess is supported or reliable. An unreliable guess of an
/// unsupported language (short texts) is weighed against the best supported language alone: the
/// supported one wins unless whatlang prefers the guess with confidence ≥ [`FOREIGN_MARGIN`].
/// So a short English or French line misread as Danish or Catalan is still scored, while a short
/// German or Spanish line is reported as unsupported rather than scored as English or French.
pub fn detect_supported(text: &str, supported: &[Lang]) -> Option<Lang> {
    let head = prefix(text, DETECT_PREFIX_BYTES);
    let info = whatlang::detect(head)?;
    let guess = Lang::from_whatlang(info.lang());
    if supported.contains(&guess) || info.is_reliable() {
        return Some(guess);
    }
    let Some(best) = detect_among(head, supported) else {
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
