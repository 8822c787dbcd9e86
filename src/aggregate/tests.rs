//! Aggregation on hand-built tables with hand-computed expected values.
//!
//! The corpus (see `small()`):
//!
//! | article | outlet | published | topic | compound | words | quotes | direct | anon |
//! | --- | --- | --- | --- | --- | --- | --- | --- | --- |
//! | a1 | A | 2024-01-15 (Mon) | politics | −0.5 | 400 | 4 | 2 | 1 |
//! | a2 | A | 2024-01-17 (Wed) | politics | 0.1 | 600 | 2 | 1 | 0 |
//! | a3 | A | 2024-02-03 (Sat) | economy | null | 1000 | 0 | 0 | 0 |
//! | b1 | B | 2024-01-20 (Sat) | politics | 0.3 | 500 | 1 | 1 | 1 |
//! | b2 | B | undated | none | 0.5 | 500 | 0 | 0 | 0 |
//!
//! a2 is syndicated and credits AFP.

use polars::prelude::*;

use super::frame::{days, f64s, strs, u64s};
use super::period::days_of;
use super::testkit::{A, M, Q, tables, ymd};
use super::*;

const EPS: f64 = 1e-6;

fn close(got: Option<f64>, want: f64) -> bool {
    got.is_some_and(|g| (g - want).abs() < EPS)
}

#[track_caller]
fn assert_f(df: &DataFrame, col: &str, want: &[Option<f64>]) {
    let got = f64s(df, col).unwrap();
    assert_eq!(got.len(), want.len(), "{col}: {got:?}");
    for (i, (g, w)) in got.iter().zip(want).enumerate() {
        match w {
            Some(w) => assert!(close(*g, *w), "{col}[{i}]: got {g:?}, want {w}"),
            None => assert!(g.is_none(), "{col}[{i}]: got {g:?}, want null"),
        }
    }
}

#[track_caller]
fn assert_u(df: &DataFrame, col: &str, want: &[u64]) {
    assert_eq!(u64s(df, col).unwrap(), want, "{col}");
}

#[track_caller]
fn assert_s(df: &DataFrame, col: &str, want: &[Option<&str>]) {
    let got = strs(df, col).unwrap();
    let want: Vec<Option<String>> = want.iter().map(|s| s.map(str::to_string)).collect();
    assert_eq!(got, want, "{col}");
}

fn art(id: &str, outlet: &str, published: Option<chrono::NaiveDate>, topic: Option<&str>) -> A {
    A {
        id: id.into(),
        outlet: outlet.into(),
        published,
        topic: topic.map(str::to_string),
        ..Default::default()
    }
}

fn quote(
    article: &str,
    outlet: &str,
    kind: &str,
    speaker: Option<&str>,
    source_type: &str,
    connotation: Option<&str>,
) -> Q {
    Q {
        article_id: article.into(),
        outlet: outlet.into(),
        topic: Some(
            if article == "a3" {
                "economy"
            } else {
                "politics"
            }
            .into(),
        ),
        kind: kind.into(),
        speaker: speaker.map(str::to_string),
        source_type: source_type.into(),
        connotation: connotation.map(str::to_string),
        ..Default::default()
    }
}

fn mention(article: &str, outlet: &str, entity: &str, tone: Option<f64>, in_quote: bool) -> M {
    M {
        article_id: article.into(),
        outlet: outlet.into(),
        entity: entity.into(),
        name: entity.to_uppercase(),
        entity_type: "person".into(),
        tone,
        in_quote,
    }
}

fn small_rows() -> (Vec<A>, Vec<Q>, Vec<M>) {
    let a = vec![
        A {
            compound: Some(-0.5),
            n_words: 400,
            n_quotes: 4,
            n_direct: 2,
            n_anonymous: 1,
            ..art("a1", "A", ymd(2024, 1, 15), Some("politics"))
        },
        A {
            compound: Some(0.1),
            n_words: 600,
            n_quotes: 2,
            n_direct: 1,
            syndicated: true,
            wire_credit: Some("AFP".into()),
            ..art("a2", "A", ymd(2024, 1, 17), Some("politics"))
        },
        A {
            compound: None,
            n_words: 1000,
            ..art("a3", "A", ymd(2024, 2, 3), Some("economy"))
        },
        A {
            compound: Some(0.3),
            n_words: 500,
            n_quotes: 1,
            n_direct: 1,
            n_anonymous: 1,
            ..art("b1", "B", ymd(2024, 1, 20), Some("politics"))
        },
        A {
            compound: Some(0.5),
            n_words: 500,
            ..art("b2", "B", None, None)
        },
    ];
    let mut q = vec![
        quote(
            "a1",
            "A",
            "direct",
            Some("Jane Doe"),
            "person",
            Some("neutral"),
        ),
        quote(
            "a1",
            "A",
            "indirect",
            Some("Jane Doe"),
            "person",
            Some("doubt"),
        ),
        quote("a1", "A", "according_to", None, "anonymous", None),
        quote(
            "a1",
            "A",
            "mixed",
            Some("John Roe"),
            "person",
            Some("denial"),
        ),
        quote(
            "a2",
            "A",
            "direct",
            Some("John Roe"),
            "person",
            Some("neutral"),
        ),
        quote(
            "a2",
            "A",
            "indirect",
            Some("Jane Doe"),
            "person",
            Some("doubt"),
        ),
        quote("b1", "B", "direct", None, "anonymous", Some("neutral")),
    ];
    q[3].role = Some("minister".into());
    q[3].organization = Some("Govt".into());
    q[4].role = Some("minister".into());
    let m = vec![
        mention("a1", "A", "putin", Some(-0.6), false),
        mention("a1", "A", "putin", Some(-0.2), true),
        mention("a2", "A", "putin", Some(0.4), false),
        mention("a1", "A", "nato", None, false),
        mention("b1", "B", "putin", Some(0.2), false),
        mention("b2", "B", "putin", Some(0.3), false),
    ];
    (a, q, m)
}

fn small(period: Period) -> Aggregates {
    let (a, q, m) = small_rows();
    aggregate(&tables(&a, &q, &m), &AggregateOptions { period }).unwrap()
}

#[test]
fn outlet_summary_hand_computed() {
    let s = small(Period::Month).outlet_summary;
    assert_s(&s, "outlet", &[Some("A"), Some("B")]);
    assert_u(&s, "n_articles", &[3, 2]);
    assert_u(&s, "n_tone", &[2, 2]);
    assert_u(&s, "n_tone_null", &[1, 0]);
    // A: tones −0.5, 0.1 (a3 null, excluded) → mean −0.2, sd √0.18 = 0.4242641, se 0.3,
    //    t(0.975; 1) = 12.7062047 → half width 3.8118614.
    // B: tones 0.3, 0.5 → mean 0.4, sd √0.02 = 0.1414214, se 0.1 → half width 1.2706205.
    assert_f(&s, "tone_mean", &[Some(-0.2), Some(0.4)]);
    assert_f(&s, "tone_sd", &[Some(0.424_264_1), Some(0.141_421_4)]);
    assert_f(&s, "tone_ci_low", &[Some(-4.011_861_4), Some(-0.870_620_5)]);
    assert_f(&s, "tone_ci_high", &[Some(3.611_861_4), Some(1.670_620_5)]);
    // A: 6 quotes over 3 articles and 2000 words → 2 per article, 3 per 1,000 words.
    // B: 1 quote over 2 articles and 1000 words → 0.5 and 1.
    assert_u(&s, "n_words", &[2000, 1000]);
    assert_u(&s, "n_quotes", &[6, 1]);
    assert_f(&s, "quotes_per_article", &[Some(2.0), Some(0.5)]);
    assert_f(&s, "quotes_per_1k_words", &[Some(3.0), Some(1.0)]);
    // Direct: A 3/6 = 0.5, Wilson: denom 1 + z²/6 = 1.6402431, centre 0.5 (symmetric),
    // half = 1.959964/1.6402431 · sqrt(0.25/6 + z²/144) = 1.1949226 · 0.2614259 = 0.3123837.
    assert_f(&s, "direct_share", &[Some(0.5), Some(1.0)]);
    assert_f(&s, "direct_ci_low", &[Some(0.187_616_3), Some(0.206_549_3)]);
    assert_f(&s, "direct_ci_high", &[Some(0.812_383_7), Some(1.0)]);
    // Anonymous: A 1/6 → Wilson [0.0300534, 0.5635028]; B 1/1 → [0.2065493, 1].
    assert_f(&s, "anonymous_share", &[Some(1.0 / 6.0), Some(1.0)]);
    assert_f(
        &s,
        "anonymous_ci_low",
        &[Some(0.030_053_4), Some(0.206_549_3)],
    );
    assert_f(&s, "anonymous_ci_high", &[Some(0.563_502_8), Some(1.0)]);
    // Syndication: A 1/3 → Wilson [0.0614919, 0.7923404]; B 0/2.
    assert_u(&s, "n_syndicated", &[1, 0]);
    assert_f(&s, "syndicated_share", &[Some(1.0 / 3.0), Some(0.0)]);
    assert_f(&s, "syndicated_ci_low", &[Some(0.061_491_9), Some(0.0)]);
    assert_f(
        &s,
        "syndicated_ci_high",
        &[Some(0.792_340_4), Some(0.657_619_8)],
    );
    assert_f(&s, "wire_credit_share", &[Some(1.0 / 3.0), Some(0.0)]);
    assert_u(&s, "n_undated", &[0, 1]);
    let first = days(&s, "first_published").unwrap();
    let last = days(&s, "last_published").unwrap();
    assert_eq!(first[0], ymd(2024, 1, 15).map(days_of));
    assert_eq!(last[0], ymd(2024, 2, 3).map(days_of));
    assert_eq!(first[1], ymd(2024, 1, 20).map(days_of));
    // Verb connotation from the quotes table: A has 5 quotes with a verb (the "according to"
    // has none): neutral 2, doubt 2, denial 1; B one neutral.
    assert_u(&s, "n_verb", &[5, 1]);
    assert_f(&s, "neutral_share", &[Some(0.4), Some(1.0)]);
    assert_f(&s, "doubt_share", &[Some(0.4), Some(0.0)]);
    assert_f(&s, "denial_share", &[Some(0.2), Some(0.0)]);
    assert_f(&s, "assertive_share", &[Some(0.0), Some(0.0)]);
    // Quotes with no resolved speaker: A 1 of 6, B 1 of 1.
    assert_u(&s, "n_no_speaker", &[1, 1]);
    assert_f(&s, "no_speaker_share", &[Some(1.0 / 6.0), Some(1.0)]);
}

#[test]
fn outlet_topic_sorts_keys_with_null_topic_last() {
    let t = small(Period::Month).outlet_topic;
    assert_s(&t, "outlet", &[Some("A"), Some("A"), Some("B"), Some("B")]);
    assert_s(
        &t,
        "topic",
        &[Some("economy"), Some("politics"), Some("politics"), None],
    );
    assert_u(&t, "n_articles", &[1, 2, 1, 1]);
    // A × economy: its only article has a null tone → no mean, counted as null.
    assert_u(&t, "n_tone", &[0, 2, 1, 1]);
    assert_u(&t, "n_tone_null", &[1, 0, 0, 0]);
    assert_f(&t, "tone_mean", &[None, Some(-0.2), Some(0.3), Some(0.5)]);
    // One article: a mean but no interval.
    assert_f(&t, "tone_ci_low", &[None, Some(-4.011_861_4), None, None]);
    assert_f(&t, "tone_sd", &[None, Some(0.424_264_1), None, None]);
    // A × politics: 6 quotes over 1000 words; A × economy: no quotes → share null.
    assert_f(
        &t,
        "quotes_per_1k_words",
        &[Some(0.0), Some(6.0), Some(2.0), Some(0.0)],
    );
    assert_f(&t, "direct_share", &[None, Some(0.5), Some(1.0), None]);
    assert_f(&t, "doubt_share", &[None, Some(0.4), Some(0.0), None]);
}

#[test]
fn timeseries_by_month_week_and_day() {
    let ts = small(Period::Month).timeseries;
    // b2 is undated and left out.
    assert_s(&ts, "outlet", &[Some("A"), Some("A"), Some("B")]);
    assert_s(
        &ts,
        "period",
        &[Some("2024-01"), Some("2024-02"), Some("2024-01")],
    );
    assert_eq!(
        days(&ts, "period_start").unwrap(),
        vec![ymd(2024, 1, 1), ymd(2024, 2, 1), ymd(2024, 1, 1)]
            .into_iter()
            .map(|d| d.map(days_of))
            .collect::<Vec<_>>()
    );
    assert_u(&ts, "n_articles", &[2, 1, 1]);
    assert_f(&ts, "tone_mean", &[Some(-0.2), None, Some(0.3)]);
    assert_u(&ts, "n_tone_null", &[0, 1, 0]);
    assert_f(
        &ts,
        "quotes_per_article",
        &[Some(3.0), Some(0.0), Some(1.0)],
    );
    assert_f(&ts, "anonymous_share", &[Some(1.0 / 6.0), None, Some(1.0)]);

    // ISO weeks start on Monday: Mon 15 and Wed 17 Jan share 2024-W03 with Sat 20 Jan;
    // Sat 3 Feb is in 2024-W05, which starts Mon 29 Jan.
    let ts = small(Period::Week).timeseries;
    assert_s(
        &ts,
        "period",
        &[Some("2024-W03"), Some("2024-W05"), Some("2024-W03")],
    );
    assert_eq!(
        days(&ts, "period_start").unwrap(),
        vec![ymd(2024, 1, 15), ymd(2024, 1, 29), ymd(2024, 1, 15)]
            .into_iter()
            .map(|d| d.map(days_of))
            .collect::<Vec<_>>()
    );
    assert_u(&ts, "n_articles", &[2, 1, 1]);

    let ts = small(Period::Day).timeseries;
    assert_s(
        &ts,
        "period",
        &[
            Some("2024-01-15"),
            Some("2024-01-17"),
            Some("2024-02-03"),
            Some("2024-01-20"),
        ],
    );
    assert_f(&ts, "tone_mean", &[Some(-0.5), Some(0.1), None, Some(0.3)]);
}

#[test]
fn outlet_entity_uses_articles_as_the_unit() {
    let e = small(Period::Month).outlet_entity;
    assert_s(&e, "outlet", &[Some("A"), Some("A"), Some("B")]);
    assert_s(&e, "entity", &[Some("nato"), Some("putin"), Some("putin")]);
    assert_s(&e, "name", &[Some("NATO"), Some("PUTIN"), Some("PUTIN")]);
    assert_u(&e, "n_mentions", &[1, 3, 2]);
    assert_u(&e, "n_articles", &[1, 2, 2]);
    assert_u(&e, "n_tone", &[0, 2, 2]);
    assert_u(&e, "n_tone_null", &[1, 0, 0]);
    assert_u(&e, "n_in_quote", &[0, 1, 0]);
    // A × putin: a1's mentions −0.6 and −0.2 average to −0.4; a2 is 0.4. Over articles:
    // mean 0.0 (not the mention mean −0.1333), sd √0.32 = 0.5656854, se 0.4,
    // half = 12.7062047 · 0.4 = 5.0824819.
    // B × putin: 0.2, 0.3 → mean 0.25, sd 0.0707107, se 0.05, half 0.6353102.
    assert_f(&e, "tone_mean", &[None, Some(0.0), Some(0.25)]);
    assert_f(&e, "tone_sd", &[None, Some(0.565_685_4), Some(0.070_710_7)]);
    assert_f(
        &e,
        "tone_ci_low",
        &[None, Some(-5.082_481_9), Some(-0.385_310_2)],
    );
    assert_f(
        &e,
        "tone_ci_high",
        &[None, Some(5.082_481_9), Some(0.885_310_2)],
    );
}

#[test]
fn outlet_speaker_ranks_and_profiles() {
    let sp = small(Period::Month).outlet_speaker;
    // B's only quote has no resolved speaker: no B rows.
    assert_s(&sp, "outlet", &[Some("A"), Some("A")]);
    assert_s(&sp, "speaker", &[Some("Jane Doe"), Some("John Roe")]);
    assert_u(&sp, "rank", &[1, 2]);
    assert_u(&sp, "n_quotes", &[3, 2]);
    assert_u(&sp, "n_articles", &[2, 2]);
    // Voice share: of A's 6 quotes (the unnamed one included), 3 and 2:
    // Wilson(3, 6) = [0.1876163, 0.8123837]; 2/6 = 0.3333.
    assert_f(&sp, "voice_share", &[Some(0.5), Some(2.0 / 6.0)]);
    assert_f(&sp, "voice_ci_low", &[Some(0.187_616_3), Some(0.096_771_4)]);
    // Per 1,000 words of A's 2000 words.
    assert_f(&sp, "quotes_per_1k_words", &[Some(1.5), Some(1.0)]);
    // Jane: 1 direct of 3; John: mixed + direct = 2 of 2.
    assert_f(&sp, "direct_share", &[Some(1.0 / 3.0), Some(1.0)]);
    assert_s(&sp, "source_type", &[Some("person"), Some("person")]);
    assert_s(&sp, "role", &[None, Some("minister")]);
    assert_s(&sp, "organization", &[None, Some("Govt")]);
    // "Is one side claiming while the other says?": Jane doubt 2/3, John denial 1/2.
    assert_f(&sp, "doubt_share", &[Some(2.0 / 3.0), Some(0.0)]);
    assert_f(&sp, "neutral_share", &[Some(1.0 / 3.0), Some(0.5)]);
    assert_f(&sp, "denial_share", &[Some(0.0), Some(0.5)]);
}

#[test]
fn quote_mixes_are_zero_filled_in_fixed_order() {
    let agg = small(Period::Month);
    let st = &agg.outlet_source_types;
    assert_eq!(st.height(), 2 * SOURCE_TYPES.len());
    let types = strs(st, "source_type").unwrap();
    assert_eq!(types[0].as_deref(), Some("person"));
    assert_eq!(types[2].as_deref(), Some("anonymous"));
    let k = u64s(st, "n_quotes").unwrap();
    let n = u64s(st, "n_total").unwrap();
    // A: person 5 of 6, anonymous 1 of 6; B: anonymous 1 of 1.
    assert_eq!((k[0], n[0]), (5, 6));
    assert_eq!((k[2], n[2]), (1, 6));
    assert_eq!(k[..8].iter().sum::<u64>(), 6);
    assert_eq!((k[8 + 2], n[8 + 2]), (1, 1));
    let share = f64s(st, "share").unwrap();
    // Wilson(5, 6) = [0.4364972, 0.9699466].
    assert!(close(share[0], 5.0 / 6.0));
    assert!(close(f64s(st, "ci_low").unwrap()[0], 0.436_497_2));

    let c = &agg.outlet_connotation;
    assert_eq!(c.height(), 2 * CONNOTATIONS.len());
    assert_s(&c.head(Some(6)), "connotation", &CONNOTATIONS.map(Some));
    // A: 5 verbs: neutral 2, doubt 2, denial 1.
    assert_u(&c.head(Some(6)), "n_quotes", &[2, 0, 2, 0, 1, 0]);
    assert_u(&c.head(Some(6)), "n_total", &[5; 6]);
    assert_f(
        &c.head(Some(6)),
        "share",
        &[
            Some(0.4),
            Some(0.0),
            Some(0.4),
            Some(0.0),
            Some(0.2),
            Some(0.0),
        ],
    );
}

#[test]
fn results_do_not_depend_on_row_order() {
    let (mut a, mut q, mut m) = small_rows();
    let want = small(Period::Week);
    a.reverse();
    q.reverse();
    m.rotate_left(2);
    let got = aggregate(
        &tables(&a, &q, &m),
        &AggregateOptions {
            period: Period::Week,
        },
    )
    .unwrap();
    for ((name, x), (_, y)) in want.named().into_iter().zip(got.named()) {
        assert!(
            x.equals_missing(y),
            "{name} depends on row order:\n{x}\n{y}"
        );
    }
}

#[test]
fn empty_tables_give_empty_summaries_with_columns() {
    let agg = aggregate(&tables(&[], &[], &[]), &AggregateOptions::default()).unwrap();
    for (name, df) in agg.named() {
        assert_eq!(df.height(), 0, "{name}");
    }
    for c in [
        "outlet",
        "tone_mean",
        "tone_ci_low",
        "direct_share",
        "doubt_share",
    ] {
        assert!(
            agg.outlet_summary.column(c).is_ok(),
            "outlet_summary lacks {c}"
        );
    }
    for c in [
        "outlet",
        "entity",
        "n_mentions",
        "tone_mean",
        "tone_ci_low",
        "tone_ci_high",
    ] {
        assert!(
            agg.outlet_entity.column(c).is_ok(),
            "outlet_entity lacks {c}"
        );
    }
}

#[test]
fn a_missing_column_is_named_in_the_error() {
    let (a, q, m) = small_rows();
    let mut t = tables(&a, &q, &m);
    t.articles = t.articles.drop("compound").unwrap();
    let err = format!(
        "{:#}",
        aggregate(&t, &AggregateOptions::default()).unwrap_err()
    );
    assert!(err.contains("compound"), "{err}");
}

/// Run by [`summary_tables_are_byte_identical_across_thread_counts`] in child processes: writes
/// the summary tables of a large synthetic corpus to `$SLANT_AGG_DUMP`.
fn dump_if_asked() -> bool {
    let Some(dir) = std::env::var_os("SLANT_AGG_DUMP") else {
        return false;
    };
    let t = super::testkit::realistic_scaled(40);
    let agg = aggregate(
        &t,
        &AggregateOptions {
            period: Period::Week,
        },
    )
    .unwrap();
    for (name, df) in agg.named() {
        crate::tables::write_table(df, std::path::Path::new(&dir), name).unwrap();
    }
    true
}

#[test]
fn summary_tables_are_byte_identical_across_thread_counts() {
    if dump_if_asked() {
        return;
    }
    // polars and rayon size their pools once per process, so each thread count runs in its
    // own child process (this test binary, filtered to this test).
    let tmp = tempfile::tempdir().unwrap();
    let exe = std::env::current_exe().unwrap();
    let name = "aggregate::tests::summary_tables_are_byte_identical_across_thread_counts";
    let mut dirs = Vec::new();
    for threads in ["1", "3"] {
        let dir = tmp.path().join(threads);
        let o = std::process::Command::new(&exe)
            .args([name, "--exact", "--test-threads=1"])
            .env("SLANT_AGG_DUMP", &dir)
            .env("POLARS_MAX_THREADS", threads)
            .env("RAYON_NUM_THREADS", threads)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        dirs.push(dir);
    }
    let mut n = 0;
    for (name, _) in small(Period::Week).named() {
        for ext in ["csv", "parquet"] {
            let f = format!("{name}.{ext}");
            let a = std::fs::read(dirs[0].join(&f)).unwrap();
            let b = std::fs::read(dirs[1].join(&f)).unwrap();
            assert!(a.len() > 100, "{f} is nearly empty");
            assert!(a == b, "{f} differs between 1 and 3 threads");
            n += 1;
        }
    }
    assert_eq!(n, 14);
}

#[test]
fn tables_read_back_from_disk_aggregate_the_same() {
    // The seam: scored tables written to Parquet and read back give the same summaries.
    let t = super::testkit::realistic();
    let tmp = tempfile::tempdir().unwrap();
    t.write(tmp.path()).unwrap();
    let back = crate::tables::ScoredTables::read(tmp.path()).unwrap();
    let opts = AggregateOptions::default();
    let (a, b) = (
        aggregate(&t, &opts).unwrap(),
        aggregate(&back, &opts).unwrap(),
    );
    for ((name, x), (_, y)) in a.named().into_iter().zip(b.named()) {
        assert!(x.height() > 0, "{name} is empty");
        assert!(
            x.equals_missing(y),
            "{name} differs after a Parquet round trip"
        );
    }
}
