//! Phone links from the rest of the desktop: reading `tel:`, `callto:` and `sip:` links
//! (`parse.rs`) and asking the desktop which app opens them (`handlers.rs`). What a link does once
//! read is the `link_action` app setting; the window's use of them is `app::Callpad::open_link`.

mod handlers;
mod parse;

pub use handlers::{Desktop, LINK_SCHEMES, LinkHandlers, SchemeHandler};
pub use parse::{LinkScheme, MAX_LINK_LEN, ParsedLink, is_link, link_in_args, parse_link};

/// The name one running Callpad holds on the session bus for a data folder, from `base` (the
/// app's identifier, `dev.callpad.app`): a second launch on the same folder hands its link to
/// the window holding it, and one on another folder (`CALLPAD_DATA_DIR`) is a Callpad of its own.
/// Stable across runs and builds: FNV-1a of the folder's path.
pub fn single_instance_id(base: &str, data_dir: &std::path::Path) -> String {
    let path = data_dir
        .canonicalize()
        .unwrap_or_else(|_| data_dir.to_path_buf());
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in path.as_os_str().as_encoded_bytes() {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{base}.data{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_instance_name_per_data_folder_and_a_valid_bus_name() {
        let a = tempfile::tempdir().unwrap();
        let b = tempfile::tempdir().unwrap();
        let id = single_instance_id("dev.callpad.app", a.path());
        assert_eq!(id, single_instance_id("dev.callpad.app", a.path()));
        assert_eq!(
            id,
            single_instance_id("dev.callpad.app", &a.path().join(".")),
            "the same folder however it is written"
        );
        assert_ne!(id, single_instance_id("dev.callpad.app", b.path()));
        let last = id.rsplit('.').next().unwrap();
        assert!(last.starts_with("data") && last.len() == 20, "{id}");
        assert!(id.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'.'));
    }
}
