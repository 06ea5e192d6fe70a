//! The demo: the built-in CallRail simulator with a sample agency, on loopback, for a person with no
//! CallRail account yet. Only the app carries it (the `demo` feature); the command line has no web
//! server in it.

use super::Desk;
use crate::connections::{Connected, DEMO_CONNECTION_ID};
use crate::views::ConnectionView;
use crate::{CoreError, CoreResult};
use callrail::ApiKey;
use callrail_sim::{RunningSim, SimConfig, DEMO_API_KEY};

impl Desk {
    /// Starts the built-in CallRail simulator with the demo agency, on loopback, and connects to it.
    pub async fn start_demo(&self) -> CoreResult<ConnectionView> {
        let mut sim = self.demo_sim.lock().await;
        if sim.is_none() {
            let started = RunningSim::start(SimConfig::default())
                .await
                .map_err(|e| CoreError::Storage(format!("could not start the demo: {e}")))?;
            let client = self.connections.make_client(
                DEMO_CONNECTION_ID,
                ApiKey::new(DEMO_API_KEY)?,
                &started.base_url(),
            )?;
            let account = client
                .list_accounts()
                .await?
                .into_iter()
                .next()
                .map(|a| a.id);
            self.connections.add_unsaved(Connected {
                view: ConnectionView {
                    id: DEMO_CONNECTION_ID.into(),
                    name: "Demo agency (sample data)".into(),
                    key_hint: "demo".into(),
                    demo: true,
                    api_base: Some(started.base_url()),
                    account_id: account,
                    company_id: None,
                },
                client,
            });
            *sim = Some(started);
        }
        self.connections.find(DEMO_CONNECTION_ID)
    }

    /// Stops the demo's simulator, if it runs.
    pub(super) async fn stop_demo(&self) {
        if let Some(sim) = self.demo_sim.lock().await.take() {
            sim.shutdown().await;
        }
    }
}
