//! The ingested corpus as a polars DataFrame in the canonical schema.
//!
//! Columns, in order: `id` and `outlet` (String, never null), `url` (String), `published`
//! (Date), `language`, `title` (String), `text` (String, never null), `topic`, `author`
//! (String). This is the table a user loads to inspect what slant read, and the shape slant's
//! own Parquet reader reads back unchanged (tested below), so an ingested corpus can be saved
//! once and re-read by later runs without its original crawler formats.

use chrono::NaiveDate;
use polars::prelude::{Column, DataFrame, DataType, PolarsResult};

use crate::model::Article;

/// The canonical column names, in order.
pub const COLUMNS: &[&str] = super::mapping::CANONICAL;

/// Articles → DataFrame with the canonical schema and dtypes (`published` is a Date).
pub fn to_frame(articles: &[Article]) -> PolarsResult<DataFrame> {
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).expect("valid");
    let opt = |name: &str, f: fn(&Article) -> Option<&str>| {
        Column::new(name.into(), articles.iter().map(f).collect::<Vec<_>>())
    };
    let published: Vec<Option<i32>> = articles
        .iter()
        .map(|a| a.published.map(|d| (d - epoch).num_days() as i32))
        .collect();
    DataFrame::new_infer_height(vec![
        Column::new(
            "id".into(),
            articles.iter().map(|a| a.id.as_str()).collect::<Vec<_>>(),
        ),
        Column::new(
            "outlet".into(),
            articles
                .iter()
                .map(|a| a.outlet.as_str())
                .collect::<Vec<_>>(),
        ),
        opt("url", |a| a.url.as_deref()),
        Column::new("published".into(), published).cast(&DataType::Date)?,
        opt("language", |a| a.language.as_deref()),
        opt("title", |a| a.title.as_deref()),
        Column::new(
            "text".into(),
            articles.iter().map(|a| a.text.as_str()).collect::<Vec<_>>(),
        ),
        opt("topic", |a| a.topic.as_deref()),
        opt("author", |a| a.author.as_deref()),
    ])
}

#[cfg(test)]
mod tests {
    use polars::prelude::ParquetWriter;

    use super::*;
    use crate::ingest::{IngestOptions, read_paths};

    fn article(id: &str, outlet: &str, date: Option<(i32, u32, u32)>, text: &str) -> Article {
        Article {
            id: id.into(),
            outlet: outlet.into(),
            published: date.map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap()),
            text: text.into(),
            ..Default::default()
        }
    }

    #[test]
    fn schema_and_dtypes_are_canonical() {
        let mut a = article("a1", "Le Soir", Some((2023, 4, 5)), "Texte.");
        a.language = Some("fr".into());
        let df = to_frame(&[a, article("b2", "The Post", None, "Text.")]).unwrap();
        let names: Vec<&str> = df.get_column_names().iter().map(|n| n.as_str()).collect();
        assert_eq!(names, COLUMNS);
        assert_eq!(df.column("published").unwrap().dtype(), &DataType::Date);
        assert_eq!(df.column("text").unwrap().dtype(), &DataType::String);
        assert_eq!(df.height(), 2);
        let days = df
            .column("published")
            .unwrap()
            .cast(&DataType::Int32)
            .unwrap();
        assert_eq!(days.i32().unwrap().get(0), Some(19452)); // 2023-04-05
        assert_eq!(days.i32().unwrap().get(1), None);
        assert_eq!(
            df.column("language").unwrap().str().unwrap().get(0),
            Some("fr")
        );
    }

    #[test]
    fn parquet_written_from_the_frame_reads_back_as_the_same_articles() {
        let mut one = article(
            "a1",
            "Le Soir",
            Some((2023, 4, 5)),
            "Premier paragraphe.\n\nSecond.",
        );
        one.title = Some("Un titre".into());
        one.url = Some("https://example.org/a1".into());
        one.topic = Some("politique".into());
        one.author = Some("A. Auteur".into());
        one.language = Some("fr".into());
        let two = article("b2", "The Post", None, "Body text.");
        let mut df = to_frame(&[one.clone(), two.clone()]).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("corpus.parquet");
        ParquetWriter::new(std::fs::File::create(&path).unwrap())
            .finish(&mut df)
            .unwrap();
        let got = read_paths(&[path], &IngestOptions::default()).unwrap();
        assert_eq!(got.rejects.len(), 0);
        assert_eq!(got.date_warnings, 0);
        let back: Vec<_> = got
            .articles
            .iter()
            .map(|a| {
                (
                    &a.id,
                    &a.outlet,
                    a.published,
                    &a.title,
                    &a.url,
                    &a.topic,
                    &a.author,
                    &a.language,
                    &a.text,
                )
            })
            .collect();
        let want: Vec<_> = [&one, &two]
            .iter()
            .map(|a| {
                (
                    &a.id,
                    &a.outlet,
                    a.published,
                    &a.title,
                    &a.url,
                    &a.topic,
                    &a.author,
                    &a.language,
                    &a.text,
                )
            })
            .collect();
        assert_eq!(back, want);
        assert_eq!(got.articles[1].origin.row, Some(2));
    }
}
