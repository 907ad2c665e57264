//! The shared test helpers live in the `jot-test-support` crate.
#![allow(unused_imports)]
pub use jot_test_support::*;
