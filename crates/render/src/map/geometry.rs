//! Plane geometry of the map: the Natural Earth projection, the antimeridian, line
//! simplification and path numbers.

use super::WIDTH;

/// The Natural Earth projection (Šavrič et al. 2015), in radians, y up.
pub(super) fn natural_earth(lon: f64, lat: f64) -> (f64, f64) {
    let (l, p) = (lon.to_radians(), lat.to_radians());
    let (p2, p4) = (p * p, p * p * p * p);
    // d3's geoNaturalEarth1.
    let x = l * (0.8707 - 0.131979 * p2 + p4 * (-0.013791 + p4 * (0.003971 * p2 - 0.001529 * p4)));
    let y = p * (1.007226 + p2 * (0.015085 + p4 * (-0.044475 + 0.028874 * p2 - 0.005916 * p4)));
    (x, y)
}

/// Quantisation writes some points on the antimeridian as -180 next to points at +179.9
/// (Chukotka, Fiji): such a point takes the side of its neighbour, so no edge spans the map.
pub(super) fn unwrap_antimeridian(pts: &mut [(f64, f64)]) {
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
pub(super) fn split_at_antimeridian(q: &[(i64, i64)]) -> Vec<Vec<(i64, i64)>> {
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
pub(super) fn simplify(pts: &[(f64, f64)], tol: f64) -> Vec<(f64, f64)> {
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

/// Writes `v / 10` with at most one decimal.
pub(super) fn fmt_tenths(out: &mut String, v: i64) {
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
