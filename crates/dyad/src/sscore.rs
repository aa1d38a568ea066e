//! Foreign-policy similarity of alliance portfolios for every dyad-year (`--with sscore`)
//! and per ATOP alliance (`casus similarity`).
//!
//! For each year, every system member's portfolio is its vector of tie codes towards all
//! system members (itself coded as the maximum). The arithmetic (S, π, κ, τ-b) is
//! `casus-similarity`'s; this module builds the portfolios from the alliance dyad-years and
//! maps the results onto frame rows. Formulas and codings: `docs/similarity.md`.

use crate::frame::{Column, Data, Frame, Unit};
use crate::steps::nmc_table;
use crate::system::SystemYears;
use crate::{DyadError, Progress};
use casus_core::record::{obligation_bits as ob, DyadFlags, Record};
use casus_similarity::{Distance, Portfolio, Table, Weights, BINARY_MAX, SR_MAX};
use rayon::prelude::*;

/// Which alliance data the portfolios come from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PortfolioSource {
    /// ATOP 5.1 directed dyad-years (1815–2018).
    #[default]
    Atop,
    /// COW formal alliances 4.1 dyad-years (1816–2012).
    Cow,
}

/// For directed alliance data, what state i's entry for member k is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TieDirection {
    /// What k pledged to i.
    Received,
    /// What i pledged to k.
    Sent,
    /// Either direction (the highest code of the two).
    #[default]
    Undirected,
}

/// How obligations become tie codes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TieCoding {
    /// Highest type: defence/offence 3; neutrality or non-aggression 2; consultation or
    /// entente 1; none 0.
    #[default]
    Sr,
    /// Published ATOP-based similarity files, checked in order: defence or offence 3, else
    /// neutrality 2, else non-aggression 1, else consultation (or entente) 2; none 0.
    AtopFp,
    /// Any tie 1, none 0.
    Binary,
}

impl TieCoding {
    /// The maximum code (the tie of a state with itself).
    pub fn max(self) -> u8 {
        match self {
            TieCoding::Sr | TieCoding::AtopFp => SR_MAX,
            TieCoding::Binary => BINARY_MAX,
        }
    }

    /// The code of a set of [`casus_core::record::obligation_bits`].
    pub fn code(self, flags: u8) -> u8 {
        let any = |bits: u8| flags & bits != 0;
        match self {
            TieCoding::Sr if any(ob::DEFENSE | ob::OFFENSE) => 3,
            TieCoding::Sr if any(ob::NEUTRAL | ob::NONAGG) => 2,
            TieCoding::Sr if any(ob::CONSUL | ob::ENTENTE) => 1,
            TieCoding::AtopFp if any(ob::DEFENSE | ob::OFFENSE) => 3,
            TieCoding::AtopFp if any(ob::NEUTRAL) => 2,
            TieCoding::AtopFp if any(ob::NONAGG) => 1,
            TieCoding::AtopFp if any(ob::CONSUL | ob::ENTENTE) => 2,
            TieCoding::Binary if flags != 0 => 1,
            _ => 0,
        }
    }
}

/// Weighting of S.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Weighting {
    /// Every member counts 1 (column `s_un`).
    None,
    /// Members weighted by their CINC score that year (column `s_wt`); a member without a
    /// CINC score has weight 0.
    Cinc,
}

/// The ATOP member-level file of `casus similarity`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum MemberFile {
    /// ATOP 5.1.
    #[default]
    Atop5,
    /// ATOP 4.01.
    Atop4,
}

/// Settings of the similarity measures.
#[derive(Clone, Debug, PartialEq)]
pub struct SimilarityOptions {
    /// Alliance data (default ATOP).
    pub portfolio: PortfolioSource,
    /// Direction of ATOP ties (default either).
    pub direction: TieDirection,
    /// Tie coding (default `sr`).
    pub ties: TieCoding,
    /// S variants to add, in this order: `s_un`, `s_wt` (default both).
    pub weights: Vec<Weighting>,
    /// Distance of S (default absolute). π and κ always use squared distance.
    pub distance: Distance,
}

impl Default for SimilarityOptions {
    fn default() -> Self {
        SimilarityOptions {
            portfolio: PortfolioSource::Atop,
            direction: TieDirection::Undirected,
            ties: TieCoding::Sr,
            weights: vec![Weighting::None, Weighting::Cinc],
            distance: Distance::Absolute,
        }
    }
}

/// Alliance dyad-years grouped by year.
struct TieSource<'a> {
    d: &'a DyadFlags,
    /// Rows ordered by year; `start[y - y0]..start[y - y0 + 1]` are year y's.
    order: Vec<u32>,
    start: Vec<usize>,
    y0: i16,
    y1: i16,
}

impl<'a> TieSource<'a> {
    fn new(rec: &'a Record, src: PortfolioSource) -> TieSource<'a> {
        let d = match src {
            PortfolioSource::Atop => &rec.atop_dyads,
            PortfolioSource::Cow => &rec.cow_alliances,
        };
        let y0 = d.year.iter().copied().min().unwrap_or(0);
        let y1 = d.year.iter().copied().max().unwrap_or(-1);
        let ny = (y1 as i32 - y0 as i32 + 1).max(0) as usize;
        let mut start = vec![0usize; ny + 1];
        for &y in &d.year {
            start[(y - y0) as usize + 1] += 1;
        }
        for k in 0..ny {
            start[k + 1] += start[k];
        }
        let mut fill = start.clone();
        let mut order = vec![0u32; d.len()];
        for (i, &y) in d.year.iter().enumerate() {
            let k = (y - y0) as usize;
            order[fill[k]] = i as u32;
            fill[k] += 1;
        }
        TieSource {
            d,
            order,
            start,
            y0,
            y1,
        }
    }

    fn covers(&self, y: i16) -> bool {
        (self.y0..=self.y1).contains(&y)
    }

    fn rows(&self, y: i16) -> &[u32] {
        if !self.covers(y) {
            return &[];
        }
        let k = (y - self.y0) as usize;
        &self.order[self.start[k]..self.start[k + 1]]
    }
}

/// Every system member's portfolio in one year.
struct YearPortfolios {
    /// ccode → position in `ports`, `u16::MAX` for non-members.
    pos: Vec<u16>,
    ports: Vec<Portfolio>,
    cinc: Vec<f64>,
}

impl YearPortfolios {
    fn new(
        y: i16,
        members: &[u16],
        ties: &TieSource,
        cinc_of: &dyn Fn(u16) -> f64,
        opts: &SimilarityOptions,
    ) -> YearPortfolios {
        let n = members.len();
        let maxc = members.iter().copied().max().unwrap_or(0) as usize;
        let mut pos = vec![u16::MAX; maxc + 1];
        for (i, &c) in members.iter().enumerate() {
            pos[c as usize] = i as u16;
        }
        let p = |c: u16| pos.get(c as usize).copied().unwrap_or(u16::MAX);
        // flags[i * n + k]: what i pledged to k.
        let mut flags = vec![0u8; n * n];
        for &r in ties.rows(y) {
            let r = r as usize;
            let (a, b) = (p(ties.d.ccode1[r]), p(ties.d.ccode2[r]));
            if a != u16::MAX && b != u16::MAX {
                flags[a as usize * n + b as usize] |= ties.d.flags[r];
            }
        }
        let max = opts.ties.max();
        let mut codes = vec![0u8; n];
        let ports = (0..n)
            .map(|i| {
                for (k, c) in codes.iter_mut().enumerate() {
                    let f = match opts.direction {
                        TieDirection::Sent => flags[i * n + k],
                        TieDirection::Received => flags[k * n + i],
                        TieDirection::Undirected => flags[i * n + k] | flags[k * n + i],
                    };
                    *c = if k == i { max } else { opts.ties.code(f) };
                }
                Portfolio::new(&codes, max)
            })
            .collect();
        let cinc = members.iter().map(|&c| cinc_of(c)).collect();
        YearPortfolios { pos, ports, cinc }
    }

    fn position(&self, c: u16) -> Option<usize> {
        self.pos
            .get(c as usize)
            .copied()
            .filter(|&p| p != u16::MAX)
            .map(usize::from)
    }
}

/// Measures of one dyad: s_un, s_wt, pi, kappa, taub (NaN where undefined or not asked).
fn dyad_measures(
    yp: &YearPortfolios,
    w: &Weights,
    i: usize,
    j: usize,
    opts: &SimilarityOptions,
) -> [f64; 5] {
    let t = Table::from_portfolios(&yp.ports[i], &yp.ports[j]);
    let m = t.measures();
    let s_un = match opts.distance {
        Distance::Absolute => m.s_absolute,
        Distance::Squared => m.s_squared,
    };
    let s_wt = if opts.weights.contains(&Weighting::Cinc) {
        Table::from_portfolios_weighted(&yp.ports[i], &yp.ports[j], w).s_score(opts.distance)
    } else {
        f64::NAN
    };
    [s_un, s_wt, m.pi, m.kappa, m.tau_b]
}

/// Frame rows by (ccode1, ccode2, year): a dense table of pair ranges.
struct RowIndex<'a> {
    dense: Vec<u16>,
    n: usize,
    ranges: Vec<(u32, u32)>,
    years: &'a [i16],
}

impl<'a> RowIndex<'a> {
    fn new(frame: &'a Frame) -> RowIndex<'a> {
        let (c1, c2) = (frame.ccode1(), frame.ccode2());
        let maxc = c1.iter().chain(c2).copied().max().unwrap_or(0) as usize;
        let mut dense = vec![u16::MAX; maxc + 1];
        let mut n = 0usize;
        for &c in c1.iter().chain(c2) {
            if dense[c as usize] == u16::MAX {
                dense[c as usize] = n as u16;
                n += 1;
            }
        }
        let mut ranges = vec![(0u32, 0u32); n * n];
        let mut s = 0usize;
        for i in 0..c1.len() {
            if i + 1 == c1.len() || (c1[i + 1], c2[i + 1]) != (c1[i], c2[i]) {
                ranges[dense[c1[i] as usize] as usize * n + dense[c2[i] as usize] as usize] =
                    (s as u32, i as u32 + 1);
                s = i + 1;
            }
        }
        RowIndex {
            dense,
            n,
            ranges,
            years: frame.years(),
        }
    }

    fn row(&self, a: u16, b: u16, y: i16) -> Option<u32> {
        let d = |c: u16| {
            self.dense
                .get(c as usize)
                .copied()
                .filter(|&x| x != u16::MAX)
        };
        let (da, db) = (d(a)?, d(b)?);
        let (s, e) = self.ranges[da as usize * self.n + db as usize];
        let ys = &self.years[s as usize..e as usize];
        let k = ys.partition_point(|&v| v < y);
        (k < ys.len() && ys[k] == y).then_some(s + k as u32)
    }
}

/// CINC of (ccode, year), 0 when missing.
fn cinc_lookup(rec: &Record) -> impl Fn(u16, i16) -> f64 + Sync + '_ {
    let t = nmc_table(rec);
    move |c, y| match t.get(c, y) {
        crate::frame::NONE => 0.0,
        j => rec.capabilities.cinc[j as usize].unwrap_or(0.0),
    }
}

/// The similarity columns of a dyad-year frame.
pub(crate) fn sscore(
    frame: &Frame,
    rec: &Record,
    opts: &SimilarityOptions,
    progress: &dyn Progress,
) -> Result<Vec<Column>, DyadError> {
    if opts.weights.is_empty() {
        return Err(DyadError::Similarity(
            "give at least one S weighting (none, cinc)".into(),
        ));
    }
    if frame.unit == Unit::StateYear {
        return Err(DyadError::Similarity(
            "similarity needs dyad-year data".into(),
        ));
    }
    let n = frame.len();
    let mut out: [Vec<f64>; 5] = std::array::from_fn(|_| vec![f64::NAN; n]);
    if let Some((y0, y1)) = frame.year_range() {
        let sys = SystemYears::new(&rec.states, frame.current_year)?;
        let members = sys.members_by_year(y0, y1);
        let ties = TieSource::new(rec, opts.portfolio);
        let cinc = cinc_lookup(rec);
        let rows = RowIndex::new(frame);
        let directed = frame.unit == (Unit::DyadYear { directed: true });
        let years: Vec<i16> = (y0..=y1).filter(|&y| ties.covers(y)).collect();
        progress.begin("similarity", years.len() as u64);
        for batch in years.chunks(8) {
            let results: Vec<Vec<(u32, [f64; 5])>> = batch
                .par_iter()
                .map(|&y| {
                    let mem = &members[(y - y0) as usize];
                    let yp = YearPortfolios::new(y, mem, &ties, &|c| cinc(c, y), opts);
                    let w = Weights::new(&yp.cinc);
                    let mut res = Vec::new();
                    for (i, &a) in mem.iter().enumerate() {
                        for (j, &b) in mem.iter().enumerate().skip(i + 1) {
                            let r1 = rows.row(a, b, y);
                            let r2 = if directed { rows.row(b, a, y) } else { None };
                            if r1.is_none() && r2.is_none() {
                                continue;
                            }
                            let m = dyad_measures(&yp, &w, i, j, opts);
                            res.extend(r1.into_iter().chain(r2).map(|r| (r, m)));
                        }
                    }
                    progress.advance(1);
                    res
                })
                .collect();
            for (r, m) in results.into_iter().flatten() {
                for (col, v) in out.iter_mut().zip(m) {
                    col[r as usize] = v;
                }
            }
        }
    }
    let [s_un, s_wt, pi, kappa, taub] = out;
    let col = |name: &str, v: Vec<f64>| {
        let valid: Vec<bool> = v.iter().map(|x| !x.is_nan()).collect();
        let all = valid.iter().all(|&b| b);
        Column::new(name, Data::F64(v, if all { None } else { Some(valid) }))
    };
    let mut cols = Vec::new();
    if opts.weights.contains(&Weighting::None) {
        cols.push(col("s_un", s_un));
    }
    if opts.weights.contains(&Weighting::Cinc) {
        cols.push(col("s_wt", s_wt));
    }
    cols.extend([col("pi", pi), col("kappa", kappa), col("taub", taub)]);
    Ok(cols)
}

/// Similarity within one ATOP alliance in one year: mean and minimum over its member
/// dyads (members who are system members that year). NaN where no dyad has a defined value.
#[derive(Clone, Debug, PartialEq)]
pub struct AllianceSimilarity {
    /// ATOP alliance id.
    pub atopid: i32,
    /// Calendar year.
    pub year: i16,
    /// Number of member dyads (unordered pairs).
    pub dyads: u32,
    /// Mean Signorino–Ritter S over the member dyads, -1..1.
    pub mean_s: f64,
    /// Minimum Signorino–Ritter S over the member dyads.
    pub min_s: f64,
    /// Mean Scott's π over the member dyads.
    pub mean_pi: f64,
    /// Minimum Scott's π over the member dyads.
    pub min_pi: f64,
    /// Mean Cohen's κ over the member dyads.
    pub mean_kappa: f64,
    /// Minimum Cohen's κ over the member dyads.
    pub min_kappa: f64,
}

/// One alliance-year as `casus similarity --format json` and the Python package give it:
/// an undefined measure (NaN, e.g. a year with one member) is `None` (JSON null) and the
/// dyad count is left out.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct AllianceSimilarityRow {
    /// ATOP alliance id.
    pub atopid: i32,
    /// Calendar year.
    pub year: i16,
    /// Mean Signorino–Ritter S.
    pub mean_s: Option<f64>,
    /// Minimum Signorino–Ritter S.
    pub min_s: Option<f64>,
    /// Mean Scott's π.
    pub mean_pi: Option<f64>,
    /// Minimum Scott's π.
    pub min_pi: Option<f64>,
    /// Mean Cohen's κ.
    pub mean_kappa: Option<f64>,
    /// Minimum Cohen's κ.
    pub min_kappa: Option<f64>,
}

impl From<&AllianceSimilarity> for AllianceSimilarityRow {
    fn from(r: &AllianceSimilarity) -> Self {
        let some = |v: f64| (!v.is_nan()).then_some(v);
        AllianceSimilarityRow {
            atopid: r.atopid,
            year: r.year,
            mean_s: some(r.mean_s),
            min_s: some(r.min_s),
            mean_pi: some(r.mean_pi),
            min_pi: some(r.min_pi),
            mean_kappa: some(r.mean_kappa),
            min_kappa: some(r.min_kappa),
        }
    }
}

/// Member spells of one ATOP member file: (atopid, member, first year, last year).
fn member_spells(rec: &Record, file: MemberFile) -> Vec<(i32, u16, i16, i16)> {
    let m = match file {
        MemberFile::Atop5 => &rec.atop5.members,
        MemberFile::Atop4 => &rec.atop4.members,
    };
    if m.rows() == 0 {
        return Vec::new();
    }
    let (id, mem, yrent, yrexit) = (
        m.col("atopid"),
        m.col("member"),
        m.col("yrent"),
        m.col("yrexit"),
    );
    // yrexit 0 means "in effect at the end of the data".
    let end = yrent
        .iter()
        .chain(yrexit)
        .filter_map(|v| *v)
        .max()
        .unwrap_or(0) as i16;
    (0..m.rows())
        .filter_map(|i| {
            let (a, c, s) = (id[i]?, mem[i]?, yrent[i]?);
            let e = match yrexit[i] {
                Some(0) | None => end,
                Some(e) => e as i16,
            };
            Some((a, u16::try_from(c).ok()?, s as i16, e))
        })
        .collect()
}

/// `casus similarity`: per ATOP alliance and year, mean and minimum S (with `weighting`),
/// π and κ over the alliance's member dyads. `alliances = None` means all alliances.
/// Rows are sorted by atopid, then year; years run over the state system and the
/// portfolio data.
pub fn alliance_similarity(
    rec: &Record,
    alliances: Option<&[i32]>,
    members: MemberFile,
    weighting: Weighting,
    opts: &SimilarityOptions,
    current_year: i16,
    progress: &dyn Progress,
) -> Result<Vec<AllianceSimilarity>, DyadError> {
    let mut spells = member_spells(rec, members);
    if let Some(ids) = alliances {
        let unknown: Vec<String> = ids
            .iter()
            .filter(|id| !spells.iter().any(|s| s.0 == **id))
            .map(|id| id.to_string())
            .collect();
        if !unknown.is_empty() {
            return Err(DyadError::Similarity(format!(
                "no ATOP alliance with atopid {} in the member file",
                unknown.join(", ")
            )));
        }
        spells.retain(|s| ids.contains(&s.0));
    }
    let sys = SystemYears::new(&rec.states, current_year)?;
    let ties = TieSource::new(rec, opts.portfolio);
    let y0 = sys.first.max(ties.y0);
    let y1 = sys.last.min(ties.y1);
    if y0 > y1 {
        return Ok(Vec::new());
    }
    let members_by_year = sys.members_by_year(y0, y1);
    let cinc = cinc_lookup(rec);
    let years: Vec<i16> = (y0..=y1)
        .filter(|&y| spells.iter().any(|s| s.2 <= y && y <= s.3))
        .collect();
    progress.begin("alliance similarity", years.len() as u64);
    let mut rows: Vec<AllianceSimilarity> = years
        .par_iter()
        .flat_map_iter(|&y| {
            let mem = &members_by_year[(y - y0) as usize];
            let yp = YearPortfolios::new(y, mem, &ties, &|c| cinc(c, y), opts);
            let w = Weights::new(&yp.cinc);
            // Members of each alliance in force this year, as portfolio positions.
            let mut by_alliance: Vec<(i32, Vec<usize>)> = Vec::new();
            for s in spells.iter().filter(|s| s.2 <= y && y <= s.3) {
                let Some(p) = yp.position(s.1) else { continue };
                match by_alliance.iter_mut().find(|(a, _)| *a == s.0) {
                    Some((_, v)) => v.push(p),
                    None => by_alliance.push((s.0, vec![p])),
                }
            }
            let out: Vec<AllianceSimilarity> = by_alliance
                .into_iter()
                .filter_map(|(atopid, mut ps)| {
                    ps.sort_unstable();
                    ps.dedup();
                    let mut acc = [Acc::default(), Acc::default(), Acc::default()];
                    let mut dyads = 0u32;
                    for (k, &i) in ps.iter().enumerate() {
                        for &j in &ps[k + 1..] {
                            let m = dyad_measures(&yp, &w, i, j, opts);
                            let s = if weighting == Weighting::Cinc {
                                Table::from_portfolios_weighted(&yp.ports[i], &yp.ports[j], &w)
                                    .s_score(opts.distance)
                            } else {
                                m[0]
                            };
                            acc[0].push(s);
                            acc[1].push(m[2]);
                            acc[2].push(m[3]);
                            dyads += 1;
                        }
                    }
                    (dyads > 0).then(|| AllianceSimilarity {
                        atopid,
                        year: y,
                        dyads,
                        mean_s: acc[0].mean(),
                        min_s: acc[0].min,
                        mean_pi: acc[1].mean(),
                        min_pi: acc[1].min,
                        mean_kappa: acc[2].mean(),
                        min_kappa: acc[2].min,
                    })
                })
                .collect();
            progress.advance(1);
            out
        })
        .collect();
    rows.sort_by_key(|r| (r.atopid, r.year));
    Ok(rows)
}

/// Mean and minimum of the defined (non-NaN) values.
struct Acc {
    sum: f64,
    n: u32,
    min: f64,
}

impl Default for Acc {
    fn default() -> Self {
        Acc {
            sum: 0.0,
            n: 0,
            min: f64::NAN,
        }
    }
}

impl Acc {
    fn push(&mut self, v: f64) {
        if v.is_nan() {
            return;
        }
        self.sum += v;
        self.n += 1;
        self.min = if self.min.is_nan() {
            v
        } else {
            self.min.min(v)
        };
    }
    fn mean(&self) -> f64 {
        if self.n == 0 {
            f64::NAN
        } else {
            self.sum / self.n as f64
        }
    }
}
