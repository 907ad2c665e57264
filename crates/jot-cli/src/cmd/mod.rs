//! One module per command group.

pub mod inspect;
pub mod jwe;
pub mod jws;
pub mod jwt;
pub mod key;
pub mod serve;
