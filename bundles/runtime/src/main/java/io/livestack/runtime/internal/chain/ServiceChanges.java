package io.livestack.runtime.internal.chain;

import io.livestack.api.event.BindingEvent;
import io.livestack.api.event.ConfigurationEvent;
import io.livestack.api.event.Sequenced;
import io.livestack.api.record.MetadataRecord;
import io.livestack.api.runtime.Configurable;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the chain does when a service or a configuration changes (the events that announce them, processed in
 * order like any input): a stage or venue binding changes the {@link Bindings} and the stages the chain uses, and
 * the configuration a stage was bound with is put in force; a configuration change goes to the stage whose
 * configuration it is ({@link Configurable}), and is recorded, applied or refused. A venue adapter's binding that the
 * runtime refused ({@link BindingEvent#REFUSED}) is only recorded. Processing thread only.
 */
final class ServiceChanges {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceChanges.class);

    private final Bindings bindings;
    private final EventRecords records;
    private final ChainJournal journal;
    private final Supplier<Stages> stages;
    private final Consumer<Stages> use;

    ServiceChanges(Bindings bindings, EventRecords records, ChainJournal journal, Supplier<Stages> stages,
            Consumer<Stages> use) {
        this.bindings = bindings;
        this.records = records;
        this.journal = journal;
        this.stages = stages;
        this.use = use;
    }

    /** A stage or venue came or went. */
    void binding(Sequenced event, BindingEvent b) {
        if (b.kind() == BindingEvent.Kind.STATE) {
            return;
        }
        String refused = b.properties().get(BindingEvent.REFUSED);
        if (refused != null) { // decided when it came (StageBinder): never used, nothing to undo when it goes
            LOG.info("{} {} of {} {} refused (generation {})", b.kind().name().toLowerCase(Locale.ROOT), b.id(),
                    b.bundle(), b.version(), b.generation());
            records.add(new MetadataRecord(event.seq(), event.intakeTimeNanos(), MetadataRecord.Kind.VENUE, b.id(),
                    "adapter service of " + (b.bundle().isEmpty() ? "an unknown bundle" : "bundle " + b.bundle()
                            + " " + b.version()) + " (generation " + b.generation() + ") " + refused));
            return;
        }
        Guard.run(Stage.CHAIN, () -> bindings.apply(b, journal.replaying()));
        use.accept(bindings.stages());
        LOG.info("{} {} {} (generation {}{})", b.kind().name().toLowerCase(Locale.ROOT), b.id(),
                b.bound() ? "bound" : "unbound", b.generation(),
                b.bundle().isEmpty() ? "" : ", " + b.bundle() + " " + b.version());
        if (b.bound() && !b.properties().isEmpty()) { // the configuration it was bound with is the one in force
            Stages s = stages.get();
            Object stage = switch (b.kind()) {
                case STRATEGY_HOST -> s.present(Stage.STRATEGY_HOST) ? s.host() : null;
                case RISK -> s.present(Stage.RISK) ? s.risk() : null;
                case EXECUTION -> s.present(Stage.EXECUTION) ? s.execution() : null;
                default -> null;
            };
            if (stage instanceof Configurable c) {
                configure(event, c, stageOf(b.kind()), b.properties(), false);
            }
        }
    }

    /** A configuration change, handed to the stage whose configuration it is. */
    void configuration(Sequenced event, ConfigurationEvent c) {
        Stages s = stages.get();
        Object[] candidates = {s.state(), s.present(Stage.STRATEGY_HOST) ? s.host() : null,
            s.present(Stage.RISK) ? s.risk() : null, s.present(Stage.EXECUTION) ? s.execution() : null};
        Stage[] labels = {Stage.STATE, Stage.STRATEGY_HOST, Stage.RISK, Stage.EXECUTION};
        for (int i = 0; i < candidates.length; i++) {
            if (candidates[i] instanceof Configurable stage && c.pid().equals(stage.configurationPid())) {
                configure(event, stage, labels[i], c.properties(), true);
                return;
            }
        }
        records.add(new MetadataRecord(event.seq(), event.intakeTimeNanos(), MetadataRecord.Kind.CONFIG, c.pid(),
                "not applied: no bound stage takes this configuration"));
    }

    private void configure(Sequenced event, Configurable stage, Stage label, Map<String, String> given,
            boolean record) {
        Map<String, String> properties = journal.configuration(stage.configurationPid(), given);
        try {
            Guard.run(label, () -> stage.configure(properties));
            if (record) {
                records.add(new MetadataRecord(event.seq(), event.intakeTimeNanos(), MetadataRecord.Kind.CONFIG,
                        stage.configurationPid(), "in force: " + properties));
            }
        } catch (StageFailure f) {
            records.add(new MetadataRecord(event.seq(), event.intakeTimeNanos(), MetadataRecord.Kind.CONFIG,
                    stage.configurationPid(), "refused, the one before stays: " + f.getCause().getMessage()));
        }
    }

    private static Stage stageOf(BindingEvent.Kind kind) {
        return switch (kind) {
            case STRATEGY_HOST -> Stage.STRATEGY_HOST;
            case RISK -> Stage.RISK;
            case EXECUTION -> Stage.EXECUTION;
            default -> Stage.CHAIN;
        };
    }
}
