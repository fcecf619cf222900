package com.ec2manager.localaws.dynamodb;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DynamoDB Local's jars and native libraries, unpacked from the bundle once per version into a
 * cache that every data folder shares ({@code ~/.cache/ec2-manager/dynamodb-local}, or the folder
 * named by the system property {@value #CACHE_PROPERTY}; under the data folder when that cannot be
 * written): they are part of the installation, not of the data, and a new data folder need not
 * copy 50 MB. Beside them lives a class-data-sharing archive of the classes DynamoDB Local loads,
 * made by its first run on each JDK: later starts map those classes instead of finding, reading
 * and verifying them, which is most of its start-up.
 */
final class DynamoDbLocalLibraries {

    static final String CACHE_PROPERTY = "ec2manager.dynamodb-local.cache";

    private static final Logger log = LoggerFactory.getLogger(DynamoDbLocalLibraries.class);
    private static final String BUNDLE = "dynamodb-local/";
    private static final String LAUNCHER = "launcher/com/ec2manager/dynamodblocal/LoopbackServerRunner.class";
    /** The launcher class goes into a jar of its own: the JVM archives no classes of a directory. */
    static final String LAUNCHER_JAR = "launcher.jar";

    private final Path directory;

    private DynamoDbLocalLibraries(Path directory) {
        this.directory = directory;
    }

    Path directory() {
        return directory;
    }

    /** The unpacked libraries, in the shared cache when it can be written, else under {@code dataDir}. */
    static DynamoDbLocalLibraries unpack(Path dataDir) throws IOException {
        String cache = System.getProperty(CACHE_PROPERTY);
        Path shared = cache != null && !cache.isBlank() ? Path.of(cache)
                : Path.of(System.getProperty("user.home"), ".cache", "ec2-manager", "dynamodb-local");
        try {
            return new DynamoDbLocalLibraries(unpackInto(shared.toAbsolutePath()));
        } catch (IOException | SecurityException unwritable) {
            log.info("DynamoDB Local's libraries cannot be kept in {} ({}); they go under the data folder",
                    shared, unwritable.toString());
            return new DynamoDbLocalLibraries(unpackInto(dataDir.resolve(".dynamodb-local")));
        }
    }

    /** Copies the packed jars and native libraries to {@code target/<version>/}, once. */
    private static Path unpackInto(Path target) throws IOException {
        ClassLoader loader = DynamoDbLocalLibraries.class.getClassLoader();
        String index;
        try (InputStream in = loader.getResourceAsStream(BUNDLE + "files.txt")) {
            if (in == null) {
                throw new IllegalStateException("the DynamoDB Local bundle is not on the classpath");
            }
            index = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
        List<String> files = new ArrayList<>(
                Arrays.stream(index.split(";")).map(String::trim).filter(f -> !f.isEmpty()).toList());
        // The index names every file with its version, so its hash names the unpacked set.
        Path libDir = target.resolve(Integer.toHexString((index + LAUNCHER + LAUNCHER_JAR).hashCode()));
        Path complete = libDir.resolve(".complete");
        if (Files.exists(complete)) {
            return libDir;
        }
        Files.createDirectories(libDir);
        for (String file : files) {
            Path destination = libDir.resolve(file.startsWith("lib/") ? file.substring(4) : file);
            Files.createDirectories(destination.getParent());
            try (InputStream in = resource(loader, file)) {
                writeAtomically(destination, out -> in.transferTo(out));
            }
            if (destination.getFileName().toString().endsWith(".jar")) {
                dropManifestClassPath(destination);
            }
        }
        try (InputStream in = resource(loader, LAUNCHER)) {
            byte[] launcher = in.readAllBytes();
            writeAtomically(libDir.resolve(LAUNCHER_JAR), out -> {
                try (JarOutputStream jar = new JarOutputStream(out)) {
                    jar.putNextEntry(new JarEntry(LAUNCHER.substring("launcher/".length())));
                    jar.write(launcher);
                    jar.closeEntry();
                }
            });
        }
        // another process may unpack the same set at the same time: every file lands whole, by a rename
        Files.writeString(complete, index);
        return libDir;
    }

    /**
     * DynamoDB Local's own jar names {@code .} and {@code DynamoDBLocal_lib/…} in its manifest's
     * class path. Every jar is on the command line's class path already, and the JVM makes no
     * class-data-sharing archive while a non-empty directory is on the class path: so the copy
     * here goes without that attribute.
     */
    private static void dropManifestClassPath(Path jar) throws IOException {
        Manifest manifest;
        try (JarFile file = new JarFile(jar.toFile())) {
            manifest = file.getManifest();
        }
        if (manifest == null || manifest.getMainAttributes().remove(Attributes.Name.CLASS_PATH) == null) {
            return;
        }
        writeAtomically(jar, out -> {
            try (JarFile file = new JarFile(jar.toFile()); JarOutputStream copy = new JarOutputStream(out, manifest)) {
                for (JarEntry entry : java.util.Collections.list(file.entries())) {
                    if (entry.getName().equalsIgnoreCase(JarFile.MANIFEST_NAME)) {
                        continue;
                    }
                    copy.putNextEntry(new JarEntry(entry.getName()));
                    try (InputStream in = file.getInputStream(entry)) {
                        in.transferTo(copy);
                    }
                    copy.closeEntry();
                }
            }
        });
    }

    private static InputStream resource(ClassLoader loader, String file) {
        InputStream in = loader.getResourceAsStream(BUNDLE + file);
        if (in == null) {
            throw new IllegalStateException("the DynamoDB Local bundle lacks " + file);
        }
        return in;
    }

    private interface Writing {
        void to(OutputStream out) throws IOException;
    }

    private static void writeAtomically(Path destination, Writing writing) throws IOException {
        Path tmp = Files.createTempFile(destination.getParent(), destination.getFileName().toString(), ".part");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            writing.to(out);
        }
        Files.move(tmp, destination, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The classpath: every jar of the libraries, the launcher's included. */
    String classpath() {
        return directory.resolve("*").toString();
    }

    /** The class-data-sharing archive for this JDK (the JVM refuses one made by another). */
    Path archive() {
        String jdk = System.getProperty("java.home") + " " + System.getProperty("java.vm.version");
        return directory.resolve("classes-" + Integer.toHexString(jdk.hashCode()) + ".jsa");
    }

    /**
     * The JVM options that use this JDK's archive, or, while there is none, make one when the
     * process exits ({@code dumping} is where; it becomes the archive by {@link #keep}).
     */
    List<String> classDataSharing(Path dumping) {
        Path archive = archive();
        return Files.isRegularFile(archive) ? List.of("-XX:SharedArchiveFile=" + archive)
                : List.of("-XX:ArchiveClassesAtExit=" + dumping);
    }

    /** Makes the archive a process dumped at its exit this JDK's archive, if it dumped one. */
    Optional<Path> keep(Path dumping) {
        try {
            if (Files.isRegularFile(dumping) && Files.size(dumping) > 0 && !Files.exists(archive())) {
                Files.move(dumping, archive(), StandardCopyOption.ATOMIC_MOVE);
                return Optional.of(archive());
            }
        } catch (IOException e) {
            log.debug("DynamoDB Local's class-data-sharing archive was not kept", e);
        }
        try {
            Files.deleteIfExists(dumping);
        } catch (IOException ignored) {
            // a left-over part file; the next dump has another name
        }
        return Optional.empty();
    }
}
