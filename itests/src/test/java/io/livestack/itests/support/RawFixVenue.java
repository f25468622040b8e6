package io.livestack.itests.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * A FIX acceptor written for fault tests, over a plain {@link ServerSocket} on loopback, so that the test controls
 * every byte the FIX initiator under test receives (QuickFIX/J's own acceptor would refuse to send a broken message).
 * One client session at a time; the venue's sequence numbers and the messages it may resend live as long as this
 * object, across reconnects (the client's store is durable too).
 * <p>
 * The reader thread (one, owned by this object) does the venue's session duties by itself: answers a Logon with a
 * Logon, a TestRequest with a Heartbeat, a ResendRequest with the application messages marked resendable (PossDupFlag
 * Y, OrigSendingTime) and a SequenceReset-GapFill for everything else, a Logout with a Logout (then it closes the
 * connection), an OrderStatusRequest with what the {@code statusDesk} answers. Everything the client sends is also
 * queued for the test: session-level messages and the client's Reject / BusinessMessageReject in
 * {@link #pollSession}, order messages in {@link #pollOrder}. It sends no heartbeats of its own: a test keeps traffic
 * flowing.
 * <p>
 * The test sends through {@link #send(IntFunction)}: it is handed the next outbound sequence number and returns the
 * bytes to write, how many sequence numbers they consume (0 for a message the client must ignore as garbled, or one
 * sent with a number already used) and which of them may be resent; numbering and writing happen under one lock, so
 * nothing the reader thread sends meanwhile can take the same number.
 */
public final class RawFixVenue implements AutoCloseable {

    /** What a send writes: the bytes, the sequence numbers they use up, the messages to resend when asked. */
    public record Outgoing(byte[] bytes, int consumed, Map<Integer, RawFixMessage> resendable) {
        public static Outgoing of(byte[] bytes, int consumed) {
            return new Outgoing(bytes, consumed, Map.of());
        }
    }

    private final String beginString;
    private final String venueCompId;
    private final String clientCompId;
    private final ServerSocket server;
    private final Thread reader;
    private final Function<RawFixMessage, List<RawFixMessage>> statusDesk;

    private final Object lock = new Object();
    /** Guarded by lock. */
    private int nextOut = 1;
    /** Application messages the venue resends when asked (by MsgSeqNum); guarded by lock. */
    private final Map<Integer, RawFixMessage> resendable = new HashMap<>();
    /** Guarded by lock; null while no client is connected. */
    private OutputStream out;
    private Socket socket;
    /** Guarded by lock: the venue sent a Logout on this connection. */
    private boolean logoutSent;

    private final BlockingQueue<RawFixMessage> session = new LinkedBlockingQueue<>();
    private final BlockingQueue<RawFixMessage> orders = new LinkedBlockingQueue<>();
    private final AtomicInteger logons = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger resendRequests = new AtomicInteger();
    private volatile boolean closed;

    /**
     * @param statusDesk answers an OrderStatusRequest (on the reader thread) with message bodies (35 and the body;
     *        the header is added here)
     */
    public RawFixVenue(String beginString, String venueCompId, String clientCompId,
            Function<RawFixMessage, List<RawFixMessage>> statusDesk) throws IOException {
        this.beginString = beginString;
        this.venueCompId = venueCompId;
        this.clientCompId = clientCompId;
        this.statusDesk = statusDesk;
        this.server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        this.reader = new Thread(this::acceptAndRead, "raw-fix-venue-" + venueCompId);
        this.reader.setDaemon(true);
        this.reader.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    public String beginString() {
        return beginString;
    }

    /** Logons answered so far (every reconnect adds one). */
    public int logons() {
        return logons.get();
    }

    public int connections() {
        return connections.get();
    }

    public int resendRequests() {
        return resendRequests.get();
    }

    /** The next session-level message the client sent (or its Reject / BusinessMessageReject), or null. */
    public RawFixMessage pollSession(Duration timeout) throws InterruptedException {
        return session.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The next order message (NewOrderSingle, cancel, ...) the client sent, or null. */
    public RawFixMessage pollOrder(Duration timeout) throws InterruptedException {
        return orders.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A copy of {@code body} with the standard header after its MsgType: 34, 49, 56 and 52 (now). */
    public RawFixMessage stamped(RawFixMessage body, int seq) {
        RawFixMessage m = body.copy();
        m.insertAfter(35, 52, RawFixMessage.utcNow());
        m.insertAfter(35, 56, clientCompId);
        m.insertAfter(35, 49, venueCompId);
        m.insertAfter(35, 34, Integer.toString(seq));
        return m;
    }

    /**
     * Numbers, writes and remembers under the venue's lock. Returns the sequence number that was next when the message
     * was built. A write to a closed connection is ignored (what it consumed stays consumed: the client finds the gap
     * at its next logon and the venue resends or gap-fills it).
     */
    public int send(IntFunction<Outgoing> build) {
        synchronized (lock) {
            int seq = nextOut;
            Outgoing o = build.apply(seq);
            write(o.bytes());
            nextOut += o.consumed();
            resendable.putAll(o.resendable());
            return seq;
        }
    }

    /** A well-formed application message, numbered and resendable. Returns its MsgSeqNum. */
    public int sendApp(RawFixMessage body) {
        return send(seq -> {
            RawFixMessage m = stamped(body, seq);
            return new Outgoing(m.encode(beginString), 1, Map.of(seq, m));
        });
    }

    /** A TestRequest with that TestReqID (the client answers with a Heartbeat naming it). */
    public int testRequest(String testReqId) {
        return send(seq -> Outgoing.of(stamped(RawFixMessage.of("1").add(112, testReqId), seq).encode(beginString), 1));
    }

    /** The venue's application message sent under that number, or null (a gap-fill). */
    public RawFixMessage sentApp(int seq) {
        synchronized (lock) {
            return resendable.get(seq);
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        synchronized (lock) {
            closeConnection();
        }
        try {
            reader.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------------------------------ reader thread

    private void acceptAndRead() {
        while (!closed) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            connections.incrementAndGet();
            try {
                s.setTcpNoDelay(true);
                InputStream in = new BufferedInputStream(s.getInputStream());
                synchronized (lock) {
                    socket = s;
                    out = s.getOutputStream();
                    logoutSent = false;
                }
                while (!closed) {
                    String raw = readMessage(in);
                    if (raw == null) {
                        break;
                    }
                    handle(RawFixMessage.parse(raw));
                }
            } catch (IOException e) {
                // connection dropped: wait for the next one
            } finally {
                synchronized (lock) {
                    if (socket == s) {
                        closeConnection();
                    }
                }
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }
    }

    private void handle(RawFixMessage m) {
        String type = m.msgType();
        switch (type) {
            case "A" -> {
                send(seq -> Outgoing.of(stamped(RawFixMessage.of("A").add(98, "0")
                        .add(108, m.get(108) == null ? "30" : m.get(108)), seq).encode(beginString), 1));
                logons.incrementAndGet();
            }
            case "1" -> send(seq -> Outgoing.of(stamped(RawFixMessage.of("0").add(112, m.get(112)), seq)
                    .encode(beginString), 1));
            case "2" -> {
                resendRequests.incrementAndGet();
                resend(Integer.parseInt(m.get(7)), Integer.parseInt(m.get(16)));
            }
            case "5" -> {
                synchronized (lock) {
                    if (!logoutSent) {
                        RawFixMessage logout = stamped(RawFixMessage.of("5"), nextOut++);
                        write(logout.encode(beginString));
                    }
                    closeConnection();
                }
            }
            case "H" -> {
                for (RawFixMessage answer : statusDesk.apply(m)) {
                    sendApp(answer);
                }
            }
            default -> {
            }
        }
        if (isSessionLevel(type)) {
            session.add(m);
        } else if (!"H".equals(type)) {
            orders.add(m);
        }
    }

    private static boolean isSessionLevel(String type) {
        return switch (type) {
            case "0", "1", "2", "3", "4", "5", "A", "j" -> true;
            default -> false;
        };
    }

    /** Resends [begin, end] (0 or 999999: up to the last sent): resendable messages as PossDup, gaps as gap-fills. */
    private void resend(int begin, int end) {
        synchronized (lock) {
            int last = nextOut - 1;
            int to = end == 0 || end >= 999_999 || end > last ? last : end;
            int gapFrom = -1;
            for (int s = begin; s <= to; s++) {
                RawFixMessage original = resendable.get(s);
                if (original == null) {
                    if (gapFrom < 0) {
                        gapFrom = s;
                    }
                    continue;
                }
                if (gapFrom >= 0) {
                    write(gapFill(gapFrom, s));
                    gapFrom = -1;
                }
                RawFixMessage again = original.copy();
                String sendingTime = again.get(52);
                again.set(52, RawFixMessage.utcNow());
                again.insertAfter(52, 122, sendingTime);
                again.insertAfter(52, 43, "Y");
                write(again.encode(beginString));
            }
            if (gapFrom >= 0) {
                write(gapFill(gapFrom, to + 1));
            }
        }
    }

    private byte[] gapFill(int seq, int newSeqNo) {
        String now = RawFixMessage.utcNow();
        RawFixMessage m = stamped(RawFixMessage.of("4").add(123, "Y").add(36, Integer.toString(newSeqNo)), seq);
        m.insertAfter(52, 122, now);
        m.insertAfter(52, 43, "Y");
        return m.encode(beginString);
    }

    /** Guarded by lock. */
    private void write(byte[] bytes) {
        if (out == null) {
            return;
        }
        try {
            out.write(bytes);
            out.flush();
            if (bytes.length > 5 && new String(bytes, 0, Math.min(bytes.length, 40), StandardCharsets.ISO_8859_1)
                    .contains(RawFixMessage.SOH + "35=5" + RawFixMessage.SOH)) {
                logoutSent = true;
            }
        } catch (IOException e) {
            closeConnection();
        }
    }

    /** Guarded by lock. */
    private void closeConnection() {
        out = null;
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            socket = null;
        }
    }

    /** One message as the client sends it (well-formed), or null at the end of the stream. */
    private static String readMessage(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(256);
        try {
            String begin = readField(in, b);
            if (begin == null) {
                return null;
            }
            String length = readField(in, b);
            if (length == null || !length.startsWith("9=")) {
                throw new IOException("no BodyLength after " + begin);
            }
            int bodyLength = Integer.parseInt(length.substring(2));
            byte[] body = in.readNBytes(bodyLength);
            if (body.length < bodyLength) {
                return null;
            }
            b.write(body);
            if (readField(in, b) == null) {
                return null;
            }
            return b.toString(StandardCharsets.ISO_8859_1);
        } catch (SocketException | EOFException e) {
            return null;
        }
    }

    /** Reads one field up to and including its SOH into {@code b}; returns its text, or null at the end of stream. */
    private static String readField(InputStream in, ByteArrayOutputStream b) throws IOException {
        StringBuilder field = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            b.write(c);
            if (c == RawFixMessage.SOH) {
                return field.toString();
            }
            field.append((char) c);
        }
        return null;
    }
}
