//! Examples: `[[example]]` incidents stored with a treaty and what it should make of them
//! (`docs/spec.md`, "Examples"); also the incident fields that `[[incident]]` shares.

use super::{choice, opt_text, resolve, state};
use crate::walk::{Ctx, Field, Tbl};
use crate::{ExpectedObligors, ExpectedStatus, SpecExample};
use casus_core::incident::{Actor, Force, Incident, Place};
use casus_core::treaty::Clause;
use casus_core::{Ccode, StateSystem};

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

/// The `[[example]]` tables of a spec; `clauses`: the articles an example may name.
pub(super) fn examples(
    cx: &mut Ctx,
    states: &StateSystem,
    root: &Tbl,
    clauses: &[Clause],
) -> Vec<SpecExample> {
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
    examples
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
        let s = choice(cx, &sf, &ExpectedStatus::ALL, "expected status")?;
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
        choice(cx, &f, &Force::ALL, "force")
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

/// An attacker: `non-state:NAME` or a state.
fn actor(cx: &mut Ctx, states: &StateSystem, f: &Field) -> Option<Actor> {
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
fn attackers(cx: &mut Ctx, states: &StateSystem, t: &Tbl) -> Vec<Actor> {
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
