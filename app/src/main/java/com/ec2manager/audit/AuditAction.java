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
    /** a person changed their own password (knowing the current one) */
    CHANGE_OWN_PASSWORD,
    /** a person set a new password with a code e-mailed to them ("forgot your password?") */
    RESET_OWN_PASSWORD,
    /** a person turned on TOTP as their second factor */
    ENABLE_MFA,
    /** a person turned off their second factor (confirming with their password) */
    DISABLE_MFA,
    /** An administrator acknowledged a tamper alarm of the audit trail. */
    ACKNOWLEDGE_TAMPER_ALARM,
    /** an administrator created an approval policy */
    CREATE_APPROVAL_POLICY,
    /** an administrator changed an approval policy */
    UPDATE_APPROVAL_POLICY,
    /** an administrator deleted an approval policy */
    DELETE_APPROVAL_POLICY,
    /** an action matched an approval policy and now waits for approval instead of being done */
    REQUEST_APPROVAL,
    /** an administrator approved someone else's held action */
    APPROVE_REQUEST,
    /** an administrator rejected a held action */
    REJECT_REQUEST,
    /** a held action was not approved in time */
    EXPIRE_APPROVAL,
    /** an approved action's run was cut short by an application instance's stop; the request was closed */
    INTERRUPT_APPROVAL,
    /** an administrator created a schedule */
    CREATE_SCHEDULE,
    /** an administrator changed a schedule */
    UPDATE_SCHEDULE,
    /** an administrator deleted a schedule */
    DELETE_SCHEDULE,
    /** an administrator kept one instance out of a schedule until a given time */
    OVERRIDE_SCHEDULE
}
