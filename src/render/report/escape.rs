//! Escaping for the two report formats. Every string a writer emits as text goes through one of
//! these, generated prose and input text (outlet names, speakers) alike, so no input can inject
//! markup into either report.

/// HTML text and attribute escaping: `& < > " '`.
pub fn html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Markdown text escaping: HTML-significant characters become entities (Markdown renderers pass
/// raw HTML through), Markdown punctuation is backslash-escaped, and line breaks become spaces
/// so a value cannot start a heading, list or table row.
pub fn markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '#' | '~' | '!' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// [`markdown`] for text that starts a block (a paragraph, a list item): additionally escapes
/// a leading `-`, `+`, `=` or `1.`/`1)` that would turn the text into a list or heading.
pub fn markdown_block(s: &str) -> String {
    let e = markdown(s);
    let digits = e.chars().take_while(|c| c.is_ascii_digit()).count();
    if digits > 0 && matches!(e[digits..].chars().next(), Some('.') | Some(')')) {
        return format!("{}\\{}", &e[..digits], &e[digits..]);
    }
    match e.chars().next() {
        Some('-') | Some('+') | Some('=') => format!("\\{e}"),
        _ => e,
    }
}

/// Standard base64 (RFC 4648, with padding), for embedding PNGs in `report.html`.
///
/// Whole 3-byte groups are encoded 4 bytes at a time into a byte buffer (the charts are a few
/// hundred KB each; pushing chars one by one cost more than the rest of the report).
pub fn base64(bytes: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = Vec::with_capacity(bytes.len().div_ceil(3) * 4);
    let mut chunks = bytes.chunks_exact(3);
    for c in &mut chunks {
        let n = (c[0] as u32) << 16 | (c[1] as u32) << 8 | c[2] as u32;
        out.extend_from_slice(&[
            T[(n >> 18) as usize & 63],
            T[(n >> 12) as usize & 63],
            T[(n >> 6) as usize & 63],
            T[n as usize & 63],
        ]);
    }
    match *chunks.remainder() {
        [a] => {
            let n = (a as u32) << 16;
            out.extend_from_slice(&[T[(n >> 18) as usize & 63], T[(n >> 12) as usize & 63]]);
            out.extend_from_slice(b"==");
        }
        [a, b] => {
            let n = (a as u32) << 16 | (b as u32) << 8;
            out.extend_from_slice(&[
                T[(n >> 18) as usize & 63],
                T[(n >> 12) as usize & 63],
                T[(n >> 6) as usize & 63],
                b'=',
            ]);
        }
        _ => {}
    }
    String::from_utf8(out).expect("base64 is ASCII")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escapes_markup() {
        assert_eq!(
            html("<script>alert(1)</script> & \"x\" 'y'"),
            "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot; &#39;y&#39;"
        );
    }

    #[test]
    fn markdown_escapes_markup_and_punctuation() {
        assert_eq!(
            markdown("<b>A & B</b> | *x* [l](u) #1\nnext"),
            "&lt;b&gt;A &amp; B&lt;/b&gt; \\| \\*x\\* \\[l\\](u) \\#1 next"
        );
        assert_eq!(markdown("war_security"), "war\\_security");
        assert_eq!(markdown_block("1. Outlet"), "1\\. Outlet");
        assert_eq!(markdown_block("- Outlet"), "\\- Outlet");
        assert_eq!(markdown_block("Outlet 1."), "Outlet 1.");
    }

    #[test]
    fn base64_rfc4648_vectors() {
        // RFC 4648 §10 test vectors.
        for (i, o) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(i.as_bytes()), o);
        }
    }
}
