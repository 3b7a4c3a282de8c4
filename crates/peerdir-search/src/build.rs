//! Builds the index file from documents. The result is byte-for-byte the
//! same for the same documents: one indexing thread, documents in the order
//! given, and tantivy's random segment id replaced by a fixed one.

use crate::bundle::{self, Bundle, KnownPlace, Meta};
use crate::doc::IndexDoc;
use crate::schema::{
    self, field, text_field, AVAILABLE, AVAILABLE_FIELD, FACETS, PLACES, SLOTS, STORED_FIELDS,
    TEXTS_NUMBER, TEXT_FIELDS,
};
use crate::Result;
use peerdir_shared::hash::fnv64;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use tantivy::directory::RamDirectory;
use tantivy::schema::{Facet, Field, Schema};
use tantivy::store::Compressor;
use tantivy::{Directory, Index, IndexSettings, IndexWriter, TantivyDocument};

/// The first 28 hex digits of the segment ids of every built index (the
/// last four count segments), so builds are reproducible.
const SEGMENT_ID: &str = "7065657264697200000000000000";

/// Languages the schema needs: those of the texts and of the labels.
fn languages(docs: &[IndexDoc]) -> Vec<String> {
    let mut set: BTreeSet<String> = docs.iter().map(|d| d.lang.clone()).collect();
    for d in docs {
        set.extend(
            d.topic_labels
                .iter()
                .chain(&d.kind_labels)
                .chain(&d.language_labels)
                .map(|l| l.lang.clone()),
        );
    }
    set.into_iter().collect()
}

/// A facet from a path such as `addiction/alcohol` or a plain value.
pub(crate) fn facet(path: &str) -> Facet {
    Facet::from_path(path.split('/'))
}

/// The schema's fields, looked up by name once per build rather than for
/// every value of every document.
struct Fields {
    /// The text fields of each language, in [`TEXT_FIELDS`] order.
    texts: Vec<(String, Vec<Field>)>,
    facets: Vec<Field>,
    number: Field,
    places: Field,
    lat: Field,
    lon: Field,
    slots: Field,
    available: Field,
    /// The stored fields, in [`STORED_FIELDS`] order.
    stored: Vec<Field>,
}

impl Fields {
    fn new(schema: &Schema, langs: &[String]) -> Fields {
        // `document` gives the stored values in this order.
        debug_assert_eq!(STORED_FIELDS, ["url", "kind", "lang", "standing"]);
        let texts = langs
            .iter()
            .map(|l| {
                (
                    l.clone(),
                    TEXT_FIELDS.iter().map(|(n, _)| field(schema, &text_field(l, n))).collect(),
                )
            })
            .collect();
        Fields {
            texts,
            facets: FACETS.iter().map(|f| field(schema, f)).collect(),
            number: field(schema, TEXTS_NUMBER),
            places: field(schema, PLACES.0),
            lat: field(schema, "lat"),
            lon: field(schema, "lon"),
            slots: field(schema, SLOTS),
            available: field(schema, AVAILABLE_FIELD),
            stored: STORED_FIELDS.iter().map(|n| field(schema, n)).collect(),
        }
    }

    /// The text field `name` in `lang`, one of the schema's languages.
    fn text(&self, lang: &str, name: &str) -> Field {
        let (_, fields) = self
            .texts
            .iter()
            .find(|(l, _)| l == lang)
            .unwrap_or_else(|| panic!("schema language {lang}"));
        fields[TEXT_FIELDS
            .iter()
            .position(|(n, _)| *n == name)
            .unwrap_or_else(|| panic!("schema field {name}"))]
    }
}

/// The tantivy document of `d`, the `n`th of the index.
fn document(fields: &Fields, n: usize, d: &IndexDoc) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_u64(fields.number, n as u64);
    let text = |doc: &mut TantivyDocument, lang: &str, name: &str, value: &str| {
        if !value.is_empty() {
            doc.add_text(fields.text(lang, name), value);
        }
    };
    text(&mut doc, &d.lang, "name", &d.name);
    text(&mut doc, &d.lang, "summary", &d.summary);
    text(&mut doc, &d.lang, "body", &d.body);
    text(&mut doc, &d.lang, "org", &d.organization);
    for label in &d.topic_labels {
        text(&mut doc, &label.lang, "topics", &label.text);
    }
    for label in &d.kind_labels {
        text(&mut doc, &label.lang, "kind", &label.text);
    }
    for label in &d.language_labels {
        text(&mut doc, &label.lang, "languages", &label.text);
    }
    for p in &d.places {
        doc.add_text(fields.places, format!("{} {}", p.city, p.region));
        if let (Some(lat), Some(lon)) = (p.lat, p.lon) {
            doc.add_f64(fields.lat, lat);
            doc.add_f64(fields.lon, lon);
        }
    }
    add_facets(fields, &mut doc, d);
    for (&f, value) in fields.stored.iter().zip([&d.url, &d.kind, &d.lang, &d.status]) {
        doc.add_text(f, value);
    }
    for slot in &d.slots {
        doc.add_u64(fields.slots, slot.pack());
    }
    doc.add_u64(fields.available, u64::from(AVAILABLE.contains(&d.status.as_str())));
    doc
}

/// A facet value that may be empty, as a list.
fn one(v: &str) -> Vec<&str> {
    if v.is_empty() {
        vec![]
    } else {
        vec![v]
    }
}

/// The document's facets: each value once.
fn add_facets(fields: &Fields, doc: &mut TantivyDocument, d: &IndexDoc) {
    let facets: [(&str, Vec<&str>); 10] = [
        ("type", vec![d.kind.as_str()]),
        ("topic", d.topics.iter().map(String::as_str).collect()),
        ("region", d.places.iter().map(|p| p.region.as_str()).collect()),
        ("program_kind", one(&d.program_kind)),
        ("language", d.languages.iter().map(String::as_str).collect()),
        ("mode", d.modes.iter().map(String::as_str).collect()),
        ("cost", one(&d.cost)),
        ("audience", d.audiences.iter().map(String::as_str).collect()),
        ("access", d.access.iter().map(String::as_str).collect()),
        ("status", one(&d.status)),
    ];
    debug_assert_eq!(facets.each_ref().map(|(n, _)| *n), FACETS);
    for ((name, values), &f) in facets.into_iter().zip(&fields.facets) {
        let mut seen = BTreeSet::new();
        for v in values.into_iter().filter(|v| seen.insert(*v)) {
            // Region names may hold a slash; they are one facet level.
            doc.add_facet(f, if name == "topic" { facet(v) } else { Facet::from_path([v]) });
        }
    }
}

/// Places visitors can search near: every city and region, at the mean of
/// its known coordinates.
fn places(docs: &[IndexDoc]) -> Vec<KnownPlace> {
    let mut sums: BTreeMap<String, (f64, f64, f64)> = BTreeMap::new();
    for p in docs.iter().flat_map(|d| &d.places) {
        if let (Some(lat), Some(lon)) = (p.lat, p.lon) {
            for name in [&p.city, &p.region] {
                let e = sums.entry(name.clone()).or_insert((0.0, 0.0, 0.0));
                *e = (e.0 + lat, e.1 + lon, e.2 + 1.0);
            }
        }
    }
    sums.into_iter()
        .map(|(name, (lat, lon, n))| KnownPlace { name, lat: lat / n, lon: lon / n })
        .collect()
}

/// An index's two files (see `bundle`).
pub struct IndexFiles {
    /// The index: all a first result needs.
    pub index: Vec<u8>,
    /// The listings' bodies, for snippets and phrases.
    pub bodies: Vec<u8>,
    /// The name the index gives its bodies file, which must be in the same
    /// folder: `bodies-<hash>.pdtx`, named by its content.
    pub bodies_name: String,
}

/// Builds the index files for `docs`. The texts are packed on a thread of
/// their own while tantivy indexes: names and summaries into the index,
/// bodies into the bodies file.
pub fn build_index(docs: &[IndexDoc]) -> Result<IndexFiles> {
    use crate::texts::{pack, BODY, NAME, SUMMARY};
    std::thread::scope(|s| {
        let texts = s.spawn(|| (pack(docs, &[NAME, SUMMARY]), pack(docs, &[BODY])));
        let mut bundle = tantivy_bundle(docs)?;
        let (cards, bodies) = texts.join().expect("packing the texts does not panic");
        let bodies = bundle::pack_bodies(&[(bundle::BODIES.to_string(), bodies)]);
        let bodies_name = format!("bodies-{:016x}.pdtx", fnv64(&bodies));
        bundle.meta.bodies.clone_from(&bodies_name);
        bundle.files.push((bundle::TEXTS.to_string(), cards));
        Ok(IndexFiles { index: bundle::pack(&bundle), bodies, bodies_name })
    })
}

/// The tantivy index of `docs` as the files of a bundle, with the engine's
/// metadata.
fn tantivy_bundle(docs: &[IndexDoc]) -> Result<Bundle> {
    let langs = languages(docs);
    let schema = schema::build(&langs);
    // Files are read back from this directory itself: the index's managed
    // view returns them without their footers.
    let ram = RamDirectory::create();
    // The stored fields are not compressed here: the host compresses the
    // whole file (brotli, gzip), and plain text compresses far better
    // there than blocks lz4 has already packed.
    let settings =
        IndexSettings { docstore_compression: Compressor::None, ..IndexSettings::default() };
    let index = Index::create(ram.clone(), schema.clone(), settings)?;
    schema::register(index.tokenizers(), &langs);
    let mut writer: IndexWriter = index.writer_with_num_threads(1, 50_000_000)?;
    let fields = Fields::new(&schema, &langs);
    for (n, d) in docs.iter().enumerate() {
        writer.add_document(document(&fields, n, d))?;
    }
    writer.commit()?;
    let segments = index.searchable_segment_ids()?;
    if segments.len() > 1 {
        writer.merge(&segments).wait()?;
    }
    writer.wait_merging_threads()?;
    let topic_parents: BTreeSet<String> = docs
        .iter()
        .flat_map(|d| &d.topics)
        .map(|t| t.split('/').next().unwrap_or(t).to_string())
        .collect();
    let meta = Meta {
        languages: langs,
        places: places(docs),
        topic_parents: topic_parents.into_iter().collect(),
        bodies: String::new(),
    };
    Ok(Bundle { meta, files: files(&index, &ram)? })
}

fn hyphenated(id: &str) -> String {
    format!("{}-{}-{}-{}-{}", &id[..8], &id[8..12], &id[12..16], &id[16..20], &id[20..])
}

/// The files a reader needs, with the segment renamed to [`SEGMENT_ID`].
fn files(index: &Index, dir: &RamDirectory) -> Result<Vec<(String, Vec<u8>)>> {
    let metas = index.searchable_segment_metas()?;
    let mut meta_json = String::from_utf8(
        dir.atomic_read(Path::new("meta.json")).map_err(|e| crate::Error(e.to_string()))?,
    )
    .map_err(|e| crate::Error(e.to_string()))?;
    let mut out = Vec::new();
    for (i, meta) in metas.iter().enumerate() {
        let old = meta.id().uuid_string();
        let new = format!("{SEGMENT_ID}{i:04x}");
        // meta.json names the segment in the hyphenated form.
        meta_json = meta_json.replace(&hyphenated(&old), &hyphenated(&new));
        use tantivy::index::SegmentComponent as C;
        let components =
            [C::Postings, C::Positions, C::Terms, C::Store, C::FastFields, C::FieldNorms];
        for path in components.into_iter().map(|c| meta.relative_path(c)) {
            let Ok(slice) = dir.open_read(&path) else { continue };
            let bytes = slice.read_bytes().map_err(|e| crate::Error(e.to_string()))?;
            let name = path.to_string_lossy().replace(&old, &new);
            out.push((name, bytes.as_slice().to_vec()));
        }
    }
    out.push(("meta.json".to_string(), meta_json.into_bytes()));
    Ok(out)
}
