//! Dates, times and durations with TIMEX3 values, and the article's own date.

use super::{Dct, Entity, Folded};

/// Infers the article's own date from a dateline or byline.
pub fn infer_dct(_folded: &Folded) -> Option<Dct> {
    None
}

/// Appends every date entity in `folded` to `out`, resolving relative and
/// year-less expressions against `dct`.
pub fn find(_folded: &Folded, _dct: Option<&Dct>, _out: &mut Vec<Entity>) {}
