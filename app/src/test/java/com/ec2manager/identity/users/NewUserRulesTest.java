package com.ec2manager.identity.users;

import com.ec2manager.identity.Role;
import com.ec2manager.identity.cognito.InvalidUserInputException;
import com.ec2manager.identity.cognito.NewUser;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What user administration accepts as a new user. */
class NewUserRulesTest {

    @Test
    void aNewUserIsTrimmedAndEveryProblemIsNamedAtOnce() {
        NewUser valid = UserAdministration.validate(new NewUser(" Ada ", "Lovelace", " Ada@Example.COM ", Role.ADMIN, " "));
        assertThat(valid).isEqualTo(new NewUser("Ada", "Lovelace", "ada@example.com", Role.ADMIN, null));
        assertThatThrownBy(() -> UserAdministration.validate(new NewUser("", null, "not-an-address", null, null)))
                .isInstanceOf(InvalidUserInputException.class)
                .hasMessageContaining("given name is required").hasMessageContaining("family name is required")
                .hasMessageContaining("e-mail address is not valid").hasMessageContaining("role must be admin or readonly");
    }
}
