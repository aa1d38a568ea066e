//! The built-in library parses cleanly against the real bundled state system, and its
//! facts hang together: member counts on known days, the `nato` group in step with
//! nato.toml, a source on every dated fact, proposals dated and sourced.

use casus_core::treaty::{Scope, Selector, Strength, TerritoryRule, Treaty, TreatyStatus};
use casus_core::{Ccode, Day, StateSystem};
use casus_spec::Library;
use std::sync::OnceLock;

fn states() -> &'static StateSystem {
    static S: OnceLock<StateSystem> = OnceLock::new();
    S.get_or_init(|| {
        casus_data::load_world(&casus_data::DataSource::Bundled)
            .expect("bundled data loads")
            .states
    })
}

fn lib() -> &'static Library {
    static L: OnceLock<Library> = OnceLock::new();
    L.get_or_init(|| {
        casus_spec::library(states()).unwrap_or_else(|e| panic!("library errors:\n{e}"))
    })
}

fn day(s: &str) -> Day {
    Day::parse(s).unwrap()
}

fn treaty(id: &str) -> &'static Treaty {
    lib()
        .treaties
        .iter()
        .find(|t| t.id == id)
        .unwrap_or_else(|| panic!("no treaty {id}"))
}

fn members_on(t: &Treaty, d: &str) -> Vec<Ccode> {
    let mut v: Vec<Ccode> = t.parties_on(day(d)).map(|p| p.ccode).collect();
    v.sort_unstable();
    v.dedup();
    v
}

fn clause<'t>(t: &'t Treaty, article: &str) -> &'t casus_core::treaty::Clause {
    t.clauses
        .iter()
        .find(|c| c.article == article)
        .unwrap_or_else(|| panic!("{} has no Art. {article}", t.id))
}

#[test]
fn library_parses_cleanly() {
    let l = lib();
    let ids: Vec<&str> = l.treaties.iter().map(|t| t.id.as_str()).collect();
    for id in [
        "nato",
        "budapest-1994",
        "us-japan-1960",
        "anzus-1951",
        "rio-1947",
        "csto",
        "eu-42-7",
        "ukraine-a",
        "ukraine-b",
        "ukraine-b-recognised",
        "ukraine-c",
        "ukraine-d",
    ] {
        assert!(ids.contains(&id), "{id} missing from {ids:?}");
    }
    assert!(l.groups.iter().any(|g| g.id == "eu") && l.groups.iter().any(|g| g.id == "nato"));
    assert!(l.incidents.len() >= 8);
    assert!(l.examples.len() >= 20);
}

#[test]
fn nato_membership_over_time() {
    let nato = treaty("nato");
    assert_eq!(nato.atopid, Some(3180));
    assert_eq!(members_on(nato, "1949-08-24").len(), 12);
    assert_eq!(members_on(nato, "1952-02-18").len(), 14);
    assert_eq!(members_on(nato, "1955-05-06").len(), 15);
    assert_eq!(members_on(nato, "1982-05-30").len(), 16);
    let reunified = members_on(nato, "1990-10-03");
    assert!(reunified.contains(&255) && !reunified.contains(&260));
    assert!(members_on(nato, "1990-10-02").contains(&260));
    assert_eq!(members_on(nato, "2001-09-11").len(), 19);
    assert_eq!(members_on(nato, "2004-03-29").len(), 26);
    assert_eq!(members_on(nato, "2009-04-01").len(), 28);
    assert_eq!(members_on(nato, "2017-06-05").len(), 29);
    assert_eq!(members_on(nato, "2020-03-27").len(), 30);
    assert_eq!(members_on(nato, "2023-04-04").len(), 31);
    assert_eq!(members_on(nato, "2024-03-06").len(), 31);
    assert_eq!(members_on(nato, "2024-03-07").len(), 32);
    // Exactly these states (COW codes; SLV is Slovenia, SLO Slovakia, MNG Montenegro, MAC
    // North Macedonia).
    assert_eq!(
        members_on(nato, "2025-09-01"),
        vec![
            2, 20, 200, 210, 211, 212, 220, 230, 235, 255, 290, 310, 316, 317, 325, 339, 341, 343,
            344, 349, 350, 355, 360, 366, 367, 368, 375, 380, 385, 390, 395, 640
        ]
    );
    // So a 2025 attack on Estonia obliges 31 others.
    assert_eq!(
        members_on(nato, "2025-09-01")
            .iter()
            .filter(|&&c| c != 366)
            .count(),
        31
    );
}

#[test]
fn nato_article_5_points_to_article_6() {
    let nato = treaty("nato");
    let a5 = clause(nato, "5");
    assert_eq!(a5.strength, Strength::AsItDeemsNecessary);
    assert_eq!(a5.scope.article.as_deref(), Some("6"));
    assert!(!a5.scope.anywhere);
    assert!(a5.scope.states.contains(&640), "Turkey explicitly");
    assert!(a5.scope.forces);
    assert_eq!(clause(nato, "4").strength, Strength::Consult);
    assert_eq!(clause(nato, "4").scope, Scope::anywhere());
}

#[test]
fn nato_group_matches_nato_toml() {
    let g = lib().groups.iter().find(|g| g.id == "nato").unwrap();
    let mut from_group: Vec<(Ccode, Day, Option<Day>)> = g
        .members
        .iter()
        .map(|m| (m.ccode, m.entry, m.exit))
        .collect();
    let mut from_treaty: Vec<(Ccode, Day, Option<Day>)> = treaty("nato")
        .parties
        .iter()
        .map(|p| (p.ccode, p.entry, p.exit))
        .collect();
    from_group.sort();
    from_treaty.sort();
    assert_eq!(from_group, from_treaty);
}

#[test]
fn eu_membership_over_time() {
    let eu = lib().groups.iter().find(|g| g.id == "eu").unwrap();
    let on = |d: &str| {
        let mut v: Vec<Ccode> = eu.members_on(day(d)).collect();
        v.sort_unstable();
        v
    };
    assert_eq!(on("1958-01-01").len(), 6);
    assert_eq!(on("1973-01-01").len(), 9);
    assert_eq!(on("1981-01-01").len(), 10);
    assert_eq!(on("1986-01-01").len(), 12);
    assert_eq!(on("1995-01-01").len(), 15);
    assert_eq!(on("2004-05-01").len(), 25);
    assert_eq!(on("2007-01-01").len(), 27);
    assert_eq!(on("2013-07-01").len(), 28);
    assert_eq!(on("2015-11-13").len(), 28);
    assert!(on("2020-01-31").contains(&200));
    assert!(!on("2020-02-01").contains(&200));
    assert_eq!(
        on("2025-09-01"),
        vec![
            205, 210, 211, 212, 220, 230, 235, 255, 290, 305, 310, 316, 317, 325, 338, 344, 349,
            350, 352, 355, 360, 366, 367, 368, 375, 380, 390
        ]
    );
    assert!(on("1990-10-03").contains(&255) && !on("1990-10-03").contains(&260));
    // TEU Art. 42(7) binds the group's members from the Lisbon Treaty on.
    let t = treaty("eu-42-7");
    assert_eq!(t.in_force, Some(day("2009-12-01")));
    assert_eq!(members_on(t, "2015-11-13").len(), 28);
}

#[test]
fn every_fact_has_a_source_and_every_clause_a_paraphrase() {
    for t in &lib().treaties {
        assert!(!t.sources.is_empty(), "{} has no sources", t.id);
        for p in &t.parties {
            assert!(
                p.source.as_deref().is_some_and(|s| !s.is_empty())
                    || t.id == "eu-42-7"
                    || t.id == "ukraine-d",
                "{}: party {} has no source",
                t.id,
                p.ccode
            );
        }
        for c in &t.clauses {
            assert!(!c.paraphrase.is_empty() && !c.article.is_empty());
        }
        if let Some(a) = &t.accession {
            assert!(
                a.positions.iter().all(|p| p.2.is_some()),
                "{}: a position without source",
                t.id
            );
        }
    }
    for g in &lib().groups {
        assert!(!g.sources.is_empty(), "group {}", g.id);
        assert!(
            g.members.iter().all(|m| m.source.is_some()),
            "group {}: member without source",
            g.id
        );
    }
    for i in &lib().incidents {
        assert!(!i.sources.is_empty(), "incident {:?} has no source", i.id);
        assert!(i.description.is_some());
    }
}

#[test]
fn proposals_are_dated_and_cite_the_article() {
    for t in lib()
        .treaties
        .iter()
        .filter(|t| t.id.starts_with("ukraine-"))
    {
        assert_eq!(t.status, TreatyStatus::Proposed, "{}", t.id);
        assert!(t.signed.is_some_and(|d| d >= day("2025-08-15")), "{}", t.id);
        assert!(
            t.binds_on(day("2025-09-01")) && !t.binds_on(day("2025-08-14")),
            "{}",
            t.id
        );
        assert!(
            t.sources.iter().any(|s| s.contains("Witkoff")),
            "{} must cite the article",
            t.id
        );
        assert!(
            t.notes
                .iter()
                .any(|n| n.contains("casus design choice") || n.contains("Illustrative")),
            "{} must mark its design choices",
            t.id
        );
    }
}

#[test]
fn ukraine_variants_differ_where_they_should() {
    let a = treaty("ukraine-a");
    assert_eq!(clause(a, "1").strength, Strength::Automatic);
    assert_eq!(members_on(a, "2025-09-01"), vec![2, 369]);
    let b = treaty("ukraine-b");
    let br = treaty("ukraine-b-recognised");
    assert_eq!(clause(b, "2").strength, Strength::AsItDeemsNecessary);
    assert_eq!(clause(b, "2").scope.territory, TerritoryRule::Controlled);
    assert_eq!(clause(br, "2").scope.territory, TerritoryRule::Recognised);
    // Otherwise identical.
    let mut b2 = clause(br, "2").clone();
    b2.scope.territory = TerritoryRule::Controlled;
    b2.paraphrase = clause(b, "2").paraphrase.clone();
    b2.scope.paraphrase = clause(b, "2").scope.paraphrase.clone();
    assert_eq!(&b2, clause(b, "2"));
    assert_eq!(b.parties, br.parties);
    assert!(clause(b, "2")
        .contributions
        .iter()
        .any(|c| c.by == Selector::Group("eu".into())));
    let c = treaty("ukraine-c");
    assert!(c.clauses.iter().all(|c| c.strength <= Strength::Consult));
    let d = treaty("ukraine-d");
    let acc = d.accession.as_ref().unwrap();
    assert_eq!(acc.candidate, 369);
    assert_eq!(acc.article, "10");
    assert!(acc
        .positions
        .iter()
        .any(|p| p.0 == 2 && p.1 == casus_core::treaty::Position::Objects));
    assert_eq!(
        members_on(d, "2025-09-01").len(),
        33,
        "32 members and the candidate"
    );
}

#[test]
fn budapest_gives_assurances_only() {
    let t = treaty("budapest-1994");
    assert_eq!(t.clauses.len(), 4);
    assert!(
        t.clauses.iter().all(|c| c.strength <= Strength::Consult),
        "assurance or consultation strength only"
    );
}

#[test]
fn scopes_of_other_treaties() {
    let j = clause(treaty("us-japan-1960"), "5");
    assert_eq!(j.scope.territory, TerritoryRule::Controlled);
    assert_eq!(j.scope.states, vec![740]);
    assert!(j.scope.regions.is_empty());
    let anzus = clause(treaty("anzus-1951"), "IV");
    assert_eq!(anzus.scope.article.as_deref(), Some("V"));
    assert!(anzus.scope.forces);
    let rio = treaty("rio-1947");
    assert_eq!(members_on(rio, "2001-09-11").len(), 22);
    let csto = treaty("csto");
    assert_eq!(
        members_on(csto, "2022-09-13"),
        vec![365, 370, 371, 702, 703, 705]
    );
}

#[test]
fn incident_library() {
    let ids: Vec<&str> = lib()
        .incidents
        .iter()
        .filter_map(|i| i.id.as_deref())
        .collect();
    for id in [
        "crimea-2014",
        "kerch-2018",
        "ukraine-2022",
        "september-11-2001",
        "falklands-1982",
        "kuwait-1990",
        "korea-1950",
        "pearl-harbor-1941",
    ] {
        assert!(ids.contains(&id), "{id}");
    }
    let kerch = lib()
        .incidents
        .iter()
        .find(|i| i.id.as_deref() == Some("kerch-2018"))
        .unwrap();
    assert!(matches!(kerch.place, casus_core::incident::Place::Sea(_)));
    let pearl = lib()
        .incidents
        .iter()
        .find(|i| i.id.as_deref() == Some("pearl-harbor-1941"))
        .unwrap();
    assert_eq!(
        pearl.place,
        casus_core::incident::Place::Region(casus_core::treaty::Region::Pacific)
    );
}

#[test]
fn examples_point_at_clauses_of_their_treaty() {
    for (id, ex) in &lib().examples {
        let t = treaty(id);
        if let Some(a) = &ex.article {
            clause(t, a);
        }
        assert!(ex.expected_status.is_some() || ex.expected_obligors.is_some());
        assert!(
            ex.source.is_some()
                || ex
                    .note
                    .as_deref()
                    .is_some_and(|n| n.contains("ypothetical")),
            "{}:{} needs a source or must say it is hypothetical",
            ex.file,
            ex.line
        );
    }
}

/// Every `treaties/*.toml` file is compiled into the library (and nothing else is), and
/// each spec's id is its file name: a new treaty file cannot be forgotten in library.rs.
#[test]
fn every_treaty_file_is_in_the_library() {
    use casus_spec::library::{GROUPS, INCIDENTS, SPECS};
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut on_disk: Vec<String> = std::fs::read_dir(root.join("treaties"))
        .expect("treaties/ is readable")
        .map(|e| {
            e.expect("a directory entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|n| n.ends_with(".toml"))
        .map(|n| format!("treaties/{n}"))
        .collect();
    on_disk.sort();
    let mut built_in: Vec<String> = SPECS
        .iter()
        .map(|(p, _)| p.to_string())
        .chain([GROUPS.0.to_string(), INCIDENTS.0.to_string()])
        .collect();
    built_in.sort();
    assert_eq!(built_in, on_disk, "library.rs and treaties/ disagree");
    for (path, text) in SPECS {
        let on_disk = std::fs::read_to_string(root.join(path)).expect("readable");
        assert_eq!(*text, on_disk, "{path} differs from the compiled-in text");
    }
    for t in &lib().treaties {
        assert_eq!(
            format!("treaties/{}.toml", t.id),
            match &t.origin {
                casus_core::treaty::Origin::Library { file } => file.clone(),
                o => panic!("{} has origin {o:?}", t.id),
            },
            "a library spec's id is its file name"
        );
    }
}

/// Library ids are reserved for user specs (issue 13, finding 5); ATOP-like ids already were.
#[test]
fn user_specs_cannot_take_library_ids() {
    let groups = casus_spec::library_groups(states()).unwrap();
    let user = |f: &str| casus_core::treaty::Origin::User { file: f.into() };
    for (path, text) in casus_spec::library::SPECS {
        // The library file itself, unchanged: accepted (spec check treaties/*.toml).
        assert!(casus_spec::parse_spec(text, path, states(), &groups, user(path)).is_ok());
        let edited = format!("{text}\n# edited\n");
        let e = casus_spec::parse_spec(&edited, "mine.toml", states(), &groups, user("mine.toml"))
            .unwrap_err();
        assert_eq!(e.len(), 1, "{e}");
        let e = e.iter().next().unwrap();
        assert_eq!(e.key, "id");
        assert!(e.message.contains("is reserved"), "{e}");
        assert!(
            e.hint.as_deref().unwrap().contains("choose another id"),
            "{e}"
        );
    }
}

/// Item 6 of issue 10: exits encoded as what they were, on the primary record's day.
#[test]
fn exits_say_how_a_party_left() {
    use casus_core::treaty::ExitHow;
    let exit = |t: &str, c: Ccode| {
        let p = treaty(t)
            .parties
            .iter()
            .rfind(|p| p.ccode == c)
            .unwrap_or_else(|| panic!("{c} not in {t}"));
        (p.exit, p.exit_how)
    };
    // Cuba: excluded by Resolution VI of Punta del Este on 31 January 1962.
    assert_eq!(
        exit("rio-1947", 40),
        (Some(day("1962-01-31")), Some(ExitHow::Excluded))
    );
    assert_eq!(
        exit("oas-charter-1948", 40),
        (Some(day("1962-01-31")), Some(ExitHow::Excluded))
    );
    // New Zealand: the US suspended its obligations on 11 August 1986.
    assert_eq!(
        exit("anzus-1951", 920),
        (Some(day("1986-08-11")), Some(ExitHow::Suspended))
    );
    // Warsaw Pact: dissolved; the GDR ends with unification.
    assert_eq!(
        exit("warsaw-pact-1955", 365),
        (Some(day("1991-07-01")), Some(ExitHow::Ended))
    );
    assert_eq!(
        exit("warsaw-pact-1955", 339),
        (Some(day("1968-09-12")), Some(ExitHow::Withdrew))
    );
    // Parties that have not left carry no kind of exit.
    assert_eq!(exit("nato", 2), (None, None));
}

/// The multilateral pacts replace their ATOP records, with their real names, and the
/// CSTO dates differ from ATOP where the primary record does.
#[test]
fn multilateral_pacts_replace_their_atop_records() {
    for (id, atop) in [
        ("oas-charter-1948", 3150),
        ("arab-league-1950", 3205),
        ("seato-1954", 3260),
        ("baghdad-pact-1955", 3275),
        ("warsaw-pact-1955", 3285),
        ("cis-charter-1993", 4400),
        ("csto", 4220),
    ] {
        assert_eq!(treaty(id).atopid, Some(atop), "{id}");
        assert!(!treaty(id).name.starts_with("ATOP"), "{id}");
    }
    // Warsaw Pact members in 1968, before Albania's withdrawal took effect, and after.
    assert_eq!(
        members_on(treaty("warsaw-pact-1955"), "1968-09-01").len(),
        8
    );
    assert_eq!(
        members_on(treaty("warsaw-pact-1955"), "1970-01-01").len(),
        7
    );
    // CSTO: Belarus from 31 December 1993, Uzbekistan back from 16 August 2006.
    let csto = treaty("csto");
    assert!(members_on(csto, "1993-12-31").contains(&370));
    assert!(!members_on(csto, "1993-12-30").contains(&370));
    assert!(members_on(csto, "2006-08-16").contains(&704));
    // The Baghdad Pact binds to consult only (ATOP codes no defence obligation).
    assert_eq!(
        clause(treaty("baghdad-pact-1955"), "1").strength,
        Strength::Consult
    );
}

/// Arab League Art. 2 and Warsaw Pact Art. 4 name any aggressor, so they are owed against a
/// fellow party; the OAS and CIS Charters and the Baghdad Pact bind only to consult.
#[test]
fn rules_for_attacks_among_parties_follow_the_texts() {
    assert!(clause(treaty("arab-league-1950"), "2").against_parties);
    assert!(clause(treaty("warsaw-pact-1955"), "4").against_parties);
    assert!(!clause(treaty("seato-1954"), "IV.1").against_parties);
    assert!(!clause(treaty("nato"), "5").against_parties);
    for (id, art) in [
        ("oas-charter-1948", "3"),
        ("cis-charter-1993", "Section III"),
    ] {
        assert_eq!(clause(treaty(id), art).strength, Strength::Consult, "{id}");
    }
}
