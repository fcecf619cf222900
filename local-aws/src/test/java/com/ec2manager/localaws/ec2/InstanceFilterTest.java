package com.ec2manager.localaws.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import com.ec2manager.localaws.ec2.QueryParameters.FilterSpec;
import org.junit.jupiter.api.Test;

class InstanceFilterTest {

    private final Ec2Instance running = StateMachineTest.instance(InstanceState.RUNNING, false, false)
            .withTags(Map.of("Name", "prod-payments-api-01", "Environment", "production"));
    private final Ec2Instance stopped = StateMachineTest.instance(InstanceState.STOPPED, false, false);

    private static InstanceFilter filter(FilterSpec... specs) {
        return InstanceFilter.compile(List.of(specs), InstanceFilter.DESCRIBE_INSTANCES, true);
    }

    @Test
    void valuesOfOneFilterAreAlternatives() {
        InstanceFilter either = filter(new FilterSpec("instance-state-name", List.of("pending", "running")));
        assertThat(either.matches(running)).isTrue();
        assertThat(either.matches(stopped)).isFalse();
    }

    @Test
    void allFiltersMustHold() {
        InstanceFilter both = filter(new FilterSpec("instance-state-code", List.of("16")),
                new FilterSpec("tag:Environment", List.of("staging")));
        assertThat(both.matches(running)).isFalse();
        InstanceFilter bothTrue = filter(new FilterSpec("instance-state-code", List.of("16")),
                new FilterSpec("tag:Environment", List.of("prod*")));
        assertThat(bothTrue.matches(running)).isTrue();
    }

    @Test
    void tagKeyAndTagValueLookAtAnyTag() {
        assertThat(filter(new FilterSpec("tag-key", List.of("Env*"))).matches(running)).isTrue();
        assertThat(filter(new FilterSpec("tag-key", List.of("Owner"))).matches(running)).isFalse();
        assertThat(filter(new FilterSpec("tag-value", List.of("*payments*"))).matches(running)).isTrue();
        assertThat(filter(new FilterSpec("tag:Missing", List.of("*"))).matches(running)).isFalse();
    }

    @Test
    void thePublicAddressFilterSeesOnlyRunningInstances() {
        InstanceFilter ip = filter(new FilterSpec("ip-address", List.of("54.1.2.3")));
        assertThat(ip.matches(running)).isTrue();
        assertThat(ip.matches(stopped)).isFalse();
    }

    @Test
    void platformMatchesWindowsOnly() {
        assertThat(filter(new FilterSpec("platform", List.of("windows"))).matches(running)).isFalse();
        assertThat(filter(new FilterSpec("platform", List.of("*"))).matches(running)).isFalse();
    }

    @Test
    void anUnknownFilterIsRefusedAsEc2RefusesIt() {
        assertThatThrownBy(() -> filter(new FilterSpec("public-ip", List.of("1.2.3.4"))))
                .isInstanceOfSatisfying(Ec2Exception.class, e -> {
                    assertThat(e.code()).isEqualTo("InvalidParameterValue");
                    assertThat(e.getMessage()).isEqualTo("The filter 'public-ip' is invalid");
                });
        assertThatThrownBy(() -> InstanceFilter.compile(List.of(new FilterSpec("tag:Name", List.of("x"))),
                InstanceFilter.DESCRIBE_INSTANCE_STATUS, false)).isInstanceOf(Ec2Exception.class);
    }
}
