//! `callpad history`: the calls placed from this data folder (app and CLI alike), newest first,
//! searchable by name or digits; as text, JSON, or CSV for a spreadsheet.

use callpad_core::calls::history;

use crate::exit::Failure;
use crate::flags;

#[derive(clap::Args)]
pub struct Args {
    /// Only calls whose contact name or number matches (digits in any format: `555 12`).
    #[arg(long, default_value = "")]
    query: String,
    /// At most this many calls (1-100000).
    #[arg(long, default_value_t = 50, allow_negative_numbers = true,
          value_parser = flags::range(1usize, 100_000))]
    limit: usize,
    /// Print JSON (every state with its time included).
    #[arg(long, conflicts_with = "csv")]
    json: bool,
    /// Print the whole history as CSV.
    #[arg(long)]
    csv: bool,
}

pub fn run(args: Args) -> Result<(), Failure> {
    let data_dir = callpad_core::paths::data_dir()?;
    let db = callpad_core::db::open_in(&data_dir)?;
    if args.csv {
        return history::export_csv(&db, std::io::stdout().lock()).map_err(Failure::from);
    }
    let entries = history::list(&db, &args.query, args.limit)?;
    if args.json {
        let text = serde_json::to_string_pretty(&entries)
            .map_err(|e| Failure::failed(format!("could not write JSON: {e}")))?;
        println!("{text}");
        return Ok(());
    }
    if entries.is_empty() {
        println!("no calls yet");
    }
    for e in entries {
        let who = e.contact_name.as_deref().unwrap_or(&e.to);
        println!(
            "{}  {who}  {}  [{}; from {}; {}]{}",
            callpad_core::calendar::rfc3339(e.created_at_ms),
            e.outcome,
            e.mode.as_str(),
            e.caller_id,
            e.profile,
            e.call_id.map(|id| format!("  {id}")).unwrap_or_default()
        );
    }
    Ok(())
}
