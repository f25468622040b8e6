package io.livestack.itests;

import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.wiring.FrameworkWiring;

import io.livestack.testkit.Await;
import io.livestack.itests.support.LivestackTestSupport;

/**
 * Hot redeployment: a Live Stack bundle uninstalled while the container runs, and installed again from its
 * location, comes back ACTIVE with its components ready, and so does the rest of the stack. A Karaf of its own,
 * so that the other tests never see the stack mid-redeploy.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class BundleRedeployIT extends LivestackTestSupport {

    private static final String METRICS = "io.livestack.metrics";

    @Test
    public void metricsBundleCanBeUninstalledAndInstalledAgainWhileTheContainerRuns() throws Exception {
        Bundle metrics = Await.value(METRICS + " ACTIVE", Await.DEFAULT_TIMEOUT, () -> bundle(METRICS),
                b -> b != null && b.getState() == Bundle.ACTIVE);
        Await.value("components of " + METRICS + " ready before the redeploy", Await.DEFAULT_TIMEOUT,
                () -> componentProblems(List.of(metrics)), List::isEmpty);
        String location = metrics.getLocation();

        metrics.uninstall();
        assertNull(METRICS + " is gone", bundle(METRICS));
        refresh(metrics);

        Bundle reinstalled = bundleContext.installBundle(location);
        reinstalled.start();

        Await.until(METRICS + " ACTIVE again", Await.DEFAULT_TIMEOUT, () -> reinstalled.getState() == Bundle.ACTIVE);
        assertTrue(METRICS + " declares components", componentCount(List.of(reinstalled)) > 0);
        Await.value("components of the reinstalled " + METRICS + " SATISFIED or ACTIVE", Await.DEFAULT_TIMEOUT,
                () -> componentProblems(List.of(reinstalled)), List::isEmpty);
        Await.value("the whole stack ready again", Await.DEFAULT_TIMEOUT,
                () -> componentProblems(livestackBundles()), List::isEmpty);
        assertNotNull(bundle(METRICS));
    }

    /** Drops the uninstalled revision (and restarts whatever was wired to it), like bundle:uninstall + refresh. */
    private void refresh(Bundle uninstalled) throws InterruptedException {
        FrameworkWiring wiring = bundleContext.getBundle(0).adapt(FrameworkWiring.class);
        CountDownLatch refreshed = new CountDownLatch(1);
        wiring.refreshBundles(List.of(uninstalled), event -> {
            if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED) {
                refreshed.countDown();
            }
        });
        assertTrue("refresh finished", refreshed.await(Await.DEFAULT_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
    }
}
