package com.ec2manager.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The API's browsable page, {@code /api}: every operation of the hand-kept OpenAPI document
 * ({@code /api/openapi.yaml}, served as a static file) with its parameters and answers.
 */
@Controller
class ApiDocsController {

    static final String DOCUMENT = "static/api/openapi.yaml";
    private static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete");

    /** One operation as the page lists it. */
    public record Operation(String method, String path, String summary, String description,
                            List<Parameter> parameters, boolean hasBody, List<String> responses) {
    }

    /** One parameter; references into components are resolved. */
    public record Parameter(String name, String in, boolean required, String description) {
    }

    private final Map<String, Object> document;
    private final Map<String, List<Operation>> operationsByTag;

    ApiDocsController() {
        this.document = load();
        this.operationsByTag = operations(document);
    }

    @GetMapping("/api")
    String page(Model model) {
        @SuppressWarnings("unchecked")
        Map<String, Object> info = (Map<String, Object>) document.get("info");
        model.addAttribute("info", info);
        model.addAttribute("tags", operationsByTag);
        return "api";
    }

    static Map<String, Object> load() {
        try (InputStream in = new ClassPathResource(DOCUMENT).getInputStream()) {
            return new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("the OpenAPI document " + DOCUMENT + " is missing", e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, List<Operation>> operations(Map<String, Object> document) {
        Map<String, List<Operation>> byTag = new LinkedHashMap<>();
        Map<String, Object> paths = (Map<String, Object>) document.get("paths");
        paths.forEach((path, item) -> ((Map<String, Object>) item).forEach((method, value) -> {
            if (!METHODS.contains(method)) {
                return;
            }
            Map<String, Object> operation = (Map<String, Object>) value;
            List<Parameter> parameters = new ArrayList<>();
            for (Object raw : (List<Object>) operation.getOrDefault("parameters", List.of())) {
                Map<String, Object> parameter = resolve(document, (Map<String, Object>) raw);
                parameters.add(new Parameter(String.valueOf(parameter.get("name")), String.valueOf(parameter.get("in")),
                        Boolean.TRUE.equals(parameter.get("required")), (String) parameter.get("description")));
            }
            List<String> responses = ((Map<Object, Object>) operation.getOrDefault("responses", Map.of())).keySet()
                    .stream().map(String::valueOf).toList();
            List<String> tags = (List<String>) operation.getOrDefault("tags", List.of("other"));
            byTag.computeIfAbsent(tags.get(0), tag -> new ArrayList<>()).add(new Operation(method.toUpperCase(), path,
                    (String) operation.get("summary"), (String) operation.get("description"), parameters,
                    operation.containsKey("requestBody"), responses));
        }));
        return byTag;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> resolve(Map<String, Object> document, Map<String, Object> node) {
        Object ref = node.get("$ref");
        if (!(ref instanceof String pointer) || !pointer.startsWith("#/")) {
            return node;
        }
        Object target = document;
        for (String part : pointer.substring(2).split("/")) {
            target = ((Map<String, Object>) target).get(part);
        }
        return (Map<String, Object>) target;
    }
}
