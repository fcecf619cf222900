package com.ec2manager.aws;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamResponse;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.dynamodb.model.ListStreamsRequest;
import software.amazon.awssdk.services.dynamodb.model.ListStreamsResponse;

/**
 * DynamoDB Local names its streams in the region {@code ddblocal}, which the DynamoDB Streams
 * Kinesis adapter (2.0.1, the newest on Maven Central) refuses as no AWS region. In local mode
 * the streams client shows the ARNs in its own region and gives DynamoDB Local back its own.
 */
public final class DynamoDbLocalStreamArns implements ExecutionInterceptor {

    private static final String LOCAL = ":dynamodb:ddblocal:";
    private final String visible;

    public DynamoDbLocalStreamArns(String region) {
        this.visible = ":dynamodb:" + region + ":";
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        if (request instanceof DescribeStreamRequest describe) {
            return describe.toBuilder().streamArn(toLocal(describe.streamArn())).build();
        }
        if (request instanceof GetShardIteratorRequest iterator) {
            return iterator.toBuilder().streamArn(toLocal(iterator.streamArn())).build();
        }
        if (request instanceof ListStreamsRequest list && list.exclusiveStartStreamArn() != null) {
            return list.toBuilder().exclusiveStartStreamArn(toLocal(list.exclusiveStartStreamArn())).build();
        }
        return request;
    }

    @Override
    public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
        SdkResponse response = context.response();
        if (response instanceof DescribeStreamResponse describe && describe.streamDescription() != null) {
            return describe.toBuilder().streamDescription(describe.streamDescription().toBuilder()
                    .streamArn(toVisible(describe.streamDescription().streamArn())).build()).build();
        }
        if (response instanceof ListStreamsResponse list) {
            return list.toBuilder()
                    .streams(list.streams().stream().map(s -> s.toBuilder().streamArn(toVisible(s.streamArn())).build())
                            .toList())
                    .lastEvaluatedStreamArn(toVisible(list.lastEvaluatedStreamArn())).build();
        }
        return response;
    }

    String toVisible(String arn) {
        return arn == null ? null : arn.replace(LOCAL, visible);
    }

    private String toLocal(String arn) {
        return arn == null ? null : arn.replace(visible, LOCAL);
    }
}
