package io.livestack.journal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * Reads what {@link WireOut} wrote, from any {@link ByteBuffer} (a heap array, a mapped segment) between a start and
 * a limit. A value that runs past the limit, an unknown enum ordinal or a negative length is a
 * {@link JournalFormatException} naming what was read and where.
 */
public final class WireIn {

    private ByteBuffer buffer;
    private int position;
    private int limit;
    private byte[] scratch = new byte[256];

    public WireIn() {
        this.buffer = ByteBuffer.allocate(0).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Reads {@code buffer} from {@code from} (inclusive) to {@code to} (exclusive). */
    public WireIn wrap(ByteBuffer source, int from, int to) {
        this.buffer = source.order() == ByteOrder.LITTLE_ENDIAN ? source : source.duplicate().order(
                ByteOrder.LITTLE_ENDIAN);
        this.position = from;
        this.limit = to;
        return this;
    }

    public WireIn wrap(byte[] bytes) {
        return wrap(ByteBuffer.wrap(bytes), 0, bytes.length);
    }

    public int position() {
        return position;
    }

    public int remaining() {
        return limit - position;
    }

    private void need(int n, String what) {
        if (n < 0 || position + n > limit) {
            throw new JournalFormatException("truncated value: " + what + " needs " + n + " bytes at offset "
                    + position + ", " + (limit - position) + " left");
        }
    }

    public int u8() {
        need(1, "byte");
        return buffer.get(position++) & 0xFF;
    }

    public boolean bool() {
        int b = u8();
        if (b > 1) {
            throw new JournalFormatException("not a boolean: " + b + " at offset " + (position - 1));
        }
        return b == 1;
    }

    public int i32() {
        need(4, "int");
        int v = buffer.getInt(position);
        position += 4;
        return v;
    }

    public long i64() {
        need(8, "long");
        long v = buffer.getLong(position);
        position += 8;
        return v;
    }

    public String string() {
        int lengthPlusOne = i32();
        if (lengthPlusOne == 0) {
            return null;
        }
        int n = lengthPlusOne - 1;
        need(n, "string");
        if (buffer.hasArray()) {
            String s = new String(buffer.array(), buffer.arrayOffset() + position, n, StandardCharsets.UTF_8);
            position += n;
            return s;
        }
        if (scratch.length < n) {
            scratch = new byte[Math.max(n, scratch.length * 2)];
        }
        buffer.get(position, scratch, 0, n);
        position += n;
        return new String(scratch, 0, n, StandardCharsets.UTF_8);
    }

    /** A string that must be there. */
    public String requiredString(String what) {
        String s = string();
        if (s == null) {
            throw new JournalFormatException(what + " is missing at offset " + position);
        }
        return s;
    }

    public <T> T id(Function<String, T> factory) {
        String s = string();
        return s == null ? null : factory.apply(s);
    }

    public <E extends Enum<E>> E enumValue(E[] values) {
        int ordinalPlusOne = u8();
        if (ordinalPlusOne == 0) {
            return null;
        }
        if (ordinalPlusOne > values.length) {
            throw new JournalFormatException("unknown " + values.getClass().getComponentType().getSimpleName()
                    + " #" + (ordinalPlusOne - 1) + " at offset " + (position - 1));
        }
        return values[ordinalPlusOne - 1];
    }

    public byte[] bytes(int n) {
        need(n, "bytes");
        byte[] out = new byte[n];
        buffer.get(position, out, 0, n);
        position += n;
        return out;
    }
}
