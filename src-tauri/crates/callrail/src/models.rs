//! What CallRail sends back, read tolerantly: unknown fields are ignored, nullable fields are
//! `Option`, and ids may come as strings or (legacy) numbers.

use crate::phone::format_number;
use serde::{Deserialize, Deserializer, Serialize};

/// One page of a list, whatever the list's key (`accounts`, `companies`, `trackers`).
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Page<T> {
    pub page: u32,
    pub per_page: u32,
    /// Missing in some real responses; see [`Page::page_count`].
    #[serde(default)]
    pub total_pages: Option<u32>,
    #[serde(default)]
    pub total_records: Option<u64>,
    #[serde(alias = "accounts", alias = "companies", alias = "trackers")]
    pub items: Vec<T>,
}

impl<T> Page<T> {
    /// The number of pages: `total_pages` when sent, else worked out from `total_records`.
    pub fn page_count(&self) -> Option<u32> {
        self.total_pages.or_else(|| {
            let per_page = u64::from(self.per_page.max(1));
            self.total_records
                .map(|n| u32::try_from(n.div_ceil(per_page)).unwrap_or(u32::MAX))
        })
    }
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
pub struct Account {
    #[serde(deserialize_with = "id_string")]
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub outbound_recording_enabled: Option<bool>,
    #[serde(default)]
    pub hipaa_account: Option<bool>,
    #[serde(default)]
    pub numeric_id: Option<u64>,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
pub struct Company {
    #[serde(deserialize_with = "id_string")]
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub time_zone: Option<String>,
    #[serde(default)]
    pub created_at: Option<String>,
    #[serde(default)]
    pub disabled_at: Option<String>,
    /// `None` when the swap.js snippet was never installed.
    #[serde(default)]
    pub dni_active: Option<bool>,
    /// Protocol-relative: `//cdn.callrail.com/companies/<n>/<hex>/12/swap.js`.
    #[serde(default)]
    pub script_url: Option<String>,
}

impl Company {
    pub fn is_active(&self) -> bool {
        self.status.as_deref() != Some("disabled")
    }
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
pub struct CompanyRef {
    #[serde(deserialize_with = "id_string")]
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum TrackerType {
    Source,
    Session,
    #[serde(other)]
    Other,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum TrackerStatus {
    Active,
    Disabled,
    #[serde(other)]
    Other,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
pub struct Tracker {
    #[serde(deserialize_with = "id_string")]
    pub id: String,
    pub name: String,
    #[serde(rename = "type")]
    pub kind: TrackerType,
    pub status: TrackerStatus,
    #[serde(default)]
    pub destination_number: Option<String>,
    #[serde(default)]
    pub tracking_numbers: Vec<String>,
    #[serde(default)]
    pub whisper_message: Option<String>,
    #[serde(default)]
    pub sms_enabled: bool,
    #[serde(default)]
    pub sms_supported: bool,
    #[serde(default)]
    pub company: Option<CompanyRef>,
    #[serde(default)]
    pub call_flow: Option<CallFlow>,
    #[serde(default)]
    pub source: Option<TrackerSource>,
    #[serde(default)]
    pub created_at: Option<String>,
    #[serde(default)]
    pub disabled_at: Option<String>,
    /// Only sent when asked for with `fields=swap_targets`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub swap_targets: Option<Vec<String>>,
    /// Only sent when asked for with `fields=campaign_name`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub campaign_name: Option<String>,
}

impl Tracker {
    pub fn is_pool(&self) -> bool {
        self.kind == TrackerType::Session
    }

    pub fn is_active(&self) -> bool {
        self.status == TrackerStatus::Active
    }

    /// How many numbers the tracker holds now (a pool may lag just after it grows).
    pub fn pool_size(&self) -> usize {
        self.tracking_numbers.len()
    }

    /// "(404) 555-0100" for each number.
    pub fn formatted_numbers(&self) -> Vec<String> {
        self.tracking_numbers
            .iter()
            .map(|n| format_number(n))
            .collect()
    }

    /// Where calls ring: the basic call flow's destination, else the top-level summary.
    pub fn destination(&self) -> Option<&str> {
        match &self.call_flow {
            Some(CallFlow::Basic(flow)) if flow.destination_number.is_some() => {
                flow.destination_number.as_deref()
            }
            _ => self.destination_number.as_deref(),
        }
    }

    pub fn recording_enabled(&self) -> bool {
        match &self.call_flow {
            Some(CallFlow::Basic(flow)) => flow.recording_enabled,
            Some(CallFlow::Advanced(flow)) => flow.recording_enabled.unwrap_or(false),
            _ => false,
        }
    }

    pub fn basic_call_flow(&self) -> Option<&BasicCallFlow> {
        match &self.call_flow {
            Some(CallFlow::Basic(flow)) => Some(flow),
            _ => None,
        }
    }
}

/// How a call is routed. Advanced (IVR) flows are built in CallRail's web app and are read-only here.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum CallFlow {
    Basic(BasicCallFlow),
    Advanced(AdvancedCallFlow),
    #[serde(other)]
    Other,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
pub struct BasicCallFlow {
    #[serde(default)]
    pub recording_enabled: bool,
    #[serde(default)]
    pub destination_number: Option<String>,
    #[serde(default)]
    pub greeting_text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub greeting_recording_url: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
pub struct AdvancedCallFlow {
    #[serde(default)]
    pub recording_enabled: Option<bool>,
    #[serde(default)]
    pub initial_step_id: Option<serde_json::Value>,
    /// Steps are decoded loosely: only `id` and `type` are documented.
    #[serde(default)]
    pub steps: Vec<serde_json::Value>,
}

/// Where a tracker's callers come from. Source trackers send `{type, ...}`; session trackers send
/// either `{type: "all"}` or a set of engines and filters without `type`, so one struct of optional
/// fields reads both.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
pub struct TrackerSource {
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub landing: Option<OneOrMany>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub referrer: Option<OneOrMany>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub search_engine: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub search_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub google: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bing: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub yahoo: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inverted: Option<bool>,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(untagged)]
pub enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl std::fmt::Display for OneOrMany {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OneOrMany::One(s) => f.write_str(s),
            OneOrMany::Many(v) => f.write_str(&v.join(", ")),
        }
    }
}

impl TrackerSource {
    /// A short description for people: "Offline", "Google search (paid)", "All traffic".
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        match self.kind.as_deref() {
            Some("all") => parts.push("All traffic".to_owned()),
            Some("offline") => parts.push("Offline".to_owned()),
            Some("direct") => parts.push("Direct".to_owned()),
            Some("search") => parts.push(format!(
                "{} search ({})",
                capitalise(self.search_engine.as_deref().unwrap_or("any")),
                self.search_type.as_deref().unwrap_or("all")
            )),
            Some("landing_url") => parts.push("Landing page".to_owned()),
            Some("landing_params") => parts.push("Landing parameters".to_owned()),
            Some("web_referrer") => parts.push("Referrer".to_owned()),
            Some("google_ad_extension") => parts.push("Google ad extension".to_owned()),
            Some("mobile_ad_extension") => parts.push("Mobile ad extension".to_owned()),
            Some("google_my_business") => parts.push("Google Business Profile".to_owned()),
            Some("facebook_all") => parts.push("Facebook".to_owned()),
            Some("bing_all") => parts.push("Bing".to_owned()),
            Some(other) => parts.push(other.to_owned()),
            None => {}
        }
        for (engine, kinds) in [
            ("Google", &self.google),
            ("Bing", &self.bing),
            ("Yahoo", &self.yahoo),
        ] {
            if let Some(kinds) = kinds {
                parts.push(format!("{engine} ({})", kinds.join(", ")));
            }
        }
        if let Some(landing) = &self.landing {
            parts.push(format!("landing {landing}"));
        }
        if let Some(referrer) = &self.referrer {
            parts.push(format!("referrer {referrer}"));
        }
        if self.inverted == Some(true) {
            parts.insert(0, "Everything except".to_owned());
        }
        if parts.is_empty() {
            "Unknown".to_owned()
        } else {
            parts.join(", ")
        }
    }

    /// A source tracker of type `all` swaps on every visit, ahead of session pools.
    pub fn is_always_swap(&self) -> bool {
        self.kind.as_deref() == Some("all")
    }
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Ids are strings ("TRK…"), but legacy payloads carry numbers.
fn id_string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Id {
        S(String),
        N(u64),
    }
    Ok(match Id::deserialize(d)? {
        Id::S(s) => s,
        Id::N(n) => n.to_string(),
    })
}
