//! jot benchmarks live in `benches/`; run them with
//! `cargo bench -p jot-benches`. Peer crates join here in a feature the
//! test command leaves out (issue 8).
