package com.ec2manager.audit;

/**
 * Every action the audit trail knows: the one place they are listed. A denied attempt is
 * recorded under the action that was attempted, with outcome {@link AuditOutcome#DENIED}.
 */
public enum AuditAction {
    START_INSTANCE,
    STOP_INSTANCE,
    REBOOT_INSTANCE,
    TERMINATE_INSTANCE,
    CREATE_USER,
    DISABLE_USER,
    ENABLE_USER,
    RESET_USER_PASSWORD,
    DELETE_USER,
    SIGN_IN,
    SIGN_IN_FAILED,
    SIGN_OUT,
    /** An administrator acknowledged a tamper alarm of the audit trail. */
    ACKNOWLEDGE_TAMPER_ALARM
}
