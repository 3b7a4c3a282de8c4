//! Freeing the build's largest values (every card, every parsed body) off
//! the build's path: a thread of their own frees them while the build goes
//! on, and when the process ends first, the system takes their memory back
//! at once.

/// Frees `value` on a thread of its own (or here, should no thread start).
pub(crate) fn later<T: Send + 'static>(value: T) {
    let _ = std::thread::Builder::new().name("free".into()).spawn(move || drop(value));
}
