//! Pixel-space drawing on a PNG: text with the embedded font, boxes, lines, scales and ticks.
//!
//! Charts lay themselves out in pixels (categorical axes with long outlet names, heatmaps and
//! small multiples fit badly into a generic cartesian mesh), using these few primitives on top
//! of plotters' bitmap backend. Text always uses the embedded DejaVu Sans (parsed once, see
//! `fonts`); nothing here touches system fonts.

use std::cell::RefCell;
use std::io::BufWriter;
use std::path::Path;
use std::sync::OnceLock;

use ab_glyph::{Font, FontRef, GlyphId, PxScaleFont, ScaleFont};
use anyhow::{Context, Result, anyhow};
use plotters::coord::Shift;
use plotters::prelude::*;
use rustc_hash::FxHashMap;

use crate::lexicon::{LexiconError, LexiconSource};

/// The regular font file under `lexicons/` (see its README, `## Fonts`).
pub const FONT_REGULAR: &str = "fonts/DejaVuSans.ttf";
/// The bold font file under `lexicons/`.
pub const FONT_BOLD: &str = "fonts/DejaVuSans-Bold.ttf";

/// The built-in bytes of a font file (fonts are always built in; their reads are not recorded,
/// see [`LexiconSource::built_in_bytes`]).
fn font_bytes(rel: &str) -> Result<&'static [u8]> {
    LexiconSource::built_in_bytes(rel).ok_or_else(|| {
        LexiconError::Missing {
            path: rel.to_string(),
        }
        .into()
    })
}

/// Registers the embedded DejaVu Sans (regular and bold) as plotters' `sans-serif` family, for
/// tests that measure text with plotters itself (the canvas draws its text with the same fonts
/// without plotters' text path, see [`Canvas::text`]). Idempotent.
#[cfg(test)]
pub(crate) fn register_fonts() -> Result<()> {
    static DONE: OnceLock<std::result::Result<(), String>> = OnceLock::new();
    DONE.get_or_init(|| {
        let reg = |style, rel: &str| -> std::result::Result<(), String> {
            let bytes = font_bytes(rel).map_err(|e| e.to_string())?;
            plotters::style::register_font("sans-serif", style, bytes)
                .map_err(|_| format!("lexicon file {rel}: not a usable TrueType font"))
        };
        reg(FontStyle::Normal, FONT_REGULAR)?;
        reg(FontStyle::Bold, FONT_BOLD)
    })
    .clone()
    .map_err(|e| anyhow!(e))
}

/// Encodes `rgb` (`width × height` RGB pixels) as a PNG at `path`: 8-bit RGB, fast deflate,
/// adaptive row filters, as plotters' own save did.
///
/// The bytes are those of the `png` crate's encoder with these settings (`Compression::Fast`,
/// adaptive filtering): its header and chunk writer, its row filter choice (see
/// `filter_row`) and its compressor (`fdeflate`), called the way it calls them. Filtering
/// is done here because most chart rows repeat the row above (white margins, bar interiors),
/// and for those the adaptive choice is known without trying the four filters.
pub fn write_png(path: &Path, rgb: &[u8], width: u32, height: u32) -> Result<()> {
    let io = |e: png::EncodingError| anyhow!("writing {}: {e}", path.display());
    let len = 3 * width as usize;
    if width == 0 || height == 0 || rgb.len() != len * height as usize {
        return Err(anyhow!(
            "writing {}: {} bytes for a {width} × {height} RGB image",
            path.display(),
            rgb.len()
        ));
    }
    let zlib = deflate_rows(rgb, len).map_err(|e| anyhow!("writing {}: {e}", path.display()))?;
    let f = std::fs::File::create(path).with_context(|| format!("creating {}", path.display()))?;
    let mut enc = png::Encoder::new(BufWriter::new(f), width, height);
    enc.set_color(png::ColorType::Rgb);
    enc.set_depth(png::BitDepth::Eight);
    enc.set_compression(png::Compression::Fast);
    let mut w = enc.write_header().map_err(io)?;
    // As png's `write_zlib_encoded_idat`: IDAT chunks of at most 2^31 - 1 bytes.
    for chunk in zlib.chunks((u32::MAX >> 1) as usize) {
        w.write_chunk(png::chunk::IDAT, chunk).map_err(io)?;
    }
    w.finish().map_err(io)
}

/// The zlib stream of `rgb`'s rows (`len` bytes each), filtered and compressed as png 0.17's
/// `write_image_data` does with `Compression::Fast`: each filtered row (filter byte first) fed
/// to an `fdeflate` compressor, and the stored-only stream instead when that would be smaller.
fn deflate_rows(rgb: &[u8], len: usize) -> std::io::Result<Vec<u8>> {
    let rows = rgb.len() / len;
    let mut z = fdeflate::Compressor::new(std::io::Cursor::new(Vec::new()))?;
    let mut out = vec![0u8; len + 1];
    let zeros = vec![0u8; len];
    let mut prev: &[u8] = &zeros;
    // Whether `out` holds a row of zeros already (the last row repeated the one above it).
    let mut zeroed = false;
    for line in rgb.chunks(len) {
        if line == prev {
            // A row equal to the one above filters to zeros under Up and Paeth (Paeth
            // predicts the byte above when the left and upper-left bytes are equal, as they
            // are then), the smallest sum possible, so Paeth wins the tie: nothing to try.
            if !zeroed {
                out[1..].fill(0);
                zeroed = true;
            }
            out[0] = PAETH;
        } else {
            out[0] = filter_row(prev, line, &mut out[1..]);
            zeroed = false;
        }
        z.write_data(&out)?;
        prev = line;
    }
    let compressed = z.finish()?.into_inner();
    if compressed.len() <= fdeflate::StoredOnlyCompressor::<()>::compressed_size((len + 1) * rows) {
        return Ok(compressed);
    }
    let mut z = fdeflate::StoredOnlyCompressor::new(std::io::Cursor::new(Vec::new()))?;
    for line in rgb.chunks(len) {
        z.write_data(&[0])?;
        z.write_data(line)?;
    }
    Ok(z.finish()?.into_inner())
}

/// PNG filter type numbers.
const SUB: u8 = 1;
const UP: u8 = 2;
const AVG: u8 = 3;
const PAETH: u8 = 4;

/// Filters `cur` (RGB, 3 bytes per pixel) against `prev` into `out` and returns the filter
/// type, choosing as png 0.17's adaptive filter does: Sub, Up, Avg and Paeth in that order, the
/// smallest sum of the filtered bytes read as signed magnitudes, later filters winning ties.
///
/// Rows equal to the row above never come here (see [`deflate_rows`]). (Summing the four
/// filterings in one pass instead of filtering four times took more instructions: that loop
/// does not vectorise.)
fn filter_row(prev: &[u8], cur: &[u8], out: &mut [u8]) -> u8 {
    let mut best = (u64::MAX, SUB);
    for kind in [SUB, UP, AVG, PAETH] {
        apply_filter(kind, prev, cur, out);
        let sum = magnitude_sum(out);
        if sum <= best.0 {
            best = (sum, kind);
        }
    }
    if best.1 != PAETH {
        apply_filter(best.1, prev, cur, out);
    }
    best.1
}

/// Sum of the bytes of `buf` read as `i8` magnitudes (png's `sum_buffer`, without its
/// saturation, which a row of at most 2^24 bytes never reaches).
fn magnitude_sum(buf: &[u8]) -> u64 {
    let mut chunks = buf.chunks_exact(32);
    let mut sum = 0u64;
    for chunk in &mut chunks {
        // At most 32 × 128: no overflow in u32, and the loop vectorises.
        sum += u64::from(
            chunk
                .iter()
                .map(|&b| u32::from((b as i8).unsigned_abs()))
                .sum::<u32>(),
        );
    }
    sum + chunks
        .remainder()
        .iter()
        .map(|&b| u64::from((b as i8).unsigned_abs()))
        .sum::<u64>()
}

/// One PNG filter (`kind`: Sub, Up, Avg or Paeth) of `cur` against `prev` into `out`, 3 bytes
/// per pixel, computed as png 0.17 computes it (same formulas, so the same bytes).
fn apply_filter(kind: u8, prev: &[u8], cur: &[u8], out: &mut [u8]) {
    const BPP: usize = 3;
    let n = cur.len();
    let (head, tail) = out.split_at_mut(BPP);
    let left = &cur[..n - BPP];
    let here = &cur[BPP..];
    match kind {
        SUB => {
            head.copy_from_slice(&cur[..BPP]);
            for ((o, &x), &a) in tail.iter_mut().zip(here).zip(left) {
                *o = x.wrapping_sub(a);
            }
        }
        UP => {
            for ((o, &x), &b) in out.iter_mut().zip(cur).zip(prev) {
                *o = x.wrapping_sub(b);
            }
        }
        AVG => {
            for i in 0..BPP {
                head[i] = cur[i].wrapping_sub(prev[i] / 2);
            }
            for (((o, &x), &a), &b) in tail.iter_mut().zip(here).zip(left).zip(&prev[BPP..]) {
                // Floor of (a + b) / 2 without widening, as png computes it.
                *o = x.wrapping_sub((a & b) + ((a ^ b) >> 1));
            }
        }
        _ => {
            for i in 0..BPP {
                head[i] = cur[i].wrapping_sub(paeth(0, prev[i], 0));
            }
            let up = prev[BPP..].iter().zip(&prev[..n - BPP]);
            for (((o, &x), &a), (&b, &c)) in tail.iter_mut().zip(here).zip(left).zip(up) {
                *o = x.wrapping_sub(paeth(a, b, c));
            }
        }
    }
}

/// The Paeth predictor (left `a`, above `b`, upper-left `c`) in the all-`u8` form png 0.17
/// uses (from FPNGE; equal to the specification's): `pa = |b - c|`, `pb = |a - c|`, and
/// `pc = |pa - pb|` when `c` lies between `a` and `b`, else larger than both.
#[inline(always)]
fn paeth(a: u8, b: u8, c: u8) -> u8 {
    let pa = b.max(c) - c.min(b);
    let pb = a.max(c) - c.min(a);
    let pc = if (a < c) == (c < b) {
        pa.max(pb) - pa.min(pb)
    } else {
        255
    };
    if pa <= pb && pa <= pc {
        a
    } else if pb <= pc {
        b
    } else {
        c
    }
}

/// Ink colours used across charts.
pub mod ink {
    use plotters::style::RGBColor;
    pub const TEXT: RGBColor = RGBColor(33, 33, 33);
    pub const MUTED: RGBColor = RGBColor(100, 100, 100);
    pub const GRID: RGBColor = RGBColor(225, 225, 225);
    pub const AXIS: RGBColor = RGBColor(150, 150, 150);
    pub const NO_DATA: RGBColor = RGBColor(235, 235, 235);
}

/// Okabe–Ito colour-blind-safe palette (black dropped), for outlets and categories.
pub const PALETTE: [RGBColor; 8] = [
    RGBColor(0, 114, 178),   // blue
    RGBColor(230, 159, 0),   // orange
    RGBColor(0, 158, 115),   // bluish green
    RGBColor(213, 94, 0),    // vermillion
    RGBColor(86, 180, 233),  // sky blue
    RGBColor(204, 121, 167), // reddish purple
    RGBColor(240, 228, 66),  // yellow
    RGBColor(120, 120, 120), // grey
];

/// Background of alternate rows.
pub const STRIPE: RGBColor = RGBColor(246, 246, 246);

/// Diverging red–white–blue scale for tone (ColorBrewer RdBu ends): `t` in [-1, 1].
pub fn diverging(t: f64) -> RGBColor {
    let t = t.clamp(-1.0, 1.0);
    let mid = (247.0, 247.0, 247.0);
    let end = if t < 0.0 {
        (178.0, 24.0, 43.0)
    } else {
        (33.0, 102.0, 172.0)
    };
    let a = t.abs();
    let mix = |m: f64, e: f64| (m + (e - m) * a).round() as u8;
    RGBColor(mix(mid.0, end.0), mix(mid.1, end.1), mix(mid.2, end.2))
}

/// Black or white, whichever reads better on `bg`.
pub fn text_on(bg: RGBColor) -> RGBColor {
    let l = 0.299 * bg.0 as f64 + 0.587 * bg.1 as f64 + 0.114 * bg.2 as f64;
    if l > 140.0 { ink::TEXT } else { WHITE }
}

/// The embedded regular and bold fonts, parsed once, as plotters' `ab_glyph` font would hold
/// them (the same bytes the tests register with plotters).
fn fonts() -> Result<&'static [FontRef<'static>; 2]> {
    static FONTS: OnceLock<std::result::Result<[FontRef<'static>; 2], String>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let parse = |rel: &str| -> std::result::Result<FontRef<'static>, String> {
                let bytes = font_bytes(rel).map_err(|e| e.to_string())?;
                FontRef::try_from_slice(bytes)
                    .map_err(|_| format!("lexicon file {rel}: not a usable TrueType font"))
            };
            Ok([parse(FONT_REGULAR)?, parse(FONT_BOLD)?])
        })
        .as_ref()
        .map_err(|e| anyhow!("{e}"))
}

/// One glyph at one size, rasterised by `ab_glyph` as plotters' font does but placed by its
/// bounding box (see [`Face::glyph`]): rasterising the outline is
/// most of the cost of drawing text, and charts draw the same few dozen characters at the same
/// few sizes thousands of times (labels are also measured again and again while fitting).
struct Glyph {
    id: GlyphId,
    /// Horizontal advance in pixels (unrounded, summed as plotters sums it).
    advance: f32,
    /// `(x, y, alpha)` of every pixel of the outline that changes the picture, in the
    /// rasteriser's order, relative to the glyph's origin: x includes the left side bearing
    /// and y the vertical shift `size / 2 + bounds.min.y`, both floored; alpha is the blend
    /// weight plotters' bitmap backend derives from the coverage (see [`alpha_of`]). Empty for
    /// glyphs without an outline (spaces).
    ink: Vec<(i32, i32, u16)>,
}

/// A font at one pixel size with its glyphs and kerning pairs seen so far.
struct Face {
    font: PxScaleFont<&'static FontRef<'static>>,
    size: f32,
    glyphs: FxHashMap<char, Glyph>,
    kerns: FxHashMap<(GlyphId, GlyphId), f32>,
}

impl Face {
    fn glyph(&mut self, c: char) -> &Glyph {
        let (font, size) = (&self.font, self.size);
        self.glyphs.entry(c).or_insert_with(|| {
            let id = font.glyph_id(c);
            let mut ink = Vec::new();
            if let Some(q) = font.outline_glyph(font.scaled_glyph(c)) {
                // The outline's pixels are relative to its bounding box: place the box by its
                // left side bearing and its top above the baseline, both floored, so every
                // glyph sits on one baseline with its own spacing. (plotters truncates the
                // vertical shift toward zero and drops the bearing: full stops floated a pixel
                // above the baseline and letters ran together or apart, "Presiden t".)
                let b = q.px_bounds();
                let x_shift = b.min.x.floor() as i32;
                let y_shift = (size / 2.0 + b.min.y).floor() as i32;
                q.draw(|x, y, cov| {
                    // Weight 0 leaves the pixel as it is.
                    let a = alpha_of(cov);
                    if a > 0 {
                        ink.push((x as i32 + x_shift, y as i32 + y_shift, a));
                    }
                });
            }
            Glyph {
                id,
                advance: font.h_advance(id),
                ink,
            }
        })
    }

    fn kern(&mut self, a: GlyphId, b: GlyphId) -> f32 {
        let font = &self.font;
        *self.kerns.entry((a, b)).or_insert_with(|| font.kern(a, b))
    }

    /// Width of `text` as plotters' layout box measures it: advances plus kerning, summed in
    /// this order in `f32`, truncated.
    fn width(&mut self, text: &str) -> i32 {
        let mut x = 0f32;
        let mut prev: Option<GlyphId> = None;
        for c in text.chars() {
            let g = self.glyph(c);
            let (id, advance) = (g.id, g.advance);
            x += advance;
            if let Some(p) = prev {
                x += self.kern(p, id);
            }
            prev = Some(id);
        }
        x as i32
    }
}

/// The blend weight (out of 256) plotters' bitmap backend uses for a pixel of an opaque colour
/// drawn with coverage `cov`: the colour itself from `1 - 1/256` up (weight 256 gives exactly
/// the colour in [`blend`]), nothing at 0 or below, else `floor(256 × cov)`.
fn alpha_of(cov: f32) -> u16 {
    let alpha = f64::from(cov);
    if alpha >= 1.0 - 1.0 / 256.0 {
        256
    } else if alpha <= 0.0 {
        0
    } else {
        (alpha * 256.0).floor() as u16
    }
}

/// plotters-bitmap's blend of `new` into `prev` with weight `a` out of 256.
#[inline(always)]
fn blend(prev: &mut u8, new: u8, a: u16) {
    let a = u64::from(a);
    if new > *prev {
        *prev += (u64::from(new - *prev) * a / 256) as u8
    } else {
        *prev -= (u64::from(*prev - new) * a / 256) as u8
    }
}

/// Runs `f` on this thread's [`Face`] for (`size`, `bold`). Charts are drawn on the rayon
/// pool, so each thread keeps its own glyphs (no locking; at most one rasterisation of a
/// glyph per thread). Fonts are known to parse: [`Canvas::new`] checked.
fn with_face<R>(size: f64, bold: bool, f: impl FnOnce(&mut Face) -> R) -> R {
    thread_local! {
        static FACES: RefCell<FxHashMap<(u64, bool), Face>> = RefCell::new(FxHashMap::default());
    }
    FACES.with(|faces| {
        let mut faces = faces.borrow_mut();
        let face = faces.entry((size.to_bits(), bold)).or_insert_with(|| {
            let font = &fonts().expect("fonts parsed by Canvas::new")[bold as usize];
            Face {
                font: font.as_scaled(size as f32),
                size: size as f32,
                glyphs: FxHashMap::default(),
                kerns: FxHashMap::default(),
            }
        });
        f(face)
    })
}

/// Horizontal anchor of a text.
#[derive(Debug, Clone, Copy)]
pub enum Align {
    Left,
    Center,
    Right,
}

/// A PNG being drawn, in pixels, origin top-left.
///
/// The canvas owns its RGB buffer and draws shapes on it through plotters' bitmap backend (a
/// drawing area over the buffer per primitive, which costs nothing; text is blended directly,
/// see [`Canvas::text`]), and [`Canvas::finish`] encodes the
/// PNG itself, so the encoder's settings are chosen here (see [`write_png`]).
pub struct Canvas<'a> {
    path: &'a Path,
    /// `width × height` RGB pixels, row by row.
    buf: RefCell<Vec<u8>>,
    /// Width in pixels.
    pub width: i32,
    /// Height in pixels.
    pub height: i32,
}

type DrawResult = Result<()>;

fn err<E: std::fmt::Debug>(e: E) -> anyhow::Error {
    anyhow!("drawing chart: {e:?}")
}

impl<'a> Canvas<'a> {
    /// A white canvas of `width × height` pixels that [`Canvas::finish`] writes to `path`.
    pub fn new(path: &'a Path, width: u32, height: u32) -> Result<Self> {
        fonts()?;
        // White: what filling the area with `WHITE` writes, without drawing it.
        let buf = vec![255u8; 3 * width as usize * height as usize];
        Ok(Canvas {
            path,
            buf: RefCell::new(buf),
            width: width as i32,
            height: height as i32,
        })
    }

    /// The whole picture as a plotters drawing area in pixel coordinates, for one drawing call.
    fn area<R>(&self, f: impl FnOnce(&DrawingArea<BitMapBackend<'_>, Shift>) -> R) -> R {
        let mut buf = self.buf.borrow_mut();
        let size = (self.width as u32, self.height as u32);
        let area = BitMapBackend::with_buffer(&mut buf[..], size).into_drawing_area();
        f(&area)
    }

    /// Writes the PNG.
    pub fn finish(self) -> Result<()> {
        let (w, h) = (self.width as u32, self.height as u32);
        write_png(self.path, &self.buf.into_inner(), w, h)
    }

    /// Width in pixels of `text` at `size`.
    pub fn text_width(&self, text: &str, size: f64, bold: bool) -> i32 {
        with_face(size, bold, |face| face.width(text))
    }

    /// Draws `text` with its anchor at `(x, y)`: `align` horizontally, vertically centred.
    ///
    /// Laid out as plotters' `Text` element lays out its `ab_glyph` text on its bitmap backend
    /// (same layout box, anchor, kerning, coverage and blending; the width is checked by a
    /// test against plotters itself), except that each glyph is placed by its bounding box on
    /// one baseline with its side bearing (plotters drew full stops a pixel high and letters
    /// unevenly spaced); each glyph comes from a per-thread cache (see `Face`) instead of being
    /// rasterised again at every draw, and is blended straight into the buffer.
    pub fn text(
        &self,
        text: &str,
        (x, y): (i32, i32),
        size: f64,
        bold: bool,
        color: RGBColor,
        align: Align,
    ) -> DrawResult {
        let text = clean_label(text);
        let ink = color.to_backend_color();
        debug_assert_eq!(
            ink.alpha, 1.0,
            "text is drawn opaque (coverage is the only alpha)"
        );
        // plotters clamps an element's anchor to the drawing area.
        let (x, y) = (x.clamp(0, self.width), y.clamp(0, self.height));
        with_face(size, bold, |face| {
            // plotters' layout box is (0, 0) to (advance sum, size / 1.24), anchored here.
            let height = (size / 1.24) as i32;
            // Left-aligned text (most labels) needs no width.
            let dx = match align {
                Align::Left => 0,
                Align::Center => -face.width(&text) / 2,
                Align::Right => -face.width(&text),
            };
            let (x0, y0) = (x + dx, y - height / 2);
            let mut buf = self.buf.borrow_mut();
            let (w, h) = (self.width, self.height);
            let rgb = [ink.rgb.0, ink.rgb.1, ink.rgb.2];
            let mut shift = 0f32;
            let mut prev: Option<GlyphId> = None;
            for c in text.chars() {
                let g = face.glyph(c);
                let (id, advance) = (g.id, g.advance);
                if let Some(p) = prev {
                    shift += face.kern(p, id);
                }
                prev = Some(id);
                let g = face.glyph(c);
                let xs = shift as i32;
                for &(gx, gy, a) in &g.ink {
                    let (px, py) = (x0 + gx + xs, y0 + gy);
                    if px >= 0 && px < w && py >= 0 && py < h {
                        let at = 3 * (py as usize * w as usize + px as usize);
                        for (dst, &src) in buf[at..at + 3].iter_mut().zip(&rgb) {
                            blend(dst, src, a);
                        }
                    }
                }
                shift += advance;
            }
            Ok(())
        })
    }

    /// A filled rectangle from `(x0, y0)` to `(x1, y1)`.
    pub fn fill_rect(
        &self,
        (x0, y0): (i32, i32),
        (x1, y1): (i32, i32),
        c: RGBAColor,
    ) -> DrawResult {
        self.area(|a| a.draw(&Rectangle::new([(x0, y0), (x1, y1)], c.filled())))
            .map_err(err)
    }

    /// A rectangle outline.
    pub fn stroke_rect(
        &self,
        (x0, y0): (i32, i32),
        (x1, y1): (i32, i32),
        c: RGBColor,
        width: u32,
    ) -> DrawResult {
        self.area(|a| a.draw(&Rectangle::new([(x0, y0), (x1, y1)], c.stroke_width(width))))
            .map_err(err)
    }

    /// A polyline.
    pub fn line(&self, points: Vec<(i32, i32)>, c: RGBAColor, width: u32) -> DrawResult {
        self.area(|a| a.draw(&PathElement::new(points, c.stroke_width(width))))
            .map_err(err)
    }

    /// A filled polygon (for confidence bands).
    pub fn polygon(&self, points: Vec<(i32, i32)>, c: RGBAColor) -> DrawResult {
        self.area(|a| a.draw(&Polygon::new(points, c.filled())))
            .map_err(err)
    }

    /// A filled circle.
    pub fn dot(&self, (x, y): (i32, i32), r: i32, c: RGBAColor) -> DrawResult {
        self.area(|a| a.draw(&Circle::new((x, y), r, c.filled())))
            .map_err(err)
    }

    /// An open circle (hollow marker).
    pub fn ring(&self, (x, y): (i32, i32), r: i32, c: RGBAColor, width: u32) -> DrawResult {
        self.area(|a| a.draw(&Circle::new((x, y), r, c.stroke_width(width))))
            .map_err(err)
    }

    /// Title (bold, wrapped to the width), subtitle lines (muted) at the top; returns the y
    /// where the plot may start.
    pub fn header(&self, title: &str, subtitle: &[String]) -> Result<i32> {
        let mut y = 34;
        for line in wrap(self, title, 26.0, true, self.width - 80) {
            self.text(&line, (40, y), 26.0, true, ink::TEXT, Align::Left)?;
            y += 34;
        }
        y -= 6;
        for s in subtitle {
            for line in wrap(self, s, 15.0, false, self.width - 80) {
                self.text(&line, (40, y), 15.0, false, ink::MUTED, Align::Left)?;
                y += 21;
            }
        }
        Ok(y + 14)
    }

    /// Footnote lines at the bottom (muted, wrapped); returns the y above which the plot must
    /// end.
    pub fn footer(&self, notes: &[String]) -> Result<i32> {
        let lines: Vec<String> = notes
            .iter()
            .flat_map(|n| wrap(self, n, 13.0, false, self.width - 80))
            .collect();
        let mut y = self.height - 18 - 19 * (lines.len() as i32 - 1).max(0);
        let top = y - 22;
        for l in &lines {
            self.text(l, (40, y), 13.0, false, ink::MUTED, Align::Left)?;
            y += 19;
        }
        Ok(if lines.is_empty() {
            self.height - 20
        } else {
            top
        })
    }
}

/// Text from the input made safe to draw: control characters (newlines, tabs) become spaces.
pub fn clean_label(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// `text` shortened to fit `max_px` at `size`, with an ellipsis in the middle so both the
/// start and the end of long outlet names stay recognisable.
pub fn fit(canvas: &Canvas, text: &str, size: f64, bold: bool, max_px: i32) -> String {
    let mut text = clean_label(text);
    // No label fits more than ~200 characters; cut absurdly long input first so fitting
    // stays cheap (it measures the text once per character removed).
    let n = text.chars().count();
    if n > 200 {
        let head: String = text.chars().take(100).collect();
        let tail: String = text.chars().skip(n - 100).collect();
        text = format!("{head}…{tail}");
    }
    if canvas.text_width(&text, size, bold) <= max_px {
        return text;
    }
    let chars: Vec<char> = text.chars().collect();
    let mut keep = chars.len();
    while keep > 2 {
        keep -= 1;
        let head = keep.div_ceil(2) + keep / 4;
        let head = head.min(keep);
        let tail = keep - head;
        let s: String = chars[..head]
            .iter()
            .collect::<String>()
            .trim_end()
            .to_string()
            + "…"
            + chars[chars.len() - tail..]
                .iter()
                .collect::<String>()
                .trim_start();
        if canvas.text_width(&s, size, bold) <= max_px {
            return s;
        }
    }
    "…".to_string()
}

/// Labels for `names`, each fitted to `max_px`, made distinct (a shortened label that collides
/// with another gets ` #2`, ` #3`…), so no two outlets ever look the same on a chart.
pub fn fit_all(canvas: &Canvas, names: &[String], size: f64, max_px: i32) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(names.len());
    for n in names {
        let mut label = fit(canvas, n, size, false, max_px);
        let mut k = 2;
        while out.contains(&label) {
            label = format!("{} #{k}", fit(canvas, n, size, false, max_px - 30));
            k += 1;
        }
        out.push(label);
    }
    out
}

/// Greedy word wrap of `text` to `max_px`; words longer than a line are fitted with an
/// ellipsis.
pub fn wrap(canvas: &Canvas, text: &str, size: f64, bold: bool, max_px: i32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut cur = String::new();
    for word in clean_label(text).split_whitespace() {
        let candidate = if cur.is_empty() {
            word.to_string()
        } else {
            format!("{cur} {word}")
        };
        if canvas.text_width(&candidate, size, bold) <= max_px || cur.is_empty() {
            cur = candidate;
        } else {
            lines.push(std::mem::take(&mut cur));
            cur = word.to_string();
        }
        if canvas.text_width(&cur, size, bold) > max_px {
            cur = fit(canvas, &cur, size, bold, max_px);
        }
    }
    if !cur.is_empty() {
        lines.push(cur);
    }
    lines
}

/// A linear map from data values to pixels.
#[derive(Debug, Clone, Copy)]
pub struct Scale {
    /// Data value mapped to `p0`.
    pub d0: f64,
    /// Data value mapped to `p1`.
    pub d1: f64,
    /// Pixel of `d0`.
    pub p0: i32,
    /// Pixel of `d1` (may be smaller than `p0`, for y axes).
    pub p1: i32,
}

impl Scale {
    /// Pixel position of `v` (not clamped).
    pub fn px(&self, v: f64) -> i32 {
        if self.d1 == self.d0 {
            return (self.p0 + self.p1) / 2;
        }
        (self.p0 as f64 + (v - self.d0) / (self.d1 - self.d0) * (self.p1 - self.p0) as f64).round()
            as i32
    }
    /// Pixel position of `v` clamped to the scale's range.
    pub fn px_clamped(&self, v: f64) -> i32 {
        self.px(v.clamp(self.d0.min(self.d1), self.d0.max(self.d1)))
    }
}

/// About `target` round tick values covering `[lo, hi]` (steps of 1, 2, 2.5 or 5 × 10^k).
pub fn nice_ticks(lo: f64, hi: f64, target: usize) -> Vec<f64> {
    if !(lo.is_finite() && hi.is_finite()) || hi <= lo {
        return vec![lo];
    }
    let raw = (hi - lo) / target.max(1) as f64;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag);
    // A small tolerance so 0.6 / 0.2 = 2.9999999999999996 still counts as 3.
    let start = (lo / step - 1e-9).ceil() as i64;
    let end = (hi / step + 1e-9).floor() as i64;
    // Rounded so 3 × 0.2 is 0.6, not 0.6000000000000001.
    (start..=end)
        .map(|i| (i as f64 * step * 1e9).round() / 1e9)
        .collect()
}

/// A domain `[lo, hi]` padded to round values and containing 0 when `with_zero`.
pub fn nice_domain(lo: f64, hi: f64, with_zero: bool) -> (f64, f64) {
    let (mut lo, mut hi) = (lo, hi);
    if with_zero {
        lo = lo.min(0.0);
        hi = hi.max(0.0);
    }
    if hi - lo < 1e-9 {
        lo -= 0.1;
        hi += 0.1;
    }
    let ticks = nice_ticks(lo, hi, 6);
    let step = if ticks.len() >= 2 {
        ticks[1] - ticks[0]
    } else {
        (hi - lo) / 5.0
    };
    ((lo / step).floor() * step, (hi / step).ceil() * step)
}

/// A number for an axis or a cell: Unicode minus, `decimals` places, no "−0.00".
pub fn num(v: f64, decimals: usize) -> String {
    let s = format!("{:.*}", decimals, v);
    let zero = format!("{:.*}", decimals, 0.0);
    if s == format!("-{zero}") {
        return zero;
    }
    match s.strip_prefix('-') {
        Some(rest) => format!("−{rest}"),
        None => s,
    }
}

/// A share as a percentage: `0.257` → `26%`.
pub fn pct(v: f64) -> String {
    format!("{:.0}%", 100.0 * v)
}

/// Draws a horizontal numeric axis along `y` with grid lines up to `grid_top`.
pub fn x_axis(
    c: &Canvas,
    s: &Scale,
    ticks: &[f64],
    y: i32,
    grid_top: i32,
    fmt: &dyn Fn(f64) -> String,
    label: &str,
) -> DrawResult {
    for &t in ticks {
        let x = s.px(t);
        c.line(vec![(x, grid_top), (x, y)], ink::GRID.to_rgba(), 1)?;
        c.line(vec![(x, y), (x, y + 5)], ink::AXIS.to_rgba(), 1)?;
        c.text(&fmt(t), (x, y + 16), 13.0, false, ink::MUTED, Align::Center)?;
    }
    c.line(
        vec![(s.p0.min(s.p1), y), (s.p0.max(s.p1), y)],
        ink::AXIS.to_rgba(),
        1,
    )?;
    c.text(
        label,
        ((s.p0 + s.p1) / 2, y + 40),
        15.0,
        false,
        ink::TEXT,
        Align::Center,
    )
}

/// Draws a legend row of coloured swatches starting at `(x, y)`, wrapping at `max_x`; returns
/// the y below it.
pub fn legend(
    c: &Canvas,
    items: &[(String, RGBColor)],
    (x, y): (i32, i32),
    max_x: i32,
) -> Result<i32> {
    let (mut cx, mut cy) = (x, y);
    for (label, color) in items {
        let w = 22 + c.text_width(label, 14.0, false) + 24;
        if cx + w > max_x && cx > x {
            cx = x;
            cy += 24;
        }
        c.fill_rect((cx, cy - 7), (cx + 14, cy + 7), color.to_rgba())?;
        c.text(label, (cx + 20, cy), 14.0, false, ink::TEXT, Align::Left)?;
        cx += w;
    }
    Ok(cy + 24)
}

/// A "no data" picture: the title and a sentence saying what is missing, so a chart file
/// always exists and never misleads.
pub fn no_data(path: &Path, title: &str, reason: &str) -> Result<()> {
    let c = Canvas::new(path, super::WIDTH, 600)?;
    c.header(title, &[])?;
    c.fill_rect(
        (40, 110),
        (c.width - 40, c.height - 60),
        ink::NO_DATA.to_rgba(),
    )?;
    let mut y = c.height / 2 - 20;
    c.text(
        "No data",
        (c.width / 2, y),
        30.0,
        true,
        ink::MUTED,
        Align::Center,
    )?;
    y += 44;
    for line in wrap(&c, reason, 17.0, false, c.width - 200) {
        c.text(
            &line,
            (c.width / 2, y),
            17.0,
            false,
            ink::MUTED,
            Align::Center,
        )?;
        y += 26;
    }
    c.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round_and_cover_the_range() {
        assert_eq!(
            nice_ticks(-0.4, 0.6, 5),
            vec![-0.4, -0.2, 0.0, 0.2, 0.4, 0.6]
        );
        assert_eq!(
            nice_ticks(0.0, 10.0, 5),
            vec![0.0, 2.0, 4.0, 6.0, 8.0, 10.0]
        );
        let (lo, hi) = nice_domain(-0.13, 0.27, true);
        assert!(
            lo <= -0.13 && hi >= 0.27 && lo > -0.3 && hi < 0.4,
            "{lo} {hi}"
        );
        let (lo, hi) = nice_domain(0.2, 0.5, true);
        assert_eq!(lo, 0.0);
        assert!(hi >= 0.5);
    }

    #[test]
    fn numbers_use_a_real_minus_and_no_negative_zero() {
        assert_eq!(num(-0.123, 2), "−0.12");
        assert_eq!(num(-0.001, 2), "0.00");
        assert_eq!(num(0.5, 1), "0.5");
        assert_eq!(pct(0.257), "26%");
    }

    #[test]
    fn scale_maps_linearly() {
        let s = Scale {
            d0: -1.0,
            d1: 1.0,
            p0: 100,
            p1: 300,
        };
        assert_eq!(s.px(0.0), 200);
        assert_eq!(s.px(-1.0), 100);
        assert_eq!(s.px_clamped(5.0), 300);
    }

    #[test]
    fn diverging_scale_ends_and_middle() {
        assert_eq!(diverging(0.0), RGBColor(247, 247, 247));
        assert_eq!(diverging(-1.0), RGBColor(178, 24, 43));
        assert_eq!(diverging(2.0), RGBColor(33, 102, 172));
    }

    /// Text is as wide as plotters' `Text` element measures it (the layout box every chart
    /// aligns by), for both fonts, several sizes, kerned pairs and accents, and it draws ink.
    #[test]
    fn text_measures_as_plotters_measures() {
        register_fonts().unwrap();
        let cases = [
            ("Tone by outlet", 26.0, true),
            ("AVATAR Wa To, 0.25 −0.12", 15.0, false),
            ("Élysée, ça; «guillemets» — 26%", 13.0, false),
            ("clipped at both edges of the picture", 30.0, true),
            ("No data", 17.0, false),
        ];
        let mut scratch = vec![255u8; 3 * 4 * 4];
        let area = BitMapBackend::with_buffer(&mut scratch, (4, 4)).into_drawing_area();
        for (text, size, bold) in cases {
            let style = if bold {
                FontStyle::Bold
            } else {
                FontStyle::Normal
            };
            let font = FontDesc::new(FontFamily::SansSerif, size, style);
            let (tw, _) = area.estimate_text_size(text, &font.into()).unwrap();
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("t.png");
            let c = Canvas::new(&path, 260, 70).unwrap();
            assert_eq!(c.text_width(text, size, bold), tw as i32, "{text}");
            c.text(text, (10, 35), size, bold, ink::TEXT, Align::Left)
                .unwrap();
            assert!(c.buf.borrow().iter().any(|&b| b < 128), "{text}: no ink");
        }
    }

    /// Glyphs sit on one baseline and keep their side bearings: in "x.x" the full stop's
    /// lowest dark row is the x's, and a white column separates it from both x's (plotters
    /// drew it a pixel high and dropped the bearings).
    #[test]
    fn glyphs_sit_on_one_baseline_with_their_bearings() {
        for (size, bold) in [(13.0, false), (26.0, true), (40.0, false)] {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("t.png");
            let c = Canvas::new(&path, 200, 80).unwrap();
            c.text("x.x", (20, 40), size, bold, ink::TEXT, Align::Left)
                .unwrap();
            let buf = c.buf.borrow();
            let dark = |x: usize, y: usize| buf[3 * (y * 200 + x)] < 128;
            // Runs of columns holding dark pixels: x, full stop, x.
            let mut runs: Vec<(usize, usize)> = Vec::new();
            for x in 0..200 {
                if (0..80).any(|y| dark(x, y)) {
                    match runs.last_mut() {
                        Some(r) if r.1 + 1 == x => r.1 = x,
                        _ => runs.push((x, x)),
                    }
                }
            }
            assert_eq!(runs.len(), 3, "size {size}: {runs:?}");
            let bottom = |(a, b): (usize, usize)| {
                (0..80)
                    .rev()
                    .find(|&y| (a..=b).any(|x| dark(x, y)))
                    .unwrap()
            };
            assert_eq!(bottom(runs[1]), bottom(runs[0]), "size {size}");
            assert_eq!(bottom(runs[2]), bottom(runs[0]), "size {size}");
        }
    }

    /// The PNG writer gives the bytes of the `png` crate's encoder with the same settings, on
    /// a picture with repeated rows, a gradient and noise (every filter gets chosen).
    #[test]
    fn png_bytes_match_the_png_encoder() {
        let (w, h) = (97u32, 61u32);
        let mut rgb = vec![255u8; 3 * (w * h) as usize];
        let mut seed = 12345u32;
        for y in 0..h as usize {
            for x in 0..w as usize {
                let p = &mut rgb[3 * (y * w as usize + x)..][..3];
                match y / 10 {
                    1 => p.copy_from_slice(&[(x * 2) as u8, (y * 3) as u8, 40]),
                    3 => {
                        seed = seed.wrapping_mul(1103515245).wrapping_add(12345);
                        p.copy_from_slice(&(seed >> 8).to_le_bytes()[..3]);
                    }
                    4 if x > 20 && x < 60 => p.copy_from_slice(&[0, 114, 178]),
                    _ => {}
                }
            }
        }
        let dir = tempfile::tempdir().unwrap();
        let ours = dir.path().join("ours.png");
        write_png(&ours, &rgb, w, h).unwrap();
        let mut want = Vec::new();
        {
            let mut enc = png::Encoder::new(&mut want, w, h);
            enc.set_color(png::ColorType::Rgb);
            enc.set_depth(png::BitDepth::Eight);
            enc.set_compression(png::Compression::Fast);
            enc.set_filter(png::FilterType::Sub);
            enc.set_adaptive_filter(png::AdaptiveFilterType::Adaptive);
            let mut wr = enc.write_header().unwrap();
            wr.write_image_data(&rgb).unwrap();
            wr.finish().unwrap();
        }
        assert!(std::fs::read(&ours).unwrap() == want);
    }

    #[test]
    fn labels_lose_control_characters() {
        assert_eq!(clean_label("a\nb\tc"), "a b c");
    }
}
