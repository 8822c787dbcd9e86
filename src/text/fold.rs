//! Case and accent folding, so `Zélensky`, `ZELENSKY` and `zelensky` compare equal and curly
//! apostrophes match straight ones.
//!
//! Folding is per char (lower-case, canonical decomposition, combining marks dropped, typographic
//! apostrophes and dashes mapped to ASCII, `œ`/`æ` expanded), so a folded string can be mapped
//! back to the original with [`fold_with_map`].

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Appends the folded form of `c` to `out`.
#[inline]
pub fn fold_char_into(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    match c {
        '’' | '‘' | 'ʼ' | '′' | '`' | '´' => {
            out.push('\'');
            return;
        }
        '‐' | '‑' | '‒' | '–' => {
            out.push('-');
            return;
        }
        'œ' | 'Œ' => {
            out.push_str("oe");
            return;
        }
        'æ' | 'Æ' => {
            out.push_str("ae");
            return;
        }
        'ß' => {
            out.push_str("ss");
            return;
        }
        '\u{00A0}' | '\u{202F}' => {
            out.push(' ');
            return;
        }
        '\u{00AD}' => return, // soft hyphen: invisible
        _ => {}
    }
    for lc in c.to_lowercase() {
        decompose_canonical(lc, |d| {
            if !is_combining_mark(d) {
                out.push(d);
            }
        });
    }
}

/// The folded form of `s`.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// Appends the folded form of `s` to `out` (reuse `out` to avoid allocating per word).
pub fn fold_into(s: &str, out: &mut String) {
    if s.is_ascii() {
        // An ASCII char folds to its lower case: one pass, no char decoding (most source
        // phrases, names and words are ASCII).
        let start = out.len();
        out.push_str(s);
        out[start..].make_ascii_lowercase();
        return;
    }
    for c in s.chars() {
        fold_char_into(c, out);
    }
}

/// Folds `s` and returns, for every byte of the folded string, the byte offset in `s` of the
/// char it came from (plus a final entry for the end), so matches found in folded text map back
/// to original offsets.
pub fn fold_with_map(s: &str) -> (String, Vec<u32>) {
    if s.is_ascii() {
        // Each ASCII char folds to one byte, its lower case: the map is the identity.
        return (s.to_ascii_lowercase(), (0..=s.len() as u32).collect());
    }
    let mut out = String::with_capacity(s.len());
    let mut map = Vec::with_capacity(s.len() + 1);
    for (i, c) in s.char_indices() {
        let before = out.len();
        fold_char_into(c, &mut out);
        for _ in before..out.len() {
            map.push(i as u32);
        }
    }
    map.push(s.len() as u32);
    (out, map)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_accents_and_apostrophes() {
        assert_eq!(fold("Zélensky"), "zelensky");
        assert_eq!(fold("L’ÉTAT d’Œdipe"), "l'etat d'oedipe");
        assert_eq!(fold("Ça\u{00AD}va"), "cava");
    }

    #[test]
    fn ascii_fast_paths_fold_as_char_by_char() {
        let s: String = (0u8..128).map(char::from).collect::<String>() + " The U.S. `Said` 'x'";
        let mut by_char = String::new();
        for c in s.chars() {
            fold_char_into(c, &mut by_char);
        }
        assert_eq!(fold(&s), by_char);
        let mut into = String::from("é");
        fold_into(&s, &mut into);
        assert_eq!(into, format!("é{by_char}"));
        let (f, m) = fold_with_map(&s);
        assert_eq!(f, by_char);
        assert_eq!(m, (0..=s.len() as u32).collect::<Vec<_>>());
    }

    #[test]
    fn map_points_back_to_original_chars() {
        let s = "Éa œ";
        let (f, m) = fold_with_map(s);
        assert_eq!(f, "ea oe");
        assert_eq!(m, vec![0, 2, 3, 4, 4, 6]);
    }
}
