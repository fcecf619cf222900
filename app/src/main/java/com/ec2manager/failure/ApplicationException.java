package com.ec2manager.failure;

/**
 * A failure the application knows how to explain: a {@link FailureKind}, a stable machine-readable
 * code (e.g. {@code IncorrectInstanceState}, the service's own where a service refused) and a
 * message for people. Each failure a feature knows is a subclass in its package; the {@code web}
 * package renders all of them.
 */
public abstract class ApplicationException extends RuntimeException {

    private final FailureKind kind;
    private final String code;

    protected ApplicationException(FailureKind kind, String code, String message) {
        this(kind, code, message, null);
    }

    protected ApplicationException(FailureKind kind, String code, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.code = code;
    }

    public FailureKind kind() {
        return kind;
    }

    /**
     * A stable, machine-readable name of the failure, e.g. {@code IncorrectInstanceState}; null where
     * the kind's status names it well enough ({@code web} then answers {@code Conflict}, …).
     */
    public String code() {
        return code;
    }
}
