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
            return 1;
        });
        return commandLine.execute(args);
    }
}
