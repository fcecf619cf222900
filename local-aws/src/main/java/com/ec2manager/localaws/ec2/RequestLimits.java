package com.ec2manager.localaws.ec2;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * EC2's request throttling as a model: per account and region, one token bucket for describe
 * (non-mutating) actions and one for mutating actions. Each request takes a token from its bucket;
 * an empty bucket answers {@code RequestLimitExceeded}, and buckets refill continuously, as EC2's
 * do. EC2's own sizes are {@link #ec2()} (describe 100, refilled at 20 per second; mutating 200 at 5
 * per second); tests use smaller ones. Buckets refill on real time, not on the emulator's clock:
 * that clock stands still in tests, and EC2's buckets do not.
 */
public final class RequestLimits {

    private final Bucket describe;
    private final Bucket mutating;
    private final LongSupplier nanoTime;
    private final Map<String, double[]> levels = new HashMap<>();
    /** The calls refused, the newest {@link #MAX_THROTTLED} of them. */
    private final ArrayDeque<Ec2Call> throttled = new ArrayDeque<>();
    static final int MAX_THROTTLED = 10_000;

    /**
     * @param capacity  tokens a full bucket holds
     * @param perSecond tokens added per second
     */
    public record Bucket(int capacity, double perSecond) {
        public Bucket {
            if (capacity < 1 || perSecond < 0) {
                throw new IllegalArgumentException("a bucket holds at least one token and refills at zero or more per second");
            }
        }
    }

    public RequestLimits(Bucket describe, Bucket mutating) {
        this(describe, mutating, System::nanoTime);
    }

    RequestLimits(Bucket describe, Bucket mutating, LongSupplier nanoTime) {
        this.describe = describe;
        this.mutating = mutating;
        this.nanoTime = nanoTime;
    }

    /** EC2's default request rate limits (per account and region). */
    public static RequestLimits ec2() {
        return new RequestLimits(new Bucket(100, 20), new Bucket(200, 5));
    }

    /** Takes a token for the call, or records it as throttled and answers false. */
    synchronized boolean admit(Ec2Call call) {
        Bucket bucket = call.mutating() ? mutating : describe;
        String key = call.accountId() + "/" + call.region() + "/" + (call.mutating() ? "mutating" : "describe");
        long now = nanoTime.getAsLong();
        double[] level = levels.computeIfAbsent(key, k -> new double[] {bucket.capacity(), now});
        level[0] = Math.min(bucket.capacity(), level[0] + (now - (long) level[1]) / 1e9 * bucket.perSecond());
        level[1] = now;
        if (level[0] < 1) {
            throttled.addLast(call);
            if (throttled.size() > MAX_THROTTLED) {
                throttled.pollFirst();
            }
            return false;
        }
        level[0] -= 1;
        return true;
    }

    /** The calls answered {@code RequestLimitExceeded} so far (the newest {@value #MAX_THROTTLED}), oldest first. */
    public synchronized List<Ec2Call> throttled() {
        return List.copyOf(throttled);
    }
}
