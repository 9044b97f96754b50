package org.allcds.engine;

import org.drools.base.rule.EntryPointId;
import org.drools.core.RuleBaseConfiguration;
import org.drools.core.common.EntryPointFactory;
import org.drools.core.common.IdentityObjectStore;
import org.drools.core.common.ObjectStore;
import org.drools.core.common.ReteEvaluator;
import org.drools.core.impl.InternalRuleBase;
import org.drools.core.reteoo.EntryPointNode;
import org.drools.core.rule.accessor.FactHandleFactory;
import org.drools.kiesession.entrypoints.NamedEntryPoint;
import org.drools.kiesession.entrypoints.NamedEntryPointFactory;
import org.drools.kiesession.factory.RuntimeComponentFactoryImpl;

/**
 * Drools' runtime components with one change: a session keeps its facts in one identity map instead of a store per
 * fact class. Drools picks the per-class store for every KieBase that may still gain rules while sessions live, so
 * that a new pattern can find the facts of its class; a pooled session's reset drops those stores, and every call
 * built them again (one per class, each checked against all the others): 3 % of a hook call's CPU. Rules are never
 * added to a KieBase that has sessions here (a reload builds a new rule set), and the identity store still answers a
 * per-class question, by a scan, should one come. The facts, their handles and what the rules see are the same.
 * A KieBase with equality assert behaviour keeps Drools' own choice.
 *
 * <p>Drools finds its services with {@code java.util.ServiceLoader} and takes the one of highest priority; this one is
 * listed in {@code META-INF/services} and ranks above Drools' own (priority 0).
 */
public final class IdentityFactStores extends RuntimeComponentFactoryImpl {

    @Override
    public int servicePriority() {
        return 1;
    }

    @Override
    public EntryPointFactory getEntryPointFactory() {
        return new EntryPoints();
    }

    private static final class EntryPoints extends NamedEntryPointFactory {
        @Override
        public NamedEntryPoint createEntryPoint(InternalRuleBase ruleBase, ReteEvaluator reteEvaluator,
                                                FactHandleFactory handles, EntryPointId id, EntryPointNode node) {
            return new IdentityStoreEntryPoint(ruleBase, reteEvaluator, handles, id, node);
        }
    }

    private static final class IdentityStoreEntryPoint extends NamedEntryPoint {
        IdentityStoreEntryPoint(InternalRuleBase ruleBase, ReteEvaluator reteEvaluator, FactHandleFactory handles,
                                EntryPointId id, EntryPointNode node) {
            super(ruleBase, reteEvaluator, handles, id, node);
        }

        @Override
        protected ObjectStore createObjectStore(EntryPointId id, RuleBaseConfiguration conf, ReteEvaluator reteEvaluator) {
            return conf.getAssertBehaviour() == RuleBaseConfiguration.AssertBehaviour.EQUALITY
                    ? super.createObjectStore(id, conf, reteEvaluator)
                    : new IdentityObjectStore();
        }
    }
}
