package com.ec2manager.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;

class DeploymentSettingsTest {

    private static final Path ROOT = Path.of("/repository");

    @Test
    void contextValuesBecomeSettings() {
        var settings = settingsFrom(Map.of(
                "certificateArn", "arn:aws:acm:eu-west-1:123456789012:certificate/abc",
                "domainName", "ec2.example.com",
                "hostedZoneId", "Z1",
                "hostedZoneName", "example.com",
                "desiredCount", "3",
                "managedTag", "team=ops",
                "instanceRegions", " eu-west-1 ,,us-east-1 "));

        assertThat(settings).isEqualTo(new DeploymentSettings(ROOT,
                "arn:aws:acm:eu-west-1:123456789012:certificate/abc", "ec2.example.com",
                new DeploymentSettings.HostedZoneReference("Z1", "example.com"), 3,
                new ManagedTag("team", "ops"), List.of("eu-west-1", "us-east-1")));
    }

    @Test
    void withoutContextTwoTasksRunAndNothingElseIsSet() {
        var settings = settingsFrom(Map.of());

        assertThat(settings).isEqualTo(new DeploymentSettings(ROOT, null, null, null, 2, null, List.of()));
    }

    @Test
    void aDesiredCountMayBeAJsonNumberFromCdkJson() {
        assertThat(settingsFrom(Map.of("desiredCount", 4)).desiredCount()).isEqualTo(4);
        assertThat(settingsFrom(Map.of("desiredCount", 4.0)).desiredCount()).isEqualTo(4);
    }

    @Test
    void aDesiredCountThatIsNoWholeNumberIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> settingsFrom(Map.of("desiredCount", 2.5)))
                .withMessageContaining("desiredCount must be a whole number");
    }

    @Test
    void aDesiredCountThatIsNoNumberIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> settingsFrom(Map.of("desiredCount", "two")))
                .withMessageContaining("desiredCount must be a whole number");
    }

    @Test
    void aHostedZoneNeedsBothItsIdAndItsName() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> settingsFrom(Map.of("domainName", "a.example.com", "hostedZoneId", "Z1")))
                .withMessageContaining("hostedZoneId and hostedZoneName");
    }

    @Test
    void aHostedZoneWithoutADomainNameIsRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> settingsFrom(Map.of("hostedZoneId", "Z1", "hostedZoneName", "example.com")))
                .withMessageContaining("need a domainName");
    }

    @Test
    void aManagedTagIsAKeyOrAKeyWithItsValue() {
        assertThat(ManagedTag.parse("Managed")).isEqualTo(new ManagedTag("Managed", null));
        assertThat(ManagedTag.parse("team = ops")).isEqualTo(new ManagedTag("team", "ops"));
        assertThat(ManagedTag.parse("expr=a=b")).isEqualTo(new ManagedTag("expr", "a=b"));
        assertThatIllegalArgumentException().isThrownBy(() -> ManagedTag.parse("=ops"));
    }

    private static DeploymentSettings settingsFrom(Map<String, Object> context) {
        var app = new App(AppProps.builder().context(context).build());
        return DeploymentSettings.fromContext(app.getNode(), ROOT);
    }
}
