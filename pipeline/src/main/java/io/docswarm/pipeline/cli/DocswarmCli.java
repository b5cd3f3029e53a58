package io.docswarm.pipeline.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code docswarm} command line. */
@Command(name = "docswarm", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Turns job specs in a bucket into finished Word, PowerPoint, Excel and PDF deliverables.",
        subcommands = {RunCommand.class, WatchCommand.class, ScheduleCommand.class, SkillsCommand.class,
                EngineCommand.class,
                CommandLine.HelpCommand.class})
public final class DocswarmCli {

    /** Exit code when the run finished but some specs or jobs failed (see OUT/_failed). */
    public static final int EXIT_SOME_FAILED = 3;

    /** Exit code for usage and setup errors: unknown options, missing or invalid arguments, missing folders. */
    public static final int EXIT_USAGE = 1;

    public static void main(String[] args) {
        // Libraries that log through java.util.logging (Lucene) go to SLF4J like everything else, so one
        // configuration (simplelogger.properties) decides what is shown.
        org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
        org.slf4j.bridge.SLF4JBridgeHandler.install();
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        CommandLine commandLine = new CommandLine(new DocswarmCli());
        // One clear line instead of a stack trace for expected failures (bad arguments, missing folders).
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("docswarm: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return EXIT_USAGE;
        });
        // Usage errors exit 1 as the README promises (picocli's default is 2): the problem, a suggestion for a
        // mistyped option, and where the help is.
        commandLine.setParameterExceptionHandler((e, arguments) -> {
            CommandLine cmd = e.getCommandLine();
            cmd.getErr().println("docswarm: " + e.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(e, cmd.getErr());
            cmd.getErr().println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
            return EXIT_USAGE;
        });
        return commandLine.execute(args);
    }
}
