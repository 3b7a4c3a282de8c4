//! The minijinja environment: the theme's templates compiled once per
//! build, HTML auto-escaping on, and undefined values treated as errors so a
//! mistake in a template fails the build instead of leaving a gap.

use crate::theme::Theme;
use anyhow::{anyhow, Result};
use minijinja::{syntax::SyntaxConfig, AutoEscape, Environment, UndefinedBehavior};
use peerdir_search::html::write_escaped;

pub fn environment(theme: &Theme) -> Result<Environment<'static>> {
    let mut env = Environment::new();
    env.set_syntax(SyntaxConfig::builder().trim_blocks(true).lstrip_blocks(true).build().map_err(describe)?);
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_formatter(|out, state, value| match value.as_str() {
        Some(text) if *state.auto_escape() == AutoEscape::Html && !value.is_safe() => {
            write_escaped(out, text).map_err(|_| minijinja::Error::new(minijinja::ErrorKind::WriteFailure, "cannot write output"))
        }
        _ => minijinja::escape_formatter(out, state, value),
    });
    for (name, source) in &theme.templates {
        env.add_template_owned(name.clone(), source.clone()).map_err(describe)?;
    }
    Ok(env)
}

/// Renders `name` with `ctx`.
pub fn render(env: &Environment<'static>, name: &str, ctx: minijinja::Value) -> Result<String> {
    let template = env.get_template(name).map_err(describe)?;
    template.render(ctx).map_err(describe)
}

/// A template error with its template name, line and cause chain.
fn describe(e: minijinja::Error) -> anyhow::Error {
    let mut msg = format!("template error: {e}");
    let mut source = std::error::Error::source(&e);
    while let Some(s) = source {
        msg.push_str(&format!("\n  caused by: {s}"));
        source = s.source();
    }
    anyhow!(msg)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_but_not_slashes() {
        let mut env = Environment::new();
        env.add_template("t.html", "<a href=\"{{ u }}\" title='{{ u }}'>{{ u }}</a>").unwrap();
        let html = env.get_template("t.html").unwrap().render(minijinja::context! { u => "/a/\"'<b>&" }).unwrap();
        assert!(html.contains("&#x2f;"), "minijinja's default escapes slashes: {html}");
        let theme = crate::theme::Theme {
            templates: vec![("t.html".into(), "<a href=\"{{ u }}\" title='{{ u }}'>{{ u }}</a>".into())],
            strings: serde_yaml::Value::Null,
        };
        let env = environment(&theme).unwrap();
        let html = env.get_template("t.html").unwrap().render(minijinja::context! { u => "/a/\"'<b>&" }).unwrap();
        assert_eq!(html, "<a href=\"/a/&quot;&#39;&lt;b&gt;&amp;\" title='/a/&quot;&#39;&lt;b&gt;&amp;'>/a/&quot;&#39;&lt;b&gt;&amp;</a>");
    }
}
