//! A checked walk over a TOML document: typed getters that record an error (with the
//! key's line and column) instead of failing, so one pass reports every problem.
//!
//! Every getter returns `Option`: `None` means "missing or wrong, already reported".

use crate::error::SpecError;
use casus_core::Day;
use std::ops::Range;
use toml_edit::{ArrayOfTables, Item, Table, TableLike, Value};

pub(crate) type Span = Option<Range<usize>>;

/// First day a spec may name, as (year, month, day): the start of the COW state system.
/// casus-app's user date range (`casus_app::day`) is derived from these two.
pub const FIRST_DAY: (i32, u32, u32) = (1816, 1, 1);
/// Last day a spec may name, as (year, month, day).
pub const LAST_DAY: (i32, u32, u32) = (2100, 12, 31);

/// The file being checked and the errors found so far.
pub(crate) struct Ctx<'s> {
    pub file: &'s str,
    text: &'s str,
    line_starts: Vec<usize>,
    pub errors: Vec<SpecError>,
}

impl<'s> Ctx<'s> {
    pub fn new(text: &'s str, file: &'s str) -> Ctx<'s> {
        let mut line_starts = vec![0];
        line_starts.extend(
            text.bytes()
                .enumerate()
                .filter(|(_, b)| *b == b'\n')
                .map(|(i, _)| i + 1),
        );
        Ctx {
            file,
            text,
            line_starts,
            errors: Vec::new(),
        }
    }

    /// The text being checked.
    pub fn text(&self) -> &'s str {
        self.text
    }

    /// 1-based line and character column of a byte offset (clamped into the text).
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset).max(1);
        let start = self.line_starts[line - 1];
        let column = self.text[start..]
            .char_indices()
            .take_while(|(i, _)| start + i < offset)
            .count()
            + 1;
        (line, column)
    }

    /// 1-based line of a span (1 when unknown); cheaper than [`Ctx::position`], which
    /// also counts the column.
    pub fn line_of(&self, span: &Span) -> usize {
        span.as_ref().map_or(1, |s| {
            let offset = s.start.min(self.text.len());
            self.line_starts.partition_point(|&l| l <= offset).max(1)
        })
    }

    pub fn error(
        &mut self,
        span: &Span,
        key: &str,
        message: impl Into<String>,
        hint: Option<String>,
    ) {
        let (line, column) = span.as_ref().map_or((1, 1), |s| self.position(s.start));
        self.errors.push(SpecError {
            file: self.file.to_string(),
            line,
            column,
            key: key.to_string(),
            message: message.into(),
            hint,
        });
    }
}

/// Joins a dotted key path.
pub(crate) fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// The closest candidate to `input`, if it is close enough to be a useful suggestion.
pub(crate) fn closest<'c>(
    input: &str,
    candidates: impl IntoIterator<Item = &'c str>,
) -> Option<&'c str> {
    let input = input.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&input, &c.to_lowercase()), c))
        .filter(|(s, _)| *s >= 0.75)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// "did you mean `x`? valid: a, b, c" — the hint for a value outside a fixed set.
pub(crate) fn choice_hint(input: &str, valid: &[&str]) -> String {
    let list = valid
        .iter()
        .map(|v| format!("`{v}`"))
        .collect::<Vec<_>>()
        .join(", ");
    match closest(input, valid.iter().copied()) {
        Some(c) => format!("did you mean `{c}`? valid values: {list}"),
        None => format!("valid values: {list}"),
    }
}

/// A value in the document: a plain value, a `[table]`, or an `[[array of tables]]`.
#[derive(Clone, Copy)]
pub(crate) enum Node<'a> {
    Value(&'a Value),
    Table(&'a Table),
    Tables(&'a ArrayOfTables),
    None,
}

impl<'a> Node<'a> {
    fn from_item(item: &'a Item) -> Node<'a> {
        match item {
            Item::Value(v) => Node::Value(v),
            Item::Table(t) => Node::Table(t),
            Item::ArrayOfTables(a) => Node::Tables(a),
            Item::None => Node::None,
        }
    }

    fn type_name(&self) -> &'static str {
        match self {
            Node::Value(Value::String(_)) => "a string",
            Node::Value(Value::Integer(_)) => "an integer",
            Node::Value(Value::Float(_)) => "a float",
            Node::Value(Value::Boolean(_)) => "a boolean",
            Node::Value(Value::Datetime(_)) => "a date-time",
            Node::Value(Value::Array(_)) => "an array",
            Node::Value(Value::InlineTable(_)) => "an inline table",
            Node::Table(_) => "a table",
            Node::Tables(_) => "an array of tables",
            Node::None => "nothing",
        }
    }
}

/// One key's value, with its dotted path and position.
#[derive(Clone)]
pub(crate) struct Field<'a> {
    pub node: Node<'a>,
    pub path: String,
    pub span: Span,
}

impl<'a> Field<'a> {
    fn wrong_type(&self, cx: &mut Ctx, expected: &str) {
        cx.error(
            &self.span,
            &self.path,
            format!("expected {expected}, found {}", self.node.type_name()),
            None,
        );
    }

    pub fn str(&self, cx: &mut Ctx) -> Option<&'a str> {
        match self.node {
            Node::Value(Value::String(s)) => Some(s.value().as_str()),
            _ => {
                self.wrong_type(cx, "a string");
                None
            }
        }
    }

    /// A string that must not be blank.
    pub fn text(&self, cx: &mut Ctx) -> Option<String> {
        let s = self.str(cx)?;
        if s.trim().is_empty() {
            cx.error(&self.span, &self.path, "must not be empty", None);
            return None;
        }
        Some(s.trim().to_string())
    }

    pub fn int(&self, cx: &mut Ctx) -> Option<i64> {
        match self.node {
            Node::Value(Value::Integer(i)) => Some(*i.value()),
            _ => {
                self.wrong_type(cx, "an integer");
                None
            }
        }
    }

    /// A non-negative number, integer or float.
    pub fn number(&self, cx: &mut Ctx) -> Option<f64> {
        let x = match self.node {
            Node::Value(Value::Integer(i)) => *i.value() as f64,
            Node::Value(Value::Float(f)) => *f.value(),
            _ => {
                self.wrong_type(cx, "a number");
                return None;
            }
        };
        if !x.is_finite() || x < 0.0 {
            cx.error(
                &self.span,
                &self.path,
                format!("{x} is not a non-negative number"),
                None,
            );
            return None;
        }
        Some(x)
    }

    pub fn bool(&self, cx: &mut Ctx) -> Option<bool> {
        match self.node {
            Node::Value(Value::Boolean(b)) => Some(*b.value()),
            _ => {
                self.wrong_type(cx, "`true` or `false`");
                None
            }
        }
    }

    /// A date, as a string `"2024-03-07"` or a TOML local date `2024-03-07`, within
    /// 1816-01-01..=2100-12-31.
    pub fn date(&self, cx: &mut Ctx) -> Option<Day> {
        let raw = match self.node {
            Node::Value(Value::String(s)) => s.value().clone(),
            Node::Value(Value::Datetime(d)) => {
                let d = d.value();
                if d.time.is_some() || d.offset.is_some() {
                    cx.error(
                        &self.span,
                        &self.path,
                        format!("`{d}` has a time; give a date alone, e.g. \"2024-03-07\""),
                        None,
                    );
                    return None;
                }
                d.to_string()
            }
            _ => {
                self.wrong_type(cx, "a date \"YYYY-MM-DD\"");
                return None;
            }
        };
        let day = match Day::parse(&raw) {
            Ok(d) => d,
            Err(e) => {
                let hint = matches!(e, casus_core::day::DateError::Format(_))
                    .then(|| "write dates as \"YYYY-MM-DD\", e.g. \"2024-03-07\"".to_string());
                cx.error(&self.span, &self.path, e.to_string(), hint);
                return None;
            }
        };
        let (first, last) = day_bounds();
        if day < first || day > last {
            cx.error(
                &self.span,
                &self.path,
                format!("date {day} is out of range"),
                Some(format!("dates run from {first} to {last}")),
            );
            return None;
        }
        Some(day)
    }

    /// The elements of an array (`[a, b]`) or an array of tables (`[[x]]`). A single value
    /// where an array is expected is taken as a one-element array when `lenient`.
    pub fn list(&self, cx: &mut Ctx, lenient: bool) -> Option<Vec<Field<'a>>> {
        match self.node {
            Node::Value(Value::Array(a)) => Some(
                a.iter()
                    .enumerate()
                    .map(|(i, v)| Field {
                        node: Node::Value(v),
                        path: format!("{}[{}]", self.path, i + 1),
                        span: v.span().or_else(|| self.span.clone()),
                    })
                    .collect(),
            ),
            Node::Tables(a) => Some(
                a.iter()
                    .enumerate()
                    .map(|(i, t)| Field {
                        node: Node::Table(t),
                        path: format!("{}[{}]", self.path, i + 1),
                        span: t.span().or_else(|| self.span.clone()),
                    })
                    .collect(),
            ),
            Node::Value(_) if lenient => Some(vec![self.clone()]),
            _ => {
                self.wrong_type(cx, "an array");
                None
            }
        }
    }

    /// An array of non-empty strings (a single string is accepted as a list of one).
    pub fn strings(&self, cx: &mut Ctx) -> Option<Vec<(String, Field<'a>)>> {
        let items = self.list(cx, true)?;
        let mut out = Vec::with_capacity(items.len());
        for f in items {
            if let Some(s) = f.text(cx) {
                out.push((s, f));
            }
        }
        Some(out)
    }

    /// A table whose keys are names the user chooses (`[scope.NAME]`).
    pub fn table_any(&self, cx: &mut Ctx) -> Option<Tbl<'a>> {
        match self.node {
            Node::Table(t) => Some(Tbl {
                t,
                path: self.path.clone(),
                span: self.span.clone(),
            }),
            Node::Value(Value::InlineTable(t)) => Some(Tbl {
                t,
                path: self.path.clone(),
                span: self.span.clone(),
            }),
            _ => {
                self.wrong_type(cx, "a table");
                None
            }
        }
    }

    /// A table or inline table; keys outside `allowed` are reported.
    pub fn table(&self, cx: &mut Ctx, allowed: &[&str]) -> Option<Tbl<'a>> {
        let t: &'a dyn TableLike = match self.node {
            Node::Table(t) => t,
            Node::Value(Value::InlineTable(t)) => t,
            _ => {
                self.wrong_type(cx, "a table");
                return None;
            }
        };
        let tbl = Tbl {
            t,
            path: self.path.clone(),
            span: self.span.clone(),
        };
        tbl.check_keys(cx, allowed);
        Some(tbl)
    }
}

pub(crate) fn day_bounds() -> (Day, Day) {
    let (a, b) = (FIRST_DAY, LAST_DAY);
    (
        Day::from_ymd(a.0, a.1, a.2).expect("valid bound"),
        Day::from_ymd(b.0, b.1, b.2).expect("valid bound"),
    )
}

/// A table being read: its keys, dotted path and position.
#[derive(Clone)]
pub(crate) struct Tbl<'a> {
    t: &'a dyn TableLike,
    pub path: String,
    pub span: Span,
}

impl<'a> Tbl<'a> {
    pub fn root(t: &'a Table, allowed: &[&str], cx: &mut Ctx) -> Tbl<'a> {
        let tbl = Tbl {
            t,
            path: String::new(),
            span: Some(0..0),
        };
        tbl.check_keys(cx, allowed);
        tbl
    }

    fn check_keys(&self, cx: &mut Ctx, allowed: &[&str]) {
        for (k, _) in self.t.iter() {
            if allowed.contains(&k) {
                continue;
            }
            let span = self.key_span(k);
            let list = allowed
                .iter()
                .map(|a| format!("`{a}`"))
                .collect::<Vec<_>>()
                .join(", ");
            let hint = match closest(k, allowed.iter().copied()) {
                Some(c) => format!("did you mean `{c}`?"),
                None => format!("valid keys here: {list}"),
            };
            let what = if self.path.is_empty() {
                "at the top level".to_string()
            } else {
                format!("in `{}`", self.path)
            };
            cx.error(
                &span,
                &join(&self.path, k),
                format!("unknown key `{k}` {what}"),
                Some(hint),
            );
        }
    }

    pub fn key_span(&self, key: &str) -> Span {
        self.t
            .key(key)
            .and_then(|k| k.span())
            .or_else(|| self.span.clone())
    }

    pub fn has(&self, key: &str) -> bool {
        self.t.get(key).is_some_and(|i| !i.is_none())
    }

    /// The value of `key`, if present.
    pub fn get(&self, key: &str) -> Option<Field<'a>> {
        let item = self.t.get(key)?;
        if item.is_none() {
            return None;
        }
        // Implicit tables (`scope` in `[scope.article-6]`) have no useful span of their own.
        let span = item
            .span()
            .filter(|s| !s.is_empty())
            .or_else(|| self.key_span(key));
        Some(Field {
            node: Node::from_item(item),
            path: join(&self.path, key),
            span,
        })
    }

    /// The value of a required `key`; reports it missing otherwise.
    pub fn req(&self, cx: &mut Ctx, key: &str) -> Option<Field<'a>> {
        let f = self.get(key);
        if f.is_none() {
            let what = if self.path.is_empty() {
                "at the top level".to_string()
            } else {
                format!("in `{}`", self.path)
            };
            cx.error(
                &self.span,
                &join(&self.path, key),
                format!("missing key `{key}` {what}"),
                None,
            );
        }
        f
    }

    /// The keys of the table in document order.
    pub fn keys(&self) -> Vec<&'a str> {
        self.t.iter().map(|(k, _)| k).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_characters() {
        let text = "a = 1\nnäme = \"é\"\n\nx";
        let cx = Ctx::new(text, "t.toml");
        assert_eq!(cx.position(0), (1, 1));
        assert_eq!(cx.position(4), (1, 5));
        assert_eq!(cx.position(6), (2, 1));
        // `ä` is two bytes but one column.
        assert_eq!(cx.position(text.find("= \"").unwrap()), (2, 6));
        assert_eq!(cx.position(text.len()), (4, 2));
        // Offsets past the end or inside a character do not panic.
        assert_eq!(cx.position(usize::MAX), (4, 2));
        let inside = text.find('ä').unwrap() + 1;
        assert_eq!(cx.position(inside), (2, 3));
    }

    #[test]
    fn closest_suggests_only_near_names() {
        assert_eq!(closest("kindd", ["kind", "strength"]), Some("kind"));
        assert_eq!(closest("zzz", ["kind", "strength"]), None);
        assert!(
            choice_hint("defense", &["defence", "offence"]).starts_with("did you mean `defence`?")
        );
    }
}
