package com.ec2manager.monitoring;

import com.ec2manager.failure.ApplicationException;
import com.ec2manager.failure.FailureKind;

/** CloudWatch could not be asked or refused to answer: the metrics are not shown, nothing else is affected. */
class MetricsUnavailableException extends ApplicationException {

    MetricsUnavailableException(String code, String message, Throwable cause) {
        super(FailureKind.UNAVAILABLE, code, message, cause);
    }
}
