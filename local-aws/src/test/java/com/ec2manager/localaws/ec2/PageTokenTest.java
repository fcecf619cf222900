package com.ec2manager.localaws.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PageTokenTest {

    private final PageToken tokens = new PageToken();

    @Test
    void aTokenGivesBackItsCursor() {
        String token = tokens.issue("DescribeInstances", "us-east-1", "r-1/A/i-1");
        assertThat(tokens.cursor("DescribeInstances", "us-east-1", token)).isEqualTo("r-1/A/i-1");
    }

    @Test
    void garbageTamperedAndForeignTokensAreRefused() {
        String token = tokens.issue("DescribeInstances", "us-east-1", "r-1/A/i-1");
        for (String bad : new String[] {"garbage", "", "a.b", token.substring(1), token + "x"}) {
            assertThatThrownBy(() -> tokens.cursor("DescribeInstances", "us-east-1", bad))
                    .isInstanceOfSatisfying(Ec2Exception.class, e -> assertThat(e.code()).isEqualTo("InvalidParameterValue"));
        }
        assertThatThrownBy(() -> tokens.cursor("DescribeInstances", "eu-west-1", token)).isInstanceOf(Ec2Exception.class);
        assertThatThrownBy(() -> tokens.cursor("DescribeInstanceStatus", "us-east-1", token)).isInstanceOf(Ec2Exception.class);
        assertThatThrownBy(() -> new PageToken().cursor("DescribeInstances", "us-east-1", token)).isInstanceOf(Ec2Exception.class);
    }
}
