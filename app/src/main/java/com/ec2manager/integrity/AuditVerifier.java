package com.ec2manager.integrity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import com.ec2manager.archive.ArchiveLayout;
import com.ec2manager.archive.ArchiveReader;
import com.ec2manager.archive.ArchiveStore;
import com.ec2manager.archive.ArchivedFile;
import com.ec2manager.archive.Sha256;
import com.ec2manager.archive.StoredFile;
import com.ec2manager.stream.AuditChange;

/**
 * Checks the audit trail for a time range, as CloudTrail's log file validation does and further:
 * every digest's signature and its link to the previous one, every archive file's SHA-256,
 * archive files no digest names, the archived history of every record against what the audit
 * trail allows (one completion, TTL deletion), and every live-table record against its
 * archived image.
 */
public final class AuditVerifier {

    private final ArchiveStore store;
    private final ArchiveReader reader;
    private final DigestSigner signer;
    private final LiveAuditTable table;
    private final Duration interval;
    private final Clock clock;

    AuditVerifier(ArchiveStore store, ArchiveReader reader, DigestSigner signer, LiveAuditTable table,
                  Duration interval, Clock clock) {
        this.store = store;
        this.reader = reader;
        this.signer = signer;
        this.table = table;
        this.interval = interval;
        this.clock = clock;
    }

    private record LoadedDigest(String key, byte[] bytes, String signature, Digest digest) {
    }

    public VerificationReport verify(Instant from, Instant to) {
        List<Finding> findings = new ArrayList<>();
        Instant now = clock.instant();

        // 1. digests of the range (a day either side, for the links): signatures and chains
        Map<String, LoadedDigest> digests = new TreeMap<>();
        for (StoredFile file : store.list(ArchiveLayout.DIGESTS)) {
            if (file.lastModified().isBefore(from.minus(Duration.ofDays(1)))
                    || file.lastModified().isAfter(to.plus(Duration.ofDays(1)))) {
                continue;
            }
            load(file.key(), findings).ifPresent(digest -> digests.put(digest.key(), digest));
        }
        Map<String, List<LoadedDigest>> chains = new HashMap<>();
        digests.values().forEach(d -> chains.computeIfAbsent(d.digest().writer(), w -> new ArrayList<>()).add(d));
        Instant newestDigest = null;
        for (List<LoadedDigest> chain : chains.values()) {
            chain.sort(Comparator.comparing(d -> d.digest().intervalEnd()));
            LoadedDigest before = null;
            for (LoadedDigest current : chain) {
                checkLink(current, digests, findings);
                checkOrder(before, current, digests, findings);
                before = current;
            }
            LoadedDigest last = chain.get(chain.size() - 1);
            if (!last.digest().closing() && last.digest().intervalEnd().isBefore(now.minus(interval.multipliedBy(3)))) {
                findings.add(new Finding(Finding.Kind.DIGEST_MISSING, "after " + last.key(),
                        "the chain of writer " + last.digest().writer()
                                + " ends without its closing digest (deleted, or the instance crashed)"));
            }
            if (newestDigest == null || last.digest().intervalEnd().isAfter(newestDigest)) {
                newestDigest = last.digest().intervalEnd();
            }
        }

        // 2. the archive files the digests name: present, and with the same hash
        Set<String> named = new HashSet<>();
        int files = 0;
        for (LoadedDigest digest : digests.values()) {
            for (ArchivedFile file : digest.digest().files()) {
                named.add(file.key());
                files++;
                Optional<ArchiveStore.Content> content = store.get(file.key());
                if (content.isEmpty()) {
                    findings.add(new Finding(Finding.Kind.FILE_MISSING, file.key(), "named by digest " + digest.key()
                            + " with " + file.records() + " records, not in the bucket"));
                } else if (!Sha256.hex(content.get().bytes()).equals(file.sha256())) {
                    findings.add(new Finding(Finding.Kind.FILE_ALTERED, file.key(), "SHA-256 is "
                            + Sha256.hex(content.get().bytes()) + ", digest " + digest.key() + " says " + file.sha256()));
                }
            }
        }

        // 3. archive files no digest names, older than the newest digest
        Instant digestedUntil = newestDigest == null ? Instant.MIN : newestDigest;
        for (StoredFile file : reader.files(from, to)) {
            if (!named.contains(file.key()) && file.lastModified().isBefore(digestedUntil)) {
                findings.add(new Finding(Finding.Kind.FILE_EXTRA, file.key(), "in the bucket since "
                        + file.lastModified() + ", named by no digest"));
            }
        }

        // 4. records: archived history against the rules, live table against the archive
        Map<String, List<AuditChange>> history = new TreeMap<>();
        Set<String> reported = new HashSet<>();
        findings.forEach(finding -> reported.add(finding.name()));
        reader.forEach(from, to, change -> history.computeIfAbsent(change.itemKey(), k -> new ArrayList<>()).add(change),
                key -> {
                    if (!reported.contains(key)) {
                        findings.add(new Finding(Finding.Kind.FILE_ALTERED, key, "not readable as gzip JSON Lines"));
                    }
                });
        for (var item : history.entrySet()) {
            item.getValue().sort((a, b) -> AuditChange.compareSequence(a.sequenceNumber(), b.sequenceNumber()));
            for (AuditChange change : item.getValue()) {
                TamperRules.judge(change).ifPresent(tamper -> findings.add(new Finding(
                        tamper.kind() == Tamper.Kind.EDITED ? Finding.Kind.RECORD_EDITED : Finding.Kind.RECORD_DELETED,
                        item.getKey(), tamper.description() + " (stream record " + change.sequenceNumber() + " at "
                        + change.approximateCreation() + ")")));
            }
        }
        // the consumer may be behind: what changed after the newest archived change is not judged yet
        Instant archivedUntil = history.values().stream().flatMap(List::stream).map(AuditVerifier::changedAt)
                .max(Comparator.naturalOrder()).orElse(Instant.MIN);
        Map<String, Map<String, Object>> live = table.records(from, to);
        int compared = 0;
        List<String> tooRecent = new ArrayList<>();
        for (var record : live.entrySet()) {
            List<AuditChange> changes = history.get(record.getKey());
            AuditChange latest = changes == null ? null : changes.get(changes.size() - 1);
            if (latest != null && (latest.kind() == AuditChange.Kind.REMOVE || record.getValue().equals(latest.newImage()))) {
                compared++;
            } else if (lastChange(record.getValue()).isAfter(archivedUntil)) {
                tooRecent.add(record.getKey());
            } else {
                compared++;
                findings.add(latest == null
                        ? new Finding(Finding.Kind.RECORD_MISSING, record.getKey(), "in the table, not in the archive")
                        : new Finding(Finding.Kind.RECORD_ALTERED, record.getKey(), "the table's item differs from its"
                        + " last archived image (stream record " + latest.sequenceNumber() + ")"));
            }
        }
        long nowSeconds = now.getEpochSecond();
        for (var item : history.entrySet()) {
            AuditChange latest = item.getValue().get(item.getValue().size() - 1);
            if (latest.kind() != AuditChange.Kind.REMOVE && !live.containsKey(item.getKey())
                    && !expired(latest.newImage(), nowSeconds)) {
                findings.add(new Finding(Finding.Kind.RECORD_GONE, item.getKey(),
                        "archived, not expired, and not in the table, with no deletion in the stream"));
            }
        }
        return new VerificationReport(from, to, chains.size(), digests.size(), files, compared, tooRecent, findings);
    }

    private Optional<LoadedDigest> load(String key, List<Finding> findings) {
        Optional<ArchiveStore.Content> content = store.get(key);
        if (content.isEmpty()) {
            return Optional.empty();
        }
        byte[] bytes = content.get().bytes();
        String signature = content.get().metadata().get(Digest.SIGNATURE_METADATA);
        Digest digest;
        try {
            digest = Digest.fromJson(bytes);
        } catch (RuntimeException e) {
            findings.add(new Finding(Finding.Kind.DIGEST_ALTERED, key, "not a readable digest"));
            return Optional.empty();
        }
        if (signature == null || !signer.verify(bytes, Base64.getDecoder().decode(signature))) {
            findings.add(new Finding(Finding.Kind.DIGEST_ALTERED, key, "its signature does not match its content"));
        }
        return Optional.of(new LoadedDigest(key, bytes, signature, digest));
    }

    private void checkLink(LoadedDigest current, Map<String, LoadedDigest> digests, List<Finding> findings) {
        Digest.Link link = current.digest().previous();
        if (link == null) {
            return;
        }
        LoadedDigest previous = digests.get(link.key());
        if (previous == null) {
            Optional<ArchiveStore.Content> outside = store.get(link.key());
            if (outside.isEmpty()) {
                findings.add(new Finding(Finding.Kind.DIGEST_MISSING, link.key(), "named as previous by "
                        + current.key() + ", not in the bucket"));
                return;
            }
            previous = new LoadedDigest(link.key(), outside.get().bytes(),
                    outside.get().metadata().get(Digest.SIGNATURE_METADATA), Digest.fromJson(outside.get().bytes()));
        }
        if (!Sha256.hex(previous.bytes()).equals(link.sha256()) || !link.signature().equals(previous.signature())) {
            findings.add(new Finding(Finding.Kind.DIGEST_CHAIN_BROKEN, link.key(), "its hash or signature differs from"
                    + " what " + current.key() + " recorded"));
        } else if (!previous.digest().intervalEnd().equals(current.digest().intervalStart())) {
            findings.add(new Finding(Finding.Kind.DIGEST_CHAIN_BROKEN, current.key(), "starts at "
                    + current.digest().intervalStart() + " but the previous digest ends at "
                    + previous.digest().intervalEnd()));
        }
    }

    /**
     * Within one writer's chain, in time order, each digest names the one just before it: a digest
     * that starts the chain again, or names an older one (a fork), is found here, since each link
     * on its own may still hold.
     */
    private static void checkOrder(LoadedDigest before, LoadedDigest current, Map<String, LoadedDigest> digests,
                                   List<Finding> findings) {
        Digest.Link link = current.digest().previous();
        if (before == null || link == null && before.digest().closing()) {
            return; // the first digest of the range, or a writer starting again after a clean stop
        }
        if (link == null) {
            findings.add(new Finding(Finding.Kind.DIGEST_CHAIN_BROKEN, current.key(), "starts writer "
                    + current.digest().writer() + "'s chain again after " + before.key()
                    + ", which did not close it"));
        } else if (!link.key().equals(before.key()) && digests.containsKey(link.key())) {
            // (a previous digest that is not in the bucket at all is named by checkLink)
            findings.add(new Finding(Finding.Kind.DIGEST_CHAIN_BROKEN, current.key(), "names " + link.key()
                    + " as previous, but writer " + current.digest().writer() + "'s digest before it is " + before.key()));
        }
    }

    private static Instant changedAt(AuditChange change) {
        return change.approximateCreation() != null ? change.approximateCreation() : Instant.parse(change.timestamp());
    }

    /** When a live item last changed: its completion, or else its creation (its sort key). */
    private static Instant lastChange(Map<String, Object> item) {
        String completedAt = AuditChange.string(item, "completedAt");
        return Instant.parse(completedAt != null ? completedAt : AuditChange.string(item, "timestamp"));
    }

    private static boolean expired(Map<String, Object> image, long nowSeconds) {
        if (image == null || !(image.get("ttl") instanceof Map<?, ?> ttl) || !(ttl.get("N") instanceof String n)) {
            return false;
        }
        try {
            return Long.parseLong(n) <= nowSeconds;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
