//! Keyword enums: the words a spec file, the CLI and the API use for a fixed set of values
//! (`defence`, `as-it-deems-necessary`, `in-force`), spelled once, next to the enum.
//!
//! [`keywords!`](crate::keywords) turns one table of `Variant => "keyword"` into the
//! enum's `ALL`, `KEYWORDS`, `keyword()` and `parse()`, and implements [`Keyword`] so that
//! parsers can read any of them with one generic function. The keywords are the serde
//! names of the variants (kebab-case), so JSON and spec files agree.

/// A value written as one of a fixed set of keywords.
pub trait Keyword: Copy + 'static {
    /// Every value, in the order of the enum's table.
    const ALL: &'static [Self];
    /// The keyword that names this value.
    fn keyword(self) -> &'static str;
    /// The value a keyword names (exact match), if any.
    fn from_keyword(s: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.keyword() == s)
    }
}

/// Defines the keywords of an enum in one table:
///
/// ```
/// #[derive(Clone, Copy, Debug, PartialEq)]
/// enum Side { Attacker, Defender }
/// casus_core::keywords!(Side { Attacker => "attacker", Defender => "defender" });
/// assert_eq!(Side::parse("defender"), Some(Side::Defender));
/// assert_eq!(Side::Attacker.keyword(), "attacker");
/// assert_eq!(Side::KEYWORDS, ["attacker", "defender"]);
/// ```
#[macro_export]
macro_rules! keywords {
    ($ty:ident { $($variant:ident => $word:literal),+ $(,)? }) => {
        impl $ty {
            /// Every value, in the order of its keyword table.
            pub const ALL: [$ty; [$($word),+].len()] = [$($ty::$variant),+];
            /// Every keyword, in the same order (for hints and error messages).
            pub const KEYWORDS: [&'static str; [$($word),+].len()] = [$($word),+];
            /// The keyword that names this value in spec files, the CLI and the API.
            pub fn keyword(self) -> &'static str {
                match self {
                    $($ty::$variant => $word),+
                }
            }
            /// The value a keyword names (exact match), if any.
            pub fn parse(s: &str) -> Option<$ty> {
                match s {
                    $($word => Some($ty::$variant),)+
                    _ => None,
                }
            }
        }
        impl $crate::keyword::Keyword for $ty {
            const ALL: &'static [$ty] = &$ty::ALL;
            fn keyword(self) -> &'static str {
                $ty::keyword(self)
            }
        }
    };
}
