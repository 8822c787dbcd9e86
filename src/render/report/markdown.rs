//! `report.md`: GitHub-flavoured Markdown, charts as relative image links (`charts/*.png`).

use std::fmt::Write;

use anyhow::Result;

use super::escape::{markdown as esc, markdown_block};
use super::{Document, Format, Table};

/// The Markdown report.
pub struct Markdown;

fn table(t: &Table, out: &mut String) {
    let row = |cells: &[String]| -> String {
        let cells: Vec<String> = cells.iter().map(|c| esc(c)).collect();
        format!("| {} |\n", cells.join(" | "))
    };
    out.push_str(&row(&t.headers));
    let align: Vec<String> = t
        .numeric
        .iter()
        .map(|n| {
            if *n {
                "---:".to_string()
            } else {
                "---".to_string()
            }
        })
        .collect();
    out.push_str(&format!("| {} |\n", align.join(" | ")));
    for r in &t.rows {
        out.push_str(&row(r));
    }
    if let Some(n) = &t.note {
        let _ = write!(out, "\n{}\n", markdown_block(n));
    }
}

impl Format for Markdown {
    fn file_name(&self) -> &'static str {
        "report.md"
    }

    fn render(&self, doc: &Document) -> Result<String> {
        let mut out = String::new();
        let _ = writeln!(out, "# {}\n", esc(&doc.title));
        let _ = writeln!(out, "{}\n", markdown_block(&doc.intro));
        for s in &doc.sections {
            let _ = writeln!(out, "## {}\n", esc(&s.heading));
            if !s.reading.is_empty() {
                let _ = writeln!(out, "{}\n", markdown_block(&s.reading));
            }
            if let Some(c) = &s.chart {
                if let Some(reason) = &c.no_data {
                    let _ = writeln!(out, "*No chart: {}*\n", esc(reason));
                }
                let _ = writeln!(out, "![{}](charts/{})\n", esc(c.title), c.file_name);
            }
            if let Some(t) = &s.table {
                table(t, &mut out);
                out.push('\n');
            }
            for b in &s.bullets {
                let _ = writeln!(out, "- {}", esc(b));
            }
            if !s.bullets.is_empty() {
                out.push('\n');
            }
        }
        Ok(out)
    }
}
