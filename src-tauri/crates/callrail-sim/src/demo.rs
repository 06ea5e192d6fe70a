//! The built-in demo agency: one account, four companies (one disabled) and 38 trackers, built
//! through the same create path as the API so they consume the same number inventory.

use serde_json::{json, Value};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use crate::model::at_unix;
use crate::state::{NewCompany, State};

fn at(s: &str) -> OffsetDateTime {
    OffsetDateTime::parse(s, &Rfc3339).unwrap_or_else(|_| at_unix(1_704_067_200))
}

fn source(name: &str, source: Value, number: Value) -> Value {
    json!({"name": name, "type": "source", "source": source, "tracking_number": number})
}

fn session(name: &str, pool: u32, source: Value, number: Value) -> Value {
    json!({"name": name, "type": "session", "pool_size": pool, "source": source, "pool_numbers": number})
}

fn with(mut base: Value, extra: Value) -> Value {
    if let (Some(b), Value::Object(e)) = (base.as_object_mut(), extra) {
        b.extend(e);
    }
    base
}

fn area(code: &str) -> Value {
    json!({ "area_code": code })
}

fn toll_free() -> Value {
    json!({ "toll_free": true })
}

fn search(engine: &str, kind: &str) -> Value {
    json!({"type": "search", "search_engine": engine, "search_type": kind})
}

fn kind(t: &str) -> Value {
    json!({ "type": t })
}

fn basic(dest: &str, recording: bool, greeting: Option<&str>) -> Value {
    json!({"call_flow": {"type": "basic", "destination_number": dest,
        "recording_enabled": recording, "greeting_text": greeting}})
}

/// (tracker body, created_at, disabled_at)
type Entry = (Value, &'static str, Option<&'static str>);

#[rustfmt::skip]
fn acme() -> Vec<Entry> {
    let main = "+14045550100";
    vec![
        (with(session("Website DNI", 8, json!("all"), area("404")), json!({"swap_targets": ["4045550100"]})), "2024-03-12T14:20:00Z", None),
        (with(source("Google Ads", search("google", "paid"), area("404")), with(basic(main, true, None), json!({"whisper_message": "Google Ads call"}))), "2024-04-02T09:15:00Z", None),
        (with(source("Billboard I-85", kind("offline"), area("404")), with(basic(main, true, Some("This call may be recorded.")), json!({"whisper_message": "Billboard call from [source]", "sms_enabled": true, "campaign_name": "I-85 Billboard 2025"}))), "2025-06-05T19:06:10Z", None),
        (source("Google Business Profile", kind("google_my_business"), area("470")), "2024-05-20T16:45:00Z", None),
        (with(source("Always-swap main line", kind("all"), area("404")), json!({"swap_targets": ["4045550100", "404.555.0100"]})), "2024-03-11T10:00:00Z", None),
        (with(source("Main Line IVR", kind("direct"), toll_free()), json!({"call_flow": {"type": "advanced", "uuid": "8f14e45f-ceea-467f-a9a4-5c3c2b8e1d77"}})), "2023-11-20T08:30:00Z", None),
        (with(source("Facebook Campaign", kind("facebook_all"), area("678")), json!({"campaign_name": "Spring Promo"})), "2025-02-14T12:00:00Z", None),
        (source("Yard Signs", kind("offline"), area("770")), "2025-04-01T13:30:00Z", None),
        (with(source("Van Wraps", kind("offline"), toll_free()), json!({"whisper_message": "Van wrap call"})), "2024-08-08T08:08:00Z", None),
        (source("Bing Ads", search("bing", "paid"), area("404")), "2025-09-03T11:00:00Z", None),
        (source("Referral - Angi", json!({"type": "web_referrer", "referrer": "angi.com"}), area("770")), "2026-01-10T10:10:00Z", None),
        (source("Spring Mailer 2024", kind("offline"), area("404")), "2024-02-01T09:00:00Z", Some("2024-07-01T00:00:00Z")),
        (session("Old Website Pool", 4, json!({"google": ["paid"]}), area("678")), "2023-06-01T12:00:00Z", Some("2024-03-12T14:00:00Z")),
    ]
}

#[rustfmt::skip]
fn bright() -> Vec<Entry> {
    let main = "+13125550142";
    let auto_reply = json!({"type": "auto-reply", "message": "Thanks for texting Bright Dental! We'll reply shortly."});
    vec![
        (with(session("Website Pool", 6, json!({"google": ["paid", "organic"], "bing": ["paid"], "inverted": false}), area("312")), json!({"swap_targets": ["3125550142", "8005551234"]})), "2025-01-05T15:00:00Z", None),
        (session("Landing Pool - Implants", 4, json!({"landing": ["implants"], "inverted": false}), area("312")), "2025-03-01T10:00:00Z", None),
        (with(source("Google Ads - Implants", search("google", "paid"), area("312")), json!({"campaign_name": "Implants Q3", "whisper_message": "Implants ad call"})), "2025-03-02T10:00:00Z", None),
        (source("Organic Search", search("all", "organic"), area("312")), "2025-01-06T10:00:00Z", None),
        (source("Yelp", json!({"type": "web_referrer", "referrer": "yelp.com"}), area("312")), "2025-01-07T10:00:00Z", None),
        (with(source("Radio WXRT", kind("offline"), json!({"area_code": "877", "toll_free": true})), with(basic(main, true, None), json!({"whisper_message": "Radio call"}))), "2025-04-15T10:00:00Z", None),
        (with(source("Direct Mail Postcards", kind("offline"), json!({"local": main})), basic(main, true, Some("Thanks for calling Bright Dental."))), "2025-05-01T10:00:00Z", None),
        (source("Spring Promo Params", json!({"type": "landing_params", "landing": "promo=spring"}), area("312")), "2025-03-20T10:00:00Z", None),
        (source("Spring Promo URL", json!({"type": "landing_url", "landing": "https://brightdental.example/spring"}), area("312")), "2025-03-21T10:00:00Z", None),
        (with(source("Google Business Profile", kind("google_my_business"), area("312")), json!({"sms_enabled": true, "message_flow": auto_reply})), "2025-01-08T10:00:00Z", None),
        (source("Google Call Extension", kind("google_ad_extension"), area("312")), "2025-06-01T10:00:00Z", None),
        (source("Mobile Call Extension", kind("mobile_ad_extension"), area("312")), "2025-06-02T10:00:00Z", None),
        (source("Bing Everything", kind("bing_all"), area("312")), "2026-02-03T10:00:00Z", None),
        (source("Old Yellow Pages", kind("offline"), area("312")), "2025-01-02T16:00:00Z", Some("2025-12-31T23:00:00Z")),
    ]
}

#[rustfmt::skip]
fn cedar() -> Vec<Entry> {
    let main = "+14155550177";
    let auto_reply = json!({"type": "auto-reply", "message": "Cedar & Vine Law: thanks for your message, an attorney will text you back."});
    vec![
        (session("Website DNI", 10, json!("all"), area("415")), "2023-08-20T10:00:00Z", None),
        (with(source("Google Ads - Injury", search("google", "paid"), area("415")), with(basic(main, true, None), json!({"sms_enabled": true, "message_flow": auto_reply}))), "2023-09-01T10:00:00Z", None),
        (source("Avvo Profile", json!({"type": "web_referrer", "referrer": "avvo.com"}), area("415")), "2023-10-01T10:00:00Z", None),
        (source("Billboard 101", kind("offline"), json!({"area_code": "866", "toll_free": true})), "2024-01-15T10:00:00Z", None),
        (with(source("TV Spot", kind("offline"), json!({"area_code": "855", "toll_free": true})), json!({"whisper_message": "TV call from [source]"})), "2024-06-01T10:00:00Z", None),
        (with(source("Intake IVR", kind("offline"), area("415")), json!({"call_flow": {"type": "advanced", "uuid": "c9f0f895-fb98-4b91-8f3a-2a6d1c0e5b44", "recording_enabled": false}})), "2024-02-02T10:00:00Z", None),
        (source("Yahoo Search", search("yahoo", "all"), area("415")), "2024-03-03T10:00:00Z", None),
        (source("Direct Traffic", kind("direct"), area("415")), "2024-04-04T10:00:00Z", None),
        (with(source("Facebook Leads", kind("facebook_all"), area("415")), json!({"campaign_name": "Injury Leads"})), "2025-05-05T10:00:00Z", None),
        (source("Old Intake Line", kind("offline"), area("415")), "2023-08-15T10:00:00Z", Some("2024-12-01T10:00:00Z")),
    ]
}

fn old_client() -> Vec<Entry> {
    vec![(
        source("Legacy Radio Spot", kind("offline"), area("617")),
        "2023-01-10T10:00:00Z",
        None,
    )]
}

/// Builds the demo agency into an empty state.
pub(crate) fn build(state: &mut State) {
    state.lenient_numbers = true;
    let acc = state.add_account("Peachtree Digital Agency", true, false);
    let companies = [
        (
            NewCompany {
                name: "Acme Plumbing".into(),
                created_at: at("2023-05-15T07:06:01Z"),
                dni_active: Some(true),
                lead_scoring_enabled: true,
                swap_ppc_override: true,
                form_capture: true,
                main_number: Some("+14045550100".into()),
                ..NewCompany::default()
            },
            acme(),
        ),
        (
            NewCompany {
                name: "Bright Dental".into(),
                time_zone: "America/Chicago".into(),
                created_at: at("2025-01-02T15:00:00Z"),
                swap_landing_override: Some("utm_source".into()),
                swap_cookie_duration: 30,
                swap_cookie_duration_unit: "days".into(),
                main_number: Some("+13125550142".into()),
                ..NewCompany::default()
            },
            bright(),
        ),
        (
            NewCompany {
                name: "Cedar & Vine Law".into(),
                time_zone: "America/Los_Angeles".into(),
                created_at: at("2023-08-14T18:30:00Z"),
                dni_active: Some(true),
                swap_cookie_duration: 90,
                swap_cookie_duration_unit: "days".into(),
                form_capture: true,
                main_number: Some("+14155550177".into()),
                ..NewCompany::default()
            },
            cedar(),
        ),
        (
            NewCompany {
                name: "Old Client Co".into(),
                created_at: at("2022-05-01T12:00:00Z"),
                main_number: Some("+16175550111".into()),
                ..NewCompany::default()
            },
            old_client(),
        ),
    ];
    let mut old_client_id = None;
    for (new, entries) in companies {
        let is_old = new.name == "Old Client Co";
        let company_id = state.add_company(acc, new);
        let account_id = state.accounts[acc].id.clone();
        let main = state.accounts[acc]
            .company(&company_id)
            .map(|c| c.main_number.clone())
            .unwrap_or_default();
        for (body, created, disabled) in entries {
            let mut body = with(body, json!({"company_id": company_id}));
            if body.get("call_flow").is_none() {
                body = with(body, basic(&main, false, None));
            }
            let Ok((a, pos)) = state.create_tracker(&account_id, &body, at(created)) else {
                continue;
            };
            if let Some(d) = disabled {
                state.accounts[a].trackers[pos].disable(at(d));
            }
        }
        if is_old {
            old_client_id = Some(company_id);
        }
    }
    if let Some(id) = old_client_id {
        state.disable_company(acc, &id, at("2025-09-30T17:00:00Z"));
    }
    state.accounts[acc].sort_trackers_by_creation();
    state.lenient_numbers = false;
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::model::{CallFlow, Status, TrackerType};

    #[test]
    fn demo_agency_is_complete_and_deterministic() {
        let mut s = State::new(60);
        build(&mut s);
        let mut again = State::new(60);
        build(&mut again);
        assert_eq!(s.accounts[0].id, again.accounts[0].id);
        let a = &s.accounts[0];
        assert_eq!(a.name, "Peachtree Digital Agency");
        assert_eq!(a.companies.len(), 4);
        assert_eq!(a.trackers.len(), 38, "every demo tracker was created");
        let disabled = a
            .trackers
            .iter()
            .filter(|t| t.status == Status::Disabled)
            .count();
        assert_eq!(disabled, 5);
        assert!(a
            .trackers
            .iter()
            .filter(|t| t.status == Status::Disabled)
            .all(|t| t.tracking_numbers.is_empty() && t.disabled_at.is_some()));
        let ivr = a
            .trackers
            .iter()
            .find(|t| t.name == "Main Line IVR")
            .unwrap();
        assert!(matches!(ivr.call_flow, CallFlow::Advanced(_)));
        assert!(ivr.toll_free);
        assert_eq!(ivr.tracking_numbers, vec!["+18885551000"]);
        let acme = &a.companies[0].id;
        let dni = a
            .trackers
            .iter()
            .find(|t| t.name == "Website DNI" && &t.company_id == acme)
            .unwrap();
        assert_eq!(dni.kind, TrackerType::Session);
        assert_eq!(dni.tracking_numbers.len(), 8);
        let always = a
            .trackers
            .iter()
            .find(|t| t.name == "Always-swap main line")
            .unwrap();
        assert_eq!(always.source, json!({"type": "all"}));
        assert_eq!(&always.company_id, acme);
        assert!(a
            .trackers
            .windows(2)
            .all(|w| w[0].created_at <= w[1].created_at));
        assert!(
            a.trackers.iter().all(|t| t.area_code != "299"),
            "no fallback numbers at default size"
        );
    }

    #[test]
    fn demo_survives_a_tiny_inventory() {
        let mut s = State::new(2);
        build(&mut s);
        assert_eq!(s.accounts[0].trackers.len(), 38);
    }
}
