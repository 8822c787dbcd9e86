//! Statistics with hand-checked unit tests: means with Student-t confidence intervals, Wilson
//! intervals for shares. SKELETON: filled by the aggregation work.

/// Mean and 95% confidence interval of `xs` (NaN-free). `None` for an empty slice.
pub fn mean_ci95(xs: &[f64]) -> Option<(f64, f64, f64)> {
    if xs.is_empty() {
        return None;
    }
    let n = xs.len() as f64;
    let m = xs.iter().sum::<f64>() / n;
    Some((m, m, m))
}
