//! The minijinja environment: the theme's templates compiled once per
//! build, HTML auto-escaping on, and undefined values treated as errors so a
//! mistake in a template fails the build instead of leaving a gap. Errors
//! in templates are [`Diagnostic`]s at the template's file and line: the
//! publisher's own file in `templates/`, or the theme's.

use crate::diag::{Diagnostic, Report};
use crate::theme::Template;
use minijinja::{syntax::SyntaxConfig, AutoEscape, Environment, UndefinedBehavior};
use peerdir_shared::html::write_escaped;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// The compiled templates of one build, and where each came from.
pub(crate) struct Templates {
    env: Environment<'static>,
    /// By template name: the file to name in errors, and its text.
    sources: BTreeMap<String, (PathBuf, String)>,
}

impl Templates {
    /// Compiles every template; `None` with each one's syntax error in
    /// `report` when any does not compile.
    pub(crate) fn new(templates: Vec<Template>, report: &mut Report) -> Option<Templates> {
        let mut env = Environment::new();
        let syntax = SyntaxConfig::builder()
            .trim_blocks(true)
            .lstrip_blocks(true)
            .build()
            .expect("the syntax settings are valid");
        env.set_syntax(syntax);
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.set_formatter(|out, state, value| match value.as_str() {
            Some(text) if *state.auto_escape() == AutoEscape::Html && !value.is_safe() => {
                write_escaped(out, text).map_err(|_| {
                    minijinja::Error::new(minijinja::ErrorKind::WriteFailure, "cannot write output")
                })
            }
            _ => minijinja::escape_formatter(out, state, value),
        });
        let mut sources = BTreeMap::new();
        let mut ok = true;
        for t in templates {
            let file =
                t.file.unwrap_or_else(|| PathBuf::from("themes/default/templates").join(&t.name));
            sources.insert(t.name.clone(), (file, t.text.clone()));
            if let Err(e) = env.add_template_owned(t.name, t.text) {
                ok = false;
                report.push(diagnostic(&sources, &e));
            }
        }
        ok.then_some(Templates { env, sources })
    }

    /// Renders `name` with `ctx`; an error is a [`Diagnostic`] at the
    /// template line that failed.
    pub(crate) fn render(&self, name: &str, ctx: minijinja::Value) -> anyhow::Result<String> {
        let template = self.env.get_template(name).map_err(|e| diagnostic(&self.sources, &e))?;
        template.render(ctx).map_err(|e| diagnostic(&self.sources, &e).into())
    }
}

/// A template error at its template's file and line, with its causes.
fn diagnostic(sources: &BTreeMap<String, (PathBuf, String)>, e: &minijinja::Error) -> Diagnostic {
    let mut msg = format!("template error: {}", e.kind());
    if let Some(detail) = e.detail() {
        msg.push_str(&format!(": {detail}"));
    }
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        msg.push_str(&format!(" (caused by: {s})"));
        source = s.source();
    }
    let found = e.name().and_then(|n| sources.get(n));
    let Some((file, text)) = found else { return Diagnostic::error("templates", msg) };
    match e.line() {
        Some(line) => Diagnostic::error(file, msg).at(text, line, 1),
        None => Diagnostic::error(file, msg),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn template(name: &str, text: &str) -> Template {
        Template {
            name: name.into(),
            text: text.into(),
            file: Some(PathBuf::from("content/templates").join(name)),
        }
    }

    #[test]
    fn escapes_markup_but_not_slashes() {
        let mut env = Environment::new();
        env.add_template("t.html", "<a href=\"{{ u }}\" title='{{ u }}'>{{ u }}</a>").unwrap();
        let html = env
            .get_template("t.html")
            .unwrap()
            .render(minijinja::context! { u => "/a/\"'<b>&" })
            .unwrap();
        assert!(html.contains("&#x2f;"), "minijinja's default escapes slashes: {html}");
        let t = Templates::new(
            vec![template("t.html", "<a href=\"{{ u }}\" title='{{ u }}'>{{ u }}</a>")],
            &mut Report::default(),
        )
        .unwrap();
        let html = t.render("t.html", minijinja::context! { u => "/a/\"'<b>&" }).unwrap();
        assert_eq!(html, "<a href=\"/a/&quot;&#39;&lt;b&gt;&amp;\" title='/a/&quot;&#39;&lt;b&gt;&amp;'>/a/&quot;&#39;&lt;b&gt;&amp;</a>");
    }

    #[test]
    fn errors_name_the_file_and_line() {
        let mut report = Report::default();
        assert!(Templates::new(
            vec![template("a.html", "ok\n{% if %}\n"), template("b.html", "{{ x }")],
            &mut report
        )
        .is_none());
        let at: Vec<_> =
            report.diagnostics.iter().map(|d| (d.file.display().to_string(), d.line)).collect();
        assert_eq!(
            at,
            [
                ("content/templates/a.html".to_string(), 2),
                ("content/templates/b.html".to_string(), 1)
            ]
        );
        let t = Templates::new(vec![template("c.html", "one\n{{ missing.field }}\n")], &mut report)
            .unwrap();
        let e = t.render("c.html", minijinja::context! {}).unwrap_err();
        let d = e.downcast_ref::<Diagnostic>().unwrap();
        assert_eq!(
            (d.file.display().to_string(), d.line),
            ("content/templates/c.html".to_string(), 2)
        );
        assert!(d.message.contains("undefined"), "{}", d.message);
    }
}
