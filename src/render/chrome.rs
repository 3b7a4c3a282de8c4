//! The parts of every page's layout that depend on the site, not the page:
//! the header (crisis line, quick exit, navigation) and the footer. Each is
//! rendered once per build with the theme's `header.html` and `footer.html`
//! (the header once per navigation section, which it marks as current) and
//! given to every page as `header_html` and `footer_html`.

use super::Renderer;
use anyhow::Result;
use minijinja::Value;
use serde::Serialize;

pub(crate) struct Chrome {
    /// The header for pages in each navigation section (by the section's
    /// address), then for pages in none.
    headers: Vec<(Option<String>, Value)>,
    footer: Value,
}

impl Chrome {
    pub(crate) fn new(r: &Renderer) -> Result<Chrome> {
        #[derive(Serialize)]
        struct Header<'a> {
            current: Option<&'a str>,
        }
        let sections = r.site.nav.iter().map(|l| Some(l.url.as_str())).chain([None]);
        let headers = sections
            .map(|current| {
                Ok((
                    current.map(str::to_string),
                    Value::from_safe_string(r.fragment("header.html", Header { current })?),
                ))
            })
            .collect::<Result<_>>()?;
        Ok(Chrome { headers, footer: Value::from_safe_string(r.fragment("footer.html", ())?) })
    }

    /// The header of the page at `address`: its section's, if it is in one.
    pub(crate) fn header(&self, address: &str) -> Value {
        let section = self
            .headers
            .iter()
            .find(|(url, _)| url.as_deref().is_some_and(|u| address.starts_with(u)));
        section.or(self.headers.last()).map(|(_, html)| html.clone()).unwrap_or_default()
    }

    pub(crate) fn footer(&self) -> Value {
        self.footer.clone()
    }
}
