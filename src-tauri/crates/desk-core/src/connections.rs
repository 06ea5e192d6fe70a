//! Connections: a name and a CallRail API key, kept in the OS keyring; several per agency.

use crate::quota::Governor;
use crate::secrets::SecretStore;
use crate::settings::{SavedConnection, SettingsFile};
use crate::tuning::Tuning;
use crate::views::ConnectionView;
use crate::{CoreError, CoreResult};
use callrail::{ApiKey, Client, RuleViolation};
use std::collections::HashMap;
use std::sync::Mutex;

pub use journal::DEMO_CONNECTION_ID;

/// A connection the app can talk through: its saved details and a ready client.
#[derive(Clone)]
pub(crate) struct Connected {
    pub view: ConnectionView,
    pub client: Client,
}

pub struct Connections {
    settings: SettingsFile,
    secrets: SecretStore,
    default_api_base: String,
    clients: Mutex<HashMap<String, Client>>,
    /// Connections that live only while this process runs: the demo, or the command line's key.
    unsaved: Mutex<Vec<Connected>>,
    tuning: Mutex<Tuning>,
    /// Counts every client's requests in the journal's store.
    governor: Governor,
    /// What each request was for, over the last hour.
    pub(crate) ledger: std::sync::Arc<crate::ledger::Ledger>,
    /// The demo's requests are counted here, with its changes.
    local: std::sync::Arc<dyn crate::store::Store>,
}

fn view(saved: &SavedConnection) -> ConnectionView {
    ConnectionView {
        id: saved.id.clone(),
        name: saved.name.clone(),
        key_hint: format!("••••{}", saved.key_last4),
        demo: false,
        api_base: (saved.api_base != callrail::DEFAULT_BASE_URL).then(|| saved.api_base.clone()),
        account_id: saved.account_id.clone(),
        company_id: saved.company_id.clone(),
    }
}

fn check_name(raw: &str) -> CoreResult<String> {
    let name = raw.trim();
    if name.is_empty() {
        return Err(RuleViolation::new(
            "name",
            "give the connection a name, such as the CallRail login it belongs to",
        )
        .into());
    }
    if name.chars().count() > 80 || name.chars().any(char::is_control) {
        return Err(RuleViolation::new("name", "at most 80 characters, on one line").into());
    }
    if name.chars().any(callrail::rules::is_invisible) {
        return Err(RuleViolation::new(
            "name",
            "no invisible or text-direction characters (such as zero-width spaces or right-to-left marks)",
        )
        .into());
    }
    Ok(name.to_owned())
}

impl Connections {
    pub(crate) fn new(
        settings: SettingsFile,
        secrets: SecretStore,
        default_api_base: String,
        journal: &journal::Journal,
    ) -> Self {
        let tuning = Tuning::from_env();
        Self {
            settings,
            secrets,
            default_api_base,
            clients: Mutex::new(HashMap::new()),
            unsaved: Mutex::new(Vec::new()),
            governor: Governor::new(journal.cell(), tuning.quota),
            ledger: std::sync::Arc::default(),
            local: journal.local(),
            tuning: Mutex::new(tuning),
        }
    }

    /// The quota governor of the clients, with the tuning's limits.
    pub(crate) fn governor(&self, connection: &str) -> Governor {
        let g = self.governor.with_limits(self.tuning().quota);
        if connection == DEMO_CONNECTION_ID {
            g.local_only(self.local.clone())
        } else {
            g
        }
    }

    pub fn tuning(&self) -> Tuning {
        self.tuning
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    /// Applies to the clients made from now on.
    pub(crate) fn set_tuning(&self, tuning: Tuning) {
        *self
            .tuning
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = tuning;
        self.lock_clients().clear();
    }

    /// The address that replaces CallRail's for this run (an environment variable pointing at the
    /// simulator, say), to be shown on screen while it is in force; `None` when CallRail's own.
    pub fn api_override(&self) -> Option<String> {
        (self.default_api_base != callrail::DEFAULT_BASE_URL).then(|| self.default_api_base.clone())
    }

    /// Where a connection saved with `saved` talks now: the override stands in for CallRail's own.
    fn base_for(&self, saved: &str) -> String {
        if saved == callrail::DEFAULT_BASE_URL {
            self.default_api_base.clone()
        } else {
            saved.to_owned()
        }
    }

    /// A client for `key` at `api_base`, with this desk's tuning, its requests counted by the
    /// quota governor of `connection`.
    pub(crate) fn make_client(
        &self,
        connection: &str,
        key: ApiKey,
        api_base: &str,
    ) -> CoreResult<Client> {
        let tuning = self.tuning();
        Ok(Client::builder(key)
            .base_url(api_base)
            .timeout(tuning.timeout)
            .check_policy(tuning.check)
            .meter(std::sync::Arc::new(crate::ledger::Counted {
                inner: std::sync::Arc::new(self.governor(connection)),
                ledger: self.ledger.clone(),
            }))
            .build()?)
    }

    pub(crate) fn settings(&self) -> &SettingsFile {
        &self.settings
    }

    pub(crate) fn secrets(&self) -> &SecretStore {
        &self.secrets
    }

    pub fn list(&self) -> CoreResult<Vec<ConnectionView>> {
        let saved = self.settings.load()?;
        let mut out: Vec<ConnectionView> = saved.connections.iter().map(view).collect();
        let unsaved = self
            .lock_unsaved()
            .iter()
            .map(|l| l.view.clone())
            .collect::<Vec<_>>();
        out.splice(0..0, unsaved);
        Ok(out)
    }

    /// Checks the key against CallRail (it must list accounts) before anything is saved; then keeps
    /// the key in the keyring and the rest in the settings file.
    pub async fn add(&self, name: &str, raw_key: &str) -> CoreResult<ConnectionView> {
        let name = check_name(name)?;
        let key = ApiKey::new(raw_key)?;
        let settings = self.settings.load()?;
        if settings
            .connections
            .iter()
            .any(|c| c.name.eq_ignore_ascii_case(&name))
        {
            return Err(RuleViolation::new(
                "name",
                format!("there is already a connection named {name}"),
            )
            .into());
        }
        let id = format!("conn-{:016x}", fastrand::u64(..));
        let client = self.make_client(&id, key.clone(), &self.default_api_base)?;
        let accounts = client.list_accounts().await?;
        self.secrets.save(&id, &key)?;
        let saved = SavedConnection {
            id: id.clone(),
            name,
            key_last4: key.last4(),
            // CallRail's own address, never an override: a later run without it reaches CallRail.
            api_base: callrail::DEFAULT_BASE_URL.to_owned(),
            account_id: (accounts.len() == 1).then(|| accounts[0].id.clone()),
            company_id: None,
            created_at: crate::now_rfc3339(),
        };
        let stored = self.settings.update(|s| {
            s.connections.push(saved.clone());
            s.last_connection = Some(id.clone());
            Ok(())
        });
        if let Err(e) = stored {
            // Never leave a key in the keyring that no connection points at.
            let _ = self.secrets.delete(&id);
            return Err(e);
        }
        self.lock_clients().insert(id, client);
        Ok(view(&saved))
    }

    /// Replaces a connection's key (after CallRail refused the old one), checking the new one first.
    pub async fn replace_key(&self, id: &str, raw_key: &str) -> CoreResult<ConnectionView> {
        let key = ApiKey::new(raw_key)?;
        let saved = self.settings.load()?;
        let conn = saved.connection(id)?;
        let client = self.make_client(id, key.clone(), &self.base_for(&conn.api_base))?;
        client.list_accounts().await?;
        self.secrets.save(id, &key)?;
        let updated = self.settings.update(|s| {
            let c = s.connection_mut(id)?;
            c.key_last4 = key.last4();
            Ok(view(c))
        })?;
        self.lock_clients().insert(id.to_owned(), client);
        Ok(updated)
    }

    pub fn rename(&self, id: &str, name: &str) -> CoreResult<ConnectionView> {
        let name = check_name(name)?;
        self.settings.update(|s| {
            if s.connections
                .iter()
                .any(|c| c.id != id && c.name.eq_ignore_ascii_case(&name))
            {
                return Err(RuleViolation::new(
                    "name",
                    format!("there is already a connection named {name}"),
                )
                .into());
            }
            let c = s.connection_mut(id)?;
            c.name = name;
            Ok(view(c))
        })
    }

    /// Forgets the connection and deletes its key from the keyring.
    pub fn remove(&self, id: &str) -> CoreResult<()> {
        {
            let mut unsaved = self.lock_unsaved();
            if unsaved.iter().any(|l| l.view.id == id) {
                unsaved.retain(|l| l.view.id != id);
                return Ok(());
            }
        }
        self.settings.load()?.connection(id)?;
        // The key goes first: a connection whose key could not be deleted stays listed, so the
        // person knows and can try again, instead of a key left behind in the keyring unseen.
        self.secrets.delete(id)?;
        self.lock_clients().remove(id);
        self.settings.update(|s| {
            s.connections.retain(|c| c.id != id);
            if s.last_connection.as_deref() == Some(id) {
                s.last_connection = None;
            }
            Ok(())
        })
    }

    /// Remembers the account and company last picked on a connection.
    pub fn remember(
        &self,
        id: &str,
        account_id: Option<String>,
        company_id: Option<String>,
    ) -> CoreResult<()> {
        if self.unsaved(id).is_some() {
            return Ok(());
        }
        self.settings.update(|s| {
            s.last_connection = Some(id.to_owned());
            if let Some(c) = s.connections.iter_mut().find(|c| c.id == id) {
                c.account_id = account_id;
                c.company_id = company_id;
            }
            Ok(())
        })
    }

    /// Adds (or replaces) a connection that is not saved: nothing of it reaches the keyring or
    /// the settings file.
    pub(crate) fn add_unsaved(&self, live: Connected) {
        let mut unsaved = self.lock_unsaved();
        unsaved.retain(|l| l.view.id != live.view.id);
        unsaved.push(live);
    }

    fn unsaved(&self, id: &str) -> Option<Connected> {
        self.lock_unsaved()
            .iter()
            .find(|l| l.view.id == id)
            .cloned()
    }

    fn lock_unsaved(&self) -> std::sync::MutexGuard<'_, Vec<Connected>> {
        self.unsaved
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn lock_clients(&self) -> std::sync::MutexGuard<'_, HashMap<String, Client>> {
        self.clients
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The client of a connection, with its key read from the keyring once.
    pub fn client(&self, id: &str) -> CoreResult<Client> {
        if let Some(live) = self.unsaved(id) {
            return Ok(live.client);
        }
        if let Some(c) = self.lock_clients().get(id) {
            return Ok(c.clone());
        }
        let saved = self.settings.load()?;
        let conn = saved.connection(id)?;
        let c = self.make_client(id, self.secrets.load(id)?, &self.base_for(&conn.api_base))?;
        self.lock_clients().insert(id.to_owned(), c.clone());
        Ok(c)
    }

    /// A connection by id or (for the command line) by name.
    pub fn find(&self, id_or_name: &str) -> CoreResult<ConnectionView> {
        self.list()?
            .into_iter()
            .find(|c| c.id == id_or_name || c.name.eq_ignore_ascii_case(id_or_name))
            .ok_or_else(|| CoreError::UnknownConnection(id_or_name.to_owned()))
    }
}
