package com.ec2manager.identity;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The identity settings as the application binds them at start. */
class IdentityPropertiesTest {

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        IdentityProperties identity = bind(Map.of());
        assertThat(identity.revocationCheckInterval()).isEqualTo(Duration.ofMinutes(4));
        assertThat(identity.revocationSkew()).isEqualTo(Duration.ofSeconds(5));
        assertThat(identity.lockoutAttemptsPerAccountAndAddress()).isEqualTo(5);
        assertThat(identity.lockoutAttemptsPerAddress()).isEqualTo(20);
        assertThat(identity.lockoutAttemptsPerAccount()).isEqualTo(50);
        assertThat(identity.lockoutMaxWait()).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void aRevocationCheckIntervalOfUpToFiveMinutesIsTaken() {
        assertThat(bind(Map.of("ec2manager.identity.revocation-check-interval", "5m")).revocationCheckInterval())
                .isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void aRevocationCheckIntervalOverFiveMinutesStopsTheStartAndSaysWhy() {
        assertThatThrownBy(() -> bind(Map.of("ec2manager.identity.revocation-check-interval", "301s")))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("revocation-check-interval must be more than 0 and at most 5 minutes")
                .hasMessageContaining("PT5M1S given");
        assertThatThrownBy(() -> bind(Map.of("ec2manager.identity.revocation-check-interval", "0s")))
                .isInstanceOf(BindException.class);
    }

    @Test
    void aNegativeRevocationSkewStopsTheStart() {
        assertThatThrownBy(() -> bind(Map.of("ec2manager.identity.revocation-skew", "-1s")))
                .isInstanceOf(BindException.class).rootCause().hasMessageContaining("revocation-skew");
    }

    private static IdentityProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("ec2manager.identity", IdentityProperties.class);
    }
}
