//! What the app tells the UI about itself at start: version, where its data lives, and the words
//! for its vocabularies.
//! It holds no settings and no secrets.

use serde::Serialize;
use ts_rs::TS;

/// Facts about the running app, shown in the UI's footer and used by tests.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    pub name: String,
    pub version: String,
    /// The folder holding contacts, history and preferences (never secrets).
    pub data_dir: String,
    /// The words for Callpad's fixed vocabularies (modes, test results).
    pub vocabulary: crate::vocabulary::Vocabulary,
}

impl AppInfo {
    pub fn new(data_dir: &std::path::Path) -> Self {
        Self {
            name: "Callpad".to_owned(),
            version: env!("CARGO_PKG_VERSION").to_owned(),
            data_dir: data_dir.display().to_string(),
            vocabulary: crate::vocabulary::Vocabulary::new(),
        }
    }
}
