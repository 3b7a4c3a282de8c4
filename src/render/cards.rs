//! Cards, a listing as lists show it. Every card is rendered once per
//! heading level with the theme's `card.html`; browse pages and listing
//! pages join the finished HTML, so a listing filed under many topics,
//! regions and languages is rendered twice, not once per list.

use super::view::{self, Card};
use super::Renderer;
use crate::content::Directory;
use anyhow::Result;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::HashMap;

/// Every listing's card, sorted by name, rendered.
pub struct Cards {
    pub all: Vec<Card>,
    by_url: HashMap<String, usize>,
}

impl Cards {
    pub fn new(r: &Renderer, dir: &Directory) -> Result<Cards> {
        let mut all: Vec<Card> =
            dir.specialists.iter().map(view::specialist_card).chain(dir.programs.iter().map(view::program_card)).collect();
        view::sort(&mut all);
        all.par_iter_mut().try_for_each(|c| {
            c.html = [render(r, c, 2)?, render(r, c, 3)?];
            anyhow::Ok(())
        })?;
        let by_url = all.iter().enumerate().map(|(i, c)| (c.url.clone(), i)).collect();
        Ok(Cards { all, by_url })
    }

    /// The card of the listing at `url`.
    pub fn get(&self, url: &str) -> &Card {
        &self.all[self.by_url[url]]
    }
}

fn render(r: &Renderer, c: &Card, level: usize) -> Result<String> {
    #[derive(Serialize)]
    struct View<'a> {
        c: &'a Card,
        level: usize,
    }
    r.fragment("card.html", View { c, level })
}

/// The HTML of `cards` in order, their names headings of `level`.
pub fn html<'c>(cards: impl IntoIterator<Item = &'c Card>, level: usize) -> String {
    let mut out = String::new();
    for c in cards {
        out.push_str(c.html(level));
        out.push('\n');
    }
    out
}
