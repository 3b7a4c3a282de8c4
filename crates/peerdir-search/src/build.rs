//! Builds the index files from documents. The result is byte-for-byte the
//! same for the same documents: one indexing thread, documents in the order
//! given into one segment, and tantivy's random segment id replaced by a
//! fixed one.

use crate::bundle::{self, Bundle, KnownPlace, Meta};
use crate::doc::IndexDoc;
use crate::schema::{self, field, text_field, PLACES, TEXT_FIELDS};
use crate::Result;
use peerdir_shared::hash::fnv64;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use tantivy::directory::RamDirectory;
use tantivy::schema::{Field, Schema};
use tantivy::{Directory, Index, IndexSettings, IndexWriter, TantivyDocument};

/// The segment id of every built index, so builds are reproducible.
const SEGMENT_ID: &str = "70656572646972000000000000000000";

/// Languages the schema needs: those of the texts and of the labels.
fn languages(docs: &[IndexDoc]) -> Vec<String> {
    let mut set: BTreeSet<String> = docs.iter().map(|d| d.lang.clone()).collect();
    for d in docs {
        set.extend(d.translations.iter().map(|t| t.lang.clone()));
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

/// The schema's fields, looked up by name once per build rather than for
/// every value of every document.
struct Fields {
    /// The text fields of each language, in [`TEXT_FIELDS`] order.
    texts: Vec<(String, Vec<Field>)>,
    places: Field,
}

impl Fields {
    fn new(schema: &Schema, langs: &[String]) -> Fields {
        let texts = langs
            .iter()
            .map(|l| {
                (
                    l.clone(),
                    TEXT_FIELDS.iter().map(|(n, _)| field(schema, &text_field(l, n))).collect(),
                )
            })
            .collect();
        Fields { texts, places: field(schema, PLACES.0) }
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

/// The tantivy document of `d`: its words.
fn document(fields: &Fields, d: &IndexDoc) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    let text = |doc: &mut TantivyDocument, lang: &str, name: &str, value: &str| {
        if !value.is_empty() {
            doc.add_text(fields.text(lang, name), value);
        }
    };
    text(&mut doc, &d.lang, "name", &d.name);
    text(&mut doc, &d.lang, "summary", &d.summary);
    text(&mut doc, &d.lang, "body", &d.body);
    text(&mut doc, &d.lang, "org", &d.organization);
    for t in &d.translations {
        text(&mut doc, &t.lang, "summary", &t.summary);
        text(&mut doc, &t.lang, "body", &t.body);
    }
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
    }
    doc
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

/// Builds the index files for `docs`. The texts and the listings' rows are
/// packed on a thread of their own while tantivy indexes: names,
/// summaries and rows into the index, bodies into the bodies file.
pub fn build_index(docs: &[IndexDoc]) -> Result<IndexFiles> {
    use crate::texts::{pack, BODY, NAME, SUMMARY};
    std::thread::scope(|s| {
        let tables = s.spawn(|| {
            (pack(docs, &[NAME, SUMMARY]), crate::listings::pack(docs), pack(docs, &[BODY]))
        });
        let mut bundle = tantivy_bundle(docs)?;
        let (cards, listings, bodies) = tables.join().expect("packing the tables does not panic");
        let bodies = bundle::pack_bodies(&[(bundle::BODIES.to_string(), bodies)]);
        let bodies_name = format!("bodies-{:016x}.pdtx", fnv64(&bodies));
        bundle.meta.bodies.clone_from(&bodies_name);
        bundle.files.push((bundle::TEXTS.to_string(), cards));
        bundle.files.push((bundle::LISTINGS.to_string(), listings));
        Ok(IndexFiles { index: bundle::pack(&bundle), bodies, bodies_name })
    })
}

/// The most memory tantivy may use to index (nearly its most), taken as
/// needed. It writes a segment whenever it has used this much; one segment keeps listing `n` at document `n`,
/// and no directory a browser can download comes near it.
const INDEXING_MEMORY: usize = 4_000_000_000;

/// The tantivy index of `docs` as the files of a bundle, with the engine's
/// metadata.
fn tantivy_bundle(docs: &[IndexDoc]) -> Result<Bundle> {
    let langs = languages(docs);
    let schema = schema::build(&langs);
    // Files are read back from this directory itself: the index's managed
    // view returns them without their footers.
    let ram = RamDirectory::create();
    let index = Index::create(ram.clone(), schema.clone(), IndexSettings::default())?;
    schema::register(index.tokenizers(), &langs);
    let mut writer: IndexWriter = index.writer_with_num_threads(1, INDEXING_MEMORY)?;
    let fields = Fields::new(&schema, &langs);
    for d in docs {
        writer.add_document(document(&fields, d))?;
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    if index.searchable_segment_ids()?.len() > 1 {
        return Err(crate::Error(format!(
            "{} listings are more than one search index can hold",
            docs.len()
        )));
    }
    let meta = Meta { languages: langs, places: places(docs), bodies: String::new() };
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
    for meta in &metas {
        let old = meta.id().uuid_string();
        // meta.json names the segment in the hyphenated form.
        meta_json = meta_json.replace(&hyphenated(&old), &hyphenated(SEGMENT_ID));
        use tantivy::index::SegmentComponent as C;
        let components =
            [C::Postings, C::Positions, C::Terms, C::Store, C::FastFields, C::FieldNorms];
        for path in components.into_iter().map(|c| meta.relative_path(c)) {
            let Ok(slice) = dir.open_read(&path) else { continue };
            let bytes = slice.read_bytes().map_err(|e| crate::Error(e.to_string()))?;
            let name = path.to_string_lossy().replace(&old, SEGMENT_ID);
            out.push((name, bytes.as_slice().to_vec()));
        }
    }
    out.push(("meta.json".to_string(), meta_json.into_bytes()));
    Ok(out)
}
