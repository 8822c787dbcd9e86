//! Ingest, format by format, on the fixtures in `tests/fixtures/ingest/` (see its README): the
//! exact articles (ids, outlets, dates, titles, texts) and rejects (reason, line/row) each folder
//! gives; then the `slant` binary on the whole folder, checking `manifest.json` counts and
//! `rejects.jsonl` line by line, and the errors that must stop a run.

use std::path::{Path, PathBuf};
use std::process::Command;

use slant::clean::dates::DateOrder;
use slant::ingest::{self, IngestOptions, Ingested, stable_id};

const FIXTURES: &str = "tests/fixtures/ingest";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read_with(rel: &str, opts: &IngestOptions) -> Ingested {
    ingest::read_paths(&[root().join(FIXTURES).join(rel)], opts)
        .unwrap_or_else(|e| panic!("reading {rel}: {e:#}"))
}

fn read(rel: &str) -> Ingested {
    read_with(rel, &IngestOptions::default())
}

/// (id, outlet, published, title) of each article.
fn heads(ing: &Ingested) -> Vec<(String, String, Option<String>, Option<String>)> {
    ing.articles
        .iter()
        .map(|a| {
            (
                a.id.clone(),
                a.outlet.clone(),
                a.published.map(|d| d.to_string()),
                a.title.clone(),
            )
        })
        .collect()
}

fn h(
    id: &str,
    outlet: &str,
    date: Option<&str>,
    title: Option<&str>,
) -> (String, String, Option<String>, Option<String>) {
    (
        id.into(),
        outlet.into(),
        date.map(Into::into),
        title.map(Into::into),
    )
}

/// (file name, line, row, id, reason) of a reject.
type RejectKey = (String, Option<u64>, Option<u64>, Option<String>, String);

/// The [`RejectKey`] of each reject.
fn rejects(ing: &Ingested) -> Vec<RejectKey> {
    ing.rejects
        .iter()
        .map(|r| {
            let name = Path::new(&r.file)
                .file_name()
                .unwrap()
                .to_string_lossy()
                .to_string();
            (name, r.line, r.row, r.id.clone(), r.reason.clone())
        })
        .collect()
}

fn rj(
    file: &str,
    line: Option<u64>,
    row: Option<u64>,
    id: Option<&str>,
    reason: &str,
) -> RejectKey {
    (file.into(), line, row, id.map(Into::into), reason.into())
}

fn text_of<'a>(ing: &'a Ingested, id: &str) -> &'a str {
    &ing.articles
        .iter()
        .find(|a| a.id == id)
        .unwrap_or_else(|| panic!("no article {id}"))
        .text
}

fn file_records(ing: &Ingested) -> Vec<(String, String, u64)> {
    ing.files
        .iter()
        .map(|f| {
            let name = Path::new(&f.path)
                .file_name()
                .unwrap()
                .to_string_lossy()
                .to_string();
            (name, f.format.clone(), f.records)
        })
        .collect()
}

#[test]
fn jsonl_lines_and_empty_file() {
    let ing = read("jsonl");
    assert_eq!(
        file_records(&ing),
        vec![
            ("empty.ndjson".into(), "jsonl".into(), 0),
            ("wire.jsonl".into(), "jsonl".into(), 8)
        ]
    );
    let nc = "Northfield Courier";
    assert_eq!(
        heads(&ing),
        vec![
            h(
                "nc-001",
                nc,
                Some("2022-03-01"),
                Some("Council approves $4.2m budget after late-night session")
            ),
            h(
                "nc-002",
                nc,
                Some("2022-03-02"),
                Some("Bridge repairs to close Mill Street for six weeks")
            ),
            h("nc-006", nc, Some("2022-03-03"), None),
            h("nc-008", nc, None, None),
        ]
    );
    assert_eq!(
        text_of(&ing, "nc-001"),
        "Northfield's city council approved a $4.2 million budget on Tuesday after a session that ran past midnight.\n\n\"We made hard choices, but the library stays open,\" said council president Maria Okafor."
    );
    assert_eq!(
        text_of(&ing, "nc-006"),
        "The Northfield High robotics team heads to the state final after winning the regional round on Saturday."
    );
    let first = &ing.articles[0];
    assert_eq!(
        first.url.as_deref(),
        Some("https://northfield-courier.example/2022/03/01/council-budget")
    );
    assert_eq!(
        (first.language.as_deref(), first.topic.as_deref()),
        (Some("en"), Some("politics"))
    );
    assert_eq!(
        rejects(&ing),
        vec![
            rj("wire.jsonl", Some(3), None, None, "invalid_json"),
            rj("wire.jsonl", Some(5), None, Some("nc-004"), "missing_text"),
            rj("wire.jsonl", Some(6), None, None, "invalid_utf8"),
            rj("wire.jsonl", Some(8), None, Some("7"), "wrong_type"),
        ]
    );
    assert_eq!(
        ing.rejects[2].message,
        "not valid UTF-8: byte 0xE9 at line 6 (byte 56 of the record)"
    );
    assert_eq!(ing.input_records, 8);
    assert_eq!(
        ing.date_warnings, 1,
        "0001-11-30 is a warning, not a reject"
    );
}

#[test]
fn json_array_elements() {
    let ing = read("json_array/feed.json");
    let vl = "Valley Ledger";
    assert_eq!(
        heads(&ing),
        vec![
            h(
                "vl-1001",
                vl,
                Some("2016-09-20"),
                Some("Hospital opens new maternity wing")
            ),
            h(
                "vl-1003",
                vl,
                Some("2016-09-20"),
                Some("Farmers market moves indoors for winter")
            ),
        ]
    );
    let a = &ing.articles[0];
    assert_eq!(
        (a.topic.as_deref(), a.author.as_deref()),
        (Some("health"), Some("Tom Reyes"))
    );
    assert_eq!((a.origin.line, a.origin.row), (Some(2), Some(1)));
    assert_eq!(
        text_of(&ing, "vl-1001"),
        "Valley General Hospital opened its new maternity wing on Tuesday, adding 24 beds and two operating theatres.\n\nThe project cost $18 million, most of it raised by local donors."
    );
    assert_eq!(
        rejects(&ing),
        vec![rj(
            "feed.json",
            Some(3),
            Some(2),
            Some("vl-1002"),
            "wrong_type"
        )]
    );
    assert_eq!(
        ing.rejects[0].message,
        "column \"body\" (text) must be a string, found a number"
    );
}

#[test]
fn news_please_folder() {
    let ing = read("newsplease");
    let site = "www.journal-des-alpes.example";
    let t1 = "Le tunnel du col fermé jusqu'à vendredi";
    let x1 = "Le tunnel du col restera fermé jusqu'à vendredi en raison d'éboulements, a annoncé la préfecture mercredi.\n\nUne déviation est mise en place par la vallée.";
    let t2 = "Fin de saison record pour la station";
    let x2 = "La station a accueilli 412 000 skieurs cette saison, un record selon son directeur, Paul Mercier.";
    let (id1, id2) = (stable_id(site, Some(t1), x1), stable_id(site, Some(t2), x2));
    assert_eq!(
        heads(&ing),
        vec![
            h(&id1, site, Some("2023-04-05"), Some(t1)),
            h(&id2, site, Some("2023-04-06"), Some(t2))
        ]
    );
    assert_eq!((text_of(&ing, &id1), text_of(&ing, &id2)), (x1, x2));
    assert_eq!(
        ing.articles[1].author.as_deref(),
        Some("Claire Dubois; Luc Martin")
    );
    assert_eq!(ing.articles[0].language.as_deref(), Some("fr"));
    assert_eq!(
        rejects(&ing),
        vec![rj("c93d44.json", Some(1), None, None, "invalid_json")]
    );
    assert_eq!(
        ing.rejects[0].message,
        "invalid JSON: EOF while parsing an object at line 5 column 0"
    );
}

#[test]
fn csv_comma_semicolon_and_tab() {
    let ing = read("csv");
    assert_eq!(
        file_records(&ing),
        vec![
            ("lac.csv".into(), "csv".into(), 3),
            ("metro.csv".into(), "csv".into(), 4),
            ("prairie.tsv".into(), "csv".into(), 2),
        ]
    );
    let (lac, mr, pt) = ("Le Matin du Lac", "Metro Review", "Prairie Times");
    assert_eq!(
        heads(&ing),
        vec![
            h(
                "fr-01",
                lac,
                Some("2023-04-05"),
                Some("Le conseil vote la rénovation de l'école")
            ),
            h(
                "fr-02",
                lac,
                Some("2023-04-05"),
                Some("Grève des bus jeudi")
            ),
            h(
                "fr-03",
                lac,
                Some("2022-05-01"),
                Some("Défilé du 1er-Mai sous la pluie")
            ),
            h(
                "mr-01",
                mr,
                Some("2017-09-06"),
                Some("Transit fares to rise 5%")
            ),
            h(
                "mr-02",
                mr,
                Some("2017-09-07"),
                Some("Stadium vote delayed, again")
            ),
            h("pt-1", pt, Some("2021-11-30"), None),
            h("pt-2", pt, Some("2021-12-01"), None),
        ]
    );
    assert_eq!(
        text_of(&ing, "fr-01"),
        "Le conseil municipal a voté mardi la rénovation de l'école Jean-Moulin; les travaux débuteront en juillet."
    );
    assert_eq!(ing.articles[0].topic.as_deref(), Some("éducation"));
    assert_eq!(
        text_of(&ing, "mr-01"),
        "Bus and tram fares will rise by 5% from October, the transit authority said on Wednesday.\n\nA single ticket will cost $2.10."
    );
    assert_eq!(
        text_of(&ing, "mr-02"),
        "The council postponed its vote on the stadium lease for a third time. \"We need the full cost study first,\" said councillor Dana Whitfield."
    );
    let mr02 = ing.articles.iter().find(|a| a.id == "mr-02").unwrap();
    assert_eq!(
        (mr02.origin.line, mr02.origin.row),
        (Some(5), Some(2)),
        "mr-01 spans lines 2-4"
    );
    assert_eq!(
        text_of(&ing, "pt-1"),
        "The grain elevator on Route 9, a landmark since 1921, will be demolished next spring."
    );
    assert_eq!(
        rejects(&ing),
        vec![
            rj("metro.csv", Some(6), Some(3), None, "wrong_field_count"),
            rj("metro.csv", Some(7), Some(4), Some("mr-04"), "empty_text"),
        ]
    );
    assert_eq!(
        ing.rejects[0].message,
        "row has 7 fields but the header has 6 (unbalanced quotes or a stray delimiter?)"
    );
}

#[test]
fn date_order_flag_reads_day_first() {
    let opts = IngestOptions {
        date_order: DateOrder::Dmy,
        ..Default::default()
    };
    let ing = read_with("csv/metro.csv", &opts);
    let dates: Vec<_> = ing
        .articles
        .iter()
        .map(|a| a.published.unwrap().to_string())
        .collect();
    assert_eq!(dates, vec!["2017-06-09", "2017-07-09"]);
}

#[test]
fn media_cloud_export() {
    let ing = read("mediacloud");
    assert_eq!(
        heads(&ing),
        vec![
            h(
                "2111111111",
                "Coastal Times",
                Some("2017-09-06"),
                Some("Storm knocks out power to 30,000 homes")
            ),
            h(
                "2111111113",
                "bayside-herald.example",
                Some("2017-09-07"),
                Some("Schools reopen as cleanup continues")
            ),
        ]
    );
    assert_eq!(
        ing.articles[0].url.as_deref(),
        Some("https://coastal-times.example/news/storm-power")
    );
    assert_eq!(ing.articles[0].language.as_deref(), Some("en"));
    assert_eq!(
        text_of(&ing, "2111111113"),
        "All district schools reopened on Thursday while cleanup crews cleared fallen trees from the main roads."
    );
    assert_eq!(
        rejects(&ing),
        vec![rj(
            "story-list.csv",
            Some(3),
            Some(2),
            Some("2111111112"),
            "empty_text"
        )]
    );
}

#[test]
fn parquet_rows_and_row_level_type_problems() {
    let ing = read("parquet");
    assert_eq!(
        heads(&ing),
        vec![
            h(
                "gd-2201",
                "Gulf Dispatch",
                Some("2022-06-14"),
                Some("Port expansion wins federal grant")
            ),
            h(
                "gd-2203",
                "Gulf Dispatch",
                None,
                Some("Ferry timetable changes")
            ),
            h("501", "Ridge Observer", Some("2020-01-15"), None),
            h("503", "Ridge Observer", Some("2020-01-17"), None),
        ]
    );
    let gd = &ing.articles[0];
    assert_eq!(
        (gd.author.as_deref(), gd.topic.as_deref()),
        (Some("Ana Lima"), Some("economy"))
    );
    assert_eq!(
        text_of(&ing, "gd-2201"),
        "The port authority won a $40 million federal grant to extend the container terminal, officials said on Tuesday."
    );
    assert_eq!(
        text_of(&ing, "503"),
        "A new bakery opened on Ridge Street, the first in a decade."
    );
    assert_eq!(
        rejects(&ing),
        vec![
            rj(
                "gulf-dispatch.parquet",
                None,
                Some(2),
                Some("gd-2202"),
                "empty_text"
            ),
            rj(
                "ridge-observer.parquet",
                None,
                Some(2),
                Some("502"),
                "wrong_type"
            ),
        ]
    );
    assert_eq!(
        ing.rejects[1].message,
        "column \"headline\" (title) must be a string, found a number"
    );
    assert_eq!(ing.date_warnings, 0, "a null date is not a warning");
}

#[test]
fn gzip_and_zstd() {
    let ing = read("compressed");
    assert_eq!(
        ing.files
            .iter()
            .map(|f| (f.format.as_str(), f.compression.as_deref(), f.records))
            .collect::<Vec<_>>(),
        vec![("csv", Some("zstd"), 2), ("jsonl", Some("gzip"), 2)]
    );
    assert_eq!(
        heads(&ing),
        vec![
            h("br-1", "Pine Bulletin", Some("2020-03-15"), None),
            h("br-2", "Pine Bulletin", Some("2020-03-15"), None),
            h(
                "hw-31",
                "Harbor Wire",
                Some("2019-07-04"),
                Some("Tall ships arrive for festival")
            ),
            h(
                "hw-32",
                "Harbor Wire",
                Some("2019-07-05"),
                Some("Fireworks cancelled over wind")
            ),
        ]
    );
    assert_eq!(
        text_of(&ing, "br-1"),
        "The library will close its doors at noon on Monday, the town clerk said."
    );
    assert!(ing.rejects.is_empty());
}

#[test]
fn txt_folders_with_and_without_meta_json() {
    let ing = read("txt");
    let co = "Le Courrier de l'Ouest";
    let ferry = "The island ferry will add a 7 a.m. crossing on weekdays from June, the harbour board said on Friday.";
    let marche = "Le marché du samedi s'installe place de la Mairie pendant les travaux du quai.\n\nLes commerçants saluent un emplacement « plus visible ».";
    assert_eq!(
        heads(&ing),
        vec![
            h(
                &stable_id("Harbor Gazette", None, ferry),
                "Harbor Gazette",
                None,
                None
            ),
            h(
                "co-2023-0405",
                co,
                Some("2023-04-05"),
                Some("Le budget 2023 adopté à l'unanimité")
            ),
            h(&stable_id(co, None, marche), co, Some("2023-04-20"), None),
        ]
    );
    assert_eq!(ing.articles[0].text, ferry, "BOM and final newline dropped");
    assert_eq!(
        text_of(&ing, "co-2023-0405"),
        "Le conseil municipal a adopté jeudi soir le budget 2023 à l'unanimité.\n\nLa taxe foncière n'augmentera pas, a promis le maire, Henri Lebrun."
    );
    let budget = &ing.articles[1];
    assert_eq!(
        budget.url.as_deref(),
        Some("https://courrier-ouest.example/budget-2023")
    );
    assert_eq!(
        (budget.language.as_deref(), budget.topic.as_deref()),
        (Some("fr"), Some("politique"))
    );
    assert_eq!(ing.articles[2].author.as_deref(), Some("Jeanne Roux"));
    assert_eq!(ing.articles[2].text, marche);
    assert_eq!(
        rejects(&ing),
        vec![rj("ancien.txt", Some(1), None, None, "invalid_utf8")]
    );
    // The blank file is read (listed) but holds no record; meta.json is not an input.
    let files = file_records(&ing);
    assert_eq!(files.len(), 5);
    assert_eq!(files[4], ("vide.txt".into(), "txt".into(), 0));
    assert_eq!(ing.input_records, 4);
}

#[test]
fn outlet_flag_names_txt_outlets_without_meta_json() {
    let opts = IngestOptions {
        default_outlet: Some("Gazette of the Harbor".into()),
        ..Default::default()
    };
    let ing = read_with("txt/Harbor Gazette", &opts);
    assert_eq!(ing.articles[0].outlet, "Gazette of the Harbor");
}

#[test]
fn html_pages_reduced_to_main_text() {
    let ing = read("html");
    let lac = "Le Matin du Lac";
    let piscine_title = "Piscine municipale : réouverture le 1er juillet";
    let piscine = "Après dix-huit mois de travaux, la piscine municipale rouvrira ses portes le 1er juillet, a annoncé l\u{2019}adjointe aux sports.\n\nLe bassin extérieur a été agrandi et chauffé\u{a0}: «\u{a0}Nous pourrons accueillir les écoles toute l\u{2019}année\u{a0}», se réjouit-elle.\n\nTarifs\u{a0}:\nadultes 4\u{a0}€\nenfants 2\u{a0}€";
    assert_eq!(
        heads(&ing),
        vec![
            h(
                &stable_id(lac, Some(piscine_title), piscine),
                lac,
                Some("2023-06-12"),
                Some(piscine_title)
            ),
            h(
                "mdl-2009-1002",
                lac,
                Some("2009-10-02"),
                Some("Le vieux port rénové")
            ),
        ]
    );
    let p = &ing.articles[0];
    assert_eq!(p.text, piscine);
    assert_eq!(
        p.url.as_deref(),
        Some("https://matin-du-lac.example/loisirs/piscine-reouverture")
    );
    assert_eq!(
        (p.language.as_deref(), p.topic.as_deref()),
        (Some("fr"), Some("Sports et loisirs"))
    );
    // windows-1252 page without <article>: the whole body, menu included (cleaning's job).
    let v = &ing.articles[1];
    assert_eq!(
        v.text,
        "Accueil\n\n2 octobre 2009\n\nLes travaux du vieux port s\u{2019}achèvent après deux ans.\n\nLe quai sera ouvert aux piétons dès samedi."
    );
    assert_eq!(v.topic.as_deref(), Some("urbanisme"));
    assert_eq!(
        rejects(&ing),
        vec![
            rj("cookie-wall.html", Some(1), None, None, "empty_text"),
            rj("mislabelled.html", Some(1), None, None, "invalid_utf8"),
        ]
    );
}

#[test]
fn read_errors_name_the_path() {
    let err = |p: &Path| {
        format!(
            "{:#}",
            ingest::read_paths(&[p.to_path_buf()], &IngestOptions::default()).unwrap_err()
        )
    };
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope.jsonl");
    assert_eq!(
        err(&missing),
        format!("input {} does not exist", missing.display())
    );
    let unknown = dir.path().join("notes.docx");
    std::fs::write(&unknown, "x").unwrap();
    assert!(err(&unknown).starts_with(&format!("input {}: unknown format", unknown.display())));
    let gz = dir.path().join("bad.jsonl.gz");
    std::fs::write(&gz, b"not gzip at all").unwrap();
    assert!(err(&gz).starts_with(&format!("input {}: not a valid gzip file", gz.display())));
    let pq = dir.path().join("bad.parquet");
    std::fs::write(&pq, b"PAR1 but not really").unwrap();
    assert!(err(&pq).starts_with(&format!("input {}: not readable as Parquet", pq.display())));
    // A file that cannot be read (a dangling link inside a folder).
    let sub = dir.path().join("folder");
    std::fs::create_dir(&sub).unwrap();
    std::os::unix::fs::symlink(dir.path().join("gone.jsonl"), sub.join("link.jsonl")).unwrap();
    assert!(err(&sub).starts_with(&format!(
        "reading input {}",
        sub.join("link.jsonl").display()
    )));
    let bad_meta = dir.path().join("site");
    std::fs::create_dir(&bad_meta).unwrap();
    std::fs::write(bad_meta.join("a.txt"), "Some text.").unwrap();
    std::fs::write(bad_meta.join("meta.json"), "{\"outlet\": 3}").unwrap();
    assert!(err(&bad_meta).starts_with(&format!(
        "{}: not a valid meta.json",
        bad_meta.join("meta.json").display()
    )));
}

fn slant(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_slant"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("running slant")
}

#[test]
fn slant_run_on_the_fixture_folder() {
    let out = tempfile::tempdir().unwrap();
    let o = slant(&[
        "run",
        "--input",
        FIXTURES,
        "--out",
        out.path().to_str().unwrap(),
    ]);
    assert!(
        o.status.success(),
        "slant run failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.path().join("manifest.json")).unwrap())
            .unwrap();
    let c = &manifest["counts"];
    assert_eq!(c["input_records"], 44);
    assert_eq!(c["rejected"], 14);
    assert_eq!(
        c["scored"].as_u64().unwrap() + c["duplicates"].as_u64().unwrap(),
        30
    );
    assert_eq!(manifest["date_warnings"], 1);
    let inputs: Vec<(String, String, u64)> = manifest["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["path"]
                    .as_str()
                    .unwrap()
                    .strip_prefix("tests/fixtures/ingest/")
                    .unwrap()
                    .to_string(),
                f["format"].as_str().unwrap().to_string(),
                f["records"].as_u64().unwrap(),
            )
        })
        .collect();
    let want: Vec<(String, String, u64)> = [
        ("compressed/briefs.csv.zst", "csv", 2),
        ("compressed/harbor-wire.jsonl.gz", "jsonl", 2),
        ("csv/lac.csv", "csv", 3),
        ("csv/metro.csv", "csv", 4),
        ("csv/prairie.tsv", "csv", 2),
        ("html/le-matin-du-lac/piscine.html", "html", 1),
        ("html/le-matin-du-lac/vieux-port.htm", "html", 1),
        ("html/misc/cookie-wall.html", "html", 1),
        ("html/misc/mislabelled.html", "html", 1),
        ("json_array/feed.json", "json", 3),
        ("jsonl/empty.ndjson", "jsonl", 0),
        ("jsonl/wire.jsonl", "jsonl", 8),
        ("mediacloud/story-list.csv", "csv", 3),
        (
            "newsplease/www.journal-des-alpes.example/0a1f3c.json",
            "json",
            1,
        ),
        (
            "newsplease/www.journal-des-alpes.example/7be210.json",
            "json",
            1,
        ),
        (
            "newsplease/www.journal-des-alpes.example/c93d44.json",
            "json",
            1,
        ),
        ("parquet/gulf-dispatch.parquet", "parquet", 3),
        ("parquet/ridge-observer.parquet", "parquet", 3),
        ("txt/Harbor Gazette/ferry.txt", "txt", 1),
        ("txt/le-courrier-de-l-ouest/ancien.txt", "txt", 1),
        ("txt/le-courrier-de-l-ouest/budget.txt", "txt", 1),
        ("txt/le-courrier-de-l-ouest/marche.txt", "txt", 1),
        ("txt/le-courrier-de-l-ouest/vide.txt", "txt", 0),
    ]
    .iter()
    .map(|(p, f, n)| (p.to_string(), f.to_string(), *n))
    .collect();
    assert_eq!(inputs, want);
    let rejects = std::fs::read_to_string(out.path().join("rejects.jsonl")).unwrap();
    let expected = std::fs::read_to_string(root().join(FIXTURES).join("rejects.golden")).unwrap();
    assert_eq!(rejects, expected);
}

#[test]
fn slant_run_errors_exit_non_zero_naming_the_input() {
    let out = tempfile::tempdir().unwrap();
    let o = slant(&[
        "run",
        "--input",
        "tests/fixtures/ingest/no-such-folder",
        "--out",
        out.path().to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        "slant: error: input tests/fixtures/ingest/no-such-folder does not exist\n"
    );
    let o = slant(&[
        "run",
        "--input",
        "tests/fixtures/ingest/README.md",
        "--out",
        out.path().to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.starts_with("slant: error: input tests/fixtures/ingest/README.md: unknown format"),
        "{err}"
    );
}
