//! The index as one file the browser downloads whole: a small header, the
//! engine's metadata (languages, known places, topic parents) as JSON, then
//! every file of the tantivy index and the listings' texts
//! ([`crate::texts`], as the file [`TEXTS`]).
//!
//! Layout (little endian): `PDIX`, u32 format version, u64 FNV-1a of all
//! that follows ([`crate::hash`]), u32 metadata length, metadata, u32 file
//! count, then per file u32 name length, name, u64 data length, data.
//!
//! The checksum is verified before anything else is read, so a damaged
//! file (a flipped bit on a disk, a cache or the wire) is an error, never
//! handed to tantivy, whose readers trust their bytes.

use crate::{Error, Result};
use peerdir_shared::hash::fnv64;
use serde::{Deserialize, Serialize};

const MAGIC: &[u8; 4] = b"PDIX";
pub(crate) const VERSION: u32 = 3;

/// The name of the listings' texts among the files.
pub(crate) const TEXTS: &str = "peerdir.texts";

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
    /// Top-level topic keys, for counting subtopics.
    pub topic_parents: Vec<String>,
}

pub(crate) struct Bundle {
    pub meta: Meta,
    pub files: Vec<(String, Vec<u8>)>,
}

pub(crate) fn pack(bundle: &Bundle) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&VERSION.to_le_bytes());
    out.extend_from_slice(&[0; 8]);
    let meta = serde_json::to_vec(&bundle.meta).expect("metadata serializes");
    out.extend_from_slice(&(meta.len() as u32).to_le_bytes());
    out.extend_from_slice(&meta);
    out.extend_from_slice(&(bundle.files.len() as u32).to_le_bytes());
    for (name, data) in &bundle.files {
        out.extend_from_slice(&(name.len() as u32).to_le_bytes());
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(&(data.len() as u64).to_le_bytes());
        out.extend_from_slice(data);
    }
    let sum = fnv64(&out[HEADER..]);
    out[8..HEADER].copy_from_slice(&sum.to_le_bytes());
    out
}

/// The bytes before the checksummed part: magic, version, checksum.
const HEADER: usize = 16;

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
}

pub(crate) fn unpack(bytes: &[u8]) -> Result<Bundle> {
    let mut r = Reader { bytes, at: 0 };
    if r.take(4)? != MAGIC {
        return Err(Error("not a peerdir index file".into()));
    }
    let version = r.u32()? as u32;
    if version != VERSION {
        return Err(Error(format!("index format {version}, this engine reads {VERSION}")));
    }
    let sum = r.u64()?;
    if fnv64(&bytes[HEADER..]) != sum {
        return Err(Error(
            "the index file is damaged (its checksum does not match); build the site again".into(),
        ));
    }
    let len = r.u32()?;
    let meta: Meta =
        serde_json::from_slice(r.take(len)?).map_err(|e| Error(format!("index metadata: {e}")))?;
    let count = r.u32()?;
    let mut files = Vec::with_capacity(count.min(1024));
    for _ in 0..count {
        let len = r.u32()?;
        let name = String::from_utf8(r.take(len)?.to_vec())
            .map_err(|_| Error("bad file name in index".into()))?;
        let len = r.len64()?;
        files.push((name, r.take(len)?.to_vec()));
    }
    Ok(Bundle { meta, files })
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
    }
}
