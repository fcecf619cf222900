package com.ec2manager.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.resource.VersionResourceResolver;

/**
 * The console's own scripts under a versioned folder, {@code /js/<hash>/app.js}, cached for a
 * year. The scripts are ES modules that import each other by relative path ({@code ./time.js}),
 * so a per-file hash in the name would leave the imported files unversioned; one version for the
 * whole folder, computed from every file's content, moves them all together. The other static
 * files (CSS, the favicon, htmx) get a per-file content hash through Spring Boot's
 * {@code spring.web.resources.chain} settings in application.yml.
 */
final class StaticResources {

    static final Duration LIFETIME = Duration.ofDays(365);
    private static final String SCRIPTS = "classpath:/static/js/";

    private StaticResources() {
    }

    static void addScripts(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/js/**")
                .addResourceLocations(SCRIPTS)
                .setCacheControl(CacheControl.maxAge(LIFETIME).cachePublic().immutable())
                .resourceChain(true)
                .addResolver(new VersionResourceResolver().addFixedVersionStrategy(scriptsVersion(), "/**"));
    }

    /** A hash of every script's name and content: any change gives every script a new address. */
    static String scriptsVersion() {
        try {
            Resource[] scripts = new PathMatchingResourcePatternResolver().getResources(SCRIPTS + "**/*.js");
            Arrays.sort(scripts, Comparator.comparing(StaticResources::name));
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Resource script : scripts) {
                digest.update(name(script).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                try (InputStream in = script.getInputStream()) {
                    digest.update(in.readAllBytes());
                }
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 12);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String name(Resource resource) {
        try {
            return resource.getURL().toString().replaceFirst("^.*?/static/js/", "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
