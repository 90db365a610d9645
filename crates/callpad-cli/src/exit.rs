//! How `callpad` fails: one message on stderr and an exit code a script can branch on.
//! The codes are part of the CLI's contract (see the README); the messages come from callpad-core.

use std::process::ExitCode;

use callpad_core::Error;

/// The request failed; nothing happened that needs checking.
pub const FAILED: u8 = 1;
/// The command could not run as given: bad flags, a missing variable, an invalid number.
pub const USAGE: u8 = 2;
/// A dial whose outcome is unknown: the call may have been placed. Check history before retrying.
pub const MAY_HAVE_BEEN_PLACED: u8 = 3;

pub const EXIT_CODES_HELP: &str = "\
Exit codes:
  0  success
  1  the request failed (SignalWire refused it, or could not be reached); no call was placed
  2  usage: bad arguments, a missing SIGNALWIRE_* variable, an invalid number
  3  the call MAY have been placed (the answer was lost); check the call history before calling again";

/// A failed command: what to tell the person, and the exit code.
#[derive(Debug)]
pub struct Failure {
    pub message: String,
    pub code: u8,
}

impl Failure {
    pub fn usage(message: impl Into<String>) -> Self {
        Failure {
            message: message.into(),
            code: USAGE,
        }
    }

    pub fn failed(message: impl Into<String>) -> Self {
        Failure {
            message: message.into(),
            code: FAILED,
        }
    }

    /// Prints the message to stderr and returns the exit code.
    pub fn report(self) -> ExitCode {
        eprintln!("callpad: {}", self.message);
        ExitCode::from(self.code)
    }
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        // Core decides which errors are the person's input (caught before anything was sent).
        let code = if error.call_may_have_been_placed() {
            MAY_HAVE_BEEN_PLACED
        } else if error.is_usage() {
            USAGE
        } else {
            FAILED
        };
        Failure {
            message: error.to_string(),
            code,
        }
    }
}
