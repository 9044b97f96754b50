package org.allcds.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Benchmarks of work the service does beside the pipeline, measured the same way (JMH inherits these settings): mean
 * time per operation in microseconds, one JVM with the service's own settings (README, container), 3 × 3 s warm-up,
 * 5 × 3 s measured.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgs = {"-Xmx256m", "-Xmn128m", "-XX:+UseSerialGC"})
public abstract class ServiceJvmBenchmark {
}
