//! The JSON the API answers, field for field and in the documented order.

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};
use serde_json::Value;

use crate::model::{company_time, tracker_time, Account, CallFlow, Company, Tracker};

#[derive(Serialize)]
pub(crate) struct AccountView<'a> {
    id: &'a str,
    name: &'a str,
    outbound_recording_enabled: bool,
    hipaa_account: bool,
}

pub(crate) fn account(a: &Account) -> AccountView<'_> {
    AccountView {
        id: &a.id,
        name: &a.name,
        outbound_recording_enabled: a.outbound_recording_enabled,
        hipaa_account: a.hipaa_account,
    }
}

#[derive(Serialize)]
pub(crate) struct CompanyView<'a> {
    id: &'a str,
    name: &'a str,
    status: &'static str,
    time_zone: &'a str,
    created_at: String,
    disabled_at: Option<String>,
    dni_active: Option<bool>,
    script_url: String,
    callscore_enabled: bool,
    lead_scoring_enabled: bool,
    swap_exclude_jquery: Option<bool>,
    swap_ppc_override: bool,
    swap_landing_override: Option<&'a str>,
    swap_cookie_duration: u32,
    swap_cookie_duration_unit: &'a str,
    callscribe_enabled: bool,
    keyword_spotting_enabled: bool,
    form_capture: bool,
}

pub(crate) fn company(c: &Company) -> CompanyView<'_> {
    CompanyView {
        id: &c.id,
        name: &c.name,
        status: c.status.as_str(),
        time_zone: &c.time_zone,
        created_at: company_time(c.created_at),
        disabled_at: c.disabled_at.map(company_time),
        dni_active: c.dni_active,
        script_url: format!(
            "//cdn.callrail.com/companies/{}/{}/12/swap.js",
            c.numeric_id, c.script_key
        ),
        callscore_enabled: c.callscore_enabled,
        lead_scoring_enabled: c.lead_scoring_enabled,
        swap_exclude_jquery: None,
        swap_ppc_override: c.swap_ppc_override,
        swap_landing_override: c.swap_landing_override.as_deref(),
        swap_cookie_duration: c.swap_cookie_duration,
        swap_cookie_duration_unit: &c.swap_cookie_duration_unit,
        callscribe_enabled: c.callscribe_enabled,
        keyword_spotting_enabled: false,
        form_capture: c.form_capture,
    }
}

/// Optional tracker fields asked for with `fields=`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Fields {
    pub swap_targets: bool,
    pub campaign_name: bool,
}

impl Fields {
    pub const ALL: Fields = Fields {
        swap_targets: true,
        campaign_name: true,
    };

    /// `fields=swap_targets,campaign_name`; unknown names are ignored.
    pub fn parse(list: Option<&str>) -> Fields {
        let mut f = Fields::default();
        for name in list.unwrap_or("").split(',').map(str::trim) {
            match name {
                "swap_targets" => f.swap_targets = true,
                "campaign_name" => f.campaign_name = true,
                _ => {}
            }
        }
        f
    }
}

#[derive(Serialize)]
struct CompanyRef<'a> {
    id: &'a str,
    name: &'a str,
}

#[derive(Serialize)]
#[serde(untagged)]
enum CallFlowView<'a> {
    Basic {
        #[serde(rename = "type")]
        kind: &'static str,
        recording_enabled: bool,
        destination_number: &'a str,
        greeting_text: Option<&'a str>,
        greeting_recording_url: Option<&'a str>,
    },
    Advanced {
        #[serde(rename = "type")]
        kind: &'static str,
        recording_enabled: bool,
        initial_step_id: u64,
        steps: &'a [Value],
    },
}

#[derive(Serialize)]
pub(crate) struct TrackerView<'a> {
    id: &'a str,
    name: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    status: &'static str,
    destination_number: &'a str,
    tracking_numbers: &'a [String],
    whisper_message: Option<&'a str>,
    sms_enabled: bool,
    sms_supported: bool,
    company: CompanyRef<'a>,
    call_flow: CallFlowView<'a>,
    source: &'a Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    campaign_name: Option<Option<&'a str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    swap_targets: Option<Vec<String>>,
    created_at: String,
    disabled_at: Option<String>,
    message_flow: Option<&'a Value>,
}

pub(crate) fn tracker<'a>(
    t: &'a Tracker,
    company_name: &'a str,
    fields: Fields,
) -> TrackerView<'a> {
    let call_flow = match &t.call_flow {
        CallFlow::Basic(b) => CallFlowView::Basic {
            kind: "basic",
            recording_enabled: b.recording_enabled,
            destination_number: &b.destination_number,
            greeting_text: b.greeting_text.as_deref(),
            greeting_recording_url: b.greeting_recording_url.as_deref(),
        },
        CallFlow::Advanced(a) => CallFlowView::Advanced {
            kind: "advanced",
            recording_enabled: a.recording_enabled,
            initial_step_id: a.initial_step_id,
            steps: &a.steps,
        },
    };
    TrackerView {
        id: &t.id,
        name: &t.name,
        kind: t.kind.as_str(),
        status: t.status.as_str(),
        destination_number: t.call_flow.destination_number(),
        tracking_numbers: &t.tracking_numbers,
        whisper_message: t.whisper_message.as_deref(),
        sms_enabled: t.sms_enabled,
        sms_supported: !t.toll_free,
        company: CompanyRef {
            id: &t.company_id,
            name: company_name,
        },
        call_flow,
        source: &t.source,
        campaign_name: fields.campaign_name.then_some(t.campaign_name.as_deref()),
        swap_targets: fields.swap_targets.then(|| t.swap_targets()),
        created_at: tracker_time(t.created_at),
        disabled_at: t.disabled_at.map(tracker_time),
        message_flow: t.message_flow.as_ref(),
    }
}

/// An offset-paginated list: `{"page","per_page","total_pages","total_records","<key>":[...]}`.
pub(crate) struct Envelope<T> {
    pub page: u64,
    pub per_page: u64,
    pub total_pages: Option<u64>,
    pub total_records: u64,
    pub key: &'static str,
    pub items: Vec<T>,
}

impl<T: Serialize> Serialize for Envelope<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("page", &self.page)?;
        map.serialize_entry("per_page", &self.per_page)?;
        if let Some(tp) = self.total_pages {
            map.serialize_entry("total_pages", &tp)?;
        }
        map.serialize_entry("total_records", &self.total_records)?;
        map.serialize_entry(self.key, &self.items)?;
        map.end()
    }
}

/// `{"error": message}`
pub(crate) fn error_body(message: &str) -> Vec<u8> {
    serde_json::to_vec(&serde_json::json!({ "error": message })).unwrap_or_default()
}
