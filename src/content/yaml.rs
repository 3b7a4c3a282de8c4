//! Front matter parsing: saphyr-parser's positioned events, read once, give
//! both the checks (syntax, nesting depth, keys given twice, aliases, tags,
//! control characters) and the value ([`plain`], YAML 1.2's core schema as
//! serde_yaml reads it); a source map from the same events puts every
//! problem at its line and column, and typed deserialization reports *all*
//! type errors of a file, not just the first.
//!
//! libyaml (serde_yaml's parser) takes time that grows with the square of
//! the nesting of flow collections: four lines of 19,000 `[` took it over
//! 20 s. saphyr's events come in time linear in the text, and the reading
//! stops at the first level too deep. serde_yaml reads only the interface
//! strings ([`parse`]), after the same screen.

use super::source::{self, SourceFile};
use super::suggest;
use crate::diag::Diagnostic;
use saphyr_parser::{Event, Parser, ScalarStyle};
use serde::de::DeserializeOwned;
use serde_path_to_error::Segment;
use serde_value::{DeserializerError, Unexpected, ValueDeserializer};
use serde_yaml::Value;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

/// Front matter as plain data: serde-value's value, whose errors are data.
pub type Plain = serde_value::Value;

/// Deepest nesting accepted in front matter; listings need four levels at most.
pub const MAX_DEPTH: usize = 16;

/// A 1-based line and column in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pos {
    /// The line, from 1.
    pub line: usize,
    /// The column, from 1, in characters.
    pub col: usize,
}

/// Where each node of the front matter is, by path (`contact.email`,
/// `locations[0].city`, the same form serde_path_to_error prints).
#[derive(Debug, Default)]
pub struct SourceMap {
    keys: HashMap<String, Pos>,
    values: HashMap<String, Pos>,
    start: Option<Pos>,
}

/// A file's [`SourceMap`], made the first time a problem in the file needs
/// a position: most files have none, and mapping costs a second parse.
#[derive(Debug, Default)]
pub struct LazyMap(std::sync::OnceLock<SourceMap>);

impl LazyMap {
    /// The map of `file`, made on the first call.
    pub fn get(&self, file: &SourceFile) -> &SourceMap {
        self.0.get_or_init(|| source_map(file))
    }
}

impl SourceMap {
    /// The position of the value at `path`, or of its nearest located parent.
    pub fn value(&self, path: &str) -> Pos {
        self.find(path, false)
    }

    /// The position of the key naming `path` (for unknown fields).
    pub fn key(&self, path: &str) -> Pos {
        self.find(path, true)
    }

    fn find(&self, path: &str, key: bool) -> Pos {
        let mut p = path;
        loop {
            let hit = if key {
                self.keys.get(p).or_else(|| self.values.get(p))
            } else {
                self.values.get(p).or_else(|| self.keys.get(p))
            };
            if let Some(pos) = hit {
                return *pos;
            }
            match p.rfind(['.', '[']) {
                Some(i) => p = &p[..i],
                None => return self.start.unwrap_or(Pos { line: 1, col: 1 }),
            }
        }
    }
}

enum Frame {
    Map { path: String, key: Option<String> },
    Seq { path: String, index: usize },
    Skip,
}

fn child(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_string()
    } else {
        format!("{parent}.{key}")
    }
}

/// Whether the event begins a node: a value, a mapping, a list or an alias.
fn starts_node(event: &Event) -> bool {
    matches!(
        event,
        Event::Scalar(..) | Event::MappingStart(..) | Event::SequenceStart(..) | Event::Alias(..)
    )
}

/// Builds the source map of `file.front`. Stops quietly at a syntax error:
/// serde_yaml reports those.
pub fn source_map(file: &SourceFile) -> SourceMap {
    let mut map =
        SourceMap { start: Some(Pos { line: file.front_line - 1, col: 1 }), ..Default::default() };
    let mut stack: Vec<Frame> = Vec::new();
    for item in Parser::new_from_str(&file.front) {
        let Ok((event, span)) = item else { break };
        let pos = Pos { line: file.front_line + span.start.line() - 1, col: span.start.col() + 1 };
        let starts_node = starts_node(&event);
        let mut node_path = None;
        if starts_node {
            match stack.last_mut() {
                None => node_path = Some(String::new()),
                Some(Frame::Map { path, key }) => match key.take() {
                    Some(k) => node_path = Some(child(path, &k)),
                    None => {
                        if let Event::Scalar(s, ..) = &event {
                            let p = child(path, s);
                            map.keys.insert(p, pos);
                            *key = Some(s.to_string());
                            continue;
                        }
                        // A complex key: its contents are not mapped, and the
                        // value after it gets no path either.
                        *key = Some(String::from("\u{0}"));
                    }
                },
                Some(Frame::Seq { path, index }) => {
                    node_path = Some(format!("{path}[{index}]"));
                    *index += 1;
                }
                Some(Frame::Skip) => {}
            }
            if let Some(p) = &node_path {
                map.values.entry(p.clone()).or_insert(pos);
            }
        }
        match event {
            Event::MappingStart(..) => {
                stack.push(node_path.map_or(Frame::Skip, |path| Frame::Map { path, key: None }))
            }
            Event::SequenceStart(..) => {
                stack.push(node_path.map_or(Frame::Skip, |path| Frame::Seq { path, index: 0 }))
            }
            Event::MappingEnd | Event::SequenceEnd => {
                stack.pop();
            }
            _ => {}
        }
    }
    map
}

/// A collection of the front matter still open while its events are read:
/// the value built so far and what the screen needs.
enum Open<'a> {
    /// A mapping: its entries, the keys seen so far (a few dozen at most,
    /// borrowed from the text where they can be), and the key waiting for
    /// its value.
    Map {
        entries: BTreeMap<Plain, Plain>,
        keys: Vec<Cow<'a, str>>,
        key: Option<Plain>,
    },
    Seq(Vec<Plain>),
}

impl Open<'_> {
    /// Adds a finished node: a key, a key's value or a list's item.
    fn add(&mut self, node: Plain) {
        match self {
            Open::Map { entries, key, .. } => match key.take() {
                None => *key = Some(node),
                Some(k) => {
                    entries.insert(k, node);
                }
            },
            Open::Seq(items) => items.push(node),
        }
    }

    fn close(self) -> Plain {
        match self {
            Open::Map { entries, .. } => Plain::Map(entries),
            Open::Seq(items) => Plain::Seq(items),
        }
    }
}

/// A plain scalar as YAML 1.2's core schema reads it (as serde_yaml does):
/// nothing, a boolean, an integer (decimal, `0x`, `0o`, `0b`), a float
/// (`.inf`, `.nan`), else text. `0123` is text, as the schema says.
fn resolve(text: &str) -> Plain {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Plain::Unit,
        "true" | "True" | "TRUE" => return Plain::Bool(true),
        "false" | "False" | "FALSE" => return Plain::Bool(false),
        _ => {}
    }
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    let leading_zero = digits.len() > 1
        && digits.starts_with('0')
        && digits[1..].bytes().all(|b| b.is_ascii_digit());
    if leading_zero {
        return Plain::String(text.to_string());
    }
    let (negative, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let radix = [("0x", 16), ("0o", 8), ("0b", 2)]
        .into_iter()
        .find_map(|(prefix, radix)| unsigned.strip_prefix(prefix).map(|rest| (rest, radix)));
    let (number, radix) = radix.unwrap_or((unsigned, 10));
    if !number.starts_with(['+', '-']) {
        if let Ok(n) = u64::from_str_radix(number, radix) {
            return match negative {
                false => Plain::U64(n),
                true if n == 0 => Plain::I64(0),
                true => i64::try_from(n).map(|n| Plain::I64(-n)).unwrap_or_else(|_| {
                    if n == 1 << 63 {
                        Plain::I64(i64::MIN)
                    } else {
                        Plain::String(text.to_string())
                    }
                }),
            };
        }
    }
    let float = match unsigned {
        ".inf" | ".Inf" | ".INF" => Some(if negative { f64::NEG_INFINITY } else { f64::INFINITY }),
        ".nan" | ".NaN" | ".NAN" if text == unsigned => Some(f64::NAN),
        _ if !unsigned.starts_with(['+', '-']) => {
            text.strip_prefix('+').unwrap_or(text).parse::<f64>().ok().filter(|f| f.is_finite())
        }
        _ => None,
    };
    float.map_or_else(|| Plain::String(text.to_string()), Plain::F64)
}

/// Reads the front matter's events once, in time linear in the text, and
/// builds its value from them: refuses a syntax error, nesting deeper than
/// [`MAX_DEPTH`], a key given twice in one mapping, aliases (`*name`), tags
/// (`!!str`), more than one document, and control characters in any key or
/// value (written as escapes such as `"\u0007"`; raw ones are refused when
/// the file is read), each at its place.
fn read(file: &SourceFile) -> Result<Plain, Diagnostic> {
    let too_deep = |line: usize, col: usize| {
        here(
            file,
            line,
            col,
            format!("the front matter is nested more than {MAX_DEPTH} levels deep"),
        )
        .hint(Some(format!(
            "listings need no more than a few levels of nesting (at most {MAX_DEPTH})"
        )))
    };
    let mut open: Vec<Open> = Vec::new();
    let (mut root, mut documents) = (None, 0);
    for item in Parser::new_from_str(&file.front) {
        let (event, span) = item.map_err(|e| {
            let (line, col) = (file.front_line + e.marker().line() - 1, e.marker().col() + 1);
            // The scanner looks ahead, and may meet its own limit on
            // nesting (255 flow levels) before the parser gives the level
            // past ours. saphyr's errors carry only a text to tell them by.
            if e.info() == "recursion limit exceeded" {
                return too_deep(line, col);
            }
            syntax(file, line, col, e.info())
        })?;
        let (line, col) = (file.front_line + span.start.line() - 1, span.start.col() + 1);
        if let (Event::Scalar(key, ..), Some(Open::Map { keys, key: None, .. })) =
            (&event, open.last_mut())
        {
            if keys.contains(key) {
                return Err(here(file, line, col, format!("the field `{key}` is given twice"))
                    .hint(Some("keep one of the two lines".into())));
            }
            keys.push(key.clone());
        }
        let tagged = match &event {
            Event::Scalar(_, _, _, tag)
            | Event::MappingStart(_, tag)
            | Event::SequenceStart(_, tag) => tag.is_some(),
            _ => false,
        };
        if tagged {
            return Err(here(
                file,
                line,
                col,
                "front matter does not use YAML tags (`!!str`, `!name`)".into(),
            )
            .hint(Some("leave the tag out; to keep a value as text, put it in quotes".into())));
        }
        let node = match event {
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    return Err(syntax(
                        file,
                        line,
                        col,
                        "the front matter holds more than one YAML document",
                    ));
                }
                None
            }
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                if open.len() == MAX_DEPTH {
                    return Err(too_deep(line, col));
                }
                open.push(if matches!(event, Event::MappingStart(..)) {
                    Open::Map { entries: BTreeMap::new(), keys: Vec::new(), key: None }
                } else {
                    Open::Seq(Vec::new())
                });
                None
            }
            Event::MappingEnd | Event::SequenceEnd => open.pop().map(Open::close),
            Event::Alias(..) => {
                return Err(here(
                    file,
                    line,
                    col,
                    "front matter does not use YAML aliases (`*name`)".into(),
                )
                .hint(Some("write the value out where it is needed".into())));
            }
            Event::Scalar(text, style, ..) => {
                if let Some(c) = text.chars().find(|c| source::is_forbidden(*c)) {
                    let msg = format!("a value holds the control character U+{:04X}", u32::from(c));
                    return Err(here(file, line, col, msg).hint(Some(
                        "control characters have no place in a listing; remove the escape".into(),
                    )));
                }
                Some(match style {
                    ScalarStyle::Plain => resolve(&text),
                    _ => Plain::String(text.into_owned()),
                })
            }
            _ => None,
        };
        if let Some(node) = node {
            match open.last_mut() {
                Some(parent) => parent.add(node),
                None => root = Some(node),
            }
        }
    }
    Ok(root.unwrap_or(Plain::Unit))
}

/// Reads the front matter's events once, before serde_yaml parses it (for
/// free-form files), with every refusal of [`plain`]'s reading.
pub fn screen(file: &SourceFile) -> Result<(), Diagnostic> {
    read(file).map(|_| ())
}

/// Parses the front matter into a YAML mapping, or reports why it is not
/// one (for free-form files: the interface strings).
pub fn parse(file: &SourceFile) -> Result<Value, Diagnostic> {
    screen(file)?;
    let value: Value = serde_yaml::from_str(&file.front).map_err(|e| syntax_error(file, &e))?;
    mapping(file, value.is_mapping(), value.is_null())?;
    Ok(value)
}

/// The front matter of a typed file as plain data (serde-value's), which
/// [`typed`] turns into its type: screened, parsed, a mapping, and every
/// key a word.
pub fn plain(file: &SourceFile) -> Result<Plain, Diagnostic> {
    let value = read(file)?;
    let is_null = matches!(value, Plain::Unit | Plain::Option(None));
    mapping(file, matches!(value, Plain::Map(_)), is_null)?;
    if let Some((path, key)) = key_not_text(&value, "") {
        let pos = source_map(file).key(&path);
        return Err(here(file, pos.line, pos.col, format!("`{key}` is not a field name"))
            .hint(Some("field names are words, such as `name:`".into())));
    }
    Ok(value)
}

/// Why the front matter is not a mapping of fields, if it is not.
fn mapping(file: &SourceFile, is_mapping: bool, is_null: bool) -> Result<(), Diagnostic> {
    if is_null {
        return Err(here(file, file.front_line - 1, 1, "the front matter has no fields".into()));
    }
    if !is_mapping {
        let msg = "the front matter must be a list of `field: value` lines";
        return Err(here(file, file.front_line, 1, msg.into()));
    }
    Ok(())
}

/// The first key that YAML reads as a number, `true` or nothing rather
/// than a word (`0: x`), with its path; serde would take a number for the
/// position of a field.
fn key_not_text(value: &Plain, path: &str) -> Option<(String, String)> {
    match value {
        Plain::Map(entries) => entries.iter().find_map(|(k, v)| match k {
            Plain::String(key) => key_not_text(v, &child(path, key)),
            Plain::U64(n) => Some((child(path, &n.to_string()), n.to_string())),
            Plain::I64(n) => Some((child(path, &n.to_string()), n.to_string())),
            Plain::F64(n) => Some((child(path, &n.to_string()), n.to_string())),
            Plain::Bool(b) => Some((child(path, &b.to_string()), b.to_string())),
            _ => Some((path.to_string(), "~".to_string())),
        }),
        Plain::Seq(items) => {
            items.iter().enumerate().find_map(|(i, v)| key_not_text(v, &format!("{path}[{i}]")))
        }
        _ => None,
    }
}

fn here(file: &SourceFile, line: usize, col: usize, msg: String) -> Diagnostic {
    Diagnostic::error(&file.path, msg).at(&file.text, line, col)
}

/// What serde_yaml refuses after the screen let the text through: the
/// two parsers differ at a few edges of YAML. Its position is placed in the
/// file; its own words (which count lines from the front matter) go in the
/// hint.
fn syntax_error(file: &SourceFile, e: &serde_yaml::Error) -> Diagnostic {
    let (line, col) =
        e.location().map_or((file.front_line, 1), |l| (file.front_line + l.line() - 1, l.column()));
    here(file, line, col, "invalid YAML: the front matter cannot be read from here".into())
        .hint(Some(format!("the YAML reader says: {e}")))
}

/// A YAML syntax error at `line`, `col` of the file, with a hint where one helps.
fn syntax(file: &SourceFile, line: usize, col: usize, msg: &str) -> Diagnostic {
    let line_text = file.text.lines().nth(line.saturating_sub(1)).unwrap_or("");
    let hint = line_text
        .contains('\t')
        .then(|| "YAML does not allow tabs for indentation; use spaces".to_string());
    Diagnostic::error(&file.path, format!("invalid YAML: {msg}"))
        .at(&file.text, line, col)
        .hint(hint)
}

fn path_string(segs: &[Segment]) -> String {
    let mut out = String::new();
    for s in segs {
        match s {
            Segment::Seq { index } => out.push_str(&format!("[{index}]")),
            Segment::Map { key } => out = child(&out, key),
            Segment::Enum { variant } => out = child(&out, variant),
            Segment::Unknown => out = child(&out, "?"),
        }
    }
    out
}

/// Deserializes `value` into `T`, collecting every type error. After each
/// error the offending part is taken out and deserialization is retried, so
/// one file yields all its problems. Returns the value if it deserialized
/// (with bad parts removed), and the fields that were removed: each
/// top-level field touched, and the path of a nested field taken out.
///
/// The value goes through [`serde_value`], whose errors are data (the
/// unknown field and the names allowed, the type found and the one
/// expected), so the messages here are peerdir's own. A text field takes
/// only text: a number or `true` where words are expected is an error.
pub fn typed<T: DeserializeOwned>(
    file: &SourceFile,
    map: &LazyMap,
    value: Plain,
) -> (Option<T>, Vec<String>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut removed = Vec::new();
    // Most files have no problem: their value is typed as it is, without a
    // copy and without following the path. The others are parsed again
    // (they passed the screen and `plain`'s checks already), to take their
    // problems out one by one, each at its path.
    let mut value = match T::deserialize(ValueDeserializer::<DeserializerError>::new(value)) {
        Ok(t) => return (Some(t), removed, diags),
        Err(_) => match read(file) {
            Ok(value) => value,
            Err(d) => return (None, removed, vec![d]),
        },
    };
    let deserialize =
        |value| serde_path_to_error::deserialize::<_, T>(ValueDeserializer::new(value));
    let mut taken = Vec::new();
    for _ in 0..256 {
        match deserialize(value.clone()) {
            Ok(t) => return (Some(t), removed, diags),
            Err(e) => {
                let segs: Vec<Segment> = e.path().iter().cloned().collect();
                let path = path_string(&segs);
                // A required field taken out for its type was reported then.
                let reported = matches!(e.inner(), DeserializerError::MissingField(name) if taken.contains(&child(&path, name)));
                if !reported {
                    diags.push(type_error(file, map.get(file), &path, e.inner()));
                }
                // The field the problem is in: a map's field, or the field
                // holding the list with a wrong element. Lists keep their
                // elements, so that validation places the others' problems.
                let key = segs.iter().rposition(|s| matches!(s, Segment::Map { .. }));
                let target = key.map_or(&segs[..], |i| &segs[..=i]);
                let target_path = path_string(target);
                match remove(&mut value, target) {
                    Some(top) => {
                        if target_path != top {
                            removed.push(target_path.clone());
                        }
                        removed.push(top);
                    }
                    None => return (None, removed, diags),
                }
                taken.push(target_path);
            }
        }
    }
    (None, removed, diags)
}

/// Takes the map field at `segs` out. Returns the top-level field touched.
fn remove(value: &mut Plain, segs: &[Segment]) -> Option<String> {
    let Some(Segment::Map { key: top }) = segs.first() else { return None };
    let (last, parents) = segs.split_last()?;
    let mut node = &mut *value;
    for s in parents {
        node = match (s, node) {
            (Segment::Map { key }, Plain::Map(m)) => m.get_mut(&Plain::String(key.clone()))?,
            (Segment::Seq { index }, Plain::Seq(v)) => v.get_mut(*index)?,
            _ => return None,
        };
    }
    let (Segment::Map { key }, Plain::Map(m)) = (last, node) else { return None };
    m.remove(&Plain::String(key.clone()))?;
    Some(top.clone())
}

/// What a publisher wrote, in words: `sequence`, `string "yes"`, `empty`.
fn found(what: &Unexpected) -> String {
    match what {
        Unexpected::Unit | Unexpected::Option => "empty".to_string(),
        other => other.to_unexpected().to_string(),
    }
}

/// One problem of a file, at the node it is about, with a hint where the
/// types name what is allowed.
fn type_error(
    file: &SourceFile,
    map: &SourceMap,
    path: &str,
    error: &DeserializerError,
) -> Diagnostic {
    let path = path.to_string();
    let names = |allowed: &[&str]| allowed.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let (message, pos, hint) = match error {
        DeserializerError::UnknownField(name, allowed) => {
            let allowed = names(allowed);
            let hint = derived_field(name)
                .or_else(|| suggest::did_you_mean(name, &allowed))
                .or_else(|| list_hint("fields allowed here", &allowed));
            (format!("unknown field `{path}`"), map.key(&path), hint)
        }
        DeserializerError::UnknownVariant(name, allowed) => {
            let allowed = names(allowed);
            let hint = suggest::did_you_mean(name, &allowed)
                .or_else(|| list_hint("allowed values", &allowed));
            (format!("`{path}`: `{name}` is not an allowed value"), map.value(&path), hint)
        }
        DeserializerError::MissingField(name) => {
            (format!("`{path}`: missing required field `{name}`"), map.value(&path), None)
        }
        DeserializerError::InvalidType(what, want)
        | DeserializerError::InvalidValue(what, want) => {
            let hint = (want == "a boolean")
                .then(|| "write `true` or `false`".to_string())
                .or_else(|| reshaped_field(&path, what));
            // An enum's variant is a string or a map to serde; to a publisher, a word.
            let want = if want == "string or map" { "one of the allowed words" } else { want };
            (format!("`{path}` should be {want}, not {}", found(what)), map.value(&path), hint)
        }
        DeserializerError::InvalidLength(len, want) => {
            (format!("`{path}` should be {want}, not {len} items"), map.value(&path), None)
        }
        DeserializerError::DuplicateField(name) => {
            (format!("`{path}`: `{name}` is given twice"), map.key(&path), None)
        }
        DeserializerError::Custom(msg) => (format!("`{path}`: {msg}"), map.value(&path), None),
    };
    Diagnostic::error(&file.path, message).at(&file.text, pos.line, pos.col).hint(hint)
}

/// Fields that look right but are derived from other files, or were
/// replaced by another field.
fn derived_field(name: &str) -> Option<String> {
    match name {
        "specialists" => Some("a program's specialists come from each specialist's `programs` field; list the program there instead"),
        "accepting" => Some("`accepting` is now `intake`: write `intake: open`, `intake: waiting-list` or `intake: full`"),
        _ => None,
    }
    .map(str::to_string)
}

/// Fields whose value took a new shape.
fn reshaped_field(path: &str, found: &Unexpected) -> Option<String> {
    if path == "schedule" && matches!(found, Unexpected::Str(_)) {
        return Some(
            "the text goes under `note`, with any `sessions` beside it: `schedule: {note: ...}`"
                .into(),
        );
    }
    (path.contains(".days[") && path.ends_with(']'))
        .then(|| "days are written as words: monday, tuesday, wednesday, thursday, friday, saturday, sunday".into())
}

fn list_hint(what: &str, names: &[String]) -> Option<String> {
    (!names.is_empty()).then(|| format!("{what}: {}", names.join(", ")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::source::split;
    use serde::Deserialize;

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Loc {
        city: String,
        lat: Option<f64>,
    }

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        name: Option<String>,
        accepting: Option<bool>,
        locations: Option<Vec<Loc>>,
        topics: Option<Vec<String>>,
    }

    fn file(front: &str) -> SourceFile {
        split("x.md".into(), "x.md".into(), format!("---\n{front}---\nbody\n")).unwrap()
    }

    #[test]
    fn source_map_positions_nested_nodes() {
        let f = file("name: A\nlocations:\n  - city: Utrecht\n    lat: 52.1\ntopics: [a, b]\n");
        let m = source_map(&f);
        assert_eq!(m.value("name"), Pos { line: 2, col: 7 });
        assert_eq!(m.key("locations"), Pos { line: 3, col: 1 });
        assert_eq!(m.value("locations[0].city"), Pos { line: 4, col: 11 });
        assert_eq!(m.value("locations[0].lat"), Pos { line: 5, col: 10 });
        assert_eq!(m.value("topics[1]"), Pos { line: 6, col: 13 });
        assert_eq!(m.value("topics[7]"), Pos { line: 6, col: 9 });
    }

    #[test]
    fn typed_reports_every_error() {
        let f = file("name: [1]\naccepting: yes\ncolour: red\nlocations:\n  - lat: 1\n");
        let m = LazyMap::default();
        let v = plain(&f).unwrap();
        let (doc, removed, diags) = typed::<Doc>(&f, &m, v);
        assert!(doc.is_some());
        assert_eq!(removed.len(), 4);
        let mut at: Vec<_> = diags.iter().map(|d| (d.line, d.col, d.message.clone())).collect();
        at.sort();
        assert_eq!(at[0], (2, 7, "`name` should be a string, not sequence".to_string()));
        assert_eq!(at[1].0, 3);
        assert_eq!(at[2], (4, 1, "unknown field `colour`".to_string()));
        assert_eq!(at[3], (6, 5, "`locations[0]`: missing required field `city`".to_string()));
    }

    /// `value` with each of its string leaves in turn replaced by `with`.
    fn each_string_replaced(value: &Value, with: &Value) -> Vec<(String, Value)> {
        let mut out = Vec::new();
        match value {
            Value::String(_) => out.push((String::new(), with.clone())),
            Value::Mapping(m) => {
                for (k, v) in m {
                    for (what, changed) in each_string_replaced(v, with) {
                        let mut m = m.clone();
                        m.insert(k.clone(), changed);
                        out.push((
                            format!("{}.{what}", k.as_str().unwrap_or("?")),
                            Value::Mapping(m),
                        ));
                    }
                }
            }
            Value::Sequence(items) => {
                for (i, v) in items.iter().enumerate() {
                    for (what, changed) in each_string_replaced(v, with) {
                        let mut items = items.clone();
                        items[i] = changed;
                        out.push((format!("[{i}].{what}"), Value::Sequence(items)));
                    }
                }
            }
            _ => {}
        }
        out
    }

    fn problems<T: DeserializeOwned>(front: &str) -> Vec<Diagnostic> {
        let f = file(front);
        let (_, _, diags) = typed::<T>(&f, &LazyMap::default(), plain(&f).unwrap());
        diags
    }

    #[test]
    fn text_fields_take_only_text() {
        use crate::content::model::{Page, Program, Specialist, FULL_PROGRAM, FULL_SPECIALIST};
        fn check<T: DeserializeOwned>(full: &str) {
            assert!(problems::<T>(full).is_empty(), "{full}");
            let value: Value = serde_yaml::from_str(full).unwrap();
            for with in [Value::from(1091), Value::from(true), Value::from(2.5)] {
                for (what, changed) in each_string_replaced(&value, &with) {
                    let diags = problems::<T>(&serde_yaml::to_string(&changed).unwrap());
                    assert_eq!(diags.len(), 1, "{what} as {with:?}: {diags:?}");
                    assert!(
                        diags[0].message.contains("should be"),
                        "{what} as {with:?}: {}",
                        diags[0].message
                    );
                }
            }
        }
        check::<Specialist>(FULL_SPECIALIST);
        check::<Program>(FULL_PROGRAM);
        check::<Page>("title: T\nsummary: S\nfooter: true\nlang: en\n");
    }

    #[test]
    fn a_key_that_is_not_a_word_is_refused_at_its_place() {
        // serde would take `0` for the position of a field: `name`.
        for (front, key, at) in
            [("0: x\nname: A\n", "0", (2, 1)), ("a:\n  true: x\n", "true", (3, 3))]
        {
            let e = plain(&file(front)).unwrap_err();
            assert_eq!(
                (e.message.as_str(), (e.line, e.col)),
                (format!("`{key}` is not a field name").as_str(), at)
            );
        }
        assert!(plain(&file("name: '0'\n'1': x\n")).is_ok(), "quoted keys are words");
    }

    #[test]
    fn plain_scalars_read_as_serde_yaml_reads_them() {
        let scalars = [
            "",
            "~",
            "null",
            "Null",
            "NULL",
            "true",
            "True",
            "FALSE",
            "yes",
            "no",
            "on",
            "off",
            "0",
            "-0",
            "+0",
            "7",
            "+7",
            "-7",
            "0123",
            "-0123",
            "0x1f",
            "-0x1f",
            "+0x1f",
            "0o17",
            "0b101",
            "0x",
            "0x+1",
            "1_000",
            "1.5",
            "-1.5",
            ".5",
            "1.",
            "1e3",
            "-1E-3",
            ".inf",
            "-.Inf",
            "+.INF",
            ".nan",
            ".NaN",
            "inf",
            "nan",
            "infinity",
            "2026-01-01",
            "19:30",
            "9:05",
            "1:2:3",
            "18446744073709551615",
            "-9223372036854775808",
            "12 monkeys",
            "0.0.1",
            "+-1",
            "--1",
            "0x1F",
            "1e400",
        ];
        for s in scalars {
            let theirs: Plain = serde_yaml::from_str(&format!("v: {s}\n")).unwrap();
            let Plain::Map(m) = theirs else { panic!() };
            let theirs = m.into_values().next().unwrap();
            let ours = resolve(s);
            let same = match (&ours, &theirs) {
                (Plain::F64(a), Plain::F64(b)) => a == b || (a.is_nan() && b.is_nan()),
                (a, b) => a == b,
            };
            assert!(same, "{s:?}: ours {ours:?}, serde_yaml's {theirs:?}");
        }
    }

    #[test]
    fn tags_and_second_documents_are_refused() {
        for text in ["name: !!str 12\n", "name: !x A\n", "tags: !!seq [a]\n", "a: 1\n--- {b: 2}\n"]
        {
            let f = file(text);
            assert!(plain(&f).is_err(), "{text:?}");
        }
    }

    #[test]
    fn keys_given_twice_and_aliases_are_refused_at_their_place() {
        let e = parse(&file("name: A\ncontact:\n  email: a@b.example\n  email: c@d.example\n"))
            .unwrap_err();
        assert_eq!((e.line, e.col, e.message.as_str()), (5, 3, "the field `email` is given twice"));
        let e = parse(&file("name: &n A\nsummary: *n\n")).unwrap_err();
        assert_eq!((e.line, e.col), (3, 10));
        assert!(e.message.contains("aliases"), "{}", e.message);
        assert!(
            parse(&file("a: {k: 1}\nb: {k: 2}\nc: [k, k]\n")).is_ok(),
            "the same key in two mappings"
        );
    }

    #[test]
    fn the_screen_stops_at_the_first_level_too_deep() {
        // Flow collections nested across lines: libyaml's slowest shape.
        for open in ["[", "{", "[{"] {
            let f = file(&format!(
                "name: A\nx: {}\n",
                vec![open.repeat(19_000 / open.len()); 4].join("\n")
            ));
            let started = std::time::Instant::now();
            let e = parse(&f).unwrap_err();
            assert!(started.elapsed().as_secs_f64() < 1.0, "{open}: answered at once");
            assert!(e.message.contains("nested more than 16 levels"), "{}", e.message);
            assert_eq!(e.line, 3, "{open}: on the first line of brackets");
        }
        let block = (0..17).map(|i| format!("{}k{i}:\n", "  ".repeat(i))).collect::<String>();
        assert!(parse(&file(&format!("{block}{}v: 1\n", "  ".repeat(17))))
            .unwrap_err()
            .message
            .contains("nested"));
        let fine = (0..16).map(|i| format!("{}k{i}:\n", "  ".repeat(i))).collect::<String>();
        assert!(parse(&file(&format!("{fine}{}v\n", "  ".repeat(16)))).is_ok());
    }

    #[test]
    fn escaped_control_characters_are_refused_at_their_value() {
        for (front, col) in [
            ("name: \"a\\u0007b\"\n", 7),
            ("name: \"\\e[31m\"\n", 7),
            ("x: [ok, \"\\0\"]\n", 9),
            ("\"k\\x1b\": v\n", 1),
        ] {
            let e = parse(&file(front)).unwrap_err();
            assert!(e.message.contains("control character U+00"), "{front}: {}", e.message);
            assert_eq!((e.line, e.col), (2, col), "{front}");
        }
        assert!(parse(&file("name: \"tab\\there\"\n")).is_ok());
    }

    #[test]
    fn syntax_errors_are_placed_in_the_file() {
        let f = file("name: A\ntopics: [a, b\n");
        let e = parse(&f).unwrap_err();
        assert!(e.message.starts_with("invalid YAML"), "{}", e.message);
        assert!(e.line >= 3);
        let f = file("name: A\ncontact:\n\temail: x\n");
        let e = parse(&f).unwrap_err();
        assert_eq!(e.line, 4);
        assert!(e.hint.unwrap().contains("tabs"));
    }
}
