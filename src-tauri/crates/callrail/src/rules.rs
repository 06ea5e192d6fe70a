//! The rules a tracker must satisfy before it is sent, and the typed requests they produce.
//!
//! A person fills a [`TrackerForm`] with text as typed; [`TrackerForm::validate`] checks every rule at
//! once and returns either every broken rule (field and message) or a [`TrackerDraft`], which can only
//! be built through these checks and knows how to write the exact body CallRail documents.

use crate::phone::{AreaCode, E164};
use crate::{RuleViolation, Violations};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

pub const POOL_MIN: u32 = 4;
pub const POOL_MAX: u32 = 50;
pub const NAME_MAX: usize = 255;
/// CallRail documents no limit; longer texts than this were seen refused (pghdma's observation).
pub const MESSAGE_MAX: usize = 500;

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TrackerKind {
    #[default]
    Source,
    Session,
}

/// Where a source tracker's callers come from, as a person picks it. `kind` is one of
/// [`SOURCE_TYPES`]; some kinds need one more field.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq, Eq)]
pub struct SourceInput {
    pub kind: String,
    #[serde(default)]
    pub landing: Option<String>,
    #[serde(default)]
    pub referrer: Option<String>,
    #[serde(default)]
    pub search_engine: Option<String>,
    #[serde(default)]
    pub search_type: Option<String>,
}

/// Every source type CallRail documents for source trackers, plus the two seen in production.
pub const SOURCE_TYPES: [&str; 12] = [
    "all",
    "landing_url",
    "landing_params",
    "offline",
    "web_referrer",
    "direct",
    "search",
    "google_ad_extension",
    "mobile_ad_extension",
    "google_my_business",
    "facebook_all",
    "bing_all",
];
pub const SEARCH_ENGINES: [&str; 4] = ["google", "yahoo", "bing", "all"];
pub const SEARCH_TYPES: [&str; 3] = ["paid", "organic", "all"];

/// A tracker as a person filled it in.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq, Eq)]
pub struct TrackerForm {
    pub kind: TrackerKind,
    pub company_id: String,
    pub name: String,
    /// Where calls ring, in any usual notation.
    pub destination: String,
    /// The area code the new numbers must have.
    #[serde(default)]
    pub area_code: Option<String>,
    #[serde(default)]
    pub toll_free: bool,
    /// Session trackers: how many numbers the pool holds (4-50).
    #[serde(default)]
    pub pool_size: Option<u32>,
    /// Source trackers: the channel; `offline` when not given.
    #[serde(default)]
    pub source: Option<SourceInput>,
    #[serde(default)]
    pub whisper: Option<String>,
    #[serde(default)]
    pub greeting: Option<String>,
    #[serde(default)]
    pub record_calls: bool,
    #[serde(default)]
    pub sms_enabled: bool,
    /// Numbers on the website that swap.js replaces; the destination when empty.
    #[serde(default)]
    pub swap_targets: Vec<String>,
    /// Source trackers only.
    #[serde(default)]
    pub campaign_name: Option<String>,
}

/// Which new numbers to ask CallRail for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NumberRequest {
    /// A local number with this area code, or an error (CallRail does not fall back).
    AreaCode(AreaCode),
    /// Any toll-free number, or one with this toll-free code.
    TollFree(Option<AreaCode>),
    /// A number local to this one, near it when that area code has none left.
    LocalTo(E164),
}

impl NumberRequest {
    fn to_json(&self) -> Value {
        match self {
            NumberRequest::AreaCode(code) => json!({ "area_code": code.as_str() }),
            NumberRequest::TollFree(None) => json!({ "toll_free": true }),
            NumberRequest::TollFree(Some(code)) => {
                json!({ "toll_free": true, "area_code": code.as_str() })
            }
            NumberRequest::LocalTo(number) => json!({ "local": number.as_str() }),
        }
    }

    pub fn is_toll_free(&self) -> bool {
        matches!(self, NumberRequest::TollFree(_))
    }

    /// "area code 404", "toll-free", "local to (404) 555-0100".
    pub fn describe(&self) -> String {
        match self {
            NumberRequest::AreaCode(code) => format!("area code {}", code.as_str()),
            NumberRequest::TollFree(None) => "toll-free".to_owned(),
            NumberRequest::TollFree(Some(code)) => format!("toll-free {}", code.as_str()),
            NumberRequest::LocalTo(n) => format!("local to {}", crate::format_number(n.as_str())),
        }
    }
}

/// A checked tracker, ready to send. Built only by [`TrackerForm::validate`].
#[derive(Debug, Clone, PartialEq)]
pub struct TrackerDraft {
    kind: TrackerKind,
    company_id: String,
    name: String,
    destination: E164,
    numbers: NumberRequest,
    pool_size: u32,
    source: Value,
    whisper: Option<String>,
    greeting: Option<String>,
    record_calls: bool,
    sms_enabled: bool,
    swap_targets: Vec<String>,
    campaign_name: Option<String>,
}

impl TrackerDraft {
    pub fn kind(&self) -> TrackerKind {
        self.kind
    }
    pub fn company_id(&self) -> &str {
        &self.company_id
    }
    pub fn name(&self) -> &str {
        &self.name
    }
    pub fn destination(&self) -> &E164 {
        &self.destination
    }
    pub fn numbers(&self) -> &NumberRequest {
        &self.numbers
    }

    /// How many numbers creating this tracker buys: 1 for a source tracker, the pool size for a session.
    pub fn numbers_to_provision(&self) -> u32 {
        self.pool_size
    }

    /// The POST body, in the shape CallRail documents for this tracker type.
    pub fn to_body(&self) -> Value {
        let mut body = Map::new();
        body.insert("name".into(), json!(self.name));
        body.insert("company_id".into(), json!(self.company_id));
        let mut flow = json!({
            "type": "basic",
            "destination_number": self.destination.as_str(),
            "recording_enabled": self.record_calls,
        });
        if let Some(greeting) = &self.greeting {
            flow["greeting_text"] = json!(greeting);
        }
        body.insert("call_flow".into(), flow);
        body.insert("source".into(), self.source.clone());
        match self.kind {
            TrackerKind::Source => {
                body.insert("type".into(), json!("source"));
                body.insert("tracking_number".into(), self.numbers.to_json());
                if let Some(campaign) = &self.campaign_name {
                    body.insert("campaign_name".into(), json!(campaign));
                }
            }
            TrackerKind::Session => {
                body.insert("type".into(), json!("session"));
                body.insert("pool_size".into(), json!(self.pool_size));
                body.insert("pool_numbers".into(), self.numbers.to_json());
            }
        }
        if let Some(whisper) = &self.whisper {
            body.insert("whisper_message".into(), json!(whisper));
        }
        if self.sms_enabled {
            body.insert("sms_enabled".into(), json!(true));
        }
        if !self.swap_targets.is_empty() {
            body.insert("swap_targets".into(), json!(self.swap_targets));
        }
        Value::Object(body)
    }
}

/// Collects broken rules so a form shows them all at once.
#[derive(Default)]
pub(crate) struct Checks(Vec<RuleViolation>);

impl Checks {
    pub(crate) fn take<T>(&mut self, r: Result<T, RuleViolation>) -> Option<T> {
        r.map_err(|v| self.0.push(v)).ok()
    }
    pub(crate) fn fail(&mut self, field: &str, message: impl Into<String>) {
        self.0.push(RuleViolation::new(field, message));
    }
    pub(crate) fn finish<T>(self, value: impl FnOnce() -> Option<T>) -> Result<T, Violations> {
        if self.0.is_empty() {
            value().ok_or_else(|| Violations(vec![RuleViolation::new("form", "incomplete")]))
        } else {
            Err(Violations(self.0))
        }
    }
}

impl TrackerForm {
    /// Checks every rule; nothing is sent.
    pub fn validate(&self) -> Result<TrackerDraft, Violations> {
        let mut c = Checks::default();
        let company_id = c.take(check_id("company_id", &self.company_id));
        let name = c.take(check_name(&self.name));
        let destination = c.take(E164::parse("destination", &self.destination));
        let whisper = c.take(check_message("whisper", self.whisper.as_deref()));
        let greeting = c.take(check_message("greeting", self.greeting.as_deref()));
        let swap_targets = c.take(check_swap_targets(&self.swap_targets));
        let numbers = c.take(number_request(
            self.area_code.as_deref(),
            self.toll_free,
            destination.as_ref(),
        ));
        if self.sms_enabled && self.toll_free {
            c.fail(
                "sms_enabled",
                "text messages work only on local numbers, not toll-free ones",
            );
        }
        let (pool_size, source, campaign_name) = match self.kind {
            TrackerKind::Source => {
                if self.pool_size.is_some_and(|n| n != 1) {
                    c.fail("pool_size", "a source tracker has exactly one number; choose a session tracker for a pool");
                }
                let source = c.take(source_json(self.source.as_ref()));
                let campaign = c.take(check_optional_name(
                    "campaign_name",
                    self.campaign_name.as_deref(),
                ));
                (Some(1), source, campaign)
            }
            TrackerKind::Session => {
                if self
                    .campaign_name
                    .as_deref()
                    .is_some_and(|s| !s.trim().is_empty())
                {
                    c.fail("campaign_name", "only source trackers have a campaign name");
                }
                if self.source.as_ref().is_some_and(|s| s.kind != "all") {
                    c.fail("source", "a session tracker's pool serves all website traffic here; use a source tracker for one channel");
                }
                let pool = match self.pool_size {
                    None => {
                        c.fail("pool_size", format!("a session tracker needs a pool size between {POOL_MIN} and {POOL_MAX}"));
                        None
                    }
                    Some(n) => c.take(check_pool_size(n)),
                };
                (pool, Some(json!("all")), Some(None))
            }
        };
        c.finish(|| {
            Some(TrackerDraft {
                kind: self.kind,
                company_id: company_id?,
                name: name?,
                destination: destination?,
                numbers: numbers?,
                pool_size: pool_size?,
                source: source?,
                whisper: whisper?,
                greeting: greeting?,
                record_calls: self.record_calls,
                sms_enabled: self.sms_enabled,
                swap_targets: swap_targets?,
                campaign_name: campaign_name?,
            })
        })
    }
}

pub fn check_pool_size(n: u32) -> Result<u32, RuleViolation> {
    if (POOL_MIN..=POOL_MAX).contains(&n) {
        Ok(n)
    } else {
        Err(RuleViolation::new(
            "pool_size",
            format!("pool size must be between {POOL_MIN} and {POOL_MAX} numbers (got {n})"),
        ))
    }
}

pub fn check_name(raw: &str) -> Result<String, RuleViolation> {
    let name = raw.trim();
    if name.is_empty() {
        return Err(RuleViolation::new("name", "a name is required"));
    }
    check_optional_name("name", Some(name)).map(|n| n.unwrap_or_default())
}

fn check_optional_name(field: &str, raw: Option<&str>) -> Result<Option<String>, RuleViolation> {
    let Some(name) = raw.map(str::trim).filter(|s| !s.is_empty()) else {
        return Ok(None);
    };
    if name.chars().count() > NAME_MAX {
        return Err(RuleViolation::new(
            field,
            format!("at most {NAME_MAX} characters"),
        ));
    }
    if name.chars().any(char::is_control) {
        return Err(RuleViolation::new(
            field,
            "no line breaks or control characters",
        ));
    }
    if name.chars().any(is_invisible) {
        return Err(RuleViolation::new(
            field,
            "no invisible or text-direction characters (such as zero-width spaces or right-to-left marks)",
        ));
    }
    Ok(Some(name.to_owned()))
}

/// Unicode's format characters (category Cf): invisible, and some turn the text around it (the
/// bidirectional overrides), so a name could read as something it is not.
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{0600}'..='\u{0605}' | '\u{061C}' | '\u{06DD}' | '\u{070F}'
        | '\u{0890}'..='\u{0891}' | '\u{08E2}' | '\u{180E}' | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206F}'
        | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}' | '\u{110BD}' | '\u{110CD}'
        | '\u{13430}'..='\u{1343F}' | '\u{1BCA0}'..='\u{1BCA3}' | '\u{1D173}'..='\u{1D17A}'
        | '\u{E0001}' | '\u{E0020}'..='\u{E007F}')
}

/// A whisper or greeting: blank means none; at most [`MESSAGE_MAX`] characters.
pub fn check_message(field: &str, raw: Option<&str>) -> Result<Option<String>, RuleViolation> {
    let Some(text) = raw.map(str::trim).filter(|s| !s.is_empty()) else {
        return Ok(None);
    };
    if text.chars().count() > MESSAGE_MAX {
        return Err(RuleViolation::new(
            field,
            format!("at most {MESSAGE_MAX} characters"),
        ));
    }
    Ok(Some(text.to_owned()))
}

/// Swap targets go to CallRail as flat digit strings ("4045550100"), without duplicates.
pub fn check_swap_targets(raw: &[String]) -> Result<Vec<String>, RuleViolation> {
    let mut out: Vec<String> = Vec::new();
    for t in raw.iter().filter(|t| !t.trim().is_empty()) {
        let digits = E164::parse("swap_targets", t)?.digits().to_owned();
        if !out.contains(&digits) {
            out.push(digits);
        }
    }
    Ok(out)
}

/// Ids go into URL paths: letters, digits, `_` and `-` only.
pub fn check_id(field: &str, raw: &str) -> Result<String, RuleViolation> {
    let id = raw.trim();
    if id.is_empty() {
        return Err(RuleViolation::new(field, "an id is required"));
    }
    if id.len() > 64
        || !id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    {
        return Err(RuleViolation::new(
            field,
            format!("\"{id}\" is not a CallRail id (letters and digits, like COM8154…)"),
        ));
    }
    Ok(id.to_owned())
}

fn number_request(
    area_code: Option<&str>,
    toll_free: bool,
    destination: Option<&E164>,
) -> Result<NumberRequest, RuleViolation> {
    let code = area_code
        .filter(|s| !s.trim().is_empty())
        .map(AreaCode::parse)
        .transpose()?;
    match (code, toll_free) {
        (Some(code), true) if !code.is_toll_free() => Err(RuleViolation::new(
            "area_code",
            format!("{} is a local area code: clear it for any toll-free number, or give a toll-free code such as 888", code.as_str()),
        )),
        (code, true) => Ok(NumberRequest::TollFree(code)),
        (Some(code), false) if code.is_toll_free() => Err(RuleViolation::new(
            "area_code",
            format!("{} is a toll-free code: tick toll-free, or give a local area code", code.as_str()),
        )),
        (Some(code), false) => Ok(NumberRequest::AreaCode(code)),
        (None, false) => match destination {
            Some(d) if !d.is_toll_free() => Ok(NumberRequest::LocalTo(d.clone())),
            Some(_) => Err(RuleViolation::new(
                "area_code",
                "the destination is toll-free, so give an area code for the new number, or tick toll-free",
            )),
            // The destination's own error is already reported.
            None => Ok(NumberRequest::TollFree(None)),
        },
    }
}

fn source_json(input: Option<&SourceInput>) -> Result<Value, RuleViolation> {
    let Some(input) = input else {
        return Ok(json!({ "type": "offline" }));
    };
    let kind = input.kind.trim();
    if !SOURCE_TYPES.contains(&kind) {
        return Err(RuleViolation::new(
            "source",
            format!(
                "\"{kind}\" is not a CallRail source type; use one of {}",
                SOURCE_TYPES.join(", ")
            ),
        ));
    }
    let required = |field: &str, value: &Option<String>| -> Result<String, RuleViolation> {
        value
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .ok_or_else(|| {
                RuleViolation::new(field, format!("the source type {kind} needs {field}"))
            })
    };
    let one_of =
        |field: &str, value: &Option<String>, allowed: &[&str]| -> Result<String, RuleViolation> {
            let v = value.as_deref().map(str::trim).unwrap_or("all");
            if allowed.contains(&v) {
                Ok(v.to_owned())
            } else {
                Err(RuleViolation::new(
                    field,
                    format!("\"{v}\" is not one of {}", allowed.join(", ")),
                ))
            }
        };
    Ok(match kind {
        "landing_url" | "landing_params" => {
            json!({ "type": kind, "landing": required("landing", &input.landing)? })
        }
        "web_referrer" => {
            json!({ "type": kind, "referrer": required("referrer", &input.referrer)? })
        }
        "search" => json!({
            "type": kind,
            "search_engine": one_of("search_engine", &input.search_engine, &SEARCH_ENGINES)?,
            "search_type": one_of("search_type", &input.search_type, &SEARCH_TYPES)?,
        }),
        _ => json!({ "type": kind }),
    })
}

#[cfg(test)]
mod tests;
