//! The `peerdir` command: parses the command line and hands over to [`peerdir::cli`].

/// A build makes millions of small strings and values across threads;
/// mimalloc serves them faster than the system allocator. It asks for no
/// transparent huge pages: zeroing 2 MB pages on first touch cost more
/// system time than they saved.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    peerdir::cli::main()
}
