//! `peerdir check`: every mistake of every file reported at its file, line
//! and column, in human (snapshot-tested), JSON, GitHub and GitLab form; exit codes.

mod common;
use common::*;
use std::fs;

fn check(args: &[&str]) -> std::process::Output {
    let mut all = vec!["check", "--source", "tests/fixtures/broken"];
    all.extend_from_slice(args);
    peerdir(&root(), &all)
}

#[test]
fn human_output_is_stable() {
    let o = check(&[]);
    assert_exit(&o, 1);
    insta::assert_snapshot!("broken_human", stdout(&o));
}

/// Each planted mistake, by file, line, column and a piece of the message.
const EXPECTED: &[(&str, usize, usize, &str)] = &[
    ("specialists/broken-one.md", 2, 1, "missing `consent`"),
    ("specialists/broken-one.md", 4, 10, "unknown topic `addiction/alcohl`"),
    ("specialists/broken-one.md", 5, 17, "`EN` is not a language code"),
    ("specialists/broken-one.md", 8, 13, "unknown region `Nort`"),
    ("specialists/broken-one.md", 9, 20, "`onlin` is not an allowed value"),
    ("specialists/broken-one.md", 11, 10, "not an email address"),
    ("specialists/broken-one.md", 12, 10, "cannot be dialled: it holds letters"),
    ("specialists/broken-one.md", 13, 11, "`2025-13-01` is not a date"),
    ("specialists/broken-one.md", 14, 12, "unknown program `peer-grop`"),
    ("specialists/broken-one.md", 15, 8, "needs `photo_alt`"),
    ("specialists/broken-one.md", 15, 8, "`media/broken.jpg` does not exist"),
    ("specialists/broken-two.md", 3, 1, "unknown field `sumary`"),
    ("specialists/broken-two.md", 4, 10, "unknown topic `family`"),
    ("specialists/broken-two.md", 9, 12, "`javascript:` addresses are not allowed"),
    ("specialists/broken-two.md", 11, 9, "`2025-02-30` is not a date"),
    ("specialists/broken-two.md", 14, 9, "`intake`: `yes` is not an allowed value"),
    ("programs/peer-group.md", 4, 7, "`selfhelp-group` is not an allowed value"),
    ("programs/peer-group.md", 10, 10, "`lat` is given without `lon`"),
    ("programs/peer-group.md", 15, 1, "unknown field `specialists`"),
];

#[test]
fn every_mistake_is_reported_where_it_is() {
    let o = check(&["--format", "json"]);
    assert_exit(&o, 1);
    let diags: Vec<serde_json::Value> = serde_json::from_str(&stdout(&o)).unwrap();
    let errors: Vec<_> = diags.iter().filter(|d| d["severity"] == "error").collect();
    for (file, line, col, msg) in EXPECTED {
        let hit = errors.iter().any(|d| {
            d["file"].as_str().unwrap().ends_with(file)
                && d["line"] == *line
                && d["col"] == *col
                && d["message"].as_str().unwrap().contains(msg)
        });
        assert!(hit, "not reported: {file}:{line}:{col} {msg}\n{}", stdout(&o));
    }
    assert_eq!(errors.len(), EXPECTED.len(), "unexpected extra errors:\n{}", stdout(&o));
    let files: std::collections::BTreeSet<_> =
        errors.iter().map(|d| d["file"].as_str().unwrap()).collect();
    assert_eq!(files.len(), 3);
    // The stale review is a warning, not an error.
    assert!(diags.iter().any(|d| d["severity"] == "warning"
        && d["line"] == 14
        && d["message"].as_str().unwrap().contains("82 months")));
}

#[test]
fn hints_suggest_the_likely_fix() {
    let o = check(&["--format", "json"]);
    let diags: Vec<serde_json::Value> = serde_json::from_str(&stdout(&o)).unwrap();
    let hint = |msg: &str| {
        diags
            .iter()
            .find(|d| d["message"].as_str().unwrap().contains(msg))
            .and_then(|d| d["hint"].as_str())
            .unwrap_or("")
            .to_string()
    };
    assert_eq!(hint("addiction/alcohl"), "did you mean `addiction/alcohol`?");
    assert_eq!(hint("sumary"), "did you mean `summary`?");
    assert_eq!(hint("peer-grop"), "did you mean `peer-group`?");
    assert_eq!(hint("selfhelp-group"), "did you mean `self-help-group`?");
    assert_eq!(hint("onlin"), "did you mean `online`?");
    assert_eq!(hint("Nort"), "did you mean `North`?");
    assert_eq!(hint("`EN`"), "write it in lowercase: `en`");
    assert!(hint("unknown field `specialists`").contains("`programs`"));
}

#[test]
fn github_annotations() {
    let o = check(&["--format", "github"]);
    assert_exit(&o, 1);
    let out = stdout(&o);
    assert!(out.contains("::error file=tests/fixtures/broken/specialists/broken-one.md,line=4,col=10::unknown topic `addiction/alcohl` (did you mean `addiction/alcohol`?)\n"), "{out}");
    assert!(out
        .contains("::warning file=tests/fixtures/broken/programs/peer-group.md,line=14,col=11::"));
}

#[test]
fn gitlab_code_quality_report() {
    let o = check(&["--format", "gitlab"]);
    assert_exit(&o, 1);
    let report: Vec<serde_json::Value> = serde_json::from_str(&stdout(&o)).expect("a JSON array");
    let json: Vec<serde_json::Value> =
        serde_json::from_str(&stdout(&check(&["--format", "json"]))).unwrap();
    assert_eq!(report.len(), json.len(), "every problem");
    let topic = report
        .iter()
        .find(|i| {
            i["description"].as_str().unwrap().starts_with("unknown topic `addiction/alcohl`")
        })
        .unwrap();
    assert_eq!(topic["location"]["path"], "tests/fixtures/broken/specialists/broken-one.md");
    assert_eq!(topic["location"]["lines"]["begin"], 4);
    assert_eq!(topic["severity"], "major");
    let mut fingerprints: Vec<&str> =
        report.iter().map(|i| i["fingerprint"].as_str().unwrap()).collect();
    fingerprints.sort();
    fingerprints.dedup();
    assert_eq!(fingerprints.len(), report.len(), "fingerprints are unique");
    assert!(report
        .iter()
        .all(|i| i["location"]["lines"]["begin"].as_u64().unwrap() >= 1
            && i["check_name"].is_string()));
    assert!(report.iter().any(|i| i["severity"] == "minor"), "warnings are minor");
}

#[test]
fn paths_are_relative_to_the_current_folder() {
    let (_tmp, content) = temp_copy(&fixture("broken"));
    let o = peerdir(&content, &["check", "--format", "github"]);
    assert!(
        stdout(&o).contains("::error file=specialists/broken-one.md,line=4,col=10::"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn warnings_fail_only_when_strict() {
    let o = peerdir(&root(), &["check", "--source", "tests/fixtures/minimal"]);
    assert_exit(&o, 0);
    assert!(stdout(&o).contains("0 errors, 1 warning"));
    let o = peerdir(&root(), &["check", "--source", "tests/fixtures/minimal", "--strict"]);
    assert_exit(&o, 1);
}

#[test]
fn the_example_directory_has_no_errors() {
    let o = peerdir(&root(), &["check", "--source", "content", "--format", "json"]);
    assert_exit(&o, 0);
    let diags: Vec<serde_json::Value> = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(diags.iter().all(|d| d["severity"] == "warning"), "{}", stdout(&o));
}

#[test]
fn missing_content_folder() {
    let o = peerdir(&root(), &["check", "--source", "no/such/folder"]);
    assert_exit(&o, 1);
    assert!(stdout(&o).contains("content folder not found"));
}

fn check_json(content: &std::path::Path) -> (i32, Vec<serde_json::Value>) {
    let o = peerdir(&root(), &["check", "--format", "json", "--source", content.to_str().unwrap()]);
    (o.status.code().unwrap(), serde_json::from_str(&stdout(&o)).unwrap())
}

/// Every language a listing speaks needs a name in the interface language
/// (pages and search filters show it): without one `check` fails at the
/// listing's line, and the publisher's strings can add it. The strings of
/// languages other than the site's are checked too, since the search index
/// reads them.
#[test]
fn a_language_without_a_name_is_an_error_until_the_strings_name_it() {
    let (_tmp, content) = temp_copy(&fixture("minimal"));
    let path = content.join("specialists/alex-river.md");
    let text =
        std::fs::read_to_string(&path).unwrap().replace("languages: [en]", "languages: [en, zh]");
    std::fs::write(&path, text).unwrap();
    let (code, diags) = check_json(&content);
    assert_eq!(code, 1);
    let d = diags
        .iter()
        .find(|d| d["message"].as_str().unwrap().contains("`zh` has no name"))
        .expect("reported");
    assert_eq!((d["line"].as_u64(), d["col"].as_u64()), (Some(5), Some(17)), "{d}");
    assert!(d["hint"].as_str().unwrap().contains("i18n/en.yaml"), "{d}");

    std::fs::create_dir_all(content.join("i18n")).unwrap();
    std::fs::write(content.join("i18n/en.yaml"), "language_names:\n  zh: Chinese\n").unwrap();
    let (code, diags) = check_json(&content);
    assert_eq!(code, 0, "{diags:?}");

    std::fs::write(content.join("i18n/de.yaml"), "kinds: Gruppen\n").unwrap();
    let (code, diags) = check_json(&content);
    assert_eq!(code, 1);
    assert!(
        diags.iter().any(|d| d["file"].as_str().unwrap().ends_with("i18n/de.yaml")
            && d["message"].as_str().unwrap().contains("`kinds` should be a group")),
        "{diags:?}"
    );
}

/// Each planted mistake of the schedule, status, audience and venue fixture,
/// by file, line, column, a piece of the message and of the hint.
const SCHEDULE_MISTAKES: &[(&str, usize, usize, &str, &str)] = &[
    ("programs/groups.md", 9, 12, "`venue` is empty", ""),
    ("programs/groups.md", 12, 14, "unknown access key `wheelchairs`", "`wheelchair`"),
    ("programs/groups.md", 19, 9, "`closed` is not an allowed value", "temporarily-closed"),
    ("programs/groups.md", 20, 9, "`ful` is not an allowed value", "`full`"),
    ("programs/groups.md", 21, 13, "unknown audiences key `woman`", "`women`"),
    ("programs/groups.md", 23, 14, "`maximum_age` 18 is below `minimum_age` 30", ""),
    ("programs/groups.md", 26, 14, "should be one of the allowed words, not integer `8`", "monday"),
    ("programs/groups.md", 29, 14, "`tuesdy` is not an allowed value", "`tuesday`"),
    ("programs/groups.md", 33, 14, "`25:00` is not a time of day", ""),
    ("programs/groups.md", 37, 12, "the session ends (18:00) before it starts (19:30)", ""),
    ("programs/groups.md", 38, 17, "unknown location `centrum`", "`centre`"),
    ("programs/groups.md", 39, 7, "say which one with `location`", ""),
    ("programs/groups.md", 41, 15, "`monthly` needs `weeks`", ""),
    ("programs/groups.md", 44, 15, "`every-other-week` needs `first`", ""),
    ("programs/groups.md", 48, 15, "online but `modes` does not include `online`", ""),
    ("programs/groups.md", 49, 7, "say which one with `location`", ""),
    ("programs/reopened.md", 11, 15, "`closed_until` is set but `status` is not", ""),
    ("programs/reopened.md", 13, 9, "`online.join`: not a web address", ""),
    ("programs/reopened.md", 16, 7, "the session has no place", "online: true"),
    ("programs/reopened.md", 18, 7, "unknown field `schedule.sessions[0].weekday`", "days"),
    ("site.yaml", 6, 20, "`98x` cannot be dialled", ""),
    ("site.yaml", 7, 5, "crisis line `Nobody` has no way to reach it", "chat"),
    ("site.yaml", 8, 11, "`Europe/Amsterdan` is not a time zone", "`Europe/Amsterdam`"),
    ("site.yaml", 9, 13, "`{name}` is not a placeholder", ""),
    ("taxonomy.yaml", 8, 10, "`Young People`: a key is lowercase", ""),
];

#[test]
fn every_schedule_status_audience_and_venue_mistake_is_placed() {
    let o = peerdir(
        &root(),
        &["check", "--source", "tests/fixtures/broken-schedules", "--format", "json"],
    );
    assert_exit(&o, 1);
    let diags: Vec<serde_json::Value> = serde_json::from_str(&stdout(&o)).unwrap();
    for (file, line, col, msg, hint) in SCHEDULE_MISTAKES {
        let hit = diags.iter().any(|d| {
            d["file"].as_str().unwrap().ends_with(file)
                && d["line"] == *line
                && d["col"] == *col
                && d["message"].as_str().unwrap().contains(msg)
                && d["hint"].as_str().unwrap_or_default().contains(hint)
        });
        assert!(hit, "not reported: {file}:{line}:{col} {msg} ({hint})\n{}", stdout(&o));
    }
    assert_eq!(diags.len(), SCHEDULE_MISTAKES.len(), "unexpected extra problems:\n{}", stdout(&o));
}

/// The README's example listings, in a copy of the example directory,
/// pass `check`: the documentation of the format stays true.
#[test]
fn the_readmes_example_listings_pass_check() {
    let readme = fs::read_to_string(root().join("README.md")).unwrap();
    let example = |heading: &str| {
        let after = &readme[readme.find(heading).unwrap()..];
        let start = after.find("```markdown\n").unwrap() + "```markdown\n".len();
        after[start..start + after[start..].find("\n```").unwrap()].to_string() + "\n"
    };
    let (_tmp, content) = temp_copy(&root().join("content"));
    fs::write(content.join("specialists/anna-de-vries.md"), example("### A specialist")).unwrap();
    fs::write(content.join("programs/readme-program.md"), example("### A program")).unwrap();
    fs::copy(content.join("media/anna-de-vries.png"), content.join("media/herstelmentoren.png"))
        .unwrap();
    let o = peerdir(&root(), &["check", "--source", content.to_str().unwrap(), "--format", "json"]);
    let diags: Vec<serde_json::Value> = serde_json::from_str(&stdout(&o)).unwrap();
    let errors: Vec<_> = diags.iter().filter(|d| d["severity"] == "error").collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert_exit(&o, 0);
}

/// The severity, line and column of the problem in `file` whose message
/// has `piece`.
fn placed(
    diags: &[serde_json::Value],
    file: &str,
    piece: &str,
) -> (String, Option<u64>, Option<u64>) {
    let d = diags
        .iter()
        .find(|d| {
            d["file"].as_str().unwrap().ends_with(file)
                && d["message"].as_str().unwrap().contains(piece)
        })
        .unwrap_or_else(|| panic!("{file}: {piece} not in {diags:#?}"));
    (d["severity"].as_str().unwrap().to_string(), d["line"].as_u64(), d["col"].as_u64())
}

/// A site in several languages is checked in each, every problem at its
/// file, line and column: an unknown language code, a language without
/// interface strings, a code listed twice, a taxonomy label missing in a
/// language (a warning: pages show the first language's label) and a
/// string a publisher's new language leaves untranslated (a warning:
/// pages show the English string).
#[test]
fn every_interface_language_is_checked_at_its_place() {
    let (_tmp, content) = temp_copy(&fixture("minimal"));
    let site = content.join("site.yaml");
    let text = std::fs::read_to_string(&site).unwrap();
    let several =
        |languages: &str| text.replace("language: en", &format!("languages: {languages}"));
    std::fs::write(&site, several("[en, nl, xx, fr, nl]")).unwrap();
    let (code, diags) = check_json(&content);
    assert_eq!(code, 1);
    let at = |file: &str, piece: &str| placed(&diags, file, piece);
    let error = |line, col| ("error".to_string(), Some(line), Some(col));
    assert_eq!(at("site.yaml", "`xx` is not a language code"), error(3, 21));
    assert_eq!(at("site.yaml", "no interface translation for `fr`"), error(3, 25));
    assert_eq!(at("site.yaml", "`nl` is listed twice"), error(3, 29));

    std::fs::write(&site, several("[en, fr, nl]")).unwrap();
    std::fs::create_dir_all(content.join("i18n")).unwrap();
    let french = "skip_to_content: Aller au contenu\nnotice:\n  full: Complet\nlanguage_names:\n  fr: français\n  en: anglais\n";
    std::fs::write(content.join("i18n/fr.yaml"), french).unwrap();
    let (code, diags) = check_json(&content);
    assert_eq!(code, 0, "a missing label or string is a warning: {diags:#?}");
    let warning = |line, col| ("warning".to_string(), Some(line), Some(col));
    let at = |file: &str, piece: &str| placed(&diags, file, piece);
    assert_eq!(
        at("taxonomy.yaml", "topic `addiction` has no label in `fr`: pages in it show the `en`"),
        warning(3, 12)
    );
    assert_eq!(at("i18n/fr.yaml", "`notice.ended` is not translated"), warning(2, 1));
    assert_eq!(at("i18n/fr.yaml", "`nav_label` is not translated"), warning(1, 1));
    assert!(
        !diags.iter().any(|d| d["message"].as_str().unwrap().contains("`language_names.de`")),
        "names of languages fall back to English without a word"
    );

    std::fs::write(content.join("pages/nl.md"), "---\ntitle: NL\n---\nA page.\n").unwrap();
    let crisis = several("[en, fr, nl]")
        .replace("phone: \"988\"\n", "phone: \"988\"\n    languages: [en, zh]\n");
    std::fs::write(&site, crisis).unwrap();
    let (code, diags) = check_json(&content);
    assert_eq!(code, 1);
    assert_eq!(
        placed(&diags, "site.yaml", "the language `zh` has no name in the interface language `en`"),
        ("error".to_string(), Some(7), Some(21)),
        "a crisis line's languages are named in each interface language"
    );
    assert_eq!(
        placed(&diags, "site.yaml", "`pages/nl.md` would take the address of the `nl` pages"),
        ("error".to_string(), Some(3), Some(12))
    );
}

/// Each mistake in a listing's translations is placed: a key that is no
/// language code, the language the listing is written in, a translation
/// without its summary and a specialist's translation of a program's text.
#[test]
fn translations_are_checked_where_they_are() {
    let (_tmp, content) = temp_copy(&fixture("minimal"));
    let path = content.join("specialists/alex-river.md");
    let text = std::fs::read_to_string(&path).unwrap().replace(
        "programs: [sober-circle]\n",
        "programs: [sober-circle]\ntranslations:\n  xx: {summary: A}\n  en: {summary: B}\n  nl:\n    body: C\n  tr: {summary: D, who_for: W}\n",
    );
    std::fs::write(&path, text).unwrap();
    let (code, diags) = check_json(&content);
    assert_eq!(code, 1);
    let error = |line, col| ("error".to_string(), Some(line), Some(col));
    let file = "specialists/alex-river.md";
    assert_eq!(placed(&diags, file, "`xx` is not a language code"), error(18, 3));
    assert_eq!(placed(&diags, file, "the listing is written in `en` already"), error(19, 3));
    assert_eq!(
        placed(&diags, file, "missing required field `translations.nl.summary`"),
        error(21, 5)
    );
    assert_eq!(placed(&diags, file, "`who_for` is a program's"), error(22, 29));
}
