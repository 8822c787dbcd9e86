//! Outlet × entity tone: for the most-covered entities, each outlet's mean tone toward the
//! entity (articles as the unit) with its 95% interval, as a dot plot grouped by entity.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::Result;
use plotters::style::{Color, RGBColor};

use super::canvas::{Align, Canvas, STRIPE, Scale, fit, ink, legend, nice_ticks, num, x_axis};
use super::topic_heatmap::MIN_CELL_N;
use super::{Chart, Drawn, MIN_HEIGHT, WIDTH, draw_estimate, estimate_domain, outlet_color};
use crate::render::views::{EntityRow, Views};

/// The chart.
pub struct EntityTone;

/// Entities shown: the most covered (by articles across outlets).
pub const TOP_ENTITIES: usize = 8;
const MAX_OUTLETS: usize = 8;
const SUB_ROW: i32 = 18;

/// The `TOP_ENTITIES` entities with the most scored articles across outlets (ties by id).
pub fn top_entities(v: &Views) -> Vec<(String, String, u64)> {
    let mut n: BTreeMap<&str, (&str, u64)> = BTreeMap::new();
    for e in &v.entities {
        if let Some(t) = e.tone {
            let x = n.entry(e.entity.as_str()).or_insert((e.name.as_str(), 0));
            x.1 += t.n;
        }
    }
    let mut all: Vec<(String, String, u64)> = n
        .into_iter()
        .map(|(id, (name, k))| (id.to_string(), name.to_string(), k))
        .collect();
    all.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)));
    all.truncate(TOP_ENTITIES);
    all
}

impl Chart for EntityTone {
    fn file_name(&self) -> &'static str {
        "outlet_entity_tone.png"
    }
    fn title(&self) -> &'static str {
        "Tone toward entities by outlet"
    }
    fn draw(&self, v: &Views, path: &Path) -> Result<Drawn> {
        let top = top_entities(v);
        if top.is_empty() {
            return Ok(Drawn::NoData(
                "No mention of a known entity has a tone score.".into(),
            ));
        }
        let mut notes = Vec::new();
        // Outlets: the MAX_OUTLETS with most scored entity articles, alphabetical, fixed colours.
        let mut outlet_n: BTreeMap<&str, u64> = BTreeMap::new();
        for e in &v.entities {
            *outlet_n.entry(e.outlet.as_str()).or_default() += e.tone.map_or(0, |t| t.n);
        }
        let mut outlets: Vec<(&str, u64)> = outlet_n.into_iter().filter(|x| x.1 > 0).collect();
        if outlets.len() > MAX_OUTLETS {
            outlets.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
            notes.push(format!(
                "Showing the {MAX_OUTLETS} outlets with the most entity articles of {}.",
                outlets.len()
            ));
            outlets.truncate(MAX_OUTLETS);
            outlets.sort();
        }
        let rows: BTreeMap<(&str, &str), &EntityRow> = v
            .entities
            .iter()
            .filter(|e| e.tone.is_some())
            .map(|e| ((e.entity.as_str(), e.outlet.as_str()), e))
            .collect();
        let shown: Vec<&EntityRow> = top
            .iter()
            .flat_map(|(id, _, _)| {
                outlets
                    .iter()
                    .filter_map(|(o, _)| rows.get(&(id.as_str(), *o)).copied())
            })
            .collect();
        let (d0, d1) = estimate_domain(shown.iter().map(|e| e.tone.as_ref().unwrap()), MIN_CELL_N);
        if shown
            .iter()
            .filter_map(|e| e.tone.unwrap().ci())
            .any(|(l, h)| l < d0 || h > d1)
        {
            notes.push(format!(
                "Intervals reaching past the axis are cut at its edge (arrow); the axis is set by \
                 groups of at least {MIN_CELL_N} articles."
            ));
        }
        notes.push(
            "Tone toward an entity: English mentions are scored by the tone-toward-actors model (who \
             does what to whom), other languages by the sentence's tone; averaged per article, the \
             interval is over articles. Hollow points: one article, no interval."
                .into(),
        );

        let band_h = |id: &str| -> i32 {
            let k = outlets
                .iter()
                .filter(|(o, _)| rows.contains_key(&(id, *o)))
                .count() as i32;
            k.max(1) * SUB_ROW + 16
        };
        let plot_h: i32 = top.iter().map(|(id, _, _)| band_h(id)).sum();
        let height = (230 + plot_h + 60 + notes.len() as i32 * 22).max(MIN_HEIGHT as i32);
        let c = Canvas::new(path, WIDTH, height as u32)?;
        let y_top = c.header(
            self.title(),
            &[format!(
                "Mean tone toward the {} most-covered entities, per outlet, with 95% confidence \
                 intervals; n = articles mentioning the entity with a tone score.",
                top.len()
            )],
        )?;
        c.footer(&notes)?;
        let items: Vec<(String, RGBColor)> = outlets
            .iter()
            .enumerate()
            .map(|(i, (o, _))| (fit(&c, o, 14.0, false, 260), outlet_color(i)))
            .collect();
        let y0 = legend(&c, &items, (40, y_top), c.width - 40)? + 4;

        let label_w = 260;
        let s = Scale {
            d0,
            d1,
            p0: 40 + label_w + 20,
            p1: c.width - 120,
        };
        let axis_y = y0 + plot_h;
        let mut y = y0;
        for (bi, (id, _, _)) in top.iter().enumerate() {
            let h = band_h(id);
            if bi % 2 == 0 {
                c.fill_rect((40, y), (c.width - 40, y + h), STRIPE.to_rgba())?;
            }
            y += h;
        }
        let ticks = nice_ticks(d0, d1, 8);
        x_axis(
            &c,
            &s,
            &ticks,
            axis_y,
            y0,
            &|t| num(t, 2),
            "Mean tone toward the entity (95% CI)",
        )?;
        c.line(
            vec![(s.px(0.0), y0), (s.px(0.0), axis_y)],
            ink::AXIS.to_rgba(),
            2,
        )?;
        c.text(
            "n",
            (c.width - 75, y0 - 10),
            13.0,
            true,
            ink::MUTED,
            Align::Center,
        )?;
        let mut y = y0;
        for (id, name, _) in &top {
            let h = band_h(id);
            c.text(
                &fit(&c, name, 16.0, true, label_w),
                (40 + label_w, y + h / 2),
                16.0,
                true,
                ink::TEXT,
                Align::Right,
            )?;
            let mut sy = y + 8 + SUB_ROW / 2;
            for (oi, (o, _)) in outlets.iter().enumerate() {
                let Some(e) = rows.get(&(id.as_str(), *o)) else {
                    continue;
                };
                let t = e.tone.unwrap();
                draw_estimate(&c, &s, sy, &t, outlet_color(oi), 2, 5)?;
                c.text(
                    &t.n.to_string(),
                    (c.width - 75, sy),
                    12.0,
                    false,
                    ink::MUTED,
                    Align::Center,
                )?;
                sy += SUB_ROW;
            }
            y += h;
        }
        c.finish()?;
        Ok(Drawn::Chart { notes })
    }
}
