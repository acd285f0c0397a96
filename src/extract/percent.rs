//! Percents: 592%, 百分之三十, 30 percent, 三成.

use super::{Entity, Folded};

/// Appends every percent entity in `folded` to `out`.
pub fn find(_folded: &Folded, _out: &mut Vec<Entity>) {}
