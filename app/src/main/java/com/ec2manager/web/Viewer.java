package com.ec2manager.web;

/**
 * The signed-in person as pages show them (the layout's {@code viewer}): the principal of the
 * request's authentication. {@code identity}'s operator is one; {@code web} knows no more of it.
 */
public interface Viewer {

    String email();

    boolean isAdmin();
}
