//! One scraped page → its story: clutter lines removed, headline, section, byline and dateline
//! moved into metadata, and (corpus-level) outlet template lines removed.
//!
//! The page is read as lines (a paragraph per line in scraped text; blank lines separate
//! paragraphs). A line of **prose** is one of at least [`PROSE_MIN_WORDS`] words ending like a
//! sentence, or any line of at least [`PROSE_LONG_WORDS`] words, that no boilerplate rule
//! matches. Everything before the first prose line is the page's head, everything after the
//! last its foot. Headlines, section labels, bylines and datelines are only looked for there,
//! so no body line is ever taken for one.

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use chrono::NaiveDate;

use super::CleanOptions;
use super::boilerplate::{BoilerplateLexicon, LineWords, fold_line_keyed, line_core};
use super::dates::DateOrder;
use super::metadata::{byline_author, dateline_date, title_key};
use super::minhash::mix;
use crate::model::{Article, RemovedLine};

/// Fewest words of a line that ends like a sentence to count as prose.
pub const PROSE_MIN_WORDS: usize = 8;
/// Fewest words of a line to count as prose whatever its ending.
pub const PROSE_LONG_WORDS: usize = 30;
/// Most words of a section label ("La Biélorussie", "World news").
pub const SECTION_MAX_WORDS: usize = 4;
/// Fewest and most words of a headline found in the page's head.
pub const HEADLINE_WORDS: (usize, usize) = (3, 30);

/// A kept line of the page: a range of the article's text (kept lines are not copied; the
/// cleaned text is assembled from the ranges once, by [`PageClean::text`]).
#[derive(Debug, Clone)]
pub struct KeptLine {
    /// Byte range of the trimmed line in the article text the page was cleaned from.
    pub span: (usize, usize),
    /// A blank or removed line separated it from the previous kept line (a paragraph break).
    pub gap_before: bool,
    /// Hash of the line's normalised words (0 for a line with no words), for template counts.
    pub key: u64,
}

/// The result of cleaning one page.
#[derive(Debug, Clone, Default)]
pub struct PageClean {
    pub lines: Vec<KeptLine>,
    pub removed: Vec<RemovedLine>,
    pub headline: Option<String>,
    pub section: Option<String>,
    pub author: Option<String>,
    pub published: Option<NaiveDate>,
    /// [`words_key`](super::metadata::words_key) of the folded cleaned text (before outlet templates are removed): the
    /// alphanumeric words of the kept lines joined by single spaces. Built from the lines
    /// folded for pattern matching, so the text is not folded a second time for duplicate
    /// keys and shingles.
    pub words_key: String,
    /// White-space separated words of the folded kept lines (before templates).
    pub folded_words: usize,
    /// [`title_key`] of the article's title after [`apply_metadata`](Self::apply_metadata)
    /// (the input's title, else the headline found here).
    pub title_key: Option<String>,
}

impl PageClean {
    /// The cleaned text: kept lines, a blank line between paragraphs. `source` is the text
    /// the page was cleaned from ([`clean_page`]'s `article.text`).
    pub fn text(&self, source: &str) -> String {
        let len: usize = self.lines.iter().map(|l| l.span.1 - l.span.0 + 2).sum();
        let mut s = String::with_capacity(len);
        for l in &self.lines {
            if !s.is_empty() {
                s.push_str(if l.gap_before { "\n\n" } else { "\n" });
            }
            s.push_str(&source[l.span.0..l.span.1]);
        }
        s
    }

    /// Distinct line keys of the page (for outlet template counts).
    pub fn line_keys(&self) -> Vec<u64> {
        let mut k: Vec<u64> = self
            .lines
            .iter()
            .map(|l| l.key)
            .filter(|&k| k != 0)
            .collect();
        k.sort_unstable();
        k.dedup();
        k
    }

    /// Removes the lines whose key is in `templates` (sorted), as `outlet_template`. `source`
    /// as for [`text`](Self::text).
    pub fn remove_templates(&mut self, templates: &[u64], source: &str) {
        let mut gap = false;
        let mut kept = Vec::with_capacity(self.lines.len());
        for mut l in std::mem::take(&mut self.lines) {
            if templates.binary_search(&l.key).is_ok() {
                self.removed.push(super::removed(
                    &source[l.span.0..l.span.1],
                    "outlet_template",
                ));
                gap = true;
                continue;
            }
            l.gap_before |= gap;
            gap = false;
            kept.push(l);
        }
        self.lines = kept;
    }

    /// Fills the article's missing title, topic (section), author and published date from the
    /// page; values given by the input are never replaced.
    pub fn apply_metadata(&self, a: &mut Article) {
        if a.title.is_none() {
            a.title = self.headline.clone();
        }
        if a.topic.is_none() {
            a.topic = self.section.clone();
        }
        if a.author.is_none() {
            a.author = self.author.clone();
        }
        if a.published.is_none() {
            a.published = self.published;
        }
    }
}

/// Hash of a line's [`words_key`](super::metadata::words_key) (0 for a line with no words).
///
/// Only equality of keys matters (outlet templates are lines whose keys repeat), so the hash
/// reads eight bytes per step: a byte-at-a-time hash is one multiplication of latency per byte
/// of every kept line, in a single dependency chain.
fn line_key(k: &str) -> u64 {
    if k.is_empty() {
        return 0;
    }
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let step = |h: u64, x: u64| (h.rotate_left(23) ^ x).wrapping_mul(K);
    let bytes = k.as_bytes();
    let mut h: u64 = 0x243f_6a88_85a3_08d3 ^ bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        h = step(h, u64::from_le_bytes(c.try_into().expect("8 bytes")));
    }
    let mut last = [0u8; 8];
    last[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
    mix(step(h, u64::from_le_bytes(last))).max(1)
}

/// How one line of the page was classified.
#[derive(Debug, Clone, PartialEq)]
enum Mark {
    Blank,
    Keep,
    /// Removed with a reason; for bylines and datelines, the rule's cue length in words.
    Remove(String, usize),
}

fn ends_like_sentence(line: &str) -> bool {
    let t = line.trim_end_matches(['"', '\'', '»', '”', '’', ')', ']', ' ', '*']);
    t.ends_with(['.', '!', '?', '…', ':', ';'])
}

/// `words`: `line.split_whitespace().count()`.
fn is_prose(line: &str, words: usize) -> bool {
    words >= PROSE_LONG_WORDS || (words >= PROSE_MIN_WORDS && ends_like_sentence(line))
}

/// Cleans one page. `lang` selects the language rules (`None`: all languages).
pub fn clean_page(
    article: &Article,
    bp: &BoilerplateLexicon,
    lang: Option<&str>,
    order: DateOrder,
) -> PageClean {
    let raw: Vec<&str> = article.text.lines().map(str::trim).collect();
    // Every line folded once, into one buffer; word counts come with the folding.
    // Each line's words key (alphanumeric words of the folded line) comes from the same pass.
    let mut buf = Vec::with_capacity(article.text.len() + 16);
    let mut key_buf = Vec::with_capacity(article.text.len() + 16);
    let mut spans: Vec<(usize, usize)> = Vec::with_capacity(raw.len());
    let mut key_spans: Vec<(usize, usize)> = Vec::with_capacity(raw.len());
    let mut counts: Vec<LineWords> = Vec::with_capacity(raw.len());
    for l in &raw {
        let (start, key_start) = (buf.len(), key_buf.len());
        counts.push(fold_line_keyed(l, &mut buf, &mut key_buf));
        spans.push((start, buf.len()));
        key_spans.push((key_start, key_buf.len()));
    }
    // Folding writes whole characters: one validation per page, not per line.
    let buf = String::from_utf8(buf).expect("folded lines are UTF-8");
    let key_buf = String::from_utf8(key_buf).expect("words keys are UTF-8");
    let folded = |i: usize| &buf[spans[i].0..spans[i].1];
    let line_words = |i: usize| &key_buf[key_spans[i].0..key_spans[i].1];
    // Rules that hold anywhere.
    let mut marks: Vec<Mark> = raw
        .iter()
        .enumerate()
        .map(|(i, l)| {
            if l.is_empty() {
                Mark::Blank
            } else {
                match bp.classify_words(folded(i), counts[i].folded, lang, false) {
                    Some(r) => Mark::Remove(r.reason.clone(), r.pattern_words),
                    None => Mark::Keep,
                }
            }
        })
        .collect();
    let prose =
        |marks: &[Mark], i: usize| marks[i] == Mark::Keep && is_prose(raw[i], counts[i].raw);
    let first_prose = |marks: &[Mark]| (0..raw.len()).find(|&i| prose(marks, i));
    let mut page = PageClean {
        // At most every line's words and a space between lines: no regrowing.
        words_key: String::with_capacity(key_buf.len() + raw.len()),
        ..PageClean::default()
    };

    // A line repeating the given title (up to and including the first prose line: scrapes
    // often start with "Headline." as a sentence) is not body.
    let input_title_key = article.title.as_deref().map(title_key);
    if let Some(tk) = input_title_key.as_deref().filter(|_| !raw.is_empty()) {
        let upto = first_prose(&marks).unwrap_or(raw.len().saturating_sub(1));
        if !tk.is_empty() {
            // A line's title key is a run of its words, so a line whose words do not contain
            // the title's is skipped without computing its key. One substring searcher for
            // all the lines (`str::contains` builds one per call).
            let title = memchr::memmem::Finder::new(tk.as_bytes());
            for i in 0..=upto.min(raw.len().saturating_sub(1)) {
                if marks[i] == Mark::Keep
                    && title.find(line_words(i).as_bytes()).is_some()
                    && title_key(raw[i]) == *tk
                {
                    marks[i] = Mark::Remove("title_repeat".into(), 0);
                    page.headline = Some(raw[i].to_string());
                    break;
                }
            }
        }
    }

    if let Some(first) = first_prose(&marks) {
        let last = (0..raw.len())
            .rev()
            .find(|&i| prose(&marks, i))
            .unwrap_or(first);
        // Zone-restricted rules (byline, dateline, section label) in the head and foot.
        for i in (0..first).chain(last + 1..raw.len()) {
            if marks[i] == Mark::Keep
                && let Some(r) = bp.classify_words(folded(i), counts[i].folded, lang, true)
            {
                let meta_ok = match r.reason.as_str() {
                    "byline" => {
                        let author = byline_author(raw[i], r.pattern_words);
                        let bare = counts[i].raw <= r.pattern_words;
                        if author.is_some() && page.author.is_none() {
                            page.author = author.clone();
                        }
                        author.is_some() || bare
                    }
                    "dateline" => {
                        let d = dateline_date(raw[i], r.pattern_words, &bp.dates, order);
                        if d.is_some() && page.published.is_none() {
                            page.published = d;
                        }
                        d.is_some() || counts[i].raw <= r.pattern_words
                    }
                    _ => true,
                };
                if meta_ok {
                    marks[i] = Mark::Remove(r.reason.clone(), r.pattern_words);
                }
            }
        }
        // The headline (when the input has no title): the longest headline-shaped line of the
        // head; the short line just before it is the section label.
        let mut head_line = if page.headline.is_some() {
            (0..first).find(|&i| matches!(&marks[i], Mark::Remove(r, _) if r == "title_repeat"))
        } else {
            None
        };
        if article.title.is_none() {
            let mut best: Option<(usize, usize)> = None;
            for i in 0..first {
                if marks[i] != Mark::Keep {
                    continue;
                }
                let n = counts[i].raw;
                let shaped = (HEADLINE_WORDS.0..=HEADLINE_WORDS.1).contains(&n)
                    && !raw[i].ends_with([',', ';', ':']);
                if shaped && best.is_none_or(|(_, bn)| n > bn) {
                    best = Some((i, n));
                }
            }
            if let Some((i, _)) = best {
                marks[i] = Mark::Remove("headline".into(), 0);
                page.headline = Some(raw[i].to_string());
                head_line = Some(i);
            }
        }
        if let Some(h) = head_line
            && let Some(s) = (0..h).rev().find(|&i| marks[i] != Mark::Blank)
            && marks[s] == Mark::Keep
        {
            let n = counts[s].raw;
            let label = line_core(raw[s]);
            if (1..=SECTION_MAX_WORDS).contains(&n) && label == raw[s] {
                marks[s] = Mark::Remove("section_label".into(), 0);
                page.section = Some(raw[s].to_string());
            }
        }
    }

    let mut gap = false;
    for (i, m) in marks.iter().enumerate() {
        match m {
            Mark::Blank => gap = true,
            Mark::Remove(reason, _) => {
                page.removed.push(super::removed(raw[i], reason));
                gap = true;
            }
            Mark::Keep => {
                // The page's words key grows by this line's words (a space between lines).
                let w = line_words(i);
                if !w.is_empty() && !page.words_key.is_empty() {
                    page.words_key.push(' ');
                }
                page.words_key.push_str(w);
                let key = line_key(w);
                page.folded_words += counts[i].folded;
                // `raw[i]` is a slice of `article.text`: its range, not a copy.
                let start = raw[i].as_ptr() as usize - article.text.as_ptr() as usize;
                page.lines.push(KeptLine {
                    span: (start, start + raw[i].len()),
                    gap_before: gap,
                    key,
                });
                gap = false;
            }
        }
    }
    page.title_key = input_title_key.or_else(|| page.headline.as_deref().map(title_key));
    page
}

/// Outlet template lines: for each story, the sorted line keys that appear in at least
/// `template_min_articles` stories of its outlet and in at least `template_min_share` of
/// them. A near-duplicate cluster (`cluster_of[i]`: the cluster's first member) votes once,
/// so a story republished three times within one outlet is not mistaken for a template.
pub fn outlet_templates(
    outlets: &[&str],
    line_keys: &[Vec<u64>],
    cluster_of: &[usize],
    opts: &CleanOptions,
) -> Vec<Vec<u64>> {
    // outlet → (stories, line key → stories containing it). Outlets are numbered first so the
    // vote sets hash three integers (Fx) per line instead of SipHashing the outlet's name:
    // this loop runs on one core, over every line of every article.
    let mut ids: FxHashMap<&str, usize> = FxHashMap::default();
    let oid: Vec<usize> = outlets
        .iter()
        .map(|&o| {
            let next = ids.len();
            *ids.entry(o).or_insert(next)
        })
        .collect();
    let mut per: Vec<(usize, FxHashMap<u64, usize>)> = vec![Default::default(); ids.len()];
    let mut voted: FxHashSet<(usize, usize, u64)> = FxHashSet::default();
    let mut story_seen: FxHashSet<(usize, usize)> = FxHashSet::default();
    for (i, keys) in line_keys.iter().enumerate() {
        let story = cluster_of[i];
        let entry = &mut per[oid[i]];
        if story_seen.insert((oid[i], story)) {
            entry.0 += 1;
        }
        for &k in keys {
            if voted.insert((oid[i], story, k)) {
                *entry.1.entry(k).or_insert(0) += 1;
            }
        }
    }
    line_keys
        .par_iter()
        .enumerate()
        .map(|(i, keys)| {
            let (stories, counts) = &per[oid[i]];
            let need = (opts.template_min_articles as f64)
                .max((opts.template_min_share * *stories as f64).ceil())
                as usize;
            keys.iter()
                .copied()
                .filter(|k| counts.get(k).is_some_and(|&c| c >= need))
                .collect()
        })
        .collect()
}
