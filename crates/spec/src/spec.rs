//! The treaty spec format: TOML text to a checked [`Treaty`], its own groups and examples.
//!
//! The reference is `docs/spec.md`; the keys accepted at each level are the `*_KEYS`
//! constants below (an unknown key is an error naming the closest valid one).

use crate::walk::{choice_hint, closest, Ctx, Field, Span, Tbl};
use crate::{ExpectedObligors, ExpectedStatus, Spec, SpecExample};
use casus_core::incident::{Actor, Force, Incident, Place};
use casus_core::treaty::{
    Accession, Clause, Condition, Contribution, Exception, Group, Kind, Origin, Party, Position,
    Region, Scope, Selector, Strength, TerritoryRule, Treaty, TreatyStatus, Trigger,
};
use casus_core::{Ccode, Day, ResolveError, StateSystem};
use std::collections::{BTreeMap, BTreeSet};

pub(crate) const TOP_KEYS: &[&str] = &[
    "id",
    "name",
    "atopid",
    "status",
    "proposed",
    "signed",
    "in-force",
    "lapsed",
    "sources",
    "notes",
    "group",
    "party",
    "clause",
    "scope",
    "accession",
    "example",
];
pub(crate) const GROUP_KEYS: &[&str] = &["id", "name", "sources", "member"];
pub(crate) const MEMBER_KEYS: &[&str] = &["state", "states", "entry", "exit", "source"];
pub(crate) const PARTY_KEYS: &[&str] = &[
    "state", "states", "group", "roles", "entry", "exit", "source",
];
pub(crate) const CLAUSE_KEYS: &[&str] = &[
    "article",
    "paraphrase",
    "kind",
    "obligors",
    "beneficiaries",
    "strength",
    "trigger",
    "scope",
    "conditions",
    "exception",
    "contribution",
    "source",
    "note",
];
pub(crate) const SCOPE_KEYS: &[&str] = &[
    "article",
    "paraphrase",
    "anywhere",
    "regions",
    "states",
    "territory",
    "forces",
    "source",
    "note",
];
pub(crate) const CONDITION_KEYS: &[&str] = &[
    "type",
    "states",
    "non-state",
    "regions",
    "min",
    "code",
    "description",
];
pub(crate) const EXCEPTION_KEYS: &[&str] = &["article", "paraphrase", "when", "source", "note"];
pub(crate) const CONTRIBUTION_KEYS: &[&str] = &[
    "by",
    "what",
    "forces",
    "money-usd-bn",
    "share",
    "source",
    "note",
];
pub(crate) const ACCESSION_KEYS: &[&str] = &[
    "article",
    "paraphrase",
    "candidate",
    "position",
    "source",
    "note",
];
pub(crate) const POSITION_KEYS: &[&str] = &["state", "states", "position", "source"];
pub(crate) const EXAMPLE_KEYS: &[&str] = &[
    "name",
    "article",
    "attacker",
    "attackers",
    "target",
    "date",
    "place",
    "force",
    "provoked",
    "expected-status",
    "expected-obligors",
    "source",
    "note",
];

pub(crate) const STATUSES: &[(&str, TreatyStatus)] = &[
    ("proposed", TreatyStatus::Proposed),
    ("signed", TreatyStatus::Signed),
    ("in-force", TreatyStatus::InForce),
    ("lapsed", TreatyStatus::Lapsed),
];
const KINDS: &[(&str, Kind)] = &[
    ("defence", Kind::Defence),
    ("offence", Kind::Offence),
    ("neutrality", Kind::Neutrality),
    ("non-aggression", Kind::NonAggression),
    ("consultation", Kind::Consultation),
];
const STRENGTHS: &[(&str, Strength)] = &[
    ("automatic", Strength::Automatic),
    ("as-it-deems-necessary", Strength::AsItDeemsNecessary),
    ("consult", Strength::Consult),
    ("assurance", Strength::Assurance),
];
const TRIGGERS: &[(&str, Trigger)] = &[
    ("armed-attack", Trigger::ArmedAttack),
    ("any-use-of-force", Trigger::AnyUseOfForce),
];
const TERRITORY: &[(&str, TerritoryRule)] = &[
    ("controlled", TerritoryRule::Controlled),
    ("recognised", TerritoryRule::Recognised),
];
const POSITIONS: &[(&str, Position)] = &[
    ("consents", Position::Consents),
    ("objects", Position::Objects),
    ("undecided", Position::Undecided),
];
pub(crate) const FORCES: &[(&str, Force)] = &[
    ("threat", Force::Threat),
    ("use-of-force", Force::UseOfForce),
    ("armed-attack", Force::ArmedAttack),
];
const EXPECTED: &[(&str, ExpectedStatus)] = &[
    ("triggered", ExpectedStatus::Triggered),
    ("not-triggered", ExpectedStatus::NotTriggered),
    ("blocked", ExpectedStatus::Blocked),
];
const SIMPLE_CONDITIONS: &[&str] = &["non-provocation", "obligor-not-at-war", "non-compliance"];
const CONDITION_TYPES: &[&str] = &[
    "adversary",
    "location",
    "non-provocation",
    "attackers",
    "obligor-not-at-war",
    "non-compliance",
    "unrecorded",
];

/// Reads one of a fixed set of string values.
pub(crate) fn choice<T: Copy>(
    cx: &mut Ctx,
    f: &Field,
    options: &[(&str, T)],
    what: &str,
) -> Option<T> {
    let s = f.str(cx)?;
    if let Some((_, v)) = options.iter().find(|(n, _)| *n == s) {
        return Some(*v);
    }
    let names: Vec<&str> = options.iter().map(|(n, _)| *n).collect();
    cx.error(
        &f.span,
        &f.path,
        format!("unknown {what} `{s}`"),
        Some(choice_hint(s, &names)),
    );
    None
}

/// Checks an id: lowercase letters, digits and `-`.
pub(crate) fn id(cx: &mut Ctx, f: &Field) -> Option<String> {
    let s = f.text(cx)?;
    let ok = s
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && s.as_bytes()[0] != b'-'
        && s.len() <= 64;
    if !ok {
        cx.error(
            &f.span,
            &f.path,
            format!("`{s}` is not a valid id"),
            Some("ids are 1–64 lowercase letters, digits and `-`, e.g. `ukraine-b`".into()),
        );
        return None;
    }
    Some(s)
}

/// Resolves a state name, code or abbreviation.
pub(crate) fn state(cx: &mut Ctx, states: &StateSystem, f: &Field) -> Option<Ccode> {
    let s = f.text(cx)?;
    resolve(cx, states, &s, f)
}

fn resolve(cx: &mut Ctx, states: &StateSystem, s: &str, f: &Field) -> Option<Ccode> {
    match states.resolve(s) {
        Ok(c) => Some(c),
        Err(e) => {
            let hint = match &e {
                ResolveError::Unknown { suggestions, .. } if suggestions.is_empty() => Some(
                    "name a state by COW abbreviation (UKR), code (369) or name (Ukraine); `casus states` lists them".into(),
                ),
                _ => None,
            };
            cx.error(&f.span, &f.path, e.to_string(), hint);
            None
        }
    }
}

/// An attacker: `non-state:NAME` or a state.
pub(crate) fn actor(cx: &mut Ctx, states: &StateSystem, f: &Field) -> Option<Actor> {
    let s = f.text(cx)?;
    if let Some(name) = s.strip_prefix("non-state:") {
        let name = name.trim();
        if name.is_empty() {
            cx.error(
                &f.span,
                &f.path,
                "`non-state:` needs a name",
                Some("e.g. \"non-state:al-Qaeda\"".into()),
            );
            return None;
        }
        return Some(Actor::NonState(name.to_string()));
    }
    let s = s.strip_prefix("state:").unwrap_or(&s).to_string();
    resolve(cx, states, &s, f).map(Actor::State)
}

/// Attackers from `attacker = "X"` or `attackers = [...]` (exactly one of the two).
pub(crate) fn attackers(cx: &mut Ctx, states: &StateSystem, t: &Tbl) -> Vec<Actor> {
    let (one, many) = (t.get("attacker"), t.get("attackers"));
    let fields = match (one, many) {
        (Some(_), Some(m)) => {
            cx.error(
                &m.span,
                &m.path,
                "give either `attacker` or `attackers`, not both",
                None,
            );
            return vec![];
        }
        (Some(f), None) => vec![f],
        (None, Some(m)) => m.list(cx, true).unwrap_or_default(),
        (None, None) => {
            cx.error(
                &t.span,
                &crate::walk::join(&t.path, "attackers"),
                format!("missing key `attackers` in `{}`", t.path),
                Some("e.g. attackers = [\"RUS\"] or attacker = \"non-state:al-Qaeda\"".into()),
            );
            return vec![];
        }
    };
    if fields.is_empty() {
        if let Some(m) = t.get("attackers") {
            cx.error(&m.span, &m.path, "name at least one attacker", None);
        }
    }
    fields.iter().filter_map(|f| actor(cx, states, f)).collect()
}

/// Sources from `sources = [...]` and/or `source = "..."`.
fn sources_of(cx: &mut Ctx, t: &Tbl) -> Vec<String> {
    let mut out = Vec::new();
    for key in ["source", "sources"] {
        if let Some(f) = t.get(key) {
            out.extend(
                f.strings(cx)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|(s, _)| s),
            );
        }
    }
    out
}

fn opt_text(cx: &mut Ctx, t: &Tbl, key: &str) -> Option<String> {
    t.get(key).and_then(|f| f.text(cx))
}

/// A party or group member as read, with where it was written.
struct Member {
    party: Party,
    span: Span,
    path: String,
}

/// Reads the entries of `[[party]]` or `[[group.member]]`. Also returns every role named
/// (even by an entry with errors) and whether all entries were read without error, so that
/// later checks do not report consequences of an error already reported.
fn members(
    cx: &mut Ctx,
    states: &StateSystem,
    list: &[Field],
    keys: &[&str],
    default_entry: Option<Day>,
    groups: &[&Group],
) -> (Vec<Member>, BTreeSet<String>, bool) {
    let errors_before = cx.errors.len();
    let mut all_roles = BTreeSet::new();
    let mut out = Vec::new();
    for f in list {
        let Some(t) = f.table(cx, keys) else { continue };
        let roles: Vec<String> = match t.get("roles").filter(|_| keys.contains(&"roles")) {
            Some(r) => r
                .strings(cx)
                .unwrap_or_default()
                .into_iter()
                .filter_map(|(s, rf)| {
                    if s.contains(':') || s.contains(char::is_whitespace) {
                        cx.error(
                            &rf.span,
                            &rf.path,
                            format!("`{s}` is not a valid role name"),
                            Some("roles are single words like `member` or `guarantor`".into()),
                        );
                        None
                    } else {
                        Some(s)
                    }
                })
                .collect(),
            None => vec![],
        };
        all_roles.extend(roles.iter().cloned());
        let source = opt_text(cx, &t, "source");
        let given: Vec<&str> = ["state", "states", "group"]
            .into_iter()
            .filter(|k| keys.contains(k) && t.has(k))
            .collect();
        if given.len() != 1 {
            let msg = if given.is_empty() {
                "name the member with `state = \"...\"` or `states = [...]`".to_string()
            } else {
                format!(
                    "give only one of {}",
                    given
                        .iter()
                        .map(|g| format!("`{g}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            };
            cx.error(&t.span, &t.path, msg, None);
            continue;
        }
        // A whole group as parties: its members with their own dates and sources.
        if let Some(gf) = t.get("group").filter(|_| keys.contains(&"group")) {
            for k in ["entry", "exit"] {
                if let Some(x) = t.get(k) {
                    cx.error(
                        &x.span,
                        &x.path,
                        format!(
                            "`{k}` cannot be combined with `group`: the group's own dates apply"
                        ),
                        None,
                    );
                }
            }
            let Some(name) = gf.text(cx) else { continue };
            match groups.iter().find(|g| g.id == name) {
                Some(g) => {
                    for m in &g.members {
                        out.push(Member {
                            party: Party {
                                roles: roles.clone(),
                                source: source.clone().or(m.source.clone()),
                                ..m.clone()
                            },
                            span: gf.span.clone(),
                            path: gf.path.clone(),
                        });
                    }
                }
                None => unknown_group(cx, &gf, &name, groups),
            }
            continue;
        }
        let entry = match t.get("entry") {
            Some(e) => e.date(cx),
            None => {
                if default_entry.is_none() {
                    cx.error(
                        &t.span,
                        &crate::walk::join(&t.path, "entry"),
                        format!("missing key `entry` in `{}`", t.path),
                        Some("the treaty has no start date to default to".into()),
                    );
                }
                default_entry
            }
        };
        let exit = t.get("exit").and_then(|e| {
            let d = e.date(cx)?;
            if entry.is_some_and(|en| d < en) {
                cx.error(
                    &e.span,
                    &e.path,
                    format!("exit {d} is before entry {}", entry.expect("checked")),
                    None,
                );
                return None;
            }
            Some(d)
        });
        let names: Vec<Field> = match (t.get("state"), t.get("states")) {
            (Some(s), _) => vec![s],
            (_, Some(s)) => {
                let l = s.list(cx, true).unwrap_or_default();
                if l.is_empty() {
                    cx.error(&s.span, &s.path, "name at least one state", None);
                }
                l
            }
            _ => vec![],
        };
        for nf in names {
            let Some(c) = state(cx, states, &nf) else {
                continue;
            };
            let Some(entry) = entry else { continue };
            if !states.is_member(c, entry) {
                let spells = states
                    .get(c)
                    .map(|s| {
                        s.spells
                            .iter()
                            .map(|sp| format!("{}–{}", sp.start, sp.end))
                            .collect::<Vec<_>>()
                            .join(", ")
                    })
                    .unwrap_or_default();
                let mut hint = format!("{} is a system member {spells}", states.abb(c));
                if c == 255 && entry.year() < 1990 {
                    hint.push_str("; West Germany (1955–1990) is GFR (260)");
                }
                cx.error(
                    &nf.span,
                    &nf.path,
                    format!(
                        "{} ({}) is not a member of the state system on {entry}",
                        states.name(c),
                        states.abb(c)
                    ),
                    Some(hint),
                );
                continue;
            }
            out.push(Member {
                party: Party {
                    ccode: c,
                    roles: roles.clone(),
                    entry,
                    exit,
                    source: source.clone(),
                },
                span: nf.span.clone(),
                path: nf.path.clone(),
            });
        }
    }
    // One state's spells must not overlap.
    for i in 0..out.len() {
        for j in 0..i {
            let (a, b) = (&out[j].party, &out[i].party);
            if a.ccode == b.ccode
                && a.entry <= b.exit.unwrap_or(Day::MAX)
                && b.entry <= a.exit.unwrap_or(Day::MAX)
            {
                let line = cx.line_of(&out[j].span);
                let (span, path) = (out[i].span.clone(), out[i].path.clone());
                cx.error(
                    &span,
                    &path,
                    format!("{} is already listed from {} (line {line}); one state's spells must not overlap", states.abb(b.ccode), a.entry),
                    None,
                );
            }
        }
    }
    let clean = cx.errors.len() == errors_before;
    (out, all_roles, clean)
}

fn unknown_group(cx: &mut Ctx, f: &Field, name: &str, groups: &[&Group]) {
    let ids: Vec<&str> = groups.iter().map(|g| g.id.as_str()).collect();
    let hint = match closest(name, ids.iter().copied()) {
        Some(c) => format!("did you mean `{c}`? groups: {}", ids.join(", ")),
        None if ids.is_empty() => "no groups are defined; add a [[group]] table".into(),
        None => format!("groups: {}", ids.join(", ")),
    };
    cx.error(
        &f.span,
        &f.path,
        format!("unknown group `{name}`"),
        Some(hint),
    );
}

/// Reads `[[group]]` tables (groups.toml, or a spec's own groups).
pub(crate) fn groups(
    cx: &mut Ctx,
    states: &StateSystem,
    list: &[Field],
    known: &[&Group],
) -> Vec<Group> {
    let mut out: Vec<Group> = Vec::new();
    for f in list {
        let Some(t) = f.table(cx, GROUP_KEYS) else {
            continue;
        };
        let gid = t.req(cx, "id").and_then(|f| id(cx, &f));
        let name = t.req(cx, "name").and_then(|f| f.text(cx));
        let sources = sources_of(cx, &t);
        let member_list = t
            .req(cx, "member")
            .and_then(|m| m.list(cx, false))
            .unwrap_or_default();
        if t.has("member") && member_list.is_empty() {
            cx.error(
                &t.key_span("member"),
                &crate::walk::join(&t.path, "member"),
                "a group needs at least one member",
                None,
            );
        }
        let (members, _, _) = members(cx, states, &member_list, MEMBER_KEYS, None, &[]);
        let (Some(gid), Some(name)) = (gid, name) else {
            continue;
        };
        if known.iter().any(|g| g.id == gid) || out.iter().any(|g| g.id == gid) {
            let idf = t.get("id").expect("read above");
            cx.error(
                &idf.span,
                &idf.path,
                format!("group `{gid}` is already defined"),
                Some("group ids must be unique across the library and the spec".into()),
            );
            continue;
        }
        out.push(Group {
            id: gid,
            name,
            members: members.into_iter().map(|m| m.party).collect(),
            sources,
        });
    }
    out
}

/// Names in a clause's selectors, checked against the spec's parties and groups.
struct Names<'g> {
    roles: BTreeSet<String>,
    groups: Vec<&'g Group>,
    parties: Vec<Party>,
}

impl Names<'_> {
    /// Every state a selector list could ever pick (for the obligor = beneficiary check).
    fn possible(&self, sel: &[Selector]) -> BTreeSet<Ccode> {
        let mut out = BTreeSet::new();
        for s in sel {
            match s {
                Selector::Parties => out.extend(self.parties.iter().map(|p| p.ccode)),
                Selector::Role(r) => out.extend(
                    self.parties
                        .iter()
                        .filter(|p| p.roles.contains(r))
                        .map(|p| p.ccode),
                ),
                Selector::Group(g) => out.extend(
                    self.groups
                        .iter()
                        .filter(|x| &x.id == g)
                        .flat_map(|x| x.members.iter().map(|m| m.ccode)),
                ),
                Selector::State(c) => {
                    out.insert(*c);
                }
            }
        }
        out
    }
}

fn selector(cx: &mut Ctx, states: &StateSystem, f: &Field, names: &Names) -> Option<Selector> {
    let s = f.text(cx)?;
    if s == "parties" {
        return Some(Selector::Parties);
    }
    if let Some(r) = s.strip_prefix("role:") {
        let r = r.trim();
        if names.roles.contains(r) {
            return Some(Selector::Role(r.to_string()));
        }
        let hint = match closest(r, names.roles.iter().map(String::as_str)) {
            Some(c) => Some(format!("did you mean `role:{c}`?")),
            None if names.roles.is_empty() => {
                Some("no party has any role; give parties `roles = [\"...\"]`".into())
            }
            None => Some(format!(
                "roles in this spec: {}",
                names.roles.iter().cloned().collect::<Vec<_>>().join(", ")
            )),
        };
        cx.error(
            &f.span,
            &f.path,
            format!("no party has the role `{r}`"),
            hint,
        );
        return None;
    }
    if let Some(g) = s.strip_prefix("group:") {
        let g = g.trim();
        if names.groups.iter().any(|x| x.id == g) {
            return Some(Selector::Group(g.to_string()));
        }
        unknown_group(cx, f, g, &names.groups);
        return None;
    }
    if let Some(st) = s.strip_prefix("state:") {
        return resolve(cx, states, st, f).map(Selector::State);
    }
    let hint = if names.roles.contains(&s) {
        format!("write `role:{s}`")
    } else if names.groups.iter().any(|g| g.id == s) {
        format!("write `group:{s}`")
    } else if states.resolve(&s).is_ok() {
        format!("write `state:{s}`")
    } else {
        "a selector is `parties`, `role:NAME`, `group:NAME` or `state:NAME`".into()
    };
    cx.error(
        &f.span,
        &f.path,
        format!("`{s}` is not a selector"),
        Some(hint),
    );
    None
}

fn selectors(
    cx: &mut Ctx,
    states: &StateSystem,
    f: &Field,
    names: &Names,
) -> Option<Vec<Selector>> {
    let items = f.list(cx, true)?;
    if items.is_empty() {
        cx.error(
            &f.span,
            &f.path,
            "name at least one selector",
            Some("e.g. [\"parties\"] or [\"role:guarantor\"]".into()),
        );
        return None;
    }
    let n = items.len();
    let out: Vec<Selector> = items
        .iter()
        .filter_map(|i| selector(cx, states, i, names))
        .collect();
    (out.len() == n).then_some(out)
}

fn regions(cx: &mut Ctx, f: &Field) -> Vec<Region> {
    let mut out = Vec::new();
    for (s, rf) in f.strings(cx).unwrap_or_default() {
        match Region::parse_set(&s) {
            Some(rs) => {
                for r in rs {
                    if !out.contains(&r) {
                        out.push(r);
                    }
                }
            }
            None => {
                let mut names: Vec<&str> = Region::ALL.iter().map(|r| r.as_str()).collect();
                names.push("americas");
                cx.error(
                    &rf.span,
                    &rf.path,
                    format!("unknown region `{s}`"),
                    Some(choice_hint(&s, &names)),
                );
            }
        }
    }
    out
}

fn condition(cx: &mut Ctx, states: &StateSystem, f: &Field) -> Option<Condition> {
    if let crate::walk::Node::Value(toml_edit::Value::String(_)) = f.node {
        let s = f.str(cx)?;
        return match s {
            "non-provocation" => Some(Condition::NonProvocation),
            "obligor-not-at-war" => Some(Condition::ObligorNotAtWar),
            "non-compliance" => Some(Condition::NonCompliance),
            "adversary" | "location" | "attackers" | "unrecorded" => {
                let eg = match s {
                    "adversary" => "{ type = \"adversary\", states = [\"RUS\"] }",
                    "location" => "{ type = \"location\", regions = [\"europe\"] }",
                    "attackers" => "{ type = \"attackers\", min = 2 }",
                    _ => "{ type = \"unrecorded\", code = \"...\", description = \"...\" }",
                };
                cx.error(
                    &f.span,
                    &f.path,
                    format!("the `{s}` condition needs parameters"),
                    Some(format!("write {eg}")),
                );
                None
            }
            _ => {
                cx.error(
                    &f.span,
                    &f.path,
                    format!("unknown condition `{s}`"),
                    Some(choice_hint(s, CONDITION_TYPES)),
                );
                None
            }
        };
    }
    let t = f.table(cx, CONDITION_KEYS)?;
    let tf = t.req(cx, "type")?;
    let ty = tf.str(cx)?;
    let allowed: &[&str] = match ty {
        "adversary" => &["states", "non-state"],
        "location" => &["regions"],
        "attackers" => &["min"],
        "unrecorded" => &["code", "description"],
        t if SIMPLE_CONDITIONS.contains(&t) => &[],
        _ => {
            cx.error(
                &tf.span,
                &tf.path,
                format!("unknown condition `{ty}`"),
                Some(choice_hint(ty, CONDITION_TYPES)),
            );
            return None;
        }
    };
    let mut bad = false;
    for k in t.keys() {
        if k != "type" && CONDITION_KEYS.contains(&k) && !allowed.contains(&k) {
            let Some(kf) = t.get(k) else { continue };
            let hint = if allowed.is_empty() {
                format!("a `{ty}` condition takes no parameters")
            } else {
                format!(
                    "a `{ty}` condition takes {}",
                    allowed
                        .iter()
                        .map(|a| format!("`{a}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            };
            cx.error(
                &t.key_span(k),
                &kf.path,
                format!("`{k}` does not apply to a `{ty}` condition"),
                Some(hint),
            );
            bad = true;
        }
    }
    let c = match ty {
        "adversary" => {
            let list = t
                .get("states")
                .and_then(|s| s.list(cx, true))
                .unwrap_or_default();
            let n = list.len();
            let st: Vec<Ccode> = list.iter().filter_map(|s| state(cx, states, s)).collect();
            let non_state = t.get("non-state").and_then(|b| b.bool(cx)).unwrap_or(false);
            if st.len() != n {
                return None;
            }
            Condition::Adversary {
                states: st,
                non_state,
            }
        }
        "location" => Condition::Location {
            regions: t
                .get("regions")
                .map(|r| regions(cx, &r))
                .unwrap_or_default(),
        },
        "attackers" => {
            let mf = t.req(cx, "min")?;
            let m = mf.int(cx)?;
            if !(1..=255).contains(&m) {
                cx.error(
                    &mf.span,
                    &mf.path,
                    format!("{m} is not between 1 and 255"),
                    None,
                );
                return None;
            }
            Condition::Attackers { min: m as u8 }
        }
        "unrecorded" => {
            let code = t.req(cx, "code").and_then(|f| f.text(cx));
            let description = t.req(cx, "description").and_then(|f| f.text(cx));
            Condition::Unrecorded {
                code: code?,
                description: description?,
            }
        }
        "non-provocation" => Condition::NonProvocation,
        "obligor-not-at-war" => Condition::ObligorNotAtWar,
        _ => Condition::NonCompliance,
    };
    (!bad).then_some(c)
}

fn conditions(cx: &mut Ctx, states: &StateSystem, f: &Field) -> Vec<Condition> {
    f.list(cx, false)
        .unwrap_or_default()
        .iter()
        .filter_map(|c| condition(cx, states, c))
        .collect()
}

/// A named scope or an inline one, plus its notes.
fn scope(cx: &mut Ctx, states: &StateSystem, f: &Field, notes: &mut Vec<String>) -> Option<Scope> {
    let t = f.table(cx, SCOPE_KEYS)?;
    let article = opt_text(cx, &t, "article");
    let paraphrase = opt_text(cx, &t, "paraphrase");
    let anywhere_f = t.get("anywhere");
    let anywhere = anywhere_f
        .as_ref()
        .and_then(|a| a.bool(cx))
        .unwrap_or(false);
    let errors_before = cx.errors.len();
    let regions = t
        .get("regions")
        .map(|r| regions(cx, &r))
        .unwrap_or_default();
    let st: Vec<Ccode> = t
        .get("states")
        .and_then(|s| s.list(cx, true))
        .unwrap_or_default()
        .iter()
        .filter_map(|s| state(cx, states, s))
        .collect();
    let territory = t
        .get("territory")
        .and_then(|x| choice(cx, &x, TERRITORY, "territory rule"))
        .unwrap_or_default();
    let forces = t.get("forces").and_then(|x| x.bool(cx));
    if anywhere {
        let extra: Vec<&str> = ["regions", "states", "territory", "forces"]
            .into_iter()
            .filter(|k| t.has(k))
            .collect();
        if !extra.is_empty() {
            let af = anywhere_f.expect("anywhere is set");
            cx.error(
                &af.span,
                &af.path,
                format!(
                    "`anywhere = true` accepts every place, so {} would be ignored",
                    extra
                        .iter()
                        .map(|k| format!("`{k}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                Some("drop them, or set `anywhere = false` and list the regions".into()),
            );
            return None;
        }
        return Some(Scope {
            article,
            paraphrase,
            ..Scope::anywhere()
        });
    }
    if regions.is_empty() && st.is_empty() && cx.errors.len() == errors_before {
        cx.error(
            &t.span,
            &t.path,
            "this scope covers no place: give `regions`, `states` or `anywhere = true`",
            None,
        );
        return None;
    }
    let label = article
        .as_ref()
        .map_or_else(|| format!("scope `{}`", t.path), |a| format!("Art. {a}"));
    if let Some(s) = opt_text(cx, &t, "source") {
        notes.push(format!("{label} source: {s}"));
    }
    if let Some(n) = opt_text(cx, &t, "note") {
        notes.push(format!("{label}: {n}"));
    }
    Some(Scope {
        article,
        paraphrase,
        anywhere: false,
        regions,
        states: st,
        territory,
        forces: forces.unwrap_or(false),
    })
}

/// Parses and checks one spec.
pub(crate) fn parse(
    cx: &mut Ctx,
    root: &Tbl,
    states: &StateSystem,
    library_groups: &[Group],
    origin: Origin,
) -> Option<Spec> {
    let tid = root.req(cx, "id").and_then(|f| id(cx, &f));
    if let (Some(t), Some(f)) = (&tid, root.get("id")) {
        if t.starts_with("atop") {
            cx.error(
                &f.span,
                &f.path,
                format!("`{t}` is reserved: ids starting with `atop` name ATOP alliances"),
                Some("to replace an ATOP record, keep your own id and set `atopid`".into()),
            );
        }
    }
    let name = root.req(cx, "name").and_then(|f| f.text(cx));
    let atopid = root.get("atopid").and_then(|f| {
        let n = f.int(cx)?;
        if !(1..=99_999).contains(&n) {
            cx.error(
                &f.span,
                &f.path,
                format!("{n} is not an ATOP id"),
                Some("ATOP 5.1 ids run 1005–9999 (NATO is 3180)".into()),
            );
            return None;
        }
        Some(n as u32)
    });
    let status_f = root.req(cx, "status");
    let status = status_f
        .as_ref()
        .and_then(|f| choice(cx, f, STATUSES, "status"));
    let date = |cx: &mut Ctx, k: &str| root.get(k).and_then(|f| f.date(cx).map(|d| (d, f)));
    let proposed = date(cx, "proposed");
    let signed = date(cx, "signed");
    let in_force = date(cx, "in-force");
    let lapsed = date(cx, "lapsed");
    if let (Some(st), Some(sf)) = (status, &status_f) {
        let need = match st {
            TreatyStatus::Proposed => "proposed",
            TreatyStatus::Signed => "signed",
            TreatyStatus::InForce => "in-force",
            TreatyStatus::Lapsed => "lapsed",
        };
        if !root.has(need) {
            cx.error(
                &sf.span,
                &sf.path,
                format!("status `{need}` needs the date `{need} = \"YYYY-MM-DD\"`"),
                None,
            );
        }
        let forbidden: &[&str] = match st {
            TreatyStatus::Proposed => &["signed", "in-force", "lapsed"],
            TreatyStatus::Signed => &["proposed", "in-force", "lapsed"],
            TreatyStatus::InForce => &["proposed", "lapsed"],
            TreatyStatus::Lapsed => &["proposed"],
        };
        for k in forbidden {
            if let Some(f) = root.get(k) {
                cx.error(
                    &f.span,
                    &f.path,
                    format!("a treaty with status `{need}` has no `{k}` date"),
                    Some(format!(
                        "set the status that `{k}` implies, or drop the date"
                    )),
                );
            }
        }
        if st == TreatyStatus::Lapsed && in_force.is_none() && signed.is_none() {
            cx.error(
                &sf.span,
                &sf.path,
                "a lapsed treaty needs the date it started: `in-force` or `signed`",
                None,
            );
        }
    }
    // Dates in life order.
    let order = [
        ("proposed", &proposed),
        ("signed", &signed),
        ("in-force", &in_force),
        ("lapsed", &lapsed),
    ];
    for i in 0..order.len() {
        for j in i + 1..order.len() {
            if let (Some((a, _)), Some((b, bf))) = (order[i].1, order[j].1) {
                if b < a {
                    cx.error(
                        &bf.span,
                        &bf.path,
                        format!("`{}` {b} is before `{}` {a}", order[j].0, order[i].0),
                        None,
                    );
                }
            }
        }
    }
    let start = in_force
        .as_ref()
        .or(signed.as_ref())
        .or(proposed.as_ref())
        .map(|x| x.0);
    let sources = root
        .get("sources")
        .and_then(|f| f.strings(cx))
        .unwrap_or_default()
        .into_iter()
        .map(|x| x.0)
        .collect();
    let mut notes: Vec<String> = root
        .get("notes")
        .and_then(|f| f.strings(cx))
        .unwrap_or_default()
        .into_iter()
        .map(|x| x.0)
        .collect();

    // Groups: the library's, then the spec's own.
    let lib: Vec<&Group> = library_groups.iter().collect();
    let own = root
        .get("group")
        .and_then(|g| g.list(cx, false))
        .map(|l| groups(cx, states, &l, &lib))
        .unwrap_or_default();
    let all_groups: Vec<&Group> = library_groups.iter().chain(own.iter()).collect();

    // Parties.
    let party_list = root
        .req(cx, "party")
        .and_then(|p| p.list(cx, false))
        .unwrap_or_default();
    let (parties, roles, parties_clean) =
        members(cx, states, &party_list, PARTY_KEYS, start, &all_groups);
    let parties: Vec<Party> = parties.into_iter().map(|m| m.party).collect();
    let names = Names {
        roles,
        groups: all_groups.clone(),
        parties: parties.clone(),
    };

    // Named scopes: `[scope.NAME]` tables that clauses point to, like Catala labels.
    let mut scopes: BTreeMap<String, (Option<Scope>, Field, bool)> = BTreeMap::new();
    if let Some(t) = root.get("scope").and_then(|sf| sf.table_any(cx)) {
        for k in t.keys() {
            let Some(f) = t.get(k) else { continue };
            let s = scope(cx, states, &f, &mut notes);
            scopes.insert(k.to_string(), (s, f, false));
        }
    }

    // Clauses.
    let clause_list = root
        .req(cx, "clause")
        .and_then(|c| c.list(cx, false))
        .unwrap_or_default();
    if root.has("clause") && clause_list.is_empty() {
        cx.error(
            &root.key_span("clause"),
            "clause",
            "a treaty needs at least one clause",
            None,
        );
    }
    let mut clauses = Vec::new();
    for cf in &clause_list {
        let Some(t) = cf.table(cx, CLAUSE_KEYS) else {
            continue;
        };
        let article = t.req(cx, "article").and_then(|f| f.text(cx));
        let paraphrase = t.req(cx, "paraphrase").and_then(|f| f.text(cx));
        let kind = t
            .req(cx, "kind")
            .and_then(|f| choice(cx, &f, KINDS, "kind"));
        let obligors = t
            .req(cx, "obligors")
            .and_then(|f| selectors(cx, states, &f, &names));
        let bf = t.req(cx, "beneficiaries");
        let beneficiaries = bf.as_ref().and_then(|f| selectors(cx, states, f, &names));
        let strength = t
            .req(cx, "strength")
            .and_then(|f| choice(cx, &f, STRENGTHS, "strength"));
        let trigger = t
            .req(cx, "trigger")
            .and_then(|f| choice(cx, &f, TRIGGERS, "trigger"));
        let sc = match t.get("scope") {
            None => Some(Scope::anywhere()),
            Some(f) => match f.node {
                crate::walk::Node::Value(toml_edit::Value::String(_)) => {
                    let name = f.str(cx).unwrap_or_default();
                    match scopes.get_mut(name) {
                        Some((s, _, used)) => {
                            *used = true;
                            s.clone()
                        }
                        None => {
                            let defined: Vec<&str> = scopes.keys().map(String::as_str).collect();
                            let hint = match closest(name, defined.iter().copied()) {
                                Some(c) => format!("did you mean `{c}`?"),
                                None if defined.is_empty() => {
                                    "define it as a [scope.NAME] table".into()
                                }
                                None => format!("scopes defined: {}", defined.join(", ")),
                            };
                            cx.error(
                                &f.span,
                                &f.path,
                                format!("unknown scope `{name}`"),
                                Some(hint),
                            );
                            None
                        }
                    }
                }
                _ => scope(cx, states, &f, &mut notes),
            },
        };
        let conds = t
            .get("conditions")
            .map(|f| conditions(cx, states, &f))
            .unwrap_or_default();
        let mut exceptions = Vec::new();
        for ef in t
            .get("exception")
            .and_then(|f| f.list(cx, false))
            .unwrap_or_default()
        {
            let Some(et) = ef.table(cx, EXCEPTION_KEYS) else {
                continue;
            };
            let ea = et.req(cx, "article").and_then(|f| f.text(cx));
            let ep = et.req(cx, "paraphrase").and_then(|f| f.text(cx));
            let when = et.req(cx, "when").and_then(|f| {
                let list = f.list(cx, true)?;
                if list.is_empty() {
                    cx.error(
                        &f.span,
                        &f.path,
                        "an exception needs at least one condition in `when`",
                        None,
                    );
                    return None;
                }
                let n = list.len();
                let w: Vec<Condition> = list
                    .iter()
                    .filter_map(|c| condition(cx, states, c))
                    .collect();
                (w.len() == n).then_some(w)
            });
            if let Some(s) = opt_text(cx, &et, "source") {
                notes.push(format!(
                    "Art. {} source: {s}",
                    ea.clone().unwrap_or_default()
                ));
            }
            if let Some(n) = opt_text(cx, &et, "note") {
                notes.push(format!("Art. {}: {n}", ea.clone().unwrap_or_default()));
            }
            if let (Some(article), Some(paraphrase), Some(when)) = (ea, ep, when) {
                exceptions.push(Exception {
                    article,
                    paraphrase,
                    when,
                });
            }
        }
        let mut contributions = Vec::new();
        for kf in t
            .get("contribution")
            .and_then(|f| f.list(cx, false))
            .unwrap_or_default()
        {
            let Some(kt) = kf.table(cx, CONTRIBUTION_KEYS) else {
                continue;
            };
            let by = kt
                .req(cx, "by")
                .and_then(|f| selector(cx, states, &f, &names));
            let what = kt.req(cx, "what").and_then(|f| f.text(cx));
            let forces = kt.get("forces").and_then(|f| {
                let n = f.int(cx)?;
                u32::try_from(n)
                    .map_err(|_| {
                        cx.error(
                            &f.span,
                            &f.path,
                            format!("{n} is not a number of troops"),
                            None,
                        )
                    })
                    .ok()
            });
            let money = kt.get("money-usd-bn").and_then(|f| f.number(cx));
            let share = kt.get("share").and_then(|f| {
                let x = f.number(cx)?;
                if x > 1.0 {
                    cx.error(
                        &f.span,
                        &f.path,
                        format!("share {x} is above 1"),
                        Some(
                            "a share is a fraction of the joint effort, 0–1 (0.25 = a quarter)"
                                .into(),
                        ),
                    );
                    return None;
                }
                Some(x)
            });
            let label = format!("Art. {} contribution", article.clone().unwrap_or_default());
            if let Some(s) = opt_text(cx, &kt, "source") {
                notes.push(format!("{label} source: {s}"));
            }
            if let Some(n) = opt_text(cx, &kt, "note") {
                notes.push(format!("{label}: {n}"));
            }
            if let (Some(by), Some(what)) = (by, what) {
                contributions.push(Contribution {
                    by,
                    what,
                    forces,
                    money_usd_bn: money,
                    share,
                });
            }
        }
        if let Some(s) = opt_text(cx, &t, "source") {
            notes.push(format!(
                "Art. {} source: {s}",
                article.clone().unwrap_or_default()
            ));
        }
        if let Some(n) = opt_text(cx, &t, "note") {
            notes.push(format!("Art. {}: {n}", article.clone().unwrap_or_default()));
        }
        // A clause cannot bind a state towards itself alone.
        if let (Some(o), Some(b), Some(bf), true) = (&obligors, &beneficiaries, &bf, parties_clean)
        {
            let (po, pb) = (names.possible(o), names.possible(b));
            if po.len() == 1 && po == pb {
                let c = *po.iter().next().expect("one");
                cx.error(
                    &bf.span,
                    &bf.path,
                    format!("obligors and beneficiaries are the same single state ({}): a state cannot guarantee itself", states.abb(c)),
                    None,
                );
            }
        }
        if let (
            Some(article),
            Some(paraphrase),
            Some(kind),
            Some(obligors),
            Some(beneficiaries),
            Some(strength),
            Some(trigger),
            Some(scope),
        ) = (
            article,
            paraphrase,
            kind,
            obligors,
            beneficiaries,
            strength,
            trigger,
            sc,
        ) {
            clauses.push(Clause {
                article,
                paraphrase,
                kind,
                obligors,
                beneficiaries,
                strength,
                trigger,
                scope,
                conditions: conds,
                exceptions,
                contributions,
            });
        }
    }
    for (name, (_, f, used)) in &scopes {
        if !used {
            cx.error(
                &f.span,
                &f.path,
                format!("scope `{name}` is defined but no clause uses it"),
                Some(format!(
                    "reference it with scope = \"{name}\" in a [[clause]], or remove it"
                )),
            );
        }
    }

    // Accession.
    let accession = root.get("accession").and_then(|af| {
        let t = af.table(cx, ACCESSION_KEYS)?;
        let article = t.req(cx, "article").and_then(|f| f.text(cx));
        let cf = t.req(cx, "candidate");
        let candidate = cf.as_ref().and_then(|f| state(cx, states, f));
        // The candidate is listed among the parties with the day it would join; the engine
        // keeps it out while the accession is blocked. It must not be a party already before.
        if let (Some(c), Some(cf)) = (candidate, &cf) {
            let spells: Vec<&Party> = parties.iter().filter(|p| p.ccode == c).collect();
            match spells.as_slice() {
                [] => cx.error(
                    &cf.span,
                    &cf.path,
                    format!("the candidate {} is not among the parties", states.abb(c)),
                    Some(format!("add [[party]] state = \"{}\" with the roles it would hold and the day it would join as `entry`", states.abb(c))),
                ),
                [_] => {}
                _ => cx.error(
                    &cf.span,
                    &cf.path,
                    format!("the candidate {} is already a party: it is listed more than once", states.abb(c)),
                    Some("a candidate has one party entry: the membership it would gain".into()),
                ),
            }
        }
        let label = format!("Art. {} (accession)", article.clone().unwrap_or_default());
        if let Some(p) = opt_text(cx, &t, "paraphrase") {
            notes.push(format!("{label}: {p}"));
        }
        if let Some(s) = opt_text(cx, &t, "source") {
            notes.push(format!("{label} source: {s}"));
        }
        if let Some(n) = opt_text(cx, &t, "note") {
            notes.push(format!("{label}: {n}"));
        }
        let mut positions: Vec<(Ccode, Position, Option<String>)> = Vec::new();
        for pf in t.get("position").and_then(|f| f.list(cx, false)).unwrap_or_default() {
            let Some(pt) = pf.table(cx, POSITION_KEYS) else { continue };
            let pos = pt.req(cx, "position").and_then(|f| choice(cx, &f, POSITIONS, "position"));
            let source = opt_text(cx, &pt, "source");
            let names: Vec<Field> = match (pt.get("state"), pt.get("states")) {
                (Some(_), Some(s)) => {
                    cx.error(&s.span, &s.path, "give either `state` or `states`, not both", None);
                    vec![]
                }
                (Some(s), None) => vec![s],
                (None, Some(s)) => s.list(cx, true).unwrap_or_default(),
                (None, None) => {
                    cx.error(&pt.span, &crate::walk::join(&pt.path, "state"), format!("missing key `state` in `{}`", pt.path), None);
                    vec![]
                }
            };
            for nf in names {
                let Some(c) = state(cx, states, &nf) else { continue };
                if candidate == Some(c) {
                    cx.error(&nf.span, &nf.path, format!("{} is the candidate: only the members' positions count", states.abb(c)), None);
                    continue;
                }
                if !parties.iter().any(|p| p.ccode == c) {
                    cx.error(&nf.span, &nf.path, format!("{} is not a party: only members' positions count", states.abb(c)), None);
                    continue;
                }
                if positions.iter().any(|(x, _, _)| *x == c) {
                    cx.error(&nf.span, &nf.path, format!("{} already has a position", states.abb(c)), None);
                    continue;
                }
                if let Some(p) = pos {
                    positions.push((c, p, source.clone()));
                }
            }
        }
        Some(Accession { article: article?, candidate: candidate?, positions })
    });

    // Examples.
    let articles: Vec<String> = clauses.iter().map(|c| c.article.clone()).collect();
    let mut examples = Vec::new();
    for ef in root
        .get("example")
        .and_then(|f| f.list(cx, false))
        .unwrap_or_default()
    {
        if let Some(e) = example(cx, states, &ef, &articles, root.has("accession")) {
            examples.push(e);
        }
    }

    let treaty = Treaty {
        id: tid?,
        name: name?,
        atopid,
        status: status?,
        signed: signed.map(|x| x.0).or(proposed.map(|x| x.0)),
        in_force: in_force.map(|x| x.0),
        lapsed: lapsed.map(|x| x.0),
        sources,
        parties,
        clauses,
        accession,
        origin,
        notes,
    };
    Some(Spec {
        treaty,
        groups: own,
        examples,
    })
}

fn example(
    cx: &mut Ctx,
    states: &StateSystem,
    f: &Field,
    articles: &[String],
    has_accession: bool,
) -> Option<SpecExample> {
    let t = f.table(cx, EXAMPLE_KEYS)?;
    let line = cx.line_of(&f.span);
    let name = t.req(cx, "name").and_then(|f| f.text(cx));
    let article = t.get("article").and_then(|af| {
        let a = af.text(cx)?;
        if !articles.contains(&a) {
            let hint = format!("articles with clauses: {}", articles.join(", "));
            cx.error(
                &af.span,
                &af.path,
                format!("no clause encodes article `{a}`"),
                Some(hint),
            );
        }
        Some(a)
    });
    let Attack {
        attackers,
        target,
        date,
        place,
        force,
        provoked,
    } = attack(cx, states, &t);
    let expected_status = t.get("expected-status").and_then(|sf| {
        let s = choice(cx, &sf, EXPECTED, "expected status")?;
        if s == ExpectedStatus::Blocked && !has_accession {
            cx.error(
                &sf.span,
                &sf.path,
                "`blocked` only applies to a treaty with an [accession] table",
                None,
            );
        }
        Some(s)
    });
    let expected_obligors = t.get("expected-obligors").and_then(|of| match of.node {
        crate::walk::Node::Value(toml_edit::Value::Integer(_)) => {
            let n = of.int(cx)?;
            if n < 0 {
                cx.error(&of.span, &of.path, format!("{n} is not a count"), None);
                return None;
            }
            Some(ExpectedObligors::Count(n as usize))
        }
        _ => {
            let l = of.list(cx, false)?;
            let n = l.len();
            let v: Vec<Ccode> = l.iter().filter_map(|x| state(cx, states, x)).collect();
            (v.len() == n).then_some(ExpectedObligors::States(v))
        }
    });
    if !t.has("expected-status") && !t.has("expected-obligors") {
        cx.error(
            &t.span,
            &t.path,
            "an example needs `expected-status`, `expected-obligors` or both",
            Some("e.g. expected-status = \"triggered\", expected-obligors = 31".into()),
        );
    }
    let source = opt_text(cx, &t, "source");
    let note = opt_text(cx, &t, "note");
    let (name, target, date, place, force) = (name?, target?, date?, place?, force?);
    if attackers.is_empty() {
        return None;
    }
    Some(SpecExample {
        name: name.clone(),
        article,
        incident: Incident {
            id: None,
            attackers,
            target,
            date,
            place,
            force,
            provoked,
            description: Some(name),
            sources: source.iter().cloned().collect(),
        },
        expected_status,
        expected_obligors,
        source,
        note,
        file: cx.file.to_string(),
        line,
    })
}

/// The fields an `[[incident]]` and an `[[example]]` share. Problems are reported to `cx`;
/// a part that is missing or invalid is `None` (attackers: empty).
pub(crate) struct Attack {
    pub attackers: Vec<Actor>,
    pub target: Option<Ccode>,
    pub date: Option<casus_core::Day>,
    pub place: Option<Place>,
    pub force: Option<Force>,
    pub provoked: Option<bool>,
}

pub(crate) fn attack(cx: &mut Ctx, states: &StateSystem, t: &Tbl) -> Attack {
    let attackers = attackers(cx, states, t);
    let target = t.req(cx, "target").and_then(|f| state(cx, states, &f));
    if let Some(tg) = target {
        if attackers.contains(&Actor::State(tg)) {
            let tf = t.get("target").expect("read above");
            cx.error(
                &tf.span,
                &tf.path,
                format!("{} is both attacker and target", states.abb(tg)),
                None,
            );
        }
    }
    let date = t.req(cx, "date").and_then(|f| f.date(cx));
    let place = place(cx, t);
    let force = t.get("force").map_or(Some(Force::ArmedAttack), |f| {
        choice(cx, &f, FORCES, "force")
    });
    let provoked = t.get("provoked").and_then(|f| f.bool(cx));
    Attack {
        attackers,
        target,
        date,
        place,
        force,
        provoked,
    }
}

/// `place = "..."`, `territory` when absent.
pub(crate) fn place(cx: &mut Ctx, t: &Tbl) -> Option<Place> {
    match t.get("place") {
        None => Some(Place::Territory),
        Some(pf) => {
            let s = pf.str(cx)?;
            match Place::parse(s) {
                Ok(p) => Some(p),
                Err(e) => {
                    cx.error(&pf.span, &pf.path, e, None);
                    None
                }
            }
        }
    }
}
