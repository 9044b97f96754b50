package org.allcds.files;

import java.nio.file.Path;

/** A process that creates an owned folder under the folder it is given, prints where, and holds it until killed. */
final class OwnedFolderHolder {

    private OwnedFolderHolder() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.out.println(OwnedTempFolders.create(Path.of(args[0]), args[1]));
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
