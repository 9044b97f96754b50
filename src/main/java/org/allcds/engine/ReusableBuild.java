package org.allcds.engine;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The reloader's last DRL build, offered again to a reload whose DRL files are exactly the same: an edit of
 * {@code config.yaml} or {@code services.yaml} only (a threshold, a service's packages) then reuses the KieBase instead
 * of compiling every rule again. A KieBase depends on the DRL texts alone; configuration and services reach the new
 * rule set and are checked and gated as usual. Each rule set made from the build holds it, and so does this holder
 * until a build of other DRL replaces it or {@link #release} is called; the build is disposed when the last lets go.
 */
final class ReusableBuild {

    private Shared last;

    /** The last build as a new holder's share, if {@code drlFiles} are the DRL it was built from; otherwise null. */
    synchronized RuleCompiler.Built reuse(Map<String, String> drlFiles) {
        return last == null ? null : last.share(drlFiles);
    }

    /** True when a reload of {@code drlFiles} would reuse the kept build instead of compiling. */
    synchronized boolean holds(Map<String, String> drlFiles) {
        return last != null && last.drlFiles.equals(drlFiles);
    }

    /** Keeps {@code built} (a build that compiled) for the next reload, and returns a share of it for its rule set. */
    synchronized RuleCompiler.Built keep(Map<String, String> drlFiles, RuleCompiler.Built built) {
        release();
        last = new Shared(Map.copyOf(drlFiles), built);
        return last.share(drlFiles);
    }

    /** Lets the kept build go (it is disposed once no rule set holds it either). Idempotent. */
    synchronized void release() {
        if (last != null) {
            last.drop();
            last = null;
        }
    }

    /** A build held by its holder and by every rule set made from it; disposed when the last one drops it. */
    private static final class Shared {
        private final Map<String, String> drlFiles;
        private final RuleCompiler.Built built;
        private int holders = 1;

        Shared(Map<String, String> drlFiles, RuleCompiler.Built built) {
            this.drlFiles = drlFiles;
            this.built = built;
        }

        synchronized RuleCompiler.Built share(Map<String, String> drl) {
            if (holders == 0 || !drlFiles.equals(drl)) {
                return null;
            }
            holders++;
            AtomicBoolean dropped = new AtomicBoolean();
            return new RuleCompiler.Built(built.releaseId(), built.kieBase(), () -> {
                if (dropped.compareAndSet(false, true)) {
                    drop();
                }
            }, built.problems());
        }

        synchronized void drop() {
            if (--holders == 0) {
                built.dispose().run();
            }
        }
    }
}
