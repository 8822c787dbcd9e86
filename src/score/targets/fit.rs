//! Fitting the target model: multinomial logistic regression by AdaGrad SGD.
//!
//! Kept in the library (not only in `examples/fit_targets.rs`) so it is unit-tested and so the
//! trainer and the scorer share one definition of the model. Deterministic: examples are visited
//! in an order drawn from a fixed-seed xorshift generator, and floating-point operations happen
//! in the same order on every run.

use super::{N_FEATURES, Weights};

/// One training example: sparse features and the class index (0 neg, 1 neu, 2 pos).
#[derive(Debug, Clone)]
pub struct Example {
    pub x: Vec<(u32, f32)>,
    pub class: usize,
    /// The target shares its sentence with other targets: such examples are weighted by
    /// [`FitOptions::multi_weight`].
    pub multi: bool,
}

/// Fitting settings (chosen by cross-validation on the training split).
#[derive(Debug, Clone, Copy)]
pub struct FitOptions {
    pub epochs: usize,
    /// AdaGrad base step.
    pub eta: f32,
    /// L2 penalty per update on the weights an example touches.
    pub l2: f32,
    /// Weight each class by `n / (3 · n_class)` (balanced), so macro-F1 does not favour the
    /// largest class.
    pub balanced: bool,
    /// Return the mean of the weights at the end of each epoch (Polyak averaging), which
    /// smooths the last epochs' noise.
    pub average: bool,
    /// Weight of an example whose sentence has several targets. These are the examples that
    /// teach the model to tell targets of one sentence apart (sentence tone alone cannot), and a
    /// small share of the training split (about a fifth).
    pub multi_weight: f32,
    /// Balance classes within single-target and within multi-target examples separately
    /// (their class mixes differ: train's multi-target targets are half negative).
    pub balance_groups: bool,
    pub seed: u64,
}

impl Default for FitOptions {
    fn default() -> Self {
        FitOptions {
            epochs: 20,
            eta: 0.02,
            l2: 3e-3,
            balanced: true,
            average: false,
            multi_weight: 1.0,
            balance_groups: false,
            seed: 0x5eed_7a56,
        }
    }
}

fn xorshift(s: &mut u64) -> u64 {
    let mut x = *s;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    *s = x;
    x
}

/// Fits weights on `examples`.
pub fn fit(examples: &[Example], o: &FitOptions) -> Weights {
    let mut w = Weights::zeros();
    let mut g2 = vec![[1e-6f32; 3]; N_FEATURES];
    // Class weights per group: one group, or single- and multi-target examples apart
    // (`balance_groups`), so each group's classes weigh the same.
    let group = |e: &Example| (o.balance_groups && e.multi) as usize;
    let mut counts = [[0usize; 3]; 2];
    for e in examples {
        counts[group(e)][e.class] += 1;
    }
    let cw: [[f32; 3]; 2] = std::array::from_fn(|g| {
        let n: usize = counts[g].iter().sum();
        std::array::from_fn(|k| {
            if o.balanced && counts[g][k] > 0 {
                n as f32 / (3.0 * counts[g][k] as f32)
            } else {
                1.0
            }
        })
    });
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = o.seed | 1;
    let mut sum = Weights::zeros();
    for _ in 0..o.epochs {
        // Fisher–Yates with the fixed-seed generator.
        for i in (1..order.len()).rev() {
            let j = (xorshift(&mut rng) % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
        for &i in &order {
            let e = &examples[i];
            let p = w.probs(&e.x);
            let ew = cw[group(e)][e.class] * if e.multi { o.multi_weight } else { 1.0 };
            for &(f, v) in &e.x {
                let f = f as usize;
                for k in 0..3 {
                    let y = (k == e.class) as u8 as f32;
                    let g = ew * (p[k] as f32 - y) * v + o.l2 * w.rows[f][k];
                    g2[f][k] += g * g;
                    w.rows[f][k] -= o.eta * g / g2[f][k].sqrt();
                }
            }
        }
        for (s, r) in sum.rows.iter_mut().zip(&w.rows) {
            for k in 0..3 {
                s[k] += r[k];
            }
        }
    }
    if o.average && o.epochs > 0 {
        for r in &mut sum.rows {
            for x in r.iter_mut() {
                *x /= o.epochs as f32;
            }
        }
        return sum;
    }
    w
}

/// Predicted class index of `x`.
pub fn predict(w: &Weights, x: &[(u32, f32)]) -> usize {
    let p = w.probs(x);
    let mut best = 0;
    for k in 1..3 {
        if p[k] > p[best] {
            best = k;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Three separable classes on features 1, 2, 3 (plus the bias 0): the fit must learn them,
    /// and two fits with the same seed must give identical weights.
    #[test]
    fn learns_separable_classes_deterministically() {
        let ex: Vec<Example> = (0..60)
            .map(|i| Example {
                x: vec![(0, 1.0), (1 + (i % 3) as u32, 1.0)],
                class: i % 3,
                multi: false,
            })
            .collect();
        let o = FitOptions::default();
        let w = fit(&ex, &o);
        for e in &ex {
            assert_eq!(predict(&w, &e.x), e.class);
        }
        let w2 = fit(&ex, &o);
        assert_eq!(w.rows[1], w2.rows[1]);
        assert!(w.rows[1][0] > w.rows[1][1] && w.rows[1][0] > w.rows[1][2]);
    }
}
