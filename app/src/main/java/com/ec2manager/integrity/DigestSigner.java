package com.ec2manager.integrity;

/**
 * Signs digests with an asymmetric key and checks their signatures: KMS in aws mode, a key
 * pair in the data folder in local mode.
 */
interface DigestSigner {

    /** Names the key, as digests record it. */
    String keyId();

    /** The signature algorithm, in Java's naming ({@code SHA256withECDSA}). */
    String algorithm();

    byte[] sign(byte[] data);

    boolean verify(byte[] data, byte[] signature);
}
