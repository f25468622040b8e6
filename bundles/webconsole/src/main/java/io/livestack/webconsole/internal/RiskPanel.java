package io.livestack.webconsole.internal;

import io.livestack.api.risk.LimitUsage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The page's risk part: every limit in force per scope with its usage, what `livestack:risk` shows. */
final class RiskPanel {

    private RiskPanel() {
    }

    static List<Object> limits(List<LimitUsage> limits) {
        List<Object> out = new ArrayList<>();
        for (LimitUsage l : limits) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("scope", l.scope());
            m.put("limit", l.key());
            m.put("value", l.limit());
            m.put("usage", l.usage());
            m.put("utilization", Double.isFinite(l.utilization()) ? Math.round(l.utilization() * 1000) / 10.0 : null);
            m.put("breached", l.breached());
            out.add(m);
        }
        return out;
    }
}
