package com.ec2manager.approvals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.ec2manager.instances.Instance;
import com.ec2manager.identity.users.UserAction;
import com.ec2manager.instances.InstanceAction;

/**
 * A rule that holds matching admin actions until other admins approve them.
 *
 * @param id            stable id
 * @param name          for people
 * @param actions       the actions it holds
 * @param accounts      account ids it applies to; empty: every account (instance actions only)
 * @param regions       regions it applies to; empty: every region (instance actions only)
 * @param tags          tags an instance must all carry (key → value); empty: any instance (instance actions only;
 *                      a policy naming user actions has no scopes: it holds them for every user)
 * @param approvals     approvals needed, from admins other than the requester: 1 or 2
 * @param expiresIn     how long a request waits for them
 * @param ticketPattern a regular expression the action's reason must contain (a ticket reference), or null
 * @param updatedAt     when it was last written
 * @param updatedBy     by whom (e-mail)
 */
public record ApprovalPolicy(String id, String name, Set<PolicyAction> actions, Set<String> accounts,
                             Set<String> regions, Map<String, String> tags, int approvals, Duration expiresIn,
                             String ticketPattern, Instant updatedAt, String updatedBy) {

    public ApprovalPolicy {
        actions = Set.copyOf(actions);
        accounts = accounts == null ? Set.of() : Set.copyOf(accounts);
        regions = regions == null ? Set.of() : Set.copyOf(regions);
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    /** Whether {@code action} on {@code instance} falls under this policy. */
    boolean matches(InstanceAction action, Instance instance) {
        return actions.contains(PolicyAction.of(action))
                && (accounts.isEmpty() || accounts.contains(instance.accountId()))
                && (regions.isEmpty() || regions.contains(instance.region()))
                && tags.entrySet().stream().allMatch(tag -> tag.getValue().equals(instance.tags().get(tag.getKey())));
    }

    /** Whether {@code action} on a user falls under this policy (it has no scopes then; see {@link PolicyForm}). */
    boolean matches(UserAction action) {
        return actions.contains(PolicyAction.of(action));
    }

    /** Whether it holds any user-administration action. */
    public boolean heldOnUsers() {
        return actions.stream().anyMatch(PolicyAction::onUsers);
    }

    /** Whether it holds any instance action. */
    public boolean heldOnInstances() {
        return actions.stream().anyMatch(action -> !action.onUsers());
    }

    /** The actions in the API's words, in the order of {@link PolicyAction}, for pages. */
    public List<String> actionNames() {
        return actions.stream().sorted().map(PolicyAction::value).toList();
    }
}
