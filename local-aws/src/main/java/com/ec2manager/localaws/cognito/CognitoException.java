package com.ec2manager.localaws.cognito;

/**
 * A failure as Cognito reports it on the wire: its exception name ({@code __type}) and message.
 * One type for every kind, because the wire carries the kind as data.
 */
public final class CognitoException extends RuntimeException {

    private final String type;

    public CognitoException(String type, String message) {
        super(message, null, false, false);
        this.type = type;
    }

    public String type() {
        return type;
    }

    static CognitoException notAuthorized(String message) {
        return new CognitoException("NotAuthorizedException", message);
    }

    static CognitoException invalidParameter(String message) {
        return new CognitoException("InvalidParameterException", message);
    }

    static CognitoException userNotFound() {
        return new CognitoException("UserNotFoundException", "User does not exist.");
    }

    static CognitoException resourceNotFound(String message) {
        return new CognitoException("ResourceNotFoundException", message);
    }

    /** The message Cognito gives when a member the model requires is absent. */
    static CognitoException missing(String member) {
        String camel = Character.toLowerCase(member.charAt(0)) + member.substring(1);
        return invalidParameter("1 validation error detected: Value null at '" + camel
                + "' failed to satisfy constraint: Member must not be null");
    }
}
