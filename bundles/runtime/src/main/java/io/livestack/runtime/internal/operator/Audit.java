package io.livestack.runtime.internal.operator;

import io.livestack.api.event.Command;
import io.livestack.api.intent.CancelOrder;
import io.livestack.api.intent.Intent;
import io.livestack.api.intent.ReplaceOrder;
import io.livestack.api.intent.SubmitOrder;
import io.livestack.api.record.OperatorActionRecord;
import io.livestack.api.runtime.CommandResult;
import io.livestack.runtime.internal.chain.EventClock;
import io.livestack.runtime.internal.chain.EventRecords;

/**
 * How an operator command ends: who did what, on what, and how it ended is recorded (OperatorActionRecord, with the
 * event that ended it), then the reply is completed — at the end of that event, once its records are handed over.
 * Processing thread only.
 */
final class Audit {

    private final EventRecords records;
    private final EventClock clock;

    Audit(EventRecords records, EventClock clock) {
        this.records = records;
        this.clock = clock;
    }

    void complete(PendingCommand pending, CommandResult result) {
        Command c = pending.command().command();
        records.add(new OperatorActionRecord(clock.seq(), clock.now(), pending.command().user(), c.action(),
                target(c), result.ok() ? "ok" : result.message()));
        records.reply(pending.reply(), result);
    }

    /** A trading control the risk stage asked for, applied under its own user: what broke is in the outcome. */
    void risk(io.livestack.api.risk.RiskAction action, Command c, CommandResult result) {
        String why = action.limit() + ": " + action.detail();
        if (why.length() > 3000) {
            why = why.substring(0, 3000) + "...";
        }
        records.add(new OperatorActionRecord(clock.seq(), clock.now(), io.livestack.api.risk.RiskAction.USER,
                c.action(), target(c), (result.ok() ? "ok" : result.message()) + " -- " + why));
    }

    static String target(Command c) {
        if (c instanceof Command.Kill k) {
            String scope = k.scope().kind() == io.livestack.api.model.TradingScope.Kind.GLOBAL ? "*"
                    : k.scope().toString();
            return k.reason() == null ? scope : scope + ": " + k.reason();
        }
        if (c instanceof Command.CancelAll a) {
            return a.scope().toString();
        }
        if (c instanceof Command.SetTradingState s) {
            return s.scope() + "=" + s.state();
        }
        if (c instanceof Command.ManualIntent m) {
            Intent i = m.intent();
            if (i instanceof SubmitOrder s) {
                return s.venue() + " " + s.instrument() + " " + s.side();
            }
            if (i instanceof CancelOrder co) {
                return co.clientOrderId().value();
            }
            return ((ReplaceOrder) i).clientOrderId().value();
        }
        if (c instanceof Command.StartStrategy s) {
            return String.valueOf(s.strategy());
        }
        if (c instanceof Command.StopStrategy s) {
            return String.valueOf(s.strategy());
        }
        if (c instanceof Command.ConnectVenue v) {
            return String.valueOf(v.venue());
        }
        if (c instanceof Command.DisconnectVenue v) {
            return String.valueOf(v.venue());
        }
        if (c instanceof Command.ResolveVenue v) {
            return v.venue() + (v.cancelInDoubt() ? " (cancel in doubt)" : " (accept)");
        }
        return "session";
    }
}
