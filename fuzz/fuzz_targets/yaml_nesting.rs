//! Fuzzes the screen that comes before serde_yaml with the shapes that
//! made libyaml slow: the input is a recipe, each pair of bytes a piece of
//! YAML (flow and block openers and closers, keys, quotes, anchors, line
//! breaks) and how often to repeat it, spelled out to up to 256 KB. Every
//! text must get an answer, and a quick one: run with libFuzzer's
//! `-timeout` (`.ci/run` gives each input 10 s, under AddressSanitizer).

#![no_main]

use libfuzzer_sys::fuzz_target;
use peerdir::content::{source, yaml};

const PIECES: &[&str] = &[
    "[", "{", "]", "}", "- ", "a: ", "? ", ": ", ", ", "\n", "  ", "\"", "'", "# c\n", "&x ", "*x",
    "!t ", "|\n", ">\n", "\\u0007", "x", "[\n", "{\n", "key:\n  ", "---\n", "...\n", "\t",
];

const MAX_TEXT: usize = 256 * 1024;

fuzz_target!(|data: &[u8]| {
    let mut text = String::from("name: A\n");
    for pair in data.chunks(2) {
        let piece = PIECES[usize::from(pair[0]) % PIECES.len()];
        let times = 1 + usize::from(pair.get(1).copied().unwrap_or(0)) * 64;
        if text.len() + piece.len() * times > MAX_TEXT {
            break;
        }
        text.push_str(&piece.repeat(times));
    }
    let Ok(file) = source::split("fuzz.md".into(), "fuzz.md".into(), format!("---\n{text}\n---\n"))
    else {
        return;
    };
    // Whatever the text, an answer: a value, or a placed error.
    if let Err(d) = yaml::parse(&file) {
        assert!(d.line > 0 || d.message.contains("front matter"), "{d:?}");
    }
});
