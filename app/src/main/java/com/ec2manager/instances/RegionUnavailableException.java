package com.ec2manager.instances;

import com.ec2manager.web.ApplicationException;
import org.springframework.http.HttpStatus;

/** A region the request needs could not be reached, so its answer would be incomplete. */
public class RegionUnavailableException extends ApplicationException {

    public RegionUnavailableException(String message) {
        super(HttpStatus.SERVICE_UNAVAILABLE, "RegionUnavailable", message);
    }

    @Override
    public String title() {
        return "Region unavailable";
    }
}
