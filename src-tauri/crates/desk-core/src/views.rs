//! What the UI is sent: plain, ready to show (numbers formatted, pool sizes counted), never a key.
//! Field names stay snake_case, like CallRail's and like the form fields that validation errors name.

use callrail::{format_number, CallFlow, Company, Tracker, TrackerStatus, TrackerType};
use serde::Serialize;

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ConnectionView {
    pub id: String,
    pub name: String,
    /// "••••1a2b": which key this is, without the key.
    pub key_hint: String,
    /// The built-in simulator's sample agency, not a CallRail account.
    pub demo: bool,
    /// Shown only when it is not CallRail's own address.
    pub api_base: Option<String>,
    pub account_id: Option<String>,
    pub company_id: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct AccountView {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CompanyView {
    pub id: String,
    pub name: String,
    pub active: bool,
    pub time_zone: Option<String>,
    /// `null` when the swap.js snippet was never installed.
    pub dni_active: Option<bool>,
}

impl From<Company> for CompanyView {
    fn from(c: Company) -> Self {
        Self {
            active: c.is_active(),
            id: c.id,
            name: c.name,
            time_zone: c.time_zone,
            dni_active: c.dni_active,
        }
    }
}

/// One line of the trackers table.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TrackerRow {
    pub id: String,
    pub name: String,
    #[serde(rename = "type")]
    pub kind: TrackerType,
    pub status: TrackerStatus,
    /// "(404) 555-0100" for each number.
    pub numbers: Vec<String>,
    pub pool_size: u32,
    /// Formatted.
    pub destination: Option<String>,
    /// "Offline", "Google search (paid)", "All traffic"...
    pub source: String,
    pub recording: bool,
    pub created_at: Option<String>,
    pub disabled_at: Option<String>,
}

impl From<&Tracker> for TrackerRow {
    fn from(t: &Tracker) -> Self {
        Self {
            id: t.id.clone(),
            name: t.name.clone(),
            kind: t.kind,
            status: t.status,
            numbers: t.formatted_numbers(),
            pool_size: u32::try_from(t.pool_size()).unwrap_or(u32::MAX),
            destination: t.destination().map(format_number),
            source: t
                .source
                .as_ref()
                .map(|s| s.describe())
                .unwrap_or_else(|| "Unknown".into()),
            recording: t.recording_enabled(),
            created_at: t.created_at.clone(),
            disabled_at: t.disabled_at.clone(),
        }
    }
}

/// Everything about one tracker, for the detail panel and the edit form.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TrackerDetail {
    #[serde(flatten)]
    pub row: TrackerRow,
    pub company_id: Option<String>,
    pub company_name: Option<String>,
    /// E.164, as CallRail holds them.
    pub tracking_numbers: Vec<String>,
    pub call_flow: CallFlowView,
    pub whisper: Option<String>,
    pub sms_enabled: bool,
    pub sms_supported: bool,
    /// Formatted; `null` when CallRail did not send them.
    pub swap_targets: Option<Vec<String>>,
    pub campaign_name: Option<String>,
    /// A source tracker of type "all" swaps on every visit, ahead of any session pool.
    pub always_swap: bool,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CallFlowView {
    /// "basic", "advanced" or "unknown". Advanced flows are edited in CallRail only.
    pub kind: String,
    pub destination: Option<String>,
    pub recording: bool,
    pub greeting: Option<String>,
    pub greeting_recording_url: Option<String>,
    /// Advanced flows: one line per step ("menu: Press 1 for sales").
    pub steps: Vec<String>,
}

impl From<&Tracker> for TrackerDetail {
    fn from(t: &Tracker) -> Self {
        let call_flow = match &t.call_flow {
            Some(CallFlow::Basic(f)) => CallFlowView {
                kind: "basic".into(),
                destination: f.destination_number.as_deref().map(format_number),
                recording: f.recording_enabled,
                greeting: f.greeting_text.clone(),
                greeting_recording_url: f.greeting_recording_url.clone(),
                steps: Vec::new(),
            },
            Some(CallFlow::Advanced(f)) => CallFlowView {
                kind: "advanced".into(),
                destination: t.destination().map(format_number),
                recording: f.recording_enabled.unwrap_or(false),
                greeting: None,
                greeting_recording_url: None,
                steps: f.steps.iter().map(describe_step).collect(),
            },
            _ => CallFlowView {
                kind: "unknown".into(),
                destination: t.destination().map(format_number),
                recording: false,
                greeting: None,
                greeting_recording_url: None,
                steps: Vec::new(),
            },
        };
        Self {
            row: TrackerRow::from(t),
            company_id: t.company.as_ref().map(|c| c.id.clone()),
            company_name: t.company.as_ref().and_then(|c| c.name.clone()),
            tracking_numbers: t.tracking_numbers.clone(),
            call_flow,
            whisper: t.whisper_message.clone(),
            sms_enabled: t.sms_enabled,
            sms_supported: t.sms_supported,
            swap_targets: t
                .swap_targets
                .as_ref()
                .map(|v| v.iter().map(|s| format_digits(s)).collect()),
            campaign_name: t.campaign_name.clone(),
            always_swap: t.kind == TrackerType::Source
                && t.source.as_ref().is_some_and(|s| s.is_always_swap()),
        }
    }
}

/// "4045550100" as "(404) 555-0100".
fn format_digits(digits: &str) -> String {
    if digits.len() == 10 && digits.bytes().all(|b| b.is_ascii_digit()) {
        format_number(&format!("+1{digits}"))
    } else {
        digits.to_owned()
    }
}

fn describe_step(step: &serde_json::Value) -> String {
    let kind = step.get("type").and_then(|v| v.as_str()).unwrap_or("step");
    let detail = ["prompt", "destination_number", "name"]
        .iter()
        .find_map(|k| step.get(*k).and_then(|v| v.as_str()))
        .map(|d| {
            if d.starts_with('+') {
                format_number(d)
            } else {
                d.to_owned()
            }
        });
    match detail {
        Some(d) => format!("{kind}: {d}"),
        None => kind.to_owned(),
    }
}

/// A page of the trackers table.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TrackerPage {
    pub rows: Vec<TrackerRow>,
    pub page: u32,
    pub per_page: u32,
    pub total_pages: Option<u32>,
    pub total_records: Option<u32>,
    /// The rows come from the last-seen copy because CallRail could not be reached.
    pub offline: bool,
    /// When a last-seen copy was taken (the oldest row's time).
    pub seen_at: Option<String>,
}

impl TrackerPage {
    /// Every row on one page.
    pub fn whole(rows: Vec<TrackerRow>, offline: bool, seen_at: Option<String>) -> Self {
        let n = u32::try_from(rows.len()).unwrap_or(u32::MAX);
        Self {
            rows,
            page: 1,
            per_page: n,
            total_pages: Some(1),
            total_records: Some(n),
            offline,
            seen_at,
        }
    }
}

/// A field and the rule it broke, shown next to that field.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl From<callrail::RuleViolation> for FieldError {
    fn from(v: callrail::RuleViolation) -> Self {
        Self {
            field: v.field,
            message: v.message,
        }
    }
}

/// The Rust rules' verdict on a form, and what it would cost.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct FormCheck {
    pub errors: Vec<FieldError>,
    /// Numbers the create would buy (when the form is valid).
    pub numbers_to_provision: Option<u32>,
    /// "This provisions 8 numbers (area code 404), billed monthly."
    pub cost_line: Option<String>,
}

/// A write that was carried out (create, edit or disable), as the UI shows it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct WriteDone {
    pub tracker: TrackerDetail,
    /// Set when CallRail's answer was lost and the write was found in CallRail afterwards (a create
    /// found instead of made twice).
    pub reconciled: Option<String>,
    /// What went wrong after the write without changing its outcome: a follow-up read, the journal.
    pub warnings: Vec<String>,
}

impl From<crate::Written> for WriteDone {
    fn from(w: crate::Written) -> Self {
        Self {
            tracker: TrackerDetail::from(&w.tracker),
            reconciled: w.reconciled,
            warnings: w.warnings,
        }
    }
}

/// One line of an edit's before/after.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct FieldChange {
    pub field: String,
    pub label: String,
    pub before: String,
    pub after: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct UpdatePreview {
    pub changes: Vec<FieldChange>,
    /// Numbers a bigger pool would buy; the update must confirm this count.
    pub extra_numbers: u32,
}

/// The company's swap.js snippet and what to do with it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DniInfo {
    pub company_id: String,
    pub company_name: String,
    pub script_url: String,
    pub snippet: String,
    pub dni_active: Option<bool>,
    /// Active source trackers of type "all" in the company: they win over session pools.
    pub always_swap_trackers: Vec<String>,
}

/// Where the journal is kept.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct StoreInfo {
    /// "local" (SQLite in the app-data folder) or "team" (a shared MongoDB).
    pub kind: String,
    pub database: Option<String>,
    /// Set when the team's store is configured but could not be reached at start.
    pub warning: Option<String>,
    /// Entries and snapshots copied up by the last switch.
    pub copied_entries: Option<u32>,
}
