//! The encoding of the tables the engine reads beside tantivy's files (the
//! texts and the listings): LEB128 varints, zigzag for signed numbers, and
//! strings as their length and UTF-8 bytes. Reading checks every length
//! against the bytes left, so a damaged table is an error, never a huge
//! allocation or a panic.

use crate::{Error, Result};

pub(crate) fn put(out: &mut Vec<u8>, mut n: u64) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

pub(crate) fn put_signed(out: &mut Vec<u8>, n: i64) {
    put(out, ((n << 1) ^ (n >> 63)) as u64);
}

pub(crate) fn put_str(out: &mut Vec<u8>, s: &str) {
    put(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

/// Reads a table; `what` names it in errors ("the texts of the index").
pub(crate) struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
    what: &'static str,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(bytes: &'a [u8], what: &'static str) -> Reader<'a> {
        Reader { bytes, at: 0, what }
    }

    pub(crate) fn error(&self, problem: &str) -> Error {
        Error(format!("{}: {problem}", self.what))
    }

    pub(crate) fn varint(&mut self) -> Result<u64> {
        let mut n = 0u64;
        for shift in (0..64).step_by(7) {
            let b = *self.bytes.get(self.at).ok_or_else(|| self.error("truncated"))?;
            self.at += 1;
            n |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Ok(n);
            }
        }
        Err(self.error("a number is too long"))
    }

    pub(crate) fn signed(&mut self) -> Result<i64> {
        let n = self.varint()?;
        Ok((n >> 1) as i64 ^ -((n & 1) as i64))
    }

    /// A number below `bound`, such as an index into a list.
    pub(crate) fn below(&mut self, bound: usize) -> Result<usize> {
        usize::try_from(self.varint()?)
            .ok()
            .filter(|n| *n < bound)
            .ok_or_else(|| self.error("a number is out of range"))
    }

    /// A count of things that each take at least a byte, so it cannot be
    /// more than the bytes left.
    pub(crate) fn count(&mut self) -> Result<usize> {
        let n = self.varint()?;
        usize::try_from(n)
            .ok()
            .filter(|n| *n <= self.bytes.len() - self.at)
            .ok_or_else(|| self.error("a count is too large"))
    }

    pub(crate) fn string(&mut self) -> Result<String> {
        let len = self.count()?;
        let s = std::str::from_utf8(&self.bytes[self.at..self.at + len])
            .map_err(|_| self.error("a text is not UTF-8"))?;
        self.at += len;
        Ok(s.to_string())
    }

    /// Fails unless every byte has been read.
    pub(crate) fn finish(&self) -> Result<()> {
        if self.at == self.bytes.len() {
            Ok(())
        } else {
            Err(self.error("bytes are left over"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_strings_read_back() {
        let mut out = Vec::new();
        for n in [0, 1, 127, 128, 300, u64::MAX] {
            put(&mut out, n);
        }
        for n in [0, -1, 1, -180_000_000, i64::MIN, i64::MAX] {
            put_signed(&mut out, n);
        }
        put_str(&mut out, "zoë");
        let mut r = Reader::new(&out, "test");
        for n in [0, 1, 127, 128, 300, u64::MAX] {
            assert_eq!(r.varint().unwrap(), n);
        }
        for n in [0, -1, 1, -180_000_000, i64::MIN, i64::MAX] {
            assert_eq!(r.signed().unwrap(), n);
        }
        assert_eq!(r.string().unwrap(), "zoë");
        r.finish().unwrap();
        assert!(Reader::new(&[0x80], "test").varint().is_err());
        assert!(Reader::new(&[0xff; 11], "test").varint().is_err());
        assert!(Reader::new(&[5, b'a'], "test").string().is_err());
        assert!(Reader::new(&[3], "test").below(3).is_err());
        assert!(Reader::new(&[2, 0], "test").count().is_err(), "two things in one byte");
        assert_eq!(Reader::new(&[1, 0], "test").count().unwrap(), 1);
    }
}
