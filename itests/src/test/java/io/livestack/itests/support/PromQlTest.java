package io.livestack.itests.support;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.Test;

public class PromQlTest {

    @Test
    public void namesAreTheIdentifiersThatAreNoFunctionKeywordLabelOrNumber() {
        String expr = "sum by (instance, reason) (rate(livestack_risk_rejections_total{instance=~\"$instance\"}[5m]"
                + " offset 1h)) > 3 * on (instance) group_left(reason) max without (venue) (rec:rule_name)"
                + " unless bool 1e3 and Inf or -NaN + 0x1F * avg(a_gauge) by (job) # comment_metric\n"
                + " / sum(increase(b_total[1h30m:1m] @ start()))";

        assertEquals(Set.of("livestack_risk_rejections_total", "rec:rule_name", "a_gauge", "b_total"),
                PromQl.metricNames(expr));
    }

    @Test
    public void stringsDurationsAndRangesAreSkipped() {
        assertEquals(Set.of("up"), PromQl.metricNames(
                "label_replace(up, \"dst\", \"livestack_not_a_metric $1\", \"src\", \"(.*)\")"));
        assertEquals(Set.of("x_total"), PromQl.metricNames("increase(x_total[5m] offset -10m)"));
        assertEquals(Set.of("x_total"), PromQl.metricNames("rate(x_total[$__rate_interval])"));
        assertEquals(Set.of("x"), PromQl.metricNames("max_over_time(x[1h:30s])"));
        assertEquals(Set.of("x"), PromQl.metricNames("x{a='it\\'s'}"));
        assertEquals(Set.of("x"), PromQl.metricNames("x{a=`raw \\ string`}"));
    }

    @Test
    public void labelsOfMatchersAreCollectedPerSelectorWithTheFunctionAroundIt() {
        List<PromQl.Selector> s = PromQl.read("sum by (venue) (rate(o_total{venue=~\"$venue\",strategy!=\"x\"}[1m]))"
                + " / on (venue) group_left sum without (strategy) (g{\"quoted\"=\"q\"}) + topk(3, h)").selectors();

        assertEquals(3, s.size());
        assertEquals(new PromQl.Selector("o_total", Set.of("venue", "strategy"), "rate"), s.get(0));
        assertEquals(new PromQl.Selector("g", Set.of("quoted"), "sum"), s.get(1));
        assertEquals(new PromQl.Selector("h", Set.of(), "topk"), s.get(2));
        assertNull(PromQl.read("(x)").selectors().get(0).function());
    }

    @Test
    public void aNameMatcherNamesTheMetric() {
        List<PromQl.Selector> s = PromQl.read("{__name__=\"livestack_venue_up\", venue=\"SIM\"} == 0").selectors();
        assertEquals(List.of(new PromQl.Selector("livestack_venue_up", Set.of("venue"), null)), s);
        assertThrows(IllegalArgumentException.class, () -> PromQl.read("{__name__=~\"livestack_.*\"}"));
        assertThrows(IllegalArgumentException.class, () -> PromQl.read("{venue=\"SIM\"}"));
    }

    @Test
    public void grafanaVariablesAreCollectedInStringsRangesAndExpressions() {
        PromQl.Reads r = PromQl.read("topk($n, x{a=~\"${venue:regex}|$instance\", b=\"$1\"}[$__rate_interval])"
                + " and [[legacy]]");
        assertEquals(Set.of("n", "venue", "instance", "__rate_interval", "legacy"), r.variables());
        assertEquals(Set.of("x"), r.metrics());
    }

    @Test
    public void misspelledFunctionsAndBrokenSyntaxAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PromQl.read("rat(x_total[5m])"));
        assertTrue(e.getMessage(), e.getMessage().contains("'rat(' is no PromQL function"));
        assertThrows(IllegalArgumentException.class, () -> PromQl.read("sum(rate(x_total[5m])"));
        assertThrows(IllegalArgumentException.class, () -> PromQl.read("x{a=\"b}"));
        assertThrows(IllegalArgumentException.class, () -> PromQl.read("x{a=b}"));
        assertThrows(IllegalArgumentException.class, () -> PromQl.read("x[5q]"));
        assertThrows(IllegalArgumentException.class, () -> PromQl.read("sum by (a, 1) (x)"));
        assertThrows(IllegalArgumentException.class, () -> PromQl.read("x}"));
        assertThrows(IllegalArgumentException.class, () -> PromQl.read("x ; y"));
    }
}
