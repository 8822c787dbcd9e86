//! Quotes and source types per outlet: how much each outlet quotes (quotes per 1,000 words)
//! and whom (the source-type mix of its quotes, as 100% stacked bars).

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::Result;
use plotters::style::{Color, RGBColor};

use super::canvas::{Align, Canvas, Scale, fit_all, ink, legend, nice_ticks, num, pct, text_on};
use super::{Chart, Drawn, MIN_HEIGHT, WIDTH, row_height, source_type_color, source_type_label};
use crate::aggregate::SOURCE_TYPES;
use crate::render::views::Views;

/// The chart.
pub struct QuotesSources;

const MAX_ROWS: usize = 40;
const ROW: i32 = 36;
const BAR_HALF: i32 = 12;

impl Chart for QuotesSources {
    fn file_name(&self) -> &'static str {
        "quotes_sources.png"
    }
    fn title(&self) -> &'static str {
        "Quotes and source types per outlet"
    }
    fn draw(&self, v: &Views, path: &Path) -> Result<Drawn> {
        let total: u64 = v.outlets.iter().map(|o| o.n_quotes).sum();
        if total == 0 && v.source_types.is_empty() {
            return Ok(Drawn::NoData(
                "No attribution (quote, reported speech, “according to”) was found in any article."
                    .into(),
            ));
        }
        let mut notes = Vec::new();
        let mut rows: Vec<_> = v.outlets.iter().collect();
        rows.sort_by(|a, b| {
            b.quotes_per_1k_words
                .unwrap_or(0.0)
                .total_cmp(&a.quotes_per_1k_words.unwrap_or(0.0))
                .then(a.outlet.cmp(&b.outlet))
        });
        if rows.len() > MAX_ROWS {
            notes.push(format!(
                "Showing the {MAX_ROWS} outlets that quote most, of {}.",
                rows.len()
            ));
            rows.truncate(MAX_ROWS);
        }
        let mut mix: BTreeMap<&str, BTreeMap<&str, (f64, u64)>> = BTreeMap::new();
        for m in &v.source_types {
            if let Some(s) = m.share {
                mix.entry(m.outlet.as_str())
                    .or_default()
                    .insert(m.category.as_str(), (s.share, s.n));
            }
        }
        // Legend: known types present anywhere, in fixed order, then others.
        let mut present: Vec<String> = SOURCE_TYPES
            .iter()
            .filter(|t| mix.values().any(|m| m.get(**t).is_some_and(|x| x.0 > 0.0)))
            .map(|t| t.to_string())
            .collect();
        for m in mix.values() {
            for (t, x) in m {
                if x.0 > 0.0 && !present.iter().any(|p| p == t) {
                    present.push(t.to_string());
                }
            }
        }

        let fixed = 290 + 2 * 22;
        let row = row_height(rows.len(), fixed, ROW, 56);
        let height = (fixed + rows.len() as i32 * row).max(MIN_HEIGHT as i32);
        let c = Canvas::new(path, WIDTH, height as u32)?;
        let top = c.header(
            self.title(),
            &[
                "Left: quotes per 1,000 words of the outlet's articles (all attributions: direct, \
               indirect, “according to”). Right: who is quoted, as shares of the outlet's quotes; \
               n = quotes."
                    .to_string(),
            ],
        )?;
        notes.push(
            "Quote shares treat quotes as independent; quotes from one article are not, so \
             differences between outlets with few articles should be read with care."
                .into(),
        );
        c.footer(&notes)?;
        let items: Vec<(String, RGBColor)> = present
            .iter()
            .map(|t| (source_type_label(t), source_type_color(t)))
            .collect();
        let legend_x0 = 40 + 300 + 16 + 300 + 40;
        let y_after_legend = legend(&c, &items, (legend_x0, top), c.width - 40)?;
        let y0 = y_after_legend + 6;

        let label_w = 300;
        let names: Vec<String> = rows.iter().map(|o| o.outlet.clone()).collect();
        let labels = fit_all(&c, &names, 15.0, label_w);
        let (bx0, bx1) = (40 + label_w + 16, 40 + label_w + 16 + 280);
        let max_rate = rows
            .iter()
            .filter_map(|o| o.quotes_per_1k_words)
            .fold(0.0, f64::max);
        let ticks = nice_ticks(0.0, max_rate.max(0.1), 4);
        let d1 = ticks.last().copied().unwrap_or(1.0).max(max_rate);
        let s = Scale {
            d0: 0.0,
            d1,
            p0: bx0,
            p1: bx1,
        };
        let (sx0, sx1) = (legend_x0, c.width - 110);
        let axis_y = y0 + rows.len() as i32 * row + 6;
        for &t in &ticks {
            let x = s.px(t);
            c.line(vec![(x, y0), (x, axis_y)], ink::GRID.to_rgba(), 1)?;
            c.text(
                &num(t, 1),
                (x, axis_y + 14),
                12.0,
                false,
                ink::MUTED,
                Align::Center,
            )?;
        }
        c.text(
            "quotes per 1,000 words",
            ((bx0 + bx1) / 2, axis_y + 36),
            14.0,
            false,
            ink::TEXT,
            Align::Center,
        )?;
        for (t, x) in [(0.0, sx0), (0.5, (sx0 + sx1) / 2), (1.0, sx1)] {
            c.text(
                &pct(t),
                (x, axis_y + 14),
                12.0,
                false,
                ink::MUTED,
                Align::Center,
            )?;
        }
        c.text(
            "share of the outlet's quotes",
            ((sx0 + sx1) / 2, axis_y + 36),
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

        for (i, o) in rows.iter().enumerate() {
            let y = y0 + i as i32 * row + row / 2;
            c.text(
                &labels[i],
                (bx0 - 12, y),
                15.0,
                false,
                ink::TEXT,
                Align::Right,
            )?;
            let rate = o.quotes_per_1k_words.unwrap_or(0.0);
            c.fill_rect(
                (bx0, y - BAR_HALF),
                (s.px(rate).max(bx0 + 1), y + BAR_HALF),
                RGBColor(0, 114, 178).to_rgba(),
            )?;
            c.text(
                &num(rate, 2),
                (s.px(rate) + 6, y),
                12.0,
                false,
                ink::TEXT,
                Align::Left,
            )?;
            let Some(m) = mix.get(o.outlet.as_str()) else {
                c.text(
                    "no quotes",
                    (sx0 + 6, y),
                    13.0,
                    false,
                    ink::MUTED,
                    Align::Left,
                )?;
                continue;
            };
            let mut x = sx0 as f64;
            let w = (sx1 - sx0) as f64;
            let n = m.values().map(|x| x.1).next().unwrap_or(0);
            for t in &present {
                let share = m.get(t.as_str()).map_or(0.0, |x| x.0);
                if share <= 0.0 {
                    continue;
                }
                let x1 = x + share * w;
                let col = source_type_color(t);
                c.fill_rect(
                    (x.round() as i32, y - BAR_HALF),
                    (x1.round() as i32, y + BAR_HALF),
                    col.to_rgba(),
                )?;
                if share * w > 38.0 {
                    c.text(
                        &pct(share),
                        (((x + x1) / 2.0) as i32, y),
                        12.0,
                        false,
                        text_on(col),
                        Align::Center,
                    )?;
                }
                x = x1;
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
