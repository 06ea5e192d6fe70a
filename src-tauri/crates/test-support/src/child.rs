//! A second process for a test: the test binary itself, run again for one ignored test that does
//! the child's part (writing alongside the parent, being killed in the middle of a create, or
//! living without a keyring). What the child needs travels in environment variables.

use std::process::Command;

/// The variable that carries the child's arguments, one a line.
const ARGS: &str = "TRACKERDESK_TEST_CHILD";

/// This test binary, set to run only `test` (its whole path, as `module::name`), with `args`.
pub fn command(test: &str, args: &[&str]) -> Command {
    let exe = std::env::current_exe().expect("the test binary's path");
    let mut c = Command::new(exe);
    c.args([
        test,
        "--exact",
        "--ignored",
        "--nocapture",
        "--test-threads=1",
    ])
    .env(ARGS, args.join("\n"));
    c
}

/// The arguments its parent gave this child; a panic when run other than as a child, so the
/// child's test can never pass by itself.
pub fn args() -> Vec<String> {
    match std::env::var(ARGS) {
        Ok(a) => a.lines().map(str::to_owned).collect(),
        Err(_) => panic!("a child of another test: it runs when that test runs it, not alone"),
    }
}
