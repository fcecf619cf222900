package com.ec2manager.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The API's browsable page, {@code /api}: Swagger UI (from its webjar) over the hand-kept
 * OpenAPI document {@code /api/openapi.yaml}, served as a static file. The page's heading comes
 * from the document's {@code info}.
 */
@Controller
class ApiDocsController {

    static final String DOCUMENT = "static/api/openapi.yaml";

    private final Map<String, Object> info;

    @SuppressWarnings("unchecked")
    ApiDocsController() {
        this.info = (Map<String, Object>) load().get("info");
    }

    @GetMapping("/api")
    String page(Model model) {
        model.addAttribute("info", info);
        return "api";
    }

    static Map<String, Object> load() {
        try (InputStream in = new ClassPathResource(DOCUMENT).getInputStream()) {
            return new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("the OpenAPI document " + DOCUMENT + " is missing", e);
        }
    }
}
