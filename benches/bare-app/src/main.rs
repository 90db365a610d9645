//! The start-up and memory benchmark's baseline (see README.md, "Benchmarks"): the smallest Tauri
//! v2 app — one window, one page, one command. Like Tauri's own start-up benchmark
//! (tauri-apps/tauri `bench/tests/helloworld`), the page calls the command once it has rendered;
//! with `CALLPAD_EXIT_WHEN_READY=1` the command exits, otherwise the app stays open (for memory).

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

#[tauri::command]
fn app_loaded_successfully() {
    if std::env::var_os("CALLPAD_EXIT_WHEN_READY").is_some_and(|v| v == "1") {
        std::process::exit(0);
    }
}

fn main() {
    tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![app_loaded_successfully])
        .run(tauri::generate_context!())
        .unwrap_or_else(|err| {
            eprintln!("callpad-bare-app: the window could not start: {err}");
            std::process::exit(1);
        });
}
