//! The world a simulator starts with: a seed's accounts, companies, trackers and calls (or the demo
//! agency), and the trackers and calls generated on top for the benchmarks.

use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use crate::config::SimConfig;
use crate::error::SimError;
use crate::model::{at_unix, Status};
use crate::seed::Seed;
use crate::state::{NewCompany, State};

/// The world a config asks for: the seed (or the demo agency) plus generated trackers.
pub(crate) fn build(config: &SimConfig) -> Result<State, SimError> {
    let mut state = State::new(config.numbers_per_area_code);
    let now = OffsetDateTime::now_utc();
    match &config.seed {
        Some(seed) => seeded(seed, &mut state)?,
        None => {
            crate::demo::build(&mut state);
            state.generate_demo_calls(now);
        }
    }
    state.generate_trackers(config.extra_trackers, config.extra_companies);
    state.generate_calls(config.extra_calls, now);
    state.sort_calls();
    state.quirks = config.quirks.clone();
    Ok(state)
}

/// Builds the seed's world into an empty state.
fn seeded(seed: &Seed, state: &mut State) -> Result<(), SimError> {
    let mut n_company: i64 = 0;
    let mut n_tracker: i64 = 0;
    for account in &seed.accounts {
        let acc = state.add_account(
            &account.name,
            account.outbound_recording_enabled,
            account.hipaa_account,
        );
        let account_id = state.accounts[acc].id.clone();
        for company in &account.companies {
            let what = format!("company {:?}", company.name);
            let status = parse_status(company.status.as_deref(), &what)?;
            let default_created = at_unix(1_704_067_200 + n_company * 86_400);
            n_company += 1;
            let new = NewCompany {
                name: company.name.clone(),
                time_zone: company
                    .time_zone
                    .clone()
                    .unwrap_or_else(|| "America/New_York".into()),
                created_at: parse_time(company.created_at.as_deref(), default_created, &what)?,
                main_number: company.main_number.clone(),
                ..NewCompany::default()
            };
            let company_id = state.add_company(acc, new);
            let main_number = state.accounts[acc]
                .company(&company_id)
                .map(|c| c.main_number.clone())
                .unwrap_or_default();
            for tracker in &company.trackers {
                let what = format!("{what}, tracker {:?}", tracker.name);
                let tstatus = parse_status(tracker.status.as_deref(), &what)?;
                let default_created = at_unix(1_735_689_600 + n_tracker * 86_400);
                n_tracker += 1;
                let created = parse_time(tracker.created_at.as_deref(), default_created, &what)?;
                let body = tracker.request_body(&company_id, &main_number);
                let (a, pos) = state
                    .create_tracker(&account_id, &body, created)
                    .map_err(|e| SimError::InvalidSeed(format!("{what}: {}", e.message)))?;
                for call in &tracker.calls {
                    let start = parse_time(Some(&call.start_time), created, &what)?;
                    let numbers = &state.accounts[a].trackers[pos].tracking_numbers;
                    let number = match &call.number {
                        None => 0,
                        Some(n) => numbers.iter().position(|x| x == n).ok_or_else(|| {
                            SimError::InvalidSeed(format!(
                                "{what}: a call to {n}, which is not its number"
                            ))
                        })?,
                    };
                    state.add_call(a, pos, number, start, call.answered, call.duration);
                }
                if tstatus == Status::Disabled {
                    state.accounts[a].trackers[pos].disable(created);
                }
            }
            if status == Status::Disabled {
                state.disable_company(acc, &company_id, default_created);
            }
        }
        state.accounts[acc].sort_trackers_by_creation();
    }
    Ok(())
}

fn parse_status(s: Option<&str>, what: &str) -> Result<Status, SimError> {
    match s {
        None => Ok(Status::Active),
        Some(s) => Status::parse(s).ok_or_else(|| {
            SimError::InvalidSeed(format!(
                "{what}: status must be active or disabled, not {s:?}"
            ))
        }),
    }
}

fn parse_time(
    s: Option<&str>,
    default: OffsetDateTime,
    what: &str,
) -> Result<OffsetDateTime, SimError> {
    match s {
        None => Ok(default),
        Some(s) => OffsetDateTime::parse(s, &Rfc3339).map_err(|e| {
            SimError::InvalidSeed(format!("{what}: created_at {s:?} is not RFC 3339: {e}"))
        }),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    const EXAMPLE: &str = r#"{"accounts":[{"name":"Agency A","companies":[{"name":"Co 1","time_zone":"America/New_York","status":"active",
      "trackers":[{"name":"Billboard","type":"source","source":{"type":"offline"},"area_code":"404","destination_number":"+14045550100","recording_enabled":true,"whisper_message":null,"status":"active"},
                  {"name":"Website","type":"session","pool_size":5,"area_code":"404","destination_number":"+14045550100"}]}]},
      {"name":"Agency B","companies":[{"name":"Co 2","trackers":[{"name":"TF","type":"source","toll_free":true},{"name":"Gone","type":"source","status":"disabled"}]}]}]}"#;

    #[test]
    fn builds_the_documented_example() {
        let seed = Seed::from_json(EXAMPLE).unwrap();
        let mut s = State::new(60);
        seeded(&seed, &mut s).unwrap();
        assert_eq!(s.accounts.len(), 2);
        let a = &s.accounts[0];
        assert_eq!(a.trackers.len(), 2);
        assert_eq!(a.trackers[0].tracking_numbers, vec!["+14045551000"]);
        assert_eq!(a.trackers[1].tracking_numbers.len(), 5);
        let b = &s.accounts[1];
        assert!(b.trackers[0].toll_free);
        assert_eq!(b.trackers[1].status, Status::Disabled);
    }

    #[test]
    fn refuses_what_the_api_would_refuse() {
        let bad = r#"{"accounts":[{"name":"A","companies":[{"name":"C","trackers":[{"name":"P","type":"session","pool_size":3,"area_code":"404"}]}]}]}"#;
        let err = seeded(&Seed::from_json(bad).unwrap(), &mut State::new(60)).unwrap_err();
        assert!(
            err.to_string()
                .contains("Pool size must be between 4 and 50"),
            "{err}"
        );
        let typo = r#"{"accounts":[{"name":"A","companys":[]}]}"#;
        assert!(Seed::from_json(typo).is_err());
        let empty = r#"{"accounts":[{"name":"A","companies":[{"name":"C","trackers":[{"name":"P","type":"session","pool_size":8,"area_code":"404"}]}]}]}"#;
        assert!(seeded(&Seed::from_json(empty).unwrap(), &mut State::new(5)).is_err());
        assert!(matches!(
            Seed::from_file("/nonexistent/seed.json"),
            Err(SimError::SeedRead { .. })
        ));
    }
}
