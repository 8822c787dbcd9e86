//! Tone over time by outlet: small multiples, one panel per outlet, mean tone per period with
//! its 95% interval as a shaded band, on shared axes so panels compare directly.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use anyhow::Result;
use plotters::style::{Color, WHITE};

use super::canvas::{Align, Canvas, Scale, fit, ink, nice_ticks, num};
use super::topic_heatmap::MIN_CELL_N;
use super::{Chart, Drawn, MIN_HEIGHT, WIDTH, count_is, estimate_domain, outlet_color};
use crate::aggregate::Period;
use crate::aggregate::period::{date_of, next_bucket_start};
use crate::render::views::{PeriodRow, Views};

/// The chart.
pub struct ToneOverTime;

const MAX_PANELS: usize = 12;
const PANEL_H: i32 = 250;

/// True when the bucket starting at `b` directly follows the one starting at `a`.
fn is_next(a: i32, b: i32, period: Period) -> bool {
    date_of(a).is_some_and(|d| crate::aggregate::period::days_of(next_bucket_start(d, period)) == b)
}

impl Chart for ToneOverTime {
    fn file_name(&self) -> &'static str {
        "tone_over_time.png"
    }
    fn title(&self) -> &'static str {
        "Tone over time by outlet"
    }
    fn draw(&self, v: &Views, path: &Path) -> Result<Drawn> {
        let scored: Vec<&PeriodRow> = v.periods.iter().filter(|p| p.tone.is_some()).collect();
        if scored.is_empty() {
            return Ok(Drawn::NoData(
                "No dated article has a tone score, so there is no time series.".into(),
            ));
        }
        let mut notes = Vec::new();
        let mut by_outlet: BTreeMap<&str, Vec<&PeriodRow>> = BTreeMap::new();
        for p in &scored {
            by_outlet.entry(p.outlet.as_str()).or_default().push(p);
        }
        let mut outlets: Vec<(&str, u64)> = by_outlet
            .iter()
            .map(|(o, ps)| (*o, ps.iter().map(|p| p.tone.unwrap().n).sum()))
            .collect();
        if outlets.len() > MAX_PANELS {
            outlets.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
            notes.push(format!(
                "Showing the {MAX_PANELS} outlets with the most scored, dated articles of {}.",
                outlets.len()
            ));
            outlets.truncate(MAX_PANELS);
            outlets.sort();
        }
        let undated: u64 = v.outlets.iter().map(|o| o.n_undated).sum();
        if undated > 0 {
            notes.push(format!(
                "{} not shown (no date).",
                count_is(undated, "article", "articles")
            ));
        }
        notes.push(
            "Band: 95% confidence interval (periods with at least two scored articles). \
             Hollow points: one scored article, no interval. Lines break at periods with \
             no scored article."
                .into(),
        );

        let starts: BTreeSet<i32> = scored.iter().map(|p| p.start).collect();
        let labels: BTreeMap<i32, &str> = scored
            .iter()
            .map(|p| (p.start, p.period.as_str()))
            .collect();
        let half = match v.period {
            Period::Day => 0.6,
            Period::Week => 3.5,
            Period::Month => 15.0,
        };
        let (x_lo, x_hi) = (
            *starts.first().unwrap() as f64 - half,
            *starts.last().unwrap() as f64 + half,
        );
        let (y_lo, y_hi) =
            estimate_domain(scored.iter().map(|p| p.tone.as_ref().unwrap()), MIN_CELL_N);
        if scored
            .iter()
            .filter_map(|p| p.tone.unwrap().ci())
            .any(|(l, h)| l < y_lo || h > y_hi)
        {
            notes.push(format!(
                "Bands reaching past the axis are cut at its edge; the axis is set by periods with \
                 at least {MIN_CELL_N} scored articles."
            ));
        }
        let n = outlets.len();
        let cols = match n {
            1 => 1,
            2 | 4 => 2,
            _ => 3,
        };
        let rows = n.div_ceil(cols) as i32;
        let height = (120 + rows * PANEL_H + notes.len() as i32 * 22).max(MIN_HEIGHT as i32);
        let c = Canvas::new(path, WIDTH, height as u32)?;
        let top = c.header(
            self.title(),
            &[format!(
                "Mean article tone per {} (compound score, −1 to +1) with 95% confidence band; \
                 all panels share both axes.",
                v.period.as_str()
            )],
        )?;
        c.footer(&notes)?;

        let panel_w = (c.width - 80) / cols as i32;
        let y_ticks = nice_ticks(y_lo, y_hi, 4);
        let max_x_ticks = ((panel_w - 90) / 95).max(2) as usize;
        let all_starts: Vec<i32> = starts.iter().copied().collect();
        let step = all_starts.len().div_ceil(max_x_ticks).max(1);
        let x_ticks: Vec<i32> = all_starts.iter().copied().step_by(step).collect();

        for (k, (outlet, n_scored)) in outlets.iter().enumerate() {
            let (col, row) = ((k % cols) as i32, (k / cols) as i32);
            let px0 = 40 + col * panel_w + 62;
            let px1 = 40 + (col + 1) * panel_w - 18;
            let py0 = top + row * PANEL_H + 30;
            let py1 = py0 + PANEL_H - 78;
            let color = outlet_color(k);
            let title = fit(&c, outlet, 15.0, true, px1 - px0 - 130);
            c.text(&title, (px0, py0 - 16), 15.0, true, ink::TEXT, Align::Left)?;
            c.text(
                &format!("n = {n_scored}"),
                (px1, py0 - 16),
                13.0,
                false,
                ink::MUTED,
                Align::Right,
            )?;
            let sx = Scale {
                d0: x_lo,
                d1: x_hi,
                p0: px0,
                p1: px1,
            };
            let sy = Scale {
                d0: y_lo,
                d1: y_hi,
                p0: py1,
                p1: py0,
            };
            for &t in &y_ticks {
                let y = sy.px(t);
                let line = if t == 0.0 { ink::AXIS } else { ink::GRID };
                c.line(vec![(px0, y), (px1, y)], line.to_rgba(), 1)?;
                c.text(
                    &num(t, 1),
                    (px0 - 8, y),
                    12.0,
                    false,
                    ink::MUTED,
                    Align::Right,
                )?;
            }
            c.line(vec![(px0, py1), (px1, py1)], ink::AXIS.to_rgba(), 1)?;
            for &t in &x_ticks {
                let x = sx.px(t as f64);
                c.line(vec![(x, py1), (x, py1 + 4)], ink::AXIS.to_rgba(), 1)?;
                c.text(
                    labels[&t],
                    (x, py1 + 15),
                    12.0,
                    false,
                    ink::MUTED,
                    Align::Center,
                )?;
            }
            // Runs of consecutive periods: lines and bands never bridge a period with no data.
            let mut runs: Vec<Vec<&PeriodRow>> = Vec::new();
            for p in &by_outlet[outlet] {
                match runs.last_mut() {
                    Some(run) if is_next(run.last().unwrap().start, p.start, v.period) => {
                        run.push(p)
                    }
                    _ => runs.push(vec![p]),
                }
            }
            for run in &runs {
                // Bands over sub-runs of points that have an interval.
                for band in run.split(|p| p.tone.unwrap().ci().is_none()) {
                    if band.len() >= 2 {
                        let mut pts: Vec<(i32, i32)> = band
                            .iter()
                            .map(|p| {
                                (
                                    sx.px(p.start as f64),
                                    sy.px_clamped(p.tone.unwrap().high.unwrap()),
                                )
                            })
                            .collect();
                        pts.extend(band.iter().rev().map(|p| {
                            (
                                sx.px(p.start as f64),
                                sy.px_clamped(p.tone.unwrap().low.unwrap()),
                            )
                        }));
                        c.polygon(pts, color.mix(0.18))?;
                    } else if let Some(p) = band.first() {
                        let (x, (l, h)) = (sx.px(p.start as f64), p.tone.unwrap().ci().unwrap());
                        c.line(
                            vec![(x, sy.px_clamped(l)), (x, sy.px_clamped(h))],
                            color.mix(0.5),
                            2,
                        )?;
                    }
                }
                let pts: Vec<(i32, i32)> = run
                    .iter()
                    .map(|p| (sx.px(p.start as f64), sy.px_clamped(p.tone.unwrap().mean)))
                    .collect();
                if pts.len() >= 2 {
                    c.line(pts.clone(), color.to_rgba(), 2)?;
                }
                for (p, xy) in run.iter().zip(&pts) {
                    if p.tone.unwrap().ci().is_some() {
                        c.dot(*xy, 4, color.to_rgba())?;
                    } else {
                        c.dot(*xy, 4, WHITE.to_rgba())?;
                        c.ring(*xy, 4, color.to_rgba(), 2)?;
                    }
                }
            }
        }
        c.finish()?;
        Ok(Drawn::Chart { notes })
    }
}
