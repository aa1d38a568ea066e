fn main() {
    let t = std::time::Instant::now();
    let m = casus_server::map::Map::load(&casus_data::DataSource::Bundled).unwrap();
    let bytes: usize = m.shapes.iter().map(|s| s.d.len()).sum();
    println!(
        "map {:?} shapes {} path bytes {} markers {}",
        t.elapsed(),
        m.shapes.len(),
        bytes,
        m.shapes.iter().filter(|s| s.marker.is_some()).count()
    );
    println!(
        "no ccode: {:?}",
        m.shapes
            .iter()
            .filter(|s| s.ccode.is_none())
            .map(|s| &s.name)
            .collect::<Vec<_>>()
    );
    let mut svg = format!("<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {} {}' width='{}' height='{}'><rect width='100%' height='100%' fill='#dde'/>", m.width, m.height, m.width, m.height);
    for s in &m.shapes {
        svg.push_str(&format!(
            "<path d='{}' fill='{}' stroke='#fff' stroke-width='0.3'/>",
            s.d,
            if s.territory { "#9a9" } else { "#bbb" }
        ));
        if let Some(c) = s.marker {
            svg.push_str(&format!(
                "<circle cx='{}' cy='{}' r='2' fill='red'/>",
                c[0], c[1]
            ));
        }
    }
    svg.push_str("</svg>");
    std::fs::write("/tmp/map.svg", svg).unwrap();
}
