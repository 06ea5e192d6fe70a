//! The usage report: per tracker its calls, numbers, monthly cost and whether it is idle; per
//! company and for the account what the numbers cost and what disabling the idle ones would save;
//! for a pool, whether a smaller one would do. Pure: counts and trackers in, report out.

use callrail::{format_number, Tracker, TrackerType, E164};
use serde::Serialize;
use std::collections::HashMap;

pub use bulk::Prices;

/// A number's monthly price: toll-free numbers cost more.
fn price_of(prices: Prices, e164: &str) -> f64 {
    if E164::parse("number", e164).is_ok_and(|n| n.is_toll_free()) {
        prices.toll_free
    } else {
        prices.local
    }
}

/// Calls to one tracking number of one tracker over the window.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NumberCalls {
    pub calls: u32,
    pub answered: u32,
}

/// What to do about a pool's size.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PoolAdvice {
    /// The monthly visitors the person gave for the site, if any.
    pub monthly_visitors: Option<u32>,
    /// The pool size the visits call for, when they are known.
    pub suggested: Option<u32>,
    /// What a pool of the suggested size would save a month.
    pub saving: f64,
    /// The advice in plain words.
    pub advice: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TrackerUsage {
    pub id: String,
    pub name: String,
    pub company_id: String,
    pub company_name: String,
    pub session: bool,
    /// Formatted, e.g. "(404) 555-0142".
    pub numbers: Vec<String>,
    pub calls: u32,
    pub answered: u32,
    /// Its numbers that took no call in the window (for a pool: numbers no caller was shown, or
    /// that nobody dialled).
    pub numbers_never_called: Vec<String>,
    pub monthly: f64,
    /// No call in the window, and older than the window.
    pub idle: bool,
    pub created_at: Option<String>,
    pub pool: Option<PoolAdvice>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct UsageTotals {
    pub trackers: u32,
    pub numbers: u32,
    pub calls: u32,
    pub monthly: f64,
    pub idle_trackers: u32,
    /// Numbers the idle trackers hold.
    pub idle_numbers: u32,
    /// What disabling the idle trackers would save a month.
    pub saving: f64,
    /// What smaller pools would save a month, where the visits are known.
    pub pool_saving: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CompanyUsage {
    pub id: String,
    pub name: String,
    #[serde(flatten)]
    pub totals: UsageTotals,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct UsageReport {
    pub days: u32,
    /// The window: its first and last day (UTC), both whole.
    pub first_day: String,
    pub last_day: String,
    pub prices: Prices,
    /// Most to save first.
    pub companies: Vec<CompanyUsage>,
    /// Idle ones first, then by company and name.
    pub trackers: Vec<TrackerUsage>,
    pub account: UsageTotals,
    /// Requests the refresh before the report made (trackers, then calls).
    pub requests: u32,
    /// Set when the calls could not all be read (the quota's reserve was reached): the counts
    /// stop at the last day read in full, and idle trackers are not named.
    pub incomplete: Option<String>,
}

/// Numbers a pool needs: one per 20 daily visitors (CallTrackingMetrics' rule), and at least 5 or
/// one per 100 monthly visitors (the rule the app grew up with), whichever asks more, within
/// CallRail's 4 to 50.
pub fn pool_need(monthly_visitors: u32) -> u32 {
    let per_day = monthly_visitors.div_ceil(30).div_ceil(20);
    let per_month = monthly_visitors.div_ceil(100).max(5);
    per_day.max(per_month).clamp(4, 50)
}

fn pool_advice(
    size: u32,
    never: usize,
    calls: u32,
    visitors: Option<u32>,
    price: f64,
) -> PoolAdvice {
    match visitors {
        Some(v) => {
            let need = pool_need(v);
            if size > need {
                PoolAdvice {
                    monthly_visitors: Some(v),
                    suggested: Some(need),
                    saving: f64::from(size - need) * price,
                    advice: format!(
                        "{v} monthly visitors need about {need} numbers, not {size}. CallRail cannot shrink a pool: create a new pool of {need}, move the website snippet to it, then disable this one."
                    ),
                }
            } else {
                PoolAdvice {
                    monthly_visitors: Some(v),
                    suggested: Some(need),
                    saving: 0.0,
                    advice: format!("{v} monthly visitors need about {need} numbers: this pool of {size} is not too big."),
                }
            }
        }
        None => PoolAdvice {
            monthly_visitors: None,
            suggested: None,
            saving: 0.0,
            advice: if calls > 0 && never > 0 {
                format!(
                    "{never} of its {size} numbers took no call. One number idle in a pool is normal; give the site's monthly visitors to see whether a smaller pool would do."
                )
            } else {
                "Give the site's monthly visitors to see whether a smaller pool would do.".into()
            },
        },
    }
}

/// The report over `trackers` (the active ones in scope) from the calls counted per
/// (tracker, E.164 number) in the window that starts on `first_day` (`YYYY-MM-DD`).
///
/// `incomplete` says why not every call of the window was read: then no tracker is called idle,
/// as the calls not read may be theirs.
pub fn build_report(
    trackers: &[Tracker],
    counts: &HashMap<(String, String), NumberCalls>,
    visitors: &HashMap<String, u32>,
    prices: Prices,
    days: u32,
    (first_day, last_day): (&str, &str),
    incomplete: Option<String>,
) -> UsageReport {
    let mut rows: Vec<TrackerUsage> = trackers
        .iter()
        .map(|t| {
            let company_id = t.company.as_ref().map(|c| c.id.clone()).unwrap_or_default();
            let company_name = t
                .company
                .as_ref()
                .and_then(|c| c.name.clone())
                .unwrap_or_default();
            let per_number: Vec<NumberCalls> = t
                .tracking_numbers
                .iter()
                .map(|n| {
                    counts
                        .get(&(t.id.clone(), n.clone()))
                        .cloned()
                        .unwrap_or_default()
                })
                .collect();
            let calls = per_number.iter().map(|c| c.calls).sum();
            let answered = per_number.iter().map(|c| c.answered).sum();
            let never: Vec<String> = t
                .tracking_numbers
                .iter()
                .zip(&per_number)
                .filter(|(_, c)| c.calls == 0)
                .map(|(n, _)| format_number(n))
                .collect();
            let monthly = t.tracking_numbers.iter().map(|n| price_of(prices, n)).sum();
            // Created on a day before the window's first: RFC 3339 dates order as text.
            let older = t
                .created_at
                .as_deref()
                .is_some_and(|c| c.get(..10).is_some_and(|d| d < first_day));
            let session = t.kind == TrackerType::Session;
            let size = u32::try_from(t.tracking_numbers.len()).unwrap_or(u32::MAX);
            let unit = t
                .tracking_numbers
                .first()
                .map_or(prices.local, |n| price_of(prices, n));
            TrackerUsage {
                id: t.id.clone(),
                name: t.name.clone(),
                company_id,
                company_name,
                session,
                numbers: t
                    .tracking_numbers
                    .iter()
                    .map(|n| format_number(n))
                    .collect(),
                calls,
                answered,
                pool: session.then(|| {
                    pool_advice(size, never.len(), calls, visitors.get(&t.id).copied(), unit)
                }),
                numbers_never_called: never,
                monthly,
                // A pool is idle only when none of its numbers took a call.
                idle: calls == 0 && older && incomplete.is_none(),
                created_at: t.created_at.clone(),
            }
        })
        .collect();
    rows.sort_by(|a, b| {
        b.idle
            .cmp(&a.idle)
            .then_with(|| a.company_name.cmp(&b.company_name))
            .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
    });
    let mut by_company: Vec<CompanyUsage> = Vec::new();
    let mut account = UsageTotals::default();
    for r in &rows {
        let at = match by_company.iter().position(|c| c.id == r.company_id) {
            Some(i) => i,
            None => {
                by_company.push(CompanyUsage {
                    id: r.company_id.clone(),
                    name: r.company_name.clone(),
                    totals: UsageTotals::default(),
                });
                by_company.len() - 1
            }
        };
        for totals in [&mut by_company[at].totals, &mut account] {
            add(totals, r);
        }
    }
    by_company.sort_by(|a, b| {
        (b.totals.saving + b.totals.pool_saving)
            .total_cmp(&(a.totals.saving + a.totals.pool_saving))
            .then_with(|| a.name.cmp(&b.name))
    });
    UsageReport {
        days,
        first_day: first_day.to_owned(),
        last_day: last_day.to_owned(),
        prices,
        companies: by_company,
        trackers: rows,
        account,
        requests: 0,
        incomplete,
    }
}

fn add(t: &mut UsageTotals, r: &TrackerUsage) {
    let numbers = u32::try_from(r.numbers.len()).unwrap_or(u32::MAX);
    t.trackers += 1;
    t.numbers += numbers;
    t.calls += r.calls;
    t.monthly += r.monthly;
    if r.idle {
        t.idle_trackers += 1;
        t.idle_numbers += numbers;
        t.saving += r.monthly;
    } else if let Some(p) = &r.pool {
        t.pool_saving += p.saving;
    }
}

/// "$3.00".
pub fn dollars(amount: f64) -> String {
    format!("${amount:.2}")
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn tracker(id: &str, kind: &str, numbers: &[&str], created: &str) -> Tracker {
        serde_json::from_value(serde_json::json!({
            "id": id, "name": format!("Tracker {id}"), "type": kind, "status": "active",
            "tracking_numbers": numbers, "company": {"id": "COM1", "name": "Acme"},
            "created_at": created,
        }))
        .unwrap()
    }

    #[test]
    fn idle_means_no_call_in_the_window_and_older_than_it() {
        let trackers = [
            tracker("TRK1", "source", &["+14045550101"], "2025-01-01T00:00:00Z"),
            tracker("TRK2", "source", &["+18885550102"], "2025-01-01T00:00:00Z"),
            tracker("TRK3", "source", &["+14045550103"], "2026-11-20T00:00:00Z"),
            tracker(
                "TRK4",
                "session",
                &[
                    "+14045550104",
                    "+14045550105",
                    "+14045550106",
                    "+14045550107",
                ],
                "2025-01-01T00:00:00Z",
            ),
        ];
        let mut counts = HashMap::new();
        counts.insert(
            ("TRK1".into(), "+14045550101".into()),
            NumberCalls {
                calls: 3,
                answered: 2,
            },
        );
        // The pool: one number called, three never.
        counts.insert(
            ("TRK4".into(), "+14045550104".into()),
            NumberCalls {
                calls: 1,
                answered: 1,
            },
        );
        let r = build_report(
            &trackers,
            &counts,
            &HashMap::new(),
            Prices::default(),
            30,
            ("2026-11-01", "2026-11-30"),
            None,
        );
        let idle: Vec<&str> = r
            .trackers
            .iter()
            .filter(|t| t.idle)
            .map(|t| t.id.as_str())
            .collect();
        // TRK2 (toll-free, no calls); not TRK3 (younger than the window) nor the pool.
        assert_eq!(idle, ["TRK2"]);
        assert_eq!(r.account.saving, 5.0);
        assert_eq!(r.account.monthly, 3.0 + 5.0 + 3.0 + 4.0 * 3.0);
        let pool = r.trackers.iter().find(|t| t.id == "TRK4").unwrap();
        assert_eq!(pool.numbers_never_called.len(), 3);
        assert!(pool
            .pool
            .as_ref()
            .unwrap()
            .advice
            .contains("3 of its 4 numbers took no call"));
    }

    #[test]
    fn nothing_is_called_idle_on_counts_not_all_read() {
        let trackers = [tracker(
            "TRK1",
            "source",
            &["+14045550101"],
            "2025-01-01T00:00:00Z",
        )];
        let r = build_report(
            &trackers,
            &HashMap::new(),
            &HashMap::new(),
            Prices::default(),
            30,
            ("2026-11-01", "2026-11-30"),
            Some("stopped".into()),
        );
        assert!(!r.trackers[0].idle);
        assert_eq!((r.account.idle_trackers, r.account.saving), (0, 0.0));
        assert_eq!(r.incomplete.as_deref(), Some("stopped"));
    }

    #[test]
    fn a_pool_is_judged_against_its_visits_and_the_advice_is_a_new_smaller_pool() {
        assert_eq!(pool_need(300), 5, "at least five");
        assert_eq!(pool_need(2_000), 20, "one per 100 monthly visitors");
        assert_eq!(pool_need(90_000), 50, "within CallRail's 50");
        let numbers: Vec<String> = (0..30).map(|i| format!("+1404555{:04}", 200 + i)).collect();
        let refs: Vec<&str> = numbers.iter().map(String::as_str).collect();
        let trackers = [tracker("TRK9", "session", &refs, "2025-01-01T00:00:00Z")];
        let mut counts = HashMap::new();
        counts.insert(
            ("TRK9".into(), numbers[0].clone()),
            NumberCalls {
                calls: 9,
                answered: 9,
            },
        );
        let visitors = HashMap::from([("TRK9".to_owned(), 1_200)]);
        let r = build_report(
            &trackers,
            &counts,
            &visitors,
            Prices::default(),
            30,
            ("2026-11-01", "2026-11-30"),
            None,
        );
        let advice = r.trackers[0].pool.clone().unwrap();
        assert_eq!(advice.suggested, Some(12));
        assert_eq!(advice.saving, 18.0 * 3.0);
        assert!(advice.advice.contains("create a new pool of 12"));
        assert_eq!(r.account.pool_saving, 18.0 * 3.0);
        assert_eq!(r.account.idle_trackers, 0);
    }
}
