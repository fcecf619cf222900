package com.ec2manager.instances;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InstanceIdsTest {

    @Test
    void shortAndLongInstanceIdsAreWellFormed() {
        assertThat(InstanceIds.isWellFormed("i-1234abcd")).isTrue();
        assertThat(InstanceIds.isWellFormed("i-0123456789abcdef0")).isTrue();
    }

    @Test
    void anythingElseIsRefusedAsABadRequest() {
        for (String id : new String[] {"i-123", "I-1234ABCD", "vol-1234abcd", "i-0123456789abcdefg", "", "../etc"}) {
            assertThat(InstanceIds.isWellFormed(id)).as(id).isFalse();
        }
        assertThatThrownBy(() -> InstanceIds.require("i-xyz"))
                .isInstanceOf(InvalidInstanceIdException.class)
                .satisfies(e -> assertThat(((InvalidInstanceIdException) e).kind()).isEqualTo(com.ec2manager.failure.FailureKind.INVALID_INPUT));
    }

    @Test
    void printableTextIsShortAndFreeOfControlCharacters() {
        assertThat(InstanceIds.printable("a\nb")).isEqualTo("a?b");
        assertThat(InstanceIds.printable("x".repeat(100))).hasSize(65).endsWith("…");
    }
}
