//! API keys in the OS keyring: macOS Keychain, Windows Credential Manager, the Secret Service on Linux.

use callrail::ApiKey;

/// Why the keyring could not be used. Messages never hold a key.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SecretError {
    /// No keyring at all (on Linux: no Secret Service such as GNOME Keyring or KWallet running).
    #[error("no system keyring is available to keep the API key safe ({0}); on Linux, install and unlock GNOME Keyring or KWallet")]
    Unavailable(String),
    #[error("the API key for this connection is missing from the system keyring; remove the connection and add it again")]
    Missing,
    #[error("the system keyring refused the request: {0}")]
    Failed(String),
}

/// The keyring entries of one app and build kind: service `<identifier>[.dev]`, user = connection id.
#[derive(Debug, Clone)]
pub struct SecretStore {
    service: String,
}

impl SecretStore {
    /// Entries of this app: release builds and development builds never share keys.
    pub fn for_app(identifier: &str) -> Self {
        let kind = if cfg!(debug_assertions) { ".dev" } else { "" };
        Self::with_service(format!("{identifier}{kind}"))
    }

    pub fn with_service(service: impl Into<String>) -> Self {
        Self {
            service: service.into(),
        }
    }

    fn entry(&self, connection_id: &str) -> Result<keyring::Entry, SecretError> {
        keyring::Entry::new(&self.service, connection_id).map_err(map_err)
    }

    pub fn save(&self, connection_id: &str, key: &ApiKey) -> Result<(), SecretError> {
        self.save_secret(connection_id, key.reveal_for_storage())
    }

    /// Any other secret of the app (a team store's connection string), by name.
    pub fn save_secret(&self, name: &str, value: &str) -> Result<(), SecretError> {
        self.entry(name)?.set_password(value).map_err(map_err)
    }

    pub fn load_secret(&self, name: &str) -> Result<String, SecretError> {
        self.entry(name)?.get_password().map_err(map_err)
    }

    pub fn load(&self, connection_id: &str) -> Result<ApiKey, SecretError> {
        let raw = self.entry(connection_id)?.get_password().map_err(map_err)?;
        ApiKey::new(raw).map_err(|_| SecretError::Failed("the stored API key is unreadable".into()))
    }

    /// Deletes the entry; one that is already gone is fine.
    pub fn delete(&self, connection_id: &str) -> Result<(), SecretError> {
        match self.entry(connection_id)?.delete_credential() {
            Ok(()) => Ok(()),
            Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(map_err(e)),
        }
    }
}

fn map_err(e: keyring::Error) -> SecretError {
    match e {
        keyring::Error::NoEntry => SecretError::Missing,
        keyring::Error::NoStorageAccess(inner) | keyring::Error::PlatformFailure(inner) => {
            SecretError::Unavailable(inner.to_string())
        }
        other => SecretError::Failed(other.to_string()),
    }
}
