package com.ec2manager.identity.cognito;

import java.util.List;

/** One page of users and Cognito's token for the next one ({@code null} on the last page). */
public record UserPage(List<ManagedUser> users, String nextToken) {

    public UserPage {
        users = List.copyOf(users);
    }
}
