//! The TypeScript the UI sees for every type that crosses IPC, generated from the Rust types with
//! ts-rs into `ui/src/lib/bindings.ts`. A test fails when the committed file is stale.

use ts_rs::{Config, TS};

/// The full text of `ui/src/lib/bindings.ts` for the current Rust types.
pub fn typescript_bindings() -> String {
    let cfg = Config::default();
    let decls = [
        callpad_core::app_info::AppInfo::decl(&cfg),
        callpad_core::app_settings::AppSettings::decl(&cfg),
        callpad_core::app_settings::AppSettingsPatch::decl(&cfg),
        callpad_core::app_settings::Hotkeys::decl(&cfg),
        callpad_core::app_settings::Theme::decl(&cfg),
        callpad_core::app_settings::NumberAction::decl(&cfg),
        callpad_core::app::AppSettingsView::decl(&cfg),
        callpad_core::app::DesktopStatus::decl(&cfg),
        callpad_core::app::DesktopDial::decl(&cfg),
        callpad_core::app::Favourite::decl(&cfg),
        callpad_core::numbers::FoundNumber::decl(&cfg),
        callpad_core::vocabulary::Vocabulary::decl(&cfg),
        callpad_core::vocabulary::Choice::decl(&cfg),
        crate::error::IpcError::decl(&cfg),
        callpad_core::ErrorCode::decl(&cfg),
        callpad_core::numbers::Dialable::decl(&cfg),
        callpad_core::numbers::PhoneNumber::decl(&cfg),
        callpad_core::numbers::SipAddress::decl(&cfg),
        callpad_core::app::NumberPreview::decl(&cfg),
        callpad_core::app::RegionChoice::decl(&cfg),
        callpad_core::app::ProfilesOverview::decl(&cfg),
        callpad_core::app::ProfileSummary::decl(&cfg),
        callpad_core::app::NewProfile::decl(&cfg),
        callpad_core::app::ConnectionPatch::decl(&cfg),
        callpad_core::app::SpaceConnected::decl(&cfg),
        callpad_core::profiles::Profile::decl(&cfg),
        callpad_core::profiles::ProfileSettingsPatch::decl(&cfg),
        callpad_core::profiles::StatusMethod::decl(&cfg),
        callpad_core::profiles::SettingsWarning::decl(&cfg),
        callpad_core::db::DamagedDatabase::decl(&cfg),
        callpad_core::profiles::ConnectionReport::decl(&cfg),
        callpad_core::calls::StatusChoice::decl(&cfg),
        callpad_core::calls::StatusInUse::decl(&cfg),
        callpad_core::status::WebhookTally::decl(&cfg),
        callpad_core::calls::ReconcileReport::decl(&cfg),
        callpad_core::status::LegStatusView::decl(&cfg),
        callpad_core::caller_ids::CallerIds::decl(&cfg),
        callpad_core::app::CallerIdPicker::decl(&cfg),
        callpad_core::caller_ids::CallerId::decl(&cfg),
        callpad_core::caller_ids::CallerIdKind::decl(&cfg),
        callpad_core::caller_ids::LookupSummary::decl(&cfg),
        callpad_core::calls::CallRequest::decl(&cfg),
        callpad_core::calls::CallTarget::decl(&cfg),
        callpad_core::calls::CallMode::decl(&cfg),
        callpad_core::calls::ModeName::decl(&cfg),
        callpad_core::calls::MessageSource::decl(&cfg),
        callpad_core::calls::PlacedCall::decl(&cfg),
        callpad_core::app::CallStarted::decl(&cfg),
        callpad_core::calls::CallUpdate::decl(&cfg),
        callpad_core::status::CallStatusView::decl(&cfg),
        callpad_core::status::TimelineEntry::decl(&cfg),
        callpad_core::status::CallPhase::decl(&cfg),
        callpad_core::status::EndCause::decl(&cfg),
        callpad_core::status::Source::decl(&cfg),
        callpad_core::calls::HistoryEntry::decl(&cfg),
        callpad_core::app::HistoryRow::decl(&cfg),
        callpad_core::calls::HistoryEvent::decl(&cfg),
        callpad_core::calls::Placement::decl(&cfg),
        callpad_core::app::CallerIdTestResult::decl(&cfg),
        callpad_core::app::HistoryFormat::decl(&cfg),
        callpad_core::contacts::SearchPage::decl(&cfg),
        callpad_core::contacts::SearchHit::decl(&cfg),
        callpad_core::contacts::HitSource::decl(&cfg),
        callpad_core::contacts::HitNumber::decl(&cfg),
        callpad_core::contacts::MatchedField::decl(&cfg),
        callpad_core::contacts::Contact::decl(&cfg),
        callpad_core::contacts::ContactNumber::decl(&cfg),
        callpad_core::contacts::ContactInput::decl(&cfg),
        callpad_core::contacts::NumberInput::decl(&cfg),
        // ImportPreview reaches the UI only flattened into ImportPlan, so it is not declared.
        callpad_core::contacts::ImportNotice::decl(&cfg),
        callpad_core::app::ImportPlan::decl(&cfg),
        callpad_core::app::ImportWords::decl(&cfg),
        callpad_core::app::ExportFormat::decl(&cfg),
        callpad_core::contacts::ImportFormat::decl(&cfg),
        callpad_core::contacts::ColumnMapping::decl(&cfg),
        callpad_core::contacts::ColumnTarget::decl(&cfg),
        callpad_core::contacts::RejectedRow::decl(&cfg),
        callpad_core::contacts::ImportSummary::decl(&cfg),
        crate::host::ImportProgress::decl(&cfg),
        callpad_core::reminders::CampaignSettings::decl(&cfg),
        callpad_core::reminders::MenuKey::decl(&cfg),
        callpad_core::reminders::KeyAction::decl(&cfg),
        callpad_core::reminders::Schedule::decl(&cfg),
        callpad_core::reminders::Safeguards::decl(&cfg),
        callpad_core::reminders::RetryPolicy::decl(&cfg),
        callpad_core::reminders::RetryRule::decl(&cfg),
        callpad_core::reminders::Outcome::decl(&cfg),
        callpad_core::reminders::Exclusion::decl(&cfg),
        callpad_core::reminders::RecipientState::decl(&cfg),
        callpad_core::app::reminders::CampaignReview::decl(&cfg),
        callpad_core::app::reminders::ExcludedRow::decl(&cfg),
        callpad_core::app::reminders::CampaignListing::decl(&cfg),
        callpad_core::app::reminders::CampaignStatus::decl(&cfg),
        callpad_core::app::reminders::RecipientStatus::decl(&cfg),
        callpad_core::app::reminder_window::ReminderDraft::decl(&cfg),
        callpad_core::app::reminder_window::ReminderPreview::decl(&cfg),
        callpad_core::app::reminder_window::ColumnUse::decl(&cfg),
        callpad_core::app::reminder_window::DraftProblem::decl(&cfg),
        callpad_core::app::reminder_window::HeardMessage::decl(&cfg),
        callpad_core::app::reminder_window::KeypressReach::decl(&cfg),
        callpad_core::app::reminder_window::ReminderReport::decl(&cfg),
        callpad_core::app::reminder_window::AttemptRow::decl(&cfg),
        callpad_core::app::reminder_window::CallingNow::decl(&cfg),
        callpad_core::reminders::progress::NextCall::decl(&cfg),
        callpad_core::reminders::progress::RunProgress::decl(&cfg),
        callpad_core::reminders::progress::RunEnd::decl(&cfg),
        callpad_core::app::reminder_window::OutcomeCount::decl(&cfg),
        callpad_core::app::reminder_window::CountWord::decl(&cfg),
        callpad_core::app::reminder_runs::ReminderTick::decl(&cfg),
        callpad_core::app::LinkOutcome::decl(&cfg),
        callpad_core::app::LinkDial::decl(&cfg),
        callpad_core::app::LinkRefused::decl(&cfg),
        callpad_core::links::LinkScheme::decl(&cfg),
        callpad_core::links::LinkHandlers::decl(&cfg),
        callpad_core::links::SchemeHandler::decl(&cfg),
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

    macro_rules! names {
        ($($name:ident),* $(,)?) => {
            &[$(stringify!($name)),*]
        };
    }

    /// The one command list, as names.
    const COMMANDS: &[&str] = with_commands!(names);

    fn camel(name: &str) -> String {
        let mut out = String::new();
        let mut upper = false;
        for c in name.chars() {
            if c == '_' {
                upper = true;
            } else if upper {
                out.extend(c.to_uppercase());
                upper = false;
            } else {
                out.push(c);
            }
        }
        out
    }

    /// `ui/src/lib/backend.ts` has, for every command `a_b`, `export const aB = … call<…>("a_b"`,
    /// and calls no other command: one name per command on both sides.
    #[test]
    fn backend_ts_wraps_exactly_the_command_list_by_the_same_names() {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/lib/backend.ts");
        let text = std::fs::read_to_string(path).unwrap();
        let mut called = std::collections::BTreeSet::new();
        for line in text.lines() {
            let line = line.trim();
            let Some(rest) = line.strip_prefix("export const ") else {
                continue;
            };
            let Some((name, body)) = rest.split_once(" = ") else {
                continue;
            };
            let Some(start) = body.find(">(\"") else {
                continue;
            };
            let command: String = body[start + 3..]
                .chars()
                .take_while(|c| *c != '"')
                .collect();
            assert_eq!(
                name,
                camel(&command),
                "backend.ts: {name} calls \"{command}\""
            );
            called.insert(command);
        }
        let listed: std::collections::BTreeSet<String> =
            COMMANDS.iter().map(|c| c.to_string()).collect();
        assert_eq!(
            called, listed,
            "backend.ts and src/command_list.rs list different commands"
        );
    }

    /// The capability allows exactly the listed commands (build.rs writes it from the list).
    #[test]
    fn the_capability_allows_exactly_the_command_list() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("capabilities/main.json");
        let json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let allowed: std::collections::BTreeSet<String> = json["permissions"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|p| {
                p.as_str()?
                    .strip_prefix("allow-")
                    .map(|n| n.replace('-', "_"))
            })
            .collect();
        let listed: std::collections::BTreeSet<String> =
            COMMANDS.iter().map(|c| c.to_string()).collect();
        assert_eq!(allowed, listed);
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
