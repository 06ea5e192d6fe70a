//! Who the journal names for this desk's changes: a display name the person chooses in Settings,
//! or the OS account's name.

use super::Desk;
use crate::CoreResult;
use callrail::RuleViolation;
use journal::person_named;
use serde::Serialize;

/// The longest display name.
const MAX_NAME: usize = 60;

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PersonView {
    /// What History shows: the chosen name, else the OS account's.
    pub name: String,
    /// The OS account's name, the default.
    pub os_user: String,
    /// Whether a name was chosen.
    pub chosen: bool,
}

impl Desk {
    pub fn person(&self) -> CoreResult<PersonView> {
        let chosen = self.connections.settings().load()?.display_name;
        Ok(view(chosen))
    }

    /// Names this person's next changes (`None`, or only spaces, goes back to the OS account's
    /// name). Entries already journaled keep the name they were made under.
    pub fn set_person_name(&self, name: Option<&str>) -> CoreResult<PersonView> {
        let name = name.map(str::trim).filter(|n| !n.is_empty());
        if let Some(n) = name {
            if n.chars().count() > MAX_NAME {
                return Err(RuleViolation::new(
                    "display_name",
                    format!("a name is at most {MAX_NAME} characters"),
                )
                .into());
            }
            if n.chars().any(|c| c.is_control() || c == '@') {
                return Err(RuleViolation::new(
                    "display_name",
                    "a name cannot hold '@' or control characters (History adds the computer after an '@')",
                )
                .into());
            }
        }
        self.connections.settings().update(|s| {
            s.display_name = name.map(str::to_owned);
            Ok(())
        })?;
        self.journal.set_person(person_named(name));
        Ok(view(name.map(str::to_owned)))
    }

    /// At start: the name saved in the settings, if any.
    pub(super) fn load_person(&self) {
        if let Ok(Some(name)) = self.connections.settings().load().map(|s| s.display_name) {
            self.journal.set_person(person_named(Some(&name)));
        }
    }
}

fn view(chosen: Option<String>) -> PersonView {
    let os_user = whoami::username();
    PersonView {
        chosen: chosen.is_some(),
        name: chosen.unwrap_or_else(|| os_user.clone()),
        os_user,
    }
}
