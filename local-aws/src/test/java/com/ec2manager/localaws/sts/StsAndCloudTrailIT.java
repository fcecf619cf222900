package com.ec2manager.localaws.sts;

import java.time.Duration;
import java.util.List;

import com.ec2manager.localaws.ec2.EmulatorHarness;
import com.ec2manager.localaws.ec2.FleetSpec;
import com.ec2manager.localaws.ec2.InstanceSnapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.StsException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** STS and CloudTrail on the EC2 emulator's port, through the real SDK clients. */
class StsAndCloudTrailIT {

    private static final String MEMBER = FleetSpec.STANDARD_MEMBER_ACCOUNT;
    private static final String MEMBER_ROLE = RoleTrust.roleArn(MEMBER, RoleTrust.LOCAL_ROLE_NAME);

    private final EmulatorHarness harness = EmulatorHarness.standard(null);
    private final UrlConnectionHttpClient.Builder http = UrlConnectionHttpClient.builder();

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void assumingTheMemberRoleGivesCredentialsThatActInTheMemberAccount() {
        AssumeRoleResponse assumed = sts(longTerm()).assumeRole(r -> r.roleArn(MEMBER_ROLE).roleSessionName("alice")
                .sourceIdentity("alice@example.com").externalId(RoleTrust.LOCAL_EXTERNAL_ID));

        assertThat(assumed.sourceIdentity()).isEqualTo("alice@example.com");
        assertThat(assumed.assumedRoleUser().arn())
                .isEqualTo("arn:aws:sts::" + MEMBER + ":assumed-role/EC2ManagerMember/alice");
        assertThat(assumed.credentials().accessKeyId()).startsWith("ASIA");
        assertThat(assumed.credentials().expiration()).isEqualTo(harness.clock.instant().plus(Duration.ofHours(1)));
        var identity = sts(session(assumed)).getCallerIdentity();
        assertThat(identity.account()).isEqualTo(MEMBER);
        assertThat(identity.arn()).isEqualTo(assumed.assumedRoleUser().arn());

        try (Ec2Client ec2 = ec2("eu-west-1", session(assumed))) {
            var reservations = ec2.describeInstances(r -> r.maxResults(1000)).reservations();
            assertThat(reservations).allSatisfy(r -> assertThat(r.ownerId()).isEqualTo(MEMBER));
            assertThat(reservations.stream().flatMap(r -> r.instances().stream()).map(i -> i.instanceId()))
                    .containsExactlyInAnyOrderElementsOf(harness.emulator.instances(MEMBER, "eu-west-1").stream()
                            .map(InstanceSnapshot::instanceId).toList())
                    .doesNotContainAnyElementsOf(harness.emulator.instances("eu-west-1").stream()
                            .map(InstanceSnapshot::instanceId).toList());
        }
    }

    @Test
    void aWrongExternalIdAndAnUnknownRoleAreRefusedAsStsRefusesThem() {
        assertThatThrownBy(() -> sts(longTerm()).assumeRole(r -> r.roleArn(MEMBER_ROLE).roleSessionName("alice")
                .externalId("not-the-one")))
                .isInstanceOfSatisfying(StsException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(403);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                    assertThat(e.awsErrorDetails().errorMessage()).contains("is not authorized to perform: sts:AssumeRole")
                            .contains(MEMBER_ROLE);
                });
        assertThatThrownBy(() -> sts(longTerm()).assumeRole(r -> r.roleArn(RoleTrust.roleArn(MEMBER, "Nobody"))
                .roleSessionName("alice").externalId(RoleTrust.LOCAL_EXTERNAL_ID)))
                .isInstanceOfSatisfying(StsException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
        assertThatThrownBy(() -> sts(longTerm()).assumeRole(r -> r.roleArn(MEMBER_ROLE).roleSessionName("a b")
                .externalId(RoleTrust.LOCAL_EXTERNAL_ID)))
                .isInstanceOfSatisfying(StsException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
                });
        // the twin: with the right external id the same role is granted
        assertThat(sts(longTerm()).assumeRole(r -> r.roleArn(MEMBER_ROLE).roleSessionName("alice")
                .externalId(RoleTrust.LOCAL_EXTERNAL_ID)).credentials()).isNotNull();
    }

    @Test
    void expiredSessionCredentialsAreRefusedByEc2() {
        AssumeRoleResponse assumed = sts(longTerm()).assumeRole(r -> r.roleArn(MEMBER_ROLE).roleSessionName("alice")
                .externalId(RoleTrust.LOCAL_EXTERNAL_ID).durationSeconds(900));
        try (Ec2Client ec2 = ec2("us-east-1", session(assumed))) {
            assertThat(ec2.describeInstances(r -> r.maxResults(5)).reservations()).isNotEmpty();
            harness.clock.advance(Duration.ofMinutes(15));
            assertThatThrownBy(() -> ec2.describeInstances(r -> r.maxResults(5)))
                    .isInstanceOfSatisfying(software.amazon.awssdk.services.ec2.model.Ec2Exception.class,
                            // AuthFailure: the url-connection client cannot read a 401's body, the status says it
                            e -> assertThat(e.statusCode()).isEqualTo(401));
        }
    }

    @Test
    void cloudTrailRecordsEachStateChangingCallWithItsSourceIdentity() throws Exception {
        AssumeRoleResponse assumed = sts(longTerm()).assumeRole(r -> r.roleArn(MEMBER_ROLE).roleSessionName("bob")
                .sourceIdentity("bob@example.com").externalId(RoleTrust.LOCAL_EXTERNAL_ID));
        String id = harness.emulator.instances(MEMBER, "us-east-1").stream()
                .filter(i -> i.state() == com.ec2manager.localaws.ec2.InstanceState.RUNNING && !i.disableApiStop())
                .findFirst().orElseThrow().instanceId();
        try (Ec2Client ec2 = ec2("us-east-1", session(assumed))) {
            ec2.stopInstances(r -> r.instanceIds(id));
            ec2.describeInstances(r -> r.instanceIds(id));
        }

        List<Event> events;
        try (CloudTrailClient trail = cloudTrail("us-east-1", session(assumed))) {
            events = trail.lookupEvents(r -> r.lookupAttributes(a -> a.attributeKey(LookupAttributeKey.RESOURCE_NAME)
                    .attributeValue(id))).events();
        }
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.eventName()).isEqualTo("StopInstances");
            assertThat(event.username()).isEqualTo("bob");
            assertThat(event.resources()).singleElement().satisfies(r -> assertThat(r.resourceName()).isEqualTo(id));
        });
        JsonNode record = JsonMapper.builder().build().readTree(events.get(0).cloudTrailEvent());
        assertThat(record.at("/userIdentity/sessionContext/sourceIdentity").asString()).isEqualTo("bob@example.com");
        assertThat(record.at("/userIdentity/accountId").asString()).isEqualTo(MEMBER);
        assertThat(record.at("/eventSource").asString()).isEqualTo("ec2.amazonaws.com");
        assertThat(record.at("/awsRegion").asString()).isEqualTo("us-east-1");

        // the default account's trail does not see the member account's events
        try (CloudTrailClient trail = cloudTrail("us-east-1", longTerm())) {
            assertThat(trail.lookupEvents(r -> r.lookupAttributes(a -> a.attributeKey(LookupAttributeKey.RESOURCE_NAME)
                    .attributeValue(id))).events()).isEmpty();
        }
    }

    private StaticCredentialsProvider longTerm() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret"));
    }

    private static StaticCredentialsProvider session(AssumeRoleResponse assumed) {
        return StaticCredentialsProvider.create(AwsSessionCredentials.create(assumed.credentials().accessKeyId(),
                assumed.credentials().secretAccessKey(), assumed.credentials().sessionToken()));
    }

    private StsClient sts(StaticCredentialsProvider credentials) {
        return StsClient.builder().endpointOverride(harness.emulator.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClient(http.build())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
    }

    private Ec2Client ec2(String region, StaticCredentialsProvider credentials) {
        return Ec2Client.builder().endpointOverride(harness.emulator.endpoint()).region(Region.of(region))
                .credentialsProvider(credentials).httpClient(http.build())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
    }

    private CloudTrailClient cloudTrail(String region, StaticCredentialsProvider credentials) {
        return CloudTrailClient.builder().endpointOverride(harness.emulator.endpoint()).region(Region.of(region))
                .credentialsProvider(credentials).httpClient(http.build())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
    }
}
