package com.ec2manager.integrity;

import java.time.Instant;
import java.util.List;

/**
 * What a verification of the audit trail found.
 *
 * @param from           start of the range checked
 * @param to             end of the range checked
 * @param chains         digest chains checked: one per writer (application instance), each whole and linked
 * @param digests        digests checked (signature, chain)
 * @param files          archive files checked (hash)
 * @param records        live-table records compared with the archive
 * @param notYetArchived the live records too recent to be archived yet, not compared ({@code userId/timestamp})
 * @param findings       everything that does not hold; empty when the trail is intact
 */
public record VerificationReport(Instant from, Instant to, int chains, int digests, int files, int records,
                                 List<String> notYetArchived, List<Finding> findings) {

    public VerificationReport {
        notYetArchived = List.copyOf(notYetArchived);
        findings = List.copyOf(findings);
    }

    public boolean holds() {
        return findings.isEmpty();
    }

    /** One line per finding, then the summary, as the command prints it. */
    public List<String> lines() {
        List<String> lines = new java.util.ArrayList<>();
        findings.forEach(finding -> lines.add(finding.toString()));
        lines.add(String.format("%s: %d digest chains, %d digests, %d archive files, %d records checked from %s to %s"
                        + " (%d records too recent to be archived yet); %d findings",
                holds() ? "INTACT" : "TAMPERED", chains, digests, files, records, from, to, notYetArchived.size(),
                findings.size()));
        return lines;
    }
}
