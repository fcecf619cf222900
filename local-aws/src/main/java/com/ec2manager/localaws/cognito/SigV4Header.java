package com.ec2manager.localaws.cognito;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.Headers;

/**
 * The IAM-authorized operations need a Signature Version 4 {@code Authorization} header scoped to
 * {@code cognito-idp}. The emulator checks its presence and shape, not the signature: it has no
 * secret keys to check against.
 */
final class SigV4Header {

    private static final Pattern CREDENTIAL = Pattern.compile("Credential=([^/,\\s]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request");

    private SigV4Header() {
    }

    /** Checks the header and returns the region the request is signed for. */
    static String check(String authorization, Headers headers) {
        if (authorization == null || authorization.isBlank()) {
            throw new CognitoException("MissingAuthenticationTokenException", "Missing Authentication Token");
        }
        if (!authorization.startsWith("AWS4-HMAC-SHA256 ")) {
            throw new CognitoException("IncompleteSignatureException",
                    "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' "
                            + "parameter. Authorization header requires 'SignedHeaders' parameter.");
        }
        StringBuilder missing = new StringBuilder();
        for (String part : new String[] {"Credential", "Signature", "SignedHeaders"}) {
            if (!authorization.contains(part + "=")) {
                missing.append("Authorization header requires '").append(part).append("' parameter. ");
            }
        }
        if (headers.getFirst("X-Amz-Date") == null && headers.getFirst("Date") == null) {
            missing.append("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
        }
        if (!missing.isEmpty()) {
            throw new CognitoException("IncompleteSignatureException", missing.toString().trim());
        }
        Matcher credential = CREDENTIAL.matcher(authorization);
        if (!credential.find()) {
            throw new CognitoException("IncompleteSignatureException", "Credential should be scoped to a valid region.");
        }
        if (!credential.group(4).equals("cognito-idp")) {
            throw new CognitoException("InvalidSignatureException",
                    "Credential should be scoped to correct service: 'cognito-idp'.");
        }
        return credential.group(3);
    }
}
