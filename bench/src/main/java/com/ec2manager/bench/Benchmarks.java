package com.ec2manager.bench;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Runs the benchmarks: {@code java -jar bench/target/ec2-manager-bench.jar [options]}, see
 * {@code bench/README.md}.
 */
public final class Benchmarks {

    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        AuditBenchmark.Options options = AuditBenchmark.Options.defaults();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--records" -> options = options.withRecords(Integer.parseInt(args[++i]));
                case "--data-dir" -> options = options.withDataDir(Path.of(args[++i]));
                case "--on-disk" -> options = options.onDisk();
                case "--write-seconds" -> options = options.withWriteRound(Duration.ofSeconds(Long.parseLong(args[++i])));
                case "--page-runs" -> options = options.withPageRuns(Integer.parseInt(args[++i]));
                case "--help", "-h" -> {
                    System.out.println("options: --records N (100000) --data-dir DIR (bench/target/bench-data) --on-disk "
                            + "--write-seconds S (8) --page-runs N (200)");
                    return;
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "; try --help");
            }
        }
        new AuditBenchmark(options).run();
    }
}
