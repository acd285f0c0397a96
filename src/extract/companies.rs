//! Companies: a gazetteer matched through one automaton over script-folded
//! text, suffix shapes for unknown companies, and propagation of short forms.

use super::{Entity, Folded};

/// The compiled company list.
pub struct Gazetteer {}

impl Gazetteer {
    /// The built-in list shipped in `data/`.
    pub fn builtin() -> Gazetteer {
        Gazetteer {}
    }

    /// Appends every company mention in `folded` to `out`.
    pub fn find(&self, _folded: &Folded, _out: &mut Vec<Entity>) {}
}
