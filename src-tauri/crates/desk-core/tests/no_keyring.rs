//! Without any Secret Service, saving a key is a clear, typed error, and nothing is kept.

#![allow(clippy::unwrap_used)]

use desk_core::{SecretError, SecretStore};

#[test]
fn a_missing_keyring_is_a_typed_error() {
    // This test binary is its own process: point it at a D-Bus that does not exist.
    std::env::set_var(
        "DBUS_SESSION_BUS_ADDRESS",
        "unix:path=/nonexistent/trackerdesk-no-bus",
    );
    let store = SecretStore::with_service("com.trackerdesk.test.nokeyring");
    let key = callrail::ApiKey::new("some-key-1234").unwrap();
    let err = store.save("conn-1", &key).unwrap_err();
    assert!(matches!(err, SecretError::Unavailable(_)), "{err:?}");
    let message = err.to_string();
    assert!(
        message.contains("no system keyring") && message.contains("GNOME Keyring"),
        "{message}"
    );
    assert!(!message.contains("some-key-1234"));
}
