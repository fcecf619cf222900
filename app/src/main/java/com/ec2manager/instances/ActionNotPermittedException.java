package com.ec2manager.instances;

import com.ec2manager.web.ApplicationException;
import org.springframework.http.HttpStatus;

/** The operator's role may not act on instances; the attempt has been audited as DENIED. */
public class ActionNotPermittedException extends ApplicationException {

    public ActionNotPermittedException(String message) {
        super(HttpStatus.FORBIDDEN, "ActionNotPermitted", message);
    }

    @Override
    public String title() {
        return "Action not permitted";
    }
}
