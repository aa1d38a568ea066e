//! The world map: Natural Earth 1:50m country shapes (TopoJSON from world-atlas), projected
//! and simplified once at startup into SVG paths keyed by COW ccode.
//!
//! Pipeline: decode the quantised, delta-encoded arcs; project every arc with the Natural
//! Earth projection; simplify each arc (Douglas–Peucker, a fraction of a pixel, so shared
//! borders stay shared); assemble rings per country; join ISO 3166 numeric ids to COW
//! ccodes through the countrycode crosswalk. Dependent territories are drawn in their
//! sovereign's colour (Greenland with Denmark); a few shapes stand for an earlier state too
//! (Germany for West Germany until 1990, Czechia and Slovakia for Czechoslovakia until 1992).
//! States too small to see get a marker circle.

use casus_core::Ccode;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Where the shapes and the crosswalk come from, for the page footer and the report.
pub const CREDIT: &str = "Boundaries: Natural Earth 1:50m (public domain, naturalearthdata.com) via world-atlas 2.0.2 by Mike Bostock (ISC). \
COW–ISO crosswalk: countrycode (Arel-Bundock, Enevoldsen and Yetman 2018).";

/// Width of the map in SVG user units; the height follows from the projection.
pub const WIDTH: f64 = 960.0;
/// Southern edge (degrees): Antarctica is left out.
const SOUTH: f64 = -58.0;
/// Douglas–Peucker tolerance in SVG units.
const TOLERANCE: f64 = 0.35;
/// Shapes whose bounding box is smaller than this (in SVG units, both sides) get a marker.
const MARKER_BELOW: f64 = 2.5;

/// A state drawn on the map.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Shape {
    /// The COW state the shape belongs to today; `None` for shapes without a state
    /// (Western Sahara, Palestine, Siachen).
    pub ccode: Option<Ccode>,
    /// Earlier states the shape stands for, with the last year it does so.
    pub alt: Vec<Alt>,
    /// ISO 3166-1 numeric id of the shape (absent for a few Natural Earth shapes).
    pub iso3n: Option<u16>,
    /// Natural Earth's name of the shape.
    pub name: String,
    /// A dependent territory drawn in its sovereign's colour.
    pub territory: bool,
    /// SVG path data.
    pub d: String,
    /// Centre of a marker circle for states too small to see.
    pub marker: Option<[f64; 2]>,
    /// Centre of the bounding box of the largest ring (for labels).
    pub centre: [f64; 2],
}

/// An earlier state a shape stands for, up to and including `until` (a year).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Alt {
    pub ccode: Ccode,
    pub until: i32,
}

impl Shape {
    /// The state the shape stands for in `year`, if it is one of `wanted` (the shape's own
    /// ccode, or an earlier state it covered then).
    pub fn stands_for(&self, year: i32, wanted: impl Fn(Ccode) -> bool) -> Option<Ccode> {
        if let Some(c) = self.ccode.filter(|&c| wanted(c)) {
            return Some(c);
        }
        self.alt
            .iter()
            .find(|a| year <= a.until && wanted(a.ccode))
            .map(|a| a.ccode)
    }
}

/// The projected map.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Map {
    pub width: f64,
    pub height: f64,
    pub credit: &'static str,
    pub shapes: Vec<Shape>,
}

/// Why the map could not be built (a damaged data file).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum MapError {
    #[error("countries-50m.json: {0}")]
    Topology(String),
    #[error("codelist.csv: {0}")]
    Codelist(String),
}

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

/// Dependent territories (ISO numeric) and the COW state whose colour they take.
const TERRITORIES: &[(u16, Ccode)] = &[
    // United States
    (580, 2),
    (850, 2),
    (316, 2),
    (16, 2),
    (630, 2),
    // United Kingdom
    (239, 200),
    (86, 200),
    (654, 200),
    (612, 200),
    (660, 200),
    (238, 200),
    (136, 200),
    (60, 200),
    (92, 200),
    (796, 200),
    (500, 200),
    (832, 200),
    (831, 200),
    (833, 200),
    // Netherlands
    (533, 210),
    (531, 210),
    (534, 210),
    // France
    (666, 220),
    (876, 220),
    (663, 220),
    (652, 220),
    (258, 220),
    (540, 220),
    (260, 220),
    // Finland (Åland), Denmark (Greenland, Faroe)
    (248, 375),
    (304, 390),
    (234, 390),
    // China (Macao, Hong Kong)
    (446, 710),
    (344, 710),
    // Australia, New Zealand
    (334, 900),
    (574, 900),
    (570, 920),
    (184, 920),
];

/// Shapes whose state is not in the crosswalk (ISO numeric → COW).
const EXTRA: &[(u16, Ccode)] = &[
    // Serbia: ATOP and COW keep 345 (Yugoslavia) for Serbia after 2006.
    (688, 345),
];

/// Shapes named, not numbered, by Natural Earth (no ISO id): (name, COW, territory).
const BY_NAME: &[(&str, Ccode, bool)] = &[
    ("Kosovo", 347, false),
    ("N. Cyprus", 352, true),
    ("Somaliland", 520, true),
];

/// Earlier states that a present-day shape stands for: (COW of the shape, earlier COW, last year).
const EARLIER: &[(Ccode, Ccode, i32)] = &[
    (255, 260, 1990), // Germany for the German Federal Republic
    (316, 315, 1992), // Czechia and Slovakia for Czechoslovakia
    (317, 315, 1992),
    (344, 345, 1991), // the Yugoslav republics for Yugoslavia
    (349, 345, 1991),
    (346, 345, 1991),
    (343, 345, 1991),
    (341, 345, 2005),
    (347, 345, 2007),
    (679, 678, 1990), // Yemen for North and South Yemen
    (679, 680, 1990),
    (816, 817, 1975), // Vietnam for the Republic of Vietnam
    (771, 770, 1971), // Bangladesh for Pakistan
    (531, 530, 1992), // Eritrea for Ethiopia
    (626, 625, 2010), // South Sudan for Sudan
    // The Soviet republics for the Soviet Union (COW 365 throughout)
    (366, 365, 1990),
    (367, 365, 1990),
    (368, 365, 1990),
    (369, 365, 1990),
    (370, 365, 1990),
    (359, 365, 1990),
    (371, 365, 1990),
    (372, 365, 1990),
    (373, 365, 1990),
    (701, 365, 1990),
    (702, 365, 1990),
    (703, 365, 1990),
    (704, 365, 1990),
    (705, 365, 1990),
];

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

/// The Natural Earth projection (Šavrič et al. 2015), in radians, y up.
fn natural_earth(lon: f64, lat: f64) -> (f64, f64) {
    let (l, p) = (lon.to_radians(), lat.to_radians());
    let (p2, p4) = (p * p, p * p * p * p);
    // d3's geoNaturalEarth1.
    let x = l * (0.8707 - 0.131979 * p2 + p4 * (-0.013791 + p4 * (0.003971 * p2 - 0.001529 * p4)));
    let y = p * (1.007226 + p2 * (0.015085 + p4 * (-0.044475 + 0.028874 * p2 - 0.005916 * p4)));
    (x, y)
}

/// Quantisation writes some points on the antimeridian as -180 next to points at +179.9
/// (Chukotka, Fiji): such a point takes the side of its neighbour, so no edge spans the map.
fn unwrap_antimeridian(pts: &mut [(f64, f64)]) {
    let on_edge = |lon: f64| (lon.abs() - 180.0).abs() < 1e-6;
    for i in 0..pts.len() {
        if !on_edge(pts[i].0) {
            continue;
        }
        let side = if i > 0 {
            Some(pts[i - 1].0)
        } else {
            pts.iter().map(|p| p.0).find(|&l| !on_edge(l))
        };
        if let Some(side) = side {
            pts[i].0 = 180f64.copysign(side);
        }
    }
}

/// Splits a closed ring (points in tenths of SVG units) where it jumps across the map (a
/// ring across the antimeridian, like Wrangel Island's): the ring is rotated to start after
/// the first jump, and each run between jumps becomes its own closed piece along the edge.
/// A ring without jumps comes back whole.
fn split_at_antimeridian(q: &[(i64, i64)]) -> Vec<Vec<(i64, i64)>> {
    let far = (WIDTH * 5.0) as i64; // half the width, in tenths
    let n = q.len();
    let jumps: Vec<usize> = (0..n)
        .filter(|&i| n > 1 && (q[(i + 1) % n].0 - q[i].0).abs() > far)
        .collect();
    let Some(&first) = jumps.first() else {
        return vec![q.to_vec()];
    };
    let mut pieces = vec![Vec::new()];
    for k in 1..=n {
        let i = (first + k) % n;
        pieces.last_mut().expect("one piece").push(q[i]);
        if jumps.contains(&i) && k < n {
            pieces.push(Vec::new());
        }
    }
    pieces.sort_by_key(|p| std::cmp::Reverse(p.len()));
    pieces
}

/// Squared distance of `p` from the segment `a`–`b`.
fn seg_dist2(p: (f64, f64), a: (f64, f64), b: (f64, f64)) -> f64 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len2 = dx * dx + dy * dy;
    let t = if len2 == 0.0 {
        0.0
    } else {
        (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / len2).clamp(0.0, 1.0)
    };
    let (x, y) = (a.0 + t * dx - p.0, a.1 + t * dy - p.1);
    x * x + y * y
}

/// Douglas–Peucker: keeps the end points and every point farther than `tol` from the line.
fn simplify(pts: &[(f64, f64)], tol: f64) -> Vec<(f64, f64)> {
    if pts.len() <= 2 {
        return pts.to_vec();
    }
    let mut keep = vec![false; pts.len()];
    keep[0] = true;
    keep[pts.len() - 1] = true;
    let mut stack = vec![(0, pts.len() - 1)];
    let tol2 = tol * tol;
    while let Some((a, b)) = stack.pop() {
        let mut best = (0.0, 0);
        for i in a + 1..b {
            let d = seg_dist2(pts[i], pts[a], pts[b]);
            if d > best.0 {
                best = (d, i);
            }
        }
        if best.0 > tol2 {
            keep[best.1] = true;
            stack.push((a, best.1));
            stack.push((best.1, b));
        }
    }
    pts.iter()
        .zip(keep)
        .filter(|(_, k)| *k)
        .map(|(p, _)| *p)
        .collect()
}

impl Map {
    /// Builds the map from the TopoJSON text of world-atlas `countries-50m.json` and the
    /// countrycode `codelist.csv`.
    pub fn build(topojson: &[u8], codelist: &[u8]) -> Result<Map, MapError> {
        let topo: Topology =
            serde_json::from_slice(topojson).map_err(|e| MapError::Topology(e.to_string()))?;
        let cross = crosswalk(codelist)?;
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
        // Decode, project and simplify every arc once.
        let arcs: Vec<Vec<(f64, f64)>> = topo
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
                let pts: Vec<(f64, f64)> =
                    lonlat.iter().map(|&(lon, lat)| project(lon, lat)).collect();
                simplify(&pts, TOLERANCE)
            })
            .collect();
        let ring = |idx: &[i64]| -> Result<Vec<(f64, f64)>, MapError> {
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
        };
        let mut shapes = Vec::new();
        for g in topo.objects.countries.geometries {
            let iso3n = g.id.as_deref().and_then(|s| s.parse::<u16>().ok());
            if iso3n == Some(10) {
                continue; // Antarctica
            }
            let polys: Vec<Vec<Vec<i64>>> = match g.kind.as_str() {
                "Polygon" => vec![serde_json::from_value(g.arcs)
                    .map_err(|e| MapError::Topology(e.to_string()))?],
                "MultiPolygon" => {
                    serde_json::from_value(g.arcs).map_err(|e| MapError::Topology(e.to_string()))?
                }
                _ => continue,
            };
            let (ccode, territory) = match iso3n {
                Some(i) => match TERRITORIES.iter().find(|t| t.0 == i) {
                    Some(t) => (Some(t.1), true),
                    None => (cross.get(&i).copied(), false),
                },
                None => BY_NAME
                    .iter()
                    .find(|b| b.0 == g.properties.name)
                    .map_or((None, false), |b| (Some(b.1), b.2)),
            };
            let mut d = String::new();
            let mut bbox = [f64::MAX, f64::MAX, f64::MIN, f64::MIN];
            let mut best = (0.0, [0.0, 0.0]);
            for poly in &polys {
                for (ri, idx) in poly.iter().enumerate() {
                    let pts = ring(idx)?;
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
                    let rb =
                        main.iter()
                            .fold([f64::MAX, f64::MAX, f64::MIN, f64::MIN], |b, &(x, y)| {
                                let (x, y) = (x as f64 / 10.0, y as f64 / 10.0);
                                [b[0].min(x), b[1].min(y), b[2].max(x), b[3].max(y)]
                            });
                    let n = pieces.iter().map(Vec::len).max().unwrap_or(0);
                    if n < 3 {
                        // Too small to draw; the bounding box still counts for the marker.
                        if ri == 0 && !main.is_empty() {
                            bbox = [
                                bbox[0].min(rb[0]),
                                bbox[1].min(rb[1]),
                                bbox[2].max(rb[2]),
                                bbox[3].max(rb[3]),
                            ];
                        }
                        continue;
                    }
                    let mut part = String::new();
                    for piece in pieces.iter().filter(|p| p.len() >= 3) {
                        for (i, &(x, y)) in piece.iter().enumerate() {
                            part.push(if i == 0 { 'M' } else { ' ' });
                            fmt_tenths(&mut part, x);
                            part.push(',');
                            fmt_tenths(&mut part, y);
                        }
                        part.push('Z');
                    }
                    d.push_str(&part);
                    if ri == 0 {
                        bbox = [
                            bbox[0].min(rb[0]),
                            bbox[1].min(rb[1]),
                            bbox[2].max(rb[2]),
                            bbox[3].max(rb[3]),
                        ];
                        let area = (rb[2] - rb[0]) * (rb[3] - rb[1]);
                        if area > best.0 {
                            best = (area, [(rb[0] + rb[2]) / 2.0, (rb[1] + rb[3]) / 2.0]);
                        }
                    }
                }
            }
            if bbox[0] > bbox[2] {
                continue;
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
            shapes.push(Shape {
                ccode,
                alt,
                iso3n,
                name: g.properties.name,
                territory,
                d,
                marker: (small && ccode.is_some() && !territory)
                    .then(|| [round(centre[0]), round(centre[1])]),
                centre: [round(centre[0]), round(centre[1])],
            });
        }
        Ok(Map {
            width: WIDTH,
            height,
            credit: CREDIT,
            shapes,
        })
    }

    /// Builds the map from a data source (the bundled copy or a data directory with `raw/`).
    pub fn load(src: &casus_data::DataSource) -> anyhow::Result<Map> {
        let topo = src.read("raw/countries-50m.json")?;
        let codes = src.read("raw/codelist.csv")?;
        Ok(Map::build(&topo, &codes)?)
    }

    /// The shape that stands for `ccode` (the largest, if several), for labels.
    pub fn centre_of(&self, ccode: Ccode, year: i32) -> Option<[f64; 2]> {
        self.shapes
            .iter()
            .filter(|s| !s.territory)
            .find(|s| s.stands_for(year, |c| c == ccode).is_some())
            .map(|s| s.centre)
    }
}

/// Writes `v / 10` with at most one decimal.
fn fmt_tenths(out: &mut String, v: i64) {
    use std::fmt::Write;
    let (sign, a) = if v < 0 { ("-", -v) } else { ("", v) };
    if a % 10 == 0 {
        let _ = write!(out, "{sign}{}", a / 10);
    } else {
        let _ = write!(out, "{sign}{}.{}", a / 10, a % 10);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simplify_keeps_ends_and_corners() {
        let pts = [(0.0, 0.0), (1.0, 0.01), (2.0, 0.0), (2.0, 5.0)];
        assert_eq!(
            simplify(&pts, 0.1),
            vec![(0.0, 0.0), (2.0, 0.0), (2.0, 5.0)]
        );
    }

    #[test]
    fn antimeridian_points_follow_their_neighbour() {
        let mut pts = [(179.9, 65.0), (-180.0, 65.1), (-180.0, 66.0), (179.8, 66.0)];
        unwrap_antimeridian(&mut pts);
        assert_eq!(pts.map(|p| p.0), [179.9, 180.0, 180.0, 179.8]);
    }

    #[test]
    fn rings_across_the_antimeridian_are_split() {
        let q = [(10, 0), (9590, 0), (9590, 10), (10, 10), (20, 5)];
        let p = split_at_antimeridian(&q);
        assert_eq!(
            p,
            vec![
                vec![(10, 10), (20, 5), (10, 0)],
                vec![(9590, 0), (9590, 10)]
            ]
        );
        assert_eq!(split_at_antimeridian(&[(1, 1), (2, 2), (3, 1)]).len(), 1);
    }

    #[test]
    fn tenths() {
        let mut s = String::new();
        for v in [0, 5, -5, 120, -123] {
            fmt_tenths(&mut s, v);
            s.push(' ');
        }
        assert_eq!(s, "0 0.5 -0.5 12 -12.3 ");
    }

    #[test]
    fn projection_is_symmetric_and_north_up() {
        let (x, y) = natural_earth(180.0, 0.0);
        let (x2, _) = natural_earth(-180.0, 0.0);
        assert!((x + x2).abs() < 1e-12 && y == 0.0);
        assert!(natural_earth(0.0, 60.0).1 > natural_earth(0.0, 30.0).1);
    }
}
