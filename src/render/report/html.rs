//! `report.html`: one self-contained file (inline CSS, charts embedded as base64 PNG, no
//! script, no external asset), so it can be mailed or archived as is.

use std::fmt::Write;

use anyhow::{Context, Result};

use super::escape::{base64, html as esc};
use super::{Document, Format, Table};

/// The HTML report.
pub struct Html;

const CSS: &str = "\
body{font-family:'DejaVu Sans',Verdana,Arial,sans-serif;max-width:1100px;margin:2em auto;\
padding:0 1em;color:#212121;line-height:1.5}\
h1{font-size:1.8em;margin-bottom:.2em}h2{margin-top:2.2em;border-bottom:1px solid #ddd;\
padding-bottom:.2em}p.reading{font-size:1.05em}p.nodata{color:#8a4b00;font-style:italic}\
nav ul{columns:2;padding-left:1.2em}\
img{max-width:100%;height:auto;border:1px solid #eee;margin:.6em 0}\
table{border-collapse:collapse;margin:.8em 0;font-size:.92em}\
th,td{border-bottom:1px solid #e3e3e3;padding:.3em .7em;text-align:left;vertical-align:top}\
th{background:#f4f4f4}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}\
p.note{color:#666;font-size:.9em}";

fn table(t: &Table, out: &mut String) {
    out.push_str("<table>\n<thead><tr>");
    for (i, h) in t.headers.iter().enumerate() {
        let class = if t.numeric.get(i).copied().unwrap_or(false) {
            " class=\"num\""
        } else {
            ""
        };
        let _ = write!(out, "<th{class}>{}</th>", esc(h));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for r in &t.rows {
        out.push_str("<tr>");
        for (i, c) in r.iter().enumerate() {
            let class = if t.numeric.get(i).copied().unwrap_or(false) {
                " class=\"num\""
            } else {
                ""
            };
            let _ = write!(out, "<td{class}>{}</td>", esc(c));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
    if let Some(n) = &t.note {
        let _ = writeln!(out, "<p class=\"note\">{}</p>", esc(n));
    }
}

impl Format for Html {
    fn file_name(&self) -> &'static str {
        "report.html"
    }

    fn render(&self, doc: &Document) -> Result<String> {
        let mut out = String::new();
        let _ = write!(
            out,
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<h1>{}</h1>\n\
             <p class=\"reading\">{}</p>\n<nav><ul>\n",
            esc(&doc.title),
            esc(&doc.title),
            esc(&doc.intro)
        );
        for s in &doc.sections {
            let _ = writeln!(
                out,
                "<li><a href=\"#{}\">{}</a></li>",
                s.anchor,
                esc(&s.heading)
            );
        }
        out.push_str("</ul></nav>\n");
        for s in &doc.sections {
            let _ = writeln!(
                out,
                "<section id=\"{}\">\n<h2>{}</h2>",
                s.anchor,
                esc(&s.heading)
            );
            if !s.reading.is_empty() {
                let _ = writeln!(out, "<p class=\"reading\">{}</p>", esc(&s.reading));
            }
            if let Some(c) = &s.chart {
                if let Some(reason) = &c.no_data {
                    let _ = writeln!(out, "<p class=\"nodata\">No chart: {}</p>", esc(reason));
                }
                let png = std::fs::read(&c.path)
                    .with_context(|| format!("reading {} to embed it", c.path.display()))?;
                let _ = writeln!(
                    out,
                    "<img alt=\"{}\" src=\"data:image/png;base64,{}\">",
                    esc(c.title),
                    base64(&png)
                );
            }
            if let Some(t) = &s.table {
                table(t, &mut out);
            }
            if !s.bullets.is_empty() {
                out.push_str("<ul>\n");
                for b in &s.bullets {
                    let _ = writeln!(out, "<li>{}</li>", esc(b));
                }
                out.push_str("</ul>\n");
            }
            out.push_str("</section>\n");
        }
        out.push_str("</body>\n</html>\n");
        Ok(out)
    }
}
