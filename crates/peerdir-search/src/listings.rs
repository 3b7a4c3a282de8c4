//! What the engine knows of each listing beside its words and texts: its
//! page, its facet values, where it is and when it meets. The engine
//! filters, counts, orders and shows results from these rows; the tantivy
//! index holds only the words, so listing `n` is document `n` of its one
//! segment.
//!
//! Every facet value has a number, the values of [`FACETS`] in turn, each
//! facet's sorted. A listing has each of its values once, and a topic's
//! parents as well (`addiction` beside `addiction/alcohol`), so the parent
//! filters and counts every listing of its subtopics.
//!
//! Layout ([`crate::varint`]): per facet, its value count and values; then
//! the listing count, and per listing its page, the count of its value
//! numbers and each as the difference from the one before (they are
//! ascending), the count of its places with coordinates and each place's
//! latitude and longitude in millionths of a degree (signed), and the count
//! of its session slots and each slot packed ([`Slot::pack`]).

use crate::doc::IndexDoc;
use crate::schema::{AVAILABLE, FACETS};
use crate::sessions::Slot;
use crate::varint::{self, Reader};
use crate::Result;
use std::collections::BTreeSet;
use std::ops::Range;

/// One listing's row.
pub(crate) struct Listing {
    /// Its page, relative to the site root.
    pub url: String,
    /// The numbers of its facet values, ascending.
    pub values: Box<[u32]>,
    /// Its places' latitudes and longitudes, where known.
    pub coordinates: Box<[(f64, f64)]>,
    /// Its sessions.
    pub slots: Box<[Slot]>,
}

/// The rows of every listing, with the facet values they number.
pub(crate) struct Listings {
    /// Every facet's values, facet by facet.
    values: Vec<String>,
    /// The numbers of each facet's values, in [`FACETS`] order.
    facets: Vec<Range<u32>>,
    rows: Vec<Listing>,
}

/// A listing's values of each facet, in [`FACETS`] order.
fn facet_values(d: &IndexDoc) -> [Vec<&str>; FACETS.len()] {
    fn one(v: &str) -> Vec<&str> {
        if v.is_empty() {
            vec![]
        } else {
            vec![v]
        }
    }
    let topics = d
        .topics
        .iter()
        .flat_map(|t| t.match_indices('/').map(|(i, _)| &t[..i]).chain([t.as_str()]))
        .collect();
    let all = [
        ("type", one(&d.kind)),
        ("topic", topics),
        ("region", d.places.iter().map(|p| p.region.as_str()).collect()),
        ("program_kind", one(&d.program_kind)),
        ("language", d.languages.iter().map(String::as_str).collect()),
        ("mode", d.modes.iter().map(String::as_str).collect()),
        ("cost", one(&d.cost)),
        ("audience", d.audiences.iter().map(String::as_str).collect()),
        ("access", d.access.iter().map(String::as_str).collect()),
        ("status", one(&d.status)),
    ];
    debug_assert_eq!(all.each_ref().map(|(n, _)| *n), FACETS);
    all.map(|(_, v)| v)
}

/// Degrees in millionths (about 0.1 m), and back.
const MICRO: f64 = 1e6;

/// The rows of `docs` in the layout above; listing `n` is `docs[n]`.
pub(crate) fn pack(docs: &[IndexDoc]) -> Vec<u8> {
    let per_doc: Vec<_> = docs.iter().map(facet_values).collect();
    let mut out = Vec::new();
    let mut numbers: Vec<Vec<&str>> = Vec::new();
    for f in 0..FACETS.len() {
        let set: BTreeSet<&str> = per_doc.iter().flat_map(|v| v[f].iter().copied()).collect();
        varint::put(&mut out, set.len() as u64);
        for v in &set {
            varint::put_str(&mut out, v);
        }
        numbers.push(set.into_iter().collect());
    }
    let firsts: Vec<usize> =
        numbers.iter().scan(0, |n, values| Some(std::mem::replace(n, *n + values.len()))).collect();
    varint::put(&mut out, docs.len() as u64);
    for (d, values) in docs.iter().zip(&per_doc) {
        varint::put_str(&mut out, &d.url);
        let mut ids: Vec<usize> = values
            .iter()
            .zip(&numbers)
            .zip(&firsts)
            .flat_map(|((vs, all), first)| {
                vs.iter().map(move |v| first + all.binary_search(v).expect("every value is listed"))
            })
            .collect();
        ids.sort_unstable();
        ids.dedup();
        varint::put(&mut out, ids.len() as u64);
        let mut last = 0;
        for id in ids {
            varint::put(&mut out, (id - last) as u64);
            last = id;
        }
        let known: Vec<(f64, f64)> = d.places.iter().filter_map(|p| p.lat.zip(p.lon)).collect();
        varint::put(&mut out, known.len() as u64);
        for (lat, lon) in known {
            varint::put_signed(&mut out, (lat * MICRO).round() as i64);
            varint::put_signed(&mut out, (lon * MICRO).round() as i64);
        }
        varint::put(&mut out, d.slots.len() as u64);
        for slot in &d.slots {
            varint::put(&mut out, slot.pack());
        }
    }
    out
}

impl Listing {
    /// Whether it has the facet value numbered `v`.
    pub(crate) fn has(&self, v: u32) -> bool {
        self.values.binary_search(&v).is_ok()
    }
}

impl Listings {
    pub(crate) fn unpack(bytes: &[u8]) -> Result<Listings> {
        let mut r = Reader::new(bytes, "the listings of the index");
        let mut values = Vec::new();
        let mut facets = Vec::with_capacity(FACETS.len());
        for _ in FACETS {
            let first = values.len() as u32;
            for _ in 0..r.count()? {
                values.push(r.string()?);
            }
            facets.push(first..values.len() as u32);
        }
        let mut rows = Vec::new();
        for _ in 0..r.count()? {
            let url = r.string()?;
            let mut ids = Vec::new();
            let mut last = 0usize;
            for _ in 0..r.count()? {
                // Each number after the first is above the one before.
                let step = usize::try_from(r.varint()?).unwrap_or(usize::MAX);
                last = last
                    .checked_add(step)
                    .filter(|id| *id < values.len() && (ids.is_empty() || step > 0))
                    .ok_or_else(|| r.error("a value number is out of range"))?;
                ids.push(last as u32);
            }
            let coordinates = (0..r.count()?)
                .map(|_| Ok((r.signed()? as f64 / MICRO, r.signed()? as f64 / MICRO)))
                .collect::<Result<_>>()?;
            let slots =
                (0..r.count()?).map(|_| Ok(Slot::unpack(r.varint()?))).collect::<Result<_>>()?;
            rows.push(Listing { url, values: ids.into(), coordinates, slots });
        }
        r.finish()?;
        Ok(Listings { values, facets, rows })
    }

    /// How many listings it has.
    pub(crate) fn len(&self) -> usize {
        self.rows.len()
    }

    /// Listing `n`.
    pub(crate) fn get(&self, n: u32) -> &Listing {
        &self.rows[n as usize]
    }

    /// How many facet values there are, of all facets.
    pub(crate) fn value_count(&self) -> usize {
        self.values.len()
    }

    /// The number of `value` of the `f`th facet, if a listing has it.
    pub(crate) fn number(&self, f: usize, value: &str) -> Option<u32> {
        let range = self.facets[f].clone();
        let values = &self.values[range.start as usize..range.end as usize];
        values.binary_search_by(|v| v.as_str().cmp(value)).ok().map(|i| range.start + i as u32)
    }

    /// The `f`th facet's values, with their numbers.
    pub(crate) fn values(&self, f: usize) -> impl Iterator<Item = (u32, &str)> {
        self.facets[f].clone().map(|i| (i, self.values[i as usize].as_str()))
    }

    /// A listing's first value of the `f`th facet, or "".
    pub(crate) fn first_value(&self, listing: &Listing, f: usize) -> &str {
        let range = &self.facets[f];
        listing
            .values
            .iter()
            .find(|i| range.contains(i))
            .map_or("", |i| self.values[*i as usize].as_str())
    }

    /// Whether visitors can turn to a listing now (its status is one of
    /// [`AVAILABLE`]).
    pub(crate) fn available(&self, listing: &Listing) -> bool {
        AVAILABLE.contains(&self.first_value(listing, STATUS))
    }
}

/// The place of `type` in [`FACETS`].
pub(crate) const TYPE: usize = 0;
/// The place of `status` in [`FACETS`].
pub(crate) const STATUS: usize = 9;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::Place;

    fn place(region: &str, at: Option<(f64, f64)>) -> Place {
        Place {
            city: "x".into(),
            region: region.into(),
            lat: at.map(|a| a.0),
            lon: at.map(|a| a.1),
        }
    }

    #[test]
    fn rows_read_back() {
        assert_eq!((FACETS[TYPE], FACETS[STATUS]), ("type", "status"));
        let docs = vec![
            IndexDoc {
                kind: "specialist".into(),
                url: "specialists/anna/".into(),
                topics: vec!["addiction/alcohol".into(), "addiction/gambling".into()],
                places: vec![
                    place("Utrecht", Some((52.0907, 5.1214))),
                    place("Zuid/Holland", None),
                    place("Utrecht", Some((-33.8688, 151.2093))),
                ],
                status: "full".into(),
                slots: vec![Slot {
                    weekday: 2,
                    start: 600,
                    end: 660,
                    every: crate::sessions::Every::Week,
                }],
                ..Default::default()
            },
            IndexDoc { kind: "program".into(), url: "programs/p/".into(), ..Default::default() },
        ];
        let l = Listings::unpack(&pack(&docs)).unwrap();
        assert_eq!(l.len(), 2);
        let topic = FACETS.iter().position(|f| *f == "topic").unwrap();
        let region = FACETS.iter().position(|f| *f == "region").unwrap();
        let values: Vec<&str> = l.values(topic).map(|(_, v)| v).collect();
        assert_eq!(values, ["addiction", "addiction/alcohol", "addiction/gambling"]);
        let regions: Vec<&str> = l.values(region).map(|(_, v)| v).collect();
        assert_eq!(regions, ["Utrecht", "Zuid/Holland"], "each value once, a slash no level");
        let anna = l.get(0);
        assert_eq!(anna.url, "specialists/anna/");
        for (f, v) in [(topic, "addiction"), (region, "Zuid/Holland"), (STATUS, "full")] {
            assert!(anna.values.contains(&l.number(f, v).unwrap()), "{v}");
        }
        assert_eq!(l.number(topic, "addiction/drugs"), None);
        assert_eq!(
            (l.first_value(anna, TYPE), l.first_value(l.get(1), TYPE)),
            ("specialist", "program")
        );
        assert!(!l.available(anna) && !l.available(l.get(1)), "full; no status");
        assert_eq!(&*anna.coordinates, [(52.0907, 5.1214), (-33.8688, 151.2093)]);
        assert_eq!(&*anna.slots, &docs[0].slots[..]);
        assert!(l.get(1).values.len() == 1 && l.get(1).slots.is_empty());
    }

    #[test]
    fn damage_is_an_error() {
        let doc = IndexDoc {
            kind: "specialist".into(),
            url: "a/".into(),
            topics: vec!["x/y".into()],
            ..Default::default()
        };
        let bytes = pack(&[doc]);
        for cut in 0..bytes.len() {
            assert!(Listings::unpack(&bytes[..cut]).is_err(), "cut at {cut}");
        }
        // Two values of `type`, none of the others; one listing, `a/`,
        // with value numbers [0] and no places or slots.
        let mut good = vec![2, 1, b't', 1, b'u'];
        good.extend([0; 9]);
        good.extend([1, 2, b'a', b'/', 1, 0, 0, 0]);
        assert!(Listings::unpack(&good).is_ok());
        let n = good.len();
        let mut past = good.clone();
        past[n - 3] = 2;
        assert!(Listings::unpack(&past).is_err(), "value number 2 of 2 values");
        let (mut ascending, mut twice) = (good[..n - 2].to_vec(), good[..n - 2].to_vec());
        ascending[n - 4] = 2;
        ascending.extend([1, 0, 0]);
        assert!(Listings::unpack(&ascending).is_ok(), "numbers 0 and 1");
        twice[n - 4] = 2;
        twice.extend([0, 0, 0]);
        assert!(Listings::unpack(&twice).is_err(), "two numbers, the same");
    }
}
