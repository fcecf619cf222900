package com.ec2manager.action;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.ec2manager.audit.AuditDetails;
import com.ec2manager.audit.AuditIntent;
import com.ec2manager.audit.AuditKey;
import com.ec2manager.audit.AuditResult;
import com.ec2manager.audit.AuditTrail;
import com.ec2manager.audit.AuditUnavailableException;
import com.ec2manager.failure.NotPermittedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one audited-action path. Every state-changing action — on an instance, on a user, and
 * later approved and scheduled ones — goes through it:
 *
 * <ol>
 *   <li>{@link #authorize}: a refusal is written as one DENIED record (a bulk request's ids listed
 *       in it, bounded) and answered {@link NotPermittedException}; past a person's or an address's
 *       free refusals ({@link RefusalLimits}) further ones wait, and only the first held back is written;</li>
 *   <li>{@link #perform}: the record is written PENDING — if that fails nothing is called, the
 *       caller hears "nothing was done", and the attempted record is handed to the reconciler
 *       to be settled as not performed should a late retry of the write land after all;</li>
 *   <li>the feature's call, which answers a typed {@link CallOutcome};</li>
 *   <li>the record is completed exactly once: SUCCEEDED, FAILED with the service's code, or
 *       left PENDING when the outcome is unknown, for the {@link PendingReconciler} to settle
 *       from the resource's state.</li>
 * </ol>
 *
 * Features supply the call and (as a {@link PendingJudge}) how to judge a PENDING record from
 * the real state; nothing else.
 */
public class AuditedActions {

    private static final Logger log = LoggerFactory.getLogger(AuditedActions.class);
    /** Most ids a DENIED record of a bulk request lists; the count says how many there were. */
    static final int MAX_LISTED_IDS = 50;
    private static final int MAX_LISTED_ID_LENGTH = 64;

    private final AuditTrail audit;
    private final AbandonedRecords abandoned;
    private final RefusalLimits refusals;

    AuditedActions(AuditTrail audit, AbandonedRecords abandoned, RefusalLimits refusals) {
        this.audit = audit;
        this.abandoned = abandoned;
        this.refusals = refusals;
    }

    /**
     * Lets the action go ahead, or records one DENIED record for the whole request and refuses it.
     *
     * @param permitted   whether the actor's role allows the action
     * @param why         why not, for the record and the answer
     * @param intent      what was attempted; its resource id stands for the request when it names one resource
     * @param resourceIds every resource the request named (one for a single action, many for a bulk one)
     * @throws NotPermittedException when not permitted
     */
    public void authorize(boolean permitted, String why, AuditIntent intent, List<String> resourceIds) {
        if (permitted) {
            return;
        }
        AuditIntent denied = resourceIds.size() <= 1 ? intent : new AuditIntent(intent.actor(), intent.action(),
                intent.resourceType(), "bulk:" + resourceIds.size(), withIds(intent.details(), resourceIds),
                intent.requestId(), intent.clientRequestId());
        String person = intent.actor().userId();
        String address = intent.actor().ipAddress();
        var held = refusals.check(person, address);
        if (held.isPresent()) {
            // a flood of refusals is not recorded one by one: the first one held back says that it began
            if (held.get().first()) {
                audit.record(denied, AuditResult.denied(
                        "too many refused requests; further ones are not recorded for a while"));
            }
            throw new RefusalLimits.TooManyRefusalsException();
        }
        audit.record(denied, AuditResult.denied(why));
        refusals.refused(person, address);
        throw new NotPermittedException("You may not do this: " + why + ".");
    }

    /**
     * Records an accepted request that the feature itself refuses before any call (a rule of ours,
     * such as an instance's protection or an unconfirmed Auto Scaling member): one FAILED record with
     * the refusal's code; nothing was called.
     *
     * @throws AuditUnavailableException when the record could not be written
     */
    public void refuseBeforeCalling(AuditIntent intent, String code, String message) {
        audit.record(intent, AuditResult.failed(code, message, null));
    }

    /**
     * Writes the PENDING record, calls, and completes the record from the call's outcome.
     *
     * @return the outcome; {@link CallOutcome.Refused} and {@link CallOutcome.Unknown} are for the
     *         feature to answer (see {@link #answer})
     * @throws AuditUnavailableException when the PENDING record could not be written: nothing was called
     */
    public <R> CallOutcome<R> perform(AuditIntent intent, Supplier<CallOutcome<R>> call) {
        AuditKey key;
        try {
            key = audit.begin(intent).key();
        } catch (AuditUnavailableException e) {
            // The caller is told nothing was done; a write that lands late must not say otherwise.
            e.attempted().ifPresent(abandoned::add);
            throw e;
        }
        CallOutcome<R> outcome;
        try {
            outcome = call.get();
        } catch (RuntimeException e) {
            // A failure of ours after the request may have left: whether the service acted is unknown.
            log.error("{} of {}: the call failed unexpectedly; record {} stays PENDING", intent.action(),
                    intent.resourceId(), key, e);
            outcome = new CallOutcome.Unknown<>("InternalError", "The action failed on our side; whether it "
                    + "took effect is being checked.");
        }
        if (outcome instanceof CallOutcome.Done<R> done) {
            complete(key, AuditResult.succeeded(done.newState(), done.serviceRequestId()));
        } else if (outcome instanceof CallOutcome.Refused<R> refused) {
            complete(key, AuditResult.failed(refused.code(), refused.message(), refused.serviceRequestId()));
        } else if (outcome instanceof CallOutcome.Unknown<R> unknown) {
            log.warn("{} of {}: outcome unknown ({}); record {} stays PENDING for the reconciler", intent.action(),
                    intent.resourceId(), unknown.code(), key);
        }
        return outcome;
    }

    /** The call's result when it was done; otherwise the failure to answer with. */
    public static <R> R answer(CallOutcome<R> outcome) {
        if (outcome instanceof CallOutcome.Done<R> done) {
            return done.result();
        }
        if (outcome instanceof CallOutcome.Refused<R> refused) {
            throw new ActionRefusedException(refused.kind(), refused.code(), refused.message(), refused.serviceRequestId());
        }
        CallOutcome.Unknown<R> unknown = (CallOutcome.Unknown<R>) outcome;
        throw new OutcomeUnknownException(unknown.code(), unknown.message());
    }

    /** Completes the record once; if that write fails, the record stays PENDING for the reconciler. */
    private void complete(AuditKey key, AuditResult result) {
        try {
            audit.complete(key, result);
        } catch (RuntimeException e) {
            log.error("could not complete audit record {} as {}: {}; the reconciler settles it", key,
                    result.outcome(), e.toString());
        }
    }

    private static AuditDetails withIds(AuditDetails details, List<String> ids) {
        List<String> listed = new ArrayList<>();
        for (String id : ids.subList(0, Math.min(ids.size(), MAX_LISTED_IDS))) {
            String printable = id == null ? "" : id.replaceAll("\\p{Cntrl}", "?").trim();
            listed.add(printable.length() > MAX_LISTED_ID_LENGTH ? printable.substring(0, MAX_LISTED_ID_LENGTH) : printable);
        }
        Map<String, String> extra = new LinkedHashMap<>(details == null ? Map.of() : details.extra());
        extra.put("resourceIds", String.join(",", listed));
        extra.put("resourceCount", Integer.toString(ids.size()));
        return details == null ? new AuditDetails(null, null, null, null, extra)
                : new AuditDetails(details.instanceType(), details.previousState(), details.region(), details.reason(), extra);
    }
}
