//! Clauses: one commitment each, with its article, paraphrase, kind, obligors,
//! beneficiaries, strength, trigger, scope, conditions, exceptions and contributions
//! (`docs/spec.md`, "Clauses").

use super::conditions::{condition, conditions};
use super::scopes::{self, Named};
use super::selectors::{selector, selectors, Names};
use super::{choice, opt_text};
use crate::walk::{Ctx, Field, Tbl};
use casus_core::treaty::{Clause, Condition, Contribution, Exception, Kind, Strength, Trigger};
use casus_core::StateSystem;

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
    "against-parties",
    "contribution",
    "source",
    "note",
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

/// Strengths strongest first, the order in which docs/spec.md and the hints list them.
const STRENGTHS: [Strength; 4] = [
    Strength::Automatic,
    Strength::AsItDeemsNecessary,
    Strength::Consult,
    Strength::Assurance,
];

/// The `[[clause]]` tables of a spec. `parties_clean`: the parties were read without
/// error (otherwise checks that depend on them are skipped).
pub(super) fn clauses(
    cx: &mut Ctx,
    states: &StateSystem,
    root: &Tbl,
    names: &Names,
    parties_clean: bool,
    scopes: &mut Named,
    notes: &mut Vec<String>,
) -> Vec<Clause> {
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
        if let Some(c) = clause(cx, states, cf, names, parties_clean, scopes, notes) {
            clauses.push(c);
        }
    }
    clauses
}

fn clause(
    cx: &mut Ctx,
    states: &StateSystem,
    cf: &Field,
    names: &Names,
    parties_clean: bool,
    scopes: &mut Named,
    notes: &mut Vec<String>,
) -> Option<Clause> {
    let t = cf.table(cx, CLAUSE_KEYS)?;
    let article = t.req(cx, "article").and_then(|f| f.text(cx));
    let paraphrase = t.req(cx, "paraphrase").and_then(|f| f.text(cx));
    let kind = t
        .req(cx, "kind")
        .and_then(|f| choice(cx, &f, &Kind::ALL, "kind"));
    let obligors = t
        .req(cx, "obligors")
        .and_then(|f| selectors(cx, states, &f, names));
    let bf = t.req(cx, "beneficiaries");
    let beneficiaries = bf.as_ref().and_then(|f| selectors(cx, states, f, names));
    let strength = t
        .req(cx, "strength")
        .and_then(|f| choice(cx, &f, &STRENGTHS, "strength"));
    let trigger = t
        .req(cx, "trigger")
        .and_then(|f| choice(cx, &f, &Trigger::ALL, "trigger"));
    let sc = scopes::of_clause(cx, states, &t, scopes, notes);
    let conds = t
        .get("conditions")
        .map(|f| conditions(cx, states, &f))
        .unwrap_or_default();
    let exceptions = exceptions(cx, states, &t, notes);
    let against_parties = against_parties(cx, &t, &exceptions);
    let contributions = contributions(cx, states, &t, names, &article, notes);
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
    if let (Some(o), Some(b), Some(bf), true) = (&obligors, &beneficiaries, &bf, parties_clean) {
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
    Some(Clause {
        article: article?,
        paraphrase: paraphrase?,
        kind: kind?,
        obligors: obligors?,
        beneficiaries: beneficiaries?,
        strength: strength?,
        trigger: trigger?,
        scope: sc?,
        conditions: conds,
        exceptions,
        against_parties,
        contributions,
    })
}

/// `against-parties = true`: the clause is owed against an attacker who is itself a party.
/// It contradicts an exception on `attacker-is-party`, so the two together are an error.
fn against_parties(cx: &mut Ctx, t: &Tbl, exceptions: &[Exception]) -> bool {
    let Some(f) = t.get("against-parties") else {
        return false;
    };
    let Some(v) = f.bool(cx) else { return false };
    if v && exceptions
        .iter()
        .any(|e| e.when.contains(&Condition::AttackerIsParty))
    {
        cx.error(
            &f.span,
            &f.path,
            "`against-parties = true` contradicts an exception on `attacker-is-party`",
            Some("keep one: the clause is owed against a fellow party, or an exception says what happens instead".into()),
        );
        return false;
    }
    v
}

/// `[[clause.exception]]`: rules that switch the clause off when all their conditions hold.
fn exceptions(
    cx: &mut Ctx,
    states: &StateSystem,
    t: &Tbl,
    notes: &mut Vec<String>,
) -> Vec<Exception> {
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
    exceptions
}

/// `[[clause.contribution]]`: what each guarantor pledges.
fn contributions(
    cx: &mut Ctx,
    states: &StateSystem,
    t: &Tbl,
    names: &Names,
    article: &Option<String>,
    notes: &mut Vec<String>,
) -> Vec<Contribution> {
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
            .and_then(|f| selector(cx, states, &f, names));
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
                        "a share is a fraction of the joint effort, 0–1 (0.25 = a quarter)".into(),
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
    contributions
}
