package com.ec2manager.livefeed;

import com.ec2manager.web.ApplicationException;
import org.springframework.http.HttpStatus;

/** A person already holds as many live feeds as allowed (ec2manager.live-feed.connections-per-person). */
final class TooManyFeedsException extends ApplicationException {

    TooManyFeedsException() {
        super(HttpStatus.TOO_MANY_REQUESTS, "TooManyFeeds",
                "You have as many live feeds open as allowed; close a tab or window that shows one.");
    }
}
