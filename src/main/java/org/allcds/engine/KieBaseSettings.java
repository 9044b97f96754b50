package org.allcds.engine;

import org.kie.api.KieBaseConfiguration;
import org.kie.api.KieServices;
import org.kie.internal.conf.ShareBetaNodesOption;

/** How every KieBase of a rule set is configured: compiled from DRL, loaded precompiled, or a service's subset. */
final class KieBaseSettings {

    private KieBaseSettings() {
    }

    /**
     * Join (beta) nodes are not shared between rules. Shared, Drools 10.2 lost the risk package's COG group in the
     * KieBase that holds every package (the order-sign service's) once one more relapse rule was added, even one that
     * never fires; which rule set showed it depended on the rest of the network ({@code ServiceSessionsTest}).
     * Alpha nodes (single-fact constraints) stay shared.
     */
    static KieBaseConfiguration configuration(ClassLoader classes) {
        KieBaseConfiguration configuration = KieServices.Factory.get().newKieBaseConfiguration(null, classes);
        configuration.setOption(ShareBetaNodesOption.NO);
        return configuration;
    }
}
