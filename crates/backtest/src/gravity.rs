//! The gravity threshold: which incidents from the record are armed attacks.
//!
//! A defence pledge answers an *armed attack*, which the ICJ holds to be among "the most
//! grave forms of the use of force", told apart from "other less grave forms" by its scale
//! and effects (Military and Paramilitary Activities in and against Nicaragua, Nicaragua v.
//! United States, Merits, 1986, paras. 191 and 195; Oil Platforms, Iran v. United States,
//! 2003, paras. 51 and 64, where attacks causing no proven loss of life were not shown to be
//! armed attacks). MIDs record, per participant, its highest action and, per dispute, a
//! fatality level; from those (the only gravity columns `gml_part.csv` and
//! `gml_mid_disps.csv` carry) the record's incidents are read as follows:
//!
//! | MID coding of the attackers' highest action | force |
//! |---|---|
//! | hostility 5 (begin or join an interstate war, actions 20–21) | armed attack |
//! | hostility 4, action 13 blockade, 14 occupation of territory, 16 attack, 17 clash, 18 declaration of war or 19 use of CBR weapons, **and** a dispute fatality level ≥ 1 (at least one battle death) | armed attack |
//! | any other hostility 4 (a seizure; any action with no recorded fatality, or with the fatality level unknown) | less grave use of force |
//! | hostility 2–3 (threat, display) | threat |
//!
//! The actions kept are those the UN Definition of Aggression (GA Res. 3314, 1974, Art. 3)
//! lists as acts of aggression: invasion or attack, occupation, blockade, attack on armed
//! forces. An unknown fatality level does not establish gravity: it stays a less grave use
//! of force, so a clause with an armed-attack trigger is not triggered by it.

use casus_core::incident::Force;

/// MID highest-action codes that can amount to an armed attack when someone died.
pub const GRAVE_ACTIONS: [i8; 6] = [13, 14, 16, 17, 18, 19];

/// The force of an incident from a MID: `hostility` and `hiact` are the attackers' highest
/// (level and action), `fatality` the dispute's fatality level (`None`: unknown). `None`
/// below hostility 2 (no militarized action).
pub fn mid_force(hostility: u8, hiact: i8, fatality: Option<i8>) -> Option<Force> {
    match hostility {
        5.. => Some(Force::ArmedAttack),
        4 if GRAVE_ACTIONS.contains(&hiact) && fatality.is_some_and(|f| f >= 1) => {
            Some(Force::ArmedAttack)
        }
        4 => Some(Force::LessGraveUseOfForce),
        2 | 3 => Some(Force::Threat),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn war_is_an_armed_attack() {
        assert_eq!(mid_force(5, 20, None), Some(Force::ArmedAttack));
        assert_eq!(mid_force(5, 21, Some(6)), Some(Force::ArmedAttack));
    }

    #[test]
    fn a_clash_with_no_recorded_fatality_is_a_use_of_force_not_an_armed_attack() {
        assert_eq!(mid_force(4, 17, Some(0)), Some(Force::LessGraveUseOfForce));
        assert_eq!(mid_force(4, 17, None), Some(Force::LessGraveUseOfForce));
        assert_eq!(mid_force(4, 17, Some(1)), Some(Force::ArmedAttack));
        assert_eq!(mid_force(4, 14, Some(2)), Some(Force::ArmedAttack));
    }

    #[test]
    fn a_seizure_stays_below_the_threshold_even_with_fatalities() {
        assert_eq!(mid_force(4, 15, Some(3)), Some(Force::LessGraveUseOfForce));
    }

    #[test]
    fn threats_and_no_action() {
        assert_eq!(mid_force(3, 7, Some(0)), Some(Force::Threat));
        assert_eq!(mid_force(1, 0, None), None);
    }
}
