//! Prints how long each part of loading the bundled record takes (a quick profile; the
//! criterion bench `load` is the measurement of record).
fn main() {
    let src = casus_data::DataSource::Bundled;
    for _ in 0..3 {
        let t = std::time::Instant::now();
        let r = casus_data::load_record(&src).unwrap();
        let cpu = cpu_time();
        println!(
            "load_record {:?} (process cpu so far {cpu:.3}s)",
            t.elapsed()
        );
        let t = std::time::Instant::now();
        let w = casus_core::World::from_record(r, &[]);
        println!("world {:?} {}", t.elapsed(), w.treaties.len());
    }
}

fn cpu_time() -> f64 {
    let s = std::fs::read_to_string("/proc/self/stat").unwrap();
    let f: Vec<&str> = s.rsplit(')').next().unwrap().split_whitespace().collect();
    (f[11].parse::<f64>().unwrap() + f[12].parse::<f64>().unwrap()) / 100.0
}
