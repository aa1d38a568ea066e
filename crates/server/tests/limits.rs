//! The server's limits under hostile use (issue 13): the answer cache's byte bound,
//! connection timeouts, repeated input.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use casus_server::{app, map::Map, AppState, Config};
use serde_json::Value;
use std::sync::OnceLock;
use tower::ServiceExt;

fn world() -> casus_core::World {
    static W: OnceLock<casus_core::World> = OnceLock::new();
    W.get_or_init(|| {
        let src = casus_data::DataSource::Bundled;
        casus_app::with_library(casus_data::load_world(&src).expect("bundled data"))
            .expect("library")
    })
    .clone()
}

fn state(config: Config) -> AppState {
    let map = Map::load(&casus_data::DataSource::Bundled).expect("map");
    AppState::new(world(), map, config)
}

async fn get(state: &AppState, uri: &str) -> (StatusCode, Value) {
    let resp = app(state.clone())
        .oneshot(Request::get(uri).body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = resp.status();
    let bytes = axum::body::to_bytes(resp.into_body(), 64 << 20)
        .await
        .unwrap();
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

#[tokio::test]
async fn a_repeated_attacker_counts_once() {
    let s = state(Config::default());
    let base = "/api/invoke?target=UKR&date=2025-09-01&spec=ukraine-b";
    let (s1, once) = get(&s, &format!("{base}&attacker=RUS")).await;
    let (s2, repeated) = get(&s, &format!("{base}&attacker=RUS,365&attacker=Russia")).await;
    assert_eq!((s1, s2), (StatusCode::OK, StatusCode::OK));
    assert_eq!(
        repeated["incident"]["attackers"].as_array().unwrap().len(),
        1
    );
    assert_eq!(once["balance"], repeated["balance"]);
    assert_eq!(once["obligations"], repeated["obligations"]);
}

#[tokio::test]
async fn the_cache_stays_within_its_byte_bound() {
    const BOUND: usize = 2 << 20;
    let s = state(Config {
        cache_bytes: BOUND,
        ..Config::default()
    });
    let mut largest = 0;
    // Distinct backtests, each a few hundred KB with every incident listed.
    for (i, from) in (1816..1990).step_by(6).enumerate() {
        let spec = ["nato", "3180", "ukraine-b"][i % 3];
        let uri = format!("/api/backtest?spec={spec}&from={from}&details=true");
        let (status, v) = get(&s, &uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}: {v}");
        largest = largest.max(s.cache_bytes());
        assert!(
            s.cache_bytes() <= BOUND,
            "{uri}: the cache holds {} bytes",
            s.cache_bytes()
        );
    }
    assert!(largest > BOUND / 4, "the answers were cached: {largest}");
}

/// Serves with a 1 s header timeout on a real socket; returns the address.
async fn serve_with_timeout() -> std::net::SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let s = state(Config {
        header_timeout: std::time::Duration::from_secs(1),
        ..Config::default()
    });
    tokio::spawn(casus_server::serve_until(
        listener,
        s,
        std::future::pending(),
    ));
    addr
}

/// Reads until the server closes the connection; the time it took and what came.
fn read_until_closed(mut sock: std::net::TcpStream) -> (std::time::Duration, String) {
    use std::io::Read;
    sock.set_read_timeout(Some(std::time::Duration::from_secs(10)))
        .unwrap();
    let t = std::time::Instant::now();
    let mut out = Vec::new();
    let r = sock.read_to_end(&mut out);
    assert!(r.is_ok(), "not closed within 10 s: {r:?}");
    (t.elapsed(), String::from_utf8_lossy(&out).into_owned())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn idle_and_slow_connections_are_closed() {
    let addr = serve_with_timeout().await;
    tokio::task::spawn_blocking(move || {
        use std::io::Write;
        // A connection that sends nothing.
        let sock = std::net::TcpStream::connect(addr).unwrap();
        let (took, _) = read_until_closed(sock);
        assert!(took.as_secs_f64() < 3.0, "idle: closed after {took:?}");
        // Half a request head, never finished (slowloris).
        let mut sock = std::net::TcpStream::connect(addr).unwrap();
        sock.write_all(b"GET /api/health HTTP/1.1\r\nHost: x\r\n")
            .unwrap();
        let (took, _) = read_until_closed(sock);
        assert!(took.as_secs_f64() < 3.0, "slow head: closed after {took:?}");
        // One keep-alive request answered, then idle.
        let mut sock = std::net::TcpStream::connect(addr).unwrap();
        sock.write_all(b"GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n")
            .unwrap();
        let (took, out) = read_until_closed(sock);
        assert!(out.starts_with("HTTP/1.1 200"), "{out}");
        assert!(
            took.as_secs_f64() < 3.0,
            "kept alive: closed after {took:?}"
        );
    })
    .await
    .unwrap();
}

#[tokio::test]
async fn repeated_scalar_keys_and_long_names_are_refused() {
    let s = state(Config::default());
    for uri in [
        "/api/invoke?attacker=RUS&target=UKR&date=2025-09-01&date=2001-01-01",
        "/api/invoke?attacker=RUS&target=UKR&target=EST&date=2025-09-01",
        "/api/backtest?spec=nato&from=1950&from=1960",
        "/api/treaties?state=UKR&state=RUS",
        "/api/states?date=2001-01-01&date=2002-01-01",
    ] {
        let (status, v) = get(&s, uri).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{uri}: {v}");
        assert!(
            v["error"].as_str().unwrap().contains("more than once"),
            "{v}"
        );
    }
    // Lists still repeat.
    let (status, _) = get(
        &s,
        "/api/backtest?spec=nato&spec=3180&kind=defence&kind=offence",
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let long = format!("/api/treaties?state={}", "Rus".repeat(100));
    let (status, v) = get(&s, &long).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{v}");
    assert!(v["error"].as_str().unwrap().contains("longer than"), "{v}");
}

async fn send(s: &AppState, req: Request<Body>) -> (StatusCode, axum::http::HeaderMap, Value) {
    let resp = app(s.clone()).oneshot(req).await.unwrap();
    let (status, headers) = (resp.status(), resp.headers().clone());
    let bytes = axum::body::to_bytes(resp.into_body(), 64 << 20)
        .await
        .unwrap();
    let v = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    (status, headers, v)
}

#[tokio::test]
async fn every_error_is_json() {
    let s = state(Config {
        body_limit: 1024,
        ..Config::default()
    });
    let cases = [
        (
            Request::delete("/api/invoke").body(Body::empty()).unwrap(),
            405,
        ),
        (
            Request::post("/api/spec/check")
                .body(Body::from(vec![b'x'; 4096]))
                .unwrap(),
            413,
        ),
        (Request::get("/nothing").body(Body::empty()).unwrap(), 404),
        (
            Request::get(format!("/api/invoke?attacker={}", "A".repeat(62_000)))
                .body(Body::empty())
                .unwrap(),
            414,
        ),
        (
            Request::get("/api/health")
                .header("x-big", "b".repeat(20_000))
                .body(Body::empty())
                .unwrap(),
            431,
        ),
    ];
    for (req, code) in cases {
        let what = format!("{} {}", req.method(), req.uri().path());
        let (status, h, v) = send(&s, req).await;
        assert_eq!(status.as_u16(), code, "{what}");
        assert_eq!(
            h[axum::http::header::CONTENT_TYPE],
            "application/json",
            "{what}"
        );
        assert_eq!(v["status"], code, "{what}: {v}");
        assert_eq!(h[axum::http::header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    }
}

#[tokio::test]
async fn the_report_forbids_scripts() {
    let s = state(Config::default());
    let req = Request::get("/api/report?attacker=RUS&target=UKR&date=2025-09-01&spec=ukraine-b")
        .body(Body::empty())
        .unwrap();
    let (status, h, _) = send(&s, req).await;
    assert_eq!(status, StatusCode::OK);
    let csp = h[axum::http::header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap();
    assert!(csp.contains("default-src 'none'"), "{csp}");
    assert_eq!(h[axum::http::header::X_CONTENT_TYPE_OPTIONS], "nosniff");
}
