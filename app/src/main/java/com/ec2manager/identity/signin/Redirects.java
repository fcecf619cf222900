package com.ec2manager.identity.signin;

/** Where to send a person after signing in: only a path of this application, never elsewhere. */
public final class Redirects {

    /** The longest address sign-in goes back to. */
    public static final int MAX_NEXT = 2000;

    private Redirects() {
    }

    static String safeNext(String next) {
        if (next == null || next.isBlank() || next.length() > MAX_NEXT) {
            return "/";
        }
        // "//host" and "/\host" are other sites to a browser; schemes and control characters are refused.
        if (!next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")
                || next.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return "/";
        }
        // braces would be taken for URI template variables by "redirect:"; a path never needs them raw
        return next.replace("{", "%7B").replace("}", "%7D");
    }
}
