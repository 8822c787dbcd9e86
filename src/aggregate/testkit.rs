//! Hand-built scored tables for tests: rows with only the fields a test cares about, the rest
//! filled with neutral values, in exactly the column layout `tables::build` writes.
//!
//! Also a deterministic "realistic" generator (several outlets, one with a long name and one
//! with accents, topics, entities, months, quotes) for looking at charts and for render tests.

use chrono::NaiveDate;
use polars::prelude::*;

use crate::tables::ScoredTables;

/// One article row.
#[derive(Debug, Clone, Default)]
pub struct A {
    pub id: String,
    pub outlet: String,
    pub published: Option<NaiveDate>,
    pub language: Option<String>,
    pub topic: Option<String>,
    pub title: Option<String>,
    pub compound: Option<f64>,
    pub null_reason: Option<String>,
    pub n_words: u64,
    pub n_quotes: u64,
    pub n_direct: u64,
    pub n_anonymous: u64,
    pub n_mentions: u64,
    pub wire_credit: Option<String>,
    pub syndicated: bool,
}

/// One quote row.
#[derive(Debug, Clone, Default)]
pub struct Q {
    pub article_id: String,
    pub outlet: String,
    pub topic: Option<String>,
    pub kind: String,
    pub speaker: Option<String>,
    pub source_type: String,
    pub role: Option<String>,
    pub organization: Option<String>,
    pub verb: Option<String>,
    pub connotation: Option<String>,
}

/// One mention row.
#[derive(Debug, Clone, Default)]
pub struct M {
    pub article_id: String,
    pub outlet: String,
    pub entity: String,
    pub name: String,
    pub entity_type: String,
    pub tone: Option<f64>,
    pub in_quote: bool,
}

/// `Some(date)` from year, month, day.
pub fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn days(d: Option<NaiveDate>) -> Option<i32> {
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap();
    d.map(|d| (d - epoch).num_days() as i32)
}

fn s(v: &str) -> Option<String> {
    Some(v.to_string())
}

/// The articles table for `rows`.
pub fn articles(rows: &[A]) -> DataFrame {
    let str_col = |name: &str, f: &dyn Fn(&A) -> Option<String>| {
        Column::new(name.into(), rows.iter().map(f).collect::<Vec<_>>())
    };
    let u64_col = |name: &str, f: &dyn Fn(&A) -> u64| {
        Column::new(name.into(), rows.iter().map(f).collect::<Vec<_>>())
    };
    let f64_col = |name: &str, f: &dyn Fn(&A) -> Option<f64>| {
        Column::new(name.into(), rows.iter().map(f).collect::<Vec<_>>())
    };
    DataFrame::new_infer_height(vec![
        str_col("id", &|r| s(&r.id)),
        str_col("outlet", &|r| s(&r.outlet)),
        Column::new(
            "published".into(),
            rows.iter().map(|r| days(r.published)).collect::<Vec<_>>(),
        )
        .cast(&DataType::Date)
        .unwrap(),
        str_col("language", &|r| r.language.clone()),
        str_col("topic", &|r| r.topic.clone()),
        str_col("topic_source", &|r| {
            s(if r.topic.is_some() { "input" } else { "none" })
        }),
        str_col("title", &|r| r.title.clone()),
        str_col("url", &|_| None),
        u64_col("n_chars", &|r| r.n_words * 6),
        u64_col("n_words", &|r| r.n_words),
        u64_col("n_sentences", &|r| r.n_words / 20),
        str_col("sentiment_engine", &|r| {
            r.compound.map(|_| "news-en".into())
        }),
        f64_col("neg", &|r| r.compound.map(|_| 0.1)),
        f64_col("neu", &|r| r.compound.map(|_| 0.8)),
        f64_col("pos", &|r| r.compound.map(|_| 0.1)),
        f64_col("compound", &|r| r.compound),
        str_col("sentiment_null_reason", &|r| r.null_reason.clone()),
        u64_col("n_quotes", &|r| r.n_quotes),
        u64_col("n_direct", &|r| r.n_direct),
        u64_col("n_anonymous", &|r| r.n_anonymous),
        u64_col("n_mentions", &|r| r.n_mentions),
        str_col("wire_credit", &|r| r.wire_credit.clone()),
        str_col("syndication_cluster", &|_| None),
        Column::new(
            "syndicated".into(),
            rows.iter().map(|r| r.syndicated).collect::<Vec<_>>(),
        ),
    ])
    .unwrap()
}

/// The quotes table for `rows` (published/language are left null; offsets are placeholders).
pub fn quotes(rows: &[Q]) -> DataFrame {
    let n = rows.len();
    let str_col = |name: &str, f: &dyn Fn(&Q) -> Option<String>| {
        Column::new(name.into(), rows.iter().map(f).collect::<Vec<_>>())
    };
    DataFrame::new_infer_height(vec![
        str_col("article_id", &|r| s(&r.article_id)),
        str_col("outlet", &|r| s(&r.outlet)),
        Column::new("published".into(), vec![None::<i32>; n])
            .cast(&DataType::Date)
            .unwrap(),
        Column::new("language".into(), vec![None::<String>; n]),
        str_col("topic", &|r| r.topic.clone()),
        Column::new("quote_index".into(), (0..n as u32).collect::<Vec<_>>()),
        str_col("kind", &|r| s(&r.kind)),
        str_col("speaker", &|r| r.speaker.clone()),
        str_col("source_text", &|r| r.speaker.clone()),
        str_col("source_type", &|r| s(&r.source_type)),
        str_col("role", &|r| r.role.clone()),
        str_col("organization", &|r| r.organization.clone()),
        str_col("verb", &|r| r.verb.clone()),
        str_col("connotation", &|r| r.connotation.clone()),
        str_col("cue_text", &|r| r.verb.clone()),
        str_col("content_text", &|_| s("…")),
        Column::new("content_start".into(), vec![0u64; n]),
        Column::new("content_end".into(), vec![1u64; n]),
        Column::new("content_words".into(), vec![1u32; n]),
    ])
    .unwrap()
}

/// The mentions table for `rows`.
pub fn mentions(rows: &[M]) -> DataFrame {
    let n = rows.len();
    let str_col = |name: &str, f: &dyn Fn(&M) -> String| {
        Column::new(name.into(), rows.iter().map(f).collect::<Vec<_>>())
    };
    DataFrame::new_infer_height(vec![
        str_col("article_id", &|r| r.article_id.clone()),
        str_col("outlet", &|r| r.outlet.clone()),
        Column::new("published".into(), vec![None::<i32>; n])
            .cast(&DataType::Date)
            .unwrap(),
        Column::new("language".into(), vec![None::<String>; n]),
        Column::new("topic".into(), vec![None::<String>; n]),
        str_col("entity", &|r| r.entity.clone()),
        str_col("name", &|r| r.name.clone()),
        str_col("entity_type", &|r| r.entity_type.clone()),
        str_col("alias", &|r| r.name.clone()),
        Column::new("start".into(), vec![0u64; n]),
        Column::new("end".into(), vec![1u64; n]),
        Column::new("sentence_index".into(), vec![0u32; n]),
        Column::new(
            "tone".into(),
            rows.iter().map(|r| r.tone).collect::<Vec<_>>(),
        ),
        Column::new("tone_method".into(), vec!["sentence"; n]),
        Column::new(
            "in_quote".into(),
            rows.iter().map(|r| r.in_quote).collect::<Vec<_>>(),
        ),
    ])
    .unwrap()
}

/// Scored tables from row lists.
pub fn tables(a: &[A], q: &[Q], m: &[M]) -> ScoredTables {
    ScoredTables {
        articles: articles(a),
        quotes: quotes(q),
        mentions: mentions(m),
    }
}

/// A small deterministic pseudo-random generator (64-bit LCG, Knuth's MMIX constants), so the
/// realistic fixture is the same on every machine without a dependency.
pub struct Lcg(u64);

impl Lcg {
    pub fn new(seed: u64) -> Self {
        Lcg(seed)
    }
    /// Uniform in [0, 1).
    pub fn next_f64(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
    /// Uniform integer in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        ((self.next_f64() * n as f64) as usize).min(n.saturating_sub(1))
    }
    /// Approximately normal (sum of 4 uniforms, rescaled), mean `m`, sd `sd`.
    pub fn normal(&mut self, m: f64, sd: f64) -> f64 {
        let u: f64 = (0..4).map(|_| self.next_f64()).sum::<f64>() - 2.0;
        m + sd * u * (3.0f64).sqrt()
    }
}

/// The outlets of the realistic fixture: (name, language, tone bias, articles).
pub const REALISTIC_OUTLETS: [(&str, &str, f64, usize); 6] = [
    ("The Daily Chronicle", "en", -0.15, 110),
    ("Le Quotidien de l'Économie Française", "fr", 0.05, 70),
    ("Global Wire Service", "en", 0.0, 90),
    (
        "The International Review of Politics, Economics and Foreign Affairs Weekly",
        "en",
        -0.05,
        40,
    ),
    ("Kyiv Daily Témoignages", "fr", -0.3, 25),
    ("Small Town Gazette", "en", 0.2, 4),
];

/// A realistic-looking scored corpus: 6 outlets (a long name, accented French names, a tiny
/// outlet), 6 topics, 7 entities, 7 months of 2024, quotes with speakers, source types and verb
/// connotations, some null tones and undated articles. Deterministic.
pub fn realistic() -> ScoredTables {
    realistic_scaled(1)
}

/// [`realistic`] with `scale` times as many articles per outlet (for determinism checks on
/// tables big enough for polars to parallelise).
pub fn realistic_scaled(scale: usize) -> ScoredTables {
    let topics = [
        "politics",
        "economy",
        "war_security",
        "diplomacy",
        "energy",
        "société",
    ];
    let entities = [
        ("vladimir_putin", "Vladimir Putin", "person", -0.35),
        ("volodymyr_zelensky", "Volodymyr Zelensky", "person", 0.15),
        ("emmanuel_macron", "Emmanuel Macron", "person", 0.05),
        ("nato", "NATO", "organization", 0.0),
        ("european_union", "European Union", "institution", 0.1),
        ("donald_trump", "Donald Trump", "person", -0.1),
        ("joe_biden", "Joe Biden", "person", 0.02),
    ];
    let speakers = [
        (
            "Dmitri Peskov",
            "person",
            Some("spokesman"),
            Some("Kremlin"),
        ),
        ("Vladimir Putin", "person", Some("president"), None),
        ("Volodymyr Zelensky", "person", Some("president"), None),
        (
            "Ursula von der Leyen",
            "person",
            Some("president"),
            Some("European Commission"),
        ),
        (
            "Jens Stoltenberg",
            "person",
            Some("secretary general"),
            Some("NATO"),
        ),
        ("Élisabeth Borne", "person", Some("Première ministre"), None),
        ("Reuters", "wire_agency", None, None),
        ("TASS", "state_media", None, None),
        ("Ministry of Defence", "organization", None, None),
    ];
    let conns = [
        ("say", "neutral"),
        ("say", "neutral"),
        ("say", "neutral"),
        ("note", "assertive"),
        ("claim", "doubt"),
        ("admit", "concession"),
        ("deny", "denial"),
        ("lament", "emotion"),
    ];
    let kinds = [
        "direct",
        "direct",
        "indirect",
        "mixed",
        "according_to",
        "floating",
    ];
    let mut rng = Lcg::new(20_240_101);
    let (mut a, mut q, mut m) = (Vec::new(), Vec::new(), Vec::new());
    for (oi, (outlet, lang, bias, n)) in REALISTIC_OUTLETS.iter().enumerate() {
        for k in 0..*n * scale {
            let id = format!("o{oi}-a{k:05}");
            let topic = topics[rng.below(topics.len())];
            let month = 1 + rng.below(7) as u32;
            let published = if rng.next_f64() < 0.03 {
                None
            } else {
                ymd(2024, month, 1 + rng.below(28) as u32)
            };
            let topic_shift = match topic {
                "war_security" => -0.25,
                "economy" => 0.05,
                "société" => 0.1,
                _ => 0.0,
            };
            let trend = 0.03 * (month as f64 - 4.0) * if oi % 2 == 0 { 1.0 } else { -1.0 };
            let compound = if rng.next_f64() < 0.05 {
                None
            } else {
                Some(
                    rng.normal(bias + topic_shift + trend, 0.25)
                        .clamp(-1.0, 1.0),
                )
            };
            let n_words = 250 + rng.below(900) as u64;
            let n_quotes = rng.below(if oi == 2 { 9 } else { 6 }) as u64;
            let (mut n_direct, mut n_anon) = (0, 0);
            for _ in 0..n_quotes {
                let kind = kinds[rng.below(kinds.len())];
                let anonymous = rng.next_f64() < if oi == 4 { 0.3 } else { 0.1 };
                let (speaker, st, role, org) = if anonymous {
                    (None, "anonymous", None, None)
                } else if rng.next_f64() < 0.12 {
                    (None, "pronoun_unresolved", None, None)
                } else {
                    // Outlets favour different speakers.
                    let i = (rng.below(speakers.len()) + if rng.next_f64() < 0.4 { oi } else { 0 })
                        % speakers.len();
                    let sp = speakers[i];
                    (Some(sp.0.to_string()), sp.1, sp.2, sp.3)
                };
                let (verb, conn) = if kind == "according_to" {
                    (None, None)
                } else {
                    // Doubt verbs for the Kremlin spokesman at one outlet.
                    let c = if oi == 0 && speaker.as_deref() == Some("Dmitri Peskov") {
                        conns[4 + rng.below(3)]
                    } else {
                        conns[rng.below(conns.len())]
                    };
                    (Some(c.0.to_string()), Some(c.1.to_string()))
                };
                if matches!(kind, "direct" | "mixed") {
                    n_direct += 1;
                }
                if st == "anonymous" {
                    n_anon += 1;
                }
                q.push(Q {
                    article_id: id.clone(),
                    outlet: outlet.to_string(),
                    topic: Some(topic.to_string()),
                    kind: kind.to_string(),
                    speaker,
                    source_type: st.to_string(),
                    role: role.map(str::to_string),
                    organization: org.map(str::to_string),
                    verb,
                    connotation: conn,
                });
            }
            let mut n_mentions = 0;
            for (eid, name, et, etone) in entities {
                if rng.next_f64() < 0.35 {
                    for _ in 0..1 + rng.below(3) {
                        n_mentions += 1;
                        m.push(M {
                            article_id: id.clone(),
                            outlet: outlet.to_string(),
                            entity: eid.to_string(),
                            name: name.to_string(),
                            entity_type: et.to_string(),
                            tone: compound
                                .map(|c| (0.5 * c + rng.normal(etone, 0.3)).clamp(-1.0, 1.0)),
                            in_quote: rng.next_f64() < 0.2,
                        });
                    }
                }
            }
            a.push(A {
                id,
                outlet: outlet.to_string(),
                published,
                language: Some(lang.to_string()),
                topic: Some(topic.to_string()),
                title: Some(format!("Story {k} from {outlet}")),
                compound,
                null_reason: compound.is_none().then(|| "empty".to_string()),
                n_words,
                n_quotes,
                n_direct,
                n_anonymous: n_anon,
                n_mentions,
                wire_credit: (rng.next_f64() < 0.15).then(|| "AFP".to_string()),
                syndicated: rng.next_f64() < if oi == 2 { 0.02 } else { 0.12 },
            });
        }
    }
    tables(&a, &q, &m)
}
