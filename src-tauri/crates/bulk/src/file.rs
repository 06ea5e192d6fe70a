//! The trackers file: UTF-8 CSV (a byte-order mark is allowed), a header row, one tracker a row.
//! Columns may come in any order; a missing one is empty. See `docs/bulk-csv.md`.

use callrail::{Tracker, TrackerForm, TrackerType};
use serde::{Deserialize, Serialize};

/// The columns, in the order an export writes them.
pub const COLUMNS: [&str; 19] = [
    "id",
    "company_id",
    "name",
    "type",
    "source_type",
    "landing",
    "referrer",
    "search_engine",
    "search_type",
    "destination",
    "area_code",
    "toll_free",
    "pool_size",
    "swap_targets",
    "whisper",
    "greeting",
    "record_calls",
    "sms",
    "status",
];

/// One row as written: every cell text, as a person may have typed it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Row {
    /// The line of the file it came from (1 is the header), for errors; not a column.
    #[serde(skip)]
    pub line: u32,
    /// The columns the file has; a change leaves the others as they are. Empty: every column.
    #[serde(skip)]
    pub columns: std::sync::Arc<std::collections::BTreeSet<String>>,
    pub id: String,
    pub company_id: String,
    pub name: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub source_type: String,
    pub landing: String,
    pub referrer: String,
    pub search_engine: String,
    pub search_type: String,
    pub destination: String,
    pub area_code: String,
    pub toll_free: String,
    pub pool_size: String,
    /// Separated by `;`.
    pub swap_targets: String,
    pub whisper: String,
    pub greeting: String,
    pub record_calls: String,
    pub sms: String,
    pub status: String,
}

#[derive(Debug, thiserror::Error)]
pub enum FileError {
    #[error("the file is not UTF-8 text: save it as CSV UTF-8")]
    NotUtf8,
    #[error("line {line}: {message}")]
    Csv { line: u64, message: String },
    #[error("the header row has no \"name\" column, so this is not a trackers file")]
    NoHeader,
    #[error("the header names {0}, which a trackers file does not have; the columns are: {cols}", cols = COLUMNS.join(", "))]
    UnknownColumns(String),
    #[error("the file is {size} bytes; a trackers file may have at most {MAX_FILE_BYTES} bytes (split it)")]
    TooLarge { size: u64 },
    #[error("the file has more than {MAX_ROWS} rows; split it into smaller files")]
    TooManyRows,
}

/// The largest trackers file read: 20,000 rows of every column fit well within it.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;
/// The most rows a file may have: a run beyond this would take the account's quota for days.
pub const MAX_ROWS: usize = 20_000;

/// Refuses a file of `size` bytes before it is read.
pub fn check_size(size: u64) -> Result<(), FileError> {
    if size > MAX_FILE_BYTES {
        Err(FileError::TooLarge { size })
    } else {
        Ok(())
    }
}

/// Reads the trackers file at `path`, refusing one too large before reading it.
pub fn read_path(path: &std::path::Path) -> Result<Vec<u8>, std::io::Error> {
    use std::io::Read;
    let file = std::fs::File::open(path)?;
    let size = file.metadata()?.len();
    check_size(size)
        .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e.to_string()))?;
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    // Read no more than the cap, even if the file grows while it is read.
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    check_size(bytes.len() as u64)
        .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e.to_string()))?;
    Ok(bytes)
}

/// The rows of a trackers file.
pub fn read(bytes: &[u8]) -> Result<Vec<Row>, FileError> {
    check_size(bytes.len() as u64)?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|_| FileError::NotUtf8)?;
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
    let headers = reader.headers().map_err(csv_error)?.clone();
    if !headers.iter().any(|h| h.trim() == "name") {
        return Err(FileError::NoHeader);
    }
    let trimmed: csv::StringRecord = headers.iter().map(str::trim).collect();
    // A column the file misnames (`ID` for `id`) would silently be ignored: every row would then
    // match by name or create.
    let unknown: Vec<String> = trimmed
        .iter()
        .filter(|h| !h.is_empty() && !COLUMNS.contains(h))
        .map(
            |h| match COLUMNS.iter().find(|c| c.eq_ignore_ascii_case(h)) {
                Some(c) => format!("\"{h}\" (did you mean \"{c}\"?)"),
                None => format!("\"{h}\""),
            },
        )
        .collect();
    if !unknown.is_empty() {
        return Err(FileError::UnknownColumns(unknown.join(", ")));
    }
    let columns = std::sync::Arc::new(trimmed.iter().map(str::to_owned).collect());
    reader.set_headers(trimmed);
    let mut rows = Vec::new();
    for (i, record) in reader.deserialize::<Row>().enumerate() {
        if i >= MAX_ROWS {
            return Err(FileError::TooManyRows);
        }
        let mut row = record.map_err(csv_error)?;
        row.line = u32::try_from(i + 2).unwrap_or(u32::MAX);
        row.columns = std::sync::Arc::clone(&columns);
        rows.push(row);
    }
    Ok(rows)
}

fn csv_error(e: csv::Error) -> FileError {
    FileError::Csv {
        line: e.position().map_or(0, csv::Position::line),
        message: e.to_string(),
    }
}

fn yes_no(b: bool) -> String {
    if b { "yes" } else { "no" }.to_owned()
}

/// A tracker as its row: what planning this row against the same tracker leaves unchanged.
pub fn row_of(t: &Tracker) -> Row {
    let form = TrackerForm::from_tracker(t);
    let source = form.source.clone().unwrap_or_default();
    Row {
        line: 0,
        columns: std::sync::Arc::default(),
        id: t.id.clone(),
        company_id: form.company_id,
        name: form.name,
        kind: match t.kind {
            TrackerType::Session => "session",
            _ => "source",
        }
        .to_owned(),
        source_type: source.kind,
        landing: source.landing.unwrap_or_default(),
        referrer: source.referrer.unwrap_or_default(),
        search_engine: source.search_engine.unwrap_or_default(),
        search_type: source.search_type.unwrap_or_default(),
        destination: form.destination,
        area_code: form.area_code.unwrap_or_default(),
        toll_free: yes_no(form.toll_free),
        pool_size: form.pool_size.map(|n| n.to_string()).unwrap_or_default(),
        swap_targets: form.swap_targets.join(";"),
        whisper: form.whisper.unwrap_or_default(),
        greeting: form.greeting.unwrap_or_default(),
        record_calls: yes_no(form.record_calls),
        sms: yes_no(form.sms_enabled),
        status: if t.is_active() { "active" } else { "disabled" }.to_owned(),
    }
}

/// The trackers as a file, with a byte-order mark so spreadsheets read accents right. A cell that
/// starts like a formula gets a leading `'`, which reading the file again takes off.
pub fn write(trackers: &[Tracker]) -> Result<Vec<u8>, csv::Error> {
    let mut out = spreadsheet_writer();
    out.write_record(COLUMNS)?;
    for t in trackers {
        let r = row_of(t);
        let cells = [
            &r.id,
            &r.company_id,
            &r.name,
            &r.kind,
            &r.source_type,
            &r.landing,
            &r.referrer,
            &r.search_engine,
            &r.search_type,
            &r.destination,
            &r.area_code,
            &r.toll_free,
            &r.pool_size,
            &r.swap_targets,
            &r.whisper,
            &r.greeting,
            &r.record_calls,
            &r.sms,
            &r.status,
        ];
        out.write_record(cells.iter().map(|c| neutral(c)))?;
    }
    out.into_inner().map_err(|e| e.into_error().into())
}

/// How a cell starts when a spreadsheet would take it for a formula.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A CSV writer for files people open in spreadsheets: a UTF-8 byte-order mark first, so accents
/// read right.
pub fn spreadsheet_writer() -> csv::Writer<Vec<u8>> {
    csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec())
}

/// A cell that starts like a formula gets a leading `'`, so opening the file never runs anything.
pub fn neutral(s: &str) -> String {
    if s.starts_with(FORMULA_STARTS) {
        format!("'{s}")
    } else {
        s.to_owned()
    }
}

impl Row {
    /// Whether the file has this column (a row made in code has them all).
    pub fn has(&self, column: &str) -> bool {
        self.columns.is_empty() || self.columns.contains(column)
    }
}

/// A cell as the person meant it: trimmed, without the `'` an export put before a formula-like text.
pub(crate) fn cell(s: &str) -> &str {
    let s = s.trim();
    match s.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_STARTS) => rest,
        _ => s,
    }
}
