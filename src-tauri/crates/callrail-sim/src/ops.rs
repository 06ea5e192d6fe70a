//! The tracker operations that change state: create, update, disable. Every check runs before
//! anything changes, so a refused request leaves no trace (no tracker, no numbers bought).

use serde_json::{json, Value};
use time::OffsetDateTime;

use crate::error::ApiError;
use crate::inventory::NumberRequest;
use crate::model::{AdvancedFlow, BasicFlow, CallFlow, Status, Tracker, TrackerType};
use crate::sources;
use crate::state::State;
use crate::validate::{self as v, given, CallFlowInput};

/// Where a tracker lives: account index and position in its tracker list.
pub(crate) type TrackerRef = (usize, usize);

/// The synthetic area code demo data falls back to when the inventory is too small.
const FALLBACK_AREA_CODE: &str = "299";

fn as_object(body: &Value) -> Result<&serde_json::Map<String, Value>, ApiError> {
    body.as_object().ok_or_else(ApiError::not_acceptable)
}

impl State {
    fn build_call_flow(&mut self, input: CallFlowInput, main_number: &str) -> CallFlow {
        match input {
            CallFlowInput::Basic {
                destination_number,
                recording_enabled,
                greeting_text,
                greeting_recording_url,
            } => CallFlow::Basic(BasicFlow {
                recording_enabled,
                destination_number,
                greeting_text,
                greeting_recording_url,
            }),
            CallFlowInput::Advanced {
                uuid,
                recording_enabled,
            } => {
                // Flows built in the web app: a menu in front of the dial step, or not.
                let first = self.next_step_id;
                let with_menu = uuid.bytes().map(u64::from).sum::<u64>() % 2 == 1;
                let mut steps = Vec::new();
                let mut id = first;
                if with_menu {
                    steps.push(
                        json!({"id": id, "type": "menu", "prompt": "Press 1 for sales",
                        "options": [{"digit": "1", "step_id": id + 1}]}),
                    );
                    id += 1;
                }
                steps.push(json!({"id": id, "type": "dial", "destination_number": main_number}));
                steps.push(json!({"id": id + 1, "type": "voicemail"}));
                self.next_step_id = id + 2;
                CallFlow::Advanced(AdvancedFlow {
                    recording_enabled,
                    initial_step_id: first,
                    steps,
                    destination_number: main_number.to_string(),
                })
            }
        }
    }

    fn plan_numbers(&self, req: &NumberRequest, count: usize) -> Result<String, ApiError> {
        match self.inventory.plan(req, count) {
            Ok(code) => Ok(code),
            Err(_) if self.lenient_numbers => Ok(FALLBACK_AREA_CODE.to_string()),
            Err(e) => Err(e),
        }
    }

    /// `POST /v3/a/{account}/trackers.json`
    pub fn create_tracker(
        &mut self,
        account_id: &str,
        body: &Value,
        now: OffsetDateTime,
    ) -> Result<TrackerRef, ApiError> {
        let acc = self.account_index(account_id)?;
        let obj = as_object(body)?;
        let name = v::required_str(obj, "name")?.to_string();
        let kind = match given(obj, "type") {
            None => return Err(ApiError::missing("type")),
            Some(t) => t
                .as_str()
                .and_then(TrackerType::parse)
                .ok_or_else(|| ApiError::bad_request("Type is not included in the list"))?,
        };
        let company_id = v::required_str(obj, "company_id")?.to_string();
        let call_flow_in = given(obj, "call_flow").ok_or_else(|| ApiError::missing("call_flow"))?;
        let company = self.accounts[acc]
            .company(&company_id)
            .ok_or_else(|| ApiError::new(404, "Company not found"))?;
        if company.status == Status::Disabled {
            return Err(ApiError::bad_request("Company is disabled"));
        }
        let main_number = company.main_number.clone();
        let call_flow = v::call_flow(call_flow_in)?;
        let (source, count, numbers_req) = match kind {
            TrackerType::Source => {
                let req = v::number_request(obj.get("tracking_number"), "tracking_number")?;
                (sources::source_tracker_source(obj.get("source"))?, 1, req)
            }
            TrackerType::Session => {
                if given(obj, "campaign_name").is_some() {
                    return Err(ApiError::bad_request(
                        "campaign_name is only allowed on source trackers",
                    ));
                }
                let size = v::pool_size(obj.get("pool_size"))?;
                let req = v::number_request(obj.get("pool_numbers"), "pool_numbers")?;
                (sources::session_source(obj.get("source"))?, size, req)
            }
        };
        let campaign_name = v::optional_text(obj, "campaign_name")?;
        let sms_enabled = v::optional_bool(obj, "sms_enabled")?.unwrap_or(false);
        let message_flow = match obj.get("message_flow") {
            Some(m) => v::message_flow(m)?,
            None => None,
        };
        if message_flow.is_some() && !sms_enabled {
            return Err(v::message_flow_needs_sms());
        }
        let whisper_message = v::optional_text(obj, "whisper_message")?;
        let swap_targets = given(obj, "swap_targets")
            .map(v::swap_targets)
            .transpose()?;
        let area_code = self.plan_numbers(&numbers_req, count)?;
        let toll_free = self.inventory.code_is_toll_free(&area_code);
        if sms_enabled && toll_free {
            return Err(v::sms_needs_local());
        }

        // Every check passed: from here on nothing can fail.
        let mut tracking_numbers = self.inventory.take(&area_code, count);
        // A new pool shows its first number at once, the rest when they are ready.
        let later = if self.quirks.pool_number_delay.is_some() && tracking_numbers.len() > 1 {
            tracking_numbers.split_off(1)
        } else {
            Vec::new()
        };
        let call_flow = self.build_call_flow(call_flow, &main_number);
        let id = crate::model::hex_id(&mut self.rng, "TRK");
        let mut tracker = Tracker {
            id,
            name,
            kind,
            status: Status::Active,
            company_id,
            tracking_numbers,
            pending_numbers: Vec::new(),
            pending_until: None,
            area_code,
            toll_free,
            whisper_message,
            sms_enabled,
            call_flow,
            source,
            created_at: now,
            disabled_at: None,
            message_flow,
            swap_targets,
            campaign_name,
        };
        tracker.add_numbers(later, self.quirks.pool_number_delay, now);
        let pos = self.accounts[acc].push_tracker(tracker);
        Ok((acc, pos))
    }

    /// `PUT /v3/a/{account}/trackers/{id}.json`
    pub fn update_tracker(
        &mut self,
        account_id: &str,
        tracker_id: &str,
        body: &Value,
        now: OffsetDateTime,
    ) -> Result<TrackerRef, ApiError> {
        let acc = self.account_index(account_id)?;
        let account = &self.accounts[acc];
        let pos = account
            .tracker_pos(tracker_id)
            .ok_or_else(ApiError::not_found)?;
        let t = &account.trackers[pos];
        if t.status == Status::Disabled {
            return Err(ApiError::bad_request("Tracker is disabled"));
        }
        let obj = as_object(body)?;
        let main_number = account
            .company(&t.company_id)
            .map(|c| c.main_number.clone())
            .unwrap_or_else(|| t.call_flow.destination_number().to_string());

        let name = match obj.get("name") {
            None => None,
            Some(Value::String(s)) if !s.trim().is_empty() => Some(s.clone()),
            Some(_) => return Err(ApiError::bad_request("Name can't be blank")),
        };
        let whisper = if obj.contains_key("whisper_message") {
            Some(v::optional_text(obj, "whisper_message")?)
        } else {
            None
        };
        let swap_targets = match obj.get("swap_targets") {
            None => None,
            Some(Value::Null) => Some(None),
            Some(s) => Some(Some(v::swap_targets(s)?)),
        };
        let sms = v::optional_bool(obj, "sms_enabled")?;
        let campaign = if obj.contains_key("campaign_name") {
            if t.kind == TrackerType::Session {
                return Err(ApiError::bad_request(
                    "campaign_name is only allowed on source trackers",
                ));
            }
            Some(v::optional_text(obj, "campaign_name")?)
        } else {
            None
        };
        let source = match given(obj, "source") {
            None => None,
            Some(s) => Some(match t.kind {
                TrackerType::Source => sources::source_tracker_source(Some(s))?,
                TrackerType::Session => sources::session_source(Some(s))?,
            }),
        };
        let message_flow = match obj.get("message_flow") {
            None => None,
            Some(m) => Some(v::message_flow(m)?),
        };
        let extra = match given(obj, "pool_size") {
            None => 0,
            Some(_) if t.kind == TrackerType::Source => {
                return Err(ApiError::bad_request(
                    "pool_size is only allowed on session trackers",
                ))
            }
            Some(p) => {
                let size = v::pool_size(Some(p))?;
                // Numbers bought but not shown yet count: asking again for the same size buys none.
                if size < t.pool_total() {
                    return Err(ApiError::bad_request("Pool size can only be increased"));
                }
                size.saturating_sub(t.pool_total())
            }
        };
        let replace = match given(obj, "replace_tracking_number") {
            None => None,
            Some(Value::String(n)) if t.tracking_numbers.contains(n) => Some(n.clone()),
            Some(_) => {
                return Err(ApiError::bad_request(
                    "Replace tracking number must be one of this tracker's numbers",
                ))
            }
        };
        let call_flow = given(obj, "call_flow").map(v::call_flow).transpose()?;

        let sms_enabled = sms.unwrap_or(t.sms_enabled);
        if sms == Some(true) && t.toll_free {
            return Err(v::sms_needs_local());
        }
        let message_flow = match message_flow {
            Some(Some(_)) if !sms_enabled => return Err(v::message_flow_needs_sms()),
            Some(m) => m,
            // Turning SMS off drops the message flow that needed it.
            None if !sms_enabled => None,
            None => t.message_flow.clone(),
        };
        let needed = extra + usize::from(replace.is_some());
        let area_code = t.area_code.clone();
        self.inventory.plan_same_code(&area_code, needed)?;

        // Every check passed: apply.
        let call_flow = call_flow.map(|cf| self.build_call_flow(cf, &main_number));
        let mut fresh = self.inventory.take(&area_code, needed);
        let delay = self.quirks.pool_number_delay;
        let t = &mut self.accounts[acc].trackers[pos];
        if let Some(old) = replace {
            if let (Some(slot), Some(new)) = (
                t.tracking_numbers.iter_mut().find(|n| **n == old),
                fresh.pop(),
            ) {
                *slot = new;
            }
        }
        t.add_numbers(fresh, delay, now);
        if let Some(name) = name {
            t.name = name;
        }
        if let Some(w) = whisper {
            t.whisper_message = w;
        }
        if let Some(s) = swap_targets {
            t.swap_targets = s;
        }
        if let Some(c) = campaign {
            t.campaign_name = c;
        }
        if let Some(s) = source {
            t.source = s;
        }
        if let Some(cf) = call_flow {
            t.call_flow = cf;
        }
        t.sms_enabled = sms_enabled;
        t.message_flow = message_flow;
        Ok((acc, pos))
    }

    /// `DELETE /v3/a/{account}/trackers/{id}.json`: disables (idempotent) and releases the numbers.
    pub fn disable_tracker(
        &mut self,
        account_id: &str,
        tracker_id: &str,
        now: OffsetDateTime,
    ) -> Result<TrackerRef, ApiError> {
        let acc = self.account_index(account_id)?;
        let account = &mut self.accounts[acc];
        let pos = account
            .tracker_pos(tracker_id)
            .ok_or_else(ApiError::not_found)?;
        if self.quirks.refuse_delete_of_disabled && account.trackers[pos].status == Status::Disabled
        {
            return Err(ApiError::bad_request("Tracker is already disabled"));
        }
        account.trackers[pos].disable(now);
        Ok((acc, pos))
    }
}
