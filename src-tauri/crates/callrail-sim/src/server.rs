//! The HTTP server: an axum router served connection by connection with hyper, so that a fault
//! can drop a connection without answering.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State as AxState};
use axum::response::Response;
use axum::Router;
use hyper_util::rt::TokioIo;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;
use tokio::task::{JoinHandle, JoinSet};
use tower::Service;

use crate::faults::FaultSpec;
use crate::pipeline::{lock, RecordedRequest, Shared};
use crate::wire::ResetConnection;
use crate::SimConfig;

/// Bodies above this are refused (no tracker request comes close).
const MAX_BODY: usize = 4 * 1024 * 1024;

/// How long `shutdown` lets open requests finish.
const GRACE: Duration = Duration::from_secs(5);

/// A simulator serving on a local port. Dropping it stops the server.
pub struct RunningSim {
    addr: SocketAddr,
    shared: Arc<Shared>,
    shutdown: watch::Sender<bool>,
    task: Option<JoinHandle<()>>,
}

impl std::fmt::Debug for RunningSim {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RunningSim")
            .field("addr", &self.addr)
            .finish()
    }
}

impl RunningSim {
    /// Starts a simulator on `127.0.0.1` with a free port.
    pub async fn start(config: SimConfig) -> std::io::Result<RunningSim> {
        Self::start_on(SocketAddr::from(([127, 0, 0, 1], 0)), config).await
    }

    /// Starts a simulator on `addr`. A seed the API would refuse is an `InvalidData` error.
    pub async fn start_on(addr: SocketAddr, config: SimConfig) -> std::io::Result<RunningSim> {
        let shared = Shared::new(&config)
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e.to_string()))?;
        let shared = Arc::new(shared);
        let listener = TcpListener::bind(addr).await?;
        let addr = listener.local_addr()?;
        let router = Router::new().fallback(handle).with_state(shared.clone());
        let (shutdown, rx) = watch::channel(false);
        let task = tokio::spawn(serve(listener, router, rx));
        Ok(RunningSim {
            addr,
            shared,
            shutdown,
            task: Some(task),
        })
    }

    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT` (no trailing slash, no `/v3`).
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Every request received so far, in order.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        lock(&self.shared.requests).clone()
    }

    /// Forgets the recorded requests.
    pub fn clear_requests(&self) {
        lock(&self.shared.requests).clear();
    }

    /// Disarms every fault still armed.
    pub fn clear_faults(&self) {
        *lock(&self.shared.faults) = Default::default();
    }

    /// Arms a fault, after those already armed.
    pub fn add_fault(&self, fault: FaultSpec) {
        lock(&self.shared.faults).add(fault);
    }

    /// The ids of all accounts, in order.
    pub fn account_ids(&self) -> Vec<String> {
        lock(&self.shared.state)
            .accounts
            .iter()
            .map(|a| a.id.clone())
            .collect()
    }

    /// An account's companies as the API renders them (empty for an unknown account).
    pub fn companies(&self, account_id: &str) -> Vec<serde_json::Value> {
        lock(&self.shared.state).companies_json(account_id)
    }

    /// All of an account's trackers as the API would show them now, disabled ones included, with
    /// `swap_targets` and `campaign_name`.
    pub fn trackers(&self, account_id: &str) -> Vec<serde_json::Value> {
        let mut state = lock(&self.shared.state);
        let now = self.shared.now();
        for t in state
            .accounts
            .iter_mut()
            .flat_map(|a| a.trackers.iter_mut())
        {
            t.show_pending(now);
        }
        state.trackers_json(account_id)
    }

    /// How many of an account's calls started on `first_day` (`YYYY-MM-DD`, UTC) or later.
    pub fn calls_since(&self, account_id: &str, first_day: &str) -> usize {
        lock(&self.shared.state)
            .account(account_id)
            .map(|a| {
                a.calls
                    .iter()
                    .filter(|c| {
                        c.start
                            .to_offset(time::UtcOffset::UTC)
                            .date()
                            .to_string()
                            .as_str()
                            >= first_day
                    })
                    .count()
            })
            .unwrap_or(0)
    }

    /// Stops accepting, lets open requests finish (up to a few seconds), then stops.
    pub async fn shutdown(mut self) {
        let _ = self.shutdown.send(true);
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for RunningSim {
    fn drop(&mut self) {
        if let Some(task) = self.task.take() {
            task.abort();
        }
    }
}

async fn handle(AxState(shared): AxState<Arc<Shared>>, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let planned = match axum::body::to_bytes(body, MAX_BODY).await {
        Ok(bytes) => shared.process(parts.method.as_str(), &parts.uri, &parts.headers, &bytes),
        Err(_) => crate::wire::Planned::error(&crate::error::ApiError::new(
            413,
            "Request Entity Too Large",
        )),
    };
    let delay = shared.latency + planned.delay;
    if !delay.is_zero() {
        tokio::time::sleep(delay).await;
    }
    let mut resp = planned.into_response();
    // CallRail's clock, as every answer of a real server carries it.
    let at = std::time::SystemTime::from(shared.now());
    if let Ok(date) = axum::http::HeaderValue::from_str(&httpdate::fmt_http_date(at)) {
        resp.headers_mut().insert(axum::http::header::DATE, date);
    }
    resp
}

async fn serve(listener: TcpListener, router: Router, mut shutdown: watch::Receiver<bool>) {
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => {
                    connections.spawn(serve_connection(stream, router.clone(), shutdown.clone()));
                }
                // Out of file descriptors and the like: back off instead of spinning.
                Err(_) => tokio::time::sleep(Duration::from_millis(20)).await,
            },
            _ = shutdown.changed() => break,
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
        }
    }
    drop(listener);
    let _ = tokio::time::timeout(GRACE, async {
        while connections.join_next().await.is_some() {}
    })
    .await;
}

async fn serve_connection(stream: TcpStream, router: Router, mut shutdown: watch::Receiver<bool>) {
    let _ = stream.set_nodelay(true);
    let service = hyper::service::service_fn(move |req: hyper::Request<hyper::body::Incoming>| {
        let mut router = router.clone();
        async move {
            let resp: Response = match router.call(req.map(Body::new)).await {
                Ok(resp) => resp,
                Err(never) => match never {},
            };
            // An error from the service makes hyper drop the connection without a response.
            if resp.extensions().get::<ResetConnection>().is_some() {
                Err(ResetConnection)
            } else {
                Ok::<_, ResetConnection>(resp)
            }
        }
    });
    let conn =
        hyper::server::conn::http1::Builder::new().serve_connection(TokioIo::new(stream), service);
    let mut conn = std::pin::pin!(conn);
    tokio::select! {
        _ = conn.as_mut() => {}
        _ = shutdown.changed() => {
            conn.as_mut().graceful_shutdown();
            let _ = conn.await;
        }
    }
}
