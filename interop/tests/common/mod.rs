//! Code shared by the test suites (each suite is its own crate and uses
//! part of it).
#![allow(dead_code)]

pub mod node;
pub mod oidc;
pub mod service;
