//! Plain-language readings generated from the numbers, one paragraph per section, and the key
//! tables beside them.
//!
//! Readings say what the numbers support and no more: every mean comes with its interval and
//! n, comparisons say whether intervals overlap, small groups and excluded nulls are named.
//! Non-overlap of two 95% intervals is a conservative sign of a real difference; overlap does
//! not prove there is none, and the readings word it that way.

use std::collections::{BTreeMap, BTreeSet};

use super::{Section, Table};
use crate::aggregate::CONNOTATIONS;
use crate::render::RunFacts;
use crate::render::charts::canvas::num;
use crate::render::charts::entity_tone::top_entities;
use crate::render::charts::topic_heatmap::MIN_CELL_N;
use crate::render::charts::voice::TOP_SPEAKERS;
use crate::render::charts::{connotation_label, count_is, source_type_label, topic_label};
use crate::render::views::{Est, OutletRow, Share, Views};
use crate::stats::overlaps;

/// Groups with fewer scored articles than this are called out as small.
pub const SMALL_N: u64 = 30;
/// Shares are compared only across groups with at least this many observations (when any has).
pub const MIN_SHARE_N: u64 = 10;

fn tone(x: f64) -> String {
    num(x, 2)
}

fn pct(x: f64) -> String {
    format!("{:.0}%", 100.0 * x)
}

fn plural(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn articles(n: u64) -> String {
    plural(n, "article", "articles")
}

/// A group (outlet, entity row…) with its estimate.
type Labelled<T> = (T, Est);
/// A named group with its share.
type NamedShare = (String, Share);

/// "Reuters'" / "Outlet A's".
fn possessive(name: &str) -> String {
    if name.ends_with('s') {
        format!("{name}'")
    } else {
        format!("{name}'s")
    }
}

/// The estimates a comparison is made over: those resting on at least [`MIN_CELL_N`] articles
/// when two or more do (so one tiny group cannot be "the most negative"), else all.
fn comparable_est<T: Clone>(items: Vec<Labelled<T>>) -> (Vec<Labelled<T>>, Vec<Labelled<T>>) {
    let (big, small): (Vec<_>, Vec<_>) = items.iter().cloned().partition(|x| x.1.n >= MIN_CELL_N);
    if big.len() >= 2 {
        (big, small)
    } else {
        (items, Vec::new())
    }
}

/// "−0.12, 95% CI −0.18 to −0.06, 108 articles" (or "one article, no interval").
fn est_text(e: &Est) -> String {
    match e.ci() {
        Some((l, h)) => format!(
            "{}, 95% CI {} to {}, {}",
            tone(e.mean),
            tone(l),
            tone(h),
            articles(e.n)
        ),
        None => format!("{}, a single article, no interval", tone(e.mean)),
    }
}

/// "26%, 95% CI 18% to 35%, of 120 quotes".
fn share_text(s: &Share, unit: &str) -> String {
    format!(
        "{}, 95% CI {} to {}, of {} {unit}",
        pct(s.share),
        pct(s.low),
        pct(s.high),
        s.n
    )
}

/// The sentence comparing two estimates' intervals.
fn compare(a: Option<(f64, f64)>, b: Option<(f64, f64)>) -> &'static str {
    match (a, b) {
        (Some(a), Some(b)) if !overlaps(a, b) => {
            "Their 95% intervals do not overlap, so the difference is unlikely to be chance."
        }
        (Some(_), Some(_)) => {
            "Their 95% intervals overlap, so the data do not show a clear difference between them."
        }
        _ => "At least one of them rests on a single article, so there is no interval to compare.",
    }
}

/// "A, B, C and 4 more".
fn name_list(names: &[String], max: usize) -> String {
    let shown: Vec<&str> = names.iter().take(max).map(String::as_str).collect();
    let rest = names.len().saturating_sub(max);
    match (shown.len(), rest) {
        (0, _) => String::new(),
        (1, 0) => shown[0].to_string(),
        (_, 0) => format!(
            "{} and {}",
            shown[..shown.len() - 1].join(", "),
            shown[shown.len() - 1]
        ),
        (_, r) => format!("{} and {r} more", shown.join(", ")),
    }
}

fn date(days: Option<i32>) -> Option<String> {
    crate::aggregate::period::date_of(days?).map(|d| d.format("%Y-%m-%d").to_string())
}

/// The paragraph under the report title.
pub fn intro(v: &Views, f: &RunFacts) -> String {
    let first = v.outlets.iter().filter_map(|o| o.first_published).min();
    let last = v.outlets.iter().filter_map(|o| o.last_published).max();
    let span = match (date(first), date(last)) {
        (Some(a), Some(b)) => format!(", published between {a} and {b}"),
        _ => String::new(),
    };
    format!(
        "This report summarises {} from {}{span}: the tone of their coverage, the topics and \
         actors they cover, whom they quote and how. Every figure comes with its 95% confidence \
         interval and the number of articles behind it; small groups are flagged. The tables \
         behind every chart are in tables/ (CSV and Parquet), documented in CODEBOOK.md.",
        articles(f.scored),
        plural(v.outlets.len() as u64, "outlet", "outlets"),
    )
}

/// Run facts: counts, inputs, version.
pub fn run_section(v: &Views, f: &RunFacts) -> Section {
    let mut rows = vec![
        vec!["slant version".into(), f.version.clone()],
        vec!["Input files".into(), f.inputs.join(", ")],
        vec!["Input records".into(), f.input_records.to_string()],
        vec!["Scored articles".into(), f.scored.to_string()],
        vec![
            "Rejected records (rejects.jsonl)".into(),
            f.rejected.to_string(),
        ],
        vec![
            "Duplicates removed (duplicates.jsonl)".into(),
            f.duplicates.to_string(),
        ],
        vec!["Outlets".into(), v.outlets.len().to_string()],
        vec![
            "Languages".into(),
            v.languages
                .iter()
                .map(|(l, n)| format!("{l} {n}"))
                .collect::<Vec<_>>()
                .join(", "),
        ],
    ];
    let first = v.outlets.iter().filter_map(|o| o.first_published).min();
    let last = v.outlets.iter().filter_map(|o| o.last_published).max();
    if let (Some(a), Some(b)) = (date(first), date(last)) {
        rows.push(vec!["Published".into(), format!("{a} to {b}")]);
    }
    let n_null: u64 = v.null_reasons.values().sum();
    rows.push(vec![
        "Articles without a tone score".into(),
        if n_null == 0 {
            "0".into()
        } else {
            format!(
                "{n_null} ({})",
                v.null_reasons
                    .iter()
                    .map(|(r, n)| format!("{r}: {n}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        },
    ]);
    rows.push(vec![
        "Attributions (quotes table rows)".into(),
        v.n_quote_rows.to_string(),
    ]);
    rows.push(vec!["Time series period".into(), v.period.as_str().into()]);
    let reading = format!(
        "Of {} input records, {} were scored, {} rejected as unusable and {} removed as \
         duplicates{}.",
        f.input_records,
        f.scored,
        f.rejected,
        f.duplicates,
        if n_null > 0 {
            format!(
                "; {} of the scored articles have no tone score and are left out of every tone \
                 mean (they still count in article and quote counts)",
                n_null
            )
        } else {
            String::new()
        }
    );
    Section {
        anchor: "run",
        heading: "Run".into(),
        reading,
        table: Some(Table {
            headers: vec!["Fact".into(), "Value".into()],
            numeric: vec![false, false],
            rows,
            note: None,
        }),
        ..Default::default()
    }
}

fn null_sentence(v: &Views) -> String {
    let n_null: u64 = v.outlets.iter().map(|o| o.n_tone_null).sum();
    let total: u64 = v.outlets.iter().map(|o| o.n_articles).sum();
    if n_null == 0 {
        return String::new();
    }
    let top = v
        .null_reasons
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        .map(|(r, n)| format!(" (most often: {r}, {n})"))
        .unwrap_or_default();
    format!(
        " {n_null} of {total} articles {} no tone score{top} and {} excluded from the means.",
        if n_null == 1 { "has" } else { "have" },
        if n_null == 1 { "is" } else { "are" }
    )
}

/// Tone by outlet.
pub fn tone_by_outlet(v: &Views) -> Section {
    let mut scored: Vec<&OutletRow> = v.outlets.iter().filter(|o| o.tone.is_some()).collect();
    scored.sort_by(|a, b| {
        a.tone
            .unwrap()
            .mean
            .total_cmp(&b.tone.unwrap().mean)
            .then(a.outlet.cmp(&b.outlet))
    });
    let scale = " Tone is the compound sentiment score of each article, from −1 (most negative) \
                 to +1 (most positive); news prose usually sits near 0, so small differences \
                 can matter.";
    let reading = match scored.len() {
        0 => format!(
            "No article has a tone score, so tone cannot be compared across outlets.{}",
            null_sentence(v)
        ),
        1 => format!(
            "Only {} has articles with a tone score: mean tone {}. There is nothing to compare it \
             with.{}{scale}",
            scored[0].outlet,
            est_text(&scored[0].tone.unwrap()),
            null_sentence(v)
        ),
        k => {
            let items: Vec<(&OutletRow, Est)> =
                scored.iter().map(|o| (*o, o.tone.unwrap())).collect();
            let (cmp, left_out) = comparable_est(items);
            let (lo, hi) = (cmp[0], cmp[cmp.len() - 1]);
            let (a, b) = (lo.1, hi.1);
            let mut s = format!(
                "{} mean tone ({}) is the most negative of the {} outlets{}; {} ({}) is the most \
                 positive. {}",
                possessive(&lo.0.outlet),
                est_text(&a),
                cmp.len(),
                if left_out.is_empty() {
                    String::new()
                } else {
                    format!(" with at least {MIN_CELL_N} scored articles")
                },
                possessive(&hi.0.outlet),
                est_text(&b),
                compare(a.ci(), b.ci())
            );
            if !left_out.is_empty() {
                let names: Vec<String> = left_out
                    .iter()
                    .map(|(o, e)| format!("{} ({})", o.outlet, articles(e.n)))
                    .collect();
                s.push_str(&format!(
                    " {} {} left out of this comparison.",
                    name_list(&names, 4),
                    if names.len() == 1 { "is" } else { "are" }
                ));
            }
            let _ = k;
            let cis: Vec<(f64, f64)> = scored.iter().filter_map(|o| o.tone.unwrap().ci()).collect();
            if cis.len() > 2 {
                let mut pairs = 0;
                let mut apart = 0;
                for i in 0..cis.len() {
                    for j in i + 1..cis.len() {
                        pairs += 1;
                        if !overlaps(cis[i], cis[j]) {
                            apart += 1;
                        }
                    }
                }
                s.push_str(&format!(
                    " Of the {pairs} pairs of outlets with intervals, {apart} do not overlap."
                ));
            }
            let mut small: Vec<&&OutletRow> = scored
                .iter()
                .filter(|o| o.tone.unwrap().n < SMALL_N)
                .collect();
            small.sort_by(|a, b| {
                a.tone
                    .unwrap()
                    .n
                    .cmp(&b.tone.unwrap().n)
                    .then(a.outlet.cmp(&b.outlet))
            });
            let small: Vec<String> = small
                .iter()
                .map(|o| format!("{} ({})", o.outlet, o.tone.unwrap().n))
                .collect();
            if !small.is_empty() {
                s.push_str(&format!(
                    " {} {} fewer than {SMALL_N} scored articles, so {} wide and {} \
                     unreliable.",
                    name_list(&small, 4),
                    if small.len() == 1 { "has" } else { "have" },
                    if small.len() == 1 {
                        "its interval is"
                    } else {
                        "their intervals are"
                    },
                    if small.len() == 1 {
                        "its mean"
                    } else {
                        "their means"
                    },
                ));
            }
            s.push_str(&null_sentence(v));
            s.push_str(scale);
            s
        }
    };
    let rows = v
        .outlets
        .iter()
        .map(|o| {
            vec![
                o.outlet.clone(),
                o.n_articles.to_string(),
                o.tone.map_or(0, |t| t.n).to_string(),
                o.tone.map_or("–".into(), |t| tone(t.mean)),
                o.tone
                    .and_then(|t| t.ci())
                    .map_or("–".into(), |(l, h)| format!("{} to {}", tone(l), tone(h))),
            ]
        })
        .collect();
    Section {
        anchor: "tone-by-outlet",
        heading: "Tone by outlet".into(),
        reading,
        table: Some(Table {
            headers: vec![
                "Outlet".into(),
                "Articles".into(),
                "With tone".into(),
                "Mean tone".into(),
                "95% CI".into(),
            ],
            numeric: vec![false, true, true, true, true],
            rows,
            note: None,
        }),
        ..Default::default()
    }
}

/// Outlet × topic.
pub fn topic(v: &Views) -> Section {
    let cells: Vec<_> = v.topics.iter().filter(|r| r.tone.is_some()).collect();
    let reliable: Vec<_> = cells
        .iter()
        .filter(|r| r.tone.unwrap().n >= MIN_CELL_N)
        .collect();
    let small = cells.len() - reliable.len();
    let reading = if cells.is_empty() {
        "No outlet × topic group has an article with a tone score.".to_string()
    } else if reliable.is_empty() {
        format!(
            "None of the {} outlet × topic cells has {MIN_CELL_N} or more scored articles, so the \
             heatmap shows counts but no comparison between cells is safe.",
            cells.len()
        )
    } else {
        let lo = reliable
            .iter()
            .min_by(|a, b| a.tone.unwrap().mean.total_cmp(&b.tone.unwrap().mean))
            .unwrap();
        let hi = reliable
            .iter()
            .max_by(|a, b| a.tone.unwrap().mean.total_cmp(&b.tone.unwrap().mean))
            .unwrap();
        let mut s = format!(
            "Among outlet × topic cells with at least {MIN_CELL_N} scored articles, the most \
             negative is {} on {} ({}) and the most positive is {} on {} ({}). {}",
            lo.outlet,
            topic_label(lo.topic.as_deref()),
            est_text(&lo.tone.unwrap()),
            hi.outlet,
            topic_label(hi.topic.as_deref()),
            est_text(&hi.tone.unwrap()),
            compare(lo.tone.unwrap().ci(), hi.tone.unwrap().ci())
        );
        // Article-weighted topic means across outlets: topic mix confounds outlet comparisons.
        let mut by_topic: BTreeMap<String, (f64, u64)> = BTreeMap::new();
        for r in &cells {
            let t = r.tone.unwrap();
            let e = by_topic.entry(topic_label(r.topic.as_deref())).or_default();
            e.0 += t.mean * t.n as f64;
            e.1 += t.n;
        }
        let topics: Vec<(String, f64, u64)> = by_topic
            .into_iter()
            .filter(|(_, (_, n))| *n >= MIN_CELL_N)
            .map(|(k, (s, n))| (k, s / n as f64, n))
            .collect();
        if topics.len() >= 2 {
            let tl = topics.iter().min_by(|a, b| a.1.total_cmp(&b.1)).unwrap();
            let th = topics.iter().max_by(|a, b| a.1.total_cmp(&b.1)).unwrap();
            s.push_str(&format!(
                " Across all outlets, {} is the most negative topic (mean {}, {}) and {} the most \
                 positive ({}, {}): an outlet that covers more {} will look more negative for that \
                 reason alone, so compare outlets within a topic column.",
                tl.0,
                tone(tl.1),
                articles(tl.2),
                th.0,
                tone(th.1),
                articles(th.2),
                tl.0
            ));
        }
        if small > 0 {
            s.push_str(&format!(
                " {small} of the {} cells have fewer than {MIN_CELL_N} scored articles (drawn \
                 pale) and should not be compared.",
                cells.len()
            ));
        }
        s
    };
    Section {
        anchor: "outlet-topic",
        heading: "Tone by outlet and topic".into(),
        reading,
        ..Default::default()
    }
}

/// Tone over time.
pub fn time(v: &Views) -> Section {
    let points: Vec<_> = v.periods.iter().filter(|p| p.tone.is_some()).collect();
    let undated: u64 = v.outlets.iter().map(|o| o.n_undated).sum();
    let undated_s = if undated > 0 {
        format!(
            " {} not shown (no publication date).",
            count_is(undated, "article", "articles")
        )
    } else {
        String::new()
    };
    let period = v.period.as_str();
    let reading = if points.is_empty() {
        format!("No dated article has a tone score, so there is no time series.{undated_s}")
    } else {
        let labels: BTreeSet<(i32, &str)> = points
            .iter()
            .map(|p| (p.start, p.period.as_str()))
            .collect();
        let (first, last) = (labels.first().unwrap().1, labels.last().unwrap().1);
        let mut s = format!(
            "The series covers {} from {first} to {last}.",
            plural(labels.len() as u64, period, &format!("{period}s"))
        );
        let reliable: Vec<_> = points
            .iter()
            .filter(|p| p.tone.unwrap().n >= MIN_CELL_N)
            .collect();
        if reliable.len() >= 2 {
            let lo = reliable
                .iter()
                .min_by(|a, b| a.tone.unwrap().mean.total_cmp(&b.tone.unwrap().mean))
                .unwrap();
            let hi = reliable
                .iter()
                .max_by(|a, b| a.tone.unwrap().mean.total_cmp(&b.tone.unwrap().mean))
                .unwrap();
            s.push_str(&format!(
                " Among points with at least {MIN_CELL_N} scored articles, the lowest is {} in \
                 {} ({}) and the highest is {} in {} ({}). {}",
                lo.outlet,
                lo.period,
                est_text(&lo.tone.unwrap()),
                hi.outlet,
                hi.period,
                est_text(&hi.tone.unwrap()),
                compare(lo.tone.unwrap().ci(), hi.tone.unwrap().ci())
            ));
        } else {
            s.push_str(&format!(
                " Fewer than two points have {MIN_CELL_N} or more scored articles, so changes over \
                 time cannot be told apart from noise."
            ));
        }
        let thin = points.len() - reliable.len();
        if thin > 0 {
            s.push_str(&format!(
                " {thin} of the {} points rest on fewer than {MIN_CELL_N} articles; their bands \
                 are wide or missing, and single ups and downs there mean little.",
                points.len()
            ));
        }
        s.push_str(&undated_s);
        s
    };
    Section {
        anchor: "tone-over-time",
        heading: "Tone over time".into(),
        reading,
        ..Default::default()
    }
}

/// Picks the groups a share comparison is made over: those with at least `MIN_SHARE_N`
/// observations when two or more have that many (second value true), else all of them.
fn comparable(items: Vec<(String, Share)>) -> (Vec<(String, Share)>, bool) {
    let big: Vec<_> = items
        .iter()
        .filter(|x| x.1.n >= MIN_SHARE_N)
        .cloned()
        .collect();
    if big.len() >= 2 {
        (big, true)
    } else {
        (items, false)
    }
}

/// The groups with the highest and lowest share (ties broken by name).
fn share_extremes(items: &[NamedShare]) -> Option<(&NamedShare, &NamedShare)> {
    let hi = items
        .iter()
        .max_by(|a, b| a.1.share.total_cmp(&b.1.share).then(b.0.cmp(&a.0)))?;
    let lo = items
        .iter()
        .min_by(|a, b| a.1.share.total_cmp(&b.1.share).then(a.0.cmp(&b.0)))?;
    Some((hi, lo))
}

/// Quotes and source types.
pub fn quotes(v: &Views) -> Section {
    let total: u64 = v.outlets.iter().map(|o| o.n_quotes).sum();
    let reading = if total == 0 {
        "No attributions (quotes, reported speech, “according to”) were found in any article, so \
         quoting cannot be compared across outlets."
            .to_string()
    } else {
        let mut rated: Vec<&OutletRow> = v
            .outlets
            .iter()
            .filter(|o| o.quotes_per_1k_words.is_some())
            .collect();
        rated.sort_by(|a, b| {
            b.quotes_per_1k_words
                .unwrap()
                .total_cmp(&a.quotes_per_1k_words.unwrap())
                .then(a.outlet.cmp(&b.outlet))
        });
        let mut s = String::new();
        if let (Some(most), Some(least)) = (rated.first(), rated.last()) {
            s.push_str(&format!(
                "{} quotes most: {} quotes per 1,000 words ({} in {}).",
                most.outlet,
                num(most.quotes_per_1k_words.unwrap(), 2),
                plural(most.n_quotes, "quote", "quotes"),
                articles(most.n_articles)
            ));
            if rated.len() > 1 {
                s.push_str(&format!(
                    " {} quotes least: {} per 1,000 words ({} in {}).",
                    least.outlet,
                    num(least.quotes_per_1k_words.unwrap(), 2),
                    plural(least.n_quotes, "quote", "quotes"),
                    articles(least.n_articles)
                ));
            }
        }
        let anon: Vec<(String, Share)> = v
            .outlets
            .iter()
            .filter_map(|o| o.anonymous.map(|a| (o.outlet.clone(), a)))
            .collect();
        let (anon, big) = comparable(anon);
        if anon.len() >= 2
            && let Some((hi, lo)) = share_extremes(&anon)
        {
            s.push_str(&format!(
                " The share of anonymous sources is highest at {} ({}) and lowest at {} ({}){}. {}",
                hi.0,
                share_text(&hi.1, "quotes"),
                lo.0,
                share_text(&lo.1, "quotes"),
                if big {
                    format!(", among outlets with at least {MIN_SHARE_N} quotes")
                } else {
                    String::new()
                },
                compare(Some((hi.1.low, hi.1.high)), Some((lo.1.low, lo.1.high)))
            ));
        }
        let direct: Vec<(&OutletRow, Share)> = v
            .outlets
            .iter()
            .filter_map(|o| o.direct.map(|d| (o, d)))
            .collect();
        if direct.len() >= 2 {
            let lo = direct
                .iter()
                .min_by(|a, b| a.1.share.total_cmp(&b.1.share))
                .unwrap();
            let hi = direct
                .iter()
                .max_by(|a, b| a.1.share.total_cmp(&b.1.share))
                .unwrap();
            s.push_str(&format!(
                " Direct quotes make up between {} ({}) and {} ({}) of attributions.",
                pct(lo.1.share),
                lo.0.outlet,
                pct(hi.1.share),
                hi.0.outlet
            ));
        }
        let unresolved: u64 = v.outlets.iter().map(|o| o.n_no_speaker).sum();
        if v.n_quote_rows > 0 {
            s.push_str(&format!(
                " {} of the {} attributions ({}) have no resolved speaker.",
                unresolved,
                v.n_quote_rows,
                pct(unresolved as f64 / v.n_quote_rows as f64)
            ));
        }
        s.push_str(
            " Shares treat quotes as independent; quotes from one article are not, so the \
             intervals are somewhat too narrow.",
        );
        s.trim_start().to_string()
    };
    let mut top_type: BTreeMap<&str, (&str, f64)> = BTreeMap::new();
    for m in &v.source_types {
        if let Some(s) = m.share {
            let e = top_type.entry(m.outlet.as_str()).or_insert(("", -1.0));
            if s.share > e.1 {
                *e = (m.category.as_str(), s.share);
            }
        }
    }
    let rows = v
        .outlets
        .iter()
        .map(|o| {
            let share = |s: Option<Share>| s.map_or("–".into(), |s| pct(s.share));
            vec![
                o.outlet.clone(),
                o.n_quotes.to_string(),
                o.quotes_per_article.map_or("–".into(), |x| num(x, 2)),
                o.quotes_per_1k_words.map_or("–".into(), |x| num(x, 2)),
                share(o.direct),
                share(o.anonymous),
                top_type
                    .get(o.outlet.as_str())
                    .map_or("–".into(), |(t, s)| {
                        format!("{} ({})", source_type_label(t), pct(*s))
                    }),
            ]
        })
        .collect();
    Section {
        anchor: "quotes",
        heading: "Quotes and source types".into(),
        reading,
        table: Some(Table {
            headers: vec![
                "Outlet".into(),
                "Quotes".into(),
                "Per article".into(),
                "Per 1,000 words".into(),
                "Direct".into(),
                "Anonymous".into(),
                "Most common source type".into(),
            ],
            numeric: vec![false, true, true, true, true, true, false],
            rows,
            note: None,
        }),
        ..Default::default()
    }
}

/// Outlet × entity.
pub fn entities(v: &Views) -> Section {
    let top = top_entities(v);
    let mut rows = Vec::new();
    let reading = if top.is_empty() {
        "No mention of a known entity has a tone score, so tone toward actors cannot be compared."
            .to_string()
    } else {
        for (id, name, n) in &top {
            let es: Vec<_> = v
                .entities
                .iter()
                .filter(|e| &e.entity == id && e.tone.is_some())
                .collect();
            let items: Vec<(&crate::render::views::EntityRow, Est)> =
                es.iter().map(|e| (*e, e.tone.unwrap())).collect();
            let (cmp, _) = comparable_est(items);
            let lo = cmp
                .iter()
                .min_by(|a, b| a.1.mean.total_cmp(&b.1.mean))
                .unwrap()
                .0;
            let hi = cmp
                .iter()
                .max_by(|a, b| a.1.mean.total_cmp(&b.1.mean))
                .unwrap()
                .0;
            let cell = |e: &crate::render::views::EntityRow| {
                format!(
                    "{} ({}, n={})",
                    e.outlet,
                    tone(e.tone.unwrap().mean),
                    e.tone.unwrap().n
                )
            };
            rows.push(vec![
                name.clone(),
                es.len().to_string(),
                n.to_string(),
                cell(lo),
                if cmp.len() > 1 {
                    cell(hi)
                } else {
                    "–".into()
                },
            ]);
        }
        let (id, name, n) = &top[0];
        let es: Vec<_> = v
            .entities
            .iter()
            .filter(|e| &e.entity == id && e.tone.is_some())
            .collect();
        let mut s = format!(
            "{name} is the most covered entity: {} with a tone score across {}.",
            articles(*n),
            plural(es.len() as u64, "outlet", "outlets")
        );
        let items: Vec<(&crate::render::views::EntityRow, Est)> =
            es.iter().map(|e| (*e, e.tone.unwrap())).collect();
        let (cmp, left_out) = comparable_est(items);
        if cmp.len() >= 2 {
            let lo = cmp
                .iter()
                .min_by(|a, b| a.1.mean.total_cmp(&b.1.mean))
                .unwrap();
            let hi = cmp
                .iter()
                .max_by(|a, b| a.1.mean.total_cmp(&b.1.mean))
                .unwrap();
            s.push_str(&format!(
                " Tone toward {name} ranges from {} at {} ({}) to {} at {} ({}){}. {}",
                tone(lo.1.mean),
                lo.0.outlet,
                est_text(&lo.1)
                    .split_once(", ")
                    .map_or(String::new(), |x| x.1.to_string()),
                tone(hi.1.mean),
                hi.0.outlet,
                est_text(&hi.1)
                    .split_once(", ")
                    .map_or(String::new(), |x| x.1.to_string()),
                if left_out.is_empty() {
                    String::new()
                } else {
                    format!(" among outlets with at least {MIN_CELL_N} such articles")
                },
                compare(lo.1.ci(), hi.1.ci())
            ));
        }
        // Article-weighted mean per entity across outlets.
        let overall: Vec<(String, f64, u64)> = top
            .iter()
            .filter(|(_, _, n)| *n >= MIN_CELL_N)
            .map(|(id, name, n)| {
                let sum: f64 = v
                    .entities
                    .iter()
                    .filter(|e| &e.entity == id)
                    .filter_map(|e| e.tone.map(|t| t.mean * t.n as f64))
                    .sum();
                (name.clone(), sum / *n as f64, *n)
            })
            .collect();
        if overall.len() >= 2 {
            let lo = overall.iter().min_by(|a, b| a.1.total_cmp(&b.1)).unwrap();
            let hi = overall.iter().max_by(|a, b| a.1.total_cmp(&b.1)).unwrap();
            s.push_str(&format!(
                " Across outlets, the most negative tone among the top entities is toward {} \
                 (mean {}, {}) and the most positive toward {} ({}, {}).",
                lo.0,
                tone(lo.1),
                articles(lo.2),
                hi.0,
                tone(hi.1),
                articles(hi.2)
            ));
        }
        let (m, q): (u64, u64) = v.entities.iter().fold((0, 0), |acc, e| {
            (acc.0 + e.n_mentions, acc.1 + e.n_in_quote)
        });
        if m > 0 {
            s.push_str(&format!(
                " {} of the {m} mentions sit inside quoted speech, where the tone is the \
                 speaker's rather than the outlet's.",
                pct(q as f64 / m as f64)
            ));
        }
        s.push_str(
            " Tone toward an entity is, in English, the tone-toward-actors model's score for each \
             mention (what the clause says about that actor, not the whole sentence's mood) and, \
             in other languages, the sentiment of the sentence that mentions it; it is averaged \
             per article, and intervals are over articles, so several mentions in one article \
             count once.",
        );
        s
    };
    Section {
        anchor: "entities",
        heading: "Tone toward entities".into(),
        reading,
        table: (!rows.is_empty()).then(|| Table {
            headers: vec![
                "Entity".into(),
                "Outlets".into(),
                "Articles".into(),
                "Most negative outlet (tone, n)".into(),
                "Most positive outlet (tone, n)".into(),
            ],
            numeric: vec![false, true, true, false, false],
            rows,
            note: Some("All outlet × entity rows: tables/outlet_entity.csv.".into()),
        }),
        ..Default::default()
    }
}

/// Voice: who is quoted.
pub fn voice(v: &Views) -> Section {
    let mut by_outlet: BTreeMap<&str, Vec<&crate::render::views::SpeakerRow>> = BTreeMap::new();
    for s in &v.speakers {
        by_outlet.entry(s.outlet.as_str()).or_default().push(s);
    }
    let reading = if v.speakers.is_empty() {
        if v.n_quote_rows == 0 {
            "No attributions were found, so there are no quoted speakers to compare.".to_string()
        } else {
            format!(
                "None of the {} attributions has a resolved speaker name, so voice cannot be \
                 compared.",
                v.n_quote_rows
            )
        }
    } else {
        let mut outlets: Vec<(&str, u64)> = by_outlet
            .iter()
            .map(|(o, ss)| (*o, ss[0].voice.map_or(0, |x| x.n)))
            .collect();
        outlets.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let parts: Vec<String> = outlets
            .iter()
            .take(4)
            .map(|(o, total)| {
                let s = by_outlet[o][0];
                format!(
                    "at {o} it is {} ({}, {} of its {total} quotes)",
                    s.speaker,
                    plural(s.n_quotes, "quote", "quotes"),
                    pct(s.voice.map_or(0.0, |x| x.share))
                )
            })
            .collect();
        let mut s = format!(
            "The most-quoted speaker differs by outlet: {}{}.",
            parts.join("; "),
            if outlets.len() > 4 {
                format!("; the other {} outlets are in the table", outlets.len() - 4)
            } else {
                String::new()
            }
        );
        let mut outlets_per_speaker: BTreeMap<&str, u64> = BTreeMap::new();
        for sp in &v.speakers {
            *outlets_per_speaker.entry(sp.speaker.as_str()).or_default() += 1;
        }
        let shared = outlets_per_speaker.values().filter(|n| **n > 1).count();
        if by_outlet.len() > 1 {
            let (widest, k) = outlets_per_speaker
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                .unwrap();
            s.push_str(&format!(
                " Of {} distinct speakers, {shared} are quoted by more than one outlet; {widest} \
                 is quoted by the most ({} of {}).",
                outlets_per_speaker.len(),
                k,
                by_outlet.len()
            ));
        }
        let unresolved: u64 = v.outlets.iter().map(|o| o.n_no_speaker).sum();
        if unresolved > 0 {
            s.push_str(&format!(
                " {unresolved} of {} attributions ({}) have no resolved speaker and are not \
                 credited to anyone here.",
                v.n_quote_rows,
                pct(unresolved as f64 / v.n_quote_rows.max(1) as f64)
            ));
        }
        s
    };
    let rows: Vec<Vec<String>> = by_outlet
        .iter()
        .map(|(o, ss)| {
            vec![
                o.to_string(),
                ss[0].voice.map_or(0, |x| x.n).to_string(),
                ss.iter()
                    .take(3)
                    .map(|s| format!("{} ({})", s.speaker, s.n_quotes))
                    .collect::<Vec<_>>()
                    .join("; "),
            ]
        })
        .collect();
    Section {
        anchor: "voice",
        heading: "Voice: who is quoted".into(),
        reading,
        table: (!rows.is_empty()).then(|| Table {
            headers: vec![
                "Outlet".into(),
                "Quotes".into(),
                "Top 3 speakers (quotes)".into(),
            ],
            numeric: vec![false, true, false],
            rows,
            note: Some(format!(
                "The chart shows up to {TOP_SPEAKERS} speakers per outlet; every speaker is in \
                 tables/outlet_speaker.csv."
            )),
        }),
        ..Default::default()
    }
}

/// Verb framing: reporting-verb connotation, by outlet and by speaker.
pub fn verbs(v: &Views) -> Section {
    let mut by_outlet: BTreeMap<&str, BTreeMap<&str, Share>> = BTreeMap::new();
    for m in &v.connotations {
        if let Some(s) = m.share {
            by_outlet
                .entry(m.outlet.as_str())
                .or_default()
                .insert(m.category.as_str(), s);
        }
    }
    let reading = if by_outlet.is_empty() {
        if v.n_quote_rows == 0 {
            "No attributions were found, so there are no reporting verbs to compare.".to_string()
        } else {
            "No attribution has a reporting verb with a known connotation.".to_string()
        }
    } else {
        let (neutral, total) = by_outlet.values().fold((0u64, 0u64), |acc, m| {
            let n = m.values().next().map_or(0, |s| s.n);
            (acc.0 + m.get("neutral").map_or(0, |s| s.k), acc.1 + n)
        });
        let mut s = format!(
            "Across outlets, {} of the {total} quotes with a classified reporting verb use a \
             neutral verb (“said”, “a déclaré”).",
            pct(neutral as f64 / total.max(1) as f64)
        );
        let doubt: Vec<(String, Share)> = by_outlet
            .iter()
            .filter_map(|(o, m)| m.get("doubt").map(|d| (o.to_string(), *d)))
            .collect();
        let (doubt, big) = comparable(doubt);
        if doubt.len() >= 2
            && let Some((hi, lo)) = share_extremes(&doubt)
        {
            s.push_str(&format!(
                " {} uses doubt verbs (“claimed”, “alleged”) most: {}; {} least: {}{}. {}",
                hi.0,
                share_text(&hi.1, "verbs"),
                lo.0,
                share_text(&lo.1, "verbs"),
                if big {
                    format!(" (among outlets with at least {MIN_SHARE_N} verbs)")
                } else {
                    String::new()
                },
                compare(Some((hi.1.low, hi.1.high)), Some((lo.1.low, lo.1.high)))
            ));
        }
        // Connotation by speaker: is one side "claiming" while the other "says"?
        let doubt_i = CONNOTATIONS.iter().position(|c| *c == "doubt").unwrap();
        let neutral_i = CONNOTATIONS.iter().position(|c| *c == "neutral").unwrap();
        let eligible: Vec<_> = v.speakers.iter().filter(|s| s.n_verb >= 5).collect();
        if let Some(top) = eligible
            .iter()
            .filter(|s| s.connotation[doubt_i].is_some_and(|d| d > 0.0))
            .max_by(|a, b| {
                a.connotation[doubt_i]
                    .unwrap()
                    .total_cmp(&b.connotation[doubt_i].unwrap())
                    .then(a.n_verb.cmp(&b.n_verb))
                    .then(b.speaker.cmp(&a.speaker))
            })
        {
            s.push_str(&format!(
                " By speaker (at least 5 classified verbs), {} at {} is introduced with doubt \
                 verbs most often: {} of {} verbs",
                top.speaker,
                top.outlet,
                pct(top.connotation[doubt_i].unwrap()),
                top.n_verb
            ));
            let contrast = eligible
                .iter()
                .filter(|s| s.outlet == top.outlet && s.speaker != top.speaker)
                .max_by(|a, b| {
                    a.connotation[neutral_i]
                        .unwrap_or(0.0)
                        .total_cmp(&b.connotation[neutral_i].unwrap_or(0.0))
                        .then(b.speaker.cmp(&a.speaker))
                });
            match contrast {
                Some(c) => s.push_str(&format!(
                    ", while {} at the same outlet gets a neutral verb {} of the time ({} verbs).",
                    c.speaker,
                    pct(c.connotation[neutral_i].unwrap_or(0.0)),
                    c.n_verb
                )),
                None => s.push('.'),
            }
            s.push_str(
                " With so few verbs per speaker, such contrasts are indications, not proof.",
            );
        } else {
            s.push_str(
                " No speaker has both 5 or more classified verbs and any doubt verb, so there is no \
                 speaker-level contrast to report.",
            );
        }
        s
    };
    let rows: Vec<Vec<String>> = by_outlet
        .iter()
        .map(|(o, m)| {
            let mut r = vec![
                o.to_string(),
                m.values().next().map_or(0, |s| s.n).to_string(),
            ];
            for c in CONNOTATIONS {
                r.push(m.get(c).map_or("–".into(), |s| pct(s.share)));
            }
            r
        })
        .collect();
    let mut headers = vec!["Outlet".to_string(), "Verbs".to_string()];
    headers.extend(CONNOTATIONS.iter().map(|c| connotation_label(c)));
    Section {
        anchor: "verb-framing",
        heading: "Verb framing".into(),
        reading,
        table: (!rows.is_empty()).then(|| Table {
            headers,
            numeric: vec![false, true, true, true, true, true, true, true],
            rows,
            note: Some(
                "Connotation by speaker: tables/outlet_speaker.csv (columns *_share).".into(),
            ),
        }),
        ..Default::default()
    }
}

/// Wire copy and syndication.
pub fn syndication(v: &Views) -> Section {
    let n: u64 = v.outlets.iter().map(|o| o.n_articles).sum();
    let synd: u64 = v
        .outlets
        .iter()
        .filter_map(|o| o.syndicated.map(|s| s.k))
        .sum();
    let wire: u64 = v.outlets.iter().map(|o| o.n_wire_credit).sum();
    let mut reading = if synd == 0 {
        format!(
            "None of the {} is marked as a republished copy of another outlet's story; {} credit \
             a wire agency.",
            articles(n),
            wire
        )
    } else {
        format!(
            "Of {}, {} ({}) are republished copies of a story first seen at another outlet, and \
             {} credit a wire agency.",
            articles(n),
            synd,
            pct(synd as f64 / n.max(1) as f64),
            wire
        )
    };
    let shares: Vec<(&OutletRow, Share)> = v
        .outlets
        .iter()
        .filter_map(|o| o.syndicated.map(|s| (o, s)))
        .collect();
    if synd > 0
        && let Some(hi) = shares.iter().max_by(|a, b| {
            a.1.share
                .total_cmp(&b.1.share)
                .then(b.0.outlet.cmp(&a.0.outlet))
        })
    {
        reading.push_str(&format!(
            " The share is highest at {} ({}). Syndicated copies repeat another outlet's \
             wording, so an outlet's tone partly reflects its sources.",
            hi.0.outlet,
            share_text(&hi.1, "articles")
        ));
    }
    let rows = v
        .outlets
        .iter()
        .map(|o| {
            vec![
                o.outlet.clone(),
                o.n_articles.to_string(),
                o.syndicated.map_or("–".into(), |s| {
                    format!("{} ({} to {})", pct(s.share), pct(s.low), pct(s.high))
                }),
                o.n_wire_credit.to_string(),
            ]
        })
        .collect();
    Section {
        anchor: "syndication",
        heading: "Wire copy and syndication".into(),
        reading,
        table: Some(Table {
            headers: vec![
                "Outlet".into(),
                "Articles".into(),
                "Syndicated (95% CI)".into(),
                "Credit a wire agency".into(),
            ],
            numeric: vec![false, true, true, true],
            rows,
            note: None,
        }),
        ..Default::default()
    }
}

/// How the numbers were computed.
pub fn method_section() -> Section {
    Section {
        anchor: "method",
        heading: "Method and tables".into(),
        reading: "How to read the figures in this report, and where the underlying numbers are."
            .into(),
        bullets: vec![
            "Tone: each article's compound sentiment score (−1 to +1). Group means come with a \
             95% Student-t confidence interval (n − 1 degrees of freedom); groups of one article \
             have no interval. Articles without a tone score are excluded from means and counted \
             in n_tone_null."
                .into(),
            "Shares (direct quotes, anonymous sources, source types, verb connotations, \
             syndication) come with 95% Wilson score intervals."
                .into(),
            "Tone toward an entity is averaged per article first; the interval is over articles, \
             because mentions in one article are not independent."
                .into(),
            "Two 95% intervals that do not overlap indicate a difference unlikely to be chance; \
             overlapping intervals do not prove that there is no difference."
                .into(),
            "Tables: tables/outlet_summary, outlet_topic, outlet_entity, timeseries, \
             outlet_speaker, outlet_source_types, outlet_connotation (CSV and Parquet), plus the \
             scored articles, quotes and mentions. Every column is described in CODEBOOK.md."
                .into(),
        ],
        ..Default::default()
    }
}
