package com.ec2manager.instances;

import java.time.Duration;
import java.time.Instant;

/**
 * How fresh the inventory's picture of one account-region is.
 *
 * @param accountId     the account
 * @param accountName   its name
 * @param region        the region, or null for an account none of whose regions could be listed
 * @param status        LOADING (never read yet), FRESH, STALE (the last read failed, or is older than
 *                      {@code stale-after}) or FAILED (never read successfully)
 * @param readAt        when the last complete read finished, or null
 * @param ageSeconds    seconds since then, or null
 * @param instanceCount instances in the picture
 * @param errorCode     the last attempt's error code, or null when it succeeded
 * @param error         the last attempt's error, for a person, or null
 * @param failedAt      when the last attempt failed, or null
 */
public record Freshness(String accountId, String accountName, String region, Status status, Instant readAt,
                        Long ageSeconds, int instanceCount, String errorCode, String error, Instant failedAt) {

    public enum Status { LOADING, FRESH, STALE, FAILED }

    static Freshness of(RegionPicture picture, Instant now, Duration staleAfter) {
        RegionPicture.Failure failure = picture.failure();
        Status status;
        if (!picture.everRead()) {
            status = failure == null ? Status.LOADING : Status.FAILED;
        } else if (failure != null || picture.readAt().plus(staleAfter).isBefore(now)) {
            status = Status.STALE;
        } else {
            status = Status.FRESH;
        }
        AccountRegion where = picture.where();
        return new Freshness(where.accountId(), where.account().name(), where.region(), status, picture.readAt(),
                picture.readAt() == null ? null : Math.max(0, Duration.between(picture.readAt(), now).toSeconds()),
                picture.instances().size(), failure == null ? null : failure.code(),
                failure == null ? null : failure.message(), failure == null ? null : failure.at());
    }

    static Freshness ofAccount(Inventory.AccountFailure failure, Instant now) {
        return new Freshness(failure.account().id(), failure.account().name(), null, Status.FAILED, null, null, 0,
                failure.code(), failure.message(), failure.at());
    }
}
