//! `callpad`: the command-line face of callpad-core, for scripting and testing from a terminal.

use clap::Parser;

#[derive(Parser)]
#[command(name = "callpad", version, about = "Click-to-call from a terminal, on the same core as the app")]
struct Cli {}

fn main() {
    let _cli = Cli::parse();
}
