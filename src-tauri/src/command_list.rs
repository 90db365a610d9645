// The one list of IPC commands. `lib.rs` builds the handler from it, `build.rs` the manifest and
// the capability (capabilities/main.json), and a test checks `ui/src/lib/backend.ts` against it:
// each command `a_b` is the function `aB` there, calling "a_b". Add a command here and nowhere else.
// (Included by build.rs too, so it holds nothing but the macro.)

macro_rules! with_commands {
    ($callback:ident) => {
        $callback! {
            app_info,
            app_settings,
            app_settings_update,
            favourites,
            app_ready,
            number_preview,
            regions,
            profiles_overview,
            profile_add,
            profile_update_settings,
            profile_update_connection,
            profile_use,
            profile_remove,
            profile_test,
            practice_start,
            session_connect,
            session_webhooks,
            caller_ids,
            call_place,
            call_hang_up,
            number_lookup,
            history_list,
            history_set_test_result,
            history_export,
            history_reconcile,
            contacts_search,
            contact_get,
            contact_save,
            contact_delete,
            contacts_import_preview,
            contacts_import_commit,
            contacts_export,
            reminder_defaults,
            reminder_preview,
            reminder_create,
            reminder_campaigns,
            reminder_report,
            reminder_start,
            reminder_pause,
            reminder_resume,
            reminder_cancel,
            reminder_export,
            link_take,
            link_handlers,
            link_make_default,
        }
    };
}
