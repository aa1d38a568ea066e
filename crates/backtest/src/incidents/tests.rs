//! Unit tests of incident construction from the record.

use super::*;

#[test]
fn hostility_levels_follow_the_mid_codebook() {
    assert_eq!(hostility(0), 1);
    assert_eq!(hostility(1), 2);
    assert_eq!(hostility(6), 2);
    assert_eq!(hostility(7), 3);
    assert_eq!(hostility(12), 3);
    assert_eq!(hostility(13), 4);
    assert_eq!(hostility(19), 4);
    assert_eq!(hostility(20), 5);
    assert_eq!(hostility(21), 5);
    assert_eq!(hostility(-9), 1);
    assert_eq!(force(1), None);
    assert_eq!(force(3), Some(Force::Threat));
    assert_eq!(force(4), Some(Force::UseOfForce));
    assert_eq!(force(5), Some(Force::ArmedAttack));
}

fn p(
    dispnum: u32,
    ccode: Ccode,
    side_a: bool,
    orig: bool,
    hiact: i8,
    start: (i16, Option<u8>, Option<u8>),
    end: (i16, Option<u8>, Option<u8>),
) -> MidParticipant {
    MidParticipant {
        dispnum,
        ccode,
        start: PartialDate {
            year: start.0,
            month: start.1,
            day: start.2,
        },
        end: PartialDate {
            year: end.0,
            month: end.1,
            day: end.2,
        },
        side_a,
        hiact,
        originator: orig,
    }
}

#[test]
fn originators_joiners_and_unknown_days() {
    // A (2) attacks B (200) on an unknown day of May 1950; C (220) joins side A in June
    // and attacks B; D (210) joins side B in July and is attacked by A and C.
    let r = Record {
        mid_participants: vec![
            p(
                1,
                2,
                true,
                true,
                17,
                (1950, Some(5), None),
                (1950, Some(9), Some(1)),
            ),
            p(
                1,
                200,
                false,
                true,
                0,
                (1950, Some(5), None),
                (1950, Some(9), Some(1)),
            ),
            p(
                1,
                220,
                true,
                false,
                8,
                (1950, Some(6), Some(10)),
                (1950, Some(9), Some(1)),
            ),
            p(
                1,
                210,
                false,
                false,
                0,
                (1950, Some(7), Some(2)),
                (1950, Some(8), Some(1)),
            ),
        ],
        ..Default::default()
    };
    let v = mid_incidents(&r);
    assert_eq!(v.len(), 3);
    let orig = &v[0];
    assert_eq!(orig.entry, Entry::Origin);
    assert_eq!(orig.incident.target, 200);
    assert_eq!(orig.incident.date.to_string(), "1950-05-01");
    assert_eq!(orig.latest.to_string(), "1950-05-31");
    // Hostility 4 with no dispute row (no fatality level): below the gravity threshold.
    assert_eq!(orig.incident.force, Force::LessGraveUseOfForce);
    assert!(!orig.exact());
    let joined_b = v.iter().find(|i| i.incident.target == 210).unwrap();
    assert_eq!(joined_b.entry, Entry::TargetJoins);
    assert_eq!(
        joined_b.incident.attacker_states().collect::<Vec<_>>(),
        vec![2, 220]
    );
    assert_eq!(joined_b.hostility, 4);
    let joined_a = v.iter().find(|i| i.entry == Entry::AttackerJoins).unwrap();
    assert_eq!(
        joined_a.incident.attacker_states().collect::<Vec<_>>(),
        vec![220]
    );
    assert_eq!(joined_a.incident.target, 200);
    assert_eq!(joined_a.incident.force, Force::Threat);
    assert_eq!(joined_a.incident.date.to_string(), "1950-06-10");
    assert!(joined_a.exact());
}

#[test]
fn no_militarized_action_makes_no_incident() {
    let r = Record {
        mid_participants: vec![
            p(
                7,
                2,
                true,
                true,
                0,
                (1950, Some(5), Some(1)),
                (1950, Some(9), Some(1)),
            ),
            p(
                7,
                200,
                false,
                true,
                17,
                (1950, Some(5), Some(1)),
                (1950, Some(9), Some(1)),
            ),
        ],
        ..Default::default()
    };
    assert!(mid_incidents(&r).is_empty());
}
