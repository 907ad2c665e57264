//! The dots of a compact serialization (RFC 7515 section 7.1, RFC 7516
//! section 7.1), found in one pass eight bytes at a time: how many there
//! are and where the first four are.

/// The dots of a token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Dots {
    count: usize,
    at: [usize; 4],
}

impl Dots {
    /// Finds every `.` in `token`.
    ///
    /// ```
    /// let dots = jot_core::compact::Dots::find("aa.b.cc");
    /// assert_eq!(dots.count(), 2);
    /// assert_eq!(dots.segments("aa.b.cc"), Some(["aa", "b", "cc"]));
    /// ```
    pub fn find(token: &str) -> Self {
        const ONES: u64 = u64::from_ne_bytes([1; 8]);
        const LOW7: u64 = ONES * 0x7f;
        let mut dots = Self { count: 0, at: [0; 4] };
        let (words, rest) = token.as_bytes().as_chunks::<8>();
        for (i, word) in words.iter().enumerate() {
            let x = u64::from_le_bytes(*word) ^ (ONES * u64::from(b'.'));
            // 0x80 in exactly the bytes of `x` that are zero (no borrow
            // between bytes, so no false flag).
            let mut zero = !(((x & LOW7) + LOW7) | x | LOW7);
            while zero != 0 {
                dots.push(i * 8 + zero.trailing_zeros() as usize / 8);
                zero &= zero - 1;
            }
        }
        let done = words.len() * 8;
        for (i, &b) in rest.iter().enumerate() {
            if b == b'.' {
                dots.push(done + i);
            }
        }
        dots
    }

    fn push(&mut self, at: usize) {
        if let Some(slot) = self.at.get_mut(self.count) {
            *slot = at;
        }
        self.count += 1;
    }

    /// How many dots there are.
    pub fn count(&self) -> usize {
        self.count
    }

    /// The `N` segments of `token` (the text these dots were found in),
    /// if it has exactly `N - 1` dots (`N` is 3 or 5).
    pub fn segments<'t, const N: usize>(&self, token: &'t str) -> Option<[&'t str; N]> {
        if N < 2 || N > 5 || self.count != N - 1 {
            return None;
        }
        let mut out = [""; N];
        let mut start = 0;
        for (i, slot) in out.iter_mut().enumerate() {
            let end = if i + 1 < N { *self.at.get(i)? } else { token.len() };
            *slot = token.get(start..end)?;
            start = end + 1;
        }
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::Dots;

    fn by_bytes(token: &[u8]) -> Vec<usize> {
        token.iter().enumerate().filter(|(_, b)| **b == b'.').map(|(i, _)| i).collect()
    }

    #[test]
    #[allow(clippy::indexing_slicing)]
    fn every_dot_at_every_offset() {
        for len in 0..40 {
            for a in 0..len {
                for b in a..len {
                    let mut token = vec![b'x'; len];
                    token[a] = b'.';
                    token[b] = b'.';
                    let want = by_bytes(&token);
                    let token = String::from_utf8(token).unwrap();
                    let dots = Dots::find(&token);
                    assert_eq!(dots.count(), want.len());
                    assert_eq!(&dots.at[..want.len().min(4)], &want[..want.len().min(4)]);
                }
            }
        }
    }

    #[test]
    fn segments_need_the_exact_count() {
        let t = "a.b.c";
        assert_eq!(Dots::find(t).segments::<3>(t), Some(["a", "b", "c"]));
        assert_eq!(Dots::find(t).segments::<5>(t), None);
        let t = "..";
        assert_eq!(Dots::find(t).segments::<3>(t), Some(["", "", ""]));
        let t = "a.b.c.d.e";
        assert_eq!(Dots::find(t).segments::<5>(t), Some(["a", "b", "c", "d", "e"]));
        assert_eq!(Dots::find(t).segments::<3>(t), None);
        let t = "é.é.😀";
        assert_eq!(Dots::find(t).segments::<3>(t), Some(["é", "é", "😀"]));
        let t = "a.b.c.d.e.f";
        assert_eq!(Dots::find(t).count(), 5);
        assert_eq!(Dots::find(t).segments::<5>(t), None);
    }

    proptest! {
        #[test]
        fn agrees_with_a_byte_by_byte_search(token in "[.a-z\u{80}-\u{10ffff}]{0,60}") {
            let want = by_bytes(token.as_bytes());
            let dots = Dots::find(&token);
            prop_assert_eq!(dots.count(), want.len());
            prop_assert_eq!(&dots.at[..want.len().min(4)], &want[..want.len().min(4)]);
            if want.len() == 2 {
                let parts: Vec<&str> = token.split('.').collect();
                prop_assert_eq!(dots.segments::<3>(&token).map(|s| s.to_vec()), Some(parts));
            }
        }
    }
}
