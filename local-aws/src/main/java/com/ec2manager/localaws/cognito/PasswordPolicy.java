package com.ec2manager.localaws.cognito;

/**
 * The pool's password policy (the seed's: 12 characters with upper case, lower case, digit and
 * symbol), checked rule by rule in Cognito's order and with Cognito's messages.
 */
record PasswordPolicy(int minimumLength, boolean requireUppercase, boolean requireLowercase,
                      boolean requireNumbers, boolean requireSymbols, int temporaryPasswordValidityDays) {

    /** Cognito's symbol set; a space counts when it is neither leading nor trailing. */
    static final String SYMBOLS = "^$*.[]{}()?\"!@#%&/\\,><':;|_~`=+- ";

    static PasswordPolicy seed() {
        return new PasswordPolicy(12, true, true, true, true, 7);
    }

    /** @throws CognitoException InvalidPasswordException naming the first rule broken */
    void check(String password) {
        String prefix = "Password did not conform with policy: ";
        if (password == null || password.length() < minimumLength) {
            throw invalid(prefix + "Password not long enough");
        }
        if (password.length() > 256) {
            throw invalid(prefix + "Password is too long");
        }
        if (Character.isWhitespace(password.charAt(0)) || Character.isWhitespace(password.charAt(password.length() - 1))) {
            throw invalid(prefix + "Password must not begin or end with a space");
        }
        if (requireLowercase && password.chars().noneMatch(c -> c >= 'a' && c <= 'z')) {
            throw invalid(prefix + "Password must have lowercase characters");
        }
        if (requireUppercase && password.chars().noneMatch(c -> c >= 'A' && c <= 'Z')) {
            throw invalid(prefix + "Password must have uppercase characters");
        }
        if (requireNumbers && password.chars().noneMatch(c -> c >= '0' && c <= '9')) {
            throw invalid(prefix + "Password must have numeric characters");
        }
        if (requireSymbols && password.chars().noneMatch(c -> SYMBOLS.indexOf(c) >= 0)) {
            throw invalid(prefix + "Password must have symbol characters");
        }
    }

    private static CognitoException invalid(String message) {
        return new CognitoException("InvalidPasswordException", message);
    }
}
