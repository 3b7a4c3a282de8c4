//! The texts of every listing (name, summary, body), kept once for showing
//! results, making snippets and checking "quoted phrases".
//!
//! The tantivy index keeps no positions and no stored copy of these texts:
//! both would hold the same words again, and the texts are most of what a
//! visitor downloads. Instead each text is a sequence of piece ids: the
//! text split into words (as the tokenizer splits it) and the runs between
//! them, each distinct piece once in a vocabulary per language, the most
//! frequent first so that most ids take one byte. A single space between
//! two words is left out and put back when the text is read.
//!
//! A phrase query first finds the listings that have all the phrase's
//! words in one text field (the index), then keeps those whose text has
//! the words in order ([`Texts::has_phrase`]), comparing the analyzed form
//! of each word, worked out once per vocabulary.
//!
//! A document has its original texts and those of each translation
//! (summary and body; no name), its versions. A hit shows the version in
//! the language of the page searched from, when there is one.
//!
//! Layout (LEB128 varints; strings as length and UTF-8 bytes): language
//! count, then per language its code, piece count and pieces; then document
//! count, and per document its number of versions (the original first),
//! and per version its language number and per text field the number of
//! pieces and their ids.

use crate::doc::IndexDoc;
use crate::schema;
use crate::varint::{self, Reader};
use crate::Result;
use foldhash::{HashMap, HashMapExt};
use std::sync::OnceLock;
use tantivy::tokenizer::TokenStream;

/// The text fields kept, in order: name, summary, body.
pub(crate) const FIELDS: usize = 3;
pub(crate) const NAME: usize = 0;
pub(crate) const SUMMARY: usize = 1;
pub(crate) const BODY: usize = 2;
#[cfg(test)]
const ALL: [usize; FIELDS] = [NAME, SUMMARY, BODY];

/// No analyzed form: a stop word or an over-long word.
const NONE: u32 = u32::MAX;
/// Not a word at all: the run between two words.
const BETWEEN: u32 = u32::MAX - 1;

fn is_word(piece: &str) -> bool {
    piece.chars().next().is_some_and(char::is_alphanumeric)
}

/// `text` as words and the runs between them, as tantivy's
/// `SimpleTokenizer` splits it (a word is a run of alphanumeric
/// characters), without the single spaces between two words.
fn stored_pieces(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    let mut after_word = false;
    std::iter::from_fn(move || loop {
        let first = rest.chars().next()?;
        let word = first.is_alphanumeric();
        let end = rest
            .char_indices()
            .find(|(_, c)| c.is_alphanumeric() != word)
            .map_or(rest.len(), |(i, _)| i);
        let piece = &rest[..end];
        rest = &rest[end..];
        let implicit = !word
            && piece == " "
            && after_word
            && rest.chars().next().is_some_and(char::is_alphanumeric);
        after_word = word;
        if !implicit {
            return Some(piece);
        }
    })
}

/// The texts of `docs` in the layout above; document `n` is `docs[n]`.
/// Only the `fields` given are kept, the others left empty: the names
/// and summaries go in the index file, the bodies in the bodies file
/// (see `bundle`).
pub(crate) fn pack(docs: &[IndexDoc], fields: &[usize]) -> Vec<u8> {
    let numbered = Numbered::new(docs, fields);
    let mut out = Vec::new();
    let renumber = numbered.put_vocabularies(&mut out);
    numbered.put_texts(&mut out, &renumber);
    out
}

/// A document's texts in one language: its language and its name,
/// summary and body.
type Version<'a> = (&'a str, [&'a str; FIELDS]);

/// The versions of a document: the original, then each translation.
fn versions(d: &IndexDoc) -> impl Iterator<Item = Version<'_>> {
    let original = (d.lang.as_str(), [d.name.as_str(), d.summary.as_str(), d.body.as_str()]);
    let translations =
        d.translations.iter().map(|t| (t.lang.as_str(), ["", t.summary.as_str(), t.body.as_str()]));
    std::iter::once(original).chain(translations)
}

/// The texts as piece numbers, each language's pieces numbered as first
/// seen and counted.
struct Numbered<'a> {
    langs: Vec<&'a str>,
    /// Per language: the pieces in the order first seen, with their counts.
    vocab: Vec<Vec<(&'a str, u64)>>,
    /// Per document, per version: its language's number and its texts.
    texts: Vec<Vec<(usize, [Vec<u32>; FIELDS])>>,
}

impl<'a> Numbered<'a> {
    fn new(docs: &'a [IndexDoc], fields: &[usize]) -> Numbered<'a> {
        let mut langs: Vec<&str> = docs.iter().flat_map(versions).map(|(lang, _)| lang).collect();
        langs.sort_unstable();
        langs.dedup();
        let mut seen: Vec<HashMap<&str, u32>> = (0..langs.len()).map(|_| HashMap::new()).collect();
        let mut vocab: Vec<Vec<(&str, u64)>> = vec![Vec::new(); langs.len()];
        let mut texts = Vec::with_capacity(docs.len());
        for d in docs {
            let mut numbered = Vec::new();
            for (lang, texts) in versions(d) {
                let b = langs.binary_search(&lang).expect("every language is listed");
                let mut number = |field: usize| -> Vec<u32> {
                    if !fields.contains(&field) {
                        return Vec::new();
                    }
                    stored_pieces(texts[field])
                        .map(|p| {
                            let id = *seen[b].entry(p).or_insert_with(|| {
                                vocab[b].push((p, 0));
                                vocab[b].len() as u32 - 1
                            });
                            vocab[b][id as usize].1 += 1;
                            id
                        })
                        .collect()
                };
                numbered.push((b, [number(NAME), number(SUMMARY), number(BODY)]));
            }
            texts.push(numbered);
        }
        Numbered { langs, vocab, texts }
    }

    /// Writes each language's vocabulary, the most frequent pieces first,
    /// and returns each language's new number for every piece.
    fn put_vocabularies(&self, out: &mut Vec<u8>) -> Vec<Vec<u64>> {
        varint::put(out, self.langs.len() as u64);
        let mut renumber = Vec::with_capacity(self.langs.len());
        for (lang, pieces) in self.langs.iter().zip(&self.vocab) {
            let mut order: Vec<usize> = (0..pieces.len()).collect();
            order.sort_unstable_by(|a, b| {
                pieces[*b].1.cmp(&pieces[*a].1).then(pieces[*a].0.cmp(pieces[*b].0))
            });
            varint::put_str(out, lang);
            varint::put(out, pieces.len() as u64);
            let mut new = vec![0; pieces.len()];
            for (rank, old) in order.into_iter().enumerate() {
                varint::put_str(out, pieces[old].0);
                new[old] = rank as u64;
            }
            renumber.push(new);
        }
        renumber
    }

    /// Writes every document's texts with the pieces' new numbers.
    fn put_texts(&self, out: &mut Vec<u8>, renumber: &[Vec<u64>]) {
        varint::put(out, self.texts.len() as u64);
        for versions in &self.texts {
            varint::put(out, versions.len() as u64);
            for (b, fields) in versions {
                varint::put(out, *b as u64);
                for f in fields {
                    varint::put(out, f.len() as u64);
                    for id in f {
                        varint::put(out, renumber[*b][*id as usize]);
                    }
                }
            }
        }
    }
}

/// The analyzed form of every word piece of a language, worked out once.
struct Analyzed {
    /// Per piece, the number of its analyzed form, [`NONE`] or [`BETWEEN`].
    of_piece: Vec<u32>,
    terms: Vec<String>,
    by_term: HashMap<String, u32>,
}

/// The pieces of one language.
struct Block {
    lang: String,
    pieces: Vec<String>,
    analyzed: OnceLock<Analyzed>,
}

impl Block {
    fn analyzed(&self) -> &Analyzed {
        self.analyzed.get_or_init(|| {
            let mut analyzer = schema::analyzer(&self.lang);
            let mut by_term: HashMap<String, u32> = HashMap::new();
            let mut terms = Vec::new();
            let of_piece = self
                .pieces
                .iter()
                .map(|p| {
                    if !is_word(p) {
                        return BETWEEN;
                    }
                    let mut stream = analyzer.token_stream(p);
                    if !stream.advance() {
                        return NONE;
                    }
                    let term = &stream.token().text;
                    if let Some(id) = by_term.get(term) {
                        return *id;
                    }
                    let id = terms.len() as u32;
                    terms.push(term.clone());
                    by_term.insert(term.clone(), id);
                    id
                })
                .collect();
            Analyzed { of_piece, terms, by_term }
        })
    }
}

/// Where the pieces of a version of a document are.
struct DocTexts {
    block: usize,
    fields: [std::ops::Range<usize>; FIELDS],
}

/// A version of a document's texts (see [`Texts::version`]).
#[derive(Debug, Clone, Copy)]
pub(crate) struct VersionId(usize);

/// A phrase to look for, per language: each word's place in the phrase and
/// analyzed form; `None` where the language has a word of the phrase in no
/// text.
pub(crate) struct Phrase(Vec<Option<Vec<(usize, u32)>>>);

/// A word of a text: its byte range in the text and its analyzed form.
pub(crate) struct Word<'t> {
    pub from: usize,
    pub to: usize,
    pub analyzed: Option<&'t str>,
}

/// The texts of an index, ready to read.
pub(crate) struct Texts {
    blocks: Vec<Block>,
    /// Per document, its versions in `versions`, the original first.
    docs: Vec<std::ops::Range<usize>>,
    versions: Vec<DocTexts>,
    ids: Vec<u32>,
}

impl Texts {
    pub(crate) fn unpack(bytes: &[u8]) -> Result<Texts> {
        let mut r = Reader::new(bytes, "the texts of the index");
        let mut blocks = Vec::new();
        for _ in 0..r.count()? {
            let lang = r.string()?;
            let pieces = (0..r.count()?).map(|_| r.string()).collect::<Result<Vec<_>>>()?;
            blocks.push(Block { lang, pieces, analyzed: OnceLock::new() });
        }
        let mut docs = Vec::new();
        let mut versions = Vec::new();
        let mut ids = Vec::new();
        for _ in 0..r.count()? {
            let first = versions.len();
            let count = r.count()?;
            if count == 0 {
                return Err(r.error("a document without its original texts"));
            }
            for _ in 0..count {
                let block = r.below(blocks.len())?;
                let mut field = || -> Result<std::ops::Range<usize>> {
                    let start = ids.len();
                    for _ in 0..r.count()? {
                        ids.push(r.below(blocks[block].pieces.len())? as u32);
                    }
                    Ok(start..ids.len())
                };
                let fields = [field()?, field()?, field()?];
                versions.push(DocTexts { block, fields });
            }
            docs.push(first..versions.len());
        }
        r.finish()?;
        Ok(Texts { blocks, docs, versions, ids })
    }

    /// How many documents it has.
    pub(crate) fn len(&self) -> usize {
        self.docs.len()
    }

    /// How many versions each document has, in order: a file of bodies
    /// must have the same as the index's texts.
    pub(crate) fn shape(&self) -> impl Iterator<Item = usize> + '_ {
        self.docs.iter().map(|d| d.len())
    }

    /// Where document `n`'s versions are in `versions`, the original
    /// first, when it has a document `n`.
    fn versions_of(&self, n: u64) -> Option<std::ops::Range<usize>> {
        usize::try_from(n).ok().and_then(|n| self.docs.get(n)).cloned()
    }

    /// Document `n`'s texts in `lang` when it has them, else the original.
    /// A file of bodies of the same shape numbers its versions alike, so
    /// the same id reads the bodies of that version.
    pub(crate) fn version(&self, n: u64, lang: &str) -> VersionId {
        let Some(range) = self.versions_of(n) else { return VersionId(usize::MAX) };
        let translated =
            range.clone().skip(1).find(|v| self.blocks[self.versions[*v].block].lang == lang);
        VersionId(translated.unwrap_or(range.start))
    }

    /// Document `n`'s original texts.
    pub(crate) fn original(&self, n: u64) -> VersionId {
        VersionId(self.versions_of(n).map_or(usize::MAX, |range| range.start))
    }

    /// The language of a version's texts.
    pub(crate) fn lang(&self, v: VersionId) -> &str {
        self.doc(v).map_or("", |d| &self.blocks[d.block].lang)
    }

    fn doc(&self, v: VersionId) -> Option<&DocTexts> {
        self.versions.get(v.0)
    }

    /// The text of `field` of a version, as it was indexed.
    pub(crate) fn text(&self, v: VersionId, field: usize) -> String {
        let Some(d) = self.doc(v) else { return String::new() };
        let pieces = &self.blocks[d.block].pieces;
        let mut out = String::new();
        let mut after_word = false;
        for &id in &self.ids[d.fields[field].clone()] {
            let p = &pieces[id as usize];
            let word = is_word(p);
            if word && after_word {
                out.push(' ');
            }
            out.push_str(p);
            after_word = word;
        }
        out
    }

    /// The words of [`Texts::text`] with their analyzed forms.
    pub(crate) fn words(&self, v: VersionId, field: usize) -> Vec<Word<'_>> {
        let Some(d) = self.doc(v) else { return Vec::new() };
        let block = &self.blocks[d.block];
        let analyzed = block.analyzed();
        let mut out = Vec::new();
        let (mut at, mut after_word) = (0, false);
        for &id in &self.ids[d.fields[field].clone()] {
            let p = &block.pieces[id as usize];
            let word = is_word(p);
            if word && after_word {
                at += 1;
            }
            if word {
                let term = analyzed.of_piece[id as usize];
                out.push(Word {
                    from: at,
                    to: at + p.len(),
                    analyzed: analyzed.terms.get(term as usize).map(String::as_str),
                });
            }
            at += p.len();
            after_word = word;
        }
        out
    }

    /// `tokens` (place in the phrase, analyzed word) in each language,
    /// analyzed by `analyze(language)`.
    pub(crate) fn phrase(&self, analyze: impl Fn(&str) -> Vec<(usize, String)>) -> Phrase {
        Phrase(
            self.blocks
                .iter()
                .map(|b| {
                    let by_term = &b.analyzed().by_term;
                    analyze(&b.lang)
                        .into_iter()
                        .map(|(pos, t)| by_term.get(&t).map(|id| (pos, *id)))
                        .collect::<Option<Vec<_>>>()
                })
                .collect(),
        )
    }

    /// Whether one of document `n`'s texts, in any version, has the words
    /// of `phrase` in order.
    pub(crate) fn has_phrase(&self, n: u64, phrase: &Phrase) -> bool {
        let Some(range) = self.versions_of(n) else { return false };
        self.versions[range].iter().any(|d| {
            let Some(Some(wanted)) = phrase.0.get(d.block) else { return false };
            let of_piece = &self.blocks[d.block].analyzed().of_piece;
            WORDS.with_borrow_mut(|words| {
                d.fields.iter().any(|range| {
                    has_words(
                        self.ids[range.clone()].iter().map(|id| of_piece[*id as usize]),
                        wanted,
                        words,
                    )
                })
            })
        })
    }
}

thread_local! {
    /// The last words [`has_words`] has seen, kept from text to text.
    static WORDS: std::cell::RefCell<Vec<u32>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Whether the analyzed `pieces` of a text (words and the runs between
/// them) hold the `wanted` words at their places from some word on. The
/// last words seen are kept in `ring` (a power of two long, at least as
/// long as the phrase).
fn has_words(
    pieces: impl Iterator<Item = u32>,
    wanted: &[(usize, u32)],
    ring: &mut Vec<u32>,
) -> bool {
    let Some(&(first_at, first)) = wanted.iter().min_by_key(|(pos, _)| *pos) else { return false };
    let span = wanted.iter().map(|(pos, _)| pos + 1).max().unwrap_or(0);
    ring.clear();
    ring.resize(span.next_power_of_two(), BETWEEN);
    let mask = ring.len() - 1;
    let mut seen = 0;
    for term in pieces.filter(|t| *t != BETWEEN) {
        ring[seen & mask] = term;
        seen += 1;
        // The word `seen - span` starts a run of `span` words: the phrase?
        if seen >= span {
            let start = seen - span;
            if ring[(start + first_at) & mask] == first
                && wanted.iter().all(|(pos, t)| ring[(start + pos) & mask] == *t)
            {
                return true;
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(lang: &str, name: &str, summary: &str, body: &str) -> IndexDoc {
        IndexDoc {
            lang: lang.into(),
            name: name.into(),
            summary: summary.into(),
            body: body.into(),
            ..Default::default()
        }
    }

    #[test]
    fn texts_read_back_exactly() {
        let docs = vec![
            doc("nl", "Anna de Vries", "Hulp bij  alcohol, en drugs.", " Ik luister. Écht!\n"),
            doc("en", "Zoë", "", "re-integration: work & housing"),
            doc("nl", "", "", ""),
        ];
        let texts = Texts::unpack(&pack(&docs, &ALL)).unwrap();
        for (n, d) in docs.iter().enumerate() {
            let n = texts.version(n as u64, "nl");
            assert_eq!(
                (texts.text(n, NAME), texts.text(n, SUMMARY), texts.text(n, BODY)),
                (d.name.clone(), d.summary.clone(), d.body.clone())
            );
        }
        assert_eq!(texts.text(texts.version(9, "nl"), NAME), "");
        let words: Vec<(&str, Option<&str>)> = texts
            .words(texts.version(0, "nl"), SUMMARY)
            .iter()
            .map(|w| (&docs[0].summary[w.from..w.to], w.analyzed))
            .collect();
        assert_eq!(
            words,
            [
                ("Hulp", Some("hulp")),
                ("bij", None),
                ("alcohol", Some("alcohol")),
                ("en", None),
                ("drugs", Some("drug"))
            ]
        );
    }

    /// A document's translations are versions of its texts: a hit shows
    /// the one in the page's language, else the original, and a phrase is
    /// found in any of them.
    #[test]
    fn each_translation_is_a_version_of_the_texts() {
        let mut d = doc("nl", "Ahmet", "Hulp bij gokken", "Ik luister.");
        d.translations = vec![
            crate::Translated {
                lang: "tr".into(),
                summary: "Kumar bağımlılığında yardım".into(),
                body: "Dinliyorum.".into(),
            },
            crate::Translated {
                lang: "en".into(),
                summary: "Help with gambling".into(),
                body: String::new(),
            },
        ];
        let texts = Texts::unpack(&pack(&[d, doc("nl", "Sam", "Hulp", "")], &ALL)).unwrap();
        assert_eq!(texts.shape().collect::<Vec<_>>(), [3, 1]);
        let tr = texts.version(0, "tr");
        assert_eq!(
            (texts.lang(tr), texts.text(tr, SUMMARY)),
            ("tr", "Kumar bağımlılığında yardım".into())
        );
        assert_eq!(texts.text(tr, BODY), "Dinliyorum.");
        assert_eq!(texts.text(tr, NAME), "", "a name is not translated");
        let en = texts.version(0, "en");
        assert_eq!(
            (texts.text(en, SUMMARY), texts.text(en, BODY)),
            ("Help with gambling".into(), String::new())
        );
        for lang in ["nl", "pl"] {
            let v = texts.version(0, lang);
            assert_eq!((texts.lang(v), texts.text(v, SUMMARY)), ("nl", "Hulp bij gokken".into()));
        }
        assert_eq!(texts.lang(texts.version(1, "tr")), "nl");
        let phrase = texts.phrase(|lang| {
            let mut a = schema::analyzer(lang);
            let mut s = a.token_stream("help with gambling");
            let mut out = Vec::new();
            while s.advance() {
                out.push((s.token().position, s.token().text.clone()));
            }
            out
        });
        assert!(texts.has_phrase(0, &phrase) && !texts.has_phrase(1, &phrase));
    }

    #[test]
    fn pieces_split_as_the_tokenizer_does() {
        use tantivy::tokenizer::{SimpleTokenizer, Tokenizer};
        for text in [
            "Zoë's re-integratie: 2x per week!",
            "  twee  spaties ",
            "één",
            "",
            "a",
            "...",
            "x1y2 z",
            "日本語 テキスト",
        ] {
            let words: Vec<&str> = stored_pieces(text).filter(|p| is_word(p)).collect();
            let mut tokenizer = SimpleTokenizer::default();
            let mut stream = tokenizer.token_stream(text);
            let mut expected = Vec::new();
            while stream.advance() {
                expected.push(stream.token().text.clone());
            }
            assert_eq!(words, expected, "{text:?}");
        }
        assert_eq!(
            stored_pieces("a b  c, d").collect::<Vec<_>>(),
            ["a", "b", "  ", "c", ", ", "d"]
        );
        assert_eq!(
            stored_pieces("één—ß2 ça, 東京 x").collect::<Vec<_>>(),
            ["één", "—", "ß2", "ça", ", ", "東京", "x"]
        );
    }

    #[test]
    fn phrases_are_words_in_order_in_one_text() {
        let docs = vec![
            doc("nl", "Sam", "Stoppen met drinken", "Over gokken."),
            doc("nl", "Stoppen", "drinken", ""),
        ];
        let texts = Texts::unpack(&pack(&docs, &ALL)).unwrap();
        fn analyze(text: &str) -> impl Fn(&str) -> Vec<(usize, String)> + '_ {
            move |lang: &str| {
                let mut a = schema::analyzer(lang);
                let mut s = a.token_stream(text);
                let mut out = Vec::new();
                while s.advance() {
                    out.push((s.token().position, s.token().text.clone()));
                }
                out
            }
        }
        let phrase = texts.phrase(analyze("stoppen met drinken"));
        assert!(texts.has_phrase(0, &phrase));
        assert!(!texts.has_phrase(1, &phrase), "the words are in two texts");
        assert!(
            !texts.has_phrase(0, &texts.phrase(analyze("drinken stoppen"))),
            "the words are out of order"
        );
        assert!(
            !texts.has_phrase(0, &texts.phrase(analyze("stoppen met roken"))),
            "roken is in no text"
        );
    }

    #[test]
    fn words_in_order_with_gaps() {
        let (a, b, x, stop) = (1, 2, 3, NONE);
        let found = |pieces: &[u32], wanted: &[(usize, u32)]| {
            has_words(pieces.iter().copied(), wanted, &mut Vec::new())
        };
        assert!(
            found(&[x, BETWEEN, a, BETWEEN, stop, BETWEEN, b], &[(0, a), (2, b)]),
            "a stop word keeps its place"
        );
        assert!(!found(&[a, BETWEEN, x, BETWEEN, stop, b], &[(0, a), (2, b)]));
        assert!(!found(&[a, BETWEEN, b], &[(0, a), (2, b)]), "the runs between words are no words");
        assert!(found(&[stop, a], &[(1, a)]), "a phrase starting with a stop word");
        assert!(!found(&[b, a], &[(0, a), (1, b)]));
        assert!(!found(&[], &[]));
    }

    #[test]
    fn garbage_is_an_error() {
        let bytes = pack(&[doc("nl", "Anna", "Hulp", "Tekst")], &ALL);
        for cut in 0..bytes.len() {
            assert!(Texts::unpack(&bytes[..cut]).is_err());
        }
        assert!(
            Texts::unpack(&[1, 0, 0, 1, 1, 5, 0, 0, 0]).is_err(),
            "a document in a language that is not there"
        );
        assert!(Texts::unpack(&[1, 0, 0, 1, 1, 0, 0, 0, 0]).is_ok());
        assert!(Texts::unpack(&[1, 0, 0, 1, 0]).is_err(), "a document without its texts");
        assert!(Texts::unpack(&[0xff; 12]).is_err());
    }
}
