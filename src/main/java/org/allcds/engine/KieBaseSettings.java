package org.allcds.engine;

import org.kie.api.KieBaseConfiguration;
import org.kie.api.KieServices;
import org.kie.internal.conf.ShareBetaNodesOption;

/** How every KieBase of a rule set is configured: compiled from DRL, loaded precompiled, or a service's subset. */
final class KieBaseSettings {

    private KieBaseSettings() {
    }

    /**
     * The KieBase holding every package (the order-sign service's): join (beta) nodes not shared between rules. Shared,
     * Drools 10.2 lost the risk package's COG group there once one more relapse rule was added, even one that never
     * fires; which rule set showed it depended on the rest of the network ({@code ServiceSessionsTest}).
     */
    static KieBaseConfiguration whole(ClassLoader classes) {
        KieBaseConfiguration configuration = KieServices.Factory.get().newKieBaseConfiguration(null, classes);
        configuration.setOption(ShareBetaNodesOption.NO);
        return configuration;
    }

    /**
     * A service's own KieBase (a subset of the packages): Drools' defaults, nodes shared, which the patient-view hook
     * needs (without sharing a relapse call took about a third more CPU, bench/RESULTS.md). {@code ServiceSessionsTest}
     * holds each to the whole rule set, filtered to the service, on every worked example.
     */
    static KieBaseConfiguration subset(ClassLoader classes) {
        return KieServices.Factory.get().newKieBaseConfiguration(null, classes);
    }
}
