package com.ec2manager.localaws.ec2;

import java.util.regex.Pattern;

/**
 * A further AWS account the emulator serves beside its default one ({@link FleetSeeder#OWNER_ID}),
 * with a fleet of its own. Requests signed with credentials that STS issued for a role of this
 * account see this fleet.
 *
 * @param accountId the 12-digit account id
 * @param fleet     its fleet and enabled regions
 */
public record MemberAccount(String accountId, FleetSpec fleet) {

    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

    public MemberAccount {
        if (accountId == null || !ACCOUNT_ID.matcher(accountId).matches()) {
            throw new IllegalArgumentException("an account id has 12 digits: " + accountId);
        }
        if (fleet == null) {
            throw new IllegalArgumentException("a member account needs a fleet");
        }
    }
}
