package com.ec2manager.integrity;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The audit trail's integrity: signed digests and their key.
 *
 * @param kmsKeyId the asymmetric KMS key (ECC_NIST_P256, SIGN_VERIFY) signing digests in aws mode
 *                 (required there); local mode uses a key pair in {@code <data-dir>/integrity}
 * @param writer   this instance's name on its digest chain; empty: {@code local-<server.port>} in
 *                 local mode, the host name in aws mode. Keep it stable across restarts so that
 *                 the chain continues.
 */
@ConfigurationProperties("ec2manager.integrity")
record IntegrityProperties(String kmsKeyId, String writer) {
}
