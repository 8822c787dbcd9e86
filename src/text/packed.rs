//! Short words as integers: the key packing and the string map that the hot lexicon lookups
//! share (VADER's word table, the French engine's maps, language detection's function words).
//!
//! Why: profiles of those lookups showed `memcmp` from hash-map key comparison and a pointer
//! chase per probe (string keys live on the heap). A word of at most 15 bytes — nearly every
//! word of English or French — is packed with its length into one `u128`, so a lookup hashes two
//! machine words and compares one integer in registers. Longer keys go to an ordinary string
//! map. The length is part of the key, so keys that differ only by trailing NUL bytes stay
//! distinct.

use rustc_hash::FxHashMap;

/// The longest key [`pack`] packs, in bytes.
pub const MAX_PACKED: usize = 15;

/// `w` (at most [`MAX_PACKED`] bytes) zero-padded into 16 bytes whose last byte is its length,
/// read as a little-endian `u128`: equal keys for equal byte strings only. `None` for longer
/// strings. The empty string packs to 0.
#[inline]
pub fn pack(w: &[u8]) -> Option<u128> {
    let n = w.len();
    if n > MAX_PACKED {
        return None;
    }
    // Byte loops of at most 7 steps rather than a variable-length copy into a buffer (which
    // compiles to a `memcpy` call; it showed in the English profile).
    let fold = |b: &[u8]| b.iter().rev().fold(0u64, |k, &c| (k << 8) | c as u64);
    let (lo, hi) = if n >= 8 {
        (
            u64::from_le_bytes(w[..8].try_into().expect("8 bytes")),
            fold(&w[8..]),
        )
    } else {
        (fold(w), 0)
    };
    Some((lo as u128) | ((hi | (n as u64) << 56) as u128) << 64)
}

/// [`pack`] of `text[start..start + len]`, read from the text in place: with 16 bytes left
/// from `start`, one unaligned load and a mask instead of a byte loop (a scorer's words are
/// ranges of one long lower-cased text, so this is the common case).
#[inline]
pub fn pack_at(text: &[u8], start: usize, len: usize) -> Option<u128> {
    if len > MAX_PACKED {
        return None;
    }
    match text.get(start..start + 16) {
        Some(b) => {
            let k = u128::from_le_bytes(b.try_into().expect("16 bytes"));
            Some(k & ((1u128 << (8 * len)) - 1) | (len as u128) << 120)
        }
        None => pack(&text[start..start + len]),
    }
}

/// A map from strings to `V` whose short keys are [`pack`]ed integers.
#[derive(Debug, Clone)]
pub struct PackedMap<V> {
    short: FxHashMap<u128, V>,
    long: FxHashMap<Box<str>, V>,
}

impl<V> Default for PackedMap<V> {
    fn default() -> Self {
        PackedMap {
            short: FxHashMap::default(),
            long: FxHashMap::default(),
        }
    }
}

impl<V> PackedMap<V> {
    #[inline]
    pub fn get(&self, key: &str) -> Option<&V> {
        match pack(key.as_bytes()) {
            Some(k) => self.short.get(&k),
            None => self.long.get(key),
        }
    }

    /// [`PackedMap::get`] of `text[start..start + len]`, packed in place by [`pack_at`]. The
    /// common case (a short key with 16 bytes of text left) is inlined; the rest is a call.
    #[inline]
    pub fn get_at(&self, text: &str, start: usize, len: usize) -> Option<&V> {
        let b = text.as_bytes();
        if len <= MAX_PACKED
            && let Some(w) = b.get(start..start + 16)
        {
            let k = u128::from_le_bytes(w.try_into().expect("16 bytes"));
            return self
                .short
                .get(&(k & ((1u128 << (8 * len)) - 1) | (len as u128) << 120));
        }
        self.get_at_slow(text, start, len)
    }

    #[inline(never)]
    fn get_at_slow(&self, text: &str, start: usize, len: usize) -> Option<&V> {
        self.get(&text[start..start + len])
    }

    pub fn contains(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    pub fn insert(&mut self, key: &str, v: V) {
        match pack(key.as_bytes()) {
            Some(k) => self.short.insert(k, v),
            None => self.long.insert(key.into(), v),
        };
    }

    pub fn get_or_default(&mut self, key: &str) -> &mut V
    where
        V: Default,
    {
        match pack(key.as_bytes()) {
            Some(k) => self.short.entry(k).or_default(),
            None => self.long.entry(key.into()).or_default(),
        }
    }

    pub fn len(&self) -> usize {
        self.short.len() + self.long.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn clear(&mut self) {
        self.short.clear();
        self.long.clear();
    }

    pub fn values_mut(&mut self) -> impl Iterator<Item = &mut V> {
        self.short.values_mut().chain(self.long.values_mut())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_the_bytes_and_the_length() {
        assert_eq!(pack(b""), Some(0));
        assert_eq!(pack(b"ab"), Some(0x6261 | (2u128 << 120)));
        let mut buf = [0u8; 16];
        buf[..9].copy_from_slice(b"abcdefghi");
        buf[15] = 9;
        assert_eq!(pack(b"abcdefghi"), Some(u128::from_le_bytes(buf)));
        assert_eq!(
            pack(b"abcdefghijklmno").map(|k| k.to_le_bytes()[15]),
            Some(15)
        );
        assert_ne!(pack(b"a"), pack(b"a\0"));
        assert_eq!(pack(&[b'x'; 16]), None);
    }

    #[test]
    fn packing_in_place_equals_packing_a_copy() {
        let text = "the quick brown fox, unbelievably (quick), jumps";
        let b = text.as_bytes();
        for start in 0..b.len() {
            for len in 0..=(b.len() - start).min(17) {
                assert_eq!(
                    pack_at(b, start, len),
                    pack(&b[start..start + len]),
                    "{start} {len}"
                );
            }
        }
        let mut m: PackedMap<u32> = PackedMap::default();
        m.insert("quick", 1);
        m.insert("unbelievably (quick)", 2);
        assert_eq!(m.get_at(text, 4, 5), Some(&1));
        assert_eq!(m.get_at(text, 21, 20), Some(&2));
        assert_eq!(m.get_at(text, 4, 4), None);
    }

    #[test]
    fn map_keeps_short_and_long_keys_apart() {
        let mut m: PackedMap<u32> = PackedMap::default();
        m.insert("short", 1);
        m.insert("a-rather-long-key", 2);
        m.insert("short\0", 3);
        m.insert("abcdefghijklmno", 4); // 15 bytes: packed
        m.insert("abcdefghijklmnop", 5); // 16 bytes: the string map
        *m.get_or_default("short") += 10;
        *m.get_or_default("new") += 5;
        assert_eq!(m.get("short"), Some(&11));
        assert_eq!(m.get("a-rather-long-key"), Some(&2));
        assert_eq!(m.get("new"), Some(&5));
        assert_eq!(m.get("short\0"), Some(&3));
        assert_eq!(m.get("abcdefghijklmno"), Some(&4));
        assert_eq!(m.get("abcdefghijklmnop"), Some(&5));
        assert_eq!(m.get(""), None);
        assert!(!m.contains("a-rather-long-ke"));
        assert_eq!(m.len(), 6);
        for v in m.values_mut() {
            *v = 0;
        }
        assert_eq!(m.get("short"), Some(&0));
        m.clear();
        assert!(m.is_empty());
    }
}
