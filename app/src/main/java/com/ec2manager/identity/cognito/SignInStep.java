package com.ec2manager.identity.cognito;

/** Where a sign-in stands after Cognito answered: done, or a challenge to answer. */
public sealed interface SignInStep {

    /** Signed in: the tokens of a new session. */
    record SignedIn(Tokens tokens) implements SignInStep {
    }

    /**
     * Cognito asks for an answer before it hands out tokens.
     *
     * @param kind     which answer
     * @param username the user name Cognito knows the person by (the sub when e-mail is an alias)
     * @param session  Cognito's opaque challenge session (valid for a few minutes)
     */
    record Challenge(ChallengeKind kind, String username, String session) implements SignInStep {

        @Override
        public String toString() {
            return "Challenge[" + kind + ", " + username + "]";
        }
    }

    enum ChallengeKind { NEW_PASSWORD_REQUIRED, SOFTWARE_TOKEN_MFA }
}
