package com.ec2manager.integrity;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.MessageType;
import software.amazon.awssdk.services.kms.model.SigningAlgorithmSpec;

/**
 * aws mode's digest key: an asymmetric KMS key (ECC_NIST_P256, SIGN_VERIFY) that never leaves
 * KMS. Signatures are checked locally with its public key, read once.
 */
final class KmsDigestSigner implements DigestSigner {

    private final KmsClient kms;
    private final String keyId;
    private volatile PublicKey publicKey;

    KmsDigestSigner(KmsClient kms, String keyId) {
        this.kms = kms;
        this.keyId = keyId;
    }

    @Override
    public String keyId() {
        return keyId;
    }

    @Override
    public String algorithm() {
        return "SHA256withECDSA";
    }

    @Override
    public byte[] sign(byte[] data) {
        return kms.sign(r -> r.keyId(keyId).message(SdkBytes.fromByteArray(data)).messageType(MessageType.RAW)
                .signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_256)).signature().asByteArray();
    }

    @Override
    public boolean verify(byte[] data, byte[] signature) {
        return EcdsaSignatures.verify(publicKey(), data, signature);
    }

    private PublicKey publicKey() {
        PublicKey key = publicKey;
        if (key == null) {
            byte[] der = kms.getPublicKey(r -> r.keyId(keyId)).publicKey().asByteArray();
            try {
                key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("KMS key " + keyId + " is not an EC key", e);
            }
            publicKey = key;
        }
        return key;
    }
}
