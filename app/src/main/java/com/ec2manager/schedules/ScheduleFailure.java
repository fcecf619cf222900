package com.ec2manager.schedules;

import com.ec2manager.failure.ApplicationException;
import com.ec2manager.failure.FailureKind;

/** Why a schedule or an override could not be made, found or changed. */
class ScheduleFailure extends ApplicationException {

    ScheduleFailure(FailureKind kind, String code, String message) {
        super(kind, code, message);
    }

    static ScheduleFailure invalid(String message) {
        return new ScheduleFailure(FailureKind.INVALID_INPUT, "InvalidScheduleInput", message);
    }

    static ScheduleFailure notFound(String what) {
        return new ScheduleFailure(FailureKind.NOT_FOUND, "ScheduleNotFound", "There is no " + what + ".");
    }
}
