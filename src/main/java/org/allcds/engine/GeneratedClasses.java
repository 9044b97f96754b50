package org.allcds.engine;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.drools.base.definitions.InternalKnowledgePackage;
import org.drools.core.rule.JavaDialectRuntimeData;
import org.kie.api.KieBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads every class Drools generated for a KieBase's rules (consequences, their invokers, accessors) before the
 * KieBase serves. Drools defines such a class when its rule first fires, so otherwise the first requests after start-up
 * or a reload would each load the classes of the rules they happen to fire, and a rule that fires rarely would load its
 * class months later, on a clinician's request. A warm-up patient cannot fire every rule; this reaches all of them.
 */
final class GeneratedClasses {

    private static final Logger log = LoggerFactory.getLogger(GeneratedClasses.class);
    private static final String CLASS_FILE = ".class";

    private GeneratedClasses() {
    }

    /** Loads (without initialising) the generated classes of every package of {@code kieBase}; returns how many. */
    static int load(KieBase kieBase) {
        int loaded = 0;
        for (JavaDialectRuntimeData java : javaData(kieBase)) {
            for (String name : names(java)) {
                try {
                    Class.forName(name, false, java.getClassLoader());
                    loaded++;
                } catch (ClassNotFoundException | LinkageError e) {
                    // Not fatal: Drools still defines the class when the rule fires, as it would have without this.
                    log.debug("Generated class {} not loaded ahead: {}", name, e.toString());
                }
            }
        }
        return loaded;
    }

    /** The names of the classes generated for {@code kieBase}'s rules. */
    static Set<String> names(KieBase kieBase) {
        return javaData(kieBase).stream().flatMap(java -> names(java).stream()).collect(Collectors.toSet());
    }

    private static List<JavaDialectRuntimeData> javaData(KieBase kieBase) {
        return kieBase.getKiePackages().stream()
                .map(p -> ((InternalKnowledgePackage) p).getDialectRuntimeRegistry().getDialectData("java"))
                .filter(data -> data instanceof JavaDialectRuntimeData java && java.getStore() != null)
                .map(JavaDialectRuntimeData.class::cast)
                .toList();
    }

    private static List<String> names(JavaDialectRuntimeData java) {
        return java.getStore().keySet().stream().filter(resource -> resource.endsWith(CLASS_FILE))
                .map(resource -> resource.substring(0, resource.length() - CLASS_FILE.length()).replace('/', '.'))
                .toList();
    }
}
