package com.ec2manager.dynamodblocal;

import java.io.IOException;
import java.lang.reflect.Field;
import java.util.Arrays;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Starts DynamoDB Local bound to one address. Its own runner listens on every interface and
 * has no option to change that, so this sets the host on its Jetty connector before starting.
 * Runs only in DynamoDB Local's own JVM: {@code LoopbackServerRunner <host> <ServerRunner args…>}.
 */
public final class LoopbackServerRunner {

    private LoopbackServerRunner() {
    }

    public static void main(String[] args) throws Exception {
        exitWhenTheParentIsGone();
        String host = args[0];
        DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(Arrays.copyOfRange(args, 1, args.length));
        Field serverField = DynamoDBProxyServer.class.getDeclaredField("server");
        serverField.setAccessible(true);
        Server jetty = (Server) serverField.get(proxy);
        for (Connector connector : jetty.getConnectors()) {
            if (connector instanceof ServerConnector serverConnector) {
                serverConnector.setHost(host);
            }
        }
        proxy.start();
        proxy.join();
    }

    /**
     * The parent holds this process's standard input open for as long as it lives; when the parent
     * dies, even by SIGKILL, the pipe closes and this server follows instead of keeping its port.
     */
    private static void exitWhenTheParentIsGone() {
        Thread watcher = new Thread(() -> {
            try {
                while (System.in.read() != -1) {
                    // nothing is ever sent; only the end of the stream matters
                }
            } catch (IOException e) {
                // a broken pipe means the same as its end
            }
            Runtime.getRuntime().halt(0);
        }, "parent-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }
}
