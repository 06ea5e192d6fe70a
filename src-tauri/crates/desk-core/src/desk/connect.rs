//! The desk's connections: adding one (its key checked, then kept in the OS keyring), renaming,
//! replacing its key, removing it, and a key for one run only (the command line's).

use super::Desk;
use crate::connections::Connected;
use crate::views::ConnectionView;
use crate::CoreResult;
use callrail::ApiKey;

impl Desk {
    pub fn list_connections(&self) -> CoreResult<Vec<ConnectionView>> {
        self.connections.list()
    }

    pub async fn add_connection(&self, name: &str, api_key: &str) -> CoreResult<ConnectionView> {
        self.connections.add(name, api_key).await
    }

    pub async fn replace_key(&self, id: &str, api_key: &str) -> CoreResult<ConnectionView> {
        self.connections.replace_key(id, api_key).await
    }

    pub fn rename_connection(&self, id: &str, name: &str) -> CoreResult<ConnectionView> {
        self.connections.rename(id, name)
    }

    pub async fn remove_connection(&self, id: &str) -> CoreResult<()> {
        self.connections.remove(id)?;
        #[cfg(feature = "demo")]
        if id == crate::DEMO_CONNECTION_ID {
            self.stop_demo().await;
        }
        Ok(())
    }

    /// Uses a key for this run only (the command line's CALLRAIL_API_KEY): not saved anywhere, but
    /// its changes are journaled like any connection's, under an id made from the key's fingerprint,
    /// so a later run with the same key can check them.
    pub fn use_key(&self, key: ApiKey, api_base: &str) -> CoreResult<ConnectionView> {
        let view = ConnectionView {
            id: format!("key-{}", key.fingerprint()),
            name: format!("CALLRAIL_API_KEY ••••{}", key.last4()),
            key_hint: format!("••••{}", key.last4()),
            demo: false,
            api_base: Some(api_base.to_owned()),
            account_id: None,
            company_id: None,
        };
        let client = self.connections.make_client(&view.id, key, api_base)?;
        self.connections.add_unsaved(Connected {
            view: view.clone(),
            client,
        });
        Ok(view)
    }

    /// A connection's client and its name, as the journal names it.
    pub(super) fn connection(&self, id: &str) -> CoreResult<(callrail::Client, String)> {
        let client = self.connections.client(id)?;
        let name = self
            .connections
            .find(id)
            .map(|c| c.name)
            .unwrap_or_else(|_| id.to_owned());
        Ok((client, name))
    }
}
