package com.ec2manager.infra;

import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.constructs.Construct;

/**
 * What must survive: the audit table and the user directory. Kept apart from the service so that the
 * service can be replaced or torn down without touching them; termination protection is on.
 */
public final class DataStack extends Stack {

    private final AuditTable auditTable;
    private final UserDirectory userDirectory;

    public DataStack(Construct scope, String id) {
        super(scope, id, StackProps.builder()
                .description("EC2 Manager: the audit table and the Cognito user pool (retained on delete)")
                .terminationProtection(true)
                .build());
        auditTable = new AuditTable(this, "AuditTable");
        userDirectory = new UserDirectory(this, "Users");

        output("UserPoolId", userDirectory.userPool().getUserPoolId(), "Cognito user pool id");
        output("UserPoolClientId", userDirectory.serverClient().getUserPoolClientId(), "The server's app client id");
        output("ClientSecretArn", userDirectory.clientSecret().getSecretArn(),
                "Secrets Manager secret holding the app client's secret");
        output("AuditTableName", auditTable.table().getTableName(), "DynamoDB audit table");
    }

    public AuditTable auditTable() {
        return auditTable;
    }

    public UserDirectory userDirectory() {
        return userDirectory;
    }

    private void output(String id, String value, String description) {
        CfnOutput.Builder.create(this, id).value(value).description(description).build();
    }
}
