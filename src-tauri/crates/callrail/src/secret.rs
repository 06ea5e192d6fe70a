//! The API key, kept where it cannot leak by accident.

use std::fmt;

/// A CallRail API key.
///
/// It prints as `<redacted>` in `Debug` and `Display`, implements no `Serialize`, and is only read
/// back inside this crate, to build the `Authorization` header.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiKey(String);

impl ApiKey {
    /// Accepts a key as pasted by a person: surrounding white space is dropped; an empty key or one with
    /// spaces, quotes or control characters inside is refused (it could not be sent in a header).
    pub fn new(raw: impl Into<String>) -> Result<Self, crate::RuleViolation> {
        let raw = raw.into();
        let key = raw.trim();
        if key.is_empty() {
            return Err(crate::RuleViolation::new("api_key", "the API key is empty"));
        }
        if key.chars().any(|c| {
            c.is_whitespace()
                || c.is_control()
                || crate::rules::is_invisible(c)
                || c == '"'
                || c == '\\'
        }) {
            return Err(crate::RuleViolation::new(
                "api_key",
                "the API key may not contain spaces, quotes, control or invisible characters",
            ));
        }
        Ok(Self(key.to_owned()))
    }

    /// The last four characters, for showing which key is in use (`••••1a2b`).
    pub fn last4(&self) -> String {
        let chars: Vec<char> = self.0.chars().collect();
        chars[chars.len().saturating_sub(4)..].iter().collect()
    }

    pub(crate) fn expose(&self) -> &str {
        &self.0
    }

    /// The key itself, for handing to the OS keyring and nothing else.
    pub fn reveal_for_storage(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiKey(<redacted>)")
    }
}

impl fmt::Display for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_prints_itself() {
        let key = ApiKey::new("  abcdef0123456789secret  ").unwrap();
        assert_eq!(format!("{key:?}"), "ApiKey(<redacted>)");
        assert_eq!(key.to_string(), "<redacted>");
        assert_eq!(key.last4(), "cret");
        assert_eq!(key.expose(), "abcdef0123456789secret");
    }

    #[test]
    fn refuses_what_cannot_go_in_a_header() {
        assert!(ApiKey::new("   ").is_err());
        assert!(ApiKey::new("ab cd").is_err());
        assert!(ApiKey::new("ab\"cd").is_err());
    }
}
