//! Protected headers a verifier has checked, kept by their base64url text.
//!
//! An issuer puts the same protected header on every token it signs, so a
//! verifier sees the same header segment again and again. Checking a
//! compact header is a pure function of its segment and the verifier's
//! limits and accepted `crit` names, so a segment equal byte for byte to
//! one checked before has the same checked header: the memo hands out a
//! copy of that header instead of decoding and checking the segment again.
//!
//! What keeps this safe:
//! - Only headers of tokens whose signature verified are remembered, so a
//!   forger cannot fill the memo; a full memo only means the ordinary path.
//! - It holds at most [`SLOTS`] headers, each one the compact fast path
//!   kept inline (no `crit`, no `b64`, at most
//!   [`INLINE_HEADER_BYTES`](super::compact::INLINE_HEADER_BYTES) bytes),
//!   and never evicts: memory is bounded and nothing is shared but reads.
//! - A verifier whose limits or accepted `crit` names change starts with an
//!   empty memo (see [`Verifier::limits`](crate::Verifier::limits)).
//! - Slots fill once and are then only read, so threads sharing a verifier
//!   share the memo without writing to it.

use std::sync::OnceLock;

use super::Header;

/// How many distinct headers one verifier remembers.
pub(crate) const SLOTS: usize = 8;

/// A remembered header and the segment it was checked from.
struct Entry {
    segment: Box<str>,
    header: Header,
}

/// See the module documentation.
#[derive(Default)]
pub(crate) struct HeaderMemo {
    slots: [OnceLock<Entry>; SLOTS],
}

impl HeaderMemo {
    /// The checked header of `segment`, if it was remembered.
    pub(crate) fn get(&self, segment: &str) -> Option<Header> {
        for slot in &self.slots {
            // Slots fill in order: the first empty one ends the search.
            let entry = slot.get()?;
            if *entry.segment == *segment {
                return Some(entry.header.clone());
            }
        }
        None
    }

    /// Remembers the checked header of `segment`, whose signature verified,
    /// if it is an inline fast-path header and a slot is free.
    pub(crate) fn remember(&self, segment: &str, header: &Header) {
        if !header.is_inline_raw() {
            return;
        }
        for slot in &self.slots {
            match slot.get() {
                Some(entry) if *entry.segment == *segment => return,
                Some(_) => {}
                None => {
                    // Another thread may fill this slot first; then this
                    // header is simply not remembered this time.
                    let _ = slot.set(Entry { segment: segment.into(), header: header.clone() });
                    return;
                }
            }
        }
    }
}

impl core::fmt::Debug for HeaderMemo {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let held = self.slots.iter().take_while(|s| s.get().is_some()).count();
        write!(f, "{held} of {SLOTS} headers")
    }
}

#[cfg(test)]
mod tests;
