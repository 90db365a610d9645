// Generated from the Rust types by src-tauri/src/ipc_types.rs. Do not edit by hand:
// run `CALLPAD_UPDATE_BINDINGS=1 cargo test -p callpad-app bindings` after changing them.

export type AppInfo = { name: string, version: string, 
/**
 * The folder holding contacts, history and preferences (never secrets).
 */
dataDir: string, 
/**
 * The words for Callpad's fixed vocabularies (modes, test results).
 */
vocabulary: Vocabulary, };

export type AppSettings = { theme: Theme, 
/**
 * Desktop notifications (call ended, reminders) are shown.
 */
notifications: boolean, 
/**
 * Start hidden in the tray instead of showing the window.
 */
startMinimised: boolean, 
/**
 * Start Callpad when the person logs in.
 */
startAtLogin: boolean, 
/**
 * Closing the window hides it in the tray; Quit (tray menu) ends Callpad.
 */
closeToTray: boolean, hotkeys: Hotkeys, 
/**
 * What a `tel:`/`callto:`/`sip:` link does.
 */
linkAction: NumberAction, 
/**
 * What the select-to-call hotkey does with the number it found.
 */
hotkeyAction: NumberAction, 
/**
 * Seconds of the cancellable countdown before a link or hotkey calls.
 */
callCountdownS: number, };

export type AppSettingsPatch = { theme: Theme | null, notifications: boolean | null, startMinimised: boolean | null, startAtLogin: boolean | null, closeToTray: boolean | null, selectToCallHotkey: string | null, quickDialHotkey: string | null, linkAction: NumberAction | null, hotkeyAction: NumberAction | null, callCountdownS: number | null, };

export type Hotkeys = { 
/**
 * Reads the selected text (or the clipboard) and dials the number in it.
 */
selectToCall: string | null, 
/**
 * Opens the quick-dial bar.
 */
quickDial: string | null, };

export type Theme = "system" | "light" | "dark";

export type NumberAction = "prefill" | "call";

export type AppSettingsView = { settings: AppSettings, desktop: DesktopStatus, };

export type DesktopStatus = { 
/**
 * A Wayland session: global hotkeys and reading the selection are restricted there.
 */
wayland: boolean, 
/**
 * Whether the shell has a tray icon (close-to-tray and start-minimised need one).
 */
tray: boolean, 
/**
 * One sentence per setting the desktop refused (a hotkey another app holds, autostart).
 */
problems: Array<string>, };

export type DesktopDial = { 
/**
 * Where they came from: `selection`, `clipboard`, `tray`.
 */
source: string, 
/**
 * Each number, in order (several → the window offers a picker).
 */
numbers: Array<FoundNumber>, action: NumberAction, 
/**
 * Seconds before a `call` action dials (0: at once, for an explicit tray click).
 */
countdownS: number, 
/**
 * When nothing was found: what to do next.
 */
message: string | null, };

export type Favourite = { contactId: number, name: string, 
/**
 * The number dialled (E.164 or `sip:`), as the contact holds it.
 */
dial: string, 
/**
 * What goes in the dial pad, and reads well: `+1 206-555-0175 ext. 7`.
 */
input: string, };

export type FoundNumber = { 
/**
 * The number as the dial pad reads it (`typed` is the text it was found as).
 */
number: PhoneNumber, 
/**
 * What goes in the dial pad for it: `+1 206-555-0174 ext. 12`.
 */
input: string, 
/**
 * A few words around it, to tell several apart in a picker.
 */
context: string, };

export type Vocabulary = { 
/**
 * Call modes, in the order the call options offer them.
 */
callModes: Array<Choice>, 
/**
 * What a caller-ID test's phone showed.
 */
testResults: Array<Choice>, };

export type Choice = { 
/**
 * The value as it crosses IPC (`callMeFirst`, `shownCorrectly`, …).
 */
value: string, label: string, };

export type IpcError = { code: ErrorCode, 
/**
 * A sentence a person can act on.
 */
message: string, 
/**
 * The form field it is about, in words (`"API token"`), when it is about one.
 */
field: string | null, };

export type ErrorCode = "data_dir" | "invalid_space_url" | "missing_credential" | "invalid_request" | "client_setup" | "unauthorized" | "forbidden" | "not_found" | "rejected" | "rate_limited" | "server_error" | "unexpected_status" | "network" | "connection_lost" | "timeout" | "bad_response" | "dial_outcome_unknown" | "invalid_number" | "keychain_unavailable" | "keychain_locked" | "keychain" | "secret_missing" | "settings_write" | "invalid_profile" | "invalid_app_setting" | "selection_unreadable" | "profile_exists" | "profile_not_found" | "no_active_profile" | "missing_scope" | "not_a_space" | "caller_id_not_allowed" | "bad_webhook" | "listener" | "history_export" | "opted_out" | "database" | "database_busy" | "database_open" | "database_too_new" | "invalid_contact" | "contact_not_found" | "import_unreadable" | "practice_start" | "call_in_progress" | "import_not_found" | "bad_payload" | "export_write" | "invalid_campaign" | "campaign_not_found" | "attempt_out_of_order" | "runner_busy" | "internal";

export type Dialable = { "kind": "phone" } & PhoneNumber | { "kind": "sip" } & SipAddress;

export type PhoneNumber = { 
/**
 * What is dialled, e.g. `+442079460958`. Never includes the extension.
 */
e164: string, 
/**
 * Formatted for reading anywhere, e.g. `+44 20 7946 0958`.
 */
international: string, 
/**
 * Formatted as dialled inside its country, e.g. `020 7946 0958`.
 */
national: string, 
/**
 * ISO 3166 alpha-2 code of the number's region, e.g. `GB`; `001` for non-geographic
 * numbers such as +800 freephone. (The UI can name it with `Intl.DisplayNames`.)
 */
region: string, 
/**
 * Digits to dial once the call connects (`x123`, `ext. 123`, `;ext=123`, `#123`, `,,123`),
 * ASCII digits only. See [`send_digits_for_extension`].
 */
extension: string | null, 
/**
 * Exactly what was typed or pasted.
 */
typed: string, };

export type SipAddress = { 
/**
 * `sip:user@host[:port][;params]` (or `sips:`), scheme and host in lower case.
 */
uri: string, };

export type NumberPreview = { dialable: Dialable, 
/**
 * A contact holding this number asked not to be called: Call will be refused.
 */
doNotCall: boolean, };

export type RegionChoice = { 
/**
 * ISO 3166 alpha-2, e.g. `GB`.
 */
code: string, 
/**
 * e.g. 44.
 */
callingCode: number, };

export type ProfilesOverview = { profiles: Array<ProfileSummary>, active: string | null, 
/**
 * Set when the settings file could not be read at start (it was kept aside).
 */
warning: SettingsWarning | null, 
/**
 * Set when the OS keychain cannot be used: what is wrong and how to fix it.
 */
keychainProblem: string | null, 
/**
 * Set when the database was damaged at start (it was kept aside; Callpad started empty).
 */
databaseProblem: DamagedDatabase | null, };

export type ProfileSummary = { profile: Profile, 
/**
 * The masked API token, or `null` when none is stored (the practice profile needs none).
 */
tokenMask: string | null, };

export type NewProfile = { name: string, spaceUrl: string, projectId: string, apiToken: string, signingKey: string | null, 
/**
 * Lets Callpad open its own ngrok tunnel for live status (kept in the keychain).
 */
ngrokAuthtoken: string | null, defaultRegion: string | null, defaultCallerId: string | null, myNumber: string | null, statusMethod: StatusMethod | null, 
/**
 * Make it the active profile (the first profile always is).
 */
makeActive?: boolean, };

export type ConnectionPatch = { spaceUrl: string | null, projectId: string | null, apiToken: string | null, };

export type SpaceConnected = { profile: Profile, report: ConnectionReport, };

export type Profile = { 
/**
 * Unique among profiles (case-insensitively); names the keychain entries too.
 */
name: string, 
/**
 * The Space's origin, normalised, e.g. `https://example.signalwire.com`.
 */
spaceUrl: string, projectId: string, 
/**
 * The caller ID calls use unless the person picks another (E.164).
 */
defaultCallerId: string | null, 
/**
 * ISO 3166 alpha-2 region for numbers typed without a country code.
 */
defaultRegion: string, statusMethod: StatusMethod, 
/**
 * "Practice — no real calls": the profile points at the local practice space.
 */
practice: boolean, 
/**
 * The caller ID the last call used (E.164).
 */
lastCallerId: string | null, 
/**
 * The person's own phone, for "call me first" (E.164).
 */
myNumber: string | null, 
/**
 * How long a call rings before it counts as unanswered, seconds (1–600). About 25 s keeps
 * calls from reaching voicemail.
 */
ringTimeoutS: number, 
/**
 * The longest a call may last, seconds (SWML `answer.max_duration`).
 */
maxCallS: number, 
/**
 * A public https URL that reaches this computer (a tunnel the person runs), for listening.
 */
publicUrl: string | null, 
/**
 * Refuse status webhooks that carry no valid signature. Off by default: SignalWire does not
 * promise to sign status callbacks, and the listener's secret path already authenticates them.
 */
requireSignedWebhooks: boolean, 
/**
 * The IANA time zone (e.g. `America/Chicago`) reminder calls fall back to when neither a
 * number's plan nor the recipient's row fixes one.
 */
timeZone: string | null, };

export type ProfileSettingsPatch = { 
/**
 * Two-letter region for numbers typed without a country code.
 */
defaultRegion: string | null, 
/**
 * The caller ID calls use unless another is picked (empty clears it).
 */
defaultCallerId: string | null, 
/**
 * The person's own phone for "call me first" (empty clears it).
 */
myNumber: string | null, statusMethod: StatusMethod | null, 
/**
 * Seconds a call rings before it counts as unanswered (1–600).
 */
ringTimeoutS: number | null, 
/**
 * The longest a call may last, seconds (10 s – 4 h).
 */
maxCallS: number | null, 
/**
 * A public https URL that reaches this computer (empty clears it).
 */
publicUrl: string | null, 
/**
 * The IANA zone reminder calls fall back to (empty clears it).
 */
timeZone: string | null, };

export type StatusMethod = "poll" | "listen" | "auto";

export type SettingsWarning = { 
/**
 * Where the unreadable file now is.
 */
keptAs: string, 
/**
 * Why it could not be used.
 */
reason: string, 
/**
 * The whole sentence to show.
 */
message: string, };

export type DamagedDatabase = { 
/**
 * Why it could not be used.
 */
reason: string, 
/**
 * Where the damaged file now is (its `-wal` and `-shm` files, if any, sit next to it).
 */
keptAs: string, 
/**
 * The whole sentence to show, with how to recover.
 */
message: string, };

export type ConnectionReport = { spaceUrl: string, projectId: string, 
/**
 * Phone numbers the project owns.
 */
phoneNumbers: number, 
/**
 * Of those, the ones that can place calls.
 */
voiceNumbers: number, 
/**
 * Verified caller IDs (finished verification only).
 */
verifiedCallerIds: number, };

export type StatusChoice = { method: StatusInUse, 
/**
 * The status URL given to SignalWire when listening.
 */
statusUrl: string | null, 
/**
 * Why this method, in a sentence.
 */
reason: string, };

export type StatusInUse = "listen" | "poll";

export type WebhookTally = { 
/**
 * Requests that reached the listener, accepted or not.
 */
received: number, 
/**
 * Accepted with a signature that matched the profile's signing key.
 */
signed: number, 
/**
 * Accepted without a signature that could be checked (none sent, or no signing key here).
 */
unsigned: number, 
/**
 * Refused: wrong path token, a wrong signature, unsigned while signatures are required, or
 * a body that is not a call state.
 */
refused: number, 
/**
 * Why the latest refusal happened, in words (never holds a secret).
 */
lastRefusal: string | null, };

export type ReconcileReport = { 
/**
 * Unfinished rows looked at.
 */
checked: number, 
/**
 * Rows whose outcome the voice logs settled (placed and followed, ended, or not placed).
 */
settled: number[], 
/**
 * Rows still "May have been placed" (the logs do not say yet, or could not be read).
 */
stillUnknown: number[], 
/**
 * Why some rows could not be checked (e.g. offline), in words.
 */
problems: Array<string>, };

export type LegStatusView = { 
/**
 * The leg's own call id.
 */
callId: string, phase: CallPhase, cause: EndCause | null, 
/**
 * The leg's end cause in words, e.g. "The line was busy".
 */
causeText: string | null, answeredAtMs: number | null, endedAtMs: number | null, };

export type CallerIds = { 
/**
 * Owned numbers with voice, then verified caller IDs; each number once.
 */
usable: Array<CallerId>, 
/**
 * Verified caller IDs whose verification has not finished.
 */
pendingVerification: Array<CallerId>, 
/**
 * Owned numbers without the voice capability (text-only).
 */
withoutVoice: Array<CallerId>, };

export type CallerIdPicker = { preselected: string | null, 
/**
 * Owned numbers with voice, then verified caller IDs; each number once.
 */
usable: Array<CallerId>, 
/**
 * Verified caller IDs whose verification has not finished.
 */
pendingVerification: Array<CallerId>, 
/**
 * Owned numbers without the voice capability (text-only).
 */
withoutVoice: Array<CallerId>, };

export type CallerId = { 
/**
 * E.164.
 */
number: string, 
/**
 * The friendly name set in the Space, if any.
 */
name: string | null, kind: CallerIdKind, };

export type CallerIdKind = "owned" | "verified";

export type LookupSummary = { 
/**
 * E.164.
 */
number: string, callerName: string | null, carrier: string | null, 
/**
 * `wireless`, `landline`, `voip`, …
 */
lineType: string | null, location: string | null, };

export type CallRequest = { mode: CallMode, target: CallTarget, 
/**
 * The caller ID picked; the profile's last or default one when absent.
 */
callerId: string | null, 
/**
 * The number the call is placed from when it differs from the caller ID (the CLI's `--from`).
 */
from?: string, 
/**
 * A ring timeout for this call only, seconds (the CLI's `--timeout`); else the profile's.
 */
ringTimeoutS?: number, 
/**
 * The region typed numbers are read in for this call (the CLI's `--region`); else the
 * profile's.
 */
region?: string, };

export type CallTarget = { "kind": "typed", text: string, } | { "kind": "contact", contactId: number, dial: string, } | { "kind": "number", dial: string, extension: string | null, } | { "kind": "history", historyId: number, };

export type CallMode = { "mode": "callMeFirst", myNumber: string, } | { "mode": "deliverMessage", message: MessageSource, } | { "mode": "callerIdTest" };

export type ModeName = "callMeFirst" | "deliverMessage" | "callerIdTest";

export type MessageSource = { "kind": "text", text: string, 
/**
 * A voice named engine.voice, e.g. `gcloud.en-US-Neural2-F` or `polly.Joanna` (see
 * [`SUGGESTED_VOICES`]); a bare name resolves against a default engine that can change.
 */
voice: string | null, language: string | null, } | { "kind": "swmlUrl", url: string, };

export type PlacedCall = { historyId: number, callId: string, 
/**
 * The caller ID the call shows.
 */
callerId: string, status: CallStatusView, 
/**
 * Set when history could not record that the call was placed (see [`CallUpdate::warning`]).
 */
warning: string | null, };

export type CallStarted = { 
/**
 * What was dialled: E.164 or a `sip:` URI.
 */
to: string, 
/**
 * Digits sent after answer, if any.
 */
extension: string | null, 
/**
 * The contact's name, when the call is to a contact.
 */
contactName: string | null, 
/**
 * The profile the call was placed through.
 */
profile: string, 
/**
 * What was dialled, formatted for reading (`+1 206-555-0175`).
 */
toDisplay: string, 
/**
 * Which of the contact's numbers is called (`mobile`, `work`, …), for a call to a contact.
 */
numberLabel: string | null, 
/**
 * The caller ID's name in the Space ("Seattle office"), when it has one.
 */
callerIdName: string | null, 
/**
 * For "call me first": the person's own phone, which rings first, formatted for reading.
 */
myPhone: string | null, historyId: number, callId: string, 
/**
 * The caller ID the call shows.
 */
callerId: string, status: CallStatusView, 
/**
 * Set when history could not record that the call was placed (see [`CallUpdate::warning`]).
 */
warning: string | null, };

export type CallUpdate = { 
/**
 * The call's row in history.
 */
historyId: number, status: CallStatusView, 
/**
 * Set when this change could not be saved in history: say it to the person (CLI: stderr and
 * a non-zero exit; app: a visible notice). The call itself goes on.
 */
warning: string | null, };

export type CallStatusView = { callId: string, phase: CallPhase, 
/**
 * Set once the call has ended.
 */
cause: EndCause | null, 
/**
 * The end cause in words, e.g. "The line was busy".
 */
causeText: string | null, firstSeenMs: number, ringingAtMs: number | null, answeredAtMs: number | null, endedAtMs: number | null, 
/**
 * Talk time: from answer to end, once both are known.
 */
durationMs: number | null, timeline: Array<TimelineEntry>, 
/**
 * Call me first: the contact's leg (the `connect` step's call), once SignalWire reports it.
 */
contactLeg: LegStatusView | null, };

export type TimelineEntry = { phase: CallPhase, atMs: number, source: Source, };

export type CallPhase = "queued" | "created" | "ringing" | "answered" | "ending" | "ended";

export type EndCause = "hungUp" | "busy" | "noAnswer" | "declined" | "cancelled" | "failed" | "maxDuration" | "abandoned" | "unknown";

export type Source = "dial" | "webhook" | "poll" | "local";

export type HistoryEntry = { id: number, callId: string | null, profile: string, mode: ModeName, from: string, to: string, callerId: string, contactId: number | null, contactName: string | null, placement: Placement, placementNote: string | null, phase: CallPhase, endCause: EndCause | null, 
/**
 * The end cause in words, or what happened to the dial.
 */
outcome: string, createdAtMs: number, answeredAtMs: number | null, endedAtMs: number | null, durationMs: number | null, 
/**
 * For caller-ID tests: what the person holding the phone saw.
 */
testResult: string | null, events: Array<HistoryEvent>, 
/**
 * Call me first: the contact's leg, once SignalWire reported it.
 */
contactLegPhase: CallPhase | null, contactLegCause: EndCause | null, 
/**
 * The contact's leg in words, e.g. "Contact: The line was busy".
 */
contactOutcome: string | null, };

export type HistoryRow = { 
/**
 * `to` as the dial pad shows it, e.g. `+1 206-555-0175`.
 */
toDisplay: string, id: number, callId: string | null, profile: string, mode: ModeName, from: string, to: string, callerId: string, contactId: number | null, contactName: string | null, placement: Placement, placementNote: string | null, phase: CallPhase, endCause: EndCause | null, 
/**
 * The end cause in words, or what happened to the dial.
 */
outcome: string, createdAtMs: number, answeredAtMs: number | null, endedAtMs: number | null, durationMs: number | null, 
/**
 * For caller-ID tests: what the person holding the phone saw.
 */
testResult: string | null, events: Array<HistoryEvent>, 
/**
 * Call me first: the contact's leg, once SignalWire reported it.
 */
contactLegPhase: CallPhase | null, contactLegCause: EndCause | null, 
/**
 * The contact's leg in words, e.g. "Contact: The line was busy".
 */
contactOutcome: string | null, };

export type HistoryEvent = { phase: CallPhase, atMs: number, source: Source, };

export type Placement = "sending" | "placed" | "notPlaced" | "unknown";

export type CallerIdTestResult = "shownCorrectly" | "differentNumber" | "unknownOrWithheld" | "notReceived";

export type HistoryFormat = "csv";

export type SearchPage = { 
/**
 * Where `hits` start among all the results.
 */
offset: number, 
/**
 * How many results the query has in all.
 */
total: number, 
/**
 * How many of them are call-history numbers; the rest are contacts.
 */
calls: number, hits: Array<SearchHit>, };

export type SearchHit = { source: HitSource, name: string, company: string | null, 
/**
 * The number that matched a digit query, else the first number (none for a contact
 * without numbers).
 */
number: HitNumber | null, favourite: boolean, optOut: boolean, matched: MatchedField, 
/**
 * Higher is better; only the order matters.
 */
score: number, };

export type HitSource = { "kind": "contact", id: number, } | { "kind": "call", 
/**
 * What was dialled: E.164 or a `sip:` URI.
 */
number: string, };

export type HitNumber = { label: string, 
/**
 * E.164 or `sip:` URI: what would be dialled.
 */
dial: string, 
/**
 * International format, with the extension if any.
 */
display: string, 
/**
 * National format (digits searched as well as the E.164 digits).
 */
national: string, };

export type MatchedField = "none" | "name" | "company" | "tag" | "number";

export type Contact = { id: number, name: string, company: string | null, numbers: Array<ContactNumber>, notes: string, tags: Array<string>, favourite: boolean, optOut: boolean, };

export type ContactNumber = { 
/**
 * `mobile`, `work`, `home`, `main`, `other`, or the person's own words.
 */
label: string, 
/**
 * What SignalWire dials: E.164 (`+15551234567`) or a `sip:` URI.
 */
dial: string, 
/**
 * Digits to send once the call connects, if the number had an extension.
 */
extension: string | null, 
/**
 * Exactly what was typed or imported.
 */
typed: string, 
/**
 * As dialled inside its country, e.g. `(555) 123-4567`; the URI for SIP.
 */
national: string, 
/**
 * For reading anywhere, e.g. `+1 555-123-4567`; the URI for SIP.
 */
international: string, };

export type ContactInput = { name: string, company: string | null, numbers: Array<NumberInput>, notes: string, tags: Array<string>, favourite: boolean, 
/**
 * "Do not call": every dialling path refuses this contact's numbers.
 */
optOut: boolean, };

export type NumberInput = { label: string, 
/**
 * What the person typed: a phone number in any format (with an extension if any) or a
 * `sip:` address.
 */
number: string, };

export type ImportNotice = { 
/**
 * The line of the row it is about.
 */
line: number, 
/**
 * What happens, in words, e.g. `"Mary Smith" has +1 206-555-0174, which "John Smith" (line
 * 3) also has: both are kept, as separate contacts`.
 */
message: string, };

export type ImportPlan = { importId: number, words: ImportWords, format: ImportFormat, 
/**
 * How the bytes were read, e.g. `UTF-8 with BOM`.
 */
encoding: string, 
/**
 * The CSV delimiter found (`,` `;` or a tab); none for vCard.
 */
delimiter: string | null, mapping: Array<ColumnMapping>, 
/**
 * Rows (or cards) read, blank ones not counted.
 */
rowsRead: number, 
/**
 * Rows that will be imported.
 */
rowsOk: number, 
/**
 * Every row that will not be, with its line and the reason.
 */
rejected: Array<RejectedRow>, 
/**
 * Rows that share a number and a name with an earlier row or an existing contact and are
 * merged into it instead of making a second contact.
 */
duplicatesMerged: number, 
/**
 * What a person should know first: numbers that different names share (kept apart).
 */
notices: Array<ImportNotice>, 
/**
 * Contacts the import would create.
 */
newContacts: number, 
/**
 * Existing contacts it would add numbers or tags to.
 */
mergedIntoExisting: number, };

export type ImportWords = { 
/**
 * E.g. `Google Contacts CSV`.
 */
format: string, 
/**
 * E.g. `comma (,)`.
 */
delimiter: string, 
/**
 * Each column's target, in the order of `mapping`.
 */
targets: Array<string>, 
/**
 * The counts in one line: `3 rows: 2 ok, 1 rejected, 0 duplicates merged`.
 */
summary: string, };

export type ExportFormat = "csv" | "vcard";

export type ImportFormat = "googleCsv" | "outlookCsv" | "callpadCsv" | "plainCsv" | "vCard";

export type ColumnMapping = { 
/**
 * The header as written in the file, `column 2` when there is none, or the vCard property.
 */
column: string, target: ColumnTarget, };

export type ColumnTarget = { "kind": "name" } | { "kind": "namePart" } | { "kind": "nameFallback" } | { "kind": "company" } | { "kind": "number", label: string | null, labelColumn: string | null, } | { "kind": "numberLabel" } | { "kind": "notes" } | { "kind": "tags" } | { "kind": "favourite" } | { "kind": "optOut" } | { "kind": "ignored", reason: string, };

export type RejectedRow = { 
/**
 * The line in the file where the row (or the offending vCard line) is.
 */
line: number, reason: string, };

export type ImportSummary = { created: number, mergedIntoExisting: number, };

export type ImportProgress = { done: number, total: number, };

export type CampaignSettings = { menu: Array<MenuKey>, schedule: Schedule, safeguards: Safeguards, retry: RetryPolicy, 
/**
 * Where "speak to us" connects the callee (E.164); without one that key is left out.
 */
frontDesk: string | null, 
/**
 * Listen for an answering machine and leave [`CampaignSettings::voicemail`] after the beep.
 */
detectMachine: boolean, 
/**
 * The short message left on a machine: no private details.
 */
voicemail: string, 
/**
 * The zone used when neither the number nor the recipient's row fixes one (the profile's).
 */
fallbackZone: string | null, };

export type MenuKey = { 
/**
 * `0`-`9`, `*` or `#`.
 */
key: string, 
/**
 * What the menu says for it ("press 1 to confirm").
 */
label: string, 
/**
 * What is said back after the key is pressed.
 */
reply: string, outcome: Outcome, action: KeyAction, };

export type KeyAction = "hang_up" | "connect_front_desk" | "do_not_call";

export type Schedule = { "kind": "now" } | { "kind": "at", at_ms: number, } | { "kind": "before", column: string, hours: number, };

export type Safeguards = { 
/**
 * Minutes after local midnight the window opens (08:00 = 480).
 */
windowStartMin: number, 
/**
 * Minutes after local midnight the window closes (21:00 = 1260); no call starts at or after.
 */
windowEndMin: number, 
/**
 * Days calls may be made, Monday = 0 … Sunday = 6.
 */
days: Array<number>, 
/**
 * At most this many reminders to one number per local day (any campaign).
 */
maxPerDay: number, 
/**
 * At most this many reminders to one number in any seven days (any campaign).
 */
maxPerWeek: number, 
/**
 * Dials per second.
 */
ratePerSecond: number, 
/**
 * Calls in progress at once.
 */
maxLive: number, };

export type RetryPolicy = { busy: RetryRule, noAnswer: RetryRule, failed: RetryRule, machine: RetryRule, noInput: RetryRule, };

export type RetryRule = { count: number, delayMin: number, };

export type Outcome = "confirmed" | "reschedule" | "asked_for_call" | "stop_calls" | "answered" | "no_input" | "busy" | "no_answer" | "failed" | "machine" | "may_have_been_placed" | "not_placed";

export type Exclusion = "invalid_number" | "duplicate" | "do_not_call" | "no_time_zone" | "bad_appointment" | "appointment_passed" | "empty_placeholder" | "no_window" | "unreadable";

export type RecipientState = "waiting" | "calling" | "done" | "excluded" | "needs_decision";

export type CampaignReview = { id: number, name: string, 
/**
 * Due now (inside their window).
 */
call_now: number, 
/**
 * Due later: a schedule, outside their window, or held by the frequency caps.
 */
call_later: number, 
/**
 * Never called (every one listed in `excluded`).
 */
never: number, invalid: number, do_not_call: number, duplicates: number, excluded: Array<ExcludedRow>, };

export type ExcludedRow = { line: number, phone: string, name: string, 
/**
 * `invalid_number`, `duplicate`, `do_not_call`, `no_time_zone`, … (see `Exclusion`).
 */
kind: Exclusion | null, reason: string, };

export type CampaignListing = { id: number, name: string, state: string, created_at: string, recipients: number, counts: { [key in string]: number }, };

export type CampaignStatus = { id: number, name: string, state: string, profile: string | null, caller_id: string | null, template: string, counts: { [key in string]: number }, recipients: Array<RecipientStatus>, };

export type RecipientStatus = { line: number, 
/**
 * E.164, or the cell as imported when it is not a number.
 */
phone: string, name: string, state: RecipientState, 
/**
 * Why it is never called, with `state` `excluded`.
 */
exclusion: Exclusion | null, outcome: Outcome | null, attempts: number, 
/**
 * ISO 8601 (UTC), or null.
 */
next_attempt_at: string | null, waiting_reason: string | null, zone: string | null, message: string | null, };

export type ReminderDraft = { name: string, 
/**
 * The file's raw bytes, base64 (Rust decides the encoding and the delimiter).
 */
csvBase64: string, template: string, settings: CampaignSettings, 
/**
 * The appointment column (a header), for `{date}`, `{time}` and "hours before".
 */
appointmentColumn: string | null, 
/**
 * strftime format of its cells; common ISO forms are read without one.
 */
appointmentFormat: string | null, 
/**
 * `None` (or empty) takes the one the window's caller-ID picker preselects (the last used,
 * else the profile's default, else the first usable one).
 */
callerId: string | null, };

export type ReminderPreview = { columns: Array<ColumnUse>, 
/**
 * The appointment column Callpad would pick (by header) when none is chosen.
 */
suggestedAppointment: string | null, 
/**
 * The placeholders this file offers, e.g. `{first_name}`, `{doctor}`.
 */
placeholders: Array<string>, 
/**
 * Set when the template or a setting stops the campaign; the counts are then absent.
 */
problem: DraftProblem | null, review: CampaignReview | null, 
/**
 * Of `review.call_later`, those held back by the per-number daily/weekly caps.
 */
heldByCaps: number, heard: Array<HeardMessage>, 
/**
 * The caller ID the calls will show.
 */
callerId: string | null, keypresses: KeypressReach, };

export type ColumnUse = { column: string, 
/**
 * In words: "Phone number", "Name", "Appointment", "Time zone", "{doctor}".
 */
becomes: string, };

export type DraftProblem = { field: string, message: string, };

export type HeardMessage = { line: number, name: string, phone: string, 
/**
 * The message, then the menu when keys can reach Callpad.
 */
words: string, 
/**
 * ISO 8601 (UTC): due now or then.
 */
dueAt: string | null, zone: string | null, waitingReason: string | null, };

export type KeypressReach = { 
/**
 * No reachable listener: the call speaks the message and hangs up; only answered / busy /
 * no answer / failed are recorded.
 */
messageOnly: boolean, reason: string, };

export type ReminderReport = { status: CampaignStatus, 
/**
 * Recipients that will be called at all (not excluded).
 */
toCall: number, 
/**
 * Of those, the ones finished (a final outcome, or left for a person to decide).
 */
finished: number, 
/**
 * Final outcomes in the order the chart shows them, with their counts (zeros left out).
 */
outcomes: Array<OutcomeCount>, inProgress: Array<CallingNow>, nextCall: NextCall | null, attempts: Array<AttemptRow>, 
/**
 * Every key of `status.counts` (each outcome and recipient state) in words, for the
 * counts and the tables.
 */
countWords: Array<CountWord>, };

export type AttemptRow = { 
/**
 * The recipient's line in the file.
 */
line: number, name: string, number: string, 
/**
 * `dialling`, `placed` or `ended`.
 */
state: string, outcome: Outcome | null, startedAt: string, endedAt: string | null, };

export type CallingNow = { name: string, phone: string, };

export type NextCall = { phone: string, name: string, 
/**
 * ISO 8601 (UTC).
 */
at: string, atMs: number, 
/**
 * Why then (outside the calling window, a retry, the per-number limit), if not "now".
 */
reason: string | null, };

export type RunProgress = { campaignId: number, 
/**
 * Finished recipients by outcome (`confirmed`, `busy`, …), the rest by state (`waiting`,
 * `calling`, `excluded`, `needs_decision`): the same keys as `remind status`.
 */
counts: { [key in string]: number }, 
/**
 * Calls dialled and not ended yet (including dials being settled from the voice logs).
 */
inProgress: number, 
/**
 * Recipients finished (done, or waiting for a person's decision).
 */
done: number, 
/**
 * Recipients that will be called at all (every recipient but the excluded).
 */
total: number, 
/**
 * Who is called next, and when.
 */
nextCall: NextCall | null, 
/**
 * True when keys cannot reach Callpad, so calls speak the message without a menu.
 */
messageOnly: boolean, 
/**
 * How keypresses reach Callpad, or why they cannot, in a sentence.
 */
reach: string, 
/**
 * The latest thing worth saying ("settled 2 calls from the voice logs").
 */
note: string | null, 
/**
 * Set on the last progress of a run: why it ended.
 */
ended: RunEnd | null, };

export type RunEnd = "finished" | "paused" | "cancelled" | "stopped";

export type OutcomeCount = { outcome: Outcome, 
/**
 * In words: "Confirmed", "No answer".
 */
label: string, count: number, };

export type CountWord = { key: string, label: string, };

export type ReminderTick = { campaignId: number, 
/**
 * `running`, `paused`, `cancelled`, `finished`, …
 */
state: string, 
/**
 * The runner stopped (finished, paused, cancelled, or failed with `problem`).
 */
stopped: boolean, problem: string | null, 
/**
 * The runner's latest progress (counts, calls in progress, next call, how keys reach).
 */
progress: RunProgress | null, };

export type LinkOutcome = { "kind": "dial" } & LinkDial | { "kind": "refused" } & LinkRefused;

export type LinkDial = { 
/**
 * The link as it came (shortened for showing).
 */
link: string, scheme: LinkScheme, 
/**
 * The normalised number (E.164, its country, the extension apart) or SIP address.
 */
dialable: Dialable, 
/**
 * What the dial pad is filled with; it reads back as `dialable`.
 */
prefill: string, 
/**
 * Pre-fill, or call once `countdown_seconds` have passed without Cancel (the `link_action`
 * and `call_countdown_s` app settings). Always `prefill` when the number belongs to a
 * do-not-call contact or no profile is in use.
 */
action: NumberAction, countdownSeconds: number, 
/**
 * A contact holding this number asked not to be called: Call will be refused.
 */
doNotCall: boolean, };

export type LinkRefused = { 
/**
 * The link as it came (shortened for showing).
 */
link: string, code: ErrorCode, 
/**
 * What is wrong with it, for a person.
 */
message: string, };

export type LinkScheme = "tel" | "callto" | "sip";

export type LinkHandlers = { schemes: Array<SchemeHandler>, 
/**
 * Every scheme opens Callpad.
 */
allCallpad: boolean, 
/**
 * Why the desktop could not be asked or Callpad could not register, and what to do.
 */
problem: string | null, };

export type SchemeHandler = { 
/**
 * `tel`, `callto` or `sip`.
 */
scheme: string, 
/**
 * The desktop entry xdg-mime names, e.g. `Callpad.desktop`; none when no app is set.
 */
desktopFile: string | null, 
/**
 * That entry's `Name=`, e.g. `Linphone`, when the entry can be found.
 */
appName: string | null, 
/**
 * True when the entry is one of Callpad's own and the desktop can start the program it names.
 */
isCallpad: boolean, 
/**
 * One sentence: "tel: links open Callpad." / "… open Linphone (linphone.desktop), not Callpad."
 */
summary: string, };
