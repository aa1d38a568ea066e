//! The JSON API, driven in-process with `tower::ServiceExt::oneshot` (no socket): every
//! endpoint, its happy path and malformed input. One test binds port 0 for a real socket.

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use casus_server::{app, map::Map, AppState, Config};
use serde_json::Value;
use std::sync::OnceLock;
use tower::ServiceExt;

fn state() -> AppState {
    static STATE: OnceLock<AppState> = OnceLock::new();
    STATE
        .get_or_init(|| {
            let src = casus_data::DataSource::Bundled;
            let world =
                casus_app::with_library(casus_data::load_world(&src).expect("bundled data"))
                    .expect("library");
            AppState::new(
                world,
                Map::load(&src).expect("map"),
                Config {
                    body_limit: 64 * 1024,
                    ..Config::default()
                },
            )
        })
        .clone()
}

async fn send(req: Request<Body>) -> (StatusCode, String, axum::http::HeaderMap) {
    let resp = app(state())
        .oneshot(req)
        .await
        .expect("the router never fails");
    let status = resp.status();
    let headers = resp.headers().clone();
    let bytes = axum::body::to_bytes(resp.into_body(), 64 << 20)
        .await
        .expect("body");
    (
        status,
        String::from_utf8_lossy(&bytes).into_owned(),
        headers,
    )
}

async fn get(uri: &str) -> (StatusCode, Value) {
    let (s, body, h) = send(Request::get(uri).body(Body::empty()).unwrap()).await;
    assert!(
        h.get(header::CONTENT_TYPE)
            .is_some_and(|v| v == "application/json"),
        "{uri}: {h:?}"
    );
    (
        s,
        serde_json::from_str(&body).unwrap_or_else(|e| panic!("{uri}: not JSON ({e}): {body}")),
    )
}

async fn post(uri: &str, content_type: &str, body: impl Into<Body>) -> (StatusCode, Value) {
    let req = Request::builder()
        .method(Method::POST)
        .uri(uri)
        .header(header::CONTENT_TYPE, content_type)
        .body(body.into())
        .unwrap();
    let (s, body, _) = send(req).await;
    (
        s,
        serde_json::from_str(&body).unwrap_or_else(|e| panic!("{uri}: not JSON ({e}): {body}")),
    )
}

fn abbs(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s["abb"].as_str().unwrap().to_string())
        .collect()
}

const RUS_UKR_B: &str = "/api/invoke?attacker=RUS&target=UKR&date=2025-09-01&spec=ukraine-b";

#[tokio::test]
async fn invoke_get_matches_the_engine() {
    let (s, v) = get(RUS_UKR_B).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["schema"], "casus.invoke/1");
    assert_eq!(v["incident"]["target"]["abb"], "UKR");
    let guarantors: Vec<&str> = v["obligations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| {
            o["treaty"]["id"] == "ukraine-b" && o["kind"] == "defence" && o["status"] == "triggered"
        })
        .map(|o| o["obligor"]["abb"].as_str().unwrap())
        .collect();
    assert_eq!(guarantors, ["USA", "UKG", "FRN"]);
    // Exactly what `casus invoke --format json` prints: the same view, serialised.
    let w = state().world.clone();
    let req = casus_app::Request {
        attackers: vec!["RUS".into()],
        target: Some("UKR".into()),
        date: Some("2025-09-01".into()),
        specs: vec![casus_app::SpecInput::Id("ukraine-b".into())],
        ..Default::default()
    };
    let direct = casus_app::invoke_view(&w, &req, false).unwrap();
    // Plus each state's map category (computed in Rust, read by the browser app).
    let mut view = v.clone();
    let cats = view
        .as_object_mut()
        .unwrap()
        .remove("categories")
        .expect("map categories");
    assert_eq!(cats["369"], "target");
    assert_eq!(cats["365"], "attacker");
    assert_eq!(cats["2"], "as-it-deems-necessary");
    assert_eq!(view, serde_json::to_value(&direct).unwrap());
    // A second request is served from the cache with the same bytes.
    let (_, again) = get(RUS_UKR_B).await;
    assert_eq!(v, again);
}

#[tokio::test]
async fn invoke_post_takes_spec_text() {
    let spec = r#"
id = "my-pledge"
name = "A pledge typed in the browser"
status = "proposed"
proposed = "2025-08-18"
sources = ["test"]

[[party]]
state = "POL"
roles = ["guarantor"]

[[party]]
state = "UKR"
roles = ["protected"]

[[clause]]
article = "1"
paraphrase = "Poland defends Ukraine."
kind = "defence"
obligors = ["role:guarantor"]
beneficiaries = ["role:protected"]
strength = "automatic"
trigger = "armed-attack"
"#;
    let body = serde_json::json!({"attackers": ["RUS"], "target": "UKR", "date": "2025-09-01", "specs": [{"file": "mine.toml", "text": spec}]});
    let (s, v) = post("/api/invoke", "application/json", body.to_string()).await;
    if s != StatusCode::OK {
        panic!("{v}");
    }
    let mine: Vec<&Value> = v["obligations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["treaty"]["id"] == "my-pledge")
        .collect();
    assert_eq!(mine.len(), 1, "{v}");
    assert_eq!(mine[0]["obligor"]["abb"], "POL");
    assert_eq!(mine[0]["strength"], "automatic");
}

#[tokio::test]
async fn invoke_spec_text_errors_carry_line_and_column() {
    let body = serde_json::json!({"attackers": ["RUS"], "target": "UKR", "date": "2025-09-01", "specs": [{"file": "bad.toml", "text": "id = \"x\"\nname = \"x\"\nstatus = \"in-forse\"\n"}]});
    let (s, v) = post("/api/invoke", "application/json", body.to_string()).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    let errs = v["spec_errors"].as_array().expect("spec_errors");
    assert!(!errs.is_empty());
    assert!(
        errs.iter().all(|e| e["file"] == "bad.toml"
            && e["line"].as_u64().unwrap() >= 1
            && e["column"].as_u64().unwrap() >= 1),
        "{v}"
    );
    assert!(errs.iter().any(|e| e["line"] == 3), "{v}");
}

#[tokio::test]
async fn invoke_bad_input() {
    for (uri, status, needle) in [
        (
            "/api/invoke?attacker=RUS&target=Atlantis&date=2025-09-01",
            422,
            "target",
        ),
        (
            "/api/invoke?attacker=RUS&target=UKR&date=2025-13-45",
            422,
            "date",
        ),
        (
            "/api/invoke?attacker=RUS&target=UKR&date=1700-01-01",
            422,
            "outside the supported range, 1816-01-01 to 2100-12-31",
        ),
        (
            "/api/invoke?attacker=RUS&target=UKR&date=0000-01-01",
            422,
            "outside the supported range",
        ),
        (
            "/api/invoke?attacker=RUS&target=UKR&date=2025-9-1",
            422,
            "YYYY-MM-DD",
        ),
        (
            "/api/invoke?attacker=RUS&target=UKR&date=2025-09-01&place=moon",
            422,
            "place",
        ),
        (
            "/api/invoke?attacker=RUS&target=UKR&date=2025-09-01&spec=nope",
            422,
            "no treaty",
        ),
        (
            "/api/invoke?attacker=UKR&target=UKR&date=2025-09-01",
            422,
            "cannot also be an attacker",
        ),
        ("/api/invoke?target=UKR&date=2025-09-01", 422, "attacker"),
        ("/api/invoke?attackr=RUS", 400, "unknown parameter"),
        ("/api/invoke?attacker=RUS&all=perhaps", 400, "true or false"),
        ("/api/invoke?attacker=%FF%FE&target=%00&date=%", 422, ""),
    ] {
        let (s, v) = get(uri).await;
        assert_eq!(s.as_u16(), status, "{uri}: {v}");
        assert_eq!(v["status"], status, "{uri}");
        assert!(v["error"].as_str().unwrap().contains(needle), "{uri}: {v}");
    }
    let long = format!(
        "/api/invoke?attacker={}&target=UKR&date=2025-09-01",
        "A".repeat(5000)
    );
    assert_eq!(get(&long).await.0, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn malformed_bodies_are_json_errors() {
    for (body, needle) in [
        ("", "empty"),
        ("{", "invalid"),
        ("[1,2]", "invalid"),
        (r#"{"attackers": "RUS"}"#, "invalid"),
        (
            r#"{"attackers": ["RUS"], "colour": "red"}"#,
            "unknown field",
        ),
        (r#"{"specs": [{"txt": "x"}]}"#, "invalid"),
        ("\u{0}\u{1}binary", "invalid"),
    ] {
        for uri in ["/api/invoke", "/api/compare", "/api/report"] {
            let (s, v) = post(uri, "application/json", body).await;
            assert_eq!(s, StatusCode::BAD_REQUEST, "{uri} {body:?}: {v}");
            assert!(
                v["error"].as_str().unwrap().contains(needle),
                "{uri} {body:?}: {v}"
            );
        }
    }
}

#[tokio::test]
async fn oversized_bodies_are_refused() {
    let big = format!(
        r#"{{"attackers": ["RUS"], "specs": [{{"text": "{}"}}]}}"#,
        "x".repeat(200 * 1024)
    );
    let req = Request::post("/api/invoke")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(big))
        .unwrap();
    let (s, _, _) = send(req).await;
    assert_eq!(s, StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn compare_variants() {
    let (s, v) = get("/api/compare?attacker=RUS&target=UKR&date=2025-09-01&spec=ukraine-a&spec=ukraine-b&spec=ukraine-c&spec=ukraine-d").await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["schema"], "casus.compare/1");
    let specs: Vec<&str> = v["variants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["spec"].as_str().unwrap())
        .collect();
    assert_eq!(specs, ["ukraine-a", "ukraine-b", "ukraine-c", "ukraine-d"]);
    assert_eq!(abbs(&v["variants"][1]["triggered"]), ["USA", "UKG", "FRN"]);
    let (s, v) = get("/api/compare?attacker=RUS&target=UKR&date=2025-09-01&spec=ukraine-a").await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(v["error"].as_str().unwrap().contains("two to eight"), "{v}");
}

#[tokio::test]
async fn treaties_list_and_show() {
    let (s, v) = get("/api/treaties?origin=library").await;
    assert_eq!(s, StatusCode::OK);
    let ids: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap())
        .collect();
    for id in ["nato", "ukraine-b", "budapest-1994"] {
        assert!(ids.contains(&id), "{ids:?}");
    }
    let (_, v) = get("/api/treaties?state=UKR&year=1995&limit=5").await;
    assert!(v.as_array().unwrap().len() <= 5);
    let (_, v) = get("/api/treaties?q=north%20atlantic").await;
    assert!(
        v.as_array().unwrap().iter().any(|t| t["id"] == "nato"),
        "{v}"
    );

    let (s, t) = get("/api/treaties/nato").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(t["id"], "nato");
    assert!(t["parties"].as_array().unwrap().len() >= 32);
    assert!(abbs(&t["states"]).contains(&"FIN".to_string()));
    let (s, t) = get("/api/treaties/3180").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(t["id"], "atop:3180");
    assert!(!t["provisions"].as_array().unwrap().is_empty());

    for (uri, status) in [
        ("/api/treaties/nope", 404),
        ("/api/treaties?year=abc", 400),
        ("/api/treaties?state=Atlantis", 422),
        ("/api/treaties?origin=mars", 400),
        ("/api/treaties?kind=love", 400),
    ] {
        let (s, v) = get(uri).await;
        assert_eq!(s.as_u16(), status, "{uri}: {v}");
    }
}

#[tokio::test]
async fn spec_check() {
    let (s, v) = post("/api/spec/check", "text/plain", "id = \"x\"\nname = 3\n").await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(v["ok"], false);
    assert!(
        v["errors"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["line"].is_u64() && e["column"].is_u64()),
        "{v}"
    );
    let (s, v) = post(
        "/api/spec/check",
        "application/json",
        serde_json::json!({"file": "g.toml", "text": "not toml = = ="}).to_string(),
    )
    .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(v["file"], "g.toml");
    assert_eq!(v["errors"][0]["line"], 1);
    let nato = include_str!("../../../treaties/nato.toml");
    let (s, v) = post("/api/spec/check", "text/plain", nato).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["kind"], "spec");
    assert_eq!(v["id"], "nato");
    let (s, v) = post("/api/spec/check", "application/json", "{\"text\": 1}").await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{v}");
    let (s, _, _) = send(
        Request::post("/api/spec/check")
            .body(Body::from(vec![0xff, 0xfe, 0x00]))
            .unwrap(),
    )
    .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn backtest_endpoint() {
    let (s, v) =
        get("/api/backtest?spec=nato&from=1949&to=2010&min_hostility=4&details=false").await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["schema"], "casus.backtest/1");
    let t = &v["treaties"][0];
    assert_eq!(t["id"], "nato");
    assert!(t["years"].as_array().unwrap().len() >= 60);
    for (uri, status) in [
        ("/api/backtest", 400),
        ("/api/backtest?spec=nato&min_hostility=9", 400),
        ("/api/backtest?spec=nato&from=2000&to=1990", 422),
        ("/api/backtest?spec=nope", 422),
        ("/api/backtest?spec=nato&source=tv", 400),
        ("/api/backtest?spec=a&spec=b&spec=c&spec=d&spec=e", 400),
    ] {
        let (s, v) = get(uri).await;
        assert_eq!(s.as_u16(), status, "{uri}: {v}");
    }
}

#[tokio::test]
async fn meta_endpoints() {
    let (s, v) = get("/api/health").await;
    assert_eq!((s, &v["ok"]), (StatusCode::OK, &Value::Bool(true)));
    let (_, v) = get("/api/states?date=1990-10-03").await;
    assert!(abbs(&v).contains(&"GMY".to_string()));
    assert_eq!(
        get("/api/states?date=yesterday").await.0,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let (_, v) = get("/api/incidents").await;
    assert!(
        v.as_array()
            .unwrap()
            .iter()
            .any(|i| i["id"] == "ukraine-2022"),
        "{v}"
    );
    let (_, m) = get("/api/map").await;
    let shapes = m["shapes"].as_array().unwrap();
    for c in [2, 200, 220, 369, 338] {
        assert!(
            shapes.iter().any(|s| s["ccode"] == c
                && (s["d"].as_str().unwrap().starts_with('M') || s["marker"].is_array())),
            "no shape for {c}"
        );
    }
    assert!(m["credit"].as_str().unwrap().contains("Natural Earth"));
    let (s, body, h) = send(
        Request::get("/api/openapi.yaml")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    assert!(h[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("application/yaml"));
    for path in [
        "/api/invoke",
        "/api/compare",
        "/api/treaties",
        "/api/backtest",
        "/api/spec/check",
        "/api/report",
    ] {
        assert!(
            body.contains(&format!("  {}:", path.trim_start_matches("/api"))),
            "openapi.yaml lacks {path}"
        );
    }
}

#[tokio::test]
async fn unknown_paths_and_methods() {
    let (s, v) = get("/api/nothing/here").await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert!(v["error"].as_str().unwrap().contains("/api/nothing/here"));
    let (s, _, _) = send(Request::delete("/api/invoke").body(Body::empty()).unwrap()).await;
    assert_eq!(s, StatusCode::METHOD_NOT_ALLOWED);
    let (s, _, _) = send(Request::get("/nothing").body(Body::empty()).unwrap()).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn front_end_is_served_from_the_binary() {
    for (path, ty, needle) in [
        ("/", "text/html", "app.js"),
        ("/app.js", "text/javascript", "pageScenario"),
        ("/style.css", "text/css", "data-strength"),
        ("/favicon.svg", "image/svg+xml", "<svg"),
    ] {
        let (s, body, h) = send(Request::get(path).body(Body::empty()).unwrap()).await;
        assert_eq!(s, StatusCode::OK, "{path}");
        assert!(
            h[header::CONTENT_TYPE].to_str().unwrap().starts_with(ty),
            "{path}"
        );
        assert!(h[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap()
            .contains("default-src 'self'"));
        assert!(body.contains(needle), "{path}");
        assert!(
            !body.contains("https://"),
            "{path} loads something from outside"
        );
    }
}

#[tokio::test]
async fn report_is_html() {
    let (s, body, h) = send(
        Request::get("/api/report?attacker=RUS&target=UKR&date=2025-09-01&spec=ukraine-b")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    assert!(h[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    assert!(body.starts_with("<!doctype html>"));
    assert!(!body.contains("<script"));
    assert!(body.contains("data-ccode=\"2\" data-strength=\"as-it-deems-necessary\""));
}

#[tokio::test]
async fn real_socket_on_port_0() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let server = tokio::spawn(std::future::IntoFuture::into_future(axum::serve(
        listener,
        app(state()),
    )));
    let out = tokio::task::spawn_blocking(move || {
        use std::io::{Read, Write};
        let mut sock = std::net::TcpStream::connect(addr).unwrap();
        sock.write_all(b"GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            .unwrap();
        let mut out = String::new();
        sock.read_to_string(&mut out).unwrap();
        out
    })
    .await
    .unwrap();
    assert!(out.starts_with("HTTP/1.1 200"), "{out}");
    assert!(out.contains("\"ok\":true"));
    server.abort();
}

#[tokio::test]
async fn invoke_with_forecast_adds_probabilities_and_without_it_nothing() {
    let q = "/api/invoke?attacker=RUS&target=UKR&date=2025-09-01&spec=ukraine-b";
    let (s, plain) = get(q).await;
    assert_eq!(s, StatusCode::OK);
    assert!(plain.get("forecast").is_none());
    let (s, v) = get(&format!("{q}&forecast=1")).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let f = &v["forecast"];
    assert_eq!(f["draws"], 10_000);
    let mut who = abbs(
        &f["obligors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["state"].clone())
            .collect::<Value>(),
    );
    who.sort();
    assert_eq!(who, ["FRN", "UKG", "USA"]);
    for o in f["obligors"].as_array().unwrap() {
        assert!((0.0..=1.0).contains(&o["p_fights"].as_f64().unwrap()));
    }
    // The same answer as a second request (same seed).
    let (_, again) = get(&format!("{q}&forecast=1")).await;
    assert_eq!(v["forecast"], again["forecast"]);
}

#[tokio::test]
async fn the_forecast_model_is_served() {
    let (s, v) = get("/api/forecast/model").await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["validation"]["wars"], 57);
    assert_eq!(v["validation"]["chosen"], "model");
}

#[tokio::test]
async fn the_calibration_plot_is_served_as_svg() {
    let (s, body, h) = send(
        Request::get("/api/forecast/calibration.svg")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(h[header::CONTENT_TYPE], "image/svg+xml");
    assert!(body.starts_with("<svg") && body.contains("<circle"));
}

#[tokio::test]
async fn compare_with_forecast_gives_one_forecast_per_variant() {
    let (s, v) = get("/api/compare?spec=ukraine-a&spec=ukraine-b&attacker=RUS&target=UKR&date=2025-09-01&forecast=true").await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["schema"], "casus.compare/1");
    let fs = v["forecasts"].as_array().unwrap();
    assert_eq!(fs.len(), 2);
    assert_eq!(fs[1]["spec"], "ukraine-b");
    assert_eq!(fs[1]["forecast"]["obligors"].as_array().unwrap().len(), 3);
}
