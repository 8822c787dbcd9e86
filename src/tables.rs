//! The scored tables: the seam between scoring and aggregation.
//!
//! Scoring produces three tables, one row per scored article (`articles`), per attribution
//! (`quotes`) and per entity mention (`mentions`). Aggregation and rendering read only these,
//! so they can come from this run's scoring or from disk (`tables/*.parquet` of earlier or
//! sharded runs). Column meanings are documented in `CODEBOOK.md`.
//!
//! Offsets in `quotes` and `mentions` are Unicode scalar offsets into the article's cleaned text
//! (the `text` that `slant clean` prints), end exclusive.

use std::fs::File;
use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};
use chrono::NaiveDate;
use polars::prelude::{
    Column, CsvWriter, DataFrame, DataType, ParquetReader, ParquetWriter, PolarsResult, SerReader,
    SerWriter,
};

use crate::model::{CleanArticle, ScoredArticle, SyndicationRow};

/// The three scored tables.
#[derive(Debug, Clone)]
pub struct ScoredTables {
    pub articles: DataFrame,
    pub quotes: DataFrame,
    pub mentions: DataFrame,
}

fn days(d: Option<NaiveDate>) -> Option<i32> {
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).expect("valid");
    d.map(|d| (d - epoch).num_days() as i32)
}

fn date_col(name: &str, v: Vec<Option<i32>>) -> PolarsResult<Column> {
    Column::new(name.into(), v).cast(&DataType::Date)
}

fn str_col<S: AsRef<str>>(name: &str, v: Vec<Option<S>>) -> Column {
    let v: Vec<Option<&str>> = v.iter().map(|x| x.as_ref().map(|s| s.as_ref())).collect();
    Column::new(name.into(), v)
}

/// Builds the scored tables from cleaned articles and their scores (same order, same length).
///
/// The three frames are independent, so they are built side by side on the rayon pool; each
/// is the same whatever the thread count.
pub fn build(clean: &[CleanArticle], scored: &[ScoredArticle]) -> PolarsResult<ScoredTables> {
    assert_eq!(clean.len(), scored.len(), "one score per clean article");
    let (articles, (quotes, mentions)) = rayon::join(
        || articles_frame(scored),
        || {
            rayon::join(
                || quotes_frame(clean, scored),
                || mentions_frame(clean, scored),
            )
        },
    );
    Ok(ScoredTables {
        articles: articles?,
        quotes: quotes?,
        mentions: mentions?,
    })
}

/// Unicode scalar offsets of the byte offsets `bytes` (char boundaries of `text`), in the
/// order given: one forward count over the text up to the largest offset, instead of an index
/// of every multi-byte char per article (which cost more than the rest of the table build).
fn char_offsets(text: &str, bytes: &[u32]) -> Vec<u64> {
    let mut order: Vec<usize> = (0..bytes.len()).collect();
    order.sort_unstable_by_key(|&i| bytes[i]);
    let mut out = vec![0u64; bytes.len()];
    let (mut at, mut chars) = (0usize, 0u64);
    for i in order {
        let b = bytes[i] as usize;
        chars += text[at..b].chars().count() as u64;
        at = b;
        out[i] = chars;
    }
    out
}

/// `text.split_whitespace().count()`, without decoding most of the text: a word starts at
/// each non-space byte after a space (or at the start). Blocks of 32 ASCII bytes are counted
/// branch-free; elsewhere only a lead byte 0xC2, 0xE1, 0xE2 or 0xE3 can begin a multi-byte
/// whitespace char (U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F,
/// U+3000), so only those are decoded. Counting quote words through `split_whitespace` was
/// most of the cost of building `tables/quotes`.
fn count_words(text: &str) -> u32 {
    const BLOCK: usize = 32;
    let b = text.as_bytes();
    let (mut n, mut prev_space, mut i) = (0u32, true, 0usize);
    let ascii_space = |c: u8| c == b' ' || c.wrapping_sub(b'\t') < 5;
    while i < b.len() {
        if let Some(block) = b.get(i..i + BLOCK)
            && block.iter().all(|&c| c < 0x80)
        {
            let mut sp = [false; BLOCK];
            for (s, &c) in sp.iter_mut().zip(block) {
                *s = ascii_space(c);
            }
            n += u32::from(!sp[0] && prev_space);
            n += sp.windows(2).map(|w| u32::from(w[0] && !w[1])).sum::<u32>();
            prev_space = sp[BLOCK - 1];
            i += BLOCK;
            continue;
        }
        // A block with a non-ASCII byte (or the tail): char by char to the block's end.
        let end = (i + BLOCK).min(b.len());
        while i < end {
            let c = b[i];
            let (space, len) = match c {
                0..0x80 => (ascii_space(c), 1),
                0xC2 | 0xE1..=0xE3 => {
                    let ch = text[i..]
                        .chars()
                        .next()
                        .expect("a char starts at a lead byte");
                    (ch.is_whitespace(), ch.len_utf8())
                }
                _ => (false, 1),
            };
            n += u32::from(!space && prev_space);
            prev_space = space;
            i += len;
        }
    }
    n
}

fn articles_frame(scored: &[ScoredArticle]) -> PolarsResult<DataFrame> {
    let s: Vec<_> = scored.iter().map(|x| &x.scores).collect();
    let cols = vec![
        Column::new(
            "id".into(),
            s.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(),
        ),
        Column::new(
            "outlet".into(),
            s.iter().map(|r| r.outlet.as_str()).collect::<Vec<_>>(),
        ),
        date_col("published", s.iter().map(|r| days(r.published)).collect())?,
        str_col(
            "language",
            s.iter().map(|r| r.language.as_deref()).collect(),
        ),
        str_col("topic", s.iter().map(|r| r.topic.as_deref()).collect()),
        Column::new(
            "topic_source".into(),
            s.iter().map(|r| r.topic_source).collect::<Vec<_>>(),
        ),
        str_col("title", s.iter().map(|r| r.title.as_deref()).collect()),
        str_col("url", s.iter().map(|r| r.url.as_deref()).collect()),
        Column::new(
            "n_chars".into(),
            s.iter().map(|r| r.n_chars).collect::<Vec<_>>(),
        ),
        Column::new(
            "n_words".into(),
            s.iter().map(|r| r.n_words).collect::<Vec<_>>(),
        ),
        Column::new(
            "n_sentences".into(),
            s.iter().map(|r| r.n_sentences).collect::<Vec<_>>(),
        ),
        str_col(
            "sentiment_engine",
            s.iter().map(|r| r.sentiment_engine.as_deref()).collect(),
        ),
        Column::new("neg".into(), s.iter().map(|r| r.neg).collect::<Vec<_>>()),
        Column::new("neu".into(), s.iter().map(|r| r.neu).collect::<Vec<_>>()),
        Column::new("pos".into(), s.iter().map(|r| r.pos).collect::<Vec<_>>()),
        Column::new(
            "compound".into(),
            s.iter().map(|r| r.compound).collect::<Vec<_>>(),
        ),
        str_col(
            "sentiment_null_reason",
            s.iter()
                .map(|r| r.sentiment_null_reason.as_deref())
                .collect(),
        ),
        Column::new(
            "n_quotes".into(),
            s.iter().map(|r| r.n_quotes).collect::<Vec<_>>(),
        ),
        Column::new(
            "n_direct".into(),
            s.iter().map(|r| r.n_direct).collect::<Vec<_>>(),
        ),
        Column::new(
            "n_anonymous".into(),
            s.iter().map(|r| r.n_anonymous).collect::<Vec<_>>(),
        ),
        Column::new(
            "n_mentions".into(),
            s.iter().map(|r| r.n_mentions).collect::<Vec<_>>(),
        ),
        str_col(
            "wire_credit",
            s.iter().map(|r| r.wire_credit.as_deref()).collect(),
        ),
        str_col(
            "syndication_cluster",
            s.iter().map(|r| r.syndication_cluster.as_deref()).collect(),
        ),
        Column::new(
            "syndicated".into(),
            s.iter().map(|r| r.syndicated).collect::<Vec<_>>(),
        ),
    ];
    DataFrame::new_infer_height(cols)
}

/// Makes one column of a table.
type ColumnMaker<'a> = Box<dyn FnOnce() -> PolarsResult<Column> + Send + 'a>;

/// The maker of column `name` holding `values`.
fn column<'a, T, P: ?Sized>(name: &'static str, values: T) -> ColumnMaker<'a>
where
    T: Send + 'a,
    polars::prelude::Series: polars::prelude::NamedFrom<T, P>,
{
    Box::new(move || Ok(Column::new(name.into(), values)))
}

/// Runs the column makers side by side, columns in the order given. Copying the strings of
/// the two large tables (quotes, mentions) into Arrow arrays was the long single-threaded end
/// of building the scored tables.
fn columns_in_parallel(makers: Vec<ColumnMaker<'_>>) -> PolarsResult<Vec<Column>> {
    use rayon::prelude::*;
    makers.into_par_iter().map(|make| make()).collect()
}

/// The article columns that open the quotes and mentions tables, one row per quote or
/// mention.
struct ArticleColumns<'a> {
    article_id: Vec<&'a str>,
    outlet: Vec<&'a str>,
    published: Vec<Option<i32>>,
    language: Vec<Option<&'a str>>,
    topic: Vec<Option<&'a str>>,
}

impl<'a> ArticleColumns<'a> {
    fn with_capacity(rows: usize) -> Self {
        ArticleColumns {
            article_id: Vec::with_capacity(rows),
            outlet: Vec::with_capacity(rows),
            published: Vec::with_capacity(rows),
            language: Vec::with_capacity(rows),
            topic: Vec::with_capacity(rows),
        }
    }

    fn push(&mut self, s: &'a ScoredArticle) {
        self.article_id.push(s.scores.id.as_str());
        self.outlet.push(s.scores.outlet.as_str());
        self.published.push(days(s.scores.published));
        self.language.push(s.scores.language.as_deref());
        self.topic.push(s.scores.topic.as_deref());
    }

    /// The makers of these columns, to go first in the table, followed by `rest`.
    fn then(self, rest: Vec<ColumnMaker<'a>>) -> Vec<ColumnMaker<'a>> {
        let ArticleColumns {
            article_id,
            outlet,
            published,
            language,
            topic,
        } = self;
        let mut makers: Vec<ColumnMaker<'a>> = vec![
            column("article_id", article_id),
            column("outlet", outlet),
            Box::new(move || date_col("published", published)),
            column("language", language),
            column("topic", topic),
        ];
        makers.extend(rest);
        makers
    }
}

fn quotes_frame(clean: &[CleanArticle], scored: &[ScoredArticle]) -> PolarsResult<DataFrame> {
    let rows: usize = scored.iter().map(|s| s.attributions.len()).sum();
    let mut art = ArticleColumns::with_capacity(rows);
    let mut quote_index = Vec::with_capacity(rows);
    let mut kind = Vec::with_capacity(rows);
    let mut speaker: Vec<Option<&str>> = Vec::with_capacity(rows);
    let mut source_text: Vec<Option<&str>> = Vec::with_capacity(rows);
    let mut source_type = Vec::with_capacity(rows);
    let mut role: Vec<Option<&str>> = Vec::with_capacity(rows);
    let mut organization: Vec<Option<&str>> = Vec::with_capacity(rows);
    let mut verb: Vec<Option<&str>> = Vec::with_capacity(rows);
    let mut connotation: Vec<Option<&'static str>> = Vec::with_capacity(rows);
    let mut cue_text: Vec<Option<&str>> = Vec::with_capacity(rows);
    let mut content_text: Vec<&str> = Vec::with_capacity(rows);
    let mut content_start = Vec::with_capacity(rows);
    let mut content_end = Vec::with_capacity(rows);
    let mut content_words = Vec::with_capacity(rows);
    let mut bytes: Vec<u32> = Vec::new();
    for (c, s) in clean.iter().zip(scored) {
        if s.attributions.is_empty() {
            continue;
        }
        let text = c.article.text.as_str();
        bytes.clear();
        bytes.extend(
            s.attributions
                .iter()
                .flat_map(|q| [q.content.start, q.content.end]),
        );
        let chars = char_offsets(text, &bytes);
        for (i, q) in s.attributions.iter().enumerate() {
            art.push(s);
            quote_index.push(i as u32);
            kind.push(q.kind.as_str());
            speaker.push(q.speaker.as_deref());
            source_text.push(q.source.map(|sp| &text[sp.range()]));
            source_type.push(q.source_type.as_str());
            role.push(q.role.as_deref());
            organization.push(q.organization.as_deref());
            verb.push(q.verb.as_deref());
            connotation.push(q.connotation.map(|x| x.as_str()));
            cue_text.push(q.cue.map(|sp| &text[sp.range()]));
            let ct = &text[q.content.range()];
            content_text.push(ct);
            content_start.push(chars[2 * i]);
            content_end.push(chars[2 * i + 1]);
            content_words.push(count_words(ct));
        }
    }
    DataFrame::new_infer_height(columns_in_parallel(art.then(vec![
        column("quote_index", quote_index),
        column("kind", kind),
        column("speaker", speaker),
        column("source_text", source_text),
        column("source_type", source_type),
        column("role", role),
        column("organization", organization),
        column("verb", verb),
        column("connotation", connotation),
        column("cue_text", cue_text),
        column("content_text", content_text),
        column("content_start", content_start),
        column("content_end", content_end),
        column("content_words", content_words),
    ]))?)
}

fn mentions_frame(clean: &[CleanArticle], scored: &[ScoredArticle]) -> PolarsResult<DataFrame> {
    let rows: usize = scored.iter().map(|s| s.mentions.len()).sum();
    let mut art = ArticleColumns::with_capacity(rows);
    let mut entity: Vec<&str> = Vec::with_capacity(rows);
    let mut name: Vec<&str> = Vec::with_capacity(rows);
    let mut entity_type: Vec<&str> = Vec::with_capacity(rows);
    let mut alias: Vec<&str> = Vec::with_capacity(rows);
    let mut start = Vec::with_capacity(rows);
    let mut end = Vec::with_capacity(rows);
    let mut sentence = Vec::with_capacity(rows);
    let mut tone = Vec::with_capacity(rows);
    let mut tone_method = Vec::with_capacity(rows);
    let mut in_quote = Vec::with_capacity(rows);
    let mut bytes: Vec<u32> = Vec::new();
    for (c, s) in clean.iter().zip(scored) {
        if s.mentions.is_empty() {
            continue;
        }
        let text = c.article.text.as_str();
        bytes.clear();
        bytes.extend(s.mentions.iter().flat_map(|m| [m.span.start, m.span.end]));
        let chars = char_offsets(text, &bytes);
        for (i, m) in s.mentions.iter().enumerate() {
            art.push(s);
            entity.push(m.entity.as_str());
            name.push(m.name.as_str());
            entity_type.push(m.entity_type.as_str());
            alias.push(&text[m.span.range()]);
            start.push(chars[2 * i]);
            end.push(chars[2 * i + 1]);
            sentence.push(m.sentence as u32);
            tone.push(m.tone);
            tone_method.push(m.tone_method);
            in_quote.push(m.in_quote);
        }
    }
    DataFrame::new_infer_height(columns_in_parallel(art.then(vec![
        column("entity", entity),
        column("name", name),
        column("entity_type", entity_type),
        column("alias", alias),
        column("start", start),
        column("end", end),
        column("sentence_index", sentence),
        column("tone", tone),
        column("tone_method", tone_method),
        column("in_quote", in_quote),
    ]))?)
}

/// Writes `df` as `dir/name.parquet` and `dir/name.csv`, the two files side by side on the
/// rayon pool (independent writers; the Parquet error, if any, is reported first).
///
/// CSV floats are written with 6 decimals so tables are byte-identical across machines and
/// thread counts; Parquet keeps full precision.
pub fn write_table(df: &DataFrame, dir: &Path, name: &str) -> Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let parquet = || -> Result<()> {
        let mut df = df.clone();
        let pq = dir.join(format!("{name}.parquet"));
        let f = File::create(&pq).with_context(|| format!("creating {}", pq.display()))?;
        // Buffered: the Parquet writer issues one `write` per page header, page and column
        // chunk part (thousands of small system calls per summary table, ~14,000 in one run).
        let mut w = std::io::BufWriter::with_capacity(1 << 16, f);
        ParquetWriter::new(&mut w)
            .finish(&mut df)
            .with_context(|| format!("writing {}", pq.display()))?;
        w.flush()
            .with_context(|| format!("writing {}", pq.display()))?;
        Ok(())
    };
    let csv = || -> Result<()> {
        let mut df = df.clone();
        let csv = dir.join(format!("{name}.csv"));
        let mut f = File::create(&csv).with_context(|| format!("creating {}", csv.display()))?;
        CsvWriter::new(&mut f)
            .include_header(true)
            .with_float_precision(Some(6))
            .finish(&mut df)
            .with_context(|| format!("writing {}", csv.display()))?;
        Ok(())
    };
    let (pq, csv) = rayon::join(parquet, csv);
    pq.and(csv)
}

/// Writes each `(name, table)` with [`write_table`], in parallel (each to its own files; the
/// files do not depend on the thread count). The first error in list order is returned.
pub fn write_tables(tables: &[(&str, &DataFrame)], dir: &Path) -> Result<()> {
    use rayon::prelude::*;
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let results: Vec<Result<()>> = tables
        .par_iter()
        .map(|(name, df)| write_table(df, dir, name))
        .collect();
    results.into_iter().collect()
}

/// Reads `dir/name.parquet`.
pub fn read_table(dir: &Path, name: &str) -> Result<DataFrame> {
    let p = dir.join(format!("{name}.parquet"));
    let f = File::open(&p).with_context(|| format!("opening {}", p.display()))?;
    ParquetReader::new(f)
        .finish()
        .with_context(|| format!("reading {}", p.display()))
}

impl ScoredTables {
    /// Writes the three tables under `dir` (`articles`, `quotes`, `mentions`, each `.parquet`
    /// and `.csv`).
    pub fn write(&self, dir: &Path) -> Result<()> {
        write_tables(
            &[
                ("articles", &self.articles),
                ("quotes", &self.quotes),
                ("mentions", &self.mentions),
            ],
            dir,
        )
    }

    /// Writes the three tables and `tables/syndication` (from the cleaning stage's rows)
    /// under `dir`: every table `slant run` writes before aggregation.
    pub fn write_with_syndication(&self, syndication: &[SyndicationRow], dir: &Path) -> Result<()> {
        let syn = syndication_frame(syndication)?;
        write_tables(
            &[
                ("articles", &self.articles),
                ("quotes", &self.quotes),
                ("mentions", &self.mentions),
                ("syndication", &syn),
            ],
            dir,
        )
    }

    /// Reads the three tables back from `dir`.
    pub fn read(dir: &Path) -> Result<Self> {
        Ok(ScoredTables {
            articles: read_table(dir, "articles")?,
            quotes: read_table(dir, "quotes")?,
            mentions: read_table(dir, "mentions")?,
        })
    }
}

/// `tables/syndication`: one row per member of a cross-outlet near-duplicate cluster (see
/// [`SyndicationRow`] and `CODEBOOK.md`), clusters in input order of their earliest member.
pub fn syndication_frame(rows: &[SyndicationRow]) -> PolarsResult<DataFrame> {
    DataFrame::new_infer_height(vec![
        Column::new(
            "cluster_id".into(),
            rows.iter()
                .map(|r| r.cluster_id.as_str())
                .collect::<Vec<_>>(),
        ),
        Column::new(
            "article_id".into(),
            rows.iter()
                .map(|r| r.article_id.as_str())
                .collect::<Vec<_>>(),
        ),
        Column::new(
            "outlet".into(),
            rows.iter().map(|r| r.outlet.as_str()).collect::<Vec<_>>(),
        ),
        date_col(
            "published",
            rows.iter().map(|r| days(r.published)).collect(),
        )?,
        Column::new(
            "earliest_outlet".into(),
            rows.iter()
                .map(|r| r.earliest_outlet.as_str())
                .collect::<Vec<_>>(),
        ),
        Column::new(
            "is_original".into(),
            rows.iter().map(|r| r.is_original).collect::<Vec<_>>(),
        ),
        Column::new(
            "similarity".into(),
            rows.iter().map(|r| r.similarity).collect::<Vec<_>>(),
        ),
        str_col(
            "wire_credit",
            rows.iter().map(|r| r.wire_credit.as_deref()).collect(),
        ),
        Column::new(
            "status".into(),
            rows.iter().map(|r| r.status).collect::<Vec<_>>(),
        ),
    ])
}

#[cfg(test)]
mod tests {
    use super::{char_offsets, count_words};

    #[test]
    fn words_are_counted_as_split_whitespace_counts_them() {
        for s in [
            "",
            " ",
            "one",
            "  two  words ",
            "tab\tnew\nline\x0bvt\x0cff\rcr",
            "\u{1c}unit\u{1f}sep are not spaces",
            "no\u{a0}break, nel\u{85}x, ogham\u{1680}y",
            "em\u{2003}space\u{2009}thin\u{200b}zero-width\u{2028}ls\u{2029}ps",
            "nnbsp\u{202f}x\u{205f}y\u{3000}ideographic",
            "« Le président », a-t-il dit — café ½ ¥ 日本語 ✓",
            "\u{e2}\u{80}\u{94}",
        ] {
            assert_eq!(count_words(s), s.split_whitespace().count() as u32, "{s:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn words_match_split_whitespace_on_any_text(s in "(\\PC|\\s| |\u{a0}|\u{2009}|\u{3000}){0,40}") {
            proptest::prop_assert_eq!(count_words(&s), s.split_whitespace().count() as u32);
        }
    }

    #[test]
    fn char_offsets_count_scalars_in_any_order() {
        // "é" and "—" are 2 and 3 bytes: "a" starts at byte 2 (char 1), "—" at 3 (char 2),
        // "b" at 6 (char 3), the end is byte 7 (char 4).
        let text = "éa—b";
        assert_eq!(text.len(), 7);
        assert_eq!(
            char_offsets(text, &[6, 0, 7, 2, 3, 2]),
            vec![3, 0, 4, 1, 2, 1]
        );
        assert_eq!(char_offsets("plain", &[5, 2]), vec![5, 2]);
        assert_eq!(char_offsets("", &[]), Vec::<u64>::new());
    }
}
