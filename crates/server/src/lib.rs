//! casus-server: casus in the browser.
//!
//! [`app`] builds the axum [`Router`]: the JSON API under `/api` (one module per area in
//! [`routes`], the same schemas as the CLI's `--format json`, documented in `openapi.yaml`),
//! and the hand-written front end (`static/`, compiled into the binary). Handlers parse the
//! request, call `casus-app` (the same orchestration as the CLI) and serialise; the report
//! and the map come from `casus-render`.
//!
//! Hardening: request bodies are capped ([`Config::body_limit`]), engine work runs on the
//! blocking pool behind a semaphore with a deadline ([`Config::timeout`]), panics become 500
//! responses, unknown API paths answer 404 JSON, and [`serve`] binds where it is told (the
//! CLI defaults to 127.0.0.1).
//!
//! ```no_run
//! # async fn demo() -> anyhow::Result<()> {
//! let world = casus_app::with_library(casus_data::load_world(&casus_data::DataSource::Bundled)?)?;
//! let map = casus_server::map::Map::load(&casus_data::DataSource::Bundled)?;
//! let state = casus_server::AppState::new(world, map, casus_server::Config::default());
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await?;
//! casus_server::serve(listener, state).await?;
//! # Ok(()) }
//! ```

pub mod error;
pub mod routes;

/// The map and the report live in `casus-render` (shared with the CLI); re-exported here.
pub use casus_render::{map, report};

mod assets;
mod cache;

pub use error::{ApiError, Result};

use axum::body::Bytes;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Router;
use casus_core::World;
use std::sync::Arc;
use std::time::Duration;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;

/// Limits of the server. The defaults suit one machine serving a few users.
#[derive(Clone, Debug)]
pub struct Config {
    /// Largest request body accepted, in bytes (default 256 KiB).
    pub body_limit: usize,
    /// Deadline for one request's engine work, including the wait for a worker (default 20 s).
    pub timeout: Duration,
    /// Engine jobs that may run at once (default: the number of cores).
    pub workers: usize,
    /// Responses kept in the cache of pure results (default 512; 0 turns it off).
    pub cache_entries: usize,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            body_limit: 256 * 1024,
            timeout: Duration::from_secs(20),
            workers: std::thread::available_parallelism().map_or(2, |n| n.get()),
            cache_entries: 512,
        }
    }
}

/// What every handler shares: the read-only world, the map, the limits, the cache.
#[derive(Clone)]
pub struct AppState(Arc<Inner>);

/// The shared state behind [`AppState`].
pub struct Inner {
    /// The datasets and treaties, read-only.
    pub world: Arc<World>,
    /// The projected world map.
    pub map: Arc<map::Map>,
    /// The map as JSON (`/api/map`), serialised once.
    pub map_json: Bytes,
    /// Limits and deadlines.
    pub config: Config,
    workers: Arc<tokio::sync::Semaphore>,
    cache: cache::Cache,
}

impl std::ops::Deref for AppState {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}

impl AppState {
    /// The world must already hold the built-in library (`casus_app::with_library`).
    pub fn new(world: World, map: map::Map, config: Config) -> AppState {
        let map_json = serde_json::to_vec(&map).expect("the map serialises").into();
        AppState(Arc::new(Inner {
            world: Arc::new(world),
            map: Arc::new(map),
            map_json,
            workers: Arc::new(tokio::sync::Semaphore::new(config.workers.max(1))),
            cache: cache::Cache::new(config.cache_entries),
            config,
        }))
    }

    /// Runs CPU-bound work on the blocking pool, at most [`Config::workers`] jobs at once,
    /// within [`Config::timeout`] (waiting for a worker included).
    pub async fn run<T, F>(&self, f: F) -> Result<T>
    where
        F: FnOnce(&World) -> Result<T> + Send + 'static,
        T: Send + 'static,
    {
        let deadline = self.config.timeout;
        let (workers, world) = (self.workers.clone(), self.world.clone());
        let job = async move {
            let permit = workers.acquire_owned().await.map_err(ApiError::internal)?;
            tokio::task::spawn_blocking(move || {
                let _permit = permit; // held until the work is done, even if the client left
                f(&world)
            })
            .await
            .map_err(|e| ApiError::internal(anyhow::anyhow!("engine task failed: {e}")))?
        };
        match tokio::time::timeout(deadline, job).await {
            Ok(r) => r,
            Err(_) => Err(ApiError::Unavailable(format!(
                "the request took longer than {} s; try a narrower request",
                deadline.as_secs()
            ))),
        }
    }

    /// Like [`AppState::run`] for a pure function of `key`: the serialised answer is kept, and
    /// concurrent requests for the same key wait for one computation.
    pub async fn cached<F>(&self, key: Option<String>, f: F) -> Result<Bytes>
    where
        F: FnOnce(&World) -> Result<Vec<u8>> + Send + 'static,
    {
        match key {
            Some(k) if self.config.cache_entries > 0 => {
                let cell = self.cache.cell(k);
                cell.get_or_try_init(|| async { self.run(f).await.map(Bytes::from) })
                    .await
                    .cloned()
            }
            _ => self.run(f).await.map(Bytes::from),
        }
    }
}

/// A JSON response with the given status.
pub fn json_response<T: serde::Serialize>(status: StatusCode, value: &T) -> Response {
    match serde_json::to_vec(value) {
        Ok(v) => json_bytes(status, v.into()),
        Err(e) => {
            eprintln!("casus serve: cannot serialise a response: {e}");
            (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response()
        }
    }
}

/// Already serialised JSON.
pub fn json_bytes(status: StatusCode, body: Bytes) -> Response {
    let mut r = (status, body).into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    r
}

/// The whole application: API, front end, limits.
pub fn app(state: AppState) -> Router {
    let limit = state.config.body_limit;
    // The outer deadline is a safety net; handlers answer 503 JSON at `timeout` themselves.
    let outer = state.config.timeout + Duration::from_secs(5);
    Router::new()
        .nest("/api", routes::router())
        .merge(assets::router())
        .with_state(state)
        .layer(axum::extract::DefaultBodyLimit::max(limit))
        .layer(RequestBodyLimitLayer::new(limit))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            outer,
        ))
        .layer(CatchPanicLayer::custom(|_| {
            ApiError::internal(anyhow::anyhow!("a handler panicked")).into_response()
        }))
}

/// Serves the app on `listener` until Ctrl-C.
pub async fn serve(listener: tokio::net::TcpListener, state: AppState) -> std::io::Result<()> {
    axum::serve(listener, app(state))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
}
