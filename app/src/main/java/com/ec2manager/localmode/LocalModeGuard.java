package com.ec2manager.localmode;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Local mode signs people in with seeded, published passwords: it must not be reachable from
 * other machines by accident (a container image started without a mode, a server address of
 * 0.0.0.0). It refuses to start on anything but loopback unless {@code ec2manager.local.allow-remote=true}.
 */
final class LocalModeGuard {

    private LocalModeGuard() {
    }

    /**
     * @param serverAddress {@code server.address}; null or empty means every interface
     * @throws IllegalStateException naming the setting and why, when local mode would listen beyond loopback
     */
    static void check(LocalStackProperties local, String serverAddress) {
        if (local.allowRemote()) {
            return;
        }
        for (String[] address : new String[][] {{"server.address", serverAddress}, {"ec2manager.local.host", local.host()}}) {
            if (!isLoopback(address[1])) {
                throw new IllegalStateException("Local mode refuses to listen on " + (address[1] == null
                        || address[1].isBlank() ? "every interface" : address[1]) + " (" + address[0] + "): its "
                        + "seeded users have published passwords. Run with ec2manager.aws.mode=aws, or bind to "
                        + "127.0.0.1, or set ec2manager.local.allow-remote=true if you really mean it.");
            }
        }
    }

    private static boolean isLoopback(String address) {
        if (address == null || address.isBlank()) {
            return false; // the container's default: every interface
        }
        try {
            InetAddress resolved = InetAddress.getByName(address);
            return resolved.isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
