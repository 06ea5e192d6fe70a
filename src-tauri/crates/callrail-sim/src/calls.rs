//! The call log: calls made up for the demo agency and for generated trackers, or given by a seed,
//! and `GET /v3/a/{account}/calls.json` as CallRail serves it: whole days of a time zone (the
//! account's when none is asked for), 250 calls a page at most, extra fields only when asked,
//! offset pages or relative ones whose next page may start before the end of the one before (a call
//! came in meanwhile), and nothing older than 25 months.

use serde_json::{json, Map, Value};
use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{Date, Duration, OffsetDateTime, UtcOffset};

use crate::error::ApiError;
use crate::model::{hex_id, Account, SimCall, Status, TrackerType};
use crate::query::{Query, MAX_PER_PAGE};
use crate::state::State;

/// The zone of the account when a request names none: the demo's agencies are in Atlanta. (Its
/// daylight-saving hour is left out: UTC-5 all year.)
const ACCOUNT_OFFSET_HOURS: i8 = -5;

/// How far back CallRail keeps calls.
const RETENTION_DAYS: i64 = 25 * 30;

/// Optional fields a call may be asked for.
const CALL_FIELDS: [&str; 5] = [
    "tracker_id",
    "company_id",
    "company_name",
    "source_name",
    "created_at",
];

impl State {
    /// Adds a call of tracker `tracker_pos` of account `acc` (kept newest first by [`State::sort_calls`]).
    pub fn add_call(
        &mut self,
        acc: usize,
        tracker_pos: usize,
        number: usize,
        start: OffsetDateTime,
        answered: bool,
        duration: u32,
    ) {
        let id = hex_id(&mut self.rng, "CAL");
        let Some(account) = self.accounts.get_mut(acc) else {
            return;
        };
        let Some(t) = account.trackers.get(tracker_pos) else {
            return;
        };
        let Some(number) = t
            .tracking_numbers
            .get(number)
            .or(t.tracking_numbers.first())
        else {
            return;
        };
        let call = SimCall {
            id,
            company_id: t.company_id.clone(),
            tracker_id: t.id.clone(),
            number: number.clone(),
            start,
            answered,
            duration,
        };
        account.calls.push(call);
    }

    /// Newest first, as CallRail lists them.
    pub fn sort_calls(&mut self) {
        for a in &mut self.accounts {
            a.calls
                .sort_by(|x, y| y.start.cmp(&x.start).then_with(|| y.id.cmp(&x.id)));
        }
    }

    /// Calls of the last 120 days for every active tracker of every account, except every fourth
    /// one, which nobody calls; a pool's calls come in on its first numbers only, so some of its
    /// numbers are never called.
    pub fn generate_demo_calls(&mut self, now: OffsetDateTime) {
        for acc in 0..self.accounts.len() {
            let trackers: Vec<(usize, usize)> = self.accounts[acc]
                .trackers
                .iter()
                .enumerate()
                .filter(|(_, t)| t.status == Status::Active)
                .map(|(pos, t)| (pos, t.tracking_numbers.len()))
                .collect();
            for (i, (pos, numbers)) in trackers.into_iter().enumerate() {
                if i % 4 == 3 || numbers == 0 {
                    continue;
                }
                let calls = self.rng.usize(6..40);
                let called = if numbers > 1 { numbers.div_ceil(2) } else { 1 };
                for _ in 0..calls {
                    let start = self.random_time(now, 120);
                    let number = self.rng.usize(..called);
                    let answered = self.rng.u8(..10) < 8;
                    let duration = if answered { self.rng.u32(20..600) } else { 0 };
                    self.add_call(acc, pos, number, start, answered, duration);
                }
            }
        }
    }

    /// `n` calls over the last 90 days, spread over the generated trackers (or, without any, the
    /// first account's active trackers), except every tenth one, which nobody calls.
    pub fn generate_calls(&mut self, n: usize, now: OffsetDateTime) {
        let Some(account) = self.accounts.first() else {
            return;
        };
        let generated: Vec<(usize, usize)> = account
            .trackers
            .iter()
            .enumerate()
            .filter(|(_, t)| t.status == Status::Active)
            .filter(|(_, t)| t.name.starts_with("Generated tracker "))
            .map(|(pos, t)| (pos, t.tracking_numbers.len()))
            .collect();
        let pool: Vec<(usize, usize)> = if generated.is_empty() {
            account
                .trackers
                .iter()
                .enumerate()
                .filter(|(_, t)| t.status == Status::Active)
                .map(|(pos, t)| (pos, t.tracking_numbers.len()))
                .collect()
        } else {
            generated
        };
        let called: Vec<(usize, usize)> = pool
            .into_iter()
            .enumerate()
            .filter(|(i, _)| i % 10 != 9)
            .map(|(_, t)| t)
            .collect();
        if called.is_empty() {
            return;
        }
        for _ in 0..n {
            let (pos, numbers) = called[self.rng.usize(..called.len())];
            let kind_session = self.accounts[0]
                .trackers
                .get(pos)
                .is_some_and(|t| t.kind == TrackerType::Session);
            // A pool's last number is never called.
            let number = if kind_session && numbers > 1 {
                self.rng.usize(..numbers - 1)
            } else {
                0
            };
            let start = self.random_time(now, 90);
            let answered = self.rng.u8(..10) < 8;
            let duration = if answered { self.rng.u32(20..600) } else { 0 };
            self.add_call(0, pos, number, start, answered, duration);
        }
    }

    fn random_time(&mut self, now: OffsetDateTime, days: i64) -> OffsetDateTime {
        now - Duration::seconds(self.rng.i64(60..days * 86_400))
    }
}

/// The days asked for, as an instant range [from, to).
fn window(
    q: &Query,
    now: OffsetDateTime,
    offset: UtcOffset,
) -> Result<(OffsetDateTime, OffsetDateTime), ApiError> {
    let today = now.to_offset(offset).date();
    let day_start = |d: Date| d.midnight().assume_offset(offset);
    let parse = |key: &str, v: &str| -> Result<Date, ApiError> {
        Date::parse(
            v.get(..10).unwrap_or(v),
            format_description!("[year]-[month]-[day]"),
        )
        .map_err(|_| ApiError::bad_request(format!("{key} must be a date such as 2026-11-02")))
    };
    let (first, last) = match (q.get("start_date"), q.get("end_date")) {
        (None, None) => {
            let days_back = |n: i64| today - Duration::days(n);
            match q.get("date_range").unwrap_or("recent") {
                "recent" => (days_back(6), today),
                "today" => (today, today),
                "yesterday" => (days_back(1), days_back(1)),
                "last_7_days" => (days_back(7), days_back(1)),
                "last_30_days" => (days_back(30), days_back(1)),
                "all_time" => (days_back(RETENTION_DAYS), today),
                _ => {
                    return Err(ApiError::bad_request(
                        "date_range is not included in the list",
                    ))
                }
            }
        }
        (Some(s), e) => (
            parse("start_date", s)?,
            e.map(|e| parse("end_date", e))
                .transpose()?
                .unwrap_or(today),
        ),
        (None, Some(_)) => return Err(ApiError::bad_request("end_date requires start_date")),
    };
    if first < today - Duration::days(RETENTION_DAYS) {
        return Err(ApiError::bad_request(
            "Calls are kept for 25 months; please revise your date range",
        ));
    }
    Ok((day_start(first), day_start(last) + Duration::days(1)))
}

fn zone(q: &Query) -> Result<UtcOffset, ApiError> {
    let hours = match q.get("time_zone") {
        None | Some("America/New_York") => ACCOUNT_OFFSET_HOURS,
        Some("UTC" | "Etc/UTC") => 0,
        Some(_) => return Err(ApiError::bad_request("time_zone is not a known time zone")),
    };
    UtcOffset::from_hms(hours, 0, 0).map_err(|_| ApiError::bad_request("time_zone"))
}

/// `GET /v3/a/{account}/calls.json`.
pub(crate) fn list_calls(
    account: &Account,
    q: &Query,
    now: OffsetDateTime,
    base: &str,
    path: &str,
) -> Result<Value, ApiError> {
    let offset = zone(q)?;
    let (from, to) = window(q, now, offset)?;
    let per_page = match q.get("per_page") {
        None => 100,
        Some(v) => match v.parse::<u64>() {
            Ok(n) if (1..=MAX_PER_PAGE).contains(&n) => n,
            _ => return Err(ApiError::bad_request("per_page must be between 1 and 250")),
        },
    };
    let fields: Vec<&str> = q
        .get("fields")
        .map(|f| {
            f.split(',')
                .map(str::trim)
                .filter(|f| !f.is_empty())
                .collect()
        })
        .unwrap_or_default();
    if let Some(bad) = fields.iter().find(|f| !CALL_FIELDS.contains(f)) {
        return Err(ApiError::bad_request(format!("Invalid field: {bad}")));
    }
    let company = q.get("company_id");
    let tracker = q.get("tracker_id");
    let matching: Vec<&SimCall> = account
        .calls
        .iter()
        .filter(|c| c.start >= from && c.start < to)
        .filter(|c| company.is_none_or(|id| c.company_id == id))
        .filter(|c| tracker.is_none_or(|id| c.tracker_id == id))
        .collect();
    let render = |c: &SimCall| render_call(account, c, offset, &fields);
    let per = usize::try_from(per_page).unwrap_or(100);
    if q.get("relative_pagination") == Some("true") {
        let page = match q.get("offset") {
            None => 0,
            Some(v) => v
                .parse::<usize>()
                .map_err(|_| ApiError::bad_request("offset must be a page number from 0"))?,
        };
        // A call that came in since the page before pushed every call one place down: the page
        // starts with the last call of the one before.
        let start = (page * per).saturating_sub(usize::from(page > 0));
        let calls: Vec<Value> = matching
            .iter()
            .skip(start)
            .take(per)
            .map(|c| render(c))
            .collect();
        let more = start + per < matching.len();
        let next_page = more.then(|| {
            let next = (page + 1).to_string();
            let query: String = url::form_urlencoded::Serializer::new(String::new())
                .extend_pairs(
                    q.pairs()
                        .iter()
                        .filter(|(k, _)| k != "offset")
                        .map(|(k, v)| (k.as_str(), v.as_str())),
                )
                .append_pair("offset", &next)
                .finish();
            format!("{base}{path}?{query}")
        });
        return Ok(json!({ "calls": calls, "has_next_page": more, "next_page": next_page }));
    }
    let page = match q.get("page") {
        None => 1,
        Some(v) => v
            .parse::<usize>()
            .ok()
            .filter(|p| *p >= 1)
            .ok_or_else(|| ApiError::bad_request("page must be a positive integer"))?,
    };
    let total = matching.len();
    let calls: Vec<Value> = matching
        .iter()
        .skip((page - 1) * per)
        .take(per)
        .map(|c| render(c))
        .collect();
    Ok(json!({
        "page": page,
        "per_page": per,
        "total_pages": total.div_ceil(per).max(1),
        "total_records": total,
        "calls": calls,
    }))
}

fn render_call(account: &Account, c: &SimCall, offset: UtcOffset, fields: &[&str]) -> Value {
    let start = c.start.to_offset(offset);
    let mut m = Map::new();
    m.insert("id".into(), json!(c.id));
    m.insert("answered".into(), json!(c.answered));
    m.insert("business_phone_number".into(), Value::Null);
    m.insert("customer_city".into(), json!("Atlanta"));
    m.insert("customer_country".into(), json!("US"));
    m.insert("customer_name".into(), json!("CALLER"));
    m.insert("customer_phone_number".into(), json!("+14045550199"));
    m.insert("customer_state".into(), json!("GA"));
    m.insert("direction".into(), json!("inbound"));
    m.insert("duration".into(), json!(c.duration));
    m.insert("recording".into(), Value::Null);
    m.insert("recording_duration".into(), Value::Null);
    m.insert("recording_player".into(), Value::Null);
    m.insert(
        "start_time".into(),
        json!(start.format(&Rfc3339).unwrap_or_default()),
    );
    m.insert("tracking_phone_number".into(), json!(c.number));
    m.insert("voicemail".into(), json!(!c.answered && c.duration > 0));
    for f in fields {
        let v = match *f {
            "tracker_id" => json!(c.tracker_id),
            "company_id" => json!(c.company_id),
            "company_name" => json!(account.company_name(&c.company_id)),
            "source_name" => json!(account
                .tracker_pos(&c.tracker_id)
                .and_then(|p| account.trackers.get(p))
                .map(|t| t.name.as_str())),
            _ => json!(start.format(&Rfc3339).unwrap_or_default()),
        };
        m.insert((*f).to_owned(), v);
    }
    Value::Object(m)
}
