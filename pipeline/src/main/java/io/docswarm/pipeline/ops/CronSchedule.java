package io.docswarm.pipeline.ops;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import io.docswarm.pipeline.BatchRun;
import io.docswarm.pipeline.RunSummary;
import io.docswarm.pipeline.output.AtomicFiles;
import io.docswarm.pipeline.storage.Storage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a bounded pass at each tick of a cron expression. Never two at once: passes run one after another in
 * this thread, and a lock file in the output folder keeps a second scheduler on the same output from starting.
 * Catches up after downtime: when a tick was missed since the last recorded pass, one pass runs at once (not
 * one per missed tick, since each pass takes every pending spec). Every pass is logged to
 * {@code OUT/schedule.log}.
 */
public final class CronSchedule {

    private static final Logger LOG = LoggerFactory.getLogger(CronSchedule.class);
    static final String STATE_FILE = ".docswarm-schedule-last-run";
    static final String LOCK_FILE = ".docswarm-schedule.lock";
    static final String LOG_FILE = "schedule.log";

    private final BatchRun run;
    private final ExecutionTime ticks;
    private final String expression;
    private final Clock clock;
    private final Path stateDir;

    /**
     * @param run        the pass to run at each tick
     * @param expression the cron expression
     * @param clock      the time source
     * @param stateDir   where the lock, the last-run time and the log live: a local folder, since object stores
     *                   have no locks (the output folder itself when it is local)
     */
    public CronSchedule(BatchRun run, String expression, Clock clock, Path stateDir) {
        this.run = run;
        this.stateDir = stateDir;
        this.expression = expression;
        this.ticks = ExecutionTime.forCron(parse(expression));
        this.clock = clock;
    }

    /** A schedule whose state lives in the output folder (local) or under ~/.docswarm/schedule (object store). */
    public CronSchedule(BatchRun run, String expression, Clock clock) {
        this(run, expression, clock, defaultStateDir(run.out()));
    }

    static Path defaultStateDir(String out) {
        if (Storage.isLocal(out)) {
            return Path.of(out);
        }
        return Path.of(System.getProperty("user.home"), ".docswarm", "schedule", out.replaceAll("[^A-Za-z0-9._-]", "_"));
    }

    /**
     * Parses a 5-field Unix expression ({@code "0 * * * *"}: minute hour day month weekday) or a 6-field one
     * with seconds first ({@code "*&#47;30 * * * * *"}).
     */
    static Cron parse(String expression) {
        int fields = expression.trim().split("\\s+").length;
        CronType type = fields == 6 ? CronType.SPRING : CronType.UNIX;
        try {
            return new CronParser(CronDefinitionBuilder.instanceDefinitionFor(type)).parse(expression).validate();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a cron expression: '" + expression + "' (" + e.getMessage()
                    + "); use 5 fields (minute hour day month weekday) or 6 with seconds first");
        }
    }

    /** Runs passes at each tick until {@code stop} says so. */
    public void runUntil(BooleanSupplier stop) {
        try {
            Files.createDirectories(stateDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (FileChannel channel = FileChannel.open(stateDir.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = channel.tryLock()) {
            if (lock == null) {
                throw new IllegalStateException("another scheduler is already running for " + run.out()
                        + " (lock " + stateDir.resolve(LOCK_FILE) + ")");
            }
            loop(stop);
        } catch (java.nio.channels.OverlappingFileLockException e) {
            throw new IllegalStateException("another scheduler is already running for " + run.out(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + stateDir.resolve(LOCK_FILE), e);
        }
    }

    private void loop(BooleanSupplier stop) {
        if (missedTickSinceLastRun()) {
            pass("catch-up after downtime");
        }
        while (!stop.getAsBoolean() && !Thread.currentThread().isInterrupted()) {
            ZonedDateTime now = ZonedDateTime.now(clock);
            Optional<ZonedDateTime> next = ticks.nextExecution(now);
            if (next.isEmpty()) {
                LOG.info("schedule: '{}' has no further ticks; stopping", expression);
                return;
            }
            long wait = java.time.Duration.between(now, next.get()).toMillis();
            // Sleep in short steps so a stop request is noticed promptly.
            while (wait > 0 && !stop.getAsBoolean()) {
                try {
                    Thread.sleep(Math.min(wait, 250));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                wait = java.time.Duration.between(ZonedDateTime.now(clock), next.get()).toMillis();
            }
            if (!stop.getAsBoolean()) {
                pass("tick " + next.get().toInstant());
            }
        }
    }

    private boolean missedTickSinceLastRun() {
        Path state = stateDir.resolve(STATE_FILE);
        if (!Files.isRegularFile(state)) {
            return false;
        }
        try {
            Instant last = Instant.parse(Files.readString(state).strip());
            Optional<ZonedDateTime> due = ticks.nextExecution(last.atZone(clock.getZone()));
            return due.isPresent() && !due.get().isAfter(ZonedDateTime.now(clock));
        } catch (IOException | RuntimeException e) {
            LOG.warn("schedule: cannot read {} ({}); not catching up", state, e.getMessage());
            return false;
        }
    }

    private void pass(String why) {
        Instant started = clock.instant();
        String outcome;
        try {
            RunSummary summary = run.execute(s -> { });
            outcome = summary.toString();
        } catch (RuntimeException e) {
            outcome = "failed: " + e.getMessage();
        }
        String line = started + " " + why + ": " + outcome;
        LOG.info("schedule: {}", line);
        try {
            AtomicFiles.write(stateDir.resolve(STATE_FILE), started.toString().getBytes(StandardCharsets.UTF_8));
            Files.writeString(stateDir.resolve(LOG_FILE), line + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the pass in " + run.out(), e);
        }
    }
}
