//! Cards, a listing as lists show it. Every card is rendered once with the
//! theme's `card.html`; browse pages and listing pages join the finished
//! HTML, so a listing filed under many topics, regions and languages is
//! rendered once, not once per list. Lists put their cards under a heading
//! of level 2, so that one rendering fits every list.

use super::view::{self, Card};
use super::Renderer;
use crate::content::Directory;
use anyhow::Result;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::HashMap;

/// Every listing's card, sorted by name, rendered.
pub(crate) struct Cards {
    pub all: Vec<Card>,
    by_url: HashMap<String, usize>,
}

impl Cards {
    pub(crate) fn new(r: &Renderer, dir: &Directory) -> Result<Cards> {
        let mut all: Vec<Card> = dir
            .specialists
            .par_iter()
            .map(|e| r.ctx.card(e))
            .chain(dir.programs.par_iter().map(|e| r.ctx.program_card(e)))
            .collect();
        all.par_sort_by(view::order);
        all.par_iter_mut().try_for_each(|c| {
            c.html = render(r, c)?;
            anyhow::Ok(())
        })?;
        let by_url = all.iter().enumerate().map(|(i, c)| (c.url.clone(), i)).collect();
        Ok(Cards { all, by_url })
    }

    /// The card of the listing at `url`.
    pub(crate) fn get(&self, url: &str) -> &Card {
        &self.all[self.by_url[url]]
    }
}

fn render(r: &Renderer, c: &Card) -> Result<String> {
    #[derive(Serialize)]
    struct View<'a> {
        c: &'a Card,
    }
    r.fragment("card.html", View { c })
}

/// The HTML of `cards` in order.
pub(crate) fn html<'c>(cards: impl IntoIterator<Item = &'c Card>) -> String {
    let mut out = String::new();
    for c in cards {
        out.push_str(&c.html);
        out.push('\n');
    }
    out
}
