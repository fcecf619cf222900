package com.ec2manager.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ApiDocsControllerTest {

    @Test
    void theDocumentListsEveryOperationOfTheApiWithResolvedParameters() {
        Map<String, List<ApiDocsController.Operation>> byTag = ApiDocsController.operations(ApiDocsController.load());

        assertThat(byTag).containsKeys("instances", "audit", "users");
        List<String> audit = byTag.get("audit").stream().map(op -> op.method() + " " + op.path()).toList();
        assertThat(audit).containsExactly("GET /api/v1/audit", "GET /api/v1/audit/export");
        ApiDocsController.Operation action = byTag.get("instances").stream()
                .filter(op -> op.path().equals("/api/v1/instances/{id}/{action}")).findFirst().orElseThrow();
        assertThat(action.parameters()).extracting(ApiDocsController.Parameter::name)
                .containsExactly("id", "action", "Idempotency-Key");
        assertThat(action.hasBody()).isTrue();
        assertThat(action.responses()).contains("200", "403", "422");
    }
}
