//! A minimal HTTP/1.1 client over a raw TCP stream, so tests see exactly what went over the wire
//! (including dropped connections and short bodies).

use std::net::SocketAddr;

use callrail_sim::{RunningSim, SimConfig, DEMO_API_KEY};
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

#[derive(Debug)]
pub struct Resp {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Resp {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }

    /// Whether the body is shorter than Content-Length promised.
    pub fn is_truncated(&self) -> bool {
        self.header("content-length")
            .and_then(|v| v.parse::<usize>().ok())
            .is_some_and(|n| self.body.len() < n)
    }
}

/// Sends one request on a fresh connection; `None` when the server closed it without answering.
pub async fn raw(addr: SocketAddr, request: String) -> Option<Resp> {
    let mut stream = TcpStream::connect(addr).await.expect("connect");
    stream.write_all(request.as_bytes()).await.expect("write");
    let mut buf = Vec::new();
    let mut chunk = [0u8; 8192];
    loop {
        match stream.read(&mut chunk).await {
            Ok(0) | Err(_) => break,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
    }
    if buf.is_empty() {
        return None;
    }
    let split = buf
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("header end");
    let head = String::from_utf8_lossy(&buf[..split]).to_string();
    let body = buf[split + 4..].to_vec();
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    Some(Resp {
        status,
        headers,
        body,
    })
}

pub fn request(
    method: &str,
    path: &str,
    auth: Option<&str>,
    body: Option<&str>,
    content_type: Option<&str>,
) -> String {
    let mut r = format!("{method} {path} HTTP/1.1\r\nHost: sim\r\nConnection: close\r\n");
    if let Some(a) = auth {
        r.push_str(&format!("Authorization: {a}\r\n"));
    }
    if let Some(ct) = content_type {
        r.push_str(&format!("Content-Type: {ct}\r\n"));
    }
    let body = body.unwrap_or("");
    if !body.is_empty() || method == "POST" || method == "PUT" {
        r.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    r.push_str("\r\n");
    r.push_str(body);
    r
}

pub fn demo_auth() -> String {
    format!("Token token=\"{DEMO_API_KEY}\"")
}

/// An authenticated request with the demo key; JSON bodies get the JSON content type.
pub async fn call(
    sim: &RunningSim,
    method: &str,
    path: &str,
    body: Option<&Value>,
) -> Option<Resp> {
    let text = body.map(Value::to_string);
    let ct = body.map(|_| "application/json");
    raw(
        sim.addr(),
        request(method, path, Some(&demo_auth()), text.as_deref(), ct),
    )
    .await
}

pub async fn get(sim: &RunningSim, path: &str) -> Resp {
    call(sim, "GET", path, None).await.expect("a response")
}

pub async fn start(config: SimConfig) -> (RunningSim, String) {
    let sim = RunningSim::start(config).await.expect("start");
    let acc = sim.account_ids()[0].clone();
    (sim, acc)
}

/// A company id by name.
pub fn company(sim: &RunningSim, acc: &str, name: &str) -> String {
    sim.companies(acc)
        .into_iter()
        .find(|c| c["name"] == name)
        .and_then(|c| c["id"].as_str().map(str::to_string))
        .expect("company")
}
