//! HTML escaping, one way for everything peerdir writes: the snippets the
//! engine returns and the values the generator's templates show.

use std::fmt;

/// Writes `text` escaped for HTML content and quoted attributes (`&`, `<`,
/// `>`, `"` and `'`), the runs between those characters copied as they
/// are. `/` is left alone, so addresses stay readable.
pub fn write_escaped(out: &mut impl fmt::Write, text: &str) -> fmt::Result {
    let mut at = 0;
    for (i, b) in text.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.write_str(&text[at..i])?;
        out.write_str(entity)?;
        at = i + 1;
    }
    out.write_str(&text[at..])
}

/// [`write_escaped`] onto a string.
pub fn push_escaped(out: &mut String, text: &str) {
    write_escaped(out, text).expect("writing to a string does not fail");
}

/// `text` escaped, as a new string.
pub fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_escaped(&mut out, text);
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_markup_and_quotes_but_not_slashes() {
        let mut out = String::new();
        super::push_escaped(&mut out, "/a/\"'<b>&c");
        assert_eq!(out, "/a/&quot;&#39;&lt;b&gt;&amp;c");
        assert_eq!(super::escaped("/a/\"'<b>&c"), out);
    }
}
