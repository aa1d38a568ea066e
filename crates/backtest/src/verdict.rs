//! Each pledge judged by its own rule (Berkemeier & Fuhrmann 2018, after Leeds, Long &
//! Mitchell 2000): what the ally did, read against what it promised.
//!
//! | pledge | honoured | violated |
//! |---|---|---|
//! | defence, offence | the ally fought on the partner's side | it stayed out, fought against the partner, or attacked it |
//! | neutrality | the ally did not fight against the partner | it fought against the partner, or attacked it |
//! | non-aggression | the ally did not fight against the partner | it fought against the partner, or attacked it |
//! | consultation | reported, not judged | |

use crate::reliability::{Applies, Outcome};
use casus_core::treaty::Kind;
use serde::Serialize;

/// The judgment of one ally's pledge in one war or dispute.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// The ally did what the pledge asks.
    Honoured,
    /// It did not, or fought against its partner.
    Violated,
    /// A consultation pledge (whether the allies consulted is not in the data), or an
    /// obligation that does not apply.
    NotJudged,
}

impl Verdict {
    /// The kebab-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Honoured => "honoured",
            Verdict::Violated => "violated",
            Verdict::NotJudged => "not-judged",
        }
    }
}

/// The verdict for a pledge of `kind` that `applies`, given what the ally did.
pub fn judge(kind: Kind, applies: Applies, outcome: Outcome) -> Verdict {
    match (kind, applies) {
        (Kind::Consultation, _) | (_, Applies::NotApplicable) => Verdict::NotJudged,
        // Members fighting each other: every pledge but consultation is broken.
        (_, Applies::AllyAttacks) => Verdict::Violated,
        (Kind::Defence | Kind::Offence, _) => match outcome {
            Outcome::Honoured => Verdict::Honoured,
            Outcome::StayedOut | Outcome::Opposed => Verdict::Violated,
        },
        (Kind::Neutrality | Kind::NonAggression, _) => match outcome {
            Outcome::Opposed => Verdict::Violated,
            Outcome::Honoured | Outcome::StayedOut => Verdict::Honoured,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_pledge_by_its_own_rule() {
        use Applies::*;
        use Outcome::*;
        assert_eq!(
            judge(Kind::Defence, Triggered, StayedOut),
            Verdict::Violated
        );
        assert_eq!(
            judge(Kind::Offence, Undetermined, Honoured),
            Verdict::Honoured
        );
        assert_eq!(
            judge(Kind::Neutrality, Triggered, StayedOut),
            Verdict::Honoured
        );
        assert_eq!(
            judge(Kind::Neutrality, Triggered, Opposed),
            Verdict::Violated
        );
        assert_eq!(
            judge(Kind::NonAggression, AllyAttacks, Opposed),
            Verdict::Violated
        );
        assert_eq!(
            judge(Kind::Defence, AllyAttacks, Opposed),
            Verdict::Violated
        );
        assert_eq!(
            judge(Kind::Consultation, Triggered, Honoured),
            Verdict::NotJudged
        );
        assert_eq!(
            judge(Kind::Defence, NotApplicable, Honoured),
            Verdict::NotJudged
        );
    }
}
