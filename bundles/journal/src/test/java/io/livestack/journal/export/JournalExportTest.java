package io.livestack.journal.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livestack.api.event.ExecutionReport;
import io.livestack.api.event.Sequenced;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.ExecId;
import io.livestack.api.model.ExecType;
import io.livestack.api.model.Fixed;
import io.livestack.api.model.LiquidityFlag;
import io.livestack.api.model.OrderStatus;
import io.livestack.api.model.Side;
import io.livestack.api.model.VenueOrderId;
import io.livestack.api.record.FillRecord;
import io.livestack.api.record.OrderEvent;
import io.livestack.api.record.OrderRecord;
import io.livestack.journal.JournalReader;
import io.livestack.journal.JournalWriter;
import io.livestack.testkit.TestEvents;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalExportTest {

    @TempDir
    Path dir;

    private void journal() throws Exception {
        try (JournalWriter w = JournalWriter.open(dir, 1 << 16, 1, JournalReader.scan(dir, true))) {
            ExecutionReport fill = new ExecutionReport(TestEvents.SIM, 14, ClientOrderId.of("A1"), null,
                    new VenueOrderId("V9"), new ExecId("E1"), ExecType.TRADE, OrderStatus.PARTIALLY_FILLED,
                    TestEvents.BTC, Side.BUY, Fixed.parse("2"), Fixed.parse("50000.5"), Fixed.parse("0.25"),
                    Fixed.parse("50000.5"), Fixed.parse("0.25"), Fixed.parse("1.75"), Fixed.parse("50000.5"),
                    LiquidityFlag.TAKER, Fixed.parse("0.01"), "USD", "say \"hi\"\n", false, 77);
            w.input(new Sequenced(1, 1000, fill));
            w.decision(1, 0, TestEvents.submit(TestEvents.STRAT, TestEvents.SIM, TestEvents.BTC, Fixed.parse("49999"),
                    Fixed.parse("0.5")));
            w.outcome(1, List.of(new FillRecord(1, 1000, TestEvents.SIM, new ExecId("E1"), ClientOrderId.of("A1"),
                    new VenueOrderId("V9"), TestEvents.STRAT, TestEvents.BTC, Side.BUY, Fixed.parse("50000.5"),
                    Fixed.parse("0.25"), LiquidityFlag.TAKER, Fixed.parse("0.01"), "USD", 1000)));
            w.input(new Sequenced(2, 2000, TestEvents.report(TestEvents.SIM, "B1", "E2", ExecType.NEW,
                    OrderStatus.NEW)));
            w.outcome(2, List.of(new OrderRecord(2, 2000, OrderEvent.ACKNOWLEDGED,
                    TestEvents.order("B1", TestEvents.SIM, OrderStatus.NEW))));
        }
    }

    private List<String> export(String... args) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        JournalExport.run(args, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void everyFrameIsOneJsonLineWithExactDecimalsAndEscapedText() throws Exception {
        journal();
        List<String> lines = export(dir.toString());

        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).startsWith("{\"seq\":1,\"frame\":\"INPUT\",\"intakeTimeNanos\":1000,"
                + "\"type\":\"ExecutionReport\",\"event\":{\"venue\":\"SIM\",\"sourceTimeNanos\":14,"
                + "\"clientOrderId\":\"A1\",\"origClientOrderId\":null,\"venueOrderId\":\"V9\",\"execId\":\"E1\","
                + "\"execType\":\"TRADE\",\"orderStatus\":\"PARTIALLY_FILLED\",\"instrument\":\"BTC-USD\","
                + "\"side\":\"BUY\",\"orderQuantity\":\"2\",\"price\":\"50000.5\",\"lastQuantity\":\"0.25\"")
                .contains("\"fee\":\"0.01\",\"feeCurrency\":\"USD\",\"text\":\"say \\\"hi\\\"\\n\","
                        + "\"possibleDuplicate\":false,\"venueSeq\":77,\"execRefId\":null}}");
        assertThat(lines.get(1)).startsWith("{\"seq\":1,\"frame\":\"DECISION\",\"callback\":0,"
                + "\"type\":\"SubmitOrder\",\"intent\":{").contains("\"price\":\"49999\"")
                .contains("\"quantity\":\"0.5\"");
        assertThat(lines.get(2)).startsWith("{\"seq\":1,\"frame\":\"OUTCOME\",\"lastPart\":true,\"records\":"
                + "[{\"type\":\"FillRecord\",\"record\":{\"seq\":1,").contains("\"price\":\"50000.5\"");
        assertThat(lines.get(3)).startsWith("{\"seq\":2,\"frame\":\"INPUT\"");
        assertThat(lines.get(4)).contains("\"type\":\"OrderRecord\"").contains("\"event\":\"ACKNOWLEDGED\"");
    }

    @Test
    void aRangeAndAChoiceOfFramesToAFile() throws Exception {
        journal();
        Path out = dir.resolveSibling("out.jsonl");
        assertThat(export("--from", "2", "--frames", "input,outcome", "--out", out.toString(), dir.toString()))
                .isEmpty();
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("{\"seq\":2,\"frame\":\"INPUT\"");
        assertThat(lines.get(1)).startsWith("{\"seq\":2,\"frame\":\"OUTCOME\"");
        assertThat(export("--to", "1", "--frames", "INPUT", dir.toString())).hasSize(1);
    }

    @Test
    void badArgumentsAreRefusedByName() throws Exception {
        journal();
        assertThatThrownBy(() -> export("--frames", "INPUTS", dir.toString()))
                .hasMessage("--frames: unknown frame kind 'INPUTS'");
        assertThatThrownBy(() -> export("--from", "x", dir.toString()))
                .hasMessage("--from x: expected a sequence number (1 or more)");
        assertThatThrownBy(() -> export("--speed", "2", dir.toString())).hasMessage("unknown option --speed");
        assertThatThrownBy(() -> export()).hasMessage("no journal directory given");
        assertThatThrownBy(() -> export(dir.resolve("nope").toString())).hasMessageEndingWith("is not a directory");
    }
}
