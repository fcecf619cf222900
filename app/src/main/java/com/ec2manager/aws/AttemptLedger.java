package com.ec2manager.aws;

import java.util.concurrent.atomic.AtomicInteger;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Keeps, for each call of a client that acts (EC2, Cognito), whether an attempt before the last
 * may have acted: one that got no answer (an attempt timeout, a broken connection) or an answer
 * of 500, 502 or 504 (the service failed inside, perhaps after acting). The SDK retries such an
 * attempt, and the retry's answer then speaks only of the state the first one left — a
 * {@code UsernameExistsException} after a creation that did create, an
 * {@code IncorrectInstanceState} after a start that did start. A failed call whose earlier
 * attempt may have acted carries a {@link MayHaveActed} (suppressed), which the adapters read
 * with {@link #earlierAttemptMayHaveActed}: its outcome is unknown, not refused.
 *
 * <p>An answer of 503 (EC2's {@code RequestLimitExceeded} and {@code Unavailable}) and the 4xx
 * throttling answers say the request was not served, so attempts answered so throughout leave the
 * call refused: nothing was done.
 */
public final class AttemptLedger implements ExecutionInterceptor {

    private static final ExecutionAttribute<Attempts> ATTEMPTS = new ExecutionAttribute<>("ec2manager.attempts");

    /** Attempts sent and answered in one call. */
    private static final class Attempts {
        final AtomicInteger sent = new AtomicInteger();
        final AtomicInteger answered = new AtomicInteger();
        volatile boolean failedInside;
    }

    /** The mark a failed call carries when an attempt before the last may have acted. */
    public static final class MayHaveActed extends RuntimeException {
        MayHaveActed(int sent, int answered) {
            super(sent + " attempts, " + answered + " answered: an earlier attempt may have acted", null, false, false);
        }
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        attributes.putAttribute(ATTEMPTS, new Attempts());
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        Attempts attempts = attributes.getAttribute(ATTEMPTS);
        if (attempts != null) {
            attempts.sent.incrementAndGet();
        }
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        Attempts attempts = attributes.getAttribute(ATTEMPTS);
        if (attempts != null) {
            attempts.answered.incrementAndGet();
            int status = context.httpResponse().statusCode();
            if (status >= 500 && status != 503) {
                attempts.failedInside = true;
            }
        }
    }

    @Override
    public Throwable modifyException(Context.FailedExecution context, ExecutionAttributes attributes) {
        Throwable failure = context.exception();
        Attempts attempts = attributes.getAttribute(ATTEMPTS);
        if (attempts == null || attempts.sent.get() < 2) {
            return failure; // one attempt: its own answer, or the lack of one, says it all
        }
        int sent = attempts.sent.get();
        int answered = attempts.answered.get();
        if (answered < sent || attempts.failedInside) {
            failure.addSuppressed(new MayHaveActed(sent, answered));
        }
        return failure;
    }

    /**
     * Whether a service may have acted although it answered with an error: it failed inside (a 5xx
     * other than 503, whose throttling and Unavailable answers mean the request was not served), or
     * an earlier attempt of the call may have acted and this answer speaks only of what it left.
     */
    public static boolean mayHaveActed(AwsServiceException answer) {
        return answer.statusCode() >= 500 && answer.statusCode() != 503 || earlierAttemptMayHaveActed(answer);
    }

    /** Whether {@code failure}, or what caused it, carries the mark of an earlier attempt that may have acted. */
    public static boolean earlierAttemptMayHaveActed(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            for (Throwable suppressed : cause.getSuppressed()) {
                if (suppressed instanceof MayHaveActed) {
                    return true;
                }
            }
        }
        return false;
    }
}
