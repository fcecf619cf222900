package com.ec2manager.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StaticLinkBuilderTest {

    @Test
    void linksToStaticFilesGoThroughTheResourceChainAndPagesDoNot() {
        for (String link : new String[] {"/css/app.css", "/js/app.js", "/webjars/htmx.org/dist/htmx.min.js",
                "/favicon.svg", "/api/openapi.yaml", "/console/css/app.css"}) {
            assertThat(StaticLinkBuilder.isStatic(link, link.startsWith("/console") ? "/console" : "")).as(link).isTrue();
        }
        for (String link : new String[] {"/instances/123456789012/us-east-1/i-0abc", "/instances?state=running",
                "/api/v1/instances", "/audit", "/console/instances", "/"}) {
            assertThat(StaticLinkBuilder.isStatic(link, link.startsWith("/console") ? "/console" : "")).as(link).isFalse();
        }
    }
}
