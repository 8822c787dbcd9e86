//! MinHash signatures over word shingles, and LSH banding to find candidate near-duplicates.
//!
//! A signature is computed with one-permutation hashing (Li, Owen & Zhang, NIPS 2012): each
//! shingle is hashed once, the hash's top bits pick one of [`BINS`] bins and the bin keeps its
//! smallest hash. Empty bins (short texts) are filled by rotation from the next non-empty bin
//! (Shrivastava & Li, ICML 2014), so two signatures agree in a bin with probability close to
//! the texts' Jaccard similarity. One hash per shingle instead of one per shingle and
//! permutation is what makes near-duplicate detection cheap enough for the speed budget.
//!
//! Candidates share all rows of at least one band; they are then checked with the exact
//! Jaccard similarity of their shingle sets, so the reported similarity is not an estimate.
//! Every hash is a fixed function (no random state), so results are identical across runs and
//! thread counts.

use rustc_hash::FxHashMap;

/// Words per shingle.
pub const SHINGLE_WORDS: usize = 4;
/// Bins (rows) of a signature.
pub const BINS: usize = 128;

/// The splitmix64 finaliser: a fixed, well-mixing 64-bit hash step.
#[inline]
pub fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// FNV-1a's start value.
const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;

/// One FNV-1a step over byte `b`.
#[inline(always)]
fn fnv_step(h: u64, b: u8) -> u64 {
    (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
}

/// FNV-1a of a word's bytes, then mixed.
#[inline]
fn word_hash(w: &str) -> u64 {
    mix(w.bytes().fold(FNV_START, fnv_step))
}

/// The sorted, deduplicated hashes of the `SHINGLE_WORDS`-word shingles of `folded` (text
/// already folded: lower case, accents removed). Words are runs of alphanumerics, so
/// punctuation and spacing edits do not change the set. A text shorter than one shingle gives
/// one shingle of all its words; an empty text gives none.
pub fn shingles(folded: &str) -> Vec<u64> {
    let words: Vec<u64> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(word_hash)
        .collect();
    shingles_of_hashes(&words)
}

/// [`shingles`] of a words key ([`super::metadata::words_key`]: alphanumeric words joined by
/// single spaces), splitting on the spaces only: the same set, without classifying every
/// character again. The cleaner builds such keys while folding each line.
pub fn shingles_of_words_key(key: &str) -> Vec<u64> {
    // `word_hash` of every word, in one pass over the bytes (no per-word search for the next
    // space): FNV-1a accumulates until a space ends a non-empty word.
    let mut words: Vec<u64> = Vec::with_capacity(key.len() / 4 + 1);
    let (mut h, mut len) = (FNV_START, 0usize);
    for &b in key.as_bytes() {
        if b == b' ' {
            if len > 0 {
                words.push(mix(h));
            }
            (h, len) = (FNV_START, 0);
        } else {
            h = fnv_step(h, b);
            len += 1;
        }
    }
    if len > 0 {
        words.push(mix(h));
    }
    shingles_of_hashes(&words)
}

fn shingles_of_hashes(words: &[u64]) -> Vec<u64> {
    if words.is_empty() {
        return Vec::new();
    }
    let shingle = |w: &[u64]| -> u64 {
        w.iter()
            .fold(0x9e37_79b9_7f4a_7c15u64, |h, &x| mix(h.rotate_left(17) ^ x))
    };
    let mut out: Vec<u64> = if words.len() >= SHINGLE_WORDS {
        // A window of constant length, so the fold is unrolled (same values).
        words
            .windows(SHINGLE_WORDS)
            .map(|w| shingle(&w[..SHINGLE_WORDS]))
            .collect()
    } else {
        vec![shingle(words)]
    };
    out.sort_unstable();
    out.dedup();
    out
}

/// A MinHash signature of [`BINS`] values.
pub type Signature = [u64; BINS];

/// The one-permutation MinHash signature of a shingle set (`None` when it is empty).
pub fn signature(shingles: &[u64]) -> Option<Signature> {
    if shingles.is_empty() {
        return None;
    }
    let mut sig = [u64::MAX; BINS];
    let mut filled = [false; BINS];
    let shift = 64 - BINS.trailing_zeros();
    for &s in shingles {
        let h = mix(s ^ 0x5851_f42d_4c95_7f2d);
        let bin = (h >> shift) as usize;
        let v = h & ((1u64 << shift) - 1);
        if v < sig[bin] {
            sig[bin] = v;
        }
        filled[bin] = true;
    }
    // Densify: an empty bin takes the value of the next non-empty bin to its right
    // (circularly), marked with the distance so borrowed values from different offsets differ.
    let out: Signature = std::array::from_fn(|i| {
        if filled[i] {
            return sig[i];
        }
        let mut d = 1;
        while !filled[(i + d) % BINS] {
            d += 1;
        }
        mix(sig[(i + d) % BINS] ^ (d as u64).wrapping_mul(0xd6e8_feb8_6659_fd93))
    });
    Some(out)
}

/// Exact Jaccard similarity of two sorted, deduplicated sets.
pub fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let (mut i, mut j, mut inter) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                inter += 1;
                i += 1;
                j += 1;
            }
        }
    }
    inter as f64 / (a.len() + b.len() - inter) as f64
}

/// Rows per band for a Jaccard `threshold`: the most rows (fewest false candidates) whose
/// banding still makes a pair at `threshold - 0.1` a candidate with probability ≥ 0.99
/// (`1 - (1 - s^r)^b`), so few true pairs are missed before the exact check.
pub fn rows_per_band(threshold: f64) -> usize {
    let s = (threshold - 0.1).clamp(0.05, 0.99);
    let mut best = 1;
    for r in 1..=BINS {
        let b = BINS / r;
        let p = 1.0 - (1.0 - s.powi(r as i32)).powi(b as i32);
        if p >= 0.99 {
            best = r;
        }
    }
    best
}

/// Most members of one LSH bucket compared pairwise; a larger bucket pairs each member with
/// its first `BUCKET_CAP` members only, which keeps the cost linear when many texts share a
/// band (clusters still form through the shared members).
const BUCKET_CAP: usize = 32;

/// Appends the candidate pairs `(j, i)` of one bucket (`members` in increasing order): each
/// member with each earlier member among the first [`BUCKET_CAP`]. Shared by the LSH buckets
/// and the same-title groups of [`super::dedup`].
pub fn bucket_pairs(members: &[u32], pairs: &mut Vec<(u32, u32)>) {
    for (a, &i) in members.iter().enumerate().skip(1) {
        for &j in &members[..a.min(BUCKET_CAP)] {
            pairs.push((j, i));
        }
    }
}

/// Candidate pairs `(i, j)`, `i < j`, of signatures that agree on every row of at least one
/// band of `rows` rows; sorted and deduplicated.
pub fn candidates(sigs: &[Option<Signature>], rows: usize) -> Vec<(u32, u32)> {
    use rayon::prelude::*;
    let bands = BINS / rows;
    // Bands are independent and the pairs are sorted at the end, so they are bucketed in
    // parallel (this ran on one core while the other waited).
    let mut pairs: Vec<(u32, u32)> = (0..bands)
        .into_par_iter()
        .flat_map_iter(|band| {
            let mut buckets: FxHashMap<u64, Vec<u32>> = FxHashMap::default();
            for (i, sig) in sigs.iter().enumerate() {
                let Some(sig) = sig else { continue };
                let key = sig[band * rows..(band + 1) * rows]
                    .iter()
                    .fold(band as u64, |h, &x| mix(h ^ x));
                buckets.entry(key).or_default().push(i as u32);
            }
            let mut pairs = Vec::new();
            for members in buckets.values() {
                bucket_pairs(members, &mut pairs);
            }
            pairs
        })
        .collect();
    // On both cores too: a story many outlets carry makes a bucket of every band hold the
    // same members, and the pairs (one copy per band) were sorted on one core.
    pairs.par_sort_unstable();
    pairs.dedup();
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jaccard_hand_computed() {
        assert_eq!(jaccard(&[1, 2, 3, 4], &[3, 4, 5]), 2.0 / 5.0);
        assert_eq!(jaccard(&[1], &[2]), 0.0);
        assert_eq!(jaccard(&[7, 9], &[7, 9]), 1.0);
    }

    #[test]
    fn shingles_ignore_punctuation_and_count_windows() {
        let a = shingles("the cat sat on the mat");
        // 6 words → 3 four-word windows, all distinct.
        assert_eq!(a.len(), 3);
        assert_eq!(
            a,
            shingles("The cat, sat on -- the mat!".to_lowercase().as_str())
        );
        assert_eq!(shingles("two words").len(), 1);
        // A words key gives the same set when split on its spaces.
        let key = crate::clean::metadata::words_key("l'ete, 2024 -- the cat sat on the mat!");
        assert_eq!(shingles_of_words_key(&key), shingles(&key));
        for k in ["", " ", "a", " a  b ", "x y z w v", "one two three"] {
            assert_eq!(shingles_of_words_key(k), shingles(k), "{k:?}");
        }
        assert_eq!(
            shingles_of_words_key(&key),
            shingles("l'ete, 2024 -- the cat sat on the mat!")
        );
        assert!(shingles("  ").is_empty());
    }

    #[test]
    fn signature_agreement_tracks_jaccard() {
        let base: Vec<String> = (0..400).map(|i| format!("w{i}")).collect();
        let a = shingles(&base.join(" "));
        let mut edited = base.clone();
        for i in (0..400).step_by(40) {
            edited[i] = format!("x{i}");
        }
        let b = shingles(&edited.join(" "));
        let j = jaccard(&a, &b);
        let (sa, sb) = (signature(&a).unwrap(), signature(&b).unwrap());
        let agree = sa.iter().zip(&sb).filter(|(x, y)| x == y).count() as f64 / BINS as f64;
        assert!((agree - j).abs() < 0.12, "estimate {agree} vs exact {j}");
    }

    #[test]
    fn banding_finds_near_duplicates_not_strangers() {
        let text = |offset: usize, edits: usize| {
            let mut w: Vec<String> = (0..300).map(|i| format!("w{}", i + offset)).collect();
            for i in 0..edits {
                w[i * 30 + 5] = format!("edit{i}");
            }
            shingles(&w.join(" "))
        };
        let sets = [text(0, 0), text(0, 3), text(10_000, 0)];
        let sigs: Vec<_> = sets.iter().map(|s| signature(s)).collect();
        let pairs = candidates(&sigs, rows_per_band(0.8));
        assert_eq!(pairs, vec![(0, 1)]);
        assert!(jaccard(&sets[0], &sets[1]) > 0.9);
    }

    #[test]
    fn rows_per_band_gives_high_recall_at_threshold() {
        let r = rows_per_band(0.8);
        let b = BINS / r;
        let p = 1.0 - (1.0 - 0.7f64.powi(r as i32)).powi(b as i32);
        assert!(p >= 0.99, "r={r} p={p}");
        assert!(rows_per_band(0.9) >= r);
    }
}
