//! `slant clean` and the cleaning stage of `slant run`: the seed page cleaned exactly, page
//! clutter and outlet templates, duplicates and syndication clusters, determinism, and (when the
//! PolNeAR evaluation texts are present) that cleaning keeps the gold attribution spans.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;

fn slant() -> Command {
    Command::new(env!("CARGO_BIN_EXE_slant"))
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures/clean").join(name)
}

/// Runs `slant <args>` (optionally with `stdin`), asserts success, returns stdout lines as JSON.
fn clean_json(args: &[&str], stdin: Option<&str>) -> Vec<Value> {
    let mut cmd = slant();
    cmd.current_dir(repo())
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        });
    let mut child = cmd.spawn().unwrap();
    if let Some(s) = stdin {
        child.stdin.take().unwrap().write_all(s.as_bytes()).unwrap();
    }
    let o = child.wait_with_output().unwrap();
    assert!(
        o.status.success(),
        "slant {args:?} failed:\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// The paragraphs of the seed page (blank-line separated), as scraped.
fn seed_paragraphs() -> Vec<String> {
    let line = std::fs::read_to_string(repo().join("data/eureporter-seed.jsonl")).unwrap();
    let v: Value = serde_json::from_str(line.lines().next().unwrap()).unwrap();
    v["text"]
        .as_str()
        .unwrap()
        .split("\n\n")
        .map(|p| p.trim().to_string())
        .collect()
}

fn check_seed(c: &Value) {
    let p = seed_paragraphs();
    // The page: nav, section, headline, share, "Publié le", "on", consent, six paragraphs of
    // reporting (p[7..13]), "Publicité", "Partagez cet article:", disclaimer, "Tendance".
    assert_eq!(p.len(), 17);
    assert!(p[7].starts_with("Le président russe Vladimir Poutine a accueilli"));
    assert!(p[12].starts_with("La Russie et la Biélorussie font officiellement"));
    assert_eq!(
        c["title"],
        "Poutine ouvre des pourparlers avec le dirigeant biélorusse, aucune mention publique de \
         l'Ukraine"
    );
    assert_eq!(c["topic"], "La Biélorussie");
    assert_eq!(c["text"].as_str().unwrap(), p[7..13].join("\n\n"));
    assert_eq!(c["language"], "fr");
    let removed: Vec<(String, String)> = c["removed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["text"].as_str().unwrap().to_string(),
                r["reason"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let reasons: Vec<&str> = removed.iter().map(|(_, r)| r.as_str()).collect();
    assert_eq!(
        reasons,
        [
            "follow",
            "section_label",
            "headline",
            "share_buttons",
            "dateline",
            "dateline",
            "consent",
            "advertising",
            "share_buttons",
            "disclaimer",
            "trending"
        ]
    );
    let texts: Vec<&str> = removed.iter().map(|(t, _)| t.as_str()).collect();
    let mut expected: Vec<&str> = p[..7].iter().map(String::as_str).collect();
    expected.extend(p[13..].iter().map(String::as_str));
    assert_eq!(texts, expected);
    assert_eq!(c["wire_credit"], Value::Null);
}

#[test]
fn seed_page_gives_headline_section_and_exactly_the_six_paragraphs() {
    let out = clean_json(&["clean", "data/eureporter-seed.jsonl"], None);
    assert_eq!(out.len(), 1);
    check_seed(&out[0]);
    assert_eq!(out[0]["id"], "eureporter-fr-seed");
    assert_eq!(out[0]["published"], "2023-04-05");
}

#[test]
fn seed_as_a_plain_text_file_is_one_article_cleaned_the_same() {
    let seed = repo().join("../shared/corpus/seed-eureporter-fr.txt");
    if !seed.is_file() {
        eprintln!("SKIP: {} is absent", seed.display());
        return;
    }
    let out = clean_json(
        &[
            "clean",
            "--outlet",
            "EU Reporter (fr)",
            seed.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(out.len(), 1);
    check_seed(&out[0]);
    assert_eq!(out[0]["outlet"], "EU Reporter (fr)");
}

#[test]
fn clean_reads_json_lines_on_stdin_and_keeps_metadata_from_the_head() {
    let text = "Home\n\nVelmar edition\n\nWorld news\n\nPutin opens talks with Belarus leader in Moscow\n\n\
                By Jane Doe, Reuters\n\nPublished on 20 September 2016\n\nShare this article\n\n\
                MOSCOW (Reuters) - Russian President Vladimir Putin hosted his Belarusian \
                counterpart on Wednesday for two days of talks.\n\n\
                By the time the talks opened, both sides had hardened their positions, \
                officials said.\n\nAdvertisement\n\nRead more:\n\nTrending";
    let line = serde_json::json!({"id": "x1", "outlet": "Wire Daily", "text": text}).to_string();
    let out = clean_json(&["clean", "-"], Some(&line));
    assert_eq!(out.len(), 1);
    let c = &out[0];
    assert_eq!(
        c["title"],
        "Putin opens talks with Belarus leader in Moscow"
    );
    assert_eq!(c["topic"], "World news");
    assert_eq!(c["author"], "Jane Doe");
    assert_eq!(c["published"], "2016-09-20");
    assert_eq!(c["wire_credit"], "Reuters");
    assert_eq!(c["language"], "en");
    // "Velmar edition" is no clutter slant knows: it stays (cleaning does not guess body text
    // away); the body line starting with "By" is not a byline.
    assert_eq!(
        c["text"],
        "Velmar edition\n\nMOSCOW (Reuters) - Russian President Vladimir Putin hosted his Belarusian \
         counterpart on Wednesday for two days of talks.\n\nBy the time the talks opened, both \
         sides had hardened their positions, officials said."
    );
    let reasons: Vec<&str> = c["removed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["reason"].as_str().unwrap())
        .collect();
    assert_eq!(
        reasons,
        [
            "navigation",
            "section_label",
            "headline",
            "byline",
            "dateline",
            "share_buttons",
            "advertising",
            "related",
            "trending"
        ]
    );
}

#[test]
fn lines_repeated_across_an_outlets_stories_are_templates() {
    let out = clean_json(
        &["clean", fixture("templates.jsonl").to_str().unwrap()],
        None,
    );
    assert_eq!(out.len(), 5);
    let promo = "Get the Velmar Daily app for alerts on the stories that matter to you";
    for c in &out[..4] {
        let removed: Vec<(&str, &str)> = c["removed"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| (r["text"].as_str().unwrap(), r["reason"].as_str().unwrap()))
            .collect();
        assert_eq!(
            removed,
            [
                (promo, "outlet_template"),
                ("Velmar Daily", "outlet_template")
            ],
            "{}",
            c["id"]
        );
        assert!(!c["text"].as_str().unwrap().contains("Velmar Daily app"));
    }
    // In 2 of 4 stories: under the 3-story minimum, kept.
    assert!(
        out[0]["text"]
            .as_str()
            .unwrap()
            .ends_with("Reporting from the town hall was contributed by our city desk")
    );
    // One story at another outlet: not a template there.
    assert_eq!(out[4]["outlet"], "Other Paper");
    assert!(out[4]["text"].as_str().unwrap().ends_with(promo));
    assert_eq!(out[4]["removed"].as_array().unwrap().len(), 0);
    // The thresholds are options: 5 stories needed → nothing is a template.
    let out = clean_json(
        &[
            "clean",
            "--template-min-articles",
            "5",
            fixture("templates.jsonl").to_str().unwrap(),
        ],
        None,
    );
    assert!(
        out.iter()
            .all(|c| c["removed"].as_array().unwrap().is_empty())
    );
}

fn run_fixture(out: &Path, extra: &[&str]) -> Value {
    let o = slant()
        .current_dir(repo())
        .args(["--threads", "2", "run", "--input"])
        .arg(fixture("syndication.jsonl"))
        .arg("--out")
        .arg(out)
        .args(extra)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "slant run failed:\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    serde_json::from_str(&std::fs::read_to_string(out.join("manifest.json")).unwrap()).unwrap()
}

#[test]
fn a_story_planted_at_three_outlets_is_one_cluster_with_the_earliest_outlet() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let m = run_fixture(&out, &[]);
    assert_eq!(m["counts"]["input_records"], 8);
    assert_eq!(m["counts"]["scored"], 6);
    assert_eq!(m["counts"]["duplicates"], 2);
    assert_eq!(
        m["duplicate_kinds"],
        serde_json::json!({"near_duplicate": 1, "same_id": 1})
    );
    assert_eq!(m["syndication_clusters"], 1);
    let csv = std::fs::read_to_string(out.join("tables/syndication.csv")).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "cluster_id,article_id,outlet,published,earliest_outlet,is_original,similarity,\
         wire_credit,status"
    );
    let rows: Vec<Vec<&str>> = lines[1..].iter().map(|l| l.split(',').collect()).collect();
    let cols = |i: usize| rows.iter().map(|r| r[i]).collect::<Vec<_>>();
    assert_eq!(cols(0), ["coast-1"; 4]);
    assert_eq!(cols(1), ["tide-1", "coast-1", "bay-1", "bay-2"]);
    assert_eq!(
        cols(2),
        [
            "Tidewater Post",
            "Coastal Herald",
            "Bay Courier",
            "Bay Courier"
        ]
    );
    assert_eq!(cols(4), ["Coastal Herald"; 4]);
    assert_eq!(cols(5), ["false", "true", "false", "false"]);
    assert_eq!(cols(7), ["AFP", "", "", ""]);
    assert_eq!(cols(8), ["scored", "scored", "scored", "near_duplicate"]);
    assert_eq!(rows[1][6], "1.000000");
    for r in [&rows[0], &rows[2], &rows[3]] {
        let s: f64 = r[6].parse().unwrap();
        assert!((0.8..1.0).contains(&s), "similarity {s}");
    }
    // The articles table flags the two republished copies; outlet_summary has their share.
    let articles = std::fs::read_to_string(out.join("tables/articles.csv")).unwrap();
    let synd: Vec<&str> = articles
        .lines()
        .skip(1)
        .filter(|l| l.ends_with(",coast-1,true"))
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(synd, ["tide-1", "bay-1"]);
    let dups = std::fs::read_to_string(out.join("duplicates.jsonl")).unwrap();
    assert!(dups.contains("\"id\":\"bay-2\",\"outlet\":\"Bay Courier\",\"duplicate_of\":\"bay-1\",\"kind\":\"near_duplicate\""), "{dups}");
}

#[test]
fn exclude_drops_syndicated_copies_and_counts_them_as_duplicates() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let m = run_fixture(&out, &["--syndicated", "exclude"]);
    assert_eq!(m["counts"]["scored"], 4);
    assert_eq!(m["counts"]["duplicates"], 4);
    assert_eq!(
        m["duplicate_kinds"],
        serde_json::json!({"near_duplicate": 1, "same_id": 1, "syndicated_excluded": 2})
    );
    assert_eq!(m["options"]["clean"]["syndicated"], "exclude");
    let csv = std::fs::read_to_string(out.join("tables/syndication.csv")).unwrap();
    let status: Vec<&str> = csv
        .lines()
        .skip(1)
        .map(|l| l.rsplit(',').next().unwrap())
        .collect();
    assert_eq!(
        status,
        [
            "syndicated_excluded",
            "scored",
            "syndicated_excluded",
            "near_duplicate"
        ]
    );
}

#[test]
fn near_dup_threshold_is_an_option() {
    // At 0.99 the lightly edited copies are no longer near-duplicates.
    let out = clean_json(
        &[
            "clean",
            "--near-dup-threshold",
            "0.99",
            fixture("syndication.jsonl").to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(out.len(), 7);
    assert!(out.iter().all(|c| c["syndication_cluster"].is_null()));
}

#[test]
fn decorated_titles_match_and_lower_the_similarity_needed() {
    let base: Vec<String> = (0..60).map(|i| format!("word{i}")).collect();
    let mut edited = base.clone();
    for i in (0..60).step_by(15) {
        edited[i] = format!("changed{i}");
    }
    let rows = [
        serde_json::json!({"id": "a", "outlet": "The Daily Paper", "language": "en",
            "title": "Opinion | Ferry strike ends after two weeks - The Daily Paper",
            "text": base.join(" ")}),
        serde_json::json!({"id": "b", "outlet": "The Daily Paper", "language": "en",
            "title": "Ferry strike ends after two weeks", "text": edited.join(" ")}),
    ];
    let input: String = rows.iter().map(|r| r.to_string() + "\n").collect();
    let out = clean_json(&["clean", "-"], Some(&input));
    assert_eq!(out.len(), 1, "the retitled copy is a near-duplicate");
    assert_eq!(out[0]["id"], "a");
    // Without equal titles the same texts are below the 0.8 threshold: both kept.
    let input = input.replace(
        "Ferry strike ends after two weeks\"",
        "Something else entirely\"",
    );
    assert_eq!(clean_json(&["clean", "-"], Some(&input)).len(), 2);
}

#[test]
fn output_is_identical_for_any_thread_count() {
    let f = fixture("syndication.jsonl");
    let run = |threads: &str| {
        let o = slant()
            .current_dir(repo())
            .args(["--threads", threads, "clean"])
            .arg(&f)
            .output()
            .unwrap();
        assert!(o.status.success());
        o.stdout
    };
    assert_eq!(run("1"), run("2"));
}

/// PolNeAR: cleaning must keep the gold attribution spans (Source, Cue, Content) of real news
/// texts, all 924 cleaned as one corpus (outlet templates in play), and wire credits found in
/// the text must agree with the metadata.
#[test]
fn cleaning_keeps_polnear_attribution_spans() {
    use slant::clean::CleanOptions;
    use slant::eval::hygiene::evaluate_polnear;
    let root = repo().join("../shared/eval/polnear");
    if !root.join("metadata.tsv").is_file() {
        eprintln!("SKIP: {} is absent", root.display());
        return;
    }
    let lex = slant::lexicon::Lexicons::built_in();
    let e = evaluate_polnear(&root, "all", &lex, &CleanOptions::default()).unwrap();
    eprintln!("{e:?}");
    assert_eq!(e.texts, 924);
    assert!(e.spans > 70_000, "{} spans", e.spans);
    assert!(
        e.retention() >= 0.99,
        "{}: lost e.g. {:#?}",
        e.retention(),
        e.lost_examples
    );
    // Wire credits come from the text: few false ones, most agency copy found.
    assert!(e.wire_precision() >= 0.95, "{e:?}");
    assert!(e.wire_recall() >= 0.9, "{e:?}");
    assert_eq!(e.wire_agency_agree, e.wire_tp);
}
