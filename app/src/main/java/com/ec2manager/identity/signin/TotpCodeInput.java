package com.ec2manager.identity.signin;
import com.ec2manager.identity.cognito.InvalidCodeException;


/** A TOTP code as a person types it: six digits, spaces allowed (apps show "123 456"). */
public final class TotpCodeInput {

    private TotpCodeInput() {
    }

    /** The six digits without spaces; a 400 when the input is anything else. */
    public static String digits(String typed) {
        String digits = typed.replaceAll("\\s", "");
        if (!digits.matches("\\d{6}")) {
            throw new InvalidCodeException("The code has six digits.");
        }
        return digits;
    }
}
