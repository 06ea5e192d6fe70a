//! The `source` of a tracker: what the API accepts and how it echoes it back.

use serde_json::{Map, Value};

use crate::error::ApiError;
use crate::validate::{given, Obj};

/// Source-tracker source types the API accepts.
pub(crate) const SOURCE_TYPES: [&str; 12] = [
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

fn unknown_source() -> ApiError {
    ApiError::bad_request("Source Unknown tracking source type")
}

fn source_string(obj: &Obj, key: &str) -> Result<String, ApiError> {
    match given(obj, key) {
        Some(Value::String(s)) if !s.trim().is_empty() => Ok(s.clone()),
        Some(Value::String(_)) | None => Err(ApiError::missing(&format!("source.{key}"))),
        Some(_) => Err(ApiError::bad_request(format!(
            "source.{key} must be a string"
        ))),
    }
}

/// The `source` of a source tracker: an object with a known `type` and that type's keys.
pub(crate) fn source_tracker_source(v: Option<&Value>) -> Result<Value, ApiError> {
    let v = v
        .filter(|v| !v.is_null())
        .ok_or_else(|| ApiError::missing("source"))?;
    let obj = v.as_object().ok_or_else(unknown_source)?;
    let kind = obj
        .get("type")
        .and_then(Value::as_str)
        .ok_or_else(unknown_source)?;
    if !SOURCE_TYPES.contains(&kind) {
        return Err(unknown_source());
    }
    let mut out = Map::new();
    out.insert("type".into(), Value::from(kind));
    match kind {
        "landing_url" | "landing_params" => {
            out.insert(
                "landing".into(),
                Value::from(source_string(obj, "landing")?),
            );
        }
        "web_referrer" => {
            out.insert(
                "referrer".into(),
                Value::from(source_string(obj, "referrer")?),
            );
        }
        "search" => {
            let engine = source_string(obj, "search_engine")?;
            if !["google", "yahoo", "bing", "all"].contains(&engine.as_str()) {
                return Err(ApiError::bad_request(
                    "Search engine is not included in the list",
                ));
            }
            let stype = source_string(obj, "search_type")?;
            if !["paid", "organic", "all"].contains(&stype.as_str()) {
                return Err(ApiError::bad_request(
                    "Search type is not included in the list",
                ));
            }
            out.insert("search_engine".into(), Value::from(engine));
            out.insert("search_type".into(), Value::from(stype));
        }
        _ => {}
    }
    Ok(Value::Object(out))
}

/// The `source` of a session tracker: `"all"` (echoed as `{"type":"all"}`) or an object of
/// engine/landing/referrer filters, echoed without a `type` key unless one was sent.
pub(crate) fn session_source(v: Option<&Value>) -> Result<Value, ApiError> {
    let v = v
        .filter(|v| !v.is_null())
        .ok_or_else(|| ApiError::missing("source"))?;
    let obj = match v {
        Value::String(s) if s == "all" => return Ok(serde_json::json!({"type": "all"})),
        Value::Object(obj) => obj,
        _ => return Err(unknown_source()),
    };
    let mut out = Map::new();
    if let Some(t) = given(obj, "type") {
        match t.as_str() {
            Some(t @ ("direct" | "all")) => {
                out.insert("type".into(), Value::from(t));
            }
            _ => return Err(unknown_source()),
        }
    }
    for engine in ["google", "bing", "yahoo"] {
        if let Some(val) = given(obj, engine) {
            let ok = val.as_array().is_some_and(|a| {
                a.iter()
                    .all(|x| matches!(x.as_str(), Some("paid" | "organic")))
            });
            if !ok {
                return Err(ApiError::bad_request(format!(
                    "source.{engine} must be an array of paid and/or organic"
                )));
            }
            out.insert(engine.into(), val.clone());
        }
    }
    for key in ["landing", "referrer"] {
        if let Some(val) = given(obj, key) {
            if !val
                .as_array()
                .is_some_and(|a| a.iter().all(Value::is_string))
            {
                return Err(ApiError::bad_request(format!(
                    "source.{key} must be an array of strings"
                )));
            }
            out.insert(key.into(), val.clone());
        }
    }
    if let Some(inv) = given(obj, "inverted") {
        let b = inv
            .as_bool()
            .ok_or_else(|| ApiError::bad_request("source.inverted must be true or false"))?;
        out.insert("inverted".into(), Value::from(b));
    }
    if out.is_empty() {
        return Err(unknown_source());
    }
    Ok(Value::Object(out))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn source_tracker_sources() {
        assert_eq!(
            source_tracker_source(Some(&json!({"type":"offline","extra":1}))).unwrap(),
            json!({"type":"offline"})
        );
        let s = json!({"type":"search","search_engine":"google","search_type":"paid"});
        assert_eq!(source_tracker_source(Some(&s)).unwrap(), s);
        let e = source_tracker_source(Some(&json!({"type":"billboard"}))).unwrap_err();
        assert_eq!(e.message, "Source Unknown tracking source type");
        assert!(source_tracker_source(Some(&json!({"type":"landing_url"}))).is_err());
        assert!(source_tracker_source(Some(
            &json!({"type":"search","search_engine":"ask","search_type":"paid"})
        ))
        .is_err());
        assert!(source_tracker_source(Some(&json!("all"))).is_err());
        assert_eq!(
            source_tracker_source(None).unwrap_err().message,
            "missing required parameter 'source'"
        );
    }

    #[test]
    fn session_sources() {
        assert_eq!(
            session_source(Some(&json!("all"))).unwrap(),
            json!({"type":"all"})
        );
        let s = json!({"google":["paid","organic"],"bing":["paid"],"landing":["spring-sale"],"inverted":false});
        assert_eq!(session_source(Some(&s)).unwrap(), s);
        assert!(session_source(Some(&json!({"bing":["paid","local"]}))).is_err());
        assert!(session_source(Some(&json!("offline"))).is_err());
        assert!(session_source(Some(&json!({}))).is_err());
    }
}
