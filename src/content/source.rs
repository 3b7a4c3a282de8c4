//! Reading one content file: size limit, UTF-8, byte-order mark, CRLF line
//! endings, and the split into YAML front matter and Markdown body.

use super::files;
use crate::diag::Diagnostic;
use std::path::{Path, PathBuf};

/// Largest content file accepted. Listings are a page of text; anything
/// bigger is a mistake (a pasted export, a binary) and is refused early.
pub const MAX_FILE_BYTES: usize = 1024 * 1024;

/// Longest line accepted, in characters. A Markdown paragraph is one line,
/// so this is generous; longer lines are pasted data or an attack on the
/// parsers.
pub const MAX_LINE_CHARS: usize = 20_000;

/// A content file split into its parts. Line numbers are those of the file.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as shown in messages (the source folder joined with `rel`).
    pub path: PathBuf,
    /// The path inside the source folder.
    pub rel: PathBuf,
    /// The whole file, without byte-order mark, with `\n` line endings.
    pub text: String,
    /// The YAML between the `---` lines.
    pub front: String,
    /// The file line on which `front` starts (1-based).
    pub front_line: usize,
    /// The Markdown after the closing `---`.
    pub body: String,
}

/// Reads the text of the file `rel` of the content folder `root` (only a
/// regular file inside it: `files::read`), refusing files over the size
/// limit and invalid UTF-8 (with the position of the first bad byte).
pub fn read_text(root: &Path, rel: &Path) -> Result<String, Diagnostic> {
    let path = root.join(rel);
    let bytes = files::read(root, rel, MAX_FILE_BYTES as u64)?;
    text_from_bytes(&path, bytes)
}

/// The file's bytes as text, or why they are not: within the size limit,
/// UTF-8 (a bad byte placed at its line and column), without a byte-order
/// mark, line endings made `\n`, no control characters, no overlong line.
pub fn text_from_bytes(path: &Path, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(Diagnostic::error(
            path,
            format!(
                "file is {} bytes; content files are limited to {} bytes",
                bytes.len(),
                MAX_FILE_BYTES
            ),
        ));
    }
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => return Err(invalid_utf8(path, e.as_bytes(), e.utf8_error().valid_up_to())),
    };
    let text = text.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(text);
    // Windows (CRLF) and old Mac (CR) line endings become `\n`.
    let text =
        if text.contains('\r') { text.replace("\r\n", "\n").replace('\r', "\n") } else { text };
    if let Some((at, c)) = text.char_indices().find(|(_, c)| is_forbidden(*c)) {
        let (line, col) = line_col(&text, at);
        let msg =
            format!("the control character U+{:04X} is not allowed in content files", u32::from(c));
        // The line is not shown: it holds the character.
        let d = Diagnostic { line, col, ..Diagnostic::error(path, msg) };
        return Err(d.hint(Some(
            "remove it; it is invisible in most editors, and breaks the feed and terminals".into(),
        )));
    }
    // A line longer than the limit needs a file longer than the limit.
    let long =
        |(_, l): &(usize, &str)| l.len() > MAX_LINE_CHARS && l.chars().count() > MAX_LINE_CHARS;
    if let Some((i, line)) =
        (text.len() > MAX_LINE_CHARS).then(|| text.lines().enumerate().find(long)).flatten()
    {
        let msg = format!(
            "line {} is {} characters long; lines are limited to {MAX_LINE_CHARS}",
            i + 1,
            line.chars().count()
        );
        // Placed without showing the line itself, which is what is too long.
        let d = Diagnostic { line: i + 1, col: MAX_LINE_CHARS + 1, ..Diagnostic::error(path, msg) };
        return Err(d.hint(Some("break the text into paragraphs".into())));
    }
    Ok(text)
}

/// Characters no content may hold: control characters other than tab and
/// line feed (NUL, bell, escape, the C1 controls...), and the two
/// non-characters U+FFFE and U+FFFF, none of which XML (the feed) allows.
pub fn is_forbidden(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || c == '\u{fffe}' || c == '\u{ffff}'
}

/// The 1-based line and column (in characters) of byte `at` of `text`.
pub fn line_col(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

fn invalid_utf8(path: &Path, bytes: &[u8], valid_up_to: usize) -> Diagnostic {
    let good = String::from_utf8_lossy(&bytes[..valid_up_to]);
    let (line, col) = line_col(&good, good.len());
    let shown = String::from_utf8_lossy(bytes).into_owned();
    Diagnostic::error(
        path,
        format!("invalid UTF-8 (byte 0x{:02x}); save the file as UTF-8", bytes[valid_up_to]),
    )
    .at(&shown, line, col)
}

/// Reads and splits a listing or page file.
pub fn read(root: &Path, rel: &Path) -> Result<SourceFile, Diagnostic> {
    let text = read_text(root, rel)?;
    split(root.join(rel), rel.to_path_buf(), text)
}

/// Splits text into front matter and body. The file must start with a `---`
/// line and the front matter must end with a `---` (or `...`) line.
pub fn split(path: PathBuf, rel: PathBuf, text: String) -> Result<SourceFile, Diagnostic> {
    const EXPECTED: &str = "a listing starts with a `---` line, then its fields in YAML, then another `---` line, then the text";
    if text.trim().is_empty() {
        return Err(Diagnostic::error(&path, "the file is empty").hint(Some(EXPECTED.into())));
    }
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != "---" {
        return Err(Diagnostic::error(&path, "no front matter: the first line is not `---`")
            .at(&text, 1, 1)
            .hint(Some(EXPECTED.into())));
    }
    let mut offset = first.len();
    for line in lines {
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            let front = text[first.len()..offset].to_string();
            let body = text[offset + line.len()..].to_string();
            return Ok(SourceFile { path, rel, text, front, front_line: 2, body });
        }
        offset += line.len();
    }
    Err(Diagnostic::error(&path, "the front matter opened here is never closed")
        .at(&text, 1, 1)
        .hint(Some("end the fields with a line holding only `---`".into())))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sp(text: &str) -> Result<SourceFile, Diagnostic> {
        split("a.md".into(), "a.md".into(), text.to_string())
    }

    #[test]
    fn splits_front_matter_and_body() {
        let f = sp("---\nname: A\n---\nHello\n").unwrap();
        assert_eq!(f.front, "name: A\n");
        assert_eq!(f.body, "Hello\n");
        assert_eq!(f.front_line, 2);
    }

    #[test]
    fn refuses_missing_and_unclosed_front_matter() {
        assert!(sp("").unwrap_err().message.contains("empty"));
        assert!(sp("name: A\n").unwrap_err().message.contains("no front matter"));
        let e = sp("---\nname: A\n").unwrap_err();
        assert!(e.message.contains("never closed"));
        assert_eq!((e.line, e.col), (1, 1));
    }

    #[test]
    fn bom_and_crlf_are_normalised() {
        let t = text_from_bytes(Path::new("a"), b"\xef\xbb\xbf---\r\nname: A\r\n---\r\n".to_vec())
            .unwrap();
        assert_eq!(t, "---\nname: A\n---\n");
    }

    #[test]
    fn old_mac_line_endings_are_lines_too() {
        let t = text_from_bytes(Path::new("a"), b"---\rname: A\r---\rBody\r".to_vec()).unwrap();
        assert_eq!(t, "---\nname: A\n---\nBody\n");
        assert!(sp(&t).is_ok());
    }

    #[test]
    fn control_characters_are_refused_at_their_place() {
        for (bytes, at) in [
            (&b"---\nname: A\x07B\n"[..], (2, 8)),
            (b"---\nname: A\n---\n\x1b[31mred\n", (4, 1)),
            (b"a\x00", (1, 2)),
            ("x: \u{85}".as_bytes(), (1, 4)),
            ("x: \u{ffff}".as_bytes(), (1, 4)),
        ] {
            let e = text_from_bytes(Path::new("a"), bytes.to_vec()).unwrap_err();
            assert!(e.message.contains("control character"), "{}", e.message);
            assert_eq!((e.line, e.col), at, "{bytes:?}");
            assert_eq!(e.source_line, None);
        }
        assert!(text_from_bytes(Path::new("a"), b"a\tb\n".to_vec()).is_ok(), "tabs are fine");
    }

    #[test]
    fn invalid_utf8_has_a_position() {
        let e = text_from_bytes(Path::new("a"), b"---\nname: \xff\n".to_vec()).unwrap_err();
        assert_eq!((e.line, e.col), (2, 7));
        assert!(e.message.contains("UTF-8"));
    }

    #[test]
    fn overlong_lines_are_refused() {
        let mut text = b"---\nname: ".to_vec();
        text.extend(std::iter::repeat_n(b'x', MAX_LINE_CHARS + 1));
        let e = text_from_bytes(Path::new("a"), text).unwrap_err();
        assert!(e.message.starts_with("line 2 is 20007 characters long"), "{}", e.message);
        assert!(text_from_bytes(Path::new("a"), vec![b'x'; MAX_LINE_CHARS]).is_ok());
    }

    #[test]
    fn oversized_files_are_refused() {
        let e = text_from_bytes(Path::new("a"), vec![b'a'; MAX_FILE_BYTES + 1]).unwrap_err();
        assert!(e.message.contains("limited"));
    }
}
