//! End-to-end: the real pages in headless Chromium, driven over WebDriver (chromedriver).
//!
//! Needs the Debian packages `chromium` and `chromium-driver` (`.ci/run` installs them):
//! without them this test FAILS and says how to install them. Screenshots go to
//! `target/e2e/` (not the repository).

use casus_server::{app, map::Map, AppState, Config};
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

const CHROMIUM: &str = "/usr/bin/chromium";

fn which(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|p| {
        std::env::split_paths(&p)
            .map(|d| d.join(name))
            .find(|f| f.is_file())
    })
}

/// chromedriver on a free port, killed when dropped.
struct Driver {
    child: Child,
    port: u16,
    profile: tempfile::TempDir,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_driver() -> Driver {
    let Some(driver) = which("chromedriver") else {
        panic!("chromedriver is not installed: the browser tests need Debian's `chromium` and `chromium-driver` (as root: apt-get install -y chromium chromium-driver; .ci/run does this)");
    };
    assert!(
        std::path::Path::new(CHROMIUM).is_file() || which("chromium").is_some(),
        "chromium is not installed: apt-get install -y chromium chromium-driver"
    );
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new(driver)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("starting chromedriver");
    // From here on, Drop kills and reaps the driver, whatever happens.
    let d = Driver {
        child,
        port,
        profile: tempfile::tempdir().unwrap(),
    };
    for _ in 0..100 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return d;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("chromedriver did not listen on port {port} within 10 s");
}

async fn browser(d: &Driver) -> Client {
    let binary = if std::path::Path::new(CHROMIUM).is_file() {
        CHROMIUM.to_string()
    } else {
        which("chromium").unwrap().display().to_string()
    };
    let caps = json!({
        "browserName": "chrome",
        "goog:chromeOptions": {
            "binary": binary,
            "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1700",
                format!("--user-data-dir={}", d.profile.path().display()),
            ]
        }
    });
    let Value::Object(caps) = caps else {
        unreachable!()
    };
    ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{}", d.port))
        .await
        .expect("a WebDriver session with headless Chromium")
}

fn shot_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/e2e");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

async fn strength(c: &Client, abb: &str) -> Value {
    c.execute("const p = document.querySelector(`svg.map [data-abb='${arguments[0]}']`); return p ? p.getAttribute('data-strength') : 'no such path';", vec![json!(abb)])
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn scenario_and_compare_pages_in_chromium() {
    let driver = start_driver();
    let src = casus_data::DataSource::Bundled;
    let world = casus_app::with_library(casus_data::load_world(&src).unwrap()).unwrap();
    let state = AppState::new(world, Map::load(&src).unwrap(), Config::default());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let server = tokio::spawn(std::future::IntoFuture::into_future(axum::serve(
        listener,
        app(state),
    )));

    let c = browser(&driver).await;
    let wait = Duration::from_secs(60);

    // Scenario: Russia attacks Ukraine, variant (b).
    c.goto(&format!("{base}/#/scenario")).await.unwrap();
    let attacker = c
        .wait()
        .at_most(wait)
        .for_element(Locator::Css("#f-attacker"))
        .await
        .unwrap();
    attacker.send_keys("RUS").await.unwrap();
    c.find(Locator::Css("#f-target"))
        .await
        .unwrap()
        .send_keys("UKR")
        .await
        .unwrap();
    c.execute(
        "document.getElementById('f-date').value = '2025-09-01';",
        vec![],
    )
    .await
    .unwrap();
    c.find(Locator::Css("#spec-ukraine-b"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.find(Locator::Css("#run"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait()
        .at_most(wait)
        .for_element(Locator::Css("svg.map [data-abb='USA'][data-strength]"))
        .await
        .expect("the map is coloured");
    for abb in ["USA", "UKG", "FRN"] {
        assert_eq!(
            strength(&c, abb).await,
            json!("as-it-deems-necessary"),
            "{abb}"
        );
    }
    assert_eq!(strength(&c, "UKR").await, json!("target"));
    assert_eq!(strength(&c, "RUS").await, json!("attacker"));
    let url = c.current_url().await.unwrap().to_string();
    assert!(
        url.contains("attacker=RUS")
            && url.contains("target=UKR")
            && url.contains("spec=ukraine-b"),
        "the URL encodes the scenario: {url}"
    );
    let counts = c
        .find(Locator::Css("#counts"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(counts.contains("obligations triggered"), "{counts}");
    assert!(
        c.find(Locator::Css("svg.net")).await.is_ok()
            && c.find(Locator::Css("svg.bars")).await.is_ok()
    );
    assert!(
        c.find_all(Locator::Css("table.trace-table tbody tr"))
            .await
            .unwrap()
            .len()
            > 5
    );
    std::fs::write(
        shot_dir().join("scenario-rus-ukr-b.png"),
        c.screenshot().await.unwrap(),
    )
    .unwrap();

    // The shared URL reproduces the scenario in a fresh page load.
    c.goto(&url).await.unwrap();
    c.refresh().await.unwrap();
    c.wait()
        .at_most(wait)
        .for_element(Locator::Css("svg.map [data-abb='FRN'][data-strength]"))
        .await
        .unwrap();
    assert_eq!(strength(&c, "FRN").await, json!("as-it-deems-necessary"));

    // Compare: the four Ukraine variants side by side.
    c.goto(&format!("{base}/#/compare?attacker=RUS&target=UKR&date=2025-09-01&spec=ukraine-a&spec=ukraine-b&spec=ukraine-c&spec=ukraine-d")).await.unwrap();
    c.wait()
        .at_most(wait)
        .for_element(Locator::Css("#compare-table tr[data-spec='ukraine-d']"))
        .await
        .expect("the compare table");
    let rows = c
        .find_all(Locator::Css("#compare-table tbody tr"))
        .await
        .unwrap();
    assert_eq!(rows.len(), 4);
    let row_b = c
        .find(Locator::Css("#compare-table tr[data-spec='ukraine-b']"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(row_b.contains("USA UKG FRN"), "{row_b}");
    assert_eq!(
        c.find_all(Locator::Css("[data-variant] svg.map"))
            .await
            .unwrap()
            .len(),
        4
    );
    std::fs::write(
        shot_dir().join("compare-ukraine.png"),
        c.screenshot().await.unwrap(),
    )
    .unwrap();

    // Treaties: NATO's page with its members over time.
    c.goto(&format!("{base}/#/treaty/nato")).await.unwrap();
    let title = c
        .wait()
        .at_most(wait)
        .for_element(Locator::Css("#treaty-title"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(title.contains("North Atlantic"), "{title}");
    assert!(
        c.find_all(Locator::Css("svg.timeline rect.bar"))
            .await
            .unwrap()
            .len()
            >= 32
    );

    c.close().await.unwrap();
    server.abort();
}
