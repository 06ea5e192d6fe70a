//! The trackers file and its plan, on trackers as CallRail sends them (the API reference's examples).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use bulk::{plan, read, write, Action, Prices};
use callrail::Tracker;

fn fixture(name: &str) -> Tracker {
    let path = format!(
        "{}/../../../tests/fixtures/callrail/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn company() -> Vec<Tracker> {
    let mut all = [
        "tracker-source",
        "tracker-session",
        "tracker-advanced-flow",
        "tracker-disabled",
    ]
    .map(fixture)
    .to_vec();
    // The reference's disabled example is its source example, disabled: one tracker each here.
    all[3].id = "TRKd15ab1ed".into();
    all
}

fn planned(file: &str, trackers: &[Tracker], allow_disable: bool) -> bulk::Plan {
    plan(
        &read(file.as_bytes()).unwrap(),
        trackers,
        allow_disable,
        Prices::default(),
    )
}

#[test]
fn an_exported_file_plans_to_no_change() {
    let trackers = company();
    let file = write(&trackers).unwrap();
    assert!(
        file.starts_with(b"\xEF\xBB\xBF"),
        "a byte-order mark for spreadsheets"
    );
    let p = plan(&read(&file).unwrap(), &trackers, false, Prices::default());
    assert_eq!(p.summary.unchanged, 4, "{p:#?}");
    assert_eq!(
        (
            p.summary.create,
            p.summary.update,
            p.summary.disable,
            p.summary.errors,
            p.summary.requests
        ),
        (0, 0, 0, 0, 0)
    );
}

#[test]
fn a_row_without_an_id_is_the_active_namesake_so_a_file_applied_twice_buys_nothing() {
    let trackers = company();
    let acme = trackers[0].company.as_ref().unwrap().id.clone();
    // Columns left out are left as they are (the billboard's whisper and SMS stay).
    let file = format!(
        "company_id,name,type,destination,area_code,record_calls,greeting\n\
         {acme},Billboard I-85,source,(404) 555-0100,404,yes,This call may be recorded.\n\
         {acme},Radio spot,source,(404) 555-0100,404,no,\n"
    );
    let p = planned(&file, &trackers, false);
    assert_eq!(p.rows[0].action, Action::Unchanged, "{:?}", p.rows[0]);
    assert_eq!(
        p.rows[0].tracker_id.as_deref(),
        Some(trackers[0].id.as_str())
    );
    assert_eq!(p.rows[1].action, Action::Create);
    assert_eq!(
        (p.summary.numbers_bought, p.summary.monthly_added),
        (1, 3.0)
    );
}

#[test]
fn updates_show_each_change_and_a_growing_pool_buys_the_difference() {
    let trackers = company();
    let mut rows = read(&write(&trackers).unwrap()).unwrap();
    rows[0].destination = "404-555-0199".into();
    rows[0].whisper = "Billboard call".into();
    rows[1].pool_size = "8".into();
    let p = plan(&rows, &trackers, false, Prices::default());
    assert_eq!(p.rows[0].action, Action::Update);
    assert_eq!(
        p.rows[0].diff,
        [
            "destination: (404) 555-0100 -> 404-555-0199",
            "whisper: Billboard call from [source] -> Billboard call"
        ]
    );
    assert_eq!(p.rows[1].diff, ["pool_size: 5 -> 8"]);
    assert_eq!(p.summary.numbers_bought, 3);
    assert_eq!(p.summary.requests, 4, "a read and a write per update");
}

#[test]
fn errors_name_the_line_the_column_and_the_rule() {
    let trackers = company();
    let acme = trackers[0].company.as_ref().unwrap().id.clone();
    let file = format!(
        "company_id,name,type,destination,area_code,pool_size,record_calls,id,status\n\
         {acme},Tiny pool,session,(404) 555-0100,404,3,no,,\n\
         {acme},Maybe,source,(404) 555-0100,404,,sometimes,,\n\
         {acme},Ghost,source,(404) 555-0100,404,,no,TRK404,\n\
         {acme},Billboard I-85,source,(404) 555-0100,404,,yes,{},disabled\n",
        trackers[0].id
    );
    let p = planned(&file, &trackers, false);
    let first = |i: usize| {
        (
            p.rows[i].errors[0].line,
            p.rows[i].errors[0].column.as_str(),
        )
    };
    assert_eq!(first(0), (2, "pool_size"));
    assert!(p.rows[0].errors[0].message.contains("between 4 and 50"));
    assert_eq!(first(1), (3, "record_calls"));
    assert_eq!(first(2), (4, "id"));
    assert_eq!(first(3), (5, "status"), "disabling needs to be allowed");
    assert_eq!(p.summary.errors, 4);
    let allowed = planned(&file, &trackers, true);
    assert_eq!(allowed.rows[3].action, Action::Disable);
    assert_eq!(allowed.summary.numbers_released, 1);
}

#[test]
fn two_rows_about_one_tracker_are_refused() {
    let trackers = company();
    let acme = trackers[0].company.as_ref().unwrap().id.clone();
    let row = format!("{acme},Radio spot,source,(404) 555-0100,404,no\n");
    let file = format!("company_id,name,type,destination,area_code,record_calls\n{row}{row}");
    let p = planned(&file, &trackers, false);
    assert_eq!(p.rows[0].action, Action::Create);
    assert_eq!(p.rows[1].action, Action::Error);
    assert!(p.rows[1].errors[0].message.contains("line 2"));
}

#[test]
fn a_file_is_read_with_or_without_a_byte_order_mark_and_formula_cells_come_back() {
    let mut trackers = company();
    trackers[0].name = "=Billboard".into();
    let file = write(&trackers).unwrap();
    assert!(String::from_utf8_lossy(&file).contains("'=Billboard"));
    let rows = read(&file[3..]).unwrap();
    let p = plan(&rows, &trackers, false, Prices::default());
    assert_eq!(p.summary.unchanged, 4, "{p:#?}");
    assert!(
        read(b"id,company\n1,2\n").is_err(),
        "no name column: not a trackers file"
    );
}

#[test]
fn a_name_two_active_trackers_share_is_an_error_naming_both_ids() {
    let mut trackers = company();
    let mut twin = trackers[0].clone();
    twin.id = "TRKtwin".into();
    twin.name = format!("  {}  ", trackers[0].name.to_uppercase());
    trackers.push(twin);
    let company = trackers[0].company.clone().unwrap().id;
    let file = format!(
        "company_id,name,whisper\n{company},{},Hello\n",
        trackers[0].name
    );
    let p = planned(&file, &trackers, false);
    assert_eq!(p.rows[0].action, Action::Error, "{p:#?}");
    let message = &p.rows[0].errors[0].message;
    assert!(
        message.contains(&trackers[0].id)
            && message.contains("TRKtwin")
            && message.contains("give the id"),
        "{message}"
    );
}

#[test]
fn names_are_matched_trimmed_case_folded_and_unicode_normalised() {
    let mut trackers = company();
    trackers[0].name = "Café Main St".into();
    let company = trackers[0].company.clone().unwrap().id;
    // Decomposed é, other case, doubled and padded spaces: the same tracker, not a create.
    let file = format!("company_id,name,whisper\n{company},\"  cafe\u{301}  MAIN   st \",Hello\n");
    let p = planned(&file, &trackers, false);
    assert_eq!(p.rows[0].action, Action::Update, "{p:#?}");
    assert_eq!(
        p.rows[0].tracker_id.as_deref(),
        Some(trackers[0].id.as_str())
    );
    assert_eq!(bulk::name_key(" Café\u{a0}Main  ST"), "café main st");
}

#[test]
fn a_misnamed_column_is_refused_with_the_name_meant() {
    let e = read(b"ID,company_id,name\nTRK1,COM1,A\n")
        .unwrap_err()
        .to_string();
    assert!(e.contains("\"ID\" (did you mean \"id\"?)"), "{e}");
    let e = read(b"name,colour\nA,red\n").unwrap_err().to_string();
    assert!(e.contains("\"colour\""), "{e}");
}

#[test]
fn a_file_too_large_is_refused_before_it_is_read() {
    let dir = std::env::temp_dir().join(format!("bulk-large-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("huge.csv");
    // A sparse 200 MB file: refused from its size alone, without reading its bytes.
    let f = std::fs::File::create(&path).unwrap();
    f.set_len(200 * 1024 * 1024).unwrap();
    let e = bulk::read_path(&path).unwrap_err().to_string();
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(e.contains("at most 16777216 bytes"), "{e}");
    let mut many = String::from("name\n");
    for i in 0..=bulk::MAX_ROWS {
        many.push_str(&format!("T{i}\n"));
    }
    assert!(read(many.as_bytes())
        .unwrap_err()
        .to_string()
        .contains("more than 20000 rows"));
}

#[test]
fn a_planned_disable_keeps_the_numbers_it_releases() {
    let trackers = company();
    let t = &trackers[1];
    let file = format!("id,name,status\n{},{},disabled\n", t.id, t.name);
    let p = planned(&file, &trackers, true);
    assert_eq!(p.rows[0].action, Action::Disable);
    assert_eq!(p.rows[0].work.releases, t.tracking_numbers);
}
