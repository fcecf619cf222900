package com.ec2manager.instances;

import com.ec2manager.web.ApplicationException;
import org.springframework.http.HttpStatus;

/** The action named in the request is none of start, stop, reboot, terminate. */
public class UnknownActionException extends ApplicationException {

    public UnknownActionException(String action) {
        super(HttpStatus.NOT_FOUND, "UnknownAction",
                "Unknown action '" + InstanceIds.printable(action) + "': use start, stop, reboot or terminate");
    }

    @Override
    public String title() {
        return "Unknown action";
    }
}
