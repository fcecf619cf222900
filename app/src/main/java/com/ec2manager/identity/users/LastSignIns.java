package com.ec2manager.identity.users;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.ec2manager.audit.AuditAction;
import com.ec2manager.audit.AuditQuery;
import com.ec2manager.audit.AuditRecord;
import com.ec2manager.audit.AuditTrail;
import com.ec2manager.failure.ApplicationException;
import com.ec2manager.identity.cognito.ManagedUser;
import org.springframework.stereotype.Component;

/**
 * When each user last signed in, from the audit trail (Cognito does not keep it): the newest
 * SIGN_IN record in the user's own partition. An unavailable trail leaves the column empty
 * rather than failing the page.
 */
@Component
class LastSignIns {

    private final AuditTrail audit;

    LastSignIns(AuditTrail audit) {
        this.audit = audit;
    }

    /** The last sign-in per user id (sub); users who never signed in are absent. */
    Map<String, Instant> of(List<ManagedUser> users) {
        Map<String, Instant> last = new HashMap<>();
        try {
            for (ManagedUser user : users) {
                if (user.sub() == null) {
                    continue;
                }
                List<AuditRecord> records = audit.query(new AuditQuery(user.sub(), AuditAction.SIGN_IN, null, null, null,
                        1, null)).records();
                if (!records.isEmpty()) {
                    last.put(user.sub(), records.get(0).eventTime());
                }
            }
        } catch (ApplicationException e) {
            return Map.of();
        }
        return last;
    }
}
