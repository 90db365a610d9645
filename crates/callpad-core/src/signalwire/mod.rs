//! A typed async client for a SignalWire Space's REST APIs: placing and ending calls, call logs,
//! numbers and lookup. It owns the wire contract and its errors; choosing what to call is the app's.
//!
//! ```no_run
//! # async fn demo() -> callpad_core::Result<()> {
//! use callpad_core::signalwire::{Client, Credentials, DialRequest, SpaceUrl};
//! use callpad_core::swml::Document;
//!
//! let client = Client::new(SpaceUrl::parse("example")?, Credentials::new("project", "token"))?;
//! let call = client
//!     .dial(&DialRequest::new("+12065550100", "+15559876543", Document::say_and_hang_up("Hi")))
//!     .await?;
//! println!("{} {:?}", call.id, call.status);
//! # Ok(())
//! # }
//! ```

mod call;
mod client;
mod credentials;
mod dial;
mod error_body;
mod lenient;
mod lookup;
mod numbers;
mod pagination;
mod retry;
mod space_url;
mod voice_log;
mod wire_enum;

pub use call::{Call, CallStatus, EndReason};
pub use client::{Client, ClientConfig, USER_AGENT};
pub use credentials::{ApiToken, Credentials};
pub use dial::{
    CallFlow, DialRequest, MAX_CUSTOM_VARIABLE_BYTES, MAX_CUSTOM_VARIABLES,
    RESERVED_VARIABLE_PREFIXES, StatusEvent, TIMEOUT_RANGE, UrlMethod, check_custom_variable,
    is_e164,
};
pub use lookup::{Carrier, Cnam, NumberLookup};
pub use numbers::{PhoneNumber, VerifiedCallerId};
pub use retry::{RetryPolicy, parse_retry_after};
pub use space_url::{SpaceUrl, has_userinfo, strip_userinfo};
pub use voice_log::{LogStatus, VoiceLog, VoiceLogEvent, VoiceLogQuery};

pub use crate::error::{ApiErrorEntry, NetworkProblem};
