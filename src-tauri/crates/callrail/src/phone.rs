//! Phone numbers as people type them and as CallRail wants them.

use crate::RuleViolation;
use std::fmt;

/// A number in E.164 form (`+14045550100`), the only form CallRail accepts for destinations.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct E164(String);

/// The toll-free area codes of the North American Numbering Plan.
pub const TOLL_FREE_CODES: [&str; 7] = ["800", "833", "844", "855", "866", "877", "888"];

impl E164 {
    /// Reads a number as a person writes it: "(404) 555-0100", "404-555-0100", "404.555.0100",
    /// "+1 404 555 0100", "14045550100" or any E.164 number such as "+442071838750".
    pub fn parse(field: &str, input: &str) -> Result<Self, RuleViolation> {
        let bad = |why: &str| {
            RuleViolation::new(
                field,
                format!("\"{}\" is not a phone number: {why}", input.trim()),
            )
        };
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(RuleViolation::new(field, "a phone number is required"));
        }
        let plus = trimmed.starts_with('+');
        let rest = if plus { &trimmed[1..] } else { trimmed };
        let mut digits = String::with_capacity(16);
        for c in rest.chars() {
            match c {
                '0'..='9' => digits.push(c),
                ' ' | '-' | '.' | '(' | ')' => {}
                _ => return Err(bad("use digits, spaces, dashes, dots or brackets only")),
            }
        }
        let national = match (plus, digits.len()) {
            (false, 10) => Some(digits.clone()),
            (_, 11) if digits.starts_with('1') => Some(digits[1..].to_owned()),
            (false, _) => {
                return Err(bad(
                    "a US or Canadian number has 10 digits; other countries need a leading + and the country code",
                ))
            }
            (true, _) => None,
        };
        match national {
            Some(n) => {
                check_nanp(&n).map_err(bad)?;
                Ok(Self(format!("+1{n}")))
            }
            None => {
                if !(8..=15).contains(&digits.len()) || digits.starts_with('0') {
                    return Err(bad("an international number is + then 8 to 15 digits, starting with the country code"));
                }
                Ok(Self(format!("+{digits}")))
            }
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The 10 digits of a US/Canadian number, or all digits without the `+` otherwise: the flat
    /// form CallRail's swap targets use.
    pub fn digits(&self) -> &str {
        self.0.strip_prefix("+1").unwrap_or(&self.0[1..])
    }

    pub fn is_toll_free(&self) -> bool {
        self.0.starts_with("+1") && TOLL_FREE_CODES.contains(&&self.0[2..5])
    }
}

impl fmt::Display for E164 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn check_nanp(national: &str) -> Result<(), &'static str> {
    let b = national.as_bytes();
    if !(b'2'..=b'9').contains(&b[0]) {
        return Err("a US or Canadian area code cannot start with 0 or 1");
    }
    if !(b'2'..=b'9').contains(&b[3]) {
        return Err("the three digits after the area code cannot start with 0 or 1");
    }
    Ok(())
}

/// Formats a number for people: "+14045550100" becomes "(404) 555-0100"; a number from elsewhere
/// is shown as CallRail sent it.
pub fn format_number(e164: &str) -> String {
    match e164.strip_prefix("+1") {
        Some(n) if n.len() == 10 && n.bytes().all(|b| b.is_ascii_digit()) => {
            format!("({}) {}-{}", &n[..3], &n[3..6], &n[6..])
        }
        _ => e164.to_owned(),
    }
}

/// A three-digit area code, as CallRail asks for it (a string such as "404").
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(transparent)]
pub struct AreaCode(String);

impl AreaCode {
    pub fn parse(input: &str) -> Result<Self, RuleViolation> {
        let code = input.trim().trim_start_matches('(').trim_end_matches(')');
        let ok = code.len() == 3
            && code.bytes().all(|b| b.is_ascii_digit())
            && (b'2'..=b'9').contains(&code.as_bytes()[0]);
        if ok {
            Ok(Self(code.to_owned()))
        } else {
            Err(RuleViolation::new(
                "area_code",
                format!(
                    "\"{}\" is not an area code: it is three digits, not starting with 0 or 1 (for example 404)",
                    input.trim()
                ),
            ))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn is_toll_free(&self) -> bool {
        TOLL_FREE_CODES.contains(&self.0.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_numbers_the_way_people_write_them() {
        for input in [
            "(404) 555-0100",
            "404-555-0100",
            "404.555.0100",
            "+1 404 555 0100",
            "14045550100",
            "+14045550100",
            " 4045550100 ",
        ] {
            assert_eq!(
                E164::parse("destination", input).unwrap().as_str(),
                "+14045550100",
                "{input}"
            );
        }
        assert_eq!(
            E164::parse("d", "+44 20 7183 8750").unwrap().as_str(),
            "+442071838750"
        );
    }

    #[test]
    fn refuses_what_is_not_a_number_and_names_the_field() {
        for input in [
            "",
            "555-0100",
            "404555010",
            "40455501001",
            "(104) 555-0100",
            "404-155-0100",
            "call me",
            "+0123456789",
            "+1234",
        ] {
            let err = E164::parse("destination", input).unwrap_err();
            assert_eq!(err.field, "destination", "{input}");
            assert!(!err.message.is_empty());
        }
    }

    #[test]
    fn formats_and_flattens() {
        let n = E164::parse("d", "+14045550100").unwrap();
        assert_eq!(n.digits(), "4045550100");
        assert_eq!(format_number(n.as_str()), "(404) 555-0100");
        assert_eq!(format_number("+442071838750"), "+442071838750");
        assert!(E164::parse("d", "888-555-0123").unwrap().is_toll_free());
        assert!(!n.is_toll_free());
    }

    #[test]
    fn area_codes_are_three_digits() {
        assert_eq!(AreaCode::parse("404").unwrap().as_str(), "404");
        assert_eq!(AreaCode::parse("(470)").unwrap().as_str(), "470");
        assert!(AreaCode::parse("888").unwrap().is_toll_free());
        for bad in ["40", "4044", "abc", "104", ""] {
            assert_eq!(AreaCode::parse(bad).unwrap_err().field, "area_code");
        }
    }
}
