package io.livestack.shell.internal;

import io.livestack.api.runtime.LiveRuntime;
import io.livestack.api.runtime.RuntimeStatus;
import java.util.Map;
import java.util.TreeMap;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "livestack", name = "status", description = "Shows the runtime at a glance: session, sequence, "
        + "queue, trading state, kill switch and which stages are bound")
@Service
public class StatusCommand extends LiveStackAction {

    @Override
    protected void run() {
        LiveRuntime rt = runtime();
        RuntimeStatus s = rt.status();
        ShellTable table = new ShellTable();
        table.column("Property");
        table.column("Value");
        if (s.halted() != null) {
            table.addRow().addContent("HALTED", s.halted());
        }
        table.addRow().addContent("session", s.session());
        table.addRow().addContent("trading state (global)", s.globalTradingState());
        table.addRow().addContent("kill switch", s.killSwitchEngaged() ? "ENGAGED" : "released");
        table.addRow().addContent("last seq", s.lastSeq());
        table.addRow().addContent("recovery", s.recovery());
        table.addRow().addContent("journal", s.journal());
        table.addRow().addContent("events processed", s.eventsProcessed());
        long capacity = rt.queueCapacity() > 0 ? rt.queueCapacity()
                : rt.counters().getOrDefault("queue.capacity", 0L);
        table.addRow().addContent("queue depth", capacity > 0 ? s.queueDepth() + " / " + capacity : s.queueDepth());
        table.addRow().addContent("conflated", s.conflated());
        Map<String, Boolean> stages = s.stages() == null ? Map.of() : new TreeMap<>(s.stages());
        for (Map.Entry<String, Boolean> e : stages.entrySet()) {
            table.addRow().addContent("stage " + e.getKey(), Boolean.TRUE.equals(e.getValue()) ? "bound"
                    : "MISSING");
        }
        table.print(out());
    }
}
