package com.ec2manager.identity.cognito;
import com.ec2manager.identity.Role;


/** The signed-in person's own account, as Cognito's GetUser reports it. */
public record Account(String username, String sub, String email, String givenName, String familyName,
                      Role role, String department, boolean mfaEnabled) {
}
