package com.ec2manager.approvals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.ec2manager.identity.users.UserActionTarget;
import com.ec2manager.instances.ActionGate.Place;

/**
 * An admin's action held for approval, bound to exactly what was asked: the action, the instances
 * and where each one was, the reason; or, for a user-administration action, the user and what it
 * would set.
 *
 * @param id                 stable id
 * @param state              where it stands
 * @param requesterId        the requester's sub; the action runs as them
 * @param requesterEmail     the requester's e-mail
 * @param action             what was asked
 * @param instances          instance id → its account and region when asked, in the order asked; empty for a user action
 * @param user               the user a user action names and what it would set; null for an instance action
 * @param reason             the requester's reason
 * @param confirmAutoScaling whether the requester confirmed acting on Auto Scaling members
 * @param policies           the names of the policies that held it
 * @param required           approvals needed
 * @param approvals          those given so far
 * @param createdAt          when asked
 * @param expiresAt          when it expires unless approved
 * @param decidedBy          who rejected it (e-mail), or null
 * @param decisionComment    the rejection's comment, or null
 * @param decidedAt          when it left {@link State#PENDING_APPROVAL}, or null
 * @param succeeded          instances acted on successfully once approved
 * @param failed             instances whose action failed once approved
 * @param outcome            what happened once approved or why it could not run, for people; or null
 * @param version            for conditional writes
 */
public record ApprovalRequest(String id, State state, String requesterId, String requesterEmail,
                              PolicyAction action, Map<String, Place> instances, UserActionTarget user, String reason,
                              boolean confirmAutoScaling, List<String> policies, int required,
                              List<Approval> approvals, Instant createdAt, Instant expiresAt, String decidedBy,
                              String decisionComment, Instant decidedAt, int succeeded, int failed, String outcome,
                              long version) {

    public ApprovalRequest {
        instances = instances == null ? new LinkedHashMap<>() : new LinkedHashMap<>(instances);
        policies = List.copyOf(policies);
        approvals = List.copyOf(approvals);
    }

    /** Where a request stands. */
    public enum State {
        /** waiting for approvals */
        PENDING_APPROVAL,
        /** approved; the action is running */
        EXECUTING,
        /** approved and run (see succeeded and failed) */
        EXECUTED,
        /** approved, but it could not run (e.g. the instances changed) */
        NOT_EXECUTED,
        /** an admin rejected it */
        REJECTED,
        /** nobody approved it in time */
        EXPIRED,
        /**
         * approved and started, but the application stopped before it said how the run went; the
         * run's audit records (naming the approvers) say what was done
         */
        INTERRUPTED
    }

    /**
     * One admin's approval.
     *
     * @param userId  the approver's sub
     * @param email   the approver's e-mail
     * @param comment what they said, or null
     * @param at      when
     */
    public record Approval(String userId, String email, String comment, Instant at) {
    }

    /** Whether it still waits for approvals at {@code now}. */
    boolean waitingAt(Instant now) {
        return state == State.PENDING_APPROVAL && now.isBefore(expiresAt);
    }

    /** This request with one more approval: running once the last one needed is in. */
    ApprovalRequest approvedBy(Approval approval) {
        List<Approval> all = new ArrayList<>(approvals);
        all.add(approval);
        boolean complete = all.size() >= required;
        return new ApprovalRequest(id, complete ? State.EXECUTING : state, requesterId, requesterEmail, action,
                instances, user, reason, confirmAutoScaling, policies, required, all, createdAt, expiresAt, decidedBy,
                decisionComment, complete ? approval.at() : null, succeeded, failed, outcome, version + 1);
    }

    /** This request closed in {@code closed} (rejected or expired) by {@code by}. */
    ApprovalRequest closed(State closed, String by, String comment, Instant at) {
        return new ApprovalRequest(id, closed, requesterId, requesterEmail, action, instances, user,
                reason, confirmAutoScaling, policies, required, approvals, createdAt, expiresAt, by, comment, at, succeeded,
                failed, outcome, version + 1);
    }

    /** This request after its run: how many instances were acted on, and what happened. */
    ApprovalRequest ran(State ran, int ok, int notOk, String what) {
        return new ApprovalRequest(id, ran, requesterId, requesterEmail, action, instances, user,
                reason, confirmAutoScaling, policies, required, approvals, createdAt, expiresAt, decidedBy, decisionComment,
                decidedAt, ok, notOk, what, version + 1);
    }

    /** What was asked, for people: "Stop 2 instances", "Delete user ann@example.com". */
    public String summary() {
        if (user != null) {
            return action.label() + " " + user.email();
        }
        return action.label() + " " + instances.size() + (instances.size() == 1 ? " instance" : " instances");
    }

    /** The approvers' e-mails, in the order they approved. */
    public List<String> approverEmails() {
        return approvals.stream().map(Approval::email).toList();
    }
}
