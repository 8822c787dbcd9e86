//! PNG charts: one file per chart, each a [`Chart`] with a fixed file name.
//!
//! Like hyperfine's exporters, adding a chart is adding a file and a line in [`all`]. A chart
//! draws from [`Views`] only. When it has nothing to show it returns [`Drawn::NoData`] with a
//! sentence saying why, and [`render_all`] writes a "no data" picture in its place, so the set of
//! chart files is the same on every run and the report can say what is missing. File names are
//! constants: nothing from the input ever becomes a path.

pub mod canvas;
pub mod entity_tone;
pub mod quotes_sources;
pub mod tone_by_outlet;
pub mod tone_over_time;
pub mod topic_heatmap;
pub mod verb_framing;
pub mod voice;

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use plotters::style::RGBColor;

use super::views::{Est, Views};

/// Width of every chart in pixels (height depends on the number of rows, at least 600).
pub const WIDTH: u32 = 1400;
/// Minimum height of every chart in pixels.
pub const MIN_HEIGHT: u32 = 640;

/// What a chart drew.
#[derive(Debug, Clone, PartialEq)]
pub enum Drawn {
    /// The chart was drawn.
    Chart {
        /// Caveats drawn under the chart (rows left out, intervals cut at the axis…).
        notes: Vec<String>,
    },
    /// Nothing to draw; the reason, in plain language.
    NoData(String),
}

/// One chart: a fixed file name, a title, and a drawing function. `Send + Sync` so
/// [`render_all`] can draw the charts in parallel (each writes its own file).
pub trait Chart: Send + Sync {
    /// File name under `charts/` (a constant, never derived from input).
    fn file_name(&self) -> &'static str;
    /// Title drawn on the chart and used as the report's heading.
    fn title(&self) -> &'static str;
    /// Draws the chart to `path`, or says why there is nothing to draw (without writing).
    fn draw(&self, v: &Views, path: &Path) -> Result<Drawn>;
}

/// Every chart, in report order.
pub fn all() -> Vec<Box<dyn Chart>> {
    vec![
        Box::new(tone_by_outlet::ToneByOutlet),
        Box::new(topic_heatmap::TopicHeatmap),
        Box::new(tone_over_time::ToneOverTime),
        Box::new(quotes_sources::QuotesSources),
        Box::new(entity_tone::EntityTone),
        Box::new(voice::Voice),
        Box::new(verb_framing::VerbFraming),
    ]
}

/// A chart file that was written.
#[derive(Debug, Clone)]
pub struct ChartFile {
    pub file_name: &'static str,
    pub title: &'static str,
    pub path: PathBuf,
    pub drawn: Drawn,
}

/// Draws every chart into `dir` (created if missing), in parallel (rasterising and PNG
/// encoding are most of the render stage); the list comes back in report order and each file
/// is the same whatever the thread count.
pub fn render_all(v: &Views, dir: &Path) -> Result<Vec<ChartFile>> {
    use rayon::prelude::*;
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    all()
        .par_iter()
        .map(|chart| {
            let path = dir.join(chart.file_name());
            let drawn = chart
                .draw(v, &path)
                .with_context(|| format!("drawing {}", path.display()))?;
            if let Drawn::NoData(reason) = &drawn {
                canvas::no_data(&path, chart.title(), reason)
                    .with_context(|| format!("drawing {}", path.display()))?;
            }
            Ok(ChartFile {
                file_name: chart.file_name(),
                title: chart.title(),
                path,
                drawn,
            })
        })
        .collect()
}

/// Row height for a chart with `rows` rows: `min` pixels, grown up to `max` so a chart with
/// few rows fills [`MIN_HEIGHT`] instead of leaving a blank lower half. `fixed` is the height
/// taken by everything but the rows.
pub fn row_height(rows: usize, fixed: i32, min: i32, max: i32) -> i32 {
    let fill = (MIN_HEIGHT as i32 - fixed) / rows.max(1) as i32;
    fill.clamp(min, max)
}

/// The axis domain for estimates with intervals: covers every mean, and the intervals of
/// estimates resting on at least `min_n` articles (small groups' intervals, often spanning the
/// whole scale, are clipped with an arrow instead of squashing every other row). Always
/// includes 0 and stays within [-1, 1].
pub fn estimate_domain<'a>(ests: impl Iterator<Item = &'a Est>, min_n: u64) -> (f64, f64) {
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for e in ests {
        lo = lo.min(e.mean);
        hi = hi.max(e.mean);
        if e.n >= min_n
            && let Some((l, h)) = e.ci()
        {
            lo = lo.min(l);
            hi = hi.max(h);
        }
    }
    if !lo.is_finite() {
        return (-1.0, 1.0);
    }
    let (d0, d1) = canvas::nice_domain(lo.max(-1.0), hi.min(1.0), true);
    (d0.max(-1.0), d1.min(1.0))
}

/// Draws one estimate on row `y`: the interval as a line with end caps (an arrow where it runs
/// past the axis), the mean as a filled dot, or a hollow dot when there is no interval. Returns
/// true when the interval was clipped.
pub fn draw_estimate(
    c: &canvas::Canvas,
    s: &canvas::Scale,
    y: i32,
    e: &Est,
    color: RGBColor,
    line: u32,
    r: i32,
) -> Result<bool> {
    use plotters::style::{Color, WHITE};
    let (lo, hi) = (s.d0.min(s.d1), s.d0.max(s.d1));
    let mut clipped = false;
    if let Some((l, h)) = e.ci() {
        let (xl, xh) = (s.px_clamped(l), s.px_clamped(h));
        c.line(vec![(xl, y), (xh, y)], color.to_rgba(), line)?;
        for (x, past, dir) in [(xl, l < lo, -1), (xh, h > hi, 1)] {
            if past {
                clipped = true;
                c.polygon(
                    vec![(x + dir * 9, y), (x, y - 6), (x, y + 6)],
                    color.to_rgba(),
                )?;
            } else {
                c.line(vec![(x, y - r), (x, y + r)], color.to_rgba(), 2)?;
            }
        }
        c.dot((s.px_clamped(e.mean), y), r, color.to_rgba())?;
    } else {
        c.dot((s.px_clamped(e.mean), y), r, WHITE.to_rgba())?;
        c.ring((s.px_clamped(e.mean), y), r, color.to_rgba(), 2)?;
    }
    Ok(clipped)
}

/// "1 article is" / "3 articles are": a count with its noun and verb agreeing.
pub fn count_is(n: u64, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one} is")
    } else {
        format!("{n} {many} are")
    }
}

/// Colour of the `i`-th outlet (cycles after 8).
pub fn outlet_color(i: usize) -> RGBColor {
    canvas::PALETTE[i % canvas::PALETTE.len()]
}

/// Display name of a source type (`wire_agency` → `wire agency`).
pub fn source_type_label(s: &str) -> String {
    match s {
        "pronoun_unresolved" => "unresolved pronoun".to_string(),
        other => other.replace('_', " "),
    }
}

/// Colour of a source type, fixed so charts agree.
pub fn source_type_color(s: &str) -> RGBColor {
    match s {
        "person" => RGBColor(0, 114, 178),
        "organization" => RGBColor(86, 180, 233),
        "anonymous" => RGBColor(213, 94, 0),
        "document" => RGBColor(0, 158, 115),
        "wire_agency" => RGBColor(230, 159, 0),
        "state_media" => RGBColor(204, 121, 167),
        "pronoun_unresolved" => RGBColor(190, 190, 190),
        _ => RGBColor(140, 140, 140),
    }
}

/// Display name of a connotation with example verbs.
pub fn connotation_label(c: &str) -> String {
    match c {
        "neutral" => "neutral (say)",
        "assertive" => "assertive (note, reveal)",
        "doubt" => "doubt (claim, allege)",
        "concession" => "concession (admit)",
        "denial" => "denial (deny)",
        "emotion" => "emotion (lament)",
        other => other,
    }
    .to_string()
}

/// Colour of a connotation.
pub fn connotation_color(c: &str) -> RGBColor {
    match c {
        "neutral" => RGBColor(190, 190, 190),
        "assertive" => RGBColor(0, 114, 178),
        "doubt" => RGBColor(230, 159, 0),
        "concession" => RGBColor(204, 121, 167),
        "denial" => RGBColor(213, 94, 0),
        "emotion" => RGBColor(0, 158, 115),
        _ => RGBColor(120, 120, 120),
    }
}

/// Display name of a topic label (`war_security` → `war security`; null → `(no topic)`).
pub fn topic_label(t: Option<&str>) -> String {
    match t {
        Some(t) => t.replace('_', " "),
        None => "(no topic)".to_string(),
    }
}
