package com.ec2manager.localaws.sts;

import java.util.Optional;

/**
 * The credential of a SigV4-signed request, {@code AKID/20250101/us-east-1/ec2/aws4_request}, from
 * the {@code Authorization} header or a presigned URL's {@code X-Amz-Credential}. The stand-ins do
 * not verify signatures; they read who signed (the access key) and for which region and service.
 *
 * @param accessKeyId the access key id that signed
 * @param region      the region of the credential scope
 * @param service     the service of the credential scope, e.g. {@code ec2}, {@code sts}
 */
public record SigV4Credential(String accessKeyId, String region, String service) {

    private static final String ALGORITHM = "AWS4-HMAC-SHA256";

    /** The credential, or empty when the request carries no well-formed SigV4 credential scope. */
    public static Optional<SigV4Credential> parse(String authorization, String presignedCredential) {
        String credential = presignedCredential;
        if (authorization != null) {
            if (!authorization.startsWith(ALGORITHM)) {
                return Optional.empty();
            }
            int start = authorization.indexOf("Credential=");
            if (start < 0) {
                return Optional.empty();
            }
            start += "Credential=".length();
            int end = start;
            while (end < authorization.length() && authorization.charAt(end) != ',' && authorization.charAt(end) != ' ') {
                end++;
            }
            credential = authorization.substring(start, end);
        }
        if (credential == null) {
            return Optional.empty();
        }
        String[] parts = credential.split("/");
        if (parts.length != 5 || parts[0].isEmpty() || parts[3].isEmpty() || !"aws4_request".equals(parts[4])) {
            return Optional.empty();
        }
        return Optional.of(new SigV4Credential(parts[0], parts[2], parts[3]));
    }
}
