//! Listing parameters, as CallRail documents them for trackers.

use crate::rules::check_id;
use crate::{Error, Result, RuleViolation};
use serde::{Deserialize, Serialize};

pub const PER_PAGE_MAX: u32 = 250;

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum StatusFilter {
    Active,
    Disabled,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TypeFilter {
    Source,
    Session,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Order {
    Asc,
    Desc,
}

/// Optional fields CallRail only sends when asked.
pub const TRACKER_FIELDS: [&str; 2] = ["campaign_name", "swap_targets"];

/// `GET /v3/a/{account}/trackers.json` parameters. `name` is the only sortable field.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
pub struct TrackerQuery {
    pub company_id: Option<String>,
    pub status: Option<StatusFilter>,
    #[serde(rename = "type")]
    pub kind: Option<TypeFilter>,
    /// A single term matched against names.
    pub search: Option<String>,
    /// Sort by name, in this order.
    pub sort_by_name: Option<Order>,
    pub fields: Vec<String>,
    pub page: Option<u32>,
    pub per_page: Option<u32>,
}

impl TrackerQuery {
    pub fn company(company_id: impl Into<String>) -> Self {
        Self {
            company_id: Some(company_id.into()),
            ..Self::default()
        }
    }

    /// The query string pairs, after checking each parameter.
    pub(crate) fn to_pairs(&self) -> Result<Vec<(&'static str, String)>> {
        let mut q = Vec::new();
        if let Some(id) = &self.company_id {
            q.push(("company_id", check_id("company_id", id)?));
        }
        if let Some(s) = self.status {
            q.push(("status", lower(s)));
        }
        if let Some(t) = self.kind {
            q.push(("type", lower(t)));
        }
        if let Some(term) = self
            .search
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            q.push(("search", term.to_owned()));
        }
        if let Some(order) = self.sort_by_name {
            q.push(("sort", "name".to_owned()));
            q.push(("order", lower(order)));
        }
        for f in &self.fields {
            if !TRACKER_FIELDS.contains(&f.as_str()) {
                return Err(Error::from(RuleViolation::new(
                    "fields",
                    format!(
                        "\"{f}\" is not an optional tracker field; use {}",
                        TRACKER_FIELDS.join(" or ")
                    ),
                )));
            }
        }
        if !self.fields.is_empty() {
            q.push(("fields", self.fields.join(",")));
        }
        if let Some(page) = self.page {
            if page == 0 {
                return Err(RuleViolation::new("page", "pages are counted from 1").into());
            }
            q.push(("page", page.to_string()));
        }
        if let Some(per_page) = self.per_page {
            check_per_page(per_page)?;
            q.push(("per_page", per_page.to_string()));
        }
        Ok(q)
    }
}

pub fn check_per_page(per_page: u32) -> Result<u32, RuleViolation> {
    if (1..=PER_PAGE_MAX).contains(&per_page) {
        Ok(per_page)
    } else {
        Err(RuleViolation::new(
            "per_page",
            format!("per page must be between 1 and {PER_PAGE_MAX} (got {per_page})"),
        ))
    }
}

fn lower<T: Serialize>(v: T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_documented_parameter_is_written() {
        let q = TrackerQuery {
            company_id: Some("COM1".into()),
            status: Some(StatusFilter::Active),
            kind: Some(TypeFilter::Session),
            search: Some(" Google ".into()),
            sort_by_name: Some(Order::Desc),
            fields: vec!["swap_targets".into(), "campaign_name".into()],
            page: Some(2),
            per_page: Some(250),
        };
        let pairs: Vec<String> = q
            .to_pairs()
            .unwrap()
            .into_iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        assert_eq!(
            pairs,
            [
                "company_id=COM1",
                "status=active",
                "type=session",
                "search=Google",
                "sort=name",
                "order=desc",
                "fields=swap_targets,campaign_name",
                "page=2",
                "per_page=250"
            ]
        );
    }

    #[test]
    fn out_of_range_values_are_refused_before_sending() {
        let q = TrackerQuery {
            per_page: Some(251),
            ..Default::default()
        };
        assert!(q.to_pairs().unwrap_err().to_string().contains("per_page"));
        let q = TrackerQuery {
            fields: vec!["pool_size".into()],
            ..Default::default()
        };
        assert!(q.to_pairs().unwrap_err().to_string().contains("fields"));
        let q = TrackerQuery {
            page: Some(0),
            ..Default::default()
        };
        assert!(q.to_pairs().is_err());
    }
}
