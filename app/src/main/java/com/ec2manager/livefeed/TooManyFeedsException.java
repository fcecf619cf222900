package com.ec2manager.livefeed;

import com.ec2manager.failure.ApplicationException;
import com.ec2manager.failure.FailureKind;

/** A person already holds as many live feeds as allowed (ec2manager.live-feed.connections-per-person). */
final class TooManyFeedsException extends ApplicationException {

    TooManyFeedsException() {
        super(FailureKind.TOO_MANY_ATTEMPTS, "TooManyFeeds",
                "You have as many live feeds open as allowed; close a tab or window that shows one.");
    }
}
