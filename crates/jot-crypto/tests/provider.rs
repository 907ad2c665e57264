//! The provider this build selected is the one CI asked for.
//!
//! Cargo unifies features across a workspace build, so one crate asking for
//! `aws-lc` would silently turn a `rust-crypto` test run into an AWS-LC one
//! (both enabled selects AWS-LC). `.ci/run` sets `JOT_EXPECT_PROVIDER` for
//! each provider's run; this test fails when the build did not get it.

#[test]
fn the_selected_provider_is_the_expected_one() {
    match std::env::var("JOT_EXPECT_PROVIDER") {
        Ok(expected) => assert_eq!(jot_crypto::PROVIDER, expected, "features unified to another provider"),
        Err(_) => eprintln!("JOT_EXPECT_PROVIDER unset: provider {} not checked", jot_crypto::PROVIDER),
    }
}
