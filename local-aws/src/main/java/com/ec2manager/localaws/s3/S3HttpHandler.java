package com.ec2manager.localaws.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * S3's REST API over HTTP, path-style ({@code /bucket/key}), for the operations in the README's
 * table; anything else answers {@code NotImplemented}. Signatures are not verified.
 */
final class S3HttpHandler implements HttpHandler {

    private static final Logger log = LoggerFactory.getLogger(S3HttpHandler.class);
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    /** Headers kept with an object and given back: user metadata and its object-lock settings. */
    private static final Set<String> KEPT_HEADERS = Set.of("x-amz-object-lock-mode",
            "x-amz-object-lock-retain-until-date", "x-amz-object-lock-legal-hold", "content-encoding");

    private final BucketStore store;
    private final Clock clock;

    S3HttpHandler(BucketStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String requestId = UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase(Locale.ROOT);
        try (exchange) {
            exchange.getResponseHeaders().set("x-amz-request-id", requestId);
            exchange.getResponseHeaders().set("Server", "AmazonS3");
            try {
                route(exchange);
            } catch (S3Exception e) {
                sendError(exchange, e.status(), e.code(), e.getMessage(), e.resource(), requestId);
            } catch (RuntimeException e) {
                log.error("S3 emulator failed on request {}", requestId, e);
                sendError(exchange, 500, "InternalError", "We encountered an internal error. Please try again.",
                        null, requestId);
            }
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = decodePath(exchange.getRequestURI().getRawPath());
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.isEmpty()) {
            if (!method.equals("GET")) {
                throw S3Exception.notImplemented(method + " /");
            }
            listBuckets(exchange);
            return;
        }
        int slash = trimmed.indexOf('/');
        String bucket = slash < 0 ? trimmed : trimmed.substring(0, slash);
        String key = slash < 0 ? "" : trimmed.substring(slash + 1);
        if (key.isEmpty()) {
            bucketOperation(exchange, method, bucket, query);
        } else {
            objectOperation(exchange, method, bucket, key, query);
        }
    }

    private void bucketOperation(HttpExchange exchange, String method, String bucket, Map<String, String> query)
            throws IOException {
        if (query.containsKey("location") && method.equals("GET")) {
            store.bucket(bucket);
            sendXml(exchange, 200, S3Xml.document("LocationConstraint").end("LocationConstraint").toString());
            return;
        }
        if (query.containsKey("versioning") && method.equals("GET")) {
            store.bucket(bucket);
            // versioning is never enabled here: an empty configuration, as S3 answers for such a bucket
            sendXml(exchange, 200, S3Xml.document("VersioningConfiguration").end("VersioningConfiguration").toString());
            return;
        }
        for (String subresource : List.of("versioning", "acl", "policy", "tagging", "object-lock", "lifecycle",
                "cors", "uploads", "delete", "encryption", "notification", "website", "logging", "replication")) {
            if (query.containsKey(subresource)) {
                throw S3Exception.notImplemented("?" + subresource);
            }
        }
        switch (method) {
            case "PUT" -> {
                if (!BUCKET_NAME.matcher(bucket).matches()) {
                    throw new S3Exception(400, "InvalidBucketName", "The specified bucket is not valid.", bucket);
                }
                exchange.getRequestBody().readAllBytes(); // an optional CreateBucketConfiguration
                if (!store.create(bucket, clock.instant())) {
                    throw new S3Exception(409, "BucketAlreadyOwnedByYou",
                            "Your previous request to create the named bucket succeeded and you already own it.", bucket);
                }
                exchange.getResponseHeaders().set("Location", "/" + bucket);
                sendEmpty(exchange, 200);
            }
            case "HEAD" -> {
                store.bucket(bucket);
                exchange.getResponseHeaders().set("x-amz-bucket-region", "us-east-1");
                sendEmpty(exchange, 200);
            }
            case "DELETE" -> {
                store.delete(bucket);
                sendEmpty(exchange, 204);
            }
            case "GET" -> listObjects(exchange, bucket, query);
            default -> throw S3Exception.notImplemented(method + " on a bucket");
        }
    }

    private void objectOperation(HttpExchange exchange, String method, String bucket, String key,
                                 Map<String, String> query) throws IOException {
        for (String subresource : List.of("uploads", "uploadId", "tagging", "acl", "retention", "legal-hold",
                "torrent", "restore", "select", "attributes", "versionId")) {
            if (query.containsKey(subresource)) {
                throw S3Exception.notImplemented("?" + subresource);
            }
        }
        switch (method) {
            case "PUT" -> putObject(exchange, bucket, key);
            case "GET" -> getObject(exchange, bucket, key, true);
            case "HEAD" -> getObject(exchange, bucket, key, false);
            case "DELETE" -> {
                store.bucket(bucket);
                store.remove(bucket, key);
                sendEmpty(exchange, 204);
            }
            default -> throw S3Exception.notImplemented(method + " on an object");
        }
    }

    private void putObject(HttpExchange exchange, String bucket, String key) throws IOException {
        Headers headers = exchange.getRequestHeaders();
        if (headers.containsKey("x-amz-copy-source")) {
            throw S3Exception.notImplemented("CopyObject");
        }
        store.bucket(bucket);
        byte[] body = exchange.getRequestBody().readAllBytes();
        if (AwsChunkedBody.isChunked(headers.getFirst("x-amz-content-sha256"), headers.getFirst("Content-Encoding"))) {
            body = AwsChunkedBody.decode(body);
        }
        String contentMd5 = headers.getFirst("Content-MD5");
        if (contentMd5 != null && !contentMd5.equals(Base64.getEncoder()
                .encodeToString(BucketStore.digest("MD5", body)))) {
            throw new S3Exception(400, "BadDigest", "The Content-MD5 you specified did not match what we received.", key);
        }
        Map<String, String> kept = new LinkedHashMap<>();
        headers.forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if ((lower.startsWith("x-amz-meta-") || KEPT_HEADERS.contains(lower)) && !values.isEmpty()) {
                kept.put(lower, values.get(0));
            }
        });
        String encoding = kept.get("content-encoding");
        if (encoding != null) {
            // aws-chunked is the transfer's encoding, not the object's
            String remaining = encoding.replace("aws-chunked", "").replaceAll("^[ ,]+|[ ,]+$", "");
            if (remaining.isEmpty()) {
                kept.remove("content-encoding");
            } else {
                kept.put("content-encoding", remaining);
            }
        }
        StoredObject object = store.put(bucket, key, body, headers.getFirst("Content-Type"), kept, clock.instant());
        exchange.getResponseHeaders().set("ETag", quoted(object.etag()));
        sendEmpty(exchange, 200);
    }

    private void getObject(HttpExchange exchange, String bucket, String key, boolean withBody) throws IOException {
        StoredObject object = store.head(bucket, key);
        Headers response = exchange.getResponseHeaders();
        response.set("ETag", quoted(object.etag()));
        response.set("Last-Modified", HTTP_DATE.format(object.lastModified()));
        response.set("Content-Type", object.contentType());
        response.set("Accept-Ranges", "bytes");
        object.headers().forEach(response::set);
        long start = 0;
        long end = object.size() - 1;
        int status = 200;
        String range = exchange.getRequestHeaders().getFirst("Range");
        if (range != null && range.startsWith("bytes=") && !range.contains(",") && object.size() > 0) {
            String[] bounds = range.substring("bytes=".length()).split("-", -1);
            try {
                if (bounds[0].isEmpty()) {
                    start = Math.max(0, object.size() - Long.parseLong(bounds[1]));
                } else {
                    start = Long.parseLong(bounds[0]);
                    if (!bounds[1].isEmpty()) {
                        end = Math.min(end, Long.parseLong(bounds[1]));
                    }
                }
            } catch (NumberFormatException e) {
                start = 0;
                end = object.size() - 1;
            }
            if (start > end) {
                throw new S3Exception(416, "InvalidRange", "The requested range is not satisfiable", key);
            }
            status = 206;
            response.set("Content-Range", "bytes " + start + "-" + end + "/" + object.size());
        }
        long length = object.size() == 0 ? 0 : end - start + 1;
        response.set("Content-Length", Long.toString(length));
        if (!withBody) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, length == 0 ? -1 : length);
        if (length > 0) {
            try (InputStream in = store.open(bucket, key); OutputStream out = exchange.getResponseBody()) {
                in.skipNBytes(start);
                byte[] buffer = new byte[64 * 1024];
                long remaining = length;
                while (remaining > 0) {
                    int read = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
                    if (read < 0) {
                        break;
                    }
                    out.write(buffer, 0, read);
                    remaining -= read;
                }
            }
        }
    }

    private void listBuckets(HttpExchange exchange) throws IOException {
        S3Xml xml = S3Xml.document("ListAllMyBucketsResult")
                .start("Owner").element("ID", "local").element("DisplayName", "local").end("Owner")
                .start("Buckets");
        store.buckets().values().forEach(bucket -> xml.start("Bucket").element("Name", bucket.name())
                .element("CreationDate", bucket.created()).end("Bucket"));
        sendXml(exchange, 200, xml.end("Buckets").end("ListAllMyBucketsResult").toString());
    }

    /** ListObjectsV2 ({@code list-type=2}) and the original ListObjects, with prefix, delimiter and paging. */
    private void listObjects(HttpExchange exchange, String bucket, Map<String, String> query) throws IOException {
        boolean v2 = "2".equals(query.get("list-type"));
        String prefix = query.getOrDefault("prefix", "");
        String delimiter = emptyToNull(query.get("delimiter"));
        boolean urlEncoded = "url".equals(query.get("encoding-type"));
        int maxKeys = 1000;
        if (query.containsKey("max-keys")) {
            try {
                maxKeys = Math.max(0, Math.min(1000, Integer.parseInt(query.get("max-keys"))));
            } catch (NumberFormatException e) {
                throw new S3Exception(400, "InvalidArgument", "Provided max-keys not an integer or within integer range", null);
            }
        }
        String token = emptyToNull(query.get("continuation-token"));
        String after = v2 ? (token != null ? new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8)
                : emptyToNull(query.get("start-after"))) : emptyToNull(query.get("marker"));
        NavigableMap<String, StoredObject> objects = store.objects(bucket);
        // from after the marker, or from the prefix when the marker lies before it
        NavigableMap<String, StoredObject> candidates = after != null && after.compareTo(prefix) >= 0
                ? objects.tailMap(after, false) : objects.tailMap(prefix, true);
        List<StoredObject> contents = new ArrayList<>();
        Set<String> commonPrefixes = new TreeSet<>();
        String last = null;
        boolean truncated = false;
        for (var entry : candidates.entrySet()) {
            String key = entry.getKey();
            if (!key.startsWith(prefix)) {
                break;
            }
            String common = null;
            if (delimiter != null) {
                int at = key.indexOf(delimiter, prefix.length());
                if (at >= 0) {
                    common = key.substring(0, at + delimiter.length());
                }
            }
            if (common != null && commonPrefixes.contains(common)) {
                last = key;
                continue;
            }
            if (contents.size() + commonPrefixes.size() == maxKeys) {
                truncated = true;
                break;
            }
            if (common != null) {
                commonPrefixes.add(common);
            } else {
                contents.add(entry.getValue());
            }
            last = key;
        }
        S3Xml xml = S3Xml.document("ListBucketResult").element("Name", bucket)
                .element("Prefix", encode(prefix, urlEncoded)).element("Delimiter", encode(delimiter, urlEncoded))
                .element("MaxKeys", maxKeys).element("EncodingType", urlEncoded ? "url" : null)
                .element("IsTruncated", truncated);
        if (v2) {
            xml.element("KeyCount", contents.size() + commonPrefixes.size()).element("ContinuationToken", token)
                    .element("StartAfter", encode(emptyToNull(query.get("start-after")), urlEncoded));
            if (truncated) {
                xml.element("NextContinuationToken",
                        Base64.getUrlEncoder().withoutPadding().encodeToString(last.getBytes(StandardCharsets.UTF_8)));
            }
        } else {
            xml.element("Marker", encode(query.getOrDefault("marker", ""), urlEncoded));
            if (truncated) {
                xml.element("NextMarker", encode(last, urlEncoded));
            }
        }
        for (StoredObject object : contents) {
            xml.start("Contents").element("Key", encode(object.key(), urlEncoded))
                    .element("LastModified", object.lastModified()).element("ETag", quoted(object.etag()))
                    .element("Size", object.size()).element("StorageClass", "STANDARD").end("Contents");
        }
        for (String common : commonPrefixes) {
            xml.start("CommonPrefixes").element("Prefix", encode(common, urlEncoded)).end("CommonPrefixes");
        }
        sendXml(exchange, 200, xml.end("ListBucketResult").toString());
    }

    private static String encode(String value, boolean urlEncoded) {
        if (value == null || !urlEncoded) {
            return value;
        }
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("%2F", "/");
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static String quoted(String etag) {
        return "\"" + etag + "\"";
    }

    private static String decodePath(String rawPath) {
        return URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            query.putIfAbsent(name, value);
        }
        return query;
    }

    private static void sendXml(HttpExchange exchange, int status, String xml) throws IOException {
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/xml");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sendEmpty(HttpExchange exchange, int status) throws IOException {
        exchange.getResponseHeaders().set("Content-Length", "0");
        exchange.sendResponseHeaders(status, -1);
    }

    private static void sendError(HttpExchange exchange, int status, String code, String message, String resource,
                                  String requestId) throws IOException {
        if (exchange.getRequestMethod().equals("HEAD")) {
            // HEAD answers carry no body; the SDK reads the status alone
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        sendXml(exchange, status, S3Xml.error(code, message, resource, requestId));
    }

}
