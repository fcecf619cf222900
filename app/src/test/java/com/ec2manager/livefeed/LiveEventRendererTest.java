package com.ec2manager.livefeed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.ec2manager.stream.AuditChange;
import org.junit.jupiter.api.Test;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

class LiveEventRendererTest {

    private final LiveEventRenderer renderer = new LiveEventRenderer(engine());

    private static SpringTemplateEngine engine() {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        SpringTemplateEngine engine = new SpringTemplateEngine();
        engine.setTemplateResolver(resolver);
        return engine;
    }

    /** A record's new image as the stream delivers it: DynamoDB's typed JSON, details a map. */
    private static AuditChange inserted(String userId, String email, Map<String, String> details) {
        Map<String, Object> image = new LinkedHashMap<>();
        image.put("userId", Map.of("S", userId));
        if (email != null) {
            image.put("userEmail", Map.of("S", email));
        }
        image.put("timestamp", Map.of("S", "2026-11-30T08:00:00.000Z#0001"));
        image.put("action", Map.of("S", "STOP_INSTANCE"));
        image.put("resourceType", Map.of("S", "EC2_INSTANCE"));
        image.put("resourceId", Map.of("S", "i-0123456789abcdef0"));
        Map<String, Object> typedDetails = new LinkedHashMap<>();
        details.forEach((name, value) -> typedDetails.put(name, Map.of("S", value)));
        image.put("details", Map.of("M", typedDetails));
        return new AuditChange("e-1", AuditChange.Kind.INSERT, "shard-1", "000000000001", Instant.parse("2026-11-30T08:00:00Z"),
                userId, "2026-11-30T08:00:00.000Z#0001", null, image, false);
    }

    @Test
    void aScheduleActingIsShownByItsNameAndAPersonByTheirEmail() {
        String schedule = renderer.render(inserted("schedule:01J9ABC", null,
                Map.of("region", "eu-west-1", "schedule", "office-hours"))).html();
        assertThat(schedule).contains("Schedule \u201coffice-hours\u201d").doesNotContain("schedule:01J9ABC");

        String person = renderer.render(inserted("3f2a-uuid", "admin@example.com", Map.of("region", "eu-west-1"))).html();
        assertThat(person).contains("admin@example.com").contains("eu-west-1");
    }
}
