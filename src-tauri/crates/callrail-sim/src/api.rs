//! What each endpoint answers, given the state: the simulated API minus the HTTP plumbing.

use serde::Serialize;
use serde_json::Value;
use time::OffsetDateTime;

use crate::error::ApiError;
use crate::faults::FaultRoute;
use crate::model::{Status, TrackerType};
use crate::ops::TrackerRef;
use crate::query::{sort_by_name, Query};
use crate::render::{self, Envelope, Fields};
use crate::state::State;

/// A routed request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Endpoint {
    Accounts,
    Account(String),
    Companies(String),
    Company(String, String),
    Trackers(String),
    Tracker(String, String),
    Calls(String),
}

impl Endpoint {
    /// `/v3/a.json`, `/v3/a/{acc}.json`, `/v3/a/{acc}/companies.json`, ...; anything else is `None`.
    pub fn parse(path: &str) -> Option<Endpoint> {
        let rest = path.strip_prefix("/v3/a")?;
        if rest == ".json" {
            return Some(Endpoint::Accounts);
        }
        let rest = rest.strip_prefix('/')?;
        let segs: Vec<&str> = rest.split('/').collect();
        let stem = |s: &str| {
            s.strip_suffix(".json")
                .filter(|id| !id.is_empty() && !id.contains('.'))
                .map(str::to_string)
        };
        let plain = |s: &str| !s.is_empty() && !s.contains('.');
        match segs.as_slice() {
            [acc] => stem(acc).map(Endpoint::Account),
            [acc, "companies.json"] if plain(acc) => Some(Endpoint::Companies(acc.to_string())),
            [acc, "trackers.json"] if plain(acc) => Some(Endpoint::Trackers(acc.to_string())),
            [acc, "calls.json"] if plain(acc) => Some(Endpoint::Calls(acc.to_string())),
            [acc, "companies", id] if plain(acc) => {
                stem(id).map(|id| Endpoint::Company(acc.to_string(), id))
            }
            [acc, "trackers", id] if plain(acc) => {
                stem(id).map(|id| Endpoint::Tracker(acc.to_string(), id))
            }
            _ => None,
        }
    }

    /// The account the request is about (rate limits count per account).
    pub fn account_id(&self) -> Option<&str> {
        match self {
            Endpoint::Accounts => None,
            Endpoint::Account(a)
            | Endpoint::Companies(a)
            | Endpoint::Company(a, _)
            | Endpoint::Trackers(a)
            | Endpoint::Tracker(a, _)
            | Endpoint::Calls(a) => Some(a),
        }
    }

    /// The methods the path answers (the `Allow` header of a 405).
    pub fn allowed(&self) -> &'static str {
        match self {
            Endpoint::Trackers(_) => "GET, POST",
            Endpoint::Tracker(..) => "GET, PUT, DELETE",
            _ => "GET",
        }
    }

    /// The operation `method` means here; `None` is a 405.
    pub fn route(&self, method: &str) -> Option<FaultRoute> {
        use FaultRoute as R;
        Some(match (self, method) {
            (Endpoint::Accounts, "GET") => R::GetAccounts,
            (Endpoint::Account(_), "GET") => R::GetAccount,
            (Endpoint::Companies(_), "GET") => R::GetCompanies,
            (Endpoint::Company(..), "GET") => R::GetCompany,
            (Endpoint::Trackers(_), "GET") => R::GetTrackers,
            (Endpoint::Trackers(_), "POST") => R::PostTrackers,
            (Endpoint::Tracker(..), "GET") => R::GetTracker,
            (Endpoint::Tracker(..), "PUT") => R::PutTracker,
            (Endpoint::Tracker(..), "DELETE") => R::DeleteTracker,
            (Endpoint::Calls(_), "GET") => R::GetCalls,
            _ => return None,
        })
    }
}

/// One request, routed, with what the handlers need of it.
pub(crate) struct Call<'a> {
    pub endpoint: &'a Endpoint,
    pub route: FaultRoute,
    pub query: Option<&'a str>,
    pub content_type: Option<&'a str>,
    pub body: &'a [u8],
    pub omit_total_pages: bool,
    pub delete_returns_body: bool,
    pub now: OffsetDateTime,
    /// `http://HOST` as the request reached the server, for the addresses an answer gives.
    pub base: &'a str,
}

/// A status and an optional JSON body.
#[derive(Debug, Clone)]
pub(crate) struct Reply {
    pub status: u16,
    pub body: Option<Vec<u8>>,
}

impl Reply {
    fn json<T: Serialize>(status: u16, value: &T) -> Reply {
        Reply {
            status,
            body: Some(serde_json::to_vec(value).unwrap_or_default()),
        }
    }

    pub fn error(e: &ApiError) -> Reply {
        Reply {
            status: e.status,
            body: Some(render::error_body(&e.message)),
        }
    }
}

pub(crate) fn execute(state: &mut State, call: &Call<'_>) -> Reply {
    run(state, call).unwrap_or_else(|e| Reply::error(&e))
}

fn run(state: &mut State, call: &Call<'_>) -> Result<Reply, ApiError> {
    if state.quirks.pool_number_delay.is_some() {
        for t in state
            .accounts
            .iter_mut()
            .flat_map(|a| a.trackers.iter_mut())
        {
            t.show_pending(call.now);
        }
    }
    let q = Query::parse(call.query);
    let omit = call.omit_total_pages;
    match (call.endpoint, call.route) {
        (Endpoint::Accounts, _) => {
            let order = q.name_sort()?;
            let paging = q.paging()?;
            let hipaa = q.one_of(
                "hipaa_account",
                |s| s.parse::<bool>().ok(),
                "hipaa_account must be true or false",
            )?;
            let mut list: Vec<_> = state
                .accounts
                .iter()
                .filter(|a| hipaa.is_none_or(|h| a.hipaa_account == h))
                .collect();
            sort_by_name(&mut list, |a| &a.name, order);
            let env = paging.envelope("accounts", list, omit);
            Ok(Reply::json(200, &env.map(|a| render::account(a))))
        }
        (Endpoint::Account(acc), _) => Ok(Reply::json(200, &render::account(state.account(acc)?))),
        (Endpoint::Companies(acc), _) => {
            let acc = state.account(acc)?;
            let status = q.one_of(
                "status",
                Status::parse,
                "Status is not included in the list",
            )?;
            let search = q.search();
            let order = q.name_sort()?;
            let paging = q.paging()?;
            let mut list: Vec<_> = acc
                .companies
                .iter()
                .filter(|c| status.is_none_or(|s| c.status == s))
                .filter(|c| {
                    search
                        .as_ref()
                        .is_none_or(|s| c.name.to_lowercase().contains(s))
                })
                .collect();
            sort_by_name(&mut list, |c| &c.name, order);
            let env = paging.envelope("companies", list, omit);
            Ok(Reply::json(200, &env.map(|c| render::company(c))))
        }
        (Endpoint::Company(acc, id), _) => {
            let company = state
                .account(acc)?
                .company(id)
                .ok_or_else(ApiError::not_found)?;
            Ok(Reply::json(200, &render::company(company)))
        }
        (Endpoint::Trackers(acc), FaultRoute::PostTrackers) => {
            let body = json_body(call)?;
            let at = state.create_tracker(acc, &body, call.now)?;
            Ok(tracker_reply(state, at, 201, Fields::default()))
        }
        (Endpoint::Trackers(acc), _) => list_trackers(state, acc, &q, omit, call.now),
        (Endpoint::Calls(acc), _) => {
            let path = format!("/v3/a/{acc}/calls.json");
            let page =
                crate::calls::list_calls(state.account(acc)?, &q, call.now, call.base, &path)?;
            Ok(Reply::json(200, &page))
        }
        (Endpoint::Tracker(acc, id), FaultRoute::PutTracker) => {
            let body = json_body(call)?;
            let at = state.update_tracker(acc, id, &body, call.now)?;
            Ok(tracker_reply(state, at, 200, Fields::default()))
        }
        (Endpoint::Tracker(acc, id), FaultRoute::DeleteTracker) => {
            let at = state.disable_tracker(acc, id, call.now)?;
            if call.delete_returns_body {
                Ok(tracker_reply(state, at, 200, Fields::default()))
            } else {
                Ok(Reply {
                    status: 204,
                    body: None,
                })
            }
        }
        (Endpoint::Tracker(acc, id), _) => {
            let account = state.account(acc)?;
            let pos = account.tracker_pos(id).ok_or_else(ApiError::not_found)?;
            let fields = Fields::parse(q.get("fields"));
            Ok(tracker_reply(
                state,
                (state.account_index(acc)?, pos),
                200,
                fields,
            ))
        }
    }
}

fn tracker_reply(state: &State, (acc, pos): TrackerRef, status: u16, fields: Fields) -> Reply {
    let Some(account) = state.accounts.get(acc) else {
        return Reply::error(&ApiError::not_found());
    };
    match account.trackers.get(pos) {
        Some(t) => Reply::json(
            status,
            &render::tracker(t, account.company_name(&t.company_id), fields),
        ),
        None => Reply::error(&ApiError::not_found()),
    }
}

fn list_trackers(
    state: &State,
    acc: &str,
    q: &Query,
    omit: bool,
    now: time::OffsetDateTime,
) -> Result<Reply, ApiError> {
    let account = state.account(acc)?;
    let kind = q.one_of(
        "type",
        TrackerType::parse,
        "Type is not included in the list",
    )?;
    let status = q.one_of(
        "status",
        Status::parse,
        "Status is not included in the list",
    )?;
    let company = q.get("company_id");
    let search = q.search();
    let order = q.name_sort()?;
    let fields = Fields::parse(q.get("fields"));
    let paging = q.paging()?;
    let quirks = &state.quirks;
    // A lagging index has not seen the newest trackers yet.
    let indexed_before = quirks.search_lag.map(|lag| now - lag);
    let mut list: Vec<_> = account
        .trackers
        .iter()
        .filter(|t| kind.is_none_or(|k| t.kind == k))
        .filter(|t| status.is_none_or(|s| t.status == s))
        .filter(|t| company.is_none_or(|c| t.company_id == c))
        .filter(|t| {
            search.as_ref().is_none_or(|s| {
                indexed_before.is_none_or(|at| t.created_at <= at)
                    && name_matches(&t.name, s, quirks.search_whole_words)
            })
        })
        .collect();
    sort_by_name(&mut list, |t| &t.name, order);
    let env = paging.envelope("trackers", list, omit);
    Ok(Reply::json(
        200,
        &env.map(|t| render::tracker(t, account.company_name(&t.company_id), fields)),
    ))
}

/// Whether `name` matches the (lowercased) search term: anywhere, or only as whole words.
fn name_matches(name: &str, term: &str, whole_words: bool) -> bool {
    let name = name.to_lowercase();
    if !whole_words {
        return name.contains(term);
    }
    let words: Vec<&str> = name.split(|c: char| !c.is_alphanumeric()).collect();
    term.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .all(|w| words.contains(&w))
}

/// POST/PUT parameters must come as a JSON object body with a JSON content type, else 406.
fn json_body(call: &Call<'_>) -> Result<Value, ApiError> {
    if call.query.is_some_and(|q| !q.is_empty()) {
        return Err(ApiError::not_acceptable());
    }
    let json_type = call.content_type.is_some_and(|ct| {
        ct.split(';')
            .next()
            .is_some_and(|m| m.trim().eq_ignore_ascii_case("application/json"))
    });
    if !json_type {
        return Err(ApiError::not_acceptable());
    }
    match serde_json::from_slice::<Value>(call.body) {
        Ok(v @ Value::Object(_)) => Ok(v),
        _ => Err(ApiError::not_acceptable()),
    }
}

impl<T> Envelope<T> {
    pub(crate) fn map<U>(self, f: impl FnMut(T) -> U) -> Envelope<U> {
        Envelope {
            page: self.page,
            per_page: self.per_page,
            total_pages: self.total_pages,
            total_records: self.total_records,
            key: self.key,
            items: self.items.into_iter().map(f).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_paths() {
        assert_eq!(Endpoint::parse("/v3/a.json"), Some(Endpoint::Accounts));
        assert_eq!(
            Endpoint::parse("/v3/a/ACC1.json"),
            Some(Endpoint::Account("ACC1".into()))
        );
        assert_eq!(
            Endpoint::parse("/v3/a/ACC1/trackers/TRK2.json"),
            Some(Endpoint::Tracker("ACC1".into(), "TRK2".into()))
        );
        assert_eq!(
            Endpoint::parse("/v3/a/ACC1/companies.json"),
            Some(Endpoint::Companies("ACC1".into()))
        );
        assert_eq!(
            Endpoint::parse("/v3/a/ACC1/calls.json"),
            Some(Endpoint::Calls("ACC1".into()))
        );
        for bad in [
            "/v3/a",
            "/v3/a/ACC1",
            "/v3/a/ACC1/trackers",
            "/v3/a/ACC1/trackers/TRK2",
            "/v3/a/ACC1/trackers.json/",
            "/v3/a/ACC1/calls",
            "/v2/a.json",
            "/v3/a/.json",
        ] {
            assert_eq!(Endpoint::parse(bad), None, "{bad}");
        }
        let e = Endpoint::Tracker("A".into(), "T".into());
        assert_eq!(e.route("PUT"), Some(FaultRoute::PutTracker));
        assert_eq!(e.route("POST"), None);
    }
}
