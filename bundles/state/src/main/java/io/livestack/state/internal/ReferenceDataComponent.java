package io.livestack.state.internal;

import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The instrument reference data's configuration ({@code etc/livestack.refdata.cfg}, PID {@value ReferenceDataParser#PID})
 * handed to the state store, which puts it in force in the order of events like its own configuration. A component of
 * its own because Felix SCR does not merge a second configuration PID into the store's. A file that is not valid is
 * refused with every bad key and value named (an unknown key too), and the reference data in force stays; a file
 * removed takes the reference data away (no instrument has any; none is refused for want of it).
 */
@Component(service = {}, immediate = true, configurationPid = ReferenceDataParser.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
public final class ReferenceDataComponent {

    private static final Logger LOG = LoggerFactory.getLogger(ReferenceDataComponent.class);

    private final InMemoryStateStore store;

    @Activate
    public ReferenceDataComponent(@Reference(target = "(component.name=io.livestack.state.internal.InMemoryStateStore)")
            io.livestack.api.state.StateStore store, Map<String, Object> properties) {
        this.store = (InMemoryStateStore) store;
        give(properties);
    }

    @Modified
    void modified(Map<String, Object> properties) {
        give(properties);
    }

    /** ComponentConstants.DEACTIVATION_REASON_CONFIGURATION_DELETED (DS 1.1). */
    static final int CONFIGURATION_DELETED = 4;

    @Deactivate
    void deactivate(int reason) {
        if (reason == CONFIGURATION_DELETED) {
            LOG.warn("etc/livestack.refdata.cfg is gone: no reference data from now on");
            store.referenceDataGiven(Map.of());
        }
    }

    private void give(Map<String, Object> properties) {
        Map<String, String> text = new java.util.TreeMap<>();
        java.util.List<String> unknown = new java.util.ArrayList<>();
        properties.forEach((k, v) -> {
            if (ReferenceDataParser.isReferenceData(k)) {
                text.put(k, String.valueOf(v));
            } else if (!k.startsWith("service.") && !k.startsWith("component.") && !k.startsWith("felix.")
                    && !k.startsWith("osgi.") && !k.startsWith(".") && !k.startsWith("$")
                    && !k.endsWith(".target")) { // a reference's target (DS adds "$000.target" for the store's)
                unknown.add(k + "='" + v + "'");
            }
        });
        if (!unknown.isEmpty()) {
            LOG.error("Reference data not applied, the one in force stays: not reference data keys (reportingCurrency, "
                    + "refuseUnknownInstruments, fx.CCY, instrument.ID.FIELD): {}", String.join(", ", unknown));
            return;
        }
        try {
            store.referenceDataGiven(text);
        } catch (IllegalArgumentException e) {
            LOG.error("Reference data not applied, the one in force stays: {}", e.getMessage());
        }
    }
}
