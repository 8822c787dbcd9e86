//! Near-duplicate clusters: MinHash/LSH candidates checked with exact Jaccard, joined by
//! union-find.
//!
//! Two cleaned texts are near-duplicates when the Jaccard similarity of their word 4-shingles
//! is at least `--near-dup-threshold` (default 0.8), or at least `same_title_threshold` (0.5)
//! when their normalised titles are equal ([`super::metadata::title_key`]: "Opinion | X - The
//! Daily Paper" ≡ "X"). Clusters are the connected components of that relation, within and
//! across outlets; what a cluster means (a repeat within an outlet, syndication across
//! outlets) is decided in [`super::syndication`].

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::CleanOptions;
use super::minhash::{self, Signature};

/// Texts shorter than this many words are never near-duplicates: a few words say too little
/// about being the same story.
pub const MIN_WORDS: usize = 10;
/// Titles shorter than this many words do not lower the threshold ("Briefing" is no story).
pub const MIN_TITLE_WORDS: usize = 4;

/// The near-duplicate structure of a corpus.
#[derive(Debug, Clone, Default)]
pub struct NearDuplicates {
    /// For each text, the index of the first member of its cluster (itself when alone).
    pub cluster_of: Vec<usize>,
    /// Shingle sets, for similarities between cluster members.
    pub shingles: Vec<Vec<u64>>,
}

impl NearDuplicates {
    /// Exact Jaccard similarity of texts `i` and `j`.
    pub fn similarity(&self, i: usize, j: usize) -> f64 {
        minhash::jaccard(&self.shingles[i], &self.shingles[j])
    }
}

fn find(parent: &mut [usize], mut x: usize) -> usize {
    while parent[x] != x {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    x
}

/// The shingle set of one cleaned, folded text as clustering uses it: empty (never a
/// near-duplicate) below [`MIN_WORDS`] white-space separated words.
pub fn text_shingles(folded: &str) -> Vec<u64> {
    if folded.split_whitespace().nth(MIN_WORDS - 1).is_none() {
        Vec::new()
    } else {
        minhash::shingles(folded)
    }
}

/// [`text_shingles`] from what the page cleaner keeps instead of the folded text: its words
/// key ([`super::metadata::words_key`] of the folded text) and its count of white-space
/// separated words (`folded.split_whitespace().count()`). Same result.
pub fn key_shingles(words_key: &str, folded_words: usize) -> Vec<u64> {
    if folded_words < MIN_WORDS {
        Vec::new()
    } else {
        minhash::shingles_of_words_key(words_key)
    }
}

/// Clusters `texts` (cleaned article texts, already folded: [`crate::text::fold::fold`]) by
/// near-duplication. `titles` are normalised title keys (same length). Deterministic:
/// signatures are computed in parallel but collected in order, candidate pairs are sorted,
/// and each cluster is labelled by its smallest index.
pub fn near_duplicates<S: AsRef<str> + Sync>(
    texts: &[S],
    titles: &[Option<String>],
    opts: &CleanOptions,
) -> NearDuplicates {
    let shingles: Vec<Vec<u64>> = texts
        .par_iter()
        .map(|t| text_shingles(t.as_ref()))
        .collect();
    near_duplicates_of(shingles, titles, opts)
}

/// [`near_duplicates`] from shingle sets already computed ([`text_shingles`],
/// [`key_shingles`]; the cleaner computes them in its parallel per-article step).
pub fn near_duplicates_of(
    shingles: Vec<Vec<u64>>,
    titles: &[Option<String>],
    opts: &CleanOptions,
) -> NearDuplicates {
    let n = shingles.len();
    let sigs: Vec<Option<Signature>> = shingles.par_iter().map(|s| minhash::signature(s)).collect();
    let mut pairs = minhash::candidates(&sigs, minhash::rows_per_band(opts.near_dup_threshold));
    // Same-title pairs are checked against the lower threshold.
    let mut by_title: FxHashMap<&str, Vec<u32>> = FxHashMap::default();
    for (i, t) in titles.iter().enumerate() {
        if let Some(t) = t
            && t.split(' ').count() >= MIN_TITLE_WORDS
            && !shingles[i].is_empty()
        {
            by_title.entry(t.as_str()).or_default().push(i as u32);
        }
    }
    let mut title_pairs: Vec<(u32, u32)> = Vec::new();
    for members in by_title.values() {
        minhash::bucket_pairs(members, &mut title_pairs);
    }
    title_pairs.sort_unstable();
    pairs.extend(title_pairs.iter().copied());
    pairs.sort_unstable();
    pairs.dedup();
    // Candidate pairs in order; a pair whose two texts are already in one cluster is not
    // verified (an edge inside a component changes no component), so a wire story carried
    // by k outlets costs about k exact checks instead of k(k-1)/2. A cluster's root is its
    // smallest index whatever the order of the unions.
    let mut parent: Vec<usize> = (0..n).collect();
    for &(i, j) in &pairs {
        let (a, b) = (find(&mut parent, i as usize), find(&mut parent, j as usize));
        if a == b {
            continue;
        }
        let threshold = if title_pairs.binary_search(&(i, j)).is_ok() {
            opts.same_title_threshold.min(opts.near_dup_threshold)
        } else {
            opts.near_dup_threshold
        };
        if minhash::jaccard(&shingles[i as usize], &shingles[j as usize]) >= threshold {
            let (lo, hi) = (a.min(b), a.max(b));
            parent[hi] = lo;
        }
    }
    let cluster_of = (0..n).map(|i| find(&mut parent, i)).collect();
    NearDuplicates {
        cluster_of,
        shingles,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn story(seed: usize, n: usize) -> Vec<String> {
        (0..n).map(|i| format!("w{}x{}", seed, i)).collect()
    }

    #[test]
    fn edited_copies_cluster_and_strangers_do_not() {
        let base = story(1, 200);
        let mut edited = base.clone();
        edited[50] = "changed".into();
        edited.insert(120, "inserted".into());
        let texts = vec![
            base.join(" "),
            story(2, 200).join(" "),
            edited.join(" "),
            "too short to say".to_string(),
        ];
        let titles = vec![None; 4];
        let nd = near_duplicates(&texts, &titles, &CleanOptions::default());
        assert_eq!(nd.cluster_of, vec![0, 1, 0, 3]);
        assert!(nd.similarity(0, 2) > 0.9);
    }

    #[test]
    fn equal_titles_lower_the_threshold() {
        let base = story(1, 100);
        let mut rewritten = base.clone();
        for i in (0..100).step_by(20) {
            rewritten[i] = format!("r{i}");
        }
        let texts = vec![base.join(" "), rewritten.join(" ")];
        let j = {
            let nd = near_duplicates(&texts, &[None, None], &CleanOptions::default());
            assert_eq!(nd.cluster_of, vec![0, 1], "below 0.8 without titles");
            nd.similarity(0, 1)
        };
        assert!((0.5..0.8).contains(&j), "{j}");
        let t = Some("putin opens talks with belarus leader".to_string());
        let nd = near_duplicates(&texts, &[t.clone(), t], &CleanOptions::default());
        assert_eq!(nd.cluster_of, vec![0, 0]);
    }
}
