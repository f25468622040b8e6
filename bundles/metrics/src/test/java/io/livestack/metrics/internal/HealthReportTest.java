package io.livestack.metrics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.livestack.api.telemetry.Health;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HealthReportTest {

    @Test
    void rendersEveryComponentWithStatusDetailAndSortedDetails() {
        Map<String, Health> components = new LinkedHashMap<>();
        components.put("processingLoop", new Health(Health.Status.UP, "answering",
                Map.of("session", "RUNNING", "lastSeq", "7")));
        components.put("venues", Health.down("1 of 2 venues logged on; not logged on: FIX1 DISCONNECTED")
                .withDetails(Map.of("FIX1", "DISCONNECTED")));

        HealthReport report = HealthReport.of(components);

        assertThat(report.toJson()).isEqualTo("{\"status\":\"DOWN\",\"components\":{"
                + "\"processingLoop\":{\"status\":\"UP\",\"detail\":\"answering\","
                + "\"details\":{\"lastSeq\":\"7\",\"session\":\"RUNNING\"}},"
                + "\"venues\":{\"status\":\"DOWN\",\"detail\":\"1 of 2 venues logged on; not logged on: FIX1 "
                + "DISCONNECTED\",\"details\":{\"FIX1\":\"DISCONNECTED\"}}}}");
        assertThat(report.httpStatus()).isEqualTo(503);
    }

    @Test
    void escapesTextInJson() {
        HealthReport report = HealthReport.of(Map.of("x", Health.down("say \"hi\"\n<script>\\")));

        assertThat(report.toJson()).contains("\"detail\":\"say \\\"hi\\\"\\n\\u003cscript\\u003e\\\\\"");
    }

    @Test
    void unknownAndDegradedDoNotFailTheWhole() {
        assertThat(HealthReport.of(Map.of("a", Health.unknown("?"), "b", Health.up("ok"))).status())
                .isEqualTo(Health.Status.UP);
        assertThat(HealthReport.of(Map.of("a", Health.degraded("slow"), "b", Health.up("ok"))).httpStatus())
                .isEqualTo(200);
    }
}
