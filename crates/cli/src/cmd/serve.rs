//! `casus serve`: the browser app and its JSON API.
//! Tests: crates/server/tests/api.rs (API), crates/server/tests/e2e.rs (browser). Pages and
//! API: docs/web.md.

use anyhow::{Context, Result};
use casus_data::DataSource;
use casus_render::map::Map;
use casus_server::{AppState, Config};
use std::net::IpAddr;
use std::process::ExitCode;
use std::time::Duration;

/// Serves the browser app: scenario (map, alliance network, capability balance, trace),
/// compare, treaties and backtest pages, and the JSON API behind them (/api/openapi.yaml).
///
/// Binds to 127.0.0.1 (this machine only) unless told otherwise; there is no login, so bind
/// to another address only on a network you trust.
///
/// Examples:
///   casus serve                      # http://127.0.0.1:8080/
///   casus serve --port 9000
///   open "http://127.0.0.1:8080/#/scenario?attacker=RUS&target=UKR&date=2025-09-01&spec=ukraine-b"
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Port to listen on (0 picks a free one).
    #[arg(long, default_value_t = 8080)]
    pub port: u16,
    /// Address to bind to.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: IpAddr,
    /// Largest request body, in KiB.
    #[arg(long, default_value_t = 256, value_name = "KIB")]
    pub body_limit: usize,
    /// Seconds one request may spend waiting for and running the engine.
    #[arg(long, default_value_t = 20, value_name = "SECONDS")]
    pub timeout: u64,
    /// Engine jobs that may run at once [default: the number of cores].
    #[arg(long)]
    pub workers: Option<usize>,
    /// Answers kept in the cache (a scenario of built-in specs always gives the same answer); 0 turns it off.
    #[arg(long, default_value_t = 512, value_name = "N")]
    pub cache: usize,
}

pub fn run(a: Args, world: casus_core::World, src: &DataSource) -> Result<ExitCode> {
    // A data directory without the map files falls back to the bundled map.
    let map = Map::load(src)
        .or_else(|_| Map::load(&DataSource::Bundled))
        .context("building the world map")?;
    let mut config = Config {
        body_limit: a.body_limit.saturating_mul(1024),
        timeout: Duration::from_secs(a.timeout.max(1)),
        cache_entries: a.cache,
        ..Config::default()
    };
    if let Some(w) = a.workers {
        config.workers = w.max(1);
    }
    let state = AppState::new(world, map, config);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    rt.block_on(async {
        let listener = tokio::net::TcpListener::bind((a.bind, a.port))
            .await
            .with_context(|| format!("binding {}:{}", a.bind, a.port))?;
        let addr = listener.local_addr()?;
        eprintln!("casus serve: listening on http://{addr}/ (Ctrl-C to stop)");
        if !a.bind.is_loopback() {
            eprintln!(
                "casus serve: warning: bound to {} — reachable from other machines, with no login",
                a.bind
            );
        }
        casus_server::serve(listener, state)
            .await
            .context("serving")
    })?;
    Ok(ExitCode::SUCCESS)
}
