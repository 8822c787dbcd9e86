//! Voice: who each outlet quotes. One panel per outlet with its most-quoted speakers, bars
//! giving each speaker's share of the outlet's quotes, coloured by source type.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::Result;
use plotters::style::{Color, RGBColor};

use super::canvas::{Align, Canvas, fit, ink, legend, pct};
use super::{Chart, Drawn, MIN_HEIGHT, WIDTH, source_type_color, source_type_label};
use crate::aggregate::SOURCE_TYPES;
use crate::render::views::{SpeakerRow, Views};

/// The chart.
pub struct Voice;

/// Speakers per panel.
pub const TOP_SPEAKERS: usize = 6;
const MAX_PANELS: usize = 9;
const BAR: i32 = 26;

impl Chart for Voice {
    fn file_name(&self) -> &'static str {
        "voice_speakers.png"
    }
    fn title(&self) -> &'static str {
        "Voice: who each outlet quotes"
    }
    fn draw(&self, v: &Views, path: &Path) -> Result<Drawn> {
        if v.speakers.is_empty() {
            return Ok(Drawn::NoData(if v.n_quote_rows == 0 {
                "No attribution was found, so there are no quoted speakers.".into()
            } else {
                format!(
                    "None of the {} attributions has a resolved speaker name.",
                    v.n_quote_rows
                )
            }));
        }
        let mut notes = Vec::new();
        let mut by_outlet: BTreeMap<&str, Vec<&SpeakerRow>> = BTreeMap::new();
        for s in &v.speakers {
            by_outlet.entry(s.outlet.as_str()).or_default().push(s);
        }
        let totals: BTreeMap<&str, u64> = v
            .outlets
            .iter()
            .map(|o| (o.outlet.as_str(), 0))
            .chain(
                by_outlet
                    .iter()
                    .map(|(o, ss)| (*o, ss.first().and_then(|s| s.voice).map_or(0, |v| v.n))),
            )
            .collect();
        let mut outlets: Vec<(&str, u64)> = by_outlet.keys().map(|o| (*o, totals[o])).collect();
        if outlets.len() > MAX_PANELS {
            outlets.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
            notes.push(format!(
                "Showing the {MAX_PANELS} outlets with the most quotes of {}.",
                outlets.len()
            ));
            outlets.truncate(MAX_PANELS);
            outlets.sort();
        }
        notes.push(format!(
            "Up to {TOP_SPEAKERS} speakers per outlet, ranked by number of quotes; the share is of \
             all the outlet's quotes, including those with no resolved speaker."
        ));
        let mut present: Vec<&str> = SOURCE_TYPES
            .iter()
            .copied()
            .filter(|t| {
                v.speakers
                    .iter()
                    .any(|s| s.source_type.as_deref() == Some(*t))
            })
            .collect();
        if v.speakers.iter().any(|s| {
            s.source_type
                .as_deref()
                .is_none_or(|t| !SOURCE_TYPES.contains(&t))
        }) {
            present.push("unknown");
        }

        let cols = match outlets.len() {
            1 => 1,
            2 | 4 => 2,
            _ => 3,
        };
        let rows = outlets.len().div_ceil(cols) as i32;
        let panel_h = 50 + TOP_SPEAKERS as i32 * BAR + 20;
        let height = (190 + rows * panel_h + notes.len() as i32 * 22).max(MIN_HEIGHT as i32);
        let c = Canvas::new(path, WIDTH, height as u32)?;
        let top = c.header(
            self.title(),
            &[
                "Most-quoted speakers per outlet: bar = share of the outlet's quotes; \
               label = number of quotes."
                    .to_string(),
            ],
        )?;
        c.footer(&notes)?;
        let items: Vec<(String, RGBColor)> = present
            .iter()
            .map(|t| (source_type_label(t), source_type_color(t)))
            .collect();
        let y0 = legend(&c, &items, (40, top), c.width - 40)? + 4;
        let panel_w = (c.width - 80) / cols as i32;
        let max_share = v
            .speakers
            .iter()
            .filter(|s| s.rank as usize <= TOP_SPEAKERS)
            .filter_map(|s| s.voice.map(|v| v.share))
            .fold(0.0, f64::max)
            .max(0.05);
        for (k, (outlet, total)) in outlets.iter().enumerate() {
            let (col, row) = ((k % cols) as i32, (k / cols) as i32);
            let x0 = 40 + col * panel_w;
            let x1 = x0 + panel_w - 24;
            let py = y0 + row * panel_h;
            c.text(
                &fit(&c, outlet, 15.0, true, x1 - x0 - 110),
                (x0, py + 12),
                15.0,
                true,
                ink::TEXT,
                Align::Left,
            )?;
            c.text(
                &format!("{total} quotes"),
                (x1, py + 12),
                13.0,
                false,
                ink::MUTED,
                Align::Right,
            )?;
            let name_w = ((x1 - x0) as f64 * 0.42) as i32;
            let bx0 = x0 + name_w + 8;
            let bx1 = x1 - 70;
            for (i, s) in by_outlet[outlet].iter().take(TOP_SPEAKERS).enumerate() {
                let y = py + 40 + i as i32 * BAR;
                c.text(
                    &fit(&c, &s.speaker, 13.0, false, name_w),
                    (bx0 - 8, y),
                    13.0,
                    false,
                    ink::TEXT,
                    Align::Right,
                )?;
                let share = s.voice.map_or(0.0, |v| v.share);
                let w = ((bx1 - bx0) as f64 * share / max_share) as i32;
                let color = source_type_color(s.source_type.as_deref().unwrap_or("unknown"));
                c.fill_rect((bx0, y - 9), (bx0 + w.max(1), y + 9), color.to_rgba())?;
                c.text(
                    &format!("{} ({})", s.n_quotes, pct(share)),
                    (bx0 + w + 6, y),
                    12.0,
                    false,
                    ink::MUTED,
                    Align::Left,
                )?;
            }
        }
        c.finish()?;
        Ok(Drawn::Chart { notes })
    }
}
