package io.livestack.itests.support;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import org.junit.Test;

public class PrometheusTextTest {

    @Test
    public void readsTypedFamiliesWithLabelsAndSummaries() {
        PrometheusText p = PrometheusText.parse("# HELP a_total x\n# TYPE a_total counter\n"
                + "a_total{venue=\"SIM\",strategy=\"m\\\"1\"} 3\n# TYPE l_seconds summary\n"
                + "l_seconds{quantile=\"0.5\"} 1.0E-4\nl_seconds_count 2\n");

        assertEquals("counter", p.types.get("a_total"));
        assertEquals(3.0, p.named("a_total").get(0).value, 0);
        assertEquals("m\\\"1", p.named("a_total").get(0).labels.get("strategy"));
        assertEquals(2.0, p.named("l_seconds_count").get(0).value, 0);
    }

    @Test
    public void refusesUntypedSamplesBadLinesAndDoubleTypes() {
        assertThrows(IllegalArgumentException.class, () -> PrometheusText.parse("x 1\n"));
        assertThrows(IllegalArgumentException.class, () -> PrometheusText.parse("# TYPE x gauge\nx one\n"));
        assertThrows(IllegalArgumentException.class, () -> PrometheusText.parse("# TYPE x gauge\n# TYPE x gauge\n"));
        assertThrows(IllegalArgumentException.class, () -> PrometheusText.parse("# TYPE x gauge\nx{a=b} 1\n"));
    }
}
