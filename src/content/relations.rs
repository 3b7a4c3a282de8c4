//! Who works with which program. A specialist names their programs; a
//! program's specialists are never typed in the program but derived here,
//! once per build, so pages need no search through every listing.

use super::model::{Program, Specialist};
use super::{Directory, Entry};
use std::collections::HashMap;

pub(crate) struct Relations<'a> {
    /// Programs of each specialist (by slug), in the programs' file order.
    programs_of: HashMap<&'a str, Vec<&'a Entry<Program>>>,
    /// Specialists of each program (by slug), in the specialists' file order.
    specialists_of: HashMap<&'a str, Vec<&'a Entry<Specialist>>>,
}

impl<'a> Relations<'a> {
    pub(crate) fn new(dir: &'a Directory) -> Relations<'a> {
        let position: HashMap<&str, usize> =
            dir.programs.iter().enumerate().map(|(i, p)| (p.slug.as_str(), i)).collect();
        let mut programs_of = HashMap::new();
        let mut specialists_of: HashMap<&str, Vec<&Entry<Specialist>>> = HashMap::new();
        for s in &dir.specialists {
            let mut found: Vec<usize> = s
                .data
                .programs
                .iter()
                .flatten()
                .filter_map(|slug| position.get(slug.as_str()).copied())
                .collect();
            found.sort_unstable();
            found.dedup();
            for &i in &found {
                specialists_of.entry(dir.programs[i].slug.as_str()).or_default().push(s);
            }
            programs_of
                .insert(s.slug.as_str(), found.into_iter().map(|i| &dir.programs[i]).collect());
        }
        Relations { programs_of, specialists_of }
    }

    pub(crate) fn programs_of(&self, specialist: &str) -> &[&'a Entry<Program>] {
        self.programs_of.get(specialist).map_or(&[], Vec::as_slice)
    }

    pub(crate) fn specialists_of(&self, program: &str) -> &[&'a Entry<Specialist>] {
        self.specialists_of.get(program).map_or(&[], Vec::as_slice)
    }
}
