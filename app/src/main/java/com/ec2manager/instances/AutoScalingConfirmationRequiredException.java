package com.ec2manager.instances;

import com.ec2manager.web.ApplicationException;
import org.springframework.http.HttpStatus;

/**
 * The instance belongs to an Auto Scaling group, which may replace or restart it behind the
 * operator's back; acting needs {@code confirmAutoScaling: true}. Audited as FAILED.
 */
public class AutoScalingConfirmationRequiredException extends ApplicationException {

    public static final String CODE = "AutoScalingConfirmationRequired";

    public AutoScalingConfirmationRequiredException(String message) {
        super(HttpStatus.CONFLICT, CODE, message);
    }

    @Override
    public String title() {
        return "Auto Scaling confirmation required";
    }
}
