//! Synthetic directories for the benchmark: `n` specialists and `n / 10`
//! programs in the content format, Dutch like the example, with the
//! example's taxonomy. A fixed seed makes every run write the same files.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

const FIRST: &[&str] = &[
    "Anna", "Bram", "Daan", "Emma", "Femke", "Fatma", "Grace", "Hans", "Ingrid", "Jeroen", "Joost",
    "Kevin", "Lisa", "Lotte", "Merel", "Mohamed", "Noura", "Olga", "Pieter", "Priya", "Rik",
    "Ruben", "Sanne", "Sem", "Thomas", "Tomasz", "Wendy", "Yasmina", "Ahmet", "Marieke",
];
const LAST: &[&str] = &[
    "de Vries",
    "Jansen",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Dijk",
    "Kok",
    "Willems",
    "Brouwer",
    "Hoekstra",
    "Demir",
    "Yilmaz",
    "El Idrissi",
    "Nowak",
    "Kovalenko",
    "Mensah",
    "Ramdin",
    "Haddou",
];
/// City, region, latitude, longitude.
const PLACES: &[(&str, &str, f64, f64)] = &[
    ("Groningen", "Groningen", 53.2194, 6.5665),
    ("Zwolle", "Overijssel", 52.5168, 6.083),
    ("Enschede", "Overijssel", 52.2215, 6.8937),
    ("Arnhem", "Gelderland", 51.9851, 5.8987),
    ("Nijmegen", "Gelderland", 51.8126, 5.8372),
    ("Utrecht", "Utrecht", 52.0907, 5.1214),
    ("Amersfoort", "Utrecht", 52.1561, 5.3878),
    ("Amsterdam", "Noord-Holland", 52.3676, 4.9041),
    ("Haarlem", "Noord-Holland", 52.3874, 4.6462),
    ("Rotterdam", "Zuid-Holland", 51.9244, 4.4777),
    ("Den Haag", "Zuid-Holland", 52.0705, 4.3007),
    ("Leiden", "Zuid-Holland", 52.1601, 4.497),
    ("Eindhoven", "Noord-Brabant", 51.4381, 5.4752),
    ("Tilburg", "Noord-Brabant", 51.5606, 5.0919),
    ("Maastricht", "Limburg", 50.8514, 5.691),
    ("Venlo", "Limburg", 51.3704, 6.1724),
];
/// Topic key and the words a listing on it uses.
const TOPICS: &[(&str, &str)] = &[
    ("addiction/alcohol", "alcohol drinken stoppen met drinken terugval"),
    ("addiction/drugs", "drugs cocaïne cannabis gebruik afkicken"),
    ("addiction/gambling", "gokken schulden casino online gokken"),
    ("addiction/gaming", "gamen gameverslaving nachten doorhalen"),
    ("addiction/medication", "medicijnen slaappillen pijnstillers afbouwen"),
    ("mental-health/depression", "depressie somberheid moeheid uitzichtloosheid"),
    ("mental-health/anxiety", "angst paniekaanvallen piekeren vermijden"),
    ("mental-health/psychosis", "psychose stemmen horen wantrouwen herstel"),
    ("mental-health/bipolar", "bipolair manie stemmingswisselingen"),
    ("mental-health/trauma", "trauma nachtmerries herbeleven veiligheid"),
    ("mental-health/eating-disorders", "eetstoornis anorexia boulimia eetbuien"),
    ("mental-health/suicidal-thoughts", "suïcidale gedachten doodswens hoop"),
    ("family", "naasten familie partner kinderen ouders"),
    ("life/work", "werk re-integratie dagbesteding collega's"),
    ("life/housing", "wonen dakloos beschermd wonen huis"),
];
const LANGS: &[&str] = &["nl", "en", "tr", "ar", "pl", "de", "fr", "es"];
const KINDS: &[&str] =
    &["peer-support", "mentoring", "buddy", "self-help-group", "training", "recovery-college"];
const MODES: &[&str] = &["in-person", "online", "phone", "chat"];
const COSTS: &[&str] = &["free", "insured", "paid", "sliding-scale"];

/// A small deterministic generator (xorshift64*).
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    pub(crate) fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub(crate) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// One to `max` distinct items.
fn some<'a>(rng: &mut Rng, items: &[&'a str], max: usize) -> Vec<&'a str> {
    let mut out: Vec<&str> = Vec::new();
    for _ in 0..1 + rng.below(max) {
        let item = *rng.pick(items);
        if !out.contains(&item) {
            out.push(item);
        }
    }
    out
}

fn location(rng: &mut Rng) -> String {
    let (city, region, lat, lon) = *rng.pick(PLACES);
    format!("  - city: {city}\n    region: {region}\n    lat: {lat}\n    lon: {lon}\n")
}

/// A body of a few paragraphs built from the topics' words.
fn body(rng: &mut Rng, topics: &[&str]) -> String {
    let words: Vec<&str> = topics
        .iter()
        .flat_map(|t| TOPICS.iter().find(|(k, _)| k == t).unwrap().1.split(' '))
        .collect();
    let filler = [
        "ik", "weet", "hoe", "moeilijk", "het", "is", "om", "hulp", "te", "vragen", "samen",
        "kijken", "we", "wat", "jij", "nodig", "hebt",
    ];
    let mut out = String::new();
    for _ in 0..3 {
        for i in 0..30 {
            let word = if i % 4 == 0 { *rng.pick(&words) } else { *rng.pick(&filler) };
            out.push_str(word);
            out.push(' ');
        }
        out.push_str("\n\n");
    }
    out
}

fn specialist(rng: &mut Rng, i: usize, programs: usize) -> String {
    let name = format!("{} {} {i}", rng.pick(FIRST), rng.pick(LAST));
    let keys: Vec<&str> = TOPICS.iter().map(|t| t.0).collect();
    let topics = some(rng, &keys, 3);
    let mut langs = vec!["nl"];
    langs.extend(some(rng, LANGS, 2).into_iter().filter(|l| *l != "nl"));
    let mut modes = vec!["in-person"];
    modes.extend(some(rng, MODES, 2).into_iter().filter(|m| *m != "in-person"));
    let mut out = String::new();
    let _ = write!(
        out,
        "---\nname: {name}\nsummary: Ervaringsdeskundige die je helpt bij {}.\ntopics: [{}]\nlanguages: [{}]\nlocations:\n{}modes: [{}]\ncontact:\n  phone: 020 000 {:04}\n  email: p{i}@herstel.example\nconsent:\n  date: 2025-01-01\n  scope: vermelding met naam en e-mailadres\nreviewed: 2026-{:02}-15\navailability: part-time\nintake: {}\ncost: {}\nprograms: [program-{}]\n---\n{}",
        TOPICS.iter().find(|(k, _)| *k == topics[0]).unwrap().1.split(' ').next().unwrap(),
        topics.join(", "),
        langs.join(", "),
        location(rng),
        modes.join(", "),
        i % 10_000,
        1 + rng.below(10),
        if rng.below(2) == 0 { "open" } else { "full" },
        rng.pick(COSTS),
        rng.below(programs.max(1)),
        body(rng, &topics)
    );
    out
}

fn program(rng: &mut Rng, i: usize) -> String {
    let keys: Vec<&str> = TOPICS.iter().map(|t| t.0).collect();
    let topics = some(rng, &keys, 3);
    let kind = rng.pick(KINDS);
    format!(
        "---\nname: Programma {i} {}\nsummary: Een {kind} programma over {}.\nkind: {kind}\norganization: Stichting Herstel {}\ntopics: [{}]\nlanguages: [nl]\nlocations:\n{}{}contact:\n  phone: 030 000 {:04}\nreviewed: 2026-05-01\nwho_for: Iedereen die dat wil.\nhow_to_join: Bel of mail ons.\ncost: free\n---\n{}",
        rng.pick(LAST),
        topics.join(" en "),
        i % 50,
        topics.join(", "),
        location(rng),
        location(rng),
        i % 10_000,
        body(rng, &topics)
    )
}

/// The `languages: [...]` line of the example's site.yaml.
pub(crate) fn languages_line(site: &str) -> &str {
    site.lines().find(|l| l.starts_with("languages:")).expect("the example lists its languages")
}

/// Writes a content folder with `n` specialists and `n / 10` programs.
pub(crate) fn write(root: &Path, repo: &Path, n: usize) -> std::io::Result<()> {
    let _ = fs::remove_dir_all(root);
    fs::create_dir_all(root.join("specialists"))?;
    fs::create_dir_all(root.join("programs"))?;
    fs::copy(repo.join("content/taxonomy.yaml"), root.join("taxonomy.yaml"))?;
    // In Dutch alone, as the Hugo site beside it is: the example's other
    // languages are measured on their own (`languages` in main.rs).
    let site = fs::read_to_string(repo.join("content/site.yaml"))?;
    let languages = languages_line(&site);
    let site = site.replace("page_size: 12", "page_size: 50").replace(languages, "language: nl");
    fs::write(root.join("site.yaml"), site)?;
    let programs = n / 10;
    let mut rng = Rng::new(0x5eed + n as u64);
    for i in 0..n {
        fs::write(
            root.join(format!("specialists/specialist-{i}.md")),
            specialist(&mut rng, i, programs),
        )?;
    }
    for i in 0..programs {
        fs::write(root.join(format!("programs/program-{i}.md")), program(&mut rng, i))?;
    }
    Ok(())
}

/// A query for latency runs: words, facet filters and a place to order
/// results by distance from.
pub(crate) struct Query {
    pub q: String,
    pub filters: Vec<peerdir_search::Filter>,
    pub near: Option<String>,
}

/// Queries for latency runs, in turn: topic words, a word and a place, a
/// typo, a phrase, a word in a region, a word near a city.
pub(crate) fn queries(count: usize) -> Vec<Query> {
    let mut rng = Rng::new(42);
    let words: Vec<&str> =
        TOPICS.iter().flat_map(|t| t.1.split(' ')).filter(|w| w.len() > 3).collect();
    (0..count)
        .map(|i| {
            let word = rng.pick(&words).to_string();
            let mut query = Query { q: word.clone(), filters: vec![], near: None };
            match i % 6 {
                1 => query.q = format!("{word} {}", rng.pick(PLACES).0),
                2 => {
                    let cut = word
                        .char_indices()
                        .nth(word.chars().count() / 2)
                        .map(|(i, _)| i)
                        .unwrap_or(0);
                    query.q = format!(
                        "{}{}",
                        &word[..cut],
                        &word[cut..].chars().skip(1).collect::<String>()
                    );
                }
                3 => query.q = "\"stoppen met drinken\"".to_string(),
                4 => {
                    query.filters = vec![peerdir_search::Filter::new("region", rng.pick(PLACES).1)]
                }
                5 => query.near = Some(rng.pick(PLACES).0.to_string()),
                _ => {}
            }
            query
        })
        .collect()
}
