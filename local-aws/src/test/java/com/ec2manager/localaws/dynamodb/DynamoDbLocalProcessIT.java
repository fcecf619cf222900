package com.ec2manager.localaws.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

class DynamoDbLocalProcessIT {

    @TempDir
    Path dataDir;

    @Test
    void dataWrittenBeforeAStopIsReadAfterTheNextStart() throws Exception {
        int port = freePort();
        var settings = DynamoDbLocalSettings.onDisk("127.0.0.1", port, dataDir);
        try (var local = DynamoDbLocalProcess.start(settings); var dynamo = client(local)) {
            dynamo.createTable(t -> t.tableName("things")
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
                    .attributeDefinitions(AttributeDefinition.builder().attributeName("id")
                            .attributeType(ScalarAttributeType.S).build()));
            dynamo.putItem(p -> p.tableName("things").item(Map.of("id", AttributeValue.fromS("kept"))));
        }
        try (var local = DynamoDbLocalProcess.start(settings); var dynamo = client(local)) {
            var item = dynamo.getItem(g -> g.tableName("things").key(Map.of("id", AttributeValue.fromS("kept"))));
            assertThat(item.item()).containsEntry("id", AttributeValue.fromS("kept"));
        }
    }

    @Test
    void theFirstRunOnAJdkArchivesDynamoDbLocalsClassesAtItsExitAndTheNextRunStartsFromThatArchive(@TempDir Path cache)
            throws Exception {
        String before = System.getProperty(DynamoDbLocalLibraries.CACHE_PROPERTY);
        System.setProperty(DynamoDbLocalLibraries.CACHE_PROPERTY, cache.toString());
        try {
            var settings = DynamoDbLocalSettings.onDisk("127.0.0.1", freePort(), dataDir);
            Path archive;
            try (var local = DynamoDbLocalProcess.start(settings); var dynamo = client(local)) {
                assertThat(dynamo.listTables().tableNames()).isEmpty();
                assertThat(arguments(local)).anyMatch(a -> a.startsWith("-XX:ArchiveClassesAtExit="))
                        .noneMatch(a -> a.startsWith("-XX:SharedArchiveFile="));
            }
            try (var found = java.nio.file.Files.find(cache, 2, (path, attributes) ->
                    path.getFileName().toString().endsWith(".jsa") && attributes.size() > 0)) {
                archive = found.findFirst().orElseThrow(() -> new AssertionError("no archive in " + cache));
            }
            assertThat(dataDir.resolve(".dynamodb-local")).as("the libraries live in the cache").doesNotExist();

            try (var local = DynamoDbLocalProcess.start(settings); var dynamo = client(local)) {
                assertThat(dynamo.listTables().tableNames()).isEmpty();
                assertThat(arguments(local)).contains("-XX:SharedArchiveFile=" + archive)
                        .noneMatch(a -> a.startsWith("-XX:ArchiveClassesAtExit="));
            }
        } finally {
            if (before == null) {
                System.clearProperty(DynamoDbLocalLibraries.CACHE_PROPERTY);
            } else {
                System.setProperty(DynamoDbLocalLibraries.CACHE_PROPERTY, before);
            }
        }
    }

    private static java.util.List<String> arguments(DynamoDbLocalProcess local) {
        return java.util.List.of(ProcessHandle.of(local.pid()).orElseThrow().info().arguments().orElseThrow());
    }

    @Test
    void closingStopsTheProcess() throws Exception {
        var local = DynamoDbLocalProcess.start(DynamoDbLocalSettings.onDisk("127.0.0.1", freePort(), dataDir));
        local.close();
        assertThat(local.isAlive()).isFalse();
    }

    @Test
    void theServerDoesNotOutliveAParentKilledWithoutWarning() throws Exception {
        int port = freePort();
        Process parent = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ParentThatGetsKilled.class.getName(),
                Integer.toString(port), dataDir.toString())
                .redirectErrorStream(true).start();
        var output = new java.io.BufferedReader(new java.io.InputStreamReader(parent.getInputStream()));
        String line;
        while ((line = output.readLine()) != null && !line.equals("ready")) {
            // DynamoDB Local is starting
        }
        assertThat(line).isEqualTo("ready");
        assertThat(accepts(port)).isTrue();

        parent.destroyForcibly().waitFor();

        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(15);
        while (accepts(port) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(accepts(port)).as("DynamoDB Local still listening after its parent died").isFalse();
    }

    /** A parent process for the test above: starts DynamoDB Local, says so, and waits to be killed. */
    public static final class ParentThatGetsKilled {
        public static void main(String[] args) throws Exception {
            DynamoDbLocalProcess.start(DynamoDbLocalSettings.onDisk("127.0.0.1", Integer.parseInt(args[0]), Path.of(args[1])));
            System.out.println("ready");
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    private static boolean accepts(int port) {
        try (var socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (java.io.IOException refused) {
            return false;
        }
    }

    private static DynamoDbClient client(DynamoDbLocalProcess local) {
        return DynamoDbClient.builder()
                .endpointOverride(local.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    private static int freePort() throws Exception {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
