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
    check_script_url(url)?;
    Ok(format!(
        r#"<script type="text/javascript" src="{url}"></script>"#
    ))
}

/// The only host whose script the snippet may load: CallRail's CDN.
pub const SCRIPT_HOST: &str = "cdn.callrail.com";

/// A swap.js address is offered only when it is CallRail's own: `//cdn.callrail.com/companies/…/swap.js`
/// (or the same over https), nothing around it. Anything else is refused, naming the host.
fn check_script_url(url: &str) -> Result<()> {
    let odd = |why: String| -> Error { RuleViolation::new("script_url", why).into() };
    if url
        .chars()
        .any(|c| matches!(c, '"' | '<' | '>' | '\'' | '\\' | ' ') || c.is_control())
    {
        return Err(odd(
            "CallRail sent a swap.js address with characters no address has".into(),
        ));
    }
    let absolute = match url.strip_prefix("//") {
        Some(rest) => format!("https://{rest}"),
        None if url.starts_with("https://") => url.to_owned(),
        None => {
            return Err(odd(
                "CallRail sent a swap.js address that is not a web address on CallRail's CDN"
                    .into(),
            ))
        }
    };
    let parsed = url::Url::parse(&absolute)
        .map_err(|_| odd("CallRail sent a swap.js address that is not a web address".into()))?;
    let host = parsed.host_str().unwrap_or_default().to_ascii_lowercase();
    if host != SCRIPT_HOST {
        return Err(odd(format!(
            "the swap.js address is on {host}, not on CallRail's {SCRIPT_HOST}: Tracker Desk offers the snippet only for CallRail's own script"
        )));
    }
    let plain = parsed.username().is_empty()
        && parsed.password().is_none()
        && parsed.port().is_none()
        && parsed.query().is_none()
        && parsed.fragment().is_none();
    if !plain || !parsed.path().starts_with("/companies/") || !parsed.path().ends_with("/swap.js") {
        return Err(odd(format!(
            "the swap.js address on {SCRIPT_HOST} is not a company's swap.js script"
        )));
    }
    Ok(())
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

    #[test]
    fn only_callrails_cdn_is_offered_and_other_hosts_are_named() {
        let path = "/companies/279054151/a74c824140d67442debd/12/swap.js";
        assert!(swap_snippet(&company(Some(&format!("https://cdn.callrail.com{path}")))).is_ok());
        for (url, named) in [
            (format!("//evil.example{path}"), "evil.example"),
            (
                format!("https://cdn.callrail.com.evil.example{path}"),
                "cdn.callrail.com.evil.example",
            ),
            (
                format!("//evil.example@cdn.callrail.com{path}"),
                "not a company's",
            ),
            (format!("//cdn.callrail.com:8443{path}"), "not a company's"),
            (format!("//cdn.callrail.com{path}?x=1"), "not a company's"),
            ("//cdn.callrail.com/other.js".to_owned(), "not a company's"),
            (
                format!("http://cdn.callrail.com{path}"),
                "not a web address on CallRail's CDN",
            ),
        ] {
            let e = swap_snippet(&company(Some(&url))).unwrap_err().to_string();
            assert!(e.contains(named), "{url}: {e}");
        }
    }
}
