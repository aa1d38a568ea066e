//! R arguments to the crates' types, with the messages an R user needs (argument names as
//! in R, not the CLI's flags).

/// `c(first, last)` (or nothing: the default window) as years.
pub fn years(v: &[f64]) -> Result<Option<(i16, i16)>, String> {
    let year = |x: f64| -> Result<i16, String> {
        if x.is_nan() {
            return Err("`years` has an NA; give c(first, last), e.g. c(1816, 2016)".into());
        }
        if x.fract() != 0.0 || !(0.0..=9999.0).contains(&x) {
            return Err(format!(
                "`years`: {x} is not a year; give whole years, e.g. c(1816, 2016)"
            ));
        }
        Ok(x as i16)
    };
    match v {
        [] => Ok(None),
        [a] => Ok(Some((year(*a)?, year(*a)?))),
        [a, b] => {
            let (a, b) = (year(*a)?, year(*b)?);
            if a > b {
                return Err(format!(
                    "`years`: the first year ({a}) is after the last ({b}); give c(first, last)"
                ));
            }
            Ok(Some((a, b)))
        }
        _ => Err(format!(
            "`years` has {} values; give one year or c(first, last)",
            v.len()
        )),
    }
}

/// The scalar at `i` of the wrapper's scenario vector, `None` when empty.
pub fn opt(v: &[String], i: usize) -> Option<String> {
    v.get(i).filter(|s| !s.is_empty()).cloned()
}

/// A `spec` argument: an existing file (or a name ending in `.toml`) is read as spec
/// text, anything else is a treaty id (the CLI's `--spec` rule). Reads at most
/// `MAX_SPEC_BYTES + 1` bytes so the parser reports an oversized file.
pub fn spec_input(s: &str) -> Result<casus_app::SpecInput, String> {
    use std::io::Read;
    let path = std::path::Path::new(s);
    if !(path.is_file() || s.ends_with(".toml")) {
        return Ok(casus_app::SpecInput::Id(s.to_string()));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| {
            f.take(casus_spec::MAX_SPEC_BYTES as u64 + 1)
                .read_to_end(&mut bytes)
        })
        .map_err(|e| format!("reading spec file {s}: {e}"))?;
    let text =
        String::from_utf8(bytes).map_err(|_| format!("reading spec file {s}: not UTF-8 text"))?;
    Ok(casus_app::SpecInput::Text {
        file: s.to_string(),
        text,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_are_checked() {
        assert_eq!(years(&[]), Ok(None));
        assert_eq!(years(&[1990.0]), Ok(Some((1990, 1990))));
        assert_eq!(years(&[1816.0, 2016.0]), Ok(Some((1816, 2016))));
        assert!(years(&[2016.0, 1816.0])
            .unwrap_err()
            .contains("after the last"));
        assert!(years(&[1816.5]).unwrap_err().contains("not a year"));
        assert!(years(&[f64::NAN]).unwrap_err().contains("NA"));
        assert!(years(&[1.0, 2.0, 3.0]).unwrap_err().contains("3 values"));
        assert!(years(&[1e9]).unwrap_err().contains("not a year"));
    }

    #[test]
    fn specs_are_ids_unless_files() {
        assert_eq!(
            spec_input("nato"),
            Ok(casus_app::SpecInput::Id("nato".into()))
        );
        assert!(spec_input("/no/such/dir/x.toml")
            .unwrap_err()
            .starts_with("reading spec file /no/such/dir/x.toml"));
    }
}
