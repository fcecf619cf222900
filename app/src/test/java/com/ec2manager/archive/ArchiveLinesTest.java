package com.ec2manager.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.ec2manager.stream.AttributeJson;
import com.ec2manager.stream.AuditChange;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ArchiveLinesTest {

    @Test
    void changesWrittenToAFileAreReadBackEqualWithEveryAttributeType() {
        Map<String, Object> image = AttributeJson.item(Map.of(
                "userId", AttributeValue.fromS("u1"),
                "timestamp", AttributeValue.fromS("2026-11-29T10:00:00.000000001Z"),
                "ttl", AttributeValue.fromN("1800000000"),
                "details", AttributeValue.fromM(Map.of("region", AttributeValue.fromS("eu-west-1"),
                        "tags", AttributeValue.fromL(List.of(AttributeValue.fromS("a"), AttributeValue.fromBool(true))))),
                "nothing", AttributeValue.fromNul(true),
                "names", AttributeValue.fromSs(List.of("b", "a"))));
        AuditChange insert = new AuditChange("e1", AuditChange.Kind.INSERT, "shard-1", "100",
                Instant.parse("2026-11-29T10:00:00Z"), "u1", "2026-11-29T10:00:00.000000001Z", null, image, false);
        AuditChange remove = new AuditChange("e2", AuditChange.Kind.REMOVE, "shard-1", "200", null, "u1",
                "2026-11-29T10:00:00.000000001Z", image, null, true);

        List<AuditChange> read = ArchiveLines.read(ArchiveLines.write(List.of(insert, remove)));

        assertThat(read).containsExactly(insert, remove);
        assertThat(read.get(0).newImage()).isEqualTo(image);
        assertThat(image.get("names")).isEqualTo(Map.of("SS", List.of("a", "b")));
    }
}
