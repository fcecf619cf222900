package com.ec2manager.approvals;

import com.ec2manager.failure.ApplicationException;
import com.ec2manager.failure.FailureKind;

/** Why an approval request or policy could not be made, found, decided or changed. */
class ApprovalFailure extends ApplicationException {

    ApprovalFailure(FailureKind kind, String code, String message) {
        super(kind, code, message);
    }

    static ApprovalFailure invalid(String message) {
        return new ApprovalFailure(FailureKind.INVALID_INPUT, "InvalidApprovalInput", message);
    }

    static ApprovalFailure notFound(String what) {
        return new ApprovalFailure(FailureKind.NOT_FOUND, "ApprovalNotFound", "There is no " + what + ".");
    }

    static ApprovalFailure conflict(String code, String message) {
        return new ApprovalFailure(FailureKind.CONFLICT, code, message);
    }
}
