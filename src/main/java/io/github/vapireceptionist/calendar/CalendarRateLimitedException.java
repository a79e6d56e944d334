package io.github.vapireceptionist.calendar;

/**
 * The calendar answered 429: Easy!Appointments' per-address rate limit (100 requests per 120 s by default)
 * is spent, and every call is refused until its window ends. Counted by the circuit breaker like any failure
 * (README, "The calendar"); the caller hears what any unreachable calendar says.
 */
public class CalendarRateLimitedException extends CalendarUnavailableException {
}
