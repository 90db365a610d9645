//! Calls as a person makes them: connecting the profile's session, listing its caller IDs,
//! placing a call (target read at the press, plan, opt-out and caller-ID checks, one live call at
//! a time, noted in search, caller ID remembered), hanging up in the call's own session, lookup.

use std::sync::Arc;

use serde::Serialize;
use ts_rs::TS;

use super::Callpad;
use super::live::{self, Live, LiveCall, SessionOverrides, SessionTarget};
use super::numbers::for_reading;
use crate::call_id::parse_call_id;
use crate::caller_ids::{CallerIds, LookupSummary, look_up};
use crate::calls::{
    CallMode, CallRequest, CallTarget, PlacedCall, ReconcileReport, ResolvedCall, StatusChoice,
    history, plan_call, reconcile,
};
use crate::numbers::parse_dialable;
use crate::signalwire::{Call, EndReason};
use crate::status::{CallPhase, CallStatusView, WebhookTally};
use crate::{Error, Result};

/// The caller-ID picker: what may be used, and which one is preselected (the last used, else the
/// default, else the first usable one — the rule every driver uses).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CallerIdPicker {
    #[serde(flatten)]
    pub ids: CallerIds,
    pub preselected: Option<String>,
}

/// A call that was placed, and who it is to, as the call panel and `callpad call` show it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CallStarted {
    #[serde(flatten)]
    pub placed: PlacedCall,
    /// What was dialled: E.164 or a `sip:` URI.
    pub to: String,
    /// Digits sent after answer, if any.
    pub extension: Option<String>,
    /// The contact's name, when the call is to a contact.
    pub contact_name: Option<String>,
    /// The profile the call was placed through.
    pub profile: String,
    /// What was dialled, formatted for reading (`+1 206-555-0175`).
    pub to_display: String,
    /// Which of the contact's numbers is called (`mobile`, `work`, …), for a call to a contact.
    pub number_label: Option<String>,
    /// The caller ID's name in the Space ("Seattle office"), when it has one.
    pub caller_id_name: Option<String>,
    /// For "call me first": the person's own phone, which rings first, formatted for reading.
    pub my_phone: Option<String>,
}

impl Callpad {
    /// Opens the active profile's session unless it is open, and says how call status will
    /// arrive and why. The window calls this on start and after each profile change.
    pub async fn connect(&self) -> Result<StatusChoice> {
        self.connect_to(SessionTarget::Active, SessionOverrides::default())
            .await
    }

    /// Opens a session for `target` with `overrides` (the CLI: `--profile`, the SIGNALWIRE_*
    /// variables, `--status`, `--public-url`), replacing any other.
    pub async fn connect_to(
        &self,
        target: SessionTarget,
        overrides: SessionOverrides,
    ) -> Result<StatusChoice> {
        let mut live = self.live.lock().await;
        let (profile, secrets) = match &target {
            SessionTarget::Active | SessionTarget::Named(_) => {
                let profile = match &target {
                    SessionTarget::Named(name) => self.profile(name)?,
                    _ => self.active_profile().ok_or(Error::NoActiveProfile)?,
                };
                if let Some(open) = live.as_ref()
                    && open.connects_like(&profile)
                    && overrides_match(&open.overrides, &overrides)
                {
                    return Ok(open.choice());
                }
                let secrets = live::read_secrets(&self.vault, &profile).await?;
                (profile, secrets)
            }
            SessionTarget::Direct {
                profile,
                api_token,
                signing_key,
                ngrok_authtoken,
            } => (
                (**profile).clone(),
                Some((
                    api_token.clone(),
                    signing_key.clone(),
                    ngrok_authtoken.clone(),
                )),
            ),
        };
        *live = None;
        let name = profile.name.clone();
        let wiring = live::Wiring {
            host: self.host.clone(),
            history_db: self.history_db()?,
            slot: self.call.clone(),
            ended: self.ended.clone(),
            updates: self.updates.clone(),
        };
        let handle = live::open_session(profile, secrets, &overrides, wiring).await?;
        let opened = Live {
            handle,
            overrides,
            target_name: name,
            caller_ids: None,
        };
        let choice = opened.choice();
        *live = Some(opened);
        Ok(choice)
    }

    /// What the session's listener has received so far ("12 webhooks, 0 signed"), when listening.
    pub async fn webhook_tally(&self) -> Option<WebhookTally> {
        let live = self.live.lock().await;
        live.as_ref()?.handle.session.webhook_tally()
    }

    /// History writes that failed after a dial in the open session or the live call's: each a
    /// sentence to show (the CLI prints them and exits non-zero; the window shows a notice).
    pub async fn write_failures(&self) -> Vec<String> {
        let mut failures = self
            .call
            .lock()
            .expect("call slot lock")
            .as_ref()
            .map(|c| c.handle.session.center.write_failures())
            .unwrap_or_default();
        if let Some(live) = self.live.lock().await.as_ref() {
            for f in live.handle.session.center.write_failures() {
                if !failures.contains(&f) {
                    failures.push(f);
                }
            }
        }
        failures
    }

    /// Settles, from the Space's voice logs, the calls of the session's profile that a crash or
    /// kill left unfinished ("Dialling…", "In progress"): never by dialling again. Run after
    /// connecting; `None` when no session is open.
    pub async fn reconcile_history(&self) -> Result<Option<ReconcileReport>> {
        let (handle, name) = {
            let live = self.live.lock().await;
            let Some(live) = live.as_ref() else {
                return Ok(None);
            };
            (live.handle.clone(), live.target_name.clone())
        };
        let db = self.history_db()?;
        let report = reconcile(handle.session.center.client(), &db, &name, self.now_ms()).await?;
        Ok(Some(report))
    }

    /// The caller IDs the session's profile may use (all pages), listed once per session.
    pub async fn caller_ids(&self, refresh: bool) -> Result<CallerIds> {
        self.ensure_connected().await?;
        let mut live = self.live.lock().await;
        let live = live.as_mut().ok_or(Error::NoActiveProfile)?;
        live.caller_ids(refresh).await
    }

    /// The caller IDs with the one a call would use when none is picked: the window's picker.
    pub async fn caller_id_picker(&self, refresh: bool) -> Result<CallerIdPicker> {
        let ids = self.caller_ids(refresh).await?;
        let profile = self.session_profile().await?;
        let preselected = crate::calls::preselected_caller_id(&profile, &ids);
        Ok(CallerIdPicker { ids, preselected })
    }

    /// Places a call. Refused before anything is sent when another call is live, the number is
    /// invalid or marked "do not call", or the caller ID is not the project's. The dial is sent at
    /// most once (see `CallCenter::place`); the number then comes up in search as a recent call
    /// and the caller ID is remembered for the profile.
    pub async fn place_call(&self, request: &CallRequest) -> Result<CallStarted> {
        if let Some(call) = self.busy_call() {
            return Err(Error::CallInProgress { call });
        }
        self.ensure_connected().await?;
        let (handle, profile) = {
            let guard = self.live.lock().await;
            let live = guard.as_ref().ok_or(Error::NoActiveProfile)?;
            // The stored profile, so a caller ID remembered since the session opened counts.
            let profile = self
                .profile(&live.target_name)
                .unwrap_or_else(|_| live.profile().clone());
            (live.handle.clone(), profile)
        };
        // What to call is read first: a bad number is refused before anything goes on the wire.
        let region = request
            .region
            .clone()
            .unwrap_or_else(|| profile.default_region.clone());
        let (resolved, number_label) = self.resolve(request, &region)?;
        let ids = {
            let mut guard = self.live.lock().await;
            let live = guard.as_mut().ok_or(Error::NoActiveProfile)?;
            live.caller_ids(false).await?
        };
        let (plan, meta) = plan_call(&profile, &ids, &resolved)?;
        // Claim the slot before sending, so a second press cannot slip in while this one dials.
        {
            if let Some(call) = self.busy_call() {
                return Err(Error::CallInProgress { call });
            }
            let mut slot = self.call.lock().expect("call slot lock");
            if let Some(live) = slot.as_ref() {
                return Err(Error::CallInProgress {
                    call: live.call_id.clone(),
                });
            }
            *slot = Some(LiveCall {
                call_id: String::new(),
                history_id: 0,
                handle: handle.clone(),
            });
        }
        let placed = match handle.session.center.place(&plan, &meta).await {
            Ok(placed) => placed,
            Err(err) => {
                self.call.lock().expect("call slot lock").take();
                return Err(err);
            }
        };
        {
            let mut slot = self.call.lock().expect("call slot lock");
            // The call may have ended already (a fast failure) — then the slot is free.
            let ended = handle
                .session
                .center
                .status(&placed.call_id)
                .is_some_and(|v| v.phase == CallPhase::Ended);
            *slot = (!ended).then(|| LiveCall {
                call_id: placed.call_id.clone(),
                history_id: placed.history_id,
                handle: handle.clone(),
            });
        }
        let now = self.now_ms();
        if let Err(err) = self
            .contacts()
            .and_then(|mut c| c.note_call(&plan.destination, meta.contact_name.as_deref(), now))
        {
            // History has the call already; search catches up at the next start.
            tracing::warn!("could not add the call to search: {err}");
        }
        // Profiles given directly (the CLI's variables) are not stored: nothing to remember.
        let _ = self
            .profiles
            .lock()
            .expect("profiles lock")
            .remember_caller_id(&profile.name, &plan.caller_id);
        let my_phone = match &plan.mode {
            CallMode::CallMeFirst { my_number } => {
                // The own phone given at a call is the profile's from now on (Settings → My phone).
                if profile.my_number.as_deref() != Some(my_number.as_str()) {
                    let mine = my_number.clone();
                    let _ =
                        self.profiles
                            .lock()
                            .expect("profiles lock")
                            .modify(&profile.name, |p| {
                                p.my_number = Some(mine);
                                Ok(())
                            });
                }
                Some(for_reading(my_number))
            }
            _ => None,
        };
        Ok(CallStarted {
            placed,
            to: plan.destination.clone(),
            extension: plan.extension.clone(),
            contact_name: meta.contact_name.clone(),
            profile: profile.name.clone(),
            to_display: for_reading(&plan.destination),
            number_label,
            caller_id_name: ids.find(&plan.caller_id).and_then(|c| c.name.clone()),
            my_phone,
        })
    }

    /// The id of the call that keeps the line busy, if any. A call whose end is known is not
    /// busy, even before its last update has been handed on.
    fn busy_call(&self) -> Option<String> {
        let mut slot = self.call.lock().expect("call slot lock");
        let call = slot.as_ref()?;
        let ended = !call.call_id.is_empty()
            && call
                .handle
                .session
                .center
                .status(&call.call_id)
                .is_some_and(|v| v.phase == CallPhase::Ended);
        if ended {
            let done = slot.take();
            drop(slot);
            drop(done);
            return None;
        }
        Some(call.call_id.clone())
    }

    /// The call that is live now, if any: its call id and history row.
    pub fn live_call(&self) -> Option<(String, i64)> {
        self.call
            .lock()
            .expect("call slot lock")
            .as_ref()
            .filter(|c| !c.call_id.is_empty())
            .map(|c| (c.call_id.clone(), c.history_id))
    }

    /// The latest known state of a call placed in this process.
    pub async fn call_status(&self, call_id: &str) -> Option<CallStatusView> {
        let from_slot = self
            .call
            .lock()
            .expect("call slot lock")
            .as_ref()
            .map(|c| c.handle.clone());
        if let Some(status) = from_slot.and_then(|h| h.session.center.status(call_id)) {
            return Some(status);
        }
        let ended = {
            let ended = self.ended.lock().expect("ended calls lock");
            ended.iter().rev().find(|v| v.call_id == call_id).cloned()
        };
        if ended.is_some() {
            return ended;
        }
        let live = self.live.lock().await;
        live.as_ref()
            .and_then(|l| l.handle.session.center.status(call_id))
    }

    /// Hangs a call up in every live state. The live call is ended in the session it was placed
    /// in, whichever profile is in use now; any other id goes to the current session.
    pub async fn hang_up(&self, call_id: &str) -> Result<()> {
        let call_id = &parse_call_id(call_id)?;
        self.session_for_call(call_id)
            .await?
            .session
            .center
            .hang_up(call_id)
            .await
    }

    /// Ends a call with a reason the person chose (`callpad hangup --reason busy`), through the
    /// session the call belongs to. [`Callpad::hang_up`] is what a Hang up press does.
    pub async fn end_call(&self, call_id: &str, reason: EndReason) -> Result<Option<Call>> {
        let call_id = &parse_call_id(call_id)?;
        let handle = self.session_for_call(call_id).await?;
        handle.session.center.client().end(call_id, reason).await
    }

    /// The live call's own session for its id, else the open one.
    async fn session_for_call(&self, call_id: &str) -> Result<Arc<live::SessionHandle>> {
        let own = self
            .call
            .lock()
            .expect("call slot lock")
            .as_ref()
            .filter(|c| c.call_id == call_id)
            .map(|c| c.handle.clone());
        match own {
            Some(handle) => Ok(handle),
            None => {
                self.ensure_connected().await?;
                let live = self.live.lock().await;
                Ok(live.as_ref().ok_or(Error::NoActiveProfile)?.handle.clone())
            }
        }
    }

    /// Looks a number up (caller name, carrier, line type) through the session's profile.
    /// SignalWire may bill each lookup; only a person's explicit request should call this.
    pub async fn look_up_number(&self, number: &str) -> Result<LookupSummary> {
        self.ensure_connected().await?;
        let (handle, region) = {
            let live = self.live.lock().await;
            let live = live.as_ref().ok_or(Error::NoActiveProfile)?;
            (live.handle.clone(), live.profile().default_region.clone())
        };
        look_up(handle.session.center.client(), number, Some(&region)).await
    }

    /// Reads what a request is for into an address: typed text now, in `region`; a contact's
    /// number from the contact as stored; a history row's number from history.
    fn resolve(
        &self,
        request: &CallRequest,
        region: &str,
    ) -> Result<(ResolvedCall, Option<String>)> {
        let mut label = None;
        let mut resolved = match &request.target {
            CallTarget::Typed { text } => {
                ResolvedCall::new(request.mode.clone(), &parse_dialable(text, Some(region))?)
            }
            CallTarget::Number { dial, extension } => {
                let mut call =
                    ResolvedCall::new(request.mode.clone(), &parse_dialable(dial, Some(region))?);
                if let Some(ext) = extension.as_deref().filter(|e| !e.is_empty()) {
                    call.extension = Some(ext.to_owned());
                }
                call
            }
            CallTarget::Contact { contact_id, dial } => {
                let contact = self.contacts()?.get(*contact_id)?;
                let number = contact
                    .numbers
                    .iter()
                    .find(|n| n.dial == *dial)
                    .ok_or_else(|| Error::InvalidRequest {
                        field: "number",
                        reason: format!(
                            "{} no longer has the number {dial}; pick one of their numbers again",
                            contact.name
                        ),
                    })?;
                let mut call =
                    ResolvedCall::new(request.mode.clone(), &parse_dialable(&number.dial, None)?);
                call.extension = number.extension.clone();
                call.contact_id = Some(contact.id);
                call.contact_name = Some(contact.name.clone());
                label = Some(number.label.clone());
                call
            }
            CallTarget::History { history_id } => {
                let entry = {
                    let db = self.history_db()?;
                    let db = db.lock().expect("history lock");
                    history::get(&db, *history_id)?
                }
                .ok_or_else(|| Error::InvalidRequest {
                    field: "history",
                    reason: format!("there is no call {history_id} in history"),
                })?;
                let mut call =
                    ResolvedCall::new(request.mode.clone(), &parse_dialable(&entry.to, None)?);
                call.contact_id = entry.contact_id;
                call.contact_name = entry.contact_name;
                call
            }
        };
        resolved.caller_id = request.caller_id.clone();
        resolved.from = request.from.clone();
        resolved.ring_timeout_s = request.ring_timeout_s;
        Ok((resolved, label))
    }

    /// Opens the active profile's session when none is open (e.g. the keychain was unlocked since).
    async fn ensure_connected(&self) -> Result<()> {
        if self.live.lock().await.is_some() {
            return Ok(());
        }
        self.connect().await.map(|_| ())
    }

    async fn session_profile(&self) -> Result<crate::profiles::Profile> {
        let live = self.live.lock().await;
        let live = live.as_ref().ok_or(Error::NoActiveProfile)?;
        // The stored profile, so a caller ID remembered since the session opened counts.
        Ok(self
            .profile(&live.target_name)
            .unwrap_or_else(|_| live.profile().clone()))
    }

    /// The profile whose session the live call was placed in.
    pub fn live_call_profile(&self) -> Option<String> {
        self.call
            .lock()
            .expect("call slot lock")
            .as_ref()
            .map(|c| c.handle.profile.name.clone())
    }
}

fn overrides_match(a: &SessionOverrides, b: &SessionOverrides) -> bool {
    a.method == b.method && a.public_url == b.public_url && a.listen_port == b.listen_port
}
