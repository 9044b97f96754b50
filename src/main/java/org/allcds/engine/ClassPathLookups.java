package org.allcds.engine;

import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The application's class loader as Drools sees it, answering "no such class" without searching. Compiling DRL (and
 * MVEL compiling a constraint on its first evaluation) tries every import for every identifier, so most lookups are for
 * classes that do not exist; in the packaged jar each miss searched every nested jar, which was most of the compile
 * time. So names in JDK packages go straight to the platform loader, other names are checked against an index of the
 * class path's class files (read once, when the class path can be listed), and misses are remembered. The class path
 * does not change while the service runs, and the classes a rule set declares live in Drools' own loader below this
 * one, so a miss stays a miss.
 */
final class ClassPathLookups extends ClassLoader {

    static {
        registerAsParallelCapable();
    }

    /** One per JVM: every rule set build and every reload shares the index and what was learnt. */
    static final ClassPathLookups APPLICATION = new ClassPathLookups(ClassPathLookups.class.getClassLoader());

    private static final String CLASS = ".class";

    private final Set<String> jdkPackages = jdkPackages();
    /** Class-file paths ({@code a/b/C.class}) on the class path; null when it cannot be listed (then only misses are remembered). */
    private final Set<String> classFiles;
    private final Set<String> missingClasses = ConcurrentHashMap.newKeySet();
    private final Set<String> missingResources = ConcurrentHashMap.newKeySet();

    ClassPathLookups(ClassLoader application) {
        super("allcds-classpath-lookups", application);
        this.classFiles = classFiles(application);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (missingClasses.contains(name)) {
            throw new Missing(name);
        }
        try {
            if (jdkPackages.contains(packageOf(name))) {
                return ClassLoader.getPlatformClassLoader().loadClass(name);
            }
            if (classFiles != null && !classFiles.contains(name.replace('.', '/') + CLASS)) {
                throw new Missing(name);
            }
            return getParent().loadClass(name);
        } catch (ClassNotFoundException e) {
            missingClasses.add(name);
            throw e;
        }
    }

    @Override
    public URL getResource(String name) {
        if (missingResources.contains(name) || isMissingClassFile(name)) {
            return null;
        }
        URL url = getParent().getResource(name);
        if (url == null) {
            missingResources.add(name);
        }
        return url;
    }

    /** A class file that the index says is not on the class path (JDK classes are not in the index: never missing here). */
    private boolean isMissingClassFile(String resource) {
        if (classFiles == null || !resource.endsWith(CLASS) || classFiles.contains(resource)) {
            return false;
        }
        String className = resource.substring(0, resource.length() - CLASS.length()).replace('/', '.');
        return !jdkPackages.contains(packageOf(className));
    }

    private static String packageOf(String className) {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? "" : className.substring(0, dot);
    }

    private static Set<String> jdkPackages() {
        Set<String> packages = new HashSet<>();
        ModuleLayer.boot().modules().forEach(m -> packages.addAll(m.getPackages()));
        return Set.copyOf(packages);
    }

    /** Every class file of a URL class loader's class path (directories and jars, nested jars included), or null. */
    private static Set<String> classFiles(ClassLoader loader) {
        if (!(loader instanceof URLClassLoader urls)) {
            return null;
        }
        Set<String> files = new HashSet<>();
        try {
            for (URL url : urls.getURLs()) {
                addClassFiles(url, files);
            }
            return Set.copyOf(files);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static void addClassFiles(URL url, Set<String> into) throws IOException {
        if ("file".equals(url.getProtocol()) && Files.isDirectory(Path.of(url.getPath()))) {
            Path root = Path.of(url.getPath());
            try (Stream<Path> walk = Files.walk(root)) {
                walk.map(p -> root.relativize(p).toString().replace('\\', '/')).forEach(p -> addClassFile(p, into));
            }
            return;
        }
        URL jar = "jar".equals(url.getProtocol()) ? url : new URL("jar:" + url + "!/");
        JarURLConnection connection = (JarURLConnection) jar.openConnection();
        connection.setUseCaches(true);
        JarFile file = connection.getJarFile();
        file.stream().forEach(e -> addClassFile(e.getName(), into));
    }

    /** Multi-release jars keep versioned classes under META-INF/versions/N/: they count under their plain name. */
    private static void addClassFile(String path, Set<String> into) {
        if (!path.endsWith(CLASS)) {
            return;
        }
        if (path.startsWith("META-INF/versions/")) {
            int slash = path.indexOf('/', "META-INF/versions/".length());
            path = slash < 0 ? path : path.substring(slash + 1);
        }
        into.add(path);
    }

    /** A miss: thrown thousands of times while compiling, so without the cost of a stack trace. */
    private static final class Missing extends ClassNotFoundException {
        Missing(String name) {
            super(name);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
