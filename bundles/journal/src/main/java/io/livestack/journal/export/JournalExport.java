package io.livestack.journal.export;

import io.livestack.api.event.Sequenced;
import io.livestack.api.record.ExecutionRecord;
import io.livestack.journal.Frame;
import io.livestack.journal.FrameKind;
import io.livestack.journal.JournalFormatException;
import io.livestack.journal.JournalReader;
import io.livestack.journal.JsonLines;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * A journal as JSON lines, one frame per line, in journal order: what the Research and Analysis stacks read of a
 * live session (its inputs, the strategies' decisions, the records). Reads the journal directory as it is, without
 * changing it (a journal copied from another machine, or the live one while the runtime appends).
 * <pre>
 *   bin/livestack-journal export [--from SEQ] [--to SEQ] [--frames INPUT,DECISION,...] [--out FILE] DIR
 * </pre>
 * Each line: {@code seq}, {@code frame} (INPUT, DECISION, FAULT, OUTCOME, SNAPSHOT_TAKEN, GAP) and the frame's
 * content — INPUT: {@code intakeTimeNanos}, {@code type} (the event's class), {@code event}; DECISION:
 * {@code callback}, {@code type}, {@code intent}; FAULT: {@code callback}, {@code strategy}, {@code headline},
 * {@code summary}; OUTCOME: {@code lastPart}, {@code records} (each with its {@code type}); SNAPSHOT_TAKEN:
 * {@code stateHash}, {@code file}; GAP: {@code gapFrom}, {@code reason}. Exit status 0, or 2 with the reason on
 * standard error (bad arguments, a journal that cannot be read: the lines before the damage are written).
 */
public final class JournalExport {

    private final long from;
    private final long to;
    private final Set<FrameKind> frames;

    JournalExport(long from, long to, Set<FrameKind> frames) {
        this.from = from;
        this.to = to;
        this.frames = frames;
    }

    public static void main(String[] args) {
        try {
            System.exit(run(args, System.out));
        } catch (IllegalArgumentException e) {
            System.err.println("livestack-journal export: " + e.getMessage());
            System.err.println("usage: export [--from SEQ] [--to SEQ] [--frames INPUT,DECISION,FAULT,OUTCOME,"
                    + "SNAPSHOT_TAKEN,GAP] [--out FILE] JOURNAL_DIRECTORY");
            System.exit(2);
        } catch (IOException | UncheckedIOException | JournalFormatException e) {
            System.err.println("livestack-journal export: " + e.getMessage());
            System.exit(2);
        }
    }

    /** Parses the arguments and writes the lines; returns the exit status (0). */
    static int run(String[] args, java.io.PrintStream stdout) throws IOException {
        long from = 1;
        long to = Long.MAX_VALUE;
        Set<FrameKind> frames = EnumSet.allOf(FrameKind.class);
        Path out = null;
        Path dir = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--from" -> from = seq(args, ++i, "--from");
                case "--to" -> to = seq(args, ++i, "--to");
                case "--out" -> out = Path.of(arg(args, ++i, "--out"));
                case "--frames" -> {
                    frames = EnumSet.noneOf(FrameKind.class);
                    for (String k : arg(args, ++i, "--frames").split(",")) {
                        try {
                            frames.add(FrameKind.valueOf(k.trim().toUpperCase(Locale.ROOT)));
                        } catch (IllegalArgumentException e) {
                            throw new IllegalArgumentException("--frames: unknown frame kind '" + k.trim() + "'");
                        }
                    }
                }
                default -> {
                    if (args[i].startsWith("--")) {
                        throw new IllegalArgumentException("unknown option " + args[i]);
                    }
                    if (dir != null) {
                        throw new IllegalArgumentException("one journal directory, not " + dir + " and " + args[i]);
                    }
                    dir = Path.of(args[i]);
                }
            }
        }
        if (dir == null) {
            throw new IllegalArgumentException("no journal directory given");
        }
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + " is not a directory");
        }
        if (to < from) {
            throw new IllegalArgumentException("--to " + to + " is before --from " + from);
        }
        JournalExport export = new JournalExport(from, to, frames);
        try (Writer w = out == null ? new BufferedWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8))
                : Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            export.write(dir, w);
        }
        return 0;
    }

    /** Writes the frames from..to of the journal in {@code dir} to {@code out}, one line each. */
    long write(Path dir, Writer out) throws IOException {
        StringBuilder line = new StringBuilder(512);
        long[] written = {0};
        JournalReader.read(dir, from, frame -> {
            if (frame.seq() > to) {
                return false;
            }
            if (!frames.contains(frame.kind())) {
                return true;
            }
            line.setLength(0);
            line(frame, line);
            try {
                out.write(line.append('\n').toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            written[0]++;
            return true;
        });
        out.flush();
        return written[0];
    }

    static void line(Frame f, StringBuilder out) {
        out.append("{\"seq\":").append(f.seq()).append(",\"frame\":\"").append(f.kind().name()).append('"');
        switch (f.kind()) {
            case INPUT -> {
                Sequenced s = f.input();
                out.append(",\"intakeTimeNanos\":").append(s.intakeTimeNanos());
                typed(out, "event", s.event());
            }
            case DECISION -> {
                out.append(",\"callback\":").append(f.callback());
                typed(out, "intent", f.decision());
            }
            case FAULT -> {
                String[] fault = f.fault();
                out.append(",\"callback\":").append(f.callback());
                field(out, "strategy", fault[0]);
                field(out, "headline", fault[1]);
                field(out, "summary", fault[2]);
            }
            case OUTCOME -> {
                out.append(",\"lastPart\":").append(f.lastPart()).append(",\"records\":[");
                boolean first = true;
                for (ExecutionRecord r : f.records()) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    out.append("{\"type\":");
                    JsonLines.string(out, r.getClass().getSimpleName());
                    out.append(",\"record\":");
                    JsonLines.value(out, null, r);
                    out.append('}');
                }
                out.append(']');
            }
            case SNAPSHOT_TAKEN -> {
                String[] s = f.snapshotTaken();
                field(out, "stateHash", s[0]);
                field(out, "file", s[1]);
            }
            case GAP -> {
                out.append(",\"gapFrom\":").append(f.gapFrom());
                field(out, "reason", f.gapReason());
            }
            default -> throw new IllegalStateException("unknown frame kind " + f.kind());
        }
        out.append('}');
    }

    private static void typed(StringBuilder out, String name, Object value) {
        field(out, "type", value.getClass().getSimpleName());
        out.append(",\"").append(name).append("\":");
        JsonLines.value(out, null, value);
    }

    private static void field(StringBuilder out, String name, String value) {
        out.append(",\"").append(name).append("\":");
        if (value == null) {
            out.append("null");
        } else {
            JsonLines.string(out, value);
        }
    }

    private static String arg(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static long seq(String[] args, int i, String option) {
        String v = arg(args, i, option);
        try {
            long seq = Long.parseLong(v);
            if (seq < 1) {
                throw new NumberFormatException();
            }
            return seq;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " " + v + ": expected a sequence number (1 or more)");
        }
    }
}
