package com.ec2manager.identity.cognito;

import java.util.function.Function;
import java.util.function.Supplier;

import com.ec2manager.action.CallOutcome;
import com.ec2manager.aws.AttemptLedger;
import com.ec2manager.failure.ApplicationException;
import com.ec2manager.failure.FailureKind;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** Cognito's answer to a call as the audited-action kernel's outcome. */
public final class CognitoOutcomes {

    private CognitoOutcomes() {
    }

    /**
     * Done with the call's result, refused with Cognito's own code and request id, or unknown when Cognito did not
     * answer (it may have acted).
     */
    public static <R> CallOutcome<R> of(Supplier<R> call, Function<R, String> newState) {
        try {
            R result = call.get();
            return new CallOutcome.Done<>(result, newState.apply(result), null);
        } catch (ApplicationException e) {
            if (e.kind() == FailureKind.OUTCOME_UNKNOWN) {
                return new CallOutcome.Unknown<>(e.code(), "Cognito did not answer; the change may have taken effect. "
                        + "The audit record is settled from the account's state shortly.");
            }
            var refusal = CognitoGateway.serviceRefusal(e);
            if (mayHaveActed(e)) {
                return new CallOutcome.Unknown<>(refusal.map(CognitoGateway.ServiceRefusal::code).orElse(e.code()),
                        "Cognito did not confirm the change; it may have taken effect. The audit record is settled "
                                + "from the account's state shortly.");
            }
            return new CallOutcome.Refused<>(e.kind(), refusal.map(CognitoGateway.ServiceRefusal::code).orElse(e.code()),
                    e.getMessage(), refusal.map(CognitoGateway.ServiceRefusal::requestId).orElse(null));
        }
    }

    /**
     * Whether Cognito may have acted although it answered with an error ({@link AttemptLedger#mayHaveActed}):
     * e.g. {@code InternalErrorException}, or {@code UsernameExistsException} after a retried creation that
     * did create, {@code UserNotFoundException} after a retried deletion that did delete.
     */
    static boolean mayHaveActed(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof AwsServiceException answer) {
                return AttemptLedger.mayHaveActed(answer);
            }
        }
        return false;
    }

    /** The same for a call without a result. */
    public static CallOutcome<Void> of(Runnable call, String newState) {
        return of(() -> {
            call.run();
            return null;
        }, ignored -> newState);
    }
}
