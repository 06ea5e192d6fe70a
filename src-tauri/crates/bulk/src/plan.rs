//! The plan of applying a trackers file: each row's action (create, update, disable, unchanged, or
//! an error naming its column and rule), and what the whole would buy, release and cost.

use crate::file::{cell, Row};
use crate::row_form::{diff, differences, error, form_of, violations, RowError};
use callrail::{plan_update, Tracker, TrackerChanges, TrackerForm, TrackerKind, TrackerType, E164};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    Create,
    Update,
    Disable,
    Unchanged,
    Error,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlannedRow {
    pub line: u32,
    pub action: Action,
    /// The tracker the row is about, when it exists.
    pub tracker_id: Option<String>,
    pub name: String,
    /// What an update changes, as CallRail names the fields.
    pub diff: Vec<String>,
    pub numbers_bought: u32,
    pub numbers_released: u32,
    /// Whether those numbers are toll-free (they cost more).
    pub toll_free: bool,
    pub errors: Vec<RowError>,
    /// What applying the row sends; kept with a run, never shown.
    #[serde(skip)]
    pub work: Work,
}

/// What applying a row sends, and what it was planned against, so that a run applies exactly
/// the plan shown, after a crash too.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Work {
    /// The create form.
    pub form: Option<TrackerForm>,
    /// The edit.
    pub changes: Option<TrackerChanges>,
    /// The tracker's name in CallRail when planned (a disable is confirmed with it).
    pub current_name: Option<String>,
    /// The tracker, as its form, when planned: an edit is not forced over a change made since.
    pub basis: Option<TrackerForm>,
    /// The numbers a disable releases, as planned: it releases no other.
    #[serde(default)]
    pub releases: Vec<String>,
}

/// What a number costs a month, in dollars.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Prices {
    pub local: f64,
    pub toll_free: f64,
}

impl Default for Prices {
    /// CallRail's list prices.
    fn default() -> Self {
        Self {
            local: 3.0,
            toll_free: 5.0,
        }
    }
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub create: u32,
    pub update: u32,
    pub disable: u32,
    pub unchanged: u32,
    pub errors: u32,
    pub numbers_bought: u32,
    pub numbers_released: u32,
    /// Dollars a month the bought numbers add, and the released ones save.
    pub monthly_added: f64,
    pub monthly_saved: f64,
    /// Requests applying needs: two a row, a read then a write (a create reads its company's
    /// trackers just before it is sent; more for a company of over 250 trackers).
    pub requests: u32,
    /// Requests a bulk run may still make this hour (CallRail's 1,000 less the tenth kept for the
    /// person, less what was spent), and the minutes the run waits on the limit beyond them.
    pub requests_left_this_hour: u32,
    pub minutes_at_quota: u32,
}

impl Summary {
    /// The wait at the account's remaining quota: `left` requests this hour, `per_hour` after.
    pub fn at_quota(&mut self, left: u32, per_hour: u32) {
        self.requests_left_this_hour = left;
        self.minutes_at_quota = (self.requests.saturating_sub(left) * 60).div_ceil(per_hour.max(1));
    }
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    pub summary: Summary,
    pub rows: Vec<PlannedRow>,
}

/// Requests a bulk run may make in an hour: CallRail's 1,000 less a tenth kept for the person
/// (the app sets what is left of the account's hour in its place).
const BULK_PER_HOUR: u32 = 900;

/// Plans `rows` against `trackers` (those of the companies the file names, as CallRail has them,
/// read with their swap targets). A row without an id creates, unless an active tracker of its
/// company has its name: then it is that tracker. Disabling needs `allow_disable`.
pub fn plan(rows: &[Row], trackers: &[Tracker], allow_disable: bool, prices: Prices) -> Plan {
    let by_id: HashMap<&str, &Tracker> = trackers.iter().map(|t| (t.id.as_str(), t)).collect();
    let mut by_name: HashMap<(String, String), Vec<&Tracker>> = HashMap::new();
    for t in trackers.iter().filter(|t| t.is_active()) {
        if let Some(company) = &t.company {
            by_name
                .entry((company.id.clone(), name_key(&t.name)))
                .or_default()
                .push(t);
        }
    }
    let mut seen: HashMap<String, u32> = HashMap::new();
    let mut planned = Vec::with_capacity(rows.len());
    for row in rows {
        let name = cell(&row.name).to_owned();
        let id = cell(&row.id);
        let named = by_name
            .get(&(cell(&row.company_id).to_owned(), name_key(&name)))
            .map_or(&[][..], Vec::as_slice);
        let mut p = match (id.is_empty(), by_id.get(id), named) {
            (false, Some(t), _) => plan_existing(row, t, allow_disable),
            (false, None, _) => failed(
                row,
                "id",
                format!("there is no tracker {id} in the companies this file names"),
            ),
            (true, _, [t]) => plan_existing(row, t, allow_disable),
            (true, _, []) => plan_create(row),
            (true, _, twins) => failed(
                row,
                "id",
                format!(
                    "{} active trackers of this company are named \"{name}\" ({}): give the id of the one meant",
                    twins.len(),
                    twins.iter().map(|t| t.id.as_str()).collect::<Vec<_>>().join(", ")
                ),
            ),
        };
        let target = p
            .tracker_id
            .clone()
            .unwrap_or_else(|| format!("{}/{}", cell(&row.company_id), name_key(&name)));
        if let Some(first) = seen.insert(target, row.line) {
            p = failed(
                row,
                "id",
                format!("line {first} is about the same tracker already"),
            );
        }
        planned.push(p);
    }
    Plan {
        summary: summarize(&planned, prices),
        rows: planned,
    }
}

/// A tracker's name as two names are compared: Unicode-normalised (NFKC), case-folded, with its
/// spaces trimmed and runs of them made one, so "Main  St" and "main st" are one tracker.
pub fn name_key(name: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    name.nfkc()
        .collect::<String>()
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

impl Plan {
    /// Turns the creates in a company that is not among `active` (the account's active companies)
    /// into errors: CallRail would refuse them.
    pub fn refuse_creates_outside(&mut self, active: &HashSet<String>, prices: Prices) {
        for p in &mut self.rows {
            let company = p.work.form.as_ref().map(|f| f.company_id.trim().to_owned());
            if let (Action::Create, Some(company)) = (p.action, company) {
                if !active.contains(&company) {
                    *p = PlannedRow {
                        action: Action::Error,
                        errors: vec![RowError {
                            line: p.line,
                            column: "company_id".into(),
                            message: format!("{company} is not an active company of this account"),
                        }],
                        numbers_bought: 0,
                        work: Work::default(),
                        ..p.clone()
                    };
                }
            }
        }
        let left = self.summary.requests_left_this_hour;
        self.summary = summarize(&self.rows, prices);
        self.summary.at_quota(left, BULK_PER_HOUR);
    }
}

fn summarize(rows: &[PlannedRow], prices: Prices) -> Summary {
    let mut summary = Summary::default();
    for p in rows {
        add(&mut summary, p, prices);
    }
    summary.at_quota(BULK_PER_HOUR, BULK_PER_HOUR);
    summary
}

fn add(s: &mut Summary, p: &PlannedRow, prices: Prices) {
    match p.action {
        Action::Create => {
            s.create += 1;
            s.requests += 2;
        }
        Action::Update => {
            s.update += 1;
            s.requests += 2;
        }
        Action::Disable => {
            s.disable += 1;
            s.requests += 2;
        }
        Action::Unchanged => s.unchanged += 1,
        Action::Error => s.errors += 1,
    }
    s.numbers_bought += p.numbers_bought;
    s.numbers_released += p.numbers_released;
    let price = if p.toll_free {
        prices.toll_free
    } else {
        prices.local
    };
    s.monthly_added += f64::from(p.numbers_bought) * price;
    s.monthly_saved += f64::from(p.numbers_released) * price;
}

fn row_result(row: &Row, action: Action) -> PlannedRow {
    PlannedRow {
        line: row.line,
        action,
        tracker_id: None,
        name: cell(&row.name).to_owned(),
        diff: Vec::new(),
        numbers_bought: 0,
        numbers_released: 0,
        toll_free: false,
        errors: Vec::new(),
        work: Work::default(),
    }
}

fn failed(row: &Row, column: &str, message: String) -> PlannedRow {
    errors(row, vec![error(row, column, message)])
}

fn errors(row: &Row, errors: Vec<RowError>) -> PlannedRow {
    PlannedRow {
        errors,
        ..row_result(row, Action::Error)
    }
}

fn plan_create(row: &Row) -> PlannedRow {
    let status = cell(&row.status).to_ascii_lowercase();
    if status == "disabled" {
        return failed(
            row,
            "status",
            "a new tracker cannot start disabled: leave the row out, or give its id".into(),
        );
    }
    let form = match form_of(row) {
        Ok(f) => f,
        Err(e) => return errors(row, e),
    };
    match form.validate() {
        Ok(draft) => PlannedRow {
            numbers_bought: draft.numbers_to_provision(),
            toll_free: form.toll_free,
            work: Work {
                form: Some(form),
                ..Work::default()
            },
            ..row_result(row, Action::Create)
        },
        Err(v) => errors(row, violations(row, v)),
    }
}

fn plan_existing(row: &Row, t: &Tracker, allow_disable: bool) -> PlannedRow {
    let toll_free = t
        .tracking_numbers
        .first()
        .and_then(|n| E164::parse("n", n).ok())
        .is_some_and(|n| n.is_toll_free());
    let on = |p: PlannedRow| PlannedRow {
        tracker_id: Some(t.id.clone()),
        toll_free,
        work: Work {
            current_name: Some(t.name.clone()),
            ..p.work
        },
        ..p
    };
    let wanted_active = match cell(&row.status).to_ascii_lowercase().as_str() {
        "" | "active" => true,
        "disabled" => false,
        other => {
            return on(failed(
                row,
                "status",
                format!("status is active or disabled (got \"{other}\")"),
            ))
        }
    };
    match (t.is_active(), wanted_active) {
        (false, false) => return on(row_result(row, Action::Unchanged)),
        (false, true) => {
            return on(failed(row, "status", "this tracker is disabled in CallRail, and a disabled tracker cannot be enabled again; mark it disabled or leave it out".into()))
        }
        (true, false) if !allow_disable => {
            return on(failed(row, "status", "disabling releases the numbers for good: plan again allowing disables to go ahead".into()))
        }
        (true, false) => {
            return on(PlannedRow {
                numbers_released: u32::try_from(t.pool_size()).unwrap_or(u32::MAX),
                work: Work {
                    releases: t.tracking_numbers.clone(),
                    ..Work::default()
                },
                ..row_result(row, Action::Disable)
            })
        }
        (true, true) => {}
    }
    let form = match form_of(row) {
        Ok(f) => f,
        Err(e) => return on(errors(row, e)),
    };
    let session = t.kind == TrackerType::Session;
    if (form.kind == TrackerKind::Session) != session {
        return on(failed(
            row,
            "type",
            "a tracker's type cannot change; make a new one instead".into(),
        ));
    }
    let now = TrackerForm::from_tracker(t);
    let changes = differences(&form, &now, |column| row.has(column));
    match plan_update(t, &changes) {
        Ok(update) if update.is_empty() => on(row_result(row, Action::Unchanged)),
        Ok(_) => {
            let grown = changes.pool_size.map_or(0, |n| {
                n.saturating_sub(u32::try_from(t.pool_size()).unwrap_or(0))
            });
            on(PlannedRow {
                diff: diff(&changes, &now),
                numbers_bought: grown,
                work: Work {
                    changes: Some(changes),
                    basis: Some(now),
                    ..Work::default()
                },
                ..row_result(row, Action::Update)
            })
        }
        Err(v) => on(errors(row, violations(row, v))),
    }
}
