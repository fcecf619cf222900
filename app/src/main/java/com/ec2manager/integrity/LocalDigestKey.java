package com.ec2manager.integrity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;
import java.util.Set;

/**
 * Local mode's digest key: an EC P-256 key pair kept in the data folder (generated on first use,
 * readable by its owner only), signing as KMS's ECDSA_SHA_256 does.
 */
final class LocalDigestKey implements DigestSigner {

    private static final String ALGORITHM = "SHA256withECDSA";

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String keyId;

    private LocalDigestKey(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.keyId = "local:" + fingerprint(publicKey);
    }

    /** The key pair in {@code folder}, made there first if missing. */
    static LocalDigestKey inFolder(Path folder) {
        Path privateFile = folder.resolve("digest-key.p8");
        Path publicFile = folder.resolve("digest-key.pub");
        try {
            KeyFactory keys = KeyFactory.getInstance("EC");
            if (!Files.exists(privateFile)) {
                Files.createDirectories(folder);
                KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec("secp256r1"));
                KeyPair pair = generator.generateKeyPair();
                Path temporary = folder.resolve("digest-key.p8.tmp");
                Files.write(temporary, pair.getPrivate().getEncoded());
                try {
                    Files.setPosixFilePermissions(temporary, Set.of(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                            java.nio.file.attribute.PosixFilePermission.OWNER_WRITE));
                } catch (UnsupportedOperationException notPosix) {
                    // the folder's own protection applies
                }
                Files.write(publicFile, pair.getPublic().getEncoded());
                Files.move(temporary, privateFile);
            }
            return new LocalDigestKey(keys.generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(privateFile))),
                    keys.generatePublic(new X509EncodedKeySpec(Files.readAllBytes(publicFile))));
        } catch (IOException e) {
            throw new UncheckedIOException("the digest key in " + folder + " cannot be read or made", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the digest key in " + folder + " is not an EC key pair", e);
        }
    }

    @Override
    public String keyId() {
        return keyId;
    }

    @Override
    public String algorithm() {
        return ALGORITHM;
    }

    @Override
    public byte[] sign(byte[] data) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(privateKey);
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean verify(byte[] data, byte[] signature) {
        return EcdsaSignatures.verify(publicKey, data, signature);
    }

    private static String fingerprint(PublicKey key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()), 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
