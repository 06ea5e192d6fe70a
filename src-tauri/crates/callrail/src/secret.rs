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

    /// A short one-way fingerprint (12 hex digits of a SHA-256), the same for the same key: names a
    /// key given for one run so its journal entries can be checked again later, without keeping it.
    pub fn fingerprint(&self) -> String {
        use sha2::{Digest, Sha256};
        let digest = Sha256::digest(format!("trackerdesk-key:{}", self.0).as_bytes());
        digest[..6].iter().map(|b| format!("{b:02x}")).collect()
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

    #[test]
    fn a_fingerprint_names_a_key_without_revealing_it() {
        let a = ApiKey::new("a1b2c3d4e5f6a7b8c9d0").unwrap();
        let b = ApiKey::new("a1b2c3d4e5f6a7b8c9d1").unwrap();
        assert_eq!(
            a.fingerprint(),
            ApiKey::new("a1b2c3d4e5f6a7b8c9d0").unwrap().fingerprint()
        );
        assert_ne!(a.fingerprint(), b.fingerprint());
        assert_eq!(a.fingerprint().len(), 12);
        assert!(!"a1b2c3d4e5f6a7b8c9d0".contains(&a.fingerprint()));
    }
}
