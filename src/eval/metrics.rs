//! Classification and correlation metrics shared by the evaluations.

/// Pearson correlation of paired samples; `None` when fewer than two pairs or a constant side.
pub fn pearson(xs: &[f64], ys: &[f64]) -> Option<f64> {
    let n = xs.len().min(ys.len());
    if n < 2 {
        return None;
    }
    let mx = xs[..n].iter().sum::<f64>() / n as f64;
    let my = ys[..n].iter().sum::<f64>() / n as f64;
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for i in 0..n {
        let dx = xs[i] - mx;
        let dy = ys[i] - my;
        sxy += dx * dy;
        sxx += dx * dx;
        syy += dy * dy;
    }
    if sxx == 0.0 || syy == 0.0 {
        return None;
    }
    Some(sxy / (sxx.sqrt() * syy.sqrt()))
}

/// Accuracy and macro-averaged F1 over the classes that occur in `gold` (class ids are small
/// integers; a predicted class absent from gold still costs precision of nothing and recall of
/// nothing, as in scikit-learn's `f1_score(average="macro", labels=gold classes)`).
pub fn accuracy_macro_f1(gold: &[i8], pred: &[i8]) -> (f64, f64) {
    assert_eq!(gold.len(), pred.len());
    if gold.is_empty() {
        return (f64::NAN, f64::NAN);
    }
    let correct = gold.iter().zip(pred).filter(|(g, p)| g == p).count();
    let mut classes: Vec<i8> = gold.to_vec();
    classes.sort();
    classes.dedup();
    let mut f1s = Vec::new();
    for &c in &classes {
        let tp = gold
            .iter()
            .zip(pred)
            .filter(|(g, p)| **g == c && **p == c)
            .count() as f64;
        let fp = gold
            .iter()
            .zip(pred)
            .filter(|(g, p)| **g != c && **p == c)
            .count() as f64;
        let fn_ = gold
            .iter()
            .zip(pred)
            .filter(|(g, p)| **g == c && **p != c)
            .count() as f64;
        let prec = if tp + fp > 0.0 { tp / (tp + fp) } else { 0.0 };
        let rec = if tp + fn_ > 0.0 { tp / (tp + fn_) } else { 0.0 };
        f1s.push(if prec + rec > 0.0 {
            2.0 * prec * rec / (prec + rec)
        } else {
            0.0
        });
    }
    (
        correct as f64 / gold.len() as f64,
        f1s.iter().sum::<f64>() / f1s.len() as f64,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pearson_hand_computed() {
        // x = 1,2,3 ; y = 2,4,7: mx=2, my=13/3; sxy = (-1)(-7/3)+0+(1)(8/3) = 5; sxx=2;
        // syy = 49/9+1/9+64/9 = 114/9. r = 5 / sqrt(2*114/9) = 5/5.0332 = 0.99340
        let r = pearson(&[1.0, 2.0, 3.0], &[2.0, 4.0, 7.0]).unwrap();
        assert!((r - 0.993399).abs() < 1e-6, "{r}");
        assert_eq!(pearson(&[1.0, 1.0], &[1.0, 2.0]), None);
    }

    #[test]
    fn macro_f1_hand_computed() {
        // gold: 1 1 0 0 ; pred: 1 0 0 0 → class 1: P=1 R=.5 F=.6667; class 0: P=2/3 R=1 F=.8
        let (acc, f1) = accuracy_macro_f1(&[1, 1, 0, 0], &[1, 0, 0, 0]);
        assert!((acc - 0.75).abs() < 1e-12);
        assert!((f1 - (2.0 / 3.0 + 0.8) / 2.0).abs() < 1e-12, "{f1}");
    }
}
