package com.ec2manager.audit;

import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Turns a request's {@link AuditFilter} into an {@link AuditQuery}. People know e-mail
 * addresses while the table is keyed by the person's id, so an address is looked up: first
 * among the people who exist now, then among the people whose deletion the audit trail records
 * (offboarding investigations are what an audit log is for). An address nobody had answers an
 * empty page, exactly like a person without records: the filter tells nobody whether an account
 * exists.
 */
@Component
class AuditFilterResolver {

    private final ObjectProvider<PersonDirectory> directory;
    private final AuditTrail audit;

    AuditFilterResolver(ObjectProvider<PersonDirectory> directory, AuditTrail audit) {
        this.directory = directory;
        this.audit = audit;
    }

    AuditQuery toQuery(AuditFilter filter) {
        String user = filter.userId();
        if (user == null || !user.contains("@")) {
            return filter.toQuery();
        }
        PersonDirectory people = directory.getIfAvailable();
        Optional<String> id = people == null ? Optional.empty() : people.idOf(user);
        if (id.isEmpty()) {
            id = audit.idOfDeletedPerson(user);
        }
        // An address is never anyone's id: the query then finds nothing, as for a person without records.
        return filter.withUserId(id.orElse(user)).toQuery();
    }
}
