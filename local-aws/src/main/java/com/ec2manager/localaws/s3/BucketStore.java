package com.ec2manager.localaws.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The buckets and objects, on disk below the data folder: a folder per bucket, and per object a
 * file of its bytes and a file of its metadata, both named by the SHA-256 of the key (keys may
 * be longer than a file name can be). An index in memory, read at start, answers listings.
 */
final class BucketStore {

    private static final String CREATED = ".created";

    private final Path root;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    record Bucket(String name, Instant created, Path folder, ConcurrentSkipListMap<String, StoredObject> objects) {
    }

    BucketStore(Path root) {
        this.root = root;
        try {
            Files.createDirectories(root);
            try (DirectoryStream<Path> folders = Files.newDirectoryStream(root, Files::isDirectory)) {
                for (Path folder : folders) {
                    Path created = folder.resolve(CREATED);
                    if (Files.exists(created)) {
                        String name = folder.getFileName().toString();
                        buckets.put(name, load(name, folder, Instant.parse(Files.readString(created).trim())));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the S3 emulator cannot read " + root, e);
        }
    }

    private static Bucket load(String name, Path folder, Instant created) throws IOException {
        ConcurrentSkipListMap<String, StoredObject> objects = new ConcurrentSkipListMap<>();
        try (DirectoryStream<Path> metas = Files.newDirectoryStream(folder, "*.meta")) {
            for (Path meta : metas) {
                StoredObject object = readMeta(meta);
                objects.put(object.key(), object);
            }
        }
        return new Bucket(name, created, folder, objects);
    }

    /** The buckets, by name. */
    SortedMap<String, Bucket> buckets() {
        return new TreeMap<>(buckets);
    }

    /** Creates the bucket; false when it exists already. */
    synchronized boolean create(String name, Instant now) {
        if (buckets.containsKey(name)) {
            return false;
        }
        Path folder = root.resolve(name);
        try {
            Files.createDirectories(folder);
            Files.writeString(folder.resolve(CREATED), now.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        buckets.put(name, new Bucket(name, now, folder, new ConcurrentSkipListMap<>()));
        return true;
    }

    synchronized void delete(String name) {
        Bucket bucket = bucket(name);
        if (!bucket.objects().isEmpty()) {
            throw new S3Exception(409, "BucketNotEmpty", "The bucket you tried to delete is not empty", name);
        }
        try {
            Files.deleteIfExists(bucket.folder().resolve(CREATED));
            Files.deleteIfExists(bucket.folder());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        buckets.remove(name);
    }

    Bucket bucket(String name) {
        Bucket bucket = buckets.get(name);
        if (bucket == null) {
            throw S3Exception.noSuchBucket(name);
        }
        return bucket;
    }

    StoredObject put(String bucketName, String key, byte[] bytes, String contentType, Map<String, String> headers,
                     Instant now) {
        Bucket bucket = bucket(bucketName);
        StoredObject object = new StoredObject(key, bytes.length, md5Hex(bytes), now,
                contentType == null ? "binary/octet-stream" : contentType, Map.copyOf(headers));
        String name = fileName(key);
        try {
            // bytes first, then the metadata that makes the object visible after a restart
            writeAtomically(bucket.folder().resolve(name + ".data"), bytes);
            writeAtomically(bucket.folder().resolve(name + ".meta"), metaBytes(object));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        bucket.objects().put(key, object);
        return object;
    }

    StoredObject head(String bucketName, String key) {
        StoredObject object = bucket(bucketName).objects().get(key);
        if (object == null) {
            throw S3Exception.noSuchKey(key);
        }
        return object;
    }

    InputStream open(String bucketName, String key) throws IOException {
        head(bucketName, key);
        return Files.newInputStream(bucket(bucketName).folder().resolve(fileName(key) + ".data"));
    }

    void remove(String bucketName, String key) {
        Bucket bucket = bucket(bucketName);
        String name = fileName(key);
        try {
            Files.deleteIfExists(bucket.folder().resolve(name + ".meta"));
            Files.deleteIfExists(bucket.folder().resolve(name + ".data"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        bucket.objects().remove(key);
    }

    private static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(temporary)) {
            out.write(bytes);
        }
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static byte[] metaBytes(StoredObject object) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("key", object.key());
        properties.setProperty("size", Long.toString(object.size()));
        properties.setProperty("etag", object.etag());
        properties.setProperty("lastModified", object.lastModified().toString());
        properties.setProperty("contentType", object.contentType());
        object.headers().forEach((name, value) -> properties.setProperty("header." + name, value));
        var out = new java.io.ByteArrayOutputStream();
        properties.store(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), null);
        return out.toByteArray();
    }

    private static StoredObject readMeta(Path meta) throws IOException {
        Properties properties = new Properties();
        try (var reader = Files.newBufferedReader(meta, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : properties.stringPropertyNames()) {
            if (name.startsWith("header.")) {
                headers.put(name.substring("header.".length()), properties.getProperty(name));
            }
        }
        return new StoredObject(properties.getProperty("key"), Long.parseLong(properties.getProperty("size")),
                properties.getProperty("etag"), Instant.parse(properties.getProperty("lastModified")),
                properties.getProperty("contentType"), Map.copyOf(headers));
    }

    private static String fileName(String key) {
        return HexFormat.of().formatHex(digest("SHA-256", key.getBytes(StandardCharsets.UTF_8)));
    }

    static String md5Hex(byte[] bytes) {
        return HexFormat.of().formatHex(digest("MD5", bytes));
    }

    static byte[] digest(String algorithm, byte[] bytes) {
        try {
            return MessageDigest.getInstance(algorithm).digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    NavigableMap<String, StoredObject> objects(String bucketName) {
        return bucket(bucketName).objects();
    }
}
