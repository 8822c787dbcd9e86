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
use std::path::Path;

use anyhow::{Context, Result};
use chrono::NaiveDate;
use polars::prelude::{
    Column, CsvWriter, DataFrame, DataType, ParquetReader, ParquetWriter, PolarsResult, SerReader,
    SerWriter,
};

use crate::model::{CleanArticle, ScoredArticle, SyndicationRow};
use crate::text::CharOffsets;

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
pub fn build(clean: &[CleanArticle], scored: &[ScoredArticle]) -> PolarsResult<ScoredTables> {
    assert_eq!(clean.len(), scored.len(), "one score per clean article");
    Ok(ScoredTables {
        articles: articles_frame(scored)?,
        quotes: quotes_frame(clean, scored)?,
        mentions: mentions_frame(clean, scored)?,
    })
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

fn quotes_frame(clean: &[CleanArticle], scored: &[ScoredArticle]) -> PolarsResult<DataFrame> {
    let mut article_id = Vec::new();
    let mut outlet = Vec::new();
    let mut published = Vec::new();
    let mut language: Vec<Option<String>> = Vec::new();
    let mut topic: Vec<Option<String>> = Vec::new();
    let mut quote_index = Vec::new();
    let mut kind = Vec::new();
    let mut speaker: Vec<Option<String>> = Vec::new();
    let mut source_text: Vec<Option<String>> = Vec::new();
    let mut source_type = Vec::new();
    let mut role: Vec<Option<String>> = Vec::new();
    let mut organization: Vec<Option<String>> = Vec::new();
    let mut verb: Vec<Option<String>> = Vec::new();
    let mut connotation: Vec<Option<&'static str>> = Vec::new();
    let mut cue_text: Vec<Option<String>> = Vec::new();
    let mut content_text = Vec::new();
    let mut content_start = Vec::new();
    let mut content_end = Vec::new();
    let mut content_words = Vec::new();
    for (c, s) in clean.iter().zip(scored) {
        let text = c.article.text.as_str();
        let co = CharOffsets::new(text);
        for (i, q) in s.attributions.iter().enumerate() {
            article_id.push(s.scores.id.clone());
            outlet.push(s.scores.outlet.clone());
            published.push(days(s.scores.published));
            language.push(s.scores.language.clone());
            topic.push(s.scores.topic.clone());
            quote_index.push(i as u32);
            kind.push(q.kind.as_str());
            speaker.push(q.speaker.clone());
            source_text.push(q.source.map(|sp| text[sp.range()].to_string()));
            source_type.push(q.source_type.as_str());
            role.push(q.role.clone());
            organization.push(q.organization.clone());
            verb.push(q.verb.clone());
            connotation.push(q.connotation.map(|x| x.as_str()));
            cue_text.push(q.cue.map(|sp| text[sp.range()].to_string()));
            let ct = &text[q.content.range()];
            content_text.push(ct.to_string());
            content_start.push(co.to_char(q.content.start as usize) as u64);
            content_end.push(co.to_char(q.content.end as usize) as u64);
            content_words.push(ct.split_whitespace().count() as u32);
        }
    }
    DataFrame::new_infer_height(vec![
        Column::new("article_id".into(), article_id),
        Column::new("outlet".into(), outlet),
        date_col("published", published)?,
        str_col("language", language),
        str_col("topic", topic),
        Column::new("quote_index".into(), quote_index),
        Column::new("kind".into(), kind),
        str_col("speaker", speaker),
        str_col("source_text", source_text),
        Column::new("source_type".into(), source_type),
        str_col("role", role),
        str_col("organization", organization),
        str_col("verb", verb),
        str_col("connotation", connotation),
        str_col("cue_text", cue_text),
        Column::new("content_text".into(), content_text),
        Column::new("content_start".into(), content_start),
        Column::new("content_end".into(), content_end),
        Column::new("content_words".into(), content_words),
    ])
}

fn mentions_frame(clean: &[CleanArticle], scored: &[ScoredArticle]) -> PolarsResult<DataFrame> {
    let mut article_id = Vec::new();
    let mut outlet = Vec::new();
    let mut published = Vec::new();
    let mut language: Vec<Option<String>> = Vec::new();
    let mut topic: Vec<Option<String>> = Vec::new();
    let mut entity = Vec::new();
    let mut name = Vec::new();
    let mut entity_type = Vec::new();
    let mut alias = Vec::new();
    let mut start = Vec::new();
    let mut end = Vec::new();
    let mut sentence = Vec::new();
    let mut tone = Vec::new();
    let mut tone_method = Vec::new();
    let mut in_quote = Vec::new();
    for (c, s) in clean.iter().zip(scored) {
        let text = c.article.text.as_str();
        let co = CharOffsets::new(text);
        for m in &s.mentions {
            article_id.push(s.scores.id.clone());
            outlet.push(s.scores.outlet.clone());
            published.push(days(s.scores.published));
            language.push(s.scores.language.clone());
            topic.push(s.scores.topic.clone());
            entity.push(m.entity.clone());
            name.push(m.name.clone());
            entity_type.push(m.entity_type.clone());
            alias.push(text[m.span.range()].to_string());
            start.push(co.to_char(m.span.start as usize) as u64);
            end.push(co.to_char(m.span.end as usize) as u64);
            sentence.push(m.sentence as u32);
            tone.push(m.tone);
            tone_method.push(m.tone_method);
            in_quote.push(m.in_quote);
        }
    }
    DataFrame::new_infer_height(vec![
        Column::new("article_id".into(), article_id),
        Column::new("outlet".into(), outlet),
        date_col("published", published)?,
        str_col("language", language),
        str_col("topic", topic),
        Column::new("entity".into(), entity),
        Column::new("name".into(), name),
        Column::new("entity_type".into(), entity_type),
        Column::new("alias".into(), alias),
        Column::new("start".into(), start),
        Column::new("end".into(), end),
        Column::new("sentence_index".into(), sentence),
        Column::new("tone".into(), tone),
        Column::new("tone_method".into(), tone_method),
        Column::new("in_quote".into(), in_quote),
    ])
}

/// Writes `df` as `dir/name.parquet` and `dir/name.csv`.
///
/// CSV floats are written with 6 decimals so tables are byte-identical across machines and
/// thread counts; Parquet keeps full precision.
pub fn write_table(df: &DataFrame, dir: &Path, name: &str) -> Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let mut df = df.clone();
    let pq = dir.join(format!("{name}.parquet"));
    let f = File::create(&pq).with_context(|| format!("creating {}", pq.display()))?;
    ParquetWriter::new(f)
        .finish(&mut df)
        .with_context(|| format!("writing {}", pq.display()))?;
    let csv = dir.join(format!("{name}.csv"));
    let mut f = File::create(&csv).with_context(|| format!("creating {}", csv.display()))?;
    CsvWriter::new(&mut f)
        .include_header(true)
        .with_float_precision(Some(6))
        .finish(&mut df)
        .with_context(|| format!("writing {}", csv.display()))?;
    Ok(())
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
