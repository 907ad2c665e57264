//! Heap allocations per operation, counted by a global allocator that
//! wraps the system's: compact JWS verify (header and signature, payload
//! decoded, claims not parsed) and JWT verify into the typed claims struct,
//! for jot and each peer, with HS256 and ES256. Prints a markdown table;
//! asserts nothing.
//!
//! Run: `cargo bench -p jot-benches --features peers --bench alloc_count`
//! (plain `cargo bench` skips it; `benches/run.sh` runs it last).
#![allow(missing_docs, clippy::unwrap_used)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicU64, Ordering};

use jot_benches::fixtures::{Entry, SigKey, TokenOp};
use jot_benches::jwt;
use jot_core::alg::JwsAlgorithm;

/// The system allocator, counting allocations (a `realloc` counts as one:
/// it may move the block) and the bytes asked for.
struct Counting;

static ALLOCS: AtomicU64 = AtomicU64::new(0);
static BYTES: AtomicU64 = AtomicU64::new(0);

fn count(size: usize) {
    ALLOCS.fetch_add(1, Ordering::Relaxed);
    BYTES.fetch_add(size as u64, Ordering::Relaxed);
}

// SAFETY: every method forwards to `System` with the caller's arguments
// unchanged, so `System`'s guarantees are this allocator's.
#[allow(unsafe_code)]
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count(layout.size());
        // SAFETY: forwarded unchanged (see the impl).
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        count(layout.size());
        // SAFETY: forwarded unchanged (see the impl).
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count(new_size);
        // SAFETY: forwarded unchanged (see the impl).
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded unchanged (see the impl).
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

const RUNS: u64 = 1000;

/// Allocations and bytes per call, after a warm-up that lets lazy
/// one-time state (providers, tables) settle.
fn measure(e: &Entry<TokenOp>, token: &str) -> (f64, f64) {
    for _ in 0..10 {
        (e.run)(token);
    }
    let (a0, b0) = (ALLOCS.load(Ordering::Relaxed), BYTES.load(Ordering::Relaxed));
    for _ in 0..RUNS {
        (e.run)(token);
    }
    let (a1, b1) = (ALLOCS.load(Ordering::Relaxed), BYTES.load(Ordering::Relaxed));
    #[allow(clippy::cast_precision_loss)]
    let per = |d: u64| d as f64 / RUNS as f64;
    (per(a1 - a0), per(b1 - b0))
}

fn main() {
    println!("| operation | alg | implementation | allocations / op | bytes / op |");
    println!("| --- | --- | --- | ---: | ---: |");
    for alg in [JwsAlgorithm::HS256, JwsAlgorithm::ES256] {
        let k = SigKey::generate(alg);
        for (op, entries) in
            [("JWS compact verify", jwt::jws_verifiers(&k)), ("JWT verify, typed claims", jwt::verifiers(&k))]
        {
            for e in &entries {
                let (allocs, bytes) = measure(e, &k.token);
                println!("| {op} | {alg} | {} | {allocs:.1} | {bytes:.0} |", e.name);
            }
        }
    }
}
