package org.allcds.engine;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.drools.core.common.InternalWorkingMemoryEntryPoint;
import org.drools.core.common.TruthMaintenanceSystem;
import org.drools.tms.TruthMaintenanceSystemFactoryImpl;
import org.drools.tms.TruthMaintenanceSystemImpl;

/**
 * Drools' truth maintenance factory with the per-session lookup made concurrent. Drools keeps the truth maintenance
 * system of every session's entry point in one map for the whole JVM, a synchronized IdentityHashMap, and looks it up
 * on every {@code insertLogical} (the rules derive their facts that way) and again when a pooled
 * session is reset: under load every evaluating request queued on that one lock. Here the map is a ConcurrentHashMap,
 * whose reads take no lock; the rest is Drools' own.
 *
 * <p>The lifecycle is unchanged: an entry lives from a session's first logical insertion until the session is reset
 * (a pooled session, on going back to its pool). The map holds entries strongly, as Drools' does: a weak-keyed map
 * would not let them go, because each system refers to its entry point. Entry points do not override
 * {@code equals}/{@code hashCode}, so they are compared by identity as in Drools' map.
 *
 * <p>Drools finds its services with {@code java.util.ServiceLoader} and takes the one of highest priority; this one is
 * listed in {@code META-INF/services} and ranks above Drools' own (priority 0).
 */
public final class ConcurrentTruthMaintenance extends TruthMaintenanceSystemFactoryImpl {

    private final Map<InternalWorkingMemoryEntryPoint, TruthMaintenanceSystem> systems = new ConcurrentHashMap<>();

    @Override
    public int servicePriority() {
        return 1;
    }

    @Override
    public TruthMaintenanceSystem getOrCreateTruthMaintenanceSystem(InternalWorkingMemoryEntryPoint entryPoint) {
        TruthMaintenanceSystem known = systems.get(entryPoint);
        return known != null ? known : systems.computeIfAbsent(entryPoint, TruthMaintenanceSystemImpl::new);
    }

    @Override
    public void clearTruthMaintenanceSystem(InternalWorkingMemoryEntryPoint entryPoint) {
        TruthMaintenanceSystem removed = systems.remove(entryPoint);
        if (removed != null) {
            removed.clear();
        }
    }

    @Override
    public int getEntryPointsMapSize() {
        return systems.size();
    }

    @Override
    public void clearEntryPointsMap() {
        systems.clear();
    }
}
