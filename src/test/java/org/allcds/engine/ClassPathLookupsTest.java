package org.allcds.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import org.allcds.facts.Finding;
import org.junit.jupiter.api.Test;

/** The class path index answers like the loader it stands for: JDK and application classes found, others not. */
class ClassPathLookupsTest {

    private final URLClassLoader application = new URLClassLoader(
            new URL[] {url(Path.of("target/classes"))}, ClassLoader.getPlatformClassLoader());
    private final ClassPathLookups lookups = new ClassPathLookups(application);

    @Test
    void findsApplicationAndJdkClasses() throws Exception {
        assertThat(lookups.loadClass(Finding.class.getName()).getClassLoader()).isSameAs(application);
        assertThat(lookups.loadClass("java.util.List")).isSameAs(java.util.List.class);
        assertThat(lookups.loadClass("javax.xml.stream.XMLStreamConstants")).isNotNull();
    }

    @Test
    void classFilesAreResourcesToo() {
        // The Java compiler inside Drools reads class files as resources, JDK ones included.
        assertThat(lookups.getResource("org/allcds/facts/Finding.class")).isNotNull();
        assertThat(lookups.getResource("java/lang/String.class")).isNotNull();
        assertThat(lookups.getResource("org/allcds/facts/NoSuchFact.class")).isNull();
        assertThat(lookups.getResource("allcds-rules/services.yaml")).isNotNull();
    }

    @Test
    void missesAreMissesEveryTime() {
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> lookups.loadClass("org.allcds.rules.risk.Finding")).isInstanceOf(ClassNotFoundException.class);
            assertThatThrownBy(() -> lookups.loadClass("java.lang.Finding")).isInstanceOf(ClassNotFoundException.class);
            assertThatThrownBy(() -> lookups.loadClass("org.allcds.facts.NoSuchFact")).isInstanceOf(ClassNotFoundException.class);
        }
    }

    private static URL url(Path path) {
        try {
            return path.toUri().toURL();
        } catch (java.net.MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }
}
