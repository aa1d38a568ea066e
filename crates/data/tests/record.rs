//! Pinned facts of the bundled record: row counts from shared/data/SOURCES.md, and states
//! of the system on known days.

use casus_core::Day;
use casus_data::{load_world, DataSource};
use std::sync::OnceLock;

fn world() -> &'static casus_core::World {
    static W: OnceLock<casus_core::World> = OnceLock::new();
    W.get_or_init(|| load_world(&DataSource::Bundled).expect("bundled data load"))
}

#[test]
fn row_counts_match_sources() {
    let r = &world().record;
    assert_eq!(r.states.len(), 243);
    assert_eq!(r.gw_states.len(), 239);
    assert_eq!(r.atop_dyads.len(), 273_296);
    assert_eq!(r.atop5.alliances.rows(), 789);
    assert_eq!(r.atop5.members.rows(), 2_510);
    assert_eq!(r.atop4.alliances.rows(), 745);
    assert_eq!(r.atop4.members.rows(), 2_398);
    assert_eq!(r.cow_alliances.len(), 120_784);
    assert_eq!(r.capabilities.len(), 17_121);
    assert_eq!(r.majors.len(), 14);
    assert_eq!(r.powers.len(), 20);
    assert_eq!(r.contiguity.len(), 1_874);
    assert_eq!(r.capitals.len(), 242);
    assert_eq!(r.gw_capitals.len(), 264);
    assert_eq!(r.mid_participants.len(), 5_217);
    assert_eq!(r.mid_disputes.len(), 2_174);
    assert_eq!(r.mid_dirdisp.rows(), 10_276);
    assert_eq!(r.mid_ddy.rows(), 9_284);
    assert_eq!(r.wars.len(), 1_932);
    assert_eq!(r.rivalries_td.len(), 197);
    assert_eq!(r.rivalries_tss.len(), 264);
    assert_eq!(r.false_dyads.len(), 60);
    assert_eq!(r.atop5.version, "5.1");
}

#[test]
fn missing_codes_become_absent() {
    let r = &world().record;
    // NMC: USA 1816 has every value; some state-years lack milex.
    assert!(r.capabilities.milex.iter().any(Option::is_none));
    // GML participants: unknown start days (-9) are None, never -9.
    assert!(r.mid_participants.iter().any(|p| p.start.day.is_none()));
    assert!(r
        .mid_participants
        .iter()
        .all(|p| p.start.day.is_none_or(|d| (1..=31).contains(&d))));
}

#[test]
fn system_members_on_known_days() {
    let s = &world().states;
    let on = |d: &str| s.members_on(Day::parse(d).unwrap()).len();
    // Germany (255) re-enters on 1990-10-03 as the GDR (265) and FRG (260) leave the day before.
    let reunification = Day::parse("1990-10-03").unwrap();
    assert!(s.is_member(255, reunification));
    assert!(!s.is_member(255, Day::parse("1990-10-02").unwrap()));
    assert!(!s.is_member(260, reunification));
    assert!(!s.is_member(265, reunification));
    // Counted independently from cw_system.csv (spells containing the day).
    assert_eq!(on("1990-10-03"), 161);
    assert_eq!(on("2016-12-31"), 195);
    // Yemen: North Yemen (678) and South Yemen (680) merge into Yemen (679) in 1990.
    assert!(s.is_member(679, Day::parse("1990-05-22").unwrap()));
    assert!(!s.is_member(680, Day::parse("1990-05-22").unwrap()));
}

#[test]
fn names_resolve() {
    let s = &world().states;
    for name in [
        "USA",
        "2",
        "United States",
        "united states of america",
        "U.S.A.",
        "america",
    ] {
        assert_eq!(s.resolve(name), Ok(2), "{name}");
    }
    assert_eq!(s.resolve("UKR"), Ok(369));
    assert_eq!(s.resolve("Ukraine"), Ok(369));
    assert_eq!(s.resolve("DEU"), Ok(255));
    assert_eq!(s.resolve("GBR"), Ok(200));
    assert_eq!(s.resolve("Russia"), Ok(365));
    // COW abbreviations win over ISO codes that spell the same letters.
    assert_eq!(
        s.resolve("SLV"),
        Ok(349),
        "SLV is Slovenia in COW (El Salvador in ISO)"
    );
    assert_eq!(
        s.resolve("AUS"),
        Ok(305),
        "AUS is Austria in COW (Australia in ISO)"
    );
    assert_eq!(s.resolve("Australia"), Ok(900));
    let err = s.resolve("Ukrane").unwrap_err().to_string();
    assert!(err.contains("Ukraine"), "{err}");
    assert!(s.resolve("999").is_err());
}

#[test]
fn nato_in_atop() {
    let w = world();
    let nato = w.treaty("atop:3180").expect("ATOP 3180 is NATO");
    let founding = Day::parse("1949-04-04").unwrap(); // ATOP codes the signature date
    let mut founders: Vec<u16> = nato.parties_on(founding).map(|p| p.ccode).collect();
    founders.sort();
    founders.dedup();
    assert_eq!(
        founders,
        vec![2, 20, 200, 210, 211, 212, 220, 235, 325, 385, 390, 395]
    );
    let mut in2016: Vec<u16> = nato
        .parties_on(Day::parse("2016-12-31").unwrap())
        .map(|p| p.ccode)
        .collect();
    in2016.sort();
    in2016.dedup();
    // ATOP codes entry at signature: Montenegro's accession protocol was signed on
    // 2016-05-19, so ATOP has 29 members on 2016-12-31 (NATO itself counts 28 until 2017-06-05).
    assert_eq!(in2016.len(), 29);
    assert!(in2016.contains(&341));
}

#[test]
fn missing_file_in_data_dir_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let err = load_world(&DataSource::Dir(dir.path().to_path_buf()))
        .unwrap_err()
        .to_string();
    assert!(err.contains("is missing"), "{err}");
    assert!(err.contains(".csv"), "{err}");
}

#[test]
fn malformed_row_names_file_line_column_value() {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in casus_data::BUNDLED {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let mut data = zstd::decode_all(*bytes).unwrap();
        if *name == "atop_alliance.csv" {
            let s = String::from_utf8(data).unwrap().replacen(
                "2,20,1943,1,1,0,0,0",
                "2,20,1943,1,2,0,0,0",
                1,
            );
            data = s.into_bytes();
        }
        if *name == "cow_nmc.csv" {
            let s = String::from_utf8(data)
                .unwrap()
                .replacen("2,1817,2466", "2,1817,lots", 1);
            data = s.into_bytes();
        }
        std::fs::write(path, data).unwrap();
    }
    let err = load_world(&DataSource::Dir(dir.path().to_path_buf()))
        .unwrap_err()
        .to_string();
    // Errors are reported in a deterministic order: ATOP's file sorts first.
    assert_eq!(
        err,
        "atop_alliance.csv:3: column `atop_offense`, value `2`: expected 0 or 1"
    );
    let only_nmc = casus_data::load_record_parts(
        &DataSource::Dir(dir.path().to_path_buf()),
        casus_data::Parts::NMC,
    )
    .unwrap_err();
    assert_eq!(
        only_nmc.to_string(),
        "cow_nmc.csv:3: column `milex`, value `lots`: expected a number"
    );
}

#[test]
fn dyad_file_scanner_reports_malformed_rows() {
    let cases = [
        (
            "2,20,1942,1,1,0,0,0\n2,20,19x3,1,1,0,0,0\n",
            "atop_alliance.csv:3: column `year`, value `x`: unexpected character",
        ),
        (
            "2,20,1942,1,1,0,0\n",
            "atop_alliance.csv:2: column `atop_nonagg`, value ``: expected 8 fields, found 7",
        ),
        (
            "2,20,1942,1,1,0,0,0,1\n",
            "atop_alliance.csv:2: column `atop_consul`, value ``: expected 8 fields",
        ),
        (
            "2,,1942,1,1,0,0,0\n",
            "atop_alliance.csv:2: column `ccode2`, value ``: expected a non-negative integer",
        ),
        (
            "70000,20,1942,1,1,0,0,0\n",
            "atop_alliance.csv:2: column `ccode1`, value ``: value out of range",
        ),
    ];
    for (body, expected) in cases {
        let dir = tempfile::tempdir().unwrap();
        let text = format!("ccode1,ccode2,year,atop_defense,atop_offense,atop_neutral,atop_nonagg,atop_consul\n{body}");
        std::fs::write(dir.path().join("atop_alliance.csv"), text).unwrap();
        let err = casus_data::load_record_parts(
            &DataSource::Dir(dir.path().to_path_buf()),
            casus_data::Parts::ATOP_DYADS,
        )
        .unwrap_err()
        .to_string();
        assert_eq!(err, expected, "{body:?}");
    }
    // A last row without a newline still counts.
    let dir = tempfile::tempdir().unwrap();
    let text = "ccode1,ccode2,year,atop_defense,atop_offense,atop_neutral,atop_nonagg,atop_consul\n2,20,1942,1,1,0,0,0\r\n20,2,1942,1,0,0,0,1";
    std::fs::write(dir.path().join("atop_alliance.csv"), text).unwrap();
    let r = casus_data::load_record_parts(
        &DataSource::Dir(dir.path().to_path_buf()),
        casus_data::Parts::ATOP_DYADS,
    )
    .unwrap();
    assert_eq!(r.atop_dyads.len(), 2);
    assert_eq!(r.atop_dyads.flags, vec![3, 17]);
}
