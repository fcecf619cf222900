package com.ec2manager.audit;

import java.util.Optional;

/**
 * Who has an e-mail address now, for filtering the audit log by a person's address while the
 * table is keyed by their id. Implemented by the identity feature, so that the audit trail
 * depends on no feature.
 */
public interface PersonDirectory {

    /** The id ({@code sub}) of the person with this address, or empty when nobody has it now. */
    Optional<String> idOf(String email);
}
