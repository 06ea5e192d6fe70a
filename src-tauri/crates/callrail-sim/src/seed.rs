//! Seed files: the accounts, companies and trackers a simulator starts with (format in the crate
//! docs). Trackers are created through the API's own create path, so a seed the API would refuse
//! is refused too.

use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use crate::error::SimError;
use crate::model::{at_unix, Status};
use crate::state::{NewCompany, State};

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
    pub calls: Vec<crate::calls::SeedCall>,
}

fn parse_status(s: Option<&str>, what: &str) -> Result<Status, SimError> {
    match s {
        None => Ok(Status::Active),
        Some(s) => Status::parse(s).ok_or_else(|| {
            SimError::InvalidSeed(format!(
                "{what}: status must be active or disabled, not {s:?}"
            ))
        }),
    }
}

fn parse_time(
    s: Option<&str>,
    default: OffsetDateTime,
    what: &str,
) -> Result<OffsetDateTime, SimError> {
    match s {
        None => Ok(default),
        Some(s) => OffsetDateTime::parse(s, &Rfc3339).map_err(|e| {
            SimError::InvalidSeed(format!("{what}: created_at {s:?} is not RFC 3339: {e}"))
        }),
    }
}

impl SeedTracker {
    /// The POST body that creates this tracker.
    fn request_body(&self, company_id: &str, main_number: &str) -> Value {
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

    /// Builds the seed's world into an empty state.
    pub(crate) fn apply(&self, state: &mut State) -> Result<(), SimError> {
        let mut n_company: i64 = 0;
        let mut n_tracker: i64 = 0;
        for account in &self.accounts {
            let acc = state.add_account(
                &account.name,
                account.outbound_recording_enabled,
                account.hipaa_account,
            );
            let account_id = state.accounts[acc].id.clone();
            for company in &account.companies {
                let what = format!("company {:?}", company.name);
                let status = parse_status(company.status.as_deref(), &what)?;
                let default_created = at_unix(1_704_067_200 + n_company * 86_400);
                n_company += 1;
                let new = NewCompany {
                    name: company.name.clone(),
                    time_zone: company
                        .time_zone
                        .clone()
                        .unwrap_or_else(|| "America/New_York".into()),
                    created_at: parse_time(company.created_at.as_deref(), default_created, &what)?,
                    main_number: company.main_number.clone(),
                    ..NewCompany::default()
                };
                let company_id = state.add_company(acc, new);
                let main_number = state.accounts[acc]
                    .company(&company_id)
                    .map(|c| c.main_number.clone())
                    .unwrap_or_default();
                for tracker in &company.trackers {
                    let what = format!("{what}, tracker {:?}", tracker.name);
                    let tstatus = parse_status(tracker.status.as_deref(), &what)?;
                    let default_created = at_unix(1_735_689_600 + n_tracker * 86_400);
                    n_tracker += 1;
                    let created =
                        parse_time(tracker.created_at.as_deref(), default_created, &what)?;
                    let body = tracker.request_body(&company_id, &main_number);
                    let (a, pos) = state
                        .create_tracker(&account_id, &body, created)
                        .map_err(|e| SimError::InvalidSeed(format!("{what}: {}", e.message)))?;
                    for call in &tracker.calls {
                        let start = parse_time(Some(&call.start_time), created, &what)?;
                        let numbers = &state.accounts[a].trackers[pos].tracking_numbers;
                        let number = match &call.number {
                            None => 0,
                            Some(n) => numbers.iter().position(|x| x == n).ok_or_else(|| {
                                SimError::InvalidSeed(format!(
                                    "{what}: a call to {n}, which is not its number"
                                ))
                            })?,
                        };
                        state.add_call(a, pos, number, start, call.answered, call.duration);
                    }
                    if tstatus == Status::Disabled {
                        state.accounts[a].trackers[pos].disable(created);
                    }
                }
                if status == Status::Disabled {
                    state.disable_company(acc, &company_id, default_created);
                }
            }
            state.accounts[acc].sort_trackers_by_creation();
        }
        Ok(())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    const EXAMPLE: &str = r#"{"accounts":[{"name":"Agency A","companies":[{"name":"Co 1","time_zone":"America/New_York","status":"active",
      "trackers":[{"name":"Billboard","type":"source","source":{"type":"offline"},"area_code":"404","destination_number":"+14045550100","recording_enabled":true,"whisper_message":null,"status":"active"},
                  {"name":"Website","type":"session","pool_size":5,"area_code":"404","destination_number":"+14045550100"}]}]},
      {"name":"Agency B","companies":[{"name":"Co 2","trackers":[{"name":"TF","type":"source","toll_free":true},{"name":"Gone","type":"source","status":"disabled"}]}]}]}"#;

    #[test]
    fn builds_the_documented_example() {
        let seed = Seed::from_json(EXAMPLE).unwrap();
        let mut s = State::new(60);
        seed.apply(&mut s).unwrap();
        assert_eq!(s.accounts.len(), 2);
        let a = &s.accounts[0];
        assert_eq!(a.trackers.len(), 2);
        assert_eq!(a.trackers[0].tracking_numbers, vec!["+14045551000"]);
        assert_eq!(a.trackers[1].tracking_numbers.len(), 5);
        let b = &s.accounts[1];
        assert!(b.trackers[0].toll_free);
        assert_eq!(b.trackers[1].status, Status::Disabled);
    }

    #[test]
    fn refuses_what_the_api_would_refuse() {
        let bad = r#"{"accounts":[{"name":"A","companies":[{"name":"C","trackers":[{"name":"P","type":"session","pool_size":3,"area_code":"404"}]}]}]}"#;
        let err = Seed::from_json(bad)
            .unwrap()
            .apply(&mut State::new(60))
            .unwrap_err();
        assert!(
            err.to_string()
                .contains("Pool size must be between 4 and 50"),
            "{err}"
        );
        let typo = r#"{"accounts":[{"name":"A","companys":[]}]}"#;
        assert!(Seed::from_json(typo).is_err());
        let empty = r#"{"accounts":[{"name":"A","companies":[{"name":"C","trackers":[{"name":"P","type":"session","pool_size":8,"area_code":"404"}]}]}]}"#;
        assert!(Seed::from_json(empty)
            .unwrap()
            .apply(&mut State::new(5))
            .is_err());
        assert!(matches!(
            Seed::from_file("/nonexistent/seed.json"),
            Err(SimError::SeedRead { .. })
        ));
    }
}
