//! Bulk work on trackers: the CSV file a person edits (one tracker a row, the columns of the create
//! and edit forms), and the plan of what applying it would do, row by row, with what it buys and
//! releases. Planning reads nothing and writes nothing: it compares the rows with the trackers it is
//! given, by the same Rust rules as the forms.

mod file;
mod plan;
mod row_form;

pub use file::{
    check_size, neutral, read, read_path, row_of, spreadsheet_writer, write, FileError, Row,
    COLUMNS, MAX_FILE_BYTES, MAX_ROWS,
};
pub use plan::name_key;
pub use plan::{plan, Action, Plan, PlannedRow, Prices, Summary, Work};
pub use row_form::RowError;
