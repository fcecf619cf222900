package com.ec2manager.localaws.cognito;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UserFilterTest {

    private static PoolUser user(String email, String givenName, boolean enabled, String status) {
        PoolUser user = new PoolUser();
        user.username = email;
        user.sub = "5f0c-" + email.hashCode();
        user.attributes.put("email", email);
        user.attributes.put("given_name", givenName);
        user.attributes.put("custom:role", "admin");
        user.enabled = enabled;
        user.status = status;
        return user;
    }

    private final PoolUser ada = user("ada@example.com", "Ada", true, "CONFIRMED");
    private final PoolUser bob = user("bob@example.org", "Bob", false, "FORCE_CHANGE_PASSWORD");

    @Test
    void equalsMatchesTheWholeValueIgnoringCase() {
        var filter = UserFilter.parse("email = \"ADA@example.com\"");
        assertThat(filter.test(ada)).isTrue();
        assertThat(filter.test(bob)).isFalse();
        assertThat(UserFilter.parse("email = \"ada@example\"").test(ada)).isFalse();
    }

    @Test
    void startsWithMatchesAPrefix() {
        assertThat(UserFilter.parse("given_name ^= \"a\"").test(ada)).isTrue();
        assertThat(UserFilter.parse("given_name ^= \"a\"").test(bob)).isFalse();
        assertThat(UserFilter.parse("email^=\"bob@\"").test(bob)).isTrue();
    }

    @Test
    void statusAndUserStatusAreSearchable() {
        assertThat(UserFilter.parse("status = \"Disabled\"").test(bob)).isTrue();
        assertThat(UserFilter.parse("status = \"Disabled\"").test(ada)).isFalse();
        assertThat(UserFilter.parse("cognito:user_status = \"CONFIRMED\"").test(ada)).isTrue();
        assertThat(UserFilter.parse("sub = \"" + ada.sub + "\"").test(ada)).isTrue();
    }

    @Test
    void noFilterMatchesEveryone() {
        assertThat(UserFilter.parse(null).test(bob)).isTrue();
        assertThat(UserFilter.parse("  ").test(ada)).isTrue();
    }

    @Test
    void customAttributesAreNotSearchable() {
        assertThatThrownBy(() -> UserFilter.parse("custom:role = \"admin\""))
                .isInstanceOfSatisfying(CognitoException.class, e -> assertThat(e.type()).isEqualTo("InvalidParameterException"));
    }

    @Test
    void malformedFiltersAreRefused() {
        for (String bad : new String[] {"email = ada", "email ~= \"a\"", "email = \"a\" and", "= \"x\""}) {
            assertThatThrownBy(() -> UserFilter.parse(bad)).as(bad).isInstanceOf(CognitoException.class)
                    .hasMessage("Error while parsing filter.");
        }
    }
}
