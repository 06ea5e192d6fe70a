//! Account-wide search: "which client owns (404) 555-0142?", or a tracker by name, across every
//! company of an account. A number is matched on its digits, one number at a time, so a match never
//! spans two numbers of a pool.

use crate::views::TrackerRow;
use callrail::{Tracker, TrackerStatus};
use serde::Serialize;

/// The most hits one search returns; the count says how many there were.
pub const MAX_HITS: usize = 50;

/// The longest term accepted.
pub const MAX_TERM: usize = 100;

/// What was asked: a phone number's digits, or words that must all appear.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Term {
    Digits(String),
    Words(Vec<String>),
}

impl Term {
    /// `None` when there is nothing to search for. A term made only of a phone number's characters,
    /// with at least 3 digits, is a number; anything else is words.
    pub fn parse(term: &str) -> Option<Term> {
        let term = term.trim();
        let digits: String = term.chars().filter(char::is_ascii_digit).collect();
        let phone_like = term
            .chars()
            .all(|c| c.is_ascii_digit() || " ()+-.".contains(c));
        if phone_like && digits.len() >= 3 {
            return Some(Term::Digits(digits));
        }
        let words: Vec<String> = term.split_whitespace().map(str::to_lowercase).collect();
        (!words.is_empty()).then_some(Term::Words(words))
    }
}

/// Why a tracker matched.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", content = "number")]
pub enum Matched {
    /// One of its tracking numbers (formatted), which may be hidden in a pool's "+3".
    TrackingNumber(String),
    /// Where its calls ring (formatted).
    Destination(String),
    /// Its name, its company's name or its id.
    Name,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SearchHit {
    pub company_id: Option<String>,
    pub company_name: Option<String>,
    pub tracker: TrackerRow,
    pub matched: Matched,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct AccountSearch {
    /// At most [`MAX_HITS`], active trackers first, then by company and name.
    pub hits: Vec<SearchHit>,
    /// Every match, also those left out.
    pub total: u32,
    /// How many trackers were searched.
    pub searched: u32,
    /// Whether the trackers were just read from CallRail, not last-seen copies.
    pub from_callrail: bool,
    /// When the oldest copy searched was seen (RFC 3339); `None` when there was none.
    pub seen_at: Option<String>,
    /// What was read from CallRail for this search, when it was asked.
    pub refresh: Option<SearchRefresh>,
}

/// The companies a search read from CallRail, and those it left to their last-seen copies.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SearchRefresh {
    pub companies_read: u32,
    pub requests: u32,
    /// Stale companies not read this time.
    pub stale_left: u32,
    /// Why it stopped short, in a sentence; `None` when every stale company was read.
    pub stopped: Option<String>,
}

fn digits_of(number: &str) -> String {
    number.chars().filter(char::is_ascii_digit).collect()
}

/// A tracker as the account-wide search keeps it between searches: what it is matched on and what
/// a hit shows, without the rest of CallRail's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seen {
    pub company_id: Option<String>,
    pub company_name: Option<String>,
    pub row: TrackerRow,
    /// Each tracking number's digits, in the order of `row.numbers`.
    numbers: Vec<String>,
    destination: Option<String>,
    /// Name, company name and id, in lower case.
    words: String,
    pub seen_at: String,
}

impl Seen {
    pub fn of(t: &Tracker, seen_at: &str) -> Self {
        let company_name = t.company.as_ref().and_then(|c| c.name.clone());
        Self {
            company_id: t.company.as_ref().map(|c| c.id.clone()),
            words: format!(
                "{}\n{}\n{}",
                t.name,
                company_name.as_deref().unwrap_or(""),
                t.id
            )
            .to_lowercase(),
            company_name,
            row: TrackerRow::from(t),
            numbers: t.tracking_numbers.iter().map(|n| digits_of(n)).collect(),
            destination: t.destination().map(digits_of),
            seen_at: seen_at.to_owned(),
        }
    }
}

/// Why `t` matches `term`, if it does.
pub fn matches(t: &Seen, term: &Term) -> Option<Matched> {
    match term {
        Term::Digits(d) => t
            .numbers
            .iter()
            .zip(&t.row.numbers)
            .find(|(digits, _)| digits.contains(d.as_str()))
            .map(|(_, shown)| Matched::TrackingNumber(shown.clone()))
            .or_else(|| {
                t.destination
                    .as_ref()
                    .filter(|n| n.contains(d.as_str()))
                    .and(t.row.destination.clone())
                    .map(Matched::Destination)
            }),
        Term::Words(words) => words
            .iter()
            .all(|w| t.words.contains(w.as_str()))
            .then_some(Matched::Name),
    }
}

/// Searches the trackers seen, keeping the first [`MAX_HITS`].
pub fn search<'a>(
    trackers: impl IntoIterator<Item = &'a Seen>,
    term: &Term,
    from_callrail: bool,
) -> AccountSearch {
    let mut hits = Vec::new();
    let mut searched = 0u32;
    let mut oldest: Option<&str> = None;
    for t in trackers {
        searched += 1;
        if oldest.is_none_or(|o| t.seen_at.as_str() < o) {
            oldest = Some(&t.seen_at);
        }
        if let Some(matched) = matches(t, term) {
            hits.push(SearchHit {
                company_id: t.company_id.clone(),
                company_name: t.company_name.clone(),
                tracker: t.row.clone(),
                matched,
            });
        }
    }
    let order = |h: &SearchHit| {
        (
            h.tracker.status != TrackerStatus::Active,
            h.company_name.clone(),
            h.tracker.name.clone(),
        )
    };
    hits.sort_by_key(order);
    let total = u32::try_from(hits.len()).unwrap_or(u32::MAX);
    hits.truncate(MAX_HITS);
    AccountSearch {
        hits,
        total,
        searched,
        from_callrail,
        seen_at: oldest.map(str::to_owned),
        refresh: None,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn tracker(name: &str, company: &str, numbers: &[&str]) -> Seen {
        let t: Tracker = serde_json::from_value(serde_json::json!({
            "id": format!("TRK{name}"),
            "name": name,
            "type": if numbers.len() > 1 { "session" } else { "source" },
            "status": "active",
            "tracking_numbers": numbers,
            "destination_number": "+14045550100",
            "company": {"id": format!("COM{company}"), "name": company},
        }))
        .unwrap();
        Seen::of(&t, "2026-11-30T10:00:00Z")
    }

    #[test]
    fn a_number_typed_any_way_is_its_digits_and_words_are_lowercased() {
        assert_eq!(
            Term::parse(" (404) 555-0142 "),
            Some(Term::Digits("4045550142".into()))
        );
        assert_eq!(
            Term::parse("+1 404.555"),
            Some(Term::Digits("1404555".into()))
        );
        assert_eq!(
            Term::parse("Google  ADS"),
            Some(Term::Words(vec!["google".into(), "ads".into()]))
        );
        assert_eq!(Term::parse("42"), Some(Term::Words(vec!["42".into()])));
        assert_eq!(Term::parse("   "), None);
    }

    #[test]
    fn a_number_in_a_pool_is_named_and_no_match_spans_two_numbers() {
        let pool = tracker("Website", "Acme", &["+14045550141", "+14045550142"]);
        assert_eq!(
            matches(&pool, &Term::parse("(404) 555-0142").unwrap()),
            Some(Matched::TrackingNumber("(404) 555-0142".into()))
        );
        // The end of one number and the start of the next: "0141" + "1404".
        assert_eq!(matches(&pool, &Term::parse("01411404").unwrap()), None);
        assert_eq!(
            matches(&pool, &Term::parse("404 555 0100").unwrap()),
            Some(Matched::Destination("(404) 555-0100".into()))
        );
    }

    #[test]
    fn words_match_name_company_or_id_and_hits_are_ordered_and_capped() {
        let a = tracker("Billboard", "Bright Dental", &["+14045550001"]);
        let b = tracker("Google Ads", "Acme Plumbing", &["+14045550002"]);
        assert_eq!(
            matches(&a, &Term::parse("bright bill").unwrap()),
            Some(Matched::Name)
        );
        assert_eq!(matches(&b, &Term::parse("bright").unwrap()), None);

        let many: Vec<Seen> = (0..60)
            .map(|i| tracker(&format!("T{i:02}"), "Zed", &["+14045550003"]))
            .chain([a.clone(), b.clone()])
            .collect();
        let found = search(&many, &Term::parse("404555").unwrap(), false);
        assert_eq!(
            (found.total, found.searched, found.hits.len()),
            (62, 62, 50)
        );
        assert_eq!(found.hits[0].company_name.as_deref(), Some("Acme Plumbing"));
        assert_eq!(found.seen_at.as_deref(), Some("2026-11-30T10:00:00Z"));
    }
}
