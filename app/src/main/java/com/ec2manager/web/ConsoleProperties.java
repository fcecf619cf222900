package com.ec2manager.web;

import java.net.URI;
import java.time.Duration;

import com.ec2manager.aws.ModeDefaults;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The console and JSON API's own settings.
 *
 * @param idempotencyTable the DynamoDB table that remembers action requests by their
 *                         {@code Idempotency-Key}, shared by every instance of the application;
 *                         default {@code ec2-manager-idempotency} (created at start-up in local mode,
 *                         by the infrastructure in aws mode: partition key {@code idempotencyKey} (S),
 *                         TTL attribute {@code ttl})
 * @param idempotencyTtl   how long a key and its first answer are kept; default 24 hours
 * @param exportTimeout    how long one streamed audit export may take; default 30 minutes
 * @param baseUrl          the address people reach the application at, e.g. {@code https://ec2.example.com}:
 *                         what the API's protected-resource metadata and {@code WWW-Authenticate}
 *                         challenge name, so that nothing is taken from a request's Host header.
 *                         Required in aws mode; in local mode {@code http://127.0.0.1:<server.port>}
 * @param refusalsPerPerson refused requests (DENIED records) one person may cause before each further
 *                         one must wait (1 minute, doubling, at most 15); default 30
 * @param refusalsPerAddress the same per client address, over all people; default 60
 */
@ConfigurationProperties("ec2manager.console")
public record ConsoleProperties(@DefaultValue("ec2-manager-idempotency") String idempotencyTable,
                                @DefaultValue("24h") Duration idempotencyTtl,
                                @DefaultValue("30m") Duration exportTimeout,
                                URI baseUrl,
                                @DefaultValue("30") int refusalsPerPerson,
                                @DefaultValue("60") int refusalsPerAddress) {

    /** The configured base URL without a trailing slash, or the mode's default. */
    public String externalBaseUrl(ModeDefaults mode) {
        URI url = baseUrl != null ? baseUrl : mode.baseUrl();
        if (url == null) {
            throw new IllegalStateException("ec2manager.console.base-url is required in aws mode "
                    + "(the address people reach the application at, e.g. https://ec2.example.com)");
        }
        String text = url.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }
}
