package com.ec2manager.localaws.cognito;

import java.time.Instant;

/**
 * An e-mail Cognito would have sent.
 *
 * @param id     unique, sortable by time
 * @param sentAt when it was "sent" (the emulator's clock)
 * @param to     the recipient address
 * @param subject the subject line
 * @param body   the plain-text body
 */
public record OutboxMessage(String id, Instant sentAt, String to, String subject, String body) {
}
