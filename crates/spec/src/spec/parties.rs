//! Parties and groups: `[[party]]` and `[[group]]` with their `[[group.member]]`
//! (`docs/spec.md`, "Parties" and "Groups"). A state may be listed several times with
//! spells that do not overlap (Germany 255 leaves and returns).

use super::{choice, id, opt_text, sources_of, state};
use crate::walk::{closest, Ctx, Field, Span, Tbl};
use casus_core::treaty::{ExitHow, Group, Party};
use casus_core::{Ccode, Day, StateSystem};
use std::collections::{BTreeMap, BTreeSet};

pub(crate) const GROUP_KEYS: &[&str] = &["id", "name", "sources", "member"];
pub(crate) const MEMBER_KEYS: &[&str] = &["state", "states", "entry", "exit", "exit-how", "source"];
pub(crate) const PARTY_KEYS: &[&str] = &[
    "state", "states", "group", "roles", "entry", "exit", "exit-how", "source",
];

/// A party or group member as read, with where it was written.
pub(super) struct Member {
    pub party: Party,
    pub span: Span,
    pub path: String,
}

/// Reads the entries of `[[party]]` or `[[group.member]]`. Also returns every role named
/// (even by an entry with errors) and whether all entries were read without error, so that
/// later checks do not report consequences of an error already reported.
pub(super) fn members(
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
        let roles = roles(cx, &t, keys);
        all_roles.extend(roles.iter().cloned());
        let source = opt_text(cx, &t, "source");
        if !names_one(cx, &t, keys) {
            continue;
        }
        // A whole group as parties: its members with their own dates and sources.
        if let Some(gf) = t.get("group").filter(|_| keys.contains(&"group")) {
            whole_group(cx, &t, &gf, groups, &roles, &source, &mut out);
            continue;
        }
        by_state(cx, states, &t, default_entry, &roles, &source, &mut out);
    }
    overlaps(cx, states, &out);
    let clean = cx.errors.len() == errors_before;
    (out, all_roles, clean)
}

/// `roles = [...]` of a party (single words; a group member has none).
fn roles(cx: &mut Ctx, t: &Tbl, keys: &[&str]) -> Vec<String> {
    match t.get("roles").filter(|_| keys.contains(&"roles")) {
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
    }
}

/// Whether the entry names its member(s) exactly one way: `state`, `states` or `group`.
fn names_one(cx: &mut Ctx, t: &Tbl, keys: &[&str]) -> bool {
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
        return false;
    }
    true
}

/// `group = "..."` in a `[[party]]`: every member of the group, with the group's dates.
fn whole_group(
    cx: &mut Ctx,
    t: &Tbl,
    gf: &Field,
    groups: &[&Group],
    roles: &[String],
    source: &Option<String>,
    out: &mut Vec<Member>,
) {
    for k in ["entry", "exit", "exit-how"] {
        if let Some(x) = t.get(k) {
            cx.error(
                &x.span,
                &x.path,
                format!("`{k}` cannot be combined with `group`: the group's own dates apply"),
                None,
            );
        }
    }
    let Some(name) = gf.text(cx) else { return };
    match groups.iter().find(|g| g.id == name) {
        Some(g) => {
            for m in &g.members {
                out.push(Member {
                    party: Party {
                        roles: roles.to_vec(),
                        source: source.clone().or(m.source.clone()),
                        ..m.clone()
                    },
                    span: gf.span.clone(),
                    path: gf.path.clone(),
                });
            }
        }
        None => unknown_group(cx, gf, &name, groups),
    }
}

/// `state = "..."` or `states = [...]` with `entry` (or the treaty's start) and `exit`.
fn by_state(
    cx: &mut Ctx,
    states: &StateSystem,
    t: &Tbl,
    default_entry: Option<Day>,
    roles: &[String],
    source: &Option<String>,
    out: &mut Vec<Member>,
) {
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
    let exit_how = exit_how(cx, t, exit.is_some());
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
                roles: roles.to_vec(),
                entry,
                exit,
                exit_how,
                source: source.clone(),
            },
            span: nf.span.clone(),
            path: nf.path.clone(),
        });
    }
}

/// `exit-how = "withdrew" | "excluded" | "suspended" | "ended"`: how the party left. It
/// qualifies an exit, so it needs one (an exit without it stays unqualified).
fn exit_how(cx: &mut Ctx, t: &Tbl, has_exit: bool) -> Option<ExitHow> {
    let f = t.get("exit-how")?;
    let how = choice(cx, &f, &ExitHow::ALL, "exit-how")?;
    if !has_exit && !t.has("exit") {
        cx.error(
            &f.span,
            &f.path,
            "`exit-how` says how a party left, but it has no `exit`",
            Some("add `exit = \"YYYY-MM-DD\"` (the last day as a party) or drop `exit-how`".into()),
        );
        return None;
    }
    Some(how)
}

/// Overlap errors reported per list of parties or group members at most; past that one
/// more error says that the list has further overlaps (a list that repeats one state
/// thousands of times must not produce millions of errors).
pub const MAX_OVERLAP_ERRORS: usize = 20;

/// One state's spells must not overlap. Each state's spells are sorted by entry and swept
/// once, keeping only those still open, so the cost grows with the number of entries (not
/// with its square) and stops after [`MAX_OVERLAP_ERRORS`]. An overlap is reported at the
/// spell written later, naming the earlier one's line and entry.
fn overlaps(cx: &mut Ctx, states: &StateSystem, out: &[Member]) {
    let mut by_state: BTreeMap<Ccode, Vec<usize>> = BTreeMap::new();
    for (i, m) in out.iter().enumerate() {
        by_state.entry(m.party.ccode).or_default().push(i);
    }
    let exit = |i: usize| out[i].party.exit.unwrap_or(Day::MAX);
    // (spell reported, line of the earlier spell, its entry): one error each.
    let mut found: BTreeSet<(usize, usize, Day)> = BTreeSet::new();
    let mut more = None;
    'states: for spells in by_state.values_mut() {
        spells.sort_by_key(|&i| (out[i].party.entry, i));
        let mut open: Vec<usize> = Vec::new();
        for &k in spells.iter() {
            let entry = out[k].party.entry;
            open.retain(|&o| exit(o) >= entry);
            for &o in &open {
                let (later, earlier) = (o.max(k), o.min(k));
                let key = (
                    later,
                    cx.line_of(&out[earlier].span),
                    out[earlier].party.entry,
                );
                if found.contains(&key) {
                    continue;
                }
                if found.len() == MAX_OVERLAP_ERRORS {
                    more = Some(later);
                    break 'states;
                }
                found.insert(key);
            }
            open.push(k);
        }
    }
    for (later, line, entry) in found {
        let m = &out[later];
        cx.error(
            &m.span,
            &m.path,
            format!(
                "{} is already listed from {entry} (line {line}); one state's spells must not overlap",
                states.abb(m.party.ccode)
            ),
            None,
        );
    }
    if let Some(i) = more {
        cx.error(
            &out[i].span,
            &out[i].path,
            format!(
                "more spells overlap; only the first {MAX_OVERLAP_ERRORS} overlaps are reported"
            ),
            Some("list each state once per spell".into()),
        );
    }
}

pub(super) fn unknown_group(cx: &mut Ctx, f: &Field, name: &str, groups: &[&Group]) {
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
