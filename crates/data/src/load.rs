//! One loader per dataset: bytes in, typed columns out.

use crate::csvtable::CsvTable;
use crate::LoadError;
use casus_core::record::*;

/// Codes the COW/GML codebooks use for "missing" or "not applicable".
const MISSING: &[i64] = &[-9, -8, -77, -88];

macro_rules! cols {
    ($t:expr, $($c:ident),+ $(,)?) => { $(let $c = $t.column(stringify!($c))?;)+ };
}

pub fn states(file: &str, b: &[u8]) -> Result<Vec<StateSpell>, LoadError> {
    let mut t = CsvTable::new(file, b)?;
    cols!(t, ccode, cw_abb, cw_name, start, end);
    let mut out = Vec::new();
    while let Some(r) = t.next_row()? {
        let (s, e) = (r.day(start)?, r.day(end)?);
        out.push(StateSpell {
            ccode: r.int(ccode)?,
            abb: r.str(cw_abb)?.into(),
            name: r.str(cw_name)?.into(),
            span: r.span(s, e, end)?,
        });
    }
    // Everything else (treaty parties, groups, names) resolves against this list: an empty
    // one would surface as hundreds of "unknown state" errors blamed on the treaty library.
    if out.is_empty() {
        return Err(LoadError::Io {
            file: file.into(),
            message: "no state rows after the header; hint: the state system cannot be empty \
                      (copy cw_system.csv from shared/data)"
                .into(),
        });
    }
    Ok(out)
}

pub fn gw_states(file: &str, b: &[u8]) -> Result<Vec<GwSpell>, LoadError> {
    let mut t = CsvTable::new(file, b)?;
    cols!(t, gwcode, gw_abb, gw_name, microstate, start, end);
    let mut out = Vec::new();
    while let Some(r) = t.next_row()? {
        let (s, e) = (r.day(start)?, r.day(end)?);
        out.push(GwSpell {
            gwcode: r.int(gwcode)?,
            abb: r.str(gw_abb)?.into(),
            name: r.str(gw_name)?.into(),
            microstate: r.flag(microstate)?,
            span: r.span(s, e, end)?,
        });
    }
    Ok(out)
}

/// A dyad-year file of 0/1 obligation columns, packed into bit flags.
///
/// These are the largest files (273,296 rows for ATOP) and every field is a plain integer,
/// so when the header is exactly `ccode1,ccode2,year,<flags…>` the bytes are scanned
/// directly; any other layout goes through the general CSV reader.
pub fn dyad_flags(file: &str, b: &[u8], columns: &[(&str, u8)]) -> Result<DyadFlags, LoadError> {
    let expected: Vec<&str> = ["ccode1", "ccode2", "year"]
        .into_iter()
        .chain(columns.iter().map(|c| c.0))
        .collect();
    let header_end = b.iter().position(|&c| c == b'\n').unwrap_or(b.len());
    let header = std::str::from_utf8(&b[..header_end])
        .unwrap_or("")
        .trim_end_matches('\r');
    if header.split(',').eq(expected.iter().copied()) {
        return dyad_flags_fast(
            file,
            &b[(header_end + 1).min(b.len())..],
            &expected,
            columns,
        );
    }
    dyad_flags_csv(file, b, columns)
}

fn dyad_flags_fast(
    file: &str,
    body: &[u8],
    names: &[&str],
    columns: &[(&str, u8)],
) -> Result<DyadFlags, LoadError> {
    let rows = body.iter().filter(|&&c| c == b'\n').count() + 1;
    let mut out = DyadFlags {
        ccode1: Vec::with_capacity(rows),
        ccode2: Vec::with_capacity(rows),
        year: Vec::with_capacity(rows),
        flags: Vec::with_capacity(rows),
    };
    let n = names.len();
    let err = |line: u64, col: usize, value: String, message: String| LoadError::Field {
        file: file.into(),
        line,
        column: names.get(col).unwrap_or(&"").to_string(),
        value,
        message,
    };
    // One pass over the bytes: digits accumulate into `v`, a comma ends a field, a newline
    // ends a row. Anything else is an error naming the line and column.
    let (mut line, mut k, mut v, mut digits) = (2u64, 0usize, 0u32, 0u8);
    let mut fields = [0u32; 16];
    let mut finish_row = |line: u64, fields: &[u32]| -> Result<(), LoadError> {
        push_dyad_row(&mut out, columns, fields)
            .map_err(|(col, value, msg)| err(line, col, value, msg.into()))
    };
    let end_field = |line: u64, k: usize, digits: u8| -> Result<(), LoadError> {
        if digits == 0 {
            return Err(err(
                line,
                k.min(n - 1),
                String::new(),
                "expected a non-negative integer".into(),
            ));
        }
        if k >= n {
            return Err(err(
                line,
                n - 1,
                String::new(),
                format!("expected {n} fields"),
            ));
        }
        Ok(())
    };
    // A last row without a newline ends at the end of the input.
    let tail: &[u8] = if body.ends_with(b"\n") { b"" } else { b"\n" };
    for part in [body, tail] {
        for &c in part {
            match c {
                b'0'..=b'9' => {
                    if digits == 9 {
                        return Err(err(
                            line,
                            k.min(n - 1),
                            String::new(),
                            "value out of range".into(),
                        ));
                    }
                    v = v * 10 + (c - b'0') as u32;
                    digits += 1;
                }
                b',' => {
                    end_field(line, k, digits)?;
                    fields[k] = v;
                    (k, v, digits) = (k + 1, 0, 0);
                }
                b'\n' => {
                    if k == 0 && digits == 0 {
                        line += 1;
                        continue; // blank line
                    }
                    end_field(line, k, digits)?;
                    fields[k] = v;
                    if k + 1 != n {
                        return Err(err(
                            line,
                            k,
                            String::new(),
                            format!("expected {n} fields, found {}", k + 1),
                        ));
                    }
                    finish_row(line, &fields[..n])?;
                    (k, v, digits) = (0, 0, 0);
                    line += 1;
                }
                b'\r' => {}
                _ => {
                    return Err(err(
                        line,
                        k.min(n - 1),
                        c.escape_ascii().to_string(),
                        "unexpected character".into(),
                    ))
                }
            }
        }
    }
    Ok(out)
}

/// Appends one parsed row of a dyad-year file; on error, the column, value and message.
fn push_dyad_row(
    out: &mut DyadFlags,
    columns: &[(&str, u8)],
    fields: &[u32],
) -> Result<(), (usize, String, &'static str)> {
    let range = |col: usize| (col, String::new(), "value out of range");
    let c1 = Ccode::try_from(fields[0]).map_err(|_| range(0))?;
    let c2 = Ccode::try_from(fields[1]).map_err(|_| range(1))?;
    let y = i16::try_from(fields[2]).map_err(|_| range(2))?;
    let mut f = 0u8;
    for (j, (_, bit)) in columns.iter().enumerate() {
        match fields[3 + j] {
            0 => {}
            1 => f |= bit,
            x => return Err((3 + j, x.to_string(), "expected 0 or 1")),
        }
    }
    out.ccode1.push(c1);
    out.ccode2.push(c2);
    out.year.push(y);
    out.flags.push(f);
    Ok(())
}

fn dyad_flags_csv(file: &str, b: &[u8], columns: &[(&str, u8)]) -> Result<DyadFlags, LoadError> {
    let mut t = CsvTable::new(file, b)?;
    cols!(t, ccode1, ccode2, year);
    let idx: Vec<(usize, u8)> = columns
        .iter()
        .map(|(n, bit)| Ok((t.column(n)?, *bit)))
        .collect::<Result<_, LoadError>>()?;
    let mut out = DyadFlags::default();
    while let Some(r) = t.next_row()? {
        out.ccode1.push(r.int(ccode1)?);
        out.ccode2.push(r.int(ccode2)?);
        out.year.push(r.int(year)?);
        let mut f = 0u8;
        for &(c, bit) in &idx {
            if r.flag(c)? {
                f |= bit;
            }
        }
        out.flags.push(f);
    }
    Ok(out)
}

pub fn capabilities(file: &str, b: &[u8]) -> Result<Capabilities, LoadError> {
    let mut t = CsvTable::new(file, b)?;
    cols!(t, ccode, year, milex, milper, irst, pec, tpop, upop, cinc);
    let mut c = Capabilities::default();
    while let Some(r) = t.next_row()? {
        c.ccode.push(r.int(ccode)?);
        c.year.push(r.int(year)?);
        c.milex.push(r.opt_f64(milex)?);
        c.milper.push(r.opt_f64(milper)?);
        c.irst.push(r.opt_f64(irst)?);
        c.pec.push(r.opt_f64(pec)?);
        c.tpop.push(r.opt_f64(tpop)?);
        c.upop.push(r.opt_f64(upop)?);
        c.cinc.push(r.opt_f64(cinc)?);
    }
    Ok(c)
}

pub fn majors(file: &str, b: &[u8]) -> Result<Vec<MajorSpell>, LoadError> {
    let mut t = CsvTable::new(file, b)?;
    cols!(t, ccode, styear, stmonth, stday, endyear, endmonth, endday);
    let mut out = Vec::new();
    while let Some(r) = t.next_row()? {
        let s = r.ymd(styear, stmonth, stday)?;
        let e = r.ymd(endyear, endmonth, endday)?;
        out.push(MajorSpell {
            ccode: r.int(ccode)?,
            span: r.span(s, e, endyear)?,
        });
    }
    Ok(out)
}

pub fn powers(file: &str, b: &[u8]) -> Result<Vec<PowerSpell>, LoadError> {
    let mut t = CsvTable::new(file, b)?;
    cols!(t, ccode, regstdate, regenddate, globstdate, globenddate);
    let mut out = Vec::new();
    while let Some(r) = t.next_row()? {
        let pair = |a: usize, z: usize| -> Result<Option<casus_core::Span>, LoadError> {
            match (r.opt_day(a)?, r.opt_day(z)?) {
                (Some(s), Some(e)) => Ok(Some(r.span(s, e, z)?)),
                (None, None) => Ok(None),
                _ => Err(r.error(z, "start and end must both be given or both be empty")),
            }
        };
        out.push(PowerSpell {
            ccode: r.int(ccode)?,
            regional: pair(regstdate, regenddate)?,
            global: pair(globstdate, globenddate)?,
        });
    }
    Ok(out)
}

pub fn contiguity(file: &str, b: &[u8]) -> Result<Vec<Contiguity>, LoadError> {
    let mut t = CsvTable::new(file, b)?;
    cols!(t, ccode1, ccode2, conttype, stdate, enddate);
    let mut out = Vec::new();
    while let Some(r) = t.next_row()? {
        let (s, e) = (r.day(stdate)?, r.day(enddate)?);
        let span = r.span(s, e, enddate)?;
        let ct: u8 = r.int(conttype)?;
        if ct > 5 {
            return Err(r.error(conttype, "conttype must be 0–5"));
        }
        out.push(Contiguity {
            ccode1: r.int(ccode1)?,
            ccode2: r.int(ccode2)?,
            conttype: ct,
            start: span.start,
            end: span.end,
        });
    }
    Ok(out)
}

pub fn capitals(file: &str, b: &[u8], code_col: &str) -> Result<Vec<Capital>, LoadError> {
    let mut t = CsvTable::new(file, b)?;
    let code = t.column(code_col)?;
    cols!(t, statenme, capital, stdate, enddate, lat, lng);
    let mut out = Vec::new();
    while let Some(r) = t.next_row()? {
        let (s, e) = (r.day(stdate)?, r.day(enddate)?);
        let (la, lo) = (r.f64(lat)?, r.f64(lng)?);
        if !(-90.0..=90.0).contains(&la) {
            return Err(r.error(lat, "latitude must lie in -90..90"));
        }
        if !(-180.0..=180.0).contains(&lo) {
            return Err(r.error(lng, "longitude must lie in -180..180"));
        }
        out.push(Capital {
            ccode: r.int(code)?,
            state_name: r.str(statenme)?.into(),
            capital: r.str(capital)?.into(),
            span: r.span(s, e, enddate)?,
            lat: la,
            lng: lo,
        });
    }
    Ok(out)
}

pub fn mid_participants(file: &str, b: &[u8]) -> Result<Vec<MidParticipant>, LoadError> {
    let mut t = CsvTable::new(file, b)?;
    cols!(t, dispnum, ccode, styear, stmon, stday, endyear, endmon, endday, sidea, hiact, orig);
    let mut out = Vec::new();
    while let Some(r) = t.next_row()? {
        let date = |y: usize, m: usize, d: usize| -> Result<PartialDate, LoadError> {
            let pd = PartialDate {
                year: r.int(y)?,
                month: r.opt_int(m, MISSING)?,
                day: r.opt_int(d, MISSING)?,
            };
            if pd.earliest().is_none() {
                return Err(r.error(d, "not a calendar date"));
            }
            Ok(pd)
        };
        out.push(MidParticipant {
            dispnum: r.int(dispnum)?,
            ccode: r.int(ccode)?,
            start: date(styear, stmon, stday)?,
            end: date(endyear, endmon, endday)?,
            side_a: r.flag(sidea)?,
            hiact: r.int(hiact)?,
            originator: r.flag(orig)?,
        });
    }
    Ok(out)
}

pub fn mid_disputes(file: &str, b: &[u8]) -> Result<Vec<MidDispute>, LoadError> {
    let mut t = CsvTable::new(file, b)?;
    cols!(
        t, dispnum, styear, stmon, outcome, settle, fatality, mindur, maxdur, hiact, hostlev, recip
    );
    let mut out = Vec::new();
    while let Some(r) = t.next_row()? {
        let hl: i8 = r.int(hostlev)?;
        if !(1..=5).contains(&hl) {
            return Err(r.error(hostlev, "hostility level must be 1–5"));
        }
        out.push(MidDispute {
            dispnum: r.int(dispnum)?,
            start_year: r.int(styear)?,
            start_month: r.opt_int(stmon, MISSING)?,
            outcome: r.opt_int(outcome, MISSING)?,
            settle: r.opt_int(settle, MISSING)?,
            fatality: r.opt_int(fatality, MISSING)?,
            mindur: r.opt_int(mindur, MISSING)?,
            maxdur: r.opt_int(maxdur, MISSING)?,
            hiact: r.int(hiact)?,
            hostlev: hl,
            reciprocated: r.flag(recip)?,
        });
    }
    Ok(out)
}

pub fn wars(file: &str, b: &[u8]) -> Result<Vec<WarDyadYear>, LoadError> {
    let mut t = CsvTable::new(file, b)?;
    cols!(
        t,
        warnum,
        ccode1,
        ccode2,
        year,
        cowinteronset,
        sidea1,
        sidea2,
        initiator1,
        initiator2,
        outcome1,
        outcome2,
        batdeath1,
        batdeath2,
        resume
    );
    let mut out = Vec::new();
    while let Some(r) = t.next_row()? {
        out.push(WarDyadYear {
            warnum: r.int(warnum)?,
            ccode1: r.int(ccode1)?,
            ccode2: r.int(ccode2)?,
            year: r.int(year)?,
            onset: r.flag(cowinteronset)?,
            side1: r.int(sidea1)?,
            side2: r.int(sidea2)?,
            initiator1: r.flag(initiator1)?,
            initiator2: r.flag(initiator2)?,
            outcome1: r.opt_int(outcome1, MISSING)?,
            outcome2: r.opt_int(outcome2, MISSING)?,
            batdeath1: r.opt_int(batdeath1, MISSING)?,
            batdeath2: r.opt_int(batdeath2, MISSING)?,
            resume: r.flag(resume)?,
        });
    }
    Ok(out)
}

pub fn rivalries_td(file: &str, b: &[u8]) -> Result<Vec<Rivalry>, LoadError> {
    let mut t = CsvTable::new(file, b)?;
    cols!(
        t,
        rivalryno,
        rivalryname,
        ccode1,
        ccode2,
        styear,
        endyear,
        type1,
        type2,
        type3
    );
    let mut out = Vec::new();
    while let Some(r) = t.next_row()? {
        let types = [type1, type2, type3]
            .iter()
            .map(|&c| r.str(c).map(str::to_string))
            .filter(|s| s.as_ref().map_or(true, |s| !s.is_empty() && s != "NA"))
            .collect::<Result<_, _>>()?;
        out.push(Rivalry {
            id: r.int(rivalryno)?,
            name: r.str(rivalryname)?.into(),
            ccode1: r.int(ccode1)?,
            ccode2: r.int(ccode2)?,
            start_year: r.int(styear)?,
            end_year: r.int(endyear)?,
            types,
        });
    }
    Ok(out)
}

pub fn rivalries_tss(file: &str, b: &[u8]) -> Result<Vec<Rivalry>, LoadError> {
    let mut t = CsvTable::new(file, b)?;
    cols!(
        t,
        tssr_id,
        rivalry,
        ccode1,
        ccode2,
        start,
        end,
        positional,
        spatial,
        ideological,
        interventionary
    );
    let mut out = Vec::new();
    while let Some(r) = t.next_row()? {
        let mut types = Vec::new();
        for (c, n) in [
            (positional, "positional"),
            (spatial, "spatial"),
            (ideological, "ideological"),
            (interventionary, "interventionary"),
        ] {
            if r.opt_i64(c)? == Some(1) {
                types.push(n.to_string());
            }
        }
        out.push(Rivalry {
            id: r.int(tssr_id)?,
            name: r.str(rivalry)?.into(),
            ccode1: r.int(ccode1)?,
            ccode2: r.int(ccode2)?,
            start_year: r.int(start)?,
            end_year: r.int(end)?,
            types,
        });
    }
    Ok(out)
}

pub fn false_dyads(file: &str, b: &[u8]) -> Result<Vec<FalseDyad>, LoadError> {
    let mut t = CsvTable::new(file, b)?;
    cols!(t, ccode1, ccode2, year);
    let mut out = Vec::new();
    while let Some(r) = t.next_row()? {
        out.push(FalseDyad {
            ccode1: r.int(ccode1)?,
            ccode2: r.int(ccode2)?,
            year: r.int(year)?,
        });
    }
    Ok(out)
}

/// A wide file of integer codes. Columns listed in `text` (e.g. `version`) are skipped; the
/// first value of `version_col` is returned as the release's version. `required` columns
/// must be present so later code can address them by name.
pub fn int_frame(file: &str, b: &[u8], required: &[&str]) -> Result<(IntFrame, String), LoadError> {
    let mut t = CsvTable::new(file, b)?;
    for c in required {
        t.column(c)?;
    }
    let keep: Vec<usize> = t
        .header()
        .iter()
        .enumerate()
        .filter(|(_, h)| !h.is_empty() && *h != "version")
        .map(|(i, _)| i)
        .collect();
    let names: Vec<String> = keep.iter().map(|&i| t.header()[i].clone()).collect();
    let version_col = t.header().iter().position(|h| h == "version");
    let mut columns: Vec<Vec<Option<i32>>> = vec![Vec::new(); keep.len()];
    let mut version = String::new();
    while let Some(r) = t.next_row()? {
        for (j, &i) in keep.iter().enumerate() {
            let v = r.opt_i64(i)?;
            let v = v
                .map(|x| i32::try_from(x).map_err(|_| r.error(i, "value out of range")))
                .transpose()?;
            columns[j].push(v);
        }
        if version.is_empty() {
            if let Some(vc) = version_col {
                version = r.str(vc)?.to_string();
            }
        }
    }
    Ok((IntFrame { names, columns }, version))
}

/// ISO 3166 alpha-3 codes and English names from the countrycode crosswalk, as aliases for
/// COW codes (so `DEU` and `Germany` both find 255).
pub fn codelist_aliases(file: &str, b: &[u8]) -> Result<Vec<(String, Ccode)>, LoadError> {
    let mut t = CsvTable::new(file, b)?;
    let cown = t.column("cown")?;
    let iso3c = t.column("iso3c")?;
    let name = t.column("country.name.en")?;
    let mut out = Vec::new();
    while let Some(r) = t.next_row()? {
        if let Some(c) = r.opt_i64(cown)? {
            let c = Ccode::try_from(c).map_err(|_| r.error(cown, "value out of range"))?;
            for col in [iso3c, name] {
                let s = r.str(col)?;
                if !s.is_empty() && s != "NA" {
                    out.push((s.to_string(), c));
                }
            }
        }
    }
    Ok(out)
}
