//! Portfolio similarity on a three-state system computed by hand (docs/similarity.md).
//!
//! Year 2000; members 2, 20, 200 (in that order). ATOP: 2 and 20 have a defence and
//! consultation pact (both directions); 2 pledges consultation to 200 (one direction only).
//! CINC: 2 = 0.5, 20 = 0.1, 200 = 0.4.
//!
//! Portfolios with the `sr` coding (self = 3):
//!
//! | direction  | 2       | 20      | 200     |
//! |------------|---------|---------|---------|
//! | undirected | 3 3 1   | 3 3 0   | 1 0 3   |
//! | sent       | 3 3 1   | 3 3 0   | 0 0 3   |
//! | received   | 3 3 0   | 3 3 0   | 1 0 3   |

use casus_core::record::{
    obligation_bits as ob, AtopRelease, Capabilities, DyadFlags, IntFrame, Record, StateSpell,
};
use casus_core::{Day, Span};
use casus_dyad::{
    alliance_similarity, create_dyad_years, CreateOptions, Distance, Frame, MemberFile, Options,
    Quiet, SimilarityOptions, Step, TieCoding, TieDirection, Weighting,
};
use casus_similarity::{all_measures, SR_MAX};

fn record() -> Record {
    let spell = |c: u16| StateSpell {
        ccode: c,
        abb: format!("S{c}"),
        name: format!("State {c}"),
        span: Span::new(
            Day::from_ymd(1999, 1, 1).unwrap(),
            Day::from_ymd(2001, 12, 31).unwrap(),
        ),
    };
    let mut atop = DyadFlags::default();
    for (a, b, f) in [
        (2, 20, ob::DEFENSE | ob::CONSUL),
        (20, 2, ob::DEFENSE | ob::CONSUL),
        (2, 200, ob::CONSUL),
    ] {
        atop.ccode1.push(a);
        atop.ccode2.push(b);
        atop.year.push(2000);
        atop.flags.push(f);
    }
    let mut caps = Capabilities::default();
    for (c, cinc) in [(2, 0.5), (20, 0.1), (200, 0.4)] {
        caps.ccode.push(c);
        caps.year.push(2000);
        for v in [
            &mut caps.milex,
            &mut caps.milper,
            &mut caps.irst,
            &mut caps.pec,
            &mut caps.tpop,
            &mut caps.upop,
        ] {
            v.push(None);
        }
        caps.cinc.push(Some(cinc));
    }
    let col = |v: &[i32]| v.iter().map(|&x| Some(x)).collect::<Vec<_>>();
    let members = IntFrame {
        names: ["atopid", "member", "yrent", "yrexit"]
            .map(String::from)
            .to_vec(),
        columns: vec![
            col(&[1001, 1001, 1001]),
            col(&[2, 20, 200]),
            col(&[2000, 2000, 2000]),
            col(&[0, 0, 0]),
        ],
    };
    Record {
        states: vec![spell(2), spell(20), spell(200)],
        atop_dyads: atop,
        capabilities: caps,
        atop5: AtopRelease {
            version: "test".into(),
            alliances: IntFrame::default(),
            members,
        },
        ..Record::default()
    }
}

fn frame(rec: &Record, directed: bool, sim: SimilarityOptions) -> Frame {
    let mut f = create_dyad_years(
        rec,
        &CreateOptions {
            directed,
            years: Some((2000, 2000)),
            current_year: 2001,
        },
    )
    .unwrap();
    f.add(
        Step::Sscore,
        rec,
        &Options {
            similarity: sim,
            ..Options::default()
        },
    )
    .unwrap();
    f
}

fn get(f: &Frame, col: &str, a: u16, b: u16) -> f64 {
    f.value(col, a, Some(b), 2000)
        .and_then(|v| v.as_f64())
        .unwrap_or(f64::NAN)
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-12
}

#[test]
fn s_scores_by_hand() {
    let rec = record();
    let f = frame(&rec, true, SimilarityOptions::default());
    assert_eq!(f.names()[3..], ["s_un", "s_wt", "pi", "kappa", "taub"]);
    // Undirected ties, absolute distance, d_max 3, three members: S = 1 − 2·Σd / 9.
    assert!(close(get(&f, "s_un", 2, 20), 1.0 - 2.0 / 9.0)); // Σd = 1
    assert!(close(get(&f, "s_un", 2, 200), 1.0 - 14.0 / 9.0)); // Σd = 2 + 3 + 2
    assert!(close(get(&f, "s_un", 20, 200), 1.0 - 16.0 / 9.0)); // Σd = 2 + 3 + 3
                                                                // Symmetric in a directed frame.
    assert_eq!(get(&f, "s_un", 200, 2), get(&f, "s_un", 2, 200));
    // CINC-weighted: Σ w·d = 0.4·1, Σ w = 1: S = 1 − 2·0.4 / 3.
    assert!(close(get(&f, "s_wt", 2, 20), 1.0 - 0.8 / 3.0));
    // π, κ and τ-b are the similarity crate's, applied to these portfolios.
    let m = all_measures(&[3, 3, 1], &[1, 0, 3], None, SR_MAX);
    assert!(
        close(get(&f, "pi", 2, 200), m.pi)
            && close(get(&f, "kappa", 2, 200), m.kappa)
            && close(get(&f, "taub", 2, 200), m.tau_b)
    );
}

#[test]
fn directions_codings_and_distance() {
    let rec = record();
    let with = |direction, ties, distance| {
        frame(
            &rec,
            false,
            SimilarityOptions {
                direction,
                ties,
                distance,
                ..SimilarityOptions::default()
            },
        )
    };
    let sent = with(TieDirection::Sent, TieCoding::Sr, Distance::Absolute);
    assert!(close(get(&sent, "s_un", 2, 200), 1.0 - 16.0 / 9.0)); // 3 3 1 vs 0 0 3
    let received = with(TieDirection::Received, TieCoding::Sr, Distance::Absolute);
    assert!(close(get(&received, "s_un", 2, 20), 1.0)); // 3 3 0 vs 3 3 0
    let squared = with(TieDirection::Undirected, TieCoding::Sr, Distance::Squared);
    assert!(close(get(&squared, "s_un", 2, 200), 1.0 - 34.0 / 27.0)); // Σd² = 4 + 9 + 4, d_max² = 9
    let binary = with(
        TieDirection::Undirected,
        TieCoding::Binary,
        Distance::Absolute,
    );
    assert!(close(get(&binary, "s_un", 2, 200), 1.0 - 2.0 / 3.0)); // 1 1 1 vs 1 0 1
    assert_eq!(sent.ccode1().len(), 3, "non-directed frame: three dyads");
}

#[test]
fn tie_codings() {
    use TieCoding::*;
    let (d, o, n, a, c) = (
        ob::DEFENSE,
        ob::OFFENSE,
        ob::NEUTRAL,
        ob::NONAGG,
        ob::CONSUL,
    );
    assert_eq!(
        [
            Sr.code(d),
            Sr.code(o),
            Sr.code(n),
            Sr.code(a),
            Sr.code(c),
            Sr.code(0)
        ],
        [3, 3, 2, 2, 1, 0]
    );
    assert_eq!(Sr.code(a | c), 2);
    // atop-fp: defence/offence 3, else neutrality 2, else non-aggression 1, else consultation 2.
    assert_eq!(
        [
            AtopFp.code(d | c),
            AtopFp.code(n | a),
            AtopFp.code(a | c),
            AtopFp.code(c),
            AtopFp.code(0)
        ],
        [3, 2, 1, 2, 0]
    );
    assert_eq!(
        [Binary.code(c), Binary.code(d | n), Binary.code(0)],
        [1, 1, 0]
    );
    assert_eq!(Sr.code(ob::ENTENTE), 1);
}

#[test]
fn only_the_asked_weightings_become_columns() {
    let rec = record();
    let f = frame(
        &rec,
        false,
        SimilarityOptions {
            weights: vec![Weighting::Cinc],
            ..SimilarityOptions::default()
        },
    );
    assert_eq!(f.names()[3..], ["s_wt", "pi", "kappa", "taub"]);
}

#[test]
fn alliance_means_and_minima() {
    let rec = record();
    let opts = SimilarityOptions::default();
    let rows = alliance_similarity(
        &rec,
        Some(&[1001]),
        MemberFile::Atop5,
        Weighting::None,
        &opts,
        2001,
        &Quiet,
    )
    .unwrap();
    assert_eq!(rows.len(), 1, "ties only in 2000: {rows:?}");
    let r = &rows[0];
    assert_eq!((r.atopid, r.year, r.dyads), (1001, 2000, 3));
    let s = [1.0 - 2.0 / 9.0, 1.0 - 14.0 / 9.0, 1.0 - 16.0 / 9.0];
    assert!(close(r.mean_s, s.iter().sum::<f64>() / 3.0));
    assert!(close(r.min_s, 1.0 - 16.0 / 9.0));
    assert!(r.min_pi <= r.mean_pi && r.min_kappa <= r.mean_kappa);
    let err = alliance_similarity(
        &rec,
        Some(&[42]),
        MemberFile::Atop5,
        Weighting::None,
        &opts,
        2001,
        &Quiet,
    )
    .unwrap_err();
    assert!(err.to_string().contains("42"));
}
