//! Without any Secret Service, saving a key is a clear, typed error, and nothing is kept.

use desk_core::{SecretError, SecretStore};

/// Runs `test` (an ignored test of this module) in a process of its own, pointed at a D-Bus that
/// does not exist, and asserts that it passed.
fn without_a_bus(test: &str) {
    let status = test_support::child::command(&format!("no_keyring::{test}"), &[])
        .env(
            "DBUS_SESSION_BUS_ADDRESS",
            "unix:path=/nonexistent/trackerdesk-no-bus",
        )
        .status()
        .unwrap();
    assert!(status.success(), "{test} failed without a keyring");
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

#[test]
fn a_missing_keyring_is_a_typed_error() {
    without_a_bus("a_missing_keyring_is_a_typed_error_child");
}

#[test]
#[ignore = "run without a D-Bus by a_missing_keyring_is_a_typed_error"]
fn a_missing_keyring_is_a_typed_error_child() {
    test_support::child::args();
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

#[test]
fn a_connection_whose_key_cannot_be_deleted_is_kept_and_says_so() {
    without_a_bus("a_connection_whose_key_cannot_be_deleted_is_kept_and_says_so_child");
}

#[test]
#[ignore = "run without a D-Bus by a_connection_whose_key_cannot_be_deleted_is_kept_and_says_so"]
fn a_connection_whose_key_cannot_be_deleted_is_kept_and_says_so_child() {
    test_support::child::args();
    let dir = tempfile::tempdir().unwrap();
    let settings = desk_core::settings::SettingsFile::in_dir(dir.path());
    settings
        .save(&desk_core::settings::Settings {
            connections: vec![desk_core::settings::SavedConnection {
                id: "conn-1".into(),
                name: "Peachtree".into(),
                key_last4: "1234".into(),
                api_base: callrail::DEFAULT_BASE_URL.into(),
                account_id: None,
                company_id: None,
                created_at: "2026-01-01T00:00:00Z".into(),
            }],
            ..Default::default()
        })
        .unwrap();
    let desk = desk_core::Desk::open(
        dir.path(),
        SecretStore::with_service("com.trackerdesk.test.nokeyring"),
        callrail::DEFAULT_BASE_URL,
    )
    .unwrap();
    let runtime = runtime();
    let err = runtime
        .block_on(desk.remove_connection("conn-1"))
        .unwrap_err();
    assert!(err.to_string().contains("no system keyring"), "{err}");
    assert_eq!(
        desk.list_connections().unwrap().len(),
        1,
        "kept, so it can be tried again"
    );
}

#[test]
fn a_team_string_left_in_the_keyring_is_reported() {
    without_a_bus("a_team_string_left_in_the_keyring_is_reported_child");
}

#[test]
#[ignore = "run without a D-Bus by a_team_string_left_in_the_keyring_is_reported"]
fn a_team_string_left_in_the_keyring_is_reported_child() {
    test_support::child::args();
    let dir = tempfile::tempdir().unwrap();
    desk_core::settings::SettingsFile::in_dir(dir.path())
        .save(&desk_core::settings::Settings {
            team_store: Some("agency".into()),
            ..Default::default()
        })
        .unwrap();
    let runtime = runtime();
    let desk = runtime
        .block_on(desk_core::Desk::open_configured(
            dir.path(),
            SecretStore::with_service("com.trackerdesk.test.nokeyring"),
            callrail::DEFAULT_BASE_URL,
        ))
        .unwrap();
    let info = desk.use_local_store().unwrap();
    assert_eq!(info.kind, "local");
    let warning = info.warning.unwrap_or_default();
    assert!(
        warning.contains("could not be deleted from the keyring"),
        "{warning}"
    );
}

#[test]
fn a_damaged_settings_file_is_named_at_start() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("settings.json"), "{ not json").unwrap();
    let runtime = runtime();
    let err = runtime
        .block_on(desk_core::Desk::open_configured(
            dir.path(),
            SecretStore::with_service("com.trackerdesk.test.nokeyring"),
            callrail::DEFAULT_BASE_URL,
        ))
        .err()
        .expect("a damaged settings file stops the start");
    let message = err.to_string();
    assert!(message.contains("settings.json is damaged"), "{message}");
}
