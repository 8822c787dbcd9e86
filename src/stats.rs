//! Statistics behind every interval slant reports: the mean with a 95% Student-t confidence
//! interval, and the Wilson score interval for shares.
//!
//! Aggregation groups rows with polars and hands each group's values here, so every interval in
//! every table is computed by the same few functions, tested against hand-computed values.
//!
//! Determinism: [`mean_ci95`] sums the values in sorted order, so the result does not depend on
//! the order in which a (possibly parallel) group-by delivered them. Tables are then
//! byte-identical at any thread count.

/// The standard normal quantile z(0.975), for Wilson intervals.
pub const Z_975: f64 = 1.959_963_984_540_054;

/// A mean with its 95% confidence interval.
///
/// `sd`, `ci_low` and `ci_high` are `None` when `n < 2`: one value says nothing about spread,
/// and a report must not show a zero-width interval as if it were certain.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MeanCi {
    /// Number of values.
    pub n: u64,
    pub mean: f64,
    /// Sample standard deviation (denominator `n - 1`).
    pub sd: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
}

/// Mean and 95% confidence interval of `xs`: `mean ± t(0.975; n−1) · sd / √n`.
///
/// Non-finite values are ignored. `None` when no finite value remains; interval `None` when one
/// value remains (see [`MeanCi`]).
pub fn mean_ci95(xs: &[f64]) -> Option<MeanCi> {
    let (v, mean) = sorted_finite_mean(xs)?;
    let n = v.len();
    if n < 2 {
        return Some(MeanCi {
            n: n as u64,
            mean,
            sd: None,
            ci_low: None,
            ci_high: None,
        });
    }
    let ss: f64 = v.iter().map(|x| (x - mean) * (x - mean)).sum();
    let sd = (ss / (n - 1) as f64).sqrt();
    let half = t_975(n - 1) * sd / (n as f64).sqrt();
    Some(MeanCi {
        n: n as u64,
        mean,
        sd: Some(sd),
        ci_low: Some(mean - half),
        ci_high: Some(mean + half),
    })
}

/// The mean of the finite values of `xs`, exactly as [`mean_ci95`] computes it (same bits), for
/// callers that need only the mean (an article's mean tone toward an entity, before the
/// interval over articles): without the interval's t quantile, which costs a root search.
pub fn mean(xs: &[f64]) -> Option<f64> {
    sorted_finite_mean(xs).map(|(_, m)| m)
}

/// The finite values of `xs`, sorted, and their mean (`None` when there are none). Sorting fixes
/// the summation order, hence the last bits of the sum.
fn sorted_finite_mean(xs: &[f64]) -> Option<(Vec<f64>, f64)> {
    let mut v: Vec<f64> = xs.iter().copied().filter(|x| x.is_finite()).collect();
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let mean = v.iter().sum::<f64>() / v.len() as f64;
    Some((v, mean))
}

/// `t_quantile(0.975, df)`, remembered per thread: a summary table asks for the same few
/// degrees of freedom thousands of times, and each [`t_quantile`] is a bisection over the
/// incomplete beta function (the bulk of aggregation's cost before). Same value, same bits.
fn t_975(df: usize) -> f64 {
    use std::cell::RefCell;
    thread_local! {
        static CACHE: RefCell<Vec<f64>> = const { RefCell::new(Vec::new()) };
    }
    /// Degrees of freedom kept in the cache; larger ones (rare) are computed each time.
    const CACHED: usize = 4096;
    if df >= CACHED {
        return t_quantile(0.975, df as f64);
    }
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() <= df {
            c.resize(df + 1, f64::NAN);
        }
        if c[df].is_nan() {
            c[df] = t_quantile(0.975, df as f64);
        }
        c[df]
    })
}

/// A share `k / n` with its 95% Wilson score interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ShareCi {
    pub k: u64,
    pub n: u64,
    pub share: f64,
    pub ci_low: f64,
    pub ci_high: f64,
}

/// The share `k / n` with its 95% Wilson score interval; `None` when `n == 0` (no denominator).
///
/// Wilson (1927) rather than the normal ("Wald") interval because shares near 0 or 1 with small
/// `n` are common here (anonymous sources, denial verbs) and Wald gives zero-width or
/// out-of-range intervals there. Unlike the mean, a single observation still gives a valid
/// (wide) interval, so `n == 1` is reported. `k > n` is clamped to `n`.
pub fn wilson95(k: u64, n: u64) -> Option<ShareCi> {
    if n == 0 {
        return None;
    }
    let k = k.min(n);
    let nf = n as f64;
    let p = k as f64 / nf;
    let z2 = Z_975 * Z_975;
    let denom = 1.0 + z2 / nf;
    let center = (p + z2 / (2.0 * nf)) / denom;
    let half = Z_975 / denom * (p * (1.0 - p) / nf + z2 / (4.0 * nf * nf)).sqrt();
    Some(ShareCi {
        k,
        n,
        share: p,
        ci_low: (center - half).max(0.0),
        ci_high: (center + half).min(1.0),
    })
}

/// True when two closed intervals share at least one point.
pub fn overlaps(a: (f64, f64), b: (f64, f64)) -> bool {
    a.0 <= b.1 && b.0 <= a.1
}

/// The `p` quantile of Student's t distribution with `df` degrees of freedom (`df > 0`,
/// `0 < p < 1`), by bisection on the exact CDF ([`student_t_cdf`]) to full double precision.
///
/// Returns NaN for arguments outside those ranges.
pub fn t_quantile(p: f64, df: f64) -> f64 {
    if !(p > 0.0 && p < 1.0 && df > 0.0) {
        return f64::NAN;
    }
    if p < 0.5 {
        return -t_quantile(1.0 - p, df);
    }
    if p == 0.5 {
        return 0.0;
    }
    // Bracket the root: the CDF is increasing, F(0) = 0.5 < p.
    let mut hi = 1.0;
    while student_t_cdf(hi, df) < p {
        hi *= 2.0;
        if hi > 1e300 {
            return f64::INFINITY;
        }
    }
    let mut lo = 0.0;
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if mid <= lo || mid >= hi {
            break;
        }
        if student_t_cdf(mid, df) < p {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    0.5 * (lo + hi)
}

/// P(T ≤ t) for Student's t with `df` degrees of freedom, through the regularized incomplete
/// beta function: for t ≥ 0, `F(t) = 1 − ½ · I_{df/(df+t²)}(df/2, ½)`.
pub fn student_t_cdf(t: f64, df: f64) -> f64 {
    if t.is_nan() || df.is_nan() || df <= 0.0 {
        return f64::NAN;
    }
    let x = df / (df + t * t);
    let tail = 0.5 * regularized_incomplete_beta(x, 0.5 * df, 0.5);
    if t >= 0.0 { 1.0 - tail } else { tail }
}

/// The regularized incomplete beta function `I_x(a, b)` for `a, b > 0`, `0 ≤ x ≤ 1`.
///
/// Continued fraction evaluated with the modified Lentz method (Numerical Recipes, 3rd ed.,
/// §6.4), using the symmetry `I_x(a,b) = 1 − I_{1−x}(b,a)` where the fraction converges slowly.
pub fn regularized_incomplete_beta(x: f64, a: f64, b: f64) -> f64 {
    if !(0.0..=1.0).contains(&x) || a <= 0.0 || b <= 0.0 {
        return f64::NAN;
    }
    if x == 0.0 || x == 1.0 {
        return x;
    }
    let ln_front = ln_gamma(a + b) - ln_gamma(a) - ln_gamma(b) + a * x.ln() + b * (1.0 - x).ln();
    let front = ln_front.exp();
    if x < (a + 1.0) / (a + b + 2.0) {
        front * beta_continued_fraction(x, a, b) / a
    } else {
        1.0 - front * beta_continued_fraction(1.0 - x, b, a) / b
    }
}

fn beta_continued_fraction(x: f64, a: f64, b: f64) -> f64 {
    const TINY: f64 = 1e-300;
    const EPS: f64 = 1e-16;
    let qab = a + b;
    let qap = a + 1.0;
    let qam = a - 1.0;
    let mut c = 1.0;
    let mut d = 1.0 - qab * x / qap;
    if d.abs() < TINY {
        d = TINY;
    }
    d = 1.0 / d;
    let mut h = d;
    for m in 1..=10_000 {
        let m = m as f64;
        let m2 = 2.0 * m;
        // Even step.
        let aa = m * (b - m) * x / ((qam + m2) * (a + m2));
        d = 1.0 + aa * d;
        if d.abs() < TINY {
            d = TINY;
        }
        c = 1.0 + aa / c;
        if c.abs() < TINY {
            c = TINY;
        }
        d = 1.0 / d;
        h *= d * c;
        // Odd step.
        let aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
        d = 1.0 + aa * d;
        if d.abs() < TINY {
            d = TINY;
        }
        c = 1.0 + aa / c;
        if c.abs() < TINY {
            c = TINY;
        }
        d = 1.0 / d;
        let del = d * c;
        h *= del;
        if (del - 1.0).abs() < EPS {
            break;
        }
    }
    h
}

/// ln Γ(x) for x > 0: Lanczos approximation (g = 7, 9 coefficients; relative error < 1e-15),
/// with the reflection formula below ½.
pub fn ln_gamma(x: f64) -> f64 {
    const G: f64 = 7.0;
    const COEF: [f64; 9] = [
        0.999_999_999_999_809_9,
        676.520_368_121_885_1,
        -1_259.139_216_722_402_8,
        771.323_428_777_653_1,
        -176.615_029_162_140_6,
        12.507_343_278_686_905,
        -0.138_571_095_265_720_12,
        9.984_369_578_019_572e-6,
        1.505_632_735_149_311_6e-7,
    ];
    if x < 0.5 {
        // Γ(x)Γ(1−x) = π / sin(πx)
        let pi = std::f64::consts::PI;
        return (pi / (pi * x).sin()).abs().ln() - ln_gamma(1.0 - x);
    }
    let x = x - 1.0;
    let mut acc = COEF[0];
    for (i, c) in COEF.iter().enumerate().skip(1) {
        acc += c / (x + i as f64);
    }
    let t = x + G + 0.5;
    0.5 * (2.0 * std::f64::consts::PI).ln() + (x + 0.5) * t.ln() - t + acc.ln()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol
    }

    #[test]
    fn t_quantiles_match_published_tables() {
        // Two-sided 95% critical values, as printed in every t table (3 decimals) and to more
        // digits from R's qt(0.975, df).
        let cases = [
            (1.0, 12.706, 12.706_204_736),
            (2.0, 4.303, 4.302_652_730),
            (5.0, 2.571, 2.570_581_836),
            (10.0, 2.228, 2.228_138_852),
            (30.0, 2.042, 2.042_272_456),
            (120.0, 1.980, 1.979_930_405),
        ];
        for (df, table, r) in cases {
            let q = t_quantile(0.975, df);
            assert!(close(q, table, 0.0005), "df {df}: {q} vs table {table}");
            assert!(close(q, r, 1e-8), "df {df}: {q} vs R {r}");
        }
    }

    #[test]
    fn t_quantile_closed_forms_and_limits() {
        // df = 1 is the Cauchy distribution: q(p) = tan(π(p − ½)).
        for p in [0.6f64, 0.9, 0.975, 0.995] {
            let exact = (std::f64::consts::PI * (p - 0.5)).tan();
            assert!(close(t_quantile(p, 1.0), exact, 1e-9 * exact.max(1.0)));
        }
        // df = 2: q(p) = (2p − 1) / sqrt(2p(1 − p)); at 0.975: 0.95 / sqrt(0.04875) = 4.30265.
        for p in [0.6f64, 0.9, 0.975] {
            let exact = (2.0 * p - 1.0) / (2.0 * p * (1.0 - p)).sqrt();
            assert!(close(t_quantile(p, 2.0), exact, 1e-10));
        }
        // Symmetry and the median.
        assert!(close(
            t_quantile(0.025, 7.0),
            -t_quantile(0.975, 7.0),
            1e-12
        ));
        assert_eq!(t_quantile(0.5, 3.0), 0.0);
        // Large df tends to the normal quantile 1.959964.
        assert!(close(t_quantile(0.975, 1e7), Z_975, 1e-6));
        assert!(t_quantile(1.0, 3.0).is_nan());
        assert!(t_quantile(0.9, 0.0).is_nan());
    }

    #[test]
    fn incomplete_beta_known_values() {
        // I_x(1, 1) = x; I_x(a, 1) = x^a; I_0.5(a, a) = 0.5.
        assert!(close(
            regularized_incomplete_beta(0.3, 1.0, 1.0),
            0.3,
            1e-14
        ));
        assert!(close(
            regularized_incomplete_beta(0.4, 3.0, 1.0),
            0.064,
            1e-14
        ));
        assert!(close(
            regularized_incomplete_beta(0.5, 4.5, 4.5),
            0.5,
            1e-14
        ));
        // ln Γ(5) = ln 24; Γ(½) = √π.
        assert!(close(ln_gamma(5.0), 24f64.ln(), 1e-13));
        assert!(close(
            ln_gamma(0.5),
            std::f64::consts::PI.sqrt().ln(),
            1e-13
        ));
    }

    #[test]
    fn mean_ci_hand_computed() {
        // xs = 1..5: mean 3; squared deviations 4+1+0+1+4 = 10, sd = sqrt(10/4) = 1.5811388;
        // se = 1.5811388 / sqrt(5) = 0.7071068; t(0.975; 4) = 2.7764451;
        // half width = 2.7764451 * 0.7071068 = 1.9632432 → [1.0367568, 4.9632432].
        let m = mean_ci95(&[5.0, 1.0, 3.0, 2.0, 4.0]).unwrap();
        assert_eq!(m.n, 5);
        assert!(close(m.mean, 3.0, 1e-12));
        assert!(close(m.sd.unwrap(), 1.581_138_8, 1e-7));
        assert!(close(m.ci_low.unwrap(), 1.036_756_8, 1e-6));
        assert!(close(m.ci_high.unwrap(), 4.963_243_2, 1e-6));

        // Tones −0.5 and 0.1: mean −0.2; sd = sqrt((0.09 + 0.09) / 1) = 0.4242641;
        // se = 0.4242641 / sqrt(2) = 0.3; t(0.975; 1) = 12.7062047 → half 3.8118614.
        let m = mean_ci95(&[-0.5, 0.1]).unwrap();
        assert!(close(m.mean, -0.2, 1e-12));
        assert!(close(m.ci_low.unwrap(), -0.2 - 3.811_861_4, 1e-6));
        assert!(close(m.ci_high.unwrap(), -0.2 + 3.811_861_4, 1e-6));
    }

    #[test]
    fn mean_ci_small_and_degenerate_inputs() {
        assert_eq!(mean_ci95(&[]), None);
        assert_eq!(mean_ci95(&[f64::NAN]), None);
        let one = mean_ci95(&[0.25]).unwrap();
        assert_eq!((one.n, one.mean, one.sd, one.ci_low), (1, 0.25, None, None));
        // Identical values: sd 0, interval collapses to the mean (it is real, not missing).
        let same = mean_ci95(&[0.25, 0.25, 0.25]).unwrap();
        assert_eq!(same.sd, Some(0.0));
        assert_eq!(same.ci_low, Some(0.25));
        // NaN is dropped, not propagated: mean of [1, 3] = 2.
        let m = mean_ci95(&[1.0, f64::NAN, 3.0]).unwrap();
        assert_eq!((m.n, m.mean), (2, 2.0));
    }

    #[test]
    fn mean_alone_has_the_bits_of_mean_ci95() {
        let xs = [0.1, 0.7, -0.3, 0.2, 1e-9, -0.45, 0.33, f64::NAN];
        assert_eq!(mean(&xs), Some(mean_ci95(&xs).unwrap().mean));
        assert_eq!(mean(&[0.25]), Some(0.25));
        assert_eq!(mean(&[f64::INFINITY]), None);
        assert_eq!(mean(&[]), None);
    }

    #[test]
    fn cached_t_quantile_is_the_computed_one() {
        for df in [1usize, 2, 7, 30, 4095, 4096, 10_000] {
            let direct = t_quantile(0.975, df as f64);
            // Twice: the first call fills the cache, the second reads it.
            assert_eq!(t_975(df).to_bits(), direct.to_bits(), "df {df}");
            assert_eq!(t_975(df).to_bits(), direct.to_bits(), "df {df}");
        }
        assert!(close(t_975(4), 2.776_445_1, 1e-7));
    }

    #[test]
    fn mean_is_independent_of_input_order() {
        let a = [0.1, 0.7, -0.3, 0.2, 1e-9, -0.45, 0.33];
        let mut b = a;
        b.reverse();
        assert_eq!(mean_ci95(&a), mean_ci95(&b));
    }

    #[test]
    fn wilson_hand_computed() {
        // k = 8, n = 10: p = 0.8, z² = 3.8414588; denom = 1 + z²/n = 1.3841459;
        // centre = (0.8 + z²/20) / denom = 0.9920729 / 1.3841459 = 0.7167402;
        // half = z/denom · sqrt(p(1−p)/n + z²/(4n²)) = 1.4160097 · sqrt(0.016 + 0.0096036)
        //      = 1.4160097 · 0.1600114 = 0.2265777 → [0.4901625, 0.9433178].
        let w = wilson95(8, 10).unwrap();
        assert!(close(w.share, 0.8, 1e-15));
        assert!(close(w.ci_low, 0.490_162_5, 1e-6), "{}", w.ci_low);
        assert!(close(w.ci_high, 0.943_317_8, 1e-6), "{}", w.ci_high);

        // k = 0, n = 10: centre = 0.1920729 / 1.3841459 = 0.1387664 and half the same
        // (1.4160097 · sqrt(z²/400) = 1.4160097 · 0.0979982), so [0, 0.2775328]: the "rule of three"-like upper bound.
        let w = wilson95(0, 10).unwrap();
        assert!(close(w.ci_low, 0.0, 1e-12));
        assert!(close(w.ci_high, 0.277_532_8, 1e-6), "{}", w.ci_high);

        // k = 1, n = 1: denom = 4.8414588; centre = (1 + 1.9207294) / denom = 0.6032747;
        // half = 1.959964/4.8414588 · sqrt(0 + z²/4) = 0.4048290 · 0.9799820 = 0.3967250
        // → [0.2065497, 1].
        let w = wilson95(1, 1).unwrap();
        assert!(close(w.ci_low, 0.206_549_7, 1e-6), "{}", w.ci_low);
        assert!(close(w.ci_high, 1.0, 1e-12));

        assert_eq!(wilson95(0, 0), None);
        assert_eq!(wilson95(5, 3).unwrap().share, 1.0);
    }

    #[test]
    fn interval_overlap() {
        assert!(overlaps((0.0, 1.0), (1.0, 2.0)));
        assert!(overlaps((-0.3, -0.1), (-0.2, 0.4)));
        assert!(!overlaps((-0.18, -0.06), (0.01, 0.2)));
    }
}
