//! The call log: `GET /v3/a/{account}/calls.json`, read a page of 250 calls at a time with relative
//! pagination, as CallRail recommends for large sets (`docs/callrail-calls.md` says what was
//! confirmed of the endpoint). Only what counting calls per tracker needs is read of each call.

use crate::client::Client;
use crate::rules::check_id;
use crate::{Error, Result, RuleViolation};
use reqwest::Method;
use serde::{Deserialize, Deserializer, Serialize};
use std::collections::HashSet;
use time::Date;

/// Calls per page: CallRail's most for this endpoint.
pub const CALLS_PER_PAGE: u32 = 250;

/// A call log is never read past this many pages (2.5 million calls), whatever the server says.
const MAX_CALL_PAGES: u32 = 10_000;

/// Optional fields asked of every call: which tracker and company it came through.
pub const CALL_FIELDS: &str = "tracker_id,company_id";

/// Which calls: the days from `start_date` to `end_date`, both whole, as days of `time_zone`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallQuery {
    /// One company's calls; `None` for the whole account's.
    pub company_id: Option<String>,
    pub start_date: Date,
    pub end_date: Date,
    /// The zone whose days the dates are (an IANA name, e.g. `UTC` or `America/New_York`).
    pub time_zone: String,
}

impl CallQuery {
    fn to_pairs(&self) -> Result<Vec<(&'static str, String)>> {
        if self.end_date < self.start_date {
            return Err(
                RuleViolation::new("end_date", "the last day comes before the first").into(),
            );
        }
        let mut q = Vec::new();
        if let Some(id) = &self.company_id {
            q.push(("company_id", check_id("company_id", id)?));
        }
        q.push(("start_date", self.start_date.to_string()));
        q.push(("end_date", self.end_date.to_string()));
        q.push(("time_zone", self.time_zone.clone()));
        q.push(("fields", CALL_FIELDS.to_owned()));
        q.push(("per_page", CALLS_PER_PAGE.to_string()));
        q.push(("relative_pagination", "true".to_owned()));
        Ok(q)
    }
}

/// One call, as far as counting goes.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct Call {
    pub id: String,
    /// ISO 8601 with the offset of the zone asked for, e.g. `2026-11-02T10:04:11.120-05:00`.
    pub start_time: String,
    #[serde(default)]
    pub answered: Option<bool>,
    /// Seconds.
    #[serde(default)]
    pub duration: Option<u64>,
    /// E.164, e.g. `+14045550142`.
    #[serde(default)]
    pub tracking_phone_number: Option<String>,
    #[serde(default)]
    pub tracker_id: Option<String>,
    #[serde(default)]
    pub company_id: Option<String>,
}

impl Call {
    /// The day the call started, in the zone the query asked for (the date part of `start_time`).
    pub fn day(&self) -> Option<&str> {
        self.start_time
            .get(..10)
            .filter(|d| d.as_bytes().get(4) == Some(&b'-'))
    }
}

#[derive(Deserialize)]
struct CallPage {
    calls: Vec<Call>,
    #[serde(default, deserialize_with = "loose_bool")]
    has_next_page: Option<bool>,
    #[serde(default)]
    next_page: Option<String>,
}

/// `true`, `false`, `"true"` or `"false"`.
fn loose_bool<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Option<bool>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum B {
        B(bool),
        S(String),
    }
    Ok(match Option::<B>::deserialize(d)? {
        Some(B::B(b)) => Some(b),
        Some(B::S(s)) => Some(s.eq_ignore_ascii_case("true")),
        None => None,
    })
}

/// Where the next page is: the first one's parameters, or the `next_page` address CallRail gave.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Next {
    First(Vec<(&'static str, String)>),
    Url(String),
}

/// The pages of a call log, read one after another: each page's address is in the one before.
pub struct CallPages<'c> {
    client: &'c Client,
    account: String,
    path: String,
    next: Option<Next>,
    /// The ids of the page before: CallRail warns that a page may start before the end of the
    /// previous one when a call comes in meanwhile.
    previous: HashSet<String>,
    pages: u32,
}

impl Client {
    /// The calls `query` asks for, page by page (see [`CallPages::next_page`]).
    pub fn calls(&self, account_id: &str, query: &CallQuery) -> Result<CallPages<'_>> {
        self.call_pages(account_id, Next::First(query.to_pairs()?))
    }

    /// Goes on reading a call log at a `next_page` address kept from an earlier reading.
    pub fn calls_from(&self, account_id: &str, next_page: &str) -> Result<CallPages<'_>> {
        self.call_pages(account_id, Next::Url(next_page.to_owned()))
    }

    fn call_pages(&self, account_id: &str, next: Next) -> Result<CallPages<'_>> {
        let account = check_id("account_id", account_id)?;
        Ok(CallPages {
            path: format!("/v3/a/{account}/calls.json"),
            client: self,
            account,
            next: Some(next),
            previous: HashSet::new(),
            pages: 0,
        })
    }
}

impl CallPages<'_> {
    /// The next page's calls (none repeated from the page before), or `None` after the last.
    pub async fn next_page(&mut self) -> Result<Option<Vec<Call>>> {
        let Some(next) = self.next.take() else {
            return Ok(None);
        };
        if self.pages >= MAX_CALL_PAGES {
            return Err(Error::Decode {
                message: format!("the call log went on past {MAX_CALL_PAGES} pages"),
            });
        }
        let owned;
        let query: Vec<(&str, String)> = match &next {
            Next::First(pairs) => pairs.iter().map(|(k, v)| (*k, v.clone())).collect(),
            Next::Url(url) => {
                owned = self.same_endpoint(url)?;
                owned.iter().map(|(k, v)| (k.as_str(), v.clone())).collect()
            }
        };
        let inner = &self.client.inner;
        let (_, body) = inner
            .send(Method::GET, &self.account, &self.path, &query, None)
            .await
            .map_err(|f| f.error)?;
        self.pages += 1;
        let page: CallPage = inner.decode(&body)?;
        let sent = page.calls.len();
        let mut calls = page.calls;
        calls.retain(|c| !self.previous.contains(&c.id));
        let more = page.has_next_page.unwrap_or(page.next_page.is_some());
        // A page that brings nothing new yet says more follow (empty, or the page before again)
        // would end the reading as if it were whole: it stops short instead, and says so.
        let stuck = match (more, &page.next_page) {
            (true, None) => Some("said more calls follow but gave no next page".to_owned()),
            (true, Some(_)) if calls.is_empty() && sent == 0 => {
                Some("sent an empty page yet said more calls follow".to_owned())
            }
            (true, Some(_)) if calls.is_empty() => {
                Some("sent the page before again yet said more calls follow".to_owned())
            }
            _ => None,
        };
        if let Some(why) = stuck {
            return Err(Error::Decode {
                message: format!(
                    "CallRail's call log {why} (page {}); the reading stopped short, and the counts so far are kept",
                    self.pages
                ),
            });
        }
        self.previous = calls.iter().map(|c| c.id.clone()).collect();
        self.next = page.next_page.filter(|_| more).map(Next::Url);
        Ok(Some(calls))
    }

    /// Where to go on from after the page last read, for a reading stopped before its end.
    pub fn cursor(&self) -> Option<&str> {
        match &self.next {
            Some(Next::Url(url)) => Some(url),
            _ => None,
        }
    }

    /// Goes on after a page whose calls were these (a reading resumed at its cursor): the next page
    /// may repeat them.
    #[must_use]
    pub fn after(mut self, ids: impl IntoIterator<Item = String>) -> Self {
        self.previous = ids.into_iter().collect();
        self
    }

    /// Pages read so far (each one request).
    pub fn pages_read(&self) -> u32 {
        self.pages
    }

    /// The query of a `next_page` address, which must be this account's call log at the host the
    /// key belongs to: the key is never sent anywhere else, whatever an answer says.
    fn same_endpoint(&self, next: &str) -> Result<Vec<(String, String)>> {
        let refuse = || Error::Decode {
            message: "CallRail's next page of calls points somewhere else; it was not followed"
                .into(),
        };
        let base = url::Url::parse(self.client.base_url()).map_err(|_| refuse())?;
        let url = base.join(next).map_err(|_| refuse())?;
        let expected = format!("{}{}", base.path().trim_end_matches('/'), self.path);
        if url.origin() != base.origin() || url.path() != expected {
            return Err(refuse());
        }
        Ok(url
            .query_pairs()
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn asks_for_whole_days_with_the_tracker_of_each_call_by_relative_pages() {
        let q = CallQuery {
            company_id: Some("COM1".into()),
            start_date: date!(2026 - 09 - 01),
            end_date: date!(2026 - 11 - 29),
            time_zone: "UTC".into(),
        };
        let pairs: Vec<String> = q
            .to_pairs()
            .unwrap()
            .into_iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        assert_eq!(
            pairs,
            [
                "company_id=COM1",
                "start_date=2026-09-01",
                "end_date=2026-11-29",
                "time_zone=UTC",
                "fields=tracker_id,company_id",
                "per_page=250",
                "relative_pagination=true"
            ]
        );
        let backwards = CallQuery {
            end_date: date!(2026 - 08 - 01),
            ..q
        };
        assert!(backwards
            .to_pairs()
            .unwrap_err()
            .to_string()
            .contains("end_date"));
    }

    #[test]
    fn a_next_page_marker_may_be_a_string() {
        let p: CallPage =
            serde_json::from_str(r#"{"calls":[],"has_next_page":"false","next_page":null}"#)
                .unwrap();
        assert_eq!(p.has_next_page, Some(false));
        let c: Call = serde_json::from_str(r#"{"id":"CAL1","start_time":"2026-11-02T10:04:11.120-05:00","answered":true,"duration":42}"#).unwrap();
        assert_eq!(c.day(), Some("2026-11-02"));
    }
}
