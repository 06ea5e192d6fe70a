//! Turning a planned answer into bytes on the wire, faults included.

use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::Response;
use futures::StreamExt;

use crate::api::Reply;
use crate::error::ApiError;
use crate::render::error_body;

/// What goes back to the client.
#[derive(Debug)]
pub(crate) enum Wire {
    Normal(Reply),
    Status {
        code: u16,
        retry_after: Option<u32>,
    },
    Reset,
    /// 405 with the `Allow` header.
    MethodNotAllowed(&'static str),
    /// The full body; only half of it is sent.
    Truncated(Vec<u8>),
    /// The full body; a prefix that is not valid JSON is sent.
    Malformed(Vec<u8>),
}

#[derive(Debug)]
pub(crate) struct Planned {
    pub wire: Wire,
    /// Extra delay from a latency fault.
    pub delay: Duration,
}

/// Marks a response whose connection must be dropped instead (see `server::serve_connection`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct ResetConnection;

impl std::fmt::Display for ResetConnection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connection reset by fault injection")
    }
}

impl std::error::Error for ResetConnection {}

/// The error messages the API uses for a bare status.
pub(crate) fn status_message(code: u16) -> String {
    match code {
        400 => "Bad Request".into(),
        401 => "HTTP Token: Access denied.".into(),
        403 => "You do not have permission to perform the requested action".into(),
        404 => "Not found".into(),
        406 => "Not Acceptable".into(),
        429 => "Too many requests".into(),
        500 => "Internal Server Error".into(),
        502 => "Bad Gateway".into(),
        503 => "Service Unavailable".into(),
        504 => "Gateway Timeout".into(),
        _ => StatusCode::from_u16(code)
            .ok()
            .and_then(|s| s.canonical_reason())
            .unwrap_or("Error")
            .into(),
    }
}

fn json_response(status: u16, body: Vec<u8>) -> Response {
    let mut resp = Response::new(Body::from(body));
    *resp.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    resp
}

impl Planned {
    pub fn now(wire: Wire) -> Planned {
        Planned {
            wire,
            delay: Duration::ZERO,
        }
    }

    pub fn error(e: &ApiError) -> Planned {
        Planned::now(Wire::Normal(Reply::error(e)))
    }

    pub fn into_response(self) -> Response {
        match self.wire {
            Wire::Normal(Reply { status, body: None }) => {
                let mut resp = Response::new(Body::empty());
                *resp.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::NO_CONTENT);
                resp
            }
            Wire::Normal(Reply {
                status,
                body: Some(body),
            }) => json_response(status, body),
            Wire::Status { code, retry_after } => {
                let mut resp = json_response(code, error_body(&status_message(code)));
                if let Some(secs) = retry_after {
                    resp.headers_mut()
                        .insert(header::RETRY_AFTER, HeaderValue::from(secs));
                }
                resp
            }
            Wire::MethodNotAllowed(allow) => {
                let mut resp = json_response(405, error_body("Method Not Allowed"));
                resp.headers_mut()
                    .insert(header::ALLOW, HeaderValue::from_static(allow));
                resp
            }
            Wire::Reset => {
                let mut resp = Response::new(Body::empty());
                resp.extensions_mut().insert(ResetConnection);
                resp
            }
            Wire::Truncated(full) => {
                let full = if full.len() < 2 {
                    br#"{"error":"truncated"}"#.to_vec()
                } else {
                    full
                };
                let len = full.len();
                let half = Bytes::copy_from_slice(&full[..len / 2]);
                // The stream fails after half the promised bytes: hyper aborts the connection.
                let chunks: Vec<Result<Bytes, std::io::Error>> = vec![
                    Ok(half),
                    Err(std::io::Error::new(
                        std::io::ErrorKind::ConnectionAborted,
                        "truncated by fault injection",
                    )),
                ];
                // The pause lets hyper flush the first half before the error drops the connection.
                let stream = futures::stream::iter(chunks).then(|chunk| async move {
                    if chunk.is_err() {
                        tokio::time::sleep(Duration::from_millis(20)).await;
                    }
                    chunk
                });
                let mut resp = Response::new(Body::from_stream(stream));
                resp.headers_mut().insert(
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("application/json; charset=utf-8"),
                );
                resp.headers_mut()
                    .insert(header::CONTENT_LENGTH, HeaderValue::from(len));
                resp
            }
            Wire::Malformed(full) => {
                let body = if full.len() < 2 {
                    br#"{"trackers": ["#.to_vec()
                } else {
                    // A strict prefix of a JSON object never parses.
                    let cut = full.len() / 2;
                    full[..cut.max(1)].to_vec()
                };
                json_response(200, body)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages() {
        assert_eq!(status_message(500), "Internal Server Error");
        assert_eq!(status_message(503), "Service Unavailable");
        assert_eq!(status_message(429), "Too many requests");
        assert_eq!(status_message(418), "I'm a teapot");
    }
}
