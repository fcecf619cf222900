package com.ec2manager.testing;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** A real SDK client for a local DynamoDB, for tests that look past the application. */
public final class DynamoDbClients {

    private DynamoDbClients() {
    }

    public static DynamoDbClient local(URI endpoint) {
        return local(endpoint, new ArrayList<>());
    }

    /** A client that adds the name of every operation it sends (e.g. "Query", "Scan") to {@code operations}. */
    public static DynamoDbClient local(URI endpoint, List<String> operations) {
        ExecutionInterceptor recorder = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                operations.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
            }
        };
        return DynamoDbClient.builder()
                .overrideConfiguration(c -> c.addExecutionInterceptor(recorder))
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local-secret")))
                .httpClient(ApacheHttpClient.builder().maxConnections(64).build())
                .build();
    }
}
