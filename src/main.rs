//! The `slant` binary: parse arguments, hand them to the library, report errors.

fn main() -> std::process::ExitCode {
    slant::cli::main()
}
