package io.livestack.journal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes the journal's binary form into a growable buffer: numbers fixed-width little-endian, booleans one byte,
 * strings as a length + 1 ({@code 0} for null, an int) followed by their UTF-8 bytes, enums as their ordinal + 1
 * ({@code 0} for null, one byte). One writer per thread; {@link #reset()} before each value.
 */
public final class WireOut {

    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);

    private byte[] bytes;
    private int position;

    public WireOut(int initialCapacity) {
        bytes = new byte[Math.max(64, initialCapacity)];
    }

    public WireOut() {
        this(1024);
    }

    public WireOut reset() {
        position = 0;
        return this;
    }

    public int length() {
        return position;
    }

    /** The backing array: the first {@link #length()} bytes are what was written. */
    public byte[] array() {
        return bytes;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, position);
    }

    private void ensure(int more) {
        int needed = position + more;
        if (needed > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(needed, bytes.length * 2));
        }
    }

    public void u8(int value) {
        ensure(1);
        bytes[position++] = (byte) value;
    }

    public void bool(boolean value) {
        u8(value ? 1 : 0);
    }

    public void i32(int value) {
        ensure(4);
        INT.set(bytes, position, value);
        position += 4;
    }

    public void i64(long value) {
        ensure(8);
        LONG.set(bytes, position, value);
        position += 8;
    }

    /** Writes {@code value} at an earlier position (a count known only after its items). */
    public void i32At(int at, int value) {
        INT.set(bytes, at, value);
    }

    public void string(String value) {
        if (value == null) {
            i32(0);
            return;
        }
        int n = value.length();
        ensure(4 + n);
        byte[] b = bytes;
        int start = position + 4;
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c >= 0x80) {
                utf8(value);
                return;
            }
            b[start + i] = (byte) c;
        }
        INT.set(bytes, position, n + 1);
        position = start + n;
    }

    private void utf8(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        ensure(4 + utf8.length);
        INT.set(bytes, position, utf8.length + 1);
        System.arraycopy(utf8, 0, bytes, position + 4, utf8.length);
        position += 4 + utf8.length;
    }

    /** An identifier (its {@code toString()}, which for the api's ids is their value), or null. */
    public void id(Object value) {
        string(value == null ? null : value.toString());
    }

    public void enumValue(Enum<?> value) {
        u8(value == null ? 0 : value.ordinal() + 1);
    }

    public void bytes(byte[] value, int offset, int length) {
        ensure(length);
        System.arraycopy(value, offset, bytes, position, length);
        position += length;
    }
}
