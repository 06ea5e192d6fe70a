//! Checks on request bodies, shared by create and update. Each returns the value to store or the
//! 400 the API would answer.

use serde_json::{Map, Value};

use crate::error::ApiError;
use crate::inventory::NumberRequest;

pub(crate) type Obj = Map<String, Value>;

/// `^\+[1-9][0-9]{7,14}$`
pub(crate) fn is_e164(s: &str) -> bool {
    let Some(rest) = s.strip_prefix('+') else {
        return false;
    };
    (8..=15).contains(&rest.len())
        && rest.bytes().all(|b| b.is_ascii_digit())
        && !rest.starts_with('0')
}

/// Present and not JSON null.
pub(crate) fn given<'a>(obj: &'a Obj, key: &str) -> Option<&'a Value> {
    obj.get(key).filter(|v| !v.is_null())
}

/// A required, non-blank string parameter.
pub(crate) fn required_str<'a>(obj: &'a Obj, key: &str) -> Result<&'a str, ApiError> {
    match given(obj, key) {
        None => Err(ApiError::missing(key)),
        Some(Value::String(s)) if s.trim().is_empty() => Err(ApiError::missing(key)),
        Some(Value::String(s)) => Ok(s),
        Some(_) => Err(ApiError::bad_request(format!("{key} must be a string"))),
    }
}

pub(crate) fn optional_bool(obj: &Obj, key: &str) -> Result<Option<bool>, ApiError> {
    match given(obj, key) {
        None => Ok(None),
        Some(Value::Bool(b)) => Ok(Some(*b)),
        Some(_) => Err(ApiError::bad_request(format!(
            "{key} must be true or false"
        ))),
    }
}

/// A nullable string; blank counts as null.
pub(crate) fn optional_text(obj: &Obj, key: &str) -> Result<Option<String>, ApiError> {
    match given(obj, key) {
        None => Ok(None),
        Some(Value::String(s)) if s.is_empty() => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(ApiError::bad_request(format!("{key} must be a string"))),
    }
}

/// A parsed `call_flow` request.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum CallFlowInput {
    Basic {
        destination_number: String,
        recording_enabled: bool,
        greeting_text: Option<String>,
        greeting_recording_url: Option<String>,
    },
    Advanced {
        uuid: String,
        recording_enabled: bool,
    },
}

/// A call flow as a whole: missing optional keys take their defaults (replace semantics).
pub(crate) fn call_flow(v: &Value) -> Result<CallFlowInput, ApiError> {
    let obj = v
        .as_object()
        .ok_or_else(|| ApiError::bad_request("Call flow must be an object"))?;
    let recording = optional_bool(obj, "recording_enabled")?;
    match obj.get("type").and_then(Value::as_str) {
        Some("basic") => {
            let dest = match given(obj, "destination_number") {
                None => return Err(ApiError::missing("call_flow.destination_number")),
                Some(Value::String(s)) if s.is_empty() => {
                    return Err(ApiError::missing("call_flow.destination_number"))
                }
                Some(Value::String(s)) if is_e164(s) => s.clone(),
                Some(_) => {
                    return Err(ApiError::bad_request(
                        "Destination number must be in E.164 format",
                    ))
                }
            };
            Ok(CallFlowInput::Basic {
                destination_number: dest,
                recording_enabled: recording.unwrap_or(false),
                greeting_text: optional_text(obj, "greeting_text")?,
                greeting_recording_url: optional_text(obj, "greeting_recording_url")?,
            })
        }
        Some("advanced") => {
            let uuid =
                required_str(obj, "uuid").map_err(|_| ApiError::missing("call_flow.uuid"))?;
            Ok(CallFlowInput::Advanced {
                uuid: uuid.to_string(),
                recording_enabled: recording.unwrap_or(true),
            })
        }
        _ => Err(ApiError::bad_request(
            "Call flow type is not included in the list",
        )),
    }
}

/// A `tracking_number` / `pool_numbers` object.
pub(crate) fn number_request(v: Option<&Value>, param: &str) -> Result<NumberRequest, ApiError> {
    let v = v
        .filter(|v| !v.is_null())
        .ok_or_else(|| ApiError::missing(param))?;
    let obj = v
        .as_object()
        .ok_or_else(|| ApiError::bad_request(format!("{param} must be an object")))?;
    let area_code = match given(obj, "area_code") {
        None => None,
        Some(Value::String(s)) if s.len() == 3 && s.bytes().all(|b| b.is_ascii_digit()) => {
            Some(s.clone())
        }
        Some(_) => {
            return Err(ApiError::bad_request(
                "Area code must be a string of 3 digits",
            ))
        }
    };
    let local = match given(obj, "local") {
        None => None,
        Some(Value::String(s)) if is_e164(s) => Some(s.clone()),
        Some(_) => return Err(ApiError::bad_request("Local must be in E.164 format")),
    };
    let toll_free = optional_bool(obj, "toll_free")?.unwrap_or(false);
    if area_code.is_none() && local.is_none() && !toll_free {
        return Err(ApiError::bad_request(
            "Tracking number must include area_code, local or toll_free",
        ));
    }
    Ok(NumberRequest {
        area_code,
        local,
        toll_free,
    })
}

/// `pool_size`: an integer from 4 to 50.
pub(crate) fn pool_size(v: Option<&Value>) -> Result<usize, ApiError> {
    let v = v
        .filter(|v| !v.is_null())
        .ok_or_else(|| ApiError::missing("pool_size"))?;
    match v.as_u64() {
        Some(n @ 4..=50) => usize::try_from(n)
            .map_err(|_| ApiError::bad_request("Pool size must be between 4 and 50")),
        _ => Err(ApiError::bad_request("Pool size must be between 4 and 50")),
    }
}

/// `swap_targets`: an array of phone-number strings in any common format.
pub(crate) fn swap_targets(v: &Value) -> Result<Vec<String>, ApiError> {
    let bad = || ApiError::bad_request("Swap targets must be an array of phone numbers");
    let arr = v.as_array().ok_or_else(bad)?;
    arr.iter()
        .map(|x| {
            let s = x.as_str().ok_or_else(bad)?;
            let digits = s.bytes().filter(u8::is_ascii_digit).count();
            let clean = s
                .chars()
                .all(|c| c.is_ascii_digit() || " +-().".contains(c));
            if clean && (7..=15).contains(&digits) {
                Ok(s.to_string())
            } else {
                Err(bad())
            }
        })
        .collect()
}

/// `message_flow`: null, `{"type":"auto-reply","message":...}` or `{"type":"advanced","id":...}`.
pub(crate) fn message_flow(v: &Value) -> Result<Option<Value>, ApiError> {
    let obj = match v {
        Value::Null => return Ok(None),
        Value::Object(obj) => obj,
        _ => {
            return Err(ApiError::bad_request(
                "Message flow must be an object or null",
            ))
        }
    };
    match obj.get("type").and_then(Value::as_str) {
        Some("auto-reply") => {
            let msg = required_str(obj, "message")
                .map_err(|_| ApiError::missing("message_flow.message"))?;
            if msg.chars().count() > 1550 {
                return Err(ApiError::bad_request(
                    "Message flow message is too long (maximum is 1550 characters)",
                ));
            }
            Ok(Some(
                serde_json::json!({"type": "auto-reply", "message": msg}),
            ))
        }
        Some("advanced") => {
            let id = required_str(obj, "id").map_err(|_| ApiError::missing("message_flow.id"))?;
            Ok(Some(serde_json::json!({"type": "advanced", "id": id})))
        }
        _ => Err(ApiError::bad_request(
            "Message flow type is not included in the list",
        )),
    }
}

pub(crate) fn message_flow_needs_sms() -> ApiError {
    ApiError::bad_request("Message flow requires sms_enabled to be true")
}

pub(crate) fn sms_needs_local() -> ApiError {
    ApiError::bad_request("SMS is only available on local numbers")
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn e164() {
        assert!(is_e164("+14045550100"));
        assert!(is_e164("+4420712345"));
        assert!(!is_e164("14045550100"));
        assert!(!is_e164("+04045550100"));
        assert!(!is_e164("+1404555"));
        assert!(!is_e164("+1404555010012345"));
        assert!(!is_e164("+1 404 555 0100"));
    }

    #[test]
    fn basic_call_flow_defaults_and_errors() {
        let f = call_flow(&json!({"type":"basic","destination_number":"+14045550100"})).unwrap();
        assert_eq!(
            f,
            CallFlowInput::Basic {
                destination_number: "+14045550100".into(),
                recording_enabled: false,
                greeting_text: None,
                greeting_recording_url: None
            }
        );
        let e = call_flow(&json!({"type":"basic","recording_enabled":true})).unwrap_err();
        assert_eq!(
            e.message,
            "missing required parameter 'call_flow.destination_number'"
        );
        let e =
            call_flow(&json!({"type":"basic","destination_number":"404-555-0100"})).unwrap_err();
        assert_eq!(e.message, "Destination number must be in E.164 format");
        let e = call_flow(&json!({"type":"ivr"})).unwrap_err();
        assert_eq!(e.message, "Call flow type is not included in the list");
        assert!(call_flow(&json!({"type":"advanced","uuid":""})).is_err());
        assert!(call_flow(&json!({"type":"advanced","uuid":"abc-123"})).is_ok());
    }

    #[test]
    fn number_requests_and_pools() {
        let e = number_request(Some(&json!({})), "tracking_number").unwrap_err();
        assert_eq!(
            e.message,
            "Tracking number must include area_code, local or toll_free"
        );
        assert!(number_request(Some(&json!({"area_code":404})), "tracking_number").is_err());
        assert!(number_request(Some(&json!({"toll_free":true})), "pool_numbers").is_ok());
        assert_eq!(
            number_request(None, "pool_numbers").unwrap_err().message,
            "missing required parameter 'pool_numbers'"
        );
        assert_eq!(pool_size(Some(&json!(4))).unwrap(), 4);
        assert_eq!(pool_size(Some(&json!(50))).unwrap(), 50);
        for bad in [json!(3), json!(51), json!("5"), json!(4.5)] {
            assert_eq!(
                pool_size(Some(&bad)).unwrap_err().message,
                "Pool size must be between 4 and 50"
            );
        }
    }

    #[test]
    fn swap_targets_and_message_flows() {
        assert!(swap_targets(&json!(["4045550100", "(404) 555-0101"])).is_ok());
        assert!(swap_targets(&json!("4045550100")).is_err());
        assert!(swap_targets(&json!([4045550100u64])).is_err());
        assert!(swap_targets(&json!(["call us"])).is_err());
        assert_eq!(message_flow(&json!(null)).unwrap(), None);
        assert!(message_flow(&json!({"type":"auto-reply","message":"Thanks!"})).is_ok());
        assert!(message_flow(&json!({"type":"bot"})).is_err());
    }
}
