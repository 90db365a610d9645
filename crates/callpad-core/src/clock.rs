//! Wall-clock time in Unix milliseconds, the one unit call times are kept in. [`now_ms`] reads the
//! system clock; the [`Clock`] trait is how the use-case layer (`app`) takes "now", so a test can
//! drive what `app` itself stamps. The call center, poller and listener below it still read
//! [`now_ms`] directly (call and state times), and profile settings and the SignalWire client read
//! `SystemTime::now` (file stamps, `Retry-After`): those times a test clock does not move.

/// Where "now" comes from.
pub trait Clock: Send + Sync {
    /// Now, in Unix milliseconds.
    fn now_ms(&self) -> i64;
}

/// The computer's own clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now_ms(&self) -> i64 {
        now_ms()
    }
}

/// Now, in Unix milliseconds, from the system clock.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}
