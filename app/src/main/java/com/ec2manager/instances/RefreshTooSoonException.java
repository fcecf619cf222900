package com.ec2manager.instances;

import java.time.Duration;

import com.ec2manager.web.ApplicationException;
import org.springframework.http.HttpStatus;

/** A refresh was asked for again before {@code manual-refresh-interval} passed. */
public class RefreshTooSoonException extends ApplicationException {

    private final Duration retryAfter;

    public RefreshTooSoonException(Duration retryAfter) {
        super(HttpStatus.TOO_MANY_REQUESTS, "RefreshTooSoon", "A refresh was asked for moments ago; try again in "
                + Math.max(1, retryAfter.toSeconds()) + " s");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    @Override
    public String title() {
        return "Refresh asked for too soon";
    }
}
