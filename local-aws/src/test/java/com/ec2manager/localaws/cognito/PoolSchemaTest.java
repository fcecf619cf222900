package com.ec2manager.localaws.cognito;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PoolSchemaTest {

    private static Map<String, String> valid() {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("email", "ada@example.com");
        attributes.put("given_name", "Ada");
        attributes.put("family_name", "Lovelace");
        attributes.put("custom:role", "admin");
        return attributes;
    }

    @Test
    void aUserWithTheRequiredAttributesAndAKnownRoleIsAccepted() {
        assertThatCode(() -> PoolSchema.checkNew(valid())).doesNotThrowAnyException();
        Map<String, String> readonly = valid();
        readonly.put("custom:role", "readonly");
        readonly.put("custom:department", "Finance");
        assertThatCode(() -> PoolSchema.checkNew(readonly)).doesNotThrowAnyException();
    }

    @Test
    void onlyAdminAndReadonlyAreRoles() {
        for (String role : new String[] {"Admin", "superuser", "", "readonly "}) {
            Map<String, String> attributes = valid();
            attributes.put("custom:role", role);
            assertThatThrownBy(() -> PoolSchema.checkNew(attributes)).as(role)
                    .isInstanceOf(CognitoException.class).hasMessageContaining("custom:role");
        }
    }

    @Test
    void eachRequiredAttributeMustBePresent() {
        for (String name : PoolSchema.requiredOnCreate()) {
            Map<String, String> attributes = valid();
            attributes.remove(name);
            assertThatThrownBy(() -> PoolSchema.checkNew(attributes)).as(name)
                    .hasMessageContaining(name + ": The attribute " + name + " is required");
        }
    }

    @Test
    void aMalformedEmailIsRefused() {
        Map<String, String> attributes = valid();
        attributes.put("email", "not-an-address");
        assertThatThrownBy(() -> PoolSchema.checkNew(attributes)).hasMessage("Invalid email address format.");
    }

    @Test
    void immutableAttributesCannotBeUpdated() {
        assertThatThrownBy(() -> PoolSchema.checkUpdate(Map.of("email", "b@example.com")))
                .hasMessage("user.email: Attribute cannot be updated.");
        assertThatThrownBy(() -> PoolSchema.checkUpdate(Map.of("custom:role", "readonly")))
                .hasMessage("user.custom:role: Attribute cannot be updated.");
        assertThatThrownBy(() -> PoolSchema.checkUpdate(Map.of("sub", "x")))
                .hasMessage("user.sub: Attribute cannot be updated.");
        assertThatCode(() -> PoolSchema.checkUpdate(Map.of("given_name", "Grace", "custom:department", "Ops",
                "email_verified", "true"))).doesNotThrowAnyException();
    }

    @Test
    void aRequiredAttributeCannotBeEmptied() {
        assertThatThrownBy(() -> PoolSchema.checkUpdate(Map.of("family_name", "")))
                .hasMessage("user.family_name: Required attribute cannot be deleted.");
    }
}
