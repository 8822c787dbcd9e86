//! Language-detection probe: for each `lang<TAB>text` line of standard input prints the expected
//! language, whatlang's open guess, its confidence and reliability, the best supported language
//! (en, fr), and — when the guess is an unreliable unsupported language — whatlang's confidence
//! choosing between the guess and that supported language (the figure `FOREIGN_MARGIN` in
//! `src/text/lang.rs` was chosen from).
//!
//! `cut -f3 ../shared/eval/vader/tweets_GroundTruth.tsv | sed 's/^/en\t/' | cargo run --example lang_probe`

use slant::text::Lang;
use std::io::BufRead;
fn main() {
    let sup = [Lang::EN, Lang::FR];
    for line in std::io::stdin().lock().lines() {
        let line = line.unwrap();
        let (want, text) = line.split_once('\t').unwrap_or(("?", &line));
        let d = slant::text::lang::detect(text);
        let among = slant::text::lang::detect_among(text, &sup);
        let mut pair = -1.0;
        if let (Some(g), Some(b)) = (d.lang, among) {
            if !sup.contains(&g) && !d.reliable {
                let wl = |l: Lang| {
                    whatlang::Lang::all()
                        .iter()
                        .copied()
                        .find(|w| Lang::from_whatlang(*w) == l)
                        .unwrap()
                };
                let info = whatlang::Detector::with_allowlist(vec![wl(g), wl(b)])
                    .detect(text)
                    .unwrap();
                pair = if Lang::from_whatlang(info.lang()) == g {
                    info.confidence()
                } else {
                    -info.confidence()
                };
            }
        }
        println!(
            "{want}\t{}\t{:.3}\t{}\t{}\t{:.3}",
            d.lang.map(|l| l.to_string()).unwrap_or("-".into()),
            d.confidence,
            d.reliable,
            among.map(|l| l.to_string()).unwrap_or("-".into()),
            pair
        );
    }
}
