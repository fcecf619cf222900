package com.ec2manager.approvals;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * An approval policy as a person writes it (the API's body, the page's form); omitted scopes match
 * everything. Accounts, regions and tags scope instances and a ticket pattern is looked for in an
 * instance action's reason: user-administration actions have neither, so a policy naming them has
 * none of these (refused rather than silently ignored: a policy must hold what it says it holds).
 *
 * @param name          required, at most 100 characters
 * @param actions       one or more of {@code start}, {@code stop}, {@code reboot}, {@code terminate},
 *                      {@code create-user}, {@code disable-user}, {@code enable-user}, {@code reset-user-password},
 *                      {@code delete-user}
 * @param accounts      12-digit account ids (instance actions only)
 * @param regions       region names (instance actions only)
 * @param tags          tag key → value an instance must carry (instance actions only)
 * @param approvals     1 or 2 (default 1)
 * @param expiresIn     ISO-8601 duration from 1 minute to 7 days, e.g. {@code PT60M} (default: the configured one)
 * @param ticketPattern a regular expression the reason must contain, or null (instance actions only)
 */
public record PolicyForm(String name, List<String> actions, List<String> accounts, List<String> regions,
                         Map<String, String> tags, Integer approvals, String expiresIn, String ticketPattern) {

    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");
    private static final int MAX_TAGS = 10;
    private static final int MAX_TEXT = 256;

    /** The policy this form describes, or the first thing wrong with it. */
    ApprovalPolicy toPolicy(String id, Duration defaultExpiry, Instant now, String by) {
        String given = name == null ? "" : name.strip();
        if (given.isEmpty() || given.length() > 100) {
            throw ApprovalFailure.invalid("name: required, at most 100 characters");
        }
        if (actions == null || actions.isEmpty()) {
            throw ApprovalFailure.invalid("actions: name at least one of " + PolicyAction.allValues());
        }
        Set<PolicyAction> held = EnumSet.noneOf(PolicyAction.class);
        for (String action : actions) {
            held.add(PolicyAction.fromValue(action).orElseThrow(() -> ApprovalFailure.invalid(
                    "actions: '" + printable(action) + "' is not one of " + PolicyAction.allValues())));
        }
        Set<String> accountIds = checked("accounts", accounts, ACCOUNT, "a 12-digit account id");
        Set<String> regionNames = checked("regions", regions, REGION, "a region name such as eu-west-1");
        Map<String, String> tagValues = new LinkedHashMap<>();
        if (tags != null) {
            if (tags.size() > MAX_TAGS) {
                throw ApprovalFailure.invalid("tags: at most " + MAX_TAGS);
            }
            tags.forEach((key, value) -> {
                if (key == null || key.isBlank() || key.length() > 128 || value == null || value.length() > MAX_TEXT) {
                    throw ApprovalFailure.invalid("tags: each needs a key of at most 128 characters and a value of at most "
                            + MAX_TEXT);
                }
                tagValues.put(key, value);
            });
        }
        int needed = approvals == null ? 1 : approvals;
        if (needed < 1 || needed > 2) {
            throw ApprovalFailure.invalid("approvals: 1 or 2");
        }
        Duration wait = defaultExpiry;
        if (expiresIn != null && !expiresIn.isBlank()) {
            try {
                wait = Duration.parse(expiresIn.strip());
            } catch (DateTimeParseException e) {
                throw ApprovalFailure.invalid("expiresIn: an ISO-8601 duration such as PT60M, not '" + printable(expiresIn) + "'");
            }
            if (wait.compareTo(Duration.ofMinutes(1)) < 0 || wait.compareTo(Duration.ofDays(7)) > 0) {
                throw ApprovalFailure.invalid("expiresIn: from PT1M to P7D");
            }
        }
        String ticket = ticketPattern == null || ticketPattern.isBlank() ? null : ticketPattern.strip();
        if (ticket != null) {
            if (ticket.length() > MAX_TEXT) {
                throw ApprovalFailure.invalid("ticketPattern: at most " + MAX_TEXT + " characters");
            }
            try {
                Pattern.compile(ticket);
            } catch (PatternSyntaxException e) {
                throw ApprovalFailure.invalid("ticketPattern: not a regular expression (" + e.getDescription() + ")");
            }
        }
        List<String> userActions = held.stream().filter(PolicyAction::onUsers).map(PolicyAction::value).toList();
        if (!userActions.isEmpty()) {
            List<String> scopes = new java.util.ArrayList<>();
            if (!accountIds.isEmpty()) {
                scopes.add("accounts");
            }
            if (!regionNames.isEmpty()) {
                scopes.add("regions");
            }
            if (!tagValues.isEmpty()) {
                scopes.add("tags");
            }
            if (ticket != null) {
                scopes.add("ticketPattern");
            }
            if (!scopes.isEmpty()) {
                throw ApprovalFailure.invalid(String.join(", ", scopes) + ": user-administration actions ("
                        + String.join(", ", userActions) + ") act on users, which have no account, region, tags or "
                        + "reason; put them in a policy of their own without " + String.join(" or ", scopes));
            }
        }
        return new ApprovalPolicy(id, given, held, accountIds, regionNames, tagValues, needed, wait, ticket, now, by);
    }

    private static Set<String> checked(String field, List<String> values, Pattern form, String what) {
        Set<String> checked = new LinkedHashSet<>();
        if (values == null) {
            return checked;
        }
        for (String value : values) {
            String trimmed = value == null ? "" : value.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (!form.matcher(trimmed).matches()) {
                throw ApprovalFailure.invalid(field + ": '" + printable(trimmed) + "' is not " + what);
            }
            checked.add(trimmed);
        }
        return checked;
    }

    private static String printable(String value) {
        String text = value == null ? "" : value.replaceAll("\\p{Cntrl}", "?");
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
