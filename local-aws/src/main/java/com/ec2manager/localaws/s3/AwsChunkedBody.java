package com.ec2manager.localaws.s3;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Decodes the {@code aws-chunked} content encoding that the SDK and the CLI use for streamed
 * uploads: {@code <hex size>[;chunk-signature=…]\r\n<bytes>\r\n} repeated, a zero-size chunk, then
 * optional trailing headers (such as {@code x-amz-checksum-crc32}). Signatures are not checked,
 * as everywhere in the local stack.
 */
final class AwsChunkedBody {

    private AwsChunkedBody() {
    }

    static boolean isChunked(String contentSha256, String contentEncoding) {
        return (contentSha256 != null && contentSha256.startsWith("STREAMING-"))
                || (contentEncoding != null && contentEncoding.contains("aws-chunked"));
    }

    static byte[] decode(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length);
        int position = 0;
        while (position < raw.length) {
            int lineEnd = indexOfCrLf(raw, position);
            if (lineEnd < 0) {
                throw malformed();
            }
            String header = new String(raw, position, lineEnd - position, StandardCharsets.US_ASCII);
            int semicolon = header.indexOf(';');
            String hex = (semicolon < 0 ? header : header.substring(0, semicolon)).trim();
            int size;
            try {
                size = Integer.parseInt(hex, 16);
            } catch (NumberFormatException e) {
                throw malformed();
            }
            position = lineEnd + 2;
            if (size == 0) {
                return out.toByteArray(); // what follows are trailing headers
            }
            if (position + size > raw.length) {
                throw malformed();
            }
            out.write(raw, position, size);
            position += size + 2;
        }
        throw malformed();
    }

    private static int indexOfCrLf(byte[] raw, int from) {
        for (int i = from; i + 1 < raw.length; i++) {
            if (raw[i] == '\r' && raw[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static S3Exception malformed() {
        return new S3Exception(400, "IncompleteBody", "The aws-chunked body is malformed", null);
    }
}
