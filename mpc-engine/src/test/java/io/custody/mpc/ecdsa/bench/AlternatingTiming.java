package io.custody.mpc.ecdsa.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Before/after timing on a shared machine, by hand (not a test, never run by the build): loads two builds of this
 * module (each a class-path of its test classes, main classes and dependencies) in separate class loaders of one JVM
 * and alternates their shots of one {@link ProtocolTiming#workload}, so a change of load hits both builds alike.
 * Reports wall time, the calling thread's CPU time and the whole process's CPU time (key generation and presigning
 * verify proofs on other threads too) as median (min - max).
 *
 * <pre>
 * java -cp "$CP" io.custody.mpc.ecdsa.bench.AlternatingTiming BEFORE_CP AFTER_CP workload shots [warm-ups]
 * </pre>
 */
public final class AlternatingTiming {

    public static void main(String[] args) throws Exception {
        String[] names = {"before", "after"};
        String workload = args[2];
        int shots = Integer.parseInt(args[3]);
        int warmups = args.length > 4 ? Integer.parseInt(args[4]) : 1;
        Runnable[] work = new Runnable[2];
        for (int v = 0; v < 2; v++) {
            List<URL> urls = new ArrayList<>();
            for (String part : args[v].split(":")) urls.add(Path.of(part).toUri().toURL());
            ClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
            work[v] = (Runnable) loader.loadClass(ProtocolTiming.class.getName()).getMethod("workload", String.class)
                    .invoke(null, workload);
        }
        for (int i = 0; i < warmups; i++) for (Runnable r : work) r.run();
        long[][][] ms = new long[2][3][shots];
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double loadStart = os.getSystemLoadAverage();
        for (int i = 0; i < shots; i++) {
            for (int k = 0; k < 2; k++) {
                int v = (i + k) % 2; // alternate which build goes first
                long cpu = os.getProcessCpuTime();
                long thread = threads.getCurrentThreadCpuTime();
                long wall = System.nanoTime();
                work[v].run();
                ms[v][0][i] = (System.nanoTime() - wall) / 1_000_000;
                ms[v][1][i] = (threads.getCurrentThreadCpuTime() - thread) / 1_000_000;
                ms[v][2][i] = (os.getProcessCpuTime() - cpu) / 1_000_000;
            }
        }
        System.out.printf("%s: %d shots each after %d warm-up(s), load average %.2f -> %.2f%n", workload, shots,
                warmups, loadStart, os.getSystemLoadAverage());
        String[] kinds = {"wall", "thread cpu", "process cpu"};
        for (int v = 0; v < 2; v++) {
            StringBuilder line = new StringBuilder(String.format("  %-6s", names[v]));
            for (int kind = 0; kind < 3; kind++) line.append(String.format(" | %s %s", kinds[kind], summary(ms[v][kind])));
            System.out.println(line);
        }
        for (int kind = 0; kind < 3; kind++) {
            System.out.printf("  after/before, %s medians: %.2f%n", kinds[kind],
                    (double) median(ms[1][kind]) / median(ms[0][kind]));
        }
    }

    private static long median(long[] xs) {
        long[] s = xs.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static String summary(long[] xs) {
        long[] s = xs.clone();
        Arrays.sort(s);
        return s[s.length / 2] + " ms (" + s[0] + " - " + s[s.length - 1] + ")";
    }
}
