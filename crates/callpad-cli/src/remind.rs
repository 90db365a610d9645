//! `callpad remind create|run|list|status|export|pause|resume|cancel|decide`: reminder campaigns
//! in the data folder. Creating checks the CSV and template and prints the review (who will be
//! called now, later, never — with line numbers); `run` dials until nothing is left to do,
//! printing progress, and is safe to kill and run again. The work is callpad-core's
//! `app::reminders` and the runner; this file parses flags and prints.

use std::path::PathBuf;

use std::sync::Arc;

use callpad_core::app::reminders::{CampaignReview, CampaignStatus, NewReminderCampaign};
use callpad_core::app::{Callpad, Decision, SessionTarget};
use callpad_core::contacts::excerpt;
use callpad_core::reminders::campaign::{CampaignSettings, Schedule};
use callpad_core::reminders::progress::{RunControl, RunEnd, RunProgress};
use callpad_core::reminders::recipients::CsvOptions;
use callpad_core::reminders::retry::parse_retry;
use callpad_core::reminders::window::{parse_days, parse_window};

use crate::exit::Failure;
use crate::flags;

#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Subcommand)]
enum Command {
    /// Create a campaign from a CSV (a header row; a phone column; any other columns) and print
    /// its id and review. Nothing is dialled.
    Create(Box<CreateArgs>),
    /// Run a campaign until nothing is left to do (waiting out calling windows and retry
    /// delays), printing progress. Safe to stop (Ctrl-C) or kill and run again.
    Run {
        id: i64,
        /// The profile to call through (default: the campaign's, else the SIGNALWIRE_* variables
        /// or the active profile).
        #[arg(long, value_name = "NAME")]
        profile: Option<String>,
        /// Print each progress as a JSON line.
        #[arg(long)]
        json: bool,
    },
    /// Every attempt as CSV on stdout, with the imported columns (paste it back into the schedule).
    Export {
        id: i64,
        /// CSV (the one format).
        #[arg(long, required = true)]
        csv: bool,
    },
    /// Decide about a recipient whose call may have been placed (after checking the Space's
    /// call logs): call them again, or leave them done.
    Decide {
        id: i64,
        /// The recipient's line in the imported file.
        #[arg(long)]
        line: usize,
        #[arg(value_enum)]
        decision: DecisionArg,
    },
    /// Every campaign, newest first.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Pause a campaign: no new call starts until it is resumed.
    Pause { id: i64 },
    /// Resume a paused campaign.
    Resume { id: i64 },
    /// Cancel a campaign for good.
    Cancel { id: i64 },
    /// One campaign: counts by outcome and every recipient.
    Status {
        id: i64,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum DecisionArg {
    CallAgain,
    LeaveDone,
}

#[derive(clap::Args)]
struct CreateArgs {
    name: String,
    /// The recipients' CSV file.
    #[arg(long, value_name = "FILE")]
    csv: PathBuf,
    /// The message, with {first_name} {name} {date} {time} {with} {place} or any {column}.
    #[arg(long, value_name = "TEXT")]
    template: String,
    /// When: `now` (default) or an ISO 8601 moment with its offset (2026-12-02T09:00:00-08:00).
    #[arg(long, value_name = "now|ISO8601", conflicts_with = "before")]
    at: Option<String>,
    /// N hours before each recipient's appointment, in that column (e.g. appointment:24).
    #[arg(long, value_name = "COLUMN:HOURS")]
    before: Option<String>,
    /// strftime format of the appointment cells (default: 2026-12-03 14:30 and ISO forms).
    #[arg(long, value_name = "FORMAT")]
    appointment_format: Option<String>,
    /// The appointment column when --before is not used ({date} and {time} read it).
    #[arg(long, value_name = "COLUMN")]
    appointment: Option<String>,
    #[arg(long, value_name = "N")]
    caller_id: Option<String>,
    /// Region for numbers written without + (default: the profile's).
    #[arg(long, value_name = "CC")]
    region: Option<String>,
    /// Dials per second (default 1).
    #[arg(long, value_name = "R")]
    rate: Option<f64>,
    /// Calls in progress at once (default 5).
    #[arg(long, value_name = "K", allow_negative_numbers = true, value_parser = flags::range(1u32, 100))]
    max_live: Option<u32>,
    /// The calling window in the callee's local time (default 08:00-21:00).
    #[arg(long, value_name = "HH:MM-HH:MM")]
    window: Option<String>,
    /// The calling days (default mon-sat).
    #[arg(long, value_name = "DAYS")]
    days: Option<String>,
    /// Retries by outcome, e.g. busy=2@10m,no-answer=2@30m,failed=1@5m,machine=0,no-input=1@60m.
    #[arg(long, value_name = "RULES")]
    retry: Option<String>,
    /// Where "press 3 to speak to us" connects (without it, key 3 is not offered).
    #[arg(long, value_name = "N")]
    front_desk: Option<String>,
    /// The zone used when neither the number nor a time-zone column fixes one (default: the
    /// caller ID's).
    #[arg(long, value_name = "IANA")]
    zone: Option<String>,
    #[arg(long, value_name = "NAME")]
    profile: Option<String>,
    #[arg(long)]
    json: bool,
}

pub async fn run(args: Args) -> Result<(), Failure> {
    let core = crate::session::open().await?;
    match args.command {
        Command::Run { id, profile, json } => {
            run_campaign(&core, id, profile.as_deref(), json).await
        }
        Command::Export { id, csv: _ } => {
            let text = core.export_reminder_attempts(id)?;
            print!("{text}");
            Ok(())
        }
        Command::Decide { id, line, decision } => {
            let d = match decision {
                DecisionArg::CallAgain => Decision::CallAgain,
                DecisionArg::LeaveDone => Decision::LeaveDone,
            };
            core.decide_reminder_recipient(id, line, d)?;
            println!("campaign {id} line {line}: decided");
            Ok(())
        }
        Command::Create(create) => {
            let json = create.json;
            let new = new_campaign(*create)?;
            let review = core.create_reminder_campaign(new)?;
            if json {
                print_json(&review)
            } else {
                print_review(&review);
                Ok(())
            }
        }
        Command::List { json } => {
            let list = core.reminder_campaigns()?;
            if json {
                return print_json(&list);
            }
            if list.is_empty() {
                println!("no reminder campaigns yet");
            }
            for c in list {
                let counts: Vec<String> =
                    c.counts.iter().map(|(k, n)| format!("{k} {n}")).collect();
                println!(
                    "{}  {}  {}  {} recipients ({})",
                    c.id,
                    c.created_at,
                    c.name,
                    c.recipients,
                    counts.join(", ")
                );
            }
            Ok(())
        }
        Command::Pause { id } => {
            let state = core.pause_reminder_campaign(id)?;
            println!("campaign {id} is {}", state.as_str());
            Ok(())
        }
        Command::Resume { id } => {
            let state = core.resume_reminder_campaign(id)?;
            println!("campaign {id} is {}", state.as_str());
            Ok(())
        }
        Command::Cancel { id } => {
            let state = core.cancel_reminder_campaign(id)?;
            println!("campaign {id} is {}", state.as_str());
            Ok(())
        }
        Command::Status { id, json } => {
            let status = core.reminder_status(id)?;
            if json {
                print_json(&status)
            } else {
                print_status(&status);
                Ok(())
            }
        }
    }
}

fn new_campaign(a: CreateArgs) -> Result<NewReminderCampaign, Failure> {
    let csv = std::fs::read(&a.csv)
        .map_err(|e| Failure::usage(format!("{} cannot be read: {e}", a.csv.display())))?;
    let schedule = match (a.at.as_deref().map(str::trim), &a.before) {
        (_, Some(before)) => {
            let (column, hours) = before
                .rsplit_once(':')
                .and_then(|(c, h)| Some((c.trim().to_owned(), h.trim().parse::<u32>().ok()?)))
                .filter(|(c, h)| !c.is_empty() && *h <= 24 * 60)
                .ok_or_else(|| {
                    Failure::usage(format!(
                        "--before {}: write COLUMN:HOURS, e.g. appointment:24",
                        excerpt(before)
                    ))
                })?;
            Schedule::Before { column, hours }
        }
        (None | Some("now"), None) => Schedule::Now,
        (Some(at), None) => {
            let ts: jiff::Timestamp = at.parse().map_err(|_| {
                Failure::usage(format!("--at {}: write now or an ISO 8601 moment with its offset, e.g. 2026-12-02T09:00:00-08:00", excerpt(at)))
            })?;
            Schedule::At {
                at_ms: ts.as_millisecond(),
            }
        }
    };
    let mut settings = CampaignSettings {
        schedule,
        ..CampaignSettings::default()
    };
    let g = &mut settings.safeguards;
    if let Some(w) = &a.window {
        (g.window_start_min, g.window_end_min) = parse_window(w)?;
    }
    if let Some(d) = &a.days {
        g.days = parse_days(d)?;
    }
    if let Some(r) = a.rate {
        g.rate_per_second = r;
    }
    if let Some(k) = a.max_live {
        g.max_live = k;
    }
    if let Some(r) = &a.retry {
        settings.retry = parse_retry(r, &settings.retry)?;
    }
    settings.front_desk = a.front_desk;
    settings.fallback_zone = a.zone;
    Ok(NewReminderCampaign {
        name: a.name,
        csv,
        template: a.template,
        settings,
        csv_options: CsvOptions {
            region: a.region,
            appointment_column: a.appointment,
            appointment_format: a.appointment_format,
        },
        caller_id: a.caller_id,
        profile: a.profile,
    })
}

/// `remind run`: the runner with Ctrl-C as its stop, one line per change of progress.
async fn run_campaign(
    core: &Callpad,
    id: i64,
    profile: Option<&str>,
    json: bool,
) -> Result<(), Failure> {
    let target = match profile {
        Some(_) => crate::session::target(profile)?,
        None if crate::env::signalwire_env_set() => crate::session::target(None)?,
        None => SessionTarget::Active,
    };
    let control = Arc::new(RunControl::new());
    let stopper = control.clone();
    tokio::spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            stopper.stop();
        }
    });
    let last = std::sync::Mutex::new(String::new());
    let print = |p: &RunProgress| {
        if json {
            if let Ok(line) = serde_json::to_string(p) {
                println!("{line}");
            }
            return;
        }
        let line = progress_line(p);
        let mut last = last.lock().expect("progress line lock");
        if last.is_empty() {
            // Said before anything else: keypresses reach Callpad, or the run is message-only.
            println!("{}", p.reach);
        }
        if *last != line {
            println!("{line}");
            *last = line;
        }
        if let Some(note) = &p.note {
            println!("  {}", excerpt(note));
        }
    };
    let summary = core
        .run_reminder_campaign(id, target, &control, &print)
        .await
        .map_err(crate::session::no_profile_is_usage)?;
    if !json {
        println!(
            "campaign {id}: {}",
            match summary.end {
                RunEnd::Finished => "finished: nobody is left to call".to_owned(),
                RunEnd::Paused => "paused; `callpad remind resume` then run again".to_owned(),
                RunEnd::Cancelled => "cancelled".to_owned(),
                RunEnd::Stopped =>
                    "stopped; calls in progress go on, and the next run settles them".to_owned(),
            }
        );
    }
    Ok(())
}

fn progress_line(p: &RunProgress) -> String {
    let counts: Vec<String> = p.counts.iter().map(|(k, n)| format!("{k} {n}")).collect();
    let next = match &p.next_call {
        Some(n) => format!(
            "; next {} at {}{}",
            n.phone,
            n.at,
            n.reason
                .as_deref()
                .map(|r| format!(" ({})", excerpt(r)))
                .unwrap_or_default()
        ),
        None => String::new(),
    };
    format!(
        "{}/{} done, {} in progress ({}){next}",
        p.done,
        p.total,
        p.in_progress,
        counts.join(", ")
    )
}

fn print_json(value: &impl serde::Serialize) -> Result<(), Failure> {
    let text = serde_json::to_string_pretty(value)
        .map_err(|e| Failure::failed(format!("could not write JSON: {e}")))?;
    println!("{text}");
    Ok(())
}

fn print_review(r: &CampaignReview) {
    println!("campaign {} \"{}\" created", r.id, excerpt(&r.name));
    println!("  call now:   {}", r.call_now);
    println!(
        "  call later: {} (scheduled, outside their calling window, or over the per-number limit)",
        r.call_later
    );
    println!(
        "  never:      {} (invalid numbers {}, do-not-call {}, duplicates {}, other {})",
        r.never,
        r.invalid,
        r.do_not_call,
        r.duplicates,
        r.never - r.invalid - r.do_not_call - r.duplicates
    );
    for x in &r.excluded {
        println!(
            "  line {}: {} {}: {}",
            x.line,
            excerpt(&x.phone),
            excerpt(&x.name),
            x.reason
        );
    }
    println!(
        "nothing is dialled yet: `callpad remind run {}` starts calling; `callpad remind status {}` shows every recipient",
        r.id, r.id
    );
}

fn print_status(s: &CampaignStatus) {
    let counts: Vec<String> = s.counts.iter().map(|(k, n)| format!("{k} {n}")).collect();
    println!(
        "campaign {} \"{}\" ({}): {}",
        s.id,
        excerpt(&s.name),
        s.state,
        counts.join(", ")
    );
    for r in &s.recipients {
        let outcome = r.outcome.map(|o| o.as_str()).unwrap_or("-");
        let next = r.next_attempt_at.as_deref().unwrap_or("-");
        let why = r.waiting_reason.as_deref().unwrap_or("");
        println!(
            "  line {}  {}  {}  {}  {}  attempts {}  next {}  {}",
            r.line,
            excerpt(&r.phone),
            excerpt(&r.name),
            r.state.as_str(),
            outcome,
            r.attempts,
            next,
            why
        );
    }
}
