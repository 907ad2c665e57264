//! Fixtures shared by jot's benchmarks (issue 8).
//!
//! Every implementation measures the same thing on the same bytes: one
//! token shape (header `{"alg":..,"typ":"JWT"}`; claims sub, iss, aud, exp,
//! iat, nbf, name, admin), keys generated once by jot and handed to each
//! peer as components, DER or JWK JSON, and tokens made by jot that every
//! peer is checked to accept before anything is timed. Each implementation
//! is set up once (keys parsed, validation built); a benchmark then times
//! one closure call.
//!
//! Peers and raw primitives are behind the `peers` feature so that the
//! workspace's test and clippy commands never build them. Run everything
//! with `benches/run.sh`; a plain `cargo bench -p jot-benches` runs only
//! `jws_verify`, which needs no peers.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

#[cfg(feature = "peers")]
pub mod export;
#[cfg(feature = "peers")]
pub mod fixtures;
#[cfg(feature = "peers")]
pub mod floor;
#[cfg(feature = "peers")]
pub mod jwe;
#[cfg(feature = "peers")]
pub mod jwt;
#[cfg(feature = "peers")]
pub mod peers;
