package com.ec2manager.identity.cognito;
import com.ec2manager.identity.Role;


/** What an administrator gives to create a user; Cognito e-mails the temporary password. */
public record NewUser(String givenName, String familyName, String email, Role role, String department) {
}
