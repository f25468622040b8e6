package io.livestack.venue.fix.internal;

import com.codahale.metrics.MetricRegistry;
import io.livestack.api.telemetry.MetricNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The FIX venues of this bundle that run, by what each takes ({@link VenueClaim}): a venue configuration is started
 * only once its claim is granted, and a configuration that would share a venue id, a FIX store directory or a FIX
 * session with one that runs is refused before its adapter exists ({@link Refused}, naming both files and what they
 * share). The running venue is untouched.
 * <p>
 * A refused configuration does not start by itself when the one it clashed with goes (its component failed to
 * activate; Declarative Services tries again only when its configuration changes): the release logs so.
 * <p>
 * One service for the bundle's factory configurations, which DS activates on its own threads: every method is
 * synchronized. Metrics: with a {@link MetricRegistry} (optional) each refusal counts in
 * {@value MetricNames#VENUE_CONFIG_REFUSED}{venue=the refused configuration's venue id}.
 */
@Component(service = VenueClaims.class)
public final class VenueClaims {

    private static final Logger LOG = LoggerFactory.getLogger(VenueClaims.class);

    /** A configuration refused: the message names both configurations and what they share. */
    static final class Refused extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    /** The claims granted, by PID. */
    private final Map<String, VenueClaim> granted = new LinkedHashMap<>();
    /** The claims refused, by PID, with the PID of the granted claim each clashed with first. */
    private final Map<String, Refusal> refused = new LinkedHashMap<>();
    private MetricRegistry metrics;

    private record Refusal(VenueClaim claim, String holderPid) {
    }

    public VenueClaims() {
    }

    /**
     * Grants the claim of a configuration about to start.
     *
     * @throws Refused when another running configuration takes part of it (logged as an ERROR and counted)
     */
    public synchronized void claim(VenueClaim claim) {
        VenueClaim holder = clash(claim);
        if (holder != null) {
            refused.put(claim.pid(), new Refusal(claim, holder.pid()));
            throw refuse(claim, holder, "refused: it shares " + shared(claim, holder) + " with " + holder.source()
                    + ", which runs venue " + holder.venue() + "; that venue is untouched. Give this file its own "
                    + "venue id, storeDir and CompIDs, or remove it. A refused file does not start by itself when the "
                    + "other goes: change it (or remove it and add it again) to try again");
        }
        granted.put(claim.pid(), claim);
        refused.remove(claim.pid());
    }

    /**
     * Moves a running configuration to its changed claim, or keeps its current claim when the change would clash.
     *
     * @throws Refused when the changed configuration would share part of it with another running one: the venue
     *                 keeps running with its previous settings
     */
    public synchronized void reclaim(VenueClaim current, VenueClaim changed) {
        VenueClaim holder = clash(changed);
        if (holder != null) {
            throw refuse(changed, holder, "change refused: it would share " + shared(changed, holder) + " with "
                    + holder.source() + ", which runs venue " + holder.venue() + "; venue " + current.venue()
                    + " keeps running with its previous settings. Change the file again to settle the clash");
        }
        granted.remove(current.pid());
        forgetRefusedBy(current, changed, "was changed and no longer clashes with it");
        granted.put(changed.pid(), changed);
        refused.remove(changed.pid());
    }

    /** The configuration stopped (removed, or its component deactivated): what it took is free again. */
    public synchronized void release(VenueClaim claim) {
        if (granted.remove(claim.pid()) != null) {
            forgetRefusedBy(claim, null, "stopped");
        }
    }

    synchronized boolean granted(String pid) {
        return granted.containsKey(pid);
    }

    // ------------------------------------------------------------------------------------------ metrics

    @Reference(name = "metricRegistry", service = MetricRegistry.class, cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            unbind = "unbindMetricRegistry")
    synchronized void bindMetricRegistry(MetricRegistry registry) {
        metrics = registry;
    }

    synchronized void unbindMetricRegistry(MetricRegistry registry) {
        if (metrics == registry) {
            metrics = null;
        }
    }

    // ------------------------------------------------------------------------------------------ rules

    /** The first granted claim of another configuration that shares part of this one, or null. */
    private VenueClaim clash(VenueClaim claim) {
        for (VenueClaim other : granted.values()) {
            if (!other.pid().equals(claim.pid()) && !claim.sharedWith(other).isEmpty()) {
                return other;
            }
        }
        return null;
    }

    private Refused refuse(VenueClaim claim, VenueClaim holder, String why) {
        String message = FixVenueSettings.FACTORY_PID + ": " + claim.source() + " (venue " + claim.venue() + ") "
                + why;
        LOG.error(message);
        if (metrics != null) {
            metrics.counter(MetricNames.tagged(MetricNames.VENUE_CONFIG_REFUSED, "venue", claim.venue().value()))
                    .inc();
        }
        return new Refused(message);
    }

    /**
     * The configurations refused because of {@code holder} that {@code next} (its changed claim; null: none) does
     * not clash with are told about in the log, and forgotten.
     */
    private void forgetRefusedBy(VenueClaim holder, VenueClaim next, String what) {
        List<String> waiting = new ArrayList<>();
        refused.values().removeIf(r -> {
            if (r.holderPid().equals(holder.pid()) && (next == null || r.claim().sharedWith(next).isEmpty())) {
                waiting.add(r.claim().source());
                return true;
            }
            return false;
        });
        for (String source : waiting) {
            LOG.warn("{}: {} (venue {}) {}; {}, refused earlier because of it, does not start by itself: change it "
                    + "(or remove it and add it again) to start it", FixVenueSettings.FACTORY_PID, holder.source(),
                    holder.venue(), what, source);
        }
    }

    private static String shared(VenueClaim claim, VenueClaim holder) {
        return String.join(", ", claim.sharedWith(holder));
    }
}
