//! The TypeScript the UI sees for every type that crosses IPC, generated from the Rust types with
//! ts-rs into `ui/src/lib/bindings.ts`. A test fails when the committed file is stale.

use ts_rs::{Config, TS};

/// The full text of `ui/src/lib/bindings.ts` for the current Rust types.
pub fn typescript_bindings() -> String {
    let cfg = Config::default();
    let decls = [
        callpad_core::app_info::AppInfo::decl(&cfg),
        crate::error::IpcError::decl(&cfg),
        callpad_core::numbers::Dialable::decl(&cfg),
        callpad_core::numbers::PhoneNumber::decl(&cfg),
        callpad_core::numbers::SipAddress::decl(&cfg),
        crate::commands::profiles::ProfilesOverview::decl(&cfg),
        crate::commands::profiles::ProfileSummary::decl(&cfg),
        crate::commands::profiles::NewProfile::decl(&cfg),
        callpad_core::profiles::Profile::decl(&cfg),
        callpad_core::profiles::StatusMethod::decl(&cfg),
        callpad_core::profiles::SettingsWarning::decl(&cfg),
        callpad_core::profiles::ConnectionReport::decl(&cfg),
        callpad_core::calls::StatusChoice::decl(&cfg),
        callpad_core::caller_ids::CallerIds::decl(&cfg),
        callpad_core::caller_ids::CallerId::decl(&cfg),
        callpad_core::caller_ids::CallerIdKind::decl(&cfg),
        callpad_core::caller_ids::LookupSummary::decl(&cfg),
        callpad_core::calls::CallRequest::decl(&cfg),
        callpad_core::calls::CallMode::decl(&cfg),
        callpad_core::calls::MessageSource::decl(&cfg),
        callpad_core::calls::PlacedCall::decl(&cfg),
        callpad_core::calls::CallUpdate::decl(&cfg),
        callpad_core::status::CallStatusView::decl(&cfg),
        callpad_core::status::TimelineEntry::decl(&cfg),
        callpad_core::status::CallPhase::decl(&cfg),
        callpad_core::status::EndCause::decl(&cfg),
        callpad_core::status::Source::decl(&cfg),
        callpad_core::calls::HistoryEntry::decl(&cfg),
        callpad_core::calls::HistoryEvent::decl(&cfg),
        callpad_core::calls::Placement::decl(&cfg),
        callpad_core::contacts::SearchHit::decl(&cfg),
        callpad_core::contacts::HitSource::decl(&cfg),
        callpad_core::contacts::HitNumber::decl(&cfg),
        callpad_core::contacts::MatchedField::decl(&cfg),
        callpad_core::contacts::Contact::decl(&cfg),
        callpad_core::contacts::ContactNumber::decl(&cfg),
        callpad_core::contacts::ContactInput::decl(&cfg),
        callpad_core::contacts::NumberInput::decl(&cfg),
        callpad_core::contacts::ImportPreview::decl(&cfg),
        callpad_core::contacts::ImportFormat::decl(&cfg),
        callpad_core::contacts::ColumnMapping::decl(&cfg),
        callpad_core::contacts::ColumnTarget::decl(&cfg),
        callpad_core::contacts::RejectedRow::decl(&cfg),
        callpad_core::contacts::ImportSummary::decl(&cfg),
        crate::commands::contacts::ImportProgress::decl(&cfg),
    ];
    let mut out = String::from(
        "// Generated from the Rust types by src-tauri/src/ipc_types.rs. Do not edit by hand:\n\
         // run `CALLPAD_UPDATE_BINDINGS=1 cargo test -p callpad-app bindings` after changing them.\n\n",
    );
    for decl in decls {
        out.push_str("export ");
        out.push_str(&decl);
        out.push_str("\n\n");
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted_names(text: &str, prefix: &str) -> std::collections::BTreeSet<String> {
        text.split(prefix)
            .skip(1)
            .filter_map(|rest| {
                let end =
                    rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))?;
                Some(rest[..end].replace('-', "_"))
            })
            .collect()
    }

    /// Every command registered in lib.rs is in build.rs's manifest and allowed by the capability,
    /// and nothing else is: the UI can call exactly what the shell serves.
    #[test]
    fn commands_manifest_and_capability_agree() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let read = |p: &str| std::fs::read_to_string(dir.join(p)).unwrap();
        let lib = read("src/lib.rs");
        let registered: std::collections::BTreeSet<String> = lib
            .lines()
            .filter_map(|l| l.trim().strip_prefix("commands::"))
            .filter_map(|l| l.rsplit("::").next())
            .map(|n| n.trim_end_matches(',').to_owned())
            .collect();
        let manifest = quoted_names(&read("build.rs"), "\n        \"");
        let allowed = quoted_names(&read("capabilities/main.json"), "\"allow-");
        assert!(!registered.is_empty());
        assert_eq!(
            registered, manifest,
            "build.rs lists other commands than lib.rs registers"
        );
        assert_eq!(
            registered, allowed,
            "capabilities/main.json allows other commands than lib.rs registers"
        );
    }

    #[test]
    fn bindings_are_up_to_date() {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/lib/bindings.ts");
        let wanted = typescript_bindings();
        if std::env::var_os("CALLPAD_UPDATE_BINDINGS").is_some() {
            std::fs::write(&path, &wanted).unwrap();
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == wanted,
            "ui/src/lib/bindings.ts is stale: run `CALLPAD_UPDATE_BINDINGS=1 cargo test -p callpad-app bindings` and commit it"
        );
    }
}
