package com.ec2manager.localaws.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Node.js project kept in the repository ({@code src/test/node/<name>}: its package.json, lock
 * file and scripts) that a test installs from the npm registry with {@code npm ci} into
 * {@code target/<name>}, once per lock file, so that a clean clone needs nothing but Node.js and npm
 * ({@code bin/test} installs both).
 */
public final class NodeProject {

    private final Path installed;

    private NodeProject(Path installed) {
        this.installed = installed;
    }

    /**
     * Copies the project's files to {@code target/<name>} and runs {@code npm ci} there unless the
     * same lock file is already installed; {@code packageName} is the dependency whose presence
     * proves an installation.
     */
    public static NodeProject install(String name, String packageName, List<String> files, String why)
            throws IOException, InterruptedException {
        RequiredTool.require("node", why);
        RequiredTool.require("npm", "it installs " + packageName);
        Path project = Path.of("src", "test", "node", name);
        Path installed = Path.of("target", name);
        Files.createDirectories(installed);
        Path lock = installed.resolve("package-lock.json");
        boolean current = Files.exists(installed.resolve("node_modules").resolve(packageName).resolve("package.json"))
                && Files.exists(lock) && Files.mismatch(lock, project.resolve("package-lock.json")) == -1;
        for (String file : files) {
            Files.copy(project.resolve(file), installed.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        NodeProject node = new NodeProject(installed);
        if (!current) {
            node.run(null, "npm", "ci", "--no-audit", "--no-fund");
        }
        return node;
    }

    /** A file of the installation, e.g. {@code node_modules/axe-core/axe.min.js}. */
    public Path resolve(String file) {
        return installed.resolve(file);
    }

    /** Runs a command in the installation's folder, with the given standard input; returns its standard output. */
    public String run(String stdin, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(installed.toFile()).redirectErrorStream(false).start();
        if (stdin != null) {
            process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(180, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + ": " + err).isZero();
        return new String(out, StandardCharsets.UTF_8);
    }
}
