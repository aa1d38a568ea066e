//! Building the map from world-atlas TopoJSON: decode and project the arcs once, assemble
//! each country's rings into SVG path data, and key every shape by COW ccode.

use super::geometry::{
    fmt_tenths, natural_earth, simplify, split_at_antimeridian, unwrap_antimeridian,
};
use super::{
    Alt, Map, MapError, Shape, BY_NAME, CREDIT, EARLIER, EXTRA, MARKER_BELOW, SOUTH, TERRITORIES,
    TOLERANCE, WIDTH,
};
use casus_core::Ccode;
use serde::Deserialize;
use std::collections::HashMap;

#[derive(Deserialize)]
struct Topology {
    arcs: Vec<Vec<[i64; 2]>>,
    transform: Transform,
    objects: Objects,
}

#[derive(Deserialize)]
struct Transform {
    scale: [f64; 2],
    translate: [f64; 2],
}

#[derive(Deserialize)]
struct Objects {
    countries: Collection,
}

#[derive(Deserialize)]
struct Collection {
    geometries: Vec<Geometry>,
}

#[derive(Deserialize)]
struct Geometry {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    arcs: serde_json::Value,
    id: Option<String>,
    #[serde(default)]
    properties: Props,
}

#[derive(Deserialize, Default)]
struct Props {
    #[serde(default)]
    name: String,
}

/// ISO numeric → COW ccode from the countrycode crosswalk (`iso3n`, `cown` columns).
fn crosswalk(codelist: &[u8]) -> Result<HashMap<u16, Ccode>, MapError> {
    let err = |m: String| MapError::Codelist(m);
    let mut rd = csv::Reader::from_reader(codelist);
    let headers = rd.headers().map_err(|e| err(e.to_string()))?.clone();
    let col = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| err(format!("no column `{name}`")))
    };
    let (iso, cow) = (col("iso3n")?, col("cown")?);
    let mut out = HashMap::new();
    for rec in rd.records() {
        let rec = rec.map_err(|e| err(e.to_string()))?;
        let num = |i: usize| {
            rec.get(i)
                .and_then(|v| v.trim().parse::<f64>().ok())
                .map(|v| v as i64)
        };
        if let (Some(i), Some(c)) = (num(iso), num(cow)) {
            if let (Ok(i), Ok(c)) = (u16::try_from(i), Ccode::try_from(c)) {
                out.insert(i, c);
            }
        }
    }
    for &(i, c) in EXTRA {
        out.insert(i, c);
    }
    Ok(out)
}

/// Projected, simplified arcs in SVG units.
type Arcs = Vec<Vec<(f64, f64)>>;

/// A bounding box: min x, min y, max x, max y.
type BBox = [f64; 4];

const EMPTY: BBox = [f64::MAX, f64::MAX, f64::MIN, f64::MIN];

fn union(a: BBox, b: BBox) -> BBox {
    [
        a[0].min(b[0]),
        a[1].min(b[1]),
        a[2].max(b[2]),
        a[3].max(b[3]),
    ]
}

/// Builds the map from the TopoJSON text and the crosswalk CSV.
pub(super) fn build(topojson: &[u8], codelist: &[u8]) -> Result<Map, MapError> {
    let topo: Topology =
        serde_json::from_slice(topojson).map_err(|e| MapError::Topology(e.to_string()))?;
    let cross = crosswalk(codelist)?;
    let (arcs, height) = project_arcs(&topo);
    let mut shapes = Vec::new();
    for g in topo.objects.countries.geometries {
        if let Some(s) = shape(g, &cross, &arcs)? {
            shapes.push(s);
        }
    }
    Ok(Map {
        width: WIDTH,
        height,
        credit: CREDIT,
        shapes,
    })
}

/// Decodes, projects and simplifies every arc once; returns them with the map's height.
fn project_arcs(topo: &Topology) -> (Arcs, f64) {
    let (sx, sy) = (topo.transform.scale, topo.transform.translate);
    // Scale: the full longitude range fills WIDTH; the top is the north pole.
    let (xmax, _) = natural_earth(180.0, 0.0);
    let (_, ytop) = natural_earth(0.0, 90.0);
    let (_, ybottom) = natural_earth(0.0, SOUTH);
    let k = WIDTH / (2.0 * xmax);
    let height = ((ytop - ybottom) * k).ceil();
    let project = |lon: f64, lat: f64| {
        let (x, y) = natural_earth(lon, lat.max(SOUTH - 2.0));
        ((x + xmax) * k, (ytop - y) * k)
    };
    let arcs = topo
        .arcs
        .iter()
        .map(|arc| {
            let (mut x, mut y) = (0i64, 0i64);
            let mut lonlat: Vec<(f64, f64)> = arc
                .iter()
                .map(|d| {
                    x += d[0];
                    y += d[1];
                    (x as f64 * sx[0] + sy[0], y as f64 * sx[1] + sy[1])
                })
                .collect();
            unwrap_antimeridian(&mut lonlat);
            let pts: Vec<(f64, f64)> = lonlat.iter().map(|&(lon, lat)| project(lon, lat)).collect();
            simplify(&pts, TOLERANCE)
        })
        .collect();
    (arcs, height)
}

/// The points of a ring given by arc indices (a negative index is arc `!i` reversed).
fn ring(arcs: &Arcs, idx: &[i64]) -> Result<Vec<(f64, f64)>, MapError> {
    let mut out: Vec<(f64, f64)> = Vec::new();
    for &i in idx {
        let (n, rev) = if i >= 0 {
            (i as usize, false)
        } else {
            ((!i) as usize, true)
        };
        let arc = arcs
            .get(n)
            .ok_or_else(|| MapError::Topology(format!("arc {i} out of range")))?;
        let mut pts: Vec<(f64, f64)> = arc.clone();
        if rev {
            pts.reverse();
        }
        let skip = usize::from(!out.is_empty());
        out.extend(pts.into_iter().skip(skip));
    }
    Ok(out)
}

/// A country's drawing: path data, the bounding box of its outer rings, and the centre of
/// the largest outer ring (area 0 when none was drawn).
struct Outline {
    d: String,
    bbox: BBox,
    best: (f64, [f64; 2]),
}

/// Draws every ring of the polygons.
fn outline(polys: &[Vec<Vec<i64>>], arcs: &Arcs) -> Result<Outline, MapError> {
    let mut o = Outline {
        d: String::new(),
        bbox: EMPTY,
        best: (0.0, [0.0, 0.0]),
    };
    for poly in polys {
        for (ri, idx) in poly.iter().enumerate() {
            let pts = ring(arcs, idx)?;
            // Rounded to tenths, consecutive duplicates dropped.
            let mut q: Vec<(i64, i64)> = Vec::with_capacity(pts.len());
            for &(x, y) in &pts {
                let p = ((x * 10.0).round() as i64, (y * 10.0).round() as i64);
                if q.last() != Some(&p) {
                    q.push(p);
                }
            }
            if q.len() > 1 && q.first() == q.last() {
                q.pop();
            }
            let pieces = split_at_antimeridian(&q);
            let main = &pieces[0];
            let rb = main.iter().fold(EMPTY, |b, &(x, y)| {
                let (x, y) = (x as f64 / 10.0, y as f64 / 10.0);
                [b[0].min(x), b[1].min(y), b[2].max(x), b[3].max(y)]
            });
            let n = pieces.iter().map(Vec::len).max().unwrap_or(0);
            if n < 3 {
                // Too small to draw; the bounding box still counts for the marker.
                if ri == 0 && !main.is_empty() {
                    o.bbox = union(o.bbox, rb);
                }
                continue;
            }
            for piece in pieces.iter().filter(|p| p.len() >= 3) {
                for (i, &(x, y)) in piece.iter().enumerate() {
                    o.d.push(if i == 0 { 'M' } else { ' ' });
                    fmt_tenths(&mut o.d, x);
                    o.d.push(',');
                    fmt_tenths(&mut o.d, y);
                }
                o.d.push('Z');
            }
            if ri == 0 {
                o.bbox = union(o.bbox, rb);
                let area = (rb[2] - rb[0]) * (rb[3] - rb[1]);
                if area > o.best.0 {
                    o.best = (area, [(rb[0] + rb[2]) / 2.0, (rb[1] + rb[3]) / 2.0]);
                }
            }
        }
    }
    Ok(o)
}

/// The COW state of a shape, and whether it is a dependent territory.
fn state_of(iso3n: Option<u16>, name: &str, cross: &HashMap<u16, Ccode>) -> (Option<Ccode>, bool) {
    match iso3n {
        Some(i) => match TERRITORIES.iter().find(|t| t.0 == i) {
            Some(t) => (Some(t.1), true),
            None => (cross.get(&i).copied(), false),
        },
        None => BY_NAME
            .iter()
            .find(|b| b.0 == name)
            .map_or((None, false), |b| (Some(b.1), b.2)),
    }
}

/// One country's shape; `None` for Antarctica, non-polygons and shapes too small to draw.
fn shape(g: Geometry, cross: &HashMap<u16, Ccode>, arcs: &Arcs) -> Result<Option<Shape>, MapError> {
    let iso3n = g.id.as_deref().and_then(|s| s.parse::<u16>().ok());
    if iso3n == Some(10) {
        return Ok(None); // Antarctica
    }
    let polys: Vec<Vec<Vec<i64>>> = match g.kind.as_str() {
        "Polygon" => {
            vec![serde_json::from_value(g.arcs).map_err(|e| MapError::Topology(e.to_string()))?]
        }
        "MultiPolygon" => {
            serde_json::from_value(g.arcs).map_err(|e| MapError::Topology(e.to_string()))?
        }
        _ => return Ok(None),
    };
    let (ccode, territory) = state_of(iso3n, &g.properties.name, cross);
    let Outline { d, bbox, best } = outline(&polys, arcs)?;
    if bbox[0] > bbox[2] {
        return Ok(None);
    }
    let small = (bbox[2] - bbox[0]).max(bbox[3] - bbox[1]) < MARKER_BELOW;
    let centre = if best.0 > 0.0 {
        best.1
    } else {
        [(bbox[0] + bbox[2]) / 2.0, (bbox[1] + bbox[3]) / 2.0]
    };
    let round = |v: f64| (v * 10.0).round() / 10.0;
    let alt = ccode
        .map(|c| {
            EARLIER
                .iter()
                .filter(|e| e.0 == c)
                .map(|e| Alt {
                    ccode: e.1,
                    until: e.2,
                })
                .collect()
        })
        .unwrap_or_default();
    Ok(Some(Shape {
        ccode,
        alt,
        iso3n,
        name: g.properties.name,
        territory,
        d,
        marker: (small && ccode.is_some() && !territory)
            .then(|| [round(centre[0]), round(centre[1])]),
        centre: [round(centre[0]), round(centre[1])],
    }))
}
