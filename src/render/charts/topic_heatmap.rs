//! Outlet × topic tone heatmap: one cell per outlet and topic, coloured by mean tone, with the
//! mean and the number of scored articles written in the cell, and a colour scale legend.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::Result;
use plotters::style::Color;

use super::canvas::{Align, Canvas, diverging, fit_all, ink, num, text_on, wrap};
use super::{Chart, Drawn, MIN_HEIGHT, WIDTH, row_height, topic_label};
use crate::render::views::{Est, Views};

/// The chart.
pub struct TopicHeatmap;

/// (outlet, topic) → (articles, tone).
type Cells<'a> = BTreeMap<(&'a str, Option<&'a str>), (u64, Option<Est>)>;

/// Cells with fewer scored articles than this are drawn pale: their means are unreliable.
pub const MIN_CELL_N: u64 = 5;
const MAX_TOPICS: usize = 14;
const MAX_OUTLETS: usize = 30;
const ROW: i32 = 44;

/// Half-width of the colour scale: the smallest of 0.1, 0.2, 0.3, 0.5, 1 covering every
/// cell mean, so small differences stay visible without saturating.
fn color_domain(max_abs: f64) -> f64 {
    [0.1, 0.2, 0.3, 0.5, 1.0]
        .into_iter()
        .find(|d| max_abs <= *d)
        .unwrap_or(1.0)
}

impl Chart for TopicHeatmap {
    fn file_name(&self) -> &'static str {
        "outlet_topic_tone.png"
    }
    fn title(&self) -> &'static str {
        "Tone by outlet and topic"
    }
    fn draw(&self, v: &Views, path: &Path) -> Result<Drawn> {
        if v.topics.iter().all(|r| r.tone.is_none()) {
            return Ok(Drawn::NoData(
                "No outlet × topic group has an article with a tone score.".into(),
            ));
        }
        let mut notes = Vec::new();
        // Topics by number of articles (most first), null topic last.
        let mut topic_n: BTreeMap<Option<String>, u64> = BTreeMap::new();
        for r in &v.topics {
            *topic_n.entry(r.topic.clone()).or_default() += r.n_articles;
        }
        let mut topics: Vec<(Option<String>, u64)> = topic_n.into_iter().collect();
        topics.sort_by(|a, b| {
            (a.0.is_none(), std::cmp::Reverse(a.1), &a.0).cmp(&(
                b.0.is_none(),
                std::cmp::Reverse(b.1),
                &b.0,
            ))
        });
        if topics.len() > MAX_TOPICS {
            notes.push(format!(
                "Showing the {MAX_TOPICS} topics with the most articles of {}.",
                topics.len()
            ));
            topics.truncate(MAX_TOPICS);
        }
        let mut outlets: Vec<(String, u64)> = v
            .outlets
            .iter()
            .map(|o| (o.outlet.clone(), o.n_articles))
            .collect();
        if outlets.len() > MAX_OUTLETS {
            outlets.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            notes.push(format!(
                "Showing the {MAX_OUTLETS} outlets with the most articles of {}.",
                outlets.len()
            ));
            outlets.truncate(MAX_OUTLETS);
            outlets.sort();
        }
        let cells: Cells = v
            .topics
            .iter()
            .map(|r| {
                (
                    (r.outlet.as_str(), r.topic.as_deref()),
                    (r.n_articles, r.tone),
                )
            })
            .collect();
        // Scale set by cells with enough articles, so one tiny cell cannot wash the others out.
        let reliable = |min_n: u64| {
            v.topics
                .iter()
                .filter_map(|r| r.tone.filter(|t| t.n >= min_n).map(|t| t.mean.abs()))
                .fold(0.0, f64::max)
        };
        let max_abs = match reliable(MIN_CELL_N) {
            m if m > 0.0 => m,
            _ => reliable(1),
        };
        let dom = color_domain(max_abs);
        notes.push(format!(
            "Pale cells: fewer than {MIN_CELL_N} scored articles, too few to compare. \
             Grey “–”: articles but no tone score. Empty: no articles."
        ));

        let fixed = 270 + notes.len() as i32 * 22;
        let row = row_height(outlets.len(), fixed, ROW, 60);
        let height = (fixed + outlets.len() as i32 * row).max(MIN_HEIGHT as i32);
        let c = Canvas::new(path, WIDTH, height as u32)?;
        let top = c.header(
            self.title(),
            &[format!(
                "Mean article tone per outlet and topic (compound score, −1 to +1); \
                 each cell shows the mean and n, the number of scored articles. \
                 Colours run from −{dom} to +{dom}; stronger means get the end colour."
            )],
        )?;
        c.footer(&notes)?;

        let label_w = 300;
        let grid_x0 = 40 + label_w + 16;
        let legend_w = 110;
        let grid_x1 = c.width - 40 - legend_w;
        let col_w = (grid_x1 - grid_x0) / topics.len() as i32;
        let head_h = 52;
        let grid_y0 = top + head_h;

        // Column headings, wrapped to two lines; narrow columns (many topics) get a smaller
        // face, so "economy" reads whole instead of as "econ…y".
        let head_size = if col_w < 90 { 12.0 } else { 14.0 };
        for (j, (t, _)) in topics.iter().enumerate() {
            let cx = grid_x0 + j as i32 * col_w + col_w / 2;
            let lines = wrap(&c, &topic_label(t.as_deref()), head_size, true, col_w - 4);
            let lines = &lines[..lines.len().min(2)];
            let mut y = grid_y0 - 12 - 18 * (lines.len() as i32 - 1);
            for l in lines {
                c.text(l, (cx, y), head_size, true, ink::TEXT, Align::Center)?;
                y += 18;
            }
        }
        let names: Vec<String> = outlets.iter().map(|o| o.0.clone()).collect();
        let labels = fit_all(&c, &names, 15.0, label_w);
        for (i, (outlet, _)) in outlets.iter().enumerate() {
            let y0 = grid_y0 + i as i32 * row;
            c.text(
                &labels[i],
                (grid_x0 - 12, y0 + row / 2),
                15.0,
                false,
                ink::TEXT,
                Align::Right,
            )?;
            for (j, (t, _)) in topics.iter().enumerate() {
                let x0 = grid_x0 + j as i32 * col_w;
                let (p0, p1) = ((x0 + 1, y0 + 1), (x0 + col_w - 1, y0 + row - 1));
                let (ty, ny) = (y0 + row / 2 - 8, y0 + row / 2 + 9);
                match cells.get(&(outlet.as_str(), t.as_deref())) {
                    None => {
                        c.stroke_rect(p0, p1, ink::GRID, 1)?;
                    }
                    Some((n, None)) => {
                        c.fill_rect(p0, p1, ink::NO_DATA.to_rgba())?;
                        c.text(
                            "–",
                            ((p0.0 + p1.0) / 2, ty),
                            14.0,
                            false,
                            ink::MUTED,
                            Align::Center,
                        )?;
                        c.text(
                            &format!("n=0/{n}"),
                            ((p0.0 + p1.0) / 2, ny),
                            11.0,
                            false,
                            ink::MUTED,
                            Align::Center,
                        )?;
                    }
                    Some((_, Some(e))) => {
                        let col = diverging(e.mean / dom);
                        let small = e.n < MIN_CELL_N;
                        let fill = if small { col.mix(0.35) } else { col.to_rgba() };
                        c.fill_rect(p0, p1, fill)?;
                        let fg = if small { ink::MUTED } else { text_on(col) };
                        c.text(
                            &num(e.mean, 2),
                            ((p0.0 + p1.0) / 2, ty),
                            14.0,
                            !small,
                            fg,
                            Align::Center,
                        )?;
                        c.text(
                            &format!("n={}", e.n),
                            ((p0.0 + p1.0) / 2, ny),
                            11.0,
                            false,
                            fg,
                            Align::Center,
                        )?;
                    }
                }
            }
        }

        // Colour scale legend.
        let lx = grid_x1 + 40;
        let (ly0, ly1) = (
            grid_y0,
            grid_y0 + (outlets.len() as i32 * row).clamp(160, 320),
        );
        let steps = (ly1 - ly0).max(1);
        for k in 0..steps {
            let t = 1.0 - 2.0 * k as f64 / steps as f64;
            c.fill_rect(
                (lx, ly0 + k),
                (lx + 22, ly0 + k + 1),
                diverging(t).to_rgba(),
            )?;
        }
        c.stroke_rect((lx, ly0), (lx + 22, ly1), ink::AXIS, 1)?;
        for (t, label) in [
            (1.0, format!("+{}", num(dom, 1))),
            (0.0, "0".to_string()),
            (-1.0, num(-dom, 1)),
        ] {
            let y = ly0 + ((1.0 - t) / 2.0 * (ly1 - ly0) as f64) as i32;
            c.line(vec![(lx + 22, y), (lx + 28, y)], ink::AXIS.to_rgba(), 1)?;
            c.text(&label, (lx + 32, y), 13.0, false, ink::TEXT, Align::Left)?;
        }
        c.text(
            "tone",
            (lx + 11, ly0 - 16),
            13.0,
            true,
            ink::TEXT,
            Align::Center,
        )?;
        c.finish()?;
        Ok(Drawn::Chart { notes })
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn colour_domain_is_the_smallest_round_bound() {
        assert_eq!(super::color_domain(0.07), 0.1);
        assert_eq!(super::color_domain(0.25), 0.3);
        assert_eq!(super::color_domain(0.9), 1.0);
    }
}
