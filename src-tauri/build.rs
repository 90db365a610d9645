fn main() {
    // Every app command must be listed here; the capability in capabilities/ then allows each one
    // by name, so the UI can call nothing it was not given.
    let manifest = tauri_build::AppManifest::new().commands(&[
        "app_info",
        "normalize_number",
        "profiles_overview",
        "profile_add",
        "profile_update",
        "profile_use",
        "profile_remove",
        "profile_test",
        "practice_start",
        "session_status",
        "caller_ids",
        "call_place",
        "call_hang_up",
        "number_lookup",
        "history_list",
        "history_set_test_result",
        "history_export_csv",
        "contacts_search",
        "contact_get",
        "contact_save",
        "contact_delete",
        "contacts_import_preview",
        "contacts_import",
        "contacts_export",
    ]);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .expect("tauri build script failed");
}
