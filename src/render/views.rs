//! Typed rows read once from the summary tables, for charts and readings.
//!
//! Charts and report sections never index DataFrames themselves: they get these plain structs,
//! read by column name (so a table read back from disk works the same), with nulls as `None`.

use std::collections::BTreeMap;

use anyhow::Result;
use polars::prelude::DataFrame;

use crate::aggregate::frame::{days, f64s, strs, u64s};
use crate::aggregate::{Aggregates, CONNOTATIONS};
use crate::tables::ScoredTables;

/// A mean with its interval (interval absent below two values).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Est {
    pub mean: f64,
    pub low: Option<f64>,
    pub high: Option<f64>,
    /// Values behind the mean (articles).
    pub n: u64,
}

impl Est {
    /// The interval, when there is one.
    pub fn ci(&self) -> Option<(f64, f64)> {
        Some((self.low?, self.high?))
    }
}

/// A share `k / n` with its Wilson interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Share {
    pub share: f64,
    pub low: f64,
    pub high: f64,
    pub k: u64,
    pub n: u64,
}

/// One `outlet_summary` row.
#[derive(Debug, Clone)]
pub struct OutletRow {
    pub outlet: String,
    pub n_articles: u64,
    pub n_tone_null: u64,
    pub tone: Option<Est>,
    pub n_words: u64,
    pub n_quotes: u64,
    pub quotes_per_article: Option<f64>,
    pub quotes_per_1k_words: Option<f64>,
    pub direct: Option<Share>,
    pub anonymous: Option<Share>,
    pub syndicated: Option<Share>,
    pub n_wire_credit: u64,
    pub n_undated: u64,
    pub first_published: Option<i32>,
    pub last_published: Option<i32>,
    pub n_verb: u64,
    pub n_no_speaker: u64,
}

/// One `outlet_topic` row.
#[derive(Debug, Clone)]
pub struct TopicRow {
    pub outlet: String,
    pub topic: Option<String>,
    pub n_articles: u64,
    pub tone: Option<Est>,
}

/// One `outlet_entity` row.
#[derive(Debug, Clone)]
pub struct EntityRow {
    pub outlet: String,
    pub entity: String,
    pub name: String,
    pub n_mentions: u64,
    pub n_articles: u64,
    pub n_in_quote: u64,
    pub tone: Option<Est>,
}

/// One `timeseries` row.
#[derive(Debug, Clone)]
pub struct PeriodRow {
    pub outlet: String,
    pub period: String,
    /// Days since 1970-01-01 of the bucket's first day.
    pub start: i32,
    pub n_articles: u64,
    pub tone: Option<Est>,
}

/// One `outlet_speaker` row.
#[derive(Debug, Clone)]
pub struct SpeakerRow {
    pub outlet: String,
    pub speaker: String,
    pub rank: u64,
    pub n_quotes: u64,
    pub voice: Option<Share>,
    pub source_type: Option<String>,
    pub role: Option<String>,
    pub organization: Option<String>,
    pub n_verb: u64,
    /// Connotation shares in [`CONNOTATIONS`] order (`None` when `n_verb == 0`).
    pub connotation: [Option<f64>; 6],
}

/// One row of `outlet_source_types` or `outlet_connotation`.
#[derive(Debug, Clone)]
pub struct MixRow {
    pub outlet: String,
    pub category: String,
    pub share: Option<Share>,
}

/// Everything the charts and the report read.
#[derive(Debug, Clone)]
pub struct Views {
    pub period: crate::aggregate::Period,
    pub outlets: Vec<OutletRow>,
    pub topics: Vec<TopicRow>,
    pub entities: Vec<EntityRow>,
    pub periods: Vec<PeriodRow>,
    pub speakers: Vec<SpeakerRow>,
    pub source_types: Vec<MixRow>,
    pub connotations: Vec<MixRow>,
    /// Scored articles per language (`undetermined` for null), from the articles table.
    pub languages: BTreeMap<String, u64>,
    /// Articles with a null tone per `sentiment_null_reason` (`unknown` for null).
    pub null_reasons: BTreeMap<String, u64>,
    /// Rows of the quotes table.
    pub n_quote_rows: u64,
}

fn est(df: &DataFrame, prefix: &str, n_col: &str) -> Result<Vec<Option<Est>>> {
    let mean = f64s(df, &format!("{prefix}_mean"))?;
    let low = f64s(df, &format!("{prefix}_ci_low"))?;
    let high = f64s(df, &format!("{prefix}_ci_high"))?;
    let n = u64s(df, n_col)?;
    Ok((0..df.height())
        .map(|i| {
            mean[i].map(|m| Est {
                mean: m,
                low: low[i],
                high: high[i],
                n: n[i],
            })
        })
        .collect())
}

fn shares(df: &DataFrame, prefix: &str, k_col: &str, n: &[u64]) -> Result<Vec<Option<Share>>> {
    let name = |s: &str| {
        if prefix.is_empty() {
            s.to_string()
        } else {
            format!("{prefix}_{s}")
        }
    };
    let share = f64s(df, &name("share"))?;
    let low = f64s(df, &name("ci_low"))?;
    let high = f64s(df, &name("ci_high"))?;
    let k = u64s(df, k_col)?;
    Ok((0..df.height())
        .map(|i| {
            Some(Share {
                share: share[i]?,
                low: low[i]?,
                high: high[i]?,
                k: k[i],
                n: n[i],
            })
        })
        .collect())
}

fn req(v: Vec<Option<String>>) -> Vec<String> {
    v.into_iter().map(|s| s.unwrap_or_default()).collect()
}

impl Views {
    /// Reads the views from the summary tables (and language / null-reason counts from the
    /// articles table).
    pub fn read(t: &ScoredTables, agg: &Aggregates) -> Result<Self> {
        let s = &agg.outlet_summary;
        let n_articles = u64s(s, "n_articles")?;
        let n_quotes = u64s(s, "n_quotes")?;
        let n_verb = u64s(s, "n_verb")?;
        let tone = est(s, "tone", "n_tone")?;
        let direct = shares(s, "direct", "n_direct", &n_quotes)?;
        let anonymous = shares(s, "anonymous", "n_anonymous", &n_quotes)?;
        let syndicated = shares(s, "syndicated", "n_syndicated", &n_articles)?;
        let (qpa, q1k) = (
            f64s(s, "quotes_per_article")?,
            f64s(s, "quotes_per_1k_words")?,
        );
        let (n_null, n_words, n_wire, n_undated, n_no_speaker) = (
            u64s(s, "n_tone_null")?,
            u64s(s, "n_words")?,
            u64s(s, "n_wire_credit")?,
            u64s(s, "n_undated")?,
            u64s(s, "n_no_speaker")?,
        );
        let (first, last) = (days(s, "first_published")?, days(s, "last_published")?);
        let outlets = req(strs(s, "outlet")?)
            .into_iter()
            .enumerate()
            .map(|(i, outlet)| OutletRow {
                outlet,
                n_articles: n_articles[i],
                n_tone_null: n_null[i],
                tone: tone[i],
                n_words: n_words[i],
                n_quotes: n_quotes[i],
                quotes_per_article: qpa[i],
                quotes_per_1k_words: q1k[i],
                direct: direct[i],
                anonymous: anonymous[i],
                syndicated: syndicated[i],
                n_wire_credit: n_wire[i],
                n_undated: n_undated[i],
                first_published: first[i],
                last_published: last[i],
                n_verb: n_verb[i],
                n_no_speaker: n_no_speaker[i],
            })
            .collect();

        let t_df = &agg.outlet_topic;
        let tone = est(t_df, "tone", "n_tone")?;
        let n = u64s(t_df, "n_articles")?;
        let topics = req(strs(t_df, "outlet")?)
            .into_iter()
            .zip(strs(t_df, "topic")?)
            .enumerate()
            .map(|(i, (outlet, topic))| TopicRow {
                outlet,
                topic,
                n_articles: n[i],
                tone: tone[i],
            })
            .collect();

        let e = &agg.outlet_entity;
        let tone = est(e, "tone", "n_tone")?;
        let (nm, na, nq) = (
            u64s(e, "n_mentions")?,
            u64s(e, "n_articles")?,
            u64s(e, "n_in_quote")?,
        );
        let (ent, name) = (req(strs(e, "entity")?), strs(e, "name")?);
        let entities = req(strs(e, "outlet")?)
            .into_iter()
            .enumerate()
            .map(|(i, outlet)| EntityRow {
                outlet,
                entity: ent[i].clone(),
                name: name[i].clone().unwrap_or_else(|| ent[i].clone()),
                n_mentions: nm[i],
                n_articles: na[i],
                n_in_quote: nq[i],
                tone: tone[i],
            })
            .collect();

        let ts = &agg.timeseries;
        let tone = est(ts, "tone", "n_tone")?;
        let (label, start, n) = (
            req(strs(ts, "period")?),
            days(ts, "period_start")?,
            u64s(ts, "n_articles")?,
        );
        let periods = req(strs(ts, "outlet")?)
            .into_iter()
            .enumerate()
            .filter_map(|(i, outlet)| {
                Some(PeriodRow {
                    outlet,
                    period: label[i].clone(),
                    start: start[i]?,
                    n_articles: n[i],
                    tone: tone[i],
                })
            })
            .collect();

        let sp = &agg.outlet_speaker;
        let nq = u64s(sp, "n_quotes")?;
        let mut quotes_by_outlet: BTreeMap<String, u64> = BTreeMap::new();
        for o in strs(&t.quotes, "outlet")? {
            *quotes_by_outlet.entry(o.unwrap_or_default()).or_insert(0) += 1;
        }
        let totals: Vec<u64> = req(strs(sp, "outlet")?)
            .iter()
            .map(|o| quotes_by_outlet.get(o).copied().unwrap_or(0))
            .collect();
        let voice = shares(sp, "voice", "n_quotes", &totals)?;
        let conn: Vec<Vec<Option<f64>>> = CONNOTATIONS
            .iter()
            .map(|c| f64s(sp, &format!("{c}_share")))
            .collect::<Result<_>>()?;
        let (speaker, rank, st, role, org, nv) = (
            req(strs(sp, "speaker")?),
            u64s(sp, "rank")?,
            strs(sp, "source_type")?,
            strs(sp, "role")?,
            strs(sp, "organization")?,
            u64s(sp, "n_verb")?,
        );
        let speakers = req(strs(sp, "outlet")?)
            .into_iter()
            .enumerate()
            .map(|(i, outlet)| SpeakerRow {
                outlet,
                speaker: speaker[i].clone(),
                rank: rank[i],
                n_quotes: nq[i],
                voice: voice[i],
                source_type: st[i].clone(),
                role: role[i].clone(),
                organization: org[i].clone(),
                n_verb: nv[i],
                connotation: std::array::from_fn(|j| conn[j][i]),
            })
            .collect();

        let mix = |df: &DataFrame, col: &str| -> Result<Vec<MixRow>> {
            let total = u64s(df, "n_total")?;
            let sh = shares(df, "", "n_quotes", &total)?;
            let cat = req(strs(df, col)?);
            Ok(req(strs(df, "outlet")?)
                .into_iter()
                .enumerate()
                .map(|(i, outlet)| MixRow {
                    outlet,
                    category: cat[i].clone(),
                    share: sh[i],
                })
                .collect())
        };

        let mut languages = BTreeMap::new();
        for l in strs(&t.articles, "language")? {
            *languages
                .entry(l.unwrap_or_else(|| "undetermined".into()))
                .or_insert(0) += 1;
        }
        let mut null_reasons = BTreeMap::new();
        let compound = f64s(&t.articles, "compound")?;
        let reasons = strs(&t.articles, "sentiment_null_reason")?;
        for (c, r) in compound.iter().zip(reasons) {
            if c.is_none() {
                *null_reasons
                    .entry(r.unwrap_or_else(|| "unknown".into()))
                    .or_insert(0) += 1;
            }
        }

        Ok(Views {
            period: agg.options.period,
            outlets,
            topics,
            entities,
            periods,
            speakers,
            source_types: mix(&agg.outlet_source_types, "source_type")?,
            connotations: mix(&agg.outlet_connotation, "connotation")?,
            languages,
            null_reasons,
            n_quote_rows: t.quotes.height() as u64,
        })
    }

    /// Outlets in table order (alphabetical).
    pub fn outlet_names(&self) -> Vec<String> {
        self.outlets.iter().map(|o| o.outlet.clone()).collect()
    }
}
