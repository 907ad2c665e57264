//! Time, injectable for tests.

use std::time::{SystemTime, UNIX_EPOCH};

/// A source of the current time in seconds since the epoch.
pub trait Clock: Send + Sync {
    /// Now, in seconds since the epoch.
    fn now(&self) -> i64;
}

/// The system clock.
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemClock;

impl SystemClock {
    /// Now, in seconds since the epoch (the same as [`Clock::now`]).
    pub fn now_secs(&self) -> i64 {
        match SystemTime::now().duration_since(UNIX_EPOCH) {
            Ok(d) => i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
            // A clock before 1970 is a broken clock: fail closed, so every
            // token with an `exp` looks expired.
            Err(_) => i64::MAX,
        }
    }
}

impl Clock for SystemClock {
    fn now(&self) -> i64 {
        self.now_secs()
    }
}

/// A clock stopped at a fixed time (for tests and reproducible checks).
#[derive(Clone, Copy, Debug)]
pub struct FixedClock(pub i64);

impl Clock for FixedClock {
    fn now(&self) -> i64 {
        self.0
    }
}
