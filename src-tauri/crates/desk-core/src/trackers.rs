//! Tracker work on a connection: list, read, check, create, preview and apply edits, disable.
//! The money guards live here, not only in the UI: a create must confirm the count of numbers it
//! buys, a pool that grows must confirm the extra numbers, a disable must repeat the tracker's name.

use crate::views::{
    FieldChange, FieldError, FormCheck, TrackerDetail, TrackerPage, TrackerRow, UpdatePreview,
};
use crate::{CoreError, CoreResult};
use callrail::{
    format_number, plan_update, Client, Order, RuleViolation, StatusFilter, Tracker,
    TrackerChanges, TrackerDraft, TrackerForm, TrackerKind, TrackerQuery, TypeFilter,
};
use serde::Deserialize;

/// What the trackers table asks for. `all` reads every page; otherwise `page` of `per_page` (≤ 250).
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TrackerListRequest {
    pub company_id: String,
    #[serde(default)]
    pub status: Option<StatusFilter>,
    #[serde(default, rename = "type")]
    pub kind: Option<TypeFilter>,
    #[serde(default)]
    pub search: Option<String>,
    #[serde(default)]
    pub order: Option<Order>,
    #[serde(default)]
    pub page: Option<u32>,
    #[serde(default)]
    pub per_page: Option<u32>,
    #[serde(default)]
    pub all: bool,
}

/// A page (or all) of a company's trackers, and the trackers as CallRail sent them (for the cache).
pub(crate) async fn list(
    client: &Client,
    account: &str,
    req: &TrackerListRequest,
    watch: Option<&callrail::Watch<'_>>,
) -> CoreResult<(TrackerPage, Vec<Tracker>)> {
    let query = TrackerQuery {
        company_id: Some(req.company_id.clone()),
        status: req.status,
        kind: req.kind,
        search: req.search.clone(),
        sort_by_name: Some(req.order.unwrap_or(Order::Asc)),
        fields: Vec::new(),
        page: req.page,
        per_page: req.per_page,
    };
    if req.all {
        let all = client
            .list_all_trackers_watched(account, &query, watch)
            .await?;
        return Ok((
            TrackerPage::whole(all.iter().map(TrackerRow::from).collect(), false, None),
            all,
        ));
    }
    let page = client.list_trackers(account, &query).await?;
    let view = TrackerPage {
        rows: page.items.iter().map(TrackerRow::from).collect(),
        page: page.page,
        per_page: page.per_page,
        total_pages: page.page_count(),
        total_records: page
            .total_records
            .map(|n| u32::try_from(n).unwrap_or(u32::MAX)),
        offline: false,
        seen_at: None,
    };
    Ok((view, page.items))
}

/// The last-seen trackers of a company that match the request, as one page.
pub(crate) fn from_cache(req: &TrackerListRequest, cached: Vec<(Tracker, String)>) -> TrackerPage {
    let term = req
        .search
        .as_deref()
        .map(str::to_lowercase)
        .unwrap_or_default();
    let seen_at = cached.iter().map(|(_, s)| s.clone()).min();
    let mut rows: Vec<TrackerRow> = cached
        .iter()
        .map(|(t, _)| t)
        .filter(|t| match req.status {
            Some(StatusFilter::Active) => t.is_active(),
            Some(StatusFilter::Disabled) => !t.is_active(),
            None => true,
        })
        .filter(|t| match req.kind {
            Some(TypeFilter::Source) => !t.is_pool(),
            Some(TypeFilter::Session) => t.is_pool(),
            None => true,
        })
        .filter(|t| term.is_empty() || t.name.to_lowercase().contains(&term))
        .map(TrackerRow::from)
        .collect();
    rows.sort_by_key(|r| r.name.to_lowercase());
    if req.order == Some(Order::Desc) {
        rows.reverse();
    }
    TrackerPage::whole(rows, true, seen_at)
}

pub(crate) async fn get(client: &Client, account: &str, id: &str) -> CoreResult<TrackerDetail> {
    let t = client
        .get_tracker(account, id, &["swap_targets", "campaign_name"])
        .await?;
    Ok(TrackerDetail::from(&t))
}

/// "1 number (area code 404)", "6 new numbers (toll-free)": what a create buys, counted as `thing`.
pub(crate) fn numbers_bought(draft: &TrackerDraft, thing: &str) -> String {
    format!(
        "{} ({})",
        crate::wording::count(draft.numbers_to_provision() as usize, thing),
        draft.numbers().describe()
    )
}

/// The Rust rules' verdict on a form, with the cost line a create would show.
pub fn check(form: &TrackerForm) -> FormCheck {
    match form.validate() {
        Ok(draft) => {
            let n = draft.numbers_to_provision();
            let cost_line = format!(
                "This provisions {}, billed monthly by CallRail.",
                numbers_bought(&draft, "number")
            );
            FormCheck {
                errors: Vec::new(),
                numbers_to_provision: Some(n),
                cost_line: Some(cost_line),
            }
        }
        Err(v) => FormCheck {
            errors: v.0.into_iter().map(FieldError::from).collect(),
            numbers_to_provision: None,
            cost_line: None,
        },
    }
}

/// The count of numbers a create buys must be confirmed exactly.
pub(crate) fn guard_create(draft: &TrackerDraft, confirmed_numbers: u32) -> CoreResult<()> {
    let n = draft.numbers_to_provision();
    if confirmed_numbers == n {
        return Ok(());
    }
    Err(CoreError::ConfirmationRequired {
        numbers: n,
        message: format!(
            "creating \"{}\" buys {n} number(s); confirm that count to go ahead",
            draft.name()
        ),
    })
}

/// A tracker just created; why its answer was lost when it was found instead; and a read-back that
/// failed after it was created (a warning: the create stands).
pub(crate) struct Made {
    pub tracker: Tracker,
    pub reconciled: Option<String>,
    pub warning: Option<String>,
}

/// New trackers go only to an active company.
pub(crate) fn active(company: &callrail::Company) -> CoreResult<()> {
    if company.is_active() {
        return Ok(());
    }
    Err(RuleViolation::new(
        "company_id",
        format!("{} is disabled in CallRail", company.name),
    )
    .into())
}

/// How much a create reads around its POST.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Create {
    /// The company is read first (it must be active), and a session is read back with its swap
    /// targets.
    Checked,
    /// Planned against the account's active companies already: the POST alone.
    Planned,
}

/// Creates the tracker in an active company, never taking one of `exclude` (trackers made by earlier
/// creates) for it.
pub(crate) async fn create(
    client: &Client,
    account: &str,
    draft: &TrackerDraft,
    exclude: &std::collections::HashSet<String>,
    how: Create,
) -> CoreResult<Made> {
    let company = match how {
        Create::Checked => Some(client.get_company(account, draft.company_id()).await?),
        Create::Planned => None,
    };
    if let Some(company) = &company {
        active(company)?;
    }
    let out = client
        .create_tracker_excluding(account, draft, exclude)
        .await?;
    let mut made = Made {
        tracker: out.tracker,
        reconciled: out.reconciled,
        warning: None,
    };
    // Read back with swap targets, so the detail panel shows what swap.js will look for.
    if draft.kind() == TrackerKind::Session && how == Create::Checked {
        match client
            .get_tracker(account, &made.tracker.id, &["swap_targets"])
            .await
        {
            Ok(t) => made.tracker = t,
            Err(e) => {
                made.warning = Some(format!(
                    "it was created, but reading it back with its swap targets failed ({e})"
                ))
            }
        }
    }
    Ok(made)
}

/// The before/after of an edit, without sending it, and the tracker as it is now.
/// The fields in which two forms of a tracker differ, by name.
pub(crate) fn form_differences(a: &TrackerForm, b: &TrackerForm) -> Vec<String> {
    let (a, b) = (serde_json::to_value(a), serde_json::to_value(b));
    match (a, b) {
        (Ok(serde_json::Value::Object(a)), Ok(serde_json::Value::Object(b))) => a
            .iter()
            .filter(|(k, v)| b.get(*k) != Some(*v))
            .map(|(k, _)| k.clone())
            .collect(),
        _ => vec!["the tracker".into()],
    }
}

pub(crate) async fn preview(
    client: &Client,
    account: &str,
    id: &str,
    changes: &TrackerChanges,
) -> CoreResult<(UpdatePreview, Tracker)> {
    let current = client.get_tracker(account, id, &["swap_targets"]).await?;
    let plan = plan_update(&current, changes)?;
    let mut out = Vec::new();
    let proposed = simulate(&current, changes);
    // In the order the edit form shows them.
    let changed = plan.changed_fields();
    for field in [
        "name",
        "call_flow",
        "whisper_message",
        "sms_enabled",
        "swap_targets",
        "pool_size",
    ] {
        if changed.contains(&field) {
            out.extend(describe_change(field, &current, &proposed));
        }
    }
    let extra = changes
        .pool_size
        .filter(|_| changed.contains(&"pool_size"))
        .map(|n| n.saturating_sub(u32::try_from(current.pool_size()).unwrap_or(u32::MAX)))
        .unwrap_or(0);
    Ok((
        UpdatePreview {
            changes: out,
            extra_numbers: extra,
        },
        current,
    ))
}

/// A pool that grows must confirm the extra numbers it buys.
pub(crate) fn guard_update(preview: &UpdatePreview, confirmed_numbers: u32) -> CoreResult<()> {
    if preview.extra_numbers == confirmed_numbers {
        return Ok(());
    }
    Err(CoreError::ConfirmationRequired {
        numbers: preview.extra_numbers,
        message: format!(
            "growing the pool buys {} more number(s); confirm that count to go ahead",
            preview.extra_numbers
        ),
    })
}

/// Disabling releases numbers for good: the tracker's name must be typed exactly.
pub(crate) fn guard_disable(t: &Tracker, confirm_name: &str) -> CoreResult<()> {
    if confirm_name.trim() == t.name.trim() {
        return Ok(());
    }
    Err(RuleViolation::new(
        "confirm_name",
        format!("type the tracker's name, {}, exactly to disable it", t.name),
    )
    .into())
}

/// The tracker as it would read after `changes`, for the before/after view.
fn simulate(current: &Tracker, changes: &TrackerChanges) -> TrackerDetail {
    let mut d = TrackerDetail::from(current);
    if let Some(n) = &changes.name {
        d.row.name = n.trim().to_owned();
    }
    if let Some(dest) = &changes.destination {
        let formatted = callrail::E164::parse("destination", dest)
            .map(|e| format_number(e.as_str()))
            .unwrap_or_default();
        d.call_flow.destination = Some(formatted.clone());
        d.row.destination = Some(formatted);
    }
    if let Some(w) = &changes.whisper {
        d.whisper = Some(w.trim().to_owned()).filter(|s| !s.is_empty());
    }
    if let Some(g) = &changes.greeting {
        d.call_flow.greeting = Some(g.trim().to_owned()).filter(|s| !s.is_empty());
    }
    if let Some(r) = changes.record_calls {
        d.call_flow.recording = r;
    }
    if let Some(p) = changes.pool_size {
        d.row.pool_size = p;
    }
    if let Some(s) = changes.sms_enabled {
        d.sms_enabled = s;
    }
    if let Some(t) = &changes.swap_targets {
        d.swap_targets = callrail::rules::check_swap_targets(t)
            .ok()
            .map(|v| v.iter().map(|s| format_number(&format!("+1{s}"))).collect());
    }
    d
}

fn describe_change(field: &str, before: &Tracker, after: &TrackerDetail) -> Vec<FieldChange> {
    let b = TrackerDetail::from(before);
    let text = |o: &Option<String>| o.clone().unwrap_or_else(|| "(none)".into());
    let onoff = |v: bool| if v { "on" } else { "off" }.to_owned();
    let change = |field: &str, label: &str, before: String, after: String| FieldChange {
        field: field.into(),
        label: label.into(),
        before,
        after,
    };
    match field {
        "name" => vec![change("name", "Name", b.row.name, after.row.name.clone())],
        "whisper_message" => vec![change(
            "whisper",
            "Whisper",
            text(&b.whisper),
            text(&after.whisper),
        )],
        "sms_enabled" => vec![change(
            "sms_enabled",
            "Text messages",
            onoff(b.sms_enabled),
            onoff(after.sms_enabled),
        )],
        "pool_size" => vec![change(
            "pool_size",
            "Pool size",
            b.row.pool_size.to_string(),
            after.row.pool_size.to_string(),
        )],
        "swap_targets" => vec![change(
            "swap_targets",
            "Swap targets",
            b.swap_targets
                .map(|v| v.join(", "))
                .unwrap_or_else(|| "(destination)".into()),
            after
                .swap_targets
                .clone()
                .map(|v| v.join(", "))
                .unwrap_or_default(),
        )],
        "call_flow" => {
            let mut out = Vec::new();
            if b.call_flow.destination != after.call_flow.destination {
                out.push(change(
                    "destination",
                    "Destination",
                    text(&b.call_flow.destination),
                    text(&after.call_flow.destination),
                ));
            }
            if b.call_flow.greeting != after.call_flow.greeting {
                out.push(change(
                    "greeting",
                    "Greeting",
                    text(&b.call_flow.greeting),
                    text(&after.call_flow.greeting),
                ));
            }
            if b.call_flow.recording != after.call_flow.recording {
                out.push(change(
                    "record_calls",
                    "Call recording",
                    onoff(b.call_flow.recording),
                    onoff(after.call_flow.recording),
                ));
            }
            out
        }
        other => vec![change(other, other, String::new(), String::new())],
    }
}

/// Active source trackers of type "all" in a company: they take precedence over session pools.
pub(crate) async fn always_swap(
    client: &Client,
    account: &str,
    company_id: &str,
) -> CoreResult<Vec<String>> {
    let q = TrackerQuery {
        status: Some(StatusFilter::Active),
        kind: Some(TypeFilter::Source),
        ..TrackerQuery::company(company_id)
    };
    Ok(client
        .list_all_trackers(account, &q)
        .await?
        .into_iter()
        .filter(|t| t.source.as_ref().is_some_and(|s| s.is_always_swap()))
        .map(|t| t.name)
        .collect())
}
