package com.ec2manager.instances;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.PlatformValues;

import static org.assertj.core.api.Assertions.assertThat;

class Ec2GatewayMappingTest {

    @Test
    void anInternalErrorMayHaveActedButAThrottlingAnswerOrAFirstRefusalDidNot() {
        assertThat(Ec2Gateway.mayHaveActed(answer(500, "InternalError"))).as("EC2 failed inside").isTrue();
        assertThat(Ec2Gateway.mayHaveActed(answer(502, "BadGateway"))).isTrue();
        assertThat(Ec2Gateway.mayHaveActed(answer(503, "RequestLimitExceeded"))).as("not served").isFalse();
        assertThat(Ec2Gateway.mayHaveActed(answer(503, "Unavailable"))).isFalse();
        assertThat(Ec2Gateway.mayHaveActed(answer(400, "IncorrectInstanceState")))
                .as("a refusal on the only attempt").isFalse();
    }

    private static Ec2Exception answer(int status, String code) {
        return (Ec2Exception) Ec2Exception.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code).build()).build();
    }

    @Test
    void anSdkInstanceBecomesTheApplicationsRecord() {
        var sdk = software.amazon.awssdk.services.ec2.model.Instance.builder()
                .instanceId("i-0123456789abcdef0")
                .state(s -> s.name(InstanceStateName.STOPPED).code(80))
                .instanceType("m5.large")
                .placement(p -> p.availabilityZone("eu-west-1b"))
                .privateIpAddress("10.1.2.3").privateDnsName("ip-10-1-2-3.eu-west-1.compute.internal")
                .publicIpAddress("").publicDnsName("")
                .launchTime(Instant.parse("2025-01-13T10:30:00Z"))
                .platform(PlatformValues.WINDOWS)
                .imageId("ami-0abc")
                .tags(t -> t.key("Name").value("build-agent"), t -> t.key("aws:autoscaling:groupName").value("agents"),
                        t -> t.key("Team").value("CI"))
                .vpcId("vpc-0a1").subnetId("subnet-0b2").keyName("ops")
                .iamInstanceProfile(p -> p.arn("arn:aws:iam::210987654321:instance-profile/agents"))
                .securityGroups(g -> g.groupId("sg-01").groupName("agents"))
                .rootDeviceName("/dev/sda1").rootDeviceType("ebs")
                .blockDeviceMappings(m -> m.deviceName("/dev/sda1").ebs(e -> e.volumeId("vol-01").status("attached")
                        .deleteOnTermination(true)))
                .build();

        Instance instance = Ec2Gateway.toInstance(sdk, WHERE);

        assertThat(instance.id()).isEqualTo("i-0123456789abcdef0");
        assertThat(instance.name()).isEqualTo("build-agent");
        assertThat(instance.state()).isEqualTo(InstanceState.STOPPED);
        assertThat(instance.type()).isEqualTo("m5.large");
        assertThat(instance.availabilityZone()).isEqualTo("eu-west-1b");
        assertThat(instance.region()).isEqualTo("eu-west-1");
        assertThat(instance.privateIp()).isEqualTo("10.1.2.3");
        assertThat(instance.privateDns()).isEqualTo("ip-10-1-2-3.eu-west-1.compute.internal");
        assertThat(instance.publicIp()).as("EC2 sends empty strings for absent addresses").isNull();
        assertThat(instance.publicDns()).isNull();
        assertThat(instance.launchTime()).isEqualTo(Instant.parse("2025-01-13T10:30:00Z"));
        assertThat(instance.platform()).isEqualTo("Windows");
        assertThat(instance.imageId()).isEqualTo("ami-0abc");
        assertThat(instance.tags()).containsEntry("Team", "CI").hasSize(3);
        assertThat(instance.autoScalingGroup()).isEqualTo("agents");
        assertThat(instance.inAutoScalingGroup()).isTrue();
        assertThat(instance.accountId()).isEqualTo("210987654321");
        assertThat(instance.accountName()).isEqualTo("Production");
        assertThat(instance.vpcId()).isEqualTo("vpc-0a1");
        assertThat(instance.subnetId()).isEqualTo("subnet-0b2");
        assertThat(instance.keyName()).isEqualTo("ops");
        assertThat(instance.iamInstanceProfile()).isEqualTo("arn:aws:iam::210987654321:instance-profile/agents");
        assertThat(instance.securityGroups()).containsExactly(new Instance.SecurityGroup("sg-01", "agents"));
        assertThat(instance.rootDeviceName()).isEqualTo("/dev/sda1");
        assertThat(instance.rootDeviceType()).isEqualTo("ebs");
        assertThat(instance.volumes()).containsExactly(new Instance.Volume("/dev/sda1", "vol-01", "attached", true));
    }

    private static final AccountRegion WHERE = new AccountRegion(new com.ec2manager.accounts.AwsAccount(
            "210987654321", "Production", null, null, List.of()), "eu-west-1");

    @Test
    void anInstanceWithoutPlatformIsLinuxAndWithoutTagsHasNoName() {
        var sdk = software.amazon.awssdk.services.ec2.model.Instance.builder().instanceId("i-0123456789abcdef1")
                .state(s -> s.name("hibernating")).build();

        Instance instance = Ec2Gateway.toInstance(sdk, new AccountRegion(WHERE.account(), "us-east-1"));

        assertThat(instance.platform()).isEqualTo("Linux/UNIX");
        assertThat(instance.name()).isNull();
        assertThat(instance.state()).isEqualTo(InstanceState.UNKNOWN);
        assertThat(instance.inAutoScalingGroup()).isFalse();
    }

    @Test
    void ec2ErrorCodesBecomeTheMatchingFailureKindsKeepingCodeMessageAndRequestId() {
        assertThat(Ec2Gateway.translate(error("IncorrectInstanceState", 400,
                "The instance 'i-1' is not in a state from which it can be started.")))
                .isInstanceOf(IncorrectInstanceStateException.class)
                .hasMessage("The instance 'i-1' is not in a state from which it can be started.")
                .satisfies(e -> {
                    assertThat(e.code()).isEqualTo("IncorrectInstanceState");
                    assertThat(e.kind()).isEqualTo(com.ec2manager.failure.FailureKind.CONFLICT);
                    assertThat(e.awsRequestId()).isEqualTo("req-1");
                });
        assertThat(Ec2Gateway.translate(error("UnsupportedHibernationConfiguration", 400, "x")))
                .isInstanceOf(IncorrectInstanceStateException.class).extracting(e -> e.kind())
                .isEqualTo(com.ec2manager.failure.FailureKind.CONFLICT);
        assertThat(Ec2Gateway.translate(error("InvalidInstanceID.NotFound", 400, "x")))
                .isInstanceOf(InstanceNotFoundException.class).extracting(e -> e.kind()).isEqualTo(com.ec2manager.failure.FailureKind.NOT_FOUND);
        assertThat(Ec2Gateway.translate(error("InvalidInstanceID.Malformed", 400, "x")))
                .isInstanceOf(InvalidInstanceIdException.class).extracting(e -> e.kind()).isEqualTo(com.ec2manager.failure.FailureKind.INVALID_INPUT);
        assertThat(Ec2Gateway.translate(error("OperationNotPermitted", 400, "x")))
                .isInstanceOf(InstanceProtectedException.class).extracting(e -> e.kind()).isEqualTo(com.ec2manager.failure.FailureKind.CONFLICT);
        assertThat(Ec2Gateway.translate(error("RequestLimitExceeded", 503, "x")))
                .isInstanceOf(Ec2UnavailableException.class).extracting(e -> e.kind()).isEqualTo(com.ec2manager.failure.FailureKind.UNAVAILABLE);
        assertThat(Ec2Gateway.translate(error("SomethingNew", 500, "x")))
                .isInstanceOf(Ec2UnavailableException.class);
        assertThat(Ec2Gateway.translate(error("UnauthorizedOperation", 403, "x")))
                .isInstanceOf(Ec2RequestFailedException.class)
                .satisfies(e -> assertThat(e.code()).isEqualTo("UnauthorizedOperation"));
    }

    @Test
    void theOperatorTravelsInAHeaderSafeForm() {
        assertThat(Ec2Caller.user("admin@example.com").label()).isEqualTo("user:admin@example.com");
        assertThat(Ec2Caller.user("a b\r\nX-Evil: 1").label()).isEqualTo("user:a_b__X-Evil:_1");
        assertThat(Ec2Caller.system("reconciler").label()).isEqualTo("system:reconciler");
    }

    private static Ec2Exception error(String code, int status, String message) {
        return (Ec2Exception) Ec2Exception.builder().statusCode(status).requestId("req-1")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build())
                .message(message).build();
    }
}
