package io.leadflow.events.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Ports for servers the tests start as separate processes (services, Kafka, PostgreSQL, nginx).
 *
 * <p>A port from {@code new ServerSocket(0)} lies in the kernel's ephemeral range, the same range every outgoing
 * connection (a Kafka client, an HTTP client, a JDBC pool) takes its local port from. Between closing the probe and
 * the child process binding the port, or between a kill -9 and the restart on the same port, any of those connections
 * may take it, and the server then fails with "Address already in use". Ports below the ephemeral range are never
 * handed to outgoing connections, so a port picked there stays free unless another server takes it on purpose.
 */
public final class FreePorts {

    private static final int FIRST = 20_000;
    private static final Set<Integer> HANDED_OUT = new HashSet<>();
    private static int next = -1;

    private FreePorts() {
    }

    /** A port nothing listens on, below the ephemeral range, not handed out before by this JVM. */
    public static synchronized int next() throws IOException {
        int end = ephemeralStart();
        if (next < 0) {
            // Two test JVMs on one machine (two clones built side by side) start at different places.
            next = FIRST + (int) (ProcessHandle.current().pid() * 97 % Math.max(1, end - FIRST));
        }
        for (int tried = 0; tried < end - FIRST; tried++) {
            int port = next;
            next = next + 1 >= end ? FIRST : next + 1;
            if (HANDED_OUT.contains(port)) {
                continue;
            }
            if (bindable(port)) {
                HANDED_OUT.add(port);
                return port;
            }
        }
        throw new IOException("no free port between " + FIRST + " and " + end);
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    /** The first port of the kernel's ephemeral range (32768 on Linux unless configured otherwise). */
    static int ephemeralStart() {
        try {
            String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim();
            int low = Integer.parseInt(range.split("\\s+")[0]);
            return low > FIRST + 1_000 ? low : 32_768;
        } catch (IOException | RuntimeException e) {
            return 32_768;
        }
    }
}
