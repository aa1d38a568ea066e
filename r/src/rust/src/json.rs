//! serde views (the CLI's JSON) as R lists, the shape `jsonlite::fromJSON(x,
//! simplifyVector = FALSE)` gives: objects are named lists, arrays unnamed lists, `null`
//! is `NULL`, whole numbers that fit are integers and other numbers doubles.

use extendr_api::prelude::*;
use serde_json::Value;

/// `view` serialised as the CLI does, then converted.
pub fn to_list<T: serde::Serialize>(view: &T) -> Result<Robj, String> {
    let v = serde_json::to_value(view).map_err(|e| format!("serialising the answer: {e}"))?;
    to_r(&v)
}

fn to_r(v: &Value) -> Result<Robj, String> {
    Ok(match v {
        Value::Null => ().into(),
        Value::Bool(b) => (*b).into(),
        Value::Number(n) => match n.as_i64().and_then(|i| i32::try_from(i).ok()) {
            // i32::MIN is R's NA_integer_; jsonlite makes it a double too.
            Some(i) if i != i32::MIN => i.into(),
            _ => n.as_f64().unwrap_or(f64::NAN).into(),
        },
        Value::String(s) => s.as_str().into(),
        Value::Array(a) => {
            List::from_values(a.iter().map(to_r).collect::<Result<Vec<_>, _>>()?).into()
        }
        Value::Object(m) => {
            let vals = m.values().map(to_r).collect::<Result<Vec<_>, _>>()?;
            List::from_names_and_values(m.keys(), vals)
                .map_err(|e| format!("building a list: {e}"))?
                .into()
        }
    })
}
