//! Answers queries against an index file: BM25 with field boosts, one-edit
//! typo tolerance for words of five letters or more (exact matches score
//! higher), "quoted phrases", facet filters and counts, ordering by distance
//! from a known place or by the next session, filters on the day and time
//! of sessions, listings visitors cannot turn to now (full, closed, ended)
//! after the others, and snippets with the matched words highlighted.

use crate::bundle::{self, KnownPlace, Meta};
use crate::geo::distance_km;
use crate::listings::{Listing, Listings, STATUS, TYPE};
use crate::schema::{self, field, text_field, FACETS, PHRASE_FIELDS, PLACES, TEXT_FIELDS};
use crate::sessions::{Clock, Daypart, Days, Slot};
use crate::texts::{self, Phrase, Texts, Word};
use crate::{Error, Result};
use peerdir_shared::html::{escaped, push_escaped};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;
use tantivy::directory::RamDirectory;
use tantivy::query::{
    AutomatonWeight, BooleanQuery, BoostQuery, DfaWrapper, EnableScoring, FuzzyTermQuery, Occur,
    Query, TermQuery,
};
use tantivy::schema::{IndexRecordOption, Schema};
use tantivy::tokenizer::TokenStream;
use tantivy::{DocId, Index, IndexReader, ReloadPolicy, Score, Term};

/// Most characters of a query that are searched: a long question fits, a
/// pasted page does not. Every word costs an automaton and a clause per
/// field and language, so an unbounded query (a crafted link's `?q=`)
/// could freeze a phone.
pub const MAX_QUERY_CHARS: usize = 200;
/// Most words of a query that are searched, words of phrases included.
pub const MAX_QUERY_WORDS: usize = 10;
/// Most filters and most characters of a place or filter value.
const MAX_FILTERS: usize = 64;
const MAX_VALUE_CHARS: usize = 100;

/// Words shorter than this must match exactly.
const FUZZY_MIN_CHARS: usize = 5;
/// An exact match weighs this much more than a one-edit match.
const EXACT_BOOST: f32 = 2.0;
const SNIPPET_CHARS: usize = 160;

/// A visitor's query.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SearchRequest {
    /// Words and "quoted phrases".
    pub q: String,
    /// Facet filters. Filters on one facet are alternatives; on different
    /// facets all must hold.
    pub filters: Vec<Filter>,
    /// A place name; when known, results are ordered by distance from it.
    pub near: Option<String>,
    /// The most hits to return (at most the number of listings).
    pub limit: usize,
    /// How many of the best hits to skip, for further pages.
    pub offset: usize,
    /// The visitor's day and time in the site's time zone, for the `day`
    /// filter, `upcoming` and "in progress now".
    pub clock: Option<Clock>,
    /// Order by the next session (soonest first) instead of by match.
    pub upcoming: bool,
    /// The language of the page searched from: a hit shows a listing's
    /// summary and snippet in it when the listing has them.
    pub lang: String,
}

/// A field a query word is matched against, with its weight and the
/// language whose analysis it takes (none for places).
struct WordField {
    name: String,
    boost: f32,
    lang: String,
}

/// One facet filter: `{"facet": "topic", "value": "addiction/alcohol"}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Filter {
    /// One of [`crate::schema::FACETS`].
    pub facet: String,
    /// The value: a topic key, a region, a language code...
    pub value: String,
}

impl Filter {
    /// The filter `facet` = `value`.
    pub fn new(facet: &str, value: &str) -> Filter {
        Filter { facet: facet.to_string(), value: value.to_string() }
    }
}

/// A listing that answers the request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    /// The listing's page, relative to the site root.
    pub url: String,
    /// The listing's name.
    pub name: String,
    /// Its summary.
    pub summary: String,
    /// `specialist` or `program`.
    pub kind: String,
    /// The language of its texts.
    pub lang: String,
    /// tantivy's score: higher is a better match.
    pub score: f32,
    /// An excerpt with the matched words in `<b>`, HTML-escaped otherwise;
    /// empty until the bodies have arrived ([`Engine::add_bodies`]).
    pub snippet: String,
    /// How far its nearest place is from `near`, when asked and known.
    pub distance_km: Option<f64>,
    /// `open`, `waiting-list`, `full`, `temporarily-closed` or `ended`.
    pub status: String,
    /// Minutes from the request's clock to its next session, when it has
    /// one.
    pub next_in_minutes: Option<u32>,
    /// One of its sessions is under way at the request's clock.
    pub in_progress: bool,
}

/// How many listings answering the request have one facet value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FacetCount {
    /// The value (`addiction/alcohol`, `Utrecht`).
    pub value: String,
    /// The number of listings.
    pub count: u64,
}

/// The answer to a [`SearchRequest`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SearchResponse {
    /// How many listings answer, in all pages.
    pub total: usize,
    /// The page of them asked for, best first (or nearest first).
    pub hits: Vec<Hit>,
    /// Counts per facet value for the query and filters.
    pub facets: BTreeMap<String, Vec<FacetCount>>,
    /// The place `near` was resolved to.
    pub near: Option<KnownPlace>,
    /// The query was longer than [`MAX_QUERY_CHARS`] or
    /// [`MAX_QUERY_WORDS`], and only its beginning was searched.
    #[serde(default)]
    pub shortened: bool,
}

/// An opened index, ready for queries.
pub struct Engine {
    index: Index,
    reader: IndexReader,
    schema: Schema,
    meta: Meta,
    /// `meta.places` names folded as queries are, computed once.
    folded_places: Vec<String>,
    /// The listings' names and summaries.
    texts: Arc<Texts>,
    /// Their bodies, once they have arrived (the bodies file).
    bodies: Option<Arc<Texts>>,
    /// Their pages, facet values, places and sessions.
    listings: Listings,
}

/// A phrase whose words' order is confirmed in the texts: in the names and
/// summaries, and in the bodies once they have arrived.
struct PhraseCheck(Vec<(Arc<Texts>, Phrase)>);

impl PhraseCheck {
    fn holds(&self, n: u32) -> bool {
        self.0.iter().any(|(texts, phrase)| texts.has_phrase(u64::from(n), phrase))
    }
}

/// The first `max` characters of `s`.
fn first_chars(s: &str, max: usize) -> &str {
    s.char_indices().nth(max).map_or(s, |(i, _)| &s[..i])
}

/// Text split into words and "phrases": at most [`MAX_QUERY_WORDS`] words
/// in all, from the first [`MAX_QUERY_CHARS`] characters. True when some of
/// the query was left out.
fn split_query(q: &str) -> (Vec<String>, Vec<String>, bool) {
    let text = first_chars(q, MAX_QUERY_CHARS);
    let mut shortened = text.len() < q.len();
    let (mut words, mut phrases, mut left) = (Vec::new(), Vec::new(), MAX_QUERY_WORDS);
    for (i, part) in text.split('"').enumerate() {
        let mut taken: Vec<&str> = part.split_whitespace().collect();
        if taken.len() > left {
            taken.truncate(left);
            shortened = true;
        }
        left -= taken.len();
        if i % 2 == 1 && !taken.is_empty() {
            phrases.push(taken.join(" "));
        } else if i % 2 == 0 {
            words.extend(taken.into_iter().map(str::to_string));
        }
    }
    (words, phrases, shortened)
}

/// Lowercase, ASCII-folded form for comparing place names.
fn fold(s: &str) -> String {
    let mut a = schema::analyzer("");
    let mut stream = a.token_stream(s);
    let mut out = Vec::new();
    while stream.advance() {
        out.push(stream.token().text.clone());
    }
    out.join(" ")
}

impl Engine {
    /// Opens an index file (as written by [`crate::build_index`]); its
    /// bodies file is added with [`Engine::add_bodies`].
    pub fn open(bytes: &[u8]) -> Result<Engine> {
        let bundle = bundle::unpack(bytes)?;
        let dir = RamDirectory::create();
        let (mut texts, mut listings) = (None, None);
        for (name, data) in &bundle.files {
            match name.as_str() {
                bundle::TEXTS => texts = Some(Texts::unpack(data)?),
                bundle::LISTINGS => listings = Some(Listings::unpack(data)?),
                _ => tantivy::Directory::atomic_write(&dir, Path::new(name), data)
                    .map_err(|e| Error(e.to_string()))?,
            }
        }
        let texts = Arc::new(texts.ok_or_else(|| Error("the index has no texts".into()))?);
        let listings = listings.ok_or_else(|| Error("the index has no listings".into()))?;
        let index = Index::open(dir)?;
        schema::register(index.tokenizers(), &bundle.meta.languages);
        let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
        let searcher = reader.searcher();
        // Listing n is document n of the index's one segment.
        if searcher.segment_readers().len() > 1
            || searcher.num_docs() != listings.len() as u64
            || texts.len() != listings.len()
        {
            return Err(Error("the parts of the index file do not match".into()));
        }
        let schema = index.schema();
        let folded_places = bundle.meta.places.iter().map(|p| fold(&p.name)).collect();
        Ok(Engine {
            index,
            reader,
            schema,
            meta: bundle.meta,
            folded_places,
            texts,
            bodies: None,
            listings,
        })
    }

    /// Adds the listings' bodies (the bodies file's bytes). Until then
    /// results have no snippets, and phrases of several words cannot be
    /// searched.
    pub fn add_bodies(&mut self, bytes: &[u8]) -> Result<()> {
        let files = bundle::unpack_bodies(bytes)?;
        let (_, data) = files
            .iter()
            .find(|(name, _)| name == bundle::BODIES)
            .ok_or_else(|| Error("the index has no bodies".into()))?;
        let bodies = Texts::unpack(data)?;
        if !bodies.shape().eq(self.texts.shape()) {
            return Err(Error("the bodies file is not this index's".into()));
        }
        self.bodies = Some(Arc::new(bodies));
        Ok(())
    }

    /// Whether the bodies have been added.
    pub fn has_bodies(&self) -> bool {
        self.bodies.is_some()
    }

    /// The texts at hand: names and summaries, and bodies once added.
    fn parts(&self) -> impl Iterator<Item = &Arc<Texts>> {
        std::iter::once(&self.texts).chain(self.bodies.as_ref())
    }

    /// What the index knows beside its documents: languages and places.
    pub fn meta(&self) -> &Meta {
        &self.meta
    }

    /// Analyzed tokens of `text` for a language, with positions.
    fn tokens(&self, lang: &str, text: &str) -> Vec<(usize, String)> {
        let mut analyzer = self
            .index
            .tokenizers()
            .get(&schema::analyzer_name(lang))
            .unwrap_or_else(|| schema::analyzer(lang));
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            out.push((stream.token().position, stream.token().text.clone()));
        }
        out
    }

    /// Every field a query word is matched against.
    fn fields(&self) -> Vec<WordField> {
        let mut out = Vec::new();
        for lang in &self.meta.languages {
            for (name, boost) in TEXT_FIELDS {
                out.push(WordField {
                    name: text_field(lang, name),
                    boost: *boost,
                    lang: lang.clone(),
                });
            }
        }
        out.push(WordField { name: PLACES.0.to_string(), boost: PLACES.1, lang: String::new() });
        out
    }

    /// The query for one word: any field, exact or (for long words) one edit off.
    fn word_query(&self, word: &str) -> Option<Box<dyn Query>> {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        // A word's fields share the automaton of each of its forms.
        let mut automata: BTreeMap<String, Arc<DfaWrapper>> = BTreeMap::new();
        for WordField { name, boost, lang } in self.fields() {
            let f = field(&self.schema, &name);
            for (_, token) in self.tokens(&lang, word) {
                let term = Term::from_field_text(f, &token);
                let exact = TermQuery::new(term.clone(), IndexRecordOption::WithFreqs);
                clauses.push((
                    Occur::Should,
                    Box::new(BoostQuery::new(Box::new(exact), boost * EXACT_BOOST)),
                ));
                if token.chars().count() >= FUZZY_MIN_CHARS {
                    let automaton = match automata.get(&token) {
                        Some(a) => Arc::clone(a),
                        None => {
                            let Ok(a) = FuzzyTermQuery::new(term, 1, true).automaton() else {
                                continue;
                            };
                            Arc::clone(automata.entry(token).or_insert(Arc::new(a)))
                        }
                    };
                    clauses.push((
                        Occur::Should,
                        Box::new(BoostQuery::new(Box::new(OneEdit { field: f, automaton }), boost)),
                    ));
                }
            }
        }
        (!clauses.is_empty()).then(|| Box::new(BooleanQuery::new(clauses)) as Box<dyn Query>)
    }

    /// The query for a phrase: all its words in one of the phrase fields.
    /// Whether they are in order is checked against the texts; the phrase
    /// to check is returned beside the query when it has several words.
    fn phrase_query(&self, phrase: &str) -> Option<(Box<dyn Query>, Option<PhraseCheck>)> {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut words = 0;
        for lang in &self.meta.languages {
            let tokens = self.tokens(lang, phrase);
            words = words.max(tokens.len());
            for (name, boost) in TEXT_FIELDS.iter().filter(|(n, _)| PHRASE_FIELDS.contains(n)) {
                let f = field(&self.schema, &text_field(lang, name));
                let all: Vec<(Occur, Box<dyn Query>)> = tokens
                    .iter()
                    .map(|(_, t)| {
                        (
                            Occur::Must,
                            Box::new(TermQuery::new(
                                Term::from_field_text(f, t),
                                IndexRecordOption::WithFreqs,
                            )) as Box<dyn Query>,
                        )
                    })
                    .collect();
                if !all.is_empty() {
                    clauses.push((
                        Occur::Should,
                        Box::new(BoostQuery::new(Box::new(BooleanQuery::new(all)), *boost)),
                    ));
                }
            }
        }
        let check = (words > 1).then(|| {
            PhraseCheck(
                self.parts()
                    .map(|t| (Arc::clone(t), t.phrase(|lang| self.tokens(lang, phrase))))
                    .collect(),
            )
        });
        (!clauses.is_empty())
            .then(|| (Box::new(BooleanQuery::new(clauses)) as Box<dyn Query>, check))
    }

    /// The facet filters, as the value numbers each filtered facet allows:
    /// alternatives within a facet, all facets required. A value no
    /// listing has allows none.
    fn facet_filter(&self, filters: &[Filter]) -> Vec<Vec<u32>> {
        let mut by_facet: BTreeMap<usize, Vec<u32>> = BTreeMap::new();
        for f in filters.iter().take(MAX_FILTERS) {
            let Some(facet) = FACETS.iter().position(|name| *name == f.facet) else { continue };
            let allowed = by_facet.entry(facet).or_default();
            allowed.extend(self.listings.number(facet, first_chars(&f.value, MAX_VALUE_CHARS)));
        }
        by_facet.into_values().collect()
    }

    /// The query for the words and phrases, all of which must match (none
    /// when there are none: every listing matches); and the phrases whose
    /// word order the texts must confirm.
    fn query(
        &self,
        words: &[String],
        phrases: &[String],
    ) -> (Option<Box<dyn Query>>, Vec<PhraseCheck>) {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for w in words {
            if let Some(q) = self.word_query(w) {
                clauses.push((Occur::Must, q));
            }
        }
        let mut checks = Vec::new();
        for p in phrases {
            if let Some((q, check)) = self.phrase_query(p) {
                clauses.push((Occur::Must, q));
                checks.extend(check);
            }
        }
        let query =
            (!clauses.is_empty()).then(|| Box::new(BooleanQuery::new(clauses)) as Box<dyn Query>);
        (query, checks)
    }

    /// Resolves a place name against the places in the directory.
    pub fn resolve_place(&self, name: &str) -> Option<KnownPlace> {
        let wanted = fold(first_chars(name, MAX_VALUE_CHARS));
        if wanted.is_empty() {
            return None;
        }
        let folded = &self.folded_places;
        let at = folded
            .iter()
            .position(|f| *f == wanted)
            .or_else(|| folded.iter().position(|f| f.starts_with(&wanted)))?;
        Some(self.meta.places[at].clone())
    }

    /// Counts per value of every facet, from the count of each value
    /// number; values no listing answering has are left out.
    fn facet_counts(&self, counts: &[u64]) -> BTreeMap<String, Vec<FacetCount>> {
        FACETS
            .iter()
            .enumerate()
            .map(|(f, name)| {
                let values = self.listings.values(f);
                let list = values
                    .filter(|(i, _)| counts[*i as usize] > 0)
                    .map(|(i, v)| FacetCount { value: v.to_string(), count: counts[i as usize] })
                    .collect();
                (name.to_string(), list)
            })
            .collect()
    }

    /// Every document `query` matches, with its score: each segment's
    /// matches straight from the query's weight (2 KB brotli less engine
    /// than a tantivy collector and the searcher's executor).
    fn matches(&self, query: &dyn Query) -> Result<Vec<(DocId, Score)>> {
        let searcher = self.reader.searcher();
        let weight = query.weight(EnableScoring::enabled_from_searcher(&searcher))?;
        let mut out = Vec::new();
        for segment in searcher.segment_readers() {
            weight.for_each(segment, &mut |doc, score| out.push((doc, score)))?;
        }
        Ok(out)
    }

    /// Runs a query.
    pub fn search(&self, req: &SearchRequest) -> Result<SearchResponse> {
        let (words, phrase_texts, shortened) = split_query(&req.q);
        let (query, phrases) = self.query(&words, &phrase_texts);
        if !phrases.is_empty() && self.bodies.is_none() {
            return Err(Error("phrases are searched once the listings' texts have arrived".into()));
        }
        let near = req.near.as_deref().and_then(|n| self.resolve_place(n));
        // No more hits are wanted than there are listings.
        let listings = self.listings.len();
        let limit = if req.limit == 0 { 20 } else { req.limit.min(listings.max(1)) };
        let offset = req.offset.min(listings);
        let sessions = SessionFilter::new(&req.filters, req.clock.unwrap_or_default().bounded());
        let filter = self.facet_filter(&req.filters);
        let matches = match &query {
            Some(q) => self.matches(&**q)?,
            None => (0..listings as u32).map(|n| (n, 1.0)).collect(),
        };
        // One pass over the matches keeps those the filters and phrases
        // keep, counts their facet values and works out their order: those
        // visitors can turn to first; then the soonest session
        // (`upcoming`) or the nearest place (`near`), those without one
        // last; then the score; then the order of the listings.
        let mut counts = vec![0u64; self.listings.value_count()];
        let mut kept = Vec::new();
        for (n, score) in matches {
            let listing = self.listings.get(n);
            let keep = filter.iter().all(|allowed| allowed.iter().any(|v| listing.has(*v)))
                && (!sessions.active() || listing.slots.iter().any(|s| sessions.keeps(s)))
                && phrases.iter().all(|p| p.holds(n));
            if !keep {
                continue;
            }
            for v in &listing.values {
                counts[*v as usize] += 1;
            }
            let key = if req.upcoming {
                sessions.soonest(&listing.slots).map(|m| -f64::from(m))
            } else {
                near.as_ref().map_or(Some(0.0), |p| nearest(listing, p).map(|d| -d))
            };
            let available = self.listings.available(listing);
            kept.push(Ranked { n, available, key: key.unwrap_or(f64::NEG_INFINITY), score });
        }
        let total = kept.len();
        let order = |a: &Ranked, b: &Ranked| {
            (b.available.cmp(&a.available))
                .then(b.key.total_cmp(&a.key))
                .then(b.score.total_cmp(&a.score))
                .then(a.n.cmp(&b.n))
        };
        let wanted = offset + limit;
        if kept.len() > wanted {
            kept.select_nth_unstable_by(wanted, order);
            kept.truncate(wanted);
        }
        kept.sort_unstable_by(order);
        let searched =
            words.iter().chain(&phrase_texts).map(String::as_str).collect::<Vec<_>>().join(" ");
        let highlight = self.query_tokens(&searched);
        let mut close: BTreeMap<String, Closeness> = BTreeMap::new();
        // A hit's next session is its next of all, whatever the filters.
        let every = SessionFilter::new(&[], sessions.clock);
        let hits = kept
            .iter()
            .skip(offset)
            .map(|r| {
                let distance =
                    (near.is_some() && !req.upcoming && r.key.is_finite()).then_some(-r.key);
                let mut hit = self.hit(r, distance, &req.lang, &highlight, &mut close);
                let slots = &self.listings.get(r.n).slots;
                hit.next_in_minutes = req.clock.and_then(|_| every.soonest(slots));
                hit.in_progress =
                    req.clock.is_some_and(|now| slots.iter().any(|s| s.in_progress(now)));
                hit
            })
            .collect();
        let facets = self.facet_counts(&counts);
        Ok(SearchResponse { total, hits, facets, near, shortened })
    }

    /// Query tokens per language, for highlighting.
    fn query_tokens(&self, text: &str) -> BTreeMap<String, Vec<String>> {
        self.meta
            .languages
            .iter()
            .map(|l| (l.clone(), self.tokens(l, text).into_iter().map(|(_, t)| t).collect()))
            .collect()
    }

    /// A result: its row, texts (in `page_lang` when it has them) and a
    /// snippet, `distance` from the place searched near.
    fn hit<'t>(
        &'t self,
        ranked: &Ranked,
        distance: Option<f64>,
        page_lang: &str,
        words: &BTreeMap<String, Vec<String>>,
        close: &mut BTreeMap<String, Closeness<'t>>,
    ) -> Hit {
        let n = u64::from(ranked.n);
        let listing = self.listings.get(ranked.n);
        // The texts in the page's language when the listing has them.
        let shown = self.texts.version(n, page_lang);
        let lang = self.texts.lang(shown).to_string();
        // From the body, or the summary when there is no body; none until
        // the bodies have arrived.
        // The bodies file has the texts' shape (`add_bodies`), so `shown`
        // is the same version in it.
        let snippet = self.bodies.as_ref().map_or_else(String::new, |bodies| {
            let body = bodies.text(shown, texts::BODY);
            let (texts, source, field) = if body.is_empty() {
                (&self.texts, self.texts.text(shown, texts::SUMMARY), texts::SUMMARY)
            } else {
                (bodies, body, texts::BODY)
            };
            snippet(
                &source,
                &texts.words(shown, field),
                words.get(&lang).map(Vec::as_slice).unwrap_or_default(),
                close.entry(lang.clone()).or_default(),
            )
        });
        Hit {
            snippet,
            url: listing.url.clone(),
            name: self.texts.text(self.texts.original(n), texts::NAME),
            summary: self.texts.text(shown, texts::SUMMARY),
            kind: self.listings.first_value(listing, TYPE).to_string(),
            status: self.listings.first_value(listing, STATUS).to_string(),
            lang,
            score: ranked.score,
            distance_km: distance.map(|d| (d * 10.0).round() / 10.0),
            next_in_minutes: None,
            in_progress: false,
        }
    }
}

/// A listing that answers a request, with what orders it.
struct Ranked {
    n: u32,
    available: bool,
    key: f64,
    score: Score,
}

/// The `day` and `time` filters of a request, at its clock. Values of one
/// filter are alternatives; one session must satisfy both filters.
#[derive(Debug)]
struct SessionFilter {
    days: Vec<Days>,
    parts: Vec<Daypart>,
    clock: Clock,
}

impl SessionFilter {
    fn new(filters: &[Filter], clock: Clock) -> SessionFilter {
        let values = |facet: &'static str| {
            filters.iter().take(MAX_FILTERS).filter(move |f| f.facet == facet).map(|f| &f.value)
        };
        SessionFilter {
            days: values("day").filter_map(|v| Days::named(v)).collect(),
            parts: values("time").filter_map(|v| Daypart::named(v)).collect(),
            clock,
        }
    }

    fn active(&self) -> bool {
        !self.days.is_empty() || !self.parts.is_empty()
    }

    fn keeps(&self, slot: &Slot) -> bool {
        (self.days.is_empty() || self.days.iter().any(|d| d.holds(slot, self.clock.day)))
            && (self.parts.is_empty() || self.parts.iter().any(|p| p.holds(slot.start)))
    }

    /// Minutes until the soonest of `slots` these filters keep.
    fn soonest(&self, slots: &[Slot]) -> Option<u32> {
        slots.iter().filter(|s| self.keeps(s)).filter_map(|s| s.minutes_until(self.clock)).min()
    }
}

/// The distance from `from` to the nearest place of a listing that has
/// coordinates.
fn nearest(listing: &Listing, from: &KnownPlace) -> Option<f64> {
    listing
        .coordinates
        .iter()
        .map(|at| distance_km((from.lat, from.lon), *at))
        .min_by(|a, b| a.total_cmp(b))
}

/// The terms of `field` at most one edit (or swap) from a word: tantivy's
/// [`FuzzyTermQuery`] with its automaton built once for all the fields a
/// word is looked for in, as building it is most of such a query's work.
#[derive(Clone)]
struct OneEdit {
    field: tantivy::schema::Field,
    automaton: Arc<DfaWrapper>,
}

impl std::fmt::Debug for OneEdit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OneEdit").field("field", &self.field).finish_non_exhaustive()
    }
}

impl Query for OneEdit {
    fn weight(
        &self,
        _: tantivy::query::EnableScoring<'_>,
    ) -> tantivy::Result<Box<dyn tantivy::query::Weight>> {
        Ok(Box::new(AutomatonWeight::<DfaWrapper>::new(self.field, Arc::clone(&self.automaton))))
    }
}

/// Which analyzed words of the texts match the query's (exactly or one
/// edit off), remembered for the hits of one query, which share most of
/// their words. One is made per language of the query's words.
#[derive(Default)]
struct Closeness<'t>(foldhash::HashMap<&'t str, bool>);

impl<'t> Closeness<'t> {
    fn of(&mut self, word: &'t str, query: &[String]) -> bool {
        *self.0.entry(word).or_insert_with(|| {
            query.iter().any(|q| {
                q == word
                    || (q.len() >= FUZZY_MIN_CHARS
                        && q.chars().count() >= FUZZY_MIN_CHARS
                        && edits_at_most_one(q, word))
            })
        })
    }
}

/// An excerpt of `text` of at most [`SNIPPET_CHARS`] bytes around the most
/// of its `words` matching `query` (exactly or one edit off, after
/// analysis), those words in `<b>`, the rest HTML-escaped; the start of the
/// text when nothing matches. `close` must be for this `query`.
fn snippet<'t>(
    text: &str,
    words: &[Word<'t>],
    query: &[String],
    close: &mut Closeness<'t>,
) -> String {
    let start = || escaped(&text.chars().take(SNIPPET_CHARS).collect::<String>());
    if query.is_empty() {
        // Browsing by filters only: nothing to find in the text.
        return start();
    }
    let words: Vec<Span> = words
        .iter()
        .map(|w| Span {
            from: w.from,
            to: w.to,
            matched: w.analyzed.is_some_and(|a| close.of(a, query)),
        })
        .collect();
    match best_fragment(&words, SNIPPET_CHARS) {
        Some(range) => highlight(text, &words[range]),
        None => start(),
    }
}

/// A word of a text by its byte offsets, and whether it matches the query.
#[derive(Debug, Clone, Copy)]
struct Span {
    from: usize,
    to: usize,
    matched: bool,
}

/// The run of `words` no longer than `max` bytes with the most matches,
/// the first of equals; `None` without a match.
fn best_fragment(words: &[Span], max: usize) -> Option<std::ops::Range<usize>> {
    let mut best: Option<(usize, std::ops::Range<usize>)> = None;
    for (start, w) in words.iter().enumerate().filter(|(_, w)| w.matched) {
        let mut end = start;
        while end < words.len() && words[end].to - w.from <= max {
            end += 1;
        }
        let score = words[start..end].iter().filter(|w| w.matched).count();
        if best.as_ref().is_none_or(|(s, _)| score > *s) {
            best = Some((score, start..end));
        }
    }
    best.map(|(_, range)| range)
}

/// The text spanned by `words`, escaped, with the matched words in `<b>`.
fn highlight(text: &str, words: &[Span]) -> String {
    let (start, end) = (words[0].from, words[words.len() - 1].to);
    let mut out = String::new();
    let mut at = start;
    for &Span { from, to, .. } in words.iter().filter(|w| w.matched) {
        push_escaped(&mut out, &text[at..from]);
        out.push_str("<b>");
        push_escaped(&mut out, &text[from..to]);
        out.push_str("</b>");
        at = to;
    }
    push_escaped(&mut out, &text[at..end]);
    out
}

/// Whether two words differ by at most one insertion, deletion,
/// substitution or swap of neighbours.
fn edits_at_most_one(a: &str, b: &str) -> bool {
    // A character is at most four bytes: more bytes apart is more edits.
    if a.len().abs_diff(b.len()) > 4 {
        return false;
    }
    let common = a
        .chars()
        .zip(b.chars())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.len_utf8())
        .sum::<usize>();
    let (ra, rb) = (&a[common..], &b[common..]);
    fn rest(s: &str) -> &str {
        s.chars().next().map_or(s, |c| &s[c.len_utf8()..])
    }
    let (sa, sb) = (rest(ra), rest(rb));
    if ra.is_empty() || rb.is_empty() {
        // One ends here: the other may have one character more.
        return sa.is_empty() && sb.is_empty();
    }
    // Each equality holds only for the lengths its edit needs.
    let swapped = || {
        let (mut x, mut y) = (ra.chars(), rb.chars());
        let (x0, x1, y0, y1) = (x.next(), x.next(), y.next(), y.next());
        x1.is_some() && x0 == y1 && x1 == y0 && x.as_str() == y.as_str()
    };
    sa == sb || sa == rb || ra == sb || swapped()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_edit() {
        assert!(edits_at_most_one("depresie", "depressie"));
        assert!(edits_at_most_one("depressie", "depresise"));
        assert!(edits_at_most_one("alcohol", "alcohl"));
        assert!(!edits_at_most_one("alcohol", "alkoohl"));
        assert!(edits_at_most_one("same", "same"));
        assert!(
            edits_at_most_one("", "a")
                && edits_at_most_one("ab", "a")
                && !edits_at_most_one("abc", "a")
        );
        assert!(
            edits_at_most_one("zoë", "zoe")
                && edits_at_most_one("zoë", "zëo")
                && edits_at_most_one("café", "cafés")
        );
        assert!(
            !edits_at_most_one("verslaving", "verslavingen") && !edits_at_most_one("abcd", "badc")
        );
    }

    /// The definition, by brute force: every word one edit away from `a`.
    fn one_edit_away(a: &str, alphabet: &[char]) -> std::collections::BTreeSet<String> {
        let c: Vec<char> = a.chars().collect();
        let mut out = std::collections::BTreeSet::from([a.to_string()]);
        for i in 0..=c.len() {
            for x in alphabet {
                let mut w = c.clone();
                w.insert(i, *x);
                out.insert(w.into_iter().collect());
            }
            if i < c.len() {
                let mut w = c.clone();
                w.remove(i);
                out.insert(w.iter().collect());
                for x in alphabet {
                    let mut w = c.clone();
                    w[i] = *x;
                    out.insert(w.into_iter().collect());
                }
            }
            if i + 1 < c.len() {
                let mut w = c.clone();
                w.swap(i, i + 1);
                out.insert(w.into_iter().collect());
            }
        }
        out
    }

    #[test]
    fn one_edit_is_exactly_one_insertion_deletion_substitution_or_swap() {
        let alphabet = ['a', 'b', 'ë'];
        let words = |n: usize| -> Vec<String> {
            (0..=n)
                .flat_map(|len| {
                    (0..alphabet.len().pow(len as u32)).map(move |mut k| {
                        (0..len)
                            .map(|_| {
                                let c = alphabet[k % 3];
                                k /= 3;
                                c
                            })
                            .collect()
                    })
                })
                .collect()
        };
        for a in words(3) {
            let near = one_edit_away(&a, &alphabet);
            for b in words(4) {
                assert_eq!(edits_at_most_one(&a, &b), near.contains(&b), "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn the_snippet_is_the_run_with_most_matches() {
        let spans = |all: &[(usize, usize, bool)]| {
            all.iter().map(|&(from, to, matched)| Span { from, to, matched }).collect::<Vec<_>>()
        };
        let text = "een twee drie vier vijf";
        let words =
            spans(&[(0, 3, false), (4, 8, true), (9, 13, false), (14, 18, true), (19, 23, true)]);
        assert_eq!(best_fragment(&words, 100), Some(1..5));
        assert_eq!(best_fragment(&words, 9), Some(3..5), "two matches in nine bytes beat one");
        assert_eq!(best_fragment(&spans(&[(0, 3, false)]), 100), None);
        assert_eq!(highlight(text, &words[1..5]), "<b>twee</b> drie <b>vier</b> <b>vijf</b>");
        assert_eq!(
            highlight("a<b & c", &spans(&[(0, 1, true), (5, 6, false), (6, 7, false)])),
            "<b>a</b>&lt;b &amp; c"
        );
    }

    #[test]
    fn query_splitting() {
        let s = |v: &[&str]| v.iter().map(|w| w.to_string()).collect::<Vec<_>>();
        assert_eq!(
            split_query(r#"hulp "eerste maanden" alcohol"#),
            (s(&["hulp", "alcohol"]), s(&["eerste maanden"]), false)
        );
        assert_eq!(split_query(r#"open "quote"#), (s(&["open"]), s(&["quote"]), false));
    }

    #[test]
    fn long_queries_are_cut_to_their_beginning() {
        let many = "woord ".repeat(5_000);
        let (words, phrases, shortened) = split_query(&many);
        assert_eq!((words.len(), phrases.len(), shortened), (MAX_QUERY_WORDS, 0, true));
        let (words, phrases, shortened) = split_query(r#"a "b c d e f g h" i j k l m"#);
        assert_eq!(
            (words, phrases, shortened),
            (
                vec!["a".to_string(), "i".into(), "j".into()],
                vec!["b c d e f g h".to_string()],
                true
            )
        );
        let long = "x".repeat(MAX_QUERY_CHARS + 50);
        let (words, _, shortened) = split_query(&long);
        assert_eq!((words[0].chars().count(), shortened), (MAX_QUERY_CHARS, true));
        assert_eq!(first_chars("zoë", 2), "zo");
        assert!(!split_query(&"w ".repeat(MAX_QUERY_WORDS)).2, "exactly the most is not shortened");
    }
}
