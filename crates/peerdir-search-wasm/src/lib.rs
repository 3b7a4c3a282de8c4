//! The browser's search engine: [`peerdir_search`] compiled to
//! `wasm32-unknown-unknown` behind a small C ABI, so no JavaScript glue
//! generator is needed. The Web Worker (`search-worker.js`) calls it:
//!
//! 1. `alloc(len)` → pointer; the worker copies the index file there and
//!    calls `open(ptr, len)` (0 on success); when the bodies file has
//!    arrived, it copies it and calls `bodies(ptr, len)`.
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

/// Keeps a call's outcome as the result: 0 with its bytes, or 1 with the
/// error message.
fn answer(outcome: Result<Vec<u8>, String>) -> u32 {
    let (code, bytes) = match outcome {
        Ok(bytes) => (0, bytes),
        Err(msg) => (1, msg.into_bytes()),
    };
    set_result(bytes);
    code
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
    answer(Engine::open(bytes(ptr, len)).map_err(|e| e.to_string()).map(|engine| {
        ENGINE.with(|e| *e.borrow_mut() = Some(engine));
        Vec::new()
    }))
}

/// Adds the listings' bodies (the bodies file at `ptr`). Returns 0, or 1
/// with the error as result.
///
/// # Safety
/// `ptr` must point to `len` initialized bytes.
#[no_mangle]
pub unsafe extern "C" fn bodies(ptr: *const u8, len: usize) -> u32 {
    answer(ENGINE.with(|e| match e.borrow_mut().as_mut() {
        Some(engine) => {
            engine.add_bodies(bytes(ptr, len)).map(|()| Vec::new()).map_err(|e| e.to_string())
        }
        None => Err("no index is open".to_string()),
    }))
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
    answer(outcome.and_then(|resp| serde_json::to_vec(&resp).map_err(|e| e.to_string())))
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
