package com.ec2manager.identity.cognito;

import java.util.ArrayList;
import java.util.List;

/**
 * The pool's password policy (the seed's): at least 12 characters with an upper-case letter, a
 * lower-case letter, a digit and a symbol. Checked before asking Cognito, which checks again,
 * so that a person reads every missing rule at once; the page's script shows the same rules.
 */
public final class PasswordPolicy {

    public static final int MINIMUM_LENGTH = 12;
    /** The characters Cognito counts as symbols. */
    public static final String SYMBOLS = "^$*.[]{}()?\"!@#%&/\\,><':;|_~`=+- ";

    private PasswordPolicy() {
    }

    /** The rules the password breaks, in words; empty when it is acceptable. */
    public static List<String> violations(String password) {
        List<String> missing = new ArrayList<>();
        String value = password == null ? "" : password;
        if (value.codePointCount(0, value.length()) < MINIMUM_LENGTH) {
            missing.add("at least " + MINIMUM_LENGTH + " characters");
        }
        if (value.chars().noneMatch(c -> c >= 'A' && c <= 'Z')) {
            missing.add("an upper-case letter");
        }
        if (value.chars().noneMatch(c -> c >= 'a' && c <= 'z')) {
            missing.add("a lower-case letter");
        }
        if (value.chars().noneMatch(c -> c >= '0' && c <= '9')) {
            missing.add("a digit");
        }
        if (value.chars().noneMatch(c -> SYMBOLS.indexOf(c) >= 0)) {
            missing.add("a symbol such as ! @ # $ % & *");
        }
        if (!value.isEmpty() && (value.charAt(0) == ' ' || value.charAt(value.length() - 1) == ' ')) {
            missing.add("no space at the start or the end");
        }
        return missing;
    }

    /** Throws a 400 naming every broken rule. */
    public static void check(String password) {
        List<String> missing = violations(password);
        if (!missing.isEmpty()) {
            throw new PasswordPolicyException("The password needs " + String.join(", ", missing) + ".");
        }
    }

    /** A new password typed twice: throws a 400 when the entries differ or the password breaks a rule. */
    public static void checkChosen(String password, String confirmation) {
        if (!password.equals(confirmation)) {
            throw new PasswordPolicyException("The two passwords are not the same.");
        }
        check(password);
    }
}
