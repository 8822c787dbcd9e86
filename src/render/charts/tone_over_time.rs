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
use crate::aggregate::period::{date_of, days_of, next_bucket_start};
use crate::render::views::{PeriodRow, Views};

/// The chart.
pub struct ToneOverTime;

const MAX_PANELS: usize = 12;
const PANEL_H: i32 = 250;

/// True when the bucket starting at `b` directly follows the one starting at `a`.
fn is_next(a: i32, b: i32, period: Period) -> bool {
    date_of(a).is_some_and(|d| days_of(next_bucket_start(d, period)) == b)
}

/// Calendar tick marks for a time axis over days `[lo, hi]` (days since 1970-01-01): the finest
/// of day, Monday, month, quarter, half-year, year, 2, 5, 10, 20, 50 years that gives at most
/// `max` ticks inside the range, never finer than the time bucket, each labelled at the
/// granularity of its step (`2024-03-05`, `2024-03`, `2024`).
///
/// Ticks sit on calendar boundaries rather than on data points, so a corpus whose dates cluster
/// (most articles in one year, one in another) still gets evenly spaced, non-overlapping labels.
pub fn time_ticks(lo: f64, hi: f64, max: usize, period: Period) -> Vec<(i32, String)> {
    use chrono::{Datelike, NaiveDate};
    let (Some(d0), Some(d1)) = (date_of(lo.ceil() as i32), date_of(hi.floor() as i32)) else {
        return Vec::new();
    };
    // (months per step, 0 for day/week steps; days per step for those)
    let steps: [(u32, i64); 13] = [
        (0, 1),
        (0, 7),
        (1, 0),
        (3, 0),
        (6, 0),
        (12, 0),
        (24, 0),
        (60, 0),
        (120, 0),
        (240, 0),
        (600, 0),
        (1200, 0),
        (6000, 0),
    ];
    let min_step = match period {
        Period::Day => 0,
        Period::Week => 1,
        Period::Month => 2,
    };
    for &(months, days) in &steps[min_step..] {
        let mut ticks = Vec::new();
        if months == 0 {
            let mut d = d0;
            if days == 7 {
                d += chrono::Duration::days((7 - d.weekday().num_days_from_monday() as i64) % 7);
            }
            while d <= d1 && ticks.len() <= max {
                ticks.push((days_of(d), d.format("%Y-%m-%d").to_string()));
                d += chrono::Duration::days(days);
            }
        } else {
            // First boundary at or after d0 whose month index is a multiple of the step.
            let idx0 = d0.year() as i64 * 12 + d0.month0() as i64;
            let mut idx = if d0.day() == 1 { idx0 } else { idx0 + 1 };
            let m = months as i64;
            idx = idx.div_euclid(m) * m + if idx.rem_euclid(m) == 0 { 0 } else { m };
            while ticks.len() <= max {
                let (y, mo) = (idx.div_euclid(12) as i32, idx.rem_euclid(12) as u32 + 1);
                let Some(d) = NaiveDate::from_ymd_opt(y, mo, 1) else {
                    break;
                };
                if d > d1 {
                    break;
                }
                let label = if months % 12 == 0 {
                    format!("{y}")
                } else {
                    format!("{y}-{mo:02}")
                };
                ticks.push((days_of(d), label));
                idx += m;
            }
        }
        if ticks.len() <= max && !ticks.is_empty() {
            return ticks;
        }
        if ticks.is_empty() && months >= 12 {
            break;
        }
    }
    // Range too short for any boundary inside it: label its start.
    vec![(
        days_of(d0),
        crate::aggregate::period::bucket_label(d0, period),
    )]
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
        let max_x_ticks = ((panel_w - 90) / 80).max(2) as usize;
        let x_ticks = time_ticks(x_lo, x_hi, max_x_ticks, v.period);

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
            for (t, label) in &x_ticks {
                let x = sx.px(*t as f64);
                c.line(vec![(x, py1), (x, py1 + 4)], ink::AXIS.to_rgba(), 1)?;
                c.text(label, (x, py1 + 15), 12.0, false, ink::MUTED, Align::Center)?;
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

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn d(y: i32, m: u32, day: u32) -> f64 {
        days_of(NaiveDate::from_ymd_opt(y, m, day).unwrap()) as f64
    }

    fn labels(t: &[(i32, String)]) -> Vec<&str> {
        t.iter().map(|(_, l)| l.as_str()).collect()
    }

    #[test]
    fn long_span_gets_year_ticks() {
        // The bundled sample: 2012 to 2023, monthly buckets, room for 6 labels.
        let t = time_ticks(d(2012, 1, 1) - 15.0, d(2023, 4, 1) + 15.0, 6, Period::Month);
        assert_eq!(
            labels(&t),
            vec!["2012", "2014", "2016", "2018", "2020", "2022"]
        );
    }

    #[test]
    fn one_year_gets_quarter_ticks() {
        let t = time_ticks(
            d(2021, 10, 1) - 15.0,
            d(2022, 9, 1) + 15.0,
            6,
            Period::Month,
        );
        assert_eq!(labels(&t), vec!["2021-10", "2022-01", "2022-04", "2022-07"]);
    }

    #[test]
    fn weekly_ticks_fall_on_mondays() {
        // 2024-03-04 is a Monday.
        let t = time_ticks(d(2024, 3, 1), d(2024, 3, 20), 4, Period::Week);
        assert_eq!(labels(&t), vec!["2024-03-04", "2024-03-11", "2024-03-18"]);
    }

    #[test]
    fn single_bucket_labels_its_start() {
        let t = time_ticks(d(2024, 3, 1) - 15.0, d(2024, 3, 1) + 15.0, 6, Period::Month);
        assert_eq!(labels(&t), vec!["2024-03"]);
    }
}
