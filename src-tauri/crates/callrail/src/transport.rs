//! One HTTP exchange with CallRail, and the retry rules around it.

use crate::retry::{parse_retry_after, RetryPolicy};
use crate::{ApiKey, Error, Meter};
use reqwest::header::{HeaderValue, AUTHORIZATION, DATE, RETRY_AFTER};
use reqwest::{Method, StatusCode};
use serde_json::Value;
use std::sync::Arc;
use std::time::Duration;

/// A request that failed, and whether CallRail may nevertheless have carried it out.
pub(crate) struct Failure {
    pub error: Error,
    /// Only ever true for a write: it reached CallRail and no clear answer came back (a 5xx, a
    /// timeout, a broken connection).
    pub maybe_processed: bool,
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        Self {
            error,
            maybe_processed: false,
        }
    }
}

/// How one try ended when no HTTP answer was read in full.
enum Lost {
    /// The connection was never made: the request did not leave.
    NotSent(String),
    Timeout,
    /// Sent, but the answer broke off.
    Broken(String),
}

pub(crate) struct Transport {
    pub http: reqwest::Client,
    pub base: String,
    pub key: ApiKey,
    pub retry: RetryPolicy,
    pub meter: Option<Arc<dyn Meter>>,
    pub request_from: String,
    /// CallRail's clock, from each answer's `Date`.
    pub clock: std::sync::Arc<crate::Clock>,
}

impl Transport {
    /// Sends with the retry rules: a GET is tried again on 429, 5xx and broken connections; a write
    /// (POST, PUT, DELETE) only when the connection was never made. A write that reached CallRail
    /// may have been carried out, even behind a 429 or a 5xx, so it is never sent twice: the caller
    /// checks CallRail's state instead.
    pub async fn send(
        &self,
        method: Method,
        limit_key: &str,
        path: &str,
        query: &[(&str, String)],
        body: Option<&Value>,
    ) -> Result<(StatusCode, Vec<u8>), Failure> {
        let idempotent = method == Method::GET;
        let mut retry = 0;
        loop {
            if let Some(meter) = &self.meter {
                meter
                    .take(limit_key)
                    .await
                    .map_err(|wait| Error::RateLimited {
                        retry_after: Some(wait),
                        local: true,
                    })?;
            }
            let (error, retryable, retry_after, maybe_processed) = match self
                .attempt(method.clone(), path, query, body)
                .await
            {
                Ok((status, _, body)) if status.is_success() => return Ok((status, body)),
                Ok((status, retry_after, body)) => {
                    let error = self.status_error(status, &body, retry_after);
                    let retryable = idempotent
                        && (status == StatusCode::TOO_MANY_REQUESTS || status.is_server_error());
                    (error, retryable, retry_after, status.is_server_error())
                }
                Err(Lost::NotSent(message)) => (Error::Network { message }, true, None, false),
                Err(Lost::Timeout) => (Error::Timeout, idempotent, None, true),
                Err(Lost::Broken(message)) => (Error::Network { message }, idempotent, None, true),
            };
            if retryable && retry < self.retry.max_retries {
                let wait = self.retry.delay(retry, retry_after);
                tracing::debug!(%method, path, retry, ?wait, "retrying CallRail request");
                tokio::time::sleep(wait).await;
                retry += 1;
                continue;
            }
            return Err(Failure {
                error,
                maybe_processed: !idempotent && maybe_processed,
            });
        }
    }

    async fn attempt(
        &self,
        method: Method,
        path: &str,
        query: &[(&str, String)],
        body: Option<&Value>,
    ) -> Result<(StatusCode, Option<Duration>, Vec<u8>), Lost> {
        let mut auth = HeaderValue::from_str(&format!("Token token=\"{}\"", self.key.expose()))
            .map_err(|_| Lost::NotSent("the API key cannot be sent in a header".into()))?;
        auth.set_sensitive(true);
        let mut req = self
            .http
            .request(method.clone(), format!("{}{path}", self.base))
            .header(AUTHORIZATION, auth)
            .header("Request-From", &self.request_from);
        if !query.is_empty() {
            req = req.query(query);
        }
        if let Some(body) = body {
            req = req.json(body);
        }
        let resp = req.send().await.map_err(|e| classify(&e))?;
        let status = resp.status();
        if let Some(date) = resp.headers().get(DATE).and_then(|v| v.to_str().ok()) {
            self.clock.observe(date);
        }
        let retry_after = resp
            .headers()
            .get(RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(parse_retry_after);
        let bytes = read_capped(resp).await?;
        tracing::debug!(%method, path, status = status.as_u16(), "CallRail answered");
        Ok((status, retry_after, bytes))
    }

    fn status_error(
        &self,
        status: StatusCode,
        body: &[u8],
        retry_after: Option<Duration>,
    ) -> Error {
        let message = self.error_message(status, body);
        match status.as_u16() {
            401 => Error::Unauthorized,
            403 => Error::Forbidden { message },
            404 => Error::NotFound { message },
            400 | 422 => Error::Validation { status: status.as_u16(), message },
            429 => Error::RateLimited { retry_after, local: false },
            s if status.is_server_error() => Error::Server { status: s, message },
            s if status.is_redirection() => Error::Api {
                status: s,
                message: "CallRail answered with a redirect, which Tracker Desk does not follow; check the API address".into(),
            },
            s => Error::Api { status: s, message },
        }
    }

    /// CallRail's `{"error": "..."}` text, or the status's own words; never the key.
    fn error_message(&self, status: StatusCode, body: &[u8]) -> String {
        let from_body = serde_json::from_slice::<Value>(body)
            .ok()
            .and_then(|v| v.get("error").and_then(Value::as_str).map(str::to_owned));
        let mut message = from_body.unwrap_or_else(|| {
            status
                .canonical_reason()
                .unwrap_or("unexpected answer")
                .to_owned()
        });
        // Redacted first: a cut could leave part of a key that no longer matches.
        message = self.redact(&message);
        if message.chars().count() > 300 {
            message = message.chars().take(300).collect::<String>() + "…";
        }
        message
    }

    /// `text` without this client's key, and without any `token=…` value whatever key it is.
    pub fn redact(&self, text: &str) -> String {
        redact_tokens(&text.replace(self.key.expose(), "<redacted>"))
    }

    /// A body read as `T`; the error says why without repeating a key.
    pub fn decode<T: serde::de::DeserializeOwned>(&self, body: &[u8]) -> Result<T, Error> {
        serde_json::from_slice(body).map_err(|e| Error::Decode {
            message: self.redact(&e.to_string()),
        })
    }
}

/// The most of an answer that is read: CallRail's largest pages are far smaller.
pub(crate) const MAX_ANSWER: usize = 16 * 1024 * 1024;

/// The answer's body, read up to [`MAX_ANSWER`]; a larger one is not read on.
async fn read_capped(mut resp: reqwest::Response) -> Result<Vec<u8>, Lost> {
    let too_large = || {
        Lost::Broken(format!(
            "the answer was larger than {} MiB and was not read",
            MAX_ANSWER >> 20
        ))
    };
    if resp.content_length().is_some_and(|n| n > MAX_ANSWER as u64) {
        return Err(too_large());
    }
    let mut body = Vec::with_capacity(resp.content_length().map_or(0, |n| n as usize));
    loop {
        match resp.chunk().await {
            Ok(Some(chunk)) => {
                if body.len() + chunk.len() > MAX_ANSWER {
                    return Err(too_large());
                }
                body.extend_from_slice(&chunk);
            }
            Ok(None) => return Ok(body),
            Err(e) => {
                return Err(match classify(&e) {
                    Lost::NotSent(m) => Lost::Broken(m),
                    other => other,
                })
            }
        }
    }
}

/// Replaces the value after every `token=` (any case, quoted or not) with `<redacted>`.
pub fn redact_tokens(text: &str) -> String {
    let lower = text.to_ascii_lowercase();
    let mut out = String::with_capacity(text.len());
    let mut rest = 0;
    while let Some(found) = lower[rest..].find("token=") {
        let start = rest + found + "token=".len();
        out.push_str(&text[rest..start]);
        let value = &text[start..];
        let quoted = value.starts_with('"');
        let body = if quoted { &value[1..] } else { value };
        let end = body
            .find(|c: char| c == '"' || c == ',' || c.is_whitespace())
            .unwrap_or(body.len());
        out.push_str("<redacted>");
        rest =
            start + usize::from(quoted) + end + usize::from(quoted && body[end..].starts_with('"'));
    }
    out.push_str(&text[rest..]);
    out
}

/// The deepest cause of a reqwest error, which names the problem without the URL.
fn classify(e: &reqwest::Error) -> Lost {
    if e.is_timeout() {
        return Lost::Timeout;
    }
    let mut cause: &dyn std::error::Error = e;
    while let Some(next) = cause.source() {
        cause = next;
    }
    let message = cause.to_string();
    if e.is_connect() {
        Lost::NotSent(message)
    } else {
        Lost::Broken(message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_values_are_redacted_wherever_they_stand() {
        assert_eq!(
            redact_tokens(r#"bad header Authorization: Token token="abc123", more"#),
            "bad header Authorization: Token token=<redacted>, more"
        );
        assert_eq!(
            redact_tokens("TOKEN=xyz and token=q"),
            "TOKEN=<redacted> and token=<redacted>"
        );
        assert_eq!(redact_tokens("no secrets here"), "no secrets here");
        assert_eq!(
            redact_tokens("ends with token="),
            "ends with token=<redacted>"
        );
    }
}
