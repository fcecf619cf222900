package com.ec2manager.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import com.ec2manager.stream.AuditChange;
import org.junit.jupiter.api.Test;

class TamperRulesTest {

    private static Map<String, Object> s(String value) {
        return Map.of("S", value);
    }

    private static Map<String, Object> pending() {
        Map<String, Object> item = new TreeMap<>();
        item.put("userId", s("u1"));
        item.put("timestamp", s("2026-11-29T10:00:00.000000001Z"));
        item.put("action", s("STOP_INSTANCE"));
        item.put("outcome", s("PENDING"));
        item.put("ttl", Map.of("N", "1800000000"));
        return item;
    }

    private static AuditChange change(AuditChange.Kind kind, Map<String, Object> before, Map<String, Object> after,
                                      boolean ttl) {
        return new AuditChange("e1", kind, "shard-1", "100", Instant.EPOCH, "u1", "2026-11-29T10:00:00.000000001Z",
                before, after, ttl);
    }

    @Test
    void theOneCompletionOfAPendingRecordIsAllowedWithTheResultsAttributes() {
        Map<String, Object> completed = new TreeMap<>(pending());
        completed.put("outcome", s("SUCCEEDED"));
        completed.put("completedAt", s("2026-11-29T10:00:01.000000000Z"));
        completed.put("newState", s("stopping"));
        Map<String, Object> inferred = new TreeMap<>(pending());
        inferred.put("outcome", s("INFERRED"));
        inferred.put("inference", s("stopped, seen by the reconciler"));

        assertThat(TamperRules.judge(change(AuditChange.Kind.MODIFY, pending(), completed, false))).isEmpty();
        assertThat(TamperRules.judge(change(AuditChange.Kind.MODIFY, pending(), inferred, false))).isEmpty();
        assertThat(TamperRules.judge(change(AuditChange.Kind.INSERT, null, pending(), false))).isEmpty();
    }

    @Test
    void aSecondCompletionOrAnEditOfAnyOtherAttributeIsTampering() {
        Map<String, Object> completed = new TreeMap<>(pending());
        completed.put("outcome", s("SUCCEEDED"));
        Map<String, Object> recompleted = new TreeMap<>(completed);
        recompleted.put("outcome", s("FAILED"));
        Map<String, Object> edited = new TreeMap<>(pending());
        edited.put("outcome", s("SUCCEEDED"));
        edited.put("action", s("START_INSTANCE"));

        assertThat(TamperRules.judge(change(AuditChange.Kind.MODIFY, completed, recompleted, false)))
                .hasValueSatisfying(t -> assertThat(t.kind()).isEqualTo(Tamper.Kind.EDITED));
        assertThat(TamperRules.judge(change(AuditChange.Kind.MODIFY, pending(), edited, false)))
                .hasValueSatisfying(t -> assertThat(t.description()).contains("action"));
    }

    @Test
    void aTtlDeletionIsAllowedAndAnyOtherDeletionIsTampering() {
        assertThat(TamperRules.judge(change(AuditChange.Kind.REMOVE, pending(), null, true))).isEmpty();
        assertThat(TamperRules.judge(change(AuditChange.Kind.REMOVE, pending(), null, false)))
                .hasValueSatisfying(t -> assertThat(t.kind()).isEqualTo(Tamper.Kind.DELETED));
    }
}
