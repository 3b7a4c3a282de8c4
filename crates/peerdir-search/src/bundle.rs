//! The index as two files the browser downloads whole, each in the same
//! envelope:
//!
//! - the index file: the engine's metadata (languages, known places, the
//!   name of the bodies file) as JSON, every file of the tantivy index, the
//!   listings' names and summaries ([`crate::texts`], as the file
//!   [`TEXTS`]) and their rows ([`crate::listings`], as [`LISTINGS`]): all
//!   a first result needs;
//! - the bodies file: the listings' bodies (the file [`BODIES`]), for
//!   snippets and phrases, most of the bytes, which the browser fetches
//!   once the engine and the index are in, so they do not share the
//!   visitor's bandwidth with them.
//!
//! Envelope (little endian): `PDIX`, u32 format version, u64 content
//! length, u64 FNV-1a of the content ([`crate::hash`]), content. The
//! index's content is u32 metadata length, metadata, then its files; the
//! bodies' content its files. Files are u32 count, then per file u32 name
//! length, name, u64 data length, data.
//!
//! The checksum is verified before anything else is read, so a damaged
//! file (a flipped bit on a disk, a cache or the wire) is an error, never
//! handed to tantivy, whose readers trust their bytes.

use crate::{Error, Result};
use peerdir_shared::hash::fnv64;
use serde::{Deserialize, Serialize};

const MAGIC: &[u8; 4] = b"PDIX";
pub(crate) const VERSION: u32 = 6;

/// The name of the listings' names and summaries among the index's files.
pub(crate) const TEXTS: &str = "peerdir.texts";

/// The name of the listings' rows among the index's files
/// ([`crate::listings`]).
pub(crate) const LISTINGS: &str = "peerdir.listings";

/// The name of the listings' bodies, the bodies file's one file.
pub(crate) const BODIES: &str = "peerdir.bodies";

/// A place visitors can search near, with its coordinates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KnownPlace {
    /// The city or region, as listings write it.
    pub name: String,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
}

/// What the engine needs beside the tantivy files.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    /// Languages that have text fields (and analyzers) in the schema.
    pub languages: Vec<String>,
    /// The places listings name, with coordinates.
    pub places: Vec<KnownPlace>,
    /// The name of the index's bodies file, in the same folder.
    pub bodies: String,
}

pub(crate) struct Bundle {
    pub meta: Meta,
    pub files: Vec<(String, Vec<u8>)>,
}

fn put_files(out: &mut Vec<u8>, files: &[(String, Vec<u8>)]) {
    out.extend_from_slice(&(files.len() as u32).to_le_bytes());
    for (name, data) in files {
        out.extend_from_slice(&(name.len() as u32).to_le_bytes());
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(&(data.len() as u64).to_le_bytes());
        out.extend_from_slice(data);
    }
}

/// `content` in the envelope.
fn envelope(content: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(24 + content.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&VERSION.to_le_bytes());
    out.extend_from_slice(&(content.len() as u64).to_le_bytes());
    out.extend_from_slice(&fnv64(content).to_le_bytes());
    out.extend_from_slice(content);
    out
}

/// The index file.
pub(crate) fn pack(bundle: &Bundle) -> Vec<u8> {
    let mut content = Vec::new();
    let meta = serde_json::to_vec(&bundle.meta).expect("metadata serializes");
    content.extend_from_slice(&(meta.len() as u32).to_le_bytes());
    content.extend_from_slice(&meta);
    put_files(&mut content, &bundle.files);
    envelope(&content)
}

/// The bodies file.
pub(crate) fn pack_bodies(files: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut content = Vec::new();
    put_files(&mut content, files);
    envelope(&content)
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        let end = self
            .at
            .checked_add(n)
            .filter(|e| *e <= self.bytes.len())
            .ok_or_else(|| Error("the index file is truncated".into()))?;
        let out = &self.bytes[self.at..end];
        self.at = end;
        Ok(out)
    }

    fn u32(&mut self) -> Result<usize> {
        Ok(u32::from_le_bytes(self.take(4)?.try_into().expect("4 bytes")) as usize)
    }

    fn u64(&mut self) -> Result<u64> {
        Ok(u64::from_le_bytes(self.take(8)?.try_into().expect("8 bytes")))
    }

    /// A length, which must fit this machine's addresses (32 bits in wasm).
    fn len64(&mut self) -> Result<usize> {
        usize::try_from(self.u64()?)
            .map_err(|_| Error("the index file is damaged (a length is too large)".into()))
    }

    fn files(&mut self) -> Result<Vec<(String, Vec<u8>)>> {
        let count = self.u32()?;
        let mut files = Vec::with_capacity(count.min(1024));
        for _ in 0..count {
            let len = self.u32()?;
            let name = String::from_utf8(self.take(len)?.to_vec())
                .map_err(|_| Error("bad file name in index".into()))?;
            let len = self.len64()?;
            files.push((name, self.take(len)?.to_vec()));
        }
        Ok(files)
    }
}

/// The content of a file in the envelope, once its checksum matches.
fn open_envelope(bytes: &[u8]) -> Result<Reader<'_>> {
    let mut r = Reader { bytes, at: 0 };
    if r.take(4)? != MAGIC {
        return Err(Error("not a peerdir index file".into()));
    }
    let version = r.u32()? as u32;
    if version != VERSION {
        return Err(Error(format!("index format {version}, this engine reads {VERSION}")));
    }
    let len = r.len64()?;
    let sum = r.u64()?;
    let content = r.take(len)?;
    if r.at != bytes.len() || fnv64(content) != sum {
        return Err(Error(
            "the index file is damaged (its checksum does not match); build the site again".into(),
        ));
    }
    Ok(Reader { bytes: content, at: 0 })
}

/// The index file's metadata and files.
pub(crate) fn unpack(bytes: &[u8]) -> Result<Bundle> {
    let mut r = open_envelope(bytes)?;
    let len = r.u32()?;
    let meta: Meta =
        serde_json::from_slice(r.take(len)?).map_err(|e| Error(format!("index metadata: {e}")))?;
    Ok(Bundle { meta, files: r.files()? })
}

/// The bodies file's files.
pub(crate) fn unpack_bodies(bytes: &[u8]) -> Result<Vec<(String, Vec<u8>)>> {
    open_envelope(bytes)?.files()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_truncation() {
        let b = Bundle {
            meta: Meta { languages: vec!["nl".into()], ..Default::default() },
            files: vec![("meta.json".into(), b"{}".to_vec())],
        };
        let bytes = pack(&b);
        let back = unpack(&bytes).unwrap();
        assert_eq!(back.meta, b.meta);
        assert_eq!(back.files, b.files);
        for cut in 0..bytes.len() {
            assert!(unpack(&bytes[..cut]).is_err());
        }
        let bodies = vec![(BODIES.to_string(), vec![7; 40])];
        let bytes = pack_bodies(&bodies);
        assert_eq!(unpack_bodies(&bytes).unwrap(), bodies);
        for cut in 0..bytes.len() {
            assert!(unpack_bodies(&bytes[..cut]).is_err());
        }
    }

    #[test]
    fn every_flipped_bit_is_found() {
        let b = Bundle { meta: Meta::default(), files: vec![("a".into(), vec![7; 40])] };
        let bytes = pack(&b);
        for bit in 0..bytes.len() * 8 {
            let mut damaged = bytes.clone();
            damaged[bit / 8] ^= 1 << (bit % 8);
            assert!(unpack(&damaged).is_err(), "bit {bit}");
        }
        let bytes = pack_bodies(&[(BODIES.into(), vec![7; 40])]);
        for bit in 0..bytes.len() * 8 {
            let mut damaged = bytes.clone();
            damaged[bit / 8] ^= 1 << (bit % 8);
            assert!(unpack_bodies(&damaged).is_err(), "bit {bit}");
        }
    }
}
