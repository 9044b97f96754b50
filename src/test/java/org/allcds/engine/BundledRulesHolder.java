package org.allcds.engine;

import java.nio.file.Path;

/** A process that unpacks the bundled rules under the folder it is given, prints where, and keeps the copy until killed. */
final class BundledRulesHolder {

    private BundledRulesHolder() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.out.println(BundledRules.unpack(Path.of(args[0])));
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
