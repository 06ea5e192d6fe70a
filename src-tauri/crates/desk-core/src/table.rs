//! The trackers table held in Rust: a company's rows kept once, filtered, ordered and searched
//! here, and handed to the window a few dozen at a time, so that the web page holds only the rows
//! on screen.

use crate::views::TrackerRow;
use callrail::{Order, StatusFilter, TrackerStatus, TrackerType, TypeFilter};
use serde::Deserialize;
use std::collections::HashMap;

/// The column the rows are ordered by.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum SortKey {
    #[default]
    Name,
    Type,
    Numbers,
    Destination,
    Source,
    Recording,
    Status,
    Created,
}

/// What the table shows of the rows it holds.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Default)]
pub struct TableQuery {
    /// The search box: every word must appear (name, source, numbers); a phone number, whole or
    /// in part, matches on its digits within one number.
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub status: Option<StatusFilter>,
    #[serde(default, rename = "type")]
    pub kind: Option<TypeFilter>,
    #[serde(default)]
    pub sort: SortKey,
    /// A to Z when not given.
    #[serde(default)]
    pub order: Option<Order>,
}

/// Rows held once, with what the search box matches and each column's order worked out when first
/// asked for; the rows shown under the last query are kept as indices.
pub struct Table {
    rows: Vec<TrackerRow>,
    /// Per row, in lower case: name, source, the numbers, and each number's digits apart.
    hay: Vec<Box<str>>,
    /// Each column's order from A to Z (ties in name order), as row indices.
    orders: HashMap<SortKey, Vec<u32>>,
    shown: Option<(TableQuery, Vec<u32>)>,
}

impl Table {
    /// Worked out once here, so that no keystroke waits for it: what the search box matches, and
    /// the order of names.
    pub fn new(rows: Vec<TrackerRow>) -> Self {
        let hay = rows.iter().map(hay_of).collect();
        let mut table = Self {
            rows,
            hay,
            orders: HashMap::new(),
            shown: None,
        };
        table.order(SortKey::Name);
        table
    }

    /// How many rows are held.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// How many rows `query` shows.
    pub fn count(&mut self, query: &TableQuery) -> usize {
        self.shown(query).len()
    }

    /// Rows `start..start + count` of those `query` shows. A row matched on a pool number other
    /// than its first comes with that number first, so the table shows the number that matched.
    pub fn window(&mut self, query: &TableQuery, start: usize, count: usize) -> Vec<TrackerRow> {
        let digits = terms(&query.text).digits;
        let at: Vec<u32> = self.slice(query, start, count).to_vec();
        at.into_iter()
            .map(|i| {
                let mut row = self.rows[i as usize].clone();
                if !digits.is_empty() {
                    let hit = row
                        .numbers
                        .iter()
                        .position(|n| digits.iter().all(|d| digits_of(n).contains(d.as_str())));
                    if let Some(hit) = hit.filter(|&h| h > 0) {
                        let n = row.numbers.remove(hit);
                        row.numbers.insert(0, n);
                    }
                }
                row
            })
            .collect()
    }

    /// The ids of rows `start..start + count` of those `query` shows (a range ticked with Shift, or
    /// every row shown).
    pub fn ids(&mut self, query: &TableQuery, start: usize, count: usize) -> Vec<String> {
        let at: Vec<u32> = self.slice(query, start, count).to_vec();
        at.into_iter()
            .map(|i| self.rows[i as usize].id.clone())
            .collect()
    }

    /// A tracker as a write left it: put in place of its row; added when `add` and not held yet.
    /// Whether the table changed.
    pub fn patch(&mut self, row: &TrackerRow, add: bool) -> bool {
        let hay = hay_of(row);
        match self.rows.iter().position(|r| r.id == row.id) {
            Some(i) => {
                self.rows[i] = row.clone();
                self.hay[i] = hay;
            }
            None if add => {
                self.rows.push(row.clone());
                self.hay.push(hay);
            }
            None => return false,
        }
        self.orders.clear();
        self.shown = None;
        true
    }

    fn slice(&mut self, query: &TableQuery, start: usize, count: usize) -> &[u32] {
        let shown = self.shown(query);
        let start = start.min(shown.len());
        &shown[start..(start + count).min(shown.len())]
    }

    /// The rows `query` shows, in its order: worked out when the query changes, kept until then.
    fn shown(&mut self, query: &TableQuery) -> &[u32] {
        if self.shown.as_ref().map(|(q, _)| q) != Some(query) {
            let order = self.order(query.sort).clone();
            let wanted = terms(&query.text);
            let keep = |&i: &u32| {
                let (row, hay) = (&self.rows[i as usize], &self.hay[i as usize]);
                status_kept(query.status, row.status)
                    && type_kept(query.kind, row.kind)
                    && wanted.words.iter().all(|w| hay.contains(w.as_str()))
                    && wanted.digits.iter().all(|d| hay.contains(d.as_str()))
            };
            let list: Vec<u32> = if query.order == Some(Order::Desc) {
                order.iter().rev().copied().filter(keep).collect()
            } else {
                order.iter().copied().filter(keep).collect()
            };
            self.shown = Some((query.clone(), list));
        }
        self.shown.as_ref().map_or(&[], |(_, l)| l.as_slice())
    }

    /// A column's order from A to Z, worked out once: names as CallRail orders them (case set
    /// aside), the other columns as a person reads them (numbers in a text by their value), ties
    /// in name order.
    fn order(&mut self, key: SortKey) -> &Vec<u32> {
        if !self.orders.contains_key(&SortKey::Name) {
            let names: Vec<String> = self.rows.iter().map(|r| r.name.to_lowercase()).collect();
            let mut by_name: Vec<u32> = (0..self.rows.len() as u32).collect();
            by_name.sort_by(|&a, &b| names[a as usize].cmp(&names[b as usize]));
            self.orders.insert(SortKey::Name, by_name);
        }
        if !self.orders.contains_key(&key) {
            // Each row's key made once; ties in name order.
            let mut rank = vec![0u32; self.rows.len()];
            for (at, &i) in self.orders[&SortKey::Name].iter().enumerate() {
                rank[i as usize] = at as u32;
            }
            let mut keyed: Vec<(Box<str>, u32, u32)> = self
                .rows
                .iter()
                .enumerate()
                .map(|(i, r)| (column_key(key, r), rank[i], i as u32))
                .collect();
            keyed.sort_unstable();
            let order = keyed.into_iter().map(|(_, _, i)| i).collect();
            self.orders.insert(key, order);
        }
        &self.orders[&key]
    }
}

fn status_kept(filter: Option<StatusFilter>, status: TrackerStatus) -> bool {
    match filter {
        None => true,
        Some(StatusFilter::Active) => status == TrackerStatus::Active,
        Some(StatusFilter::Disabled) => status == TrackerStatus::Disabled,
    }
}

fn type_kept(filter: Option<TypeFilter>, kind: TrackerType) -> bool {
    match filter {
        None => true,
        Some(TypeFilter::Source) => kind == TrackerType::Source,
        Some(TypeFilter::Session) => kind == TrackerType::Session,
    }
}

/// What a column is ordered by, as text that orders byte by byte as a person reads it.
fn column_key(key: SortKey, r: &TrackerRow) -> Box<str> {
    let label = match key {
        SortKey::Name => return Box::from(""),
        SortKey::Type => match r.kind {
            TrackerType::Source => "Source",
            TrackerType::Session => "Session",
            TrackerType::Other => "Other",
        },
        SortKey::Status => match r.status {
            TrackerStatus::Active => "Active",
            TrackerStatus::Disabled => "Disabled",
            TrackerStatus::Other => "Other",
        },
        SortKey::Recording if r.recording => "On",
        SortKey::Recording => "Off",
        SortKey::Numbers => r.numbers.first().map_or("", String::as_str),
        SortKey::Destination => r.destination.as_deref().unwrap_or(""),
        SortKey::Source => &r.source,
        // ISO timestamps order as text.
        SortKey::Created => return Box::from(r.created_at.as_deref().unwrap_or("")),
    };
    natural_key(label)
}

/// Text that orders byte by byte as a person orders it: case set aside, and a run of digits by its
/// value ("Item 9" before "Item 10"): each run is written as its length, then its digits.
fn natural_key(s: &str) -> Box<str> {
    let mut key = String::with_capacity(s.len() + 8);
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if c.is_ascii_digit() {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            let value = s[start..i].trim_start_matches('0');
            let n = value.len().min(99) as u8;
            key.push(char::from(b'0' + n / 10));
            key.push(char::from(b'0' + n % 10));
            key.push_str(value);
        } else if c.is_ascii() {
            key.push(char::from(c.to_ascii_lowercase()));
            i += 1;
        } else {
            let ch = s[i..].chars().next().unwrap_or(' ');
            key.extend(ch.to_lowercase());
            i += ch.len_utf8();
        }
    }
    key.into_boxed_str()
}

fn digits_of(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

fn hay_of(r: &TrackerRow) -> Box<str> {
    let digits: Vec<String> = r.numbers.iter().map(|n| digits_of(n)).collect();
    format!(
        "{}\n{}\n{}\n{}",
        r.name,
        r.source,
        r.numbers.join(" "),
        digits.join(" ")
    )
    .to_lowercase()
    .into_boxed_str()
}

/// The search box's words: what must appear as it is, and runs of digits that must appear within
/// one number.
#[derive(Debug, PartialEq, Eq)]
struct Terms {
    words: Vec<String>,
    digits: Vec<String>,
}

fn phone_like(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_digit() || "()+-.".contains(c) || c.is_whitespace())
}

/// A whole query typed as a phone number ("(404) 555-0142") is one run of digits; a single word
/// that looks like part of a number is matched on its digits.
fn terms(query: &str) -> Terms {
    let q = query.trim().to_lowercase();
    if phone_like(&q) && digits_of(&q).len() >= 3 {
        return Terms {
            words: Vec::new(),
            digits: vec![digits_of(&q)],
        };
    }
    let (mut words, mut digits) = (Vec::new(), Vec::new());
    for t in q.split_whitespace() {
        if phone_like(t) && t.chars().any(|c| c.is_ascii_digit()) {
            digits.push(digits_of(t));
        } else {
            words.push(t.to_owned());
        }
    }
    Terms { words, digits }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: u32, name: &str, numbers: &[&str]) -> TrackerRow {
        TrackerRow {
            id: format!("TRK{id}"),
            name: name.into(),
            kind: if numbers.len() > 1 {
                TrackerType::Session
            } else {
                TrackerType::Source
            },
            status: TrackerStatus::Active,
            numbers: numbers.iter().map(|n| (*n).to_owned()).collect(),
            pool_size: numbers.len() as u32,
            destination: None,
            source: "Offline".into(),
            recording: id.is_multiple_of(2),
            created_at: Some(format!("2026-01-{:02}T00:00:00Z", id)),
            disabled_at: None,
        }
    }

    fn names(t: &mut Table, q: &TableQuery) -> Vec<String> {
        let n = t.count(q);
        t.window(q, 0, n).into_iter().map(|r| r.name).collect()
    }

    fn query(text: &str) -> TableQuery {
        TableQuery {
            text: text.into(),
            ..TableQuery::default()
        }
    }

    #[test]
    fn searches_every_word_and_numbers_by_their_digits_within_one_number() {
        let mut t = Table::new(vec![
            row(1, "Billboard North", &["(404) 555-0100"]),
            row(2, "Website pool", &["(404) 555-0200", "(404) 555-0142"]),
            row(3, "billboard south", &["(770) 555-0300"]),
        ]);
        assert_eq!(names(&mut t, &query("BILL north")), ["Billboard North"]);
        assert_eq!(names(&mut t, &query("(404) 555-0142")), ["Website pool"]);
        // The number that matched comes first.
        let hit = t.window(&query("0142"), 0, 10);
        assert_eq!(hit[0].numbers[0], "(404) 555-0142");
        // Digits never match across two numbers of a pool ("0200 (404" joined).
        assert!(names(&mut t, &query("0200404")).is_empty());
        assert_eq!(names(&mut t, &query("")).len(), 3);
    }

    #[test]
    fn orders_by_any_column_either_way_with_ties_in_name_order() {
        let mut t = Table::new(vec![
            row(10, "Item 10", &["(404) 555-0003"]),
            row(9, "item 9", &["(404) 555-0001", "(404) 555-0002"]),
            row(2, "Alpha", &["(404) 555-0002"]),
        ]);
        // Names as CallRail orders them: case set aside, as text.
        assert_eq!(names(&mut t, &query("")), ["Alpha", "Item 10", "item 9"]);
        let by = |sort, order| TableQuery {
            sort,
            order: Some(order),
            ..TableQuery::default()
        };
        assert_eq!(
            names(&mut t, &by(SortKey::Name, Order::Desc)),
            ["item 9", "Item 10", "Alpha"]
        );
        assert_eq!(
            names(&mut t, &by(SortKey::Numbers, Order::Asc)),
            ["item 9", "Alpha", "Item 10"]
        );
        // Source first, ties by name.
        assert_eq!(
            names(&mut t, &by(SortKey::Type, Order::Asc)),
            ["item 9", "Alpha", "Item 10"]
        );
        assert_eq!(
            names(&mut t, &by(SortKey::Created, Order::Desc)),
            ["Item 10", "item 9", "Alpha"]
        );
        assert!(natural_key("Item 9") < natural_key("item 10"));
        assert_eq!(natural_key("a02"), natural_key("A2"));
        assert!(natural_key("(404) 555-0100") < natural_key("(404) 555-0101"));
    }

    #[test]
    fn filters_status_and_type_and_hands_out_windows_and_ids() {
        let mut rows: Vec<TrackerRow> = (1..=250)
            .map(|i| row(i, &format!("T{i:04}"), &["(404) 555-0100"]))
            .collect();
        rows[3].status = TrackerStatus::Disabled;
        let mut t = Table::new(rows);
        let active = TableQuery {
            status: Some(StatusFilter::Active),
            ..TableQuery::default()
        };
        assert_eq!(t.count(&active), 249);
        let w = t.window(&active, 100, 50);
        assert_eq!(w.len(), 50);
        assert_eq!(w[0].name, "T0102");
        assert_eq!(t.ids(&active, 240, 50).len(), 9);
        assert!(t.window(&active, 900, 50).is_empty());
        let sessions = TableQuery {
            kind: Some(TypeFilter::Session),
            ..TableQuery::default()
        };
        assert_eq!(t.count(&sessions), 0);
    }

    #[test]
    fn a_write_patches_its_row_in_place_or_adds_it() {
        let mut t = Table::new(vec![row(1, "Bravo", &["(404) 555-0100"])]);
        assert_eq!(names(&mut t, &query("")), ["Bravo"]);
        let mut renamed = row(1, "Charlie", &["(404) 555-0100"]);
        assert!(t.patch(&renamed, false));
        assert!(!t.patch(&row(2, "Alpha", &["(404) 555-0101"]), false));
        assert!(t.patch(&row(2, "Alpha", &["(404) 555-0101"]), true));
        assert_eq!(names(&mut t, &query("")), ["Alpha", "Charlie"]);
        renamed.status = TrackerStatus::Disabled;
        t.patch(&renamed, true);
        assert_eq!(t.len(), 2);
        let active = TableQuery {
            status: Some(StatusFilter::Active),
            ..TableQuery::default()
        };
        assert_eq!(names(&mut t, &active), ["Alpha"]);
    }
}
