// Tauri's build step for the bare benchmark app (context, default permissions).
fn main() {
    tauri_build::build()
}
