//! # jot-jwk
#![forbid(unsafe_code)]

mod error;
pub mod key;
pub mod pem;

pub use error::{EncodingError, Error};
