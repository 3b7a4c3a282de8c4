//! The minijinja environment: the theme's templates compiled once per
//! build, HTML auto-escaping on, and undefined values treated as errors so a
//! mistake in a template fails the build instead of leaving a gap.

use crate::theme::Theme;
use anyhow::{anyhow, Result};
use minijinja::{syntax::SyntaxConfig, Environment, UndefinedBehavior};
use serde::Serialize;

pub fn environment(theme: &Theme) -> Result<Environment<'static>> {
    let mut env = Environment::new();
    env.set_syntax(SyntaxConfig::builder().trim_blocks(true).lstrip_blocks(true).build().map_err(describe)?);
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    for (name, source) in &theme.templates {
        env.add_template_owned(name.clone(), source.clone()).map_err(describe)?;
    }
    Ok(env)
}

/// Renders `name` with `ctx`.
pub fn render(env: &Environment<'static>, name: &str, ctx: &impl Serialize) -> Result<String> {
    let template = env.get_template(name).map_err(describe)?;
    template.render(minijinja::Value::from(minijinja::value::Serde(ctx))).map_err(describe)
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
