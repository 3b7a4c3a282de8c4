//! The browser's search engine: [`peerdir_search`] compiled to
//! `wasm32-unknown-unknown` behind a small C ABI, so no JavaScript glue
//! generator is needed. The Web Worker (`search-worker.js`) calls it:
//!
//! 1. `alloc(len)` → pointer; the worker copies the index file's first
//!    part there (or the whole file) and calls `open(ptr, len)` (0 on
//!    success); when the rest has arrived, it copies it and calls
//!    `bodies(ptr, len)`.
//! 2. For each query it copies a JSON [`peerdir_search::SearchRequest`] into
//!    `alloc`ed memory and calls `search(ptr, len)` (0 on success).
//! 3. `result_ptr()` and `result_len()` give the JSON response (or the
//!    error message); `dealloc(ptr, len)` frees what `alloc` gave.

use peerdir_search::{Engine, SearchRequest};
use std::cell::RefCell;

thread_local! {
    static ENGINE: RefCell<Option<Engine>> = const { RefCell::new(None) };
    static RESULT: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

fn set_result(bytes: Vec<u8>) {
    RESULT.with(|r| *r.borrow_mut() = bytes);
}

/// Memory for the caller to fill.
#[no_mangle]
pub extern "C" fn alloc(len: usize) -> *mut u8 {
    let mut buf = Vec::<u8>::with_capacity(len);
    let ptr = buf.as_mut_ptr();
    std::mem::forget(buf);
    ptr
}

/// Frees memory from [`alloc`].
///
/// # Safety
/// `ptr` and `len` must come from one call of [`alloc`].
#[no_mangle]
pub unsafe extern "C" fn dealloc(ptr: *mut u8, len: usize) {
    drop(Vec::from_raw_parts(ptr, 0, len));
}

/// Copies `len` bytes at `ptr`.
///
/// # Safety
/// `ptr` must point to `len` initialized bytes.
unsafe fn bytes<'a>(ptr: *const u8, len: usize) -> &'a [u8] {
    std::slice::from_raw_parts(ptr, len)
}

/// Opens the index file at `ptr`. Returns 0, or 1 with the error as result.
///
/// # Safety
/// `ptr` must point to `len` initialized bytes.
#[no_mangle]
pub unsafe extern "C" fn open(ptr: *const u8, len: usize) -> u32 {
    match Engine::open(bytes(ptr, len)) {
        Ok(engine) => {
            ENGINE.with(|e| *e.borrow_mut() = Some(engine));
            set_result(Vec::new());
            0
        }
        Err(e) => {
            set_result(e.to_string().into_bytes());
            1
        }
    }
}

/// Adds the listings' bodies: the bytes of the index file after its first
/// part. Returns 0, or 1 with the error as result.
///
/// # Safety
/// `ptr` must point to `len` initialized bytes.
#[no_mangle]
pub unsafe extern "C" fn bodies(ptr: *const u8, len: usize) -> u32 {
    let outcome = ENGINE.with(|e| match e.borrow_mut().as_mut() {
        Some(engine) => engine.add_bodies(bytes(ptr, len)).map_err(|e| e.to_string()),
        None => Err("no index is open".to_string()),
    });
    match outcome {
        Ok(()) => {
            set_result(Vec::new());
            0
        }
        Err(msg) => {
            set_result(msg.into_bytes());
            1
        }
    }
}

/// Runs the JSON request at `ptr`. Returns 0 with the JSON response as
/// result, or 1 with an error message.
///
/// # Safety
/// `ptr` must point to `len` initialized bytes.
#[no_mangle]
pub unsafe extern "C" fn search(ptr: *const u8, len: usize) -> u32 {
    let outcome = serde_json::from_slice::<SearchRequest>(bytes(ptr, len))
        .map_err(|e| format!("bad request: {e}"))
        .and_then(|req| {
            ENGINE.with(|e| match e.borrow().as_ref() {
                Some(engine) => engine.search(&req).map_err(|e| e.to_string()),
                None => Err("no index is open".to_string()),
            })
        });
    match outcome.and_then(|resp| serde_json::to_vec(&resp).map_err(|e| e.to_string())) {
        Ok(json) => {
            set_result(json);
            0
        }
        Err(msg) => {
            set_result(msg.into_bytes());
            1
        }
    }
}

/// Where the last call's result (JSON or an error message) starts in memory.
#[no_mangle]
pub extern "C" fn result_ptr() -> *const u8 {
    RESULT.with(|r| r.borrow().as_ptr())
}

/// The length in bytes of the last call's result.
#[no_mangle]
pub extern "C" fn result_len() -> usize {
    RESULT.with(|r| r.borrow().len())
}

/// getrandom's source on wasm32 (see `.cargo/config.toml`): a fixed
/// sequence. Reading an index needs no randomness; tantivy only asks for it
/// when naming new segments, which the browser never writes.
///
/// # Safety
/// `dest` must point to `len` writable bytes.
#[cfg(target_arch = "wasm32")]
#[no_mangle]
unsafe extern "Rust" fn __getrandom_v03_custom(
    dest: *mut u8,
    len: usize,
) -> Result<(), getrandom::Error> {
    let mut state: u32 = 0x9e37_79b9;
    for i in 0..len {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        *dest.add(i) = state as u8;
    }
    Ok(())
}
