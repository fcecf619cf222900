package com.ec2manager.failure;

/**
 * What kind of failure something is, in the words of the domain rather than of HTTP. Features
 * throw {@link ApplicationException}s of a kind; only the {@code web} package decides which
 * status, problem JSON and page each kind becomes.
 */
public enum FailureKind {
    /** The request itself is wrong: a missing field, a malformed id, an unknown filter. */
    INVALID_INPUT,
    /** Nobody is signed in, or the credentials are not (or no longer) valid. */
    UNAUTHENTICATED,
    /** The person is known but their role does not allow this. */
    NOT_PERMITTED,
    /** The thing named does not exist. */
    NOT_FOUND,
    /** The thing exists but its state does not allow this now (or it was asked for already). */
    CONFLICT,
    /** A repeat of a request (the same idempotency key) that differs from the request it repeats. */
    MISMATCHED_REPEAT,
    /** The request is larger than the application accepts. */
    TOO_LARGE,
    /** Too many attempts in a short time. */
    TOO_MANY_ATTEMPTS,
    /** A service we called refused the request for a reason of its own. */
    REFUSED_BY_SERVICE,
    /** Something we depend on cannot be reached; nothing was done, and trying again later may work. */
    UNAVAILABLE,
    /** A service was asked to act and did not answer: it may or may not have acted. */
    OUTCOME_UNKNOWN,
    /** A failure of our own; never bad input. */
    INTERNAL
}
