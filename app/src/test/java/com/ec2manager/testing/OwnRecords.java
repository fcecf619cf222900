package com.ec2manager.testing;

import java.util.Collection;
import java.util.List;
import java.util.Set;

import com.ec2manager.integrity.Finding;
import com.ec2manager.integrity.VerificationReport;

/**
 * A verification as one test class sees it. Test classes share DynamoDB Local's audit table, and a
 * context still cached from an earlier class may write records stamped by its advanced clock into
 * any range: records this class's stream consumer never sees, so its archive bucket never holds
 * them. What a test judges is its own records (by key, {@code userId/timestamp}) and its own
 * bucket's files and digests.
 */
public final class OwnRecords {

    private static final Set<Finding.Kind> ABOUT_RECORDS = Set.of(Finding.Kind.RECORD_EDITED,
            Finding.Kind.RECORD_DELETED, Finding.Kind.RECORD_MISSING, Finding.Kind.RECORD_ALTERED,
            Finding.Kind.RECORD_GONE);

    private OwnRecords() {
    }

    /** Every one of {@code keys} was compared with the archive: none is still waiting to be archived. */
    public static boolean archived(VerificationReport report, Collection<String> keys) {
        return keys.stream().noneMatch(report.notYetArchived()::contains);
    }

    /** The findings about {@code keys}, and about the bucket's files and digests; none about other records. */
    public static List<Finding> findings(VerificationReport report, Collection<String> keys) {
        return report.findings().stream()
                .filter(finding -> !ABOUT_RECORDS.contains(finding.kind()) || keys.contains(finding.name()))
                .toList();
    }
}
