package com.ec2manager.approvals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import com.ec2manager.action.ActionRefusedException;
import com.ec2manager.action.AuditedActions;
import com.ec2manager.action.CallOutcome;
import com.ec2manager.action.HeldAction;
import com.ec2manager.action.VersionedWrites;
import com.ec2manager.audit.AuditAction;
import com.ec2manager.audit.AuditActor;
import com.ec2manager.audit.AuditDetails;
import com.ec2manager.audit.AuditIntent;
import com.ec2manager.audit.ResourceType;
import com.ec2manager.failure.ApplicationException;
import com.ec2manager.failure.FailureKind;
import com.ec2manager.identity.Operator;
import com.ec2manager.identity.Role;
import com.ec2manager.identity.users.UserAction;
import com.ec2manager.identity.users.UserActionGate;
import com.ec2manager.identity.users.UserActionTarget;
import com.ec2manager.identity.users.UserAdministration;
import com.ec2manager.instances.ActionGate;
import com.ec2manager.instances.ActionRequest;
import com.ec2manager.instances.BulkActionResult;
import com.ec2manager.instances.Instance;
import com.ec2manager.instances.InstanceAction;
import com.ec2manager.instances.InstanceActions;
import com.ec2manager.web.Caller;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Four eyes on dangerous actions. An admin's instance or user-administration action that matches a
 * policy is not done: it becomes a request bound to exactly that action, which other admins approve or reject; on the
 * last approval needed it runs through the audited-action path as the requester, its records
 * naming the approvers. Every step — the request, each approval, rejection and expiry, every policy
 * change — is an audited action of its own, through the one kernel.
 */
public class Approvals implements ActionGate, UserActionGate {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Approvals.class);

    /** Most policies kept (they live in one item, read on every admin action). */
    static final int MAX_POLICIES = 100;
    private static final int MAX_COMMENT = 500;
    private static final int MAX_LISTED_IDS = 50;
    private static final String SYSTEM_ACTOR = "system:approvals";
    /** Ids are UUIDs; anything else names nothing (and never reaches DynamoDB as a key). */
    private static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final ApprovalStore store;
    private final AuditedActions kernel;
    // looked up when a request runs: both features consult this one as their gate
    private final ObjectProvider<InstanceActions> instanceActions;
    private final ObjectProvider<UserAdministration> userAdministration;
    private final ApprovalsProperties properties;
    private final Clock clock;

    Approvals(ApprovalStore store, AuditedActions kernel, ObjectProvider<InstanceActions> instanceActions,
              ObjectProvider<UserAdministration> userAdministration, ApprovalsProperties properties, Clock clock) {
        this.store = store;
        this.kernel = kernel;
        this.instanceActions = instanceActions;
        this.userAdministration = userAdministration;
        this.properties = properties;
        this.clock = clock;
    }

    // --- the gate -------------------------------------------------------------------------------

    @Override
    public Optional<HeldAction> hold(Operator operator, Caller origin, InstanceAction action, List<Instance> instances,
                                     ActionRequest body) {
        List<ApprovalPolicy> matching = store.policies().all().stream()
                .filter(policy -> instances.stream().anyMatch(instance -> policy.matches(action, instance)))
                .toList();
        if (matching.isEmpty()) {
            return Optional.empty();
        }
        String reason = body.reason() == null ? "" : body.reason().trim();
        for (ApprovalPolicy policy : matching) {
            if (policy.ticketPattern() != null && !Pattern.compile(policy.ticketPattern()).matcher(reason).find()) {
                throw ApprovalFailure.invalid("The policy '" + policy.name() + "' holds this action for approval and "
                        + "needs a ticket reference in the reason, matching " + policy.ticketPattern() + ".");
            }
        }
        Map<String, Place> where = new LinkedHashMap<>();
        instances.forEach(instance -> where.put(instance.id(), Place.of(instance)));
        return Optional.of(request(operator, origin, matching, PolicyAction.of(action), where, null, reason,
                body.autoScalingConfirmed()));
    }

    @Override
    public Optional<HeldAction> hold(Operator operator, Caller origin, UserAction action, UserActionTarget target) {
        List<ApprovalPolicy> matching = store.policies().all().stream().filter(policy -> policy.matches(action)).toList();
        if (matching.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(request(operator, origin, matching, PolicyAction.of(action), Map.of(), target, "", false));
    }

    /** Writes the request that holds an action (audited as the requester's), bound to exactly what was asked. */
    private HeldAction request(Operator operator, Caller origin, List<ApprovalPolicy> matching, PolicyAction action,
                               Map<String, Place> instances, UserActionTarget user, String reason,
                               boolean confirmAutoScaling) {
        Instant now = clock.instant();
        Duration wait = matching.stream().map(ApprovalPolicy::expiresIn).min(Duration::compareTo)
                .orElse(properties.defaultExpiry());
        ApprovalRequest request = new ApprovalRequest(UUID.randomUUID().toString(), ApprovalRequest.State.PENDING_APPROVAL,
                operator.userId(), operator.email(), action, instances, user, reason, confirmAutoScaling,
                matching.stream().map(ApprovalPolicy::name).toList(),
                matching.stream().mapToInt(ApprovalPolicy::approvals).max().orElse(1), List.of(), now, now.plus(wait),
                null, null, null, 0, 0, null, 1);
        AuditedActions.answer(kernel.perform(intent(operator, origin, AuditAction.REQUEST_APPROVAL,
                ResourceType.APPROVAL_REQUEST, request.id(), reason.isEmpty() ? null : reason, describe(request, request)),
                () -> write(request)));
        return new HeldAction(request.id(), request.state().name());
    }

    // --- deciding -------------------------------------------------------------------------------

    /**
     * One admin's approval; the last one needed runs the action as the requester.
     *
     * @return the request afterwards
     */
    public ApprovalRequest approve(Operator approver, Caller origin, String id, String comment) {
        String said = comment(comment);
        AuditIntent intent = intent(approver, origin, AuditAction.APPROVE_REQUEST, ResourceType.APPROVAL_REQUEST,
                id, said, Map.of());
        kernel.authorize(approver.isAdmin(), "only admins may approve actions", intent, List.of(id));
        ApprovalRequest request = waiting(id);
        kernel.authorize(!request.requesterId().equals(approver.userId()),
                "the person who asked for an action may not approve it", intent, List.of(id));
        if (request.approvals().stream().anyMatch(a -> a.userId().equals(approver.userId()))) {
            throw ApprovalFailure.conflict("AlreadyApproved", "You have approved this request already; it needs "
                    + "another admin's approval.");
        }
        ApprovalRequest approved = request.approvedBy(new ApprovalRequest.Approval(approver.userId(), approver.email(),
                said, clock.instant()));
        AuditedActions.answer(kernel.perform(withRequest(intent, request, approved),
                () -> write(approved)));
        return approved.state() == ApprovalRequest.State.EXECUTING ? run(approved, origin) : approved;
    }

    /** An admin's rejection (the requester may withdraw their own request this way). */
    public ApprovalRequest reject(Operator admin, Caller origin, String id, String comment) {
        String said = comment(comment);
        AuditIntent intent = intent(admin, origin, AuditAction.REJECT_REQUEST, ResourceType.APPROVAL_REQUEST, id,
                said, Map.of());
        kernel.authorize(admin.isAdmin(), "only admins may reject actions", intent, List.of(id));
        ApprovalRequest request = waiting(id);
        ApprovalRequest rejected = request.closed(ApprovalRequest.State.REJECTED, admin.email(), said, clock.instant());
        AuditedActions.answer(kernel.perform(withRequest(intent, request, rejected),
                () -> write(rejected)));
        return rejected;
    }

    /**
     * Closes every request past its expiry as expired, and every run that an application instance's
     * stop cut short as interrupted, each one audited; answers how many.
     */
    public int expireOverdue() {
        Instant now = clock.instant();
        int closed = 0;
        Instant startedBefore = now.minus(properties.interruptedAfter());
        // one scan for both: a pass reads the table once
        for (ApprovalRequest request : store.requests(List.of(ApprovalRequest.State.PENDING_APPROVAL,
                ApprovalRequest.State.EXECUTING), Integer.MAX_VALUE)) {
            if (request.state() == ApprovalRequest.State.PENDING_APPROVAL && !request.waitingAt(now)) {
                expire(request, internal());
                closed++;
            } else if (request.state() == ApprovalRequest.State.EXECUTING && request.decidedAt() != null
                    && request.decidedAt().isBefore(startedBefore)) {
                interrupted(request, internal());
                closed++;
            }
        }
        return closed;
    }

    /** A run nobody finished: the request says so and where to look; its records stay as the reconciler settles them. */
    private void interrupted(ApprovalRequest request, Caller origin) {
        String what = "The application stopped while this ran (approved " + request.decidedAt() + "); the audit "
                + "records of the run, which name the approvers, say what was done.";
        ApprovalRequest closed = request.ran(ApprovalRequest.State.INTERRUPTED, 0, 0, what);
        Operator system = new Operator(SYSTEM_ACTOR, null, Set.of());
        try {
            kernel.perform(intent(system, origin, AuditAction.INTERRUPT_APPROVAL, ResourceType.APPROVAL_REQUEST,
                    request.id(), what, describe(request, closed)), () -> write(closed));
        } catch (ApplicationException e) {
            // the next pass closes it; or the run itself finished meanwhile
        }
    }

    private void expire(ApprovalRequest request, Caller origin) {
        ApprovalRequest expired = request.closed(ApprovalRequest.State.EXPIRED, null, null, clock.instant());
        Operator system = new Operator(SYSTEM_ACTOR, null, Set.of());
        try {
            kernel.perform(intent(system, origin, AuditAction.EXPIRE_APPROVAL, ResourceType.APPROVAL_REQUEST,
                    request.id(), "not approved by " + request.expiresAt(), describe(request, expired)), () -> write(expired));
        } catch (ApplicationException e) {
            // the next pass, or the next person to open it, closes it
        }
    }

    /** Runs an approved request's action as its requester and records how it went. */
    private ApprovalRequest run(ApprovalRequest approved, Caller origin) {
        Operator requester = new Operator(approved.requesterId(), approved.requesterEmail(), Set.of(Role.ADMIN));
        ApprovalRequest ran;
        try {
            if (approved.user() != null) {
                ran = runOnUser(approved, requester, origin);
            } else {
                BulkActionResult result = instanceActions.getObject().performApproved(requester, origin,
                        approved.action().instanceAction().orElseThrow(), approved.instances(),
                        new ActionRequest(approved.reason(), approved.confirmAutoScaling()), approved.approverEmails());
                ran = approved.ran(ApprovalRequest.State.EXECUTED, result.succeeded(), result.failed(),
                        result.succeeded() + " of " + (result.succeeded() + result.failed()) + " instances acted on");
            }
        } catch (ApplicationException e) {
            int notDone = approved.user() != null ? 1 : approved.instances().size();
            ran = approved.ran(ApprovalRequest.State.NOT_EXECUTED, 0, notDone, e.getMessage());
        }
        if (!store.saveRequest(ran)) {
            // closed as interrupted while it ran (a run longer than interrupted-after): what it did is in its records
            log.warn("approval request {} was closed while it ran; its run ended: {}", approved.id(), ran.outcome());
            return store.request(approved.id()).orElse(ran);
        }
        return ran;
    }

    /** An approved user action: done, or tried and refused by Cognito (recorded FAILED); a changed user throws. */
    private ApprovalRequest runOnUser(ApprovalRequest approved, Operator requester, Caller origin) {
        try {
            userAdministration.getObject().performApproved(requester, origin,
                    approved.action().userAction().orElseThrow(), approved.user(), approved.approverEmails());
            return approved.ran(ApprovalRequest.State.EXECUTED, 1, 0, approved.summary() + ": done");
        } catch (ActionRefusedException refused) {
            return approved.ran(ApprovalRequest.State.EXECUTED, 0, 1, approved.summary() + ": Cognito refused it ("
                    + refused.code() + "): " + refused.getMessage());
        }
    }

    // --- reading --------------------------------------------------------------------------------

    /** A request; one past its expiry is closed as expired first. */
    public ApprovalRequest request(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw ApprovalFailure.notFound("approval request " + printable(id));
        }
        ApprovalRequest request = store.request(id).orElseThrow(() -> ApprovalFailure.notFound("approval request " + id));
        if (request.state() == ApprovalRequest.State.PENDING_APPROVAL && !request.waitingAt(clock.instant())) {
            expire(request, internal());
            return store.request(id).orElse(request);
        }
        return request;
    }

    /** Requests in {@code state} (all when null), newest first. */
    public List<ApprovalRequest> requests(ApprovalRequest.State state, int limit) {
        return store.requests(state, limit);
    }

    /** Request writes of this application instance so far (see {@link ApprovalStore#requestWrites()}). */
    long requestWrites() {
        return store.requestWrites();
    }

    public List<ApprovalPolicy> policies() {
        return store.policies().all();
    }

    // --- policies -------------------------------------------------------------------------------

    public ApprovalPolicy createPolicy(Operator admin, Caller origin, PolicyForm form) {
        AuditIntent intent = intent(admin, origin, AuditAction.CREATE_APPROVAL_POLICY, ResourceType.APPROVAL_POLICY,
                "new", null, Map.of());
        kernel.authorize(admin.isAdmin(), "only admins may change approval policies", intent, List.of());
        ApprovalPolicy policy = form.toPolicy(UUID.randomUUID().toString(), properties.defaultExpiry(),
                clock.instant(), admin.email());
        return changePolicies(intent, policy.id(), policy, all -> {
            if (all.size() >= MAX_POLICIES) {
                throw ApprovalFailure.invalid("At most " + MAX_POLICIES + " approval policies; delete one first.");
            }
            all.add(policy);
        });
    }

    public ApprovalPolicy updatePolicy(Operator admin, Caller origin, String id, PolicyForm form) {
        AuditIntent intent = intent(admin, origin, AuditAction.UPDATE_APPROVAL_POLICY, ResourceType.APPROVAL_POLICY,
                id, null, Map.of());
        kernel.authorize(admin.isAdmin(), "only admins may change approval policies", intent, List.of(id));
        ApprovalPolicy policy = form.toPolicy(id, properties.defaultExpiry(), clock.instant(), admin.email());
        return changePolicies(intent, id, policy, all -> all.set(indexOf(all, id), policy));
    }

    public void deletePolicy(Operator admin, Caller origin, String id) {
        AuditIntent intent = intent(admin, origin, AuditAction.DELETE_APPROVAL_POLICY, ResourceType.APPROVAL_POLICY,
                id, null, Map.of());
        kernel.authorize(admin.isAdmin(), "only admins may change approval policies", intent, List.of(id));
        changePolicies(intent, id, null, all -> all.remove(indexOf(all, id)));
    }

    private ApprovalPolicy changePolicies(AuditIntent intent, String id, ApprovalPolicy policy,
                                          java.util.function.Consumer<List<ApprovalPolicy>> change) {
        ApprovalStore.Policies read = store.policies();
        List<ApprovalPolicy> all = new ArrayList<>(read.all());
        change.accept(all);
        Map<String, String> extra = new LinkedHashMap<>();
        if (policy != null) {
            extra.put("policy", policy.name());
            extra.put("actions", String.join(",", policy.actionNames()));
            extra.put("approvals", Integer.toString(policy.approvals()));
            if (policy.updatedAt() != null) {
                extra.put(VersionedWrites.CHANGED_AT, policy.updatedAt().toString());
            }
        }
        // what the judge looks for should the write not answer
        extra.putAll(VersionedWrites.writes(read.version() + 1));
        AuditIntent described = new AuditIntent(intent.actor(), intent.action(), intent.resourceType(), id,
                intent.details().with(extra), intent.requestId(), intent.clientRequestId());
        AuditedActions.answer(kernel.perform(described, () -> store.savePolicies(read, all)
                ? new CallOutcome.Done<>(policy, null, null)
                : new CallOutcome.Refused<>(FailureKind.CONFLICT, "PoliciesChanged",
                        "Someone changed the approval policies at the same moment; nothing was changed. Try again.", null)));
        return policy;
    }

    private static int indexOf(List<ApprovalPolicy> all, String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw ApprovalFailure.notFound("approval policy " + printable(id));
        }
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).id().equals(id)) {
                return i;
            }
        }
        throw ApprovalFailure.notFound("approval policy " + id);
    }

    // --- helpers --------------------------------------------------------------------------------

    /** A request that still waits for approvals; one past its expiry is closed first, and refused. */
    private ApprovalRequest waiting(String id) {
        ApprovalRequest request = request(id);
        if (request.state() != ApprovalRequest.State.PENDING_APPROVAL) {
            throw ApprovalFailure.conflict("ApprovalDecided", "This request is " + label(request.state())
                    + "; it can no longer be approved or rejected.");
        }
        return request;
    }

    private CallOutcome<ApprovalRequest> write(ApprovalRequest request) {
        return store.saveRequest(request) ? new CallOutcome.Done<>(request, request.state().name(), null)
                : new CallOutcome.Refused<>(FailureKind.CONFLICT, "ApprovalChanged",
                        "Someone decided this request at the same moment; nothing was changed. Reload it.", null);
    }

    private static String printable(String id) {
        String text = id == null ? "" : id.replaceAll("[^A-Za-z0-9-]", "?");
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }

    private static String label(ApprovalRequest.State state) {
        return state.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

    private static String comment(String comment) {
        if (comment == null || comment.isBlank()) {
            return null;
        }
        String trimmed = comment.strip();
        if (trimmed.length() > MAX_COMMENT) {
            throw ApprovalFailure.invalid("A comment may be at most " + MAX_COMMENT + " characters.");
        }
        return trimmed;
    }

    /**
     * What the audit record of a request says of it: the action, the instances (bounded) and where,
     * or the user and what it would set; the policies; and the version of the request the action
     * writes, which the {@link ApprovalPendingJudge} looks for should the write not answer.
     */
    private static Map<String, String> describe(ApprovalRequest request, ApprovalRequest written) {
        Map<String, String> extra = new LinkedHashMap<>();
        if (request.user() != null) {
            extra.put("userAction", request.action().value());
            extra.put("username", request.user().username());
            extra.put("email", request.user().email());
            if (request.user().parameters().containsKey("role")) {
                extra.put("role", request.user().parameters().get("role"));
            }
        } else {
            extra.put("instanceAction", request.action().value());
            List<String> ids = new ArrayList<>(request.instances().keySet());
            extra.put("instanceIds", String.join(",", ids.subList(0, Math.min(ids.size(), MAX_LISTED_IDS))));
            extra.put("instanceCount", Integer.toString(ids.size()));
            Set<String> accounts = new LinkedHashSet<>();
            Set<String> regions = new LinkedHashSet<>();
            request.instances().values().forEach(place -> {
                accounts.add(place.accountId());
                regions.add(place.region());
            });
            extra.put("accountIds", String.join(",", accounts));
            extra.put("regions", String.join(",", regions));
        }
        extra.put("policies", String.join(",", request.policies()));
        extra.put("approvalsRequired", Integer.toString(request.required()));
        extra.put("requester", request.requesterEmail());
        extra.putAll(VersionedWrites.writes(written.version()));
        return extra;
    }

    private static AuditIntent withRequest(AuditIntent intent, ApprovalRequest request, ApprovalRequest written) {
        return new AuditIntent(intent.actor(), intent.action(), intent.resourceType(), intent.resourceId(),
                intent.details().with(describe(request, written)), intent.requestId(), intent.clientRequestId());
    }

    /** The origin of what the application does by itself (closing expired requests). */
    private static Caller internal() {
        return new Caller(null, "ec2-manager approvals", "approvals-" + UUID.randomUUID());
    }

    private static AuditIntent intent(Operator operator, Caller origin, AuditAction action, ResourceType type,
                                      String id, String reason, Map<String, String> extra) {
        return new AuditIntent(new AuditActor(operator.userId(), operator.email(), origin.ipAddress(),
                origin.userAgent()), action, type, id, new AuditDetails(null, null, null, reason, extra),
                origin.requestId(), origin.clientRequestId());
    }
}
