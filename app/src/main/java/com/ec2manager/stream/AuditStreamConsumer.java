package com.ec2manager.stream;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import com.amazonaws.services.dynamodbv2.streamsadapter.AmazonDynamoDBStreamsAdapterClient;
import com.amazonaws.services.dynamodbv2.streamsadapter.StreamsSchedulerFactory;
import com.amazonaws.services.dynamodbv2.streamsadapter.polling.DynamoDBStreamsPollingConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.kinesis.common.ConfigsBuilder;
import software.amazon.kinesis.common.InitialPositionInStream;
import software.amazon.kinesis.common.InitialPositionInStreamExtended;
import software.amazon.kinesis.coordinator.Scheduler;
import software.amazon.kinesis.metrics.MetricsLevel;
import software.amazon.kinesis.metrics.NullMetricsFactory;

/**
 * The one leased consumer of the audit table's stream: a KCL 3 {@link Scheduler} built with the
 * DynamoDB Streams adapter. KCL keeps the leases and checkpoints in DynamoDB, so with several
 * application instances each shard is processed by exactly one of them, and after a crash the
 * shard's next owner resumes from its checkpoint.
 */
final class AuditStreamConsumer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AuditStreamConsumer.class);

    private final StreamProperties properties;
    private final Supplier<String> streamArn;
    private final DynamoDbStreamsClient streams;
    private final DynamoDbAsyncClient leases;
    private final CloudWatchAsyncClient cloudWatch;
    private final Region region;
    private final StreamSink sink;
    private final List<ChangeListener> listeners;
    private final StreamLag lag;
    private final Clock clock;
    private final boolean workerMetrics;
    private final String workerId;
    private Scheduler scheduler;
    private boolean running;

    AuditStreamConsumer(StreamProperties properties, Supplier<String> streamArn, DynamoDbStreamsClient streams,
                               DynamoDbAsyncClient leases, CloudWatchAsyncClient cloudWatch, Region region,
                               StreamSink sink, List<ChangeListener> listeners, StreamLag lag, Clock clock,
                               boolean workerMetrics) {
        this.properties = properties;
        this.streamArn = streamArn;
        this.streams = streams;
        this.leases = leases;
        this.cloudWatch = cloudWatch;
        this.region = region;
        this.sink = sink;
        this.listeners = List.copyOf(listeners);
        this.lag = lag;
        this.clock = clock;
        this.workerMetrics = workerMetrics;
        this.workerId = properties.workerId() != null && !properties.workerId().isBlank() ? properties.workerId()
                : hostName() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * Builds KCL's scheduler and runs it on the consumer's own thread: building it loads some thousands
     * of classes, which need not hold up the application's start (the records wait in the stream).
     */
    @Override
    public synchronized void start() {
        running = true;
        Thread thread = new Thread(this::buildAndRun, "audit-stream-consumer");
        thread.setDaemon(true);
        thread.start();
    }

    private void buildAndRun() {
        Scheduler built;
        try {
            built = build();
        } catch (RuntimeException e) {
            log.error("audit stream: the consumer could not be built; nothing is archived or notified", e);
            return;
        }
        synchronized (this) {
            if (!running) {
                return; // stopped while it was being built
            }
            scheduler = built;
        }
        log.info("audit stream: consumer {} started (application {})", workerId, properties.applicationName());
        built.run();
    }

    private Scheduler build() {
        String arn = streamArn.get();
        AmazonDynamoDBStreamsAdapterClient adapter = new AmazonDynamoDBStreamsAdapterClient(streams, region);
        ConfigsBuilder configs = new ConfigsBuilder(
                StreamsSchedulerFactory.createSingleStreamTracker(arn,
                        InitialPositionInStreamExtended.newInitialPosition(InitialPositionInStream.TRIM_HORIZON)),
                properties.applicationName(), adapter, leases, cloudWatch, workerId,
                () -> new ShardProcessor(sink, listeners, lag, clock, properties.settleAtShutdown()));
        var leaseManagement = configs.leaseManagementConfig()
                .failoverTimeMillis(properties.failoverTime().toMillis())
                // the adapter means to set this to 0 itself, but after its lease factory has copied
                // the default, which makes every first shard sync idle for a minute
                .shardSyncIntervalMillis(0);
        leaseManagement.workerUtilizationAwareAssignmentConfig().disableWorkerMetrics(!workerMetrics);
        var polling = new DynamoDBStreamsPollingConfig(adapter)
                .idleTimeBetweenReadsInMillis(properties.pollInterval().toMillis());
        return StreamsSchedulerFactory.createScheduler(
                configs.checkpointConfig(),
                configs.coordinatorConfig(),
                leaseManagement,
                configs.lifecycleConfig(),
                // the stream's lag is published by StreamLag; KCL's own metrics would need CloudWatch
                configs.metricsConfig().metricsLevel(MetricsLevel.NONE).metricsFactory(new NullMetricsFactory()),
                // called on idle shards too, so that an interval's archive file is written on time
                configs.processorConfig().callProcessRecordsEvenForEmptyRecordList(true),
                configs.retrievalConfig().retrievalSpecificConfig(polling),
                adapter);
    }

    @Override
    public void stop() {
        Scheduler stopping = detach();
        if (stopping == null) {
            return;
        }
        try {
            // each shard's processor flushes its writer and checkpoints before its lease is released
            stopping.startGracefulShutdown().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("audit stream: graceful shutdown did not finish; the next owner replays from the checkpoint", e);
            stopping.shutdown();
        }
    }

    /** Stops without flushing or checkpointing, as a crash would (tests). */
    void halt() {
        Scheduler stopping = detach();
        if (stopping != null) {
            stopping.shutdown();
        }
    }

    /** Marks the consumer stopped and hands over its scheduler, if it was built yet. */
    private synchronized Scheduler detach() {
        running = false;
        Scheduler built = scheduler;
        scheduler = null;
        return built;
    }

    @Override
    public synchronized boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // stops before the web server and the other lifecycle beans it writes through
        return Integer.MAX_VALUE - 1024;
    }

    String workerId() {
        return workerId;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "worker";
        }
    }
}
