package com.ec2manager.instances;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import com.ec2manager.action.ActionHeldException;
import com.ec2manager.action.ActionRefusedException;
import com.ec2manager.action.AuditedActions;
import com.ec2manager.action.CallOutcome;
import com.ec2manager.audit.AuditActor;
import com.ec2manager.audit.AuditDetails;
import com.ec2manager.audit.AuditIntent;
import com.ec2manager.audit.AuditUnavailableException;
import com.ec2manager.audit.ResourceType;
import com.ec2manager.failure.ApplicationException;
import com.ec2manager.failure.FailureKind;
import com.ec2manager.identity.Operator;
import com.ec2manager.web.Caller;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start, stop, reboot and terminate, on one instance or many, through the audited-action kernel
 * ({@link AuditedActions}): authorize (a denial is audited, once per request) → validate →
 * describe the instance → the kernel's PENDING record, EC2 call ({@link InstanceControl}) and
 * completion.
 *
 * <p>Refusals decided before any EC2 call — an Auto Scaling member without
 * {@code confirmAutoScaling}, a stop- or termination-protected instance — are written as one
 * FAILED record each and answered 409. Input errors (400) and unknown instances (404) are
 * answered before the record, as the action path orders it, and leave none.
 */
public class InstanceActions {

    private static final Logger log = LoggerFactory.getLogger(InstanceActions.class);

    private final InstanceListing listing;
    private final Ec2Gateway gateway;
    private final InstanceControl control;
    private final AuditedActions kernel;
    private final Validator validator;
    private final ExecutorService pool;
    private final InstancesProperties properties;
    private final List<ActionGate> gates;
    private final List<ActionNotices> notices;

    InstanceActions(InstanceListing listing, Ec2Gateway gateway, InstanceControl control, AuditedActions kernel,
                           Validator validator, ExecutorService pool, InstancesProperties properties,
                           List<ActionGate> gates, List<ActionNotices> notices) {
        this.listing = listing;
        this.gateway = gateway;
        this.control = control;
        this.kernel = kernel;
        this.validator = validator;
        this.pool = pool;
        this.properties = properties;
        this.gates = List.copyOf(gates);
        this.notices = List.copyOf(notices);
    }

    /** One action on one instance; answers EC2's result or throws the failure (already audited). */
    ActionResult perform(Operator operator, Caller origin, InstanceAction action, String instanceId,
                                ActionRequest request) {
        return perform(operator, origin, action, null, null, instanceId, request);
    }

    /**
     * One action on the instance at an address (account and region; null: wherever the id lives); an
     * address that names another account or region is 404, found after the authorization as any target.
     */
    ActionResult perform(Operator operator, Caller origin, InstanceAction action, String accountId, String region,
                                String instanceId, ActionRequest request) {
        ActionRequest body = request == null ? new ActionRequest(null, null) : request;
        authorize(operator, origin, action, List.of(instanceId), body.reason());
        validate(body);
        InstanceIds.require(instanceId);
        Instance instance = listing.find(accountId, region, instanceId);
        holdIfGated(operator, origin, action, List.of(instance), body);
        String notice = noticesAbout(action, List.of(instance)).get(instance.id());
        return actOn(operator, origin, action, instance, body, notice == null ? Map.of() : Map.of(NOTICE, notice));
    }

    /** One action on many instances: one audit record and one result item per instance. */
    BulkActionResult performBulk(Operator operator, Caller origin, BulkActionRequest request) {
        if (request == null) {
            throw new InvalidActionRequestException("a body with action, instanceIds and reason is required");
        }
        InstanceAction action = InstanceAction.fromValue(request.action()).orElseThrow(() ->
                new InvalidActionRequestException("action must be start, stop, reboot or terminate, not '"
                        + InstanceIds.printable(request.action()) + "'"));
        List<String> ids = request.instanceIds() == null ? List.of()
                : new ArrayList<>(new LinkedHashSet<>(request.instanceIds()));
        authorize(operator, origin, action, ids.subList(0, Math.min(ids.size(), properties.bulkLimit())),
                request.reason());
        validate(request);
        if (ids.size() > properties.bulkLimit()) {
            throw new InvalidActionRequestException("at most " + properties.bulkLimit()
                    + " instances per bulk action, not " + ids.size());
        }
        List<String> malformed = ids.stream().filter(id -> !InstanceIds.isWellFormed(id))
                .map(id -> id == null ? "null" : "'" + InstanceIds.printable(id) + "'").toList();
        if (!malformed.isEmpty()) {
            throw new InvalidInstanceIdException(String.join(", ", malformed) + (malformed.size() == 1 ? " is not an instance id"
                    : " are not instance ids") + "; an instance id reads i- and 8 or 17 hexadecimal digits");
        }

        InstanceListing.Located located = listing.locate(ids, Ec2Caller.user(operator.email()));
        ActionRequest body = request.single();
        holdIfGated(operator, origin, action, List.copyOf(located.found().values()), body);
        return actOnAll(operator, origin, action, ids, located, body, Map.of(),
                noticesAbout(action, List.copyOf(located.found().values())));
    }

    /**
     * An action that was held back and has since been approved, done now as the person who asked
     * for it: past the gates, each instance's record naming its approvers ({@code details.approvedBy}).
     *
     * @param expected where each instance was when the action was asked for; when one is found anywhere
     *                 else, or not at all, none is acted on (the set the approvers saw has changed)
     */
    public BulkActionResult performApproved(Operator requester, Caller origin, InstanceAction action,
                                            Map<String, ActionGate.Place> expected, ActionRequest body,
                                            List<String> approvedBy) {
        return performDecided(requester, origin, action, expected, body,
                Map.of("approvedBy", String.join(",", approvedBy)));
    }

    /**
     * An action the application decided on someone's behalf (an approved request, a schedule's
     * transition): past the gates, as {@code actor}, with {@code extra} in each record's details. An
     * actor without an e-mail (a schedule) calls EC2 with the application's own session.
     *
     * @param expected where each instance was when the action was decided; when one is found anywhere
     *                 else, or not at all, none is acted on
     */
    public BulkActionResult performDecided(Operator actor, Caller origin, InstanceAction action,
                                           Map<String, ActionGate.Place> expected, ActionRequest body,
                                           Map<String, String> extra) {
        List<String> ids = List.copyOf(expected.keySet());
        InstanceListing.Located located = listing.locate(ids, ec2Caller(actor));
        List<String> moved = ids.stream().filter(id -> located.found().get(id) == null
                || !ActionGate.Place.of(located.found().get(id)).equals(expected.get(id))).toList();
        if (!moved.isEmpty()) {
            throw new InstanceSetChangedException("No instance was touched: " + String.join(", ", moved)
                    + (moved.size() == 1 ? " is" : " are") + " no longer where "
                    + (moved.size() == 1 ? "it was" : "they were") + " when the action was decided");
        }
        return actOnAll(actor, origin, action, ids, located, body, extra, Map.of());
    }

    /** A person's own session (their SourceIdentity), or the application's for an actor without an e-mail. */
    private static Ec2Caller ec2Caller(Operator operator) {
        return operator.email() == null ? Ec2Caller.system(operator.userId()) : Ec2Caller.user(operator.email());
    }

    /** What the features have to say about the action on each instance; a feature that fails says nothing. */
    private Map<String, String> noticesAbout(InstanceAction action, List<Instance> instances) {
        Map<String, String> all = new LinkedHashMap<>();
        for (ActionNotices source : notices) {
            try {
                source.about(action, instances).forEach((id, notice) -> all.merge(id, notice, (a, b) -> a + " " + b));
            } catch (RuntimeException e) {
                log.warn("no notices for this {}: {}", action.value(), e.toString());
            }
        }
        return all;
    }

    private void holdIfGated(Operator operator, Caller origin, InstanceAction action, List<Instance> instances,
                             ActionRequest body) {
        for (ActionGate gate : gates) {
            var held = gate.hold(operator, origin, action, instances, body);
            if (held.isPresent()) {
                throw new ActionHeldException(held.get());
            }
        }
    }

    private BulkActionResult actOnAll(Operator operator, Caller origin, InstanceAction action, List<String> ids,
                                      InstanceListing.Located located, ActionRequest body, Map<String, String> extra,
                                      Map<String, String> noticeById) {
        Map<String, Future<BulkActionResult.Item>> running = new LinkedHashMap<>();
        for (String id : ids) {
            Instance instance = located.found().get(id);
            Map<String, String> details = extra;
            if (noticeById.containsKey(id)) {
                details = new LinkedHashMap<>(extra);
                details.put(NOTICE, noticeById.get(id));
            }
            Map<String, String> itemDetails = details;
            running.put(id, pool.submit(() -> instance == null
                    ? unlocatedItem(operator, origin, action, id, located.missing(id), body, itemDetails)
                    : itemFor(operator, origin, action, instance, body, itemDetails)));
        }
        List<BulkActionResult.Item> items = new ArrayList<>();
        for (Map.Entry<String, Future<BulkActionResult.Item>> entry : running.entrySet()) {
            items.add(await(entry.getKey(), entry.getValue()));
        }
        long auditFailures = items.stream().filter(item -> AUDIT_UNAVAILABLE.equals(item.code())).count();
        if (auditFailures == items.size()) {
            // Nothing was done at all: answer as a single action would.
            throw new AuditUnavailableException("The audit trail is unavailable; no instance was touched");
        }
        int succeeded = (int) items.stream().filter(BulkActionResult.Item::isSuccess).count();
        return new BulkActionResult(action.value(), succeeded, items.size() - succeeded, items);
    }

    private static final String AUDIT_UNAVAILABLE = "AuditUnavailable";
    /** The details' entry that carries a feature's notice about the action (see {@link ActionNotices}). */
    static final String NOTICE = "notice";
    private static final String NO_INSTANCE = "(none)";

    private BulkActionResult.Item itemFor(Operator operator, Caller origin, InstanceAction action,
                                          Instance instance, ActionRequest body, Map<String, String> extra) {
        try {
            return BulkActionResult.Item.succeeded(actOn(operator, origin, action, instance, body, extra));
        } catch (ApplicationException e) {
            return failedItem(instance.id(), instance, e);
        } catch (RuntimeException e) {
            log.error("{} of {} failed unexpectedly", action.value(), instance.id(), e);
            return BulkActionResult.Item.failed(instance.id(), FailureKind.INTERNAL, "InternalError",
                    "unexpected failure", instance.region(), instance.state(), null);
        }
    }

    /**
     * An instance of a bulk action that the inventory cannot place (unknown, or in an account-region
     * not read): the request was accepted, so this instance too gets its FAILED record and its line on
     * the result page, read back from the trail.
     */
    private BulkActionResult.Item unlocatedItem(Operator operator, Caller origin, InstanceAction action, String id,
                                                ApplicationException why, ActionRequest body,
                                                Map<String, String> extra) {
        try {
            kernel.refuseBeforeCalling(intent(operator, origin, action, id,
                    new AuditDetails(null, null, null, body.reason().trim(), extra)), why.code(), why.getMessage());
        } catch (AuditUnavailableException e) {
            return failedItem(id, null, e);
        }
        return failedItem(id, null, why);
    }

    private static BulkActionResult.Item failedItem(String id, Instance instance, ApplicationException e) {
        String code = e instanceof AuditUnavailableException ? AUDIT_UNAVAILABLE : e.code();
        String awsRequestId = e instanceof Ec2CallException ec2 ? ec2.awsRequestId()
                : e instanceof ActionRefusedException refused ? refused.serviceRequestId() : null;
        return BulkActionResult.Item.failed(id, e.kind(), code, e.getMessage(),
                instance == null ? null : instance.region(), instance == null ? null : instance.state(), awsRequestId);
    }

    private static BulkActionResult.Item await(String id, Future<BulkActionResult.Item> item) {
        try {
            return item.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegionUnavailableException("interrupted while acting on " + id);
        } catch (ExecutionException e) {
            log.error("acting on {} failed unexpectedly", id, e.getCause());
            return BulkActionResult.Item.failed(id, FailureKind.INTERNAL, "InternalError", "unexpected failure",
                    null, null, null);
        }
    }

    /** From the PENDING record to its completion, for one located instance. */
    private ActionResult actOn(Operator operator, Caller origin, InstanceAction action, Instance instance,
                               ActionRequest body, Map<String, String> extra) {
        Ec2Caller caller = ec2Caller(operator);
        AccountRegion where = listing.where(instance);
        AuditIntent intent = intent(operator, origin, action, instance.id(), AuditDetails.ofInstance(
                instance.type(), instance.state().value(), instance.region(), body.reason().trim(),
                instance.accountId(), instance.accountName()).with(extra));

        if (instance.inAutoScalingGroup() && !body.autoScalingConfirmed()) {
            String message = "The instance " + instance.id() + " belongs to the Auto Scaling group '"
                    + instance.autoScalingGroup() + "', which may replace or restart it; repeat with "
                    + "confirmAutoScaling: true to " + action.value() + " it anyway";
            kernel.refuseBeforeCalling(intent, AutoScalingConfirmationRequiredException.CODE, message);
            throw new AutoScalingConfirmationRequiredException(message);
        }
        if (action == InstanceAction.STOP || action == InstanceAction.TERMINATE) {
            Protection protection = gateway.describeProtection(where, instance.id(), caller);
            boolean refused = action == InstanceAction.STOP ? protection.stop() : protection.termination();
            if (refused) {
                String message = "The instance " + instance.id() + " has "
                        + (action == InstanceAction.STOP ? "stop protection (disableApiStop)"
                                : "termination protection (disableApiTermination)")
                        + "; turn it off in EC2 before you " + action.value() + " it";
                kernel.refuseBeforeCalling(intent, "OperationNotPermitted", message);
                throw new InstanceProtectedException(message);
            }
        }

        CallOutcome<StateChange> outcome = kernel.perform(intent, () -> call(action, where, instance, caller,
                body.hibernates()));
        // the inventory shows what EC2 answered at once, and reads the instance again
        listing.changed(instance, outcome instanceof CallOutcome.Done<StateChange> done ? done.result().currentState() : null);
        StateChange change = AuditedActions.answer(outcome);
        return new ActionResult(instance.id(), action.value(), instance.region(), change.previousState(),
                change.currentState(), change.awsRequestId(), extra.get(NOTICE));
    }

    /** EC2's answer as the kernel's outcome: a refusal with EC2's code, or unknown when EC2 did not answer. */
    private CallOutcome<StateChange> call(InstanceAction action, AccountRegion where, Instance instance,
                                          Ec2Caller caller, boolean hibernate) {
        try {
            StateChange change = control.perform(action, where, instance.id(), instance.state(), caller,
                    hibernate && action == InstanceAction.STOP);
            return new CallOutcome.Done<>(change, change.currentState().value(), change.awsRequestId());
        } catch (Ec2CallException e) {
            return e.outcomeUnknown() ? new CallOutcome.Unknown<>(e.code(), "EC2 did not confirm it; the " + action.value()
                    + " of " + instance.id() + " may have taken effect. The audit record is settled from the instance's "
                    + "state shortly; repeat with the same Idempotency-Key to learn the outcome.")
                    : new CallOutcome.Refused<>(e.kind(), e.code(), e.getMessage(), e.awsRequestId());
        }
    }

    /** Admins only; anyone else is refused, with one DENIED record for the request (its ids listed). */
    private void authorize(Operator operator, Caller origin, InstanceAction action, List<String> ids,
                           String reason) {
        String givenReason = reason == null ? null : truncate(reason.trim(), ActionRequest.MAX_REASON);
        List<String> distinct = ids.stream().map(InstanceActions::auditableId).distinct().toList();
        String id = distinct.isEmpty() ? NO_INSTANCE : distinct.get(0);
        kernel.authorize(operator.isAdmin(), "only admins may " + action.value() + " instances",
                intent(operator, origin, action, id, new AuditDetails(null, null, null, givenReason, Map.of())),
                distinct);
    }

    private <T> void validate(T body) {
        Set<ConstraintViolation<T>> violations = validator.validate(body);
        if (!violations.isEmpty()) {
            throw new InvalidActionRequestException(violations.stream()
                    .map(v -> v.getPropertyPath() + ": " + v.getMessage()).sorted()
                    .collect(Collectors.joining("; ")));
        }
    }

    private static AuditIntent intent(Operator operator, Caller origin, InstanceAction action, String id,
                                      AuditDetails details) {
        return new AuditIntent(new AuditActor(operator.userId(), operator.email(), origin.ipAddress(),
                origin.userAgent()), action.auditAction(), ResourceType.EC2_INSTANCE, id, details, origin.requestId(),
                origin.clientRequestId());
    }

    /** An id fit for the audit record's resourceId (a key of ResourceIndex: never empty). */
    private static String auditableId(String id) {
        String printable = InstanceIds.printable(id).trim();
        return printable.isEmpty() ? NO_INSTANCE : printable;
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
