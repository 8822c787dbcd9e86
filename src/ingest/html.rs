//! Saved web pages: one article per `.html` file, reduced to its main text.
//!
//! The reduction, in one linear pass over the markup (no DOM is built):
//! - dropped with everything inside: `script`, `style`, `noscript`, `template`, `svg`, `nav`,
//!   `header`, `footer`, `aside`, `form`, `iframe`, `button`, `select`, `textarea`, `menu`,
//!   `dialog`, `object`, comments and the doctype (figure captions are kept);
//! - the main text is the `<article>` element holding the most text when there is one, else
//!   `<main>`, else the whole page;
//! - block elements (`p`, `div`, `h1`–`h6`, `li`, `blockquote`, `tr`, ...) end paragraphs, which
//!   are separated by a blank line; `<br>` ends a line within a paragraph; other white space is
//!   collapsed to single spaces; character references (`&eacute;`, `&#8217;`, `&nbsp;`) are
//!   decoded with the full HTML5 table (`html-escape` crate).
//!
//! Metadata: title from `og:title`, else `<title>`; date from `article:published_time`, else
//! `itemprop="datePublished"` or a common date `<meta>`, else the first `<time datetime>` inside
//! the article, else the first anywhere; language from `<html lang>`; url from
//! `<link rel="canonical">`, else `og:url`; author from `<meta name="author">`; topic from
//! `article:section`. The folder's `meta.json` overrides any of them ([`super::sidecar`]).
//!
//! Encoding: UTF-8. A page that is not valid UTF-8 but declares `windows-1252`, `iso-8859-1`,
//! `latin1` or `us-ascii` (in a `<meta>` among its first 2 KiB) is decoded as windows-1252, as
//! browsers do; any other invalid UTF-8 is a reject (`invalid_utf8`). An empty file has no record;
//! a page without main text is a record with empty text (rejected as `empty_text`).

use std::borrow::Cow;

use html_escape::decode_html_entities;

use super::sidecar::{FileFields, article_record};
use super::{IngestOptions, Records, SourceFile, invalid_utf8, strip_bom, whole_file_origin};
use crate::model::Reject;

/// Reads one `.html` file as one article.
pub fn read(file: &SourceFile, opts: &IngestOptions) -> Records {
    let bytes = strip_bom(file.bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Vec::new();
    }
    let origin = whole_file_origin(file.label);
    let html: Cow<str> = match std::str::from_utf8(bytes) {
        Ok(s) => Cow::Borrowed(s),
        Err(e) => match declared_charset(bytes) {
            Some(cs) if is_windows_1252(&cs) => Cow::Owned(decode_windows_1252(bytes)),
            Some(cs) => {
                let at = e.valid_up_to();
                return vec![Err(Reject::new(
                    &origin,
                    "invalid_utf8",
                    format!(
                        "not valid UTF-8 (byte 0x{:02X} at line {}) and the declared charset {cs:?} is not one slant decodes",
                        bytes[at],
                        super::line_of(bytes, at)
                    ),
                ))];
            }
            None => return vec![Err(invalid_utf8(&origin, bytes, e))],
        },
    };
    vec![Ok(article_record(file, opts, extract(&html)))]
}

/// Elements dropped with their content.
const SKIPPED: &[&str] = &[
    "nav", "header", "footer", "aside", "form", "button", "select", "menu", "dialog", "svg",
    "template", "object",
];

/// Elements whose content is raw text (not markup), dropped up to their end tag.
const RAW_TEXT: &[&str] = &[
    "script", "style", "noscript", "textarea", "iframe", "xmp", "noembed", "noframes", "title",
];

/// Elements that start and end a paragraph.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "article",
    "section",
    "main",
    "body",
    "table",
    "tr",
    "caption",
    "figure",
    "figcaption",
    "hr",
    "address",
    "details",
    "summary",
    "center",
    "fieldset",
    "legend",
];

/// `<meta>` names or properties that carry the publication date, after `article:published_time`.
const DATE_METAS: &[&str] = &[
    "datepublished",
    "og:article:published_time",
    "pubdate",
    "publishdate",
    "publish-date",
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.date",
    "parsely-pub-date",
    "sailthru.date",
];

#[derive(Default)]
struct Extractor {
    out: String,
    /// The outermost dropped element being skipped, and how many of it are open.
    skip: Option<(String, usize)>,
    article_depth: usize,
    article_start: usize,
    articles: Vec<(usize, usize)>,
    main_start: Option<usize>,
    main: Option<(usize, usize)>,
    title: Option<String>,
    og_title: Option<String>,
    published_time: Option<String>,
    other_date: Option<String>,
    time_in_article: Option<String>,
    time_anywhere: Option<String>,
    lang: Option<String>,
    canonical: Option<String>,
    og_url: Option<String>,
    author: Option<String>,
    section: Option<String>,
}

/// Extracts the main text and metadata of a page.
pub fn extract(html: &str) -> FileFields {
    let b = html.as_bytes();
    let mut x = Extractor::default();
    let mut i = 0;
    let mut text_start = 0;
    while let Some(off) = memchr::memchr(b'<', &b[i..]) {
        let lt = i + off;
        let next = b.get(lt + 1).copied().unwrap_or(b' ');
        let is_markup = next.is_ascii_alphabetic() || matches!(next, b'/' | b'!' | b'?');
        if !is_markup {
            i = lt + 1;
            continue;
        }
        x.text(&html[text_start..lt]);
        if b[lt + 1..].starts_with(b"!--") {
            i = find(b, lt + 4, b"-->").map_or(b.len(), |p| p + 3);
        } else if b[lt + 1..].starts_with(b"![CDATA[") {
            i = find(b, lt + 9, b"]]>").map_or(b.len(), |p| p + 3);
        } else if next == b'!' || next == b'?' {
            i = memchr::memchr(b'>', &b[lt..]).map_or(b.len(), |p| lt + p + 1);
        } else {
            let closing = next == b'/';
            let name_start = lt + 1 + usize::from(closing);
            let mut name_end = name_start;
            while name_end < b.len()
                && (b[name_end].is_ascii_alphanumeric() || matches!(b[name_end], b'-' | b':'))
            {
                name_end += 1;
            }
            let gt = tag_end(b, name_end);
            let name = html[name_start..name_end].to_ascii_lowercase();
            let attrs_end = if gt > name_end && b[gt - 1] == b'>' {
                gt - 1
            } else {
                gt
            };
            let attrs = &html[name_end..attrs_end];
            i = gt;
            if closing {
                x.end_tag(&name);
            } else {
                let self_closing = attrs.trim_end().ends_with('/');
                x.start_tag(&name, attrs, self_closing);
                if RAW_TEXT.contains(&name.as_str()) && !self_closing {
                    let close = find_end_tag(b, i, name.as_bytes());
                    if name == "title" && x.title.is_none() && x.skip.is_none() {
                        x.title = clean_inline(&html[i..close.0]);
                    }
                    i = close.1;
                }
            }
        }
        text_start = i;
    }
    x.text(&html[text_start.min(html.len())..]);
    x.finish()
}

impl Extractor {
    fn emitting(&self) -> bool {
        self.skip.is_none()
    }

    fn text(&mut self, raw: &str) {
        if !self.emitting() || raw.is_empty() {
            return;
        }
        let decoded = decode_html_entities(raw);
        for c in decoded.chars() {
            if c.is_ascii_whitespace() {
                if !self.out.is_empty() && !self.out.ends_with([' ', '\n']) {
                    self.out.push(' ');
                }
            } else {
                self.out.push(c);
            }
        }
    }

    fn paragraph_break(&mut self) {
        if self.emitting() {
            self.out.push_str("\n\n");
        }
    }

    fn start_tag(&mut self, name: &str, attrs: &str, self_closing: bool) {
        match name {
            "meta" => self.meta(attrs),
            "link" => {
                let a = parse_attrs(attrs);
                if attr(&a, "rel").is_some_and(|r| r.eq_ignore_ascii_case("canonical")) {
                    set_once(&mut self.canonical, attr(&a, "href"));
                }
            }
            "html" => set_once(&mut self.lang, attr(&parse_attrs(attrs), "lang")),
            "time" => {
                let a = parse_attrs(attrs);
                let dt = attr(&a, "datetime");
                if self.article_depth > 0 {
                    set_once(&mut self.time_in_article, dt);
                }
                set_once(&mut self.time_anywhere, dt);
            }
            _ => {}
        }
        if attrs.contains("itemprop") {
            let a = parse_attrs(attrs);
            if attr(&a, "itemprop").is_some_and(|p| p.eq_ignore_ascii_case("datePublished")) {
                set_once(
                    &mut self.other_date,
                    attr(&a, "datetime").or(attr(&a, "content")),
                );
            }
        }
        if self_closing {
            if name == "br" {
                self.line_break();
            }
            return;
        }
        if let Some((skipped, n)) = &mut self.skip {
            if skipped.as_str() == name {
                *n += 1;
            }
            return;
        }
        if SKIPPED.contains(&name) {
            self.skip = Some((name.to_string(), 1));
            return;
        }
        match name {
            "br" => self.line_break(),
            "td" | "th" => self.text(" "),
            "article" => {
                self.paragraph_break();
                if self.article_depth == 0 {
                    self.article_start = self.out.len();
                }
                self.article_depth += 1;
            }
            "main" => {
                self.paragraph_break();
                if self.main_start.is_none() && self.main.is_none() {
                    self.main_start = Some(self.out.len());
                }
            }
            n if BLOCKS.contains(&n) => self.paragraph_break(),
            _ => {}
        }
    }

    fn end_tag(&mut self, name: &str) {
        if let Some((skipped, n)) = &mut self.skip {
            if skipped.as_str() == name {
                *n -= 1;
                if *n == 0 {
                    self.skip = None;
                }
            }
            return;
        }
        match name {
            "article" if self.article_depth > 0 => {
                self.paragraph_break();
                self.article_depth -= 1;
                if self.article_depth == 0 {
                    self.articles.push((self.article_start, self.out.len()));
                }
            }
            "main" => {
                self.paragraph_break();
                if let Some(s) = self.main_start.take() {
                    self.main = Some((s, self.out.len()));
                }
            }
            "br" => self.line_break(),
            n if BLOCKS.contains(&n) => self.paragraph_break(),
            _ => {}
        }
    }

    fn line_break(&mut self) {
        if self.emitting() {
            self.out.push('\n');
        }
    }

    fn meta(&mut self, attrs: &str) {
        let a = parse_attrs(attrs);
        let key = attr(&a, "property")
            .or(attr(&a, "name"))
            .or(attr(&a, "itemprop"))
            .map(str::to_ascii_lowercase);
        let (Some(key), Some(content)) = (key, attr(&a, "content")) else {
            return;
        };
        match key.as_str() {
            "og:title" => set_once(&mut self.og_title, Some(content)),
            "article:published_time" => set_once(&mut self.published_time, Some(content)),
            "og:url" => set_once(&mut self.og_url, Some(content)),
            "author" => set_once(&mut self.author, Some(content)),
            "article:section" => set_once(&mut self.section, Some(content)),
            k if DATE_METAS.contains(&k) => set_once(&mut self.other_date, Some(content)),
            _ => {}
        }
    }

    fn finish(mut self) -> FileFields {
        if self.article_depth > 0 {
            self.articles.push((self.article_start, self.out.len()));
        }
        if let Some(s) = self.main_start.take() {
            self.main = Some((s, self.out.len()));
        }
        let weight = |&(s, e): &(usize, usize)| {
            self.out[s..e]
                .chars()
                .filter(|c| !c.is_whitespace())
                .count()
        };
        let mut best: Option<((usize, usize), usize)> = None;
        for r in &self.articles {
            let w = weight(r);
            if best.is_none_or(|(_, bw)| w > bw) {
                best = Some((*r, w));
            }
        }
        let (s, e) = best
            .map(|(r, _)| r)
            .or(self.main)
            .unwrap_or((0, self.out.len()));
        FileFields {
            title: self.og_title.as_deref().and_then(collapse).or(self.title),
            published: self
                .published_time
                .or(self.other_date)
                .or(self.time_in_article)
                .or(self.time_anywhere),
            language: self.lang,
            url: self.canonical.or(self.og_url),
            author: self.author.as_deref().and_then(collapse),
            topic: self.section.as_deref().and_then(collapse),
            text: paragraphs(&self.out[s..e]),
        }
    }
}

fn set_once(slot: &mut Option<String>, v: Option<&str>) {
    if slot.is_none()
        && let Some(v) = v.map(str::trim).filter(|v| !v.is_empty())
    {
        *slot = Some(v.to_string());
    }
}

/// Text with entities decoded and white space collapsed; `None` when blank.
fn clean_inline(s: &str) -> Option<String> {
    collapse(&decode_html_entities(s))
}

/// White space collapsed to single spaces; `None` when blank.
fn collapse(s: &str) -> Option<String> {
    let t = s.split_whitespace().collect::<Vec<_>>().join(" ");
    (!t.is_empty()).then_some(t)
}

/// Lines trimmed; runs of non-blank lines form paragraphs, separated by one blank line.
fn paragraphs(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut blank_before = false;
    for line in s.split('\n') {
        let t = line.trim();
        if t.is_empty() {
            blank_before = true;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank_before { "\n\n" } else { "\n" });
        }
        out.push_str(t);
        blank_before = false;
    }
    out
}

/// The index just past the `>` closing a tag whose attributes start at `from`, respecting quoted
/// attribute values; if a quote never closes, the first `>` ends the tag.
fn tag_end(b: &[u8], from: usize) -> usize {
    let mut quote = None;
    let mut i = from;
    while i < b.len() {
        match (quote, b[i]) {
            (None, b'>') => return i + 1,
            (None, q @ (b'"' | b'\'')) => quote = Some(q),
            (Some(q), c) if c == q => quote = None,
            _ => {}
        }
        i += 1;
    }
    memchr::memchr(b'>', &b[from.min(b.len())..]).map_or(b.len(), |p| from + p + 1)
}

/// Position of `needle` in `b` at or after `from`.
fn find(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let from = from.min(b.len());
    memchr::memmem::find(&b[from..], needle).map(|p| from + p)
}

/// For a raw-text element `name` whose content starts at `from`: (end of content, index past
/// the end tag). Unclosed: the rest of the document.
fn find_end_tag(b: &[u8], from: usize, name: &[u8]) -> (usize, usize) {
    let mut i = from;
    while let Some(off) = memchr::memchr(b'<', &b[i.min(b.len())..]) {
        let lt = i + off;
        let after = lt + 2 + name.len();
        if b.get(lt + 1) == Some(&b'/')
            && b.len() >= after
            && b[lt + 2..after].eq_ignore_ascii_case(name)
            && b.get(after).is_none_or(|c| !c.is_ascii_alphanumeric())
        {
            return (lt, tag_end(b, after));
        }
        i = lt + 1;
    }
    (b.len(), b.len())
}

/// Attributes of a tag as (lower-case name, entity-decoded value) pairs.
fn parse_attrs(s: &str) -> Vec<(String, String)> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        let ns = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'/' | b'>') {
            i += 1;
        }
        if ns == i {
            i += 1;
            continue;
        }
        let name = s[ns..i].to_ascii_lowercase();
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = String::new();
        if b.get(i) == Some(&b'=') {
            i += 1;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            let (vs, ve);
            if let Some(&q @ (b'"' | b'\'')) = b.get(i) {
                vs = i + 1;
                ve = memchr::memchr(q, &b[vs..]).map_or(b.len(), |p| vs + p);
                i = (ve + 1).min(b.len());
            } else {
                vs = i;
                while i < b.len() && !b[i].is_ascii_whitespace() {
                    i += 1;
                }
                ve = i;
            }
            value = decode_html_entities(&s[vs..ve]).into_owned();
        }
        out.push((name, value));
    }
    out
}

fn attr<'a>(attrs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

/// The `charset` a page declares in its first 2 KiB, lower-cased.
fn declared_charset(bytes: &[u8]) -> Option<String> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_ascii_lowercase();
    let at = head.find("charset=")? + "charset=".len();
    let v: String = head[at..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
        .collect();
    (!v.is_empty()).then_some(v)
}

/// Labels that browsers decode as windows-1252 (WHATWG Encoding Standard).
fn is_windows_1252(label: &str) -> bool {
    matches!(
        label,
        "windows-1252"
            | "cp1252"
            | "x-cp1252"
            | "iso-8859-1"
            | "iso8859-1"
            | "latin1"
            | "l1"
            | "iso_8859-1"
            | "us-ascii"
            | "ascii"
            | "ansi_x3.4-1968"
    )
}

/// windows-1252 to text: bytes 0x80–0x9F per the WHATWG index, others are Latin-1.
fn decode_windows_1252(bytes: &[u8]) -> String {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž',
        '\u{8F}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}',
        'ž', 'Ÿ',
    ];
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9F => HIGH[(b - 0x80) as usize],
            _ => b as char,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn main_text_keeps_paragraphs_and_drops_page_furniture() {
        let page = r#"<!DOCTYPE html><html lang="fr-FR"><head>
<meta charset="utf-8"><title>Titre &amp; page</title>
<meta property="og:title" content="Le budget &eacute;tait adopt&eacute;">
<script>var x = "<p>not text</p>";</script><style>p { color: red }</style>
</head><body>
<header><nav><a href="/">Accueil</a></nav></header>
<article>
<header><h1>Ignored headline</h1><time datetime="2023-04-05T10:30:00+02:00">5 avril</time></header>
<p>Le conseil a <b>voté</b>
   le budget.</p>
<!-- <p>commented</p> -->
<p>Première ligne<br>deuxième ligne</p>
<aside><p>À lire aussi</p></aside>
<div>Selon le maire, &laquo;&nbsp;c'est historique&nbsp;&raquo;.</div>
</article>
<footer>© 2023</footer>
</body></html>"#;
        let f = extract(page);
        assert_eq!(
            f.text,
            "Le conseil a voté le budget.\n\nPremière ligne\ndeuxième ligne\n\nSelon le maire, «\u{a0}c'est historique\u{a0}»."
        );
        assert_eq!(f.title.as_deref(), Some("Le budget était adopté"));
        assert_eq!(f.published.as_deref(), Some("2023-04-05T10:30:00+02:00"));
        assert_eq!(f.language.as_deref(), Some("fr-FR"));
    }

    #[test]
    fn largest_article_then_main_then_body() {
        let f = extract(
            "<body><article><p>short teaser</p></article><article><p>The longer story body.</p></article></body>",
        );
        assert_eq!(f.text, "The longer story body.");
        let f = extract("<body><div>menu</div><main><p>Main text.</p></main></body>");
        assert_eq!(f.text, "Main text.");
        let f = extract("<title>T</title><p>One</p><p>Two &lt;3</p>");
        assert_eq!(
            (f.text.as_str(), f.title.as_deref()),
            ("One\n\nTwo <3", Some("T"))
        );
    }

    #[test]
    fn metadata_and_odd_markup() {
        let f = extract(concat!(
            "<head><meta property=\"article:published_time\" content=\"2021-08-15\">",
            "<meta name=author content='Jane Roe'><meta property=article:section content=Politics>",
            "<link rel=\"canonical\" href=\"https://example.org/a?x=1&amp;y=2\"></head>",
            "<body><p data-x=\"a > b\">Kept 1 < 2 text</p><SCRIPT>if (a</b) {}</SCRIPT><p>End",
        ));
        assert_eq!(f.text, "Kept 1 < 2 text\n\nEnd");
        assert_eq!(f.published.as_deref(), Some("2021-08-15"));
        assert_eq!(f.author.as_deref(), Some("Jane Roe"));
        assert_eq!(f.topic.as_deref(), Some("Politics"));
        assert_eq!(f.url.as_deref(), Some("https://example.org/a?x=1&y=2"));
    }

    #[test]
    fn windows_1252_pages_are_decoded_when_declared() {
        let page = b"<meta charset=\"windows-1252\"><p>Caf\xE9 \x93cr\xE8me\x94</p>";
        let s = decode_windows_1252(page);
        assert_eq!(extract(&s).text, "Café “crème”");
        assert_eq!(declared_charset(page).as_deref(), Some("windows-1252"));
    }

    #[test]
    fn nested_skipped_elements_and_unclosed_raw_text() {
        let f = extract("<p>a</p><nav><nav>x</nav>y</nav><p>b</p><script>never closed <p>c</p>");
        assert_eq!(f.text, "a\n\nb");
    }
}
