//! Reaching the team's MongoDB: the store opened without the server, its indexes, and whether it
//! answers.

use super::{db_err, MongoStore, OPEN_TARGET};
use crate::store::JournalEntry;
use crate::JournalResult;
use futures::TryStreamExt;
use mongodb::bson::{doc, Document};
use mongodb::options::{Acknowledgment, DatabaseOptions, IndexOptions, WriteConcern};
use mongodb::IndexModel;

impl MongoStore {
    /// Connects (the connection string comes from the OS keyring) and creates the indexes.
    pub async fn connect(uri: &str, database: &str) -> JournalResult<Self> {
        let store = Self::open(uri, database).await?;
        store.ensure_indexes().await?;
        Ok(store)
    }

    /// The store, without reaching the server yet: an unreachable one makes each use fail (a write
    /// is then refused before it is sent), and the driver reconnects by itself once it is back.
    pub async fn open(uri: &str, database: &str) -> JournalResult<Self> {
        let mut options = mongodb::options::ClientOptions::parse(uri)
            .await
            .map_err(db_err)?;
        // A person is waiting: say so after a few seconds rather than the driver's 30.
        options.server_selection_timeout = Some(std::time::Duration::from_secs(8));
        options.app_name = Some("Tracker Desk".into());
        let client = mongodb::Client::with_options(options).map_err(db_err)?;
        // An intent counts once a majority of the replica set has it in its on-disk journal.
        let durable = WriteConcern::builder()
            .w(Acknowledgment::Majority)
            .journal(true)
            .build();
        let db = client.database_with_options(
            database,
            DatabaseOptions::builder().write_concern(durable).build(),
        );
        Ok(Self {
            admin: client.database("admin"),
            journal: db.collection("journal_entries"),
            entries: db.collection("journal_entries"),
            snapshots: db.collection("tracker_snapshots"),
            connections: db.collection("connections"),
            runs: db.collection("bulk_runs"),
            run_rows: db.collection("bulk_rows"),
            requests: db.collection("requests"),
            leases: db.collection("run_leases"),
            down_since: std::sync::Mutex::default(),
        })
    }

    /// Whether the server answers now (tried whatever was seen before).
    pub async fn ping(&self) -> JournalResult<()> {
        let answer = self.admin.run_command(doc! { "ping": 1 }).await;
        self.mark_down(answer.is_err());
        answer.map(|_| ()).map_err(db_err)
    }

    /// Whether the server answers within `within`: when it does not, uses fail at once for a
    /// while rather than each waiting for it (the command line asks this first).
    pub async fn answers_within(&self, within: std::time::Duration) -> bool {
        let answered = tokio::time::timeout(within, self.ping()).await;
        let ok = matches!(answered, Ok(Ok(())));
        self.mark_down(!ok);
        ok
    }

    /// Creates the indexes the queries need (nothing when they exist).
    pub async fn ensure_indexes(&self) -> JournalResult<()> {
        let store = self;
        let unique = || IndexOptions::builder().unique(true).build();
        let index = |keys: Document, unique_opts: Option<IndexOptions>| {
            IndexModel::builder()
                .keys(keys)
                .options(unique_opts)
                .build()
        };
        store
            .journal
            .create_indexes([
                index(doc! { "id": 1 }, Some(unique())),
                index(doc! { "created_at": -1 }, None),
                index(doc! { "tracker_id": 1, "created_at": -1 }, None),
                index(doc! { "company_id": 1, "created_at": -1 }, None),
                index(doc! { "state": 1 }, None),
                // One unresolved entry per target: what makes a claim one write.
                index(
                    doc! { OPEN_TARGET: 1 },
                    Some(IndexOptions::builder().unique(true).sparse(true).build()),
                ),
            ])
            .await
            .map_err(db_err)?;
        // Unresolved entries written before claims lived on the entry (or copied without one) hold
        // their target now, so they count.
        let open: Vec<JournalEntry> = store
            .journal
            .find(doc! { "state": { "$in": ["intended", "unknown"] }, OPEN_TARGET: { "$exists": false } })
            .await
            .map_err(db_err)?
            .try_collect()
            .await
            .map_err(db_err)?;
        for e in open {
            let set = store
                .entries
                .update_one(
                    doc! { "id": &e.id },
                    doc! { "$set": { OPEN_TARGET: e.target() } },
                )
                .await;
            match set {
                Err(err) if !super::is_duplicate(&err) => return Err(db_err(err)),
                _ => {}
            }
        }
        store
            .snapshots
            .create_index(index(
                doc! { "connection": 1, "account_id": 1, "tracker_id": 1 },
                Some(unique()),
            ))
            .await
            .map_err(db_err)?;
        store
            .connections
            .create_index(index(doc! { "id": 1 }, Some(unique())))
            .await
            .map_err(db_err)?;
        store
            .run_rows
            .create_index(index(doc! { "run_id": 1, "index": 1 }, None))
            .await
            .map_err(db_err)?;
        store
            .requests
            .create_index(index(doc! { "account_id": 1, "minute": 1 }, Some(unique())))
            .await
            .map_err(db_err)?;
        Ok(())
    }
}
