//! `verbatim`: a thin shell over the library. Each subcommand lives in `cmd/`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

mod cmd;

/// mimalloc: the stages allocate many small strings and vectors per document, and
/// glibc's malloc and free took about a tenth of the single-core pipeline's time.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser, Debug)]
#[command(
    name = "verbatim",
    version,
    about = "Who said what, to whom, when, and through which outlets."
)]
pub struct Cli {
    /// The store (a SQLite file). Default: a per-user data directory.
    #[arg(long, global = true, env = "VERBATIM_STORE")]
    pub store: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

/// Output formats; not every command offers all of them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Table,
    Json,
    Jsonl,
    Csv,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Ingest files, directories or stdin (-) into the store.
    Ingest(cmd::ingest::Args),
    /// List stored documents.
    Docs(cmd::docs::Args),
    /// Show one document with its layers.
    Show(cmd::show::Args),
    /// Export stored documents and statements.
    Export(cmd::export::Args),
    /// Counts of what the store holds.
    Stats(cmd::stats::Args),
    /// Extract clean articles from pages (no store).
    Extract(cmd::extract::Args),
    /// Statements: from PATHs (no store), or queried from the store.
    Statements(cmd::statements::Args),
    /// Actor mentions from PATHs (no store), or actors in the store with counts.
    Actors(cmd::actors::Args),
    /// Serve the JSON API and web UI over the store.
    Serve(cmd::serve::Args),
    /// Measure throughput of the stages.
    Bench(cmd::bench::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let global = cmd::Global { store: cli.store };
    let result = match cli.command {
        Command::Ingest(a) => cmd::ingest::run(a, &global),
        Command::Docs(a) => cmd::docs::run(a, &global),
        Command::Show(a) => cmd::show::run(a, &global),
        Command::Export(a) => cmd::export::run(a, &global),
        Command::Stats(a) => cmd::stats::run(a, &global),
        Command::Extract(a) => cmd::extract::run(a, &global),
        Command::Statements(a) => cmd::statements::run(a, &global),
        Command::Actors(a) => cmd::actors::run(a, &global),
        Command::Serve(a) => cmd::serve::run(a, &global),
        Command::Bench(a) => cmd::bench::run(a, &global),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("verbatim: {e:#}");
            ExitCode::from(2)
        }
    }
}
