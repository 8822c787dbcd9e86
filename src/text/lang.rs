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
/// long articles cost no more than short ones.
pub const DETECT_PREFIX_BYTES: usize = 2048;

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

/// Detects among `candidates` only (e.g. the languages slant has lexicons for). Used when
/// open detection is unreliable on a short text.
pub fn detect_among(text: &str, candidates: &[Lang]) -> Option<Lang> {
    let allow: Vec<whatlang::Lang> = candidates
        .iter()
        .filter_map(|l| whatlang::Lang::from_code(to_639_3(*l)?))
        .collect();
    if allow.is_empty() {
        return None;
    }
    whatlang::Detector::with_allowlist(allow)
        .detect_lang(prefix(text, DETECT_PREFIX_BYTES))
        .map(Lang::from_whatlang)
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
}
