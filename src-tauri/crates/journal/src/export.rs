//! The journal as a CSV or JSON file a person can keep or share. Entries hold no keys.

use crate::store::JournalEntry;
use crate::{JournalError, JournalResult};
use serde::Deserialize;
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
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

/// The entries as CSV, with a UTF-8 byte-order mark so Excel reads accents right.
pub fn to_csv(entries: &[JournalEntry]) -> JournalResult<Vec<u8>> {
    let failed = |e: csv::Error| JournalError::Storage(format!("could not write the CSV: {e}"));
    let mut out = bulk::spreadsheet_writer();
    out.write_record(COLUMNS).map_err(failed)?;
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
        out.write_record(row.iter().map(|f| bulk::neutral(f)))
            .map_err(failed)?;
    }
    out.into_inner()
        .map_err(|e| JournalError::Storage(format!("could not write the CSV: {e}")))
}

pub fn to_json(entries: &[JournalEntry]) -> String {
    serde_json::to_string_pretty(entries).unwrap_or_else(|_| "[]".into())
}

pub fn write(entries: &[JournalEntry], format: ExportFormat, path: &Path) -> JournalResult<()> {
    let text = match format {
        ExportFormat::Csv => to_csv(entries)?,
        ExportFormat::Json => to_json(entries).into_bytes(),
    };
    std::fs::write(path, text)
        .map_err(|e| JournalError::Storage(format!("could not write {}: {e}", path.display())))
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
        let bytes = to_csv(std::slice::from_ref(&e)).unwrap();
        assert!(
            bytes.starts_with(b"\xEF\xBB\xBF"),
            "a byte-order mark for Excel"
        );
        let csv = String::from_utf8(bytes[3..].to_vec()).unwrap();
        let line = csv.lines().nth(1).unwrap();
        assert!(line.contains("\"Peachtree, Inc\""));
        assert!(line.contains("\"Say \"\"hi\"\"\""));
        assert!(line.contains(r#""{""name"":""x""}""#));
        assert_eq!(csv.lines().count(), 2);
        let json: serde_json::Value = serde_json::from_str(&to_json(&[e])).unwrap();
        assert_eq!(json[0]["tracker_id"], "TRK1");
    }

    #[test]
    fn cells_that_look_like_formulas_are_neutralised_and_accents_survive() {
        let e = JournalEntry {
            id: "2".into(),
            created_at: "2026-01-01T00:00:00Z".into(),
            completed_at: None,
            person: "josé@desk".into(),
            connection_id: "c".into(),
            connection: "=HYPERLINK(\"http://evil.example\",\"x\")".into(),
            account_id: "+1".into(),
            company_id: Some("-2".into()),
            tracker_id: Some("@SUM(A1)".into()),
            tracker_name: "\tTabbed".into(),
            operation: Operation::Create,
            request: "\rcr".into(),
            state: EntryState::Failed,
            outcome: Some("Café Ñandú".into()),
            before: None,
            after: None,
        };
        let bytes = to_csv(&[e]).unwrap();
        let mut reader = csv::Reader::from_reader(&bytes[3..]);
        let row = reader.records().next().unwrap().unwrap();
        assert_eq!(&row[3], "'=HYPERLINK(\"http://evil.example\",\"x\")");
        assert_eq!(&row[4], "'+1");
        assert_eq!(&row[5], "'-2");
        assert_eq!(&row[6], "'@SUM(A1)");
        assert_eq!(&row[7], "'\tTabbed");
        assert_eq!(&row[11], "'\rcr");
        assert_eq!(&row[2], "josé@desk");
        assert_eq!(&row[10], "Café Ñandú");
    }
}
