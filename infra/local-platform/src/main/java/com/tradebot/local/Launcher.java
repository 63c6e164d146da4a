package com.tradebot.local;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The jar's entry point. {@code mvn package} leaves beside the jar a class-data-sharing archive of the classes a start
 * and a first request load ({@code tradebot-local.jsa}, see the module's POM); the JVM can only take it as a
 * command-line flag, so when it is there (and newer than the jar) this starts the platform in a child JVM with
 * {@code -XX:SharedArchiveFile} and waits for it: start-up CPU and time halve, and {@code java -jar} stays the whole
 * command. Without a usable archive the platform runs in this JVM. The JVM checks the archive itself and silently
 * ignores one that does not match (another JDK, a moved jar).
 */
public final class Launcher {
    static final String RELAUNCHED = "tradebot.local.relaunched";
    /** Set to false to run without the archive, in this JVM. */
    static final String USE_ARCHIVE = "tradebot.local.cds";
    /**
     * The JIT settings template.yaml gives every function (Globals, JAVA_TOOL_OPTIONS: C1 only, Lambda's advice for
     * cold starts). The functions run inside the platform's JVM, so it takes them too: the functions then compile as
     * they do on AWS, and the platform's start-up needs about half the CPU (C2 compiling start-up code was half of
     * it). LauncherTest checks them against the template. JVM options given to {@code java} come after and win, e.g.
     * {@code java -XX:TieredStopAtLevel=4 -jar ...} for C2.
     */
    static final List<String> FUNCTION_JIT_OPTIONS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1");

    private Launcher() {
    }

    public static void main(String[] args) throws Exception {
        Path archive = System.getProperty(RELAUNCHED) == null
                && !"false".equals(System.getProperty(USE_ARCHIVE)) ? usableArchive() : null;
        if (archive == null) {
            LocalPlatformCli.main(args);
            return;
        }
        System.exit(runWithArchive(archive, args));
    }

    /** The archive beside this jar when it is at least as new as the jar, else null. */
    private static Path usableArchive() {
        try {
            Path jar = Path.of(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            String name = jar.getFileName().toString();
            if (!Files.isRegularFile(jar) || !name.endsWith(".jar")) {
                return null;
            }
            Path archive = jar.resolveSibling(name.substring(0, name.length() - 4) + ".jsa");
            return Files.isRegularFile(archive)
                    && !Files.getLastModifiedTime(archive).toInstant()
                            .isBefore(Files.getLastModifiedTime(jar).toInstant()) ? archive : null;
        } catch (URISyntaxException | IOException | SecurityException | IllegalArgumentException e) {
            return null;
        }
    }

    private static int runWithArchive(Path archive, String[] args) throws IOException, InterruptedException {
        Path jar = Path.of(archive.toString().replaceAll("\\.jsa$", ".jar"));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> options = jvmOptions();
        command.addAll(FUNCTION_JIT_OPTIONS);
        command.addAll(options);
        command.addAll(collectorDefault(options, System.getenv("JAVA_TOOL_OPTIONS"), System.getenv("JDK_JAVA_OPTIONS")));
        command.addAll(List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto", "-Xlog:cds=off",
                "-Xlog:cds+dynamic=off", "-D" + RELAUNCHED + "=true", "-jar", jar.toString()));
        command.addAll(List.of(args));
        Process child = new ProcessBuilder(command).inheritIO().start();
        // Ctrl-C reaches both JVMs; a plain SIGTERM to this one must stop the platform too, and wait for it.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            child.destroy();
            try {
                child.waitFor(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "local-platform-child-stop"));
        return child.waitFor();
    }

    /**
     * The platform's collector when the user chose none: ParallelGC. The embedded DynamoDB engine keeps every item
     * on the heap and is write-heavy, and G1's write barriers, remembered sets and concurrent refinement showed as
     * ~20 % of the engine's CPU in write-heavy runs (infra/dynamodb-engine/README.md); ParallelGC's young pauses are
     * short on a local heap. The heap size stays the JVM's default (a quarter of RAM): the data lives in it. A
     * collector named on the command line or in JAVA_TOOL_OPTIONS / JDK_JAVA_OPTIONS wins (naming two would stop the
     * JVM with "multiple garbage collectors selected").
     */
    static List<String> collectorDefault(List<String> options, String... environmentOptions) {
        List<String> all = new ArrayList<>(options);
        for (String environment : environmentOptions) {
            if (environment != null) {
                all.addAll(List.of(environment.trim().split("\\s+")));
            }
        }
        for (String option : all) {
            if (option.matches("-XX:[+-]Use\\w*GC")) {
                return List.of();
            }
        }
        return List.of("-XX:+UseParallelGC");
    }

    /** The JVM options this JVM was started with (e.g. -Xmx), so that the child gets them too. */
    private static List<String> jvmOptions() {
        List<String> options = new ArrayList<>();
        String[] arguments = ProcessHandle.current().info().arguments().orElse(new String[0]);
        for (String argument : arguments) {
            if (argument.equals("-jar") || argument.equals("-cp") || argument.equals("-classpath")
                    || !argument.startsWith("-")) {
                break;
            }
            options.add(argument);
        }
        return options;
    }
}
