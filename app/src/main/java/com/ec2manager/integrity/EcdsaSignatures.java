package com.ec2manager.integrity;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;

/** Checks a DER-encoded ECDSA/SHA-256 signature, as both KMS and the JDK make them. */
final class EcdsaSignatures {

    private EcdsaSignatures() {
    }

    static boolean verify(PublicKey key, byte[] data, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(key);
            verifier.update(data);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false; // a malformed signature is a wrong one
        }
    }
}
