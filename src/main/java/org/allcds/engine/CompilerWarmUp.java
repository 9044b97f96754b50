package org.allcds.engine;

/**
 * What the DRL compiler is warmed with after a start when the folder is watched: the folder's own rule set under a
 * hash of its own, so that it compiles from DRL instead of being taken precompiled from the jar, and is then thrown
 * away. A start loads the precompiled set, so without this the first reload after an author's edit was also the JVM's
 * first DRL compile: the parser, the Drools and Eclipse compilers and MVEL loaded and run interpreted (on the shared
 * machine 11-14 s of CPU against 6-8 s for later reloads). A small synthetic rule set was tried first: it loaded the
 * classes but left the compilers' code uncompiled by the JIT, and gained little.
 */
final class CompilerWarmUp {

    private CompilerWarmUp() {
    }

    /** The folder's rules, compiled as an edited copy would be: from DRL, never from the jar's precompiled set. */
    static RuleSetSource source(RuleSetSource folder) {
        return new RuleSetSource(folder.dir(), folder.files(), folder.hash() + "-warm-up");
    }
}
