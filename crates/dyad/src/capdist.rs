//! `add_capital_distance()`: great-circle distance between capitals, in kilometres.

use crate::frame::{Column, Data, Frame, Unit, NONE};
use crate::join::{max_code, StateYearTable, CHUNK};
use casus_core::record::{Capital, Record};
use casus_core::Day;
use rayon::prelude::*;

/// Sphere radius of peacesciencer's distance: the WGS-84 equatorial radius, in metres.
pub const RADIUS_M: f64 = 6_378_137.0;

/// Great-circle distance in km between two (longitude, latitude) points in degrees: the
/// spherical Vincenty formula (as `geosphere::distVincentySphere`) on a sphere of
/// [`RADIUS_M`], divided by 1000.
pub fn vincenty_sphere_km(lon1: f64, lat1: f64, lon2: f64, lat2: f64) -> f64 {
    Point::new(lon1, lat1).distance_km(&Point::new(lon2, lat2))
}

/// A point with its trigonometry precomputed.
#[derive(Clone, Copy)]
struct Point {
    lon: f64,
    sin_lat: f64,
    cos_lat: f64,
}

impl Point {
    fn new(lon_deg: f64, lat_deg: f64) -> Point {
        let to_rad = std::f64::consts::PI / 180.0;
        let lat = lat_deg * to_rad;
        Point {
            lon: lon_deg * to_rad,
            sin_lat: lat.sin(),
            cos_lat: lat.cos(),
        }
    }

    fn distance_km(&self, o: &Point) -> f64 {
        let dlon = self.lon - o.lon;
        let (sd, cd) = dlon.sin_cos();
        let a = o.cos_lat * sd;
        let b = self.cos_lat * o.sin_lat - self.sin_lat * o.cos_lat * cd;
        let x = (a * a + b * b).sqrt();
        let y = self.sin_lat * o.sin_lat + self.cos_lat * o.cos_lat * cd;
        RADIUS_M * x.atan2(y) / 1000.0
    }
}

/// Dense (ccode, year) → capital record: the record covering the earliest day of the year
/// that any record covers (Jan 1 when covered), first record on a tie.
pub(crate) fn capital_table(caps: &[Capital], max_year: i16) -> StateYearTable<u32> {
    let codes: Vec<u16> = caps.iter().map(|c| c.ccode).collect();
    let y0 = caps.iter().map(|c| c.span.start.year()).min().unwrap_or(0) as i16;
    let y1 = caps.iter().map(|c| c.span.end.year()).max().unwrap_or(0) as i16;
    let mut t = StateYearTable::new(max_code(&codes), y0, y1.max(max_year), NONE);
    let mut best = StateYearTable::new(max_code(&codes), y0, y1.max(max_year), Day::MAX);
    for (r, c) in caps.iter().enumerate() {
        for y in c.span.start.year()..=c.span.end.year() {
            let first = c.span.start.max(Day::first_of_year(y));
            if first < best.get(c.ccode, y as i16) {
                best.set(c.ccode, y as i16, first);
                t.set(c.ccode, y as i16, r as u32);
            }
        }
    }
    t
}

/// The `capdist` column: NA when either state has no capital in the year.
pub(crate) fn capdist(frame: &Frame, rec: &Record) -> Vec<Column> {
    let caps = &rec.capitals;
    let pts: Vec<Point> = caps.iter().map(|c| Point::new(c.lng, c.lat)).collect();
    let year = &frame.keys.year[..];
    let table = capital_table(caps, frame.year_range().map_or(0, |r| r.1));
    let (c1, c2) = (&frame.keys.c1[..], &frame.keys.c2[..]);
    let dyads = matches!(frame.unit, Unit::DyadYear { .. });
    let n = frame.len();
    let mut vals = vec![0.0f64; n];
    let mut valid = vec![true; n];
    vals.par_chunks_mut(CHUNK)
        .zip(valid.par_chunks_mut(CHUNK))
        .enumerate()
        .for_each(|(ci, (v, m))| {
            let base = ci * CHUNK;
            // Capitals rarely move: reuse the last distance while the pair of records is the same.
            let mut last = (NONE, NONE, 0.0);
            for k in 0..v.len() {
                let (i, y) = (base + k, year[base + k]);
                let a = table.get(c1[i], y);
                let b = if dyads { table.get(c2[i], y) } else { NONE };
                if a == NONE || b == NONE {
                    m[k] = false;
                    continue;
                }
                if (a, b) != (last.0, last.1) {
                    last = (a, b, pts[a as usize].distance_km(&pts[b as usize]));
                }
                v[k] = last.2;
            }
        });
    let all = valid.iter().all(|&x| x);
    vec![Column::new(
        "capdist",
        Data::F64(vals, if all { None } else { Some(valid) }),
    )]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distance_is_zero_to_itself_and_symmetric_enough() {
        assert_eq!(vincenty_sphere_km(10.0, 50.0, 10.0, 50.0), 0.0);
        let d1 = vincenty_sphere_km(-77.0365427, 38.8950368, -75.6901106, 45.4208777);
        let d2 = vincenty_sphere_km(-75.6901106, 45.4208777, -77.0365427, 38.8950368);
        assert!((d1 - d2).abs() < 1e-9);
        // A quarter of the equator.
        let q = vincenty_sphere_km(0.0, 0.0, 90.0, 0.0);
        assert!((q - RADIUS_M * std::f64::consts::FRAC_PI_2 / 1000.0).abs() < 1e-9);
    }
}
