//! `callpad dial --selection`: the select-to-call hotkey for desktops where Callpad cannot hold a
//! global shortcut (Wayland). It reads the selected text (or the clipboard), finds the phone
//! numbers in it with callpad-core (the same finder as the app's hotkey) and hands the number to
//! the Callpad window as a `tel:` link (`callpad-app tel:…`): the running window takes it and
//! pre-fills or calls after its countdown, as the app settings say, so a wrong number can still be
//! cancelled. `--print` only prints the numbers, for scripts (`callpad call --to …`).

use std::path::PathBuf;
use std::process::Command;

use callpad_core::app::DesktopDial;
use callpad_core::selection::{SelectionSource, read_selection};

use crate::exit::Failure;
use crate::session;

/// Where the app binary is, when it is neither next to `callpad` nor on PATH.
pub const APP_ENV: &str = "CALLPAD_APP";

#[derive(clap::Args)]
pub struct Args {
    /// Read the selected text (X11/Wayland PRIMARY selection; the clipboard when nothing is selected).
    #[arg(long, required_unless_present = "clipboard")]
    selection: bool,
    /// Read the clipboard instead.
    #[arg(long, conflicts_with = "selection")]
    clipboard: bool,
    /// Only print the numbers found (E.164, with ";ext=" when there is one), one per line.
    #[arg(long)]
    print: bool,
    /// Which number to hand over when several are found (1 = the first).
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=20))]
    pick: u32,
}

pub async fn run(args: Args) -> Result<(), Failure> {
    let core = session::open().await?;
    let source = if args.clipboard {
        SelectionSource::Clipboard
    } else {
        SelectionSource::Primary
    };
    let selection = read_selection(source)?;
    let dial = core.dial_from_text(&selection, &core.app_settings())?;
    if let Some(message) = &dial.message {
        return Err(Failure::usage(message.clone()));
    }
    let links: Vec<String> = dial.numbers.iter().map(DesktopDial::tel_uri).collect();
    if args.print {
        for link in &links {
            println!("{}", link.trim_start_matches("tel:"));
        }
        return Ok(());
    }
    let index = args.pick as usize - 1;
    let Some(link) = links.get(index) else {
        return Err(Failure::usage(format!(
            "--pick {} asks for number {}, but the {} holds {} number(s)",
            args.pick,
            args.pick,
            source.words(),
            links.len()
        )));
    };
    if links.len() > 1 {
        for (i, found) in dial.numbers.iter().enumerate() {
            eprintln!("  {}. {}  ({})", i + 1, found.input, found.context);
        }
        eprintln!(
            "callpad: {} numbers found; handing over number {} (choose another with --pick N)",
            links.len(),
            args.pick
        );
    }
    let app = app_binary();
    let status = Command::new(&app).arg(link).spawn().map_err(|e| {
        Failure::failed(format!(
            "could not start the Callpad app ({}: {e}); install it, or set {APP_ENV} to its path",
            app.display()
        ))
    })?;
    // The app runs on (or hands the link to the running one and exits); no need to wait.
    drop(status);
    println!("{link}");
    Ok(())
}

/// `$CALLPAD_APP`, else `callpad-app` next to this binary, else `callpad-app` on PATH.
fn app_binary() -> PathBuf {
    if let Some(path) = std::env::var_os(APP_ENV) {
        return PathBuf::from(path);
    }
    std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join("callpad-app")))
        .filter(|path| path.is_file())
        .unwrap_or_else(|| PathBuf::from("callpad-app"))
}
