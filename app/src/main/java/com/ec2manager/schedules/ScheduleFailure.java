package com.ec2manager.schedules;

import com.ec2manager.failure.ApplicationException;
import com.ec2manager.failure.FailureKind;

/**
 * Why a schedule or an override could not be made, found or changed. An invalid input names its
 * field, so that the page can say it beside that field; the message starts with it for the API.
 */
class ScheduleFailure extends ApplicationException {

    private final String field;

    ScheduleFailure(FailureKind kind, String code, String message) {
        this(kind, code, message, null);
    }

    private ScheduleFailure(FailureKind kind, String code, String message, String field) {
        super(kind, code, message);
        this.field = field;
    }

    /** A whole request that is wrong, no field in particular. */
    static ScheduleFailure invalid(String message) {
        return new ScheduleFailure(FailureKind.INVALID_INPUT, "InvalidScheduleInput", message, null);
    }

    /** One field that is wrong, e.g. {@code timeZone} or {@code periods[1].start}. */
    static ScheduleFailure invalid(String field, String message) {
        return new ScheduleFailure(FailureKind.INVALID_INPUT, "InvalidScheduleInput", field + ": " + message, field);
    }

    static ScheduleFailure notFound(String what) {
        return new ScheduleFailure(FailureKind.NOT_FOUND, "ScheduleNotFound", "There is no " + what + ".");
    }

    /** The field at fault, or null. */
    String field() {
        return field;
    }

    /** The message without the field's name in front (the page shows it beside the field). */
    String advice() {
        return field == null ? getMessage() : getMessage().substring(field.length() + 2);
    }
}
