package com.ec2manager.accounts;

import java.util.List;
import java.util.regex.Pattern;

/**
 * An AWS account whose fleet the application shows and operates.
 *
 * @param id         the 12-digit account id
 * @param name       a name for people, e.g. {@code Production}; the id when not given
 * @param roleArn    the role assumed (with STS) in the account; null: the application's own credentials
 * @param externalId the external id the role's trust policy asks for, or null
 * @param regions    the regions to show and operate; empty: every region enabled for the account
 *                   (DescribeRegions)
 */
public record AwsAccount(String id, String name, String roleArn, String externalId, List<String> regions) {

    private static final Pattern ID = Pattern.compile("\\d{12}");

    public AwsAccount {
        if (id == null || !ID.matcher(id.trim()).matches()) {
            throw new IllegalArgumentException("ec2manager.accounts[].id must be a 12-digit account id, not '" + id + "'");
        }
        id = id.trim();
        name = name == null || name.isBlank() ? id : name.trim();
        roleArn = roleArn == null || roleArn.isBlank() ? null : roleArn.trim();
        externalId = externalId == null || externalId.isBlank() ? null : externalId;
        regions = regions == null ? List.of()
                : regions.stream().map(String::trim).filter(region -> !region.isEmpty()).distinct().toList();
    }

    /** Whether calls go through an assumed role (and can then carry the operator's source identity). */
    public boolean assumesRole() {
        return roleArn != null;
    }
}
