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

    static final String REQUIRED = "ec2manager.integrity.kms-key-id is required in aws mode: the asymmetric KMS key "
            + "(ECC_NIST_P256, SIGN_VERIFY) that signs the audit digests";

    private final KmsClient kms;
    private final String keyId;
    private volatile PublicKey publicKey;

    KmsDigestSigner(KmsClient kms, String keyId) {
        this.kms = kms;
        this.keyId = keyId;
    }

    boolean configured() {
        return keyId != null;
    }

    private String requiredKey() {
        if (keyId == null) {
            throw new IllegalStateException(REQUIRED);
        }
        return keyId;
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
        String key = requiredKey();
        return kms.sign(r -> r.keyId(key).message(SdkBytes.fromByteArray(data)).messageType(MessageType.RAW)
                .signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_256)).signature().asByteArray();
    }

    @Override
    public boolean verify(byte[] data, byte[] signature) {
        return EcdsaSignatures.verify(publicKey(), data, signature);
    }

    private PublicKey publicKey() {
        PublicKey key = publicKey;
        if (key == null) {
            String id = requiredKey();
            byte[] der = kms.getPublicKey(r -> r.keyId(id)).publicKey().asByteArray();
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
