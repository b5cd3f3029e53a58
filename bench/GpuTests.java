// A JUnit launcher main for GPU machines without Maven (see bench/gpu-bundle.sh): GpuTests CLASS [METHOD_REGEX].
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.PrintWriter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.MethodFilter;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/** Runs test classes (args: CLASS [METHOD_NAME_REGEX]) with the JUnit launcher and prints a summary. */
public class GpuTests {
    public static void main(String[] args) {
        LauncherDiscoveryRequestBuilder b = LauncherDiscoveryRequestBuilder.request().selectors(selectClass(args[0]));
        if (args.length > 1) {
            b.filters(MethodFilter.includeMethodNamePatterns(args[1]));
        }
        b.configurationParameter("junit.jupiter.execution.parallel.enabled", "false");
        LauncherDiscoveryRequest request = b.build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        TestExecutionListener each = new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult r) {
                if (id.isTest()) {
                    System.out.println(r.getStatus() + " " + id.getDisplayName()
                            + r.getThrowable().map(t -> ": " + t.getMessage()).orElse(""));
                }
            }

            @Override
            public void executionSkipped(TestIdentifier id, String reason) {
                System.out.println("SKIPPED " + id.getDisplayName() + ": " + reason);
            }
        };
        launcher.execute(request, summary, each);
        PrintWriter out = new PrintWriter(System.out);
        summary.getSummary().printTo(out);
        summary.getSummary().printFailuresTo(out, 5);
        out.flush();
    }
}
