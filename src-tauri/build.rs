fn main() {
    // Every app command must be listed here; the capability in capabilities/ then allows each one
    // by name, so the UI can call nothing it was not given.
    let manifest = tauri_build::AppManifest::new().commands(&["app_info", "normalize_number"]);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .expect("tauri build script failed");
}
