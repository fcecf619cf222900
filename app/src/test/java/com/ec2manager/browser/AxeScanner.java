package com.ec2manager.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import com.ec2manager.localaws.testing.NodeProject;
import com.microsoft.playwright.Page;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Deque's axe-core (installed from npm, {@code src/test/node/axe-core}) run inside a page: every
 * rule axe runs by default (WCAG 2.0–2.2 A and AA, and its best practices), on the page as it stands.
 */
final class AxeScanner {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Runs axe and hands back only what the test needs, as JSON: rule, impact, help and the nodes' selectors and summaries. */
    private static final String RUN = """
            async () => {
              const result = await axe.run(document, { resultTypes: ['violations'] });
              return JSON.stringify(result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({ target: n.target.join(' '), summary: n.failureSummary || '' }))
              })));
            }""";

    private final String source;

    private AxeScanner(String source) {
        this.source = source;
    }

    static AxeScanner install() throws IOException, InterruptedException {
        NodeProject axe = NodeProject.install("axe-core", "axe-core", List.of("package.json", "package-lock.json"),
                "npm installs axe-core, which the browser runs");
        return new AxeScanner(Files.readString(axe.resolve("node_modules/axe-core/axe.min.js")));
    }

    /**
     * Injects axe into the page (through the browser's debugging protocol, which the page's
     * Content-Security-Policy does not govern) and returns its violations.
     */
    List<Violation> scan(Page page, String where) {
        if (!Boolean.TRUE.equals(page.evaluate("() => typeof window.axe === 'object'"))) {
            page.evaluate(source);
        }
        JsonNode found = JSON.readTree((String) page.evaluate(RUN));
        List<Violation> violations = new ArrayList<>();
        for (JsonNode violation : found) {
            List<String> nodes = new ArrayList<>();
            for (JsonNode node : violation.get("nodes")) {
                nodes.add(node.get("target").asString() + " — " + node.get("summary").asString().replace('\n', ' '));
            }
            violations.add(new Violation(where, violation.get("id").asString(), violation.get("impact").asString(),
                    violation.get("help").asString(), nodes));
        }
        return violations;
    }

    /** One rule broken on one page: where, the rule, its impact (minor, moderate, serious, critical) and the elements. */
    record Violation(String where, String rule, String impact, String help, List<String> nodes) {

        boolean seriousOrWorse() {
            return "serious".equals(impact) || "critical".equals(impact);
        }

        @Override
        public String toString() {
            return where + ": " + impact + " " + rule + " (" + help + ")\n      " + String.join("\n      ", nodes);
        }
    }
}
