//! The swap.js snippet that turns on dynamic number insertion for a company's website.

use crate::models::Company;
use crate::{Error, Result, RuleViolation};

/// `<script type="text/javascript" src="//cdn.callrail.com/companies/…/swap.js"></script>`, with the
/// URL exactly as CallRail gives it (scheme-relative).
pub fn swap_snippet(company: &Company) -> Result<String> {
    let url = company.script_url.as_deref().map(str::trim).filter(|u| !u.is_empty()).ok_or_else(|| {
        Error::from(RuleViolation::new(
            "script_url",
            format!("CallRail sent no swap.js address for {}; open the company in CallRail once to create it", company.name),
        ))
    })?;
    let safe = url.starts_with("//") || url.starts_with("https://");
    if !safe
        || url
            .chars()
            .any(|c| matches!(c, '"' | '<' | '>' | '\'' | ' ') || c.is_control())
    {
        return Err(RuleViolation::new(
            "script_url",
            format!("CallRail sent an unexpected swap.js address: {url}"),
        )
        .into());
    }
    Ok(format!(
        r#"<script type="text/javascript" src="{url}"></script>"#
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn company(url: Option<&str>) -> Company {
        Company {
            id: "COM1".into(),
            name: "Acme Plumbing".into(),
            status: Some("active".into()),
            time_zone: None,
            created_at: None,
            disabled_at: None,
            dni_active: None,
            script_url: url.map(str::to_owned),
        }
    }

    #[test]
    fn snippet_keeps_the_scheme_relative_url() {
        let s = swap_snippet(&company(Some(
            "//cdn.callrail.com/companies/279054151/a74c824140d67442debd/12/swap.js",
        )))
        .unwrap();
        assert_eq!(
            s,
            r#"<script type="text/javascript" src="//cdn.callrail.com/companies/279054151/a74c824140d67442debd/12/swap.js"></script>"#
        );
    }

    #[test]
    fn missing_or_odd_urls_are_refused() {
        assert!(swap_snippet(&company(None)).is_err());
        assert!(swap_snippet(&company(Some("//x\"><script>alert(1)</script>"))).is_err());
        assert!(swap_snippet(&company(Some("javascript:alert(1)"))).is_err());
    }
}
