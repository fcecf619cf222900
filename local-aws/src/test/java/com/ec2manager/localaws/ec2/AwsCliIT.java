package com.ec2manager.localaws.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.ec2manager.localaws.testing.RequiredTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The AWS CLI against the emulator (bin/test installs the CLI; see {@link RequiredTool}). */
class AwsCliIT {

    @TempDir
    Path dataDir;

    @Test
    void theAwsCliListsAndStopsInstances() throws Exception {
        RequiredTool.require("aws", "the AWS CLI conformance test drives it");
        try (EmulatorHarness harness = EmulatorHarness.standard(dataDir)) {
            JsonNode described = cli(harness, "describe-instances", "--filters", "Name=tag:Environment,Values=production");
            List<String> ids = new ArrayList<>();
            described.get("Reservations").forEach(r -> r.get("Instances").forEach(i -> ids.add(i.get("InstanceId").asString())));
            assertThat(ids).isNotEmpty();
            String id = harness.emulator.instances("us-east-1").stream()
                    .filter(i -> i.state() == InstanceState.RUNNING && !i.disableApiStop())
                    .findFirst().orElseThrow().instanceId();
            JsonNode stopped = cli(harness, "stop-instances", "--instance-ids", id);
            assertThat(stopped.get("StoppingInstances").get(0).get("CurrentState").get("Name").asString()).isEqualTo("stopping");
            assertThat(harness.emulator.calls()).anySatisfy(call -> {
                assertThat(call.operation()).isEqualTo("StopInstances");
                assertThat(call.userAgent()).contains("aws-cli");
            });
        }
    }

    private static JsonNode cli(EmulatorHarness harness, String... command) throws Exception {
        List<String> args = new ArrayList<>(List.of("aws", "ec2"));
        args.addAll(List.of(command));
        args.addAll(List.of("--endpoint-url", harness.emulator.endpoint().toString(), "--region", "us-east-1",
                "--output", "json"));
        ProcessBuilder builder = new ProcessBuilder(args).redirectErrorStream(false);
        builder.environment().put("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
        builder.environment().put("AWS_SECRET_ACCESS_KEY", "secret");
        builder.environment().put("AWS_CONFIG_FILE", "/dev/null");
        builder.environment().put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
        builder.environment().put("AWS_PAGER", "");
        Process process = builder.start();
        byte[] out = process.getInputStream().readAllBytes();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(err).isZero();
        return JsonMapper.builder().build().readTree(out);
    }
}
