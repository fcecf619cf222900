package com.ec2manager.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import com.ec2manager.audit.AuditCursorCodec.Position;
import org.junit.jupiter.api.Test;

class AuditCursorCodecTest {

    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private final AuditCursorCodec codec = new AuditCursorCodec(SECRET);
    private final Map<String, Position> positions = positions();

    @Test
    void aCursorDecodesToThePositionsItWasMadeOf() {
        String cursor = codec.encode("query-a", positions);
        assertThat(codec.decode("query-a", cursor)).isEqualTo(positions);
    }

    @Test
    void aCursorIsUrlSafeAndOpaque() {
        String cursor = codec.encode("query-a", positions);
        assertThat(cursor).matches("[A-Za-z0-9_-]+").doesNotContain("user-1");
    }

    @Test
    void aTamperedCursorIsRefused() {
        String cursor = codec.encode("query-a", positions);
        byte[] bytes = Base64.getUrlDecoder().decode(cursor);
        for (int i = 0; i < bytes.length; i++) {
            byte[] altered = bytes.clone();
            altered[i] ^= 0x01;
            String tampered = Base64.getUrlEncoder().withoutPadding().encodeToString(altered);
            assertThatThrownBy(() -> codec.decode("query-a", tampered))
                    .as("flipped bit in byte %d", i)
                    .isInstanceOf(InvalidAuditCursorException.class);
        }
    }

    @Test
    void aCursorOfAnotherQueryIsRefused() {
        String cursor = codec.encode("query-a", positions);
        assertThatThrownBy(() -> codec.decode("query-b", cursor))
                .isInstanceOf(InvalidAuditCursorException.class)
                .hasMessageContaining("another query");
    }

    @Test
    void aCursorSignedWithAnotherKeyIsRefused() {
        var other = new AuditCursorCodec("another-secret-of-32-characters!!".getBytes(StandardCharsets.UTF_8));
        String cursor = other.encode("query-a", positions);
        assertThatThrownBy(() -> codec.decode("query-a", cursor)).isInstanceOf(InvalidAuditCursorException.class);
    }

    @Test
    void garbageIsRefusedAsAnInvalidCursor() {
        for (String garbage : new String[] {"", "x", "not base64 !", "AAAA", "A".repeat(20_000)}) {
            assertThatThrownBy(() -> codec.decode("query-a", garbage))
                    .as(garbage.length() > 20 ? "long garbage" : garbage)
                    .isInstanceOf(InvalidAuditCursorException.class);
        }
    }

    @Test
    void invalidCursorsAreBadRequests() {
        assertThat(new InvalidAuditCursorException("x").kind()).isEqualTo(com.ec2manager.failure.FailureKind.INVALID_INPUT);
    }

    @Test
    void aShortSecretIsRejected() {
        assertThatThrownBy(() -> new AuditCursorCodec(new byte[8])).isInstanceOf(IllegalArgumentException.class);
    }

    private static Map<String, Position> positions() {
        Map<String, Position> positions = new LinkedHashMap<>();
        positions.put("START_INSTANCE", Position.after(new AuditKey("user-1", "2025-01-13T10:30:00.000000001Z")));
        positions.put("STOP_INSTANCE", Position.DONE);
        positions.put("SIGN_IN", Position.after(new AuditKey("user-ü", "2025-01-13T10:29:00.000000000Z")));
        return positions;
    }
}
