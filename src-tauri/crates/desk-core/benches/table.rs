//! The trackers table held in Rust, at a franchise's scale: 50,000 rows filtered as a person types
//! a search (each keystroke a new query, then the window's first rows), ordered by each column, and
//! the filters changed, set side by side in one run with copying the rows once (the least any
//! answer could cost). A keystroke should stay well inside a frame (16 ms). `cargo bench -p
//! desk-core --bench table` prints the figures; under `cargo test` a small version runs the same.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use callrail::{Order, StatusFilter, TrackerStatus, TrackerType};
use desk_core::table::{SortKey, Table, TableQuery};
use desk_core::views::TrackerRow;
use std::time::{Duration, Instant};

/// Rows as a franchise has them: a store's name and channel, a few pools, some disabled.
fn rows(n: usize) -> Vec<TrackerRow> {
    let channels = [
        "Google Ads",
        "Billboard",
        "Mailer",
        "Yelp",
        "Radio",
        "Website",
    ];
    (0..n)
        .map(|i| {
            let pool = i.is_multiple_of(20);
            let number = |k: usize| format!("(404) 555-{:04}", (i * 7 + k) % 10_000);
            TrackerRow {
                id: format!("TRK{i:08x}"),
                name: format!(
                    "Location {:03} {} {}",
                    i % 400,
                    channels[i % channels.len()],
                    i
                ),
                kind: if pool {
                    TrackerType::Session
                } else {
                    TrackerType::Source
                },
                status: if i.is_multiple_of(9) {
                    TrackerStatus::Disabled
                } else {
                    TrackerStatus::Active
                },
                numbers: (0..if pool { 8 } else { 1 }).map(number).collect(),
                pool_size: if pool { 8 } else { 1 },
                destination: Some(format!("(770) 555-{:04}", i % 500)),
                source: channels[(i / 3) % channels.len()].into(),
                recording: i.is_multiple_of(3),
                created_at: Some(format!(
                    "2025-{:02}-{:02}T10:00:00Z",
                    1 + i % 12,
                    1 + i % 28
                )),
                disabled_at: None,
            }
        })
        .collect()
}

fn stats(mut v: Vec<Duration>) -> (f64, f64) {
    v.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    (ms(v[v.len() / 2]), ms(v[v.len() - 1]))
}

fn main() {
    let bench = std::env::args().any(|a| a == "--bench");
    let n = if bench { 50_000 } else { 2_000 };
    let all = rows(n);
    let t = Instant::now();
    let copy = all.clone();
    let copy_ms = t.elapsed().as_secs_f64() * 1000.0;
    drop(copy);
    let t = Instant::now();
    let mut table = Table::new(all);
    let held_ms = t.elapsed().as_secs_f64() * 1000.0;

    // Typed a key at a time, then taken back.
    let typed = "location 042 google";
    let mut keys = Vec::new();
    let mut last_count = n;
    for end in (1..=typed.len()).chain((0..typed.len()).rev()) {
        let q = TableQuery {
            text: typed[..end].into(),
            ..TableQuery::default()
        };
        let t = Instant::now();
        let shown = table.count(&q);
        let window = table.window(&q, 0, 60);
        keys.push(t.elapsed());
        assert!(window.len() <= 60 && window.len() <= shown);
        last_count = shown;
    }
    assert_eq!(last_count, n, "the emptied box shows every row again");
    let matched = table.count(&TableQuery {
        text: typed.into(),
        ..TableQuery::default()
    });
    assert!(matched > 0 && matched < n / 10, "{matched} rows match");

    // Each column, both ways (the first time a column is asked for, it is sorted).
    let mut sorts = Vec::new();
    for sort in [
        SortKey::Type,
        SortKey::Numbers,
        SortKey::Destination,
        SortKey::Source,
        SortKey::Recording,
        SortKey::Status,
        SortKey::Created,
        SortKey::Name,
    ] {
        for order in [Order::Asc, Order::Desc] {
            let q = TableQuery {
                sort,
                order: Some(order),
                ..TableQuery::default()
            };
            let t = Instant::now();
            table.window(&q, 0, 60);
            sorts.push(t.elapsed());
        }
    }
    // A filter, over a sorted column.
    let t = Instant::now();
    let active = table.count(&TableQuery {
        status: Some(StatusFilter::Active),
        sort: SortKey::Created,
        ..TableQuery::default()
    });
    let filter_ms = t.elapsed().as_secs_f64() * 1000.0;
    assert!(active < n && active > n / 2);

    let (key_med, key_max) = stats(keys);
    let (sort_med, sort_max) = stats(sorts);
    println!("table: {n} rows; held in {held_ms:.1} ms, against copying them once {copy_ms:.1} ms");
    println!(
        "table: a keystroke of a search, count and first 60 rows: median {key_med:.2} ms, at most {key_max:.2} ms (a frame is 16 ms)"
    );
    println!(
        "table: ordered by a column, first 60 rows: median {sort_med:.2} ms, at most {sort_max:.2} ms (the first time each column is sorted)"
    );
    println!("table: the status filter over a sorted column: {filter_ms:.2} ms");
}
