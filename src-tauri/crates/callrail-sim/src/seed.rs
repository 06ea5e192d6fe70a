//! Seed files: the accounts, companies and trackers a simulator starts with (format in the crate
//! docs). Trackers are created through the API's own create path, so a seed the API would refuse
//! is refused too.

use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use crate::error::SimError;

/// The whole seed: a list of accounts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Seed {
    /// The accounts every key can see.
    pub accounts: Vec<SeedAccount>,
}

/// One account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeedAccount {
    /// Account name.
    pub name: String,
    /// Default false.
    #[serde(default)]
    pub outbound_recording_enabled: bool,
    /// Default false.
    #[serde(default)]
    pub hipaa_account: bool,
    /// Its companies.
    #[serde(default)]
    pub companies: Vec<SeedCompany>,
}

/// One company.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeedCompany {
    /// Company name.
    pub name: String,
    /// IANA zone; default `America/New_York`.
    #[serde(default)]
    pub time_zone: Option<String>,
    /// `active` (default) or `disabled` (which disables its trackers too).
    #[serde(default)]
    pub status: Option<String>,
    /// The main line, the default destination of its trackers; default `+1404555` + 4 digits.
    #[serde(default)]
    pub main_number: Option<String>,
    /// RFC 3339; default a fixed date.
    #[serde(default)]
    pub created_at: Option<String>,
    /// Its trackers, in creation order.
    #[serde(default)]
    pub trackers: Vec<SeedTracker>,
}

/// One tracker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeedTracker {
    /// Tracker name.
    pub name: String,
    /// `source` or `session`.
    #[serde(rename = "type")]
    pub kind: String,
    /// As in the API request; default `{"type":"offline"}` (source) or `"all"` (session).
    #[serde(default)]
    pub source: Option<Value>,
    /// Session pool size (4-50); default 4.
    #[serde(default)]
    pub pool_size: Option<u32>,
    /// Area code the numbers come from.
    #[serde(default)]
    pub area_code: Option<String>,
    /// Toll-free numbers instead of local ones.
    #[serde(default)]
    pub toll_free: bool,
    /// Where calls ring; default the company's main number. Without `area_code`/`toll_free` the
    /// numbers are local to it.
    #[serde(default)]
    pub destination_number: Option<String>,
    /// Default false.
    #[serde(default)]
    pub recording_enabled: bool,
    /// Default null.
    #[serde(default)]
    pub greeting_text: Option<String>,
    /// Default null.
    #[serde(default)]
    pub whisper_message: Option<String>,
    /// Default false.
    #[serde(default)]
    pub sms_enabled: bool,
    /// Default: the destination number.
    #[serde(default)]
    pub swap_targets: Option<Vec<String>>,
    /// Source trackers only.
    #[serde(default)]
    pub campaign_name: Option<String>,
    /// A whole API `call_flow` object, instead of destination/recording/greeting.
    #[serde(default)]
    pub call_flow: Option<Value>,
    /// `active` (default) or `disabled`.
    #[serde(default)]
    pub status: Option<String>,
    /// RFC 3339; default a fixed date.
    #[serde(default)]
    pub created_at: Option<String>,
    /// Its calls: `[{"start_time": "2026-11-02T10:04:11Z", "answered": true, "duration": 42}]`.
    #[serde(default)]
    pub calls: Vec<SeedCall>,
}

impl SeedTracker {
    /// The POST body that creates this tracker.
    pub(crate) fn request_body(&self, company_id: &str, main_number: &str) -> Value {
        let dest = self.destination_number.as_deref().unwrap_or(main_number);
        let mut numbers = Map::new();
        if let Some(ac) = &self.area_code {
            numbers.insert("area_code".into(), json!(ac));
        }
        if self.toll_free {
            numbers.insert("toll_free".into(), json!(true));
        }
        if numbers.is_empty() {
            numbers.insert("local".into(), json!(dest));
        }
        let call_flow = self.call_flow.clone().unwrap_or_else(|| {
            json!({"type": "basic", "destination_number": dest,
                "recording_enabled": self.recording_enabled, "greeting_text": self.greeting_text})
        });
        let mut body = json!({
            "name": self.name, "type": self.kind, "company_id": company_id, "call_flow": call_flow,
            "whisper_message": self.whisper_message, "sms_enabled": self.sms_enabled,
        });
        if let Some(b) = body.as_object_mut() {
            if self.kind == "session" {
                b.insert("pool_size".into(), json!(self.pool_size.unwrap_or(4)));
                b.insert("pool_numbers".into(), Value::Object(numbers));
                b.insert("source".into(), self.source.clone().unwrap_or(json!("all")));
            } else {
                b.insert("tracking_number".into(), Value::Object(numbers));
                b.insert(
                    "source".into(),
                    self.source.clone().unwrap_or(json!({"type": "offline"})),
                );
            }
            if let Some(t) = &self.swap_targets {
                b.insert("swap_targets".into(), json!(t));
            }
            if let Some(c) = &self.campaign_name {
                b.insert("campaign_name".into(), json!(c));
            }
        }
        body
    }
}

impl Seed {
    /// Reads a seed file.
    pub fn from_file(path: impl AsRef<Path>) -> Result<Seed, SimError> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|source| SimError::SeedRead {
            path: path.to_path_buf(),
            source,
        })?;
        serde_json::from_str(&text).map_err(|source| SimError::SeedParse {
            path: path.to_path_buf(),
            source,
        })
    }

    /// Parses seed JSON from a string.
    pub fn from_json(text: &str) -> Result<Seed, SimError> {
        serde_json::from_str(text).map_err(|e| SimError::InvalidSeed(e.to_string()))
    }
}

/// What a seed says of one call of a tracker.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeedCall {
    /// RFC 3339.
    pub start_time: String,
    #[serde(default = "yes")]
    pub answered: bool,
    /// Seconds.
    #[serde(default)]
    pub duration: u32,
    /// Which of the tracker's numbers was called (E.164); its first by default.
    #[serde(default)]
    pub number: Option<String>,
}

fn yes() -> bool {
    true
}
