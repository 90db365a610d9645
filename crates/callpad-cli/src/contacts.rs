//! `callpad contacts import|export|search`: the contact list in the data folder's database
//! (`CALLPAD_DATA_DIR`). The work is callpad-core's `contacts`; this file parses flags and prints.

use std::io::Write as _;
use std::path::PathBuf;

use callpad_core::contacts::{self, ContactStore, ImportPreview};
use callpad_core::{db, paths};

use crate::exit::Failure;
use crate::flags;

/// `--region`: a region libphonenumber knows, else a usage error (exit 2) before anything is read.
fn region_code(code: &str) -> Result<String, String> {
    if callpad_core::numbers::is_supported_region(code) {
        Ok(code.trim().to_ascii_uppercase())
    } else {
        Err(format!(
            "{} is not a region code Callpad knows; use a two-letter ISO 3166 code such as US or GB",
            contacts::excerpt(code)
        ))
    }
}

/// Text from the file (a column name), safe to print: no escape sequences or line breaks.
fn clean(text: &str) -> String {
    let quoted = contacts::excerpt(text);
    quoted
        .strip_prefix('"')
        .and_then(|q| q.strip_suffix('"'))
        .map_or(quoted.clone(), str::to_owned)
}

#[derive(clap::Subcommand)]
pub enum Command {
    /// Import a CSV (Google Contacts, Outlook, name,phone) or vCard file. Prints how the columns
    /// were read and every rejected row with its line; duplicates merge into one contact.
    Import {
        /// The file to read.
        file: PathBuf,
        /// Region for numbers written without + (two letters, e.g. US, GB).
        #[arg(long, value_name = "CC", value_parser = region_code)]
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
        /// At most this many results (1-1000).
        #[arg(long, default_value_t = 20, allow_negative_numbers = true,
              value_parser = flags::range(1usize, 1000))]
        limit: usize,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Format {
    Csv,
    Vcard,
}

pub fn run(command: Command) -> Result<(), Failure> {
    let mut store = ContactStore::new(db::open_in(&paths::data_dir()?)?)?;
    match command {
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
                eprintln!("no contact matches {}", contacts::excerpt(&query));
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
    let columns: Vec<String> = preview.mapping.iter().map(|m| clean(&m.column)).collect();
    let width = columns.iter().map(|c| c.chars().count()).max().unwrap_or(0);
    for (column, mapping) in columns.iter().zip(&preview.mapping) {
        println!(
            "  {column:width$}  -> {}",
            clean(&mapping.target.to_string())
        );
    }
    println!("{}", preview.summary());
    if !preview.notices.is_empty() {
        println!("Numbers that two names share:");
        for notice in &preview.notices {
            println!("  line {}: {}", notice.line, notice.message);
        }
    }
    if !preview.rejected.is_empty() {
        println!("Rejected rows:");
        for rejected in &preview.rejected {
            println!("  {rejected}");
        }
    }
}
