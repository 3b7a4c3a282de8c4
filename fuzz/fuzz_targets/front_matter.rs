//! Fuzzes reading, parsing and validating a listing: the input becomes a
//! specialist and a program file in a small content folder, which is loaded
//! and validated as `peerdir check` does. Any panic is a bug.

#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::PathBuf;
use std::sync::OnceLock;

fn content() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("peerdir-fuzz-{}", std::process::id()));
        for sub in ["specialists", "programs", "media"] {
            std::fs::create_dir_all(dir.join(sub)).unwrap();
        }
        std::fs::write(dir.join("site.yaml"), "title: F\nbase_url: https://f.example/\nlanguage: en\ncrisis: [{name: C, phone: \"988\"}]\nexit_url: https://w.example/\n").unwrap();
        std::fs::write(dir.join("taxonomy.yaml"), "topics:\n  - key: a\n    label: {en: A}\n  - key: a/b\n    label: {en: B}\nregions: [North]\n").unwrap();
        std::fs::write(dir.join("programs/known.md"), "---\nname: K\nsummary: K.\nkind: buddy\ntopics: [a]\nlanguages: [en]\nlocations: []\nmodes: [chat]\ncontact: {email: k@f.example}\nreviewed: 2026-01-01\n---\n").unwrap();
        dir
    })
}

fuzz_target!(|data: &[u8]| {
    let dir = content();
    std::fs::write(dir.join("specialists/fuzz.md"), data).unwrap();
    std::fs::write(dir.join("programs/fuzz.md"), data).unwrap();
    let (_, report) = peerdir::content::load::load(dir);
    // Printing every form must work for whatever was found.
    let _ = (report.human(), report.json(), report.github());
});
