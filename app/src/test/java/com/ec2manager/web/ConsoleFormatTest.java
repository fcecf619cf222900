package com.ec2manager.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConsoleFormatTest {

    private final ConsoleFormat format = new ConsoleFormat();

    private enum Sample { SIGN_IN, EC2_INSTANCE, RESET_USER_PASSWORD }

    @Test
    void enumConstantsReadAsSentencesWithAcronymsKept() {
        assertThat(format.label(Sample.SIGN_IN)).isEqualTo("Sign in");
        assertThat(format.label(Sample.EC2_INSTANCE)).isEqualTo("EC2 instance");
        assertThat(format.label(Sample.RESET_USER_PASSWORD)).isEqualTo("Reset user password");
        assertThat(format.label("FORCE_CHANGE_PASSWORD")).isEqualTo("Force change password");
    }

    @Test
    void aScheduleActsUnderItsNameAndAPersonUnderTheirEmail() {
        assertThat(format.actor(null, "schedule:01J9ABC", "office-hours")).isEqualTo("Schedule \u201coffice-hours\u201d");
        assertThat(format.actor("admin@example.com", "3f2a-uuid", null)).isEqualTo("admin@example.com");
        // a person's user id is never dressed up as a schedule, even with a schedule entry in the details
        assertThat(format.actor(null, "3f2a-uuid", "office-hours")).isEqualTo("3f2a-uuid");
        assertThat(format.actor(null, "schedule:01J9ABC", null)).isEqualTo("schedule:01J9ABC");
    }

    @Test
    void fieldNamesReadAsLabels() {
        assertThat(format.fieldLabel("previousState")).isEqualTo("Previous state");
        assertThat(format.fieldLabel("mfa")).isEqualTo("MFA");
        assertThat(format.fieldLabel("method")).isEqualTo("Method");
        assertThat(format.fieldLabel("source_ip")).isEqualTo("Source IP");
    }

    @Test
    void countsHaveThousandsSeparators() {
        assertThat(format.count(12132)).isEqualTo("12,132");
        assertThat(format.count(999)).isEqualTo("999");
    }
}
