//! Problems found in the content, with the file, line and column they are at,
//! and their three printed forms: human (`path:line:col: error: message` with
//! the offending line under it), JSON, GitHub workflow annotations and a
//! GitLab code quality report.

use serde::Serialize;
use std::fmt::Write as _;
use std::path::{Component, Path, PathBuf};

/// How bad a problem is: errors fail `check` and `build`, warnings do not
/// (unless `--strict`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem in one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    #[serde(serialize_with = "slashed_path")]
    pub file: PathBuf,
    /// 1-based line in the file; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based column (in characters) in that line; 0 with line 0.
    pub col: usize,
    pub severity: Severity,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// The text of the offending line, shown under the message.
    #[serde(skip)]
    pub source_line: Option<String>,
}

impl Diagnostic {
    pub fn error(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            file: tidy(file.into()),
            line: 0,
            col: 0,
            severity: Severity::Error,
            message: message.into(),
            hint: None,
            source_line: None,
        }
    }

    pub fn warning(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(file, message) }
    }

    /// Places the problem at a line and column, taking the line's text from `text`.
    pub fn at(mut self, text: &str, line: usize, col: usize) -> Self {
        self.line = line;
        self.col = col;
        self.source_line =
            text.lines().nth(line.saturating_sub(1)).map(|l| l.trim_end_matches('\r').to_string());
        self
    }

    pub fn hint(mut self, hint: Option<String>) -> Self {
        self.hint = hint;
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// A diagnostic is also the error of a stage that meets a problem in the
/// content while it builds (a template that fails, an image that cannot
/// be read), so `check` and `build` can place it like any other.
impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", location(&self.file, self.line, self.col), self.message)
    }
}

impl std::error::Error for Diagnostic {}

/// The problems of one run, in a stable order: by file, line, column.
#[derive(Debug, Default)]
pub struct Report {
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    pub fn push(&mut self, d: Diagnostic) {
        self.diagnostics.push(d);
    }

    pub fn extend(&mut self, ds: impl IntoIterator<Item = Diagnostic>) {
        self.diagnostics.extend(ds);
    }

    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }

    /// Sorts and removes exact repeats, so output is the same on every run.
    pub fn finish(&mut self) {
        self.diagnostics.sort_by(|a, b| {
            (&a.file, a.line, a.col, a.severity, &a.message)
                .cmp(&(&b.file, b.line, b.col, b.severity, &b.message))
        });
        self.diagnostics.dedup();
    }

    pub fn human(&self) -> String {
        let mut out = String::new();
        for d in &self.diagnostics {
            out.push_str(&human(d));
        }
        out
    }

    pub fn json(&self) -> String {
        serde_json::to_string_pretty(&self.diagnostics).expect("diagnostics serialize") + "\n"
    }

    pub fn github(&self) -> String {
        self.diagnostics.iter().map(github).collect()
    }

    /// A GitLab code quality report, so problems show on the merge request.
    pub fn gitlab(&self) -> String {
        let issues: Vec<serde_json::Value> = self.diagnostics.iter().map(gitlab).collect();
        serde_json::to_string_pretty(&issues).expect("diagnostics serialize") + "\n"
    }

    /// The closing line: `2 errors, 1 warning`.
    pub fn summary(&self) -> String {
        format!("{}, {}", plural(self.errors(), "error"), plural(self.warnings(), "warning"))
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

fn severity_word(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

fn location(file: &Path, line: usize, col: usize) -> String {
    if line == 0 {
        slashed(file)
    } else {
        format!("{}:{}:{}", slashed(file), line, col)
    }
}

fn slashed_path<S: serde::Serializer>(file: &Path, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&slashed(file))
}

/// `file` with `/` between its parts on every system (Windows writes `\`):
/// the form people, CI annotations and code quality reports expect, the
/// same from every checkout.
pub(crate) fn slashed(file: &Path) -> String {
    let mut out = String::new();
    for part in file.components() {
        match part {
            Component::Prefix(prefix) => out.push_str(&prefix.as_os_str().to_string_lossy()),
            Component::RootDir => out.push('/'),
            part => {
                if !out.is_empty() && !out.ends_with('/') {
                    out.push('/');
                }
                out.push_str(&part.as_os_str().to_string_lossy());
            }
        }
    }
    out
}

/// `path:line:col: error: message`, then the line with a caret under the
/// column. Everything is [`visible`]: content cannot send escape sequences
/// to the terminal of whoever runs `check`.
fn human(d: &Diagnostic) -> String {
    let location = visible(&location(&d.file, d.line, d.col));
    let mut out = format!("{location}: {}: {}\n", severity_word(d.severity), visible(&d.message));
    let hint = d.hint.as_deref().map(visible);
    if let Some(src) = &d.source_line {
        let num = d.line.to_string();
        let pad = " ".repeat(num.len());
        let shown = visible(&src.replace('\t', " "));
        let caret = " ".repeat(d.col.saturating_sub(1).min(shown.chars().count()));
        let _ = write!(out, "{pad} |\n{num} | {shown}\n{pad} | {caret}^\n");
        if let Some(h) = hint {
            let _ = writeln!(out, "{pad} = help: {h}");
        }
    } else if let Some(h) = hint {
        let _ = writeln!(out, "  = help: {h}");
    }
    out
}

/// `text` with every control character but line feed and tab (and
/// U+FFFE, U+FFFF) written as `\u{..}`, so it prints as text.
pub(crate) fn visible(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if crate::content::source::is_forbidden(c) {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    out
}

/// A GitHub Actions workflow command, so problems show on the pull request.
fn github(d: &Diagnostic) -> String {
    let mut msg = visible(&d.message);
    if let Some(h) = &d.hint {
        msg = format!("{msg} ({})", visible(h));
    }
    let msg = msg.replace('%', "%25").replace('\n', "%0A");
    let file =
        visible(&slashed(&d.file)).replace('%', "%25").replace(',', "%2C").replace(':', "%3A");
    if d.line == 0 {
        format!("::{} file={}::{}\n", severity_word(d.severity), file, msg)
    } else {
        format!(
            "::{} file={},line={},col={}::{}\n",
            severity_word(d.severity),
            file,
            d.line,
            d.col,
            msg
        )
    }
}

/// `./specialists/x.md` as `specialists/x.md` (the form CI annotations and
/// people expect when the content folder is the current folder).
fn tidy(file: PathBuf) -> PathBuf {
    match file.strip_prefix(".") {
        Ok(rest) if !rest.as_os_str().is_empty() => rest.to_path_buf(),
        _ => file,
    }
}

/// One entry of a GitLab code quality report.
fn gitlab(d: &Diagnostic) -> serde_json::Value {
    let mut description = d.message.clone();
    if let Some(h) = &d.hint {
        description = format!("{description} ({h})");
    }
    let id = format!("{}:{}:{}:{}", slashed(&d.file), d.line, d.col, d.message);
    serde_json::json!({
        "description": description,
        "check_name": format!("peerdir-{}", severity_word(d.severity)),
        "fingerprint": format!("{:016x}", peerdir_shared::hash::fnv64(id.as_bytes())),
        "severity": if d.is_error() { "major" } else { "minor" },
        "location": { "path": slashed(&d.file), "lines": { "begin": d.line.max(1) } },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_shown_with_slashes_from_their_parts() {
        let nested: PathBuf = ["specialists", "noord", "sam.md"].iter().collect();
        assert_eq!(slashed(&nested), "specialists/noord/sam.md");
        assert_eq!(slashed(Path::new("/srv/content/site.yaml")), "/srv/content/site.yaml");
        let d = Diagnostic::error(&nested, "x");
        let json = serde_json::to_value(&d).unwrap();
        assert_eq!(json["file"], "specialists/noord/sam.md");
        assert_eq!(gitlab(&d)["location"]["path"], "specialists/noord/sam.md");
        assert!(github(&d).contains("file=specialists/noord/sam.md::"));
        // On Windows, Path parses `\` as a separator; elsewhere it is part
        // of a name (and `files::walk` refuses such names).
        let windows = Path::new(r"specialists\sam.md");
        let expected = if cfg!(windows) { "specialists/sam.md" } else { r"specialists\sam.md" };
        assert_eq!(slashed(windows), expected);
    }

    #[test]
    fn human_form_shows_line_and_caret() {
        let text = "---\nname: x\ntopics: [alcohl]\n---\n";
        let d = Diagnostic::error("a.md", "unknown topic `alcohl`")
            .at(text, 3, 10)
            .hint(Some("did you mean `alcohol`?".into()));
        assert_eq!(
            human(&d),
            "a.md:3:10: error: unknown topic `alcohl`\n  |\n3 | topics: [alcohl]\n  |          ^\n  = help: did you mean `alcohol`?\n"
        );
    }

    #[test]
    fn no_control_character_reaches_the_terminal() {
        let d = Diagnostic::error("specialists/\x1b[31mred.md", "`\x1b]0;title\x07` is odd")
            .at("name: \x1b[2J\n", 1, 7)
            .hint(Some("\u{9b}31m".into()));
        let text = human(&d) + &github(&d);
        assert!(!text.chars().any(|c| c.is_control() && c != '\n'), "{text:?}");
        assert!(text.contains("specialists/\\u{1b}[31mred.md"), "{text}");
    }

    #[test]
    fn github_form_escapes() {
        let d = Diagnostic::warning("a,b.md", "50% done\nnext").at("x\n", 1, 1);
        assert_eq!(github(&d), "::warning file=a%2Cb.md,line=1,col=1::50%25 done%0Anext\n");
    }
}
