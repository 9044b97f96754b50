package org.allcds.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * SHA-256 over the resources of one class-path root: each one's name within the root and its bytes, in name order.
 * The root is the one holding {@code anchor}, so that the same packages in another root (the test classes) do not
 * count; names are relative to it, so that neither where the root lies (a folder, the jar) nor when its files were
 * written changes the digest.
 */
final class ClassPathDigest {

    private ClassPathDigest() {
    }

    /** The hex digest of {@code seed} then every resource of the anchor's root that matches one of {@code patterns}. */
    static String of(ClassLoader loader, Class<?> anchor, String seed, String... patterns) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(seed.getBytes());
            for (Map.Entry<String, Resource> r : resources(loader, anchor, patterns).entrySet()) {
                sha.update(r.getKey().getBytes());
                try (InputStream in = r.getValue().getInputStream()) {
                    sha.update(in.readAllBytes());
                }
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The matching files of the anchor's root by their name within it (directories are not readable). */
    private static Map<String, Resource> resources(ClassLoader loader, Class<?> anchor, String... patterns)
            throws IOException {
        String anchorName = anchor.getName().replace('.', '/') + ".class";
        String anchorUrl = String.valueOf(loader.getResource(anchorName));
        String root = anchorUrl.substring(0, anchorUrl.length() - anchorName.length());
        PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver(loader);
        Map<String, Resource> byName = new TreeMap<>();
        for (String pattern : patterns) {
            for (Resource r : resolver.getResources("classpath*:" + pattern)) {
                String url = r.getURL().toString();
                if (url.startsWith(root) && r.isReadable()) {
                    byName.put(url.substring(root.length()), r);
                }
            }
        }
        return byName;
    }
}
