//! A row of the trackers file read as the forms read it: the create form it describes, what it
//! changes in a tracker (and how that reads as a diff), and its broken rules by column.

use crate::file::{cell, Row};
use callrail::{SourceInput, TrackerChanges, TrackerForm, TrackerKind, Violations, E164};
use serde::{Deserialize, Serialize};

/// One broken rule of a row: its line in the file, the column, and the rule.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowError {
    pub line: u32,
    pub column: String,
    pub message: String,
}

pub(crate) fn error(row: &Row, column: &str, message: impl Into<String>) -> RowError {
    RowError {
        line: row.line,
        column: column.to_owned(),
        message: message.into(),
    }
}

/// The rules' field names as the file's columns.
fn column_of(field: &str) -> &str {
    match field {
        "kind" => "type",
        "sms_enabled" => "sms",
        "source" => "source_type",
        "whisper_message" => "whisper",
        "recording_enabled" => "record_calls",
        "call_flow" | "destination_number" => "destination",
        "tracking_number" | "pool_numbers" => "area_code",
        other => other,
    }
}

pub(crate) fn violations(row: &Row, v: Violations) -> Vec<RowError> {
    v.0.into_iter()
        .map(|v| error(row, column_of(&v.field), v.message))
        .collect()
}

/// Each change as `column: before -> after`, in the file's columns.
pub(crate) fn diff(c: &TrackerChanges, now: &TrackerForm) -> Vec<String> {
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    let yes = |b: bool| if b { "yes" } else { "no" }.to_owned();
    let pairs = [
        ("name", c.name.clone().map(|v| (now.name.clone(), v))),
        (
            "destination",
            c.destination.clone().map(|v| (now.destination.clone(), v)),
        ),
        (
            "whisper",
            c.whisper.clone().map(|v| (text(&now.whisper), v)),
        ),
        (
            "greeting",
            c.greeting.clone().map(|v| (text(&now.greeting), v)),
        ),
        (
            "record_calls",
            c.record_calls.map(|v| (yes(now.record_calls), yes(v))),
        ),
        (
            "pool_size",
            c.pool_size
                .map(|v| (now.pool_size.unwrap_or_default().to_string(), v.to_string())),
        ),
        (
            "swap_targets",
            c.swap_targets
                .clone()
                .map(|v| (now.swap_targets.join(";"), v.join(";"))),
        ),
        ("sms", c.sms_enabled.map(|v| (yes(now.sms_enabled), yes(v)))),
    ];
    pairs
        .into_iter()
        .filter_map(|(column, change)| {
            change.map(|(before, after)| format!("{column}: {before} -> {after}"))
        })
        .collect()
}

/// The edit that takes the tracker (as its form `now`) to the row's form: only what differs, so a
/// file exported and planned again changes nothing.
pub(crate) fn differences(
    row: &TrackerForm,
    now: &TrackerForm,
    has: impl Fn(&str) -> bool,
) -> TrackerChanges {
    let same_number = |a: &str, b: &str| match (E164::parse("n", a), E164::parse("n", b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => a.trim() == b.trim(),
    };
    let digits = |list: &[String]| -> Vec<String> {
        list.iter()
            .map(|n| n.chars().filter(char::is_ascii_digit).collect())
            .collect()
    };
    let differ = |a: &Option<String>, b: &Option<String>| {
        a.as_deref().unwrap_or("") != b.as_deref().unwrap_or("")
    };
    TrackerChanges {
        name: (has("name") && row.name.trim() != now.name.trim()).then(|| row.name.clone()),
        destination: (has("destination") && !same_number(&row.destination, &now.destination))
            .then(|| row.destination.clone()),
        whisper: (has("whisper") && differ(&row.whisper, &now.whisper))
            .then(|| row.whisper.clone().unwrap_or_default()),
        greeting: (has("greeting") && differ(&row.greeting, &now.greeting))
            .then(|| row.greeting.clone().unwrap_or_default()),
        record_calls: (has("record_calls") && row.record_calls != now.record_calls)
            .then_some(row.record_calls),
        pool_size: row
            .pool_size
            .filter(|n| has("pool_size") && Some(*n) != now.pool_size),
        swap_targets: (has("swap_targets")
            && !row.swap_targets.is_empty()
            && digits(&row.swap_targets) != digits(&now.swap_targets))
        .then(|| row.swap_targets.clone()),
        sms_enabled: (has("sms") && row.sms_enabled != now.sms_enabled).then_some(row.sms_enabled),
    }
}

/// The row as the create form, or what in it cannot be read.
pub(crate) fn form_of(row: &Row) -> Result<TrackerForm, Vec<RowError>> {
    let mut errs = Vec::new();
    let mut flag = |column: &str, text: &str| match cell(text).to_ascii_lowercase().as_str() {
        "" | "no" | "n" | "false" | "0" => false,
        "yes" | "y" | "true" | "1" => true,
        other => {
            errs.push(error(row, column, format!("yes or no (got \"{other}\")")));
            false
        }
    };
    let toll_free = flag("toll_free", &row.toll_free);
    let record_calls = flag("record_calls", &row.record_calls);
    let sms_enabled = flag("sms", &row.sms);
    let pool_size = match cell(&row.pool_size) {
        "" => None,
        n => match n.parse::<u32>() {
            Ok(n) => Some(n),
            Err(_) => {
                errs.push(error(
                    row,
                    "pool_size",
                    format!("a whole number of numbers (got \"{n}\")"),
                ));
                None
            }
        },
    };
    let kind = match cell(&row.kind).to_ascii_lowercase().as_str() {
        "" if pool_size.is_some() => TrackerKind::Session,
        "" | "source" => TrackerKind::Source,
        "session" => TrackerKind::Session,
        other => {
            errs.push(error(
                row,
                "type",
                format!("source or session (got \"{other}\")"),
            ));
            TrackerKind::Source
        }
    };
    let text = |s: &str| Some(cell(s).to_owned()).filter(|s| !s.is_empty());
    let form = TrackerForm {
        kind,
        company_id: cell(&row.company_id).to_owned(),
        name: cell(&row.name).to_owned(),
        destination: cell(&row.destination).to_owned(),
        area_code: text(&row.area_code),
        toll_free,
        pool_size,
        source: (kind == TrackerKind::Source).then(|| SourceInput {
            kind: text(&row.source_type).unwrap_or_else(|| "offline".into()),
            landing: text(&row.landing),
            referrer: text(&row.referrer),
            search_engine: text(&row.search_engine),
            search_type: text(&row.search_type),
        }),
        whisper: text(&row.whisper),
        greeting: text(&row.greeting),
        record_calls,
        sms_enabled,
        swap_targets: cell(&row.swap_targets)
            .split(';')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect(),
        campaign_name: None,
    };
    if errs.is_empty() {
        Ok(form)
    } else {
        Err(errs)
    }
}
