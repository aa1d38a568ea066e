//! One map category per state of an invocation, with its colour: the HTML report colours
//! its map and network by them, and `/api/invoke` sends them to the browser app.

use casus_core::engine::Status;
use casus_core::view::InvokeView;
use casus_core::Ccode;
use std::collections::HashMap;

/// Map categories with their colours (the same as the browser app's style sheet).
pub const CATEGORIES: &[(&str, &str, &str)] = &[
    ("target", "target", "#e66101"),
    ("attacker", "attacker", "#b2182b"),
    ("attacker-ally", "joins the attacker", "#ef8a62"),
    ("automatic", "automatic assistance", "#08306b"),
    ("as-it-deems-necessary", "as it deems necessary", "#2f73b6"),
    ("consult", "consult", "#7fb2dd"),
    ("assurance", "assurance only", "#c9dcef"),
    ("undetermined", "undetermined", "#f2c14e"),
    ("side-b", "joins the defence (cascade)", "#5aae61"),
];

/// The colour (`#rrggbb`) of a category; light grey for a state in none.
pub fn colour(cat: &str) -> &'static str {
    CATEGORIES
        .iter()
        .find(|c| c.0 == cat)
        .map_or("#e4e6ea", |c| c.2)
}

/// One category per state: the target, the attackers, those joining the attacker, then the
/// strongest triggered obligation (its strength), else undetermined, else joining the defence
/// in the cascade. The browser app
/// receives them with the invocation (`/api/invoke`).
pub fn categories(v: &InvokeView) -> HashMap<Ccode, &'static str> {
    const RANK: [&str; 6] = [
        "side-b",
        "undetermined",
        "assurance",
        "consult",
        "as-it-deems-necessary",
        "automatic",
    ];
    let rank = |c: &str| RANK.iter().position(|x| *x == c).unwrap_or(0);
    let mut cat: HashMap<Ccode, &'static str> = HashMap::new();
    for o in &v.obligations {
        let c = match o.status {
            Status::Triggered => o.strength.as_str(),
            Status::Undetermined => "undetermined",
            _ => continue,
        };
        let e = cat.entry(o.obligor.ccode).or_insert(c);
        if rank(c) > rank(e) {
            *e = c;
        }
    }
    for s in &v.sides.b {
        cat.entry(s.ccode).or_insert("side-b");
    }
    for s in &v.sides.a {
        cat.insert(s.ccode, "attacker-ally");
    }
    for a in &v.incident.attackers {
        if let casus_core::view::ActorView::State(s) = a {
            cat.insert(s.ccode, "attacker");
        }
    }
    cat.insert(v.incident.target.ccode, "target");
    cat
}
