//! The injection corpus: a content folder in which every free-text field of
//! every kind of file holds a hostile payload from `tests/fixtures/payloads.txt`
//! (the listing's name also goes through `report_url` and into each
//! program's calendar file). The site is in English and Dutch, and every
//! listing's texts have a Dutch translation holding the same payloads.

use std::fs;
use std::path::Path;

pub(crate) fn payloads() -> Vec<String> {
    let text = fs::read_to_string(super::fixture("payloads.txt")).unwrap();
    text.lines().filter(|l| !l.is_empty()).map(str::to_string).collect()
}

/// A YAML scalar holding `s` exactly (a JSON string is valid YAML).
fn q(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

/// Writes the corpus content folder into `dir`.
pub(crate) fn write(dir: &Path) {
    let p = payloads();
    for sub in ["specialists", "programs", "pages", "media"] {
        fs::create_dir_all(dir.join(sub)).unwrap();
    }
    fs::copy(super::root().join("content/media/anna-de-vries.png"), dir.join("media/p.png"))
        .unwrap();
    fs::write(
        dir.join("site.yaml"),
        format!(
            "title: {}\ndescription: {}\nbase_url: https://corpus.example/\nlanguages: [en, nl]\ncrisis:\n  - name: {}\n    phone: \"988\"\n    hours: {}\n    languages: [en]\n    note: {{en: {}, nl: {}}}\nexit_url: https://weather.example/\npage_size: 40\nreport_url: \"https://corpus.example/report?l={{title}}&u={{url}}&s={{slug}}\"\n",
            q(&p[0]), q(&p[1]), q(&p[2]), q(&p[3]), q(&p[9]), q(&p[10])
        ),
    )
    .unwrap();
    fs::write(
        dir.join("taxonomy.yaml"),
        format!(
            "topics:\n  - key: addiction\n    label: {{en: {}}}\n  - key: addiction/x\n    label: {{en: {}}}\n    description: {{en: {}}}\naudiences:\n  - key: a\n    label: {{en: {}}}\naccess:\n  - key: b\n    label: {{en: {}}}\n",
            q(&p[4]), q(&p[5]), q(&p[6]), q(&p[7]), q(&p[8])
        ),
    )
    .unwrap();
    for (i, x) in p.iter().enumerate() {
        let x = q(x);
        let body = format!("{}\n\nSome *text* {}\n\n# {}\n\n> {}\n", &p[i], &p[i], &p[i], &p[i]);
        let translated = format!(
            "translations:\n  nl:\n    summary: {x}\n    status_note: {x}\n    body: {}\n",
            q(&body)
        );
        fs::write(
            dir.join(format!("specialists/s-{i}.md")),
            format!(
                "---\nname: {x}\npronouns: {x}\nsummary: {x}\ntopics: [addiction/x]\nlanguages: [en]\nlocations:\n  - city: {x}\n    region: {x}\n    postcode: {x}\n    venue: {x}\n    address: {x}\n    entrance: {x}\n    access: [b]\n    access_notes: {x}\nmodes: [in-person, online]\ncontact:\n  phone: \"+1 202 555 0100\"\n  email: a{i}@corpus.example\n  website: https://corpus.example/s/{i}\nconsent:\n  date: 2025-01-01\n  scope: {x}\nreviewed: 2026-06-01\nintake: open\nstatus: temporarily-closed\nclosed_until: 2027-06-01\nstatus_note: {x}\naudiences: [a]\ncertification:\n  name: {x}\n  issuer: {x}\n  since: 2020-01-01\nprograms: [p-{i}]\nphoto: p.png\nphoto_alt: {x}\n{translated}---\n{body}"
            ),
        )
        .unwrap();
        fs::write(
            dir.join(format!("programs/p-{i}.md")),
            format!(
                "---\nname: {x}\nsummary: {x}\nkind: mentoring\norganization: {x}\ntopics: [addiction]\nlanguages: [en]\nlocations:\n  - city: {x}\n    region: {x}\n    venue: {x}\n    address: {x}\nmodes: [in-person, online]\ncontact:\n  form: https://corpus.example/p/{i}\nreviewed: 2026-06-01\nwho_for: {x}\nhow_to_join: {x}\nintake: full\nstatus_note: {x}\naudiences: [a]\nschedule:\n  sessions:\n    - days: [tuesday]\n      start: \"19:30\"\n    - days: [friday]\n      start: \"10:00\"\n      online: true\n  note: {x}\nonline:\n  join: on-request\n  note: {x}\nvolunteering:\n  accepting: true\n  training: {x}\n  commitment: {x}\nlogo: p.png\nlogo_alt: {x}\n{translated}    who_for: {x}\n    how_to_join: {x}\n---\n{body}"
            ),
        )
        .unwrap();
        fs::write(
            dir.join(format!("pages/page-{i}.md")),
            format!("---\ntitle: {x}\nsummary: {x}\nfooter: {}\n---\n{body}", i < 3),
        )
        .unwrap();
    }
}
