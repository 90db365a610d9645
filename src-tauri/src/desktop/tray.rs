//! The tray icon (Tauri's tray-icon feature): draws core's `TrayMenu` and hands a clicked entry's
//! id back to `Callpad::tray_act`, then does what it answers (show/hide, dial, quit). The menu is
//! drawn again when a call changes, the window is shown or hidden, and every half minute.

use std::time::Duration;

use callpad_core::app::{TrayEntry, TrayOutcome, tray_error};
use tauri::menu::{CheckMenuItem, IsMenuItem, Menu, MenuItem, PredefinedMenuItem, Submenu};
use tauri::tray::TrayIconBuilder;
use tauri::{AppHandle, Manager, Wry};

pub const TRAY_ID: &str = "main";

/// Puts the icon in the tray. Fails where the desktop has no tray (then close-to-tray and start
/// minimised are ignored, and the settings sheet says so).
pub fn install(app: &AppHandle) -> tauri::Result<()> {
    let menu = build(app)?;
    let mut builder = TrayIconBuilder::with_id(TRAY_ID)
        .menu(&menu)
        .show_menu_on_left_click(true)
        .tooltip("Callpad")
        .on_menu_event(|app, event| act(app, event.id().as_ref()));
    if let Some(icon) = app.default_window_icon() {
        builder = builder.icon(icon.clone());
    }
    builder.build(app)?;
    let handle = app.clone();
    std::thread::spawn(move || {
        loop {
            std::thread::sleep(Duration::from_secs(30));
            redraw(&handle);
        }
    });
    Ok(())
}

fn act(app: &AppHandle, id: &str) {
    let core = super::core(app);
    match core.tray_act(id) {
        Ok(TrayOutcome::ToggleWindow) => super::window::toggle(app),
        Ok(TrayOutcome::Dial(dial)) => super::hand_to_window(app, &dial),
        Ok(TrayOutcome::Redraw) => redraw(app),
        Ok(TrayOutcome::Quit) => app.exit(0),
        Err(err) => tracing::warn!("{}", tray_error(&err)),
    }
}

/// Draws the menu again from core (on the main thread, as GTK wants).
pub fn redraw(app: &AppHandle) {
    let handle = app.clone();
    let _ = app.run_on_main_thread(move || {
        let Some(tray) = handle.tray_by_id(TRAY_ID) else {
            return;
        };
        match build(&handle) {
            Ok(menu) => {
                let _ = tray.set_menu(Some(menu));
                let tooltip = super::core(&handle).tray_menu(visible(&handle)).tooltip;
                let _ = tray.set_tooltip(Some(tooltip));
            }
            Err(err) => tracing::warn!("the tray menu could not be drawn: {err}"),
        }
    });
}

fn visible(app: &AppHandle) -> bool {
    app.get_webview_window("main")
        .is_some_and(|w| w.is_visible().unwrap_or(false) && !w.is_minimized().unwrap_or(false))
}

fn build(app: &AppHandle) -> tauri::Result<Menu<Wry>> {
    let model = super::core(app).tray_menu(visible(app));
    let items = entries(app, &model.entries)?;
    let refs: Vec<&dyn IsMenuItem<Wry>> = items.iter().map(|i| i.as_ref()).collect();
    Menu::with_items(app, &refs)
}

fn entries(app: &AppHandle, list: &[TrayEntry]) -> tauri::Result<Vec<Box<dyn IsMenuItem<Wry>>>> {
    let mut out: Vec<Box<dyn IsMenuItem<Wry>>> = Vec::new();
    for entry in list {
        out.push(match entry {
            TrayEntry::Item { id, label, enabled } => Box::new(MenuItem::with_id(
                app,
                id.as_str(),
                label,
                *enabled,
                None::<&str>,
            )?),
            TrayEntry::Check { id, label, checked } => Box::new(CheckMenuItem::with_id(
                app,
                id,
                label,
                true,
                *checked,
                None::<&str>,
            )?),
            TrayEntry::Separator => Box::new(PredefinedMenuItem::separator(app)?),
            TrayEntry::Submenu {
                label,
                entries: inner,
            } => {
                let items = entries(app, inner)?;
                let refs: Vec<&dyn IsMenuItem<Wry>> = items.iter().map(|i| i.as_ref()).collect();
                Box::new(Submenu::with_items(app, label, true, &refs)?)
            }
        });
    }
    Ok(out)
}
