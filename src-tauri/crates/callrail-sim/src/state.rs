//! The simulator's whole world: accounts, their companies and trackers, and the number inventory.

use std::collections::HashMap;

use serde_json::Value;
use time::OffsetDateTime;

use crate::config::Quirks;
use crate::error::ApiError;
use crate::inventory::Inventory;
use crate::model::{
    at_unix, hex_id, Account, BasicFlow, CallFlow, Company, Status, Tracker, TrackerType,
};
use crate::render::{self, Fields};

/// Seed for the id generator, so the demo agency has the same ids on every run.
const RNG_SEED: u64 = 0x00C4_11EA_1150_0001;

#[derive(Debug, Clone)]
pub(crate) struct State {
    pub rng: fastrand::Rng,
    pub accounts: Vec<Account>,
    pub inventory: Inventory,
    pub next_step_id: u64,
    /// While building demo data: take synthetic numbers when the inventory runs short.
    pub lenient_numbers: bool,
    pub quirks: Quirks,
}

/// What a new company looks like; `Default` gives an active company with plain settings.
#[derive(Debug, Clone)]
pub(crate) struct NewCompany {
    pub name: String,
    pub time_zone: String,
    pub created_at: OffsetDateTime,
    pub dni_active: Option<bool>,
    pub lead_scoring_enabled: bool,
    pub swap_ppc_override: bool,
    pub swap_landing_override: Option<String>,
    pub swap_cookie_duration: u32,
    pub swap_cookie_duration_unit: String,
    pub form_capture: bool,
    pub main_number: Option<String>,
}

impl Default for NewCompany {
    fn default() -> Self {
        NewCompany {
            name: String::new(),
            time_zone: "America/New_York".into(),
            created_at: at_unix(1_704_067_200),
            dni_active: None,
            lead_scoring_enabled: false,
            swap_ppc_override: false,
            swap_landing_override: None,
            swap_cookie_duration: 6,
            swap_cookie_duration_unit: "months".into(),
            form_capture: false,
            main_number: None,
        }
    }
}

impl State {
    pub fn new(numbers_per_area_code: usize) -> State {
        State {
            rng: fastrand::Rng::with_seed(RNG_SEED),
            accounts: Vec::new(),
            inventory: Inventory::new(numbers_per_area_code),
            next_step_id: 3104,
            lenient_numbers: false,
            quirks: Quirks::default(),
        }
    }

    pub fn account(&self, id: &str) -> Result<&Account, ApiError> {
        self.accounts
            .iter()
            .find(|a| a.id == id)
            .ok_or_else(ApiError::not_found)
    }

    pub fn account_index(&self, id: &str) -> Result<usize, ApiError> {
        self.accounts
            .iter()
            .position(|a| a.id == id)
            .ok_or_else(ApiError::not_found)
    }

    pub fn add_account(&mut self, name: &str, outbound_recording: bool, hipaa: bool) -> usize {
        let id = hex_id(&mut self.rng, "ACC");
        self.accounts.push(Account {
            id,
            name: name.to_string(),
            outbound_recording_enabled: outbound_recording,
            hipaa_account: hipaa,
            companies: Vec::new(),
            trackers: Vec::new(),
            tracker_index: HashMap::new(),
            calls: Vec::new(),
        });
        self.accounts.len() - 1
    }

    /// Adds an active company to account `acc`; returns its id.
    pub fn add_company(&mut self, acc: usize, new: NewCompany) -> String {
        let id = hex_id(&mut self.rng, "COM");
        let numeric_id = self.rng.u32(200_000_000..=299_999_999);
        let script_key: String = (0..20)
            .map(|_| char::from(b"0123456789abcdef"[self.rng.usize(..16)]))
            .collect();
        let Some(account) = self.accounts.get_mut(acc) else {
            return id;
        };
        let main_number = new
            .main_number
            .unwrap_or_else(|| format!("+1404555{:04}", 100 + account.companies.len()));
        account.companies.push(Company {
            id: id.clone(),
            name: new.name,
            status: Status::Active,
            time_zone: new.time_zone,
            created_at: new.created_at,
            disabled_at: None,
            dni_active: new.dni_active,
            numeric_id,
            script_key,
            callscore_enabled: false,
            lead_scoring_enabled: new.lead_scoring_enabled,
            swap_ppc_override: new.swap_ppc_override,
            swap_landing_override: new.swap_landing_override,
            swap_cookie_duration: new.swap_cookie_duration,
            swap_cookie_duration_unit: new.swap_cookie_duration_unit,
            callscribe_enabled: false,
            form_capture: new.form_capture,
            main_number,
        });
        id
    }

    /// Disables a company and, as the API does, all of its trackers.
    pub fn disable_company(&mut self, acc: usize, company_id: &str, at: OffsetDateTime) {
        let Some(account) = self.accounts.get_mut(acc) else {
            return;
        };
        if let Some(c) = account.companies.iter_mut().find(|c| c.id == company_id) {
            c.status = Status::Disabled;
            c.disabled_at = Some(at);
            c.dni_active = Some(false);
        }
        for t in account
            .trackers
            .iter_mut()
            .filter(|t| t.company_id == company_id)
        {
            t.disable(at);
        }
    }

    /// `n` active trackers in the first company, numbered outside the inventory.
    /// `n` active trackers, after the seeded ones, in the first account: in its first company, or
    /// spread in turn over `companies` new companies ("Location 01" …), as a franchise's are.
    pub fn generate_trackers(&mut self, n: usize, companies: usize) {
        let Some(first) = self
            .accounts
            .first()
            .and_then(|a| a.companies.first())
            .map(|c| (c.id.clone(), c.main_number.clone()))
        else {
            return;
        };
        let targets: Vec<(String, String)> = if companies == 0 {
            vec![first]
        } else {
            (1..=companies)
                .filter_map(|k| {
                    let id = self.add_company(
                        0,
                        NewCompany {
                            name: format!("Location {k:02}"),
                            time_zone: "America/New_York".into(),
                            ..NewCompany::default()
                        },
                    );
                    let number = self.accounts[0].company(&id)?.main_number.clone();
                    Some((id, number))
                })
                .collect()
        };
        let sources = ["offline", "direct", "google_my_business", "all"];
        // After the seeded trackers, a minute apart, so list order stays creation order.
        let base = 1_772_323_200; // 2026-03-01
        for i in 0..n {
            let code = (200 + i % 100).to_string();
            let (kind, count, source) = if i % 2 == 0 {
                let s = sources[(i / 2) % sources.len()];
                (TrackerType::Source, 1, serde_json::json!({ "type": s }))
            } else {
                (
                    TrackerType::Session,
                    4,
                    serde_json::json!({ "type": "all" }),
                )
            };
            let (company_id, destination) = &targets[i % targets.len()];
            let tracker = Tracker {
                id: hex_id(&mut self.rng, "TRK"),
                name: format!("Generated tracker {:05}", i + 1),
                kind,
                status: Status::Active,
                company_id: company_id.clone(),
                tracking_numbers: self.inventory.take(&code, count),
                pending_numbers: Vec::new(),
                pending_until: None,
                area_code: code,
                toll_free: false,
                whisper_message: None,
                sms_enabled: false,
                call_flow: CallFlow::Basic(BasicFlow {
                    recording_enabled: i % 3 == 0,
                    destination_number: destination.clone(),
                    greeting_text: None,
                    greeting_recording_url: None,
                }),
                source,
                created_at: at_unix(base + i64::try_from(i).unwrap_or(0) * 60),
                disabled_at: None,
                message_flow: None,
                swap_targets: None,
                campaign_name: None,
            };
            if let Some(account) = self.accounts.first_mut() {
                account.push_tracker(tracker);
            }
        }
    }

    /// A tracker as the API renders it.
    pub fn tracker_value(&self, acc: &Account, pos: usize, fields: Fields) -> Value {
        acc.trackers
            .get(pos)
            .map(|t| {
                serde_json::to_value(render::tracker(t, acc.company_name(&t.company_id), fields))
                    .unwrap_or(Value::Null)
            })
            .unwrap_or(Value::Null)
    }

    /// Every company of an account, rendered.
    pub fn companies_json(&self, account_id: &str) -> Vec<Value> {
        self.account(account_id)
            .map(|a| {
                a.companies
                    .iter()
                    .filter_map(|c| serde_json::to_value(render::company(c)).ok())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Every tracker of an account (disabled ones too), with all optional fields.
    pub fn trackers_json(&self, account_id: &str) -> Vec<Value> {
        self.account(account_id)
            .map(|a| {
                (0..a.trackers.len())
                    .map(|pos| self.tracker_value(a, pos, Fields::ALL))
                    .collect()
            })
            .unwrap_or_default()
    }
}
