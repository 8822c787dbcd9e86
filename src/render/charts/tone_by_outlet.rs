//! Tone by outlet: mean article tone with its 95% interval, one row per outlet, most negative
//! first.

use std::path::Path;

use anyhow::Result;
use plotters::style::{Color, RGBColor};

use super::canvas::{Align, Canvas, STRIPE, Scale, fit_all, ink, nice_ticks, num, x_axis};
use super::{
    Chart, Drawn, MIN_HEIGHT, WIDTH, count_is, draw_estimate, estimate_domain, row_height,
};
use crate::render::views::Views;

/// The chart.
pub struct ToneByOutlet;

/// At most this many outlets are drawn (those with the most scored articles).
const MAX_ROWS: usize = 40;
const DOT: RGBColor = RGBColor(0, 90, 160);

impl Chart for ToneByOutlet {
    fn file_name(&self) -> &'static str {
        "tone_by_outlet.png"
    }
    fn title(&self) -> &'static str {
        "Tone by outlet"
    }
    fn draw(&self, v: &Views, path: &Path) -> Result<Drawn> {
        let mut rows: Vec<_> = v.outlets.iter().filter(|o| o.tone.is_some()).collect();
        let without: Vec<_> = v.outlets.iter().filter(|o| o.tone.is_none()).collect();
        if rows.is_empty() {
            let n: u64 = v.outlets.iter().map(|o| o.n_articles).sum();
            return Ok(Drawn::NoData(format!(
                "None of the {n} articles has a tone score, so outlets cannot be compared."
            )));
        }
        let mut notes = Vec::new();
        if rows.len() > MAX_ROWS {
            rows.sort_by_key(|o| std::cmp::Reverse(o.tone.unwrap().n));
            notes.push(format!(
                "Showing the {MAX_ROWS} outlets with the most scored articles of {}.",
                rows.len()
            ));
            rows.truncate(MAX_ROWS);
        }
        rows.sort_by(|a, b| {
            let (x, y) = (a.tone.unwrap(), b.tone.unwrap());
            x.mean.total_cmp(&y.mean).then(a.outlet.cmp(&b.outlet))
        });
        let n_null: u64 = v.outlets.iter().map(|o| o.n_tone_null).sum();
        if n_null > 0 {
            notes.push(format!(
                "{} excluded from the means (no tone score).",
                count_is(n_null, "article", "articles")
            ));
        }
        if !without.is_empty() {
            notes.push(format!(
                "{} not shown (no article with a tone score).",
                count_is(without.len() as u64, "outlet", "outlets")
            ));
        }
        if rows.iter().any(|o| o.tone.unwrap().ci().is_none()) {
            notes.push("Hollow markers: a single scored article, so no interval.".into());
        }

        let (lo, hi) = estimate_domain(rows.iter().map(|o| o.tone.as_ref().unwrap()), 2);
        if rows
            .iter()
            .filter_map(|o| o.tone.unwrap().ci())
            .any(|(l, h)| l < lo || h > hi)
        {
            notes.push(
                "Intervals reaching past the axis are cut at its edge (arrow); the score itself \
                 stays within −1 to +1."
                    .into(),
            );
        }
        let mut footer = notes.clone();
        footer.push(
            "Non-overlapping intervals suggest a real difference; overlapping ones do not show one."
                .into(),
        );
        let fixed = 250 + footer.len() as i32 * 22;
        let row = row_height(rows.len(), fixed, 36, 60);
        let height = (fixed + rows.len() as i32 * row).max(MIN_HEIGHT as i32);
        let c = Canvas::new(path, WIDTH, height as u32)?;
        let top = c.header(
            self.title(),
            &[
                "Mean article tone (compound score from −1, most negative, to +1, most positive) \
               with its 95% confidence interval; n = articles with a tone score."
                    .to_string(),
            ],
        )?;
        c.footer(&footer)?;

        let names: Vec<String> = rows.iter().map(|o| o.outlet.clone()).collect();
        let label_w = 380;
        let labels = fit_all(&c, &names, 15.0, label_w);
        let plot_x0 = 40 + label_w + 20;
        let plot_x1 = c.width - 140;
        let s = Scale {
            d0: lo,
            d1: hi,
            p0: plot_x0,
            p1: plot_x1,
        };
        let y0 = top + 14;
        let axis_y = y0 + rows.len() as i32 * row + 8;
        for i in (0..rows.len()).step_by(2) {
            let y = y0 + i as i32 * row;
            c.fill_rect((40, y), (c.width - 40, y + row), STRIPE.to_rgba())?;
        }
        let ticks = nice_ticks(lo, hi, 8);
        x_axis(
            &c,
            &s,
            &ticks,
            axis_y,
            y0,
            &|t| num(t, 2),
            "Mean tone (95% CI)",
        )?;
        c.line(
            vec![(s.px(0.0), y0), (s.px(0.0), axis_y)],
            ink::AXIS.to_rgba(),
            2,
        )?;
        c.text(
            "n",
            (c.width - 90, y0 - 12),
            13.0,
            true,
            ink::MUTED,
            Align::Center,
        )?;
        for (i, o) in rows.iter().enumerate() {
            let t = o.tone.unwrap();
            let y = y0 + i as i32 * row + row / 2;
            c.text(
                &labels[i],
                (plot_x0 - 16, y),
                15.0,
                false,
                ink::TEXT,
                Align::Right,
            )?;
            draw_estimate(&c, &s, y, &t, DOT, 3, 7)?;
            c.text(
                &t.n.to_string(),
                (c.width - 90, y),
                14.0,
                false,
                ink::MUTED,
                Align::Center,
            )?;
        }
        c.finish()?;
        Ok(Drawn::Chart { notes })
    }
}
