//! Clause-by-clause likeness of a guarantee to a reference clause (NATO Article 5).
//!
//! Eight features are compared: kind, strength, trigger, who is bound (all parties or a
//! subset), who is protected, territorial scope, territory rule (controlled or
//! recognised), and conditions/exceptions. The score is the share of features that match.

use crate::treaty::{Clause, Kind, Selector, Treaty};
use serde::Serialize;

/// One compared feature.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Feature {
    /// What is compared ("strength", "trigger", "scope", …).
    pub feature: &'static str,
    /// The feature in the compared treaty, in words.
    pub this: String,
    /// The feature in the reference clause (NATO Art. 5), in words.
    pub reference: String,
    /// Whether the two agree.
    pub same: bool,
}

/// How closely a treaty's main clause resembles the reference clause.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Likeness {
    /// The clause compared ("5"), `None` if the treaty has no clause at all.
    pub article: Option<String>,
    /// The features compared, one by one.
    pub features: Vec<Feature>,
    /// Share of matching features, 0–1.
    pub score: f64,
}

/// The clause that carries a treaty's main commitment: the strongest defence clause, else
/// the strongest clause of any kind.
pub fn main_clause(t: &Treaty) -> Option<&Clause> {
    t.clauses.iter().max_by_key(|c| {
        (
            c.kind == Kind::Defence,
            c.kind.is_military(),
            c.strength,
            std::cmp::Reverse(c.article.clone()),
        )
    })
}

fn selectors(v: &[Selector]) -> String {
    if v.iter().any(|s| matches!(s, Selector::Parties)) {
        "all parties".into()
    } else {
        let mut s: Vec<String> = v
            .iter()
            .map(|s| match s {
                Selector::Parties => "all parties".into(),
                Selector::Role(r) => format!("role:{r}"),
                Selector::Group(g) => format!("group:{g}"),
                Selector::State(c) => format!("state:{c}"),
            })
            .collect();
        s.sort();
        s.join(", ")
    }
}

fn mutual(c: &Clause) -> bool {
    c.obligors.iter().any(|s| matches!(s, Selector::Parties))
        && c.beneficiaries
            .iter()
            .any(|s| matches!(s, Selector::Parties))
}

/// Compares `t`'s main clause with `reference`.
pub fn likeness(t: &Treaty, reference: &Clause) -> Likeness {
    let Some(c) = main_clause(t) else {
        return Likeness {
            article: None,
            features: vec![],
            score: 0.0,
        };
    };
    let scope_words = |c: &Clause| {
        if c.scope.anywhere {
            "anywhere".to_string()
        } else {
            let mut r: Vec<&str> = c.scope.regions.iter().map(|r| r.as_str()).collect();
            r.sort();
            r.join("+")
        }
    };
    let conds = |c: &Clause| {
        format!(
            "{} conditions, {} exceptions",
            c.conditions.len(),
            c.exceptions.len()
        )
    };
    let f = |feature, this: String, reference: String| Feature {
        feature,
        same: this == reference,
        this,
        reference,
    };
    let features = vec![
        f(
            "kind",
            c.kind.as_str().into(),
            reference.kind.as_str().into(),
        ),
        f(
            "strength",
            c.strength.as_str().into(),
            reference.strength.as_str().into(),
        ),
        f(
            "trigger",
            format!("{:?}", c.trigger),
            format!("{:?}", reference.trigger),
        ),
        f(
            "mutual",
            (if mutual(c) {
                "every party for every party"
            } else {
                "one-way or partial"
            })
            .into(),
            (if mutual(reference) {
                "every party for every party"
            } else {
                "one-way or partial"
            })
            .into(),
        ),
        f(
            "obligors",
            selectors(&c.obligors),
            selectors(&reference.obligors),
        ),
        f("scope", scope_words(c), scope_words(reference)),
        f(
            "territory",
            format!("{:?}", c.scope.territory),
            format!("{:?}", reference.scope.territory),
        ),
        f("conditions", conds(c), conds(reference)),
    ];
    let score = features.iter().filter(|x| x.same).count() as f64 / features.len() as f64;
    Likeness {
        article: Some(c.article.clone()),
        features,
        score,
    }
}
