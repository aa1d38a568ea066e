//! Real cases from the bundled record, pinned: who would have been obliged, when a treaty
//! does not apply, counterfactual windows, and alliance reliability.

use casus_backtest::incidents::{self, Entry, Source, Sources};
use casus_backtest::reliability::{Applies, Outcome};
use casus_backtest::{
    as_if_since, backtest, reliability, Backtest, RecordIncident, Selection, Window,
};
use casus_core::engine::Status;
use casus_core::incident::{Force, Place};
use casus_core::treaty::{Kind, Origin, Treaty};
use casus_core::{Ccode, Day, World};
use std::sync::OnceLock;

fn world() -> &'static World {
    static W: OnceLock<World> = OnceLock::new();
    W.get_or_init(|| {
        let w = casus_data::load_world(&casus_data::DataSource::Bundled).expect("bundled data");
        casus_app::with_library(w).expect("library")
    })
}

fn day(s: &str) -> Day {
    Day::parse(s).unwrap()
}

const USA: Ccode = 2;
const CAN: Ccode = 20;
const UKG: Ccode = 200;
const NTH: Ccode = 210;
const BEL: Ccode = 211;
const LUX: Ccode = 212;
const FRN: Ccode = 220;
const POR: Ccode = 235;
const ITA: Ccode = 325;
const GRC: Ccode = 350;
const BUL: Ccode = 355;
const RUS: Ccode = 365;
const UKR: Ccode = 369;
const NOR: Ccode = 385;
const DEN: Ccode = 390;
const ICE: Ccode = 395;
const TUR: Ccode = 640;
const ARG: Ccode = 160;

fn mids(w: &World, from: i32, to: i32, min_hostility: u8) -> (Window, Vec<RecordIncident>) {
    let window = Window::years(from, to).unwrap();
    let all = incidents::build(
        w,
        Sources {
            mids: true,
            wars: false,
            library: true,
        },
    );
    (
        window,
        Selection {
            window,
            min_hostility,
        }
        .apply(&all),
    )
}

fn run(w: &World, ids: &[&str], from: i32, to: i32) -> (Backtest, Vec<RecordIncident>) {
    let ts: Vec<&Treaty> = ids
        .iter()
        .map(|id| w.treaty(id).unwrap_or_else(|| panic!("no treaty {id}")))
        .collect();
    let (window, inc) = mids(w, from, to, 2);
    (backtest(w, &ts, &inc, window, &[], &|_| {}), inc)
}

/// The hit of treaty `k` for the incident of dispute `dispnum` against `target`.
fn hit<'a>(
    bt: &'a Backtest,
    inc: &[RecordIncident],
    k: usize,
    dispnum: u32,
    target: Ccode,
) -> Option<&'a casus_backtest::Hit> {
    bt.treaties[k].hits.iter().find(|h| {
        let i = &inc[h.incident];
        i.source == Source::Mid && i.dispute == dispnum && i.incident.target == target
    })
}

fn obligors(h: &casus_backtest::Hit, kind: Kind, status: Status) -> Vec<Ccode> {
    let mut v: Vec<Ccode> = h
        .obligations
        .iter()
        .filter(|o| o.kind == kind && o.status == status)
        .map(|o| o.obligor)
        .collect();
    v.sort_unstable();
    v.dedup();
    v
}

#[test]
fn incidents_from_the_record_are_sorted_and_complete() {
    let w = world();
    let all = incidents::build(
        w,
        Sources {
            mids: true,
            wars: true,
            library: true,
        },
    );
    assert!(all
        .windows(2)
        .all(|p| p[0].incident.date <= p[1].incident.date));
    assert!(all
        .iter()
        .all(|i| i.incident.date <= i.latest && (2..=5).contains(&i.hostility)));
    assert!(all
        .iter()
        .all(|i| !i.incident.attacker_states().any(|a| a == i.incident.target)));
    // Every GML dispute with a militarized side A and a side B yields an incident.
    let disputes: std::collections::BTreeSet<u32> = all
        .iter()
        .filter(|i| i.source == Source::Mid)
        .map(|i| i.dispute)
        .collect();
    assert!(disputes.len() > 2000, "{} disputes", disputes.len());
    // The library adds what the record does not cover: 2014, 2018, 2022 and 9/11.
    let lib: Vec<&str> = all
        .iter()
        .filter(|i| i.source == Source::Library)
        .filter_map(|i| i.incident.id.as_deref())
        .collect();
    for id in [
        "crimea-2014",
        "kerch-2018",
        "ukraine-2022",
        "september-11-2001",
    ] {
        assert!(lib.contains(&id), "{id} missing from {lib:?}");
    }
    assert!(!lib.contains(&"korea-1950"), "covered by MIDs");
    // Deterministic.
    assert_eq!(
        all,
        incidents::build(
            w,
            Sources {
                mids: true,
                wars: true,
                library: true
            }
        )
    );
}

/// MID 1295: Bulgaria uses force against Greece on 27 July 1952, five months after Greece
/// joined NATO. ATOP 3180 (NATO) is set off, with every other member obliged; ATOP codes a
/// location condition on NATO's defence pledge (Art. 6) without saying where, so the
/// defence obligations are undetermined and the consultation pledge is triggered. The
/// library's NATO spec, which encodes Art. 6, triggers Art. 5 for the same members.
#[test]
fn nato_member_attacked_triggers_atop_3180_with_the_other_members_obliged() {
    let w = world();
    let (bt, inc) = run(w, &["atop:3180", "nato"], 1949, 1955);
    let h = hit(&bt, &inc, 0, 1295, GRC).expect("MID 1295 sets off ATOP 3180");
    let ri = &inc[h.incident];
    assert_eq!(ri.incident.date, day("1952-07-27"));
    assert_eq!(ri.incident.attacker_states().collect::<Vec<_>>(), vec![BUL]);
    assert_eq!(ri.entry, Entry::Origin);
    let others = vec![
        USA, CAN, UKG, NTH, BEL, LUX, FRN, POR, ITA, NOR, DEN, ICE, TUR,
    ];
    assert_eq!(h.status, Status::Triggered);
    assert_eq!(obligors(h, Kind::Defence, Status::Undetermined), others);
    assert_eq!(obligors(h, Kind::Consultation, Status::Triggered), others);
    assert!(h
        .obligations
        .iter()
        .all(|o| o.beneficiary == GRC && o.obligor != GRC));

    let h = hit(&bt, &inc, 1, 1295, GRC).expect("MID 1295 sets off the NATO spec");
    assert_eq!(obligors(h, Kind::Defence, Status::Triggered), others);
    assert!(h
        .obligations
        .iter()
        .any(|o| o.kind == Kind::Defence && o.article == "5"));
    // Exposure counts the incident for each obligor.
    let usa = bt.treaties[1]
        .exposure
        .iter()
        .find(|e| e.obligor == USA)
        .unwrap();
    assert!(usa.disputes.iter().any(|d| d.id == 1295));
    assert!(usa.military.incidents >= 1 && usa.triggered.years >= 1);
}

/// MID 26, the Berlin blockade (from 21 March 1948), puts the USA, the UK and France on side
/// B a year before the North Atlantic Treaty: neither ATOP 3180 nor the NATO spec triggers,
/// and no incident before the treaty's signature does.
#[test]
fn disputes_before_a_treaty_do_not_trigger() {
    let w = world();
    let (bt, inc) = run(w, &["atop:3180", "nato"], 1946, 1960);
    let berlin: Vec<&RecordIncident> = inc
        .iter()
        .filter(|i| i.source == Source::Mid && i.dispute == 26)
        .collect();
    assert!(
        berlin.iter().any(|i| i.incident.target == USA),
        "MID 26 has the USA attacked"
    );
    for k in 0..2 {
        assert!(hit(&bt, &inc, k, 26, USA).is_none());
        assert!(bt.treaties[k]
            .hits
            .iter()
            .all(|h| inc[h.incident].incident.date >= day("1949-04-04")));
        assert!(bt.treaties[k]
            .years
            .iter()
            .filter(|y| y.year < 1949)
            .all(|y| y.triggered + y.undetermined == 0));
    }
    // As if in force since 1946, the blockade (no shot fired, fatality level 0) stays below
    // the gravity threshold of an armed attack (docs/backtest.md): NATO's Art. 5 is not
    // triggered, though the incident is in the record.
    let nato = as_if_since(w.treaty("nato").unwrap(), day("1946-01-01"));
    let (window, inc) = mids(w, 1946, 1960, 2);
    let berlin = inc
        .iter()
        .find(|i| i.source == Source::Mid && i.dispute == 26 && i.incident.target == USA)
        .expect("MID 26 has the USA attacked");
    assert_eq!(berlin.incident.force, Force::LessGraveUseOfForce);
    let bt = backtest(w, &[&nato], &inc, window, &[Kind::Defence], &|_| {});
    assert!(hit(&bt, &inc, 0, 26, USA).is_none());
}

/// The Ukraine variants applied to 1994–2022 as if in force since the Budapest Memorandum.
#[test]
fn ukraine_b_as_if_since_budapest() {
    let w = world();
    let since = day("1994-12-05");
    let b = as_if_since(w.treaty("ukraine-b").unwrap(), since);
    let a = as_if_since(w.treaty("ukraine-a").unwrap(), since);
    assert_eq!(b.in_force, Some(since));
    assert!(b.parties.iter().all(|p| p.entry == since));
    let window = Window::new(since, day("2022-12-31")).unwrap();
    let all = incidents::build(w, Sources::default());
    let inc = Selection {
        window,
        min_hostility: 2,
    }
    .apply(&all);
    let bt = backtest(w, &[&b, &a], &inc, window, &[], &|_| {});
    let label = |h: &casus_backtest::Hit| inc[h.incident].label();
    let b_hits: Vec<String> = bt.treaties[0].hits.iter().map(label).collect();
    for id in ["crimea-2014", "kerch-2018", "ukraine-2022"] {
        let h = bt.treaties[0]
            .hits
            .iter()
            .find(|h| label(h) == id)
            .unwrap_or_else(|| panic!("{id} not in {b_hits:?}"));
        assert_eq!(
            obligors(h, Kind::Defence, Status::Triggered),
            vec![USA, UKG, FRN],
            "{id}"
        );
    }
    // Russian displays of force against Ukraine before 2014 (MID 4098, 1996) meet only the
    // consultation clause: they are no armed attack.
    let h = bt.treaties[0]
        .hits
        .iter()
        .find(|h| label(h) == "MID 4098")
        .expect("MID 4098");
    assert_eq!(
        inc[h.incident]
            .incident
            .attacker_states()
            .collect::<Vec<_>>(),
        vec![RUS]
    );
    assert_eq!(inc[h.incident].incident.target, UKR);
    assert!(obligors(h, Kind::Defence, Status::Triggered).is_empty());
    assert_eq!(
        obligors(h, Kind::Consultation, Status::Triggered),
        vec![USA, UKG, FRN]
    );
    assert_eq!(bt.treaties[0].counts.military, 3);
    // Variant A (US only, automatic) for the same three attacks.
    assert_eq!(bt.treaties[1].counts.military, 3);
    assert_eq!(
        bt.treaties[1]
            .exposure
            .iter()
            .map(|e| e.obligor)
            .collect::<Vec<_>>(),
        vec![USA]
    );
}

/// MIDs carry no location; a matching library incident supplies it. The Falklands (MID
/// 3630, Argentina against the UK, from 31 March 1982) lie in the South Atlantic, outside
/// NATO's Art. 6 area: Art. 5 does not apply.
#[test]
fn falklands_take_the_library_place_and_fall_outside_art_6() {
    let w = world();
    let (bt, inc) = run(w, &["nato"], 1982, 1982);
    let falklands = inc
        .iter()
        .find(|i| i.source == Source::Mid && i.dispute == 3630 && i.incident.target == UKG)
        .expect("MID 3630");
    assert_eq!(
        falklands.incident.attacker_states().collect::<Vec<_>>(),
        vec![ARG]
    );
    assert!(
        matches!(falklands.incident.place, Place::Region(_)),
        "{:?}",
        falklands.incident.place
    );
    if let Some(h) = hit(&bt, &inc, 0, 3630, UKG) {
        assert!(obligors(h, Kind::Defence, Status::Triggered).is_empty());
        assert!(obligors(h, Kind::Defence, Status::Undetermined).is_empty());
    }
}

#[test]
fn counts_add_up_and_results_are_deterministic() {
    let w = world();
    let (bt, inc) = run(w, &["nato", "atop:3180", "rio-1947"], 1816, 2022);
    for t in &bt.treaties {
        let (tr, un): (u32, u32) = t
            .years
            .iter()
            .fold((0, 0), |a, y| (a.0 + y.triggered, a.1 + y.undetermined));
        assert_eq!(
            (tr, un),
            (t.counts.triggered, t.counts.undetermined),
            "{}",
            t.id
        );
        assert_eq!(t.years.len(), 2022 - 1816 + 1);
        assert!(t.counts.disputes_triggered <= t.counts.triggered);
        assert!(t
            .exposure
            .windows(2)
            .all(|p| p[0].triggered.incidents >= p[1].triggered.incidents));
        for e in &t.exposure {
            assert!(e.triggered.incidents <= t.counts.triggered);
            assert!(e.triggered.disputes as usize == e.disputes.len());
        }
    }
    let (again, _) = run(w, &["nato", "atop:3180", "rio-1947"], 1816, 2022);
    assert_eq!(bt, again);
    let combined = bt.combined_years(&inc);
    let total: u32 = combined.iter().map(|y| y.triggered).sum();
    assert!(
        total
            >= bt
                .treaties
                .iter()
                .map(|t| t.counts.triggered)
                .max()
                .unwrap()
    );
}

#[test]
fn windows_reject_reversed_bounds() {
    assert!(Window::years(2000, 1990)
        .unwrap_err()
        .to_string()
        .contains("empty window"));
    assert!(Window::years(999, 1990).is_err());
    assert!(Window::years(1990, 1990).is_ok());
}

/// Uncertain days: MID 3195 (1951) begins on an unknown day of April; incidents keep the
/// whole month, and obligations that differ across it are undetermined.
#[test]
fn unknown_days_span_the_month() {
    let w = world();
    let all = incidents::mid_incidents(&w.record);
    let i = all
        .iter()
        .find(|i| i.dispute == 3195 && i.entry == Entry::Origin)
        .expect("MID 3195");
    assert_eq!(
        (i.incident.date, i.latest),
        (day("1951-04-01"), day("1951-04-30"))
    );
    assert!(!i.exact());
}

fn atop(w: &World) -> Vec<&Treaty> {
    w.treaties
        .iter()
        .filter(|t| matches!(t.origin, Origin::Atop { .. }))
        .collect()
}

/// 1914: Germany, Austria-Hungary and the Ottoman Empire at war with Russia; France,
/// Russia's ally under the Franco-Russian alliance (ATOP 1385), fought on Russia's side.
#[test]
fn reliability_france_honoured_the_russian_alliance_in_1914() {
    let w = world();
    let window = Window::years(1816, 1944).unwrap();
    let all = incidents::build(
        w,
        Sources {
            mids: false,
            wars: true,
            library: false,
        },
    );
    let mut inc = Selection {
        window,
        min_hostility: 5,
    }
    .apply(&all);
    inc.retain(|i| i.entry != Entry::TargetJoins);
    let ts = atop(w);
    let r = reliability(w, &ts, &inc, &|_| {});
    let case = r
        .cases
        .iter()
        .find(|c| {
            ts[c.treaty].id == "atop:1385"
                && c.beneficiary == RUS
                && c.obligor == FRN
                && inc[c.incident].dispute == 106
        })
        .expect("France–Russia 1914");
    assert!(matches!(
        case.applies,
        Applies::Triggered | Applies::Undetermined
    ));
    assert_eq!(case.outcome, Outcome::Honoured);
    assert!(case.bilateral);
    // Rates are shares of judged cases (each honoured or violated), and the breakdowns
    // partition them.
    let o = &r.overall.with_undetermined;
    assert_eq!(o.cases, o.honoured + o.violated);
    assert!(o.stayed_out + o.opposed <= o.cases);
    for b in &r.breakdowns {
        assert_eq!(
            b.rows
                .iter()
                .map(|x| x.with_undetermined.cases)
                .sum::<u32>(),
            o.cases,
            "{}",
            b.by
        );
    }
    assert!(r.alliances.with_undetermined.cases <= o.cases);
    assert_eq!(r, reliability(w, &ts, &inc, &|_| {}));
}

/// An ally among the attackers is counted apart, never as a case of the pledge.
#[test]
fn reliability_ally_among_the_attackers_is_counted_apart() {
    let w = world();
    let window = Window::years(1866, 1866).unwrap();
    let all = incidents::build(
        w,
        Sources {
            mids: false,
            wars: true,
            library: false,
        },
    );
    let inc = Selection {
        window,
        min_hostility: 5,
    }
    .apply(&all);
    let ts = atop(w);
    let r = reliability(w, &ts, &inc, &|_| {});
    // The Seven Weeks' War: Prussia, a member of the German Confederation (ATOP 1020),
    // attacks Hanover, another member.
    let c = r
        .cases
        .iter()
        .find(|c| ts[c.treaty].id == "atop:1020" && c.obligor == 255 && c.beneficiary == 240)
        .expect("Prussia–Hanover 1866");
    assert_eq!(
        (c.applies, c.outcome),
        (Applies::AllyAttacks, Outcome::Opposed)
    );
    assert!(r.overall.ally_attacks > 0);
}
