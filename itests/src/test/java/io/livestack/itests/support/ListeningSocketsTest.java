package io.livestack.itests.support;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.ServerSocket;
import java.net.InetAddress;
import java.util.List;

import org.junit.Test;

/** The /proc reader against sockets this JVM opens itself (bound to loopback only: nothing else is touched). */
public class ListeningSocketsTest {

    @Test
    public void decodesTheKernelsAddressFormat() throws Exception {
        assertEquals("127.0.0.1", ListeningSockets.address("0100007F").getHostAddress());
        assertEquals("0.0.0.0", ListeningSockets.address("00000000").getHostAddress());
        assertTrue(ListeningSockets.address("0000000000000000FFFF00000100007F").isLoopbackAddress());
        assertFalse(ListeningSockets.address("00000000000000000000000000000000").isLoopbackAddress());
        assertTrue(ListeningSockets.address("00000000000000000000000001000000").isLoopbackAddress());
    }

    @Test
    public void findsALoopbackListenerOfThisProcess() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<ListeningSockets.Socket> sockets = ListeningSockets.of(ProcessHandle.current().pid());
            assertTrue(sockets.toString(), sockets.stream().anyMatch(s -> s.port == server.getLocalPort() && s.isLoopback()));
        }
    }
}
