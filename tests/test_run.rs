//! `slant run` end to end: the output contract on the bundled sample, record accounting,
//! determinism across thread counts, and clear errors for bad paths.

use std::path::{Path, PathBuf};
use std::process::Command;

fn slant() -> Command {
    Command::new(env!("CARGO_BIN_EXE_slant"))
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

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

fn run_on_data(out: &Path, threads: &str) -> std::process::Output {
    let o = slant()
        .current_dir(repo())
        .args(["--threads", threads, "run", "--input", "data", "--out"])
        .arg(out)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "slant run failed:\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    o
}

fn csv_header(path: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap();
    text.lines()
        .next()
        .unwrap()
        .split(',')
        .map(|s| s.trim_matches('"').to_string())
        .collect()
}

#[test]
fn bundled_sample_meets_the_output_contract() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let o = run_on_data(&out, "2");
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(stdout.contains("443 input records"), "{stdout}");
    assert!(
        stdout.contains("5 outlets") || stdout.contains("6 outlets"),
        "{stdout}"
    );
    assert!(stdout.contains("Report: "), "{stdout}");

    for f in ["report.md", "report.html", "manifest.json", "rejects.jsonl"] {
        assert!(out.join(f).is_file(), "missing {f}");
    }
    for t in [
        "articles",
        "quotes",
        "outlet_summary",
        "outlet_topic",
        "outlet_entity",
        "timeseries",
    ] {
        for ext in ["parquet", "csv"] {
            assert!(
                out.join("tables").join(format!("{t}.{ext}")).is_file(),
                "missing tables/{t}.{ext}"
            );
        }
    }
    let articles = csv_header(&out.join("tables/articles.csv"));
    for c in ["id", "outlet", "published", "language", "topic", "compound"] {
        assert!(
            articles.contains(&c.to_string()),
            "articles lacks {c}: {articles:?}"
        );
    }
    let entity = csv_header(&out.join("tables/outlet_entity.csv"));
    for c in [
        "outlet",
        "entity",
        "n_mentions",
        "tone_mean",
        "tone_ci_low",
        "tone_ci_high",
    ] {
        assert!(
            entity.contains(&c.to_string()),
            "outlet_entity lacks {c}: {entity:?}"
        );
    }

    let m: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("manifest.json")).unwrap()).unwrap();
    let c = &m["counts"];
    let n = |k: &str| c[k].as_u64().unwrap();
    assert_eq!(n("input_records"), 443);
    assert_eq!(
        n("input_records"),
        n("scored") + n("rejected") + n("duplicates")
    );
    assert!(m["slant_version"].as_str().is_some());
    assert!(
        m["lexicons"]["entities/entities.tsv"]["sha256"]
            .as_str()
            .unwrap()
            .len()
            == 64
    );
    assert_eq!(m["inputs"].as_array().unwrap().len(), 2);
    assert!(m["timings_ms"]["total"].as_u64().is_some());

    let charts: Vec<PathBuf> = std::fs::read_dir(out.join("charts"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "png"))
        .collect();
    assert!(
        charts.len() >= 5,
        "expected at least 5 charts, found {charts:?}"
    );
    for p in &charts {
        let (w, h) = png_size(p);
        assert!(w >= 1000 && h >= 600, "{} is {w}x{h}", p.display());
    }
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(
        html.contains("data:image/png;base64,"),
        "report.html must embed its charts"
    );
}

#[test]
fn tables_are_byte_identical_across_thread_counts() {
    let tmp = tempfile::tempdir().unwrap();
    let a = tmp.path().join("a");
    let b = tmp.path().join("b");
    run_on_data(&a, "1");
    run_on_data(&b, "2");
    let mut names: Vec<_> = std::fs::read_dir(a.join("tables"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    names.sort();
    assert!(names.len() >= 12, "{names:?}");
    for n in names {
        let x = std::fs::read(a.join("tables").join(&n)).unwrap();
        let y = std::fs::read(b.join("tables").join(&n)).unwrap();
        assert!(
            x == y,
            "tables/{} differs between 1 and 2 threads",
            n.to_string_lossy()
        );
    }
    for f in ["rejects.jsonl", "duplicates.jsonl", "report.md"] {
        assert_eq!(
            std::fs::read(a.join(f)).unwrap(),
            std::fs::read(b.join(f)).unwrap(),
            "{f} differs"
        );
    }
}

#[test]
fn no_arguments_reads_data_and_writes_reports_latest() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    std::fs::create_dir(&data).unwrap();
    std::fs::copy(
        repo().join("data/eureporter-seed.jsonl"),
        data.join("seed.jsonl"),
    )
    .unwrap();
    let o = slant().current_dir(tmp.path()).arg("run").output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        stdout.contains("1 articles scored") || stdout.contains("1 article scored"),
        "{stdout}"
    );
    assert!(stdout.contains("reports/latest/report.html"), "{stdout}");
    assert!(tmp.path().join("reports/latest/manifest.json").is_file());
}

#[test]
fn missing_input_is_a_clear_error() {
    let tmp = tempfile::tempdir().unwrap();
    let o = slant()
        .args(["run", "--input", "no/such/file.jsonl", "--out"])
        .arg(tmp.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("no/such/file.jsonl") && err.contains("does not exist"),
        "{err}"
    );
}

#[test]
fn bad_records_are_rejected_not_fatal() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("messy.jsonl");
    std::fs::write(
        &input,
        b"{\"id\":\"a\",\"outlet\":\"X\",\"text\":\"The minister said the talks went well.\"}\n\
          {broken json\n\
          {\"id\":\"b\",\"outlet\":\"X\"}\n\
          {\"id\":\"c\",\"outlet\":\"X\",\"text\":42}\n\
          \xff\xfe\n\
          {\"id\":\"a\",\"outlet\":\"X\",\"text\":\"The minister said the talks went well.\"}\n",
    )
    .unwrap();
    let out = tmp.path().join("out");
    let o = slant()
        .args(["run", "--input"])
        .arg(&input)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let m: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(
        m["counts"],
        serde_json::json!({"input_records": 6, "scored": 1, "rejected": 4, "duplicates": 1})
    );
    let rejects: Vec<serde_json::Value> = std::fs::read_to_string(out.join("rejects.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let got: Vec<(u64, &str)> = rejects
        .iter()
        .map(|r| (r["line"].as_u64().unwrap(), r["reason"].as_str().unwrap()))
        .collect();
    assert_eq!(
        got,
        vec![
            (2, "invalid_json"),
            (3, "missing_text"),
            (4, "wrong_type"),
            (5, "invalid_utf8")
        ]
    );
    assert!(
        rejects
            .iter()
            .all(|r| r["file"].as_str().unwrap().ends_with("messy.jsonl"))
    );
}

/// Across articles, a bare surname takes the corpus's one full name for it ("Zelenskyy" in an
/// article that never gives the first name is "Volodymyr Zelenskyy"), so the outlet × speaker
/// table does not split one person; a surname two people share ("Clinton") stays as it is.
#[test]
fn surnames_are_unified_across_articles() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in.jsonl");
    std::fs::write(
        &input,
        concat!(
            r#"{"id":"a1","outlet":"A","published":"2024-01-02","text":"Volodymyr Zelenskyy said the talks would continue next week in Geneva."}"#,
            "\n",
            r#"{"id":"b1","outlet":"B","published":"2024-01-03","text":"Zelenskyy said Ukraine needed more air defence systems before winter. Clinton said the vote was close."}"#,
            "\n",
            r#"{"id":"c1","outlet":"B","published":"2024-01-04","text":"Bill Clinton said the economy was strong. Hillary Clinton said the campaign would go on."}"#,
            "\n",
        ),
    )
    .unwrap();
    let out = tmp.path().join("out");
    let o = slant()
        .args(["--threads", "1", "run", "--input"])
        .arg(&input)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut rd = csv::Reader::from_path(out.join("tables/quotes.csv")).unwrap();
    let col = rd
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "speaker")
        .unwrap();
    let speakers: Vec<String> = rd.records().map(|r| r.unwrap()[col].to_string()).collect();
    assert_eq!(
        speakers,
        [
            "Volodymyr Zelenskyy",
            "Volodymyr Zelenskyy",
            "Clinton",
            "Bill Clinton",
            "Hillary Clinton"
        ]
    );
}
