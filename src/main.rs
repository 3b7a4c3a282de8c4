//! The `peerdir` command: parses the command line and hands over to [`peerdir::cli`].

fn main() -> std::process::ExitCode {
    peerdir::cli::main()
}
