//! The embedded store's schema, as the steps that bring a file from one version to the next.

/// Each step brings the schema from version N-1 to N; applied once, in order, in one transaction.
pub(super) const MIGRATIONS: &[&str] = &[
    "CREATE TABLE journal (
        id TEXT PRIMARY KEY,
        created_at TEXT NOT NULL,
        completed_at TEXT,
        person TEXT NOT NULL,
        connection_id TEXT NOT NULL,
        connection TEXT NOT NULL,
        account_id TEXT NOT NULL,
        company_id TEXT,
        tracker_id TEXT,
        tracker_name TEXT NOT NULL,
        operation TEXT NOT NULL,
        request TEXT NOT NULL,
        state TEXT NOT NULL,
        outcome TEXT,
        before TEXT,
        after TEXT
    );
    CREATE INDEX journal_created ON journal (created_at);
    CREATE INDEX journal_tracker ON journal (tracker_id);
    CREATE INDEX journal_state ON journal (state);
    CREATE TABLE snapshots (
        connection TEXT NOT NULL,
        account_id TEXT NOT NULL,
        tracker_id TEXT NOT NULL,
        company_id TEXT,
        tracker TEXT NOT NULL,
        seen_at TEXT NOT NULL,
        PRIMARY KEY (connection, account_id, tracker_id)
    );",
    "CREATE TABLE bulk_runs (
        id TEXT PRIMARY KEY,
        created_at TEXT NOT NULL,
        run TEXT NOT NULL
    );
    CREATE TABLE bulk_rows (
        run_id TEXT NOT NULL,
        idx INTEGER NOT NULL,
        row TEXT NOT NULL,
        work TEXT NOT NULL,
        PRIMARY KEY (run_id, idx)
    );
    CREATE TABLE requests (
        account_id TEXT NOT NULL,
        minute INTEGER NOT NULL,
        count INTEGER NOT NULL,
        PRIMARY KEY (account_id, minute)
    );",
    "CREATE TABLE run_leases (
        run_id TEXT PRIMARY KEY,
        holder TEXT NOT NULL,
        person TEXT NOT NULL,
        expires_at TEXT NOT NULL
    );",
];
