//! Verb framing: the connotation of the reporting verbs each outlet uses (said vs claimed vs
//! admitted…), as 100% stacked bars per outlet.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::Result;
use plotters::style::{Color, RGBColor};

use super::canvas::{Align, Canvas, fit_all, ink, legend, pct, text_on};
use super::{Chart, Drawn, MIN_HEIGHT, WIDTH, connotation_color, connotation_label, row_height};
use crate::aggregate::CONNOTATIONS;
use crate::render::views::Views;

/// The chart.
pub struct VerbFraming;

const MAX_ROWS: usize = 40;
const ROW: i32 = 38;

impl Chart for VerbFraming {
    fn file_name(&self) -> &'static str {
        "verb_framing.png"
    }
    fn title(&self) -> &'static str {
        "Verb framing: how quotes are introduced"
    }
    fn draw(&self, v: &Views, path: &Path) -> Result<Drawn> {
        let mut mix: BTreeMap<&str, BTreeMap<&str, (f64, u64)>> = BTreeMap::new();
        for m in &v.connotations {
            if let Some(s) = m.share {
                mix.entry(m.outlet.as_str())
                    .or_default()
                    .insert(m.category.as_str(), (s.share, s.n));
            }
        }
        if mix.is_empty() {
            return Ok(Drawn::NoData(if v.n_quote_rows == 0 {
                "No attribution was found, so there are no reporting verbs to classify.".into()
            } else {
                "No attribution has a reporting verb with a known connotation.".into()
            }));
        }
        let mut notes = Vec::new();
        let mut outlets: Vec<(&str, u64, f64)> = mix
            .iter()
            .map(|(o, m)| {
                let n = m.values().map(|x| x.1).next().unwrap_or(0);
                let neutral = m.get("neutral").map_or(0.0, |x| x.0);
                (*o, n, neutral)
            })
            .collect();
        if outlets.len() > MAX_ROWS {
            outlets.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
            notes.push(format!(
                "Showing the {MAX_ROWS} outlets with the most classified verbs of {}.",
                outlets.len()
            ));
            outlets.truncate(MAX_ROWS);
        }
        // Most loaded (least neutral) first.
        outlets.sort_by(|a, b| a.2.total_cmp(&b.2).then(a.0.cmp(b.0)));
        let mut cats: Vec<&str> = CONNOTATIONS.to_vec();
        for m in mix.values() {
            for c in m.keys() {
                if !cats.contains(c) {
                    cats.push(c);
                }
            }
        }
        notes.push(
            "Quotes without a reporting verb (such as “according to”) are not counted. \
             Shares treat quotes as independent."
                .into(),
        );

        let fixed = 270 + notes.len() as i32 * 22;
        let row = row_height(outlets.len(), fixed, ROW, 58);
        let height = (fixed + outlets.len() as i32 * row).max(MIN_HEIGHT as i32);
        let c = Canvas::new(path, WIDTH, height as u32)?;
        let top = c.header(
            self.title(),
            &[
                "Share of each outlet's quotes by the connotation of the reporting verb; \
               outlets with the fewest neutral verbs first; n = quotes with a classified verb."
                    .to_string(),
            ],
        )?;
        c.footer(&notes)?;
        let items: Vec<(String, RGBColor)> = cats
            .iter()
            .map(|k| (connotation_label(k), connotation_color(k)))
            .collect();
        let y0 = legend(&c, &items, (40, top), c.width - 40)? + 8;
        let label_w = 340;
        let names: Vec<String> = outlets.iter().map(|o| o.0.to_string()).collect();
        let labels = fit_all(&c, &names, 15.0, label_w);
        let (x0, x1) = (40 + label_w + 16, c.width - 110);
        let axis_y = y0 + outlets.len() as i32 * row + 4;
        for t in [0.0, 0.25, 0.5, 0.75, 1.0] {
            let x = x0 + ((x1 - x0) as f64 * t) as i32;
            c.line(vec![(x, axis_y), (x, axis_y + 4)], ink::AXIS.to_rgba(), 1)?;
            c.text(
                &pct(t),
                (x, axis_y + 15),
                12.0,
                false,
                ink::MUTED,
                Align::Center,
            )?;
        }
        c.text(
            "share of quotes with a classified verb",
            ((x0 + x1) / 2, axis_y + 38),
            14.0,
            false,
            ink::TEXT,
            Align::Center,
        )?;
        c.text(
            "n",
            (c.width - 70, y0 - 10),
            13.0,
            true,
            ink::MUTED,
            Align::Center,
        )?;
        for (i, (outlet, n, _)) in outlets.iter().enumerate() {
            let y = y0 + i as i32 * row + row / 2;
            c.text(
                &labels[i],
                (x0 - 12, y),
                15.0,
                false,
                ink::TEXT,
                Align::Right,
            )?;
            let m = &mix[outlet];
            let mut x = x0 as f64;
            let w = (x1 - x0) as f64;
            for k in &cats {
                let share = m.get(k).map_or(0.0, |x| x.0);
                if share <= 0.0 {
                    continue;
                }
                let xe = x + share * w;
                let col = connotation_color(k);
                c.fill_rect(
                    (x.round() as i32, y - 13),
                    (xe.round() as i32, y + 13),
                    col.to_rgba(),
                )?;
                if share * w > 40.0 {
                    c.text(
                        &pct(share),
                        (((x + xe) / 2.0) as i32, y),
                        12.0,
                        false,
                        text_on(col),
                        Align::Center,
                    )?;
                }
                x = xe;
            }
            c.text(
                &n.to_string(),
                (c.width - 70, y),
                13.0,
                false,
                ink::MUTED,
                Align::Center,
            )?;
        }
        c.finish()?;
        Ok(Drawn::Chart { notes })
    }
}
