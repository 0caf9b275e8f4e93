//! When and how long to wait before retrying a read action.

use std::time::{Duration, SystemTime};

/// The longest `Retry-After` honoured; a server asking for more gets the call ended instead
/// (when it would pass the deadline) or this wait.
pub(crate) const MAX_RETRY_AFTER: Duration = Duration::from_secs(60);

/// The backoff before the first retry; doubled for each further one.
const BASE_BACKOFF: Duration = Duration::from_millis(250);
/// The longest backoff without `Retry-After`.
const MAX_BACKOFF: Duration = Duration::from_secs(8);

/// HTTP statuses that say "try again later": too many requests, bad gateway, unavailable,
/// gateway timeout.
pub(crate) fn retryable_status(status: u16) -> bool {
    matches!(status, 429 | 502 | 503 | 504)
}

/// The wait a `Retry-After` header asks for: delta seconds or an HTTP date, capped at
/// [`MAX_RETRY_AFTER`]. `None` when absent or unreadable.
pub(crate) fn retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    let wait = if let Ok(secs) = value.parse::<u64>() {
        Duration::from_secs(secs)
    } else {
        let at = httpdate::parse_http_date(value).ok()?;
        at.duration_since(now).unwrap_or(Duration::ZERO)
    };
    Some(wait.min(MAX_RETRY_AFTER))
}

/// Exponential backoff with jitter before retry number `retry` (1 for the first): a random
/// time between half and all of `BASE_BACKOFF * 2^(retry-1)`, capped at `MAX_BACKOFF`.
/// The jitter keeps clients that failed together from coming back together.
pub(crate) fn backoff(retry: u32) -> Duration {
    let full = BASE_BACKOFF
        .saturating_mul(1u32 << retry.saturating_sub(1).min(16))
        .min(MAX_BACKOFF);
    let full_ms = u64::try_from(full.as_millis()).unwrap_or(u64::MAX);
    Duration::from_millis(fastrand::u64(full_ms / 2..=full_ms))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_both_forms_and_caps() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(784_111_777);
        assert_eq!(retry_after("3", now), Some(Duration::from_secs(3)));
        assert_eq!(retry_after(" 0 ", now), Some(Duration::ZERO));
        assert_eq!(retry_after("86400", now), Some(MAX_RETRY_AFTER));
        // 784111777 is Sun, 06 Nov 1994 08:49:37 GMT.
        let later = "Sun, 06 Nov 1994 08:49:47 GMT";
        assert_eq!(retry_after(later, now), Some(Duration::from_secs(10)));
        let past = "Sun, 06 Nov 1994 08:49:00 GMT";
        assert_eq!(retry_after(past, now), Some(Duration::ZERO));
        assert_eq!(retry_after("soon", now), None);
        assert_eq!(retry_after("-1", now), None);
    }

    #[test]
    fn backoff_grows_with_jitter_and_is_capped() {
        for retry in 1..40 {
            let b = backoff(retry);
            let full = BASE_BACKOFF
                .saturating_mul(1 << (retry - 1).min(16))
                .min(MAX_BACKOFF);
            assert!(b >= full / 2 && b <= full, "{retry}: {b:?}");
        }
    }
}
