//! Metadata found in page clutter: the author of a byline, the date of a dateline, and the
//! normalised title used to match copies of one story.
//!
//! Bylines and datelines are not body text, but they are not noise either: cleaning moves them
//! into `author` and `published` (when the input had none) instead of throwing them away.

use chrono::NaiveDate;

use crate::clean::dates::{DateOrder, DateParser, DateResult};
use crate::text::fold::fold;

/// Words allowed in lower case inside a person's name ("Jean de La Fontaine", "Smith and Jones").
const NAME_PARTICLES: &[&str] = &[
    "and", "et", "de", "du", "des", "la", "le", "van", "von", "der", "den", "da", "di", "y", "&",
    "bin", "al", "el",
];

/// The author named by a byline whose first `skip_words` words are the cue ("By", "Par",
/// "Propos recueillis par"), or `None` when the rest does not look like a name.
///
/// A name is 1–6 words, each capitalised or a particle; it stops at the first `,`, `|`, ` - `
/// or `(` ("By Jane Doe, Reuters" → "Jane Doe"). This shape check is what keeps "By the time
/// the talks opened" from being read as a byline.
pub fn byline_author(line: &str, skip_words: usize) -> Option<String> {
    let rest: Vec<&str> = line.split_whitespace().skip(skip_words).collect();
    let rest = rest.join(" ");
    let cut = rest
        .find([',', '|', '(', '—', '–', '/'])
        .into_iter()
        .chain(rest.find(" - "))
        .min()
        .unwrap_or(rest.len());
    let name = rest[..cut].trim().trim_end_matches(['.', ':', ';']).trim();
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.is_empty() || words.len() > 6 {
        return None;
    }
    let capitalised = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let ok = capitalised(words[0])
        && words
            .iter()
            .all(|w| capitalised(w) || NAME_PARTICLES.contains(&w.to_lowercase().as_str()));
    ok.then(|| name.to_string())
}

/// The date in a dateline after its first `skip_words` cue words ("Publié le 5 avril 2023 à
/// 14h32" → 2023-04-05): the longest leading run of words that parses as a date.
pub fn dateline_date(
    line: &str,
    skip_words: usize,
    dates: &DateParser,
    order: DateOrder,
) -> Option<NaiveDate> {
    let words: Vec<&str> = line
        .split_whitespace()
        .skip(skip_words)
        .map(|w| w.trim_matches([',', '|', '(', ')']))
        .take(8)
        .collect();
    for n in (1..=words.len()).rev() {
        if let DateResult::Date(d) = dates.parse(&words[..n].join(" "), order) {
            return Some(d);
        }
    }
    None
}

/// The key two titles of one story share: folded, with section prefixes and outlet suffixes
/// dropped ("Opinion | X - The Daily Paper" → key of "X"), punctuation removed.
///
/// The title is cut at ` | `, ` - `, ` – `, ` — ` and ` :: ` and the longest part (in words,
/// first on ties) is kept: decorations are shorter than the headline they decorate.
pub fn title_key(title: &str) -> String {
    let folded = fold(title).replace(['—', '–'], "-");
    let parts = folded
        .split(" | ")
        .flat_map(|p| p.split(" - "))
        .flat_map(|p| p.split(" :: "));
    let mut best = "";
    let mut best_words = 0;
    for p in parts {
        let n = p.split_whitespace().count();
        if n > best_words {
            best = p;
            best_words = n;
        }
    }
    words_key(best)
}

/// Alphanumeric words of `folded`, joined by single spaces.
pub fn words_key(folded: &str) -> String {
    let mut out = String::with_capacity(folded.len());
    words_key_into(folded, &mut out);
    out
}

/// Appends [`words_key`]`(folded)` to `out` (nothing for a text with no words). ASCII bytes are
/// classified without decoding; other characters by `char::is_alphanumeric`.
pub fn words_key_into(folded: &str, out: &mut String) {
    let base = out.len();
    let bytes = folded.as_bytes();
    let mut word_start: Option<usize> = None;
    let mut i = 0;
    while i < bytes.len() {
        let (alnum, len) = if bytes[i].is_ascii() {
            (bytes[i].is_ascii_alphanumeric(), 1)
        } else {
            let c = folded[i..].chars().next().expect("i is a char boundary");
            (c.is_alphanumeric(), c.len_utf8())
        };
        if alnum {
            word_start.get_or_insert(i);
        } else if let Some(s) = word_start.take() {
            if out.len() > base {
                out.push(' ');
            }
            out.push_str(&folded[s..i]);
        }
        i += len;
    }
    if let Some(s) = word_start {
        if out.len() > base {
            out.push(' ');
        }
        out.push_str(&folded[s..]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bylines_give_names_only_when_they_look_like_names() {
        assert_eq!(byline_author("By Jane Doe", 1).as_deref(), Some("Jane Doe"));
        assert_eq!(
            byline_author("By Jane Doe, Reuters", 1).as_deref(),
            Some("Jane Doe")
        );
        assert_eq!(
            byline_author("Par Jean de La Fontaine", 1).as_deref(),
            Some("Jean de La Fontaine")
        );
        assert_eq!(
            byline_author("Propos recueillis par Marie Curie.", 3).as_deref(),
            Some("Marie Curie")
        );
        assert_eq!(byline_author("By the time they arrived", 1), None);
        assert_eq!(byline_author("Par ailleurs", 1), None);
        assert_eq!(byline_author("By", 1), None);
    }

    #[test]
    fn datelines_give_dates() {
        let p = DateParser::built_in();
        let d = |s: &str, k| dateline_date(s, k, p, DateOrder::Mdy);
        assert_eq!(
            d("Publié le 5 avril 2023 à 14h32", 2),
            NaiveDate::from_ymd_opt(2023, 4, 5)
        );
        assert_eq!(
            d("Published on 20 September 2016, 10:00", 2),
            NaiveDate::from_ymd_opt(2016, 9, 20)
        );
        assert_eq!(d("Publié le", 2), None);
    }

    #[test]
    fn words_keys_append_alphanumeric_words() {
        assert_eq!(
            words_key("l'etat, c'est -- moi! 2024"),
            "l etat c est moi 2024"
        );
        let mut out = String::from("x ");
        words_key_into("  ¿qué?  ", &mut out);
        assert_eq!(out, "x qué");
        words_key_into(" -- ", &mut out);
        assert_eq!(out, "x qué");
    }

    #[test]
    fn titles_match_without_section_and_outlet_decorations() {
        let x = "Putin opens talks with Belarus leader";
        assert_eq!(
            title_key(&format!("Opinion | {x} - The Daily Paper")),
            title_key(x)
        );
        assert_eq!(title_key(&format!("{x} — Le Monde")), title_key(x));
        assert_eq!(
            title_key("Putin Opens Talks, With Belarus Leader!"),
            title_key(x)
        );
        assert_eq!(title_key(x), "putin opens talks with belarus leader");
    }
}
