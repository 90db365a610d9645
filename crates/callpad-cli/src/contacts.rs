//! `callpad contacts import|export|search`: the contact list in the data folder's database
//! (`CALLPAD_DATA_DIR`). The work is callpad-core's `contacts`; this file parses flags and prints.

use std::io::Write as _;
use std::path::PathBuf;

use callpad_core::contacts::{self, ContactStore, ImportPreview};
use callpad_core::{db, paths};

use crate::exit::Failure;

#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Subcommand)]
enum Command {
    /// Import a CSV (Google Contacts, Outlook, name,phone) or vCard file. Prints how the columns
    /// were read and every rejected row with its line; duplicates merge into one contact.
    Import {
        /// The file to read.
        file: PathBuf,
        /// Region for numbers written without + (two letters, e.g. US, GB).
        #[arg(long, value_name = "CC")]
        region: Option<String>,
        /// Show what would be imported; write nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Write every contact to stdout.
    Export {
        #[arg(long, value_enum, default_value_t = Format::Csv)]
        format: Format,
    },
    /// Find contacts by name, company, tag or any part of a number; prints name, label, number.
    Search {
        query: String,
        /// At most this many results.
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Csv,
    Vcard,
}

pub fn run(args: Args) -> Result<(), Failure> {
    let mut store = ContactStore::new(db::open_in(&paths::data_dir()?)?)?;
    match args.command {
        Command::Import {
            file,
            region,
            dry_run,
        } => import(&mut store, &file, region.as_deref(), dry_run),
        Command::Export { format } => {
            let all = store.list()?;
            let bytes = match format {
                Format::Csv => contacts::to_csv(&all),
                Format::Vcard => contacts::to_vcard(&all).into_bytes(),
            };
            std::io::stdout()
                .write_all(&bytes)
                .map_err(|err| Failure::failed(format!("cannot write the export: {err}")))
        }
        Command::Search { query, limit } => {
            let hits = store.search(&query, limit);
            if hits.is_empty() {
                eprintln!("no contact matches \"{query}\"");
            }
            for hit in hits {
                let (label, number) = hit
                    .number
                    .map_or(("-".to_owned(), "-".to_owned()), |n| (n.label, n.display));
                let dnc = if hit.opt_out { "\tdo not call" } else { "" };
                println!("{}\t{label}\t{number}{dnc}", hit.name);
            }
            Ok(())
        }
    }
}

fn import(
    store: &mut ContactStore,
    file: &PathBuf,
    region: Option<&str>,
    dry_run: bool,
) -> Result<(), Failure> {
    let bytes = std::fs::read(file)
        .map_err(|err| Failure::usage(format!("cannot read {}: {err}", file.display())))?;
    let preview = contacts::preview(store, &bytes, region)?;
    print_preview(file, &preview);
    if dry_run {
        println!(
            "Dry run: nothing was written (would create {} contacts and add to {} existing ones).",
            preview.new_contacts, preview.merged_into_existing
        );
        return Ok(());
    }
    let mut last_tenth = None;
    let summary = contacts::commit(store, &preview, |done, total| {
        let tenth = (done * 10).checked_div(total).unwrap_or(10);
        if last_tenth != Some(tenth) {
            last_tenth = Some(tenth);
            eprintln!("importing: {done} of {total}");
        }
    })?;
    println!(
        "Imported: {} new contacts, {} merged into existing contacts.",
        summary.created, summary.merged_into_existing
    );
    Ok(())
}

fn print_preview(file: &std::path::Path, preview: &ImportPreview) {
    let how = match &preview.delimiter {
        Some(d) if d == "\t" => format!("{}, tab-separated", preview.encoding),
        Some(d) => format!("{}, delimiter \"{d}\"", preview.encoding),
        None => preview.encoding.clone(),
    };
    println!("Read {} as {} ({how})", file.display(), preview.format);
    println!("Columns:");
    let width = preview
        .mapping
        .iter()
        .map(|m| m.column.chars().count())
        .max()
        .unwrap_or(0);
    for mapping in &preview.mapping {
        println!("  {:width$}  -> {}", mapping.column, mapping.target);
    }
    println!(
        "{} rows: {} ok, {} rejected, {} duplicates merged",
        preview.rows_read,
        preview.rows_ok,
        preview.rejected.len(),
        preview.duplicates_merged
    );
    if !preview.rejected.is_empty() {
        println!("Rejected rows:");
        for rejected in &preview.rejected {
            println!("  {rejected}");
        }
    }
}
