//! The engine on a small hand-made directory: stemming per language, typo
//! tolerance, phrases, filters with counts, distance ordering, snippets,
//! and reproducible index bytes.

use peerdir_search::{build_index, Engine, Filter, IndexDoc, Place, SearchRequest};

fn place(city: &str, region: &str, lat: f64, lon: f64) -> Place {
    Place { city: city.into(), region: region.into(), lat: Some(lat), lon: Some(lon) }
}

fn docs() -> Vec<IndexDoc> {
    let labels = |nl: &str, en: &str| {
        let label =
            |lang: &str, text: &str| peerdir_search::Label { lang: lang.into(), text: text.into() };
        vec![label("nl", nl), label("en", en)]
    };
    vec![
        IndexDoc {
            kind: "specialist".into(),
            url: "specialists/anna/".into(),
            name: "Anna de Vries".into(),
            summary: "Ervaringsdeskundige bij alcoholverslaving.".into(),
            body: "Ik dronk twintig jaar. De eerste maanden zonder drank waren zwaar. <script>x</script>".into(),
            lang: "nl".into(),
            topics: vec!["addiction/alcohol".into()],
            topic_labels: [labels("Verslaving", "Addiction"), labels("Alcohol", "Alcohol")].concat(),
            places: vec![place("Amsterdam", "Noord-Holland", 52.37, 4.90)],
            languages: vec!["nl".into(), "en".into()],
            modes: vec!["in-person".into()],
            cost: "free".into(),
            ..Default::default()
        },
        IndexDoc {
            kind: "specialist".into(),
            url: "specialists/sanne/".into(),
            name: "Sanne Bakker".into(),
            summary: "Lotgenoot bij depressie.".into(),
            body: "Twee keer viel ik uit met een depressie.".into(),
            lang: "nl".into(),
            topics: vec!["mental-health/depression".into()],
            topic_labels: [labels("Psychische gezondheid", "Mental health"), labels("Depressie", "Depression")].concat(),
            places: vec![place("Utrecht", "Utrecht", 52.09, 5.12)],
            languages: vec!["nl".into()],
            modes: vec!["online".into()],
            ..Default::default()
        },
        IndexDoc {
            kind: "specialist".into(),
            url: "specialists/grace/".into(),
            name: "Grace Mensah".into(),
            summary: "Peer supporter for internationals living with depression.".into(),
            body: "I moved to Amsterdam and had my first depression within a year.".into(),
            lang: "en".into(),
            topics: vec!["mental-health/depression".into()],
            topic_labels: [labels("Psychische gezondheid", "Mental health"), labels("Depressie", "Depression")].concat(),
            places: vec![place("Amsterdam", "Noord-Holland", 52.36, 4.89)],
            languages: vec!["en".into()],
            ..Default::default()
        },
        IndexDoc {
            kind: "program".into(),
            url: "programs/samen-nuchter/".into(),
            name: "Samen Nuchter".into(),
            summary: "Zelfhulpgroepen voor wie met drinken wil stoppen.".into(),
            lang: "nl".into(),
            topics: vec!["addiction/alcohol".into()],
            topic_labels: [labels("Verslaving", "Addiction"), labels("Alcohol", "Alcohol")].concat(),
            places: vec![place("Eindhoven", "Noord-Brabant", 51.44, 5.47)],
            program_kind: "self-help-group".into(),
            kind_labels: labels("Zelfhulpgroep", "Self-help group"),
            ..Default::default()
        },
    ]
}

fn engine() -> Engine {
    let files = build_index(&docs()).unwrap();
    let mut engine = Engine::open(&files.index).unwrap();
    engine.add_bodies(&files.bodies).unwrap();
    engine
}

fn urls(e: &Engine, req: SearchRequest) -> Vec<String> {
    e.search(&req).unwrap().hits.into_iter().map(|h| h.url).collect()
}

fn q(text: &str) -> SearchRequest {
    SearchRequest { q: text.into(), ..Default::default() }
}

#[test]
fn index_bytes_are_reproducible() {
    let (a, b) = (build_index(&docs()).unwrap(), build_index(&docs()).unwrap());
    assert_eq!((a.index, a.bodies, a.bodies_name), (b.index, b.bodies, b.bodies_name));
}

#[test]
fn stems_in_the_listing_language() {
    let e = engine();
    let hits = urls(&e, q("verslavingen"));
    assert_eq!(hits.len(), 2, "{hits:?}");
    assert!(
        hits.contains(&"specialists/anna/".to_string())
            && hits.contains(&"programs/samen-nuchter/".to_string())
    );
    // English stemming on the English listing, Dutch on the Dutch ones.
    assert!(urls(&e, q("depressions")).contains(&"specialists/grace/".to_string()));
    assert!(urls(&e, q("depressies")).contains(&"specialists/sanne/".to_string()));
}

#[test]
fn one_typo_is_tolerated_and_exact_ranks_higher() {
    let e = engine();
    let typo = urls(&e, q("depresie"));
    assert!(
        typo.contains(&"specialists/sanne/".to_string())
            && typo.contains(&"specialists/grace/".to_string()),
        "{typo:?}"
    );
    assert!(urls(&e, q("alcohl")).contains(&"specialists/anna/".to_string()));
    // Short words must be exact.
    assert_eq!(urls(&e, q("jaar")), vec!["specialists/anna/"]);
    assert_eq!(urls(&e, q("jaer")), Vec::<String>::new());
    // Five letters and more: one edit is enough (`dronk` finds `drinken`).
    assert!(urls(&e, q("dronk")).contains(&"programs/samen-nuchter/".to_string()));
    let r = e.search(&q("depressie")).unwrap();
    let exact = r.hits.iter().find(|h| h.url == "specialists/sanne/").unwrap().score;
    let fuzzy = e
        .search(&q("depresie"))
        .unwrap()
        .hits
        .iter()
        .find(|h| h.url == "specialists/sanne/")
        .unwrap()
        .score;
    assert!(exact > fuzzy, "{exact} > {fuzzy}");
}

#[test]
fn phrases_need_the_words_in_order() {
    let e = engine();
    assert_eq!(urls(&e, q("\"eerste maanden\"")), vec!["specialists/anna/"]);
    assert!(urls(&e, q("\"maanden eerste\"")).is_empty());
}

#[test]
fn filters_and_counts() {
    let e = engine();
    let mut r =
        SearchRequest { filters: vec![Filter::new("topic", "addiction")], ..Default::default() };
    assert_eq!(e.search(&r).unwrap().total, 2, "a parent topic includes its subtopics");
    r.filters.push(Filter::new("region", "Noord-Holland"));
    assert_eq!(urls(&e, r.clone()), vec!["specialists/anna/"]);
    let all = e.search(&SearchRequest::default()).unwrap();
    assert_eq!(all.total, 4);
    let regions = &all.facets["region"];
    assert!(regions.iter().any(|f| f.value == "Noord-Holland" && f.count == 2), "{regions:?}");
    let topics = &all.facets["topic"];
    assert!(topics.iter().any(|f| f.value == "addiction" && f.count == 2));
    assert!(
        topics.iter().any(|f| f.value == "mental-health/depression" && f.count == 2),
        "{topics:?}"
    );
    let filtered = e
        .search(&SearchRequest {
            filters: vec![Filter::new("type", "program")],
            ..Default::default()
        })
        .unwrap();
    assert_eq!(
        filtered.facets["region"],
        vec![peerdir_search::engine::FacetCount { value: "Noord-Brabant".into(), count: 1 }]
    );
}

#[test]
fn nearest_first() {
    let e = engine();
    let r =
        e.search(&SearchRequest { near: Some("utrecht".into()), ..Default::default() }).unwrap();
    assert_eq!(r.near.as_ref().unwrap().name, "Utrecht");
    let order: Vec<&str> = r.hits.iter().map(|h| h.url.as_str()).collect();
    assert_eq!(order[0], "specialists/sanne/");
    assert_eq!(order[3], "programs/samen-nuchter/", "{order:?}");
    assert!(r.hits.windows(2).all(|w| w[0].distance_km <= w[1].distance_km));
    assert!(e
        .search(&SearchRequest { near: Some("Atlantis".into()), ..Default::default() })
        .unwrap()
        .near
        .is_none());
}

#[test]
fn snippets_highlight_and_escape() {
    let e = engine();
    let hit = e.search(&q("drank")).unwrap().hits.remove(0);
    assert!(hit.snippet.contains("<b>drank</b>"), "{}", hit.snippet);
    let hit = e.search(&q("twintig")).unwrap().hits.remove(0);
    assert!(!hit.snippet.contains("<script>"), "{}", hit.snippet);
}

#[test]
fn garbage_is_an_error_not_a_panic() {
    assert!(Engine::open(b"").is_err());
    assert!(Engine::open(b"PDIX\x01\x00\x00\x00\xff\xff\xff\xff").is_err());
    let mut bytes = build_index(&docs()).unwrap().index;
    let n = bytes.len();
    bytes.truncate(n - 100);
    assert!(Engine::open(&bytes).is_err());
}

#[test]
fn the_index_alone_answers_words_and_the_bodies_add_snippets() {
    let files = build_index(&docs()).unwrap();
    assert!(
        files.index.len() > files.bodies.len(),
        "a small directory's index is mostly tantivy's"
    );
    let mut early = Engine::open(&files.index).unwrap();
    assert!(!early.has_bodies());
    assert_eq!(early.meta().bodies, files.bodies_name);
    let whole = engine();
    let plain = |r: &peerdir_search::SearchResponse| {
        r.hits.iter().map(|h| (h.url.clone(), h.score, h.summary.clone())).collect::<Vec<_>>()
    };
    for words in ["drank", "depressie", "twintig"] {
        let (before, after) = (early.search(&q(words)).unwrap(), whole.search(&q(words)).unwrap());
        assert!(!before.hits.is_empty(), "{words}: found by a word of the body alone");
        assert_eq!(plain(&before), plain(&after), "{words}: the same results, ranked the same");
        assert!(before.hits.iter().all(|h| h.snippet.is_empty()), "no snippets yet");
        assert!(after.hits.iter().any(|h| !h.snippet.is_empty()));
        assert_eq!(before.facets, after.facets);
    }
    assert!(early.search(&q("\"eerste maanden\"")).is_err(), "phrases wait for the bodies");

    let mut damaged = files.bodies.clone();
    damaged[30] ^= 1;
    assert!(early.add_bodies(&damaged).is_err());
    assert!(early.add_bodies(&files.bodies[..files.bodies.len() - 1]).is_err());
    let mut other = docs();
    other.pop();
    assert!(
        early.add_bodies(&build_index(&other).unwrap().bodies).is_err(),
        "another index's bodies"
    );
    early.add_bodies(&files.bodies).unwrap();
    assert!(early.has_bodies());
    assert_eq!(early.search(&q("drank")).unwrap(), whole.search(&q("drank")).unwrap());
    assert_eq!(urls(&early, q("\"eerste maanden\"")), vec!["specialists/anna/"]);
}
