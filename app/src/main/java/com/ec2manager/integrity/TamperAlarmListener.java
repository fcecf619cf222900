package com.ec2manager.integrity;

import java.util.concurrent.CompletableFuture;

/** Told of every new tamper alarm (notifications). */
public interface TamperAlarmListener {

    /** Passes the alarm on; the answer completes once that is done for good (delivered or dead-lettered). */
    CompletableFuture<Void> raised(TamperAlarm alarm);
}
