//! The trackers tables the window shows, held here: opened from CallRail (or the last-seen copy),
//! read a window at a time, patched by the desk's own writes, and let go when the person moves on.
//! A few at the most are held; the least recently used goes first.

use super::Desk;
use crate::table::{Table, TableQuery};
use crate::trackers::TrackerListRequest;
use crate::views::{TrackerPage, TrackerRow};
use crate::{CoreError, CoreResult};
use serde::Serialize;
use std::sync::Mutex;

/// How many tables are held at once: the one on screen, the last-seen copy shown before it, and
/// the one just left (shown dimmed while the next loads).
const MOST_HELD: usize = 4;

/// A table opened: its id, for the windows to come, and what CallRail said of its pages.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct TableHead {
    pub table: u32,
    /// The rows held (before the search box and the filters).
    pub loaded: u32,
    pub page: u32,
    pub per_page: u32,
    pub total_pages: Option<u32>,
    pub total_records: Option<u32>,
    /// The rows come from the last-seen copy because CallRail could not be reached.
    pub offline: bool,
    /// When a last-seen copy was taken (the oldest row's time).
    pub seen_at: Option<String>,
}

/// Some of the rows a query shows, and how many it shows in all.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct TableWindow {
    pub shown: u32,
    pub start: u32,
    pub rows: Vec<TrackerRow>,
}

struct Held {
    id: u32,
    company: String,
    /// Every tracker of the company: a new one is added to it.
    whole: bool,
    table: Table,
}

/// The tables held, the most recently used last.
#[derive(Default)]
pub(crate) struct Tables {
    next: Mutex<u32>,
    held: Mutex<Vec<Held>>,
}

fn closed() -> CoreError {
    CoreError::NotFound("this list was let go; it is read again".into())
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl Tables {
    fn hold(&self, request: &TrackerListRequest, page: TrackerPage) -> TableHead {
        let id = {
            let mut next = self.next.lock().unwrap_or_else(|e| e.into_inner());
            *next += 1;
            *next
        };
        let head = TableHead {
            table: id,
            loaded: count(page.rows.len()),
            page: page.page,
            per_page: page.per_page,
            total_pages: page.total_pages,
            total_records: page.total_records,
            offline: page.offline,
            seen_at: page.seen_at,
        };
        let mut held = self.held.lock().unwrap_or_else(|e| e.into_inner());
        if held.len() >= MOST_HELD {
            held.remove(0);
        }
        held.push(Held {
            id,
            company: request.company_id.clone(),
            whole: request.all,
            table: Table::new(page.rows),
        });
        head
    }

    /// Runs `f` on table `id`, which becomes the most recently used.
    fn with<T>(&self, id: u32, f: impl FnOnce(&mut Table) -> T) -> CoreResult<T> {
        let mut held = self.held.lock().unwrap_or_else(|e| e.into_inner());
        let at = held.iter().position(|h| h.id == id).ok_or_else(closed)?;
        let mut h = held.remove(at);
        let out = f(&mut h.table);
        held.push(h);
        Ok(out)
    }

    fn close(&self, id: u32) {
        self.held
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .retain(|h| h.id != id);
    }

    /// A tracker as a write left it, in every table of its company.
    pub(crate) fn patch(&self, tracker: &callrail::Tracker) {
        let Some(company) = tracker.company.as_ref().map(|c| c.id.as_str()) else {
            return;
        };
        let row = TrackerRow::from(tracker);
        for h in self
            .held
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .iter_mut()
            .filter(|h| h.company == company)
        {
            h.table.patch(&row, h.whole);
        }
    }

    /// How many rows are held in all (for the footprint's figures and the tests).
    pub(crate) fn rows_held(&self) -> usize {
        self.held
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
            .map(|h| h.table.len())
            .sum()
    }
}

impl Desk {
    /// Reads a company's trackers as `request` asks (every page, with `watch` told of each) and
    /// holds them; the window then asks for the rows it shows.
    pub async fn open_table(
        &self,
        connection: &str,
        account: &str,
        request: TrackerListRequest,
        watch: Option<&callrail::Watch<'_>>,
    ) -> CoreResult<TableHead> {
        let page = self
            .list_trackers_watched(connection, account, request.clone(), watch)
            .await?;
        Ok(self.tables.hold(&request, page))
    }

    /// The last-seen copy of a company's trackers, held like a table read from CallRail; `None`
    /// when none was seen yet.
    pub async fn open_cached_table(
        &self,
        connection: &str,
        account: &str,
        request: TrackerListRequest,
    ) -> CoreResult<Option<TableHead>> {
        let page = self.cached_trackers(connection, account, &request).await?;
        Ok(page.map(|p| self.tables.hold(&request, p)))
    }

    /// Rows `start..start + count` of those `query` shows of a table, and how many it shows.
    pub fn table_rows(
        &self,
        table: u32,
        query: &TableQuery,
        start: u32,
        count: u32,
    ) -> CoreResult<TableWindow> {
        self.tables.with(table, |t| TableWindow {
            shown: self::count(t.count(query)),
            start,
            rows: t.window(query, start as usize, count as usize),
        })
    }

    /// The ids of rows `start..start + count` of those `query` shows.
    pub fn table_ids(
        &self,
        table: u32,
        query: &TableQuery,
        start: u32,
        count: u32,
    ) -> CoreResult<Vec<String>> {
        self.tables
            .with(table, |t| t.ids(query, start as usize, count as usize))
    }

    /// Lets a table go: the person moved on.
    pub fn close_table(&self, table: u32) {
        self.tables.close(table);
    }

    /// How many rows the held tables hold in all.
    pub fn table_rows_held(&self) -> usize {
        self.tables.rows_held()
    }
}
