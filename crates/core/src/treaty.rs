//! Treaties, their parties and clauses: the model a spec file or an ATOP record becomes.
//!
//! A [`Treaty`] is data, not code: the engine (`crate::engine`) reads the clauses and decides,
//! for one incident, which of them oblige whom.

use crate::day::Day;
use crate::record::Ccode;
use serde::Serialize;

/// The ATOP typology of commitments.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// Active military support if the beneficiary is attacked.
    Defence,
    /// Active military support in a war the beneficiary starts, or against named states.
    Offence,
    /// Not to aid the beneficiary's attacker.
    Neutrality,
    /// Not to attack the beneficiary.
    NonAggression,
    /// To consult in a crisis.
    Consultation,
}

crate::keywords!(Kind {
    Defence => "defence",
    Offence => "offence",
    Neutrality => "neutrality",
    NonAggression => "non-aggression",
    Consultation => "consultation",
});

impl Kind {
    /// The keyword (`non-aggression`), as in spec files and JSON.
    pub fn as_str(self) -> &'static str {
        self.keyword()
    }
    /// Whether a triggered clause of this kind brings the obligor into the fight.
    pub fn is_military(self) -> bool {
        matches!(self, Kind::Defence | Kind::Offence)
    }
}

/// How strongly a clause binds, weakest first (so `max` picks the strongest).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Strength {
    /// A political assurance (Budapest Memorandum): no duty to act.
    Assurance,
    /// A duty to consult (NATO Art. 4).
    Consult,
    /// "Such action as it deems necessary, including the use of armed force" (NATO Art. 5).
    AsItDeemsNecessary,
    /// Automatic military assistance with all means (WEU Art. V, many bilateral pacts).
    Automatic,
}

// Weakest first, like the enum.
crate::keywords!(Strength {
    Assurance => "assurance",
    Consult => "consult",
    AsItDeemsNecessary => "as-it-deems-necessary",
    Automatic => "automatic",
});

impl Strength {
    /// The keyword (`as-it-deems-necessary`), as in spec files and JSON.
    pub fn as_str(self) -> &'static str {
        self.keyword()
    }
    /// Whether an obligation of this strength commits the obligor to join a coalition
    /// (used by the response cascade).
    pub fn joins_coalition(self) -> bool {
        self >= Strength::AsItDeemsNecessary
    }
}

/// What sets a clause off.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Trigger {
    /// An armed attack (UN Charter Art. 51 language).
    ArmedAttack,
    /// Any use or threat of force, aggression, or a threat to territorial integrity.
    AnyUseOfForce,
}

crate::keywords!(Trigger {
    ArmedAttack => "armed-attack",
    AnyUseOfForce => "any-use-of-force",
});

/// Where a treaty stands in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TreatyStatus {
    /// Proposed, not signed; binds as if in force so that designs can be explored.
    Proposed,
    /// Signed but not (yet) in force.
    Signed,
    /// Binding on its parties.
    InForce,
    /// No longer binding.
    Lapsed,
}

crate::keywords!(TreatyStatus {
    Proposed => "proposed",
    Signed => "signed",
    InForce => "in-force",
    Lapsed => "lapsed",
});

impl TreatyStatus {
    /// The status in words for people (`in force`); [`TreatyStatus::keyword`] is the
    /// spec-file and JSON spelling (`in-force`).
    pub fn as_str(self) -> &'static str {
        match self {
            TreatyStatus::Proposed => "proposed",
            TreatyStatus::Signed => "signed",
            TreatyStatus::InForce => "in force",
            TreatyStatus::Lapsed => "lapsed",
        }
    }
}

/// Regions for territorial scopes and incident places.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Region {
    /// Europe (COW codes 200–399).
    Europe,
    /// The United States, Canada and Mexico.
    NorthAmerica,
    /// Central America and the Caribbean.
    CentralAmerica,
    /// South America (COW codes 100–199).
    SouthAmerica,
    /// The North Atlantic north of the Tropic of Cancer (NATO Art. 6 islands and waters).
    NorthAtlantic,
    /// The Middle East (COW codes 627–699).
    MiddleEast,
    /// Africa (COW codes 400–626).
    Africa,
    /// Asia (COW codes 700–899).
    Asia,
    /// Oceania and the Pacific (COW codes 900 and above).
    Pacific,
}

// `parse` takes one region; `americas` is accepted as a shorthand by [`Region::parse_set`].
crate::keywords!(Region {
    Europe => "europe",
    NorthAmerica => "north-america",
    CentralAmerica => "central-america",
    SouthAmerica => "south-america",
    NorthAtlantic => "north-atlantic",
    MiddleEast => "middle-east",
    Africa => "africa",
    Asia => "asia",
    Pacific => "pacific",
});

impl Region {
    /// The keyword (`north-atlantic`), as in spec files and JSON.
    pub fn as_str(self) -> &'static str {
        self.keyword()
    }
    /// Parses a region name, expanding the shorthand `americas`.
    pub fn parse_set(s: &str) -> Option<Vec<Region>> {
        match s {
            "americas" => Some(vec![
                Region::NorthAmerica,
                Region::CentralAmerica,
                Region::SouthAmerica,
            ]),
            _ => Region::parse(s).map(|r| vec![r]),
        }
    }
    /// The home region of a state, from the COW numbering (which groups codes by region).
    pub fn home_of(ccode: Ccode) -> Region {
        match ccode {
            2 | 20 | 70 => Region::NorthAmerica,
            0..=99 => Region::CentralAmerica,
            100..=199 => Region::SouthAmerica,
            200..=399 => Region::Europe,
            400..=626 => Region::Africa,
            627..=699 => Region::MiddleEast,
            700..=899 => Region::Asia,
            _ => Region::Pacific,
        }
    }
}

/// Which of the beneficiary's territory a scope protects.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum TerritoryRule {
    /// Territory under the beneficiary's control (or administration: US–Japan Art. 5).
    Controlled,
    /// The beneficiary's internationally recognised territory, occupied or not.
    #[default]
    Recognised,
}

crate::keywords!(TerritoryRule {
    Controlled => "controlled",
    Recognised => "recognised",
});

/// Where a clause applies (NATO Art. 6 is the model).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Scope {
    /// Article that defines the scope, for traces ("6").
    pub article: Option<String>,
    /// The scope's article in words, for traces.
    pub paraphrase: Option<String>,
    /// Attacks anywhere count (no territorial limit) when true.
    pub anywhere: bool,
    /// Regions in which an attack on the beneficiary's territory counts.
    pub regions: Vec<Region>,
    /// States whose territory counts wherever it lies (Art. 6: Turkey).
    pub states: Vec<Ccode>,
    /// Which of the beneficiary's territory counts: controlled or recognised.
    pub territory: TerritoryRule,
    /// Whether attacks on the beneficiary's forces, vessels or aircraft in the scope's
    /// regions count (Art. 6(2)); at sea or abroad otherwise falls outside.
    pub forces: bool,
}

impl Scope {
    /// No territorial limit: any attack on the beneficiary counts.
    pub fn anywhere() -> Scope {
        Scope {
            article: None,
            paraphrase: None,
            anywhere: true,
            regions: vec![],
            states: vec![],
            territory: TerritoryRule::Recognised,
            forces: true,
        }
    }
}

/// Picks states out of a treaty: by role, by group, or by name.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case", tag = "by", content = "value")]
pub enum Selector {
    /// Every party of the treaty.
    Parties,
    /// Parties holding this role ("guarantor", "member").
    Role(String),
    /// Members of a named group (the EU) on the incident's day.
    Group(String),
    /// One state.
    State(Ccode),
}

/// What must hold for a clause to apply, modelled on ATOP's condition codes.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "type")]
pub enum Condition {
    /// Only against these attackers. Empty: the treaty names adversaries that the data do
    /// not record (ATOP `defcoadv` without `statthr`), so the check is undetermined.
    Adversary {
        /// The attackers that set the clause off (COW codes).
        states: Vec<Ccode>,
        /// Attacks by non-state actors count too.
        non_state: bool,
    },
    /// Only if the attack happens in these regions. Empty: undetermined (ATOP `defcoloc`).
    Location {
        /// Regions in which the attack must happen.
        regions: Vec<Region>,
    },
    /// Only if the beneficiary did not provoke the attack (ATOP `defconpr`).
    NonProvocation,
    /// Only if at least `min` states attack (ATOP `defconum`).
    Attackers {
        /// The least number of attacking states.
        min: u8,
    },
    /// Only if the obligor is not already at war (ATOP: obligation conditional on the
    /// obligor's neutrality elsewhere); undetermined where the data end.
    ObligorNotAtWar,
    /// An attacker is itself a party of the treaty (Rio Art. 7: a conflict between
    /// parties). Meant for exceptions: the clause then asks mediation, not defence.
    AttackerIsParty,
    /// Only if the attacker refused a demand (ATOP `defcodem`/`defcocon`).
    NonCompliance,
    /// A condition the source records only as present; always undetermined.
    Unrecorded {
        /// The source's variable name (an ATOP column).
        code: String,
        /// What the condition says, in words.
        description: String,
    },
}

/// A rule that switches a clause off when all its conditions hold (Catala-style exception).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Exception {
    /// Article that states the exception.
    pub article: String,
    /// The exception in words, for traces.
    pub paraphrase: String,
    /// Conditions that must all hold for the exception to switch the clause off.
    pub when: Vec<Condition>,
}

/// What a guarantor pledges when the clause is triggered.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Contribution {
    /// Who pledges.
    pub by: Selector,
    /// What is pledged, in words.
    pub what: String,
    /// Troops pledged.
    pub forces: Option<u32>,
    /// Money pledged, billions of US dollars a year.
    pub money_usd_bn: Option<f64>,
    /// Share of a joint effort, 0–1.
    pub share: Option<f64>,
}

/// One commitment of a treaty.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Clause {
    /// Article number as the treaty numbers it ("5", "42.7", "IV").
    pub article: String,
    /// A short paraphrase of the article, shown in traces.
    pub paraphrase: String,
    /// The kind of commitment (ATOP typology).
    pub kind: Kind,
    /// Who is bound.
    pub obligors: Vec<Selector>,
    /// Whom it protects.
    pub beneficiaries: Vec<Selector>,
    /// How strongly the obligors are bound.
    pub strength: Strength,
    /// What sets the clause off.
    pub trigger: Trigger,
    /// Where the clause applies.
    pub scope: Scope,
    /// Conditions that must all hold (ATOP condition codes); an undecidable one makes the
    /// obligation undetermined.
    pub conditions: Vec<Condition>,
    /// Rules that switch the clause off.
    pub exceptions: Vec<Exception>,
    /// The text owes the defence against any attacker, a fellow party included (Arab League
    /// Art. 2: "any armed aggression made against any one or more of them"). Without it the
    /// legal reading withholds defence against a fellow party unless an exception says what
    /// happens then (`docs/spec.md`, "Attacks among parties").
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub against_parties: bool,
    /// What each guarantor pledges when the clause is triggered.
    pub contributions: Vec<Contribution>,
}

/// How a party stopped being one. The engine only reads the exit day; the kind is kept so
/// that a library entry says what happened (Cuba was excluded from the inter-American system
/// in 1962, it did not denounce the Rio Treaty) instead of calling every end a withdrawal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ExitHow {
    /// The state left by its own act (denunciation, withdrawal, non-renewal).
    Withdrew,
    /// The other parties or an organ of the treaty excluded it.
    Excluded,
    /// Another party suspended its obligations towards the state; the treaty may still
    /// formally bind the state with third parties.
    Suspended,
    /// The treaty, or the state's participation, ended for every party (dissolution,
    /// expiry, the state's extinction).
    Ended,
}

crate::keywords!(ExitHow {
    Withdrew => "withdrew",
    Excluded => "excluded",
    Suspended => "suspended",
    Ended => "ended",
});

/// A party and when it belongs.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Party {
    /// COW state code.
    pub ccode: Ccode,
    /// Roles the party holds in the treaty ("guarantor", "member"); selectors pick by them.
    pub roles: Vec<String>,
    /// First day the state is a party.
    pub entry: Day,
    /// Last day the state is a party; `None` while it still is.
    pub exit: Option<Day>,
    /// How the state stopped being a party, where the source says so (`None` for ATOP
    /// records, which do not code it per member, and for parties that have not left).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exit_how: Option<ExitHow>,
    /// Where the dates come from (a dataset, or a source note for facts after it ends).
    pub source: Option<String>,
}

impl Party {
    /// Whether the state is a party on `day` (entry and exit days included).
    pub fn is_party_on(&self, day: Day) -> bool {
        self.entry <= day && self.exit.is_none_or(|e| day <= e)
    }
}

/// A named, dated set of states (the EU; NATO members as a group for other treaties).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Group {
    /// Group id, as selectors name it (`eu`).
    pub id: String,
    /// Group name for people.
    pub name: String,
    /// Members with their dated entry and exit.
    pub members: Vec<Party>,
    /// Where the membership dates come from.
    pub sources: Vec<String>,
}

impl Group {
    /// Members on `day`.
    pub fn members_on(&self, day: Day) -> impl Iterator<Item = Ccode> + '_ {
        self.members
            .iter()
            .filter(move |m| m.is_party_on(day))
            .map(|m| m.ccode)
    }
}

/// A state's position on admitting a new member, for treaties that need unanimity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Position {
    /// Consents to the candidate's accession.
    Consents,
    /// Objects to the candidate's accession.
    Objects,
    /// Has not decided, or the record does not say.
    Undecided,
}

crate::keywords!(Position {
    Consents => "consents",
    Objects => "objects",
    Undecided => "undecided",
});

/// An accession that needs every current member's consent (NATO Art. 10).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Accession {
    /// Article holding the accession rule (NATO: 10).
    pub article: String,
    /// The state asking to join (COW code).
    pub candidate: Ccode,
    /// Positions by member; members not listed count as undecided.
    pub positions: Vec<(Ccode, Position, Option<String>)>,
}

/// Whether an ATOP alliance binds every member in the same way.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Symmetry {
    /// Every obliged member owes its obligations to every other member.
    #[default]
    Symmetric,
    /// ATOP `asymm`: obligations differ between members, so who owes what to whom is read
    /// from ATOP's directed dyad-year file ([`crate::World::atop_flags`]) for the years it
    /// covers.
    Asymmetric,
}

/// Where a treaty came from.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "type")]
pub enum Origin {
    /// An ATOP alliance (coded provisions only).
    Atop {
        /// ATOP release, e.g. `5.1`.
        version: String,
        /// Decides the engine's `atop-direction` check; not part of the JSON schema.
        #[serde(skip)]
        symmetry: Symmetry,
    },
    /// A spec file of the built-in library.
    Library {
        /// The library spec file it was read from.
        file: String,
    },
    /// A spec file the user passed.
    User {
        /// Path of the spec file as the user gave it.
        file: String,
    },
}

/// A treaty or proposal.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Treaty {
    /// Stable id: `nato`, `ukraine-b`, or `atop:3180`.
    pub id: String,
    /// Treaty name for people.
    pub name: String,
    /// The ATOP alliance this treaty encodes; a library spec with an atopid replaces the
    /// ATOP record in the default treaty set.
    pub atopid: Option<u32>,
    /// Where the treaty stands in its life.
    pub status: TreatyStatus,
    /// Day of signature, if known.
    pub signed: Option<Day>,
    /// Day it entered into force; `None` for a proposal or when unknown.
    pub in_force: Option<Day>,
    /// Day it lapsed; `None` while it binds.
    pub lapsed: Option<Day>,
    /// Where the treaty text and dates come from.
    pub sources: Vec<String>,
    /// Parties with their dated entry and exit.
    pub parties: Vec<Party>,
    /// The commitments.
    pub clauses: Vec<Clause>,
    /// An accession awaiting every member's consent (NATO Art. 10).
    pub accession: Option<Accession>,
    /// Where the treaty came from: ATOP, the built-in library or a user's spec.
    pub origin: Origin,
    /// Free-text notes (e.g. how ATOP fields were turned into clauses).
    pub notes: Vec<String>,
}

impl Treaty {
    /// Whether the treaty binds on `day`: in force (or, for a proposal, taken as if in force
    /// from its proposal date, so that designs can be explored) and not lapsed.
    pub fn binds_on(&self, day: Day) -> bool {
        let start = self.in_force.or(self.signed);
        start.is_none_or(|s| s <= day) && self.lapsed.is_none_or(|l| day <= l)
    }

    /// Parties on `day`.
    pub fn parties_on(&self, day: Day) -> impl Iterator<Item = &Party> + '_ {
        self.parties.iter().filter(move |p| p.is_party_on(day))
    }

    /// Whether `ccode` is a party on `day`.
    pub fn is_party_on(&self, ccode: Ccode, day: Day) -> bool {
        self.parties_on(day).any(|p| p.ccode == ccode)
    }

    /// Whether the treaty was in force (or proposed) on some day of `year`.
    pub fn in_force_in_year(&self, year: i32) -> bool {
        let start = self.in_force.or(self.signed).map_or(i32::MIN, Day::year);
        let end = self.lapsed.map_or(i32::MAX, Day::year);
        start <= year && year <= end
    }

    /// Whether `ccode` was a party at some time (in `year`, if given).
    pub fn had_party(&self, ccode: Ccode, year: Option<i32>) -> bool {
        self.parties.iter().any(|p| {
            p.ccode == ccode
                && year.is_none_or(|y| p.entry.year() <= y && p.exit.is_none_or(|e| y <= e.year()))
        })
    }
}
