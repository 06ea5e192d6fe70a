//! Where the journal is kept: this computer's SQLite, or a team's MongoDB.

use super::{Desk, TEAM_STORE_SECRET};
use crate::secrets::SecretStore;
use crate::store::{MongoStore, Store};
use crate::views::StoreInfo;
use crate::CoreResult;
use std::path::Path;

/// What the app says while the team's store does not answer.
/// How long a start waits for the team's store to answer.
const STARTUP_PROBE: std::time::Duration = std::time::Duration::from_millis(1_500);

const UNREACHABLE: &str = "The team's history (MongoDB) cannot be reached: changes to CallRail wait until it is back, and Tracker Desk keeps trying. Or switch to this computer's history below.";
use std::sync::Arc;

impl Desk {
    /// Opens, then connects the team's store when one is configured. If it cannot be reached, the
    /// local journal keeps every change and the store's warning says so.
    pub async fn open_configured(
        data_dir: &Path,
        secrets: SecretStore,
        api_base: impl Into<String>,
    ) -> CoreResult<Self> {
        let desk = Self::open(data_dir, secrets, api_base)?;
        if let Some(database) = desk.connections.settings().load()?.team_store {
            let opened = match desk.connections.secrets().load_secret(TEAM_STORE_SECRET) {
                Ok(uri) => MongoStore::open(&uri, &database)
                    .await
                    .map_err(crate::CoreError::from),
                Err(e) => Err(e.into()),
            };
            match opened {
                // The team's history stays the journal even while its server is down: changes wait
                // for it (or for the person to switch to this computer's), so the history is never split.
                Ok(team) => {
                    let team = Arc::new(team);
                    desk.set_team(Some(team.clone()));
                    // Asked briefly: a store that is down costs a start a moment, and then its
                    // uses fail at once for a while instead of each waiting eight seconds.
                    if !team.answers_within(STARTUP_PROBE).await {
                        desk.set_warning(Some(UNREACHABLE.into()));
                    }
                }
                Err(e) => desk.set_warning(Some(format!(
                    "The team's history could not be opened ({e}). Switch to this computer's history in Settings, or set the team's store again."
                ))),
            }
        }
        Ok(desk)
    }

    /// Asks the team's store whether it answers, and says so in the store's warning: it comes back
    /// by itself when its server does (the app asks every few seconds while it is away).
    pub async fn check_store(&self) -> CoreResult<StoreInfo> {
        let team = self
            .team
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone();
        if let Some(team) = team {
            let was_down = self
                .store_warning
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .is_some();
            let answer = match team.ping().await {
                // Indexes a start without the server could not make.
                Ok(()) if was_down => team.ensure_indexes().await,
                other => other,
            };
            self.set_warning(answer.err().map(|e| format!("{UNREACHABLE} ({e})")));
        }
        self.store_info()
    }

    /// A write the team's store refused to journal: nothing was sent to CallRail.
    pub(crate) fn refused_by_store(&self, e: impl Into<crate::CoreError>) -> crate::CoreError {
        let e = e.into();
        let team = self
            .team
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .is_some();
        match e {
            crate::CoreError::Storage(why) if team => {
                self.set_warning(Some(format!("{UNREACHABLE} ({why})")));
                crate::CoreError::Storage(format!(
                    "Nothing was sent to CallRail: every change is written to the team's history first, and it cannot be reached now. Try again when it is back, or switch to this computer's history in Settings. ({why})"
                ))
            }
            other => other,
        }
    }

    fn set_team(&self, team: Option<Arc<MongoStore>>) {
        if let Some(t) = &team {
            self.journal.set_store(t.clone());
        }
        *self
            .team
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = team;
    }

    fn set_warning(&self, warning: Option<String>) {
        *self
            .store_warning
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = warning;
    }

    pub fn store_info(&self) -> CoreResult<StoreInfo> {
        let team = self.connections.settings().load()?.team_store;
        let warning = self
            .store_warning
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone();
        let kind = if team.is_some() { "team" } else { "local" };
        Ok(StoreInfo {
            kind: kind.into(),
            database: team,
            warning,
            copied_entries: None,
        })
    }

    /// Moves the journal to a team's MongoDB (checked first), optionally copying this computer's
    /// journal and snapshots up; the connection string goes to the OS keyring.
    pub async fn use_team_store(
        &self,
        uri: &str,
        database: &str,
        copy_local: bool,
    ) -> CoreResult<StoreInfo> {
        self.use_team_store_watched(uri, database, copy_local, None)
            .await
    }

    /// The same, telling `watch` how the copy goes; stopped, it keeps the journal where it was.
    pub async fn use_team_store_watched(
        &self,
        uri: &str,
        database: &str,
        copy_local: bool,
        watch: Option<&callrail::Watch<'_>>,
    ) -> CoreResult<StoreInfo> {
        let uri = uri.trim();
        if !(uri.starts_with("mongodb://") || uri.starts_with("mongodb+srv://")) {
            return Err(callrail::RuleViolation::new(
                "uri",
                "a MongoDB connection string starts with mongodb:// or mongodb+srv://",
            )
            .into());
        }
        check_tls(uri)?;
        let database = database.trim();
        let good_name = !database.is_empty()
            && database.len() <= 60
            && database
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
        if !good_name {
            return Err(callrail::RuleViolation::new(
                "database",
                "a database name is letters, digits, _ and -, at most 60",
            )
            .into());
        }
        let team = Arc::new(MongoStore::connect(uri, database).await?);
        let copied = if copy_local {
            Some(
                crate::store::copy_all_watched(self.local.as_ref(), team.as_ref(), watch)
                    .await?
                    .0,
            )
        } else {
            None
        };
        self.connections
            .secrets()
            .save_secret(TEAM_STORE_SECRET, uri)?;
        self.connections.settings().update(|s| {
            s.team_store = Some(database.to_owned());
            Ok(())
        })?;
        for c in self.connections.settings().load()?.connections {
            team.share_connection(&c.id, &c.name, c.account_id.as_deref())
                .await?;
        }
        self.set_team(Some(team));
        self.set_warning(None);
        Ok(StoreInfo {
            copied_entries: copied,
            ..self.store_info()?
        })
    }

    /// Back to this computer's journal; the team's connection string is deleted from the keyring.
    pub fn use_local_store(&self) -> CoreResult<StoreInfo> {
        self.connections.settings().update(|s| {
            s.team_store = None;
            Ok(())
        })?;
        self.journal.set_store(self.local.clone());
        self.set_team(None);
        let left_behind = self
            .connections
            .secrets()
            .delete(TEAM_STORE_SECRET)
            .err()
            .map(|e| {
                format!("The team's connection string could not be deleted from the keyring ({e}); delete \"{TEAM_STORE_SECRET}\" there by hand.")
            });
        self.set_warning(left_behind);
        self.store_info()
    }
}

/// A team's MongoDB on another computer must be reached over TLS: the connection string carries a
/// password and the journal carries the agency's changes. `mongodb+srv://` uses TLS unless told not
/// to; `mongodb://` must ask for it. The string is never repeated in the error.
fn check_tls(uri: &str) -> CoreResult<()> {
    let (srv, rest) = match uri.strip_prefix("mongodb+srv://") {
        Some(rest) => (true, rest),
        None => (false, uri.strip_prefix("mongodb://").unwrap_or(uri)),
    };
    let (authority, query) = match rest.split_once('?') {
        Some((a, q)) => (a, q.to_ascii_lowercase()),
        None => (rest, String::new()),
    };
    let hosts = authority.split('/').next().unwrap_or_default();
    let hosts = hosts.rsplit_once('@').map_or(hosts, |(_, h)| h);
    // This computer only: `localhost`, `[::1]` or an IPv4 loopback address (all four parts
    // numbers), never a name that merely begins with "127.".
    let local = hosts.split(',').all(|h| {
        let host = match h.strip_prefix('[') {
            Some(v6) => v6
                .split(']')
                .next()
                .map(|a| format!("[{a}]"))
                .unwrap_or_default(),
            None => h.rsplit_once(':').map_or(h, |(host, _)| host).to_owned(),
        };
        host.eq_ignore_ascii_case("localhost")
            || host == "[::1]"
            || host
                .parse::<std::net::Ipv4Addr>()
                .is_ok_and(|ip| ip.is_loopback())
    });
    let option =
        |name: &str, value: &str| query.split('&').any(|kv| kv == format!("{name}={value}"));
    let tls = if srv {
        !(option("tls", "false") || option("ssl", "false"))
    } else {
        option("tls", "true") || option("ssl", "true")
    };
    // A certificate nobody checks is no TLS: anyone on the way can read the password.
    let unchecked = [
        "tlsinsecure",
        "tlsallowinvalidcertificates",
        "tlsallowinvalidhostnames",
    ]
    .iter()
    .any(|name| option(name, "true"));
    if local || (tls && !unchecked) {
        return Ok(());
    }
    Err(callrail::RuleViolation::new(
        "uri",
        "a MongoDB on another computer must be reached over TLS with its certificate checked: use a mongodb+srv:// string, or add tls=true, and leave out tlsInsecure and tlsAllowInvalid…",
    )
    .into())
}

#[cfg(test)]
mod tests {
    use super::check_tls;

    #[test]
    fn remote_stores_need_tls_and_the_string_is_not_repeated() {
        for ok in [
            "mongodb://127.0.0.1:27017",
            "mongodb://localhost",
            "mongodb://127.0.0.2:27018,[::1]:27019/?replicaSet=rs0",
            "mongodb://u:p@db.example.com/?tls=true",
            "mongodb+srv://u:p@cluster0.example.mongodb.net/team",
        ] {
            assert!(check_tls(ok).is_ok(), "{ok}");
        }
        for bad in [
            "mongodb://u:hunter2@db.example.com:27017",
            "mongodb://a.example.com,b.example.com/?replicaSet=rs0",
            "mongodb+srv://u:hunter2@cluster0.example.mongodb.net/?tls=false",
            "mongodb://u:hunter2@127.attacker.example:27017",
            "mongodb://u:hunter2@127.0.0.1.attacker.example",
            "mongodb://u:hunter2@db.example.com/?tls=true&tlsInsecure=true",
            "mongodb+srv://u:hunter2@cluster0.example.mongodb.net/?tlsAllowInvalidCertificates=true",
            "mongodb://u:hunter2@db.example.com/?ssl=true&tlsAllowInvalidHostnames=true",
        ] {
            let e = check_tls(bad).unwrap_err().to_string();
            assert!(e.contains("TLS") && !e.contains("hunter2"), "{bad}: {e}");
        }
    }
}
