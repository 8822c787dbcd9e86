//! Rendering tests: chart files and sizes, "no data" handling, readings generated from known
//! numbers, escaping of input text, fixed file names, accented glyphs.
//!
//! Set `SLANT_RENDER_KEEP=DIR` to keep the rendered realistic fixture in `DIR` for viewing.

use std::path::{Path, PathBuf};

use super::charts::{self, Drawn};
use super::*;
use crate::aggregate::testkit::{A, M, Q, realistic, tables, ymd};
use crate::aggregate::{AggregateOptions, Period, aggregate};

/// Width and height from a PNG's IHDR chunk.
fn png_size(path: &Path) -> (u32, u32) {
    let b = std::fs::read(path).unwrap();
    assert_eq!(
        &b[..8],
        b"\x89PNG\r\n\x1a\n",
        "{} is not a PNG",
        path.display()
    );
    let w = u32::from_be_bytes(b[16..20].try_into().unwrap());
    let h = u32::from_be_bytes(b[20..24].try_into().unwrap());
    (w, h)
}

fn facts(scored: u64) -> RunFacts {
    RunFacts {
        input_records: scored + 2,
        scored,
        rejected: 1,
        duplicates: 1,
        inputs: vec!["data/articles.jsonl".into()],
        version: "0.1.0".into(),
    }
}

fn out_dir(name: &str) -> (Option<tempfile::TempDir>, PathBuf) {
    match std::env::var_os("SLANT_RENDER_KEEP") {
        Some(d) => {
            let p = PathBuf::from(d).join(name);
            std::fs::create_dir_all(&p).unwrap();
            (None, p)
        }
        None => {
            let t = tempfile::tempdir().unwrap();
            let p = t.path().to_path_buf();
            (Some(t), p)
        }
    }
}

fn render_tables(t: &ScoredTables, period: Period, out: &Path) -> Vec<PathBuf> {
    let agg = aggregate(t, &AggregateOptions { period }).unwrap();
    render(t, &agg, &facts(t.articles.height() as u64), out).unwrap()
}

const CHART_FILES: [&str; 7] = [
    "tone_by_outlet.png",
    "outlet_topic_tone.png",
    "tone_over_time.png",
    "quotes_sources.png",
    "outlet_entity_tone.png",
    "voice_speakers.png",
    "verb_framing.png",
];

#[test]
fn realistic_fixture_draws_every_chart_at_full_size() {
    let (_tmp, out) = out_dir("realistic");
    let t = realistic();
    let agg = aggregate(&t, &AggregateOptions::default()).unwrap();
    let views = views::Views::read(&t, &agg).unwrap();
    let drawn = charts::render_all(&views, &out.join("charts")).unwrap();
    assert_eq!(
        drawn.iter().map(|c| c.file_name).collect::<Vec<_>>(),
        CHART_FILES
    );
    for c in &drawn {
        assert!(
            matches!(c.drawn, Drawn::Chart { .. }),
            "{} drew no data: {:?}",
            c.file_name,
            c.drawn
        );
        let (w, h) = png_size(&c.path);
        assert!(w >= 1000 && h >= 600, "{} is {w}x{h}", c.file_name);
    }
    let files = render(&t, &agg, &facts(t.articles.height() as u64), &out).unwrap();
    for f in ["report.md", "report.html", "tables/outlet_speaker.csv"] {
        assert!(files.contains(&out.join(f)), "{f} not reported as written");
    }
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert_eq!(html.matches("data:image/png;base64,").count(), 7);
    assert!(
        !html.contains("src=\"charts/"),
        "report.html must not link to files"
    );
    // The French outlet name keeps its accents in both reports.
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    assert!(md.contains("Le Quotidien de l'Économie Française"));
    assert!(html.contains("Le Quotidien de l&#39;Économie Française"));
}

#[test]
fn weekly_and_daily_series_render() {
    for period in [Period::Week, Period::Day] {
        let (_tmp, out) = out_dir(&format!("realistic-{}", period.as_str()));
        render_tables(&realistic(), period, &out);
        let (w, h) = png_size(&out.join("charts/tone_over_time.png"));
        assert!(w >= 1000 && h >= 600);
    }
}

#[test]
fn empty_tables_give_no_data_pictures_and_the_report_says_so() {
    let (_tmp, out) = out_dir("empty");
    render_tables(&tables(&[], &[], &[]), Period::Month, &out);
    for f in CHART_FILES {
        let (w, h) = png_size(&out.join("charts").join(f));
        assert!(w >= 1000 && h >= 600, "{f} is {w}x{h}");
    }
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    assert_eq!(md.matches("*No chart: ").count(), 7, "{md}");
    assert!(md.contains("No article has a tone score, so tone cannot be compared"));
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert_eq!(html.matches("<p class=\"nodata\">").count(), 7);
}

#[test]
fn articles_without_quotes_or_tone_still_render() {
    // Compound null everywhere and no quotes: the state of a run whose sentiment and
    // attribution engines produced nothing.
    let a: Vec<A> = (0..4)
        .map(|i| A {
            id: format!("a{i}"),
            outlet: if i < 2 { "X" } else { "Y" }.into(),
            published: ymd(2024, 1 + i as u32, 1),
            null_reason: Some("unsupported_language:de".into()),
            n_words: 100,
            ..Default::default()
        })
        .collect();
    let (_tmp, out) = out_dir("no-quotes");
    render_tables(&tables(&a, &[], &[]), Period::Month, &out);
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    assert!(
        md.contains(
            "4 of 4 articles have no tone score (most often: unsupported\\_language:de, 4)"
        ),
        "{md}"
    );
    assert!(md.contains("No attributions (quotes, reported speech, “according to”) were found"));
    assert!(md.contains("*No chart: No attribution"));
}

fn tones(id: &str, outlet: &str, values: &[f64]) -> Vec<A> {
    values
        .iter()
        .enumerate()
        .map(|(i, v)| A {
            id: format!("{id}{i}"),
            outlet: outlet.into(),
            published: ymd(2024, 3, 1 + i as u32),
            topic: Some("politics".into()),
            compound: Some(*v),
            n_words: 500,
            ..Default::default()
        })
        .collect()
}

#[test]
fn tone_reading_states_means_intervals_and_overlap() {
    // X: five −0.4 and five −0.2: mean −0.3, sd = sqrt(10 · 0.01 / 9) = 0.1054093,
    // se = 0.0333333, t(0.975; 9) = 2.2621572 → half 0.0754052 → [−0.3754, −0.2246].
    // Y: five 0.2 and five 0.4 → 0.3, [0.2246, 0.3754]. Intervals do not overlap.
    let mut a = tones(
        "x",
        "X",
        &[-0.4, -0.2, -0.4, -0.2, -0.4, -0.2, -0.4, -0.2, -0.4, -0.2],
    );
    a.extend(tones(
        "y",
        "Y",
        &[0.2, 0.4, 0.2, 0.4, 0.2, 0.4, 0.2, 0.4, 0.2, 0.4],
    ));
    // Z: two articles 0.0 and 0.1 → mean 0.05, sd 0.0707107, se 0.05, half 12.7062 · 0.05.
    a.extend(tones("z", "Z", &[0.0, 0.1]));
    let (_tmp, out) = out_dir("reading");
    render_tables(&tables(&a, &[], &[]), Period::Month, &out);
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    // Z rests on 2 articles: it is left out of the extremes, and said so.
    let want = "X's mean tone (−0.30, 95% CI −0.38 to −0.22, 10 articles) is the most negative \
                of the 2 outlets with at least 5 scored articles; Y's (0.30, 95% CI 0.22 to 0.38, \
                10 articles) is the most positive. Their 95% intervals do not overlap, so the \
                difference is unlikely to be chance. Z (2 articles) is left out of this \
                comparison.";
    assert!(md.contains(want), "{md}");
    // Pairs: X–Y apart; Z's interval (−0.59 to 0.69) overlaps both.
    assert!(md.contains("Of the 3 pairs of outlets with intervals, 1 do not overlap."));
    assert!(md.contains(
        "Z (2), X (10) and Y (10) have fewer than 30 scored articles, so their intervals are wide"
    ));
    assert!(md.contains("| Z | 2 | 2 | 0.05 | −0.59 to 0.69 |"), "{md}");
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(html.contains("X&#39;s mean tone (−0.30, 95% CI −0.38 to −0.22, 10 articles)"));
}

#[test]
fn overlapping_intervals_are_called_overlapping() {
    let mut a = tones("x", "X", &[-0.3, 0.1]);
    a.extend(tones("y", "Y", &[0.0, 0.2]));
    let (_tmp, out) = out_dir("overlap");
    render_tables(&tables(&a, &[], &[]), Period::Month, &out);
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    assert!(md.contains(
        "Their 95% intervals overlap, so the data do not show a clear difference between them."
    ));
}

#[test]
fn quote_and_verb_readings_use_the_numbers() {
    // Outlet P: 10 quotes, 4 anonymous, 5 doubt verbs of 10; outlet R: 10 quotes, 0 anonymous,
    // 1 doubt verb. Wilson(4, 10) = [17%, 69%]; Wilson(0, 10) = [0%, 28%] → overlap.
    let mut a = tones("p", "P", &[0.1, 0.1]);
    a.extend(tones("r", "R", &[0.1, 0.1]));
    for x in a.iter_mut() {
        x.n_quotes = 5;
        x.n_anonymous = if x.outlet == "P" { 2 } else { 0 };
    }
    let mut q = Vec::new();
    for (o, art) in [("P", "p0"), ("P", "p1"), ("R", "r0"), ("R", "r1")] {
        for i in 0..5 {
            let anonymous = o == "P" && i < 2;
            let doubt = if o == "P" {
                !(art == "p1" && i < 2)
            } else {
                art == "r0" && i == 0
            };
            q.push(Q {
                article_id: art.into(),
                outlet: o.into(),
                kind: "indirect".into(),
                speaker: (!anonymous).then(|| if i % 2 == 0 { "Ann Lee" } else { "Bo Ma" }.into()),
                source_type: if anonymous { "anonymous" } else { "person" }.into(),
                connotation: Some(if doubt { "doubt" } else { "neutral" }.into()),
                ..Default::default()
            });
        }
    }
    let doubts_p = q
        .iter()
        .filter(|x| x.outlet == "P" && x.connotation.as_deref() == Some("doubt"))
        .count();
    assert_eq!(doubts_p, 8);
    let (_tmp, out) = out_dir("quotes-reading");
    render_tables(&tables(&a, &q, &[]), Period::Month, &out);
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    assert!(
        md.contains("The share of anonymous sources is highest at P (40%, 95% CI 17% to 69%, of 10 quotes) and lowest at R (0%, 95% CI 0% to 28%, of 10 quotes), among outlets with at least 10 quotes. Their 95% intervals overlap"),
        "{md}"
    );
    // P: 8 doubt of 10 → Wilson [49%, 94%]; R: 1 of 10 → [2%, 40%]: apart.
    assert!(
        md.contains("P uses doubt verbs (“claimed”, “alleged”) most: 80%, 95% CI 49% to 94%, of 10 verbs; R least: 10%, 95% CI 2% to 40%, of 10 verbs (among outlets with at least 10 verbs). Their 95% intervals do not overlap"),
        "{md}"
    );
    assert!(md.contains("P quotes most: 10.00 quotes per 1,000 words (10 quotes in 2 articles)."));
}

#[test]
fn input_text_is_escaped_and_never_a_path() {
    let evil = "<script>alert(1)</script>";
    let amp = "Tom & Jerry's \"News\"";
    let mut a = tones("e", evil, &[-0.2, 0.1, 0.0]);
    a.extend(tones("t", amp, &[0.3, 0.2]));
    a.extend(tones("s", "../../etc/passwd", &[0.1]));
    a[0].n_quotes = 1;
    let q = vec![Q {
        article_id: "e0".into(),
        outlet: evil.into(),
        kind: "direct".into(),
        speaker: Some("<img src=x onerror=alert(2)>".into()),
        source_type: "person".into(),
        connotation: Some("doubt".into()),
        ..Default::default()
    }];
    let m = vec![M {
        article_id: "e0".into(),
        outlet: evil.into(),
        entity: "x".into(),
        name: "<b>Bold</b>".into(),
        entity_type: "person".into(),
        tone: Some(0.1),
        in_quote: false,
    }];
    let (_tmp, out) = out_dir("escape");
    render_tables(&tables(&a, &q, &m), Period::Month, &out);
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    for raw in ["<script>", "<img src=x", "<b>Bold", "Tom & Jerry"] {
        assert!(!html.contains(raw), "raw {raw} in report.html");
    }
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("Tom &amp; Jerry&#39;s &quot;News&quot;"));
    assert!(html.contains("&lt;img src=x onerror=alert(2)&gt;"));
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    for raw in ["<script>", "<img", "<b>"] {
        assert!(!md.contains(raw), "raw {raw} in report.md");
    }
    assert!(md.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(md.contains("Tom &amp; Jerry's \"News\""));
    // Only the fixed chart names exist; nothing was created from outlet names.
    let mut names: Vec<String> = std::fs::read_dir(out.join("charts"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut want: Vec<String> = CHART_FILES.iter().map(|s| s.to_string()).collect();
    want.sort();
    assert_eq!(names, want);
    assert!(!out.join("etc").exists() && !out.parent().unwrap().join("etc/passwd").exists());
}

#[test]
fn accented_glyphs_render_with_the_embedded_font() {
    use charts::canvas::{Align, Canvas};
    // Draw glyphs as the charts do, read the PNG back and compare where the ink is: the acute
    // accent adds ink above the capital E, the cedilla below the c. A missing glyph would draw
    // a box or nothing.
    let dir = tempfile::tempdir().unwrap();
    let ink = |s: &str| -> Vec<(usize, usize)> {
        let path = dir.path().join("glyph.png");
        let c = Canvas::new(&path, 100, 100).unwrap();
        c.text(
            s,
            (10, 50),
            48.0,
            false,
            plotters::style::BLACK,
            Align::Left,
        )
        .unwrap();
        c.finish().unwrap();
        let decoder =
            png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&path).unwrap()));
        let mut reader = decoder.read_info().unwrap();
        let mut buf = vec![0u8; reader.output_buffer_size()];
        let info = reader.next_frame(&mut buf).unwrap();
        assert_eq!((info.width, info.height), (100, 100));
        buf[..info.buffer_size()]
            .chunks(3)
            .enumerate()
            .filter(|(_, p)| p[0] < 128)
            .map(|(i, _)| (i % 100, i / 100))
            .collect()
    };
    let (e, e_acute) = (ink("E"), ink("É"));
    let (c, c_cedilla) = (ink("c"), ink("ç"));
    assert!(e.len() > 100, "E drew {} dark pixels", e.len());
    let e_top = e.iter().map(|p| p.1).min().unwrap();
    let above = e_acute.iter().filter(|p| p.1 + 2 < e_top).count();
    assert!(
        above >= 8,
        "É has {above} dark pixels above the E (top row {e_top})"
    );
    let c_bottom = c.iter().map(|p| p.1).max().unwrap();
    let below = c_cedilla.iter().filter(|p| p.1 > c_bottom + 1).count();
    assert!(
        below >= 8,
        "ç has {below} dark pixels below the c (bottom row {c_bottom})"
    );
}

#[test]
fn many_outlets_odd_names_and_topics_are_capped_not_crashed() {
    // 45 outlets (more than any chart shows), 20 topics, names in scripts the font lacks,
    // a 5,000-character name without spaces, newlines and emoji.
    let mut names: Vec<String> = (0..41).map(|i| format!("Outlet {i:02}")).collect();
    names.push("新华社 Xinhua 🦆".into());
    names.push("Line\nbreak\tand tab".into());
    names.push("x".repeat(5000));
    names.push("Путин Today".into());
    let mut a = Vec::new();
    let mut q = Vec::new();
    for (i, n) in names.iter().enumerate() {
        for k in 0..3 {
            let id = format!("{i}-{k}");
            a.push(A {
                id: id.clone(),
                outlet: n.clone(),
                published: ymd(2024, 1 + (k as u32 % 3), 1 + i as u32 % 28),
                topic: Some(format!("topic_{}", (i + k) % 20)),
                compound: Some(((i * 7 + k * 3) % 11) as f64 / 10.0 - 0.5),
                n_words: 300,
                n_quotes: 1,
                ..Default::default()
            });
            q.push(Q {
                article_id: id,
                outlet: n.clone(),
                kind: "direct".into(),
                speaker: Some(format!("Speaker {}", k)),
                source_type: "person".into(),
                connotation: Some("neutral".into()),
                ..Default::default()
            });
        }
    }
    let (_tmp, out) = out_dir("many");
    render_tables(&tables(&a, &q, &[]), Period::Month, &out);
    for f in CHART_FILES {
        let (w, h) = png_size(&out.join("charts").join(f));
        assert!(w >= 1000 && (600..6000).contains(&h), "{f} is {w}x{h}");
    }
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    assert!(
        md.contains("Line break and tab"),
        "newline and tab become spaces in the report"
    );
}
