package io.livestack.itests.support;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A FIX message as the fields between BodyLength and CheckSum, each kept as its raw text {@code tag=value}, in order:
 * what a test that plays the venue needs to build a message field by field and then break it on purpose (a field
 * without '=', a duplicate, a header field after the body). BeginString, BodyLength and CheckSum are computed by
 * {@link #encode}; {@link #encode(String, int, Integer)} lets a test declare a wrong BodyLength or CheckSum.
 * Character set ISO-8859-1, QuickFIX/J's default.
 */
public final class RawFixMessage {

    public static final char SOH = '\u0001';
    private static final DateTimeFormatter UTC_TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HH:mm:ss.SSS");

    private final List<String> fields;

    private RawFixMessage(List<String> fields) {
        this.fields = fields;
    }

    /** An empty message of that MsgType (35 is its first field). */
    public static RawFixMessage of(String msgType) {
        RawFixMessage m = new RawFixMessage(new ArrayList<>());
        m.add(35, msgType);
        return m;
    }

    /** Parses a well-formed message (as the adapter sends them): every field but 8, 9 and 10. */
    public static RawFixMessage parse(String raw) {
        List<String> fields = new ArrayList<>();
        for (String field : raw.split(String.valueOf(SOH))) {
            if (field.isEmpty() || field.startsWith("8=") || field.startsWith("9=") || field.startsWith("10=")) {
                continue;
            }
            fields.add(field);
        }
        return new RawFixMessage(fields);
    }

    public static String utcTimestamp(LocalDateTime time) {
        return UTC_TIMESTAMP.format(time);
    }

    public static String utcNow() {
        return utcTimestamp(LocalDateTime.now(ZoneOffset.UTC));
    }

    public RawFixMessage copy() {
        return new RawFixMessage(new ArrayList<>(fields));
    }

    /** Appends a field (also when the tag is there already). */
    public RawFixMessage add(int tag, String value) {
        fields.add(tag + "=" + value);
        return this;
    }

    /** Replaces the first field with that tag, or appends it. */
    public RawFixMessage set(int tag, String value) {
        int i = indexOf(tag);
        if (i < 0) {
            return add(tag, value);
        }
        fields.set(i, tag + "=" + value);
        return this;
    }

    /** Inserts a field right after the first field with tag {@code after} (appends when there is none). */
    public RawFixMessage insertAfter(int after, int tag, String value) {
        int i = indexOf(after);
        if (i < 0) {
            return add(tag, value);
        }
        fields.add(i + 1, tag + "=" + value);
        return this;
    }

    /** Removes every field with that tag. */
    public RawFixMessage remove(int tag) {
        String prefix = tag + "=";
        fields.removeIf(f -> f.startsWith(prefix));
        return this;
    }

    /** The value of the first field with that tag, or null. */
    public String get(int tag) {
        int i = indexOf(tag);
        return i < 0 ? null : fields.get(i).substring(fields.get(i).indexOf('=') + 1);
    }

    public boolean has(int tag) {
        return indexOf(tag) >= 0;
    }

    public String msgType() {
        return get(35);
    }

    public int seq() {
        String s = get(34);
        return s == null ? -1 : Integer.parseInt(s);
    }

    /** The raw fields (tag=value), mutable: mutations edit them directly. */
    public List<String> fields() {
        return fields;
    }

    /** The tag of every field, in order (fields without '=' left out). */
    public List<Integer> tags() {
        List<Integer> tags = new ArrayList<>();
        for (String f : fields) {
            int eq = f.indexOf('=');
            if (eq > 0) {
                try {
                    tags.add(Integer.parseInt(f.substring(0, eq)));
                } catch (NumberFormatException e) {
                    // not a tag: a broken field
                }
            }
        }
        return tags;
    }

    public int indexOf(int tag) {
        String prefix = tag + "=";
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    /** The well-formed message: 8, 9 (the true length), the fields, 10 (the true checksum). */
    public byte[] encode(String beginString) {
        return encode(beginString, 0, null);
    }

    /**
     * The message with BodyLength off by {@code bodyLengthDelta} and, unless null, {@code checkSum} as its CheckSum
     * (three digits) instead of the true one.
     */
    public byte[] encode(String beginString, int bodyLengthDelta, Integer checkSum) {
        StringBuilder body = new StringBuilder();
        for (String f : fields) {
            body.append(f).append(SOH);
        }
        int bodyLength = body.toString().getBytes(StandardCharsets.ISO_8859_1).length;
        String head = "8=" + beginString + SOH + "9=" + (bodyLength + bodyLengthDelta) + SOH;
        String withoutTrailer = head + body;
        int sum = checksum(withoutTrailer.getBytes(StandardCharsets.ISO_8859_1));
        int declared = checkSum == null ? sum : checkSum;
        return (withoutTrailer + "10=" + String.format("%03d", declared) + SOH).getBytes(StandardCharsets.ISO_8859_1);
    }

    public static int checksum(byte[] bytes) {
        int sum = 0;
        for (byte b : bytes) {
            sum += b & 0xff;
        }
        return sum % 256;
    }

    @Override
    public String toString() {
        return fields.stream().collect(Collectors.joining("|"));
    }
}
