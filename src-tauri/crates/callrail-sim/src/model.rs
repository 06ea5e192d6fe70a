//! The in-memory records behind the API objects.

use std::collections::HashMap;

use serde_json::Value;
use time::macros::format_description;
use time::OffsetDateTime;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TrackerType {
    Source,
    Session,
}

impl TrackerType {
    pub fn as_str(self) -> &'static str {
        match self {
            TrackerType::Source => "source",
            TrackerType::Session => "session",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "source" => Some(TrackerType::Source),
            "session" => Some(TrackerType::Session),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Status {
    Active,
    Disabled,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Active => "active",
            Status::Disabled => "disabled",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "active" => Some(Status::Active),
            "disabled" => Some(Status::Disabled),
            _ => None,
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Account {
    pub id: String,
    pub name: String,
    pub outbound_recording_enabled: bool,
    pub hipaa_account: bool,
    pub companies: Vec<Company>,
    /// In creation order.
    pub trackers: Vec<Tracker>,
    /// Tracker id -> position in `trackers`.
    pub tracker_index: HashMap<String, usize>,
    /// Every call to the account's tracking numbers, newest first.
    pub calls: Vec<SimCall>,
}

impl Account {
    pub fn company(&self, id: &str) -> Option<&Company> {
        self.companies.iter().find(|c| c.id == id)
    }

    pub fn company_name(&self, id: &str) -> &str {
        self.company(id).map_or("", |c| c.name.as_str())
    }

    pub fn tracker_pos(&self, id: &str) -> Option<usize> {
        self.tracker_index.get(id).copied()
    }

    /// Puts trackers in `created_at` order (stable), so list order is creation order.
    pub fn sort_trackers_by_creation(&mut self) {
        self.trackers.sort_by_key(|t| t.created_at);
        self.tracker_index = self
            .trackers
            .iter()
            .enumerate()
            .map(|(i, t)| (t.id.clone(), i))
            .collect();
    }

    pub fn push_tracker(&mut self, tracker: Tracker) -> usize {
        let pos = self.trackers.len();
        self.tracker_index.insert(tracker.id.clone(), pos);
        self.trackers.push(tracker);
        pos
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Company {
    pub id: String,
    pub name: String,
    pub status: Status,
    pub time_zone: String,
    pub created_at: OffsetDateTime,
    pub disabled_at: Option<OffsetDateTime>,
    pub dni_active: Option<bool>,
    pub numeric_id: u32,
    pub script_key: String,
    pub callscore_enabled: bool,
    pub lead_scoring_enabled: bool,
    pub swap_ppc_override: bool,
    pub swap_landing_override: Option<String>,
    pub swap_cookie_duration: u32,
    pub swap_cookie_duration_unit: String,
    pub callscribe_enabled: bool,
    pub form_capture: bool,
    /// The company's main line: where advanced call flows dial (not rendered).
    pub main_number: String,
}

#[derive(Debug, Clone)]
pub(crate) struct BasicFlow {
    pub recording_enabled: bool,
    pub destination_number: String,
    pub greeting_text: Option<String>,
    pub greeting_recording_url: Option<String>,
}

#[derive(Debug, Clone)]
pub(crate) struct AdvancedFlow {
    pub recording_enabled: bool,
    pub initial_step_id: u64,
    pub steps: Vec<Value>,
    /// The first dial step's number.
    pub destination_number: String,
}

#[derive(Debug, Clone)]
pub(crate) enum CallFlow {
    Basic(BasicFlow),
    Advanced(AdvancedFlow),
}

impl CallFlow {
    pub fn destination_number(&self) -> &str {
        match self {
            CallFlow::Basic(b) => &b.destination_number,
            CallFlow::Advanced(a) => &a.destination_number,
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Tracker {
    pub id: String,
    pub name: String,
    pub kind: TrackerType,
    pub status: Status,
    pub company_id: String,
    pub tracking_numbers: Vec<String>,
    /// Numbers bought for a pool that CallRail does not show yet (see `Quirks::pool_number_delay`).
    pub pending_numbers: Vec<String>,
    pub pending_until: Option<OffsetDateTime>,
    /// Area code the numbers came from (replacements and pool growth use it).
    pub area_code: String,
    pub toll_free: bool,
    pub whisper_message: Option<String>,
    pub sms_enabled: bool,
    pub call_flow: CallFlow,
    /// Already in the shape the API echoes.
    pub source: Value,
    pub created_at: OffsetDateTime,
    pub disabled_at: Option<OffsetDateTime>,
    pub message_flow: Option<Value>,
    /// `None`: the default, the destination number as digits.
    pub swap_targets: Option<Vec<String>>,
    pub campaign_name: Option<String>,
}

impl Tracker {
    pub fn swap_targets(&self) -> Vec<String> {
        match &self.swap_targets {
            Some(t) => t.clone(),
            None => vec![national_digits(self.call_flow.destination_number())],
        }
    }

    pub fn disable(&mut self, now: OffsetDateTime) {
        if self.status == Status::Active {
            self.status = Status::Disabled;
            self.disabled_at = Some(now);
            self.tracking_numbers.clear();
            self.pending_numbers.clear();
            self.pending_until = None;
        }
    }

    /// Every number the tracker holds, shown or not yet.
    pub fn pool_total(&self) -> usize {
        self.tracking_numbers.len() + self.pending_numbers.len()
    }

    /// Holds `fresh` back until `delay` has passed (all of them when `delay` is `None`: shown now).
    pub fn add_numbers(
        &mut self,
        fresh: Vec<String>,
        delay: Option<std::time::Duration>,
        now: OffsetDateTime,
    ) {
        match delay {
            Some(d) if !fresh.is_empty() => {
                self.pending_numbers.extend(fresh);
                self.pending_until = Some(now + d);
            }
            _ => self.tracking_numbers.extend(fresh),
        }
    }

    /// Shows the held-back numbers whose time has come.
    pub fn show_pending(&mut self, now: OffsetDateTime) {
        if self.pending_until.is_some_and(|at| at <= now) {
            self.tracking_numbers.append(&mut self.pending_numbers);
            self.pending_until = None;
        }
    }
}

/// `+14045550100` -> `4045550100`; other countries keep their country code, without the `+`.
pub(crate) fn national_digits(e164: &str) -> String {
    let digits = e164.trim_start_matches('+');
    match digits.strip_prefix('1') {
        Some(rest) if rest.len() == 10 => rest.to_string(),
        _ => digits.to_string(),
    }
}

/// The area code of a `+1NPANXXXXXX` number.
pub(crate) fn area_code_of(e164: &str) -> Option<&str> {
    let rest = e164.strip_prefix("+1")?;
    if rest.len() == 10 && rest.bytes().all(|b| b.is_ascii_digit()) {
        rest.get(..3)
    } else {
        None
    }
}

/// `2025-06-05T19:06:10Z`, as trackers show it.
pub(crate) fn tracker_time(t: OffsetDateTime) -> String {
    let fmt = format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]Z");
    t.to_offset(time::UtcOffset::UTC)
        .format(&fmt)
        .unwrap_or_default()
}

/// `2024-03-10T07:06:01.000Z`, as companies show it.
pub(crate) fn company_time(t: OffsetDateTime) -> String {
    let fmt =
        format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z");
    t.to_offset(time::UtcOffset::UTC)
        .format(&fmt)
        .unwrap_or_default()
}

/// A fixed UTC instant from a unix timestamp (demo and seed data).
pub(crate) fn at_unix(secs: i64) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(secs).unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

/// An opaque id: the prefix and 32 lowercase hex digits.
pub(crate) fn hex_id(rng: &mut fastrand::Rng, prefix: &str) -> String {
    format!("{prefix}{:016x}{:016x}", rng.u64(..), rng.u64(..))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn formats_times_like_the_api() {
        let t = at_unix(1_749_150_370);
        assert_eq!(tracker_time(t), "2025-06-05T19:06:10Z");
        assert_eq!(
            company_time(at_unix(1_710_054_361)),
            "2024-03-10T07:06:01.000Z"
        );
    }

    #[test]
    fn digits_and_area_codes() {
        assert_eq!(national_digits("+14045550100"), "4045550100");
        assert_eq!(national_digits("+442071234567"), "442071234567");
        assert_eq!(area_code_of("+14045550100"), Some("404"));
        assert_eq!(area_code_of("+442071234567"), None);
        let mut rng = fastrand::Rng::with_seed(1);
        let id = hex_id(&mut rng, "TRK");
        assert_eq!(id.len(), 35);
        assert!(id[3..]
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
    }
}

/// One call to a tracking number.
#[derive(Debug, Clone)]
pub(crate) struct SimCall {
    pub id: String,
    pub company_id: String,
    pub tracker_id: String,
    /// The tracking number called, E.164.
    pub number: String,
    pub start: OffsetDateTime,
    pub answered: bool,
    pub duration: u32,
}
