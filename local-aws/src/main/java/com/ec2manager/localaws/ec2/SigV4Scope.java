package com.ec2manager.localaws.ec2;

/**
 * The region of a SigV4 credential scope, {@code AKID/20250101/us-east-1/ec2/aws4_request},
 * from the {@code Authorization} header or a presigned URL's {@code X-Amz-Credential}.
 */
final class SigV4Scope {

    private static final String ALGORITHM = "AWS4-HMAC-SHA256";

    private SigV4Scope() {
    }

    /** The region, or null when the request carries no well-formed EC2 credential scope. */
    static String region(String authorization, String presignedCredential) {
        String credential = presignedCredential;
        if (authorization != null) {
            if (!authorization.startsWith(ALGORITHM)) {
                return null;
            }
            int start = authorization.indexOf("Credential=");
            if (start < 0) {
                return null;
            }
            start += "Credential=".length();
            int end = start;
            while (end < authorization.length() && authorization.charAt(end) != ',' && authorization.charAt(end) != ' ') {
                end++;
            }
            credential = authorization.substring(start, end);
        }
        if (credential == null) {
            return null;
        }
        String[] parts = credential.split("/");
        if (parts.length != 5 || parts[0].isEmpty() || !"ec2".equals(parts[3]) || !"aws4_request".equals(parts[4])) {
            return null;
        }
        return parts[2];
    }
}
