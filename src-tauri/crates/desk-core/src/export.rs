//! The journal as a CSV or JSON file a person can keep or share. Entries hold no keys.

use crate::store::JournalEntry;
use crate::{CoreError, CoreResult};
use serde::Deserialize;
use specta::Type;
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Type)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    Csv,
    Json,
}

const COLUMNS: [&str; 14] = [
    "created_at",
    "completed_at",
    "person",
    "connection",
    "account_id",
    "company_id",
    "tracker_id",
    "tracker_name",
    "operation",
    "state",
    "outcome",
    "request",
    "before",
    "after",
];

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

pub fn to_csv(entries: &[JournalEntry]) -> String {
    let mut out = COLUMNS.join(",") + "\n";
    for e in entries {
        let o = |v: &Option<String>| v.clone().unwrap_or_default();
        let row = [
            e.created_at.clone(),
            o(&e.completed_at),
            e.person.clone(),
            e.connection.clone(),
            e.account_id.clone(),
            o(&e.company_id),
            o(&e.tracker_id),
            e.tracker_name.clone(),
            e.operation.as_str().to_owned(),
            e.state.as_str().to_owned(),
            o(&e.outcome),
            e.request.clone(),
            o(&e.before),
            o(&e.after),
        ];
        out.push_str(
            &row.iter()
                .map(|f| csv_field(f))
                .collect::<Vec<_>>()
                .join(","),
        );
        out.push('\n');
    }
    out
}

pub fn to_json(entries: &[JournalEntry]) -> String {
    serde_json::to_string_pretty(entries).unwrap_or_else(|_| "[]".into())
}

pub fn write(entries: &[JournalEntry], format: ExportFormat, path: &Path) -> CoreResult<()> {
    let text = match format {
        ExportFormat::Csv => to_csv(entries),
        ExportFormat::Json => to_json(entries),
    };
    std::fs::write(path, text)
        .map_err(|e| CoreError::Storage(format!("could not write {}: {e}", path.display())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{EntryState, Operation};

    #[test]
    fn csv_quotes_what_needs_quoting() {
        let e = JournalEntry {
            id: "1".into(),
            created_at: "2026-01-01T00:00:00Z".into(),
            completed_at: None,
            person: "ana@desk".into(),
            connection_id: "c".into(),
            connection: "Peachtree, Inc".into(),
            account_id: "ACC1".into(),
            company_id: None,
            tracker_id: Some("TRK1".into()),
            tracker_name: "Say \"hi\"".into(),
            operation: Operation::Update,
            request: r#"{"name":"x"}"#.into(),
            state: EntryState::Succeeded,
            outcome: Some("changed name".into()),
            before: None,
            after: None,
        };
        let csv = to_csv(std::slice::from_ref(&e));
        let line = csv.lines().nth(1).unwrap();
        assert!(line.contains("\"Peachtree, Inc\""));
        assert!(line.contains("\"Say \"\"hi\"\"\""));
        assert!(line.contains(r#""{""name"":""x""}""#));
        assert_eq!(csv.lines().count(), 2);
        let json: serde_json::Value = serde_json::from_str(&to_json(&[e])).unwrap();
        assert_eq!(json[0]["tracker_id"], "TRK1");
    }
}
