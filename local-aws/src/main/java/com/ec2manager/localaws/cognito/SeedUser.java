package com.ec2manager.localaws.cognito;

/**
 * A user the emulator creates, confirmed and in the group of its role, when the pool is new, so
 * that local mode can be signed in to at once.
 *
 * @param email      the username and e-mail address
 * @param password   the (permanent) password; must satisfy the pool's policy
 * @param givenName  given_name
 * @param familyName family_name
 * @param role       custom:role and the group, {@code admin} or {@code readonly}
 * @param department custom:department, may be null
 */
public record SeedUser(String email, String password, String givenName, String familyName, String role,
                       String department) {

    @Override
    public String toString() {
        return "SeedUser[" + email + ", role=" + role + "]";
    }
}
