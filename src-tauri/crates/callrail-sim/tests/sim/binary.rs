//! The `callrail-sim` binary: ready line, serving, and one-line errors.
use crate::common;

use std::process::Stdio;

use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_callrail-sim");

#[tokio::test]
async fn prints_the_ready_line_and_serves() {
    let mut child = Command::new(BIN)
        .args([
            "--listen",
            "127.0.0.1:0",
            "--api-key",
            "k1",
            "--fault",
            "get-accounts:503",
        ])
        .stdout(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let line = lines.next_line().await.unwrap().unwrap();
    let addr: std::net::SocketAddr = line
        .strip_prefix("listening on http://")
        .expect(&line)
        .parse()
        .unwrap();
    let req = |auth: &str| common::request("GET", "/v3/a.json", Some(auth), None, None);
    assert_eq!(
        common::raw(addr, req("Token token=k1"))
            .await
            .unwrap()
            .status,
        503
    );
    assert_eq!(
        common::raw(addr, req("Token token=k1"))
            .await
            .unwrap()
            .status,
        200
    );
    assert_eq!(
        common::raw(addr, req("Token token=sim-demo-key"))
            .await
            .unwrap()
            .status,
        401
    );
    child.kill().await.unwrap();
}

#[tokio::test]
async fn bad_arguments_fail_with_one_line() {
    let out = Command::new(BIN)
        .args(["--fault", "nowhere:500"])
        .output()
        .await
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains("nowhere"));
    let out = Command::new(BIN)
        .args(["--listen", "127.0.0.1:0", "--seed", "/nonexistent.json"])
        .output()
        .await
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains("/nonexistent.json"));
}
