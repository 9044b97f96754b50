package org.allcds.authoring;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The rule authors' commands, run from the service jar without Spring or a web server:
 * {@code lint <rules-dir>}, {@code test <rules-dir>} and {@code eval <bundle-or-request.json> [--service ID]
 * [--at DATE] [--rules DIR]}, {@code cards <folder-of-requests> --html out.html [--rules DIR]} (the card gallery),
 * {@code versions <rules-dir>} (records the rule versions' logic) and {@code changes <rules-dir>} (what each recorded
 * rule-set version changed).
 * Results go to stdout; the exit code is 0 when all is well, 1 when the rule set has errors
 * or a scenario fails, 2 when the command line is wrong.
 */
public final class AuthoringCli {

    static final Set<String> COMMANDS = Set.of("lint", "test", "eval", "cards", "versions", "changes");
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final String USAGE_TEXT = """
            usage: java -jar all-cds.jar lint <rules-dir>
                   java -jar all-cds.jar test <rules-dir>
                   java -jar all-cds.jar eval <bundle-or-request.json> [--service ID] [--at DATE] [--rules DIR]
                   java -jar all-cds.jar cards <folder-of-requests> --html <out.html> [--rules DIR]
                   java -jar all-cds.jar versions <rules-dir>
                   java -jar all-cds.jar changes <rules-dir>""";

    private AuthoringCli() {
    }

    /**
     * True when the arguments are an authoring command rather than the service's settings: the service takes only
     * {@code --name=value} options, so any other first word is a command, a misspelt one ({@code tset}, {@code help})
     * answered with the usage instead of starting a server on port 8080.
     */
    public static boolean isCommand(String[] args) {
        return args.length > 0 && !args[0].startsWith("--") || args.length == 1 && args[0].equals("--help");
    }

    /** Entry point from {@code main}: quiets library logging so stdout carries only the command's output. */
    public static int runFromMain(String[] args) {
        CliLogging.quiet();
        return run(args, System.out, System.err);
    }

    /** Runs a command with the given output streams; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            List<String> rest = new ArrayList<>(Arrays.asList(args).subList(1, args.length));
            return switch (args[0]) {
                case "lint" -> new LintCommand(out).run(folder(single(rest, "lint")));
                case "test" -> new TestCommand(out).run(folder(single(rest, "test")));
                case "eval" -> new EvalCommand(out, err).run(EvalCommand.Options.parse(rest));
                case "cards" -> new CardsCommand(out, err).run(CardsCommand.Options.parse(rest));
                case "versions" -> new VersionsCommand(out).run(folder(single(rest, "versions")));
                case "changes" -> new ChangesCommand(out).run(folder(single(rest, "changes")));
                case "help", "-h", "--help" -> help(out);
                default -> throw new UsageException("unknown command '" + args[0] + "'");
            };
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            err.println(USAGE_TEXT);
            return USAGE;
        } catch (InputException e) {
            err.println("error: " + e.getMessage());
            return FAILED;
        }
    }

    private static int help(PrintStream out) {
        out.println(USAGE_TEXT);
        out.println("       java -jar all-cds.jar [--name=value ...]   starts the service (see the README)");
        return OK;
    }

    private static String single(List<String> rest, String command) {
        if (rest.size() != 1) {
            throw new UsageException(command + " takes exactly one argument, the rules folder");
        }
        return rest.get(0);
    }

    static Path folder(String arg) {
        Path dir = Path.of(arg);
        if (!Files.isDirectory(dir)) {
            throw new UsageException("'" + arg + "' is not a folder");
        }
        return dir;
    }

    /** Input the command cannot use (a request the service refuses): reported in one line, exit code 1. */
    static final class InputException extends RuntimeException {
        InputException(String message) {
            super(message, null, false, false);
        }
    }

    /** A wrong command line: reported with the usage text and exit code 2. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message, null, false, false);
        }
    }
}
