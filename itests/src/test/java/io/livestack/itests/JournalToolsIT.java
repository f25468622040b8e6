package io.livestack.itests;

import static io.livestack.itests.support.Distribution.table;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.livestack.itests.support.Distribution;
import io.livestack.itests.support.LivestackTestSupport;
import io.livestack.testkit.Await;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.BlockJUnit4ClassRunner;

/**
 * The journal's tools on the real distribution, outside any container: the demo trades, and
 * <ul>
 * <li>{@code livestack:journal verify} replays a copy of the live journal offline while the session runs:
 * IDENTICAL;</li>
 * <li>after a clean stop, {@code bin/livestack-journal verify} on the journal, the strategies called again:
 * IDENTICAL (exit 0); their journaled decisions replayed, with a risk limit
 * below the demo's order size ({@code --config livestack.risk=FILE}): DIVERGED at the first event the risk stage
 * decided otherwise, named (exit 1);</li>
 * <li>{@code bin/livestack-journal export}: one JSON object per frame, the fills among them;</li>
 * <li>a byte flipped in the middle of the journal: the restarted runtime is HALTED with the reason (file and offset)
 * on {@code livestack:status}, takes no event, and {@code livestack:journal start-fresh} starts it on an empty
 * state with the kill switch engaged, the damaged journal kept aside.</li>
 * </ul>
 */
@RunWith(BlockJUnit4ClassRunner.class)
public class JournalToolsIT {

    static final Duration WAIT = Duration.ofSeconds(90);
    static final Duration TOOL = Duration.ofMinutes(5);

    private Distribution dist;

    @After
    public void nothingLeftBehind() throws Exception {
        if (dist != null) {
            dist.close();
        }
    }

    @Test
    public void aLiveJournalIsVerifiedExportedAndADamagedOneHaltsTheRuntime() throws Exception {
        dist = Distribution.unpack("journal-tools");
        String sim = Integer.toString(LivestackTestSupport.freePorts(1)[0]);
        Distribution.setProperty(dist.etc("livestack.fixsim.cfg"), "port", sim);
        Distribution.setProperty(dist.etc("livestack.venue.fix-FIXSIM.cfg"), "port", sim);
        Path journal = dist.home().resolve("data/livestack/journal");

        // ---- the demo trades; its journal is verified from a copy while it runs
        dist.start();
        Await.until("the demo's strategies filled orders", Duration.ofMinutes(3), Duration.ofSeconds(1), () -> {
            try {
                return table(dist.shell("livestack:fills -n 1000")).size() >= 5;
            } catch (RuntimeException e) {
                return false;
            }
        });
        String live = dist.shell("livestack:journal --timeout 240 verify", TOOL);
        assertTrue("the live journal verifies: " + live, live.trim().startsWith("IDENTICAL: "));
        dist.stop();

        // ---- offline: identical, then a what-if risk limit
        Tool same = tool("verify", journal.toString());
        assertEquals("exit status of an identical replay: " + same, 0, same.exit);
        assertTrue(same.out, same.out.contains("IDENTICAL: ") && same.out.contains("snapshot state hashes checked")
                && same.out.contains("strategies called, their decisions compared"));

        Path tight = Files.writeString(dist.home().getParent().resolve("tight-risk.cfg"), "maxOrderQuantity = 0.005\n");
        Tool changed = tool("verify", "--strategies", "replay", "--config", "livestack.risk=" + tight,
                journal.toString());
        assertEquals("exit status of a divergent replay: " + changed, 1, changed.exit);
        assertTrue(changed.out, changed.out.contains("DIVERGED: ") && changed.out.contains("(risk)")
                && changed.out.contains("MAX_ORDER_QUANTITY") && changed.out.contains("what-if configuration")
                && changed.out.contains("strategies' journaled decisions replayed"));
        Tool wrong = tool("verify", "--strategies", "sometimes", journal.toString());
        assertEquals("a bad option: " + wrong, 2, wrong.exit);
        assertTrue(wrong.out, wrong.out.contains("--strategies sometimes: expected call or replay"));
        assertTrue("the recorded configuration that differs is named: " + changed.out, changed.out.contains(
                "config:livestack.risk:maxOrderQuantity: recorded 1000, here 0.005"));

        Tool export = tool("export", "--frames", "OUTCOME", journal.toString());
        assertEquals(export.out, 0, export.exit);
        List<String> lines = export.out.lines().filter(l -> l.startsWith("{")).toList();
        assertFalse("records exported", lines.isEmpty());
        assertTrue("every line one OUTCOME object", lines.stream().allMatch(l -> l.contains("\"frame\":\"OUTCOME\"")
                && l.endsWith("}")));
        assertTrue("fills exported", lines.stream().anyMatch(l -> l.contains("\"type\":\"FillRecord\"")));

        // ---- a damaged journal: HALTED with the reason, then an operator starts afresh
        Path segment;
        try (Stream<Path> files = Files.list(journal)) {
            segment = files.filter(f -> f.getFileName().toString().endsWith(".lsj")).sorted().findFirst()
                    .orElseThrow();
        }
        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(1);
            ch.read(b, 200);
            b.put(0, (byte) ~b.get(0));
            ch.write(b.rewind(), 200);
        }
        for (Path snapshot : snapshots(journal)) { // recovery must read the damaged segment, not start after it
            Files.delete(snapshot);
        }
        dist.start();
        String halted = Await.value("the restarted runtime HALTED with the reason", Distribution.BOOT,
                () -> status("HALTED"), h -> h != null);
        assertTrue(halted, halted.contains(segment.getFileName().toString()) && halted.contains("recovery"));
        assertEquals("nothing processed while HALTED", "0", status("events processed"));
        String fresh = dist.shell("livestack:journal start-fresh");
        assertTrue(fresh, fresh.contains("moved aside"));
        Await.until("running again on an empty state, kill switch engaged", WAIT,
                () -> status("HALTED") == null && "ENGAGED".equals(status("kill switch")));
        try (Stream<Path> dirs = Files.list(journal.getParent())) {
            assertTrue("the damaged journal is kept aside", dirs.anyMatch(d -> d.getFileName().toString()
                    .startsWith("journal-set-aside-")));
        }
    }

    private String status(String row) {
        try {
            return dist.status(row);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static List<Path> snapshots(Path journal) throws IOException {
        try (Stream<Path> files = Files.list(journal)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".lss")).toList();
        }
    }

    /** bin/livestack-journal with these arguments: exit status and output. */
    private Tool tool(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(dist.home().resolve("bin/livestack-journal").toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dist.home().getParent(), "tool", ".out");
        ProcessBuilder pb = new ProcessBuilder(command).directory(dist.home().toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("TMPDIR", dist.home().getParent().toString());
        Process p = pb.start();
        if (!p.waitFor(TOOL.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " did not end within " + TOOL);
        }
        return new Tool(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    }

    record Tool(int exit, String out) {
    }
}
