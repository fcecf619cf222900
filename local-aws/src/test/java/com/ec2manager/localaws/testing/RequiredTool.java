package com.ec2manager.localaws.testing;

import java.io.File;

import org.junit.jupiter.api.Assumptions;

/**
 * A program a test drives (the AWS CLI, Node.js). {@code bin/test} installs each one; a test run
 * by hand without it is skipped with a message, but under CI ({@code CI=true}) a missing tool
 * fails the run, so that a test cannot silently stop running where it matters.
 */
public final class RequiredTool {

    private RequiredTool() {
    }

    /** Returns the program's name once it is known to be on the PATH; otherwise skips, or fails under CI. */
    public static String require(String program, String why) {
        if (onPath(program, System.getenv("PATH"))) {
            return program;
        }
        String message = program + " is not on the PATH (" + why + "); bin/test installs it";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(message + ", and under CI a missing tool fails the run");
        }
        Assumptions.abort(message);
        return program;
    }

    static boolean onPath(String program, String path) {
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (new File(dir, program).canExecute()) {
                return true;
            }
        }
        return false;
    }
}
