//! Fuzzes the search engine's query path, as the browser runs it: a small
//! index is built once (with sessions), and the input becomes a request
//! (the query text, filters, a place, a limit and an offset, the visitor's
//! clock, "soonest first" and the page's language, for a listing
//! translated into Turkish), sent as the JSON the worker sends. Any panic is a bug; each query must also be quick (`.ci/run`
//! runs it with libFuzzer's `-timeout`).

#![no_main]

use libfuzzer_sys::fuzz_target;
use peerdir_search::sessions::{Clock, Every, Slot, LAST_WEEK};
use peerdir_search::{build_index, Engine, IndexDoc, Place, SearchRequest, Translated};
use std::sync::OnceLock;

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        let doc = |n: usize, name: &str, body: &str, lang: &str, city: &str| IndexDoc {
            kind: if n % 2 == 0 { "specialist".into() } else { "program".into() },
            url: format!("specialists/s-{n}/"),
            name: name.into(),
            summary: format!("{name} helpt bij herstel."),
            body: body.into(),
            lang: lang.into(),
            topics: vec!["addiction/alcohol".into()],
            places: vec![Place {
                city: city.into(),
                region: "Utrecht".into(),
                lat: Some(52.09),
                lon: Some(5.12),
            }],
            languages: vec![lang.into()],
            status: ["open", "full", "ended"][n % 3].into(),
            slots: vec![
                Slot { weekday: (n % 7) as u8, start: 1170, end: 1260, every: Every::Week },
                Slot {
                    weekday: 2,
                    start: 600,
                    end: 720,
                    every: Every::OtherWeek { monday: 20_780 },
                },
                Slot {
                    weekday: 5,
                    start: 0,
                    end: 1439,
                    every: Every::Month { weeks: 1 | LAST_WEEK },
                },
            ],
            ..Default::default()
        };
        let docs = vec![
            IndexDoc {
                translations: vec![Translated {
                    lang: "tr".into(),
                    summary: "Bağımlılıktan kurtulmada yardım.".into(),
                    body: "Yirmi yıl içtim; ilk aylar zor.".into(),
                }],
                ..doc(
                    0,
                    "Anna de Vries",
                    "Ik dronk twintig jaar, de eerste maanden zijn zwaar.",
                    "nl",
                    "Utrecht",
                )
            },
            doc(
                1,
                "Sober Circle",
                "A group about alcohol and recovery, zoë and café.",
                "en",
                "Amersfoort",
            ),
            doc(
                2,
                "Özlem",
                "Depressie, angst en verslaving; \"citaat\" <b>html</b>.",
                "nl",
                "Zeist",
            ),
        ];
        let files = build_index(&docs).expect("the index builds");
        let mut engine = Engine::open(&files.index).expect("the index opens");
        engine.add_bodies(&files.bodies).expect("the bodies open");
        engine
    })
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut parts = text.splitn(4, '\u{1}');
    let q = parts.next().unwrap_or_default().to_string();
    let filters = parts
        .next()
        .unwrap_or_default()
        .split(';')
        .filter_map(|f| f.split_once('='))
        .map(|(k, v)| peerdir_search::Filter::new(k, v))
        .collect();
    let near = parts.next().map(str::to_string);
    let numbers: Vec<usize> = parts.next().unwrap_or_default().bytes().map(usize::from).collect();
    let byte = |i: usize| numbers.get(i).copied().unwrap_or(0);
    let request = SearchRequest {
        q,
        filters,
        near,
        limit: numbers.first().map_or(0, |n| n.pow(6)),
        offset: numbers.get(1).map_or(0, |n| n.pow(5)),
        // Any day number a clock could give, and any minute, valid or not.
        clock: (numbers.len() > 2).then(|| Clock {
            day: i32::from_le_bytes([byte(2), byte(3), byte(4), byte(5)].map(|b| b as u8)),
            minutes: u16::from_le_bytes([byte(6), byte(7)].map(|b| b as u8)),
        }),
        upcoming: byte(8) % 2 == 1,
        lang: ["", "nl", "en", "tr"][byte(9) % 4].into(),
    };
    // Through JSON, as the worker sends it.
    let json = serde_json::to_vec(&request).unwrap();
    let request: SearchRequest = serde_json::from_slice(&json).unwrap();
    let response = engine().search(&request).expect("a query is answered");
    assert!(response.hits.len() <= response.total.max(1));
});
